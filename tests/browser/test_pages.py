"""Every page of both languages, in chromium, as a reader meets it: one visit per page
(page_checks.visit) runs every per-page check, in the light scheme at 1280 px, at a phone's width
and in the dark scheme: it loads clean, offline; axe-core finds no serious or critical violation;
the figures follow the palette; code fits its column.

One test per page, so that the workers of `pytest -n` share the pages out. The checks themselves
live in page_checks.py; the tests that show each one can fail stay with what they protect:
test_browser.py (loading clean), test_accessibility.py (axe-core), tests/pages/test_figures.py
(figure colours), test_code_width.py (code width).
"""

import shutil

import pytest

from browser import discover_pages, inject_into_head, serve, source_pages
from page_checks import visit

ERROR_PAGES = ["404.html", "en/404.html"]
PAGES = source_pages() + ERROR_PAGES


def test_the_pages_visited_are_the_built_pages(built_site):
    for error_page in ERROR_PAGES:
        assert (built_site / error_page).is_file(), f"{error_page} was not built"
    assert sorted(discover_pages(built_site) + ERROR_PAGES) == sorted(PAGES), "pages the visits would miss or expect"


@pytest.mark.long
@pytest.mark.parametrize("page", PAGES, ids=lambda page: "/" + page)
def test_page_as_a_reader_meets_it(browser, site, page):
    found = visit(browser, site, page)
    report = [f"{check}:\n" + "\n".join(f"    {problem}" for problem in problems) for check, problems in found.items() if problems]
    if report:
        pytest.fail(f"/{page}:\n" + "\n".join(report), pytrace=False)


# --- what only the dark scheme shows, after the visit's switch ---------------------------------

# Once the page shows slate, the last name token of the page's code (in light, one of many tokens
# of its look, so color-contrast skipped it there) is given a colour close to its background.
_FAINT_IN_THE_DARK = """<script>
new MutationObserver(() => {
  if (document.body.dataset.mdColorScheme !== "slate") return;
  const spans = document.querySelectorAll(".highlight span.n");
  const span = spans[spans.length - 1];
  span.id = "faint-on-purpose";
  let el = span;
  while (getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).length > 3) el = el.parentElement;
  const rgb = getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number);
  span.style.color = `rgb(${rgb.map(c => (c > 127 ? c - 40 : c + 40)).join(", ")})`;
}).observe(document.body, {attributes: true, attributeFilter: ["data-md-color-scheme"]});
</script>"""


def test_a_visit_reports_what_only_the_dark_scheme_shows(browser, built_site, tmp_path):
    """A white figure background (fine on the light page) and a code token made faint once the
    page shows slate are reported by the dark half of the visit only."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    page = copy / "loss-functions" / "index.html"
    inject_into_head(page, "<style>svg.mpl-figure { background: #fff }</style>")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", _FAINT_IN_THE_DARK + "</body>", 1), encoding="utf-8")
    with serve(copy) as base_url:
        found = visit(browser, base_url, "loss-functions/")
    assert found["figures, light"] == [] and found["axe-core, light"] == [], found
    assert any("background (255, 255, 255) inside" in problem for problem in found["figures, dark"]), found
    assert any("has contrast" in problem for problem in found["figures, dark"]), found
    [dark] = found["axe-core, dark"]
    assert "(color-contrast: 1)" in dark and "#faint-on-purpose" in dark, dark


def test_a_visit_hears_a_request_that_fails_after_the_page_loaded(browser, built_site, tmp_path):
    """Material's search fetches its index after the page's load event; without the index, the
    visit of the shortest page still reports the failed request."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    (copy / "search" / "search_index.json").unlink()
    with serve(copy) as base_url:
        found = visit(browser, base_url, "en/")
    assert any(problem.startswith("HTTP 404: ") and problem.endswith("/search/search_index.json")
               for problem in found["loads clean"]), found


def test_a_visit_reports_a_dark_scheme_that_changes_more_than_colours(browser, built_site, tmp_path):
    """The dark half runs axe-core's colour rules only, which holds while slate changes nothing
    but colours: a heading hidden in slate alone is reported."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    inject_into_head(copy / "en" / "index.html", '<style>[data-md-color-scheme="slate"] .md-typeset h1 { display: none }</style>')
    with serve(copy) as base_url:
        found = visit(browser, base_url, "en/")
    assert any("in slate the page changed more than its colours" in problem for problem in found["axe-core, dark"]), found
