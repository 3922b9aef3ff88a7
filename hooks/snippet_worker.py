"""Run one snippet as if it were the only one, and check what it printed.

A worker process (`python hooks/snippet_worker.py`, started by snippet_scheduler.py; the tests
start the same one) imports TensorFlow, Keras, matplotlib and pytest-examples once (TensorFlow
and Keras only if a snippet it may be given imports them, under the Keras the snippet chooses:
`--runtime`, see `Runtime`). Then, for
each job it reads on stdin, it forks a child that runs the snippet, so every snippet starts
from the same freshly imported state, whatever ran before it (seeds, `keras.config`, NumPy
print options, rcParams, `sys.path`, `os.environ`, monkeypatches...). The worker itself never
runs TensorFlow: a process that has run a TensorFlow op cannot fork a child that trains.
Started with `--clones`, a worker also forks, once it has imported everything, a copy of itself
for each pipe pair it was given: the build's other worker threads use these instead of
importing TensorFlow again (`_start_clone`).

Per job, the worker forks a sandbox (snippet_confinement.py: a keeper, an init, and the
snippet's own process). The snippet's process:
  - runs in an empty temporary folder that is the only place it may write to, with HOME and
    TMPDIR pointing there, without network, privileges or a view of the build's processes, so it
    can't change the repository or the site being built;
  - runs the exact source it was sent (a copy of the file, under the file's own name) with
    pytest-examples' print capture, warnings raised as errors and `plt.show()` a no-op;
  - sends back only what happened (`run_snippet`): the exception, every print (its line and
    arguments) and the figure as drawn (the matplotlib figure, or the Graphviz SVG it wrote to
    `<its own name>.svg`), then ends with `os._exit`, so a thread it left running can't hang the
    build.

The worker, which the snippet cannot reach, judges that report (`verdict`): it rebuilds the
snippet from what ran (its `#> ` lines and `'''` output blocks removed, then the output of each
print inserted below it, documented_output.compare), so a `#> ` line no print produced fails too,
and themes and checks the figure (figure_style.py). It waits at most the job's timeout, kills
the sandbox and anything the snippet started (the worker is their subreaper), removes the folder
and answers with one `Result` (snippet_records.py). A process that dies without reporting is
named with its exit code or signal (or the limit it reached) and the tail of its own stderr.
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import io
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import documented_output
import snippet_confinement
from snippet_records import Job, Result

# What the snippets run with, in the build and in pytest alike (also part of the cache key).
SNIPPET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # TensorFlow's C++ log noise
    "MPLBACKEND": "Agg",
    "COLUMNS": "100",  # rich (model.summary) wraps at the terminal width otherwise
    "PYTHONHASHSEED": "0",
}
MAX_PRINTED = 1_000_000  # characters of print output a snippet may produce
STDERR_TAIL = 20  # lines of a crashed child's stderr shown in its message

PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
UPDATE_HINT = (
    "If the new output is right, update the snippet with:\n"
    "    .venv/bin/python -m pytest tests/test_examples.py --update-examples"
)
# Imported once by the worker when a snippet imports any of them (about 2 s of CPU each time).
TENSORFLOW_MODULES = {"tensorflow", "keras", "tf_keras", "jax"}
RUNTIME = "--runtime"  # followed by the runtime's variables, "NAME=value,..." ("" for the default)
CLONES = "--clones"  # followed by "<jobs fd>,<answers fd>" for each clone to start
WITHOUT = "--without"  # followed by the sandbox's mechanisms not to use, "a,b" (SNIPPET_SANDBOX_WITHOUT)
# What the kernel lets the sandbox use (snippet_confinement.probe, at the worker's start).
CONFINEMENT = snippet_confinement.Confinement()
# The variables a snippet sets at its top to choose the Keras it runs with, as a reader's copy
# of it would: Keras 3 on another backend, or Keras 2 (tf-keras). Their default values.
RUNTIME_VARIABLES = {"KERAS_BACKEND": "tensorflow", "TF_USE_LEGACY_KERAS": "0"}


@dataclass(frozen=True)
class Runtime:
    """What a worker imports before forking a snippet's child: TensorFlow and Keras or not, and
    under which of the RUNTIME_VARIABLES. A snippet runs in a worker of its own runtime."""

    tensorflow: bool = True  # imports TensorFlow, Keras (or JAX) before forking
    variables: tuple[tuple[str, str], ...] = ()  # only those that differ from the default

    @property
    def name(self) -> str:
        if not self.tensorflow:
            return "python"
        return ",".join(f"{name}={value}" for name, value in self.variables) or "default"

    def arguments(self) -> list[str]:
        if not self.tensorflow:
            return [RUNTIME, "python"]
        return [RUNTIME, ",".join(f"{name}={value}" for name, value in self.variables)]

    @classmethod
    def from_arguments(cls, arguments: list[str]) -> Runtime:
        if RUNTIME not in arguments:
            return cls()
        value = arguments[arguments.index(RUNTIME) + 1]
        if value == "python":
            return cls(tensorflow=False)
        return cls(variables=tuple(tuple(item.split("=", 1)) for item in value.split(",") if item))


class RuntimeChoiceError(ValueError):
    """A snippet chooses its runtime in a way the build can't follow (the message says how)."""


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def _runtime_assignment(node: ast.AST) -> tuple[str, object] | None:
    """`os.environ["NAME"] = value` for one of the RUNTIME_VARIABLES: (NAME, value node)."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return None
    target = node.targets[0]
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "environ"
        and isinstance(target.slice, ast.Constant)
        and target.slice.value in RUNTIME_VARIABLES
    ):
        return target.slice.value, node.value
    return None


def runtime_of(source: str, name: str = "<snippet>", line_offset: int = 0) -> Runtime:
    """The runtime a program asks for: it imports TensorFlow, Keras or JAX itself, and it sets
    `os.environ["KERAS_BACKEND"]` or `os.environ["TF_USE_LEGACY_KERAS"]` to a string at its top,
    before those imports (as it must for the setting to work when run as `python snippet.py`).
    Raises RuntimeChoiceError naming the line when it sets one elsewhere or to something else: the
    build would run it in a runtime that the program, run on its own, does not get."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return Runtime()  # it will fail on its own; the import costs nothing extra then
    variables: dict[str, str] = {}
    accepted = set()  # the assignments that take effect before Keras is imported
    for node in tree.body:
        if any(module in TENSORFLOW_MODULES for module in _imported(node)):
            break  # what is set from here on comes too late for Keras
        found = _runtime_assignment(node)
        if found:
            variable, value = found
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                example = "jax" if variable == "KERAS_BACKEND" else "1"
                raise RuntimeChoiceError(
                    f"{name}:{node.lineno + line_offset}: sets {variable} to an expression; the build chooses "
                    f"the runtime from a string written there, e.g. "
                    f"os.environ[{variable!r}] = {example!r}"
                )
            variables[variable] = value.value
            accepted.add(id(node))
    imported = False
    for node in ast.walk(tree):
        imported = imported or any(module in TENSORFLOW_MODULES for module in _imported(node))
        found = _runtime_assignment(node)
        if found and id(node) not in accepted:
            raise RuntimeChoiceError(
                f"{name}:{node.lineno + line_offset}: sets {found[0]} after importing Keras, TensorFlow or JAX, "
                "or inside a block; set it at the top of the program, before those imports, so "
                "that it takes effect (the build then runs the snippet in that runtime)"
            )
    if not imported:
        return Runtime(tensorflow=False)
    chosen = tuple(
        (variable, value)
        for variable, value in sorted(variables.items())
        if value != RUNTIME_VARIABLES[variable]
    )
    return Runtime(variables=chosen)


