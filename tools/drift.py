"""`make drift`: what upgrading TensorFlow and Keras, or other CPU kernels, would change on the site.

    make drift                                   # the newest versions the registry serves
    make drift TENSORFLOW=2.18.1 KERAS=3.8.0     # any subset; a version not given is the newest
    make drift KERNELS=eigen                     # the pinned versions, oneDNN off

requirements.txt pins TensorFlow, so the site shows what the pinned TensorFlow prints; moving the
pins is a reviewed step, and this is its review. It builds the pages twice, each in a temporary
copy of the tracked files (`git ls-files`, as they are in the work tree), both not strict:

  baseline  with the project's .venv and a copy of the project's .cache/ (warm when it is current)
  side      with a venv of its own, .cache/drift/<versions>/ (made once, then reused): the
            requirements.txt pins with TensorFlow and Keras overridden, tf-keras following
            TensorFlow's minor version (it must), no hashes; a pin that conflicts with the
            overridden ones (numpy, jax...) is left to pip, and the report says which. Its copy
            starts with an empty .cache/, so every snippet runs.

With KERNELS=eigen (--kernels eigen) nothing is installed: the side build uses .venv too,
with TF_ENABLE_ONEDNN_OPTS=0, so TensorFlow computes with its Eigen kernels instead of
oneDNN's. Another CPU may run other kernels, and float32 results move in their last bits: an
output that changes here is one another machine may print differently (a value printed to its
last digit, or one that sits on a rounding boundary). Fix such outputs before they fail a build
elsewhere; a figure drawn from training may differ in its last bits without harm.

Each build writes .cache/build-report.json; the two are compared into .cache/drift/report.md and
report.json: both sides' package versions, every snippet whose outcome, output or figure changed
(with the diff of its output, or its error, which holds the documented/actual diff and the
update command), filed by kind (fails, output differs, only the printed version numbers differ,
figure differs), the pages that use one, the prose numbers those pages would leave stale (a
number of two or more decimals that an old output backs and no new one does, matched as
tests/pages/test_prose_numbers.py matches them), and the warnings only the side build logged. Both
build reports and logs are kept beside it. The project's .venv, .cache/snippets/ and site/ are
only read.

Exit status 0 when the builds could be compared, drift or not; 2, with one message, when the side
environment can't be installed or a build crashed.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIFT_DIR = ROOT / ".cache" / "drift"
REPORT = ".cache/build-report.json"
UPDATED = ("tensorflow", "keras")  # the packages whose versions are chosen; tf-keras follows
# What a run writes into .cache/drift/ besides the venvs.
OUTPUTS = ("report.md", "report.json", "install.log", "baseline.log", "side.log",
           "baseline-build-report.json", "side-build-report.json")
# What of the project's .cache/ the baseline copy does not need.
NOT_COPIED = ("drift", "uv")

# The project's rules for numbers in prose (what a prose number is, how an output backs it):
# one definition, the one tests/pages/test_prose_numbers.py checks the pages with.
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "pages"), str(ROOT / "hooks")]  # its module, its helpers, theirs
import test_prose_numbers as prose  # noqa: E402

# Printed numbers in e-notation, as test_prose_numbers.unbacked_numbers finds them (inline there).
E_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][-+]?\d+")
VERSION_RE = re.compile(r"\d+\.\d+\.\d+[\w.+-]*")  # 2.21.0, 2.15.0.post1
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")  # Keras colours some messages
# Each change is filed under one kind, the report's sections in this order.
KINDS = {
    "fails": "Snippets that fail",
    "output": "Outputs that differ",
    "figure": "Figures that differ",
    "versions": "Outputs that differ only in the version numbers they print",
    "error": "Snippets that fail in both builds, differently",
    "fixed": "Snippets that fail in the baseline build and work in the side build",
}


class DriftError(RuntimeError):
    """The comparison could not be made: the message says why."""


# --------------------------------------------------------------------------------------------
# The comparison (pure: two build reports and the pages)
# --------------------------------------------------------------------------------------------


def printed_numbers(output: str) -> list[str]:
    """The numbers an output prints, found as tests/pages/test_prose_numbers.py finds them."""
    numbers = [m[0].replace("−", "-") for m in prose.NUMBER_RE.finditer(output)]
    return numbers + E_NUMBER_RE.findall(output)


def diff_lines(error: str) -> tuple[list[str], list[str]]:
    """The documented (-) and actual (+) output lines of a `documented output differs` error."""
    removed, added, inside = [], [], False
    for line in error.splitlines():
        if line.startswith("+++ actual"):
            inside = True
        elif inside and line.startswith("@@"):
            continue
        elif inside and line[:1] in "-+" and line:
            (removed if line[0] == "-" else added).append(re.sub(r"^\s*#> ?", "", line[1:]))
        elif inside and not line.startswith(" ") and line.strip():
            inside = False  # the hint after the diff
    return removed, added


def only_versions_differ(removed: list[str], added: list[str]) -> bool:
    """Whether the changed lines differ in their version numbers only (`TensorFlow 2.21.0`)."""
    def masked(lines: list[str]) -> list[str]:
        return [VERSION_RE.sub("<version>", line) for line in lines]

    return bool(removed) and masked(removed) == masked(added)


def stdout_lines(diff: str) -> tuple[list[str], list[str]]:
    """The removed and added lines of a unified diff of two outputs."""
    body = [line for line in diff.splitlines() if not line.startswith(("---", "+++", "@@"))]
    return [line[1:] for line in body if line[:1] == "-"], [line[1:] for line in body if line[:1] == "+"]


def kind_of(what: list[str], old: dict | None, new: dict | None, stdout_diff: str) -> str:
    if not worked(new):
        if worked(old) or old is None:
            error = (new or {}).get("error", "")
            if "+++ actual" not in error:
                return "fails"
            return "versions" if only_versions_differ(*diff_lines(error)) else "output"
        return "error"
    if not worked(old):
        return "fixed"
    if "stdout" in what:
        return "versions" if only_versions_differ(*stdout_lines(stdout_diff)) else "output"
    return "figure"


def new_numbers(old: dict, new: dict | None) -> list[str]:
    """What the snippet prints on the side: its output, or, for one that failed on its documented
    output, the old output with the diff's lines exchanged; nothing for any other failure."""
    if new is None:
        return []
    if new["outcome"] != "failed":
        return printed_numbers(new["stdout"])
    if old is None or "+++ actual" not in new.get("error", ""):
        return []
    numbers = printed_numbers(old["stdout"])
    removed, added = diff_lines(new["error"])
    for number in printed_numbers("\n".join(removed)):
        if number in numbers:
            numbers.remove(number)
    return numbers + printed_numbers("\n".join(added))


