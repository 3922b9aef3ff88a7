"""The build never shows something false: one test (or more) per way it could.

Most faults are checked where they are handled: in the worker that runs a snippet
(snippet_worker.py, through the same `Worker` the build uses), in the cache
(snippet_scheduler.py), or by building a small project with the real hooks and configuration
(`helpers.tiny_project`), a few seconds a build. The numbers are the classes of the issue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import snippet_scheduler
from snippet_scheduler import Snippet
from tiny_fixtures import add_to_pages, build, executed, run_example_tests, tiny, warm_tiny, write  # noqa: F401


@pytest.fixture(scope="module")
def worker():
    worker = snippet_scheduler.Worker()
    yield worker
    worker.close()


def run(worker, source: str, name: str = "snippets/demo/probe.py", timeout: float = 60) -> dict:
    snippet = Snippet(name=name, source=source, path=Path(name))
    return worker.run(snippet_scheduler.job_for(snippet, timeout))


# 1. State leaks ------------------------------------------------------------------------------

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


def test_1_state_leaks_in_one_plain_process(tmp_path):
    """The pair detects a leak: run in one process, the reader prints something else."""
    setter, reader = write(tmp_path, "setter.py", SETTER), write(tmp_path, "reader.py", READER)
    program = (
        "import runpy, sys\n"
        f"runpy.run_path({str(setter)!r})\n"
        f"runpy.run_path({str(reader)!r})\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert "float64 0.001" in out.stdout and "[0.33]" in out.stdout, out.stdout + out.stderr


def test_1_each_snippet_runs_as_if_alone_in_the_worker(worker):
    plot = "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.show()\n"
    alone = run(worker, plot, "snippets/demo/line_plot.py")
    assert run(worker, SETTER)["ok"]
    after = run(worker, READER)
    assert after["ok"], after["error"]
    assert run(worker, plot, "snippets/demo/line_plot.py")["figure"] == alone["figure"]


def test_1_each_snippet_runs_as_if_alone_in_the_build(tiny):
    write(tiny, "snippets/demo/a_setter.py", SETTER)
    write(tiny, "snippets/demo/b_reader.py", READER)
    add_to_pages(tiny, '```python\n--8<-- "snippets/demo/a_setter.py"\n```\n\n```python\n--8<-- "snippets/demo/b_reader.py"\n```\n')
    result = build(tiny, SNIPPET_WORKERS="1")  # one worker: the setter runs right before the reader
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == 2


def test_1_each_snippet_runs_as_if_alone_in_pytest(tiny):
    """pytest (another order, its own worker) agrees."""
    write(tiny, "snippets/demo/a_setter.py", SETTER)
    write(tiny, "snippets/demo/b_reader.py", READER)
    result = run_example_tests(tiny)
    assert result.returncode == 0, result.stdout
    assert "4 passed" in result.stdout, result.stdout  # hello, hello_plot, setter, reader


# 2. The cache stores only what ran -----------------------------------------------------------


def test_2_a_file_changed_during_the_run_is_not_cached(tmp_path):
    path = write(tmp_path, "snippets/demo/changing.py", 'print("old")\n#> old\n')
    snippet = Snippet(name="snippets/demo/changing.py", source=path.read_text(), path=path)
    path.write_text('print("new")\n#> old\n', encoding="utf-8")  # saved after it was read
    cache = tmp_path / "cache"
    report = snippet_scheduler.run_snippets([snippet], cache)
    assert report.executed == [snippet] and not snippet.ok
    assert "changed while the build ran it; nothing was cached" in snippet.error
    assert not [p for p in cache.iterdir() if p.is_dir()]


def test_2_a_snippet_saved_while_the_build_runs_fails_the_build(tiny, tmp_path):
    slow = tiny / "snippets/demo/slow.py"
    # Runs until the file it was read from is saved again (with text that has no `deadline`).
    write(tiny, "snippets/demo/slow.py", (
        "import pathlib, time\n"
        "deadline = time.monotonic() + 120\n"
        f"while 'deadline' in pathlib.Path({str(slow)!r}).read_text() and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        'print("old")\n#> old\n'
    ))
    add_to_pages(tiny, '```python\n--8<-- "snippets/demo/slow.py"\n```\n')
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    def edit_when_running():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(scratch.glob("snippet-*/work/slow.py")):
            time.sleep(0.05)
        slow.write_text('print("new")\n#> old\n', encoding="utf-8")

    editor = threading.Thread(target=edit_when_running)
    editor.start()
    result = build(tiny, TMPDIR=str(scratch))
    editor.join()
    assert result.returncode != 0
    assert "snippets/demo/slow.py: the file changed while the build ran it" in result.stderr, result.stderr
    again = build(tiny)  # the new text runs now, and its wrong output is caught
    assert "snippets/demo/slow.py:2: the documented output differs" in again.stderr, again.stderr


# 3. Every include form, inline blocks, every figure form ---------------------------------------

WRONG = 'print("ran")\n#> not what it prints\n'


INCLUDE_FORMS = {
    "single-quotes": "```python\n--8<-- '{path}'\n```\n",
    "block-form": "```python\n-8<-\n{path}\n-8<-\n```\n",
    "dot-slash": '```python\n--8<-- "./{path}"\n```\n',
    "three-dashes": '```python\n---8<--- "{path}"\n```\n',
    "line-range": '```python\n--8<-- "{path}:1:1"\n```\n',
    "nested-in-markdown": '--8<-- "includes/{name}.md"\n',
}


def test_3_every_include_form_runs(tiny):
    """One page per form, each including its own snippet whose output is wrong: each must run."""
    for name, form in INCLUDE_FORMS.items():
        path = f"snippets/forms/{name.replace('-', '_')}.py"
        write(tiny, path, WRONG)
        write(tiny, f"includes/{name}.md", f'```python\n--8<-- "{path}"\n```\n')
        for language in ("zh", "en"):
            write(tiny, f"docs/{language}/{name}.md", f"# {name}\n\n{form.format(path=path, name=name)}")
    result = build(tiny)
    assert result.returncode != 0
    for name in INCLUDE_FORMS:
        path = f"snippets/forms/{name.replace('-', '_')}.py"
        assert f"docs/en/{name}.md: {path}:2: the documented output differs" in result.stderr, (name, result.stderr)


def test_3_a_python_block_in_a_page_is_checked(tiny):
    for language in ("zh", "en"):
        write(tiny, f"docs/{language}/other.md", f"# Other\n\nText.\n\n```python\n{WRONG}```\n")
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/zh/other.md:7: the documented output differs" in result.stderr, result.stderr
    assert "docs/en/other.md:7: the documented output differs" in result.stderr, result.stderr


FIGURE_FORMS = {
    "titled": '![A line](figures/forms/titled_plot.svg "A title")',
    "reference-style": "![A line][fig]\n\n[fig]: figures/forms/reference_style_plot.svg",
    "html": '<img src="figures/forms/html_plot.svg" alt="A line">',
}


def test_3_every_figure_reference_form_runs_and_is_inlined(tiny):
    for name, reference in FIGURE_FORMS.items():
        write(tiny, f"snippets/forms/{name.replace('-', '_')}_plot.py",
              "import matplotlib.pyplot as plt\nplt.plot([1, 0])\nplt.show()\n")
        for language in ("zh", "en"):
            write(tiny, f"docs/{language}/{name}.md", f"# {name}\n\n{reference}\n")
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    for name in FIGURE_FORMS:
        html = (tiny.parent / "site" / "en" / name / "index.html").read_text(encoding="utf-8")
        assert '<svg role="img" aria-label="A line" class="mpl-figure"' in html, name
        assert "<img" not in html.split("<article", 1)[1].split("</article>")[0], name
    for name in FIGURE_FORMS:
        write(tiny, f"snippets/forms/{name.replace('-', '_')}_plot.py", "raise RuntimeError('drawn wrong')\n")
    broken = build(tiny)
    for name in FIGURE_FORMS:
        path = f"snippets/forms/{name.replace('-', '_')}_plot.py"
        assert f"docs/en/{name}.md: {path}:1: raised RuntimeError: drawn wrong" in broken.stderr, broken.stderr


# 4. `#>` lines that no print produced ---------------------------------------------------------


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
def test_4_output_no_print_produced_fails(worker, source, line):
    result = run(worker, source)
    assert not result["ok"]
    assert result["error"].startswith(f"snippets/demo/probe.py:{line}: the documented output differs"), result["error"]


# 5. Hangs and crashes ------------------------------------------------------------------------


def test_5_a_thread_left_running_is_stopped_by_the_timeout(worker):
    source = "import threading, time\nthreading.Thread(target=time.sleep, args=(600,)).start()\n"
    result = run(worker, source, timeout=2)  # returns: the run ended (the thread sleeps 600 s)
    assert "snippets/demo/probe.py: timed out after 2 s (SNIPPET_TIMEOUT=2)" in result["error"]
    assert "non-daemon threads (Thread-1 (sleep)) still run" in result["error"]


def test_5_pytest_reports_a_raising_snippet_as_one_failed_test(tiny):
    write(tiny, "snippets/demo/hello.py", 'print("hello")\n#> hello\nraise ValueError("on purpose")\n')
    result = run_example_tests(tiny)
    assert "1 failed, 1 passed" in result.stdout, result.stdout
    assert "snippets/demo/hello.py:3: raised ValueError: on purpose" in result.stdout
    assert "INTERNALERROR" not in result.stdout + result.stderr


DAMAGES = ["invalid-json", "missing-key", "figure-deleted", "figure-truncated", "stdout-wrong-type"]


def damage(entry: Path, how: str) -> None:
    result_file = entry / "result.json"
    saved = json.loads(result_file.read_text())
    svg = entry / saved["figure"]["file"]
    if how == "invalid-json":
        result_file.write_text("{", encoding="utf-8")
    elif how == "missing-key":
        del saved["stdout"]
        result_file.write_text(json.dumps(saved), encoding="utf-8")
    elif how == "figure-deleted":
        svg.unlink()
    elif how == "figure-truncated":
        svg.write_bytes(svg.read_bytes()[:100])
    else:
        saved["stdout"] = 5
        result_file.write_text(json.dumps(saved), encoding="utf-8")


def test_5_a_damaged_cache_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("SNIPPET_WORKERS", "1")  # five small plots: one worker process is enough
    snippets = []
    for how in DAMAGES:
        path = write(tmp_path, f"snippets/d/{how.replace('-', '_')}_plot.py",
                     f"import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.title({how!r})\nplt.show()\n")
        snippets.append(Snippet(name=f"snippets/d/{path.name}", source=path.read_text(), path=path))
    cache = tmp_path / "cache"
    first = snippet_scheduler.run_snippets(snippets, cache)
    assert len(first.executed) == len(DAMAGES) and all(s.ok and s.figure for s in snippets)
    figures = {s.name: s.figure.read_bytes() for s in snippets}
    for snippet, how in zip(snippets, DAMAGES):
        damage(cache / snippet.key, how)
    again = [Snippet(name=s.name, source=s.source, path=s.path) for s in snippets]
    second = snippet_scheduler.run_snippets(again, cache)
    assert sorted(s.name for s in second.executed) == sorted(figures), [s.error for s in again]
    for snippet in again:
        assert snippet.ok and snippet.figure.read_bytes() == figures[snippet.name]
    third = [Snippet(name=s.name, source=s.source, path=s.path) for s in snippets]
    assert len(snippet_scheduler.run_snippets(third, cache).cached) == len(DAMAGES)  # rewritten


def test_5_a_partial_include_on_a_notebook_page_is_a_clear_error(tiny):
    add_to_pages(tiny, '```python\n--8<-- "snippets/demo/hello.py:1:1"\n```\n')
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/zh/page.md:" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_5_a_page_that_is_not_utf8_is_named(tiny):
    (tiny / "docs" / "en" / "page.md").write_bytes("# Demo\n\ncaf\xe9\n".encode("latin-1"))
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/en/page.md is not UTF-8" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("variable", ["SNIPPET_TIMEOUT", "SNIPPET_WORKERS"])
def test_5_a_bad_setting_is_named(tiny, variable):
    result = build(tiny, **{variable: "abc"})
    assert result.returncode != 0
    assert f"{variable} must be a positive whole number" in result.stderr or (
        f"{variable} must be a positive number of seconds" in result.stderr
    )
    assert f"{variable} must be a positive" in result.stderr and "Traceback" not in result.stderr, result.stderr


# 6. Messages that say what happened ---------------------------------------------------------


def test_6_a_process_that_exits_is_reported_with_its_code_and_own_output(worker):
    result = run(worker, 'import os, sys\nsys.stderr.write("to stderr\\n")\nsys.stderr.flush()\nos._exit(3)\n')
    assert result["error"] == (
        "snippets/demo/probe.py: the process running it exited with code 3; its last output:\nto stderr"
    )


def test_6_a_process_killed_by_a_signal_is_reported_with_the_signal(worker):
    result = run(worker, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    assert result["error"] == (
        "snippets/demo/probe.py: the process running it was killed by signal 9 (SIGKILL) and printed nothing"
    )


def test_6_a_huge_print_gives_a_short_message(worker):
    result = run(worker, 'print("x" * 50_000_000)\n')
    assert result["error"] == (
        "snippets/demo/probe.py: printed 50,000,000 characters; a snippet may print at most 1,000,000"
    )


def test_6_a_huge_write_to_stdout_is_capped(worker):
    result = run(worker, "import sys\nsys.stdout.write('x' * 300_000_000)\n")
    assert result["error"] == "snippets/demo/probe.py:2: raised OSError: [Errno 27] File too large"


def test_6_a_plot_snippet_that_draws_nothing_is_named(tiny):
    write(tiny, "snippets/demo/hello_plot.py", "import matplotlib.pyplot as plt\nplt.show()\n")
    result = build(tiny)
    assert result.returncode != 0
    assert (
        "docs/en/page.md: snippets/demo/hello_plot.py drew no figure, but the page shows "
        "figures/demo/hello_plot.svg"
    ) in result.stderr, result.stderr


# 7. What the cache key covers ----------------------------------------------------------------


def test_7_two_identical_plot_snippets_and_a_renamed_one(tiny):
    plot = (tiny / "snippets/demo/hello_plot.py").read_text(encoding="utf-8")
    write(tiny, "snippets/demo/twin_plot.py", plot)
    add_to_pages(tiny, '![Twin](figures/demo/twin_plot.svg)\n\n??? example "Code"\n\n    ```python\n    --8<-- "snippets/demo/twin_plot.py"\n    ```\n')
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    site = tiny.parent / "site"
    assert (site / "figures/demo/twin_plot.svg").is_file() and (site / "figures/demo/hello_plot.svg").is_file()
    html = (site / "en/page/index.html").read_text(encoding="utf-8")
    assert 'id="twin_plot-figure_1"' in html and 'id="hello_plot-figure_1"' in html
    # Renamed: the figure takes the new name.
    (tiny / "snippets/demo/twin_plot.py").rename(tiny / "snippets/demo/moved_plot.py")
    for language in ("zh", "en"):
        page = tiny / "docs" / language / "page.md"
        page.write_text(page.read_text(encoding="utf-8").replace("twin_plot", "moved_plot"), encoding="utf-8")
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    html = (site / "en/page/index.html").read_text(encoding="utf-8")
    assert 'id="moved_plot-figure_1"' in html and "twin_plot" not in html


def test_7_the_key_covers_name_python_environment_and_packages(monkeypatch):
    snippet = Snippet(name="snippets/a/x_plot.py", source="print(1)\n")
    renamed = Snippet(name="snippets/a/y_plot.py", source="print(1)\n")
    fingerprint = snippet_scheduler.runtime_fingerprint()
    assert snippet_scheduler.cache_key(snippet, fingerprint) != snippet_scheduler.cache_key(renamed, fingerprint)
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    assert snippet_scheduler.runtime_fingerprint() != fingerprint
    monkeypatch.delenv("KERAS_BACKEND")
    assert snippet_scheduler.runtime_fingerprint() == fingerprint
    monkeypatch.setattr(snippet_scheduler.sys, "version", "3.99.0")
    assert snippet_scheduler.runtime_fingerprint() != fingerprint
    monkeypatch.undo()

    real = snippet_scheduler.installed_distributions()
    assert any(name.startswith("rich-") for name in real)  # model.summary() formats with it
    upgraded = [name.replace("rich-", "rich-0.0.1+", 1) if name.startswith("rich-") else name for name in real]
    monkeypatch.setattr(snippet_scheduler, "installed_distributions", lambda: upgraded)
    assert snippet_scheduler.runtime_fingerprint() != fingerprint


# 8. Reach beyond the sandbox -----------------------------------------------------------------


def test_8_a_snippet_cannot_write_into_the_repository_or_the_site(tiny):
    target = tiny / "docs" / "en" / "injected.md"
    site_target = tiny.parent / "site" / "injected.html"
    write(tiny, "snippets/demo/hello.py", (
        f"open({str(target)!r}, 'w').write('# Injected')\n"
        f"open({str(site_target)!r}, 'w').write('x')\n"
        'print("hello")\n#> hello\n'
    ))
    result = build(tiny)
    assert result.returncode != 0
    assert "snippets/demo/hello.py:1: raised PermissionError" in result.stderr, result.stderr
    assert not target.exists() and not site_target.exists()


def test_8_an_include_outside_snippets_is_rejected_before_anything_runs(tiny):
    outside = tiny.parent / "outside.py"
    outside.write_text('print("ran")\n', encoding="utf-8")
    add_to_pages(tiny, '```python\n--8<-- "snippets/../../outside.py"\n```\n')
    write(tiny, "snippets/demo/hello.py", 'print("hello")\n#> hello\n# edited: would run\n')
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/en/page.md" in result.stderr or "docs/zh/page.md" in result.stderr
    assert "includes 'snippets/../../outside.py', which leaves the repository" in result.stderr, result.stderr
    assert "executed" not in result.stderr  # nothing ran, not even the edited snippet


def test_8_python_included_from_outside_snippets_is_rejected(tiny):
    add_to_pages(tiny, '```python\n--8<-- "hooks/figures.py"\n```\n')
    result = build(tiny)
    assert result.returncode != 0
    assert "includes 'hooks/figures.py', Python from outside snippets/" in result.stderr, result.stderr


def test_8_keyboard_interrupt_in_a_snippet_is_a_failure(worker):
    result = run(worker, "raise KeyboardInterrupt\n")
    assert result == {"ok": False, "error": "snippets/demo/probe.py:1: raised KeyboardInterrupt", "seconds": result["seconds"]}


def test_8_processes_a_snippet_starts_do_not_outlive_it(worker):
    marker = f"{time.time_ns()}"
    source = (
        "import subprocess\n"
        f"subprocess.Popen(['sleep', '600.{marker}'])\n"
        f"subprocess.Popen(['setsid', 'sleep', '601.{marker}'])\n"
        'print("started")\n#> started\n'
    )
    result = run(worker, source)
    assert result["ok"], result["error"]
    time.sleep(0.5)
    alive = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert not alive, f"still running: {alive}"
