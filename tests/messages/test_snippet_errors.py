"""A snippet that goes wrong stops the build with one message that names it and says what
happened: where it raised, what it printed against what it documents, that it ran too long, that
its process died, that it printed too much, that it drew no figure. pytest reports each such
snippet as one failed test with the same message.

The build-level checks change a copy of the small project (tiny_fixtures.py), whose warm cache
makes only what the test changed run; the others run the snippet in the build's worker.
"""

from __future__ import annotations

import pytest
from tiny_fixtures import add_to_pages, build, run_example_tests, tiny, warm_tiny, write  # noqa: F401
from worker_fixtures import run, worker  # noqa: F401

HELLO = "snippets/demo/hello.py"
BLOCK = "snippets/demo/block.py"
BLOCK_SOURCE = "print('first\\nsecond')\n'''\nfirst\nsecond\n'''\n"
UPDATE_COMMAND = "pytest tests/test_examples.py --update-examples"


def test_a_snippet_that_runs_too_long_is_stopped(tiny):
    """Both ways of running too long: the program itself, and a thread it leaves running."""
    threaded = "snippets/demo/threaded.py"
    write(tiny, HELLO, 'import time\ntime.sleep(600)\nprint("hello")\n#> hello\n')
    write(tiny, threaded, "import threading, time\nthreading.Thread(target=time.sleep, args=(600,)).start()\n")
    add_to_pages(tiny, f'```python\n--8<-- "{threaded}"\n```\n')
    result = build(tiny, SNIPPET_TIMEOUT="2")  # returns: the build ended (the sleeps are 600 s)
    assert result.returncode != 0
    for language in ("zh", "en"):
        assert f"docs/{language}/page.md: {HELLO}: timed out after 2 s (SNIPPET_TIMEOUT=2)\n" in result.stderr, result.stderr
        assert (
            f"docs/{language}/page.md: {threaded}: timed out after 2 s (SNIPPET_TIMEOUT=2) ({threaded} "
            "finished, but its non-daemon threads (Thread-1 (sleep)) still run)\n"
        ) in result.stderr, result.stderr


def test_output_drift_shows_expected_and_actual(tiny):
    write(tiny, HELLO, 'print("hello")\n#> hullo\n')
    write(tiny, BLOCK, BLOCK_SOURCE.replace("second\n'''", "secnod\n'''"))
    add_to_pages(tiny, f'```python\n--8<-- "{BLOCK}"\n```\n')
    result = build(tiny)
    assert result.returncode != 0
    assert f"{HELLO}:2: the documented output differs from what the code prints" in result.stderr, result.stderr
    assert "-#> hullo" in result.stderr and "+#> hello" in result.stderr
    assert "--- documented" in result.stderr and "+++ actual" in result.stderr
    assert f"{BLOCK}:4: the documented output differs" in result.stderr
    assert "-secnod" in result.stderr and "+second" in result.stderr
    assert UPDATE_COMMAND in result.stderr


