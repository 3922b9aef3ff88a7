"""A page that goes wrong stops the build with one message that names the page and says what is
wrong: an include that can't be shown, a broken link, a page that is not UTF-8, a bad setting.
And every way a page can include a snippet or show its figure runs that snippet, so its errors
are reported however it is included.

Each test changes a copy of the small project (tiny_fixtures.py), with a warm snippet cache.
"""

from __future__ import annotations

import re

import pytest
from tiny_fixtures import REPORT, add_to_pages, build, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"

# include -> the message that names the page (and line, where the check knows it) and the reason.
# All are found as the pages are read, before any snippet runs.
UNSHOWABLE_INCLUDES = {
    "missing-file": (
        '--8<-- "snippets/demo/no_such_snippet.py"',
        "docs/en/page.md: includes 'snippets/demo/no_such_snippet.py', which does not exist (nothing ran)",
    ),
    "missing-section": (
        f'--8<-- "{HELLO}:no_such_section"',
        "docs/en/page.md: pymdownx.snippets: Snippet section 'no_such_section' could not be located (nothing ran)",
    ),
    "leaves-the-repository": (
        '--8<-- "snippets/../../outside.py"',
        "docs/en/page.md: includes 'snippets/../../outside.py', which leaves the repository; "
        "pymdownx.snippets refuses it (nothing ran)",
    ),
    "a-directory": (
        '--8<-- "snippets/demo"',
        "docs/en/page.md: includes 'snippets/demo', which is a directory, not a file (nothing ran)",
    ),
    "python-outside-snippets": (
        '--8<-- "hooks/figures.py"',
        "docs/en/page.md: includes 'hooks/figures.py', Python from outside snippets/: the build runs "
        "only the snippets, so the page would show code nobody ran",
    ),
    "part-of-a-snippet-in-a-notebook": (
        f'--8<-- "{HELLO}:1:1"',
        f"docs/en/page.md:22: {HELLO}:1:1 includes only a part of a snippet; a notebook cell must be "
        "the whole program whose outputs it shows",
    ),
}



@pytest.mark.parametrize("case", UNSHOWABLE_INCLUDES)
def test_an_include_that_cannot_be_shown_is_named(tiny, case):
    include, message = UNSHOWABLE_INCLUDES[case]
    (tiny.parent / "outside.py").write_text('print("ran")\n', encoding="utf-8")
    add_to_pages(tiny, f"```python\n{include}\n```\n")  # the fence is line 22 of page.md
    write(tiny, HELLO, 'print("hello")\n#> hello\n# edited: would run\n')
    result = build(tiny)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    # the build stopped before anything ran, not even the edited snippet
    assert not (tiny / ".cache" / REPORT).exists(), result.stderr


def test_broken_links_fail_the_build_in_either_language(tiny):
    links = ["no-such-page.md", "index.md#no-such-anchor", "#nowhere"]
    add_to_pages(tiny, "\n".join(f"[broken]({link})" for link in links) + "\n")
    result = build(tiny)
    assert result.returncode != 0
    for language in ("zh", "en"):
        for link in links:
            assert re.search(rf"'{language}/page\.md'.*'{re.escape(link)}'", result.stderr), (language, link, result.stderr)


def test_a_page_that_is_not_utf8_is_named(tiny):
    (tiny / "docs" / "en" / "page.md").write_bytes("# Demo\n\ncaf\xe9\n".encode("latin-1"))
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/en/page.md is not UTF-8" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    "variable, message",
    [
        ("SNIPPET_TIMEOUT", "SNIPPET_TIMEOUT must be a positive number of seconds, not 'abc'"),
        ("SNIPPET_WORKERS", "SNIPPET_WORKERS must be a positive whole number, not 'abc'"),
        ("BUILD_CACHE", "BUILD_CACHE must be 'cold' (or not set), not 'abc'"),
    ],
    ids=["SNIPPET_TIMEOUT", "SNIPPET_WORKERS", "BUILD_CACHE"],
)
def test_a_bad_setting_is_named(tiny, variable, message):
    result = build(tiny, **{variable: "abc"})
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr


# Every include form, inline blocks, every figure form: each runs, so each reports its errors.

WRONG = 'print("ran")\n#> not what it prints\n'

INCLUDE_FORMS = {
    "single-quotes": "```python\n--8<-- '{path}'\n```\n",
    "block-form": "```python\n-8<-\n{path}\n-8<-\n```\n",
    "dot-slash": '```python\n--8<-- "./{path}"\n```\n',
    "three-dashes": '```python\n---8<--- "{path}"\n```\n',
    "line-range": '```python\n--8<-- "{path}:1:1"\n```\n',
    "nested-in-markdown": '--8<-- "includes/{name}.md"\n',
}


def test_every_include_form_runs(tiny):
    """One page per form, each including its own snippet whose output is wrong: each must run."""
    for name, form in INCLUDE_FORMS.items():
        path = f"snippets/forms/{name.replace('-', '_')}.py"
        write(tiny, path, WRONG)
        write(tiny, f"includes/{name}.md", f'```python\n--8<-- "{path}"\n```\n')
        for language in ("zh", "en"):
            write(tiny, f"docs/{language}/{name}.md", f"# {name}\n\n{form.format(path=path, name=name)}")
    result = build(tiny)
    assert result.returncode != 0
    for name in INCLUDE_FORMS:
        path = f"snippets/forms/{name.replace('-', '_')}.py"
        assert f"docs/en/{name}.md: {path}:2: the documented output differs" in result.stderr, (name, result.stderr)


def test_a_python_block_in_a_page_is_checked(tiny):
    for language in ("zh", "en"):
        write(tiny, f"docs/{language}/other.md", f"# Other\n\nText.\n\n```python\n{WRONG}```\n")
    result = build(tiny)
    assert result.returncode != 0
    assert "docs/zh/other.md:7: the documented output differs" in result.stderr, result.stderr
    assert "docs/en/other.md:7: the documented output differs" in result.stderr, result.stderr


FIGURE_FORMS = {
    "titled": '![A line](figures/forms/titled_plot.svg "A title")',
    "reference-style": "![A line][fig]\n\n[fig]: figures/forms/reference_style_plot.svg",
    "html": '<img src="figures/forms/html_plot.svg" alt="A line">',
}


def test_every_figure_reference_form_runs_and_is_inlined(tiny):
    for name, reference in FIGURE_FORMS.items():
        write(tiny, f"snippets/forms/{name.replace('-', '_')}_plot.py",
              "import matplotlib.pyplot as plt\nplt.plot([1, 0])\nplt.show()\n")
        for language in ("zh", "en"):
            write(tiny, f"docs/{language}/{name}.md", f"# {name}\n\n{reference}\n")
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    for name in FIGURE_FORMS:
        html = (tiny.parent / "site" / "en" / name / "index.html").read_text(encoding="utf-8")
        assert '<svg role="img" aria-label="A line" class="mpl-figure"' in html, name
        assert "<img" not in html.split("<article", 1)[1].split("</article>")[0], name
    for name in FIGURE_FORMS:
        write(tiny, f"snippets/forms/{name.replace('-', '_')}_plot.py", "raise RuntimeError('drawn wrong')\n")
    broken = build(tiny)
    for name in FIGURE_FORMS:
        path = f"snippets/forms/{name.replace('-', '_')}_plot.py"
        assert f"docs/en/{name}.md: {path}:1: raised RuntimeError: drawn wrong" in broken.stderr, broken.stderr
