"""The pool of snippet worker processes: it runs jobs, knows nothing of the cache.

Jobs run in up to `workers` threads of a run (`run_all`), each with its own worker processes
(`Workers`: one per runtime, the Keras a snippet chooses). The first worker of a runtime imports
TensorFlow (snippet_worker.py) and then forks the others as its clones (`Spawner`): a run imports
it once. The clones are this process's to collect (`set_subreaper`, `reap`), which the notebook
renderings ahead (notebook_pages.py) use too.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import queue
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

import snippet_confinement
import snippet_worker
from layout import HOOKS
from snippet_records import Job, Result


class WorkerError(RuntimeError):
    pass


READY_SECONDS = 600  # to import TensorFlow (or JAX) on a busy machine
GRACE_SECONDS = 60  # beyond a job's timeout, before the build gives up on its worker
JOIN_SLICE_SECONDS = 0.25  # how soon the build sees a Ctrl-C that the kernel gave a worker thread (run_all)


class Worker:
    """One `snippet_worker.py` process: it imports TensorFlow once (unless told not to), then
    forks per job. Or a clone of one (see `copies`), which serves its own pipes."""

    def __init__(self, runtime: snippet_worker.Runtime = snippet_worker.Runtime(), clones: int = 0,
                 without: frozenset[str] = frozenset(), env: dict[str, str] | None = None) -> None:
        """`runtime`: what it imports before forking (`Runtime(tensorflow=False)` for snippets
        that import neither TensorFlow, Keras nor JAX). `clones`: the process also starts that
        many copies of itself once it has imported everything; they are `self.copies`, Workers
        of their own that import nothing. `without`: sandbox mechanisms not to use
        (SNIPPET_SANDBOX_WITHOUT, snippet_confinement.MECHANISMS). `env`: variables that differ
        from SNIPPET_ENV (pytest's second run of the examples starts its workers with another
        PYTHONHASHSEED)."""
        self.stderr = tempfile.TemporaryFile("w+")
        flags = runtime.arguments()
        if without:
            flags += [snippet_worker.WITHOUT, ",".join(sorted(without))]
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
                # Never the build's secrets: a snippet's process is a fork of this one.
                env={**snippet_confinement.allowed_environment(os.environ), **snippet_worker.SNIPPET_ENV, **(env or {})},
                cwd=tempfile.gettempdir(),
                pass_fds=[fd for pair in theirs for fd in pair],
            )
        finally:
            for fd in (fd for pair in theirs for fd in pair):
                os.close(fd)
        self.jobs, self.answers = self.process.stdin, self.process.stdout
        self.pid: int | None = None  # the serving process, once it said it is ready
        self.confinement: dict | None = None  # what its sandbox has (snippet_confinement.probe)
        self._ready = False
        self.copies = [Worker._clone(jobs, answers) for jobs, answers in ours]

    @classmethod
    def _clone(cls, jobs_fd: int, answers_fd: int) -> Worker:
        worker = cls.__new__(cls)
        worker.process = worker.stderr = worker.pid = worker.confinement = None
        worker.jobs = os.fdopen(jobs_fd, "w", encoding="utf-8")
        worker.answers = os.fdopen(answers_fd, "r", encoding="utf-8")
        worker._ready, worker.copies = False, []
        return worker

    def start(self) -> None:
        """Wait until it says it is ready (it has imported everything and probed its sandbox)."""
        if not self._ready:
            ready = json.loads(self._read(READY_SECONDS))  # {"ready": true, "pid": ..., "confinement": ...}
            self.pid, self.confinement = ready["pid"], ready["confinement"]
            self._ready = True

    def run(self, job: Job) -> Result:
        self.start()
        self.jobs.write(job.to_json() + "\n")
        self.jobs.flush()
        # The worker enforces the job's timeout; this is in case something stops the worker.
        return Result.from_json(self._read(job.timeout + GRACE_SECONDS))

    def _read(self, seconds: float) -> str:
        """Its next line, within `seconds`: if none comes, it is killed (WorkerError)."""
        # The worker writes one line per request, so nothing is ever read ahead into the
        # pipe's buffer where select would not see it.
        ready, _, _ = select.select([self.answers], [], [], seconds)
        if not ready:
            self._kill()
            raise WorkerError(f"the snippet worker did not answer within {seconds:g} s and was stopped")
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
        return line

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, TypeError):
            if self.process is not None:
                self.process.kill()
            elif self.pid is not None:
                os.kill(self.pid, signal.SIGKILL)

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

    def __init__(self, threads: int = 1, without: frozenset[str] = frozenset(), env: dict[str, str] | None = None) -> None:
        self.threads, self.without, self.env = threads, without, env
        self.lock = threading.Lock()
        # runtime -> clones no thread has taken yet
        self.spare: dict[snippet_worker.Runtime, list[Worker]] = {}

    def worker(self, runtime: snippet_worker.Runtime) -> Worker:
        with self.lock:
            if runtime not in self.spare:
                first = Worker(runtime, clones=self.threads - 1, without=self.without, env=self.env)
                self.spare[runtime] = first.copies
                return first
            if self.spare[runtime]:
                return self.spare[runtime].pop()
        return Worker(runtime, without=self.without, env=self.env)

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
    finds already imported depends on the snippet alone, never on the other snippets of the build.
    Each is started (or taken from `spawner`) on first use, and again after a snippet killed it."""

    def __init__(self, spawner: Spawner | None = None) -> None:
        self.spawner = spawner or Spawner()
        self.started: dict[snippet_worker.Runtime, Worker] = {}

    def run(self, job: Job) -> Result:
        try:
            kind = snippet_worker.runtime_of(job.source, job.shown, job.line_offset)
        except snippet_worker.RuntimeChoiceError as exc:
            return Result.failure(str(exc))
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


def run_all(jobs: list[Job], workers: int, on_result, without: frozenset[str] = frozenset(),
            env: dict[str, str] | None = None) -> list[dict]:
    """Run the jobs, in this order, on up to `workers` worker processes (started with `env`, see
    `Worker`); call `on_result(index, result)` (from the workers' threads) as each one finishes.
    Returns what the workers' sandboxes had (each kind once: snippet_confinement.Confinement)."""
    todo: queue.Queue = queue.Queue()
    for item in enumerate(jobs):
        todo.put(item)
    failures = []
    threads = min(workers, len(jobs))
    spawner = Spawner(threads, without, env)
    confinements: list[dict] = []

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
                    result = Result.failure(f"{job.name}: {exc}")
                on_result(index, result)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            failures.append(exc)
        finally:
            for worker in workers.started.values():
                if worker.confinement is not None and worker.confinement not in confinements:
                    confinements.append(worker.confinement)
            workers.close()

    started = [threading.Thread(target=serve, daemon=True) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        # In slices: Python runs a signal's handler in the main thread only, and the kernel may
        # hand a Ctrl-C to one of these threads instead, which leaves a plain join() waiting
        # for the snippets to end; woken every slice, this thread sees the KeyboardInterrupt.
        while thread.is_alive():
            thread.join(JOIN_SLICE_SECONDS)
    spawner.close()
    if failures:
        raise failures[0]
    return confinements
