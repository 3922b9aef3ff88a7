"""The build's snippet worker, for tests that run one snippet without a build (a second or two
instead of a build of the small project). Import `worker` into a test module as a fixture."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import snippet_pool
import snippet_scheduler
import snippet_worker
from snippet_records import Result
from snippet_scheduler import Snippet


@pytest.fixture(scope="module")
def worker():
    worker = snippet_pool.Worker()
    yield worker
    worker.close()


def run(worker, source: str, name: str = "snippets/demo/probe.py", timeout: float = 60) -> Result:
    """What the worker answers for `source` run as the snippet `name`."""
    snippet = Snippet(name=name, source=source, path=Path(name))
    return worker.run(snippet_scheduler.job_for(snippet, timeout))


@pytest.fixture(scope="module")
def python_worker():
    """A worker for snippets that import neither TensorFlow, Keras nor JAX (it imports neither:
    a second to start)."""
    worker = snippet_pool.Worker(snippet_worker.Runtime(tensorflow=False))
    yield worker
    worker.close()


def run_job(worker, source: str, name: str = "snippets/demo/probe.py", timeout: float = 60, **job) -> Result:
    """Like `run`, with the job's fields (limits, network) changed."""
    snippet = Snippet(name=name, source=source, path=Path(name))
    return worker.run(dataclasses.replace(snippet_scheduler.job_for(snippet, timeout), **job))
