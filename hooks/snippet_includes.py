"""Which programs the pages show: every snippet they include, every figure they reference,
every Python fence written in a page.

The page is read by the site's own Markdown (rendered_fences.py): pymdownx.snippets finds the
includes, in every form it accepts, and pymdownx.superfences the fences, wherever it accepts
them. A fence is Python when pymdownx.highlight renders it with a Python lexer (Pygments'
PythonLexer or a lexer built on it), however its language is written. Every Python fence is
checked: one that holds includes shows those snippets, each run whole; one written in the page
runs as a program of its own (named `docs/<lang>/<page>.md:<line>`). A Python fence that can't be
checked this way stops the build before anything runs, saying why, as do a Python file included
from outside `snippets/`, a snippet that is a symbolic link, an include that does not resolve, a
page that is not UTF-8, or a figure whose snippet does not exist.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data
from pygments.lexers.python import Python2Lexer, PythonConsoleLexer, PythonLexer
from pymdownx.snippets import SnippetMissingError

import documented_output
from layout import FIGURE_RE, SNIPPETS_DIR
from rendered_fences import Fence, FenceScanError, MarkdownSettings, UnreadableInclude, relative, scan, site_markdown


class IncludeError(ValueError):
    """A page includes something the build can't run or show honestly."""


@dataclass
class PageUse:
    """What one page shows."""

    snippets: dict[str, list[str]] = field(default_factory=dict)  # path -> include targets
    figures: list[str] = field(default_factory=list)  # "figures/<chapter>/<name>.svg"
    blocks: list[tuple[str, int, str]] = field(default_factory=list)  # (file, fence line, code)


@functools.cache
def project_markdown(root: Path) -> MarkdownSettings:
    """The Markdown settings of the project at `root` (for callers outside a build)."""
    return site_markdown(root / "mkdocs.yml")


def page_text(raw: bytes) -> str:
    """The page's Markdown as MkDocs converts it, with the front matter blanked, not removed, so
    that line numbers stay the page's."""
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    body, _ = get_data(text)
    if not text.endswith(body):
        return text
    return "\n" * text[: len(text) - len(body)].count("\n") + body


# What a fence shown as Python but not as a Python 3 program is shown as (python_kind).
UNRUNNABLE = {"console": "a Python console session", "python 2": "a Python 2 program"}


def python_kind(lexer) -> str:
    """What the highlighter shows a fence as, by its lexer: "python" (a program), a key of
    UNRUNNABLE (Python the build can't run), or "" (not Python)."""
    if isinstance(lexer, PythonLexer):  # also the lexers built on it: NumPy, IPython
        return "python"
    if isinstance(lexer, PythonConsoleLexer) or type(lexer).__name__ == "IPythonConsoleLexer":
        return "console"
    return "python 2" if isinstance(lexer, Python2Lexer) else ""


def link_error(path: str, root: Path) -> str | None:
    """Why the file at `path` (as named, inside `root`) can't be a snippet: it is a symbolic
    link, or reached through one. A snippet is named, run, cached and drawn by its own path, so
    a link would show one file under another's name. pytest (test_examples.py) asks the same."""
    named = relative(os.path.abspath(path), root)
    real = relative(os.path.realpath(path), Path(os.path.realpath(root)))
    if named == real or not any(name.endswith(".py") or name.startswith(f"{SNIPPETS_DIR}/") for name in (named, real)):
        return None
    return (
        f"{named} is a symbolic link to {real}; a snippet must be a file of its own under "
        f"{SNIPPETS_DIR}/ (the build names, runs and caches it by its path): copy the file there"
    )


