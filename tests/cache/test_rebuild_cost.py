"""A build costs what changed: an unchanged site runs no snippet and never imports TensorFlow, a
prose edit runs nothing, and an edited snippet runs alone (on a copy of the small project with a
warm cache, tiny_fixtures.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import build_env
from tiny_fixtures import REPORT, add_to_pages, cached, executed, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"

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
    """(snippets run, snippets from the cache, log) of a build of `project`."""
    (project / ".cache" / REPORT).unlink()
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(project.parent / "site")],
        cwd=project, capture_output=True, text=True, env=build_env(),
    )
    assert result.returncode == 0, result.stderr
    return executed(project), cached(project), result.stderr


def test_an_unchanged_site_executes_nothing_and_never_imports_tensorflow(tiny):
    ran, hits, log = build_in_process(tiny)
    assert (ran, len(hits)) == ([], 2)
    assert "tensorflow imported: False" in log


def test_a_prose_edit_executes_nothing(tiny):
    add_to_pages(tiny, "One more sentence.\n")
    ran, _, _ = build_in_process(tiny)
    assert ran == []


def test_editing_one_snippet_executes_exactly_that_snippet(tiny):
    write(tiny, HELLO, (tiny / HELLO).read_text() + "# an edit\n")
    ran, _, log = build_in_process(tiny)
    assert ran == [HELLO]
    assert f"snippets: slowest: {HELLO} " in log
    durations = json.loads((tiny / ".cache" / "snippets" / "durations.json").read_text())
    assert set(durations) == {HELLO, "snippets/demo/hello_plot.py"}
