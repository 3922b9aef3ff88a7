"""Figures that follow the page's colour scheme, drawn once.

The snippets are plain matplotlib programs. The runner draws them with `STYLE` (text kept as
text, transparent background) and passes each saved SVG through `theme_svg`, which swaps
matplotlib's default colours (black, white, grey, the tab10 cycle) for CSS custom properties
that docs/assets/stylesheets/figures.css defines for each palette, and makes every id unique to
the figure. As an MkDocs hook, this module then puts each figure's SVG into the page in place of
its `<img>`, since an SVG loaded through `<img>` cannot see the page's CSS. The notebooks embed
the same SVG as their figure outputs.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

# Applied by the runner while a snippet runs (matplotlib rcParams).
STYLE = {
    "svg.fonttype": "none",  # text stays text, in the page's font
    "svg.hashsalt": "snippet",  # stable ids: builds are byte-identical
    "font.family": "sans-serif",
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "legend.facecolor": "white",  # becomes the page background, over the lines it covers
}

# matplotlib's colour -> (CSS custom property, fallback for the SVG seen on its own).
COLORS = {
    "#000000": "--fig-fg",
    "#ffffff": "--fig-bg",
    "#808080": "--fig-muted",  # "gray"
    "#b0b0b0": "--fig-grid",  # grid.color
    "#cccccc": "--fig-edge",  # legend.edgecolor
    **{
        color: f"--fig-c{number}"  # the default cycle, "C0" ... "C9"
        for number, color in enumerate(
            ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
             "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        )
    },
}
TEXT_FONT = "var(--md-text-font-family, sans-serif)"
CLASS = "mpl-figure"

HEX_RE = re.compile(r"#[0-9a-f]{6}\b")
ATTR_COLOR_RE = re.compile(r' (fill|stroke)="(#[0-9a-f]{6})"')
FONT_LIST_RE = re.compile(r"font-family: 'DejaVu Sans'(?:, [^;\"]+)?(?=[;\"])")
ID_RE = re.compile(r'\bid="([^"]+)"')


class UnthemedColor(ValueError):
    pass


def _var(match: re.Match) -> str:
    color = match[0]
    if color not in COLORS:
        raise UnthemedColor(
            f"colour {color} does not follow the page's colour scheme; use black, white, gray "
            "or C0...C9"
        )
    return f"var({COLORS[color]}, {color})"


def theme_svg(svg: str, name: str) -> str:
    """matplotlib's SVG for figure `name` -> an SVG element to inline in a page or notebook."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    # Presentation attributes cannot hold var(): make them style properties.
    svg = ATTR_COLOR_RE.sub(r' style="\1: \2"', svg)
    svg = re.sub(r'style="([^"]*)"', lambda m: 'style="' + HEX_RE.sub(_var, m[1]) + '"', svg)
    left = HEX_RE.search(re.sub(r"var\([^)]*\)", "", svg))
    if left:
        raise UnthemedColor(f"{name}: colour left outside a style: {left[0]}")
    # Plain text in the page's font; mathtext keeps the font its glyph positions were laid out in.
    svg = FONT_LIST_RE.sub(
        lambda m: f"font-family: {TEXT_FONT}" if "," in m[0] else f"{m[0]}, {TEXT_FONT}", svg
    )
    # Ids (clip paths, markers, hatches) unique to this figure, so figures can share a page.
    prefix = f"{name}-"
    svg = ID_RE.sub(lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = svg.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
    return svg.replace("<svg ", f'<svg class="{CLASS}" ', 1).rstrip() + "\n"


def label_svg(svg: str, label: str) -> str:
    """Give a themed SVG its accessible name (the figure's alt text)."""
    label = html.escape(html.unescape(label), quote=True)
    head_end = svg.index(">", svg.index("<svg")) + 1
    head = svg[:head_end].replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return f"{head}\n <title>{label}</title>{svg[head_end:]}"


# --------------------------------------------------------------------------------------------
# MkDocs hook: inline each page's figures
# --------------------------------------------------------------------------------------------

# Any <img> whose src is a figure, whatever form the page used (Markdown image, titled image,
# reference-style image, raw HTML).
IMG_TAG_RE = re.compile(r"<img\b[^>]*>")
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
FIGURE_SRC_RE = re.compile(r"(?:\./|/)?(?:\.\./)*(?P<uri>figures/[\w/-]+\.svg)")
_figure_files: dict[str, str] = {}  # "figures/<chapter>/<name>.svg" -> its source file
_problems: list[str] = []  # this page's figures that could not be inlined


def _on_files(files, config):
    for file in files:
        if file.src_uri.startswith("figures/") and file.src_uri.endswith(".svg"):
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
    return svg.rstrip() if svg.startswith('<svg role="img"') and CLASS in svg[:500] else match[0]


def on_post_page(output, page, config):
    # After the search index is made: the figures' tick labels are not search text.
    if page.file.src_uri.endswith(".ipynb"):
        return DATA_IMG_RE.sub(_inline_data, output)
    _problems.clear()
    output = IMG_TAG_RE.sub(_inline, output)
    for problem in _problems:
        log.warning(f"docs/{page.file.src_uri}: {problem}")
    return output


try:
    from mkdocs.plugins import event_priority, get_plugin_logger
except ImportError:  # the snippet worker only needs the functions above
    pass
else:
    log = get_plugin_logger("figures")
    # After snippets_hook.py has added the figures (priority -200).
    on_files = event_priority(-300)(_on_files)
