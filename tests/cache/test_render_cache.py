"""A warm build renders nothing again, and shows exactly what rendering afresh shows.

hooks/render_cache.py keeps highlighted code and material's search entries, hooks/mathml.py the
formulas, hooks/notebook_pages.py the notebook pages, all in .cache/. On the small project (with
a formula and Chinese prose added, in both languages): a build with none of these kept, then a
build in which highlighting, formula conversion, search indexing and notebook conversion all
raise if called. The second must succeed (every language's results were kept) and its site must
equal the first, file for file.
"""

import filecmp
import shutil
import subprocess
import sys

from helpers import build_env, mkdocs_build
from tiny_fixtures import add_to_pages, tiny  # noqa: F401 - fixture
from tiny_fixtures import warm_tiny  # noqa: F401 - fixture

RENDER_CACHES = ["highlight.json", "mathml.json", "search.json", "notebook-html"]

BUILD_RENDERING_NOTHING = """
import runpy, sys

def refuse(what):
    def called(*args, **kwargs):
        raise AssertionError(f"a warm build {what} again")
    return called

# Replaced before the hooks wrap them, so a miss in any of their caches calls these.
import latex2mathml.converter, pymdownx.highlight
from material.plugins.search import plugin as search
from nbconvert.exporters.html import HTMLExporter
pymdownx.highlight.Highlight.highlight = refuse("highlighted code")
latex2mathml.converter.convert = refuse("converted a formula")
search.SearchIndex.add_entry_from_context = refuse("indexed a page for search")
HTMLExporter.from_filename = refuse("converted a notebook")

sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
runpy.run_module("mkdocs", run_name="__main__")
"""


def test_a_warm_build_renders_nothing_and_equals_a_fresh_one(tiny):  # noqa: F811
    add_to_pages(tiny, "The loss $L = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2$ and\n\n$$e^{i\\pi} + 1 = 0$$\n")
    zh_page = tiny / "docs" / "zh" / "page.md"
    zh_page.write_text(zh_page.read_text(encoding="utf-8") + "\n均方误差对离群点很敏感。\n", encoding="utf-8")
    for name in RENDER_CACHES:
        path = tiny / ".cache" / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    fresh, warm = tiny.parent / "fresh", tiny.parent / "warm"
    first = mkdocs_build(tiny, fresh)
    assert first.returncode == 0, first.stderr
    for name in RENDER_CACHES:
        assert (tiny / ".cache" / name).exists(), f"the build kept no .cache/{name}"

    second = subprocess.run(
        [sys.executable, "-c", BUILD_RENDERING_NOTHING, str(warm)],
        cwd=tiny, capture_output=True, text=True, env=build_env(),
    )
    assert second.returncode == 0, second.stderr[-3000:]
    assert "<math" in (warm / "page" / "index.html").read_text(encoding="utf-8")

    def differences(comparison: filecmp.dircmp, where: str = "") -> list[str]:
        found = [f"{where}{name}" for name in comparison.diff_files + comparison.left_only + comparison.right_only]
        for name, sub in comparison.subdirs.items():
            found += differences(sub, f"{where}{name}/")
        return found

    mismatched = differences(filecmp.dircmp(fresh, warm, ignore=[]))  # compares contents
    assert not mismatched, f"the warm build's site differs from the fresh one: {mismatched}"
