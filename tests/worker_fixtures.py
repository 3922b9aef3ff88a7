"""The build's snippet worker, for tests that run one snippet without a build (a second or two
instead of a build of the small project). Import `worker` into a test module as a fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
import snippet_pool
import snippet_scheduler
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
