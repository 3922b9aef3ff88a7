"""Code fits the code column: no horizontal scrolling on a desktop.

At a 1280 px wide window the code column of a chapter page is 688 px wide, 16 px of padding on
each side: 80 characters of the monospace font (about 8.18 px each). Every snippet line is kept
to 80 characters (comments, code and documented output alike; `model.summary(line_length=80)`
tables are exactly 80), and the browser test checks the result as a reader sees it: on every
chapter page of both languages, with the collapsed plotting code opened, no `pre > code` block
is wider than its box.

The notebook pages (mkdocs-jupyter) are measured too: their raw outputs (`.jp-RenderedText pre`,
13 px text) and their code cells, which hold 80 characters once site.css hides the input prompt
column.
"""

import shutil

import pytest

from browser import NAV_TIMEOUT_MS, serve, source_pages
from helpers import LANGUAGES, ROOT

MAX_CHARS = 80
VIEWPORT = {"width": 1280, "height": 900}
CHAPTERS = sorted(p.stem for p in (ROOT / "docs" / "zh").glob("*.md"))  # index included
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))

# Runs in the page: open every <details> (plotting code is collapsed by default), then list the
# blocks matching `selector` whose content is wider than their box.
_OVERFLOWING_JS = """
(selector) => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const wide = [];
  for (const block of document.querySelectorAll(selector)) {
    if (block.scrollWidth > block.clientWidth) {
      const lines = block.textContent.split("\\n");
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), "");
      wide.push(`${block.scrollWidth} px content in a ${block.clientWidth} px box, ` +
                `longest line (${longest.length} chars): ${longest.trim().slice(0, 100)}`);
    }
  }
  return wide;
}
"""


def chapter_pages(lang: str) -> list[str]:
    prefix = LANGUAGES[lang]
    return [prefix + ("" if name == "index" else f"{name}/") for name in CHAPTERS]


def notebook_pages(lang: str) -> list[str]:
    """The notebook pages of `lang` (test_accessibility checks that the build makes exactly
    the pages `source_pages` names)."""
    return [page for page in source_pages() if page.startswith(f"{LANGUAGES[lang]}notebooks/")]


def overflowing(tab, url: str, selector: str) -> list[str]:
    """The blocks matching `selector` that scroll, on the page at `url` in a desktop window."""
    page = tab(viewport=VIEWPORT)
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    return page.evaluate(_OVERFLOWING_JS, selector)


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_code_block_scrolls_on_a_desktop(tab, site, lang):
    problems = []
    for page in chapter_pages(lang):
        problems += [f"/{page}: {wide}" for wide in overflowing(tab, site + page, "pre > code")]
    assert not problems, "code wider than the code column at 1280 px:\n" + "\n".join(problems)


def notebook_problems(tab, site, lang, selector):
    pages = notebook_pages(lang)
    assert pages, f"no notebook pages for {lang}"
    return [f"/{page}: {wide}" for page in pages for wide in overflowing(tab, site + page, selector)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_outputs_fit_on_a_desktop(tab, site, lang):
    problems = notebook_problems(tab, site, lang, ".jp-RenderedText pre")
    assert not problems, "notebook output wider than its cell at 1280 px:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_code_cells_fit_on_a_desktop(tab, site, lang):
    problems = notebook_problems(tab, site, lang, ".jp-InputArea pre")
    assert not problems, "notebook code wider than its cell at 1280 px:\n" + "\n".join(problems)


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
