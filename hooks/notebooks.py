"""Turn a chapter page into a Jupyter notebook: its prose as Markdown cells, its snippets as code
cells carrying the outputs of the build's own run. Used by snippet_runner.py; no MkDocs here.

The page's Markdown is rewritten for Jupyter: snippet includes become code cells (the `#> `
lines are dropped, since the real outputs follow the cell), a figure and its collapsed plotting
code become one code cell whose output is the figure, admonitions become quotes, heading
anchors are dropped, and links to other pages point at the published site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nbformat
from figures import label_svg

TEXT = {
    "zh": {
        "suffix": "（Notebook 版）",
        "about": (
            "本 Notebook 由网站页面[{title}]({url})生成，内容相同；代码单元格下方的输出来自网站构建时的实际运行。"
            "第一个代码单元格会安装网站所用的固定版本依赖，因此在新的 Jupyter 或 Colab 环境中也能直接运行。"
        ),
    },
    "en": {
        "suffix": " (notebook)",
        "about": (
            "This notebook is generated from the page [{title}]({url}) and has the same content; the outputs "
            "under the code cells come from the site's build. The first code cell installs the pinned versions "
            "the site was built with, so it runs as downloaded on a fresh Jupyter or Colab."
        ),
    },
}

# Packages the snippets import; their pinned versions come from requirements.txt.
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "matplotlib")

FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
COLLAPSED_CODE_RE = re.compile(
    r'^\?\?\?\+? example[^\n]*\n\n {4}```python\n {4}--8<-- "(?P<path>[^"]+)"\n {4}```\n', re.M
)
INCLUDE_RE = re.compile(r'^```python\n--8<-- "(?P<path>[^"]+)"\n```\n', re.M)
FIGURE_RE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?:\.\./)*figures/(?P<path>[\w/-]+)\.svg\)[ \t]*\n", re.M)
HEADING_ANCHOR_RE = re.compile(r"^(#{1,6} .*?)\s*\{\s*#[\w-]+\s*\}\s*$", re.M)
PAGE_LINK_RE = re.compile(r"\]\((?P<page>[\w/-]+)\.md(?P<anchor>#[\w-]+)?\)")
ADMONITION_RE = re.compile(r'^(?:!!!|\?\?\?\+?) (?P<kind>\w+)(?: "(?P<title>[^"]*)")?\s*$')
CODE_MARK = "\x00code:{}\x00"
CODE_MARK_RE = re.compile("\x00code:(.+?)\x00")


@dataclass
class SnippetRun:
    """What the build's run of a snippet produced."""

    source: str
    stdout: str = ""
    figures: list[str] = field(default_factory=list)  # SVG documents


def strip_documented_output(source: str) -> str:
    """The snippet without its `#> ` lines and `'''` output blocks (the notebook shows the real ones)."""
    kept, in_block = [], False
    for line in source.splitlines():
        if line.strip() == "'''":
            in_block = not in_block
        elif not in_block and not line.lstrip().startswith("#> "):
            kept.append(line)
    return "\n".join(kept).strip() + "\n"


def admonitions_to_quotes(markdown: str) -> str:
    out, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        match = ADMONITION_RE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        title = match["title"] or match["kind"].capitalize()
        out.append(f"> **{title}**")
        i += 1
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            if not lines[i].strip() and (i + 1 >= len(lines) or not lines[i + 1].startswith("    ")):
                break
            out.append(f"> {lines[i][4:]}".rstrip())
            i += 1
    return "\n".join(out)


def page_to_notebook(
    markdown: str,
    language: str,
    page_url: str,
    site_url: Callable[[str], str],
    runs: dict[str, SnippetRun],
    requirements: dict[str, str],
) -> nbformat.NotebookNode:
    """Build the notebook of one page.

    `site_url(page)` gives the published address of another page (e.g. "loss-functions");
    `runs` maps each included snippet path to what the build's run of it produced.
    """
    text = FRONT_MATTER_RE.sub("", markdown)
    # Each figure's alt text names the figure output of its snippet's cell.
    alts = {f"snippets/{m['path']}.py": m["alt"] for m in FIGURE_RE.finditer(text)}
    text = FIGURE_RE.sub("", text)
    text = COLLAPSED_CODE_RE.sub(lambda m: CODE_MARK.format(m["path"]) + "\n", text)
    text = INCLUDE_RE.sub(lambda m: CODE_MARK.format(m["path"]) + "\n", text)
    text = HEADING_ANCHOR_RE.sub(r"\1", text)
    text = PAGE_LINK_RE.sub(lambda m: f"]({site_url(m['page'])}{m['anchor'] or ''})", text)
    text = admonitions_to_quotes(text)

    text = text.lstrip("\n")
    if not text.startswith("# "):
        raise ValueError("a chapter page must start with its '# title'")
    title = text.partition("\n")[0][2:].strip()
    words = TEXT[language]
    text = text.replace(f"# {title}", f"# {title}{words['suffix']}", 1)

    pins = " ".join(f"{name}=={requirements[name]}" for name in RUNTIME_PACKAGES)
    heading, _, text = text.partition("\n")
    cells = [
        nbformat.v4.new_markdown_cell(heading),
        nbformat.v4.new_markdown_cell(words["about"].format(title=title, url=page_url)),
        nbformat.v4.new_code_cell(f"%pip install -q {pins}"),
    ]
    for index, part in enumerate(CODE_MARK_RE.split(text)):
        if index % 2 == 0:
            prose = part.strip("\n")
            if prose.strip():
                cells.append(nbformat.v4.new_markdown_cell(prose))
            continue
        run = runs[part]
        outputs = []
        if run.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=run.stdout))
        for svg in run.figures:
            if part in alts:
                svg = label_svg(svg, alts[part])
            outputs.append(
                nbformat.v4.new_output(
                    "display_data", data={"image/svg+xml": svg, "text/plain": "<Figure>"}, metadata={}
                )
            )
        cells.append(nbformat.v4.new_code_cell(strip_documented_output(run.source), outputs=outputs))

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