NETWORK_MARK = "# snippet-needs: network"  # a line of its own: this snippet may use the network


def needs_network(source: str) -> bool:
    """Whether the snippet says it uses the network (no snippet reaches it otherwise)."""
    return any(line.strip() == NETWORK_MARK for line in source.splitlines())


def imports_tensorflow(source: str) -> bool:
    """Whether the program imports TensorFlow, Keras or JAX itself (a snippet that reaches them
    some other way imports them in its own process: slower, and just as right)."""
    try:
        return runtime_of(source).tensorflow
    except RuntimeChoiceError:
        return True


# --------------------------------------------------------------------------------------------
# The snippet's process: runs it, and sends back what it printed and drew
# --------------------------------------------------------------------------------------------


class OneProcess(PermissionError):
    """What a snippet gets when it uses multiprocessing (see `_one_process`)."""


def _one_process() -> None:
    """A snippet runs in one process: what another process prints would not be checked. So its
    processes and semaphores are refused with one line, whatever the start method (a
    PermissionError, as a system without /dev/shm gives: a library that can do without them
    goes on)."""
    import multiprocessing.process

    def refuse(*args, **kwargs):
        raise OneProcess(
            "uses multiprocessing (another process, or a lock, queue or pool shared between processes), "
            "which a snippet can't: what other processes print would not be checked; compute in this "
            "process, or in threads (concurrent.futures.ThreadPoolExecutor)"
        )

    multiprocessing.process.BaseProcess.start = refuse
    with contextlib.suppress(ImportError):  # no sem_open on this system: no semaphore either
        import multiprocessing.synchronize

        multiprocessing.synchronize.SemLock.__init__ = refuse


