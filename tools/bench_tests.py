"""Test-suite benchmark (`make bench-tests`): what `make test`'s pytest costs, and where the CPU goes.

    python tools/bench_tests.py [--no-write]

It clones the project's committed HEAD into a temporary folder (so with a cold `.cache/`, as a
fresh clone is), links this project's `.venv` into it, and runs `make test`'s pytest there
(`python -m pytest`, pytest.ini's options: every core). Meanwhile it reads /proc twice a second:
the machine's busy and idle time, and the CPU time of every process it sees, grouped by kind
(Chromium, snippet workers, Jupyter kernels, mkdocs builds, ...). A process that lives less than
half a second between two readings is counted only when a parent that was read waited for it,
and the kernel's own threads and anything else on the machine count as "system and the rest":
compare the kinds within one run. A pytest plugin (`bench_tests_plugin.py`) records each test's
start, end and test process, for the time by test folder and the slowest tests.

It prints the figures and writes them into CONTRIBUTING.md between the
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
# Process kinds, by what their command line holds (first match wins).
KINDS = [
    ("Chromium (browser tests, PDF)", ("chrom",)),
    ("snippet workers (build and tests)", ("snippet_worker",)),
    ("Jupyter kernels (notebook runs)", ("ipykernel",)),
    ("mkdocs builds", ("mkdocs build", "mkdocs\", \"build")),
    ("pytest processes", ("pytest", "exec(eval(sys.stdin")),
    ("other Python (tests' helpers)", ("python",)),
]
OTHER = "system and the rest"


class Sampler(threading.Thread):
    """Reads /proc every `interval` s until stopped: machine totals and each process's CPU time."""

    def __init__(self, interval: float = 0.5):
        super().__init__(daemon=True)
        self.interval, self.stopped = interval, threading.Event()
        self.processes: dict[str, dict] = {}  # "pid-start time" -> {"kind", "cpu"}
        self.first = self.last = self.machine()

    @staticmethod
    def machine() -> list[int]:
        with open("/proc/stat") as stat:
            return [int(field) for field in stat.readline().split()[1:]]

    def read(self) -> None:
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    text = stat.read()
                fields = text[text.rindex(")") + 2 :].split()
                key = f"{pid}-{fields[19]}"
                if key not in self.processes:
                    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                        command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
                    self.processes[key] = {"kind": kind_of(command or text), "cpu": 0.0}
                self.processes[key]["cpu"] = (int(fields[11]) + int(fields[12])) / TICK
            except (OSError, ValueError, IndexError):
                continue  # it ended meanwhile
        self.last = self.machine()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.read()

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.read()

    def busy_idle(self) -> tuple[float, float]:
        delta = [b - a for a, b in zip(self.first, self.last)]
        return sum(delta[:3] + delta[5:8]) / TICK, sum(delta[3:5]) / TICK  # (user..steal), (idle+iowait)

    def by_kind(self) -> dict[str, float]:
        totals = collections.Counter()
        for process in self.processes.values():
            totals[process["kind"]] += process["cpu"]
        return totals


def kind_of(command: str) -> str:
    return next((kind for kind, marks in KINDS if any(mark in command for mark in marks)), OTHER)


def run_suite(timeline: Path) -> tuple[float, int, Sampler]:
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as folder:
        clone = Path(folder) / "project"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        (clone / ".venv").symlink_to(ROOT / ".venv")
        env = {**os.environ, "BENCH_TESTS_TIMELINE": str(timeline),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tools"), os.environ.get("PYTHONPATH")]))}
        sampler = Sampler()
        sampler.start()
        started = time.monotonic()
        result = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "-p", "bench_tests_plugin"], cwd=clone, env=env)
        wall = time.monotonic() - started
        sampler.stop()
    return wall, result.returncode, sampler


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
    if not args.no_write:
        write_marked(text, START, END)
    sys.exit(code)


if __name__ == "__main__":
    main()
