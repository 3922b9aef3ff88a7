"""MkDocs hook: what keyboard and screen-reader users need that the theme's HTML leaves out.

1. Every region that can scroll sideways can be reached with the keyboard (Tab), so that it can
   be scrolled with the arrow keys: the code cells of the notebook pages (their
   `.highlight-ipynb` box scrolls; it is named "Code" in the page's language) and tables
   (material wraps them in a scrolling box when the page is shown; the table inside is the
   focusable content of that box), and displayed formulas (site.css lets a wide one scroll
   within its own box on a phone). Notebook outputs are focusable already, and material's own
   script gives every code block of the chapters (`pre > code`) that overflows `tabindex="0"`.
2. Material's search dialog (`role="dialog"`) gets a name: the theme's own word for "Search"
   in the page's language, the one its search options already carry.

The colours (contrast) are in docs/assets/stylesheets/site.css; tests/browser/test_accessibility.py
runs axe-core on every page in both colour schemes.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority, get_plugin_logger

import priorities

log = get_plugin_logger("accessibility")

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME_RE = re.compile(r'<nav class="md-search__options" aria-label="([^"]+)">')
NOTEBOOK_CODE_RE = re.compile(r'<div class="highlight-ipynb\b(?![^>]*\btabindex=)')
TABLE_RE = re.compile(r"<table(?=[\s>])(?![^>]*\btabindex=)")
BLOCK_MATH_RE = re.compile(r'<math\b(?=[^>]*\bdisplay="block")(?![^>]*\btabindex=)')
HTML_LANG_RE = re.compile(r'<html\b[^>]*\blang="([\w-]+)"')
CODE_NAME = {"zh": "代码", "en": "Code"}


def _code_name(output: str) -> str:
    match = HTML_LANG_RE.search(output)
    lang = (match[1] if match else "en").split("-")[0]
    return CODE_NAME.get(lang, CODE_NAME["en"])


def make_accessible(output: str, where: str) -> str:
    if SEARCH_DIALOG in output:
        name = SEARCH_NAME_RE.search(output)
        if name is None:
            log.warning("%s: the search dialog's name was not found", where)
        else:
            output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{name[1]}">', 1)
    elif 'class="md-search"' in output:
        log.warning("%s: material's search dialog changed; it gets no name", where)
    output = NOTEBOOK_CODE_RE.sub(
        f'<div role="group" aria-label="{_code_name(output)}" tabindex="0" class="highlight-ipynb', output
    )
    output = BLOCK_MATH_RE.sub('<math tabindex="0"', output)
    return TABLE_RE.sub('<table tabindex="0"', output)


def on_post_page(output, page, config):
    return make_accessible(output, page.file.src_uri)


@event_priority(priorities.ACCESSIBLE_404)
def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    return make_accessible(output, template_name)