def test_pytest_names_each_failing_snippet_and_updates_the_drifted_ones(tiny):
    """One failed test per snippet, with the build's message; --update-examples rewrites the
    documented output of a drifted snippet, saved as the file was (a byte-order mark, CRLF line
    endings, a form feed; with the final newline it lacked), and leaves as it is a raising one
    and one whose output no rewrite could hold (the rewritten code would not compile)."""
    raising = 'print("hello")\n#> hello\nraise ValueError("on purpose")\n'
    write(tiny, HELLO, raising)
    write(tiny, BLOCK, BLOCK_SOURCE.replace("second\n'''", "secnod\n'''"))
    result = run_example_tests(tiny)
    assert result.returncode == 1, result.stdout
    for snippet in (HELLO, BLOCK):
        assert f"FAILED tests/test_examples.py::test_example_output[{snippet}]" in result.stdout
    assert "2 failed, 1 passed" in result.stdout
    assert f"{HELLO}:3: raised ValueError: on purpose\n" in result.stdout
    assert f"{BLOCK}:4: the documented output differs from what the code prints" in result.stdout
    assert UPDATE_COMMAND in result.stdout
    assert "INTERNALERROR" not in result.stdout + result.stderr
    saved = {
        "snippets/demo/crlf_bom.py": ('\ufeffx = 1\r\n\x0c\r\nprint("hello")\r\n#> hullo\r\n',
                                      '\ufeffx = 1\r\n\x0c\r\nprint("hello")\r\n#> hello\r\n'),
        "snippets/demo/no_final_newline.py": ('print("hello")\n#> hello', 'print("hello")\n#> hello\n'),
        "snippets/demo/quotes.py": ("print(\"a\\n'''\\nb\")\n#> a\n",) * 2,
    }
    for name, (before, _) in saved.items():
        (tiny / name).write_bytes(before.encode("utf-8"))
    admonition = "# Other\n\n!!! note\n\n    ```python\n    print(1)\n    #> 2\n    ```\n"  # its code is indented
    write(tiny, "docs/en/other.md", admonition)
    updated = run_example_tests(tiny, "--update-examples")
    assert "3 failed, 4 passed" in updated.stdout, updated.stdout
    assert "docs/en/other.md:5: not rewritten: its code is not in docs/en/other.md once as it is" in updated.stdout
    assert (tiny / "docs/en/other.md").read_text() == admonition
    assert (tiny / BLOCK).read_text() == BLOCK_SOURCE
    assert (tiny / HELLO).read_text() == raising
    for name, (_, after) in saved.items():
        assert (tiny / name).read_bytes().decode("utf-8") == after, name
    assert "snippets/demo/quotes.py:1: prints output that a ''' block can't hold" in updated.stdout
    assert "Traceback" not in updated.stdout + updated.stderr


@pytest.mark.parametrize(
    "source, line",
    [
        ('x = 1\n# print(x)\n#> 1\n', 3),
        ('if False:\n    print(1)\n    #> 1\n', 3),
        ('def f():\n    print(1)\n    #> 1\n', 3),
        ('print(1)\n#> 1\n#> 2\n', 3),
        ("x = 1\n'''\nnot printed\n'''\n", 2),
    ],
    ids=["commented-out-print", "if-false", "never-called", "extra-line", "output-block"],
)
def test_output_no_print_produced_fails(worker, source, line):
    result = run(worker, source)
    assert not result.ok
    assert result.error.startswith(f"snippets/demo/probe.py:{line}: the documented output differs"), result.error


def test_a_process_that_exits_is_reported_with_its_code_and_own_output(worker):
    result = run(worker, 'import os, sys\nsys.stderr.write("to stderr\\n")\nsys.stderr.flush()\nos._exit(3)\n')
    assert result.error == (
        "snippets/demo/probe.py: the process running it exited with code 3; its last output:\nto stderr"
    )


def test_a_process_killed_by_a_signal_is_reported_with_the_signal(worker):
    result = run(worker, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    assert result.error == (
        "snippets/demo/probe.py: the process running it was killed by signal 9 (SIGKILL) and printed nothing"
    )


def test_a_huge_print_gives_a_short_message(worker):
    result = run(worker, 'print("x" * 50_000_000)\n')
    assert result.error == (
        "snippets/demo/probe.py: printed 50,000,000 characters; a snippet may print at most 1,000,000"
    )


def test_a_huge_write_to_stdout_is_capped(worker):
    result = run(worker, "import sys\nsys.stdout.write('x' * 300_000_000)\n")
    assert result.error == "snippets/demo/probe.py:2: raised OSError: [Errno 27] File too large"


def test_a_plot_snippet_that_draws_nothing_is_named(tiny):
    write(tiny, "snippets/demo/hello_plot.py", "import matplotlib.pyplot as plt\nplt.show()\n")
    result = build(tiny)
    assert result.returncode != 0
    assert (
        "docs/en/page.md: snippets/demo/hello_plot.py drew no figure, but the page shows "
        "figures/demo/hello_plot.svg"
    ) in result.stderr, result.stderr