def worked(entry: dict | None) -> bool:
    return entry is not None and entry["outcome"] != "failed"


def snippet_change(name: str, old: dict | None, new: dict | None) -> dict | None:
    """What changed for one snippet between the baseline and the side build, or None."""
    what = []
    if old is None or new is None:
        what.append("only in the side build" if old is None else "only in the baseline build")
    elif worked(old) != worked(new):
        what.append("outcome")
    elif worked(old):
        if old["stdout"] != new["stdout"]:
            what.append("stdout")
        if (old["figure"], old["figure_sha256"]) != (new["figure"], new["figure_sha256"]):
            what.append("figure")
    elif old["error"] != new["error"]:
        what.append("error")
    if not what:
        return None
    either = new or old
    stdout_diff = ""
    if worked(old) and worked(new) and old["stdout"] != new["stdout"]:
        stdout_diff = "".join(difflib.unified_diff(
            old["stdout"].splitlines(keepends=True), new["stdout"].splitlines(keepends=True),
            "baseline", "side",
        ))
    return {
        "name": name,
        "kind": kind_of(what, old, new, stdout_diff),
        "runtime": either["runtime"],
        "changed": what,
        "outcome": {"baseline": old and old["outcome"], "side": new and new["outcome"]},
        "pages": sorted(set((old or {}).get("pages", [])) | set((new or {}).get("pages", []))),
        "stdout_diff": stdout_diff,
        "figure": {
            "baseline": old and old["figure"], "baseline_sha256": old and old["figure_sha256"],
            "side": new and new["figure"], "side_sha256": new and new["figure_sha256"],
        },
        "error": (new or {}).get("error", "") if not worked(new) else "",
        "baseline_error": (old or {}).get("error", "") if not worked(old) else "",
    }


