"""The build's settings, read from the environment once per build (`read`, at the first
`on_config`) into one object that the hooks ask for (`current`).

- `SNIPPET_TIMEOUT`: seconds a snippet may run (default 300).
- `SNIPPET_WORKERS`: worker processes that run snippets, and processes that render notebooks
  ahead (default: the usable cores).
- `SNIPPETS=off`: nothing is looked up or run (the benchmark's baseline): no outputs, no
  figures; what it makes is kept apart from the real thing in `.cache/`.
- `SNIPPET_MEMORY_MB`, `SNIPPET_PROCESSES`, `SNIPPET_CPU_SECONDS`: each snippet's limits
  (snippet_confinement.Limits has the defaults).
- `SNIPPET_SANDBOX_WITHOUT`: sandbox mechanisms not to use, comma-separated (`namespaces`,
  `landlock`, `nobody`): to see what the build does on a machine that lacks them.
- `BUILD_CACHE=cold`: the build first empties what builds keep in `.cache/`, so it uses no
  stored result: every snippet runs, every page and notebook is rendered anew (the Pages
  workflow builds what it publishes this way). What it makes is kept for the next build.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from layout import CACHE
from snippet_confinement import MECHANISMS, Limits

DEFAULT_TIMEOUT = 300.0


class ConfigError(ValueError):
    """A setting (environment variable) that can't be used."""


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _cold(env: Mapping[str, str]) -> bool:
    value = env.get("BUILD_CACHE", "")
    if value not in ("", "cold"):
        raise ConfigError(f"BUILD_CACHE must be 'cold' (or not set), not {value!r}")
    return value == "cold"


def _positive(env: Mapping[str, str], name: str, default: float, kind=float) -> float:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        number = kind(value)
    except ValueError:
        number = 0
    if number <= 0:
        what = "whole number" if kind is int else "number of seconds"
        raise ConfigError(f"{name} must be a positive {what}, not {value!r}")
    return number


def _mechanisms(value: str) -> frozenset[str]:
    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(names - set(MECHANISMS))
    if unknown:
        raise ConfigError(f"SNIPPET_SANDBOX_WITHOUT names {', '.join(unknown)}; it takes {', '.join(MECHANISMS)}")
    return names


@dataclass(frozen=True)
class Settings:
    timeout: float = DEFAULT_TIMEOUT  # SNIPPET_TIMEOUT
    workers: int = 1  # SNIPPET_WORKERS
    execute: bool = True  # False with SNIPPETS=off
    cold: bool = False  # BUILD_CACHE=cold
    cache: Path = CACHE  # the root of everything kept between builds
    limits: Limits = Limits()  # SNIPPET_MEMORY_MB, SNIPPET_PROCESSES, SNIPPET_CPU_SECONDS
    sandbox_without: frozenset[str] = frozenset()  # SNIPPET_SANDBOX_WITHOUT

    @classmethod
    def from_environ(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Raises ConfigError, naming the variable, for a value that can't work."""
        return cls(
            timeout=_positive(env, "SNIPPET_TIMEOUT", DEFAULT_TIMEOUT),
            workers=int(_positive(env, "SNIPPET_WORKERS", usable_cores(), int)),
            execute=env.get("SNIPPETS") != "off",
            cold=_cold(env),
            limits=Limits(
                memory_mb=int(_positive(env, "SNIPPET_MEMORY_MB", Limits.memory_mb, int)),
                processes=int(_positive(env, "SNIPPET_PROCESSES", Limits.processes, int)),
                cpu_seconds=int(_positive(env, "SNIPPET_CPU_SECONDS", Limits.cpu_seconds, int)),
            ),
            sandbox_without=_mechanisms(env.get("SNIPPET_SANDBOX_WITHOUT", "")),
        )

    def cache_dir(self, name: str) -> Path:
        """A folder of `.cache/`; the SNIPPETS=off builds' own copy of it (`<name>-off`) for
        what depends on the outputs."""
        return self.cache / (name if self.execute else f"{name}-off")


_current: Settings | None = None


def read() -> Settings:
    """Read the environment (once per build: the first hook's on_config calls this)."""
    global _current
    _current = Settings.from_environ()
    return _current


def current() -> Settings:
    """This build's settings (read now if no hook read them yet, as when a module is used alone)."""
    return _current if _current is not None else read()
