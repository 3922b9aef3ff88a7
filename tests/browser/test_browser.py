"""The built site in a real browser: language selector, search, formulas; and the checks that
every page loads clean, offline (run in each page's visit, tests/browser/test_pages.py) can fail.

Debian's chromium-headless-shell (CHROMIUM, default /usr/bin/chromium-headless-shell) is driven
through Playwright's sync API: one browser per test process (conftest.py), a fresh context (empty
profile state) for each check. The site is served from the `built_site` fixture on 127.0.0.1 at a
free port. Without chromium these tests skip, except under CI=true, where they fail. The negative
tests at the end break a copy of the site to show that each check of `audit_page` (a visit's
first step) can fail.
"""

import shutil
from urllib.parse import urljoin

import pytest

from browser import (
    audit_page,
    chromium_path,
    discover_pages,
    first_match,
    inject_into_head,
    path_of,
    search,
    search_results,
    serve,
    switch_language,
)
from helpers import LANGUAGES

LOSS_PAGE = "loss-functions/index.html"


@pytest.fixture
def site_copy(built_site, tmp_path):
    """A throwaway copy of the built site, to break."""
    return shutil.copytree(built_site, tmp_path / "site")


def pages_of(lang: str, pages: list[str]) -> list[str]:
    prefix = LANGUAGES[lang]
    others = [p for other, p in LANGUAGES.items() if other != lang and p]
    return [page for page in pages if page.startswith(prefix) and not page.startswith(tuple(others))]


# --- the guard for a missing browser ---------------------------------------------------------


def test_missing_chromium_skips_locally_and_fails_under_ci(monkeypatch, tmp_path):
    missing = str(tmp_path / "no-chromium")
    monkeypatch.setenv("CHROMIUM", missing)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"chromium not found at {missing}; run `make test`"):
        chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"chromium not found at {missing}"):
        chromium_path()


# --- the real site ---------------------------------------------------------------------------


def test_pages_of_both_languages_are_found(built_site):
    pages = discover_pages(built_site)
    for page in ["", "building-models/", "loss-functions/"]:
        assert page in pages_of("zh", pages)
        assert "en/" + page in pages_of("en", pages)
    assert not [page for page in pages if page.startswith(("assets/", "search/"))]


@pytest.mark.parametrize(
    "start, lang, expected",
    [("loss-functions/", "en", "en/loss-functions/"), ("en/building-models/", "zh", "building-models/")],
)
def test_language_selector_keeps_the_page(browser, site, start, lang, expected):
    assert switch_language(browser, site + start, lang) == site + expected


@pytest.mark.parametrize(
    "start, lang, expected",
    [
        ("loss-functions/#smooth-l1", "en", "en/loss-functions/#smooth-l1"),
        ("en/losses-in-depth/#from-logits", "zh", "losses-in-depth/#from-logits"),
    ],
)
def test_language_selector_keeps_the_section(browser, site, start, lang, expected):
    assert switch_language(browser, site + start, lang) == site + expected


# Glossary terms (in the segmenter's dictionary), an English phrase, and a term the site does not
# explain (过拟合: its characters occur in 过程 and 压过).
@pytest.mark.parametrize("start, query", [("", "学习率"), ("", "独热编码"), ("en/", "learning rate"), ("", "过拟合")])
def test_every_search_result_contains_the_query(browser, site, start, query):
    results = search_results(browser, site + start, query)
    words = query.lower().split()
    sections = [(href, text) for href, text in results if text]  # not a page title heading them
    missing = [path_of(href) for href, text in sections if not all(w in text.lower() for w in words)]
    assert not missing, f"results for {query!r} without its words: {missing}"
    if query != "过拟合":
        assert sections, f"no result for {query!r}"


def test_search_results_leave_formulas_out(browser, site):
    # The softmax formula's symbols, flattened by the index, read like `ezn,c∑k=1Cezn,k`.
    results = search_results(browser, site + "en/", "softmax")
    assert results
    assert not [path_of(href) for href, text in results if "∑" in text], "a result shows a flattened formula"


def test_chinese_search_finds_cross_entropy(browser, site):
    links = search(browser, site, "交叉熵")
    wanted = {site + "loss-functions/" + anchor for anchor in ("#categorical-crossentropy", "#binary-crossentropy", "")}
    assert wanted & set(links), f"no link to the cross-entropy sections among {[path_of(u) for u in links]}"


