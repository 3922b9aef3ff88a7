"""MkDocs hook: run the snippets that the pages use, check their output, publish figures and notebooks.

One `mkdocs build` covers every language (mkdocs-static-i18n builds them one after another in
this process), and the snippets run once for all of them:

1. `on_files` (first language): scan every page in `docs/` for `--8<-- "snippets/..."` includes
   and `figures/....svg` images, look each snippet up in `.cache/snippets/` by content, and run
   the misses in ONE worker process (so TensorFlow is imported at most once per build).
2. The worker executes each snippet with pytest-examples' own print capture and compares what it
   printed with the `#> ` lines in the file, exactly as `pytest` does. It saves any figure as SVG.
3. Passing results are cached; failures are not, and are reported as warnings naming the
   snippet, its line and the page (so `mkdocs build --strict` fails).
4. Figures become site files at `figures/<chapter>/<snippet>.svg`, served from the cache:
   nothing is written into `docs/`.
5. Each page marked `notebook: true` also becomes a notebook page per language
   (`notebooks/<page>/`), built by notebooks.py from the page and these same results and
   rendered by mkdocs-jupyter, which executes nothing.

Run as a script (`python hooks/snippet_runner.py --worker`), this file is that worker.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import figures

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / ".cache" / "snippets"
SNIPPETS_DIR = "snippets"
FIGURES_DIR = "figures"
DEFAULT_TIMEOUT = 300

INCLUDE_RE = re.compile(r'^[ \t]*-{2,}8<-{2,}[ \t]+"(?P<path>[^"]+?\.py)(?::[^"]*)?"', re.M)
FIGURE_RE = re.compile(rf"\]\((?:\.\./)*{FIGURES_DIR}/(?P<path>[\w/-]+)\.svg\)")

# What the snippets run with, in the build and in pytest alike.
SNIPPET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # TensorFlow's C++ log noise
    "MPLBACKEND": "Agg",
    "COLUMNS": "100",  # rich (model.summary) wraps at the terminal width otherwise
    "PYTHONHASHSEED": "0",
}


# --------------------------------------------------------------------------------------------
# Executing one snippet (used by the worker and by tests/test_examples.py)
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def snippet_sandbox():
    """Run a snippet in a clean, deterministic environment and leave nothing behind.

    The working directory is a fresh temporary folder (yielded), so a snippet that writes files
    or changes directory cannot touch the repository; any warning is an error (the examples must
    run cleanly on today's Keras); `plt.show()` is a no-op (the figures are collected afterwards);
    Keras' global state (layer-name counters, seeds) is reset for the next snippet.
    """
    old_env = {name: os.environ.get(name) for name in SNIPPET_ENV}
    os.environ.update(SNIPPET_ENV)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    old_cwd, old_show, old_main = os.getcwd(), plt.show, sys.modules.get("__main__")
    plt.close("all")
    plt.show = lambda *args, **kwargs: None
    # The site's figure style (figures.py): the snippets themselves stay plain matplotlib.
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir, warnings.catch_warnings(), \
            matplotlib.rc_context(figures.STYLE):
        warnings.simplefilter("error")
        os.chdir(workdir)
        try:
            yield Path(workdir)
        finally:
            for name, value in old_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            os.chdir(old_cwd)
            plt.show = old_show
            sys.modules["__main__"] = old_main
            if "keras" in sys.modules:
                sys.modules["keras"].backend.clear_session()


def any_print(*_args) -> bool:
    """pytest-examples keeps only `print` calls made in the snippet file itself; also keep the
    ones made on the snippet's behalf, e.g. `model.summary(print_fn=print)`."""
    return True


def save_figures(snippet: Path, out_dir: Path) -> list[str]:
    """Save the figure a snippet drew as `<snippet stem>.svg`, themed for the site, and close it."""
    import matplotlib.pyplot as plt

    numbers = plt.get_fignums()
    if len(numbers) > 1:
        raise RuntimeError(f"draws {len(numbers)} figures; a snippet may draw one")
    names = []
    for number in numbers:
        name = f"{snippet.stem}.svg"
        drawn = io.StringIO()
        plt.figure(number).savefig(drawn, format="svg", bbox_inches="tight", metadata={"Date": None})
        svg = figures.theme_svg(drawn.getvalue(), snippet.stem)
        (out_dir / name).write_text(svg, encoding="utf-8")
        names.append(name)
    plt.close("all")
    return names


def execute(snippet: Path, figure_dir: Path) -> dict:
    """Execute a snippet, compare its prints with its `#> ` lines, save its figure.

    Returns {"ok": bool, "error": str, "figures": [file names], "stdout": what it printed}.
    """
    from pytest_examples import CodeExample
    from pytest_examples.config import ExamplesConfig
    from pytest_examples.lint import code_diff
    from pytest_examples.run_code import run_code

    source = snippet.read_text(encoding="utf-8")
    example = CodeExample.create(source, path=snippet)
    config = ExamplesConfig()
    shown = display_path(snippet)
    try:
        with snippet_sandbox() as workdir:
            # Run a copy, so that even paths built from __file__ point into the sandbox.
            copy = workdir / snippet.name
            copy.write_text(source, encoding="utf-8")
            printed, _ = run_code(
                example=example,
                python_file=copy,
                loader=None,
                config=config,
                enable_print_mock=True,
                print_callback=None,
                include_print=any_print,
                module_globals=None,
                call=None,
            )
            figures = save_figures(snippet, figure_dir)
    except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything, SystemExit too
        line = last_line_in(snippet, exc.__traceback__)
        where = f"{shown}:{line}" if line else shown
        return {"ok": False, "error": f"{where}: raised {type(exc).__name__}: {exc}"}

    expected = printed.updated_print_statements(example)
    if expected is not None:
        line = first_changed_line(source, expected)
        diff = code_diff(example, expected, config)
        diff = diff.replace("--- before", "--- documented", 1).replace("+++ after", "+++ actual", 1)
        return {
            "ok": False,
            "error": (
                f"{shown}:{line}: the documented output differs from what the code prints:\n{diff}\n"
                "If the new output is right, update the snippet with:\n"
                "    .venv/bin/python -m pytest tests/test_examples.py --update-examples"
            ),
        }
    stdout = "".join(f"{statement}\n" for statement in printed.print_statements())
    return {"ok": True, "error": "", "figures": figures, "stdout": stdout}


def last_line_in(snippet: Path, tb) -> int | None:
    """The line of the snippet that was running when the exception was raised."""
    line = None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).name == snippet.name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def first_changed_line(before: str, after: str) -> int:
    for number, (old, new) in enumerate(zip(before.splitlines(), after.splitlines()), start=1):
        if old.rstrip() != new.rstrip():
            return number
    return min(len(before.splitlines()), len(after.splitlines())) + 1


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def worker_main() -> None:
    """Read jobs (JSON lines: snippet, figure_dir) on stdin; answer one JSON line per job."""
    import inspect
    import types

    import pytest_examples.run_code

    # pytest-examples finds each print's caller with inspect.stack(), which also reads a line of
    # source for every frame (deep inside TensorFlow); it only needs the frames. Same result,
    # about half a second less per cold build.
    fast_inspect = types.SimpleNamespace(**vars(inspect))
    fast_inspect.stack = lambda context=0: inspect.stack(context)
    pytest_examples.run_code.inspect = fast_inspect
    jobs = os.fdopen(os.dup(0), "r", encoding="utf-8")
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    # A snippet must not read the jobs or write into the answers: point fds 0 and 1 elsewhere.
    # (Its `print` calls are captured by pytest-examples before they reach fd 1.)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    for line in jobs:
        job = json.loads(line)
        result = execute(Path(job["snippet"]), Path(job["figure_dir"]))
        protocol.write(json.dumps(result) + "\n")
        protocol.flush()


