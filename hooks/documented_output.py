"""A snippet's documented output, in pytest-examples' format: a `#> ` line under the print that
made it, a `'''` block for a longer one. Copied from a page, the code still runs.

The text compared is the one Python compiles: without a leading byte-order mark, and with every
line ending (CRLF, CR) a newline, as pytest-examples reads a file. Lines are split on newlines
only (a form feed is whitespace to Python, not a line break). Which lines are output is decided
by Python's own tokenizer and parser: a `#> ` comment on a line of its own, or a bare `'''`
string whose first and last lines are `'''` and that is not a docstring; the same characters
inside a string, or a docstring, are code. Then, as pytest-examples does, the output of each
print that ran is inserted below it (its formatting), and the file must equal that, or equal it
without the trailing spaces the code printed. What differs is said at a line of the file; a
difference a diff does not show (a final newline, trailing spaces) is said in words; an output
that no `'''` block can hold is named, and no rewrite of the file is offered.

This is also the one module that uses pytest-examples beyond its public API (`CodeExample`):
the build needs its print capture, its formatting of printed values and its diff, outside a
pytest run. tests/units/test_documented_output.py fails when any of these internals moves.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

OUTPUT_LINE_RE = re.compile(r"^[ \t\f]*#>(?: (?P<text>.*)|)$")
OUTPUT_BLOCK = "'''"
BOM = "\ufeff"


def as_python_reads_it(source: str) -> str:
    """The text Python compiles from a file: no leading byte-order mark, only newlines."""
    source = source[1:] if source.startswith(BOM) else source
    return source.replace("\r\n", "\n").replace("\r", "\n")


def in_style_of(original: str, text: str) -> str:
    """`text` (newlines only) written the way `original` was saved: its byte-order mark and its
    line endings (those of its first line), so that rewriting a file changes only its output."""
    ending = re.search(r"\r\n|\r|\n", original)
    if ending and ending[0] != "\n":
        text = text.replace("\n", ending[0])
    return (BOM if original.startswith(BOM) else "") + text


def _lines(text: str) -> list[str]:
    """The lines Python counts: split on newlines only; no last empty one for a final newline."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


@dataclass(frozen=True)
class Split:
    code: str  # the source without its documented output
    line_numbers: dict[int, int]  # a kept line's number in the source -> in `code` (1-based)
    output: list[str]  # the documented output's lines, as a reader sees them printed


def split(source: str) -> Split:
    """Separate a snippet's code from the output it documents."""
    lines = _lines(as_python_reads_it(source))
    blocks, comments = _output_blocks(lines), _output_comments(lines)
    kept, numbers, output = [], {}, []
    for number, line in enumerate(lines, start=1):
        if number in blocks:
            if line.strip() != OUTPUT_BLOCK:
                output.append(line.rstrip())
        elif number in comments:
            output.append((OUTPUT_LINE_RE.match(line)["text"] or "").rstrip())
        else:
            kept.append(line)
            numbers[number] = len(kept)
    return Split("".join(f"{line}\n" for line in kept), numbers, output)


def _output_comments(lines: list[str]) -> set[int]:
    """The numbers of the `#> ` lines that are comments of their own (not text in a string)."""
    found = {number for number, line in enumerate(lines, start=1) if OUTPUT_LINE_RE.match(line)}
    if not found:
        return found
    try:
        tokens = tokenize.generate_tokens(io.StringIO("".join(f"{line}\n" for line in lines)).readline)
        return found & {token.start[0] for token in tokens if token.type == tokenize.COMMENT}
    except (tokenize.TokenError, SyntaxError):
        return found  # it does not run either; every such line counts


def _output_blocks(lines: list[str]) -> set[int]:
    """The numbers of the lines of `'''` output blocks: bare strings (not docstrings) whose first
    and last lines are `'''`."""
    try:
        tree = ast.parse("".join(f"{line}\n" for line in lines))
    except (SyntaxError, ValueError):
        return _output_blocks_by_line(lines)  # it does not run either
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            docstrings.add(id(node.body[0]))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and id(node) not in docstrings
            and lines[node.lineno - 1].strip() == OUTPUT_BLOCK
            and lines[node.end_lineno - 1].strip() == OUTPUT_BLOCK
            and node.end_lineno > node.lineno
        ):
            found.update(range(node.lineno, node.end_lineno + 1))
    return found


def _output_blocks_by_line(lines: list[str]) -> set[int]:
    found, start = set(), None
    for number, line in enumerate(lines, start=1):
        if line.strip() == OUTPUT_BLOCK:
            if start is None:
                start = number
            else:
                found.update(range(start, number + 1))
                start = None
    return found


