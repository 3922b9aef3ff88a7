"""MkDocs hook: the glossary of each language, made from one term list, `docs/glossary.yml`.

- `docs/<lang>/glossary.md` holds a `<!-- glossary -->` line; it becomes one section per term, in
  the list's order, each headed with the anchor `#<id>` that the chapters link to
  (`glossary.md#logits`), the term in both languages, its definition and its API page.
- The Chinese terms become the search segmenter's (jieba's) user dictionary, so that a query
  such as 学习率 is split as a reader means it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import priorities
from layout import CACHE, write_atomically

TERMS_FILE = "glossary.yml"
MARKER = "<!-- glossary -->"
FIELDS = ("id", "en", "zh", "en_def", "zh_def")
API_LABEL = {"zh": "API 文档", "en": "API reference"}
SEE_LABEL = {"zh": "本站示例", "en": "On this site"}


def load_terms(docs_dir: str | Path) -> list[dict]:
    """The term list, checked: every field present, ids unique."""
    path = Path(docs_dir) / TERMS_FILE
    if not path.is_file():
        raise PluginError(f"a page asks for the glossary ({MARKER}), but there is no docs/{TERMS_FILE}")
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for number, term in enumerate(terms, 1):
        missing = [field for field in FIELDS if not str(term.get(field) or "").strip()]
        if missing:
            raise PluginError(f"{path.name}: term {number} ({term.get('id')}) has no {', '.join(missing)}")
        if term["id"] in seen:
            raise PluginError(f"{path.name}: the id {term['id']!r} is used twice")
        seen.add(term["id"])
    return terms


def glossary_markdown(terms: list[dict], lang: str) -> str:
    """One section per term, so that search lists each term on its own: a heading with the
    term in both languages (anchor = id), its definition, then links to the section of the site
    that shows it and to its API page, when the list names them."""
    other = "en" if lang == "zh" else "zh"
    sections = []
    for term in terms:
        name, alias = term[lang], term[other]
        title = name
        if alias != name and any(mark in alias + name for mark in "(（"):
            title += f" / {alias}"  # 均方误差（MSE） / mean squared error (MSE): no brackets in brackets
        elif alias != name:
            title += f"（{alias}）" if lang == "zh" else f" ({alias})"
        text = term[f"{lang}_def"].strip()
        if term.get("see"):
            text += f" [{SEE_LABEL[lang]}]({term['see']})"
        if term.get("api"):
            text += f" [{API_LABEL[lang]}]({term['api']})"
        sections.append(f"## {title} {{ #{term['id']} }}\n\n{text}\n")
    return "\n".join(sections)


def jieba_words(terms: list[dict]) -> list[str]:
    """The Chinese terms as single words (`平滑 L1 损失 / Huber 损失` gives both names)."""
    words: list[str] = []
    for term in terms:
        for part in term["zh"].replace("（", "/").replace("）", "/").replace("、", "/").split("/"):
            part = part.strip()
            if part and any("\u4e00" <= char <= "\u9fff" for char in part) and " " not in part:
                words.append(part)
    return sorted(set(words))


@event_priority(priorities.JIEBA_DICTIONARY)
def on_config(config):
    try:  # jieba announces loading its dictionary on stderr at every build
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    if not (Path(config["docs_dir"]) / TERMS_FILE).is_file():
        return config  # a project without a glossary (a page asking for one fails below)
    terms = load_terms(config["docs_dir"])
    dictionary = CACHE / "jieba-user-dict.txt"
    text = "".join(f"{word} 100000 n\n" for word in jieba_words(terms))
    if not dictionary.exists() or dictionary.read_text(encoding="utf-8") != text:
        write_atomically(dictionary, text)
    for name in ("material/search", "search"):
        plugin = config["plugins"].get(name)
        if plugin is not None and "jieba_dict_user" in plugin.config:
            plugin.config["jieba_dict_user"] = str(dictionary)
    return config


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = "en" if page.file.src_uri.startswith("en/") else "zh"
    return markdown.replace(MARKER, glossary_markdown(load_terms(config["docs_dir"]), lang))
