"""The code fences of a page as the site renders them, and where each of their lines comes from.

A page goes through Python-Markdown with the site's own extensions and their configuration
(mkdocs.yml's `markdown_extensions`), as far as the block parser, so the fences found are the
ones the renderer finds: pymdownx.snippets expands the includes, pymdownx.superfences finds the
fences wherever it accepts them (in lists, admonitions, block quotes, `md_in_html` blocks, with
an attribute list, in any spelling of a language), and a fence that turns out to be the text of
an indented code block is dropped, as the renderer drops it. Each fence's lexer is the one
pymdownx.highlight would render it with: its own lookup (the site's `extend_pygments_lang`,
`default_lang`, `guess_lang`, then Pygments' `get_lexer_by_name`). Nothing is highlighted.

Every line remembers its origin (the page, or a file an include read, and the line there), so a
fence knows the line it opens on and which file each of its lines was written in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetPreprocessor
from pymdownx.superfences import SuperFencesBlockPreprocessor

MarkdownSettings = tuple[list, dict]  # (extensions, their configurations), as MkDocs gives them


class FenceScanError(ValueError):
    """The site's Markdown configuration is not one the scan can follow."""


class UnreadableInclude(Exception):
    """An include names a file that can't be read (a directory, a file without permission)."""

    def __init__(self, target: str, error: OSError):
        super().__init__(target, error)
        self.target, self.error = target, error


@dataclass(frozen=True)
class Origin:
    """Where a line of the expanded page was written."""

    file: str  # the page, or the included file as pymdownx.snippets opened it
    line: int  # 1-based
    target: str = ""  # the include that read it ("" for the page itself)


class _Line(str):
    """A line that keeps its origin through pymdownx.snippets, which indents an included line
    as `space + line` (so `__radd__`), slices lists of them and appends them as they are."""

    origin: Origin

    def __new__(cls, text: str, origin: Origin) -> _Line:
        line = super().__new__(cls, text)
        line.origin = origin
        return line

    def __radd__(self, other: str) -> _Line:
        return _Line(other + str(self), self.origin)


@dataclass
class Fence:
    """One fence the renderer highlights."""

    opening: Origin  # its opening line
    language: str  # as written, "" for none
    lexer: object  # the Pygments lexer pymdownx.highlight renders it with
    code: str  # its text, as the highlighter gets it
    lines: list[tuple[str, Origin]]  # each line of `code`, with its origin


@dataclass
class _Found:
    """A fence superfences handed to the highlighter."""

    start: int  # index of its opening line in the expanded page
    end: int  # index after its closing line
    language: str
    lexer: object
    code: str
    key: str = ""  # superfences' key for its original text, which it drops if the fence was text


class _Includes(SnippetPreprocessor):
    """pymdownx.snippets' preprocessor (the instance the extension registered), noting every
    file it reads and tagging every line with its origin."""

    def start(self, page: str) -> None:
        self.page, self.read, self.origins, self._target = page, [], [], ""

    def parse_snippet_target(self, path):
        self._target = path
        return super().parse_snippet_target(path)

    def read_lines(self, path):
        self.read.append((path, self._target))
        lines = super().read_lines(path)
        return [_Line(text, Origin(path, number, self._target)) for number, text in enumerate(lines, 1)]

    def dedent(self, lines):
        dedented = super().dedent(lines)
        return [_Line(new, old.origin) if isinstance(old, _Line) else new for old, new in zip(lines, dedented)]

    def run(self, lines):
        lines = [_Line(text, Origin(self.page, number)) for number, text in enumerate(lines, 1)]
        expanded = super().run(lines)
        before = Origin(self.page, 0)
        for line in expanded:
            # an escaped include line comes back as a plain str: it follows the line before it
            before = line.origin if isinstance(line, _Line) else Origin(before.file, before.line + 1, before.target)
            self.origins.append(before)
        return [str(line) for line in expanded]


