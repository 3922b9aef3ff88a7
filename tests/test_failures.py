"""Every way a snippet or a page can go wrong stops the build with a message that names it.

Each test injects one fault into a copy of the project (with a warm snippet cache, so only the
faulty snippet runs) and checks the outcome.
"""

import re
import subprocess
import time

import pytest
from helpers import copy_project, mkdocs_build

HUBER = "snippets/loss_functions/huber.py"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def cache_entries(project):
    return sorted(p.name for p in (project / ".cache" / "snippets").iterdir())


def replace_in(path, old, new):
    """Replace the first `old` with `new`; return the line number where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_raising_snippet_fails_the_build_and_is_not_cached(project, tmp_path):
    line = replace_in(project / HUBER, "huber = keras", 'raise ValueError("broken on purpose")\nhuber = keras')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{HUBER}:{line}: raised ValueError: broken on purpose" in result.stderr, result.stderr
    entries = cache_entries(project)
    again = mkdocs_build(project, tmp_path / "site")
    assert again.returncode != 0
    # Everything else came from the cache; the failed snippet had no entry, so it ran again...
    assert re.search(rf"snippets: 1 executed \({HUBER}\), [1-9]\d* from \.cache/", again.stderr), again.stderr
    # ...and failed again without leaving an entry (or a half-written one) behind.
    assert cache_entries(project) == entries
    assert not [name for name in entries if "-" in name]


def test_a_snippet_that_runs_too_long_is_stopped(project, tmp_path):
    replace_in(project / HUBER, "huber = keras", "import time\ntime.sleep(600)\nhuber = keras")
    started = time.monotonic()
    result = mkdocs_build(project, tmp_path / "site", SNIPPET_TIMEOUT="20")
    assert time.monotonic() - started < 120
    assert result.returncode != 0
    assert f"{HUBER}: timed out after" in result.stderr, result.stderr
    assert "SNIPPET_TIMEOUT=20" in result.stderr


def test_output_drift_shows_expected_and_actual(project, tmp_path):
    line = replace_in(project / HUBER, "#> 0.18\n", "#> 0.186033\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{HUBER}:{line}: the documented output differs" in result.stderr, result.stderr
    assert "-#> 0.186033" in result.stderr and "+#> 0.18" in result.stderr
    assert "--- documented" in result.stderr and "+++ actual" in result.stderr
    assert "pytest tests/test_examples.py --update-examples" in result.stderr


@pytest.mark.parametrize(
    "include",
    ['--8<-- "snippets/loss_functions/no_such_snippet.py"', f'--8<-- "{HUBER}:no_such_section"'],
    ids=["missing-file", "missing-section"],
)
def test_an_include_of_something_missing_fails_naming_the_page(project, tmp_path, include):
    replace_in(project / "docs/en/index.md", "## Versions", f"```python\n{include}\n```\n\n## Versions")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "en/index.md" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "link",
    ["[broken](no-such-page.md)", "[broken](loss-functions.md#no-such-anchor)", "[broken](#nowhere)"],
    ids=["page", "anchor-on-other-page", "anchor-on-same-page"],
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_broken_link_fails_the_build(project, tmp_path, language, link):
    replace_in(project / f"docs/{language}/building-models.md", "\n## ", f"\n{link}\n\n## ")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{language}/building-models.md" in result.stderr, result.stderr


def test_two_clean_builds_are_byte_identical(tmp_path):
    trees = []
    for name in ("one", "two"):
        project = copy_project(tmp_path / name)
        subprocess.run(["rm", "-rf", str(project / ".cache")], check=True)
        site = tmp_path / f"site-{name}"
        result = mkdocs_build(project, site, SOURCE_DATE_EPOCH="1700000000")
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    different = [str(path) for path in trees[0] if trees[0][path] != trees[1][path]]
    assert not different, different


def test_a_snippet_cannot_leave_files_behind(project, tmp_path):
    replace_in(
        project / HUBER,
        "huber = keras",
        "import os, pathlib\n"
        "open('leak.txt', 'w').write('x')\n"
        "pathlib.Path(__file__).with_name('leak_beside_me.txt').write_text('x')\n"
        "os.chdir('..')\n"
        "huber = keras",
    )
    before = {p for p in project.rglob("*") if ".cache" not in p.parts}
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    after = {p for p in project.rglob("*") if ".cache" not in p.parts}
    assert after == before
    assert not list(site.rglob("leak*")) and not list(project.rglob("leak*"))
