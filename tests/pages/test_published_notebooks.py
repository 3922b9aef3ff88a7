"""The published notebooks: one per chapter and language, built from the same run as the pages,
and each one runs as downloaded."""

import copy
import importlib.metadata
import re
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest
import snippets_hook
from helpers import LANGUAGES, ROOT, page_text
from nbclient import NotebookClient
from packaging.requirements import Requirement

CHAPTERS = sorted(
    p.stem
    for p in (ROOT / "docs" / "zh").glob("*.md")
    if snippets_hook.NOTEBOOK_FLAG_RE.match(p.read_text(encoding="utf-8"))
)
NOTEBOOKS = [(language, chapter) for language in LANGUAGES for chapter in CHAPTERS]
OUTPUT_BLOCK = "'" * 3


def published(site, language, chapter):
    return site / LANGUAGES[language] / "notebooks" / chapter


def test_each_chapter_has_a_notebook():
    """Every page but the home page and the glossary is a chapter, and every chapter is
    downloadable as a notebook."""
    for language in LANGUAGES:
        pages = sorted(p.stem for p in (ROOT / "docs" / language).glob("*.md") if p.stem not in ("index", "glossary"))
        assert pages == CHAPTERS, f"docs/{language}: pages without `notebook: true`"


@pytest.mark.parametrize("language, chapter", NOTEBOOKS)
def test_notebook_page_shows_outputs_and_links_its_ipynb(built_site, language, chapter):
    html_page = published(built_site, language, chapter) / "index.html"
    html = html_page.read_text(encoding="utf-8")
    assert f'href="{chapter}.ipynb" download' in html
    assert f'<html lang="{language}"' in html
    notebook = nbformat.read(published(built_site, language, chapter) / f"{chapter}.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0].source.startswith("%pip install -q tensorflow==2.21.0 ")
    assert all(cell.outputs for cell in code[1:]), "every snippet cell carries its output"
    text = page_text(html_page)
    for cell in code[1:]:
        assert "#> " not in cell.source and OUTPUT_BLOCK not in cell.source
        for output in cell.outputs:
            if output.output_type == "stream":
                assert all(line.strip() in text for line in output.text.splitlines())


@pytest.mark.parametrize("language, chapter", NOTEBOOKS)
def test_notebook_page_links_lead_into_this_copy_of_the_site(built_site, language, chapter):
    """The downloaded notebook links the site by its full address; its page links this copy,
    relatively (a page read from another address or offline), and each link finds its target."""
    folder = published(built_site, language, chapter)
    html = (folder / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    site_url = canonical.removesuffix(f"{folder.relative_to(built_site).as_posix()}/")
    notebook = (folder / f"{chapter}.ipynb").read_text(encoding="utf-8")
    assert f"]({site_url}" in notebook, "the notebook itself links the published site"
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', html)
    assert not [href for href in hrefs if href.startswith(site_url)]
    base = f"http://site/{folder.relative_to(built_site).as_posix()}/"
    links = [urljoin(base, href) for href in hrefs]
    local = [link for link in links if link.startswith("http://site/")]
    assert any("#" in link for link in local), "the notebook page links no section of another page"
    for link in local:
        path, fragment = urlsplit(link).path.lstrip("/"), urlsplit(link).fragment
        target = built_site / path / "index.html" if not path or path.endswith("/") else built_site / path
        assert target.is_file(), f"{folder.relative_to(built_site)}: {link} leads nowhere"
        if fragment and target.suffix == ".html":
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), f"{link}: no such section"


def installed_instead_of_pip(setup: str, path) -> str:
    """The setup cell without its `%pip install -q name==version ...` lines, once each pin is
    checked to be what this environment has installed (all that pip would find here: "Requirement
    already satisfied", at about two seconds a line; and a pin that differs would make pip change
    the project's .venv)."""
    kept = []
    for line in setup.splitlines():
        if not line.startswith("%pip install -q "):
            kept.append(line)
            continue
        for pin in map(Requirement, line.removeprefix("%pip install -q ").split()):
            installed = importlib.metadata.version(pin.name)
            assert pin.specifier.contains(installed, prereleases=True), f"{path}: pins {pin}, but the tests run with {pin.name} {installed}"
    return "\n".join(kept)


def test_the_pip_pins_are_checked_against_what_is_installed():
    numpy = importlib.metadata.version("numpy")
    setup = f"%pip install -q numpy=={numpy}\nimport sys  # a comment"
    assert installed_instead_of_pip(setup, "x.ipynb") == "import sys  # a comment"
    with pytest.raises(AssertionError, match=r"x.ipynb: pins numpy==0.0.1, but the tests run with numpy"):
        installed_instead_of_pip("%pip install -q numpy==0.0.1", "x.ipynb")


@pytest.mark.long
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_downloaded_notebook_runs_and_prints_what_it_shows(built_site, chapter, tmp_path):
    """Both languages' notebooks of a chapter hold the same code; it runs once, in a fresh kernel
    (its %pip lines checked, not run: `installed_instead_of_pip`), and each notebook shows what
    that run prints and as many figures as it draws."""
    paths = {language: published(built_site, language, chapter) / f"{chapter}.ipynb" for language in LANGUAGES}
    notebooks = {language: nbformat.read(path, as_version=4) for language, path in paths.items()}
    code = {language: [c.source for c in nb.cells if c.cell_type == "code"] for language, nb in notebooks.items()}
    first, *others = LANGUAGES
    for language in others:
        assert code[language] == code[first], f"{paths[language]} and {paths[first]} hold different code"
        kernel = notebooks[language].metadata.get("kernelspec")
        assert kernel == notebooks[first].metadata.get("kernelspec"), f"{paths[language]}: another kernel"
    run = copy.deepcopy(notebooks[first])
    setup = next(cell for cell in run.cells if cell.cell_type == "code")
    setup.source = installed_instead_of_pip(setup.source, paths[first])
    client = NotebookClient(run, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    ran = [cell for cell in run.cells if cell.cell_type == "code"]
    for language, notebook in notebooks.items():
        shown = [cell for cell in notebook.cells if cell.cell_type == "code"]
        for cell, before in zip(ran, shown):
            where = f"{language}: {paths[language].relative_to(built_site)}, the cell\n{cell.source}"
            printed = "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")
            assert printed == "".join(o["text"] for o in before.outputs if o["output_type"] == "stream"), where
            figures = [o for o in cell.outputs if {"image/png", "image/svg+xml"} & set(o.get("data", {}))]
            assert len(figures) == sum("image/svg+xml" in o.get("data", {}) for o in before.outputs), where


def broken_emphasis(markdown: str) -> list[str]:
    """Text that CommonMark (Jupyter's renderer too) leaves with a literal `*`: emphasis that does
    not open or close, such as `做*[裁剪](…)*（clipping）`, where a Chinese character precedes `*[`.
    Math is set aside first (`$a*b$` is not emphasis)."""
    from markdown_it import MarkdownIt

    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", "x", markdown, flags=re.S)
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        for child in token.children or []:
            if child.type == "text" and "*" in child.content:
                found.append(f"line {token.map[0] + 1}: {child.content[:60]!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapters_have_no_emphasis_that_commonmark_leaves_as_asterisks(language):
    for page in CHAPTERS:
        markdown = (ROOT / "docs" / language / f"{page}.md").read_text(encoding="utf-8")
        assert not broken_emphasis(markdown), f"{language}/{page}.md"


def test_the_emphasis_check_sees_an_asterisk_after_a_chinese_character():
    assert broken_emphasis("对概率做*[裁剪](glossary.md#clipping)*（clipping）。")
    assert not broken_emphasis("对概率做[裁剪](glossary.md#clipping)（clipping），$a * b$，*强调*。")
