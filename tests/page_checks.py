"""The checks run in a page opened in chromium, and `visit`, which runs them all in one visit.

Every page of the built site (both languages, notebook pages and the two 404 pages) is visited
once (tests/browser/test_pages.py), in a fresh context, as a reader with a desktop window meets it:

1. light scheme (the reader's system is light: material's `default`), 1280 px:
   - loads clean (browser.py: `Listener`, `load_problems`): no console error, no failed or foreign
     request (listened to from the first request to the end of the visit, which waits for the
     requests still running), no broken image, no formula without a box, no raw LaTeX;
   - axe-core with its default rules (WCAG 2.x A and AA and best practices), `<details>` opened;
   - the figures' colours against the page (`figure_problems_on`);
   - code fits its column: chapter code, notebook code cells and outputs (`overflowing_on`);
2. dark: the reader's system switched to dark and material's palette toggle pressed, as a
   reader does (material keeps the scheme it started with when the system changes under an open
   page), so the page shows `slate`: axe-core's colour rules (`DARK_RULES`) on the page, every
   rule on the header (where the palette toggle changes its label; on the home page of each
   language, since the header is one template: an audit of the header alone costs as much as
   the colour rules on the whole page), and the figures' colours again. Below the header, material's slate scheme and the site's slate rules (site.css,
   figures.css) change colours only: the elements, text and layout are those audited in light,
   so the rules that read anything else would give the light audit's answers again. The visit
   checks that much: below the header, the element count, text length and height must be the
   same in slate;
3. the same page narrowed to a phone's width (390 px), still in slate (these rules read no
   colour): every scrolling region takes the focus, the search dialog has a name, and nothing
   makes the page wider than the screen. Last, because at a phone's width material may open
   sections of the navigation, which stay open.

One load instead of one per check: the load and axe-core's start were most of each check's cost.
"""

import io

from axe_playwright_python.base import AXE_SCRIPT
from PIL import Image
from playwright.sync_api import Browser

from browser import NAV_TIMEOUT_MS, Listener, load_problems
from helpers import LANGUAGES

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> material's scheme
# The header is the same template on every page of a language: its slate audit runs on these.
HOME_PAGES = tuple(LANGUAGES.values())
BLOCKING = ("serious", "critical")  # axe-core impacts that fail the audit
TARGETS_SHOWN = 4  # selectors reported per rule and page
DESKTOP = {"width": 1280, "height": 720}  # a new context's window
PHONE = {"width": 390, "height": 844}
PHONE_RULES = ["scrollable-region-focusable", "aria-dialog-name"]
DARK_RULES = ["color-contrast", "link-in-text-block"]  # axe-core's rules that read colours
# What must fit its box at 1280 px: the code of a chapter page, a notebook's code cells (80
# characters once site.css hides the input prompt) and its raw outputs (13 px text).
CODE_BLOCKS = {"code": "pre > code", "notebook code cell": ".jp-InputArea pre", "notebook output": ".jp-RenderedText pre"}


# --- axe-core ----------------------------------------------------------------------------------
#
# Tokens: a page holds 3000 to 4000 syntax-highlighting spans, and axe's color-contrast rule
# spent about 80% of each audit on them, yet they come in a few dozen looks; the same goes for the
# hundreds of MathML tokens of the formulas, the text of the SVG figures and the inline `<code>`
# of the prose (about 1200 over the pages of one scheme, a quarter of the elements that
# color-contrast still checked). So color-contrast checks one token per look and page: two tokens
# look the same when they are in the same kind of block (page code, notebook cell, formula, inline
# code or figure), are the same element with the same classes, have the same computed colour,
# fill, fill opacity, stroke, font size and weight, opacity, text shadow and visibility, are both
# clipped (or not) by the box that clips them, both have one character of their own text (axe
# only ever leaves that undecided) or not, and have the same backgrounds and opacities on every
# element between them and the first opaque background behind them. Every contrast input differs
# between two looks, so a token that would fail fails its look's representative. (Axe leaves text
# inside a figure, an image, undecided: `figure_problems_on` checks the figures' colours.) Every
# other rule, and color-contrast on everything else, sees every element. The looks are found
# again after the scheme changes (they are computed colours).

