"""Turn a chapter page into a Jupyter notebook: its prose as Markdown cells, its snippets as code
cells carrying the outputs of the build's own run. Used by snippets_hook.py; no MkDocs here.

The page is parsed with markdown-it-py and sliced into blocks by the tokens' line ranges, so the
prose keeps its source text. A ```python fence holding only `--8<-- "snippets/....py"` becomes a
code cell (without its `#> ` lines: the real outputs follow); a figure and its collapsed plotting
code become one code cell whose output is the figure; admonitions become quotes; heading anchors
and the front matter are dropped; links to other pages point at the published site. Any other
include raises ValueError naming its page line.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import nbformat
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.front_matter import front_matter_plugin
from pymdownx.snippets import SnippetPreprocessor

import documented_output
from figure_style import GRAPHVIZ_GROUP
from figures import label_svg
from layout import FIGURE_RE, figure_file_name, figure_snippet
from snippet_worker import runtime_of

TEXT = {
    "zh": {
        "suffix": "（Notebook 版）",
        "about": (
            "本 Notebook 由网站页面[{title}]({url})生成，内容相同；代码单元格下方的输出来自网站构建时的实际运行。"
            "第一个代码单元格会安装网站所用的固定版本依赖，因此在新的 Jupyter 或 Colab 环境中也能直接运行。"
        ),
        "unbuilt": "本 Notebook 未能生成：{names} 在网站构建中失败（构建日志和本章页面说明了原因）。",
    },
    "en": {
        "suffix": " (notebook)",
        "about": (
            "This notebook is generated from the page [{title}]({url}) and has the same content; the outputs "
            "under the code cells come from the site's build. The first code cell installs the pinned versions "
            "the site was built with, so it runs as downloaded on a fresh Jupyter or Colab."
        ),
        "unbuilt": "This notebook was not built: {names} failed in the site's build (the build log and the chapter page say why).",
    },
}

# Packages the snippets import; their pinned versions come from requirements.txt.
# Characters of the pins on one %pip line of the setup cell.
SETUP_WIDTH = 60
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "matplotlib")
# More, installed only by a notebook that has a cell of that runtime or drawing.
RUNTIME_EXTRAS = {"TF_USE_LEGACY_KERAS": ("tf-keras",), "KERAS_BACKEND": ("jax", "jaxlib")}
DRAWING_PACKAGES = ("pydot",)  # keras.utils.model_to_dot (Graphviz's `dot` comes with Colab)

MARKDOWN = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin).use(attrs_plugin)
# A line that pymdownx.snippets replaces, in any of its forms: its own pattern, so the two agree.
SNIPPET_LINE_RE = SnippetPreprocessor.RE_ALL_SNIPPETS
INCLUDE_MARKER = "--8<--"
SECTION_HREF_RE = re.compile(r"#[\w-]+")
PAGE_HREF_RE = re.compile(r"(?P<page>[\w/-]+)\.md(?P<anchor>#[\w-]+)?")
FIGURE_SRC_RE = re.compile(rf"(?:\.\./)*(?P<figure>{FIGURE_RE.pattern})")
LIST_TOKENS = {"bullet_list_open", "ordered_list_open", "list_item_open"}


@dataclass
class SnippetRun:
    """What the build's run of a snippet produced."""

    source: str
    stdout: str = ""
    figures: list[str] = field(default_factory=list)  # SVG documents


def is_drawing(svg: str) -> bool:
    """A Graphviz drawing (a model), as opposed to a matplotlib figure."""
    return GRAPHVIZ_GROUP in svg


@dataclass
class CodeCell:
    """Where a snippet's code cell goes: `line` is the page line (0-based) of its include."""

    line: int
    path: str = ""


def blocks(tokens: list[Token], start: int, end: int) -> Iterator[tuple[int, int]]:
    """(first, end) token indexes of each block in tokens[start:end], a run of sibling blocks."""
    while start < end:
        stop, depth = start + 1, tokens[start].nesting
        while depth > 0:
            depth += tokens[stop].nesting
            stop += 1
        yield start, stop
        start = stop


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def dedent(line: str, width: int) -> str:
    return line[min(width, indent_of(line)) :]


