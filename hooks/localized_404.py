"""MkDocs hook: one 404 page per language.

mkdocs-static-i18n builds each language into the same site, and every build writes the theme's
404.html to the site root, so the last language would win. The default language keeps the root
404.html (the one a host such as GitHub Pages serves); each other language gets <lang>/404.html.
"""

from pathlib import Path

_default_404 = ""


def on_post_template(output, template_name, config):
    global _default_404
    if template_name != "404.html":
        return output
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        _default_404 = output
        return output
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _default_404 or output
