"""MkDocs hook: render the notebook pages (the .ipynb files snippets_hook.py publishes) with
mkdocs-jupyter's converter, once per notebook content.

mkdocs-jupyter's plugin imports nbconvert and jupytext whenever MkDocs loads it, about a second
on every build, even when no notebook changed. Here the rendered HTML, table of contents and
title are kept in `.cache/notebook-html/<hash of the notebook and converter>.json`, and the
converter is imported only on a miss. Each page also gets its .ipynb beside it (the download).

On a miss, `Converter` does what mkdocs-jupyter's `convert.nb2html` and its table of contents
(`nb2md`, then Markdown's toc) do, with the same options, but builds nbconvert's exporters once
per build instead of once per notebook: each new exporter compiles its Jinja templates again,
which was half the time of a conversion. tests/pages/test_notebook_pages.py checks that it gives
exactly what mkdocs-jupyter's own functions give. The notebooks a build has not rendered
before are rendered ahead, in one forked process per core, while the other pages are built
(`render_ahead`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

import priorities
import settings
from layout import version_key, write_atomically
from snippet_pool import reap

CACHE: Path | None = None  # where the renderings are kept, if not the settings' folder
TOC_DEPTH = 6
_used: set[Path] = set()


# What a rendering depends on besides the notebook: the two packages and the converter below.
CONVERTER_VERSION = version_key(("mkdocs-jupyter", "nbconvert"), ("notebook_pages.py",))


def _cache_dir() -> Path:
    # The benchmark's SNIPPETS=off builds have notebooks without outputs: kept apart.
    return CACHE or settings.current().cache_dir("notebook-html")


def _cached(source: Path) -> Path:
    """Where the rendering of this notebook is kept."""
    digest = hashlib.sha256(source.read_bytes())
    digest.update(CONVERTER_VERSION.encode())
    return _cache_dir() / f"{digest.hexdigest()[:24]}.json"


def import_converter() -> None:
    """Import what `Converter` uses (about 0.6 s), e.g. in a thread while snippets run."""
    # Importing `convert` is what makes heading ids lower-case slugs, as the table of contents
    # has them (mkdocs-jupyter patches nbconvert's Markdown renderer there).
    from mkdocs_jupyter import convert, nbconvert2  # noqa: F401
    from mkdocs_jupyter.preprocessors import SubCell  # noqa: F401
    from nbconvert.exporters.html import HTMLExporter  # noqa: F401
    from nbconvert.exporters.markdown import MarkdownExporter  # noqa: F401


class Converter:
    """mkdocs-jupyter's conversion of a notebook (HTML, table of contents, title), with
    nbconvert's exporters made once."""

    def __init__(self) -> None:
        import inspect

        import_converter()
        from mkdocs_jupyter import nbconvert2
        from mkdocs_jupyter.config import settings
        from mkdocs_jupyter.preprocessors import SubCell
        from nbconvert.exporters.html import HTMLExporter
        from nbconvert.exporters.markdown import MarkdownExporter
        from nbconvert.exporters.templateexporter import default_filters

        self.nbconvert2 = nbconvert2
        # nb2html's defaults otherwise: no theme, no extra classes, no require.js, and its own
        # default MathJax address (nothing loads it: the site's formulas are MathML).
        mathjax_url = inspect.signature(nbconvert2.nb2html).parameters["custom_mathjax_url"].default
        app = nbconvert2.get_nbconvert_app(execute=False, allow_errors=True)
        # As nb2html does (a module-wide setting of nbconvert's).
        default_filters["clean_html"] = lambda element: (
            element.decode() if isinstance(element, bytes) else str(element)
        )
        self.html_exporter = HTMLExporter(
            config=app.config,
            template_file="mkdocs_html/notebook.html.j2",
            extra_template_paths=[settings.templates_dir],
            preprocessors=[SubCell],
            filters={"highlight_code": nbconvert2.mk_custom_highlight_code(extra_css_classes="")},
            theme="",
            mathjax_url=mathjax_url,
        )
        self.markdown_exporter = MarkdownExporter(
            config=nbconvert2.get_nbconvert_app().config,
            template_file="mkdocs_md/md-no-codecell.md.j2",
            extra_template_paths=[settings.templates_dir],
        )

    def html(self, source: Path) -> str:
        """`convert.nb2html(source, execute=False, theme="", allow_errors=True)`."""
        nbconvert2 = self.nbconvert2
        nbconvert2.cell_id = 0  # numbers the code cells' copy buttons, per notebook
        try:
            notebook = json.loads(source.read_text(encoding="utf-8"))
            nbconvert2.kernel_lang = notebook["metadata"]["kernelspec"]["language"]
        except KeyError:
            pass
        resources = {"mkdocs": {"test": "value", "include_requirejs": False}}
        content, resources = self.html_exporter.from_filename(str(source), resources=resources)
        return content + f"""
        <style>
        {resources["inlining"]["css"]}
        </style>
        """

    def toc(self, source: Path) -> tuple[list, str | None]:
        """`mkdocs_jupyter.plugin._get_nb_toc_tokens(source, TOC_DEPTH)`."""
        import re

        import markdown
        from markdown.extensions.toc import TocExtension

        body, _ = self.markdown_exporter.from_filename(str(source))
        # nb2md's clean-up: fenced code, then inline code, then multi-line code spans that
        # hold no heading. Unlike nb2md, code in a heading keeps its text: the entry for
        # "`call` 中的控制流" would read "中的控制流".
        body = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
        body = re.sub(r"(?m)^#{1,6} .*$", lambda heading: re.sub(r"`([^`\n]*)`", r"\1", heading[0]), body)
        body = re.sub(r"`[^`\n]*`", "", body)
        body = re.sub(r"`[^`]*`", self.nbconvert2._strip_if_no_heading, body)
        md = markdown.Markdown(extensions=[TocExtension(toc_depth=TOC_DEPTH)])
        md.convert(body)
        title = next((token["name"] for token in md.toc_tokens if token["level"] == 1), None)
        return md.toc_tokens, title