def test_english_search_for_huber_finds_smooth_l1(browser, site):
    links = search(browser, site + "en/", "Huber")
    assert site + "en/loss-functions/#smooth-l1" in links, [path_of(u) for u in links]


def test_search_shows_only_the_pages_language(browser, site):
    # "Huber" appears on pages of both languages; each site lists its own.
    english = search(browser, site + "en/", "Huber")
    chinese = search(browser, site, "Huber")
    assert english and all(link.startswith(site + "en/") for link in english), english
    assert chinese and not any(link.startswith(site + "en/") for link in chinese), chinese


def test_stretchy_operators_stretch(browser, site):
    """The site's math font has an OpenType MATH table: a piecewise function's brace spans its
    cases, an underbrace spans what it labels (without such a font, both stay one character
    wide)."""
    page = browser.new_page(device_scale_factor=2)
    try:
        page.goto(site + "en/loss-functions/#smooth-l1", wait_until="load")
        page.evaluate("document.fonts.ready")
        brace = page.locator('math[display="block"] mo', has_text="{").first
        font_px = float(brace.evaluate("o => parseFloat(getComputedStyle(o).fontSize)"))
        assert brace.bounding_box()["height"] > 2.5 * font_px, "the piecewise brace does not stretch"

        page.goto(site + "en/losses-in-training/#likelihood-and-kl", wait_until="load")
        page.evaluate("document.fonts.ready")
        labelled = page.locator("math munder > munder").first  # a term, and the brace under it
        labelled.scroll_into_view_if_needed()
        ink = ink_columns(labelled.screenshot(), rows_from=0.75)
        assert ink > 0.8, f"the underbrace spans {ink:.0%} of its term"
    finally:
        page.close()


def ink_columns(png: bytes, rows_from: float) -> float:
    """The share of the image's columns with dark ink in its rows from `rows_from` (a fraction
    of the height) down: a light-scheme screenshot."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    top = int(height * rows_from)
    columns = [x for x in range(width) if any(image.getpixel((x, y)) < 128 for y in range(top, height))]
    return (max(columns) - min(columns) + 1) / width if columns else 0.0


# --- each check can fail (on a broken copy of the site) --------------------------------------

MATHJAX = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"


def test_audit_reports_a_script_from_a_cdn(browser, site_copy):
    inject_into_head(site_copy / LOSS_PAGE, f'<script src="{MATHJAX}"></script>')
    with serve(site_copy) as base:
        problems = audit_page(browser, base + "loss-functions/")
    assert f"foreign-origin request (blocked): {MATHJAX}" in problems, problems


def test_audit_reports_a_missing_figure(browser, site_copy):
    # Figures are inlined: put back an <img> of one, then remove its file.
    src = "../figures/loss_functions/huber_plot.svg"
    page = site_copy / LOSS_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f'<img alt="" src="{src}"></article>', 1), encoding="utf-8")
    (page.parent / src).resolve().unlink()
    with serve(site_copy) as base:
        problems = audit_page(browser, base + "loss-functions/")
    assert any(problem.startswith(f"broken image: {src} ") for problem in problems), problems
    assert f"HTTP 404: {urljoin(base + 'loss-functions/', src)}" in problems, problems


def test_audit_reports_raw_latex(browser, site_copy):
    page = site_copy / LOSS_PAGE
    math = first_match(r'<math [^>]*display="block".*?</math>', page)[0]
    page.write_text(page.read_text(encoding="utf-8").replace(math, "$$x$$", 1), encoding="utf-8")
    with serve(site_copy) as base:
        problems = audit_page(browser, base + "loss-functions/")
    assert any(problem.startswith('raw LaTeX in the article text: "$$"') for problem in problems), problems


def test_audit_reports_a_formula_that_takes_no_space(browser, site_copy):
    inject_into_head(site_copy / LOSS_PAGE, "<style>article math { display: none }</style>")
    with serve(site_copy) as base:
        problems = audit_page(browser, base + "loss-functions/")
    assert any(problem.startswith("formula not rendered (empty box): ") for problem in problems), problems


def test_audit_reports_script_errors(browser, site_copy):
    inject_into_head(
        site_copy / LOSS_PAGE,
        '<script>console.error("logged on purpose"); throw new Error("thrown on purpose")</script>',
    )
    with serve(site_copy) as base:
        problems = audit_page(browser, base + "loss-functions/")
    assert any(problem.startswith("console error: logged on purpose") for problem in problems), problems
    assert any(problem.startswith("page error: ") and "thrown on purpose" in problem for problem in problems), problems
