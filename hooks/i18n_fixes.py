"""MkDocs hook: two places where mkdocs-static-i18n and mkdocs-material disagree.

1. One 404 page per language. Every language's build writes the theme's 404.html to the site
   root, so the last language would win. The default language keeps the root 404.html (the one
   a host such as GitHub Pages serves); each other language gets <lang>/404.html.
2. No `<link rel="alternate" hreflang>` in the page head. Material expects those links to point
   at each language's root and fetches `sitemap.xml` beside them; mkdocs-static-i18n points them
   at the translated page, so every page load requested `<page>/sitemap.xml` and got a 404. The
   language switcher's own links (from mkdocs-static-i18n) already lead to the same page in the
   other language, and sitemap.xml still lists every page's alternates for search engines.
"""

import re
from pathlib import Path

HEAD_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')

_default_404 = ""


def on_post_page(output, page, config):
    return HEAD_ALTERNATE_RE.sub("", output)


def on_post_template(output, template_name, config):
    global _default_404
    if template_name != "404.html":
        return output
    output = HEAD_ALTERNATE_RE.sub("", output)
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        _default_404 = output
        return output
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _default_404 or output