def _line_in(copy: Path, tb) -> int | None:
    """The snippet's line that was running when the exception was raised."""
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == str(copy):
            line = lineno
    return line


def run_snippet(job: Job, workdir: Path) -> dict:
    """Execute the job's source in this (sandboxed) process. Never raises. Returns the raw
    report the worker judges (`verdict`): the exception, every print (line, separator,
    arguments as pytest-examples records them), how many figures are open and the figure as
    matplotlib or Graphviz wrote it. Nothing here decides whether the snippet passed."""
    import importlib.util

    import matplotlib
    import matplotlib.pyplot as plt

    import figure_style

    copy = workdir / job.file_name
    copy.write_text(job.source, encoding="utf-8")
    config = documented_output.config()

    os.chdir(workdir)
    os.environ.update(SNIPPET_ENV, HOME=str(workdir), TMPDIR=str(workdir))
    tempfile.tempdir = None
    sys.argv = [str(copy)]
    sys.path[0] = str(workdir)
    matplotlib.rcParams.update(figure_style.STYLE)
    plt.show = lambda *args, **kwargs: None
    _one_process()

    spec = importlib.util.spec_from_file_location("__main__", copy)
    module = importlib.util.module_from_spec(spec)
    sys.modules["__main__"] = module
    capture = documented_output.print_capture(copy, config)
    report: dict = {"error": None, "prints": [], "figures": 0, "svg": None, "graphviz": None}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the examples must run cleanly on today's versions
        try:
            with capture:
                try:
                    spec.loader.exec_module(module)
                except SystemExit as exit:
                    if exit.code not in (None, 0):
                        raise
        except BaseException as exc:  # noqa: BLE001 - KeyboardInterrupt, SystemExit(1) too
            line = _line_in(copy, exc.__traceback__)
            message = f": {exc}" if str(exc) else ""
            if isinstance(exc, SyntaxError) and exc.filename == str(copy) and exc.lineno:
                # at a line of the file (of the page, for a block), not "(<the copy>, line N)"
                text = documented_output.as_python_reads_it(job.source)
                line, message = min(exc.lineno, text.count("\n") + (not text.endswith("\n"))), f": {exc.msg}"
            where = f"{job.shown}:{line + job.line_offset}" if line else job.name
            refused = next((e for e in (exc, exc.__cause__, exc.__context__) if isinstance(e, OneProcess)), None)
            report["error"] = f"{where}: {refused}" if refused is not None else f"{where}: raised {type(exc).__name__}{message}"
            return report
        statements = capture.print_statements()
        report["printed"] = sum(len(arg.data) for s in statements for arg in s.args)
        if report["printed"] <= MAX_PRINTED:  # else the worker says so; no need to send it all
            report["prints"] = documented_output.as_data(statements)
        numbers = plt.get_fignums()
        report["figures"] = len(numbers)
        written = workdir / f"{copy.stem}.svg"  # a Graphviz drawing (keras.utils.model_to_dot)
        if written.is_file():
            report["graphviz"] = written.read_text(encoding="utf-8", errors="replace")
        if len(numbers) == 1 and report["graphviz"] is None:
            drawn = io.StringIO()
            try:
                plt.figure(numbers[0]).savefig(drawn, format="svg", bbox_inches="tight", metadata={"Date": None})
            except Exception as exc:  # noqa: BLE001 - a warning while drawing...
                report["error"] = f"{job.name}: saving its figure raised {type(exc).__name__}: {exc}"
                return report
            report["svg"] = drawn.getvalue()
    return report


def _wait_for_threads(name: str, send) -> None:
    """Like the end of `python snippet.py`: wait for the threads the snippet left running."""
    left = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if left:
        names = ", ".join(t.name for t in left)
        send({"waiting": f"{name} finished, but its non-daemon threads ({names}) still run"})
        for thread in left:
            thread.join()


