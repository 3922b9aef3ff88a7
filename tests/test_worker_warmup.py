"""A worker imports TensorFlow before forking only when a snippet it may run imports it.

Importing TensorFlow and Keras costs a worker about two seconds of CPU. A snippet that imports
neither runs in a worker started with `--without-tensorflow` (snippet_scheduler.Workers), in the
build and in pytest alike, whatever the other snippets import: a small test project's build
imports no TensorFlow at all. A snippet that reaches them anyway still runs.
"""

from pathlib import Path

import pytest
import snippet_scheduler
from snippet_scheduler import Snippet
from snippet_worker import imports_tensorflow


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
        ("print(1\n", True),  # not Python: it fails anyway, with TensorFlow or without
    ],
)
def test_which_sources_import_tensorflow(source, expected):
    assert imports_tensorflow(source) is expected


PROBE = 'import sys\nprint("tensorflow" in sys.modules)\n'


def run(worker, source: str) -> dict:
    snippet = Snippet(name="snippets/demo/probe.py", source=source, path=Path("snippets/demo/probe.py"))
    return worker.run(snippet_scheduler.job_for(snippet, 120))


def test_a_worker_without_tensorflow_has_not_imported_it_and_still_runs_keras():
    worker = snippet_scheduler.Worker(tensorflow=False)
    try:
        result = run(worker, PROBE + "#> False\n")
        assert result["ok"], result["error"]
        keras_snippet = "import keras\nprint(keras.ops.sum(keras.ops.ones(3)))\n#> tf.Tensor(3.0, shape=(), dtype=float32)\n"
        result = run(worker, keras_snippet)
        assert result["ok"], result["error"]
    finally:
        worker.close()


def test_a_worker_with_tensorflow_has_imported_it():
    worker = snippet_scheduler.Worker()
    try:
        result = run(worker, PROBE + "#> True\n")
        assert result["ok"], result["error"]
    finally:
        worker.close()


def test_a_snippet_without_tensorflow_never_finds_it_imported_whatever_else_the_build_runs():
    """Its output must not depend on the other snippets: one worker thread, a Keras snippet first."""
    results = {}
    keras_job = Snippet(name="snippets/demo/keras_first.py", source="import keras\n", path=Path("snippets/demo/keras_first.py"))
    probe = Snippet(name="snippets/demo/probe.py", source=PROBE + "#> False\n", path=Path("snippets/demo/probe.py"))
    jobs = [snippet_scheduler.job_for(keras_job, 120), snippet_scheduler.job_for(probe, 120)]
    snippet_scheduler.run_all(jobs, 1, results.__setitem__)
    assert results[0]["ok"], results[0]["error"]
    assert results[1]["ok"], results[1]["error"]
