"""pytest plugin of `make bench-tests` (tools/bench_tests.py): appends one JSON line per test to
the file named by BENCH_TESTS_TIMELINE: its id, the test process, and when it started and ended
(set-up and tear-down included)."""

import json
import os
import time

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.time()
    yield
    record = {"id": item.nodeid, "process": os.environ.get("PYTEST_XDIST_WORKER", "main"), "start": start, "end": time.time()}
    with open(os.environ["BENCH_TESTS_TIMELINE"], "a", encoding="utf-8") as timeline:
        timeline.write(json.dumps(record) + "\n")  # one write per line: the test processes append
