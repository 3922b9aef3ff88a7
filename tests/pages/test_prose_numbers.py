"""The numbers written in the prose come from the outputs, and both languages write the same ones.

1. A number with two or more decimals in a page's prose (sentences, tables, formulas, admonitions:
   everything but code blocks) must appear in a checked output of the same page: the `#> ` lines
   and `'''` blocks of the snippets it includes, which the build compares with what the code
   prints, exactly or rounded to the decimals the prose gives. A number the page's code itself
   writes (an input such as `0.05`) counts too. So a TensorFlow upgrade that changes an output
   fails the build at the output, and then here at every sentence that still quotes the old one.
   The article's printed values are the only numbers quoted from elsewhere (ARTICLE_VALUES).
2. Per section (same heading ids in both languages), the zh and en prose write the same numbers
   with a decimal point: one language can't quote a value the other leaves out.
"""

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from helpers import ROOT

LANGUAGES = ("zh", "en")
PAGES = sorted(p.relative_to(ROOT / "docs" / "zh").as_posix() for p in (ROOT / "docs" / "zh").rglob("*.md"))
# What the article printed (TensorFlow 2.x with Keras 2), quoted beside today's outputs.
ARTICLE_VALUES = {"0.39925388", "0.105360545", "0.5108254", "0.10536041", "1.0", "0.5", "0.18"}

FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"^#{1,6}\s+.*?\{\s*#(?P<anchor>[\w-]+)\s*\}\s*$")
INCLUDE_RE = re.compile(r'--8<--\s+"(?P<path>[^":]+\.py)(?::[^"]*)?"')
OUTPUT_LINE_RE = re.compile(r"^\s*#> ?(.*)$")
OUTPUT_BLOCK = "'''"
# A decimal number; a leading minus sign may be ASCII or U+2212. Versions (1.2.3) are not numbers.
NUMBER_RE = re.compile(r"(?<![\w.])[-−]?\d+\.\d+(?:[eE][-+]?\d+)?(?![\w.]*\d)")
VERSION_RE = re.compile(r"\d+\.\d+\.\d+")
# "TensorFlow 2.16", "Python 3.11", "Keras 3.15", "TensorFlow 2.0 to 2.15": versions in a sentence.
VERSIONED = re.compile(
    r"(?:Python|TensorFlow|Keras|tf-keras|tf\.keras|NumPy|JAX|jax|matplotlib|MkDocs)\s*"
    r"(?:\d+\.\d+\s*(?:to|and|or|-|–|到|至|和|或)\s*)?$"
)
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<!--.*?-->|\bhttps?://\S+", re.S)


def prose_sections(page: Path) -> dict[str, list[str]]:
    """Section anchor -> the prose lines of that section (code blocks and includes left out)."""
    sections: dict[str, list[str]] = defaultdict(list)
    anchor, in_fence = "", False
    for line in page.read_text(encoding="utf-8").splitlines():
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or INCLUDE_RE.search(line):
            continue
        heading = HEADING_RE.match(line)
        if heading:
            anchor = heading["anchor"]
        sections[anchor].append(LINK_TARGET_RE.sub("", line))
    return sections


def prose_numbers(text: str) -> list[str]:
    numbers = []
    for match in NUMBER_RE.finditer(text):
        start = match.start()
        if VERSION_RE.match(text, start) or VERSIONED.search(text[max(0, start - 24) : start]):
            continue
        numbers.append(match[0].replace("−", "-"))
    return numbers


def included_sources(page: Path, root: Path = ROOT) -> list[str]:
    """The code the page shows: its included snippets and the Python blocks written in it."""
    text = page.read_text(encoding="utf-8")
    sources = [(root / m["path"]).read_text(encoding="utf-8") for m in INCLUDE_RE.finditer(text)]
    blocks, block = [], None
    for line in text.splitlines():
        if FENCE_RE.match(line):
            if block is None:
                block = []
            else:
                blocks.append("\n".join(block))
                block = None
        elif block is not None:
            block.append(line)
    return sources + blocks


