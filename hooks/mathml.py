"""MkDocs hook: turn the LaTeX that pymdownx.arithmatex marks up into MathML at build time.

Browsers render MathML natively, so formulas need no JavaScript and no CDN, and read the same
offline. arithmatex (`generic: true`) wraps inline math as `<span class="arithmatex">\\(…\\)</span>`
and display math as `<div class="arithmatex">\\[…\\]</div>`; this swaps each for `<math>`.
"""

import html
import re

from latex2mathml.converter import convert

MATH_RE = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>',
    re.S,
)


def to_mathml(match: re.Match) -> str:
    tex = html.unescape(match["tex"]).strip()
    display = "block" if match["open"] == "[" else "inline"
    mathml = convert(tex, display=display)
    # Keep the source as an annotation-free alt text for screen readers and search.
    return mathml.replace("<math ", f'<math alttext="{html.escape(tex)}" ', 1)


def on_page_content(html_text, page, config, files):
    return MATH_RE.sub(to_mathml, html_text)