# Starts axe-core on the page; its result (violations only, trimmed to what a report needs) is
# then read from window.__axeResult.
_START_AXE_JS = """
([options, within]) => {
  window.__axeResult = axe.run(within || document, {...options, resultTypes: ["violations"]}).then(results =>
    results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
    })));
}
"""


def open_page(page, url: str, scheme: str) -> None:
    """Load `url`, check that material shows `scheme`, open every <details>."""
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    ready_to_audit(page, scheme, url)


def ready_to_audit(page, scheme: str, where: str) -> None:
    """Check that the loaded page shows material's `scheme`, open every <details>, and let the
    page settle: the fonts its opened text asks for loaded, and two frames laid out."""
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    assert shown == scheme, f"{where}: material shows the {shown!r} scheme, not {scheme!r}"
    page.evaluate(_OPEN_AND_SETTLE_JS)


_OPEN_AND_SETTLE_JS = """
async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  document.body.getBoundingClientRect();  // lay out what opened, so the fonts it needs are asked for
  await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}
"""


def contrast_verdict(page, selector: str) -> str:
    """What axe's color-contrast says of the element `selector` (violation, undecided and why,
    pass, or not checked), with the page's state: for the message of a test whose faint token
    went unreported."""
    return page.evaluate(_CONTRAST_VERDICT_JS, selector)


_CONTRAST_VERDICT_JS = """
async selector => {
  const r = await axe.run(document, {runOnly: ["color-contrast"],
                                     resultTypes: ["violations", "incomplete", "passes"]});
  const kinds = {violations: r.violations, incomplete: r.incomplete, passes: r.passes};
  const said = Object.entries(kinds).flatMap(([kind, list]) => list.flatMap(rule => rule.nodes
    .filter(node => node.target.map(String).join(" ") === selector)
    .map(node => `${kind}: ${node.any.concat(node.all, node.none).map(check => check.message).join("; ")}`)));
  const el = document.querySelector(selector);
  const rects = el ? Array.from(el.getClientRects()).map(b => [b.left, b.top, b.width, b.height].map(Math.round)) : null;
  return `axe's color-contrast on ${selector}: ${said.join(" | ") || "not checked"}; ` +
    `its boxes ${JSON.stringify(rects)}, window ${innerWidth}x${innerHeight} scrolled to ${scrollY}, ` +
    `fonts ${document.fonts.status}, style sheets ${document.styleSheets.length}`;
}
"""


