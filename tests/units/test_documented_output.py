"""hooks/documented_output.py: the documented output of a snippet, and the pytest-examples
internals the build relies on. If pytest-examples moves or changes one of them, this fails here,
naming it, before a build fails in a confusing way."""

import sys
from pathlib import Path

import documented_output

SOURCE = """\
x = [1, 2]
print(x)
#> [1, 2]
print("a\\nb")
'''
a
b
'''
"""


def test_split_separates_code_from_the_output_it_documents():
    split = documented_output.split(SOURCE)
    assert split.code == 'x = [1, 2]\nprint(x)\nprint("a\\nb")\n'
    assert split.line_numbers == {1: 1, 2: 2, 4: 3}
    assert split.output == ["[1, 2]", "a", "b"]


def run(source: str, path: Path):
    """Run `source` as the worker does, returning the print statements pytest-examples captured."""
    config = documented_output.config()
    path.write_text(source, encoding="utf-8")
    capture = documented_output.print_capture(path, config)
    with capture:
        exec(compile(source, str(path), "exec"), {"__name__": "__main__"})
    return capture.print_statements(), config


def test_a_correct_snippet_rebuilds_to_itself(tmp_path):
    path = tmp_path / "probe.py"
    statements, config = run(SOURCE, path)
    assert [s.line_no for s in statements] == [2, 4]
    expected = documented_output.rebuild_source(SOURCE, path, statements, config)
    assert documented_output.same_source(SOURCE, expected)


def test_a_wrong_output_rebuilds_to_the_truth_and_diffs(tmp_path):
    path = tmp_path / "probe.py"
    wrong = SOURCE.replace("#> [1, 2]", "#> [1, 3]")
    statements, config = run(wrong, path)
    expected = documented_output.rebuild_source(wrong, path, statements, config)
    assert expected == SOURCE
    diff = documented_output.output_diff(wrong, expected, path, config)
    assert "--- documented" in diff and "+++ actual" in diff
    assert "-#> [1, 3]" in diff and "+#> [1, 2]" in diff


def test_the_fast_caller_lookup_finds_the_same_lines(tmp_path):
    path = tmp_path / "probe.py"
    slow, _ = run(SOURCE, path)
    import pytest_examples.run_code

    original = pytest_examples.run_code.inspect
    try:
        documented_output.warm_up()
        assert pytest_examples.run_code.inspect is not original
        fast, _ = run(SOURCE, path)
    finally:
        pytest_examples.run_code.inspect = original
    assert [(s.line_no, s.args) for s in fast] == [(s.line_no, s.args) for s in slow]
    assert "pytest_examples" in sys.modules