def snippet_main(job: Job, workdir: Path, report_fd: int, limits: snippet_confinement.Limits) -> None:
    """The snippet's process: confined, runs it, sends its raw report, leaves. Never returns."""
    code = 0
    try:
        os.setsid()  # its own group: a signal it sends to its group reaches nothing of the build
        snippet_confinement.restrict(CONFINEMENT, workdir, limits, job.network)
        sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)
        reports = os.fdopen(report_fd, "w", encoding="utf-8")

        def send(message: dict) -> None:
            reports.write(json.dumps(message) + "\n")
            reports.flush()

        started = time.perf_counter()
        report = run_snippet(job, workdir)
        report["seconds"] = round(time.perf_counter() - started, 3)
        _wait_for_threads(job.name, send)
        send({"report": report})
    except BaseException as exc:  # noqa: BLE001 - one line, then leave (no traceback of the build's code)
        _say(f"the snippet's process could not run it: {type(exc).__name__}: {exc}")
        code = 70
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


# --------------------------------------------------------------------------------------------
# The sandbox's keeper and init (see snippet_confinement.py)
# --------------------------------------------------------------------------------------------


def _say(line: str) -> None:
    """One line into the stderr the worker shows when a process dies without a report."""
    with contextlib.suppress(OSError):
        os.write(2, line.encode("utf-8", "replace") + b"\n")


def _close_inherited(keep: set[int]) -> None:
    """Close every descriptor the worker had open but `keep` and the standard ones: the snippet
    must not reach the worker's pipes (its jobs, its answers to the build) or a clone's."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def keeper_main(job: Job, workdir: Path, stderr_path: Path, report_fd: int, status_fd: int,
                limits: snippet_confinement.Limits) -> None:
    """Forked by the worker for one job. Enters the namespaces and forks the init; if the worker
    dies, kills the init, and with it everything in the sandbox. Never returns."""
    try:
        os.setsid()
        worker = os.getppid()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        out = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        _close_inherited({report_fd, status_fd})
        snippet_confinement.enter(CONFINEMENT, job.network)
        init = os.fork()
        if init == 0:
            init_main(job, workdir, report_fd, status_fd, limits)
        os.close(report_fd)
        os.close(status_fd)

        def worker_gone(*_args) -> None:
            os.kill(init, signal.SIGKILL)
            os._exit(1)

        signal.signal(signal.SIGTERM, worker_gone)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != worker:
            worker_gone()
        while True:
            with contextlib.suppress(InterruptedError):
                os.waitpid(init, 0)
                break
    except BaseException as exc:  # noqa: BLE001
        _say(f"the sandbox could not be set up: {type(exc).__name__}: {exc}")
        os._exit(70)
    os._exit(0)


def init_main(job: Job, workdir: Path, report_fd: int, status_fd: int, limits) -> None:
    """Process 1 of the snippet's namespaces: prepares them, forks the snippet, collects every
    process that ends in there, and sends how the snippet's process ended. Never returns."""
    code = 0
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        snippet_confinement.prepare(CONFINEMENT, workdir, job.network)
        snippet = os.fork()
        if snippet == 0:
            os.close(status_fd)
            snippet_main(job, workdir, report_fd, limits)
        os.close(report_fd)
        while True:
            try:
                pid, status = os.waitpid(-1, 0)
            except InterruptedError:
                continue
            if pid == snippet:
                os.write(status_fd, json.dumps({"status": status}).encode() + b"\n")
                break
    except BaseException as exc:  # noqa: BLE001
        _say(f"the sandbox could not be set up: {type(exc).__name__}: {exc}")
        code = 71
    os._exit(code)


# --------------------------------------------------------------------------------------------
# The worker: one sandbox per job, and the verdict
# --------------------------------------------------------------------------------------------


def _describe_exit(status: int, limits: snippet_confinement.Limits) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGXCPU:
            return f"was stopped at its CPU time limit, {limits.cpu_seconds} s (SNIPPET_CPU_SECONDS={limits.cpu_seconds}),"
        return f"was killed by signal {number} ({signal.Signals(number).name})"
    return f"exited with code {os.waitstatus_to_exitcode(status)}"


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            stream.seek(0, os.SEEK_END)
            stream.seek(max(0, stream.tell() - 8192))
            text = stream.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line[:300] for line in text.splitlines()[-STDERR_TAIL:]]
    return "\n".join(lines)


