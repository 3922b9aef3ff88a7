"""MkDocs hook: two places where mkdocs-static-i18n and mkdocs-material disagree.

1. One 404 page per language. Every language's build writes the theme's 404.html to the site
   root, so the last language would win. The default language keeps the root 404.html (the one
   a host such as GitHub Pages serves); each other language gets <lang>/404.html. Its language
   switcher leads to each language's home page (mkdocs-static-i18n left it pointing at whichever
   page was rendered last).
2. No `<link rel="alternate" hreflang>` in the page head. Material expects those links to point
   at each language's root and fetches `sitemap.xml` beside them; mkdocs-static-i18n points them
   at the translated page, so every page load requested `<page>/sitemap.xml` and got a 404. The
   language switcher's own links (from mkdocs-static-i18n) already lead to the same page in the
   other language, and sitemap.xml still lists every page's alternates for search engines.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

HEAD_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SWITCHER_LINK_RE = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>[\w-]+)" class="md-select__link"')

_default_404 = ""


def on_post_page(output, page, config):
    return HEAD_ALTERNATE_RE.sub("", output)


def on_post_template(output, template_name, config):
    global _default_404
    if template_name != "404.html":
        return output
    output = HEAD_ALTERNATE_RE.sub("", output)
    i18n = config.plugins["i18n"]
    root = urlsplit(config.site_url or "/").path or "/"

    def home(match):
        lang = match["lang"]
        href = root if lang == i18n.default_language else f"{root}{lang}/"
        return f'<a href="{href}" hreflang="{lang}" class="md-select__link"'

    output = SWITCHER_LINK_RE.sub(home, output)
    if i18n.current_language == i18n.default_language:
        _default_404 = output
        return output
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _default_404 or output
