"""The printable book: one PDF per language, made from the built site (`make pdf`).

    python tools/pdf_book.py [SITE_DIR]          # default: site

For each language it assembles one "book" page: a table of contents, then the article of every
chapter page in the order of the site's navigation (home page first), with each chapter's ids
and links rewritten so they stay unique and point inside the book, and asset URLs made
absolute. The built site is served on 127.0.0.1 and Debian's chromium-headless-shell (CHROMIUM)
prints the book with page numbers in the footer and PDF bookmarks from the headings. A first
print finds the page where each chapter starts; the second prints those numbers in the table of
contents. The result is `SITE_DIR/pdf/<BOOK_NAME>-<lang>.pdf`; the home page of each language
then gets a link to its PDF (only a site that has the PDF shows the link).

Not a MkDocs hook (nothing here runs during `mkdocs build`): a command, so it lives in tools/.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import io
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BOOK_NAME = "tensorflow-neural-networks"
LANGUAGES = {"zh": "", "en": "en/"}  # language -> where its pages live in the site
TOC_TITLE = {"zh": "目录", "en": "Contents"}
PDF_LINK = {
    "zh": "本书的 PDF 版本（适合打印）：{link}",
    "en": "This book as a PDF (for printing): {link}",
}
PDF_LINK_MARK = "book-pdf-link"  # class of the paragraph added to the home page
DEFAULT_CHROMIUM = "/usr/bin/chromium-headless-shell"  # the Makefile's CHROMIUM (tests use it too)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
NOT_CHAPTERS = {"notebooks", "search", "assets", "figures", "pdf"}


def pdf_name(lang: str) -> str:
    return f"{BOOK_NAME}-{lang}.pdf"


@dataclass
class Chapter:
    slug: str  # "" for the home page, else the page's folder name
    url: str  # the page's path in the site, e.g. "/en/loss-functions/"
    article: str  # the inner HTML of its <article>, rewritten for the book
    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (id in the book, text)

    @property
    def anchor(self) -> str:
        return f"chapter-{self.slug or 'home'}"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment (the headings' permalink mark dropped)."""
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def article_of(page_html: str) -> str:
    match = re.search(r"<article\b[^>]*>(.*)</article>", page_html, re.S)
    if not match:
        raise ValueError("no <article> in the page")
    return match.group(1)


def chapter_urls(site: Path, lang: str) -> list[str]:
    """The chapter pages of `lang` (as site paths) in the order of the navigation of its home page.

    A chapter is a page of the language's own top level (the home page or `<name>/`); notebook
    pages and the other language's pages are not chapters.
    """
    prefix = "/" + LANGUAGES[lang]
    home = read(site / LANGUAGES[lang] / "index.html")
    start = home.find('class="md-nav md-nav--primary"')
    end = home.find('class="md-content"', start)
    if start < 0 or end < 0:
        raise ValueError(f"{lang}: no navigation in the home page")
    nav_html = home[start:end]  # the primary navigation (the sidebar), before the article
    urls = []
    for href in re.findall(r'<a href="([^"#]*)"[^>]*class="md-nav__link', nav_html):
        url = urlsplit(urljoin(prefix, href)).path
        rest = url[len(prefix):] if url.startswith(prefix) else None
        if rest is None or rest.count("/") > 1 or rest.strip("/") in NOT_CHAPTERS:
            continue
        if any(other and url.startswith("/" + other) for other in LANGUAGES.values() if other != LANGUAGES[lang]):
            continue
        if url not in urls and (site / url.lstrip("/") / "index.html").is_file():
            urls.append(url)
    if not urls or urls[0] != prefix:
        raise ValueError(f"{lang}: the navigation of {prefix} does not start with the home page: {urls}")
    return urls


def rewrite_chapter(article: str, url: str, slugs: dict[str, str], site_base: str) -> str:
    """Make a chapter's article fit in the book.

    Ids get the chapter's prefix; `#x` links follow them; links to another chapter point to it
    inside the book; every other relative URL becomes absolute (assets load from the served
    site; a link to a page that is not in the book points to the published site).
    """
    slug = slugs[url]

    def book_id(chapter_slug: str, fragment: str) -> str:
        return f"{chapter_slug or 'home'}--{fragment}"

    article = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{book_id(slug, m.group(1))}"', article)

    def fix(match: re.Match) -> str:
        attr, value = match.group(1), html.unescape(match.group(2))
        if value.startswith("#"):
            return f'{attr}="#{book_id(slug, value[1:])}"' if value != "#" else match.group(0)
        if urlsplit(value).scheme or value.startswith("//"):
            return match.group(0)  # absolute already (https:, data:, mailto:)
        target = urljoin(url, value)
        parts = urlsplit(target)
        if attr == "href" and parts.path in slugs:
            other = slugs[parts.path]
            anchor = book_id(other, parts.fragment) if parts.fragment else f"chapter-{other or 'home'}"
            return f'href="#{anchor}"'
        if attr == "href" and (parts.path.endswith("/") or parts.path.endswith(".html")):
            return f'href="{html.escape(urljoin(site_base, target.lstrip("/")))}"'
        return f'{attr}="{html.escape(target)}"'

    article = re.sub(r'\b(src|href)="([^"]*)"', fix, article)
    article = re.sub(r'\sloading="lazy"', "", article)  # every image loads before printing
    # Collapsed blocks (the plotting code) are printed open.
    article = re.sub(r"<details(?![^>]*\bopen\b)", "<details open", article)
    return article


