"""Fixtures for the tests that build the small project (tests/fixtures/tiny-project/, copied with
the real hooks and configuration by helpers.tiny_project): a few seconds a build instead of the
whole site. Import them into a test module."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, build_env, mkdocs_build, tiny_project


def _build_tiny(directory: Path) -> str:
    project = tiny_project(directory / "project")
    result = mkdocs_build(project, directory / "site")
    assert result.returncode == 0, result.stderr
    return str(project)


@pytest.fixture(scope="session")
def warm_tiny(make_once):
    """A built small project, made once per session (conftest.make_once): tests change copies,
    which start with its warm cache."""
    return Path(make_once("tiny-project", _build_tiny))


@pytest.fixture
def tiny(warm_tiny, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(warm_tiny, project)
    return project


def build(project: Path, **env: str) -> subprocess.CompletedProcess:
    """Build a changed copy. One snippet worker unless a test says otherwise: what changed is a
    few small snippets, and a second worker costs a clone of the first and its own thread (the
    number of workers is tested in sandbox/test_isolation.py). The copy's build report (from the
    warm build) is removed first: a build that stops early writes none."""
    (project / ".cache" / REPORT).unlink(missing_ok=True)
    return mkdocs_build(project, project.parent / "site", **{"SNIPPET_WORKERS": "1", **env})


def write(project: Path, name: str, text: str) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def add_to_pages(project: Path, markdown: str) -> None:
    for language in ("zh", "en"):
        page = project / "docs" / language / "page.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n" + markdown, encoding="utf-8")


REPORT = "build-report.json"  # hooks/build_report.py


def report(project: Path) -> dict:
    """What the project's last build did (hooks/build_report.py)."""
    return json.loads((project / ".cache" / REPORT).read_text(encoding="utf-8"))


def executed(project: Path) -> list[str]:
    """The snippets the last build ran (successfully or not), not taken from the cache."""
    return [s["name"] for s in report(project)["snippets"] if s["outcome"] in ("ran", "failed")]


def cached(project: Path) -> list[str]:
    return [s["name"] for s in report(project)["snippets"] if s["outcome"] == "cached"]


def run_example_tests(project: Path, *options: str) -> subprocess.CompletedProcess:
    """The project's own `pytest tests/test_examples.py -k test_example_output` (one process),
    with this repository's tests (and the tools their conftest imports) and pytest.ini copied in first."""
    if not (project / "tests").exists():
        for folder in ("tests", "tools"):
            shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(ROOT / "pytest.ini", project / "pytest.ini")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
               "tests/test_examples.py", "-k", "test_example_output", *options]
    # env: os.environ's. Without it the child inherits the C environment, in which readline
    # (which pytest imports) has set LINES, part of the snippet cache's key: every entry would miss.
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=build_env())
