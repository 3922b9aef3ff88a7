"""The printable book (`make pdf`, tools/pdf_book.py): one PDF per language, whole and readable.

Each book is printed once per session, from its own copy of the `built_site` fixture, by the
same code `make pdf` runs, in a child process as `make pdf` does (Playwright's sync API runs one
instance per process, and the tests' browser is already open); the text of the pages the tests
read is extracted once too (`pages_read`: the contents, each chapter's first page, three
numbered pages, the loss chapter; pypdf takes about 80 ms a page). Each must open, hold every
chapter's title on the page its bookmark leads to, the bookmarks in the order of the navigation,
and have page numbers.

No tofu: chromium draws a character that no installed font has with glyph 0 (.notdef, the
empty box). So on a sample page (the first page of the first chapter, full of Chinese in the
Chinese book) every text-showing operator is decoded through its font: every glyph drawn must
be a real glyph (not 0 / `/g0`), every font must carry its glyphs in the PDF (a Type0 font's
descendant has a FontFile; a Type3 font, which is how chromium embeds the CFF-based Noto CJK
fonts, draws each glyph with its own procedure), and the characters the ToUnicode maps give back
must include the page's CJK text. A negative test prints a page with characters no font has and
sees the check report them.

(CJK text is compared after NFKC normalization: Noto CJK uses one glyph for a Kangxi radical and
its unified ideograph, e.g. U+2F6C and U+76EE, and chromium's ToUnicode may name either.)
"""

import io
import json
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
from pypdf.generic import ContentStream  # noqa: E402

import pdf_book  # noqa: E402  (tools/ is on sys.path, see conftest.py)
from browser import chromium_path  # noqa: E402
from helpers import ROOT  # noqa: E402

MIN_PAGES = 40  # the five chapters and the home page fill over 100 A4 pages
# Prints the book of one language into a site (argv: tools dir, site, language) and links it
# from that language's home page, as `make pdf` does for each language.
PRINT_BOOK = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import pdf_book
site, lang = Path(sys.argv[2]), sys.argv[3]
pdf = pdf_book.make_books(site, langs=(lang,))[lang]
pdf_book.link_from_home(site, lang, pdf)
print(pdf)
"""


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Book:
    site: Path  # the copy of the built site it was printed from, now linking it
    pdf: Path
    lang: str
    pages: int  # how many it has
    # Page number (from 1) -> its text (pypdf's extract_text), for the `pages_read` only.
    texts: dict[int, str] = field(repr=False)

    def text(self, number: int) -> str:
        assert number in self.texts, f"{self.pdf.name}: page {number} was not read (see pages_read)"
        return self.texts[number]

    def chapter_text(self, slug: str) -> str:
        """The text of every page of a chapter, from its first page to the next chapter's."""
        reader = pypdf.PdfReader(self.pdf)
        chapters = pdf_book.load_chapters(self.site, self.lang)
        first, last = chapter_spans(outline(reader), chapters, len(reader.pages))[[c.slug for c in chapters].index(slug)]
        assert first, f"{self.pdf.name}: no bookmark for the chapter {slug!r}"
        return " ".join(self.text(number) for number in range(first, last + 1))


def chapter_spans(marks: list[tuple[str, int]], chapters, pages: int) -> list[tuple[int | None, int]]:
    """(first, last) page of each chapter: the first bookmark with its title after the previous
    chapter's, up to the page before the next chapter's (None, 0 when it has no bookmark)."""
    titles = [title for title, _ in marks]
    starts, position = [], -1
    for chapter in chapters:
        title = nfkc(chapter.title)
        if title in titles[position + 1 :]:
            position = titles.index(title, position + 1)
            starts.append(marks[position][1])
        else:
            starts.append(None)
    spans = []
    for index, first in enumerate(starts):
        following = [start for start in starts[index + 1 :] if start]
        spans.append((first, (following[0] - 1 if following else pages) if first else 0))
    return spans


def contents_pages(spans: list[tuple[int | None, int]]) -> range:
    """The table of contents: from page 2 (after the title) up to the page before the first
    chapter's, however many pages its list of chapters and sections fills."""
    first = next((start for start, _ in spans if start), 3)
    return range(2, max(first, 3))


