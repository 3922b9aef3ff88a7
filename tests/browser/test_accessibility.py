"""Accessibility audit: axe-core finds no serious or critical violation on any page, in either scheme.

Every page of both languages (home pages, chapters, notebook pages and the two 404 pages) is
opened in Debian's chromium-headless-shell with the reader's system set to light and then to
dark, so material shows its `default` and its `slate` scheme, and axe-core (bundled with
axe-playwright-python, so nothing is fetched) audits it with its default rules (WCAG 2.x A and
AA plus best practices).
Collapsed <details> (the plotting code) are opened first, so what is inside them is audited too.
At a phone's width (390 px), where more code and tables scroll sideways, every page is checked
again (narrowed after its light audit) for scrolling regions that the keyboard cannot reach and
for anything that makes the whole page wider than the screen (a displayed formula scrolls in its
own box, as code and tables do, and that box must not cut the formula off). No
rule is switched off: the fixes are in docs/assets/stylesheets/site.css (contrast, underlined
links) and hooks/accessibility.py (focusable scrolling regions, the search dialog's name).

Tokens: a page holds 3000 to 4000 syntax-highlighting spans, and axe's color-contrast rule
spent about 80% of each audit on them, yet they come in a few dozen looks; the same goes for the
hundreds of MathML tokens of the formulas, the text of the SVG figures and the inline `<code>`
of the prose (about 1200 over the pages of one scheme, a quarter of the elements that
color-contrast still checked). So color-contrast checks one token per look and page: two tokens
look the same when they are in the same kind of block (page code, notebook cell, formula, inline
code or figure), are the same element with the same classes, have the same computed colour,
fill, fill opacity, stroke, font size and weight, opacity, text shadow and visibility, are both
clipped (or not) by the box that clips them, both have one character of their own text (axe
only ever leaves that undecided) or not, and have the same backgrounds and opacities on every
element between them and the first opaque background behind them. Every contrast input differs
between two looks, so a token that would fail fails its look's representative. (Axe leaves text
inside a figure, an image, undecided: test_figures.py checks the figures' colours.) Every other
rule, and color-contrast on everything else, sees every element.

The tests at the end show that the audit fails: on a page given light grey text on white, one
faint token deep in a page's code, a notebook's code, a formula or a notebook's inline code, a
scrolling code cell without `tabindex`, or a search dialog without a name.
"""

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from browser import NAV_TIMEOUT_MS, discover_pages, source_pages

# Playwright's `color_scheme` (what the reader's system prefers) -> material's palette scheme.
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")  # impacts that fail the audit
ERROR_PAGES = ["404.html", "en/404.html"]
# One test per page (and scheme), so that the workers of `pytest -n` share the audit out.
PAGES = source_pages() + ERROR_PAGES
TARGETS_SHOWN = 4  # selectors reported per rule and page

# Starts axe-core on the page; its result (violations only, trimmed to what a report needs) is
# then read from window.__axeResult.
_START_AXE_JS = """
options => {
  window.__axeResult = axe.run(document, {...options, resultTypes: ["violations"]}).then(results =>
    results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
    })));
}
"""


def test_the_audit_covers_every_page(built_site):
    for error_page in ERROR_PAGES:
        assert (built_site / error_page).is_file(), f"{error_page} was not built"
    assert sorted(discover_pages(built_site) + ERROR_PAGES) == sorted(PAGES), "pages the audit would miss or expect"


def open_page(page, url: str, scheme: str) -> None:
    """Load `url`, check that material shows `scheme`, open every <details>."""
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == scheme, f"{url}: material shows the {shown!r} scheme, not {scheme!r}"
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


# Runs in the page once axe is loaded: groups the tokens by everything that decides their
# contrast (see the module's docstring), and makes color-contrast skip all but the first token of
# each group (its other rules see every token). Returns the number of groups and of tokens.
_ONE_TOKEN_PER_LOOK_JS = """
() => {
  const rule = axe._audit.rules.find(r => r.id === "color-contrast");
  if (!rule || typeof rule.matches !== "function") throw new Error("axe has no color-contrast rule to narrow");
  const alpha = colour => { const n = colour.match(/[\\d.]+/g) || []; return n.length > 3 ? Number(n[3]) : 1; };
  // The element that clips a token: for code its pre or code, for the others the nearest
  // ancestor that does not let overflow show (an SVG figure clips its own text).
  const clipper = token => {
    if (token.closest(".highlight, .highlight-ipynb")) return token.closest("pre, code");
    for (let el = token.parentElement; el; el = el.parentElement) {
      const own = getComputedStyle(el);
      if (own.overflowX !== "visible" || own.overflowY !== "visible") return el;
    }
    return document.documentElement;
  };
  const kind = token =>
    token.closest(".highlight-ipynb") ? "notebook cell" : token.closest(".highlight") ? "page code" :
    token.closest("math") ? "formula" : token.localName === "code" ? "inline code" : "figure";
  const look = token => {
    const style = getComputedStyle(token);
    const box = token.getBoundingClientRect();
    const clip = clipper(token).getBoundingClientRect();
    // axe reads a token's own text: one character (after trimming) is only ever "incomplete".
    const own = Array.from(token.childNodes).filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data).join("");
    const parts = [
      kind(token), token.tagName, token.getAttribute("class"),
      style.color, style.fill, style.fillOpacity, style.stroke,
      style.fontSize, style.fontWeight, style.opacity, style.textShadow,
      token.checkVisibility({opacityProperty: true, visibilityProperty: true}),
      box.left < clip.left || box.right > clip.right, box.top < clip.top || box.bottom > clip.bottom,
      own.replace(/\\s+/g, " ").trim().length === 1,
    ];
    // Every background up to and including the first opaque one (the page's own, at worst).
    for (let el = token.parentElement; el; el = el.parentElement) {
      const own = getComputedStyle(el);
      parts.push(own.backgroundColor, own.backgroundImage, own.opacity);
      if (alpha(own.backgroundColor) === 1 && own.backgroundImage === "none" && own.opacity === "1") break;
    }
    return JSON.stringify(parts);
  };
  const first = new Map();
  const skipped = new Set();
  const tokens = document.querySelectorAll(
    ".highlight span, .highlight-ipynb span, article math *, svg.mpl-figure text, svg.mpl-figure tspan, " +
    "article code:not(pre code)");
  for (const token of tokens) {
    const key = look(token);
    if (first.has(key)) skipped.add(token); else first.set(key, token);
  }
  const matches = rule.matches;
  rule.matches = function (node, ...rest) { return !skipped.has(node) && matches.call(this, node, ...rest); };
  return {looks: first.size, tokens: tokens.length};
}
"""


