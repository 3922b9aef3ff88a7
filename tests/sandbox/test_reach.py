"""What a hostile snippet tries, and what stops it (hooks/snippet_confinement.py): it cannot
change the repository's files or their metadata, write outside its folder, reach the network,
read the build's environment or root's files, signal the worker that times it or the build, forge
a result, exhaust memory, processes or CPU, or outlive the build. Each probe is one a reviewer
ran against the build; most run in one worker that imports no TensorFlow (a second each).
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import ROOT, build_env
from tiny_fixtures import REPORT, add_to_pages, build, report, tiny, warm_tiny, write  # noqa: F401
from worker_fixtures import python_worker, run_job  # noqa: F401

HELLO = "snippets/demo/hello.py"


def test_the_repository_and_its_metadata_are_read_only(python_worker, tmp_path):
    target = ROOT / "mkdocs.yml"
    before = target.stat()
    source = (
        "import os\n"
        "refused = []\n"
        f"for change in (lambda: os.chmod({str(target)!r}, 0o777), lambda: os.utime({str(target)!r}, (0, 0)),\n"
        f"               lambda: open({str(target)!r}, 'a').write('x'), lambda: os.rename({str(target)!r}, '/tmp/x'),\n"
        "               lambda: open('/tmp/snippet-leak', 'w'), lambda: open('/dev/shm/snippet-leak', 'w').write('x')):\n"
        "    try:\n"
        "        change()\n"
        "        refused.append(False)\n"
        "    except OSError:\n"
        "        refused.append(True)\n"
        "print(refused)\n"
        "#> [True, True, True, True, True, False]\n"
    )
    result = run_job(python_worker, source)
    assert result.ok, result.error  # its /dev/shm is its own: written, and gone with it
    after = target.stat()
    assert (after.st_mode, after.st_mtime_ns, after.st_size) == (before.st_mode, before.st_mtime_ns, before.st_size)
    assert not Path("/tmp/snippet-leak").exists() and not Path("/dev/shm/snippet-leak").exists()


def test_no_network_unless_the_snippet_says_so(python_worker):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"reached")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/probe"
        source = f"import urllib.request\nprint(urllib.request.urlopen({url!r}, timeout=5).read())\n#> b'reached'\n"
        refused = run_job(python_worker, source)
        assert not refused.ok and "raised URLError" in refused.error, refused.error
        assert requests == []
        allowed = run_job(python_worker, "# snippet-needs: network\n" + source)
        assert allowed.ok, allowed.error
        assert requests == ["/probe"]
    finally:
        server.shutdown()


def test_the_build_environment_and_root_files_are_out_of_reach(tmp_path, monkeypatch):
    """The worker (whose memory a snippet shares) starts with an allow-listed environment, and
    /proc shows only the snippet's own processes."""
    import snippet_pool
    import snippet_worker

    monkeypatch.setenv("DEPLOY_TOKEN", "s3cr3t-value")
    worker = snippet_pool.Worker(snippet_worker.Runtime(tensorflow=False))
    try:
        source = (
            "import os, pathlib\n"
            "found = 's3cr3t-value' in repr(os.environ)\n"
            "for environ in pathlib.Path('/proc').glob('*/environ'):\n"
            "    try:\n"
            "        found = found or b's3cr3t-value' in environ.read_bytes()\n"
            "    except OSError:\n"
            "        pass\n"
            "print(found, sorted(int(p.name) for p in pathlib.Path('/proc').iterdir() if p.name.isdigit()))\n"
            "#> False [1, 2]\n"
            "try:\n"
            "    open('/etc/shadow').read()\n"
            "except PermissionError:\n"
            "    print('refused')\n"
            "    #> refused\n"
        )
        result = run_job(worker, source)
        assert result.ok, result.error
    finally:
        worker.close()


def test_a_snippet_cannot_stop_the_worker_that_times_it(python_worker):
    """It signals every process it can name (its parent, every pid, its group); the worker still
    stops it at its timeout, and serves the next job."""
    source = (
        "import os, signal, time\n"
        "for target in (os.getppid(), 0, -1, *range(1, 4)):\n"
        "    try:\n"
        "        os.kill(target, signal.SIGSTOP)\n"
        "    except OSError:\n"
        "        pass\n"
        "time.sleep(600)\n"
    )
    result = run_job(python_worker, source, timeout=3)
    assert result.error == "snippets/demo/probe.py: timed out after 3 s (SNIPPET_TIMEOUT=3)"
    assert run_job(python_worker, 'print("next")\n#> next\n').ok


