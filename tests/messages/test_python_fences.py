"""Every fence the site renders as Python is checked, however it is written; a Python fence that
can't be checked, and a snippet that is a symbolic link, stop the build before anything runs
with one line naming the page and line and saying what to do (hooks/snippet_includes.py).

Each test changes a copy of the small project (tiny_fixtures.py), with a warm snippet cache.
"""

from __future__ import annotations

import pytest
from tiny_fixtures import REPORT, build, executed, run_example_tests, tiny, warm_tiny, write  # noqa: F401

WRONG = 'print("ran")\n#> not what it prints\n'
INDENTED_WRONG = '    print("ran")\n    #> not what it prints\n'

# Each spelling of a Python fence that the renderer highlights as Python: each must run.
PYTHON_FENCES = {
    "capitalised": f"```Python\n{WRONG}```\n",
    "py": f"```py\n{WRONG}```\n",
    "python3": f"```python3\n{WRONG}```\n",
    "py3": f"```py3\n{WRONG}```\n",
    "numpy": f"```numpy\n{WRONG}```\n",  # Pygments' NumPy lexer is its Python lexer's
    "attribute-list": f"``` {{ .python }}\n{WRONG}```\n",
    "attribute-list-with-title": f'```{{.py title="probe.py"}}\n{WRONG}```\n',
    "tildes": f"~~~python\n{WRONG}~~~\n",
    "md-in-html": f"<div markdown>\n```python\n{WRONG}```\n</div>\n",
    "in-a-list": f"- A step:\n\n    ```python\n{INDENTED_WRONG}    ```\n",
    "in-an-admonition": f'!!! note "Note"\n\n    ```python\n{INDENTED_WRONG}    ```\n',
}
# The same text where the renderer does not show Python: nothing runs.
NOT_PYTHON = {
    "text": f"```text\n{WRONG}```\n",
    "python-traceback": f"```pytb\n{WRONG}```\n",
    "in-an-indented-code-block": f"Text.\n\n    ```python\n{INDENTED_WRONG}    ```\n",
}


def test_every_python_fence_the_renderer_shows_is_checked(tiny):
    """One page per spelling, each with a fence whose documented output is wrong: each is named
    at its #> line; the fences not shown as Python are not run."""
    for name, fence in {**PYTHON_FENCES, **NOT_PYTHON}.items():
        for language in ("zh", "en"):
            write(tiny, f"docs/{language}/{name}.md", f"# {name}\n\n{fence}")
    result = build(tiny)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    for name, fence in PYTHON_FENCES.items():
        lines = f"# {name}\n\n{fence}".split("\n")
        line = next(n for n, text in enumerate(lines, 1) if "#> not what it prints" in text)
        for language in ("zh", "en"):
            page = f"docs/{language}/{name}.md"
            assert f"{page}: {page}:{line}: the documented output differs" in result.stderr, (name, result.stderr)
    ran = executed(tiny)
    for name in NOT_PYTHON:
        assert not any(f"/{name}.md" in each for each in ran), (name, ran)


# A fence that is shown as Python but can't be checked -> the one line that says so.
UNCHECKABLE = {
    "console-session": (
        "```pycon\n>>> print(1)\n2\n```\n",
        "docs/en/other.md:3: ```pycon is shown as a Python console session, which the build can't run, "
        "so nothing checks it; write it as a ```python fence, with what it prints on #> lines under each print",
    ),
    "python-2": (
        "```py2\nprint 1\n```\n",
        "docs/en/other.md:3: ```py2 is shown as a Python 2 program, which the build can't run",
    ),
    "only-an-output": (
        "```python\n'''\n2\n'''\n```\n",
        "docs/en/other.md:3: the Python fence holds only a documented output and no code, so nothing "
        "checks that output; put the code that prints it in the same fence",
    ),
    "only-output-lines": (
        "```python\n#> 2\n```\n",
        "docs/en/other.md:3: the Python fence holds only a documented output and no code",
    ),
    "a-file-that-is-not-python": (
        '```python\n--8<-- "snippets/demo/code.txt"\n```\n',
        "docs/en/other.md:3: the Python fence includes 'snippets/demo/code.txt', which is not a .py file; "
        "the build runs only the .py files under snippets/, so the page would show code nobody ran: "
        "include the snippet itself",
    ),
    "page-lines-beside-an-include": (
        '```python\n--8<-- "snippets/demo/hello.py"\nprint(3)\n#> 3\n```\n',
        "docs/en/other.md:3: the Python fence holds lines written in the page as well as "
        "'snippets/demo/hello.py'; the build runs only the snippet, so those lines would be code "
        "nobody ran: move them into it",
    ),
}


@pytest.mark.parametrize("case", UNCHECKABLE)
def test_a_python_fence_that_cannot_be_checked_stops_the_build(tiny, case):
    fence, message = UNCHECKABLE[case]
    write(tiny, "snippets/demo/code.txt", "print(1)\n#> 1\n")
    for language in ("zh", "en"):
        write(tiny, f"docs/{language}/other.md", f"# Other\n\n{fence}")
    result = build(tiny)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not (tiny / ".cache" / REPORT).exists(), "something ran"


LINK = "snippets/demo/linked.py"


def test_a_snippet_that_is_a_symbolic_link_fails_the_build_and_pytest_alike(tiny):
    """A .py link to a file that is not (its code prints what it documents): neither the build
    nor pytest runs it under a name that is not its own."""
    write(tiny, "snippets/demo/code.txt", "print(1)\n#> 1\n")
    (tiny / LINK).symlink_to("code.txt")
    for language in ("zh", "en"):
        write(tiny, f"docs/{language}/other.md", f'# Other\n\n```python\n--8<-- "{LINK}"\n```\n')
    why = f"{LINK} is a symbolic link to snippets/demo/code.txt; a snippet must be a file of its own under snippets/"
    result = build(tiny)
    assert result.returncode != 0
    assert f"docs/en/other.md: includes '{LINK}': {why}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    tests = run_example_tests(tiny)
    assert f"FAILED tests/test_examples.py::test_example_output[{LINK}]" in tests.stdout, tests.stdout
    assert why in tests.stdout, tests.stdout