_converter: Converter | None = None


def converter() -> Converter:
    """The converter, made on first use (nbconvert's import and templates)."""
    global _converter
    _converter = _converter or Converter()
    return _converter


def _render(source: Path) -> dict:
    toc_tokens, title = converter().toc(source)
    return {"content": converter().html(source), "toc_tokens": toc_tokens, "title": title}


def _store(source: Path, cached: Path) -> dict:
    rendered = _render(source)
    write_atomically(cached, json.dumps(rendered))
    return rendered


@event_priority(priorities.RENDER_NOTEBOOKS_AHEAD)
def on_files(files, config):
    sources = [Path(file.abs_src_path) for file in files if file.src_uri.endswith(".ipynb")]
    # snippets_hook.py writes every language's notebooks while the first language's files are
    # sorted, to .cache/notebooks/<language>/<page>.ipynb: those of the other languages are
    # rendered ahead now too, while this language's pages are built.
    siblings = [
        other / source.name
        for source in sources
        for other in sorted(source.parent.parent.iterdir())
        if other != source.parent and (other / source.name).is_file()
    ]
    render_ahead(sources + siblings)
    return files


_forks: dict[int, float] = {}  # pid of a process rendering ahead -> when it is killed
_pending: dict[Path, int] = {}  # a rendering being made ahead -> the process making it


def render_ahead(sources: list[Path], timeout: float = 300) -> None:
    """Start rendering the notebooks that are not in the cache (nor being rendered) in forked
    processes, one per worker (SNIPPET_WORKERS: the usable cores), and return: the pages are built meanwhile, and a notebook
    page waits for its own rendering (on_pre_page). A cold build renders every notebook (about
    0.3 s each), which this process would do one after another. A process that fails or hangs
    (killed after `timeout` s) leaves its notebooks to on_pre_page, which renders them (and
    raises their error) the usual way. One notebook alone (an edit under `make serve`) is
    rendered there too: a fork would not pay."""
    todo = [
        (s, cached)
        for s in dict.fromkeys(sources)
        if (cached := _cached(s)) not in _pending and not cached.is_file()
    ]
    processes = min(len(todo), settings.current().workers)
    if processes < 2:
        return
    converter()  # made once here, inherited by every fork
    for number in range(processes):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                for source, cached in todo[number::processes]:
                    _store(source, cached)
            except BaseException:  # noqa: BLE001 - on_pre_page renders it again and reports
                code = 1
            finally:
                os._exit(code)
        _forks[pid] = time.monotonic() + timeout
        _pending.update((cached, pid) for _, cached in todo[number::processes])


def wait_for_renderings() -> None:
    """Until every process rendering ahead has ended (and is collected)."""
    for pid in list(_forks):
        _wait(pid)