# --------------------------------------------------------------------------------------------
# The build side
# --------------------------------------------------------------------------------------------


@dataclass
class Snippet:
    path: str  # relative to the repository, e.g. "snippets/loss_functions/huber.py"
    pages: list[str] = field(default_factory=list)  # docs-relative pages that use it
    ok: bool = False
    error: str = ""
    figures: list[str] = field(default_factory=list)
    stdout: str = ""
    result_dir: Path | None = None

    @property
    def key(self) -> str:
        """Cache key: the snippet, the pinned dependencies, this runner and the figure style."""
        digest = hashlib.sha256()
        parts = [REPO_ROOT / self.path, REPO_ROOT / "requirements.txt", Path(__file__)]
        for part in [*parts, Path(figures.__file__)]:
            digest.update(part.read_bytes() if part.exists() else b"")
        return digest.hexdigest()[:20]


class Stats:
    """What the last build did (its log line "snippets: N executed, M from .cache/" is what
    the tests and the benchmark read)."""

    executed: list[str] = []
    cached: list[str] = []


_results: dict[str, Snippet] = {}  # snippet path -> outcome, for the rest of this build


def find_used_snippets(docs_dir: Path) -> tuple[dict[str, Snippet], list[str]]:
    """Every snippet that a page includes or whose figure it shows, and the pages naming
    snippets that don't exist."""
    used: dict[str, Snippet] = {}
    missing: list[str] = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        page_rel = page.relative_to(docs_dir).as_posix()
        paths = [m["path"] for m in INCLUDE_RE.finditer(text)]
        paths += [f"{SNIPPETS_DIR}/{m['path']}.py" for m in FIGURE_RE.finditer(text)]
        for rel in paths:
            if not rel.startswith(f"{SNIPPETS_DIR}/"):
                continue
            if not (REPO_ROOT / rel).is_file():
                missing.append(f"docs/{page_rel} uses {rel}, which does not exist")
                continue
            snippet = used.setdefault(rel, Snippet(rel))
            if page_rel not in snippet.pages:
                snippet.pages.append(page_rel)
    return used, missing


