"""The page scan sees the fences the renderer renders, as it renders them (hooks/rendered_fences.py):
the language resolved by pymdownx.highlight with the site's own settings, every line's origin
through includes, and no fence where the renderer shows an indented code block's text."""

from pathlib import Path

from rendered_fences import scan
from snippet_includes import python_kind

SITE = ["pymdownx.superfences", "pymdownx.highlight", "pymdownx.snippets", "md_in_html", "attr_list"]


def fences(tmp_path: Path, text: str, **highlight):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    settings = (SITE, {"pymdownx.highlight": highlight, "pymdownx.snippets": {"check_paths": True}})
    found, _ = scan(text, str(page), settings, tmp_path)
    return found


def test_the_language_is_the_highlighters_with_the_sites_settings(tmp_path):
    text = "```snake\nprint(1)\n```\n\n```\nprint(2)\n```\n\n```PyThOn3\nprint(3)\n```\n"
    plain = fences(tmp_path, text)
    assert [python_kind(f.lexer) for f in plain] == ["", "", "python"]
    snake = [{"name": "snake", "lang": "python"}]
    configured = fences(tmp_path, text, extend_pygments_lang=snake, default_lang="python")
    assert [python_kind(f.lexer) for f in configured] == ["python", "python", "python"]


def test_each_line_knows_the_file_and_line_it_was_written_on(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("x = 1\nprint(x)\n", encoding="utf-8")
    (tmp_path / "part.md").write_text('Text.\n\n```python\n--8<-- "snippets/a.py"\n```\n', encoding="utf-8")
    [fence] = fences(tmp_path, '# Page\n\n--8<-- "part.md"\n')
    assert (Path(fence.opening.file).name, fence.opening.line) == ("part.md", 3)
    assert [(text, Path(o.file).name, o.line, o.target) for text, o in fence.lines if text] == [
        ("x = 1", "a.py", 1, "snippets/a.py"),
        ("print(x)", "a.py", 2, "snippets/a.py"),
    ]


def test_a_fence_in_an_indented_code_block_is_text_but_in_a_list_it_is_a_fence(tmp_path):
    code_block = "Text.\n\n    ```python\n    print(1)\n    ```\n"
    assert fences(tmp_path, code_block) == []
    in_a_list = "- Item\n\n    ```python\n    print(1)\n    ```\n"
    [fence] = fences(tmp_path, in_a_list)
    assert (fence.opening.line, fence.code) == (3, "print(1)")
