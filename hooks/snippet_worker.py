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

The child:
  - runs in its own process group, in an empty temporary folder that is the only place it may
    write to (Landlock; as root without Landlock it runs as `nobody`), with HOME and TMPDIR
    pointing there, so it can't change the repository or the site being built;
  - runs the exact source it was sent (a copy of the file, under the file's own name) with
    pytest-examples' print capture, warnings raised as errors and `plt.show()` a no-op;
  - rebuilds the snippet from what ran: the source with every `#> ` line and `'''` output block
    removed, then the output of each print that ran inserted below it. The documented output
    is right only if that equals the source exactly, so a `#> ` line no print produced (under a
    commented-out print, in `if False:`, in a function never called) fails too;
  - saves the figure it drew, themed for the site (figure_style.py): the matplotlib figure, or the
    Graphviz SVG it wrote to `<its own name>.svg` (a model drawn by `keras.utils.model_to_dot`
    or `plot_model`), and sends everything back on a
    pipe, then ends with `os._exit`, so a thread it left running can't hang the build.

The worker waits at most the job's timeout, kills the child's process group and anything the
snippet started (the worker is their subreaper), removes the folder and answers with one
`Result` (snippet_records.py). A child that dies without answering is reported with its exit
code or signal and the tail of its own stderr.
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import io
import json
import os
import pwd
import resource
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
from snippet_records import Job, Result

# What the snippets run with, in the build and in pytest alike (also part of the cache key).
SNIPPET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # TensorFlow's C++ log noise
    "MPLBACKEND": "Agg",
    "COLUMNS": "100",  # rich (model.summary) wraps at the terminal width otherwise
    "PYTHONHASHSEED": "0",
}
MAX_PRINTED = 1_000_000  # characters of print output a snippet may produce
MAX_FILE_BYTES = 256 * 1024 * 1024  # the largest file it may write
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


def imports_tensorflow(source: str) -> bool:
    """Whether the program imports TensorFlow, Keras or JAX itself (a snippet that reaches them
    some other way imports them in its own process: slower, and just as right)."""
    try:
        return runtime_of(source).tensorflow
    except RuntimeChoiceError:
        return True


# --------------------------------------------------------------------------------------------
# The child: runs one snippet
# --------------------------------------------------------------------------------------------


def _restrict_writes(workdir: Path) -> str:
    """Let this process write beneath `workdir` (and to /dev/null) only. Returns how."""
    if _landlock(workdir):
        return "landlock"
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(workdir, nobody.pw_uid, nobody.pw_gid)
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
        return "nobody"
    return "none"


