"""MkDocs hook: each page's figures, inline.

A figure is the themed SVG its snippet drew (figure_style.py). It goes into the page itself in
place of its `<img>`, since an SVG loaded through `<img>` cannot see the page's CSS (the colours
of each palette, figures.css), with the alt text as its accessible name. A notebook page's
figures, embedded by the notebook as data URIs, are put in the same way.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

import priorities
from figure_style import CLASS
from layout import FIGURES_DIR

log = get_plugin_logger("figures")

# A figure this much wider than tall (two panels side by side) keeps a readable size on a phone
# and scrolls sideways instead (docs/assets/stylesheets/figures.css).
WIDE_RATIO = 2


def label_svg(svg: str, label: str) -> str:
    """Give a themed SVG its accessible name (the figure's alt text)."""
    label = html.escape(html.unescape(label), quote=True)
    head_end = svg.index(">", svg.index("<svg")) + 1
    head = svg[:head_end].replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    size = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if size and float(size[1]) > WIDE_RATIO * float(size[2]):
        # figures.css: it scrolls on a phone, and a keyboard reaches it (tabindex) to scroll it
        head = head.replace(f'class="{CLASS}"', f'class="{CLASS}" data-wide tabindex="0"', 1)
    return f"{head}\n <title>{label}</title>{svg[head_end:]}"


# --------------------------------------------------------------------------------------------
# MkDocs hook: inline each page's figures
# --------------------------------------------------------------------------------------------

# Any <img> whose src is a figure, whatever form the page used (Markdown image, titled image,
# reference-style image, raw HTML).
IMG_TAG_RE = re.compile(r"<img\b[^>]*>")
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
FIGURE_SRC_RE = re.compile(rf"(?:\./|/)?(?:\.\./)*(?P<uri>{FIGURES_DIR}/[\w/-]+\.svg)")
_figure_files: dict[str, str] = {}  # "figures/<chapter>/<name>.svg" -> its source file
_problems: list[str] = []  # this page's figures that could not be inlined


@event_priority(priorities.COLLECT_FIGURES)
def on_files(files, config):
    for file in files:
        if file.src_uri.startswith(f"{FIGURES_DIR}/") and file.src_uri.endswith(".svg"):
            _figure_files[file.src_uri] = file.abs_src_path
    return files


def _inline(match: re.Match) -> str:
    attrs = {name: html.unescape(value) for name, value in ATTR_RE.findall(match[0])}
    src = FIGURE_SRC_RE.fullmatch(attrs.get("src", ""))
    if src is None:
        return match[0]
    source = _figure_files.get(src["uri"])
    if source is None:
        _problems.append(f"shows {src['uri']}, which no snippet drew")
        return match[0]
    if not attrs.get("alt", "").strip():
        _problems.append(f"shows {src['uri']} without alt text")
    return label_svg(Path(source).read_text(encoding="utf-8"), attrs.get("alt", "")).rstrip()


DATA_IMG_RE = re.compile(r'<img [^>]*src="data:image/svg\+xml;base64,(?P<data>[\w+/=]+)"[^>]*>')


def _inline_data(match: re.Match) -> str:
    svg = base64.b64decode(match["data"]).decode("utf-8")
    # The notebook's SVG already carries its label (notebooks.py).
    opening = svg[: svg.find(">") + 1]
    ours = opening.startswith('<svg role="img"') and f'class="{CLASS}"' in opening
    return svg.rstrip() if ours else match[0]


def on_post_page(output, page, config):
    # After the search index is made: the figures' tick labels are not search text.
    if page.file.src_uri.endswith(".ipynb"):
        return DATA_IMG_RE.sub(_inline_data, output)
    _problems.clear()
    output = IMG_TAG_RE.sub(_inline, output)
    for problem in _problems:
        log.warning(f"docs/{page.file.src_uri}: {problem}")
    return output
