"""Shared by the tests that build the site."""

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from documented_output import split

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"zh": "", "en": "en/"}  # language -> where its pages live in the site
# What a copy of the project needs to build (the cache makes a copy's build warm).
PROJECT_FILES = ["docs", "snippets", "hooks", "overrides", "tests", "tools", "mkdocs.yml", "requirements.txt", "pytest.ini"]


def build_env(**env_vars: str) -> dict[str, str]:
    """The environment of every build the tests and the benchmark start."""
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1", **env_vars}


def mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    env = build_env(**env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def copy_project(dest: Path) -> Path:
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", dest / ".cache")
    return dest


def page_text(path: Path) -> str:
    """The visible text of a built page (tags dropped, entities decoded)."""
    body = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def documented_output(snippet: Path) -> list[str]:
    """The output lines a snippet documents (`#> ` lines and the lines of ''' blocks), not the blank ones."""
    return [line for line in split(snippet.read_text(encoding="utf-8")).output if line.strip()]


# A small project with the real hooks, theme and configuration: the failure tests build it in a
# few seconds instead of the whole site. Its pages and snippets are files in FIXTURE; a test that
# needs another snippet or page writes it into its copy.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tiny-project"


def tiny_project(dest: Path) -> Path:
    """A copy of FIXTURE (two pages per language, a printing snippet and a plot snippet) with the
    real hooks, theme, assets and mkdocs.yml (without its navigation: the tiny pages have their own)."""
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    for name in ("hooks", "overrides", "docs/assets"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "requirements.txt", dest / "requirements.txt")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:[ #].*\n|\n)*?(?=\S)", "", config, count=1, flags=re.M)
    assert "\nnav:" not in config, "the navigation was not removed from mkdocs.yml"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest
