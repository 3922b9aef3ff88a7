"""What a build did, in a file: `.cache/build-report.json`, written at the end of every build.

Per snippet: its name, the hash of the text that ran, its runtime, whether it came from the
cache, ran or failed, its seconds, the worker process that ran it, the pages that show it, what
it printed, its figure (and the figure's hash) and its error. Per page: its snippets, figures and notebook. Then every warning
the build logged. The tests read it instead of the log, and `make drift` compares two of them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
from importlib import metadata
from pathlib import Path

from layout import snippet_figure, write_atomically

FORMAT = 1
PACKAGES = ("tensorflow", "keras", "tf-keras", "jax", "numpy", "matplotlib", "mkdocs", "mkdocs-material")
FILE_NAME = "build-report.json"


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_warnings = _Warnings()


def start() -> None:
    """Record every warning from now on (MkDocs' loggers and every hook's)."""
    logger = logging.getLogger("mkdocs")
    logger.removeHandler(_warnings)
    _warnings.messages = []
    logger.addHandler(_warnings)


def _runtime(name: str) -> str:
    if name in ("python", "none"):
        return {"python": "plain", "none": "none"}[name]
    if "KERAS_BACKEND=" in name:
        return name.split("KERAS_BACKEND=", 1)[1].split(",")[0]
    return "tf-keras" if "TF_USE_LEGACY_KERAS" in name else "tensorflow"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def write(path: Path, snippets: list, page_figures: dict[str, list[str]], notebooks: dict[str, str], execute: bool,
          sandbox: list[dict] = ()) -> None:
    """Write the report of the build that just ended, and stop recording warnings."""
    logging.getLogger("mkdocs").removeHandler(_warnings)
    entries = []
    for snippet in sorted(snippets, key=lambda s: s.name):
        figure = None
        if snippet.figure is not None and snippet.path is not None:
            figure = snippet_figure(snippet.name)
        entries.append(
            {
                "name": snippet.name,
                "source_sha256": hashlib.sha256(snippet.source.encode("utf-8")).hexdigest(),
                "runtime": _runtime(snippet.runtime),
                "outcome": snippet.outcome,
                "seconds": snippet.seconds,
                "worker": snippet.worker,
                "pages": sorted(snippet.pages),
                "stdout": snippet.stdout if snippet.ok else "",
                "figure": figure,
                "figure_sha256": hashlib.sha256(snippet.figure.read_bytes()).hexdigest() if figure else None,
                "error": snippet.error,
            }
        )
    pages = {}
    for page in sorted(set(page_figures) | {p for s in snippets for p in s.pages}):
        pages[page] = {
            "snippets": sorted(s.name for s in snippets if page in s.pages),
            "figures": page_figures.get(page, []),
            "notebook": notebooks.get(page),
        }
    report = {
        "format": FORMAT,
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "snippets_off": not execute,
        "sandbox": list(sandbox),  # what the sandboxes of the workers that ran snippets had
        "snippets": entries,
        "pages": pages,
        "warnings": list(_warnings.messages),
    }
    write_atomically(path, json.dumps(report, indent=1, ensure_ascii=False) + "\n")


def read(cache: Path) -> dict:
    return json.loads((cache / FILE_NAME).read_text(encoding="utf-8"))