class _Fences(SuperFencesBlockPreprocessor):
    """pymdownx.superfences' preprocessor (the instance the extension registered), noting each
    fence it hands to the highlighter instead of highlighting it."""

    def start(self) -> None:
        self.found: list[_Found] = []
        self._span = (0, 0)

    def process_nested_block(self, ws, content, start, end):
        self._span = (start, end)
        super().process_nested_block(ws, content, start, end)

    def highlight(self, src="", language="", options=None, md=None, **kwargs):
        written = language or ""
        if not language and self.default_lang:
            language = self.default_lang
        highlighter = self.highlighter(
            self.md, guess_lang=self.guess_lang, extend_pygments_lang=self.extend_pygments_lang,
            default_lang=self.default_lang, stripnl=self.stripnl,
        )
        lexer, _ = highlighter.get_lexer(src, language, False, self.stripnl)
        self.found.append(_Found(*self._span, written, lexer, src))
        return ""

    def _store(self, source, code, start, end):
        super()._store(source, code, start, end)
        if self.found and (self.found[-1].start, self.found[-1].end) == (start, end):
            placeholder = self.stack[-1][0][len(self.ws) :]
            self.found[-1].key = placeholder[1:-1]


def site_markdown(config_file: Path) -> MarkdownSettings:
    """mkdocs.yml's Markdown extensions and their configurations, as MkDocs reads them (its own
    option, with its built-in extensions), without loading the rest of the configuration."""
    from mkdocs.config.config_options import MarkdownExtensions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as file:
        raw = yaml_load(file)
    option = MarkdownExtensions(builtins=MkDocsConfig.markdown_extensions.builtins)
    return option.validate(raw.get("markdown_extensions", [])), option.configdata


def renderer(settings: MarkdownSettings, root: Path) -> tuple[markdown.Markdown, _Includes, _Fences]:
    """A Markdown of the site's settings whose includes and fences record what they see."""
    extensions, configs = settings
    configs = {name: dict(config) for name, config in configs.items()}
    snippets = configs.setdefault("pymdownx.snippets", {})
    # MkDocs runs in the project's folder: relative bases are the project's
    snippets["base_path"] = [str(root / base) for base in snippets.get("base_path", ["."])]
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    registered = md.preprocessors
    includes = registered["snippet"] if "snippet" in registered else None
    fences = registered["fenced_code_block"] if "fenced_code_block" in registered else None
    if not isinstance(includes, SnippetPreprocessor) or not isinstance(fences, SuperFencesBlockPreprocessor):
        raise FenceScanError(
            "the page scan follows pymdownx.snippets and pymdownx.superfences, which mkdocs.yml's "
            "markdown_extensions no longer both enable"
        )
    # The registered instances, with their configuration and place in the pipeline, made to record.
    includes.__class__, fences.__class__ = _Includes, _Fences
    for entry in fences.extension.superfences:
        if entry["name"] == "superfences":  # the default fence: the highlighter's
            entry["formatter"] = fences.highlight
    return md, includes, fences


def scan(text: str, page: str, settings: MarkdownSettings, root: Path) -> tuple[list[Fence], list[tuple[str, str]]]:
    """The fences of the page `text` (front matter already blanked out) that the renderer
    highlights, and every file its includes read (path, include target). pymdownx.snippets'
    errors (SnippetMissingError, UnicodeDecodeError) pass through; a file it can't read raises
    UnreadableInclude."""
    md, includes, fences = renderer(settings, root)
    includes.start(page)
    fences.start()
    lines = text.split("\n")
    try:
        for preprocessor in md.preprocessors:  # as Markdown.convert does, then its block parser
            lines = preprocessor.run(lines)
    except OSError as exc:
        raise UnreadableInclude(includes._target, exc) from None
    md.parser.parseDocument(lines)
    origins = includes.origins
    reverted = not fences.config.get("disable_indented_code_blocks", False)
    found = []
    for fence in fences.found:
        if reverted and fences.extension.stash.get(fence.key) is None:
            continue  # inside an indented code block: shown as its text, not as a fence
        lines = list(zip(fence.code.split("\n"), origins[fence.start + 1 : fence.end - 1]))
        found.append(Fence(origins[fence.start], fence.language, fence.lexer, fence.code, lines))
    return found, includes.read


def relative(path: str, root: Path) -> str:
    return Path(os.path.relpath(path, os.path.abspath(root))).as_posix()
