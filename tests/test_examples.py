"""Every snippet, and every Python block in a page that documents its output, prints what its
`#> ` lines say, and prints and draws the same again when it runs a second time.

The build of the site (`built_site`) runs each example first (or takes it from .cache/snippets/)
and publishes what it printed and drew (.cache/build-report.json: stdout, figure_sha256). Then
every collected example runs once more here, under other conditions: in pytest's own worker
processes, started with another PYTHONHASHSEED than the build's (SECOND_RUN_ENV). The examples
run as one batch, on one warm worker per runtime and worker thread, in the first test process
that asks; the other processes (pytest -n) read its results (conftest.make_once). An example
passes only if that second run
- prints and draws exactly what the build published; otherwise it fails as "not reproducible",
  naming what differed (a snippet whose output changed from run to run would change the site
  from build to build), and `--update-examples` leaves it alone: no documented output can be
  right for it;
- passes the documented-output check (the worker's); `pytest --update-examples` rewrites the
  `#> ` lines from what the code prints now.
"""

import difflib
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import build_report
import documented_output
import pytest
import snippet_includes
import snippet_pool
import snippet_scheduler
from helpers import ROOT
from layout import figure_snippet
from settings import Settings
from snippet_cache import SnippetCache
from snippet_records import Result
from snippet_worker import SNIPPET_ENV, UPDATE_HINT

# The second run's workers: another hash seed than the build's (fixed when a Python process starts).
SECOND_RUN_ENV = {"PYTHONHASHSEED": str(int(SNIPPET_ENV["PYTHONHASHSEED"]) + 1)}
SECOND_RUN = f"a second run (PYTHONHASHSEED={SECOND_RUN_ENV['PYTHONHASHSEED']}, another process)"
CAUSES = (
    "Seed what it draws at random (keras.utils.set_random_seed(0)), sort what it prints from a set "
    "or dict of strings, and print no id() or process id."
)
# When the build's result came from .cache/snippets/ rather than from a run.
STORED = (
    "The build took its result from .cache/snippets/: if the code gives the same result in every "
    "run, that entry was altered (BUILD_CACHE=cold, or make clean, runs it again)."
)

SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def page_blocks():
    """The Python fences written in the pages, found as the build finds them (a page the build
    refuses has none here: test_the_examples_are_exactly_what_the_pages_show names its error)."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        try:
            blocks = snippet_includes.scan_page(page, ROOT).blocks
        except snippet_includes.IncludeError:
            continue
        for shown, line, code in blocks:
            yield snippet_scheduler.Snippet(
                name=f"{shown}:{line}", source=code, shown=shown, line_offset=line
            )


def snippet_files():
    for path in SNIPPETS:
        name = path.relative_to(ROOT).as_posix()
        # the exact text, as the build reads it (its line endings, a byte-order mark); a symbolic
        # link is not read: test_example_output fails it, as the build does
        source = "" if path.is_symlink() else path.read_bytes().decode("utf-8")
        yield snippet_scheduler.Snippet(name=name, source=source, path=path)


EXAMPLES = [*snippet_files(), *page_blocks()]


def examples_collected(session) -> list:
    """The examples this session runs (all of them, or those that -k or a test id selects)."""
    return [item.callspec.params["example"] for item in session.items if getattr(item, "originalname", "") == "test_example_output"]


def run_again(examples: list, directory: Path) -> str:
    """Run the examples on the pool as the build does (its settings: limits, sandbox; longest
    first by the build's durations), with SECOND_RUN_ENV; their results go into a file of
    `directory`."""
    settings = Settings.from_environ()
    durations = SnippetCache(settings.cache_dir("snippets"), fingerprint="").durations()
    ordered = sorted(examples, key=lambda example: snippet_scheduler.run_order(example, durations))
    jobs = [snippet_scheduler.job_for(example, settings.timeout, settings.limits) for example in ordered]
    results = {}

    def finished(index: int, result: Result) -> None:
        results[jobs[index].name] = asdict(result)

    snippet_pool.run_all(jobs, settings.workers, finished, settings.sandbox_without, env=SECOND_RUN_ENV)
    path = directory / "results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def second_run(request, make_once) -> dict[str, Result]:
    """name -> the result of the example's second run (see the module docstring)."""
    examples = examples_collected(request.session)
    path = make_once("examples-second-run", lambda directory: run_again(examples, directory))
    results = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: Result(**fields) for name, fields in results.items()}


@pytest.fixture(scope="session")
def published(built_site_if_it_builds) -> dict[str, dict] | None:
    """name -> what the build of the site did with each example (its build report), or None if
    that build wrote no report (it stopped before the end; conftest removes an older one)."""
    try:
        report = build_report.read(Settings.from_environ().cache)
    except (OSError, ValueError):
        return None
    return {entry["name"]: entry for entry in report["snippets"]}


# Files under snippets/ that no page shows, each with the reason it is kept (none today).
UNUSED_SNIPPETS: dict[str, str] = {}


