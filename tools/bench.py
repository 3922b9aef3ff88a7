"""Build-speed benchmark (`make bench`): what a build costs, against the floor of the work itself.

    python tools/bench.py [--runs N] [--skip-scale] [--no-write]

It prints everything it measured, and writes the summary tables into CONTRIBUTING.md between
the `<!-- bench:start -->` and `<!-- bench:end -->` lines (replacing what was there), with the
machine it ran on and what ran; --no-write leaves CONTRIBUTING.md alone.

The snippets the pages use are found by the benchmark's own scan (an input list only; the
runner is not imported): every `--8<-- "snippets/....py"` include in docs/**/*.md and every
`figures/<chapter>/<name>.svg` reference, whose snippet is snippets/<chapter>/<name>.py.

In a temporary copy of the project it measures, each as the median of --runs runs:

  plain exec   the fair floor: ONE Python process per runtime (Keras 3 on TensorFlow; and, for the
               snippets that choose it at their top, Keras 2 or the JAX backend, each a process
               of its own, one after the other) runs every snippet the pages use the way
               `python snippet.py` would (runpy, run_name "__main__", MPLBACKEND=Agg), saves each
               open matplotlib figure as SVG into a temporary folder and closes them; no sandbox,
               no output check. TensorFlow is imported once, and that import is part of the floor
               (it is the work). Same environment as the build gives snippets
               (TF_CPP_MIN_LOG_LEVEL=3, PYTHONHASHSEED=0, COLUMNS=100), working directory a
               temporary folder. It times each snippet on its own (running it and saving its
               figures) for the per-snippet overhead and the execution-time table. It replaces
               the old floor row ("floor exec": every snippet inside the runner's sandbox), which
               imported hooks/snippet_runner.py; that module is gone (the runner is now
               snippet_worker, snippet_scheduler, snippet_includes and snippets_hook, which the
               benchmark does not import), and so is that row.
  cold (1 worker)
               the build with no .cache/ and SNIPPET_WORKERS=1
  cold (N workers, default)
               the build with no .cache/ and the default worker count (the usable cores); this is
               the "cold" of the ratios
  warm         `mkdocs build --strict` served entirely from .cache/ (nothing changed)
  off          the same build with snippet execution switched off (SNIPPETS=off, not strict:
               same pages and notebooks, no outputs or figures; measured with its own caches warm)
  bare         the same pages built with material + i18n + search only: a stripped copy of
               mkdocs.yml without `hooks:` (so no notebooks, figures or MathML), markdown
               extensions kept (pymdownx.snippets without check_paths), not strict (the figures
               are missing); built once before it is timed
  one snippet  the build after a comment was added to one snippet
  prose        the build after a sentence was added to one page
  serve        `mkdocs serve`: from saving a prose edit to the new text being served
  cold without chapter
               the cold build of a copy without the measured chapter (--chapter, default the
               newest, losses-in-practice: its pages and snippets), so that `cold` minus this is
               what the chapter adds to a cold build
  chapter exec
               the measured chapter's snippets in the plain exec run: the sum of their own times

Scale (10x, run once, not --runs times; --skip-scale leaves it out): a synthetic copy of the
project whose docs have ten times the pages per language: for k in 1..9 a copy of every chapter
page (not the home page) as `<page>-copy<k>.md`, its snippets copied to
`snippets/<chapter>_copy<k>/` (each copy ends with a comment naming it, so no two snippets have
the same content) and its includes and figure references rewritten to them. Each copy (and its
notebook) is listed in mkdocs.yml's nav after its original, since the strict build fails on a
page missing from the nav. For it: plain exec (one process, every snippet), cold (default workers), warm, and the
one-snippet edit.

Peak memory is sampled while the command runs, over its whole process tree: the anonymous
memory as proportional set size (the sum of `Pss_Anon` and `Pss_Shmem` in
/proc/<pid>/smaps_rollup; resident size where that cannot be read), because forked children
share pages with their parent and resident sizes would count those pages twice; plus the
file-backed resident memory (`RssFile`) of the process that maps the most, once, because every
process of the tree maps the same libraries, and their PSS would be split with whatever other
processes on the machine map the same files (another build's TensorFlow), which made the peak
depend on the load.

After a build that executed anything, the runner writes `.cache/snippets/durations.json`
(snippet path -> seconds of its last execution) and logs its slowest snippets; from the cold
build's durations the benchmark reports the per-snippet overhead over plain exec (the median
over snippets of build duration minus plain duration) and prints an execution-time table of
every snippet, slowest first. A runner that writes neither gives "n/a".

It prints wall time, CPU time (user + system of the command's whole process tree, from the
rusage of the children it waited for), peak memory and how many snippets each build executed;
the ratios cold (1 worker) / (plain exec + warm) and warm / off, what the measured chapter adds,
how many cores the cold builds kept busy (CPU / wall) and, at 10x, the cold build's CPU time
divided by the cores (no schedule finishes sooner) next to what the 10x target allows, for
information; then a targets table (cold / (plain exec + warm), the same at 10x, warm / bare,
serve latency, cold peak / plain exec peak against 1.5 x the worker count, per-snippet
overhead) and the execution counts (warm executes nothing, a one-snippet edit executes one
snippet, a prose edit none, at 1x and 10x).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The tests' helpers (which use the hooks' modules): the benchmark copies the project and sets the
# build's environment as they do.
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
from helpers import build_env, copy_project  # noqa: E402

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"

# The snippets a page uses (the benchmark's own input list; the runner has its own scan).
INCLUDE_RE = re.compile(r'^[ \t]*-{2,}8<-{2,}[ \t]+"(?P<path>snippets/[^"]+?\.py)(?::[^"]*)?"', re.MULTILINE)
FIGURE_RE = re.compile(r"\]\((?:\.\./)*figures/(?P<chapter>[\w-]+)/(?P<name>[\w-]+)\.svg\)")

# What the build gives the snippets.
SNIPPET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0", "COLUMNS": "100", "MPLBACKEND": "Agg"}

# The fair floor: argv = figure folder, project root, snippet paths (relative to the root).
PLAIN_SCRIPT = """
import json, os, runpy, sys, time
from pathlib import Path
figures, root, snippets = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import importlib
for module in os.environ["PLAIN_IMPORTS"].split():  # once: the import is part of the work
    importlib.import_module(module)
