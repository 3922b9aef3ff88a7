"""Where things are, and the conventions every module shares (one home for each).

- The project's folders, and `.cache/`, where everything a build computed is kept (and what
  else is kept there: `empty_build_caches`).
- The naming rule of figures: `figures/<chapter>/<name>.svg` is drawn by
  `snippets/<chapter>/<name>.py`, and a snippet's figure file in its cache entry is `<name>.svg`.
- How a file is written so that a reader never sees half of it (`write_atomically`).
- How a cache says which code and packages made its entries (`version_key`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from importlib import metadata
from pathlib import Path, PurePosixPath

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent
CACHE = ROOT / ".cache"
# What `.cache/` holds that no build made: `make lock`'s uv, `make drift`'s venvs and reports.
NOT_BUILT = ("uv", "drift")
SNIPPETS_DIR = "snippets"
FIGURES_DIR = "figures"

# A figure, wherever a page names it (Markdown image, reference definition, <img src>, <a href>).
FIGURE_RE = re.compile(rf"(?<![\w-]){FIGURES_DIR}/(?P<path>[\w/-]+)\.svg")


def figure_snippet(figure: str) -> str:
    """figures/<chapter>/<name>.svg -> snippets/<chapter>/<name>.py"""
    return f"{SNIPPETS_DIR}/{FIGURE_RE.fullmatch(figure)['path']}.py"


def snippet_figure(snippet: str) -> str:
    """snippets/<chapter>/<name>.py -> figures/<chapter>/<name>.svg"""
    return f"{FIGURES_DIR}/{PurePosixPath(snippet).relative_to(SNIPPETS_DIR).with_suffix('.svg')}"


def figure_file_name(snippet: str) -> str:
    """The file a snippet's figure has in its cache entry and in its notebook: `<name>.svg`."""
    return f"{PurePosixPath(snippet).stem}.svg"


def empty_build_caches(cache: Path = CACHE) -> None:
    """Remove everything builds keep in `cache` (all of it but NOT_BUILT): snippet results,
    notebooks and their renderings, highlighted code, formulas, search entries, compiled
    templates, the build report. The build that follows uses no stored result (BUILD_CACHE=cold)."""
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.name in NOT_BUILT:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write `path` whole or not at all: into a file of this process beside it, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, bytes):
        staging.write_bytes(data)
    else:
        staging.write_text(data, encoding="utf-8")
    staging.replace(path)


def version_key(packages: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> str:
    """What a cache's entries depend on besides their own inputs: the versions of `packages` and
    the code of the hook `modules` (file names in hooks/). An entry made under another key is unused."""
    digest = hashlib.sha256()
    for name in packages:
        digest.update(f"{name} {metadata.version(name)}\n".encode())
    for module in modules:
        digest.update((HOOKS / module).read_bytes())
    return digest.hexdigest()
