"""A worker imports TensorFlow before forking only when a snippet it may run imports it.

Importing TensorFlow and Keras costs a worker about two seconds of CPU. A snippet that imports
neither runs in a worker started with `--runtime python` (snippet_pool.Workers), in the
build and in pytest alike, whatever the other snippets import: a small test project's build
imports no TensorFlow at all. A snippet that reaches them anyway still runs.

A run with several worker threads imports once per kind: the first worker forks a clone for each
other thread once it has imported everything (snippet_worker._start_clone). A clone is no
worker's child, so a snippet that kills its worker leaves the clones alone, and it leaves when
its jobs pipe closes, even in the middle of a job.
"""

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import snippet_pool
import snippet_scheduler
from snippet_records import Result
from snippet_scheduler import Snippet
from snippet_worker import Runtime, RuntimeChoiceError, imports_tensorflow, runtime_of


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import keras\n", True),
        ("import numpy as np\nimport tensorflow as tf\n", True),
        ("import tensorflow.compat.v1 as tf1\n", True),
        ("from keras.src import ops\n", True),
        ("from tensorflow import keras\n", True),
        ("def f():\n    import keras\n", True),
        ("import numpy as np\nprint('import keras')\n", False),
        ("import kerasish\nfrom .keras import x\n", False),
        ("import jax.numpy as jnp\n", True),
        ("print(1\n", True),  # not Python: it fails anyway, with TensorFlow or without
    ],
)
def test_which_sources_import_tensorflow(source, expected):
    assert imports_tensorflow(source) is expected


JAX = 'import os\n\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n'
KERAS_2 = 'import os\n\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\nimport tensorflow as tf\n'


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import keras\n", "default"),
        ("import numpy\n", "python"),
        (JAX, "KERAS_BACKEND=jax"),
        (KERAS_2, "TF_USE_LEGACY_KERAS=1"),
        ('import os\nos.environ["KERAS_BACKEND"] = "tensorflow"\nimport keras\n', "default"),
        # Both, in either order, before the first import.
        ('import os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\n' + JAX.split("\n", 2)[2], "KERAS_BACKEND=jax,TF_USE_LEGACY_KERAS=1"),
    ],
)
def test_a_snippet_chooses_its_runtime_at_its_top(source, expected):
    assert runtime_of(source).name == expected


@pytest.mark.parametrize(
    "source, message",
    [
        ('import keras\nimport os\nos.environ["KERAS_BACKEND"] = "jax"\n', "probe.py:3: sets KERAS_BACKEND after importing"),
        ('import os\nif True:\n    os.environ["KERAS_BACKEND"] = "jax"\nimport keras\n', "probe.py:3: sets KERAS_BACKEND after importing"),
        ('import os\nos.environ["KERAS_BACKEND"] = os.getenv("B", "jax")\nimport keras\n', "probe.py:2: sets KERAS_BACKEND to an expression"),
    ],
)
def test_a_runtime_chosen_where_it_cannot_work_is_one_clear_message(source, message):
    with pytest.raises(RuntimeChoiceError, match=message):
        runtime_of(source, "snippets/demo/probe.py")
    workers = snippet_pool.Workers()
    try:
        result = run(workers, source)
    finally:
        workers.close()
    assert not result.ok and message in result.error, result


def test_each_runtime_runs_in_its_own_worker_and_prints_what_it_runs():
    """The Keras a snippet chooses is the Keras it gets, whatever ran before it in the build."""
    workers = snippet_pool.Workers()
    probe = "print(keras.backend.backend(), keras.__version__[0])\n"
    try:
        jax = run(workers, JAX + probe + "#> jax 3\n")
        default = run(workers, "import keras\n\n" + probe + "#> tensorflow 3\n")
        legacy = run(workers, KERAS_2 + "print(tf.keras.__name__.split('.')[0])\n#> tf_keras\n")
        again = run(workers, JAX + probe + "#> jax 3\n")
    finally:
        workers.close()
    for result in (jax, default, legacy, again):
        assert result.ok, result.error


PROBE = 'import sys\nprint("tensorflow" in sys.modules)\n'