def outputs_and_code(sources: list[str]) -> tuple[str, str]:
    """The documented (checked) output of these programs, and the rest of their text."""
    outputs, code = [], []
    for source in sources:
        in_block = False
        for line in source.splitlines():
            if line.strip() == OUTPUT_BLOCK:
                in_block = not in_block
                continue
            output = OUTPUT_LINE_RE.match(line)
            if in_block or output:
                outputs.append(output[1] if output and not in_block else line)
            else:
                code.append(line)
    return "\n".join(outputs), "\n".join(code)


def decimals(number: str) -> int:
    mantissa = number.lower().split("e")[0]
    return len(mantissa.split(".")[1])


def rounded(printed: str, places: int) -> Decimal:
    """A printed number rounded as a reader rounds it (half up, from its decimal digits)."""
    return abs(Decimal(printed)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def shown_by(number: str, printed: list[str], code: set[str]) -> bool:
    if number in code or number.lstrip("-") in code or number in ARTICLE_VALUES:
        return True
    value, places = abs(Decimal(number)), decimals(number)
    for candidate in printed:
        if "e" in number.lower():
            if abs(abs(Decimal(candidate)) - value) <= value.scaleb(-(places + 1)):
                return True
        elif rounded(candidate, places) == value:
            return True
    return False


def unbacked_numbers(page: Path, root: Path = ROOT) -> list[str]:
    outputs, code = outputs_and_code(included_sources(page, root))
    printed = [m[0].replace("−", "-") for m in NUMBER_RE.finditer(outputs)]
    printed += re.findall(r"(?<![\w.])\d+(?:\.\d+)?[eE][-+]?\d+", outputs)
    literals = {m[0] for m in NUMBER_RE.finditer(code)}
    problems = []
    for anchor, lines in prose_sections(page).items():
        for number in prose_numbers("\n".join(lines)):
            if decimals(number) >= 2 and not shown_by(number, printed, literals):
                problems.append(f"{page.relative_to(root)}#{anchor or '(top)'}: {number}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_in_an_output_of_the_page(page, language):
    problems = unbacked_numbers(ROOT / "docs" / language / page)
    assert not problems, (
        "numbers written in the prose that no checked output of the page prints (run the code "
        "that prints them on this page, or quote the output):\n  " + "\n  ".join(problems)
    )


def number_gaps(page: str, docs: Path = ROOT / "docs") -> list[str]:
    zh, en = (prose_sections(docs / language / page) for language in LANGUAGES)
    problems = []
    for anchor in sorted(set(zh) | set(en)):
        numbers = {language: set(prose_numbers("\n".join(sections.get(anchor, []))))
                   for language, sections in (("zh", zh), ("en", en))}
        for language, other in (("zh", "en"), ("en", "zh")):
            missing = sorted(numbers[other] - numbers[language])
            if missing:
                problems.append(f"docs/{language}/{page}#{anchor or '(top)'} lacks {', '.join(missing)}, which docs/{other}/{page} writes")
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_both_languages_write_the_same_numbers_per_section(page):
    problems = number_gaps(page)
    assert not problems, "\n".join(problems)


def test_the_checks_catch_a_stale_number_and_a_number_in_one_language(tmp_path):
    """A sentence quoting a number no output prints, and a value that only one language gives."""
    for language in LANGUAGES:
        (tmp_path / language).mkdir()
    (tmp_path / "snippet.py").write_text("x = 0.25\nprint(x * 2.5)\n#> 0.625\n", encoding="utf-8")
    include = '```python\n--8<-- "snippet.py"\n```\n'
    en = f"## Part {{ #part }}\n\n{include}\nIt prints 0.63, from 0.25; before, 0.6251 and 2.50.\n"
    zh = f"## 部分 {{ #part }}\n\n{include}\n它打印 0.63。\n"
    (tmp_path / "en" / "p.md").write_text(en, encoding="utf-8")
    (tmp_path / "zh" / "p.md").write_text(zh, encoding="utf-8")
    found = unbacked_numbers(tmp_path / "en" / "p.md", tmp_path)
    assert [problem.split(": ")[-1] for problem in found] == ["0.6251", "2.50"]
    assert number_gaps("p.md", tmp_path) == [
        "docs/zh/p.md#part lacks 0.25, 0.6251, 2.50, which docs/en/p.md writes"
    ]