def start_axe(page, rules: list[str] | None = None) -> None:
    """Start axe-core on the page: every rule of its default set, or only `rules` (color-contrast
    on one code token per look, see above)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
        if rules is None or "color-contrast" in rules:
            page.evaluate(_ONE_TOKEN_PER_LOOK_JS)
    page.evaluate(_START_AXE_JS, {"runOnly": rules} if rules else {})


def blocking_violations(page) -> list[dict]:
    """The serious and critical violations of the axe-core run that `start_axe` began."""
    return [v for v in page.evaluate("window.__axeResult") if v["impact"] in BLOCKING]


def audit(tab, base_url: str, path: str, scheme: str, rules=None) -> list[dict]:
    """The blocking violations of one page, opened in `tab`."""
    open_page(tab, base_url + path, scheme)
    start_axe(tab, rules)
    return blocking_violations(tab)


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


DESKTOP = {"width": 1280, "height": 720}  # a new context's window
PHONE = {"width": 390, "height": 844}
PHONE_RULES = ["scrollable-region-focusable", "aria-dialog-name"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: "/" + page)
@pytest.mark.parametrize("color_scheme", sorted(SCHEMES))
def test_no_serious_or_critical_violations(tab, site, color_scheme, page):
    """The audit of one page in one scheme; in the light one, the same page is then narrowed to a
    phone's width, where more code blocks, cells and tables scroll sideways, and each scrolling
    region must take the focus (the window is narrowed instead of loading the page again: both
    give the same passes and violations on every page)."""
    scheme = SCHEMES[color_scheme]
    window = tab(color_scheme=color_scheme)
    window.set_viewport_size(DESKTOP)  # the light tab was left at a phone's width
    found = audit(window, site, page, scheme)
    report = failure(found, page, f"the {scheme} scheme")
    if color_scheme == "light":
        report += failure(at_phone_width(window), page, "a 390 px wide screen")
        report += layout_problems(window, page)
    if report:
        pytest.fail("\n".join(report), pytrace=False)


def at_phone_width(page) -> list[dict]:
    """The blocking violations of `PHONE_RULES` once the audited page is narrowed to 390 px."""
    page.set_viewport_size(PHONE)
    # Material makes a code block focusable when it scrolls; it sees the new width within a frame.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    start_axe(page, PHONE_RULES)
    return blocking_violations(page)


# How far the page itself scrolls sideways (wider code, tables and formulas scroll in their own
# box), and how many displayed formulas that box cuts off (a scrolling box clips what sticks out).
_OVERFLOW_JS = """() => [
  document.documentElement.scrollWidth - document.documentElement.clientWidth,
  [...document.querySelectorAll("math[display=block]")].filter(m => m.scrollHeight > m.clientHeight).length,
]"""


def layout_problems(page, path: str) -> list[str]:
    """A report when the page, at the phone's width it was left at, is wider than the screen or
    cuts off the top or bottom of a displayed formula."""
    overflow, clipped = page.evaluate(_OVERFLOW_JS)
    report = []
    if overflow > 0:
        report.append(f"/{path} at 390 px is {overflow} px wider than the screen: the whole page scrolls sideways")
    if clipped:
        report.append(f"/{path}: {clipped} displayed formulas are cut off at the top or bottom by their box")
    return report


def failure(found: list[dict], page: str, where: str) -> list[str]:
    """What to report for `found` on `page` seen in `where` (nothing when it is empty)."""
    report = describe(found, f"/{page} ({where})")
    if not report:
        return []
    counts = {violation["id"]: len(violation["nodes"]) for violation in found}
    summary = ", ".join(f"{rule}: {n}" for rule, n in sorted(counts.items()))
    return [f"axe-core: serious/critical violations on /{page} in {where} ({summary}):\n" + "\n".join(report)]


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
    finally:
        context.close()
    contrast = [v for v in found if v["id"] == "color-contrast"]
    assert contrast, describe(found, "the page") or "no violation reported"
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
