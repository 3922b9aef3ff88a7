"""Driving the built site in a real browser (Debian's chromium-headless-shell through Playwright's
sync API).

The browser tests in test_browser.py and their negative twins share what is here: serving a site
directory on 127.0.0.1, finding its pages, and `audit_page`, which opens one page and lists what a
reader would hit: console errors, failed or foreign requests, broken images and formulas that did
not render.
"""

import contextlib
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import LANGUAGES, ROOT
from pdf_book import DEFAULT_CHROMIUM, serve  # noqa: F401  (tools/ is on sys.path, see conftest.py; serve re-exported)
from playwright.sync_api import Browser, Error as PlaywrightError, TimeoutError as PlaywrightTimeout
from snippets_hook import NOTEBOOK_FLAG_RE

# No sandbox (as root there is none to have), and the browser must not talk to anything but the site.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOT_PAGES = {"assets", "search"}  # top-level folders of the built site that hold no pages
NAV_TIMEOUT_MS = 20_000


def chromium_path() -> str:
    """The chromium to drive, or skip (fail under CI=true) when it is not installed."""
    path = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = f"chromium not found at {path}; run `make test` as root or with password-less sudo to install it, or set CHROMIUM"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def discover_pages(site: Path) -> list[str]:
    """Every page of the built site (both languages, notebooks too), as paths relative to its root.

    A page is an index.html outside assets/ and search/; 404.html is not one. "" is the home page.
    """
    pages = []
    for index in site.rglob("index.html"):
        rel = index.relative_to(site).parent
        if rel.parts and rel.parts[0] in NOT_PAGES:
            continue
        pages.append("" if rel == Path(".") else rel.as_posix() + "/")
    return sorted(pages)


def source_pages(docs: Path = ROOT / "docs") -> list[str]:
    """The pages a build of `docs` makes, as `discover_pages` names them, known before building.

    The browser tests are parametrized with these (one test per page, so that xdist can share
    them out); each module that does so checks that the built site has exactly these pages.
    Every Markdown page of a language is a page, and so is the notebook page of a chapter
    marked `notebook: true`.
    """
    pages = []
    for lang, prefix in LANGUAGES.items():
        for source in (docs / lang).rglob("*.md"):
            rel = source.relative_to(docs / lang).with_suffix("")
            folder = rel.parent if rel.name == "index" else rel
            page = "" if folder == Path(".") else folder.as_posix() + "/"
            pages.append(prefix + page)
            if NOTEBOOK_FLAG_RE.match(source.read_text(encoding="utf-8")):
                pages.append(f"{prefix}notebooks/{source.stem}/")
    return sorted(pages)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_foreign(url: str, site_origin: str) -> bool:
    """Whether loading `url` would reach a host other than the site's own (data:, blob: do not)."""
    if urlsplit(url).scheme in ("data", "blob", "about", "javascript"):
        return False
    return origin(url) != site_origin


# Runs in the page: scroll each <img> into view (lazy ones start loading then), wait for it to
# settle, and report those that did not load.
_BROKEN_IMAGES_JS = """
async () => {
  const broken = [];
  for (const img of Array.from(document.images)) {
    img.scrollIntoView({block: "center"});
    if (!img.complete) {
      await new Promise(done => {
        img.addEventListener("load", done, {once: true});
        img.addEventListener("error", done, {once: true});
        setTimeout(done, 5000);
      });
    }
    if (!img.complete || img.naturalWidth === 0) {
      broken.push(`${img.getAttribute("src")} (complete=${img.complete}, naturalWidth=${img.naturalWidth})`);
    }
  }
  window.scrollTo(0, 0);
  return broken;
}
"""

