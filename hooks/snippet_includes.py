"""Which programs the pages show: every snippet they include, every figure they reference,
every Python block written in a page that documents its output.

Includes are found by pymdownx.snippets itself, with the configuration from mkdocs.yml: the
scan runs its preprocessor on each page and records every file it reads, so every form it
accepts (quotes, dash counts, the block form, `./` paths, includes nested in an included
Markdown file, line ranges and sections) is seen, and nothing it rejects is run. A Python file
included from outside `snippets/`, an include that does not resolve, a page that is not UTF-8
or a figure whose snippet does not exist stops the build before anything runs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from layout import FIGURE_RE, SNIPPETS_DIR

OUTPUT_MARK_RE = re.compile(r"^\s*#> ", re.M)


class IncludeError(ValueError):
    """A page includes something the build can't run or show honestly."""


@dataclass
class PageUse:
    """What one page shows."""

    snippets: dict[str, list[str]] = field(default_factory=dict)  # path -> include targets
    figures: list[str] = field(default_factory=list)  # "figures/<chapter>/<name>.svg"
    blocks: list[tuple[str, int, str]] = field(default_factory=list)  # (file, fence line, code)


class _Recorder(SnippetPreprocessor):
    """pymdownx.snippets' preprocessor, noting every file it reads and every path it can't."""

    def __init__(self, config, md):
        super().__init__(config, md)
        self.read: list[tuple[str, str]] = []  # (absolute path, raw target)
        self._target = ""

    def parse_snippet_target(self, path):
        self._target = path
        return super().parse_snippet_target(path)

    def read_lines(self, path):
        self.read.append((os.path.realpath(path), self._target))
        return super().read_lines(path)


def _preprocessor(mdx_config: dict, root: Path) -> _Recorder:
    config = dict(mdx_config)
    config["base_path"] = [str(root / base) for base in config.get("base_path", ["."])]
    extension = SnippetExtension(**config)
    md = markdown.Markdown()
    return _Recorder(extension.getConfigs(), md)


def fenced_python_blocks(text: str) -> list[tuple[int, str]]:
    """Python fences written in the text (not includes) that document their output."""
    if not OUTPUT_MARK_RE.search(text):
        return []
    parser = MarkdownIt("commonmark").use(admon_plugin)
    blocks = []
    for token in parser.parse(text):
        if token.type != "fence" or token.info.split()[:1] not in (["python"], ["py"]):
            continue
        if "8<-" in token.content or not OUTPUT_MARK_RE.search(token.content):
            continue
        blocks.append((token.map[0] + 1, token.content))  # the fence line, 1-based
    return blocks


def scan_page(page: Path, root: Path, mdx_config: dict) -> PageUse:
    """What `page` shows, found by pymdownx.snippets' own parsing."""
    shown = page.relative_to(root).as_posix()
    try:
        text = page.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IncludeError(f"{shown} is not UTF-8 ({exc})") from None
    recorder = _preprocessor(mdx_config, root)
    try:
        recorder.run(text.split("\n"))
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
    except IsADirectoryError:
        raise IncludeError(f"{shown}: includes {recorder._target!r}, which is a directory, not a file (nothing ran)") from None
    except OSError as exc:
        raise IncludeError(f"{shown}: includes {recorder._target!r}, which can't be read ({exc.strerror}) (nothing ran)") from None

    use = PageUse(blocks=[(shown, line, code) for line, code in fenced_python_blocks(text)])
    texts = [text]
    snippets_root = os.path.realpath(root / SNIPPETS_DIR) + os.sep
    for path, target in recorder.read:
        if path.endswith(".py"):
            if not path.startswith(snippets_root):
                raise IncludeError(
                    f"{shown}: includes {target!r}, Python from outside {SNIPPETS_DIR}/: the "
                    "build runs only the snippets, so the page would show code nobody ran"
                )
            rel = Path(path).relative_to(root.resolve()).as_posix()
            use.snippets.setdefault(rel, []).append(target)
        else:
            included = Path(path).read_text(encoding="utf-8")
            texts.append(included)
            where = os.path.relpath(path, root.resolve())
            use.blocks += [(where, line, code) for line, code in fenced_python_blocks(included)]
    for each in texts:
        for match in FIGURE_RE.finditer(each):
            figure = match[0]
            if figure not in use.figures:
                use.figures.append(figure)
    return use