times = {}
for rel in snippets:
    path = str(root / rel)
    started = time.perf_counter()
    sys.argv, sys.path[0] = [path], os.path.dirname(path)
    runpy.run_path(path, run_name="__main__")
    for number in plt.get_fignums():
        name = rel[:-3].replace("/", "__")
        plt.figure(number).savefig(figures / f"{name}-{number}.svg", format="svg")
    plt.close("all")
    times[rel] = time.perf_counter() - started
print("PLAIN_TIMES " + json.dumps(times), flush=True)
"""

# The chapter whose cost is measured on its own (--chapter): the newest.
CHAPTER = "losses-in-practice"
EDITED_SNIPPET = "snippets/loss_functions/huber.py"
SCALE_COPIES = 9  # plus the original: 10x
DURATIONS = ".cache/snippets/durations.json"
# How CONTRIBUTING.md names the measurements (the console keeps the short names).
ROW_LABELS = {
    "plain exec": "plain exec: one process per runtime runs every snippet",
    "cold (1 worker)": "cold build, `SNIPPET_WORKERS=1`",
    "warm": "warm build (nothing changed)",
    "off": "same site, execution switched off (`SNIPPETS=off`)",
    "bare": "bare build (no hooks)",
    "one snippet": "after editing one snippet",
    "prose": "after editing prose",
    "cold without chapter": "cold build without the measured chapter",
    "chapter exec": "the measured chapter's snippets, in plain exec",
    "plain exec 10x": "10x: plain exec",
    "cold 10x": "10x: cold build, default workers",
    "warm 10x": "10x: warm build",
    "one snippet 10x": "10x: after editing one snippet",
}


# --------------------------------------------------------------------------------------------
# Measuring a command
# --------------------------------------------------------------------------------------------

memory_kinds: set[str] = set()  # "PSS" and/or "RSS": how the anonymous memory was counted


def _fields(path: str) -> dict[str, int]:
    """The `Name:   123 kB` lines of a /proc file, in KiB ({} if it cannot be read)."""
    try:
        text = Path(path).read_text()
    except OSError:
        return {}
    return {m[1]: int(m[2]) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.MULTILINE)}


def process_memory_kb(pid: int) -> tuple[int, int]:
    """(anonymous memory, file-backed resident memory) of one process, in KiB.

    Anonymous memory is its proportional share (Pss_Anon + Pss_Shmem): a forked child shares
    its parent's pages until it writes them, and the share counts each page once in the tree.
    Where smaps_rollup cannot be read, the resident size (RssAnon + RssShmem) stands in.
    """
    status = _fields(f"/proc/{pid}/status")
    if "RssFile" not in status:
        return 0, 0  # gone, or a zombie (no memory of its own)
    rollup = _fields(f"/proc/{pid}/smaps_rollup")
    if "Pss_Anon" in rollup:
        memory_kinds.add("PSS")
        return rollup["Pss_Anon"] + rollup.get("Pss_Shmem", 0), status["RssFile"]
    memory_kinds.add("RSS")
    return status.get("RssAnon", 0) + status.get("RssShmem", 0), status["RssFile"]


def tree_memory_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in KiB: the sum of their anonymous memory
    plus the file-backed memory of the process that maps the most.

    File-backed pages (the libraries, TensorFlow's above all) are the same files in every
    process of the tree, so they count once; their PSS would also be split with any unrelated
    process on the machine that maps the same files (other builds), which varies with the load.
    """
    anon, file, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        own_anon, own_file = process_memory_kb(current)
        anon, file = anon + own_anon, max(file, own_file)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return anon + file


