"""The strict build of the real project: both languages, executed outputs, figures, formulas."""

import re
import subprocess

import pytest
import snippet_includes
from helpers import LANGUAGES, ROOT, documented_output, page_text
from snippets_hook import NOTEBOOK_FLAG_RE

PAGES = sorted(p.relative_to(ROOT / "docs" / "zh").as_posix() for p in (ROOT / "docs" / "zh").rglob("*.md"))


def built_page(site, language, page):
    url = "index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html"
    return site / LANGUAGES[language] / url


@pytest.fixture
def site(built_site):
    return built_site


def test_both_languages_have_every_page(site):
    assert PAGES, "no pages in docs/zh"
    for page in PAGES:
        for language in LANGUAGES:
            built = built_page(site, language, page)
            assert built.is_file(), built
            assert f'<html lang="{language}"' in built.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_show_the_executed_output_of_each_snippet(site, language, page):
    uses = snippet_includes.scan_page(ROOT / "docs" / language / page, ROOT)
    chapter = NOTEBOOK_FLAG_RE.match((ROOT / "docs" / language / page).read_text(encoding="utf-8"))
    assert uses.snippets or not chapter, f"the chapter {language}/{page} includes no snippet"
    text = page_text(built_page(site, language, page))
    for snippet in uses.snippets:
        for line in documented_output(ROOT / snippet):
            assert line.strip() in text, f"{snippet}: {line!r} missing from {language}/{page}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_loss_has_a_formula_and_a_generated_curve(site, language):
    page = built_page(site, language, "loss-functions.md")
    body = page.read_text(encoding="utf-8")
    assert 'class="arithmatex"' not in body, "LaTeX left unconverted"
    assert body.count("<math") >= 5
    # Figures are inlined SVG (hooks/figures.py); their ids start with the figure's name.
    curves = re.findall(r'<svg role="img" aria-label="([^"]+)" class="mpl-figure".*?<g id="([\w-]+)-figure_1"', body, re.S)
    stems = {f"{name}.svg" for _, name in curves}
    assert {
        "categorical_crossentropy_plot.svg",
        "binary_crossentropy_plot.svg",
        "mean_absolute_error_plot.svg",
        "mean_squared_error_plot.svg",
        "huber_plot.svg",
    } <= stems
    for alt, name in curves:
        assert alt.strip(), name


def test_nothing_generated_is_in_docs_or_git():
    assert not [p for p in (ROOT / "docs").rglob("*") if p.suffix in {".svg", ".png", ".html"}]
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [t for t in tracked if t.startswith((".cache/", "site/", "figures/")) or t.endswith(".svg")]


def test_figure_alt_text_is_in_the_page_language(site):
    for language in LANGUAGES:
        body = built_page(site, language, "loss-functions.md").read_text(encoding="utf-8")
        alts = re.findall(r'<svg role="img" aria-label="([^"]+)"', body)
        assert alts
        for alt in alts:
            has_chinese = bool(re.search(r"[\u4e00-\u9fff]", alt))
            assert has_chinese == (language == "zh"), alt


def test_each_language_has_its_own_404_page(site):
    zh = (site / "404.html").read_text(encoding="utf-8")
    en = (site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in zh and "页面不存在" in zh
    assert '<html lang="en"' in en and "Page not found" in en
    for page in (zh, en):  # the language switcher leads to each language's home page
        assert '<a href="/" hreflang="zh" class="md-select__link"' in page
        assert '<a href="/en/" hreflang="en" class="md-select__link"' in page


def test_pages_load_nothing_from_other_sites(site):
    """No CDN script or stylesheet, no web fonts, no analytics (the browser tests check requests)."""
    for page in site.rglob("*.html"):
        body = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//[^"]*', body)
        loads += re.findall(r'<link[^>]+rel="(?:stylesheet|preload|preconnect|modulepreload|icon)"[^>]+href="(?:https?:)?//[^"]*', body)
        assert not loads, (page, loads)
        assert "fonts.googleapis" not in body and "googletagmanager" not in body, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_installs_the_pinned_versions(site, language):
    from snippets_hook import pinned_versions

    text = page_text(built_page(site, language, "index.md"))
    pins = pinned_versions()
    for name in ("tensorflow", "keras", "numpy", "matplotlib", "tf-keras", "jax", "pydot", "ipython"):
        assert f"{name}=={pins[name]}" in text, f"{language}: the install commands lack {name}=={pins[name]}"
    assert "<!-- pip-install -->" not in (built_page(site, language, "index.md")).read_text(encoding="utf-8")