def _kill_descendants() -> None:
    """Kill whatever the snippet started that is still alive (this worker is their subreaper),
    and reap it."""
    me = os.getpid()
    for _ in range(50):
        children = set()
        for task in Path(f"/proc/{me}/task").iterdir():
            with contextlib.suppress(OSError):
                children.update(int(pid) for pid in (task / "children").read_text().split())
        if not children:
            break
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


class BuildGone(Exception):
    """The jobs pipe closed while a job ran (the child is killed, its folder removed)."""


def run_job(job: Job, lifeline: int | None = None) -> Result:
    """Run the job in a sandbox, supervise it, clean up after it, judge what it sent. If
    `lifeline` (the jobs pipe) closes meanwhile, the build is gone: the sandbox is killed and
    BuildGone raised."""
    timeout = float(job.timeout)
    private = Path(tempfile.mkdtemp(prefix="snippet-"))
    private.chmod(0o711)  # a snippet running as `nobody` must reach its folder
    try:
        workdir = private / "work"
        workdir.mkdir()
        return _supervise(job, workdir, private / "stderr.txt", timeout, lifeline)
    finally:
        _kill_descendants()
        shutil.rmtree(private, ignore_errors=True)


MAX_REPORT = 64 * 2**20  # bytes of report a snippet may send (its prints and its figure)


def _supervise(job: Job, workdir: Path, stderr_path: Path, timeout: float, lifeline: int | None) -> Result:
    limits = job.limits
    report_read, report_write = os.pipe()
    status_read, status_write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        keeper_main(job, workdir, stderr_path, report_write, status_write, limits)
    os.close(report_write)
    os.close(status_write)
    buffers = {report_read: b"", status_read: b""}
    found = {"report": None, "status": None, "waiting": "", "too_big": False}

    def take(fd: int) -> None:
        """Read what `fd` has; note each whole message."""
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            del buffers[fd]
            return
        buffers[fd] += chunk
        if len(buffers[fd]) > MAX_REPORT:
            found["too_big"] = True
            del buffers[fd]
            return
        *lines, buffers[fd] = buffers[fd].split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
                assert isinstance(message, dict)
            except (ValueError, AssertionError):
                message = {"report": {"malformed": True}}
            if fd == status_read:
                found["status"] = message.get("status")
            elif "waiting" in message:
                found["waiting"] = str(message["waiting"])
            elif found["report"] is None:  # the first (a process it forked may send one too)
                found["report"] = message.get("report", {"malformed": True})

    try:
        # Until the snippet's process has ended (its init says how), or the time is up.
        while found["status"] is None and status_read in buffers and not found["too_big"]:
            left = started + timeout - time.monotonic()
            if left <= 0:
                break
            watched = list(buffers) + ([] if lifeline is None else [lifeline])
            ready, _, _ = select.select(watched, [], [], min(left, 0.5))
            if lifeline in ready:  # nothing is sent while a job runs: the pipe closed
                raise BuildGone
            for fd in ready:
                if fd in buffers:
                    take(fd)
        # It has ended: all it wrote is in the pipe (a process it left may hold the pipe open).
        while report_read in buffers and not found["too_big"] and select.select([report_read], [], [], 0)[0]:
            take(report_read)
    finally:
        for fd in (report_read, status_read):
            os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    report, status, waiting = found["report"], found["status"], found["waiting"]
    status = status if isinstance(status, int) else None
    name, elapsed = job.name, time.monotonic() - started
    if found["too_big"]:
        return Result.failure(f"{name}: sent more than {MAX_REPORT // 2**20} MiB of output and figure")
    if status is not None and report is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return verdict(job, report, limits)
    tail = _tail(stderr_path)
    if status is None and elapsed >= timeout:
        because = f" ({waiting})" if waiting else ""
        because += snippet_confinement.explain_limit(tail, limits)
        return Result.failure(f"{name}: timed out after {elapsed:.0f} s (SNIPPET_TIMEOUT={timeout:g}){because}")
    if status is None:
        error = f"{name}: its sandbox ended before the snippet did"
    else:
        error = f"{name}: the process running it {_describe_exit(status, limits)}"
    error += snippet_confinement.explain_limit(tail, limits)
    error += f"; its last output:\n{tail}" if tail.strip() else " and printed nothing"
    return Result.failure(error)