def page_snippets(old: dict, new: dict) -> dict[str, list[str]]:
    """page -> the snippets it uses, on either side."""
    pages: dict[str, set[str]] = {}
    for report in (old, new):
        for page, entry in report.get("pages", {}).items():
            pages.setdefault(page, set()).update(entry.get("snippets", []))
        for snippet in report["snippets"]:
            for page in snippet.get("pages", []):
                pages.setdefault(page, set()).add(snippet["name"])
    return {page: sorted(names) for page, names in pages.items()}


def stale_prose_numbers(page: str, snippets: list[str], old: dict, new: dict, root: Path) -> list[dict]:
    """Numbers in the page's prose that an old output of its snippets backs and no new one does."""
    path = root / "docs" / page
    if not path.is_file():
        return []
    old_by_name = {s["name"]: s for s in old["snippets"]}
    new_by_name = {s["name"]: s for s in new["snippets"]}
    before, after = [], []
    for name in snippets:
        if name in old_by_name and worked(old_by_name[name]):
            before += printed_numbers(old_by_name[name]["stdout"])
            after += new_numbers(old_by_name[name], new_by_name.get(name))
    _, code = prose.outputs_and_code(prose.included_sources(path, root))
    literals = {m[0] for m in prose.NUMBER_RE.finditer(code)}
    found = []
    for anchor, lines in prose.prose_sections(path).items():
        for number in prose.prose_numbers("\n".join(lines)):
            if (prose.decimals(number) >= 2 and prose.shown_by(number, before, literals)
                    and not prose.shown_by(number, after, literals)):
                found.append({"page": page, "section": anchor or "(top)", "number": number})
    return found


def new_warnings(old: list[str], new: list[str]) -> list[str]:
    """The side build's warnings that the baseline did not log (as many times), in order."""
    left = Counter(old)
    found = []
    for warning in new:
        if left[warning]:
            left[warning] -= 1
        else:
            found.append(warning)
    return found


def compare(old: dict, new: dict, root: Path = ROOT) -> dict:
    """The drift between two build reports (baseline, side): what report.json holds."""
    olds = {s["name"]: s for s in old["snippets"]}
    news = {s["name"]: s for s in new["snippets"]}
    changes = [c for name in sorted(olds.keys() | news.keys())
               if (c := snippet_change(name, olds.get(name), news.get(name)))]
    changed = {c["name"] for c in changes}
    pages = {page: [name for name in names if name in changed]
             for page, names in sorted(page_snippets(old, new).items())}
    pages = {page: names for page, names in pages.items() if names}
    numbers = []
    for page in pages:
        numbers += stale_prose_numbers(page, page_snippets(old, new)[page], old, new, root)
    return {
        "format": 1,
        "python": {"baseline": old.get("python"), "side": new.get("python")},
        "packages": {"baseline": old.get("packages", {}), "side": new.get("packages", {})},
        "snippets_compared": len(olds.keys() | news.keys()),
        "snippets": changes,
        "pages": pages,
        "prose_numbers": numbers,
        "warnings": new_warnings(old.get("warnings", []), new.get("warnings", [])),
    }


# --------------------------------------------------------------------------------------------
# The report a maintainer reads
# --------------------------------------------------------------------------------------------

UPDATE_STEPS = """\
To adopt these versions: set them in requirements.txt, `make lock`, check each change above and
update the snippets with `.venv/bin/python -m pytest tests/test_examples.py --update-examples`,
rewrite the prose numbers listed, then `make test`."""


def fenced(text: str, language: str = "text") -> str:
    text = ANSI_RE.sub("", text)
    fence = "````" if "```" in text else "```"
    return f"{fence}{language}\n{text.rstrip()}\n{fence}\n"


