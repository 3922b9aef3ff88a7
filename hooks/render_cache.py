"""MkDocs hook: keep what rendering produced, so a rebuild only renders what changed.

- Highlighted code: pymdownx.highlight's result for the same code, language and options is
  reused (`.cache/highlight.json`; about a hundred blocks per language, each through Pygments).
- Compiled templates: jinja2 compiles the theme's templates anew for every language of every
  build; a bytecode cache keeps them in `.cache/jinja/`.

Both are keyed on everything their output depends on (the code and every option; the template
source), and dropped when a package version they depend on changes.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import jinja2
from pymdownx import highlight

from json_memo import JsonMemo

CACHE = Path(__file__).resolve().parent.parent / ".cache"
HIGHLIGHT_FILE = CACHE / "highlight.json"
VERSION = "; ".join(
    f"{name} {metadata.version(name)}" for name in ("pygments", "pymdown-extensions", "jinja2", "mkdocs-material")
) + "; " + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


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
        path = self._path(bucket)
        data = bucket.bytecode_to_string()
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = path.with_suffix(".tmp")
        staging.write_bytes(data)
        staging.replace(path)


def on_env(env, config, files):
    env.bytecode_cache = _Bytecode()
    return env


def on_post_build(config):
    """Keep the blocks this build highlighted (every language, when it is the last one)."""
    HIGHLIGHTED.save()
