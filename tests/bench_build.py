"""Build-speed benchmark (`make bench`): what a build costs, against the floor of the work itself.

In a temporary copy of the project it measures, each as the median of --runs runs:

  floor exec   one Python process that executes every snippet the pages use, once
  warm         `mkdocs build --strict` served entirely from .cache/ (nothing changed)
  off          the same build with snippet execution switched off (SNIPPETS=off, not strict:
               same pages and notebooks, no outputs or figures; measured with its own caches warm)
  cold         the build with no .cache/
  one snippet  the build after a comment was added to one snippet
  prose        the build after a sentence was added to one page
  serve        `mkdocs serve`: from saving a prose edit to the new text being served
  cold without training
               the cold build of a copy without the training chapter (its pages and snippets),
               so that `cold` minus this is what the chapter adds to a cold build
  training exec
               the training chapter's snippets run as plain programs (runpy, Agg backend, no
               sandbox or checks) in one process, minus the same process that only imports
               TensorFlow, Keras and matplotlib

and prints wall time, peak memory (RSS of the whole process tree), how many snippets each build
executed, and the ratios that issue #4 sets as targets.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import build_env, copy_project  # noqa: E402

FLOOR_SCRIPT = """
import runpy, sys
sys.path.insert(0, "hooks")
import snippet_runner
from pathlib import Path
used, _ = snippet_runner.find_used_snippets(Path("docs"))
out = Path(sys.argv[1])
for rel in used:
    path = snippet_runner.REPO_ROOT / rel
    with snippet_runner.snippet_sandbox():
        runpy.run_path(str(path), run_name="__main__")
        snippet_runner.save_figures(path, out)
print(len(used), "snippets")
"""

# The chapter whose cost is measured on its own: it trains models, so it is the expensive one.
TRAINING_CHAPTER = "losses-in-training"
TRAINING_SNIPPETS = "snippets/losses_in_training"
PLAIN_SCRIPT = """
import runpy, sys, time
import keras, matplotlib, tensorflow
matplotlib.use("Agg")
import matplotlib.pyplot as plt
started = time.perf_counter()
for path in sys.argv[1:]:
    runpy.run_path(path, run_name="__main__")
    plt.close("all")
print(f"{time.perf_counter() - started:.3f} s")
"""


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, TypeError):
            continue
    return total


def measure(cmd: list[str], cwd: Path, **env: str) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak MiB of its process tree, stderr+stdout)."""
    full_env = build_env(**env)
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = proc.communicate()[0]
    elapsed = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0 and env.get("SNIPPETS") != "off":
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output}")
    return elapsed, peak / 1024, output


def executed(output: str) -> int:
    match = re.search(r"snippets: (\d+) executed", output)
    return int(match[1]) if match else 0


def build(project: Path, site: Path, strict: bool = True, **env: str):
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    return measure(cmd + (["--strict"] if strict else []), project, **env)


def serve_latency(project: Path, port: int = 8765, timeout: float = 30) -> float:
    """Seconds from saving a prose edit to `mkdocs serve` serving the new text."""
    env = build_env()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/"
    try:
        _wait_for(url, lambda body: True, timeout)
        marker = f"Benchmark marker {time.time_ns()}"
        page = project / "docs" / "en" / "index.md"
        saved = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        _wait_for(url, lambda body: marker in body, timeout)
        return time.perf_counter() - saved
    finally:
        server.terminate()
        server.wait()