def render(drift: dict) -> str:
    baseline, side = drift["packages"]["baseline"], drift["packages"]["side"]
    lines = ["# Drift: what the site would show with other versions or kernels", ""]
    lines += ["| package | pinned (baseline) | side |", "| --- | --- | --- |"]
    lines.append(f"| python | {drift['python']['baseline']} | {drift['python']['side']} |")
    for name in sorted(baseline.keys() | side.keys()):
        mark = "" if baseline.get(name) == side.get(name) else " **changed**"
        lines.append(f"| {name} | {baseline.get(name, '-')} | {side.get(name, '-')}{mark} |")
    if drift.get("tried"):
        lines += ["", "Tried: " + ", ".join(f"{name} {how}" for name, how in drift["tried"].items()) + "."]
    for note in drift.get("notes", []):
        lines += ["", note]
    changes = drift["snippets"]
    kinds = Counter(change["kind"] for change in changes)
    summary = (f"{len(changes)} of {drift['snippets_compared']} snippets changed"
               + "".join(f"; {kinds[kind]} {KINDS[kind][0].lower()}{KINDS[kind][1:]}" for kind in KINDS if kinds[kind])
               + (f". {len(drift['pages'])} pages use them; {len(drift['prose_numbers'])} prose numbers "
                  "to check" if changes else "")
               + f"; {len(drift['warnings'])} new warnings.")
    lines += ["", summary]
    if not changes and not drift["warnings"]:
        lines += ["", ("No drift: every snippet prints and draws the same, and the side build "
                       "logged no warning that the baseline did not.")]
    heading = None
    for change in sorted(changes, key=lambda c: list(KINDS).index(c["kind"])):
        if change["kind"] != heading:
            heading = change["kind"]
            lines += ["", f"## {KINDS[heading]}", ""]
        outcome = change["outcome"]
        lines += [f"### `{change['name']}`", "",
                  (f"- runtime: {change['runtime']}; outcome: {outcome['baseline']} -> {outcome['side']}; "
                   f"changed: {', '.join(change['changed'])}"),
                  f"- pages: {', '.join(change['pages']) or '-'}"]
        figure = change["figure"]
        if "figure" in change["changed"]:
            lines.append(f"- figure {figure['side'] or figure['baseline']}: sha256 "
                         f"{figure['baseline_sha256']} -> {figure['side_sha256']}")
        lines.append("")
        if change["stdout_diff"]:
            lines.append(fenced(change["stdout_diff"], "diff"))
        if change["error"]:
            lines.append(fenced(change["error"]))
        if change["baseline_error"] and "error" in change["changed"]:
            lines += ["Its error in the baseline build:", "", fenced(change["baseline_error"])]
    if drift["pages"]:
        lines += ["## Pages that use a changed snippet", ""]
        lines += [f"- {page}: {', '.join(names)}" for page, names in drift["pages"].items()]
        lines.append("")
    if drift["prose_numbers"]:
        lines += ["## Prose numbers that no new output backs", "",
                  ("A number the old output printed and the new one does not (as "
                   "tests/pages/test_prose_numbers.py matches them):"), ""]
        lines += [f"- docs/{n['page']}#{n['section']}: {n['number']}" for n in drift["prose_numbers"]]
        lines.append("")
    if drift["warnings"]:
        # A failing snippet's warning repeats its error, shown above: its first line is enough.
        errors = [change["error"] for change in changes if change["error"]]
        shown = [warning.splitlines()[0] + " [as above]" if any(e and e in warning for e in errors)
                 and "\n" in warning else warning for warning in drift["warnings"]]
        lines += ["## Warnings only the side build logged", ""]
        lines.append(fenced("\n".join(shown)))
    if changes or drift["prose_numbers"]:
        lines += ["", UPDATE_STEPS]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# The side environment
# --------------------------------------------------------------------------------------------


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def newest_version(package: str) -> str:
    """The newest version of a package that pip finds for this Python."""
    result = subprocess.run([sys.executable, "-m", "pip", "index", "versions", package],
                            capture_output=True, text=True)
    match = re.search(rf"^{re.escape(package)} \(([^)]+)\)", result.stdout, re.M | re.I)
    if not match:
        raise DriftError(f"pip could not tell the newest version of {package}: "
                         f"{(result.stderr.strip().splitlines() or ['no answer'])[-1]}")
    return match[1]


def side_requirements(requirements: str, versions: dict[str, str], free: set[str]) -> str:
    """requirements.txt with the chosen versions, tf-keras on TensorFlow's minor version, and the
    pins in `free` left to pip."""
    major_minor = ".".join(versions["tensorflow"].split(".")[:2])
    lines = []
    for line in requirements.splitlines():
        name = normalized(line.split("==")[0].strip()) if "==" in line and not line.startswith("#") else ""
        if name in versions:
            line = f"{name}=={versions[name]}"
        elif name == "tf-keras":
            line = f"tf-keras=={major_minor}.*"
        elif name in free:
            line = f"{name}  # pinned {line.split('==')[1].strip()}, which conflicts with the versions tried"
        lines.append(line)
    return "\n".join(lines) + "\n"


