"""What a build computed, kept for the next build: one JSON file of text results by key.

Used by mathml.py (formulas) and render_cache.py (highlighted code, search entries). The file
is read on first use; a file written for another `version` (another package version, other
code) is ignored. At the end of the build only the entries this build used are saved,
atomically, so results no page needs any more do not pile up.
"""

from __future__ import annotations

import json
from pathlib import Path

from layout import write_atomically


class JsonMemo:
    def __init__(self, path: Path, version: str) -> None:
        self.path, self.version = path, version
        self.saved: dict[str, str] | None = None  # read from the file, on first use
        self.used: dict[str, str] = {}  # what this build asked for or made

    def get(self, key: str) -> str | None:
        if self.saved is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.saved = data["entries"] if data["version"] == self.version else {}
            except (OSError, ValueError, KeyError, TypeError):
                self.saved = {}
        value = self.saved.get(key)
        return value if isinstance(value, str) else None

    def put(self, key: str, value: str) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write what this build used (when it differs from the file) and start afresh."""
        if self.used and self.used != self.saved:
            write_atomically(self.path, json.dumps({"version": self.version, "entries": self.used}))
        self.saved, self.used = None, {}