def verdict(job: Job, report: object, limits: snippet_confinement.Limits) -> Result:
    """Judge the raw report a snippet's process sent: here, in the worker, which the snippet
    cannot reach. The report says what it printed and drew; whether that is what the snippet
    documents, and whether the figure is one the site can show, is decided here only."""
    import figure_style

    name, shown = job.name, job.shown
    try:
        if report.get("malformed"):
            raise ValueError
        seconds = float(report.get("seconds") or 0.0)
        if report["error"] is not None:
            error = str(report["error"])
            return Result.failure(error + snippet_confinement.explain_limit(error, limits), seconds=seconds)
        statements = documented_output.from_data(
            [{"line": int(p["line"]), "sep": str(p["sep"]), "args": [[str(d), bool(i)] for d, i in p["args"]]}
             for p in report["prints"]]
        )
        figures, graphviz, svg = int(report["figures"]), report["graphviz"], report["svg"]
    except (ValueError, TypeError, KeyError, AttributeError):
        return Result.failure(f"{name}: its process sent a report the build cannot read")

    printed = max(sum(len(arg.data) for s in statements for arg in s.args), int(report.get("printed") or 0))
    if printed > MAX_PRINTED:
        return Result.failure(f"{name}: printed {printed:,} characters; a snippet may print at most {MAX_PRINTED:,}")
    stdout = "".join(f"{statement}\n" for statement in statements)
    stem = Path(job.file_name).stem
    figure = None
    if graphviz is not None:
        if figures:
            return Result.failure(f"{name}: draws a figure and writes {stem}.svg; a snippet may show one")
        if figure_style.GRAPHVIZ_MARK not in graphviz:
            return Result.failure(f"{name}: wrote {stem}.svg, which is not Graphviz's SVG; "
                                  "a figure is a matplotlib figure or a Graphviz drawing")
        try:
            figure = figure_style.theme_graphviz_svg(str(graphviz), stem)
        except Exception as exc:  # noqa: BLE001 - a colour...
            return Result.failure(f"{name}: its drawing {stem}.svg: {type(exc).__name__}: {exc}")
    if figures > 1:
        return Result.failure(f"{name}: draws {figures} figures; a snippet may draw one")
    if svg is not None:
        try:
            figure = figure_style.theme_svg(str(svg), stem)
        except Exception as exc:  # noqa: BLE001 - a colour the site's palette lacks...
            return Result.failure(f"{name}: saving its figure raised {type(exc).__name__}: {exc}")

    try:
        mismatch = documented_output.compare(job.source, statements, documented_output.config())
    except Exception as exc:  # noqa: BLE001 - the build's own failure: one line, no traceback
        return Result.failure(f"{name}: its output could not be compared ({type(exc).__name__}: {exc})", seconds=seconds)
    if mismatch is not None:
        hint = f"\n{UPDATE_HINT}" if mismatch.expected is not None else ""
        return Result.failure(f"{shown}:{mismatch.line + job.line_offset}: {mismatch.message}{hint}",
                              expected=mismatch.expected, seconds=seconds)
    return Result(ok=True, stdout=stdout, figure=figure, seconds=seconds)


def warm_up(runtime: Runtime = Runtime()) -> None:
    """Import what the snippets of `runtime` use, without running TensorFlow or JAX (see the
    module docstring). Its variables are set in this process's environment already."""
    if runtime.tensorflow:
        chosen = dict(runtime.variables)
        if chosen.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
            import keras  # noqa: F401 - imports its backend (JAX) too
        elif chosen.get("TF_USE_LEGACY_KERAS", "0") not in ("0", "false", ""):
            import tensorflow  # noqa: F401
            import tf_keras  # noqa: F401 - what tf.keras is now

            _warm_type_checks(tf_keras.KerasTensor if hasattr(tf_keras, "KerasTensor") else None)
        else:
            import keras
            import tensorflow  # noqa: F401

            _warm_type_checks(keras.KerasTensor)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy  # noqa: F401

    import figure_style

    documented_output.warm_up()
    # Draw and save one figure, so that fonts and the SVG backend are loaded once.
    with matplotlib.rc_context(figure_style.STYLE):
        plt.plot([0, 1], [0, 1])
        plt.title("x")
        plt.savefig(io.StringIO(), format="svg")
        plt.close("all")


