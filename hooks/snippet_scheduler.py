"""Look each snippet up in the cache; run the misses in parallel workers; cache what ran.

- The cache key of a snippet is the hash of the exact text that is executed, its name (which
  names its figure), and the runtime: the Python version, every installed distribution and
  its version (what `requirements.lock` installs), the environment variables that change what
  Keras, TensorFlow, NumPy or matplotlib do, and the code of the worker and the figure style.
- An entry is `.cache/snippets/<key>/` with `result.json` and the figure; anything unreadable,
  incomplete or not matching its recorded hashes is a miss (and is removed).
- Misses run in up to `SNIPPET_WORKERS` worker processes (default: the usable cores),
  longest first by the durations of the last run (`.cache/snippets/durations.json`), so a long
  training snippet starts early. The first worker imports TensorFlow (snippet_worker.py) and
  then forks the others as its clones (`Spawner`): a run imports it once.
- After a run, the file is read again: if it changed meanwhile, the result is not cached and
  the snippet fails (the page would otherwise show code that never ran).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import snippet_worker

HOOKS = Path(__file__).resolve().parent
REPO_ROOT = HOOKS.parent
CACHE_DIR = REPO_ROOT / ".cache" / "snippets"
DURATIONS = "durations.json"
DEFAULT_TIMEOUT = 300
# Environment variables that can change what a snippet prints or draws.
RESULT_ENV_PREFIXES = ("KERAS_", "TF_", "XLA_", "CUDA_", "OMP_", "MKL_", "MPL", "PYTHON", "LC_")
RESULT_ENV_NAMES = ("LANG", "LANGUAGE", "COLUMNS", "LINES", "TZ", "HOME")


class ConfigError(ValueError):
    """A setting (environment variable) that can't be used."""


@dataclass
class Snippet:
    """One program the pages show: a file under snippets/, or a block written in a page."""

    name: str  # "snippets/loss_functions/huber.py", or "docs/en/index.md:42" for a page block
    source: str  # the exact text that runs (read once)
    path: Path | None = None  # the file, for a snippet file
    shown: str = ""  # the file its messages name
    line_offset: int = 0  # page blocks: the page line before the block's first line
    pages: list[str] = field(default_factory=list)  # docs-relative pages that use it
    ok: bool = False
    error: str = ""
    stdout: str = ""
    figure: Path | None = None  # the SVG it drew, in the cache
    seconds: float = 0.0
    key: str = ""

    @property
    def file_name(self) -> str:
        return self.path.name if self.path else "page_block.py"


def positive_number(name: str, default: float, kind=float) -> float:
    value = os.environ.get(name)
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


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --------------------------------------------------------------------------------------------
# The cache
# --------------------------------------------------------------------------------------------


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
    for module in ("snippet_worker.py", "figures.py"):
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


def cache_key(snippet: Snippet, fingerprint: str) -> str:
    """The entry of this exact text, run under its runtime (which its text chooses, as
    snippet_worker.runtime_of reads it) with this fingerprint."""
    try:
        runtime = snippet_worker.runtime_of(snippet.source).name
    except snippet_worker.RuntimeChoiceError:
        runtime = "none"  # never cached: it fails
    digest = hashlib.sha256()
    for part in (snippet.name, snippet.source, runtime, fingerprint):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(snippet: Snippet, cache_dir: Path) -> bool:
    """Fill in a snippet's result from its entry; False (and the entry removed) if unusable."""
    entry = cache_dir / snippet.key
    if not entry.is_dir():
        return False
    try:
        result = json.loads((entry / "result.json").read_text(encoding="utf-8"))
        if result["source_sha256"] != sha256(snippet.source.encode("utf-8")):
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
        shutil.rmtree(entry, ignore_errors=True)
        return False
    snippet.ok, snippet.stdout, snippet.figure, snippet.seconds = True, stdout, figure, seconds
    return True