def pages_read(pdf: Path, site: Path, lang: str) -> list[int]:
    """The pages whose text the tests read: the contents (from page 2), each chapter's first page,
    the pages whose numbers are checked (2, the middle one, the last), every page of the loss
    chapter (its code, output, plotting code and formulas)."""
    reader = pypdf.PdfReader(pdf)
    total = len(reader.pages)
    chapters = pdf_book.load_chapters(site, lang)
    spans = chapter_spans(outline(reader), chapters, total)
    wanted = {2, total // 2, total} | {first for first, _ in spans if first} | set(contents_pages(spans))
    for chapter, (first, last) in zip(chapters, spans):
        if chapter.slug == "loss-functions" and first:
            wanted |= set(range(first, last + 1))
    return sorted(number for number in wanted if 1 <= number <= total)


@pytest.fixture(scope="session")
def book(built_site, make_once):
    """`book(lang)`: that language's Book, printed once per session (by whichever worker asks first)."""
    chromium_path()  # skip (or fail under CI=true) without chromium
    books = {}

    def make(directory: Path, lang: str) -> dict:
        site = shutil.copytree(built_site, directory / "site")
        printed = subprocess.run(
            [sys.executable, "-c", PRINT_BOOK, str(ROOT / "tools"), str(site), lang],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert printed.returncode == 0, printed.stderr
        pdf = Path(printed.stdout.strip().splitlines()[-1])
        reader = pypdf.PdfReader(pdf)
        texts = {number: reader.pages[number - 1].extract_text() for number in pages_read(pdf, site, lang)}
        (directory / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        return {"site": str(site), "pdf": str(pdf), "pages": len(reader.pages), "texts": str(directory / "texts.json")}

    def get(lang: str) -> Book:
        if lang not in books:
            made = make_once(f"book-{lang}", lambda directory: make(directory, lang))
            texts = json.loads(Path(made["texts"]).read_text(encoding="utf-8"))
            texts = {int(number): text for number, text in texts.items()}
            books[lang] = Book(Path(made["site"]), Path(made["pdf"]), lang, made["pages"], texts)
        return books[lang]

    return get


def outline(reader) -> list[tuple[str, int]]:
    """(title, page) of every bookmark, depth first, titles NFKC-normalized."""
    return [(nfkc(title), page) for title, page in pdf_book.bookmarks(reader)]


def glyph_problems(reader, page) -> tuple[list[str], str]:
    """What a reader would see as tofu on `page`, and the text its glyphs map back to.

    Each string shown is split into character codes by its font (1 byte for a Type3 or simple
    font, 2 for a Type0 Identity-H font) and each code into its glyph: the glyph name from a
    Type3 font's /Differences, the glyph id itself (the CID) for Identity-H.
    """
    problems: list[str] = []
    mapped: list[str] = []
    fonts = page["/Resources"]["/Font"]
    checked: dict[str, dict] = {}

    def font_info(name: str) -> dict:
        if name in checked:
            return checked[name]
        font = fonts[name].get_object()
        subtype = font["/Subtype"]
        info = {"subtype": subtype, "names": {}, "unicode": {}}
        if subtype == "/Type0":
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"{name} ({font.get('/BaseFont')}) is not embedded")
        elif subtype == "/Type3":
            differences = font["/Encoding"]["/Differences"]
            code = 0
            for item in differences:
                if isinstance(item, int) or hasattr(item, "as_numeric"):
                    code = int(item)
                else:
                    info["names"][code] = str(item)
                    code += 1
            procs = font["/CharProcs"]
            missing = {n for n in info["names"].values() if n != "/g0" and n not in procs}
            if missing:
                problems.append(f"{name}: glyphs without a drawing procedure: {sorted(missing)[:5]}")
        else:
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and not any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                problems.append(f"{name} ({font.get('/BaseFont')}) is not embedded")
        if "/ToUnicode" in font:
            info["unicode"] = parse_tounicode(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
        checked[name] = info
        return info

    content = ContentStream(page.get_contents(), reader)
    current = None
    for operands, operator in content.operations:
        if operator == b"Tf":
            current = str(operands[0])
            continue
        if operator not in (b"Tj", b"TJ", b"'", b'"') or current is None:
            continue
        strings = operands[0] if operator == b"TJ" else operands[-1:]
        info = font_info(current)
        width = 2 if info["subtype"] == "/Type0" else 1
        for string in strings:
            if not isinstance(string, (bytes, str)) and not hasattr(string, "original_bytes"):
                continue  # a kerning number inside TJ
            data = string.original_bytes if hasattr(string, "original_bytes") else bytes(string, "latin-1")
            for i in range(0, len(data) - width + 1, width):
                code = int.from_bytes(data[i : i + width], "big")
                char = info["unicode"].get(code, "")
                notdef = code == 0 if width == 2 else info["names"].get(code, "/g0") == "/g0"
                if notdef:
                    problems.append(f"{current}: code {code:#x} draws .notdef (tofu) for {char!r}")
                mapped.append(char)
    return problems, "".join(mapped)


def parse_tounicode(cmap: str) -> dict[int, str]:
    """code -> text of a ToUnicode CMap (bfchar and bfrange sections, as chromium writes them)."""
    import re

    table: dict[int, str] = {}

    def text(hexa: str) -> str:
        return bytes.fromhex(hexa).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = chr(start + offset) if start + offset < 0x110000 else ""
    return table


@pytest.mark.long
@pytest.mark.parametrize("lang", pdf_book.LANGUAGES)
def test_the_book_holds_every_chapter_in_order(book, lang):
    site, pdf = book(lang).site, book(lang).pdf
    assert pdf == site / "pdf" / pdf_book.pdf_name(lang) and pdf.stat().st_size > 100_000
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) > MIN_PAGES, f"{pdf.name}: only {len(reader.pages)} pages"
    chapters = pdf_book.load_chapters(site, lang)
    slugs = [chapter.slug for chapter in chapters]
    assert slugs == [
        "", "building-models", "loss-functions", "losses-in-training", "losses-in-practice", "losses-in-depth", "glossary"
    ]
    marks = outline(reader)
    for chapter, (page, _) in zip(chapters, chapter_spans(marks, chapters, len(reader.pages))):
        title = nfkc(chapter.title)
        assert page, f"{pdf.name}: no bookmark {title!r} after the previous chapter"
        assert title in nfkc(book(lang).text(page)), f"{pdf.name}: page {page}, where its bookmark leads, lacks the chapter title {title!r}"
    # The table of contents (from page 2) lists every chapter, with the page it starts on.
    spans = chapter_spans(marks, chapters, len(reader.pages))
    toc = nfkc(" ".join(book(lang).text(number) for number in contents_pages(spans)))
    assert nfkc(pdf_book.TOC_TITLE[lang]) in toc
    for chapter in chapters[1:]:
        page = next(page for title, page in marks if title == nfkc(chapter.title))
        assert f"{nfkc(chapter.title)} {page}" in toc, f"{pdf.name}: TOC lacks '{chapter.title} {page}'"


@pytest.mark.parametrize("lang", pdf_book.LANGUAGES)
def test_pages_are_numbered(book, lang):
    pdf, total = book(lang).pdf, book(lang).pages
    for number in (2, total // 2, total):
        assert f"{number} / {total}" in book(lang).text(number), f"{pdf.name}: page {number}"


@pytest.mark.parametrize("lang", pdf_book.LANGUAGES)
def test_figures_formulas_and_code_are_printed(book, lang):
    pdf = book(lang).pdf
    text = nfkc(book(lang).chapter_text("loss-functions"))
    # In the loss chapter: code and its documented output (its first snippet), the plotting
    # code that the site keeps collapsed, and a formula's symbols.
    for expected in ["keras.losses.CategoricalCrossentropy()", "#> 0.39925388", "plt.show()", "δ"]:
        assert expected in text, f"{pdf.name}: {expected!r} not in the text"
    # The figures are vector drawings (form XObjects); bitmaps are only counted (slowly) if not.
    reader = pypdf.PdfReader(pdf)
    vector = sum(bool(page.get("/Resources", {}).get("/XObject")) for page in reader.pages)
    assert vector >= 8 or sum(len(page.images) for page in reader.pages), f"{pdf.name}: no figures in the book"


@pytest.mark.parametrize("lang", pdf_book.LANGUAGES)
def test_no_tofu_on_a_page_of_chinese(book, lang):
    site, pdf = book(lang).site, book(lang).pdf
    reader = pypdf.PdfReader(pdf)
    title_page = dict(outline(reader))[nfkc(pdf_book.load_chapters(site, lang)[1].title)]
    page = reader.pages[title_page - 1]
    problems, mapped = glyph_problems(reader, page)
    assert not problems, "\n".join(problems)
    cjk = [char for char in nfkc(mapped) if is_cjk(char)]
    if lang == "zh":
        assert len(cjk) > 100, f"only {len(cjk)} CJK characters on the sample page"
        assert all(char in nfkc(mapped) for char in nfkc(book(lang).text(title_page)) if is_cjk(char))


def test_the_tofu_check_sees_a_missing_glyph(browser, tmp_path):
    """The negative twin: characters no installed font has are reported as .notdef."""
    page_html = '<!doctype html><html lang="zh"><body><p>中文 \u0378\U0010fffd 目录</p></body></html>'
    (tmp_path / "index.html").write_text(page_html, encoding="utf-8")
    with pdf_book.serve(tmp_path) as origin:
        pdf = pdf_book.print_pdf(browser, origin, f"{origin}/book.html", page_html, "tofu")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    problems, mapped = glyph_problems(reader, reader.pages[0])
    assert any(".notdef" in problem for problem in problems), (problems, mapped)
    assert "中文" in nfkc(mapped)


@pytest.mark.parametrize("lang", pdf_book.LANGUAGES)
def test_the_home_page_links_its_pdf_only_when_it_exists(book, built_site, lang):
    site, pdf = book(lang).site, book(lang).pdf
    home = site / pdf_book.LANGUAGES[lang] / "index.html"
    text = home.read_text(encoding="utf-8")
    assert text.count(pdf_book.PDF_LINK_MARK) == 1
    href = f'href="{"../" if pdf_book.LANGUAGES[lang] else ""}pdf/{pdf_book.pdf_name(lang)}"'
    assert href in text
    assert (home.parent / href[6:-1]).resolve() == pdf.resolve()
    # The plain build (no `make pdf`) neither has the PDF nor links to it.
    plain = built_site / pdf_book.LANGUAGES[lang] / "index.html"
    assert pdf_book.PDF_LINK_MARK not in plain.read_text(encoding="utf-8")
    assert not (built_site / "pdf").exists()
