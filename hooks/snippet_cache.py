"""The snippet cache: what each snippet printed and drew, by the hash of exactly what ran.

It knows nothing of how snippets run (snippet_pool.py does that); snippet_scheduler.py looks
snippets up here, runs the misses, and stores what a finished run returned.

- The key of a snippet is the hash of the exact text that is executed, its name (which names its
  figure), its runtime (the Keras its text chooses) and the fingerprint of everything else that
  decides what it prints and draws: the Python version, every installed distribution and its
  version (what `requirements.lock` installs), the environment variables that change what Keras,
  TensorFlow, NumPy or matplotlib do, and the code of the worker and of the figure style.
- An entry is `.cache/snippets/<key>/` with `result.json` and the figure; anything unreadable,
  incomplete or not matching its recorded hashes is a miss (and is removed).
- `durations.json` beside the entries: each snippet's seconds in its last run, which orders
  the next cold run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import snippet_worker
from layout import HOOKS, figure_file_name, write_atomically
from snippet_records import Result

DURATIONS = "durations.json"
# Environment variables that can change what a snippet prints or draws.
RESULT_ENV_PREFIXES = ("KERAS_", "TF_", "XLA_", "CUDA_", "OMP_", "MKL_", "MPL", "PYTHON", "LC_")
RESULT_ENV_NAMES = ("LANG", "LANGUAGE", "COLUMNS", "LINES", "TZ", "HOME")
# The code that runs a snippet and draws its figure.
RUNNER_MODULES = ("snippet_worker.py", "snippet_confinement.py", "snippet_records.py", "documented_output.py",
                  "figure_style.py")


def runtime_fingerprint() -> str:
    """What, besides the snippet itself, decides what it prints and draws."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update("\n".join(installed_distributions()).encode())
    env = {**os.environ, **snippet_worker.SNIPPET_ENV}
    relevant = sorted(
        (name, value)
        for name, value in env.items()
        if name.startswith(RESULT_ENV_PREFIXES) or name in RESULT_ENV_NAMES
    )
    digest.update(json.dumps(relevant).encode())
    for module in RUNNER_MODULES:
        digest.update((HOOKS / module).read_bytes())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """Every installed distribution and its version, from the names of the `.dist-info`
    folders on sys.path (what importlib.metadata reads, without parsing each one)."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(name[: -len(".dist-info")] for name in names if name.endswith(".dist-info"))
    return sorted(found)


def runtime_name(source: str) -> str:
    """The runtime a snippet's text chooses (snippet_worker.runtime_of), "none" if it can't run."""
    try:
        return snippet_worker.runtime_of(source).name
    except snippet_worker.RuntimeChoiceError:
        return "none"  # never cached: it fails


def cache_key(name: str, source: str, fingerprint: str) -> str:
    """The entry of this exact text, run under its runtime with this fingerprint."""
    digest = hashlib.sha256()
    for part in (name, source, runtime_name(source), fingerprint):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A finished run, as the cache keeps it."""

    stdout: str
    figure: Path | None  # the themed SVG, in the entry
    seconds: float


class SnippetCache:
    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = folder
        self.fingerprint = fingerprint if fingerprint is not None else runtime_fingerprint()

    def key(self, name: str, source: str) -> str:
        return cache_key(name, source, self.fingerprint)

    def load(self, key: str, source: str) -> Entry | None:
        """The entry of `key`, if it is whole and was made from `source`; else None (and an
        entry that is there but unusable is removed)."""
        entry = self.folder / key
        if not entry.is_dir():
            return None
        try:
            result = json.loads((entry / "result.json").read_text(encoding="utf-8"))
            if result["source_sha256"] != sha256(source.encode("utf-8")):
                raise ValueError("source")
            stdout, seconds = result["stdout"], float(result["seconds"])
            figure = None
            if result["figure"] is not None:
                figure = entry / result["figure"]["file"]
                if sha256(figure.read_bytes()) != result["figure"]["sha256"]:
                    raise ValueError("figure")
            if not isinstance(stdout, str):
                raise ValueError("stdout")
        except (OSError, ValueError, KeyError, TypeError):
            self.remove(key)
            return None
        return Entry(stdout, figure, seconds)

    def store(self, key: str, name: str, source: str, result: Result) -> Entry:
        """Keep a successful run: written whole in a temporary folder, then moved into place."""
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.folder))
        figure = None
        if result.figure is not None:
            file = figure_file_name(name)
            (staging / file).write_text(result.figure, encoding="utf-8")
            figure = {"file": file, "sha256": sha256(result.figure.encode("utf-8"))}
        record = {
            "name": name,
            "source_sha256": sha256(source.encode("utf-8")),
            "stdout": result.stdout,
            "figure": figure,
            "seconds": result.seconds,
        }
        (staging / "result.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
        final = self.folder / key
        shutil.rmtree(final, ignore_errors=True)
        try:
            staging.rename(final)
        except OSError:  # another build stored it meanwhile
            shutil.rmtree(staging, ignore_errors=True)
        return Entry(result.stdout, final / figure["file"] if figure else None, result.seconds)

    def remove(self, key: str) -> None:
        shutil.rmtree(self.folder / key, ignore_errors=True)

    def durations(self) -> dict[str, float]:
        try:
            durations = json.loads((self.folder / DURATIONS).read_text(encoding="utf-8"))
            return {str(k): float(v) for k, v in durations.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return {}

    def save_durations(self, durations: dict[str, float]) -> None:
        write_atomically(self.folder / DURATIONS, json.dumps(dict(sorted(durations.items())), indent=1))
