"""hooks/notebook_pages.py renders notebook pages exactly as mkdocs-jupyter would.

Its `Converter` does what mkdocs-jupyter's `convert.nb2html` and `_get_nb_toc_tokens` do, with
nbconvert's exporters made once per build. Here each renders the site's own notebooks in a
process of its own (mkdocs-jupyter changes nbconvert when it is imported, so a process that had
imported it for the comparison would hide a converter that forgets to), one converter for all of
them (nothing of one notebook may leak into the next), and the two must agree byte for byte. An
upgrade of mkdocs-jupyter or nbconvert that changes what they produce fails here.

A cold build renders its notebooks ahead, in forked processes (`render_ahead`), and goes on
building pages meanwhile: what the forks leave in the cache must be what rendering in the build's
own process gives.
"""

import json
import subprocess
import sys

import pytest

from helpers import ROOT

RENDER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
paths = [Path(p) for p in sys.argv[3:]]
if sys.argv[2] == "converter":
    from notebook_pages import Converter
    converter = Converter()
    out = {str(p): [converter.html(p), converter.toc(p)] for p in paths}
else:
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens
    from notebook_pages import TOC_DEPTH
    out = {
        str(p): [convert.nb2html(str(p), execute=False, theme="", allow_errors=True),
                 _get_nb_toc_tokens(str(p), TOC_DEPTH)]
        for p in paths
    }
print(json.dumps(out))
"""


def render(kind: str, notebooks: list) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", RENDER, str(ROOT / "hooks"), kind, *map(str, notebooks)],
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(result.stdout)


@pytest.mark.long
def test_converter_gives_what_mkdocs_jupyter_gives(built_site):
    notebooks = sorted(built_site.glob("**/notebooks/*/*.ipynb"))
    assert len(notebooks) >= 2, "the site has no notebooks to compare"
    ours, theirs = render("converter", notebooks), render("mkdocs-jupyter", notebooks)
    for notebook in map(str, notebooks):
        html, toc = ours[notebook]
        expected_html, expected_toc = theirs[notebook]
        assert html == expected_html, f"{notebook}: the HTML differs"
        # The same entries, except that code in a heading keeps its text in ours (mkdocs-jupyter
        # drops it: "`call` 中的控制流" is listed as "中的控制流"), and so its slug.
        entries, expected_entries = flatten(toc[0]), flatten(expected_toc[0])
        assert [level for level, _ in entries] == [level for level, _ in expected_entries], notebook
        for (_, name), (_, expected_name) in zip(entries, expected_entries):
            assert all(word in name for word in expected_name.split()), f"{notebook}: {name!r} for {expected_name!r}"
        assert toc[1] == expected_toc[1], f"{notebook}: the title differs"
        kept = [name for name in (n for _, n in entries) if "call" in name and "控制流" in name or "control flow in call" in name.lower()]
        if "building-models" in notebook:
            assert kept, f"{notebook}: the heading with code lost it: {[n for _, n in entries]}"


def flatten(tokens: list) -> list[tuple[int, str]]:
    """(level, name) of every entry of a table of contents, in order."""
    out = []
    for token in tokens:
        out.append((token["level"], token["name"]))
        out += flatten(token["children"])
    return out


AHEAD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import notebook_pages
notebook_pages.CACHE = Path(sys.argv[2])
notebooks = [Path(p) for p in sys.argv[3:]]
notebook_pages.render_ahead(notebooks)  # forks: this process renders none of them itself
# It returned at once: the pages are built meanwhile.
pending = sum(not notebook_pages._cached(p).is_file() for p in notebooks)
notebook_pages.wait_for_renderings()
cached = {str(p): json.loads(notebook_pages._cached(p).read_text())
          for p in notebooks}
inline = {str(p): json.loads(json.dumps(notebook_pages._render(p))) for p in notebooks}
print(json.dumps({"same": cached == inline, "count": len(cached), "pending": pending}))
"""


def test_notebooks_rendered_ahead_in_forks_equal_those_rendered_inline(built_site, tmp_path):
    notebooks = sorted(built_site.glob("**/notebooks/*/*.ipynb"))[:4]
    assert len(notebooks) == 4
    result = subprocess.run(
        [sys.executable, "-c", AHEAD, str(ROOT / "hooks"), str(tmp_path), *map(str, notebooks)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert (report["same"], report["count"]) == (True, 4)
    assert report["pending"] > 0, "render_ahead waited for the renderings"
