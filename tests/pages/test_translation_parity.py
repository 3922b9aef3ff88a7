"""Both languages have the same pages and the same sections, and each section carries the same
content: the same snippets and figures in the same order, and as many formulas, admonitions and
tables in one language as in the other."""

import re
import shutil
from collections import Counter
from pathlib import Path

from helpers import ROOT

HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{\s*#(?P<anchor>[\w-]+)\s*\})?\s*$")
USES_RE = re.compile(r'--8<--\s+"([^"]+)"|\]\(((?:\.\./)*figures/[^)]+)\)')
FENCE_RE = re.compile(r"^\s*(```|~~~)")
DISPLAY_MATH_RE = re.compile(r"^\s*\$\$")
ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+\w+")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
LANGUAGES = ("zh", "en")
# Inline math is part of a sentence and is not counted: the two languages may phrase it differently.
KINDS = ("snippet includes", "figures", "formulas", "admonitions", "tables")


class Section:
    def __init__(self, name: str):
        self.name = name
        self.uses: list[str] = []
        self.counts: Counter = Counter()


def outline(page: Path) -> tuple[list[str], list[Section]]:
    """The page's headings (level and anchor), and what each section contains."""
    headings, sections = [], [Section("(before the first heading)")]
    in_fence = in_math = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        section = sections[-1]
        for include, figure in USES_RE.findall(line):
            section.uses.append(include or figure)
            section.counts["snippet includes" if include else "figures"] += 1
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if DISPLAY_MATH_RE.match(line):
            if not in_math:
                section.counts["formulas"] += 1
            # A one-line `$$ ... $$` opens and closes on the same line.
            in_math = in_math != (line.count("$$") % 2 == 1)
            continue
        if in_math:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            level = len(heading[1])
            if level > 1 and not heading["anchor"]:
                headings.append(f"line {number}: heading without an explicit {{ #anchor }}")
            headings.append(f"h{level} #{heading['anchor'] or ''}")
            sections.append(Section(f"#{heading['anchor']}" if heading["anchor"] else heading[2]))
            continue
        section.counts["admonitions"] += bool(ADMONITION_RE.match(line))
        section.counts["tables"] += bool(TABLE_RULE_RE.match(line))
    return headings, sections


def parity_problems(docs: Path) -> list[str]:
    problems = []
    pages = {lang: {p.relative_to(docs / lang) for p in (docs / lang).rglob("*.md")} for lang in LANGUAGES}
    for page in sorted(pages["zh"] | pages["en"]):
        zh, en = docs / "zh" / page, docs / "en" / page
        both = f"{zh.relative_to(docs.parent)} and {en.relative_to(docs.parent)}"
        if not (zh.is_file() and en.is_file()):
            problems.append(f"{both}: the page exists in one language only")
            continue
        (zh_headings, zh_sections), (en_headings, en_sections) = outline(zh), outline(en)
        if zh_headings != en_headings:
            problems.append(f"{both}: headings differ:\n  zh {zh_headings}\n  en {en_headings}")
            continue
        for zh_section, en_section in zip(zh_sections, en_sections):
            where = f"{both}, section {zh_section.name}"
            if zh_section.uses != en_section.uses:
                problems.append(f"{where}: snippets/figures differ:\n  zh {zh_section.uses}\n  en {en_section.uses}")
            for kind in KINDS:
                if zh_section.counts[kind] != en_section.counts[kind]:
                    problems.append(
                        f"{where}: {kind}: zh has {zh_section.counts[kind]}, en has {en_section.counts[kind]}"
                    )
    return problems


def test_languages_match():
    problems = parity_problems(ROOT / "docs")
    assert not problems, "\n".join(problems)


def break_copy(tmp_path: Path, lang: str, page: str, old: str, new: str) -> str:
    """Copy docs/, replace `old` by `new` once in one page, and return the parity problems."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    path = docs / lang / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return "\n".join(parity_problems(docs))


def test_a_missing_page_is_reported_with_both_files(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "en" / "index.md").unlink()
    problems = "\n".join(parity_problems(docs))
    assert "docs/zh/index.md and docs/en/index.md: the page exists in one language only" in problems


def test_a_missing_include_is_reported_with_its_section(tmp_path):
    problems = break_copy(tmp_path, "en", "loss-functions.md", '--8<-- "snippets/loss_functions/huber.py"', "")
    assert "docs/zh/loss-functions.md and docs/en/loss-functions.md, section #smooth-l1: snippets/figures differ" in problems
    assert "section #smooth-l1: snippet includes: zh has" in problems


def test_a_heading_mismatch_is_reported(tmp_path):
    problems = break_copy(tmp_path, "zh", "building-models.md", "{ #choosing }", "{ #choose }")
    assert "docs/zh/building-models.md and docs/en/building-models.md: headings differ" in problems


def test_a_missing_formula_is_reported_with_its_section(tmp_path):
    display = "$$\nL = \\frac{1}{N}\\sum_{n=1}^{N} \\left| y_n - \\hat{y}_n \\right|\n$$\n"
    problems = break_copy(tmp_path, "zh", "loss-functions.md", display, "")
    assert "section #mae: formulas: zh has 0, en has 1" in problems


def test_a_missing_formula_admonition_table_and_figure_are_reported(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "en" / "losses-in-depth.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^\$\$\n\\operatorname\{clip\}.*?\n\$\$\n", "", text, count=1, flags=re.M | re.S)
    text = re.sub(r'^!!! tip "Labels as NumPy arrays"$', "Labels as NumPy arrays", text, count=1, flags=re.M)
    text = text.replace("| --- | --- | --- | --- | --- |", "", 1)
    page.write_text(text, encoding="utf-8")
    zh_page = docs / "zh" / "loss-functions.md"
    zh_page.write_text(
        zh_page.read_text(encoding="utf-8").replace("](figures/loss_functions/huber_plot.svg)", "](elsewhere.svg)", 1),
        encoding="utf-8",
    )
    problems = "\n".join(parity_problems(docs))
    assert "losses-in-depth.md, section #epsilon-clipping: formulas: zh has" in problems
    assert "losses-in-depth.md, section #sparse-labels: admonitions: zh has 1, en has 0" in problems
    assert "losses-in-depth.md, section #choosing-a-loss: tables: zh has 1, en has 0" in problems
    assert "loss-functions.md, section #smooth-l1: figures: zh has 0, en has 1" in problems