# Runs in the page: open collapsed <details> so what is inside them is laid out, then report
# <math> elements of the article with an empty box, and raw LaTeX left in the article's visible
# prose (code, pre and the MathML itself are not prose).
_FORMULAS_JS = r"""
() => {
  const article = document.querySelector(".md-content article") || document.querySelector("article");
  if (!article) return {missing: true, empty: [], raw: []};
  article.querySelectorAll("details").forEach(d => { d.open = true; });
  const empty = [];
  for (const math of article.querySelectorAll("math")) {
    const box = math.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) {
      const tex = math.getAttribute("alttext") || math.textContent;
      empty.push(`${tex.trim().slice(0, 60)} (${box.width}x${box.height})`);
    }
  }
  const skip = "PRE, CODE, MATH, SCRIPT, STYLE, TEXTAREA, KBD, SAMP";
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: node => {
      const parent = node.parentElement;
      if (parent.closest(skip)) return NodeFilter.FILTER_REJECT;
      // Only what a reader sees: not text kept hidden (e.g. a copy button's source text).
      return parent.checkVisibility({visibilityProperty: true}) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  const chunks = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chunks.push(node.nodeValue);
  const text = chunks.join("").replace(/\s+/g, " ");
  const raw = [];
  const pattern = /\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|\\end\{|\$[^$\s](?:[^$\n]*[^$\s])?\$/g;
  for (const match of text.matchAll(pattern)) {
    raw.push(`${JSON.stringify(match[0])} in "…${text.slice(Math.max(0, match.index - 30), match.index + 40)}…"`);
  }
  return {missing: false, empty, raw};
}
"""


class Listener:
    """What a context's pages tell or do while a reader is on them, from their first request on:
    console errors and uncaught page errors; requests that failed or got HTTP >= 400; requests to
    any origin but `url`'s own (aborted, so nothing leaves the machine)."""

    def __init__(self, context, url: str):
        self.site_origin = origin(url)
        self.errors: list[str] = []  # uncaught page errors
        self.requests: dict[str, str] = {}  # URL -> what went wrong loading it
        self.foreign: list[str] = []
        self.console: list[tuple[str, str]] = []  # (text, URL of the resource it is about)
        self.running: set = set()  # requests sent and not yet answered
        context.route(lambda request_url: is_foreign(request_url, self.site_origin), self._block)

    def _block(self, route):
        self.foreign.append(route.request.url)
        with contextlib.suppress(PlaywrightError):
            route.abort("blockedbyclient")

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.requests.setdefault(
            request.url, f"failed request: {request.url} ({request.failure})"))
        page.on("response", self._on_response)
        page.on("request", lambda request: self.running.add(request))
        page.on("requestfinished", lambda request: self.running.discard(request))
        page.on("requestfailed", lambda request: self.running.discard(request))
        page.on("websocket", self._on_websocket)

    def _on_console(self, message):
        if message.type == "error":
            self.console.append((message.text, message.location.get("url") or ""))

    def _on_response(self, response):
        if response.status >= 400:
            self.requests[response.url] = f"HTTP {response.status}: {response.url}"

    def _on_websocket(self, socket):
        if is_foreign(socket.url.replace("ws", "http", 1), self.site_origin):
            self.foreign.append(socket.url)

    def settled(self, page) -> list[str]:
        """Wait until no request of the page is still running; a problem if one still is after
        NAV_TIMEOUT_MS."""
        deadline = time.monotonic() + NAV_TIMEOUT_MS / 1000
        while self.running and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # Playwright delivers the events meanwhile
        return [f"request still running after {NAV_TIMEOUT_MS} ms: {request.url}" for request in self.running]

    def problems(self) -> list[str]:
        requests = dict(self.requests)
        for request_url in self.foreign:  # aborted by us: that they were asked for is the problem
            requests[request_url] = f"foreign-origin request (blocked): {request_url}"
        # Chromium logs each failed load as a console error too; the request's own line says it.
        console = [
            f"console error: {text}" + (f" [{where}]" if where else "")
            for text, where in self.console
            if not (where in requests and text.startswith("Failed to load resource"))
        ]
        return list(dict.fromkeys(console + self.errors + list(requests.values())))  # each once


def load_problems(page, url: str, wait_until: str = "networkidle") -> list[str]:
    """Load `url` in `page` (until the network is idle, or until `wait_until`) and list what the
    page shows wrong: <img> elements that did not load, <math> in the article with an empty box,
    raw LaTeX delimiters left in the article's visible text. Opens the article's <details>."""
    problems = []
    try:
        page.goto(url, wait_until=wait_until, timeout=NAV_TIMEOUT_MS)
    except PlaywrightTimeout:
        problems.append(f"page did not settle ({wait_until}) within {NAV_TIMEOUT_MS} ms")
    problems += [f"broken image: {img}" for img in page.evaluate(_BROKEN_IMAGES_JS)]
    formulas = page.evaluate(_FORMULAS_JS)
    if formulas["missing"]:
        problems.append("no <article> content found")
    problems += [f"formula not rendered (empty box): {math}" for math in formulas["empty"]]
    problems += [f"raw LaTeX in the article text: {raw}" for raw in formulas["raw"]]
    page.wait_for_timeout(50)  # let late events (from the scrolling above) arrive
    return problems


