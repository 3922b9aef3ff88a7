"""A build's run of its snippets: look each one up in the cache, run the misses on the pool,
store what finished (snippet_cache.py, snippet_pool.py; jupyter-cache's `run_and_cache`).

- Misses run in up to `SNIPPET_WORKERS` worker processes (default: the usable cores), longest
  first by the durations of the last run, so a long training snippet starts early.
- After a run, the file is read again: if it changed meanwhile, the result is not cached and
  the snippet fails (the page would otherwise show code that never ran).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import snippet_pool
import snippet_worker
from settings import Settings
from snippet_confinement import Limits
from snippet_cache import Entry, SnippetCache, runtime_name
from snippet_records import Job, Result

# What became of a snippet in this build.
CACHED, RAN, FAILED, NOT_RUN = "cached", "ran", "failed", "not run"


@dataclass
class Snippet:
    """One program the pages show: a file under snippets/, or a block written in a page."""

    name: str  # "snippets/loss_functions/huber.py", or "docs/en/index.md:42" for a page block
    source: str  # the exact text that runs (read once)
    path: Path | None = None  # the file, for a snippet file
    shown: str = ""  # the file its messages name
    line_offset: int = 0  # page blocks: the page line before the block's first line
    pages: list[str] = field(default_factory=list)  # docs-relative pages that use it
    key: str = ""  # its cache entry
    outcome: str = ""  # CACHED, RAN, FAILED, NOT_RUN (SNIPPETS=off)
    error: str = ""  # why it failed
    stdout: str = ""
    figure: Path | None = None  # the SVG it drew, in the cache
    seconds: float = 0.0
    worker: int | None = None  # the process that ran it, in this build

    @property
    def ok(self) -> bool:
        """Nothing to report (also when nothing ran: SNIPPETS=off)."""
        return self.outcome in (CACHED, RAN, NOT_RUN)

    @property
    def file_name(self) -> str:
        return self.path.name if self.path else "page_block.py"

    @property
    def runtime(self) -> str:
        return runtime_name(self.source)

    def finish(self, outcome: str, entry: Entry) -> None:
        self.outcome, self.error = outcome, ""
        self.stdout, self.figure, self.seconds = entry.stdout, entry.figure, entry.seconds

    def fail(self, error: str) -> None:
        self.outcome, self.error = FAILED, error


@dataclass
class Report:
    executed: list[Snippet] = field(default_factory=list)
    cached: list[Snippet] = field(default_factory=list)
    confinement: list[dict] = field(default_factory=list)  # each kind of sandbox the workers had

    def slowest(self, count: int = 3) -> list[Snippet]:
        return sorted(self.executed, key=lambda s: -s.seconds)[:count]


def job_for(snippet: Snippet, timeout: float, limits: Limits = Limits()) -> Job:
    return Job(
        name=snippet.name,
        source=snippet.source,
        shown=snippet.shown or snippet.name,
        file_name=snippet.file_name,
        timeout=timeout,
        line_offset=snippet.line_offset,
        network=snippet_worker.needs_network(snippet.source),
        memory_mb=limits.memory_mb,
        processes=limits.processes,
        cpu_seconds=limits.cpu_seconds,
    )


def look_up(snippet: Snippet, cache: SnippetCache) -> bool:
    """Give the snippet its cache key and its result from its entry, if it has a usable one
    (the build, and pytest's example tests, look snippets up this way)."""
    snippet.key = cache.key(snippet.name, snippet.source)
    entry = cache.load(snippet.key, snippet.source)
    if entry is not None:
        snippet.finish(CACHED, entry)
    return entry is not None


def run_order(snippet: Snippet, durations: dict[str, float]) -> tuple:
    """Longest first, so that no worker is left alone with a long snippet at the end: by the
    seconds it took last time. A snippet never timed before (a cold build) comes first, since it
    may be long; among those, the ones that train a model (`.fit(`), then those that take
    gradients or draw, which is where the time goes."""
    if snippet.name in durations:
        return (1, -durations[snippet.name], snippet.name)
    source = snippet.source
    guess = 4 * source.count(".fit(") + ("GradientTape" in source) + ("plt." in source)
    return (0, -guess, snippet.name)


def run_snippets(snippets: list[Snippet], settings: Settings, cache: SnippetCache | None = None, before_run=None) -> Report:
    """Fill in every snippet's outcome, from the cache or by running it (`before_run()` is
    called first if anything runs)."""
    cache = cache or SnippetCache(settings.cache_dir("snippets"))
    report = Report()
    todo = []
    for snippet in snippets:
        if look_up(snippet, cache):
            report.cached.append(snippet)
        else:
            todo.append(snippet)
    if not todo:
        return report
    if before_run is not None:
        before_run()

    durations = cache.durations()
    todo.sort(key=lambda s: run_order(s, durations))
    lock = threading.Lock()

    def finished(index: int, result: Result) -> None:
        snippet = todo[index]
        with lock:
            snippet.worker = result.worker
            if not result.ok:
                snippet.fail(result.error)
                snippet.seconds = result.seconds
            elif not holds_what_ran(snippet):
                snippet.fail(
                    f"{snippet.name}: the file changed while the build ran it; "
                    "nothing was cached, build again"
                )
                snippet.seconds = result.seconds
            else:
                snippet.finish(RAN, cache.store(snippet.key, snippet.name, snippet.source, result))
            report.executed.append(snippet)

    jobs = [job_for(s, settings.timeout, settings.limits) for s in todo]
    report.confinement = snippet_pool.run_all(jobs, settings.workers, finished, settings.sandbox_without)

    durations.update({s.name: s.seconds for s in report.executed if s.seconds})
    cache.save_durations(durations)
    return report


def holds_what_ran(snippet: Snippet) -> bool:
    """Whether the snippet's file still holds the text that was read (and run); page blocks
    have no file of their own and always do."""
    if snippet.path is None:
        return True
    now = snippet.path.read_bytes() if snippet.path.is_file() else b""
    return now == snippet.source.encode("utf-8")


def changed_since_run(snippets: list[Snippet], cache: SnippetCache) -> list[Snippet]:
    """The snippet files that changed since they were run (or loaded); their entries are
    removed, so the next build runs them."""
    changed = []
    for snippet in snippets:
        if not holds_what_ran(snippet):
            changed.append(snippet)
            if snippet.key:
                cache.remove(snippet.key)
    return changed
