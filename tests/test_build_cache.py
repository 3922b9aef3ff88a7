"""A build costs what changed: the snippet cache, counted (`make bench` measures the times)."""

import re
import subprocess
import sys

import pytest
from helpers import build_env, copy_project

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


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    build(project)  # fill the cache for this copy
    return project


def build(project):
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=build_env(),
    )
    assert result.returncode == 0, result.stderr
    executed = re.search(r"snippets: (\d+) executed(?: \(([^)]*)\))?, (\d+) from \.cache/", result.stderr)
    assert executed, result.stderr
    return int(executed[1]), executed[2], int(executed[3]), result.stderr


def test_an_unchanged_site_executes_nothing_and_never_imports_tensorflow(project):
    count, _, cached, log = build(project)
    assert count == 0 and cached >= 10
    assert "tensorflow imported: False" in log


def test_a_prose_edit_executes_nothing(project):
    page = project / "docs" / "en" / "loss-functions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    count, _, _, _ = build(project)
    assert count == 0


def test_editing_one_snippet_executes_exactly_that_snippet(project):
    snippet = project / "snippets" / "loss_functions" / "huber.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    count, names, _, _ = build(project)
    assert (count, names) == (1, "snippets/loss_functions/huber.py")
