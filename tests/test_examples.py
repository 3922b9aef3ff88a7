"""Every snippet, and every Python block in a page that documents its output, prints what its
`#> ` lines say: run by the build's own worker (snippet_worker.py), each as if it were the only
one, so pytest and the build agree whatever the order.

The build of the site (`built_site`) runs first and shares its results: an example whose exact
source already ran under this exact runtime (the build's cache key: Python, every installed
distribution, the environment that changes what snippets print, the worker's code) and printed
what its lines say has an entry in .cache/snippets/, which only such a run writes, and passes
without running again. Anything else runs here: a new or edited example, or every example
after an upgrade. Without .cache/snippets/, the build runs every example again first.

`pytest --update-examples` rewrites those lines from what the code prints now.
"""

import documented_output
import pytest
import snippet_includes
import snippet_pool
import snippet_scheduler
from helpers import ROOT
from layout import figure_snippet
from settings import Settings
from snippet_cache import SnippetCache
from snippet_worker import UPDATE_HINT

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


@pytest.fixture(scope="session")
def verified(built_site_if_it_builds):
    """`verified(example)`: whether the build's cache holds a passing run of exactly this example
    under this runtime (see the module docstring). The site is built first, so that a cold
    checkout runs each example once, in the build, not twice; a build that fails (an example
    whose output drifted fails it too) still caches the others."""
    cache = SnippetCache(Settings.from_environ().cache_dir("snippets"))
    return lambda example: snippet_scheduler.look_up(example, cache)


@pytest.fixture(scope="session")
def worker():
    """This pytest process's workers, chosen per snippet as the build chooses them."""
    workers = snippet_pool.Workers()
    yield workers
    workers.close()


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


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_output(example, verified, worker, request):
    if example.path is not None and (error := snippet_includes.link_error(str(example.path), ROOT)):
        pytest.fail(error, pytrace=False)
    if verified(example):
        return
    job = snippet_scheduler.job_for(example, Settings.from_environ().timeout)
    try:
        result = worker.run(job)
    except snippet_pool.WorkerError as exc:
        pytest.fail(f"{example.name}: {exc}", pytrace=False)
    expected = result.expected
    if request.config.getoption("update_examples") and expected is not None and not result.ok:
        update(example, expected)
        return
    if not result.ok:
        message = result.error
        if expected is not None and UPDATE_HINT not in message:
            message += f"\n{UPDATE_HINT}"
        pytest.fail(message, pytrace=False)