def _wait(pid: int, done=lambda: False) -> None:
    """Wait until `done()`, or until the process `pid` rendering ahead has ended (it is killed
    when its time is up); an ended process is collected, and its notebooks are no longer pending."""
    if not reap(pid, _forks[pid], done):
        return  # done, and the process goes on with its other notebooks
    del _forks[pid]
    for cached in [cached for cached, maker in _pending.items() if maker == pid]:
        del _pending[cached]


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


@event_priority(priorities.NOTEBOOKS_OUT_OF_FOOTER)
def on_nav(nav, config, files):
    """The notebook pages stay in the navigation but out of the previous/next links at the foot
    of the pages: those lead from chapter to chapter."""
    pages = [page for page in nav.pages if not is_notebook(page)]
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for before, after in zip(pages, pages[1:]):
        before.next_page, after.previous_page = after, before
    return nav


@event_priority(priorities.RENDER_NOTEBOOK_PAGE)
def on_pre_page(page, config, files):
    if not is_notebook(page):
        return page
    source = Path(page.file.abs_src_path)
    cached = _cached(source)
    _used.add(cached)

    def render(self, config, files):
        if cached in _pending:  # being rendered ahead: until it is in the cache
            _wait(_pending[cached], cached.is_file)
        try:
            rendered = json.loads(cached.read_text(encoding="utf-8"))
            content, toc_tokens = rendered["content"], rendered["toc_tokens"]
        except (OSError, ValueError, KeyError):
            rendered = _store(source, cached)
            content, toc_tokens = rendered["content"], rendered["toc_tokens"]
        content = relative_links(content, config.site_url or "", self.url)
        self.content = heading_ids(content, toc_tokens)
        self.toc = get_toc(toc_tokens)
        if rendered.get("title"):
            self.title = rendered["title"]

    page.render = render.__get__(page, Page)
    return page


HEADING_RE = re.compile(r'<h[1-6] id="(?P<id>[^"]*)">(?P<text>.*?)<a class="anchor-link" href="#(?P=id)">')


def heading_ids(content: str, toc_tokens: list) -> str:
    """Each heading gets the id the table of contents links to (Markdown's toc), with its anchor
    link: nbconvert's own ids are empty for Chinese headings (its slugs drop the characters) and
    repeat for two headings of the same slug, where the table of contents numbers them."""
    ids = []
    stack = list(reversed(toc_tokens))
    while stack:
        token = stack.pop()
        ids.append(token["id"])
        stack.extend(reversed(token["children"]))
    headings = list(HEADING_RE.finditer(content))
    if len(headings) != len(ids):
        raise ValueError(f"{len(headings)} headings in the notebook page, {len(ids)} in its table of contents")
    pieces, end = [], 0
    for heading, wanted in zip(headings, ids):
        pieces += [
            content[end : heading.start()],
            f'<h{heading[0][2]} id="{wanted}">{heading["text"]}<a class="anchor-link" href="#{wanted}">',
        ]
        end = heading.end()
    return "".join(pieces) + content[end:]


def relative_links(content: str, site_url: str, page_url: str) -> str:
    """The links of a notebook page to the site, relative to the page.

    A downloaded notebook links the site's pages by their full address (notebooks.py), which is
    right in Jupyter or Colab; on the notebook's own page, the same link must lead to this copy
    of the site (one served on another address, or read offline), as the other pages' links do.
    """
    if not site_url:
        return content

    def relative(match: re.Match) -> str:
        path = match["path"]
        url = get_relative_url(path or ".", page_url)
        if (not path or path.endswith("/")) and not url.endswith("/"):
            url += "/"
        return f'href="{url}{match["fragment"] or ""}"'

    return re.sub(rf'href="{re.escape(site_url)}(?P<path>[^"#?]*)(?P<fragment>#[^"]*)?"', relative, content)


def on_post_page(output, page, config):
    if is_notebook(page):
        target = Path(page.file.abs_dest_path).parent / Path(page.file.abs_src_path).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page.file.abs_src_path, target)
    return output


@event_priority(priorities.FORGET_RENDERINGS)
def on_post_build(config):
    wait_for_renderings()
    folder = _cache_dir()
    if folder.is_dir() and _used:
        # Renderings no page used, and what a killed process was writing.
        for stale in (set(folder.glob("*.json")) - _used) | set(folder.glob("*.tmp")):
            stale.unlink(missing_ok=True)
    _used.clear()