def measure(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> tuple[float, float, str, float]:
    """Run a command; return (wall seconds, peak MiB of its process tree, stderr+stdout, CPU
    seconds of its process tree: user + system time of it and every descendant that was waited
    for, which the build's workers and their forked children all are)."""
    peak = 0
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def sample():
        # Reading smaps_rollup of a process that has TensorFlow loaded costs milliseconds: the
        # sampler stays near a tenth of one core, so that it hardly slows what it measures.
        nonlocal peak
        while proc.poll() is None:
            before = time.perf_counter()
            peak = max(peak, tree_memory_kb(proc.pid))
            time.sleep(min(0.25, max(0.02, 9 * (time.perf_counter() - before))))

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = proc.communicate()[0]
    elapsed = time.perf_counter() - started
    sampler.join()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if proc.returncode != 0 and check:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output}")
    return elapsed, peak / 1024, output, cpu


def executed(output: str) -> int:
    match = re.search(r"snippets: (\d+) executed", output)
    return int(match[1]) if match else 0


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build(project: Path, site: Path, strict: bool = True, config: str | None = None, **env: str):
    """`mkdocs build` in the project. SNIPPET_WORKERS is unset unless given (the default)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    cmd += ["--strict"] if strict else ["--no-strict"]  # mkdocs.yml sets strict: true
    cmd += ["-f", config] if config else []
    full_env = build_env(**env)
    if "SNIPPET_WORKERS" not in env:
        full_env.pop("SNIPPET_WORKERS", None)
    return measure(cmd, project, full_env, check=env.get("SNIPPETS") != "off")


def read_durations(project: Path) -> dict[str, float] | None:
    path = project / DURATIONS
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return None


def slowest_line(output: str) -> str:
    match = re.search(r"snippets: slowest: (.*)", output)
    return match[1].strip() if match else "n/a"


# --------------------------------------------------------------------------------------------
# Inputs: the snippets the pages use, the plain exec, the stripped config, the 10x project
# --------------------------------------------------------------------------------------------


def used_snippets(project: Path, pages: list[Path] | None = None) -> list[str]:
    """Every snippet a page includes or shows the figure of, in page order, once."""
    used: dict[str, None] = {}
    for page in pages if pages is not None else sorted((project / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        found = [(m.start(), m["path"]) for m in INCLUDE_RE.finditer(text)]
        found += [(m.start(), f"snippets/{m['chapter']}/{m['name']}.py") for m in FIGURE_RE.finditer(text)]
        for _, rel in sorted(found):
            if (project / rel).is_file():
                used.setdefault(rel)
    return list(used)


# A snippet that runs another Keras says so at its top (os.environ["KERAS_BACKEND"] = "jax",
# os.environ["TF_USE_LEGACY_KERAS"] = "1"); one process can hold only one Keras, so the floor
# runs each runtime's snippets in a process of their own, which imports that runtime once.
RUNTIME_LINE_RE = re.compile(r'^os\.environ\["(KERAS_BACKEND|TF_USE_LEGACY_KERAS)"\] = "([^"]*)"', re.MULTILINE)


def runtime_groups(project: Path, snippets: list[str]) -> dict[tuple, list[str]]:
    groups: dict[tuple, list[str]] = {}
    for rel in snippets:
        chosen = tuple(sorted(RUNTIME_LINE_RE.findall((project / rel).read_text(encoding="utf-8"))))
        groups.setdefault(chosen, []).append(rel)
    return groups


def plain_imports(runtime: tuple) -> str:
    chosen = dict(runtime)
    if chosen.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
        return "keras"
    if chosen.get("TF_USE_LEGACY_KERAS", "0") not in ("0", ""):
        return "tensorflow tf_keras"
    return "keras tensorflow"


def plain_exec(project: Path, snippets: list[str], workdir: Path) -> tuple[float, float, dict[str, float], float]:
    """Run the fair floor, one process per runtime, one after the other; return (wall seconds,
    peak MiB, {snippet: seconds}, CPU seconds)."""
    total_elapsed = total_cpu = peak = 0.0
    times: dict[str, float] = {}
    for number, (runtime, group) in enumerate(runtime_groups(project, snippets).items()):
        figures, cwd = workdir / f"figures-{number}", workdir / f"cwd-{number}"
        figures.mkdir(parents=True)
        cwd.mkdir()
        cmd = [sys.executable, "-c", PLAIN_SCRIPT, str(figures), str(project), *group]
        env = build_env(**SNIPPET_ENV, **dict(runtime), PLAIN_IMPORTS=plain_imports(runtime))
        elapsed, group_peak, output, cpu = measure(cmd, cwd, env)
        match = re.search(r"^PLAIN_TIMES (.*)$", output, re.MULTILINE)
        if not match:
            raise SystemExit(f"plain exec printed no times:\n{output[-3000:]}")
        total_elapsed, total_cpu, peak = total_elapsed + elapsed, total_cpu + cpu, max(peak, group_peak)
        times.update(json.loads(match[1]))
    shutil.rmtree(workdir)
    return total_elapsed, peak, times, total_cpu


def bare_config(project: Path) -> str:
    """Write mkdocs-bare.yml beside mkdocs.yml: material + i18n + search, no hooks; its name."""

    class Loader(yaml.SafeLoader):
        pass

    def env_tag(loader, node):  # !ENV [NAME, default] or !ENV NAME
        items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
        return next((os.environ[n] for n in names if n in os.environ), default)

    Loader.add_constructor("!ENV", env_tag)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config.pop("hooks", None)
    config["strict"] = False
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "i18n"):
            plugins.append(plugin)
    config["plugins"] = plugins
    extensions = []
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"] or {})
            options["check_paths"] = False
            extension = {"pymdownx.snippets": options}
        extensions.append(extension)
    config["markdown_extensions"] = extensions
    (project / "mkdocs-bare.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return "mkdocs-bare.yml"


def scale_project(dest: Path, copies: int = SCALE_COPIES) -> Path:
    """A copy of the project with (copies + 1) times the chapter pages per language."""
    project = copy_project(dest)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    chapters: set[str] = set()
    pages = [p for p in sorted((project / "docs").glob("*/*.md")) if p.name != "index.md"]
    for page in pages:
        chapters |= {Path(rel).parent.name for rel in used_snippets(project, [page])}
    for k in range(1, copies + 1):
        for chapter in sorted(chapters):
            target = project / "snippets" / f"{chapter}_copy{k}"
            shutil.copytree(project / "snippets" / chapter, target, ignore=shutil.ignore_patterns("__pycache__"))
            for snippet in target.rglob("*.py"):
                text = snippet.read_text(encoding="utf-8")
                snippet.write_text(text + f"# benchmark copy {k}\n", encoding="utf-8")
        names = "|".join(re.escape(c) for c in sorted(chapters))
        include = re.compile(rf'(-{{2,}}8<-{{2,}}[ \t]+"snippets/)({names})/')
        figure = re.compile(rf"(\]\((?:\.\./)*figures/)({names})/")
        for page in pages:
            text = page.read_text(encoding="utf-8")
            text = include.sub(rf"\g<1>\g<2>_copy{k}/", text)
            text = figure.sub(rf"\g<1>\g<2>_copy{k}/", text)
            page.with_name(f"{page.stem}-copy{k}.md").write_text(text, encoding="utf-8")
    add_copies_to_nav(project / "mkdocs.yml", {page.stem for page in pages}, copies)
    return project


def add_copies_to_nav(config: Path, stems: set[str], copies: int) -> None:
    """List `<stem>-copy<k>.md` (and `notebooks/<stem>-copy<k>.ipynb`) after each nav entry of
    a copied page: the strict build fails on a page that is missing from the nav."""
    names = "|".join(re.escape(stem) for stem in sorted(stems))
    entry = re.compile(rf"^(\s*- (?:notebooks/)?)({names})(\.md|\.ipynb)\s*$")
    lines = []
    for line in config.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if match := entry.match(line):
            lines += [f"{match[1]}{match[2]}-copy{k}{match[3]}" for k in range(1, copies + 1)]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# mkdocs serve
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_latency(project: Path, timeout: float = 30) -> float:
    """Seconds from saving a prose edit to `mkdocs serve` serving the new text."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(),
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


