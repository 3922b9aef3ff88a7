"""hooks/documented_output.py: the documented output of a snippet, and the pytest-examples
internals the build relies on. If pytest-examples moves or changes one of them, this fails here,
naming it, before a build fails in a confusing way."""

import json
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
    """Run `source` as the worker does (from a file, as bytes: a byte-order mark and any line
    endings as Python reads them), returning the print statements pytest-examples captured."""
    config = documented_output.config()
    path.write_bytes(source.encode("utf-8"))
    capture = documented_output.print_capture(path, config)
    with capture:
        exec(compile(path.read_bytes(), str(path), "exec"), {"__name__": "__main__"})
    return capture.print_statements(), config


def test_a_correct_snippet_rebuilds_to_itself(tmp_path):
    path = tmp_path / "probe.py"
    statements, config = run(SOURCE, path)
    assert [s.line_no for s in statements] == [2, 4]
    assert documented_output.rebuild_source(SOURCE, statements, config) == SOURCE
    assert documented_output.compare(SOURCE, statements, config) is None


def test_a_wrong_output_rebuilds_to_the_truth_and_diffs(tmp_path):
    path = tmp_path / "probe.py"
    wrong = SOURCE.replace("#> [1, 2]", "#> [1, 3]")
    statements, config = run(wrong, path)
    assert documented_output.rebuild_source(wrong, statements, config) == SOURCE
    mismatch = documented_output.compare(wrong, statements, config)
    assert (mismatch.line, mismatch.expected) == (3, SOURCE)
    assert "--- documented" in mismatch.message and "+++ actual" in mismatch.message
    assert "-#> [1, 3]" in mismatch.message and "+#> [1, 2]" in mismatch.message


def test_the_prints_cross_a_pipe_as_data(tmp_path):
    """What a snippet printed can be sent as JSON and compared on the other side, formatted the
    same (black formats a long value that is not a string)."""
    source = "x = {'a': list(range(30)), 'b': 'text'}\nprint(x)\nprint('a\\nb', 1, sep='-')\n"
    statements, config = run(source, tmp_path / "probe.py")
    received = documented_output.from_data(json.loads(json.dumps(documented_output.as_data(statements))))
    rebuilt = documented_output.rebuild_source(source, received, config)
    assert rebuilt == documented_output.rebuild_source(source, statements, config)
    assert "print(x)\n'''\n{\n    'a': [\n" in rebuilt and "print('a\\nb', 1, sep='-')\n'''\na\nb-\n1\n'''\n" in rebuilt


def test_lines_are_the_lines_python_counts(tmp_path):
    """A byte-order mark, CRLF line endings and a form feed change no line number, and the
    rewritten file is saved as the file was."""
    source = "\ufeffx = 1\r\n\x0c\r\nprint(x)\r\n#> 2\r\n"
    statements, config = run(source, tmp_path / "probe.py")
    assert [s.line_no for s in statements] == [3]
    split = documented_output.split(source)
    assert (split.code, split.output) == ("x = 1\n\x0c\nprint(x)\n", ["2"])
    mismatch = documented_output.compare(source, statements, config)
    assert (mismatch.line, mismatch.expected) == (4, source.replace("#> 2", "#> 1"))
    assert "-#> 2\n+#> 1\n" in mismatch.message and "-x = 1" not in mismatch.message


STRINGS = """\
def f():
    '''
    A docstring.
    '''


text = '''
#> text in a string
'''
print(text.strip())
#> #> text in a string
'''
not printed
'''
"""


def test_strings_and_docstrings_are_code_and_output_is_what_the_parser_says():
    split = documented_output.split(STRINGS)
    assert split.code == STRINGS.split("print(")[0] + "print(text.strip())\n"
    assert split.output == ["#> text in a string", "not printed"]
    assert documented_output.split("print()\n#>\nprint(1)\n#> 1\n").code == "print()\nprint(1)\n"


def test_what_a_diff_does_not_show_is_said_in_words(tmp_path):
    cases = {
        'print("a")\n#> a': (2, "the file does not end with a newline"),
        'print("a")\n#> a \t\nprint("b")\n#> b\n': (2, "line 2 ends in a space and a tab that the code does not print"),
        'print("a")\n#> a\u00a0\n': (2, "line 2 ends in 1 NO-BREAK SPACE (U+00A0) that the code does not print"),
        'print("a  ")  \n#> a\n': (2, "line 2 ends in nothing where the code prints 2 spaces"),
    }
    for source, (line, words) in cases.items():
        statements, config = run(source, tmp_path / "probe.py")
        mismatch = documented_output.compare(source, statements, config)
        assert mismatch.line == line and words in mismatch.message, (source, mismatch)
        assert "--- documented" not in mismatch.message, mismatch.message
    # the trailing spaces the code prints need not be written (pytest-examples' tolerance)
    statements, config = run('print("a  ")\n#> a\n', tmp_path / "probe.py")
    assert documented_output.compare('print("a  ")\n#> a\n', statements, config) is None


def test_characters_that_look_alike_are_named(tmp_path):
    source = 'print("a b")\n#> a\u00a0b\n'
    statements, config = run(source, tmp_path / "probe.py")
    message = documented_output.compare(source, statements, config).message
    assert "line 2 differs in characters that look alike: the file has '#> a\\xa0b', the code prints '#> a b'" in message


def test_the_line_named_is_one_of_the_file(tmp_path):
    # output missing at the end, a line too many at the end, an empty file that prints nothing
    for source, line in [("print(1)\n", 1), ("print(1)\n#> 1\n#> 2\n", 3), ("x = 1\nprint(1)", 2)]:
        statements, config = run(source, tmp_path / "probe.py")
        assert documented_output.compare(source, statements, config).line == line, source
    assert documented_output.compare("", [], documented_output.config()) is None


def test_an_output_no_block_can_hold_is_named_and_never_rewritten(tmp_path):
    for source, why in [
        ("print(\"a\\n'''\\nb\")\n", "(it contains ''')"),
        ("x = 1\nprint('C:\\\\data\\nD:\\\\data')\n", "(it would not compile: "),
    ]:
        statements, config = run(source, tmp_path / "probe.py")
        mismatch = documented_output.compare(source, statements, config)
        assert (mismatch.line, mismatch.expected) == (len(source.splitlines()), None), mismatch
        assert f"prints output that a ''' block can't hold {why}" in mismatch.message, mismatch.message
        assert documented_output.compile_problem(documented_output.rebuild_source(source, statements, config))


def test_an_output_that_cannot_go_below_its_print_is_named_and_never_rewritten(tmp_path):
    source = "if True: print('a\\nb')\n"
    statements, config = run(source, tmp_path / "probe.py")
    mismatch = documented_output.compare(source, statements, config)
    assert (mismatch.line, mismatch.expected) == (1, None), mismatch
    assert "can't be written below its print (unexpected indent at line 2)" in mismatch.message, mismatch.message


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