def test_a_snippet_cannot_forge_its_result(python_worker):
    """It writes a passing answer, in the worker's format and as a report, into every
    descriptor it has, and prints what its line does not document: it fails. The worker's pipes
    (its jobs, its answers to the build) are not among its descriptors."""
    forged = json.dumps({"ok": True, "error": "", "stdout": "2\n", "figure": None, "expected": None,
                         "seconds": 0.0, "worker": None})
    source = (
        "import os\n"
        "print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))\n"
        "#> [0, 1, 2, 3]\n"
        f"for line in ({forged!r}, '{{\"result\": ' + {forged!r} + '}}'):\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            os.write(fd, line.encode() + b'\\n')\n"
        "        except OSError:\n"
        "            pass\n"
        "print(1)\n"
        "#> 2\n"
    )
    result = run_job(python_worker, source)
    assert not result.ok and result.error.startswith("snippets/demo/probe.py"), result.error
    assert run_job(python_worker, 'print("next")\n#> next\n').ok  # the worker's pipes are intact


@pytest.mark.parametrize(
    ("source", "job", "message"),
    [
        ("import numpy\nnumpy.ones(2**30 // 8 * 2)\n", {"memory_mb": 256},
         "snippets/demo/probe.py:2: raised MemoryError: Unable to allocate 2.00 GiB for an array with shape "
         "(268435456,) and data type float64 (it reached the memory limit: SNIPPET_MEMORY_MB=256)"),
        ("import os, time\nfor _ in range(64):\n    if os.fork() == 0:\n        time.sleep(30)\n        os._exit(0)\n",
         {"processes": 16},
         "snippets/demo/probe.py:3: raised BlockingIOError: [Errno 11] Resource temporarily unavailable "
         "(it reached the process limit: SNIPPET_PROCESSES=16)"),
        ("while True:\n    pass\n", {"cpu_seconds": 1},
         "snippets/demo/probe.py: the process running it was stopped at its CPU time limit, 1 s "
         "(SNIPPET_CPU_SECONDS=1), and printed nothing"),
    ],
    ids=["memory", "processes", "cpu"],
)
def test_each_limit_gives_one_line(python_worker, source, job, message):
    result = run_job(python_worker, source, timeout=30, **job)
    assert result.error == message


# `mkdocs ...` as a terminal starts it, where Ctrl-C raises KeyboardInterrupt. A command that a
# shell script starts in the background (`make test &`) inherits SIGINT ignored, and Python then
# leaves it ignored: the build would rightly go on, and this test would wait for nothing.
AS_FROM_A_TERMINAL = (
    "import runpy, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "sys.argv[0] = 'mkdocs'\n"
    "runpy.run_module('mkdocs', run_name='__main__', alter_sys=True)\n"
)


def _alive(marker: str) -> list[str]:
    return subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()


