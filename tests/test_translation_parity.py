"""Both languages have the same pages, the same headings and the same snippets, in order."""

import re
import shutil
from pathlib import Path

from helpers import ROOT

HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{\s*#(?P<anchor>[\w-]+)\s*\})?\s*$")
USES_RE = re.compile(r'--8<--\s+"([^"]+)"|\]\(((?:\.\./)*figures/[^)]+)\)')
LANGUAGES = ("zh", "en")


def outline(page: Path) -> tuple[list[str], list[str]]:
    """The page's headings (level and anchor) and the snippets and figures it uses, in order."""
    headings, uses, in_fence = [], [], False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        uses += [a or b for a, b in USES_RE.findall(line)]
        heading = None if in_fence else HEADING_RE.match(line)
        if heading:
            level = len(heading[1])
            if level > 1 and not heading["anchor"]:
                headings.append(f"line {number}: heading without an explicit {{ #anchor }}")
            headings.append(f"h{level} #{heading['anchor'] or ''}")
    return headings, uses


def parity_problems(docs: Path) -> list[str]:
    problems = []
    pages = {lang: {p.relative_to(docs / lang) for p in (docs / lang).rglob("*.md")} for lang in LANGUAGES}
    for page in sorted(pages["zh"] | pages["en"]):
        zh, en = docs / "zh" / page, docs / "en" / page
        both = f"{zh.relative_to(docs.parent)} and {en.relative_to(docs.parent)}"
        if not (zh.is_file() and en.is_file()):
            problems.append(f"{both}: the page exists in one language only")
            continue
        (zh_headings, zh_uses), (en_headings, en_uses) = outline(zh), outline(en)
        if zh_headings != en_headings:
            problems.append(f"{both}: headings differ:\n  zh {zh_headings}\n  en {en_headings}")
        if zh_uses != en_uses:
            problems.append(f"{both}: snippets/figures differ:\n  zh {zh_uses}\n  en {en_uses}")
    return problems


def test_languages_match():
    assert parity_problems(ROOT / "docs") == []


def test_a_missing_page_or_include_is_reported_with_both_files(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "en" / "index.md").unlink()
    page = docs / "en" / "loss-functions.md"
    page.write_text(page.read_text(encoding="utf-8").replace('--8<-- "snippets/loss_functions/huber.py"', ""))
    problems = "\n".join(parity_problems(docs))
    assert "docs/zh/index.md and docs/en/index.md: the page exists in one language only" in problems
    assert "docs/zh/loss-functions.md and docs/en/loss-functions.md: snippets/figures differ" in problems


def test_a_heading_mismatch_is_reported(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "zh" / "building-models.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{ #choosing }", "{ #choose }"))
    assert "docs/zh/building-models.md and docs/en/building-models.md: headings differ" in "\n".join(
        parity_problems(docs)
    )
