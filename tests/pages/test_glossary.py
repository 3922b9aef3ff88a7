"""The glossary: one term list (docs/glossary.yml) makes both languages' glossary pages and the
Chinese search segmenter's dictionary (hooks/glossary.py)."""

import re

import pytest
import yaml
from glossary import glossary_markdown, jieba_words, load_terms
from helpers import LANGUAGES, ROOT
from mkdocs.exceptions import PluginError

TERMS = load_terms(ROOT / "docs")


def test_every_term_has_an_entry_with_its_anchor_in_both_languages(built_site):
    for language, prefix in LANGUAGES.items():
        page = (built_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'<h2 id="([^"]+)">', page)
        assert ids == [term["id"] for term in TERMS], language
        for term in TERMS:
            assert term[f"{language}_def"].split("`")[0][:20] in page, (language, term["id"])


def test_an_entry_names_the_term_in_both_languages_and_links_its_pages():
    term = {"id": "lr", "en": "learning rate", "zh": "学习率", "en_def": "The step size.", "zh_def": "步长。",
            "see": "loss-functions.md#mae", "api": "https://keras.io/api/optimizers/"}
    assert glossary_markdown([term], "zh") == (
        "## 学习率（learning rate） { #lr }\n\n步长。 [本站示例](loss-functions.md#mae)"
        " [API 文档](https://keras.io/api/optimizers/)\n"
    )
    assert glossary_markdown([term], "en").startswith("## learning rate (学习率) { #lr }\n\nThe step size.")
    mse = {**term, "en": "mean squared error (MSE)", "zh": "均方误差（MSE）"}
    assert glossary_markdown([mse], "zh").startswith("## 均方误差（MSE） / mean squared error (MSE) { #lr }")


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"id": "a", "en": "a", "zh": "甲", "en_def": "A."}], "term 1 (a) has no zh_def"),
        ([{"id": "a", "en": "a", "zh": "甲", "en_def": "A.", "zh_def": "甲。"}] * 2, "the id 'a' is used twice"),
    ],
)
def test_a_broken_term_list_fails_the_build_naming_the_term(tmp_path, entries, message):
    (tmp_path / "glossary.yml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(message)):
        load_terms(tmp_path)


def test_the_segmenter_keeps_each_chinese_term_whole():
    import jieba

    words = jieba_words(TERMS)
    assert {"学习率", "独热编码", "梯度下降", "平滑 L1 损失"} & set(words) == {"学习率", "独热编码", "梯度下降"}
    for word in words:
        jieba.add_word(word)  # what material's search does with the dictionary file
    assert "学习率" in jieba.lcut("调小学习率之后")
