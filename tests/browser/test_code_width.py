"""Code fits the code column: no horizontal scrolling on a desktop.

At a 1280 px wide window the code column of a chapter page is 688 px wide, 16 px of padding on
each side: 80 characters of the monospace font (about 8.18 px each). Every snippet line is kept
to 80 characters (comments, code and documented output alike; `model.summary(line_length=80)`
tables are exactly 80), and each page's visit in chromium (tests/browser/test_pages.py,
page_checks.CODE_BLOCKS) checks the result as a reader sees it: on every page of both languages,
with the collapsed plotting code opened, no `pre > code` block is wider than its box.

The notebook pages (mkdocs-jupyter) are measured too: their raw outputs (`.jp-RenderedText pre`,
13 px text) and their code cells, which hold 80 characters once site.css hides the input prompt
column.
"""

import shutil

import pytest

from browser import NAV_TIMEOUT_MS, serve
from helpers import ROOT
from page_checks import overflowing_on

MAX_CHARS = 80
VIEWPORT = {"width": 1280, "height": 900}
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def overflowing(tab, url: str, selector: str) -> list[str]:
    """The blocks matching `selector` that scroll, on the page at `url` in a desktop window."""
    page = tab(viewport=VIEWPORT)
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    return overflowing_on(page, selector)


# --- the source: cheap, no build -------------------------------------------------------------


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_snippet_lines_fit_80_characters(snippet):
    long = [
        f"{snippet.relative_to(ROOT)}:{number}: {len(line)} characters: {line.strip()[:60]}"
        for number, line in enumerate(snippet.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_CHARS
    ]
    assert not long, f"lines longer than {MAX_CHARS} characters:\n" + "\n".join(long)


# --- the built site in chromium --------------------------------------------------------------


def test_the_check_sees_a_line_that_is_too_long(tab, built_site, tmp_path):
    """The negative twin: one 150-character line in a copy of the site is reported."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    page = copy / "loss-functions" / "index.html"
    html = page.read_text(encoding="utf-8")
    block = "<pre><span></span><code>"  # a highlighted code block, not inline code
    assert block in html
    page.write_text(html.replace(block, block + "x" * 150 + "\n", 1), encoding="utf-8")
    with serve(copy) as base_url:
        wide = overflowing(tab, base_url + "loss-functions/", "pre > code")
    assert any("longest line (150 chars): " + "x" * 100 in line for line in wide), wide