def look_up(snippet: Snippet, fingerprint: str, cache_dir: Path = CACHE_DIR) -> bool:
    """Give the snippet its cache key and fill in its result from its entry, if it has a usable one
    (the build, and pytest's example tests, look snippets up this way)."""
    snippet.key = cache_key(snippet, fingerprint)
    return load(snippet, cache_dir)


def store(snippet: Snippet, svg: str | None, cache_dir: Path) -> None:
    """Write the entry completely in a temporary folder, then move it into place."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{snippet.key}-", dir=cache_dir))
    figure = None
    if svg is not None:
        name = f"{Path(snippet.name).stem}.svg"
        (staging / name).write_text(svg, encoding="utf-8")
        figure = {"file": name, "sha256": sha256(svg.encode("utf-8"))}
    result = {
        "name": snippet.name,
        "source_sha256": sha256(snippet.source.encode("utf-8")),
        "stdout": snippet.stdout,
        "figure": figure,
        "seconds": snippet.seconds,
    }
    (staging / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    final = cache_dir / snippet.key
    shutil.rmtree(final, ignore_errors=True)
    try:
        staging.rename(final)
    except OSError:  # another build stored it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    snippet.figure = final / figure["file"] if figure else None


# --------------------------------------------------------------------------------------------
# The workers
# --------------------------------------------------------------------------------------------


class WorkerError(RuntimeError):
    pass


class Worker:
    """One `snippet_worker.py` process: it imports TensorFlow once (unless told not to), then
    forks per job. Or a clone of one (see `copies`), which serves its own pipes."""

    def __init__(self, runtime: snippet_worker.Runtime = snippet_worker.Runtime(), clones: int = 0) -> None:
        """`runtime`: what it imports before forking (`Runtime(tensorflow=False)` for snippets
        that import neither TensorFlow, Keras nor JAX). `clones`: the process also starts that
        many copies of itself once it has imported everything; they are `self.copies`, Workers
        of their own that import nothing."""
        self.stderr = tempfile.TemporaryFile("w+")
        flags = runtime.arguments()
        ours, theirs = [], []  # per clone: (jobs, answers) pipe ends of this process / of it
        for _ in range(clones):
            jobs_read, jobs_write = os.pipe()
            answers_read, answers_write = os.pipe()
            ours.append((jobs_write, answers_read))
            theirs.append((jobs_read, answers_write))
        if theirs:
            flags += [snippet_worker.CLONES, *(f"{jobs},{answers}" for jobs, answers in theirs)]
            # The clones leave the worker's family at once (forked twice) and become ours: we
            # reap them, and their CPU time counts as this build's.
            set_subreaper(True)
        try:
            self.process = subprocess.Popen(
                [sys.executable, str(HOOKS / "snippet_worker.py"), *flags],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,
                text=True,
                env={**os.environ, **snippet_worker.SNIPPET_ENV},
                cwd=tempfile.gettempdir(),
                pass_fds=[fd for pair in theirs for fd in pair],
            )
        finally:
            for fd in (fd for pair in theirs for fd in pair):
                os.close(fd)
        self.jobs, self.answers = self.process.stdin, self.process.stdout
        self.pid: int | None = None  # the serving process, once it said it is ready
        self._ready = False
        self.copies = [Worker._clone(jobs, answers) for jobs, answers in ours]

    @classmethod
    def _clone(cls, jobs_fd: int, answers_fd: int) -> Worker:
        worker = cls.__new__(cls)
        worker.process = worker.stderr = worker.pid = None
        worker.jobs = os.fdopen(jobs_fd, "w", encoding="utf-8")
        worker.answers = os.fdopen(answers_fd, "r", encoding="utf-8")
        worker._ready, worker.copies = False, []
        return worker

    def run(self, job: dict) -> dict:
        if not self._ready:
            self.pid = self._read()["pid"]  # {"ready": true, "pid": ...}
            self._ready = True
        self.jobs.write(json.dumps(job) + "\n")
        self.jobs.flush()
        return self._read()

    def _read(self) -> dict:
        line = self.answers.readline()
        if not line:
            if self.process is None:
                code = "?"
                if self.pid is not None:
                    with contextlib.suppress(ChildProcessError):
                        code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
                raise WorkerError(f"the snippet worker (a clone) exited with code {code}")
            self.process.wait()
            self.stderr.seek(0)
            tail = "\n".join(self.stderr.read().splitlines()[-20:])
            raise WorkerError(f"the snippet worker exited with code {self.process.returncode}:\n{tail}")
        return json.loads(line)

    def close(self) -> None:
        """Close its jobs pipe, so that it leaves, and wait for that."""
        with contextlib.suppress(OSError):
            self.jobs.close()
        if self.process is not None:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.stderr.close()
        else:  # a clone, which this process adopted
            if self.pid is None:  # never used: it says it is ready (or its worker died first)
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    self.pid = json.loads(self.answers.readline())["pid"]
            if self.pid is not None:
                reap(self.pid, time.monotonic() + 30)
        with contextlib.suppress(OSError):
            self.answers.close()


def set_subreaper(on: bool) -> None:
    """Make this process adopt its descendants' orphans (or stop doing so)."""
    ctypes.CDLL(None, use_errno=True).prctl(snippet_worker.PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)