def _warm_type_checks(keras_tensor: type | None) -> None:
    """Fill the caches of the `isinstance` checks against abstract classes that TensorFlow makes
    on every conversion. Each is answered by walking the subclasses of the abstract class (for
    CompositeTensor, hundreds), about a second per child if every child did it anew. Plain
    Python, no TensorFlow op: the forked children inherit the answers."""
    import collections.abc
    import numbers

    import numpy as np
    import tensorflow as tf
    from tensorflow.python.framework import composite_tensor, ops

    abstract = [composite_tensor.CompositeTensor, tf.data.Dataset, tf.Module]
    abstract += [keras_tensor] if keras_tensor is not None else []
    abstract += [getattr(collections.abc, name) for name in collections.abc.__all__]
    abstract += [numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral]
    concrete = [tf.Tensor, ops.EagerTensor, tf.Variable, tf.SparseTensor, tf.RaggedTensor]
    concrete += [tf.TensorShape, tf.DType, np.ndarray, np.dtype, list, tuple, dict, set, str, bytes]
    concrete += [int, float, bool, type(None), *{np.dtype(c).type for c in np.typecodes["All"]}]
    for kind in concrete:
        for base in abstract:
            issubclass(kind, base)


def main() -> None:
    """Serve jobs: one JSON line in on stdin, one JSON line out on stdout. With `--clones`,
    also start a clone for each pipe pair it names (see `_start_clone`)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the build
    arguments = sys.argv[1:]
    clones = []  # (jobs fd, answers fd) of each clone, inherited from the scheduler
    if CLONES in arguments:
        clones = [tuple(int(fd) for fd in pair.split(",")) for pair in arguments[arguments.index(CLONES) + 1 :]]
    runtime = Runtime.from_arguments(arguments)
    os.environ.update(SNIPPET_ENV, **dict(runtime.variables))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    jobs_fd, answers_fd = os.dup(0), os.dup(1)
    # A snippet must not read the jobs or write into the answers.
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    warm_up(runtime)
    global CONFINEMENT
    without = arguments[arguments.index(WITHOUT) + 1] if WITHOUT in arguments else ""
    # Python, its packages, and the project (read-only): what a snippet's process may read.
    readable = sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, Path(__file__).parent.parent)})
    CONFINEMENT = snippet_confinement.probe(
        Path(tempfile.gettempdir()), readable, frozenset(filter(None, without.split(",")))
    )
    for pair in clones:
        others = [fd for other in clones if other != pair for fd in other] + [jobs_fd, answers_fd]
        _start_clone(pair, others)
        for fd in pair:
            os.close(fd)
    # Set only now: the clones must not be this worker's (orphaned) children.
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # orphans of a snippet come back here
    serve(jobs_fd, answers_fd)


def _start_clone(pair: tuple[int, int], others: list[int]) -> None:
    """Start a worker that serves the jobs of `pair` as a copy of this one, warmed up already:
    the build's other worker threads get these instead of importing TensorFlow again. It is
    forked twice, so that it is not this worker's child (whatever kills this worker leaves it
    alone): the build adopts it (snippet_scheduler makes itself a subreaper), collects it and
    counts its CPU time. The build's end, or its death, closes its jobs pipe, and it leaves then."""
    intermediate = os.fork()
    if intermediate == 0:
        try:
            if os.fork() == 0:
                for fd in others:
                    with contextlib.suppress(OSError):
                        os.close(fd)
                ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
                serve(*pair, lifeline=True)
        finally:
            os._exit(0)
    os.waitpid(intermediate, 0)


def serve(jobs_fd: int, answers_fd: int, lifeline: bool = False) -> None:
    """Answer each job line of `jobs_fd` on `answers_fd` until it closes, then leave at once
    (tearing down the imported TensorFlow takes about a second, which the build would wait for,
    and there is nothing to save). `lifeline`: a job also ends if the jobs pipe closes while it
    runs (a clone does not die with the build as a worker does: it is not the build's child
    from the start)."""
    jobs = os.fdopen(jobs_fd, "r", encoding="utf-8")
    answers = os.fdopen(answers_fd, "w", encoding="utf-8")
    ready = {"ready": True, "pid": os.getpid(), "confinement": CONFINEMENT.to_json()}
    answers.write(json.dumps(ready) + "\n")
    answers.flush()
    with contextlib.suppress(BuildGone):
        for line in jobs:
            result = run_job(Job.from_json(line), jobs_fd if lifeline else None)
            answers.write(replace(result, worker=os.getpid()).to_json() + "\n")
            answers.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
