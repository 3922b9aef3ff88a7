"""A snippet stays in its sandbox: it writes only in a scratch folder of its own, which the build
removes; it cannot write into the repository or the site; the processes it starts end with it;
and a KeyboardInterrupt it raises fails that snippet only.
"""

from __future__ import annotations

import subprocess
import time

from snippet_records import Result
from tiny_fixtures import build, executed, tiny, warm_tiny, write  # noqa: F401
from worker_fixtures import run, worker  # noqa: F401


def test_a_snippet_writes_only_in_its_own_scratch_folder(tiny, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    site = tiny.parent / "site"
    site.mkdir()  # as after an earlier build: there to be written into
    repository_target, site_target = tiny / "docs" / "en" / "injected.md", site / "injected.html"
    write(tiny, "snippets/demo/hello.py", (
        "import os, pathlib\n"
        "def refused(path):\n"
        "    try:\n"
        "        open(path, 'w').write('# Injected')\n"
        "    except OSError:\n"  # refused: read-only, not permitted, or hidden from it

        "        return True\n"
        "    return False\n"
        f"print(refused({str(repository_target)!r}), refused({str(site_target)!r}))\n"
        "#> True True\n"
        "open('leak.txt', 'w').write('x')\n"
        "pathlib.Path(__file__).with_name('leak_beside_me.txt').write_text('x')\n"
        # It works in a folder `snippet-*` of TMPDIR (the check below looks for what is left there).
        f"print(pathlib.Path.cwd().relative_to({str(scratch)!r}).parts[0].startswith('snippet-'))\n"
        "#> True\n"
        "os.chdir('..')\n"
        'print("hello")\n#> hello\n'
    ))
    before = {p for p in tiny.rglob("*") if ".cache" not in p.parts}
    result = build(tiny, TMPDIR=str(scratch))
    assert result.returncode == 0, result.stderr
    assert executed(tiny) == ["snippets/demo/hello.py"]
    assert not repository_target.exists() and not site_target.exists()
    assert {p for p in tiny.rglob("*") if ".cache" not in p.parts} == before
    assert not list(site.rglob("leak*"))
    assert not list(scratch.glob("snippet-*")), list(scratch.iterdir())


def test_keyboard_interrupt_in_a_snippet_is_a_failure(worker):
    result = run(worker, "raise KeyboardInterrupt\n")
    assert result == Result.failure("snippets/demo/probe.py:1: raised KeyboardInterrupt", seconds=result.seconds, worker=result.worker)


def test_processes_a_snippet_starts_do_not_outlive_it(worker):
    marker = f"{time.time_ns()}"
    source = (
        "import subprocess\n"
        f"subprocess.Popen(['sleep', '600.{marker}'])\n"
        f"subprocess.Popen(['setsid', 'sleep', '601.{marker}'])\n"
        'print("started")\n#> started\n'
    )
    result = run(worker, source)
    assert result.ok, result.error
    time.sleep(0.5)
    alive = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert not alive, f"still running: {alive}"