def without_attrs(text: str) -> tuple[str, str]:
    """`text` without a trailing attribute list such as `{ #id }`, and that attribute list."""
    start = text.rfind("{")
    if start < 0:
        return text, ""
    try:
        close, _ = parse_attrs(text[start:])
    except ParseError:
        return text, ""
    if text[start + close + 1 :].strip():
        return text, ""
    return text[:start].rstrip(), text[start : start + close + 1]


class Page:
    """One chapter page's blocks, rewritten for Jupyter."""

    def __init__(self, markdown: str, page_name: str, site_url: Callable[[str], str]):
        self.name, self.site_url = page_name, site_url
        self.env: dict = {}
        self.tokens = MARKDOWN.parse(markdown, self.env)
        self.lines = markdown.split("\n")
        self.alts: dict[str, str] = {}  # snippet path -> the alt text of its figure
        self.figure_lines: dict[str, int] = {}  # snippet path -> the line of its figure

    def where(self, line: int) -> str:
        return f"{self.name}:{line + 1}"

    # Links -------------------------------------------------------------------------------------

    def rewrite_links(self) -> None:
        """Point each link to another page (`page.md`, `page.md#anchor`) or to a section of this one
        (`#anchor`) at the published site."""
        for reference in self.env.get("references", {}).values():
            href = unquote(reference["href"])
            if target := self.site_link(href):
                start, end = reference["map"]
                text = "\n".join(self.lines[start:end])
                at = text.find(href, text.find("]:"))
                if at < 0:
                    raise ValueError(f"{self.where(start)}: can't find the link to {href} in the text")
                self.lines[start:end] = (text[:at] + target + text[at + len(href) :]).split("\n")
        row_map = None
        for token in self.tokens:
            row_map = token.map or row_map
            if token.type == "inline" and token.children:
                start, end = token.map or row_map
                text = self.rewrite_inline("\n".join(self.lines[start:end]), token, start)
                self.lines[start:end] = text.split("\n")

    def site_link(self, href: str) -> str | None:
        if SECTION_HREF_RE.fullmatch(href):
            # A section of this page: its heading's id is the page's `{ #id }`, which a notebook
            # drops (Jupyter makes ids of its own): the link leads to the section on the site.
            return f"{self.site_url(Path(self.name).stem)}{href}"
        match = PAGE_HREF_RE.fullmatch(href)
        return match and f"{self.site_url(match['page'])}{match['anchor'] or ''}"

    def rewrite_inline(self, text: str, inline: Token, line: int) -> str:
        """`text` (the source of `inline`) with its links to other pages rewritten, in order."""
        cursor = 0
        references = {unquote(ref["href"]) for ref in self.env.get("references", {}).values()}
        for child in inline.children or []:
            if child.type != "link_open":
                continue
            # markdown-it percent-encodes the href; the page's text has it as written
            href = unquote(str(child.attrs["href"]))
            if not (target := self.site_link(href)):
                continue
            at = self.find_destination(text, href, cursor)
            if at < 0:
                if href in references:
                    continue  # a reference link: its definition is rewritten
                raise ValueError(f"{self.where(line)}: can't find the link to {href} in the text")
            text = text[:at] + target + text[at + len(href) :]
            cursor = at + len(target)
        return text

    @staticmethod
    def find_destination(text: str, href: str, cursor: int) -> int:
        """Where `href` is written as an inline link's destination, `](href)`, from `cursor` on."""
        while (at := text.find("](", cursor)) >= 0:
            cursor = at + 2
            while text[cursor : cursor + 1] in (" ", "\t", "\n"):
                cursor += 1
            cursor += text[cursor : cursor + 1] == "<"
            after = text[cursor + len(href) : cursor + len(href) + 1]
            if text.startswith(href, cursor) and after in (")", " ", "\t", "\n", ">"):
                return cursor
        return -1

    # Blocks ------------------------------------------------------------------------------------

    def render(self, first: int, end: int, start_line: int, end_line: int, top: bool) -> list[str | CodeCell]:
        """The lines (and code cells, if `top`) of the sibling blocks tokens[first:end], which
        span the page lines start_line to end_line; the lines between blocks are kept."""
        out: list[str | CodeCell] = []
        cursor = start_line
        for i, j in blocks(self.tokens, first, end):
            token = self.tokens[i]
            if token.type == "admonition_title_open":
                continue
            start, stop = token.map
            # Some blocks' ranges take the blank lines after them: those stay between the blocks.
            stop = min(stop, end_line)
            while stop > start + 1 and not self.lines[stop - 1].strip():
                stop -= 1
            out += self.lines[cursor:start]
            out += self.block(i, j, start, stop, top)
            cursor = stop
            if token.type == "heading_open" and without_attrs(self.tokens[i + 1].content)[1]:
                # Like the published notebooks so far: an anchored heading has its text right under
                # it (Markdown renders it the same), so rebuilt notebooks stay byte-identical.
                while cursor < end_line and not self.lines[cursor].strip():
                    cursor += 1
        return out + self.lines[cursor:end_line]

    def block(self, i: int, j: int, start: int, stop: int, top: bool) -> list[str | CodeCell]:
        token = self.tokens[i]
        if top and (line := self.cell_include(i, j)) is not None:
            solution = token.type == "admonition_open" and token.meta["tag"] == "success"
            if solution and self.tokens[i + 1].type == "admonition_title_open":
                # An exercise's solution: its title as a line of text, its code cell, then the
                # text the box holds after the code, as plain Markdown.
                title = self.rewrite_inline(token.content, self.tokens[i + 2], start)
                body = self.box_body(i, j)
                after: list[str | CodeCell] = []
                if len(body) > 1:
                    first, last = body[1][0], body[-1][1]
                    text_start = self.tokens[first].map[0]
                    rest = self.render(first, last, text_start, stop, top=False)
                    after = ["", *(dedent(str(item), indent_of(self.lines[start]) + 4) for item in rest)]
                return [f"**{title}**", "", CodeCell(line), *after]
            return [CodeCell(line)]
        if top and token.type == "paragraph_open" and (figure := self.figure(i)):
            path, alt = figure
            self.alts[path], self.figure_lines[path] = alt, start
            return []
        if token.type == "heading_open":
            return self.heading(i, start, stop)
        if token.type == "admonition_open":
            return self.quote(i, j, start, stop)
        if token.type in LIST_TOKENS:
            return self.render(i + 1, j - 1, start, stop, top=False)
        return self.lines[start:stop]

    def cell_include(self, i: int, j: int) -> int | None:
        """The page line of the include that makes tokens[i:j] a code cell: a ```python fence
        holding only an include, or a collapsed box holding such a fence: a figure's plotting
        code (`??? example`, the fence alone) or an exercise's solution (`??? success "Title"`,
        the fence first, then text that explains it)."""
        token = self.tokens[i]
        if token.type == "fence":
            return self.include_line(i)
        collapsible = token.type == "admonition_open" and token.markup.startswith("?")
        if collapsible and token.meta["tag"] in ("example", "success"):
            body = self.box_body(i, j)
            # an example holds only its fence; a solution may go on with text after it
            only = len(body) == 1 or token.meta["tag"] == "success"
            if body and only and self.tokens[body[0][0]].type == "fence":
                return self.include_line(body[0][0])
        return None

    def box_body(self, i: int, j: int) -> list[tuple[int, int]]:
        """The blocks of the admonition tokens[i:j], its title left out."""
        return [k for k in blocks(self.tokens, i + 1, j - 1) if self.tokens[k[0]].type != "admonition_title_open"]

    def include_line(self, fence: int) -> int | None:
        """The page line of the fence's include, if it is a ```python fence holding only one."""
        token = self.tokens[fence]
        if token.info.split(maxsplit=1)[:1] != ["python"] or token.content.count("\n") != 1:
            return None
        line = token.map[0] + 1
        match = SNIPPET_LINE_RE.match(self.lines[line])
        return line if match and not match["escape"] else None

    def figure(self, paragraph: int) -> tuple[str, str] | None:
        """(snippet path, alt text) if the paragraph is just an image of figures/<chapter>/<name>.svg."""
        inline = self.tokens[paragraph + 1]
        children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
        if len(children) != 1 or children[0].type != "image":
            return None
        match = FIGURE_SRC_RE.fullmatch(str(children[0].attrs["src"]))
        return match and (figure_snippet(match["figure"]), children[0].content)

    def heading(self, i: int, start: int, stop: int) -> list[str]:
        """The heading's lines without its `{ #id }`."""
        lines = self.lines[start:stop]
        _, attrs = without_attrs(self.tokens[i + 1].content)
        for n in range(len(lines) - 1, -1, -1) if attrs else ():
            at = lines[n].rfind(attrs)
            if at >= 0:
                lines[n] = (lines[n][:at].rstrip() + lines[n][at + len(attrs) :]).rstrip()
                break
        return lines

    def quote(self, i: int, j: int, start: int, stop: int) -> list[str]:
        """The admonition as a quote: `> **Title**`, then its body."""
        token, indent = self.tokens[i], indent_of(self.lines[start])
        title = token.content
        if self.tokens[i + 1].type == "admonition_title_open":
            title = self.rewrite_inline(title, self.tokens[i + 2], start)
        # (no code cells below the top level: an include there is reported by check_includes)
        body = self.render(i + 1, j - 1, start + 1, stop, top=False)
        body = [dedent(str(line), indent + 4) for line in body]
        if title:
            body.insert(0, f"**{title}**")
        while body and not body[0].strip():
            body.pop(0)  # a quote without a title starts with its text
        return [f"{' ' * indent}> {line}".rstrip() for line in body]

    # Includes ----------------------------------------------------------------------------------

    def check_includes(self, cells: list[CodeCell], runs: dict[str, SnippetRun] | None) -> None:
        """Give each code cell its snippet path; raise ValueError for an include a notebook can't
        show (and, given the runs, for a cell whose snippet has none)."""
        paths: dict[int, str] = {}
        claimed = {cell.line for cell in cells}
        front = [t.map for t in self.tokens[:1] if t.type == "front_matter"]
        for number in range(front[0][1] if front else 0, len(self.lines)):
            match = SNIPPET_LINE_RE.match(self.lines[number])
            if not match or match["escape"]:
                continue
            paths[number] = self.include_path(match, number)
            if number not in claimed:
                raise ValueError(
                    f"{self.where(number)}: an include becomes a notebook cell only as the single line of "
                    f'a ```python fence, on its own, alone in a "??? example" after its figure or alone in a '
                    f'"??? success" (an exercise\'s solution)'
                )
        for cell in cells:
            cell.path = paths[cell.line]
            if runs is not None and cell.path not in runs:
                raise ValueError(f"{self.where(cell.line)}: no run of {cell.path} was given for this page")
        for path, line in self.figure_lines.items():
            if path not in {cell.path for cell in cells}:
                raise ValueError(
                    f"{self.where(line)}: the notebook shows a figure as the output of its snippet's cell, "
                    f"but {path} is not included on this page"
                )

    def include_path(self, match: re.Match, number: int) -> str:
        where = self.where(number)
        if not match["inline_marker"]:
            raise ValueError(
                f"{where}: a block include (`--8<--` on a line of its own) can't become a notebook cell; "
                f'include one snippet per fence, as {INCLUDE_MARKER} "snippets/<chapter>/<name>.py"'
            )
        quoted = match["snippet"]
        if quoted[0] != '"':
            raise ValueError(f'{where}: write the include in double quotes: {INCLUDE_MARKER} "{quoted[1:-1]}"')
        path = quoted[1:-1]
        if ":" in path:
            raise ValueError(
                f"{where}: {path} includes only a part of a snippet; a notebook cell must be the whole "
                f"program whose outputs it shows"
            )
        if posixpath.normpath(path) != path or not path.startswith("snippets/") or not path.endswith(".py"):
            raise ValueError(f"{where}: write the include's path as snippets/<chapter>/<name>.py, not {path}")
        if (marker := match["inline_marker"].strip()) != INCLUDE_MARKER:
            raise ValueError(f"{where}: write the include marker as {INCLUDE_MARKER}, not {marker}")
        return path


