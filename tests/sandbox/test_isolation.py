"""Each snippet runs as if it were the only one: nothing one snippet changes (Keras, NumPy and
matplotlib settings, seeds, sys.path, the environment, monkeypatched modules) reaches the next,
in the worker, in the build and in pytest; and what the build shows does not depend on how many
workers ran it.
"""

from __future__ import annotations

import pytest

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, mkdocs_build, tiny_project
from layout import snippet_figure
from tiny_fixtures import add_to_pages, build, executed, run_example_tests, tiny, warm_tiny, write  # noqa: F401
from worker_fixtures import run, worker  # noqa: F401

SETTER = """\
import os, sys
import keras
import matplotlib
import numpy as np
keras.config.set_floatx("float64")
keras.config.set_epsilon(1e-3)
keras.config.set_image_data_format("channels_first")
np.set_printoptions(precision=2)
np.seterr(all="raise")
np.random.seed(1)
keras.utils.set_random_seed(1)
matplotlib.rcParams["lines.linewidth"] = 9
sys.path.insert(0, "/nowhere")
os.environ["LEAK"] = "1"
np.mean = lambda *args, **kwargs: 42
print("set")
#> set
"""
READER = """\
import os, sys
import keras
import matplotlib
import numpy as np
print(keras.config.floatx(), keras.config.epsilon())
#> float32 1e-07
print(keras.config.image_data_format())
#> channels_last
print(np.array([1 / 3]), np.mean([1, 3]))
#> [0.33333333] 2.0
print(np.random.rand() < 1, os.environ.get("LEAK"), "/nowhere" in sys.path)
#> True None False
print(matplotlib.rcParams["lines.linewidth"])
#> 1.5
"""


def test_state_leaks_in_one_plain_process(tmp_path):
    """The pair detects a leak: run in one process, the reader prints something else."""
    setter, reader = write(tmp_path, "setter.py", SETTER), write(tmp_path, "reader.py", READER)
    program = (
        "import runpy, sys\n"
        f"runpy.run_path({str(setter)!r})\n"
        f"runpy.run_path({str(reader)!r})\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert "float64 0.001" in out.stdout and "[0.33]" in out.stdout, out.stdout + out.stderr


def test_each_snippet_runs_as_if_alone_in_the_worker(worker):
    plot = "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.show()\n"
    alone = run(worker, plot, "snippets/demo/line_plot.py")
    assert run(worker, SETTER).ok
    after = run(worker, READER)
    assert after.ok, after.error
    assert run(worker, plot, "snippets/demo/line_plot.py").figure == alone.figure


@pytest.mark.long
def test_each_snippet_runs_as_if_alone_in_the_build(tiny):
    write(tiny, "snippets/demo/a_setter.py", SETTER)
    write(tiny, "snippets/demo/b_reader.py", READER)
    add_to_pages(tiny, '```python\n--8<-- "snippets/demo/a_setter.py"\n```\n\n```python\n--8<-- "snippets/demo/b_reader.py"\n```\n')
    result = build(tiny, SNIPPET_WORKERS="1")  # one worker: the setter runs right before the reader
    assert result.returncode == 0, result.stderr
    assert executed(tiny) == ["snippets/demo/a_setter.py", "snippets/demo/b_reader.py"]


@pytest.mark.long
def test_each_snippet_runs_as_if_alone_in_pytest(tiny):
    """pytest (another order, its own worker) agrees."""
    write(tiny, "snippets/demo/a_setter.py", SETTER)
    write(tiny, "snippets/demo/b_reader.py", READER)
    result = run_example_tests(tiny)
    assert result.returncode == 0, result.stdout
    assert "4 passed" in result.stdout, result.stdout  # hello, hello_plot, setter, reader


@pytest.mark.long
def test_outputs_and_figures_do_not_depend_on_the_number_of_workers(tmp_path):
    """The plot snippets of the site, cold, with one worker and with two: the same bytes. (Those
    that train a model first are left out: what they add is training time, and they draw the
    same way as the others.)"""
    plots = [p for p in sorted((ROOT / "snippets").rglob("*_plot.py")) if ".fit(" not in p.read_text(encoding="utf-8")]
    trees = []
    for workers in ("1", "2"):
        project = tiny_project(tmp_path / f"workers-{workers}")
        markdown = []
        for snippet in plots:
            name = snippet.relative_to(ROOT).as_posix()
            write(project, name, snippet.read_text(encoding="utf-8"))
            figure = snippet_figure(name)
            markdown.append(f'![{snippet.stem}]({figure})\n\n```python\n--8<-- "{name}"\n```\n')
        for language in ("zh", "en"):
            write(project, f"docs/{language}/plots.md", "# Plots\n\n" + "\n".join(markdown))
        site = tmp_path / f"site-{workers}"
        result = mkdocs_build(project, site, SNIPPET_WORKERS=workers, SOURCE_DATE_EPOCH="1700000000")
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    different = [str(path) for path in trees[0] if trees[0][path] != trees[1][path]]
    assert not different, different
    drawn = {Path(snippet_figure(p.relative_to(ROOT).as_posix())) for p in plots}
    assert len(plots) >= 5 and drawn <= trees[0].keys(), sorted(drawn - trees[0].keys())
