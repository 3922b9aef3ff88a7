"""A snippet whose output or figure changes from run to run would change the site from build to
build: `make test` fails naming it and what differed. pytest runs every example a second time,
in its own workers started with another hash seed, and compares what it printed and drew with
what the build published (tests/test_examples.py); `--update-examples` does not rewrite it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from snippet_worker import SNIPPET_ENV
from tiny_fixtures import add_to_pages, run_example_tests, tiny, warm_tiny, write  # noqa: F401

RANDOM_PLOT = "snippets/demo/random_plot.py"
SET_ORDER = "snippets/demo/set_order.py"  # documents what the build's hash seed prints
SET_ORDER_AGAIN = "snippets/demo/set_order_again.py"  # documents what another hash seed prints
# An object's address differs between processes (address-space randomization, the kernel's
# default); so does the process id where a snippet has no process namespace of its own.
PROCESS = "snippets/demo/process.py"
# A set's order follows its strings' hashes, which follow the hash seed.
SET_PRINT = "print(' '.join({'apple', 'banana', 'cherry', 'damson', 'elder'}))\n"
SECOND_RUN = "a second run (PYTHONHASHSEED=1, another process)"


def printed_with_hash_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", SET_PRINT], env=env, capture_output=True, text=True, check=True).stdout


def failure(stdout: str, snippet: str) -> str:
    """The failure message pytest printed for `snippet`'s example test."""
    marker = f"test_example_output[{snippet}] _"
    assert marker in stdout, stdout
    return stdout.split(marker, 1)[1].split("\n___", 1)[0].split("\n=====", 1)[0]


def test_a_snippet_that_differs_between_two_runs_is_named(tiny):
    build_seed = SNIPPET_ENV["PYTHONHASHSEED"]
    assert build_seed != "1"
    in_build, in_second_run = printed_with_hash_seed(build_seed), printed_with_hash_seed("1")
    assert in_build != in_second_run  # else these strings could not show the difference
    write(tiny, RANDOM_PLOT, "import random\n\nimport matplotlib.pyplot as plt\n\nplt.plot([random.random() for _ in range(5)])\nplt.show()\n")
    write(tiny, SET_ORDER, f"{SET_PRINT}#> {in_build}")
    write(tiny, SET_ORDER_AGAIN, f"{SET_PRINT}#> {in_second_run}")
    write(tiny, PROCESS, "import os\n\nprint(os.getpid(), id(object()))\n#> 1 2\n")
    includes = [f'```python\n--8<-- "{name}"\n```\n' for name in (SET_ORDER, SET_ORDER_AGAIN, PROCESS)]
    figure = (  # on a notebook page, a figure comes with its code
        "![A random line](figures/demo/random_plot.svg)\n\n"
        f'??? example "Code"\n\n    ```python\n    --8<-- "{RANDOM_PLOT}"\n    ```\n\n'
    )
    add_to_pages(tiny, figure + "\n".join(includes))
    sources = {name: (tiny / name).read_text(encoding="utf-8") for name in (SET_ORDER, SET_ORDER_AGAIN, PROCESS)}

    for options in ((), ("--update-examples",)):
        result = run_example_tests(tiny, *options)
        assert "4 failed, 2 passed" in result.stdout, result.stdout  # hello and hello_plot pass
        plot = failure(result.stdout, RANDOM_PLOT)
        assert f"{RANDOM_PLOT}: not reproducible: its figure differs between two runs: sha256 " in plot, plot
        assert " in the build, " in plot and f" in {SECOND_RUN}\n" in plot, plot
        printed = failure(result.stdout, SET_ORDER)
        assert f"{SET_ORDER}: not reproducible: what it prints differs between two runs:\n" in printed, printed
        assert f"-#> {in_build}" in printed and f"+#> {in_second_run}" in printed, printed
        again = failure(result.stdout, SET_ORDER_AGAIN)
        assert f"{SET_ORDER_AGAIN}: not reproducible: it failed in the build and passed in {SECOND_RUN}; the build: " in again, again
        assert f"{SET_ORDER_AGAIN}:2: the documented output differs" in again, again
        assert f"-#> {in_second_run}" in again and f"+#> {in_build}" in again, again
        process = failure(result.stdout, PROCESS)
        assert f"{PROCESS}: not reproducible: two runs print different output, neither the documented one:\nthe build: {PROCESS}:4:" in process, process
        assert f"\n{SECOND_RUN}: {PROCESS}:4: the documented output differs" in process, process
        for message in (plot, printed, again, process):
            assert "--update-examples" not in message and "Seed what it draws at random" in message, message
        # --update-examples can't make them right: it leaves them as they are.
        assert {name: (tiny / name).read_text(encoding="utf-8") for name in sources} == sources