def conflicting_pins(pip_output: str, requirements: str) -> set[str]:
    """The packages pinned in requirements.txt that pip names in a resolution conflict."""
    pinned = {normalized(line.split("==")[0]) for line in requirements.splitlines()
              if "==" in line and not line.startswith("#")}
    block = pip_output.split("The conflict is caused by:", 1)[-1] if "ResolutionImpossible" in pip_output else ""
    named = {normalized(m) for m in re.findall(r"^\s+(?:The user requested )?([A-Za-z0-9][\w.-]*)", block, re.M)}
    named |= {normalized(m) for m in re.findall(r"depends on ([A-Za-z0-9][\w.-]*)", block)}
    return named & pinned - set(UPDATED) - {"tf-keras"}


def side_venv(versions: dict[str, str], log) -> tuple[Path, list[str]]:
    """The venv with these versions (made or reused) and the pins left to pip in it."""
    venv = DRIFT_DIR / "-".join(f"{name}-{version}" for name, version in versions.items())
    python = venv / "bin" / "python"
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    stamp = venv / "installed-from.txt"  # the requirements.txt it was installed from, once it was
    if python.exists() and stamp.is_file():
        done = json.loads(stamp.read_text(encoding="utf-8"))
        if done["requirements"] == requirements:
            log(f"reusing {venv.relative_to(ROOT)}")
            return venv, done["free"]
    made_now = not python.exists()
    if made_now:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    try:
        return _install(venv, versions, requirements, stamp, log)
    except DriftError:
        if made_now:  # nothing in it to reuse
            shutil.rmtree(venv, ignore_errors=True)
        raise


def _install(venv: Path, versions: dict[str, str], requirements: str, stamp: Path, log) -> tuple[Path, list[str]]:
    python = venv / "bin" / "python"
    free: set[str] = set()
    for _ in range(8):  # each round frees the pins pip named in its conflict
        wanted = side_requirements(requirements, versions, free)
        (venv / "requirements.txt").write_text(wanted, encoding="utf-8")
        log(f"installing into {venv.relative_to(ROOT)}" + (f" (left to pip: {', '.join(sorted(free))})" if free else ""))
        result = subprocess.run(
            # Not -q: pip names the packages of a conflict on its standard output.
            [str(python), "-m", "pip", "install", "--disable-pip-version-check",
             "-r", str(venv / "requirements.txt")],
            capture_output=True, text=True,
        )
        if result.returncode == 0:
            stamp.write_text(json.dumps({"requirements": requirements, "free": sorted(free)}), encoding="utf-8")
            return venv, sorted(free)
        output = result.stdout + result.stderr
        with open(DRIFT_DIR / "install.log", "a", encoding="utf-8") as install_log:
            install_log.write(output.replace(f"{ROOT}/", ""))
        more = conflicting_pins(output, requirements) - free
        if not more:
            last = [line for line in output.splitlines() if line.startswith("ERROR")] or output.splitlines()[-1:]
            wanted_text = ", ".join(f"{name} {version}" for name, version in versions.items())
            raise DriftError(f"the side environment ({wanted_text}) can't be installed: "
                             f"{' '.join(last).strip() or 'pip failed'}")
        free |= more
    raise DriftError("the side environment can't be installed: pip kept finding conflicts")


# --------------------------------------------------------------------------------------------
# The two builds
# --------------------------------------------------------------------------------------------