def _wait_for(url: str, condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if condition(response.read().decode("utf-8")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show the change within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        site = tmp / "site"
        cache = project / ".cache"
        results: dict[str, list[tuple[float, float, int]]] = {}

        def record(name, elapsed, peak, output):
            results.setdefault(name, []).append((elapsed, peak, executed(output)))

        for run in range(args.runs):
            figures = tmp / f"floor-{run}"
            figures.mkdir()
            elapsed, peak, output = measure([sys.executable, "-c", FLOOR_SCRIPT, str(figures)], project)
            results.setdefault("floor exec", []).append((elapsed, peak, int(output.split()[-2])))

            shutil.rmtree(cache, ignore_errors=True)
            record("cold", *build(project, site))
            record("warm", *build(project, site))
            build(project, site, strict=False, SNIPPETS="off")  # its own notebook renders, cached
            record("off", *build(project, site, strict=False, SNIPPETS="off"))

            snippet = project / "snippets" / "loss_functions" / "huber.py"
            snippet.write_text(snippet.read_text(encoding="utf-8") + f"# benchmark edit {run}\n", encoding="utf-8")
            record("one snippet", *build(project, site))

            page = project / "docs" / "zh" / "loss-functions.md"
            page.write_text(page.read_text(encoding="utf-8") + f"\n基准测试修改 {run}。\n", encoding="utf-8")
            record("prose", *build(project, site))

        serve = [serve_latency(project) for _ in range(args.runs)]

        # What the training chapter adds: the same cold build without it (links to it become
        # plain text), and its snippets as plain programs.
        without = copy_project(tmp / "without-training")
        for lang in ("zh", "en"):
            (without / "docs" / lang / f"{TRAINING_CHAPTER}.md").unlink()
            for page in (without / "docs" / lang).glob("*.md"):
                text = page.read_text(encoding="utf-8")
                text = re.sub(rf"\[([^\]]*)\]\({TRAINING_CHAPTER}\.md[^)]*\)", r"\1", text)
                page.write_text(text, encoding="utf-8")
        shutil.rmtree(without / TRAINING_SNIPPETS)
        training_snippets = sorted(str(p) for p in (project / TRAINING_SNIPPETS).glob("*.py"))
        for run in range(args.runs):
            shutil.rmtree(without / ".cache", ignore_errors=True)
            record("cold without training", *build(without, tmp / "site-without"))
            output = measure([sys.executable, "-c", PLAIN_SCRIPT, *training_snippets], project)[2]
            exec_s = float(output.split()[-2])
            results.setdefault("training exec", []).append((exec_s, 0, len(training_snippets)))

    def median(name, column):
        return statistics.median(row[column] for row in results[name])

    floor_time = median("floor exec", 0) + median("warm", 0)
    floor_peak = median("floor exec", 1)
    print(f"\nmedian of {args.runs} runs, {os.cpu_count()} cores")
    print(f"{'measurement':<24}{'wall s':>9}{'peak MiB':>10}{'executed':>10}")
    for name in ("floor exec", "cold", "warm", "off", "one snippet", "prose", "cold without training"):
        print(f"{name:<24}{median(name, 0):>9.2f}{median(name, 1):>10.0f}{median(name, 2):>10.0f}")
    print(f"{'training exec (plain)':<24}{median('training exec', 0):>9.2f}{'':>10}{median('training exec', 2):>10.0f}")
    print(f"{'serve (prose)':<24}{statistics.median(serve):>9.2f}")
    training_added = median("cold", 0) - median("cold without training", 0)

    checks = [
        ("cold / floor (exec + warm build)", median("cold", 0) / floor_time, 1.2),
        ("warm / execution off", median("warm", 0) / median("off", 0), 1.1),
        ("cold peak memory / floor peak", median("cold", 1) / floor_peak, 1.5),
        ("serve: prose edit visible, s", statistics.median(serve), 2.0),
        ("training chapter adds to cold, s", training_added, 15.0),
    ]
    counts = [
        ("warm build executes", median("warm", 2), 0),
        ("one-snippet edit executes", median("one snippet", 2), 1),
        ("prose edit executes", median("prose", 2), 0),
    ]
    print()
    for label, value, limit in checks:
        print(f"{label:<36}{value:>7.2f}  target <= {limit:<5} {'ok' if value <= limit else 'MISSED'}")
    for label, value, wanted in counts:
        print(f"{label:<36}{value:>7.0f}  target == {wanted:<5} {'ok' if value == wanted else 'MISSED'}")


if __name__ == "__main__":
    main()