def load_chapters(site: Path, lang: str) -> list[Chapter]:
    urls = chapter_urls(site, lang)
    prefix = "/" + LANGUAGES[lang]
    slugs = {url: url[len(prefix):].strip("/") for url in urls}
    site_base = site_url(site)
    chapters = []
    for url in urls:
        article = article_of(read(site / url.lstrip("/") / "index.html"))
        article = rewrite_chapter(article, url, slugs, site_base)
        headings = re.findall(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', article, re.S)
        h1 = [text_of(body) for level, _, body in headings if level == "1"]
        chapters.append(
            Chapter(
                slug=slugs[url],
                url=url,
                article=article,
                title=h1[0] if h1 else slugs[url],
                sections=[(hid, text_of(body)) for level, hid, body in headings if level == "2"],
            )
        )
    return chapters


def site_url(site: Path) -> str:
    """The published address of the site (its home page's canonical link), ending in '/'."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', read(site / "index.html"))
    base = match.group(1) if match else "http://127.0.0.1:8000/"
    return base if base.endswith("/") else base + "/"


def toc_html(lang: str, chapters: list[Chapter], pages: dict[str, int] | None) -> str:
    """The table of contents; `pages` maps a chapter's anchor to its first page, once known."""
    items = []
    for chapter in chapters:
        number = (pages or {}).get(chapter.anchor, "")
        sections = "".join(
            f'<li><a href="#{hid}">{html.escape(text)}</a></li>' for hid, text in chapter.sections
        )
        items.append(
            f'<li class="book-toc__chapter"><a href="#{chapter.anchor}">{html.escape(chapter.title)}</a>'
            f'<span class="book-toc__page">{number}</span>'
            + (f'<ol class="book-toc__sections">{sections}</ol>' if sections else "")
            + "</li>"
        )
    return (
        f'<nav class="book-toc" aria-label="{TOC_TITLE[lang]}"><h2 class="book-toc__title">{TOC_TITLE[lang]}</h2>'
        f'<ol class="book-toc__chapters">{"".join(items)}</ol></nav>'
    )


def book_html(site: Path, lang: str, chapters: list[Chapter], pages: dict[str, int] | None = None) -> str:
    """One page holding the whole book, in the home page's <head> (styles, fonts, language)."""
    home_url = "/" + LANGUAGES[lang]
    home = read(site / LANGUAGES[lang] / "index.html")
    head = re.search(r"<head>(.*?)</head>", home, re.S).group(1)
    head = re.sub(r"<script\b.*?</script>", "", head, flags=re.S)  # styles only: nothing runs
    head = re.sub(
        r'\b(src|href)="([^"]*)"',
        lambda m: m.group(0) if urlsplit(m.group(2)).scheme else f'{m.group(1)}="{urljoin(home_url, m.group(2))}"',
        head,
    )
    head = re.sub(r"<title>.*?</title>", f"<title>{html.escape(book_title(home))}</title>", head, flags=re.S)
    html_tag = re.search(r"<html\b[^>]*>", home).group(0)
    body_tag = re.search(r"<body\b[^>]*>", home).group(0)
    chapters_html = "".join(
        f'<section class="book-chapter" id="{chapter.anchor}">{chapter.article}</section>' for chapter in chapters
    )
    return (
        f"<!doctype html>{html_tag}<head>{head}</head>{body_tag}"
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        '<div class="md-content"><article class="md-content__inner md-typeset book">'
        f'<p class="book-title">{html.escape(book_title(home))}</p>'  # not a heading: no bookmark
        f"{toc_html(lang, chapters, pages)}{chapters_html}"
        "</article></div></div></main></div></body></html>"
    )


def book_title(home_html: str) -> str:
    match = re.search(r'<meta property="og:site_name" content="([^"]+)"', home_html) or re.search(
        r'class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', home_html, re.S
    )
    return html.unescape(match.group(1)).strip() if match else BOOK_NAME


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class names it `format`
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` at the root of http://127.0.0.1:<free port>/ and yield that base URL.

    The browser tests serve the built site with it too.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


_WAIT_FOR_IMAGES_JS = """
async () => {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  })));
  return Array.from(document.images).filter(img => img.naturalWidth === 0).map(img => img.src);
}
"""


def print_pdf(browser, origin: str, book_url: str, book: str, title: str) -> bytes:
    """Load `book` as if served at `book_url` and print it; only the local site is reachable."""
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.route(
            lambda url: not url.startswith(origin + "/"),
            lambda route: route.abort("blockedbyclient"),
        )
        page.route(
            book_url,
            lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=book),
        )
        page.goto(book_url, wait_until="load", timeout=60_000)
        broken = page.evaluate(_WAIT_FOR_IMAGES_JS)
        if broken:
            raise RuntimeError(f"images that did not load in the book: {broken}")
        small = "font-size:8px;width:100%;margin:0 15mm;color:#666;font-family:sans-serif;"
        return page.pdf(
            format="A4",
            margin=MARGIN,
            print_background=True,
            display_header_footer=True,
            header_template=f'<div style="{small}text-align:right">{html.escape(title)}</div>',
            footer_template=(
                f'<div style="{small}text-align:center">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            ),
            outline=True,
            tagged=True,
        )
    finally:
        context.close()


def bookmarks(reader) -> list[tuple[str, int]]:
    """(title with its whitespace collapsed, 1-based page) of every bookmark of a pypdf reader,
    depth first."""
    marks = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append((" ".join(str(item.title).split()), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return marks


def chapter_start_pages(pdf: bytes, chapters: list[Chapter]) -> dict[str, int]:
    """The page (1-based) where each chapter's title is, from the PDF's bookmarks.

    Chromium makes one bookmark per heading, in document order; the chapters' <h1> titles are
    matched in order, after the book's own title and table of contents.
    """
    from pypdf import PdfReader

    marks = bookmarks(PdfReader(io.BytesIO(pdf)))
    pages, start = {}, 0
    for chapter in chapters:
        for index in range(start, len(marks)):
            if marks[index][0] == chapter.title:
                pages[chapter.anchor] = marks[index][1]
                start = index + 1
                break
    return pages


def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SystemExit(
            f"chromium not found at {path}: install Debian's chromium-headless-shell (make browser) or set CHROMIUM"
        )
    return path


def make_books(site: Path, out_dir: Path | None = None, langs=tuple(LANGUAGES)) -> dict[str, Path]:
    """Print the book of each language from the built `site`; the PDF paths."""
    from playwright.sync_api import sync_playwright

    out_dir = out_dir or site / "pdf"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    with serve(site) as base_url, sync_playwright() as playwright:
        origin = base_url.rstrip("/")
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            for lang in langs:
                chapters = load_chapters(site, lang)
                title = book_title(read(site / LANGUAGES[lang] / "index.html"))
                book_url = f"{origin}/{LANGUAGES[lang]}book-{lang}.html"  # never on disk
                first = print_pdf(browser, origin, book_url, book_html(site, lang, chapters), title)
                pages = chapter_start_pages(first, chapters)
                final = print_pdf(browser, origin, book_url, book_html(site, lang, chapters, pages), title)
                path = out_dir / pdf_name(lang)
                path.write_bytes(final)
                written[lang] = path
        finally:
            browser.close()
    return written


def link_from_home(site: Path, lang: str, pdf: Path) -> None:
    """Add a paragraph linking `pdf` to the home page of `lang`, under its title (once)."""
    home = site / LANGUAGES[lang] / "index.html"
    text = read(home)
    if PDF_LINK_MARK in text:
        return
    href = os.path.relpath(pdf, home.parent).replace(os.sep, "/")
    link = f'<a href="{html.escape(href)}" download>{html.escape(pdf.name)}</a>'
    paragraph = f'<p class="{PDF_LINK_MARK}">{PDF_LINK[lang].format(link=link)}</p>'
    text, count = re.subn(r"(<article\b[^>]*>.*?</h1>)", lambda m: m.group(1) + paragraph, text, count=1, flags=re.S)
    if not count:
        raise ValueError(f"{home}: no <h1> in the article to put the PDF link under")
    home.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--no-link", action="store_true", help="do not link the PDFs from the home pages")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site: run `make build` first")
    started = time.monotonic()
    written = make_books(args.site)
    for lang, pdf in written.items():
        if not args.no_link:
            link_from_home(args.site, lang, pdf)
        print(f"{pdf} ({pdf.stat().st_size / 1e6:.1f} MB)")
    print(f"books printed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