def _landlock(workdir: Path) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    create_ruleset, add_rule, restrict_self = 444, 445, 446
    abi = libc.syscall(create_ruleset, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    if abi < 1:
        return False
    # Every right that changes the file system (write, remove, make, rename/link, truncate).
    write_rights = 0b10 | 0b10000 | 0b100000 | 0b1000000 | 0b10000000 | 0b100000000
    write_rights |= 0b1000000000 | 0b10000000000 | 0b100000000000 | 0b1000000000000
    if abi >= 2:
        write_rights |= 1 << 13  # REFER
    if abi >= 3:
        write_rights |= 1 << 14  # TRUNCATE

    class RulesetAttr(ctypes.Structure):
        _fields_ = [("handled_access_fs", ctypes.c_uint64)]

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    attr = RulesetAttr(write_rights)
    ruleset = libc.syscall(create_ruleset, ctypes.byref(attr), ctypes.sizeof(attr), 0)
    if ruleset < 0:
        return False
    try:
        for path, rights in ((workdir, write_rights), ("/dev/null", 0b10)):
            fd = os.open(path, os.O_PATH)
            try:
                rule = PathBeneath(rights, fd)
                if libc.syscall(add_rule, ruleset, 1, ctypes.byref(rule), 0) != 0:
                    return False
            finally:
                os.close(fd)
        libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS, required to restrict oneself
        return libc.syscall(restrict_self, ruleset, 0) == 0
    finally:
        os.close(ruleset)


class OneProcess(PermissionError):
    """What a snippet gets when it uses multiprocessing (see `_one_process`)."""


def _one_process() -> None:
    """A snippet runs in one confined process: multiprocessing's semaphores live in /dev/shm,
    which it can't write to, and what another process prints would not be checked. So its
    processes and semaphores are refused with one line, whatever the start method (a
    PermissionError, as a system without /dev/shm gives: a library that can do without them
    goes on)."""
    import multiprocessing.process

    def refuse(*args, **kwargs):
        raise OneProcess(
            "uses multiprocessing (another process, or a lock, queue or pool shared between processes), "
            "which a snippet can't: it runs in one confined process, and what other processes print "
            "would not be checked; compute in this process, or in threads (concurrent.futures.ThreadPoolExecutor)"
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


def run_in_child(job: Job, workdir: Path) -> Result:
    """Execute the job's source (in this forked child) and check it. Never raises."""
    import importlib.util

    import matplotlib
    import matplotlib.pyplot as plt

    import figure_style

    name, source = job.name, job.source
    shown, offset = job.shown, job.line_offset
    copy = workdir / job.file_name
    copy.write_text(source, encoding="utf-8")
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
                text = documented_output.as_python_reads_it(source)
                line, message = min(exc.lineno, text.count("\n") + (not text.endswith("\n"))), f": {exc.msg}"
            where = f"{shown}:{line + offset}" if line else name
            refused = next((e for e in (exc, exc.__cause__, exc.__context__) if isinstance(e, OneProcess)), None)
            if refused is not None:
                return Result.failure(f"{where}: {refused}")
            return Result.failure(f"{where}: raised {type(exc).__name__}{message}")

        statements = capture.print_statements()
        printed = sum(len(str(arg)) for s in statements for arg in s.args)
        if printed > MAX_PRINTED:
            return Result.failure(
                f"{name}: printed {printed:,} characters; a snippet may print at most {MAX_PRINTED:,}"
            )
        stdout = "".join(f"{statement}\n" for statement in statements)

        figure = None
        numbers = plt.get_fignums()
        written = workdir / f"{copy.stem}.svg"  # a Graphviz drawing (keras.utils.model_to_dot)
        if written.is_file():
            if numbers:
                return Result.failure(f"{name}: draws a figure and writes {written.name}; a snippet may show one")
            drawn = written.read_text(encoding="utf-8", errors="replace")
            if figure_style.GRAPHVIZ_MARK not in drawn:
                return Result.failure(f"{name}: wrote {written.name}, which is not Graphviz's SVG; "
                                      "a figure is a matplotlib figure or a Graphviz drawing")
            try:
                figure = figure_style.theme_graphviz_svg(drawn, copy.stem)
            except Exception as exc:  # noqa: BLE001 - a colour...
                return Result.failure(f"{name}: its drawing {written.name}: {type(exc).__name__}: {exc}")
        if len(numbers) > 1:
            return Result.failure(f"{name}: draws {len(numbers)} figures; a snippet may draw one")
        if numbers:
            drawn = io.StringIO()
            try:
                plt.figure(numbers[0]).savefig(
                    drawn, format="svg", bbox_inches="tight", metadata={"Date": None}
                )
                figure = figure_style.theme_svg(drawn.getvalue(), copy.stem)
            except Exception as exc:  # noqa: BLE001 - a warning while drawing, a colour...
                return Result.failure(f"{name}: saving its figure raised {type(exc).__name__}: {exc}")

    mismatch = documented_output.compare(source, statements, config)
    if mismatch is not None:
        hint = f"\n{UPDATE_HINT}" if mismatch.expected is not None else ""
        return Result.failure(f"{shown}:{mismatch.line + offset}: {mismatch.message}{hint}", expected=mismatch.expected)
    return Result(ok=True, stdout=stdout, figure=figure)


def _wait_for_threads(name: str, answer) -> None:
    """Like the end of `python snippet.py`: wait for the threads the snippet left running."""
    left = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if left:
        names = ", ".join(t.name for t in left)
        answer({"waiting": f"{name} finished, but its non-daemon threads ({names}) still run"})
        for thread in left:
            thread.join()


def child_main(job: Job, workdir: Path, answer_fd: int, stderr_path: Path) -> None:
    """The forked child's whole life; it never returns."""
    code = 0
    try:
        os.setsid()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        out = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)
        answers = os.fdopen(answer_fd, "w", encoding="utf-8")

        def answer(message: dict) -> None:
            answers.write(json.dumps(message) + "\n")
            answers.flush()

        _restrict_writes(workdir)
        # No file it writes (its own stdout and stderr included) grows past this.
        resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
        started = time.perf_counter()
        result = run_in_child(job, workdir)
        result = replace(result, seconds=round(time.perf_counter() - started, 3))
        _wait_for_threads(job.name, answer)
        answer({"result": result.to_json()})
    except BaseException:  # noqa: BLE001 - report anything, then leave
        traceback.print_exc()
        code = 70
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


# --------------------------------------------------------------------------------------------
# The worker: one child per job
# --------------------------------------------------------------------------------------------


def _describe_exit(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
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
    """Fork a child for the job, supervise it, clean up after it. If `lifeline` (the jobs
    pipe) closes meanwhile, the build is gone: the child is killed and BuildGone raised."""
    timeout = float(job.timeout)
    private = Path(tempfile.mkdtemp(prefix="snippet-"))
    private.chmod(0o711)  # a child running as `nobody` must reach its folder
    try:
        workdir = private / "work"
        workdir.mkdir()
        return _supervise(job, workdir, private / "stderr.txt", timeout, lifeline)
    finally:
        _kill_descendants()
        shutil.rmtree(private, ignore_errors=True)


def _supervise(job: Job, workdir: Path, stderr_path: Path, timeout: float, lifeline: int | None) -> Result:
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        child_main(job, workdir, write_fd, stderr_path)
    os.close(write_fd)
    result, waiting, buffer, status = None, "", b"", None
    try:
        while result is None and status is None:
            left = started + timeout - time.monotonic()
            if left <= 0:
                break
            watched = [read_fd] if lifeline is None else [read_fd, lifeline]
            ready, _, _ = select.select(watched, [], [], min(left, 0.5))
            if lifeline in ready:  # nothing is sent while a job runs: the pipe closed
                raise BuildGone
            chunk = os.read(read_fd, 1 << 16) if read_fd in ready else b""
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                message = json.loads(line)
                if "waiting" in message:
                    waiting = message["waiting"]
                else:
                    result = Result.from_json(message["result"])
            if result is None and not chunk:
                # Nothing to read: is the child still there?
                done, child_status = os.waitpid(pid, os.WNOHANG)
                status = child_status if done else None
    finally:
        os.close(read_fd)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        if status is None:
            status = os.waitpid(pid, 0)[1]
    if result is not None:
        return result
    name, elapsed = job.name, time.monotonic() - started
    if elapsed >= timeout:
        because = f" ({waiting})" if waiting else ""
        return Result.failure(f"{name}: timed out after {elapsed:.0f} s (SNIPPET_TIMEOUT={timeout:g}){because}")
    tail = _tail(stderr_path)
    error = f"{name}: the process running it {_describe_exit(status)}"
    error += f"; its last output:\n{tail}" if tail.strip() else " and printed nothing"
    return Result.failure(error)


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
    answers.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    answers.flush()
    with contextlib.suppress(BuildGone):
        for line in jobs:
            result = run_job(Job.from_json(line), jobs_fd if lifeline else None)
            answers.write(replace(result, worker=os.getpid()).to_json() + "\n")
            answers.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