def read_chapter(markdown: str, site_url: Callable[[str], str], page_name: str) -> tuple[Page, str, list[str | CodeCell]]:
    """The page, its title, and its lines and code cells below the title."""
    page = Page(markdown, page_name, site_url)
    page.rewrite_links()
    top = list(blocks(page.tokens, 0, len(page.tokens)))
    if top and page.tokens[top[0][0]].type == "front_matter":
        top = top[1:]
    if not top or page.tokens[top[0][0]].tag != "h1":
        raise ValueError(f"{page_name}: a chapter page must start with its '# title'")
    first, end = top[0]
    title = without_attrs(page.tokens[first + 1].content)[0].strip()
    items = page.render(end, len(page.tokens), page.tokens[first].map[1], len(page.lines), top=True)
    return page, title, items


def check_chapter(markdown: str, page_name: str) -> None:
    """Raise ValueError for what `page_to_notebook` refuses in the page itself (its title, an
    include a notebook can't show), so that the build stops before any snippet runs."""
    page, _, items = read_chapter(markdown, lambda other: "", page_name)
    page.check_includes([item for item in items if isinstance(item, CodeCell)], None)


def page_to_notebook(
    markdown: str,
    language: str,
    page_url: str,
    site_url: Callable[[str], str],
    runs: dict[str, SnippetRun],
    requirements: dict[str, str],
    *,
    page_name: str = "<page>",
) -> nbformat.NotebookNode:
    """Build the notebook of one page.

    `site_url(page)` gives the published address of another page (e.g. "loss-functions");
    `runs` maps each included snippet path to what the build's run of it produced;
    `page_name` (e.g. "docs/en/loss-functions.md") names the page in error messages.
    """
    page, title, items = read_chapter(markdown, site_url, page_name)
    page.check_includes([item for item in items if isinstance(item, CodeCell)], runs)

    words = TEXT[language]
    code = [item for item in items if isinstance(item, CodeCell)]
    runtimes = {item.path: runtime_of(runs[item.path].source, item.path) for item in code}
    drawings = {item.path for item in code if any(is_drawing(svg) for svg in runs[item.path].figures)}
    packages = list(RUNTIME_PACKAGES)
    for runtime in runtimes.values():
        for variable, _ in runtime.variables:
            packages += [name for name in RUNTIME_EXTRAS[variable] if name not in packages]
    packages += [name for name in DRAWING_PACKAGES if drawings and name not in packages]
    # One %pip line per few packages: the cell fits its box on a desktop without scrolling.
    lines = [""]
    for pin in (f"{name}=={requirements[name]}" for name in packages):
        if lines[-1] and len(lines[-1]) + len(pin) > SETUP_WIDTH:
            lines.append("")
        lines[-1] += f" {pin}"
    setup = "\n".join(f"%pip install -q{line}" for line in lines)
    if any(runtime.variables for runtime in runtimes.values()):
        setup += "\nimport sys  # cells of another Keras run this Python in a new process"
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}{words['suffix']}"),
        nbformat.v4.new_markdown_cell(words["about"].format(title=title, url=page_url)),
        nbformat.v4.new_code_cell(setup),
    ]
    prose: list[str] = []
    for item in [*items, None]:
        if isinstance(item, str):
            prose.append(item)
            continue
        text = "\n".join(prose).strip("\n")
        if text.strip():
            cells.append(nbformat.v4.new_markdown_cell(text))
        prose = []
        if item is None:
            break
        run = runs[item.path]
        outputs = []
        if run.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=run.stdout))
        for svg in run.figures:
            if item.path in page.alts:
                svg = label_svg(svg, page.alts[item.path])
            outputs.append(
                nbformat.v4.new_output(
                    "display_data", data={"image/svg+xml": svg, "text/plain": "<Figure>"}, metadata={}
                )
            )
        # the notebook shows the real outputs below the cell
        source = documented_output.split(run.source).code.strip() + "\n"
        if runtimes[item.path].variables:
            # This kernel has imported Keras 3 on TensorFlow already; a program that chooses
            # another Keras gets it only in a fresh process, as it does run on its own.
            if run.figures:
                raise ValueError(f"{item.path}: a cell that runs another Keras can't show a figure in the notebook")
            source = "%%script {sys.executable}\n" + source
        elif item.path in drawings:
            # The program writes its drawing to a file; the notebook shows that file.
            name = figure_file_name(item.path)
            source += f"\nfrom IPython.display import SVG\n\nSVG({name!r})\n"
        cells.append(nbformat.v4.new_code_cell(source, outputs=outputs))

    count = 0
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # stable ids keep the build reproducible
        if cell["cell_type"] == "code" and cell["outputs"]:
            count += 1
            cell["execution_count"] = count
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(notebook)
    return notebook


def unbuilt_notebook(markdown: str, language: str, page_name: str, failed: list[str]) -> nbformat.NotebookNode:
    """The notebook of a page whose snippets did not all pass: its title and which failed. The
    notebook page keeps its place (the navigation names it) and says why it is empty."""
    _, title, _ = read_chapter(markdown, lambda other: "", page_name)
    words = TEXT[language]
    names = ", ".join(f"`{name}`" for name in failed)
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}{words['suffix']}"),
        nbformat.v4.new_markdown_cell(words["unbuilt"].format(names=names)),
    ]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    return notebook
