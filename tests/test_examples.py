"""Every snippet and every fenced Python block in docs/ prints what its `#> ` lines say.

`pytest --update-examples` rewrites those lines from what the code prints now.
"""

from pathlib import Path

import pytest
import snippet_runner
from pytest_examples import CodeExample, find_examples

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def snippet_examples():
    for path in SNIPPETS:
        yield CodeExample.create(path.read_text(encoding="utf-8"), path=path)


def docs_examples():
    # Blocks that only include a snippet are covered by the snippet itself.
    for example in find_examples(ROOT / "docs"):
        if "--8<--" not in example.source:
            yield example


UPDATE_HINT = (
    "If the new output is right, update the snippet with:\n"
    "    .venv/bin/python -m pytest tests/test_examples.py --update-examples"
)
EXAMPLES = [*snippet_examples(), *docs_examples()]


def example_id(example: CodeExample) -> str:
    path = example.path.relative_to(ROOT).as_posix()
    return path if path.endswith(".py") else f"{path}:{example.start_line}"


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_example_output(example, eval_example):
    eval_example.include_print = snippet_runner.any_print
    drift = None
    with snippet_runner.snippet_sandbox():
        if eval_example.update_examples:
            eval_example.run_print_update(example)
        else:
            try:
                eval_example.run_print_check(example)
            except pytest.fail.Exception as failure:
                drift = failure.msg
    if drift:
        pytest.fail(f"{drift}\n{UPDATE_HINT}", pytrace=False)
