"""What crosses the pipe between the build and a snippet worker: one job in, one result out,
each a JSON line."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from snippet_confinement import Limits


@dataclass(frozen=True)
class Job:
    name: str
    """What the snippet is called in the cache and the report: "snippets/<chapter>/<topic>.py",
    or "docs/en/index.md:42" for a block written in a page."""
    source: str
    """The exact text that runs (read once, by the build)."""
    shown: str
    """The file that messages name (the page, for a block written in a page)."""
    file_name: str
    """The name the snippet runs under (its own file name, or "page_block.py")."""
    timeout: float
    """Seconds it may run before it is killed (SNIPPET_TIMEOUT)."""
    line_offset: int = 0
    """For a page block: the page's line before the block's first line (messages name page lines)."""
    network: bool = False
    """It may reach the network: it says so in a line of its own (snippet_worker.NETWORK_MARK)."""
    memory_mb: int = Limits.memory_mb
    """Memory it may allocate beyond what its worker imported (SNIPPET_MEMORY_MB)."""
    processes: int = Limits.processes
    """Processes and threads it may run at once (SNIPPET_PROCESSES)."""
    cpu_seconds: int = Limits.cpu_seconds
    """CPU time its process may use (SNIPPET_CPU_SECONDS)."""

    @property
    def limits(self) -> Limits:
        return Limits(memory_mb=self.memory_mb, processes=self.processes, cpu_seconds=self.cpu_seconds)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, line: str) -> Job:
        return cls(**json.loads(line))


@dataclass(frozen=True)
class Result:
    ok: bool
    """It ran without an exception or warning, and printed what its `#> ` lines document."""
    error: str = ""
    """Why not: one message naming the snippet (and its line), or "" when ok."""
    stdout: str = ""
    """What its prints printed, one line per print (when ok)."""
    figure: str | None = None
    """The figure it drew, as the themed SVG the pages show (figure_style.py), or None."""
    expected: str | None = None
    """When the documented output differs: the source as it should read (`--update-examples`)."""
    seconds: float = 0.0
    """How long the snippet itself ran, in its child process."""
    worker: int | None = None
    """The process id of the worker that ran it."""

    @classmethod
    def failure(cls, error: str, **details) -> Result:
        return cls(ok=False, error=error, **details)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, line: str) -> Result:
        return cls(**json.loads(line))
