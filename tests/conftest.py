import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The build hook's module holds the sandbox that snippets run in; tests use the same one.
sys.path.insert(0, str(ROOT / "hooks"))

from helpers import mkdocs_build  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The strict build of the real project, made once per test session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir
