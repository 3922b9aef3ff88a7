"""Change one documented output: the build and pytest both fail, naming the file."""

import subprocess
import sys

import pytest
from helpers import copy_project, mkdocs_build

CASES = {
    # a single `#> ` line
    "snippets/loss_functions/huber.py": ("#> 0.18\n", "#> 0.186033\n"),
    # a line inside a `'''` block (model.summary)
    "snippets/building_models/sequential.py": (" Total params: 26 (104.00 B)", " Total params: 27 (104.00 B)"),
}


@pytest.fixture(scope="module")
def drifted(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    for snippet, (old, new) in CASES.items():
        path = project / snippet
        source = path.read_text(encoding="utf-8")
        assert old in source, f"{snippet} no longer documents {old!r}: update this test"
        path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return project


def test_build_fails_naming_each_drifted_snippet(drifted, tmp_path):
    result = mkdocs_build(drifted, tmp_path / "site")
    assert result.returncode != 0
    for snippet in CASES:
        assert f"{snippet}:" in result.stderr, result.stderr
    assert "--update-examples" in result.stderr


def test_pytest_fails_naming_each_drifted_snippet(drifted):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_examples.py"],
        cwd=drifted,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout
    for snippet in CASES:
        assert f"FAILED tests/test_examples.py::test_example_output[{snippet}]" in result.stdout
    assert "2 failed" in result.stdout
    assert "pytest tests/test_examples.py --update-examples" in result.stdout
