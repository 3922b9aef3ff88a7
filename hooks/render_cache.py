"""MkDocs hook: keep what rendering produced, so a rebuild only renders what changed.

- Highlighted code: pymdownx.highlight's result for the same code, language and options is
  reused (`.cache/highlight.json`; about a hundred blocks per language, each through Pygments).
- Search entries: material's search plugin parses every page's HTML (thousands of highlighted
  code tokens) and segments its Chinese text with jieba, on every build, for about half the time
  of a rebuild under `make serve`. The entries it made for the same page (content, address,
  title, table of contents, front matter) with the same plugin settings are reused
  (`.cache/search.json`).
- Compiled templates: jinja2 compiles the theme's templates anew for every language of every
  build; a bytecode cache keeps them in `.cache/jinja/`.

Both are keyed on everything their output depends on (the code and every option; the template
source), and dropped when a package version they depend on changes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority
from material.plugins.search import plugin as search
from pymdownx import highlight

import priorities
from json_memo import JsonMemo
from layout import CACHE, version_key, write_atomically

HIGHLIGHT_FILE = CACHE / "highlight.json"
VERSION = version_key(("pygments", "pymdown-extensions", "jinja2", "mkdocs-material"), ("render_cache.py",))


HIGHLIGHTED = JsonMemo(HIGHLIGHT_FILE, VERSION)


def _options(highlighter) -> str:
    simple = (str, int, float, bool, type(None), list, tuple, dict)
    return repr(sorted((k, v) for k, v in vars(highlighter).items() if isinstance(v, simple)))


# `mkdocs serve` loads the hooks again for every rebuild: wrap the original only once.
_original = getattr(highlight.Highlight, "uncached_highlight", highlight.Highlight.highlight)
highlight.Highlight.uncached_highlight = _original


def _highlight(self, src, language, *args, **kwargs):
    key = hashlib.sha256(
        repr((src, language, args, sorted(kwargs.items()), _options(self))).encode()
    ).hexdigest()
    html = HIGHLIGHTED.get(key)
    if html is None:
        html = _original(self, src, language, *args, **kwargs)
    HIGHLIGHTED.put(key, html)
    return html


highlight.Highlight.highlight = _highlight


SEARCH_FILE = CACHE / "search.json"
SEARCH_ENTRIES = JsonMemo(SEARCH_FILE, VERSION)


def _toc(items) -> list:
    return [[item.id, item.url, item.title, item.level, _toc(item.children)] for item in items]


# Wrapped once, as the highlighter is.
_original_add = getattr(search.SearchIndex, "uncached_add_entry_from_context", search.SearchIndex.add_entry_from_context)
search.SearchIndex.uncached_add_entry_from_context = _original_add


def _add_entry_from_context(self, page) -> None:
    inputs = [page.url, page.title, page.content, _toc(page.toc), page.meta, self.config]
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
    entries = SEARCH_ENTRIES.get(key)
    if entries is None:
        before = len(self.entries)
        _original_add(self, page)
        entries = json.dumps(self.entries[before:])
    else:
        self.entries.extend(json.loads(entries))
    SEARCH_ENTRIES.put(key, entries)


search.SearchIndex.add_entry_from_context = _add_entry_from_context


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates by template source, in `.cache/jinja/`."""

    folder = CACHE / "jinja"

    def _path(self, bucket) -> Path:
        return self.folder / f"{hashlib.sha256((VERSION + bucket.key + bucket.checksum).encode()).hexdigest()}.cache"

    def load_bytecode(self, bucket) -> None:
        try:
            bucket.bytecode_from_string(self._path(bucket).read_bytes())
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        write_atomically(self._path(bucket), bucket.bytecode_to_string())


def on_env(env, config, files):
    env.bytecode_cache = _Bytecode()
    return env


@event_priority(priorities.SAVE_CACHES)
def on_post_build(config):
    """Keep what this build highlighted and indexed, in every language (the first build to end
    is the last language's, which mkdocs-static-i18n runs inside the first one's
    on_post_build: it saves; the first language's own end then finds nothing new)."""
    HIGHLIGHTED.save()
    SEARCH_ENTRIES.save()