# --------------------------------------------------------------------------------------------
# The figures in CONTRIBUTING.md
# --------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one benchmark measured, as CONTRIBUTING.md shows it."""

    machine: str
    """Where and what ran: cores, processor, versions, runs; no date (the file is in git)."""
    rows: list[tuple[str, float | None, float | None, float | None, float | None]]
    """(measurement, wall s, CPU s, peak MiB, snippets executed); None where not measured."""
    derived: list[tuple[str, float | None]]
    """(what, value): the ratios and limits the rows imply."""
    checks: list[tuple[str, float | None, str, float, str]]
    """(measure, value, operator, limit, status "ok" | "MISSED" | "n/a"): the targets."""


def number(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def count(value):
    """A count of snippets: a median of an even number of runs can end in .5, and must show it."""
    return number(value, 0 if value is None or value == int(value) else 1)


def check_status(value, op: str, limit: float) -> str:
    if value is None:
        return "n/a"
    ok = value <= limit if op == "<=" else value < limit if op == "<" else value == limit
    return "ok" if ok else "MISSED"


def machine_description(runs: int, workers: int, scale_count: int | None, memory_kind: str, load: float | None) -> str:
    """One paragraph saying what the figures were measured on and how (`load`: the 1-minute load
    average when the benchmark started, a hint of what else was running)."""
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    except OSError:
        model = None
    versions = []
    for package in ("tensorflow", "keras", "mkdocs-material"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    scale = "left out (`--skip-scale`)" if scale_count is None else f"{scale_count} snippets, measured once"
    return (
        f"Measured by `make bench` on {os.cpu_count()} cores ({workers} usable: the default worker count)"
        f"{', ' + model[1].strip() if model else ''}; Python {sys.version.split()[0]}, {', '.join(versions)}."
        f" {f'Median of {runs} runs' if runs > 1 else 'One run'}; the 10x project: {scale}. Peak memory: the process tree's anonymous"
        f" {memory_kind} plus its file-backed RSS counted once. Load average when it started: {number(load)}."
    )


def markdown_table(header: list[str], rows: list[list[str]], align: str) -> str:
    """`align` has one letter per column: l (left) or r (right)."""
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def figures_markdown(figures: Figures) -> str:
    """The text between the markers: the machine, then the measurements, derived figures, targets."""
    def cell(value, digits=2):  # blank where a row has no such measurement (serve has no CPU time)
        return "" if value is None else number(value, digits)

    rows = [[label, number(wall), cell(cpu), cell(peak or None, 0), "" if executed is None else count(executed)]
            for label, wall, cpu, peak, executed in figures.rows]
    derived = [[label, number(value)] for label, value in figures.derived]
    checks = [[label, f"{op} {limit:g}", count(value) if op == "==" else number(value), status]
              for label, value, op, limit, status in figures.checks]
    return "\n\n".join([
        textwrap.fill(figures.machine, width=96),
        markdown_table(["measurement", "wall s", "CPU s", "peak MiB", "snippets executed"], rows, "lrrrr"),
        markdown_table(["derived from the rows above", "value"], derived, "lr"),
        markdown_table(["target", "limit", "measured", "status"], checks, "lrrl"),
    ])


def replace_marked(text: str, body: str, where: str = "CONTRIBUTING.md", start: str = BENCH_START, end: str = BENCH_END) -> str:
    """`text` with what lies between its one `start` line and its one `end` line replaced."""
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise SystemExit(f"{where}: needs one {start} line followed by one {end} line to write the figures between")
    head, rest = text.split(start)
    tail = rest.split(end)[1]
    return f"{head}{start}\n{body.strip()}\n{end}{tail}"


def write_marked(body: str, start: str = BENCH_START, end: str = BENCH_END, path: Path = CONTRIBUTING) -> None:
    """Write `body` into `path` between its `start` and `end` lines."""
    text = replace_marked(path.read_text(encoding="utf-8"), body, path.name, start, end)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # a reader never sees half a file
    print(f"\nfigures written into {path.name}")


def write_figures(figures: Figures, path: Path = CONTRIBUTING) -> None:
    write_marked(figures_markdown(figures), path=path)


# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-scale", action="store_true", help="leave out the 10x project")
    parser.add_argument("--chapter", default=CHAPTER, help="the chapter whose cost is measured on its own")
    parser.add_argument("--no-write", action="store_true", help="print only; leave CONTRIBUTING.md alone")
    args = parser.parse_args()
    bench_started = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    workers = default_workers()
    cold_default = f"cold ({workers} workers, default)"

    results: dict[str, list[tuple[float, float, int]]] = {}
    plain_times: list[dict[str, float]] = []
    build_times: list[dict[str, float]] = []  # durations.json after the default cold build
    slowest: list[str] = []
    serve: list[float] = []

    def record(name, elapsed, peak, output, cpu):
        results.setdefault(name, []).append((elapsed, peak, executed(output), cpu))
        return output

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        site = tmp / "site"
        cache = project / ".cache"
        snippets = used_snippets(project)
        bare = bare_config(project)

        for run in range(args.runs):
            elapsed, peak, times, cpu = plain_exec(project, snippets, tmp / f"plain-{run}")
            results.setdefault("plain exec", []).append((elapsed, peak, len(times), cpu))
            plain_times.append(times)

            shutil.rmtree(cache, ignore_errors=True)
            record("cold (1 worker)", *build(project, site, SNIPPET_WORKERS="1"))
            shutil.rmtree(cache, ignore_errors=True)
            output = record(cold_default, *build(project, site))
            slowest.append(slowest_line(output))
            durations = read_durations(project)
            if durations is not None:
                build_times.append(durations)
            record("warm", *build(project, site))
            build(project, site, strict=False, SNIPPETS="off")  # its own notebook renders, cached
            record("off", *build(project, site, strict=False, SNIPPETS="off"))
            build(project, site, strict=False, config=bare)  # its own warm state
            record("bare", *build(project, site, strict=False, config=bare))

            snippet = project / EDITED_SNIPPET
            snippet.write_text(snippet.read_text(encoding="utf-8") + f"# benchmark edit {run}\n", encoding="utf-8")
            record("one snippet", *build(project, site))

            page = project / "docs" / "zh" / "loss-functions.md"
            page.write_text(page.read_text(encoding="utf-8") + f"\n基准测试修改 {run}。\n", encoding="utf-8")
            record("prose", *build(project, site))

        serve = [serve_latency(project) for _ in range(args.runs)]

        # What the measured chapter adds: the same cold build without it (links to it become
        # plain text); its snippets' own times come from the plain exec runs.
        chapter, chapter_snippets = args.chapter, f"snippets/{args.chapter.replace('-', '_')}"
        without = copy_project(tmp / "without-chapter")
        for lang in ("zh", "en"):
            (without / "docs" / lang / f"{chapter}.md").unlink()
            for page in (without / "docs" / lang).glob("*.md"):
                text = page.read_text(encoding="utf-8")
                text = re.sub(rf"\[([^\]]*)\]\({chapter}\.md[^)]*\)", r"\1", text)
                page.write_text(text, encoding="utf-8")
        shutil.rmtree(without / chapter_snippets)
        measured = [rel for rel in snippets if rel.startswith(f"{chapter_snippets}/")]
        for run in range(args.runs):
            shutil.rmtree(without / ".cache", ignore_errors=True)
            # not strict: the navigation and the glossary still name the missing chapter
            record("cold without chapter", *build(without, tmp / "site-without", strict=False))
            exec_s = sum(plain_times[run][rel] for rel in measured)
            results.setdefault("chapter exec", []).append((exec_s, 0, len(measured), None))
        shutil.rmtree(without)

        # Ten times the pages, measured once.
        scale_count = 0
        if not args.skip_scale:
            big = scale_project(tmp / "scale")
            big_snippets = used_snippets(big)
            scale_count = len(big_snippets)
            elapsed, peak, _, cpu = plain_exec(big, big_snippets, tmp / "plain-10x")
            results["plain exec 10x"] = [(elapsed, peak, scale_count, cpu)]
            big_site = tmp / "site-10x"
            record("cold 10x", *build(big, big_site))
            record("warm 10x", *build(big, big_site))
            snippet = big / EDITED_SNIPPET
            snippet.write_text(snippet.read_text(encoding="utf-8") + "# benchmark edit\n", encoding="utf-8")
            record("one snippet 10x", *build(big, big_site))

    def median(name, column):
        values = [row[column] for row in results.get(name, [])]
        return statistics.median(values) if values and None not in values else None

    # The report --------------------------------------------------------------------------
    kind = "/".join(sorted(memory_kinds)) or "PSS"
    print(f"\nmedian of {args.runs} runs, {os.cpu_count()} cores, {workers} usable (the default workers);"
          f" peak memory of the process tree: anonymous {kind} + file-backed RSS counted once")
    print(f"{'measurement':<32}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}{'executed':>10}")
    rows = ["plain exec", "cold (1 worker)", cold_default, "warm", "off", "bare",
            "one snippet", "prose", "cold without chapter"]

    def row(name):
        print(f"{name:<32}{number(median(name, 0)):>9}{number(median(name, 3)):>9}"
              f"{number(median(name, 1), 0):>10}{count(median(name, 2)):>10}")

    for name in rows:
        row(name)
    print(f"{'chapter exec (in plain exec)':<32}{number(median('chapter exec', 0)):>9}{'':>19}"
          f"{count(median('chapter exec', 2)):>10}")
    print(f"{'serve (prose)':<32}{number(statistics.median(serve)):>9}")
    if not args.skip_scale:
        print(f"\n10x project ({scale_count} snippets, measured once)")
        for name in ("plain exec 10x", "cold 10x", "warm 10x", "one snippet 10x"):
            row(name)
    print(f"\nslowest snippets (cold build log): {slowest[-1] if slowest else 'n/a'}")

    # Execution times per snippet, like sphinx-gallery's sg_execution_times.
    plain = {rel: statistics.median(t[rel] for t in plain_times if rel in t) for rel in snippets}
    built = None
    if build_times:
        built = {rel: statistics.median(t[rel] for t in build_times if rel in t)
                 for rel in snippets if any(rel in t for t in build_times)}
    order = sorted(snippets, key=lambda rel: ((built or {}).get(rel, -1), plain[rel]), reverse=True)
    print(f"\nexecution times, slowest first ({DURATIONS} of the cold build; plain exec)")
    print(f"{'snippet':<58}{'build s':>9}{'plain s':>9}{'over s':>9}")
    for rel in order:
        b = (built or {}).get(rel)
        over = None if b is None else b - plain[rel]
        print(f"{rel:<58}{number(b):>9}{number(plain[rel]):>9}{number(over):>9}")
    print(f"{'total':<58}{number(sum(built.values()) if built else None):>9}{number(sum(plain.values())):>9}")
    overhead = None
    if built:
        overhead = statistics.median(built[rel] - plain[rel] for rel in built if rel in plain)

    cold = median(cold_default, 0)
    warm = median("warm", 0)
    # The same ratio within each run (the rows' runs interleave): how far the machine's noise
    # moves it between runs.
    each_run = [c[0] / (p[0] + w[0]) for c, p, w in
                zip(results[cold_default], results["plain exec"], results["warm"])]
    print(f"\ncold / (plain exec + warm), run by run: {', '.join(number(r) for r in each_run)}")
    info = [
        ("cold (1 worker) / (plain exec + warm)", median("cold (1 worker)", 0) / (median("plain exec", 0) + warm)),
        ("warm / execution off", warm / median("off", 0)),
        (f"{args.chapter} adds to cold, s", cold - median("cold without chapter", 0)),
        ("cores kept busy by the cold build (CPU / wall)", median(cold_default, 3) / cold),
    ]
    if not args.skip_scale:
        # No schedule can finish the cold 10x build before its CPU time is spread over every
        # core; the target asks for 0.75 x (plain exec 10x + warm 10x).
        info += [
            ("cores kept busy by the cold 10x build", median("cold 10x", 3) / median("cold 10x", 0)),
            ("cold 10x CPU / cores, s (no build is faster)", median("cold 10x", 3) / workers),
            ("0.75 x (plain exec 10x + warm 10x), s", 0.75 * (median("plain exec 10x", 0) + median("warm 10x", 0))),
        ]
    print()
    for label, value in info:
        print(f"{label:<50}{number(value):>8}")

    scale_ratio = None
    if not args.skip_scale:
        scale_ratio = median("cold 10x", 0) / (median("plain exec 10x", 0) + median("warm 10x", 0))
    checks = [
        ("cold / (plain exec + warm)", cold / (median("plain exec", 0) + warm), "<=", 1.15),
        ("cold 10x / (plain exec 10x + warm 10x)", scale_ratio, "<=", 0.75),
        ("warm / bare", warm / median("bare", 0), "<=", 1.3),
        ("serve: prose edit visible, s", statistics.median(serve), "<=", 2.0),
        ("cold peak / plain exec peak", median(cold_default, 1) / median("plain exec", 1), "<=", 1.5 * workers),
        ("per-snippet overhead over plain exec, s", overhead, "<", 0.1),
    ]
    counts = [
        ("warm build executes", median("warm", 2), 0),
        ("one-snippet edit executes", median("one snippet", 2), 1),
        ("prose edit executes", median("prose", 2), 0),
    ]
    if not args.skip_scale:
        counts += [("warm 10x executes", median("warm 10x", 2), 0),
                   ("one-snippet edit 10x executes", median("one snippet 10x", 2), 1)]

    targets = [(label, value, op, limit, check_status(value, op, limit)) for label, value, op, limit in checks]
    targets += [(label, value, "==", wanted, check_status(value, "==", wanted)) for label, value, wanted in counts]
    print(f"\n{'measure':<44}{'value':>8}  {'target':<10}status")
    for label, value, op, limit, status in targets:
        print(f"{label:<44}{count(value) if op == '==' else number(value):>8}  {op} {limit:<7g} {status}")
    print(f"\nbenchmark took {(time.perf_counter() - bench_started) / 60:.1f} min")

    if not args.no_write:
        names = rows + ["chapter exec"] + (["plain exec 10x", "cold 10x", "warm 10x", "one snippet 10x"] if not args.skip_scale else [])
        labels = {**ROW_LABELS, cold_default: f"cold build, {workers} workers (the default here)"}
        table = [(labels[name], median(name, 0), median(name, 3), median(name, 1), median(name, 2)) for name in names]
        table.insert(len(rows), ("`make serve`: prose edit visible", statistics.median(serve), None, None, None))
        scale = None if args.skip_scale else scale_count
        write_figures(Figures(machine_description(args.runs, workers, scale, kind, load_at_start), table, info, targets))


if __name__ == "__main__":
    main()
