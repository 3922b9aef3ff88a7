"""MkDocs hook: render the notebook pages (the .ipynb files snippets_hook.py publishes) with
mkdocs-jupyter's converter, once per notebook content.

mkdocs-jupyter's plugin imports nbconvert and jupytext whenever MkDocs loads it, about a second
on every build, even when no notebook changed. Here the rendered HTML, table of contents and
title are kept in `.cache/notebook-html/<hash of the notebook and converter>.json`, and the
converter is imported only on a miss. Each page also gets its .ipynb beside it (the download).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

# The benchmark's SNIPPETS=off builds have notebooks without outputs: kept apart.
CACHE = Path(__file__).resolve().parent.parent / ".cache" / (
    "notebook-html-off" if os.environ.get("SNIPPETS") == "off" else "notebook-html"
)
TOC_DEPTH = 6
_used: set[Path] = set()


def _key(source: Path) -> str:
    digest = hashlib.sha256(source.read_bytes())
    digest.update(f"mkdocs-jupyter {metadata.version('mkdocs-jupyter')}".encode())
    digest.update(f"nbconvert {metadata.version('nbconvert')}".encode())
    return digest.hexdigest()[:24]


def _render(source: Path) -> dict:
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    content = convert.nb2html(str(source), execute=False, theme="", allow_errors=True)
    toc_tokens, title = _get_nb_toc_tokens(str(source), TOC_DEPTH)
    return {"content": content, "toc_tokens": toc_tokens, "title": title}


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


@event_priority(-100)
def on_pre_page(page, config, files):
    if not is_notebook(page):
        return page
    source = Path(page.file.abs_src_path)
    cached = CACHE / f"{_key(source)}.json"
    _used.add(cached)

    def render(self, config, files):
        try:
            rendered = json.loads(cached.read_text(encoding="utf-8"))
            content, toc_tokens = rendered["content"], rendered["toc_tokens"]
        except (OSError, ValueError, KeyError):
            rendered = _render(source)
            CACHE.mkdir(parents=True, exist_ok=True)
            staging = cached.with_suffix(".tmp")
            staging.write_text(json.dumps(rendered), encoding="utf-8")
            staging.replace(cached)
            content, toc_tokens = rendered["content"], rendered["toc_tokens"]
        self.content = content
        self.toc = get_toc(toc_tokens)
        if rendered.get("title"):
            self.title = rendered["title"]

    page.render = render.__get__(page, Page)
    return page


def on_post_page(output, page, config):
    if is_notebook(page):
        target = Path(page.file.abs_dest_path).parent / Path(page.file.abs_src_path).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page.file.abs_src_path, target)
    return output


@event_priority(-300)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if CACHE.is_dir() and _used:
        for stale in set(CACHE.glob("*.json")) - _used:
            stale.unlink()
    _used.clear()
