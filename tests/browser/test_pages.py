"""Every page of both languages, in chromium, as a reader meets it: one visit per page
(page_checks.visit) runs every per-page check, in the light scheme at 1280 px, in the dark scheme
and at a phone's width: it loads clean, offline; axe-core finds no serious or critical violation;
the figures follow the palette; code fits its column.

One test per page, so that the workers of `pytest -n` share the pages out. The checks themselves
live in page_checks.py; the tests that show each one can fail stay with what they protect:
test_browser.py (loading clean), test_accessibility.py (axe-core), test_code_width.py (code
width); the tests at the end show what only the visit's later steps can see.
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


# --- what only the visit's later steps can see -------------------------------------------------

# Once the page shows slate, the last name token of the page's code (in light, one of many tokens
# of its look, so color-contrast skipped it there) is given a colour close to its background, and
# the header gets an image without a text alternative; a second after the load event, the page
# asks for a file that is not there.
_LATER_PROBLEMS = """<script>
new MutationObserver(() => {
  if (document.body.dataset.mdColorScheme !== "slate" || document.getElementById("no-alt-on-purpose")) return;
  const spans = document.querySelectorAll(".highlight span.n");
  const span = spans[spans.length - 1];
  span.id = "faint-on-purpose";
  let el = span;
  while (getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).length > 3) el = el.parentElement;
  const rgb = getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number);
  span.style.color = `rgb(${rgb.map(c => (c > 127 ? c - 40 : c + 40)).join(", ")})`;
  const image = Object.assign(document.createElement("img"), {id: "no-alt-on-purpose", src: "/assets/images/favicon.png"});
  document.querySelector(".md-header__inner").append(image);
}).observe(document.body, {attributes: true, attributeFilter: ["data-md-color-scheme"]});
addEventListener("load", () => setTimeout(() => fetch("asked-for-late.json"), 1000));
</script>"""


def test_a_visit_reports_what_only_its_later_steps_can_see(browser, built_site, tmp_path):
    """A white figure background (fine on the light page), a code token made faint and an image
    without `alt` in the header once the page shows slate are reported by the dark half of the
    visit only; a request the page makes a second after its load event, while the checks run, is
    heard."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    page = copy / "loss-functions" / "index.html"
    inject_into_head(page, "<style>svg.mpl-figure { background: #fff }</style>")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", _LATER_PROBLEMS + "</body>", 1), encoding="utf-8")
    with serve(copy) as base_url:
        found = visit(browser, base_url, "loss-functions/", dark_header=True)
    assert found["figures, light"] == [] and found["axe-core, light"] == [], found
    assert any("background (255, 255, 255) inside" in problem for problem in found["figures, dark"]), found
    assert any("has contrast" in problem for problem in found["figures, dark"]), found
    [page_colours, header] = found["axe-core, dark"]
    assert "(color-contrast: 1)" in page_colours and "#faint-on-purpose" in page_colours, page_colours
    assert "image-alt" in header and "#no-alt-on-purpose" in header, header
    assert any(problem.startswith("HTTP 404: ") and problem.endswith("/loss-functions/asked-for-late.json")
               for problem in found["loads clean"]), found["loads clean"]


def test_a_visit_reports_a_dark_scheme_that_changes_more_than_colours(browser, built_site, tmp_path):
    """The dark half runs axe-core's colour rules only, which holds while slate changes nothing
    but colours: a heading hidden in slate alone is reported."""
    copy = shutil.copytree(built_site, tmp_path / "site")
    inject_into_head(copy / "en" / "index.html", '<style>[data-md-color-scheme="slate"] .md-typeset h1 { display: none }</style>')
    with serve(copy) as base_url:
        found = visit(browser, base_url, "en/")
    assert any("in slate the page changed more than its colours" in problem for problem in found["axe-core, dark"]), found