def reap(pid: int, deadline: float, done=lambda: False) -> bool:
    """Wait for the child `pid` to end (killed once `time.monotonic()` passes `deadline`) and
    collect it: True. Or until `done()` while it still runs: False, and it goes on."""
    with contextlib.suppress(ChildProcessError):
        while not os.waitpid(pid, os.WNOHANG)[0]:
            if done():
                return False
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.01)
    return True


class Spawner:
    """Starts the workers of a run's threads. The first worker of a kind starts with a clone
    for each other thread, so a run imports TensorFlow once, not once per thread (and the clones
    start from the very state the first one forks its children from). A worker started after
    one died is a process of its own."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self.lock = threading.Lock()
        # runtime -> clones no thread has taken yet
        self.spare: dict[snippet_worker.Runtime, list[Worker]] = {}

    def worker(self, runtime: snippet_worker.Runtime) -> Worker:
        with self.lock:
            if runtime not in self.spare:
                first = Worker(runtime, clones=self.threads - 1)
                self.spare[runtime] = first.copies
                return first
            if self.spare[runtime]:
                return self.spare[runtime].pop()
        return Worker(runtime)

    def close(self) -> None:
        """Close the clones that no thread took (call it once the threads have closed theirs)."""
        with self.lock:
            for clones in self.spare.values():
                while clones:
                    clones.pop().close()
            if self.spare and self.threads > 1:  # clones were started; all are collected now
                set_subreaper(False)


class Workers:
    """The worker processes of one thread of a run (or of one pytest process), one per runtime:
    a snippet that imports TensorFlow, Keras or JAX runs in a worker that imported them before
    forking, under the Keras the snippet chooses at its top (Keras 3 on TensorFlow, on JAX, or
    Keras 2: `snippet_worker.runtime_of`); any other in one that did not. So what a snippet
    finds already imported depends on the snippet alone, never on the other snippets of the build. Each is started (or taken from
    `spawner`) on first use, and again after a snippet killed it."""

    def __init__(self, spawner: Spawner | None = None) -> None:
        self.spawner = spawner or Spawner()
        self.started: dict[snippet_worker.Runtime, Worker] = {}

    def run(self, job: dict) -> dict:
        try:
            kind = snippet_worker.runtime_of(job["source"], job["shown"], job.get("line_offset", 0))
        except snippet_worker.RuntimeChoiceError as exc:
            return {"ok": False, "error": str(exc)}
        if kind not in self.started:
            self.started[kind] = self.spawner.worker(kind)
        try:
            return self.started[kind].run(job)
        except WorkerError:
            self.started.pop(kind).close()
            raise

    def close(self) -> None:
        for worker in self.started.values():
            worker.close()
        self.started.clear()


def job_for(snippet: Snippet, timeout: float) -> dict:
    return {
        "name": snippet.name,
        "shown": snippet.shown or snippet.name,
        "source": snippet.source,
        "file_name": snippet.file_name,
        "line_offset": snippet.line_offset,
        "timeout": timeout,
    }


def run_all(jobs: list[dict], workers: int, on_result) -> None:
    """Run the jobs, in this order, on up to `workers` worker processes; call
    `on_result(index, result)` (from the workers' threads) as each one finishes."""
    todo: queue.Queue = queue.Queue()
    for item in enumerate(jobs):
        todo.put(item)
    failures = []
    threads = min(workers, len(jobs))
    spawner = Spawner(threads)

    def serve() -> None:
        workers = Workers(spawner)
        try:
            while True:
                try:
                    index, job = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    result = workers.run(job)
                except WorkerError as exc:
                    result = {"ok": False, "error": f"{job['name']}: {exc}"}
                on_result(index, result)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            failures.append(exc)
        finally:
            workers.close()

    started = [threading.Thread(target=serve, daemon=True) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    spawner.close()
    if failures:
        raise failures[0]


# --------------------------------------------------------------------------------------------
# A build's run
# --------------------------------------------------------------------------------------------


@dataclass
class Report:
    executed: list[Snippet] = field(default_factory=list)
    cached: list[Snippet] = field(default_factory=list)

    def slowest(self, count: int = 3) -> list[Snippet]:
        return sorted(self.executed, key=lambda s: -s.seconds)[:count]


def read_durations(cache_dir: Path) -> dict[str, float]:
    try:
        durations = json.loads((cache_dir / DURATIONS).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in durations.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


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


def run_snippets(snippets: list[Snippet], cache_dir: Path = CACHE_DIR, before_run=None) -> Report:
    """Fill in every snippet's outcome, from the cache or by running it (`before_run()` is
    called first if anything runs)."""
    timeout = positive_number("SNIPPET_TIMEOUT", DEFAULT_TIMEOUT)
    workers = int(positive_number("SNIPPET_WORKERS", default_workers(), int))
    fingerprint = runtime_fingerprint()
    report = Report()
    todo = []
    for snippet in snippets:
        if look_up(snippet, fingerprint, cache_dir):
            report.cached.append(snippet)
        else:
            todo.append(snippet)
    if not todo:
        return report
    if before_run is not None:
        before_run()

    durations = read_durations(cache_dir)
    todo.sort(key=lambda s: run_order(s, durations))
    lock = threading.Lock()

    def finished(index: int, result: dict) -> None:
        snippet = todo[index]
        with lock:
            snippet.seconds = float(result.get("seconds", 0.0))
            snippet.ok, snippet.error = bool(result["ok"]), result["error"]
            if snippet.ok and not holds_what_ran(snippet):
                snippet.ok = False
                snippet.error = (
                    f"{snippet.name}: the file changed while the build ran it; "
                    "nothing was cached, build again"
                )
            if snippet.ok:
                snippet.stdout = result["stdout"]
                store(snippet, result["figure"], cache_dir)
            report.executed.append(snippet)

    run_all([job_for(s, timeout) for s in todo], workers, finished)

    durations.update({s.name: s.seconds for s in report.executed if s.seconds})
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = cache_dir / f".{DURATIONS}.{os.getpid()}"
    staging.write_text(json.dumps(dict(sorted(durations.items())), indent=1), encoding="utf-8")
    staging.replace(cache_dir / DURATIONS)
    return report


def holds_what_ran(snippet: Snippet) -> bool:
    """Whether the snippet's file still holds the text that was read (and run); page blocks
    have no file of their own and always do."""
    if snippet.path is None:
        return True
    now = snippet.path.read_bytes() if snippet.path.is_file() else b""
    return now == snippet.source.encode("utf-8")


def changed_since_run(snippets: list[Snippet], cache_dir: Path = CACHE_DIR) -> list[Snippet]:
    """The snippet files that changed since they were run (or loaded); their entries are
    removed, so the next build runs them."""
    changed = []
    for snippet in snippets:
        if not holds_what_ran(snippet):
            changed.append(snippet)
            if snippet.key:
                shutil.rmtree(cache_dir / snippet.key, ignore_errors=True)
    return changed
