"""A snippet's documented output, in pytest-examples' format: a `#> ` line under the print that
made it, a `'''` block for a longer one. Copied from a page, the code still runs.

This is also the one module that uses pytest-examples beyond its public API (`CodeExample`):
the build needs its print capture, its formatting of printed values and its diff, outside a
pytest run. tests/units/test_documented_output.py fails when any of these internals moves.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

OUTPUT_LINE_RE = re.compile(r"^\s*#> ")
OUTPUT_BLOCK = "'''"


@dataclass(frozen=True)
class Split:
    code: str  # the source without its documented output
    line_numbers: dict[int, int]  # a kept line's number in the source -> in `code` (1-based)
    output: list[str]  # the documented output's lines, as a reader sees them printed


def split(source: str) -> Split:
    """Separate a snippet's code from the output it documents."""
    kept, numbers, output, in_block = [], {}, [], False
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == OUTPUT_BLOCK:
            in_block = not in_block
        elif in_block:
            output.append(line.rstrip())
        elif OUTPUT_LINE_RE.match(line):
            output.append(line.lstrip()[3:].rstrip())
        else:
            kept.append(line)
            numbers[number] = len(kept)
    return Split("\n".join(kept) + "\n", numbers, output)


# --------------------------------------------------------------------------------------------
# pytest-examples' internals, wrapped
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


def rebuild_source(source: str, path: Path, statements: list, examples_config) -> str:
    """The source as it should read: its output removed, then what each print that ran printed
    inserted below that print (pytest-examples' own formatting)."""
    from pytest_examples import CodeExample
    from pytest_examples.run_code import InsertPrintStatements, PrintStatement

    stripped = split(source)
    inserter = InsertPrintStatements(path, examples_config, True, None, None)
    for statement in statements:
        # A print on a line that was removed can't happen: the removed lines are comments and
        # bare strings. Keep its number if it does, so the difference still shows.
        line = stripped.line_numbers.get(statement.line_no, statement.line_no)
        inserter.print_func.statements.append(PrintStatement(line, statement.sep, statement.args))
    return inserter._insert_print_statements(CodeExample.create(stripped.code, path=path))


def output_diff(source: str, expected: str, path: Path, examples_config) -> str:
    from pytest_examples import CodeExample
    from pytest_examples.lint import code_diff

    diff = code_diff(CodeExample.create(source, path=path), expected, examples_config)
    return diff.replace("--- before", "--- documented", 1).replace("+++ after", "+++ actual", 1)


def same_source(source: str, expected: str) -> bool:
    # pytest-examples' own tolerance: trailing spaces that an editor strips
    return source in (expected, re.sub(r"[ \t]+\n", "\n", expected))


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
