"""Every snippet, and every Python block in a page that documents its output, prints what its
`#> ` lines say: run by the build's own worker (snippet_worker.py), each as if it were the only
one, so pytest and the build agree whatever the order.

`pytest --update-examples` rewrites those lines from what the code prints now.
"""

import pytest
import snippet_includes
import snippet_scheduler
from helpers import ROOT

SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))
UPDATE_HINT = (
    "If the new output is right, update the snippet with:\n"
    "    .venv/bin/python -m pytest tests/test_examples.py --update-examples"
)


def page_blocks():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        shown = page.relative_to(ROOT).as_posix()
        for line, code in snippet_includes.fenced_python_blocks(page.read_text(encoding="utf-8")):
            yield snippet_scheduler.Snippet(
                name=f"{shown}:{line}", source=code, shown=shown, line_offset=line
            )


def snippet_files():
    for path in SNIPPETS:
        name = path.relative_to(ROOT).as_posix()
        yield snippet_scheduler.Snippet(name=name, source=path.read_text(encoding="utf-8"), path=path)


EXAMPLES = [*snippet_files(), *page_blocks()]


@pytest.fixture(scope="session")
def worker():
    """This pytest process's workers, chosen per snippet as the build chooses them."""
    workers = snippet_scheduler.Workers()
    yield workers
    workers.close()


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


def update(example, expected: str) -> None:
    if example.path is not None:
        example.path.write_text(expected, encoding="utf-8")
        return
    page = ROOT / example.shown
    text = page.read_text(encoding="utf-8")
    assert text.count(example.source) == 1, f"{example.name}: can't tell where to write"
    page.write_text(text.replace(example.source, expected, 1), encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_output(example, worker, request):
    job = snippet_scheduler.job_for(example, snippet_scheduler.positive_number("SNIPPET_TIMEOUT", 300))
    try:
        result = worker.run(job)
    except snippet_scheduler.WorkerError as exc:
        pytest.fail(f"{example.name}: {exc}", pytrace=False)
    expected = result.get("expected")
    if request.config.getoption("update_examples") and expected is not None and not result["ok"]:
        update(example, expected)
        return
    if not result["ok"]:
        message = result["error"]
        if expected is not None and UPDATE_HINT not in message:
            message += f"\n{UPDATE_HINT}"
        pytest.fail(message, pytrace=False)
