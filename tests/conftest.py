import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The build hook's module holds the sandbox that snippets run in; tests use the same one.
sys.path.insert(0, str(ROOT / "hooks"))

from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from helpers import mkdocs_build  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The strict build of the real project, made once per test session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright (skipped, or failed under CI=true, if missing)."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(built_site):
    """The base URL of the built site, served at the root path."""
    with serve(built_site) as base_url:
        yield base_url