def test_the_examples_are_exactly_what_the_pages_show():
    """Every snippet a page includes (or shows the figure of) and every Python block of a page that
    documents its output is collected here; every file under snippets/ is shown by a page or is
    listed in UNUSED_SNIPPETS."""
    shown_snippets, shown_blocks = set(), set()
    for page in sorted((ROOT / "docs").rglob("*.md")):
        try:
            use = snippet_includes.scan_page(page, ROOT)
        except snippet_includes.IncludeError as exc:
            pytest.fail(str(exc), pytrace=False)
        shown_snippets |= set(use.snippets) | {figure_snippet(f) for f in use.figures}
        shown_blocks |= {f"{shown}:{line}" for shown, line, _ in use.blocks}
    files = {path.relative_to(ROOT).as_posix() for path in SNIPPETS}
    assert shown_snippets, "no page shows a snippet"
    assert sorted(files - shown_snippets) == sorted(UNUSED_SNIPPETS), "files under snippets/ that no page shows"
    assert sorted(shown_snippets - files) == [], "snippets shown that are not files under snippets/"
    assert sorted(example.name for example in EXAMPLES) == sorted(files | shown_blocks)


def update(example, expected: str) -> None:
    """Write the example as it should read (saved as the file was: its line endings, a
    byte-order mark), or fail, writing nothing, if that would not compile."""
    problem = documented_output.compile_problem(expected)
    if problem is not None:
        pytest.fail(f"{example.name}: not rewritten: the rewritten code would not compile ({problem})", pytrace=False)
    if example.path is not None:
        example.path.write_bytes(expected.encode("utf-8"))
        return
    page = ROOT / example.shown
    saved = page.read_bytes().decode("utf-8")
    text = documented_output.as_python_reads_it(saved)
    if text.count(example.source) != 1:  # e.g. a block indented in an admonition
        pytest.fail(f"{example.name}: not rewritten: its code is not in {example.shown} once as it is; "
                    "update it by hand", pytrace=False)
    page.write_bytes(documented_output.in_style_of(saved, text.replace(example.source, expected, 1)).encode("utf-8"))


def sha256(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


def diff(before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), "the build", SECOND_RUN)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines).rstrip("\n")


def without_hint(error: str) -> str:
    return error.replace(UPDATE_HINT, "").rstrip()


def short(digest: str | None) -> str:
    return digest[:12] if digest else "none"


def how_runs_differ(example, built: dict, again: Result) -> str:
    """What differs between the build's run of the example (`built`, from its report) and the
    second run, or "" if nothing does."""
    passed = built["outcome"] != "failed"
    if passed and again.ok:
        if built["stdout"] != again.stdout:
            return f"what it prints differs between two runs:\n{diff(built['stdout'], again.stdout)}"
        drawn = sha256(again.figure)
        if example.path is not None and built["figure_sha256"] != drawn:  # a page block's is not published
            return (
                f"its figure differs between two runs: sha256 {short(built['figure_sha256'])} in the build, "
                f"{short(drawn)} in {SECOND_RUN}"
            )
        return ""
    if passed:
        if again.expected is not None:  # the build printed what the file documents
            return f"what it prints differs between two runs:\n{diff(example.source, again.expected)}"
        return f"it passed in the build and failed in {SECOND_RUN}: {without_hint(again.error)}"
    if again.ok:
        return f"it failed in the build and passed in {SECOND_RUN}; the build: {without_hint(built['error'])}"
    if again.expected is not None and built["error"] != again.error:
        # Both printed something else than the file documents, and not the same thing.
        return (
            f"two runs print different output, neither the documented one:\n"
            f"the build: {without_hint(built['error'])}\n{SECOND_RUN}: {without_hint(again.error)}"
        )
    return ""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_output(example, published, second_run, request):
    if example.path is not None and (error := snippet_includes.link_error(str(example.path), ROOT)):
        pytest.fail(error, pytrace=False)
    again = second_run[example.name]
    built = (published or {}).get(example.name)
    if built is not None and built["source_sha256"] != sha256(example.source):
        pytest.fail(f"{example.name} changed after the build ran it; run the tests again", pytrace=False)
    if built is not None:
        different = how_runs_differ(example, built, again)
        if different:
            stored = f"\n{STORED}" if built["outcome"] == snippet_scheduler.CACHED else ""
            pytest.fail(f"{example.name}: not reproducible: {different}\n{CAUSES}{stored}", pytrace=False)
    expected = again.expected
    if request.config.getoption("update_examples") and expected is not None and not again.ok:
        update(example, expected)
        return
    if not again.ok:
        message = again.error
        if expected is not None and UPDATE_HINT not in message:
            message += f"\n{UPDATE_HINT}"
        pytest.fail(message, pytrace=False)
    if published is None:  # (an example that no page shows is not in the report: nothing published)
        pytest.fail(
            f"{example.name}: the build of the site wrote no report (it stopped early; its own tests say "
            "why), so this run can't be compared with what it published",
            pytrace=False,
        )
