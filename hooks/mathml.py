"""MkDocs hook: render every formula as MathML at build time, so pages need no JavaScript and
no CDN for math, and read the same offline.

- Markdown pages: pymdownx.arithmatex (`generic: true`) wraps inline math as
  `<span class="arithmatex">\\(…\\)</span>` and display math as `<div class="arithmatex">\\[…\\]</div>`.
- Notebook pages (mkdocs-jupyter): Markdown cells keep `$…$` / `$$…$$` for MathJax, and the
  template loads MathJax (and, when a cell has a diagram, mermaid) from a CDN. Those loaders are
  removed and the `$` math is converted too. Converted formulas are kept in `.cache/mathml.json`.
"""

import html
import re

from latex2mathml.converter import convert
from mkdocs.plugins import event_priority

import priorities
from json_memo import JsonMemo
from layout import CACHE, version_key

# Formulas converted before, by display mode and source: a warm build converts none.
MEMO = CACHE / "mathml.json"
VERSION = version_key(("latex2mathml",), ("mathml.py",))

ARITHMATEX_RE = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>', re.S
)
MARKDOWN_CELL_RE = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^>]*>)(.*?)(</div>)', re.S)
DOLLAR_RE = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$\n]*?[^$\s])?)\$", re.S)
CDN_LOADERS_RE = re.compile(
    r'<script src="[^"]*"> </script>\s*<!-- MathJax configuration -->\s*'
    r'<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>',
    re.S,
)


FORMULAS = JsonMemo(MEMO, VERSION)
SEARCH_TEXT_MAX = 10  # characters of an inline formula that search keeps
STRUCTURE_RE = re.compile(r"<m(?:sub|sup|subsup|over|under|underover|frac|sqrt|root|table)\b")


def to_mathml(tex: str, display: str) -> str:
    tex = html.unescape(tex).strip()
    key = f"{display}\0{tex}"
    mathml = FORMULAS.get(key)
    if mathml is None:
        mathml = convert(tex, display=display)
        # The source as alt text, for screen readers and for copying. Material's search keeps
        # a short flat inline formula (`n`, `p = 0.9`) and leaves any other out of its index:
        # flattened, it would read `y^n,c=ezn,c∑k=1C…` or `y^n,yn`.
        text = re.sub(r"<[^>]+>", "", mathml)
        flat = not STRUCTURE_RE.search(mathml)  # no sub- or superscripts, fractions, roots, tables
        keep = display != "block" and flat and len(html.unescape(text)) <= SEARCH_TEXT_MAX
        exclude = "" if keep else "data-search-exclude "
        mathml = mathml.replace("<math ", f'<math {exclude}alttext="{html.escape(tex)}" ', 1)
    FORMULAS.put(key, mathml)
    return mathml


def arithmatex(match: re.Match) -> str:
    return to_mathml(match["tex"], "block" if match["open"] == "[" else "inline")


def dollar_math(match: re.Match) -> str:
    if match["block"] is not None:
        return to_mathml(match["block"], "block")
    return to_mathml(match["inline"], "inline")


def notebook_cell(match: re.Match) -> str:
    body = DOLLAR_RE.sub(dollar_math, match[2])
    # A display formula alone in a paragraph: drop the paragraph around the block <math>.
    body = re.sub(r'<p>\s*(<math[^>]*display="block".*?</math>)\s*</p>', r"\1", body, flags=re.S)
    return match[1] + body + match[3]


def on_page_content(html_text, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        html_text = CDN_LOADERS_RE.sub("", html_text)
        return MARKDOWN_CELL_RE.sub(notebook_cell, html_text)
    return ARITHMATEX_RE.sub(arithmatex, html_text)


@event_priority(priorities.SAVE_CACHES)
def on_post_build(config):
    """Keep the formulas this build used, in every language (see render_cache.on_post_build)."""
    FORMULAS.save()