def copy_tracked(dest: Path) -> None:
    """The files git tracks, as they are in the work tree (a deleted one is left out)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def build(label: str, python: Path, project: Path, log, env_vars: dict[str, str] | None = None) -> dict:
    """Build the copy (not strict) with `env_vars` set too, keep its log beside the report, return
    its build report."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1", **(env_vars or {})}
    started = time.perf_counter()
    # --no-strict: mkdocs.yml says strict, and a failing snippet must not stop the build here.
    result = subprocess.run([str(python), "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(project / "site")],
                            cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log_file = DRIFT_DIR / f"{label}.log"
    log_file.write_text((result.stdout + result.stderr).replace(f"{project}/", ""), encoding="utf-8")
    report = project / REPORT
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()] or ["no output"]
        raise DriftError(f"the {label} build crashed (exit {result.returncode}): {lines[-1].strip()} "
                         f"(log: {log_file.relative_to(ROOT)})")
    if not report.is_file():
        raise DriftError(f"the {label} build wrote no {REPORT}: do its hooks write the build report? "
                         f"(log: {log_file.relative_to(ROOT)})")
    log(f"{label} build: {seconds:.1f} s")
    # Each copy has its own folder: paths into it would differ between the two for no reason.
    text = report.read_text(encoding="utf-8").replace(f"{project}/", "")
    (DRIFT_DIR / f"{label}-build-report.json").write_text(text, encoding="utf-8")  # for a closer look
    data = json.loads(text)
    data["seconds"] = round(seconds, 1)
    return data


def baseline_copy(dest: Path) -> None:
    copy_tracked(dest)
    cache = ROOT / ".cache"
    if cache.is_dir():
        shutil.copytree(cache, dest / ".cache", ignore=lambda folder, names: (
            [n for n in names if n in NOT_COPIED] if Path(folder) == cache else []))


def chosen_versions(args) -> tuple[dict[str, str], dict[str, str]]:
    """The versions to try, and how each was chosen (for the report)."""
    versions, tried = {}, {}
    for name in UPDATED:
        given = getattr(args, name)
        versions[name] = given or newest_version(name)
        tried[name] = f"{versions[name]} ({'given' if given else 'the newest pip finds'})"
    return versions, tried


EIGEN_KERNELS = {"TF_ENABLE_ONEDNN_OPTS": "0"}  # the side build's environment, KERNELS=eigen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tensorflow", help="the TensorFlow version to try (default: the newest)")
    parser.add_argument("--keras", help="the Keras version to try (default: the newest)")
    parser.add_argument("--kernels", choices=["eigen"],
                        help="eigen: no other versions, build with .venv and TF_ENABLE_ONEDNN_OPTS=0")
    args = parser.parse_args(argv)
    if args.kernels and (args.tensorflow or args.keras):
        print("drift: --kernels eigen builds with the pinned versions; "
              "give it no --tensorflow or --keras", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(f"drift: {message}", flush=True)

    try:
        if args.kernels:
            tried = {name: f"{value} (the pinned versions, .venv)" for name, value in EIGEN_KERNELS.items()}
            log("trying " + ", ".join(f"{name}={value}" for name, value in EIGEN_KERNELS.items()))
        else:
            versions, tried = chosen_versions(args)
            log("trying " + ", ".join(f"{name} {version}" for name, version in versions.items()))
        DRIFT_DIR.mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:  # no earlier run's report or log is taken for this one's
            (DRIFT_DIR / name).unlink(missing_ok=True)
        started = time.perf_counter()
        if args.kernels:
            side_python, free, side_env = Path(sys.executable), [], EIGEN_KERNELS
        else:
            venv, free = side_venv(versions, log)
            side_python, side_env = venv / "bin" / "python", None
        install_seconds = time.perf_counter() - started
        with tempfile.TemporaryDirectory(prefix="drift-") as temporary:
            baseline_dir, side_dir = Path(temporary) / "baseline", Path(temporary) / "side"
            baseline_copy(baseline_dir)
            copy_tracked(side_dir)
            old = build("baseline", Path(sys.executable), baseline_dir, log)
            new = build("side", side_python, side_dir, log, side_env)
    except DriftError as error:
        print(f"drift: {error}", file=sys.stderr)
        return 2
    drift = compare(old, new)
    drift["tried"] = tried
    if free:
        drift["notes"] = [("Pins left to pip in the side environment, because they conflict with "
                           f"the versions tried: {', '.join(free)}.")]
    drift["seconds"] = {"side_install": round(install_seconds, 1),
                        "baseline_build": old["seconds"], "side_build": new["seconds"]}
    (DRIFT_DIR / "report.json").write_text(json.dumps(drift, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (DRIFT_DIR / "report.md").write_text(render(drift), encoding="utf-8")
    log(f"{len(drift['snippets'])} snippets changed, {len(drift['prose_numbers'])} prose numbers, "
        f"{len(drift['warnings'])} new warnings; report: {(DRIFT_DIR / 'report.md').relative_to(ROOT)} "
        "and report.json beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
