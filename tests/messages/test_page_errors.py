"""Every way a snippet or a page can go wrong stops the build with a message that names it; a
build costs what changed.

Each test changes a copy of a small project that has the real hooks and configuration and a
warm snippet cache (tiny_fixtures.py), so only what the test changed runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from helpers import ROOT, build_env, mkdocs_build, tiny_project
from tiny_fixtures import add_to_pages, build, executed, run_example_tests, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"


def cache_entries(project):
    return sorted(p.name for p in (project / ".cache" / "snippets").iterdir() if p.is_dir())


def test_a_raising_snippet_fails_the_build_and_is_not_cached(tiny):
    write(tiny, HELLO, 'print("hello")\n#> hello\nraise ValueError("broken on purpose")\n')
    entries = cache_entries(tiny)
    result = build(tiny)
    assert result.returncode != 0
    for language in ("zh", "en"):
        assert f"docs/{language}/page.md: {HELLO}:3: raised ValueError: broken on purpose" in result.stderr, result.stderr
    again = build(tiny)
    assert again.returncode != 0
    # The failed snippet had no entry, so it ran again, and again left none (nor a half-written one).
    assert f"snippets: 1 executed ({HELLO}), 1 from .cache/" in again.stderr, again.stderr
    assert cache_entries(tiny) == entries


def test_a_snippet_that_runs_too_long_is_stopped(tiny):
    write(tiny, HELLO, 'import time\ntime.sleep(600)\nprint("hello")\n#> hello\n')
    result = build(tiny, SNIPPET_TIMEOUT="2")  # returns: the build ended (the sleep is 600 s)
    assert result.returncode != 0
    assert f"{HELLO}: timed out after 2 s (SNIPPET_TIMEOUT=2)" in result.stderr, result.stderr


BLOCK = "snippets/demo/block.py"
BLOCK_SOURCE = "print('first\\nsecond')\n'''\nfirst\nsecond\n'''\n"


def test_output_drift_shows_expected_and_actual(tiny):
    write(tiny, HELLO, 'print("hello")\n#> hullo\n')
    write(tiny, BLOCK, BLOCK_SOURCE.replace("second\n'''", "secnod\n'''"))
    add_to_pages(tiny, f'```python\n--8<-- "{BLOCK}"\n```\n')
    result = build(tiny)
    assert result.returncode != 0
    assert f"{HELLO}:2: the documented output differs from what the code prints" in result.stderr, result.stderr
    assert "-#> hullo" in result.stderr and "+#> hello" in result.stderr
    assert "--- documented" in result.stderr and "+++ actual" in result.stderr
    assert f"{BLOCK}:4: the documented output differs" in result.stderr
    assert "-secnod" in result.stderr and "+second" in result.stderr
    assert "pytest tests/test_examples.py --update-examples" in result.stderr


def test_pytest_fails_naming_each_drifted_snippet_and_updates_them(tiny):
    write(tiny, HELLO, 'print("hello")\n#> hullo\n')
    write(tiny, BLOCK, BLOCK_SOURCE.replace("second\n'''", "secnod\n'''"))
    result = run_example_tests(tiny)
    assert result.returncode == 1, result.stdout
    for snippet in (HELLO, BLOCK):
        assert f"FAILED tests/test_examples.py::test_example_output[{snippet}]" in result.stdout
    assert "2 failed, 1 passed" in result.stdout
    assert "pytest tests/test_examples.py --update-examples" in result.stdout
    updated = run_example_tests(tiny, "--update-examples")
    assert updated.returncode == 0, updated.stdout
    assert (tiny / HELLO).read_text() == 'print("hello")\n#> hello\n'
    assert (tiny / BLOCK).read_text() == BLOCK_SOURCE


@pytest.mark.parametrize(
    "include",
    ['--8<-- "snippets/demo/no_such_snippet.py"', f'--8<-- "{HELLO}:no_such_section"'],
    ids=["missing-file", "missing-section"],
)
def test_an_include_of_something_missing_fails_naming_the_page(tiny, include):
    add_to_pages(tiny, f"```python\n{include}\n```\n")
    result = build(tiny)
    assert result.returncode != 0
    assert "page.md" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_broken_links_fail_the_build_in_either_language(tiny):
    links = ["no-such-page.md", "index.md#no-such-anchor", "#nowhere"]
    add_to_pages(tiny, "\n".join(f"[broken]({link})" for link in links) + "\n")
    result = build(tiny)
    assert result.returncode != 0
    for language in ("zh", "en"):
        for link in links:
            assert re.search(rf"'{language}/page\.md'.*'{re.escape(link)}'", result.stderr), (language, link, result.stderr)


def test_a_snippet_leaves_nothing_behind(tiny, tmp_path):
    write(tiny, HELLO, (
        "import os, pathlib, subprocess\n"
        "open('leak.txt', 'w').write('x')\n"
        "pathlib.Path(__file__).with_name('leak_beside_me.txt').write_text('x')\n"
        "os.chdir('..')\n"
        'print("hello")\n#> hello\n'
    ))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    before = {p for p in tiny.rglob("*") if ".cache" not in p.parts}
    result = build(tiny, TMPDIR=str(scratch))
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == 1
    assert {p for p in tiny.rglob("*") if ".cache" not in p.parts} == before
    assert not list((tiny.parent / "site").rglob("leak*"))
    assert not list(scratch.glob("snippet-*")), list(scratch.iterdir())


def test_outputs_and_figures_do_not_depend_on_the_number_of_workers(tmp_path):
    """The plot snippets of the site, cold, with one worker and with two: the same bytes."""
    trees = []
    for workers in ("1", "2"):
        project = tiny_project(tmp_path / f"workers-{workers}")
        markdown = []
        for snippet in sorted((ROOT / "snippets").rglob("*_plot.py")):
            name = snippet.relative_to(ROOT).as_posix()
            write(project, name, snippet.read_text(encoding="utf-8"))
            figure = name.replace("snippets/", "figures/", 1).replace(".py", ".svg")
            markdown.append(f'![{snippet.stem}]({figure})\n\n```python\n--8<-- "{name}"\n```\n')
        for language in ("zh", "en"):
            write(project, f"docs/{language}/plots.md", "# Plots\n\n" + "\n".join(markdown))
        site = tmp_path / f"site-{workers}"
        result = mkdocs_build(project, site, SNIPPET_WORKERS=workers, SOURCE_DATE_EPOCH="1700000000")
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    different = [str(path) for path in trees[0] if trees[0][path] != trees[1][path]]
    assert not different, different
    assert sum(1 for path in trees[0] if path.suffix == ".svg") >= 8


# A build costs what changed ------------------------------------------------------------------

# Runs `mkdocs build` in this process and reports whether TensorFlow was imported here.
BUILD_AND_REPORT = """
import runpy, sys
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print("tensorflow imported:", "tensorflow" in sys.modules, file=sys.stderr)
sys.exit(code)
"""


def build_in_process(project):
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(project.parent / "site")],
        cwd=project, capture_output=True, text=True, env=build_env(),
    )
    assert result.returncode == 0, result.stderr
    counts = re.search(r"snippets: (\d+) executed(?: \(([^)]*)\))?, (\d+) from \.cache/", result.stderr)
    assert counts, result.stderr
    return int(counts[1]), counts[2], int(counts[3]), result.stderr


def test_an_unchanged_site_executes_nothing_and_never_imports_tensorflow(tiny):
    count, _, cached, log = build_in_process(tiny)
    assert (count, cached) == (0, 2)
    assert "tensorflow imported: False" in log


def test_a_prose_edit_executes_nothing(tiny):
    add_to_pages(tiny, "One more sentence.\n")
    count, _, _, _ = build_in_process(tiny)
    assert count == 0


def test_editing_one_snippet_executes_exactly_that_snippet(tiny):
    write(tiny, HELLO, (tiny / HELLO).read_text() + "# an edit\n")
    count, names, _, log = build_in_process(tiny)
    assert (count, names) == (1, HELLO)
    assert f"snippets: slowest: {HELLO} " in log
    durations = json.loads((tiny / ".cache" / "snippets" / "durations.json").read_text())
    assert set(durations) == {HELLO, "snippets/demo/hello_plot.py"}
