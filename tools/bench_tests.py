"""Test-suite benchmark (`make bench-tests`): what `make test`'s pytest costs, and where the CPU goes.

    python tools/bench_tests.py [--no-write]

It clones the project's committed HEAD into a temporary folder (so with a cold `.cache/`, as a
fresh clone is), links this project's `.venv` into it, and runs `make test`'s pytest there
(`python -m pytest`, pytest.ini's options: every core). Meanwhile it reads /proc twice a second:
the machine's busy and idle time, and the CPU time of every process that pytest started (its
descendants, however deep: Chromium's, the snippet workers', the notebooks' kernels), grouped by
kind. What a process used between the last reading and its end, and what anything else on the
machine used (the kernel's own threads included), is the row "system and the rest": compare the
kinds within one run. A pytest plugin (`bench_tests_plugin.py`) records each test's start, end
and test process, for the time by test folder and the slowest tests.

It prints the figures and, when every test passed, writes them into CONTRIBUTING.md between the
`<!-- bench-tests:start -->` and `<!-- bench-tests:end -->` lines; --no-write leaves it alone.
The target is the one CONTRIBUTING.md states for `make test`: pytest within 180 s.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import markdown_table, number, write_marked  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 180
START, END = "<!-- bench-tests:start -->", "<!-- bench-tests:end -->"
TICK = os.sysconf("SC_CLK_TCK")
# Process kinds, by the program a process runs (its argv, not paths given to it); first match wins.
KINDS = [
    ("Chromium and Playwright's driver", lambda argv, program: "chrom" in program or program == "node" and "playwright" in " ".join(argv[1:2])),
    ("snippet workers (build and tests)", lambda argv, program: any(a.endswith("snippet_worker.py") for a in argv[1:2])),
    ("Jupyter kernels (notebook runs)", lambda argv, program: "ipykernel_launcher" in argv[1:3]),
    ("mkdocs builds", lambda argv, program: argv[1:3] == ["-m", "mkdocs"] or argv[1:2] == ["-c"] and "mkdocs" in argv[2] and "build" in argv[2]),
    ("pytest processes", lambda argv, program: argv[1:3] == ["-m", "pytest"] or "exec(eval(sys.stdin" in " ".join(argv[1:4])),
    ("other Python (tests' helpers)", lambda argv, program: program.startswith("python")),
]
OTHER = "system and the rest"


class Sampler(threading.Thread):
    """Reads /proc every `interval` s until stopped: machine totals, and the CPU time of each
    process descended from `root` (a pid, set once it runs)."""

    def __init__(self, interval: float = 0.5):
        super().__init__(daemon=True)
        self.interval, self.stopped = interval, threading.Event()
        self.root: int | None = None
        self.processes: dict[str, dict] = {}  # "pid-start time" -> {"kind", "cpu"}, descendants only
        self.first = self.last = self.machine()

    @staticmethod
    def machine() -> list[int]:
        with open("/proc/stat") as stat:
            return [int(field) for field in stat.readline().split()[1:]]

    def read(self) -> None:
        seen = {}  # pid -> (key, parent pid, utime + stime, argv)
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    text = stat.read()
                fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "
                key = f"{pid}-{fields[19]}"  # a pid is reused; its start time tells the processes apart
                argv = None
                if key not in self.processes:
                    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                        argv = cmdline.read().decode(errors="replace").split("\0")
                seen[int(pid)] = (key, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, argv)
            except (OSError, ValueError, IndexError):
                continue  # it ended meanwhile
        known = {entry[0] for entry in seen.values() if entry[0] in self.processes}

        def descends(pid: int) -> bool:  # from the root, through processes seen now or before
            for _ in range(64):
                if pid == self.root:
                    return True
                if pid not in seen:
                    return False
                key, parent, _, _ = seen[pid]
                if key in known:
                    return True
                pid = parent
            return False

        for pid, (key, parent, cpu, argv) in seen.items():
            if key in self.processes:
                self.processes[key]["cpu"] = cpu
            elif self.root is not None and pid != self.root and descends(parent):
                self.processes[key] = {"kind": kind_of(argv or []), "cpu": cpu}
                known.add(key)
        self.last = self.machine()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.read()

    def stop(self) -> None:
        self.stopped.set()
        self.join()

    def busy_idle(self) -> tuple[float, float]:
        """Core-seconds busy (user, nice, system, irq, softirq) and idle (idle, iowait)."""
        delta = [b - a for a, b in zip(self.first, self.last)]
        return (delta[0] + delta[1] + delta[2] + delta[5] + delta[6]) / TICK, (delta[3] + delta[4]) / TICK

    def by_kind(self) -> dict[str, float]:
        totals = collections.Counter()
        for process in self.processes.values():
            totals[process["kind"]] += process["cpu"]
        return totals


def kind_of(argv: list[str]) -> str:
    program = os.path.basename(argv[0]) if argv else ""
    return next((kind for kind, test in KINDS if test(argv, program)), OTHER)


def run_suite(timeline: Path) -> tuple[float, int, Sampler]:
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as folder:
        clone = Path(folder) / "project"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        (clone / ".venv").symlink_to(ROOT / ".venv")
        env = {**os.environ, "BENCH_TESTS_TIMELINE": str(timeline),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tools"), os.environ.get("PYTHONPATH")]))}
        sampler = Sampler()
        started = time.monotonic()
        pytest = subprocess.Popen([str(clone / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   "-p", "bench_tests_plugin"], cwd=clone, env=env)
        sampler.root = pytest.pid
        sampler.start()
        code = pytest.wait()
        wall = time.monotonic() - started
        sampler.stop()
    return wall, code, sampler


def group_of(test_id: str) -> str:
    path = test_id.split("::")[0]
    return path.rsplit("/", 1)[0] + "/" if path.count("/") > 1 else path


def figures_markdown(wall: float, code: int, sampler: Sampler, tests: list[dict]) -> str:
    busy, idle = sampler.busy_idle()
    kinds = sampler.by_kind()
    kinds[OTHER] += max(0.0, busy - sum(kinds.values()))
    status = "ok" if wall <= TARGET_S else "MISSED"
    summary = [
        ["pytest, wall s", number(wall, 1), f"<= {TARGET_S}", status],
        ["tests run (passed or not)", str(len(tests)), "", "passed" if code == 0 else f"pytest exit {code}"],
        ["CPU busy, core-s", number(busy, 0), "", f"{busy / wall:.2f} cores of {os.cpu_count()}"],
        ["CPU idle, core-s", number(idle, 0), "", ""],
    ]
    by_kind = [[kind, number(seconds, 0), f"{100 * seconds / busy:.0f}%"] for kind, seconds in kinds.most_common()]
    groups = collections.defaultdict(lambda: [0.0, 0])
    for test in tests:
        groups[group_of(test["id"])][0] += test["end"] - test["start"]
        groups[group_of(test["id"])][1] += 1
    by_group = [[f"`{group}`", str(n), number(seconds, 0)] for group, (seconds, n) in sorted(groups.items(), key=lambda g: -g[1][0])]
    slowest = [[f"`{t['id']}`", number(t["end"] - t["start"], 1)] for t in sorted(tests, key=lambda t: t["start"] - t["end"])[:10]]
    return "\n\n".join([
        f"Measured by `make bench-tests` on {os.cpu_count()} cores: a fresh clone, `.venv` present, cold `.cache/`.",
        markdown_table(["measurement", "value", "target", "status"], summary, "lrrl"),
        markdown_table(["CPU by process kind", "core-s", "share"], by_kind, "lrr"),
        markdown_table(["tests by folder (set-up waits included)", "tests", "test s"], by_group, "lrr"),
        markdown_table(["slowest tests", "s"], slowest, "lr"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true", help="print only; leave CONTRIBUTING.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-tests-timeline-") as folder:
        timeline = Path(folder) / "tests.jsonl"
        wall, code, sampler = run_suite(timeline)
        tests = [json.loads(line) for line in timeline.read_text(encoding="utf-8").splitlines()] if timeline.exists() else []
    text = figures_markdown(wall, code, sampler, tests)
    print("\n" + text)
    if code != 0 or not tests:
        print("\nnot written into CONTRIBUTING.md: the suite did not pass")
    elif not args.no_write:
        write_marked(text, START, END)
    sys.exit(code if code >= 0 else 128 - code)  # killed by signal N: 128 + N, as a shell says


if __name__ == "__main__":
    main()