# --------------------------------------------------------------------------------------------
# Rebuilt from what ran, and compared (pytest-examples' internals, wrapped)
# --------------------------------------------------------------------------------------------


def _keep_every_print(*_args) -> bool:
    """Also the prints made on the snippet's behalf (`print_fn=print`)."""
    return True


def config():
    from pytest_examples.config import ExamplesConfig

    return ExamplesConfig()


def print_capture(path: Path, examples_config):
    """A context manager that records every print while the snippet at `path` runs; its
    `print_statements()` lists them (line, separator, arguments)."""
    from pytest_examples.run_code import InsertPrintStatements

    return InsertPrintStatements(path, examples_config, True, None, _keep_every_print)


def as_data(statements: list) -> list[dict]:
    """The captured prints as plain data (JSON) that can cross a pipe: each one's line, separator,
    and arguments, as text and whether each was a string (black formats the others)."""
    return [{"line": s.line_no, "sep": s.sep, "args": [[a.data, a.is_str] for a in s.args]} for s in statements]


def from_data(printed: list[dict]) -> list:
    """The print statements `as_data` described, for `compare` and `rebuild_source`."""
    from pytest_examples.run_code import Arg, PrintStatement

    def arg(data: str, is_str: bool) -> Arg:
        made = Arg.__new__(Arg)
        made.data, made.is_str = data, is_str
        return made

    return [PrintStatement(p["line"], p["sep"], [arg(*a) for a in p["args"]]) for p in printed]


def _inserter(examples_config):
    from pytest_examples.run_code import InsertPrintStatements

    return InsertPrintStatements(Path("snippet.py"), examples_config, True, None, None)


def rebuild_source(source: str, statements: list, examples_config=None) -> str:
    """The snippet as it should read (as Python reads it: see `as_python_reads_it`): its output
    removed, then what each print that ran printed inserted below that print, formatted as
    pytest-examples formats it."""
    from pytest_examples.run_code import find_print

    examples_config = examples_config or config()
    stripped = split(source)
    lines = _lines(stripped.code) if stripped.code else []
    try:
        tree = ast.parse(stripped.code)
    except (SyntaxError, ValueError):
        tree = None
    inserter = _inserter(examples_config)
    for statement in reversed(statements):  # from the last, so that earlier lines keep their numbers
        # A print on a line that was removed can't happen: the removed lines are comments and
        # bare strings. Keep its number if it does, so the difference still shows.
        line = stripped.line_numbers.get(statement.line_no, statement.line_no)
        line, column = (find_print(tree, line) if tree else None) or (line, 0)
        inserter._insert_print_args(lines, statement, True, line - 1, column)
    return "".join(f"{line}\n" for line in lines)


def compile_problem(text: str) -> str | None:
    """Why `text` would not compile as the snippet runs (warnings are errors), or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(as_python_reads_it(text), "snippet.py", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"{exc.msg} at line {exc.lineno}"
    except ValueError as exc:  # a NUL character
        return str(exc)
    return None


@dataclass(frozen=True)
class Mismatch:
    """Where and how a snippet's documented output differs from what its code printed."""

    line: int
    """The line of the file the message names (1-based, one of the file's lines)."""
    message: str
    """What differs, in words, and the diff when a diff shows it (without the file's name)."""
    expected: str | None
    """The file as it should read, saved as the file was (`in_style_of`), for
    `--update-examples`; None when no documented output can match (it would not compile)."""


def compare(source: str, statements: list, examples_config=None) -> Mismatch | None:
    """Whether the documented output of `source` is what its prints (`print_capture`'s
    statements) printed, as pytest-examples decides it; None when it is."""
    examples_config = examples_config or config()
    text = as_python_reads_it(source)
    expected = rebuild_source(source, statements, examples_config)
    if text in (expected, re.sub(r"[ \t]+\n", "\n", expected)):
        return None
    unholdable = _unholdable_output(statements, examples_config)
    if unholdable is not None:
        line, why = unholdable
        return Mismatch(line, f"prints output that a ''' block can't hold ({why}), so no documented "
                              "output can match it; print it another way (its repr(), or line by line)", None)
    line = first_changed_line(text, expected)
    problem = compile_problem(expected)
    if problem is not None:
        return Mismatch(line, f"the documented output differs from what the code prints, and it can't "
                              f"be written below its print ({problem}); put that print on a line of its own", None)
    unseen = invisible_differences(text, expected)
    if unseen:
        return Mismatch(line, "the documented output differs from what the code prints only in what a "
                              f"diff does not show: {unseen}", in_style_of(source, expected))
    diff = output_diff(text, expected, examples_config)
    message = f"the documented output differs from what the code prints:\n{diff}"
    alike = _lookalike(text, expected, line)
    return Mismatch(line, message + (f"\n{alike}" if alike else ""), in_style_of(source, expected))


