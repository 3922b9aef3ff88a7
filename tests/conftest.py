"""Fixtures shared by the test modules, and what lets `pytest -n` (pytest-xdist) share them.

`make test` runs the tests on every core (pytest.ini: `-n auto`; `-n 0` runs them in one
process). A session fixture runs once per xdist worker, so what is expensive to make (the strict
build of the site, each printed book) goes through `shared`: the first worker that needs it
makes it under a file lock in the session's common temporary directory, and the others wait for
it and use the same files. They only read them: a test that changes a site changes a copy.

The build of the site starts in the background as soon as the session does (when a collected
test needs it), and the tests that do not need it run first, meanwhile, instead of waiting for it.
"""

import fcntl
import functools
import json
import sys
import threading
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The build hook's module holds the sandbox that snippets run in; tests use the same one.
# tools/ holds the commands that are not hooks (pdf_book: the tests print the book with it).
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

import build_report  # noqa: E402
from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from helpers import mkdocs_build  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

# The small project's pages and snippets (helpers.tiny_project copies them): data, not tests.
collect_ignore = ["fixtures"]


def shared(tmp_path_factory, worker: str | None, name: str, make):
    """`make(directory)` run once per test session, however many xdist workers ask for it.

    `make` gets a fresh directory and returns what the fixture hands out (JSON data: paths as
    strings). Its outcome is recorded beside the lock: whoever asks later (another worker, another
    thread) gets the same value, or the same skip, or fails with the error it raised, without
    trying again. `worker` is the xdist worker's id, None in a session without workers.
    """
    basetemp = tmp_path_factory.getbasetemp()
    common = basetemp.parent if worker else basetemp  # one per session, shared by its workers
    record = common / f"{name}.json"
    with open(common / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not record.exists():
            try:
                value = make(tmp_path_factory.mktemp(name))
            except pytest.skip.Exception as skip:
                record.write_text(json.dumps({"skip": skip.msg}), encoding="utf-8")
                raise
            except (Exception, pytest.fail.Exception) as error:
                message = "".join(traceback.format_exception_only(error)).strip()
                where = f" (on {worker})" if worker else ""
                record.write_text(json.dumps({"error": f"making {name!r}{where} failed: {message}"}), encoding="utf-8")
                raise
            record.write_text(json.dumps({"value": value}), encoding="utf-8")
            return value
        outcome = json.loads(record.read_text(encoding="utf-8"))
    if "skip" in outcome:
        pytest.skip(outcome["skip"])
    if "error" in outcome:
        pytest.fail(outcome["error"], pytrace=False)
    return outcome["value"]


# The fixtures that wait for the build of the site.
SITE_FIXTURES = {"built_site", "built_site_if_it_builds"}


def needs_site(item) -> bool:
    return bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that need no built site first, then those that do; in each phase, the long ones
    first (marked `long`), so that no test process is left alone with one at the end."""
    items.sort(key=lambda item: (needs_site(item), item.get_closest_marker("long") is None))


@pytest.fixture(scope="session")
def make_once(request, tmp_path_factory):
    """`make_once(name, make)`: `make`'s value, made once per session (see `shared`)."""
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    return functools.partial(shared, tmp_path_factory, worker)


def build_site(site_dir: Path) -> str:
    """The strict build of the real project into `site_dir`, which must succeed without warnings.
    The previous build's report is removed first: a build that stops early writes none, and the
    examples (test_examples.py) compare their second run with this build's."""
    (ROOT / ".cache" / build_report.FILE_NAME).unlink(missing_ok=True)
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return str(site_dir)


@pytest.fixture(scope="session", autouse=True)
def _build_site_in_the_background(request, make_once, tmp_path_factory):
    """Start the build of `built_site` as the session starts, if a collected test needs it.

    It runs in a thread of each test process (the first to take the lock builds, the others find
    the record); the session waits for it at the end, so no build outlives the tests.
    """
    if not any(needs_site(item) for item in request.session.items):
        yield
        return

    # The session's temporary folder is made on first use, and pytest does not guard that
    # against two threads: made here, before the build's thread, and not at once by it and a
    # test's `tmp_path` (which failed with FileExistsError on `popen-gw0`).
    tmp_path_factory.getbasetemp()

    def build():
        try:
            make_once("site", build_site)
        except BaseException:  # recorded: `built_site` reports it to the tests that need it
            pass

    thread = threading.Thread(target=build, name="build-site", daemon=True)
    thread.start()
    yield
    thread.join()


@pytest.fixture(scope="session")
def built_site(make_once):
    """The strict build of the real project, made once per test session (by one test process)."""
    return Path(make_once("site", build_site))


@pytest.fixture(scope="session")
def built_site_if_it_builds(make_once):
    """The same build, for a test that goes on without it: None if it failed (or was skipped);
    the tests of `built_site` report why."""
    try:
        return Path(make_once("site", build_site))
    except (Exception, pytest.fail.Exception, pytest.skip.Exception):  # the build's own error too
        return None


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (skipped, or failed under CI=true, if missing).

    One per test process; every check opens its own context (or uses a tab of `tab`) in it.
    """
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(built_site):
    """The base URL of the built site, served at the root path (port chosen by the system)."""
    with serve(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def tab(browser):
    """`tab(**context_options)`: the module's tab for one kind of reader (scheme, window size).

    A module's checks of every page of a kind run in the same tab, one after the other: each
    page reuses the renderer process and the cache that the pages before it warmed (a fresh
    context per page costs about half a second more). Checks that listen to what a page does
    from its first request on (`browser.audit_page`) open a fresh context instead.
    """
    opened, crashed = {}, set()

    def get(**context_options):
        key = json.dumps(context_options, sort_keys=True)
        if key in crashed or (key in opened and opened[key].is_closed()):
            crashed.discard(key)
            opened.pop(key).context.close()  # a page that crashed fails its own test only
        if key not in opened:
            opened[key] = browser.new_context(**context_options).new_page()
            opened[key].on("crash", lambda _page: crashed.add(key))
        return opened[key]

    yield get
    for page in opened.values():
        page.context.close()