def run_snippets(snippets: list[Snippet]) -> None:
    """Fill in each snippet's outcome, from the cache or by running it in one worker."""
    Stats.executed, Stats.cached = [], []
    todo = []
    for snippet in snippets:
        cached = CACHE_DIR / snippet.key
        if (cached / "result.json").is_file():
            result = json.loads((cached / "result.json").read_text(encoding="utf-8"))
            snippet.ok, snippet.result_dir = True, cached
            snippet.figures, snippet.stdout = result["figures"], result["stdout"]
            Stats.cached.append(snippet.path)
        else:
            todo.append(snippet)
    if todo:
        # This process only waits for the worker meanwhile: use the time to load the Chinese
        # search segmenter (jieba, used by material's search plugin) that the build needs next.
        threading.Thread(target=_load_search_segmenter, daemon=True).start()
        _run_in_worker(todo)


def _load_search_segmenter() -> None:
    with contextlib.suppress(ImportError):
        import jieba

        jieba.initialize()


def _run_in_worker(todo: list[Snippet]) -> None:
    timeout = float(os.environ.get("SNIPPET_TIMEOUT", DEFAULT_TIMEOUT))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    worker = None
    with tempfile.TemporaryFile("w+") as stderr:
        try:
            for snippet in todo:
                if worker is None:
                    worker = subprocess.Popen(
                        [sys.executable, __file__, "--worker"],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=stderr,
                        text=True,
                        env={**os.environ, **SNIPPET_ENV},
                        cwd=REPO_ROOT,
                    )
                staging = Path(tempfile.mkdtemp(prefix=f"{snippet.key}-", dir=CACHE_DIR))
                job = {"snippet": str(REPO_ROOT / snippet.path), "figure_dir": str(staging)}
                worker.stdin.write(json.dumps(job) + "\n")
                worker.stdin.flush()
                Stats.executed.append(snippet.path)
                started = time.monotonic()
                ready, _, _ = select.select([worker.stdout], [], [], timeout)
                answer = worker.stdout.readline() if ready else ""
                if not answer:
                    elapsed = time.monotonic() - started
                    reason = (
                        f"timed out after {elapsed:.0f} s (SNIPPET_TIMEOUT={timeout:g})"
                        if not ready
                        else f"crashed the worker:\n{_tail(stderr)}"
                    )
                    worker.kill()
                    worker.wait()
                    worker = None
                    result = {"ok": False, "error": f"{snippet.path}: {reason}"}
                else:
                    result = json.loads(answer)
                snippet.ok, snippet.error = result["ok"], result["error"]
                if snippet.ok:
                    snippet.figures, snippet.stdout = result["figures"], result["stdout"]
                    saved = {"figures": snippet.figures, "stdout": snippet.stdout}
                    (staging / "result.json").write_text(json.dumps(saved), encoding="utf-8")
                    final = CACHE_DIR / snippet.key
                    shutil.rmtree(final, ignore_errors=True)
                    staging.rename(final)
                    snippet.result_dir = final
                else:
                    shutil.rmtree(staging, ignore_errors=True)
        finally:
            if worker is not None:
                worker.stdin.close()
                worker.wait()