def first_changed_line(text: str, expected: str) -> int:
    """The first line of the file that differs (trailing spaces aside, when anything else
    differs), or the last line when only the end differs: always one of the file's lines."""
    before, after = _lines(text), _lines(expected)
    visible = [line.rstrip() for line in before] != [line.rstrip() for line in after]
    for number, (old, new) in enumerate(zip(before, after), start=1):
        if (old.rstrip() != new.rstrip()) if visible else (old != new):
            return number
    return max(1, min(len(before), len(after) + 1))


def invisible_differences(text: str, expected: str) -> str:
    """In words, how the file differs from `expected` when a diff would show two sides that look
    the same (trailing spaces, the final newline); "" when it differs in more than that."""
    before, after = _lines(text), _lines(expected)
    if [line.rstrip() for line in before] != [line.rstrip() for line in after]:
        return ""
    said = []
    for number, (old, new) in enumerate(zip(before, after), start=1):
        if old != new:
            have, printed = old[len(old.rstrip()):], new[len(new.rstrip()):]
            if not printed:
                said.append(f"line {number} ends in {_blanks(have)} that the code does not print")
            else:
                said.append(f"line {number} ends in {_blanks(have) if have else 'nothing'} where the code "
                            f"prints {_blanks(printed)}")
    if text and not text.endswith("\n"):
        said.append("the file does not end with a newline (a snippet rewritten from its output does)")
    return "; ".join(said)


def _blanks(text: str) -> str:
    """'2 spaces', 'a tab', '1 NO-BREAK SPACE (U+00A0)'... for a run of blank characters."""
    parts = []
    for match in re.finditer(r"(.)\1*", text, flags=re.S):
        count, char = len(match[0]), match[1]
        if char in " \t":
            noun = {" ": "space", "\t": "tab"}[char]
            parts.append(f"{'a' if count == 1 else count} {noun}{'s' if count > 1 else ''}")
        else:
            name = unicodedata.name(char, "character")
            parts.append(f"{count} {name} (U+{ord(char):04X})")
    return " and ".join(parts)


def _lookalike(text: str, expected: str, number: int) -> str:
    """Words for a changed line whose two sides look the same (a no-break space, a tab...)."""
    before, after = _lines(text), _lines(expected)
    if number > min(len(before), len(after)):
        return ""
    old, new = before[number - 1], after[number - 1]

    def looks(line: str) -> str:
        shown = "".join(" " if c.isspace() else c for c in line if unicodedata.category(c) != "Cf")
        return re.sub(" +", " ", shown).rstrip()

    if old == new or looks(old) != looks(new):
        return ""
    return f"line {number} differs in characters that look alike: the file has {old!r}, the code prints {new!r}"


def _unholdable_output(statements: list, examples_config) -> tuple[int, str] | None:
    """The first print whose output goes into a `'''` block that can't hold it (it contains
    `'''`, or a backslash that Python reads as an escape): its line in the file, and why."""
    inserter = _inserter(examples_config)
    for statement in statements:
        block: list[str] = []
        inserter._insert_print_args(block, statement, True, -1, 0)
        if block[0].startswith(OUTPUT_BLOCK):
            text = block[0] + "\n"
            inside = text[len(OUTPUT_BLOCK) : -len(OUTPUT_BLOCK) - 1]
            if OUTPUT_BLOCK in inside:
                return statement.line_no, "it contains '''"
            problem = compile_problem(text)
            if problem is not None:
                return statement.line_no, f"it would not compile: {problem.rsplit(' at line ', 1)[0]}"
    return None


def output_diff(text: str, expected: str, examples_config=None) -> str:
    from pytest_examples import CodeExample
    from pytest_examples.lint import code_diff

    diff = code_diff(CodeExample.create(text), expected, examples_config or config())
    return diff.replace("--- before", "--- documented", 1).replace("+++ after", "+++ actual", 1)


def warm_up() -> None:
    """Import what the capture and the formatting use (black, for printing non-string values),
    and make the capture's caller lookup cheap: pytest-examples finds each print's caller with
    inspect.stack(), which also looks up the source file of every frame (a realpath of every
    module, on a child's first print); it only needs the frames."""
    import inspect
    import types

    import pytest_examples.lint  # noqa: F401
    import pytest_examples.run_code

    def stack(context=1):
        frame, frames = sys._getframe(1), []
        while frame is not None:
            code = frame.f_code
            frames.append(inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None))
            frame = frame.f_back
        return frames

    fast_inspect = types.SimpleNamespace(**vars(inspect))
    fast_inspect.stack = stack
    pytest_examples.run_code.inspect = fast_inspect