def python_block(fence: Fence, root: Path) -> tuple[str, int, str] | None:
    """The program a Python fence written in a page is, or None when its code is included (its
    snippets run); IncludeError for a fence that can't be checked."""
    kind = python_kind(fence.lexer)
    if not kind:
        return None
    home = fence.opening.file
    where = f"{relative(home, root)}:{fence.opening.line}"
    if kind in UNRUNNABLE:
        fence_name = f"```{fence.language}" if fence.language else "a fence without a language"
        raise IncludeError(
            f"{where}: {fence_name} is shown as {UNRUNNABLE[kind]}, which the build can't run, so "
            "nothing checks it; write it as a ```python fence, with what it prints on #> lines under each print"
        )
    shown = [origin for text, origin in fence.lines if text.strip()]
    written = [origin for origin in shown if origin.file == home]
    included = {origin.target: origin.file for origin in shown if origin.file != home}
    for target, path in included.items():
        if not os.path.realpath(path).endswith(".py"):
            raise IncludeError(
                f"{where}: the Python fence includes {target!r}, which is not a .py file; the build "
                f"runs only the .py files under {SNIPPETS_DIR}/, so the page would show code nobody "
                "ran: include the snippet itself"
            )
    if included and written:
        raise IncludeError(
            f"{where}: the Python fence holds lines written in the page as well as "
            f"{next(iter(included))!r}; the build runs only the snippet, so those lines would be code "
            "nobody ran: move them into it"
        )
    if included or not written:
        return None
    code = fence.code + "\n"  # a program's last line ends as a file's does
    if only_output(documented_output.split(code)):
        raise IncludeError(
            f"{where}: the Python fence holds only a documented output and no code, so nothing "
            "checks that output; put the code that prints it in the same fence"
        )
    return relative(home, root), fence.opening.line, code


def only_output(split: documented_output.Split) -> bool:
    """Whether the code shows output but has no statement that could print it: only `#> ` lines,
    or a lone string (a `'''` block on top is the program's docstring to Python, output to a reader)."""
    try:
        body = ast.parse(split.code).body
    except (SyntaxError, ValueError):
        return False  # it runs, and says so
    lone_string = len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    return (lone_string and isinstance(body[0].value.value, str)) or (not body and bool(split.output))


def scan_page(page: Path, root: Path, settings: MarkdownSettings | None = None) -> PageUse:
    """What `page` shows, found by the site's Markdown (`settings`: the build's
    markdown_extensions and mdx_configs; by default mkdocs.yml's)."""
    shown = relative(str(page), root)
    try:
        text = page_text(page.read_bytes())
    except UnicodeDecodeError as exc:
        raise IncludeError(f"{shown} is not UTF-8 ({exc})") from None
    try:
        fences, read = scan(text, str(page), settings or project_markdown(root), root)
    except SnippetMissingError as exc:
        target = re.match(r"Snippet at path '(.*)' could not be found", str(exc))
        path = os.path.realpath(root / target[1]) if target else ""
        inside = path.startswith(os.path.realpath(root) + os.sep)
        if target and not inside:
            why = f"includes '{target[1]}', which leaves the repository; pymdownx.snippets refuses it"
        elif target:
            why = f"includes '{target[1]}', which does not exist"
        else:
            why = f"pymdownx.snippets: {exc}"
        raise IncludeError(f"{shown}: {why} (nothing ran)") from None
    except UnicodeDecodeError as exc:
        raise IncludeError(f"{shown} includes a file that is not UTF-8 ({exc})") from None
    except UnreadableInclude as exc:
        directory = isinstance(exc.error, IsADirectoryError)
        why = "is a directory, not a file" if directory else f"can't be read ({exc.error.strerror})"
        raise IncludeError(f"{shown}: includes {exc.target!r}, which {why} (nothing ran)") from None
    except FenceScanError as exc:
        raise IncludeError(f"{shown}: {exc}") from None

    use = PageUse()
    texts = [text]
    snippets_root = os.path.realpath(root / SNIPPETS_DIR) + os.sep
    for path, target in read:
        if error := link_error(path, root):
            raise IncludeError(f"{shown}: includes {target!r}: {error}")
        if path.endswith(".py"):
            if not os.path.realpath(path).startswith(snippets_root):
                raise IncludeError(
                    f"{shown}: includes {target!r}, Python from outside {SNIPPETS_DIR}/: the "
                    "build runs only the snippets, so the page would show code nobody ran"
                )
            use.snippets.setdefault(relative(path, root), []).append(target)
        else:
            texts.append(Path(path).read_text(encoding="utf-8"))
    for fence in fences:
        if block := python_block(fence, root):
            use.blocks.append(block)
    for each in texts:
        for match in FIGURE_RE.finditer(each):
            figure = match[0]
            if figure not in use.figures:
                use.figures.append(figure)
    return use
