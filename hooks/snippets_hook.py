"""MkDocs hook: the pages show what their code prints today.

The data flow of one `mkdocs build` (mkdocs-static-i18n builds every language in this process,
one after another; the snippets run once for all of them):

1. pages -> used snippets (snippet_includes.py): every snippet a page includes, every figure it
   references, every Python block in a page that documents its output.
2. used snippets -> cache lookup -> workers -> results (snippet_scheduler.py: the cache is
   snippet_cache.py, the worker processes snippet_pool.py and snippet_worker.py).
3. results -> pages: a failure is a warning naming the page, the snippet and its line (so
   `--strict` fails) and a note at the top of the page; figures become site files at
   `figures/<chapter>/<name>.svg` (figures.py inlines them); each page marked
   `notebook: true` becomes a notebook page per language (notebooks.py), rendered by
   notebook_pages.py with mkdocs-jupyter's converter, which executes nothing.
4. At the end, a snippet file that changed since it ran fails the build: the page showed the
   new text, but the old one ran. The build report (build_report.py) says what happened.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from pathlib import Path, PurePosixPath

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import build_report
import notebook_pages  # for import_converter() only (MkDocs loads the hook's own copy)
import priorities
import settings
import snippet_confinement
import snippet_includes
import snippet_pool
import snippet_scheduler
from json_memo import JsonMemo
from layout import CACHE, ROOT, empty_build_caches, figure_snippet, snippet_figure, version_key
from notebooks import DRAWING_PACKAGES, RUNTIME_EXTRAS, RUNTIME_PACKAGES, SnippetRun, check_chapter, page_to_notebook, unbuilt_notebook
from snippet_cache import SnippetCache
from snippet_scheduler import NOT_RUN, Snippet

log = get_plugin_logger("snippets")

NOTEBOOK_FLAG_RE = re.compile(r"\A---\n(?:.*\n)*?notebook:\s*true\s*\n(?:.*\n)*?---\n")
DOWNLOAD_LABEL = {"zh": "下载 Notebook（.ipynb）", "en": "Download the notebook (.ipynb)"}
NOTEBOOK_LINK_LABEL = {"zh": "本章的 Jupyter 笔记本版本", "en": "This chapter as a Jupyter notebook"}
# The chapter pages whose notebook rules passed (check_chapter), by name and text: a warm build,
# or `make serve` after a prose edit, parses only the chapters that changed.
CHECKED_CHAPTERS = JsonMemo(
    CACHE / "checked-chapters.json", version_key(("markdown-it-py", "mdit-py-plugins"), ("notebooks.py",))
)


class Build:
    """What this build found and ran (reset after the last language)."""

    snippets: dict[str, Snippet] = {}  # name -> snippet
    figures: dict[str, list[str]] = {}  # page -> the figures it shows
    notebooks: dict[str, str] = {}  # page -> its notebook
    notebooks_written = False  # every language's, by the first language's on_files
    cache: SnippetCache | None = None  # the snippet cache, once looked at
    started = False  # on_files ran: the first on_post_build (the build's end) reports
    sandbox: list[dict] = []  # what the workers' sandboxes had (snippet_confinement.Confinement)

    @classmethod
    def reset(cls) -> None:
        cls.snippets, cls.figures, cls.notebooks, cls.cache, cls.sandbox = {}, {}, {}, None, []
        cls.notebooks_written = cls.started = False


def pinned_versions() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


def find_snippets(docs_dir: Path, markdown: snippet_includes.MarkdownSettings) -> dict[str, Snippet]:
    """pages -> the programs they show, read once (this text is what runs)."""
    found: dict[str, Snippet] = {}

    def use(name: str, page: str, **details) -> None:
        snippet = found.get(name)
        if snippet is None:
            snippet = found[name] = Snippet(name=name, **details)
        if page not in snippet.pages:
            snippet.pages.append(page)

    for page in sorted(docs_dir.rglob("*.md")):
        page_rel = page.relative_to(docs_dir).as_posix()
        shown = f"{docs_dir.relative_to(ROOT).as_posix()}/{page_rel}"
        uses = snippet_includes.scan_page(page, ROOT, markdown)
        text = page.read_text(encoding="utf-8")
        if NOTEBOOK_FLAG_RE.match(text):  # what its notebook can't show stops the build now
            check_notebook_rules(text, shown)
        names = list(uses.snippets)
        for figure in uses.figures:
            name = figure_snippet(figure)
            if not (ROOT / name).is_file():
                raise snippet_includes.IncludeError(f"{shown} shows {figure}, but {name} does not exist")
            names.append(name)
        Build.figures[page_rel] = uses.figures
        for name in names:
            path = ROOT / name
            try:
                source = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise snippet_includes.IncludeError(f"{name} is not UTF-8 ({exc})") from None
            use(name, page_rel, source=source, path=path)
        for where, line, code in uses.blocks:
            use(f"{where}:{line}", page_rel, source=code, shown=where, line_offset=line)
    return found


def check_notebook_rules(text: str, shown: str) -> None:
    key = hashlib.sha256(f"{shown}\0{text}".encode()).hexdigest()
    if CHECKED_CHAPTERS.get(key) is None:
        try:
            check_chapter(text, shown)
        except ValueError as exc:
            raise snippet_includes.IncludeError(str(exc)) from None
    CHECKED_CHAPTERS.put(key, "passed")


@event_priority(priorities.READ_SETTINGS)
def on_config(config):
    if getattr(config.plugins.get("i18n"), "building", False):
        return config  # another language inside this build: its settings, its report
    try:  # read once per build; fail at once on a setting that can't work
        current = settings.read()
    except settings.ConfigError as exc:
        raise PluginError(str(exc)) from None
    if current.cold:  # before any hook reads .cache/ (priorities.READ_SETTINGS)
        empty_build_caches(current.cache)
        log.info("BUILD_CACHE=cold: .cache/ emptied; every snippet runs, every page is rendered anew")
    Build.reset()
    build_report.start()
    return config


@event_priority(priorities.RUN_SNIPPETS)
def on_files(files, config):
    if not Build.started:  # the first language of this build: find and run
        Build.started = True
        markdown = (config.markdown_extensions, config.mdx_configs)
        try:
            Build.snippets = find_snippets(Path(config.docs_dir), markdown)
        except snippet_includes.IncludeError as exc:
            raise PluginError(str(exc)) from None
        if not settings.current().execute:
            # The benchmark's baseline: the same pages and notebooks, but nothing looked up or
            # run, so no outputs and no figures (their images are reported missing).
            for snippet in Build.snippets.values():
                snippet.outcome = NOT_RUN
            log.info("execution switched off (SNIPPETS=off)")
        else:
            run(list(Build.snippets.values()))
            check_figures()
    publish_figures(files, config)
    publish_notebooks(files, config)
    return files


def run(snippets: list[Snippet]) -> None:
    def meanwhile():
        # This process only waits for the workers (and a core is free while the first one
        # imports TensorFlow): load what the build needs next, the Chinese search segmenter
        # (jieba, for material's search plugin) and the notebook converter (what ran changes
        # the notebooks). One thread: two that import at once could deadlock on import locks.
        threading.Thread(target=_load_what_comes_next, daemon=True).start()

    current = settings.current()
    Build.cache = SnippetCache(current.cache_dir("snippets"))
    try:
        report = snippet_scheduler.run_snippets(snippets, current, Build.cache, before_run=meanwhile)
    except snippet_pool.WorkerError as exc:
        raise PluginError(str(exc)) from None
    Build.sandbox = report.confinement
    for confinement in report.confinement:  # said once per build (and kind of worker sandbox)
        log.info(snippet_confinement.Confinement(**confinement).summary())
    names = [s.name for s in report.executed]
    listed = f" ({', '.join(names)})" if 0 < len(names) <= 3 else ""
    log.info(f"{len(names)} executed{listed}, {len(report.cached)} from .cache/")
    if report.executed:
        slowest = ", ".join(f"{s.name} {s.seconds:.2f} s" for s in report.slowest())
        log.info(f"slowest: {slowest}")


def _load_what_comes_next() -> None:
    with contextlib.suppress(ImportError):
        import jieba

        jieba.initialize()
    notebook_pages.import_converter()


def check_figures() -> None:
    """Every figure a page shows was drawn by its snippet."""
    for page, figures in Build.figures.items():
        for figure in figures:
            snippet = Build.snippets[figure_snippet(figure)]
            if snippet.ok and snippet.figure is None:
                snippet.fail(f"{snippet.name} drew no figure, but the page shows {figure}")


def publish_figures(files, config):
    """Each figure at figures/<chapter>/<name>.svg, shared by every language."""
    for snippet in Build.snippets.values():
        if snippet.figure is None or snippet.path is None:
            continue
        src_uri = snippet_figure(snippet.name)
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(snippet.figure)))


def publish_notebooks(files, config):
    """For each page marked `notebook: true`, a notebook page at notebooks/<page>/ in this
    language (rendered by notebook_pages.py, with the .ipynb beside it).

    mkdocs-static-i18n rebuilds every file it sees from its path in docs/, which a generated
    file doesn't have. So the notebooks are added after it has run, with the language details
    it would have set. The first language also writes the other languages' notebooks, so that
    notebook_pages.py renders them ahead while this language's pages are built.
    """
    i18n = config.plugins["i18n"]
    language, languages = i18n.current_language, i18n.build_languages

    def prefix(lang):
        return "" if lang == i18n.default_language else f"{lang}/"

    def page_url(lang, page):
        # index.md is published as the language's home, not as index/
        return f"{config.site_url}{prefix(lang)}{'' if page == 'index' else f'{page}/'}"

    for page, target in write_notebooks(config, language, page_url):
        alternates = {}
        for lang in languages:
            alternate = File.generated(config, f"{lang}/notebooks/{page.stem}.ipynb", abs_src_path=str(target))
            alternate.dest_uri = f"{prefix(lang)}notebooks/{page.stem}/index.html"
            alternates[lang] = alternate
        file = alternates[language]
        file.alternates, file.locale, file.localization = alternates, language, language
        file.locale_alternate_of, file.norm_src_uri = language, f"notebooks/{page.stem}.ipynb"
        file.is_documentation_page = lambda: True  # notebook_pages.py renders it as a page
        files.append(file)
        i18n.i18n_files_per_language.setdefault(language, []).append(file)  # for sitemap.xml
    if not Build.notebooks_written:
        Build.notebooks_written = True
        for other in languages:
            if other != language:
                list(write_notebooks(config, other, page_url))


def write_notebooks(config, language: str, page_url):
    """Yield (page, notebook file) for each page of `language` marked `notebook: true`, after
    writing the notebook if its inputs changed (or the file did); each is noted in
    `Build.notebooks` for the build report. A page whose snippets did not all succeed gets a
    notebook that says so (not noted)."""
    # The benchmark's SNIPPETS=off builds make notebooks without outputs: kept apart.
    folder = settings.current().cache_dir("notebooks")
    pins = pinned_versions()
    for page in sorted((Path(config.docs_dir) / language).glob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        if not NOTEBOOK_FLAG_RE.match(markdown):
            continue
        page_rel = f"{language}/{page.name}"
        used = [s for s in Build.snippets.values() if page_rel in s.pages and s.path is not None]
        if failed := [s.name for s in used if not s.ok]:
            # The failure is reported on the page itself; the notebook page only says that it
            # was not built, and keeps its place in the navigation (nothing else complains).
            target = settings.current().cache_dir("unbuilt-notebooks") / language / f"{page.stem}.ipynb"
            notebook = unbuilt_notebook(markdown, language, f"docs/{page_rel}", failed)
            write_if_changed(target, nbformat.writes(notebook) + "\n")
            yield page, target
            continue
        target = folder / language / f"{page.stem}.ipynb"
        inputs = hashlib.sha256(
            json.dumps(
                [markdown, language, config.site_url, pins, [(s.name, s.key, s.stdout) for s in used]]
            ).encode()
        )
        inputs.update(NOTEBOOK_CODE.encode())
        stamp = target.with_suffix(".inputs")
        current = target.is_file() and stamp.is_file() and stamp.read_text() == (
            f"{inputs.hexdigest()} {hashlib.sha256(target.read_bytes()).hexdigest()}"
        )
        if not current:
            write_notebook(target, markdown, language, page_rel, used, pins, page_url)
            made = hashlib.sha256(target.read_bytes()).hexdigest()
            stamp.write_text(f"{inputs.hexdigest()} {made}", encoding="utf-8")
        Build.notebooks[page_rel] = f"{language}/notebooks/{page.stem}.ipynb"
        yield page, target


# The code that makes a notebook (page_url is here, in snippets_hook.py).
NOTEBOOK_CODE = version_key(modules=("notebooks.py", "figures.py", "figure_style.py", "documented_output.py", "snippets_hook.py"))


def write_notebook(target, markdown, language, page_rel, used, pins, page_url) -> None:
    runs = {
        s.name: SnippetRun(
            source=s.source,
            stdout=s.stdout,
            figures=[s.figure.read_text(encoding="utf-8")] if s.figure else [],
        )
        for s in used
    }
    page = Path(page_rel).stem
    try:
        notebook = page_to_notebook(
            markdown,
            language,
            page_url(language, page),
            lambda other: page_url(language, other),
            runs,
            pins,
            page_name=f"docs/{page_rel}",
        )
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    write_if_changed(target, nbformat.writes(notebook) + "\n")


def write_if_changed(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


INSTALL_MARKER = "<!-- pip-install -->"


def install_commands() -> str:
    """The home page's install commands, with the versions this site is built with
    (requirements.txt): what every example needs, IPython (which Jupyter has), the other
    runtimes, the model drawings."""
    pins = pinned_versions()
    runtimes = [name for names in RUNTIME_EXTRAS.values() for name in names]
    # ipython: a notebook has it; a plain Python needs it for the examples that show how
    # IPython displays a value or a drawing
    groups = [RUNTIME_PACKAGES, ["ipython"], runtimes, DRAWING_PACKAGES]
    commands = []
    for group in groups:
        pinned = [f"{name}=={pins[name]}" for name in group]
        # continued with `\`: one package after `pip install`, then two a line, so that each
        # line fits a phone's code box, clear of its copy button
        rows = [pinned[0]] + [" ".join(pinned[i : i + 2]) for i in range(1, len(pinned), 2)]
        commands.append("pip install " + " \\\n    ".join(rows))
    return "```text\n" + "\n".join(commands) + "\n```\n"  # text: the versions are not highlighted


def on_page_markdown(markdown, page, config, files):
    if INSTALL_MARKER in markdown:
        markdown = markdown.replace(INSTALL_MARKER, install_commands())
    if page.file.src_uri.endswith(".ipynb"):
        # The chapter page has the same text: keep search results free of duplicates.
        page.meta["search"] = {"exclude": True}
        return markdown
    src = page.file.src_uri
    failures = [s for s in Build.snippets.values() if not s.ok and src in s.pages]
    for snippet in failures:
        log.warning(f"docs/{src}: {snippet.error}")
    if failures:
        notes = "\n".join(f"    `{s.name}` failed." for s in failures)
        return f'!!! failure "Snippet check failed"\n{notes}\n\n{markdown}'
    return markdown


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return after_title(html, notebook_link(page, files))
    language = page.file.locale
    name = Path(page.file.src_uri).name
    link = (
        f'<p><a class="md-button md-button--primary" href="{name}" download>'
        f"{DOWNLOAD_LABEL[language]}</a></p>\n"
    )
    return after_title(html, link)


def notebook_link(page, files) -> str:
    """A chapter page's link to its notebook page, if this language has one."""
    src = PurePosixPath(page.file.src_uri)
    notebook = files.get_file_from_path(str(src.parent / "notebooks" / f"{src.stem}.ipynb"))
    if notebook is None:
        return ""
    href = get_relative_url(notebook.url, page.file.url)
    label = NOTEBOOK_LINK_LABEL[page.file.locale]
    return f'<p class="notebook-link"><a href="{href}">{label}</a></p>\n'


def after_title(html: str, block: str) -> str:
    title_end = html.find("</h1>")
    if title_end < 0:
        return block + html
    return html[: title_end + 5] + block + html[title_end + 5 :]


@event_priority(priorities.CHECK_SNIPPETS_UNCHANGED)
def on_post_build(config):
    if not Build.started:  # the first on_post_build (the last language's) was the build's end
        return
    snippets, figures, notebooks, cache = list(Build.snippets.values()), Build.figures, Build.notebooks, Build.cache
    sandbox = Build.sandbox
    Build.reset()  # the next build looks again
    CHECKED_CHAPTERS.save()
    current = settings.current()
    if cache is not None:
        for snippet in snippet_scheduler.changed_since_run(snippets, cache):
            log.warning(
                f"{snippet.name} changed while the build ran; the pages show text that was not "
                "run and nothing of it is cached: build again"
            )
    name = build_report.FILE_NAME if current.execute else f"off-{build_report.FILE_NAME}"
    build_report.write(current.cache / name, snippets, figures, notebooks, current.execute, sandbox)
