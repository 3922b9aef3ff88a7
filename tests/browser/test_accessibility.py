"""Accessibility audit: axe-core finds no serious or critical violation on any page, in either scheme.

Every page of both languages (home pages, chapters, notebook pages and the two 404 pages) is
audited in its visit (test_pages.py, page_checks.visit): in Debian's chromium-headless-shell with
the reader's system set to light, material's `default` scheme, by axe-core (bundled with
axe-playwright-python, so nothing is fetched) with its default rules (WCAG 2.x A and AA plus best
practices), collapsed <details> (the plotting code) opened first; then, switched to the `slate`
scheme, with the rules that read colours (and every rule on the header); then at a phone's width
(390 px), where more code and tables scroll sideways, for scrolling regions that the keyboard
cannot reach and for anything that makes the whole page wider than the screen (a displayed
formula scrolls in its own box, as code and tables do, and that box must not cut the formula
off). No rule is switched off: the fixes are in docs/assets/stylesheets/site.css (contrast,
underlined links) and hooks/accessibility.py (focusable scrolling regions, the search dialog's
name). page_checks.py says how color-contrast checks one code token per look.

The tests here show that the audit fails: on a page given light grey text on white, one faint
token deep in a page's code, a notebook's code, a formula or a notebook's inline code (the dark
cases on a page loaded in the dark; test_pages.py shows one after the visit's switch), a
scrolling code cell without `tabindex`, or a search dialog without a name.
"""

import pytest

from page_checks import (
    SCHEMES,
    at_phone_width,
    blocking_violations,
    contrast_verdict,
    describe,
    open_page,
    start_axe,
)


# --- the audit can fail ----------------------------------------------------------------------


@pytest.mark.parametrize("color_scheme", sorted(SCHEMES))
def test_audit_reports_low_contrast_text(browser, site, color_scheme):
    scheme = SCHEMES[color_scheme]
    context = browser.new_context(color_scheme=color_scheme)
    try:
        page = context.new_page()
        open_page(page, site + "en/loss-functions/", scheme)
        page.evaluate(
            """() => {
              const p = document.createElement("p");
              p.id = "faint-on-purpose";
              p.textContent = "Light grey on white, hard to read.";
              p.style.cssText = "color: #d0d0d0; background: #ffffff";
              document.querySelector("article").prepend(p);
            }"""
        )
        start_axe(page)
        found = blocking_violations(page)
        contrast = [v for v in found if v["id"] == "color-contrast"]
        verdict = "" if contrast else contrast_verdict(page, "#faint-on-purpose")
    finally:
        context.close()
    assert contrast, describe(found, "the page") or f"no violation reported; {verdict}"
    targets = [node["target"] for node in contrast[0]["nodes"]]
    assert "#faint-on-purpose" in targets, targets
    assert contrast[0]["impact"] == "serious"


@pytest.mark.parametrize(
    "color_scheme, path, block",
    [
        ("light", "en/loss-functions/", ".highlight span"),
        ("dark", "en/notebooks/loss-functions/", ".highlight-ipynb span"),
        ("dark", "loss-functions/", "article math mn"),
        ("light", "en/notebooks/losses-in-depth/", "article code:not(pre code)"),
    ],
    ids=["page-code", "notebook-cell", "formula", "inline-code"],
)
def test_audit_reports_one_faint_code_token(browser, site, color_scheme, path, block):
    """A single token deep in the page (code or a formula), coloured like the background behind it,
    is reported: a token whose colour differs from the others of its kind is a look of its own."""
    scheme = SCHEMES[color_scheme]
    context = browser.new_context(color_scheme=color_scheme)
    try:
        page = context.new_page()
        open_page(page, site + path, scheme)
        classes = page.evaluate(
            """block => {
              const kind = t => t.tagName + "." + (t.getAttribute("class") || "");
              const tokens = Array.from(document.querySelectorAll(block))
                .filter(span => (span.getAttribute("class") || !span.closest(".highlight, .highlight-ipynb"))
                                && span.textContent.trim().length > 2
                                // axe skips text of punctuation only, e.g. "())"
                                && /[\\p{L}\\p{N}]/u.test(span.textContent));
              const span = tokens[tokens.length - 1];  // the last of its kind, not the first
              if (tokens.filter(t => kind(t) === kind(span)).length < 2) return null;
              span.id = "faint-on-purpose";
              // Close to the background behind it (not equal: axe leaves 1:1 undecided).
              let el = span;
              while (getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).length > 3) el = el.parentElement;
              const rgb = getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number);
              const faint = `rgb(${rgb.map(c => (c > 127 ? c - 40 : c + 40)).join(", ")})`;
              span.style.color = faint;
              return kind(span);
            }""",
            block,
        )
        assert classes, f"no {block} token on /{path} that shares its classes with another"
        start_axe(page, ["color-contrast"])
        found = blocking_violations(page)
        contrast = [v for v in found if v["id"] == "color-contrast"]
        verdict = "" if contrast else contrast_verdict(page, "#faint-on-purpose")
    finally:
        context.close()
    assert contrast, describe(found, "the page") or f"no violation reported; {verdict}"
    assert [node["target"] for node in contrast[0]["nodes"]] == ["#faint-on-purpose"], contrast


def test_audit_reports_unreachable_scrolling_and_a_nameless_dialog(browser, site):
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        open_page(page, site + "en/notebooks/loss-functions/", "default")
        page.evaluate(
            """() => {
              document.querySelectorAll(".highlight-ipynb").forEach(cell => cell.removeAttribute("tabindex"));
              // Code cells fit their column; one line too long makes the first one scroll.
              document.querySelector(".highlight-ipynb pre").append("x".repeat(200));
              document.querySelector(".md-search").removeAttribute("aria-label");
            }"""
        )
        found = {v["id"]: v for v in at_phone_width(page)}
    finally:
        context.close()
    assert set(found) == {"scrollable-region-focusable", "aria-dialog-name"}, describe(list(found.values()), "the page")
    assert all(".highlight-ipynb" in node["target"] for node in found["scrollable-region-focusable"]["nodes"])
    assert [node["target"] for node in found["aria-dialog-name"]["nodes"]] == [".md-search"]