def _tail(stream, lines: int = 20) -> str:
    stream.seek(0)
    return "\n".join(stream.read().splitlines()[-lines:])


# MkDocs events ------------------------------------------------------------------------------

NOTEBOOK_FLAG_RE = re.compile(r"\A---\n(?:.*\n)*?notebook:\s*true\s*\n(?:.*\n)*?---\n")
DOWNLOAD_LABEL = {"zh": "下载 Notebook（.ipynb）", "en": "Download the notebook (.ipynb)"}


def pinned_versions() -> dict[str, str]:
    lines = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


if __name__ != "__main__":
    from mkdocs.plugins import event_priority, get_plugin_logger
    from mkdocs.structure.files import File
    import nbformat
    from notebooks import SnippetRun, page_to_notebook

    log = get_plugin_logger("snippets")

    @event_priority(-200)  # after mkdocs-static-i18n has sorted the files into languages
    def on_files(files, config):
        if not _results:  # first language of this build: run what changed
            used, missing = find_used_snippets(Path(config.docs_dir))
            for message in missing:
                log.warning(message)
            if os.environ.get("SNIPPETS") == "off":
                # The benchmark's baseline: the same pages and notebooks, but nothing looked up
                # or run, so no outputs and no figures (their images are reported missing).
                for snippet in used.values():
                    snippet.ok = True
                log.info("execution switched off (SNIPPETS=off)")
            else:
                run_snippets(list(used.values()))
                names = f" ({', '.join(Stats.executed)})" if 0 < len(Stats.executed) <= 3 else ""
                log.info(f"{len(Stats.executed)} executed{names}, {len(Stats.cached)} from .cache/")
            _results.update(used)
        publish_figures(files, config)
        publish_notebooks(files, config)
        return files

    def publish_figures(files, config):
        """Each figure at figures/<chapter>/<snippet>.svg, shared by every language."""
        for snippet in _results.values():
            chapter = Path(snippet.path).parent.relative_to(SNIPPETS_DIR).as_posix()
            for name in snippet.figures:
                src_uri = f"{FIGURES_DIR}/{chapter}/{name}"
                if files.get_file_from_path(src_uri) is None:
                    files.append(File.generated(config, src_uri, abs_src_path=str(snippet.result_dir / name)))

    def publish_notebooks(files, config):
        """For each page marked `notebook: true`, a notebook page at notebooks/<page>/ in this
        language, rendered by mkdocs-jupyter, with the .ipynb beside it.

        mkdocs-static-i18n rebuilds every file it sees from its path in docs/, which a generated
        file doesn't have (and out of the box mkdocs-jupyter then publishes the raw source). So
        the notebooks are added after it has run, with the language details it would have set.
        """
        i18n = config.plugins["i18n"]
        language, languages = i18n.current_language, i18n.build_languages

        def prefix(lang):
            return "" if lang == i18n.default_language else f"{lang}/"

        def page_url(lang, page):
            return f"{config.site_url}{prefix(lang)}{page}/"

        # mkdocs-jupyter evicts every cached render its build didn't use: one cache per language
        # (and apart for the benchmark's SNIPPETS=off builds, whose notebooks have no outputs).
        variant = "-off" if os.environ.get("SNIPPETS") == "off" else ""
        cache = REPO_ROOT / ".cache"
        config.plugins["mkdocs-jupyter"].config["cache_dir"] = str(cache / f"mkdocs-jupyter{variant}" / language)

        pins = pinned_versions()
        docs = Path(config.docs_dir) / language
        for page in sorted(docs.glob("*.md")):
            markdown = page.read_text(encoding="utf-8")
            if not NOTEBOOK_FLAG_RE.match(markdown):
                continue
            page_rel = f"{language}/{page.name}"
            used = [s for s in _results.values() if page_rel in s.pages]
            if not all(s.ok for s in used):
                continue  # the failure is reported on the page itself
            runs = {
                s.path: SnippetRun(
                    source=(REPO_ROOT / s.path).read_text(encoding="utf-8"),
                    stdout=s.stdout,
                    figures=[(s.result_dir / name).read_text(encoding="utf-8") for name in s.figures],
                )
                for s in used
            }
            notebook = page_to_notebook(
                markdown,
                language,
                page_url(language, page.stem),
                lambda other: page_url(language, other),
                runs,
                pins,
            )
            target = cache / f"notebooks{variant}" / language / f"{page.stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            text = nbformat.writes(notebook) + "\n"
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")

            alternates = {}
            for lang in languages:
                alternate = File.generated(config, f"{lang}/notebooks/{page.stem}.ipynb", abs_src_path=str(target))
                alternate.dest_uri = f"{prefix(lang)}notebooks/{page.stem}/index.html"
                alternates[lang] = alternate
            file = alternates[language]
            file.alternates, file.locale, file.localization = alternates, language, language
            file.locale_alternate_of, file.norm_src_uri = language, f"notebooks/{page.stem}.ipynb"
            file.is_documentation_page = lambda: True  # mkdocs-jupyter renders it as a page
            files.append(file)
            i18n.i18n_files_per_language.setdefault(language, []).append(file)  # for sitemap.xml

    def on_page_markdown(markdown, page, config, files):
        if page.file.src_uri.endswith(".ipynb"):
            # The chapter page has the same text: keep search results free of duplicates.
            page.meta["search"] = {"exclude": True}
            return markdown
        failures = [s for s in _results.values() if not s.ok and page.file.src_uri in s.pages]
        for snippet in failures:
            log.warning(f"docs/{page.file.src_uri}: {snippet.error}")
        if failures:
            notes = "\n".join(f"    `{s.path}` failed." for s in failures)
            return f'!!! failure "Snippet check failed"\n{notes}\n\n{markdown}'
        return markdown

    def on_page_content(html, page, config, files):
        if not page.file.src_uri.endswith(".ipynb"):
            return html
        language = page.file.locale
        name = Path(page.file.src_uri).name
        link = (
            f'<p><a class="md-button md-button--primary" href="{name}" download>'
            f"{DOWNLOAD_LABEL[language]}</a></p>\n"
        )
        title_end = html.find("</h1>")
        if title_end < 0:
            return link + html
        return html[: title_end + 5] + link + html[title_end + 5 :]

    @event_priority(-200)  # after mkdocs-static-i18n has built the other languages
    def on_post_build(config):
        _results.clear()  # the next build (mkdocs serve) looks again


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    worker_main()