# Runs in the page once axe is loaded: groups the tokens by everything that decides their
# contrast (see above), and makes color-contrast skip all but the first token of each group (its
# other rules see every token). Run again, it groups anew: the skipping it set before is replaced.
# Returns the number of groups and of tokens.
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
  const matches = rule.__everyToken || rule.matches;
  rule.__everyToken = matches;
  rule.matches = function (node, ...rest) { return !skipped.has(node) && matches.call(this, node, ...rest); };
  return {looks: first.size, tokens: tokens.length};
}
"""


def start_axe(page, rules: list[str] | None = None, regroup: bool = False, within: str | None = None) -> None:
    """Start axe-core on the page: every rule of its default set, or only `rules` (color-contrast
    on one code token per look, see above; `regroup`: find the looks again, after the colours
    changed); on the whole page, or only on what the CSS selector `within` selects."""
    loaded = page.evaluate("typeof window.axe === 'object'")
    if not loaded:
        page.evaluate(AXE_SCRIPT)
    if (rules is None or "color-contrast" in rules) and (regroup or not loaded):
        page.evaluate(_ONE_TOKEN_PER_LOOK_JS)
    page.evaluate(_START_AXE_JS, [{"runOnly": rules} if rules else {}, within])


def blocking_violations(page) -> list[dict]:
    """The serious and critical violations of the axe-core run that `start_axe` began."""
    return [v for v in page.evaluate("window.__axeResult") if v["impact"] in BLOCKING]


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


# --- figures -----------------------------------------------------------------------------------

# Runs in the page: the colours that a reader sees in each figure, as [r, g, b, a] lists.
_FIGURE_COLOURS_JS = """
() => {
  const rgba = value => {
    const n = (value.match(/[\\d.]+/g) || []).map(Number);
    return n.length >= 3 ? [n[0], n[1], n[2], n.length > 3 ? n[3] : 1] : null;
  };
  return Array.from(document.querySelectorAll("svg.mpl-figure")).map(svg => {
    const texts = Array.from(svg.querySelectorAll("text")).map(text => {
      const style = getComputedStyle(text);
      return {text: text.textContent.trim().slice(0, 30), fill: rgba(style.fill),
              opacity: Number(style.fillOpacity) * Number(style.opacity)};
    });
    const series = [];
    for (const el of svg.querySelectorAll('[style*="stroke: var(--fig-c"]')) {
      const style = getComputedStyle(el);
      if (Number(style.strokeOpacity) === 1 && Number(style.opacity) === 1) {
        series.push({property: el.getAttribute("style").match(/var\\((--fig-c\\d)/)[1], stroke: rgba(style.stroke)});
      }
    }
    // Markers (a tick is a marker without area): the fill a reader sees inside each.
    const markers = [];
    for (const use of svg.querySelectorAll("use")) {
      const style = getComputedStyle(use), box = use.getBBox();
      if (box.width > 0 && box.height > 0 && style.fill !== "none" && Number(style.fillOpacity) > 0) {
        markers.push({fill: rgba(style.fill), opacity: Number(style.fillOpacity) * Number(style.opacity)});
      }
    }
    return {label: svg.getAttribute("aria-label").slice(0, 40), texts, series, markers};
  });
}
"""


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour, background, opacity=1.0):
    """`colour` ([r, g, b, a]) painted with `opacity` over an opaque background."""
    alpha = colour[3] * opacity
    return [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3])]


def figure_problems_on(page, scheme: str) -> list[str]:
    """What is wrong with the figures of the open `page`, which shows `scheme` ("light"/"dark")."""
    problems = []
    colours = page.evaluate(_FIGURE_COLOURS_JS)
    figures = page.locator("svg.mpl-figure")
    for number, figure in enumerate(colours):
        where = f"{scheme}, figure {number + 1} ({figure['label']}…)"
        svg = figures.nth(number)
        # The figure's top just below the sticky header (a tall figure, centred, would put its top under it).
        svg.evaluate("""svg => {
          svg.scrollIntoView({block: "start"});
          window.scrollBy(0, -(document.querySelector(".md-header").offsetHeight + 16));
        }""")
        box = svg.bounding_box()
        # Pixels 3 px outside the figure's left edge and 3 px inside its empty margin.
        clip = {"x": box["x"] - 6, "y": box["y"], "width": 12, "height": 12}
        shot = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
        scale = shot.width / 12
        outside = shot.getpixel((int(3 * scale), int(3 * scale)))
        inside = shot.getpixel((int(9 * scale), int(3 * scale)))
        if max(abs(a - b) for a, b in zip(outside, inside)) > 3:
            problems.append(f"{where}: background {inside} inside, {outside} around it")
        for text in figure["texts"]:
            ratio = contrast(over(text["fill"], inside, text["opacity"]), inside)
            if ratio < 4.5:
                problems.append(f"{where}: text {text['text']!r} has contrast {ratio:.2f} < 4.5")
        for line in figure["series"]:
            ratio = contrast(over(line["stroke"], inside), inside)
            if ratio < 3:
                problems.append(f"{where}: series colour {line['property']} has contrast {ratio:.2f} < 3")
        for marker in figure["markers"]:
            # A filled marker is seen (3:1), or is the background: a hollow one.
            ratio = contrast(over(marker["fill"], inside, marker["opacity"]), inside)
            if 1.1 < ratio < 3:
                problems.append(f"{where}: a filled marker has contrast {ratio:.2f} < 3 (neither seen nor hollow)")
    return list(dict.fromkeys(problems))


# --- code width --------------------------------------------------------------------------------

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


def overflowing_on(page, selector: str) -> list[str]:
    """The blocks matching `selector` of the open `page` that scroll sideways."""
    return page.evaluate(_OVERFLOWING_JS, selector)


# --- one visit, every check --------------------------------------------------------------------


def press_palette_toggle(page, scheme: str) -> None:
    """Switch the open page to `scheme` ("light"/"dark") as a reader does: their system's
    preference changes, and they press material's palette toggle in the header."""
    page.emulate_media(color_scheme=scheme)
    page.evaluate("""() => {
      const toggle = document.querySelector("form[data-md-component=palette] label:not([hidden])");
      if (!toggle) throw new Error("no palette toggle in the header");
      toggle.click();
      document.activeElement?.blur();
    }""")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === {SCHEMES[scheme]!r}", timeout=NAV_TIMEOUT_MS)


# What the light audit saw besides colours: how many elements, how much visible text, how tall the
# page is at 1280 px. The dark half audits colours only, so it checks that these did not change.
# Below the header: the header's search line says "Initializing search", then "Type to start
# searching", whenever the search index is ready.
_SHAPE_JS = """() => {
  const below = document.querySelector(".md-container");
  return [below.getElementsByTagName("*").length, below.innerText.length, document.documentElement.scrollHeight];
}"""


def visit(browser: Browser, site: str, path: str, dark_header: bool | None = None) -> dict[str, list[str]]:
    """Visit the page `path` of the site served at `site` once and run every check of the module
    docstring, in its order; what each check found (an empty list when it found nothing).
    `dark_header`: audit the header in slate with every rule (by default on the home pages)."""
    url = site + path
    found: dict[str, list[str]] = {}
    context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    try:
        listener = Listener(context, url)
        page = context.new_page()
        listener.watch(page)
        # Requests the page makes after its load event (the search index, fonts) are listened to
        # while the checks below run; at its end, the visit waits for those still running.
        found["loads clean"] = load_problems(page, url, wait_until="load")  # opens the article's <details>
        ready_to_audit(page, SCHEMES["light"], f"/{path}")
        start_axe(page)
        found["axe-core, light"] = failure(blocking_violations(page), path, "the default scheme")
        found["figures, light"] = figure_problems_on(page, "light")
        shape = page.evaluate(_SHAPE_JS)
        found["code width at 1280 px"] = [
            f"{what}: {wide}" for what, selector in CODE_BLOCKS.items() for wide in overflowing_on(page, selector)
        ]
        press_palette_toggle(page, "dark")
        start_axe(page, DARK_RULES, regroup=True)
        found["axe-core, dark"] = failure(blocking_violations(page), path, "the slate scheme")
        if (dark_shape := page.evaluate(_SHAPE_JS)) != shape:
            found["axe-core, dark"].append(
                f"/{path}: in slate the page changed more than its colours (elements, text length, height: "
                f"{shape} in light, {dark_shape} in slate): audit it with every rule in the dark too"
            )
        # The header is where slate changes more than colours: the palette toggle's label.
        if path in HOME_PAGES if dark_header is None else dark_header:
            start_axe(page, within=".md-header")
            found["axe-core, dark"] += failure(blocking_violations(page), path, "the slate scheme's header, every rule")
        found["figures, dark"] = figure_problems_on(page, "dark")
        found["axe-core, phone"] = failure(at_phone_width(page), path, "a 390 px wide screen")
        found["layout, phone"] = layout_problems(page, path)
        found["loads clean"] += listener.settled(page) + listener.problems()
    finally:
        context.close()
    return found