def audit_page(browser: Browser, url: str) -> list[str]:
    """Open `url` in a fresh context and list every problem a reader of it would meet (`Listener`,
    `load_problems`). An empty list means the page is clean."""
    context = browser.new_context()
    try:
        listener = Listener(context, url)
        page = context.new_page()
        listener.watch(page)
        problems = load_problems(page, url)
    finally:
        context.close()
    return list(dict.fromkeys(problems + listener.problems()))


# Whether material's search has run the query typed: its results line shows neither what it
# showed when the page loaded ("Initializing search") nor "Type to start searching" (in the page's
# language: its __config's translation).
_SEARCH_RAN_JS = """loaded => {
  const placeholder = JSON.parse(document.getElementById("__config").textContent).translations["search.result.placeholder"];
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && ![loaded, placeholder].includes(meta.textContent.trim());
}"""


def search(browser: Browser, url: str, query: str, timeout_s: float = 15) -> list[str]:
    """Type `query` into the header search of the page at `url`; the visible result links (absolute)."""
    return [href for href, _ in search_results(browser, url, query, timeout_s)]


def search_results(browser: Browser, url: str, query: str, timeout_s: float = 15) -> list[tuple[str, str]]:
    """Type `query` into the header search of the page at `url`; (link, text) of each visible result.
    A page's title shown alone, as the heading of its sections' results, has the text ""."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
        loaded = page.locator(".md-search-result__meta").text_content().strip()
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        # Material reads the query on keyup, and only once its worker has loaded the index:
        # press a harmless key until the search has run (`_SEARCH_RAN_JS`), or time runs out.
        deadline = time.monotonic() + timeout_s
        while True:
            box.press("End")
            try:
                page.wait_for_function(_SEARCH_RAN_JS, arg=loaded, timeout=1000)
                break
            except PlaywrightTimeout:
                if time.monotonic() > deadline:
                    pytest.fail(f"{url}: the search for {query!r} did not run within {timeout_s} s", pytrace=False)
        page.wait_for_timeout(200)  # let the page's own filter (search-language.js) run
        # The results a reader sees: a hidden result (another language's page) does not count.
        return [
            tuple(pair)
            for pair in page.eval_on_selector_all(
                "a.md-search-result__link",
                """links => links.filter(a => a.offsetParent !== null).map(a => {
                    const copy = a.cloneNode(true);  // without material's "Missing: <words>" line
                    copy.querySelectorAll(".md-search-result__terms").forEach(t => t.remove());
                    const text = copy.textContent.replace(/\u200b/g, "").trim();
                    const title = copy.querySelector("h1");
                    return [a.href, title && text === title.textContent.replace(/\u200b/g, "").trim() ? "" : text];
                })""",
            )
        ]
    finally:
        context.close()


def switch_language(browser: Browser, url: str, lang: str) -> str:
    """Open `url`, pick `lang` in the header's language selector as a reader would; the URL reached."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
        page.hover(".md-header .md-select > button")  # the translate icon opens the list
        with page.expect_navigation(timeout=NAV_TIMEOUT_MS):
            page.click(f'.md-header .md-select a.md-select__link[hreflang="{lang}"]')
        return page.url
    finally:
        context.close()


def path_of(url: str) -> str:
    """`url` without scheme and host, for messages that do not depend on the port."""
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def inject_into_head(html_file: Path, markup: str) -> None:
    text = html_file.read_text(encoding="utf-8")
    assert "</head>" in text, html_file
    html_file.write_text(text.replace("</head>", markup + "</head>", 1), encoding="utf-8")


def first_match(pattern: str, html_file: Path) -> re.Match:
    match = re.search(pattern, html_file.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"{pattern!r} not in {html_file}"
    return match
