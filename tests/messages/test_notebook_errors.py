"""A notebook page's mistakes give one message each: what a notebook can't show stops the build
before anything runs, and a snippet that fails on a chapter page is reported once per page,
not again as a notebook missing from the navigation.

Each test changes a copy of the small project (tiny_fixtures.py), whose page.md is a chapter
page (`notebook: true`) in both languages.
"""

from __future__ import annotations

import re

import pytest
from tiny_fixtures import REPORT, add_to_pages, build, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"
NAV = "nav:\n  - index.md\n  - page.md\n  - Notebooks:\n      - notebooks/page.ipynb\n"


def test_a_failing_snippet_on_a_chapter_page_is_reported_once_per_page(tiny):
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + NAV, encoding="utf-8")
    write(tiny, HELLO, 'print("hello")\n#> bye\n')
    result = build(tiny)
    assert result.returncode != 0
    warnings = re.findall(r"^WARNING +- +(.*)$", result.stderr, re.M)
    assert warnings == [
        f"snippets: docs/{language}/page.md: {HELLO}:2: the documented output differs from what the code prints:"
        for language in ("zh", "en")
    ], result.stderr
    # the notebook page keeps its place and says why it is empty
    notebook_page = tiny.parent / "site" / "en" / "notebooks" / "page" / "index.html"
    assert f"This notebook was not built: <code>{HELLO}</code> failed" in notebook_page.read_text(encoding="utf-8")


# What a notebook can't show, on the chapter page -> its message, before any snippet runs.
NOTEBOOK_REFUSALS = {
    "block-include": (
        f"```python\n-8<-\n{HELLO}\n-8<-\n```\n",
        "docs/en/page.md:22: a block include (`--8<--` on a line of its own) can't become a notebook cell",
    ),
    "include-outside-a-python-fence": (
        f'```Python\n--8<-- "{HELLO}"\n```\n',
        "docs/en/page.md:22: an include becomes a notebook cell only as the single line of a ```python fence",
    ),
}


@pytest.mark.parametrize("case", NOTEBOOK_REFUSALS)
def test_what_a_notebook_cannot_show_stops_the_build_before_anything_runs(tiny, case):
    include, message = NOTEBOOK_REFUSALS[case]
    add_to_pages(tiny, include)  # the fence is line 21 of page.md
    write(tiny, HELLO, 'print("hello")\n#> hello\n# edited: would run\n')
    result = build(tiny)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not (tiny / ".cache" / REPORT).exists(), "something ran"