def run(worker, source: str) -> Result:
    snippet = Snippet(name="snippets/demo/probe.py", source=source, path=Path("snippets/demo/probe.py"))
    return worker.run(snippet_scheduler.job_for(snippet, 120))


def test_a_worker_without_tensorflow_has_not_imported_it_and_still_runs_keras():
    worker = snippet_pool.Worker(Runtime(tensorflow=False))
    try:
        result = run(worker, PROBE + "#> False\n")
        assert result.ok, result.error
        keras_snippet = "import keras\nprint(keras.ops.sum(keras.ops.ones(3)))\n#> tf.Tensor(3.0, shape=(), dtype=float32)\n"
        result = run(worker, keras_snippet)
        assert result.ok, result.error
    finally:
        worker.close()


def stat(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name: [state, parent, ...]; [] once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return []


def cpu_seconds(pid: int) -> float:
    """CPU time of the process itself (not of its children), user and system."""
    fields = stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    fields = stat(pid)
    return bool(fields) and fields[0] not in ("Z", "X")


def test_a_worker_with_tensorflow_has_imported_it_and_so_has_its_clone_without_importing():
    worker = snippet_pool.Worker(clones=1)
    (clone,) = worker.copies
    try:
        for each in (worker, clone):
            result = run(each, PROBE + "#> True\n")
            assert result.ok, result.error
        assert clone.pid not in (worker.pid, None)
        # Not the worker's child: this process (the build's) adopted it, and collects it.
        assert int(stat(clone.pid)[1]) == os.getpid(), stat(clone.pid)[1]
        # A forked process's CPU time starts at zero: the clone spent none on imports.
        assert cpu_seconds(worker.pid) > 1.0, cpu_seconds(worker.pid)
        assert cpu_seconds(clone.pid) < 0.3, cpu_seconds(clone.pid)
    finally:
        worker.close()
        clone.close()
        snippet_pool.set_subreaper(False)
    assert not stat(clone.pid), "the clone was not collected"


def test_a_clone_outlives_a_killed_worker_and_leaves_when_its_jobs_pipe_closes():
    worker = snippet_pool.Worker(Runtime(tensorflow=False), clones=1)
    (clone,) = worker.copies
    children = []
    try:
        assert run(worker, PROBE + "#> False\n").ok
        os.kill(worker.pid, signal.SIGKILL)  # as a snippet could
        worker.process.wait()
        result = run(clone, PROBE + "#> False\n")
        assert result.ok, result.error

        # The build goes away while the clone runs a snippet: both end.
        def long_job():
            with contextlib.suppress(snippet_pool.WorkerError):
                run(clone, "import time\ntime.sleep(600)\n")

        thread = threading.Thread(target=long_job, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not children and time.monotonic() < deadline:
            time.sleep(0.05)
            children = [int(pid) for task in Path(f"/proc/{clone.pid}/task").iterdir()
                        for pid in (task / "children").read_text().split()]
        assert children, "the clone started no child for the job"
        clone.jobs.close()
        deadline = time.monotonic() + 10
        while (alive(clone.pid) or alive(children[0])) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(clone.pid), "the clone outlived its jobs pipe"
        assert not alive(children[0]), "the snippet outlived its clone"
        thread.join(10)
    finally:
        for pid in (clone.pid, *children):  # when the test failed (closing blocks on a read)
            if pid and alive(pid):
                os.kill(pid, signal.SIGKILL)
        worker.close()
        clone.close()
        snippet_pool.set_subreaper(False)


def test_a_snippet_without_tensorflow_never_finds_it_imported_whatever_else_the_build_runs():
    """Its output must not depend on the other snippets: one worker thread, a Keras snippet first."""
    results = {}
    keras_job = Snippet(name="snippets/demo/keras_first.py", source="import keras\n", path=Path("snippets/demo/keras_first.py"))
    probe = Snippet(name="snippets/demo/probe.py", source=PROBE + "#> False\n", path=Path("snippets/demo/probe.py"))
    jobs = [snippet_scheduler.job_for(keras_job, 120), snippet_scheduler.job_for(probe, 120)]
    snippet_pool.run_all(jobs, 1, results.__setitem__)
    assert results[0].ok, results[0].error
    assert results[1].ok, results[1].error