@pytest.mark.parametrize(
    ("stop", "to_a_thread"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "Ctrl-C", "Ctrl-C-on-a-worker-thread"],
)
def test_every_snippet_process_dies_with_the_build(tiny, stop, to_a_thread):
    """The snippet undoes what it can (its parent-death signal, its session) and starts a process
    of its own; the build is killed mid-run; nothing of the snippet is left. The kernel gives a
    process's signal to any thread that does not block it (rarely, not the main one): sent to the
    newest thread, the one that waits for the snippet's worker, a Ctrl-C stops the build too."""
    marker = f"{time.time_ns()}"
    write(tiny, HELLO, (
        "import ctypes, os, subprocess, time\n"
        "ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)\n"
        "try:\n    os.setsid()\nexcept OSError:\n    pass\n"
        f"subprocess.Popen(['sleep', '600.{marker}'], start_new_session=True)\n"
        "time.sleep(600)\n"
    ))
    (tiny / ".cache" / REPORT).unlink(missing_ok=True)
    log = tiny.parent / "build-stderr.txt"
    with open(log, "w") as stderr:  # faulthandler: a build that does not stop is made to say where it is
        process = subprocess.Popen(
            [sys.executable, "-c", AS_FROM_A_TERMINAL, "build", "--strict", "--site-dir", str(tiny.parent / "site")],
            cwd=tiny, env=build_env(SNIPPET_WORKERS="1", PYTHONFAULTHANDLER="1"), stdout=subprocess.DEVNULL, stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 120
        while not _alive(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive(marker), "the snippet's process never started"
        if to_a_thread:  # kill() with a thread's id: that thread's signal, if it does not block it
            threads = sorted(int(tid) for tid in os.listdir(f"/proc/{process.pid}/task"))
            assert len(threads) > 1, threads
            os.kill(threads[-1], stop)
        else:
            process.send_signal(stop)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
            process.wait(timeout=30)
            pytest.fail(f"the build did not stop within 60 s of {stop.name}; its threads then:\n"
                        + log.read_text(errors="replace")[-6000:], pytrace=False)
        deadline = time.monotonic() + 10
        while _alive(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive(marker) == []
    finally:
        process.kill()
        subprocess.run(["pkill", "-KILL", "-f", marker])


def test_the_build_says_what_its_sandbox_lacks(tiny):
    """On a machine without namespaces or Landlock (here: told not to use them), the build says
    once, in words, what a snippet can do, and the report records it."""
    write(tiny, HELLO, 'print("hello")\n#> hello\n# a change, so that it runs\n')
    result = build(tiny, SNIPPET_SANDBOX_WITHOUT="namespaces,landlock")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "snippet sandbox:" in line]
    assert len(lines) == 1, result.stderr
    assert "Less than it should be: a snippet can write to any file its user may write" in lines[0]
    assert "reach the network" in lines[0] and "signal the build's processes" in lines[0]
    sandbox = report(tiny)["sandbox"]
    assert [(s["namespaces"], s["landlock"]) for s in sandbox] == [(False, 0)]
    full = build(tiny)  # nothing ran: nothing to say
    assert "snippet sandbox:" not in full.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="becomes another user to show the non-root path")
def test_a_build_that_is_not_root_confines_through_a_user_namespace(tmp_path):
    """As a user without privileges (here `nobody`, which this test becomes in a forked process
    that can still reach Python and the project), the worker puts each snippet into a user
    namespace of its own, with the same read-only file system, network and process limits."""
    import snippet_confinement
    import snippet_pool
    import snippet_worker

    import tempfile

    own = Path(tempfile.mkdtemp(dir="/tmp")) / "owned.txt"  # the user's own file: writable but for the sandbox
    own.write_text("x")
    for path in (own, own.parent):
        os.chown(path, 65534, 65534)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        answer = {}
        try:
            os.close(read_end)
            snippet_confinement._unshare(snippet_confinement.CLONE_NEWNS)
            snippet_confinement._mount(None, "/", None, snippet_confinement.MS_REC | snippet_confinement.MS_PRIVATE)
            snippet_confinement._expose(tuple(os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, ROOT)))
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.environ["TMPDIR"] = "/tmp"
            worker = snippet_pool.Worker(snippet_worker.Runtime(tensorflow=False))
            source = (
                "refused = []\n"
                f"for path in ('/etc/shadow', {str(own)!r}):\n"
                "    try:\n"
                "        open(path, 'a')\n"
                "    except OSError as error:\n"
                "        refused.append(error.strerror)\n"
                "print(refused)\n"
                "#> ['Permission denied', 'Read-only file system']\n"
            )
            answer["result"] = run_job(worker, source).error
            answer["confinement"] = worker.confinement
            worker.close()
        except BaseException as exc:  # noqa: BLE001 - told to the test
            answer["exception"] = repr(exc)
        finally:
            os.write(write_end, json.dumps(answer).encode())
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as stream:
        answer = json.loads(stream.read())
    os.waitpid(pid, 0)
    assert own.read_text() == "x"
    shutil.rmtree(own.parent)
    assert "exception" not in answer, answer
    assert answer["result"] == "", answer["result"]
    confinement = answer["confinement"]
    assert (confinement["namespaces"], confinement["user_namespace"], confinement["user"]) == (True, True, "nobody")
