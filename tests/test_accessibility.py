"""Accessibility audit: axe-core finds no serious or critical violation on any page, in either scheme.

Every page of both languages (home pages, chapters, notebook pages and the two 404 pages) is
opened in Debian's chromium with the reader's system set to light and then to dark, so material
shows its `default` and its `slate` scheme, and axe-core (bundled with axe-playwright-python, so
nothing is fetched) audits it with its default rules (WCAG 2.x A and AA plus best practices).
Collapsed <details> (the plotting code) are opened first, so what is inside them is audited too.
No rule is switched off: the site's fixes are in docs/assets/stylesheets/site.css,
hooks/accessibility.py and overrides/.

The last test shows that the audit fails: it adds light grey text on white to a page.
"""

import time

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import sync_playwright

from browser import CHROMIUM_ARGS, NAV_TIMEOUT_MS, chromium_path, discover_pages, serve

# Playwright's `color_scheme` (what the reader's system prefers) -> material's palette scheme.
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")  # impacts that fail the audit
ERROR_PAGES = ["404.html", "en/404.html"]
TARGETS_SHOWN = 4  # selectors reported per rule and page
TIME_LIMIT_S = 120  # for every page in one scheme

# Starts axe-core on the page; its result (violations only, trimmed to what a report needs) is
# then read from window.__axeResult.
_START_AXE_JS = """
() => {
  window.__axeResult = axe.run(document, {resultTypes: ["violations"]}).then(results =>
    results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
    })));
}
"""


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(built_site):
    with serve(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def pages(built_site):
    found = discover_pages(built_site)
    for error_page in ERROR_PAGES:
        assert (built_site / error_page).is_file(), f"{error_page} was not built"
    return found + ERROR_PAGES


def open_page(page, url: str, scheme: str) -> None:
    """Load `url`, check that material shows `scheme`, open every <details>."""
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == scheme, f"{url}: material shows the {shown!r} scheme, not {scheme!r}"
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def start_axe(page) -> None:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    page.evaluate(_START_AXE_JS)


def blocking_violations(page) -> list[dict]:
    """The serious and critical violations of the axe-core run that `start_axe` began."""
    return [v for v in page.evaluate("window.__axeResult") if v["impact"] in BLOCKING]


def audit(context, base_url: str, paths: list[str], scheme: str) -> dict[str, list[dict]]:
    """Every page of `paths` -> its blocking violations, in one tab of `context`."""
    tab = context.new_page()
    found = {}
    try:
        for path in paths:
            open_page(tab, base_url + path, scheme)
            start_axe(tab)
            found[path] = blocking_violations(tab)
    finally:
        tab.close()
    return found


def describe(violations: list[dict], where: str) -> list[str]:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(node["target"] for node in nodes[:TARGETS_SHOWN])
        more = f" (+{len(nodes) - TARGETS_SHOWN} more)" if len(nodes) > TARGETS_SHOWN else ""
        detail = " ".join(nodes[0]["summary"].split())[:200]
        lines.append(
            f"{violation['id']} ({violation['impact']}) on {where}: {len(nodes)} element(s): "
            f"{targets}{more}\n      {detail}"
        )
    return lines


@pytest.mark.parametrize("color_scheme", sorted(SCHEMES))
def test_no_serious_or_critical_violations(browser, site, pages, color_scheme):
    scheme = SCHEMES[color_scheme]
    started = time.monotonic()
    context = browser.new_context(color_scheme=color_scheme)
    try:
        found = audit(context, site, pages, scheme)
    finally:
        context.close()
    elapsed = time.monotonic() - started
    assert sorted(found) == sorted(pages)
    report: list[str] = []
    counts: dict[str, int] = {}
    for path in pages:
        for violation in found[path]:
            counts[violation["id"]] = counts.get(violation["id"], 0) + len(violation["nodes"])
        report += describe(found[path], f"/{path} [{scheme}]")
    if report:
        summary = ", ".join(f"{rule}: {n}" for rule, n in sorted(counts.items()))
        pytest.fail(
            f"axe-core: serious/critical violations on {len(pages)} pages in the {scheme} scheme "
            f"({summary}):\n" + "\n".join(report),
            pytrace=False,
        )
    # Cheap enough to run on every `make test`.
    assert elapsed < TIME_LIMIT_S, f"the audit of {len(pages)} pages ({scheme}) took {elapsed:.0f} s"


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
    finally:
        context.close()
    contrast = [v for v in found if v["id"] == "color-contrast"]
    assert contrast, describe(found, "the page") or "no violation reported"
    targets = [node["target"] for node in contrast[0]["nodes"]]
    assert "#faint-on-purpose" in targets, targets
    assert contrast[0]["impact"] == "serious"
