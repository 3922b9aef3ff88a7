"""Snippets saved the way editors save them: what `python snippet.py` runs, the build runs and
checks, and what goes wrong gets one message that says it in words, at a line of the file, never
a traceback. Output is compared as pytest-examples compares it (the file against the code with
each print's output inserted below it; trailing spaces the code prints are not required), so an
invisible difference (a final newline, trailing spaces) fails, and is named.

The snippets share one build of the small project (tiny_fixtures.py): their messages are
independent. What `--update-examples` writes for such files is tested with the other pytest
messages (test_snippet_errors.py), in the same pytest run.
"""

from __future__ import annotations

import re

from tiny_fixtures import build, report, tiny, warm_tiny, write  # noqa: F401

BOM = "\ufeff"
UPDATE_COMMAND = "pytest tests/test_examples.py --update-examples"

# Each runs as `python snippet.py` runs it, and documents what it prints: the build passes them.
RIGHT = {
    "snippets/files/bom.py": BOM + 'print("hello")\n#> hello\n',
    "snippets/files/crlf.py": 'x = 1\r\nprint("hello")\r\n#> hello\r\n',
    "snippets/files/old_mac.py": 'x = 1\rprint("hello")\r#> hello\r',
    "snippets/files/form_feed.py": 'x = 1\n\x0c\nprint(x)\n#> 1\n\x0c\nprint(x + 1)\n#> 2\n',
    "snippets/files/empty.py": "",
    "snippets/files/strings.py": (
        '"""A module docstring: #> is not output here."""\n'
        "\n"
        "\n"
        "def shout(text):\n"
        "    '''\n"
        "    Shout it.\n"
        "    '''\n"
        "    return text.upper()\n"
        "\n"
        "\n"
        "poem = '''\n"
        "roses\n"
        "'''\n"
        'note = """\n'
        "#> not an output line: it is in a string\n"
        '"""\n'
        "print(shout(poem.strip()), len(note))\n"
        "#> ROSES 42\n"
        "print(poem.strip() + '\\nviolets')\n"
        "'''\n"
        "roses\n"
        "violets\n"
        "'''\n"
    ),
}

# name -> (source, the line its message names, what the message must say)
WRONG = {
    "snippets/files/crlf_wrong.py": (
        'x = 1\r\nprint("hello")\r\n#> hullo\r\n',
        3,
        "the documented output differs from what the code prints:",
    ),
    "snippets/files/no_final_newline.py": (
        'print("hello")\n#> hello',
        2,
        "the file does not end with a newline",
    ),
    "snippets/files/trailing_spaces.py": (
        'print("hello")\n#> hello  \nprint("bye")\n#> bye\n',
        2,
        "line 2 ends in 2 spaces that the code does not print",
    ),
    "snippets/files/quotes_in_output.py": (
        "print(\"a\\n'''\\nb\")\n",
        1,
        "prints output that a ''' block can't hold (it contains ''')",
    ),
    "snippets/files/processes.py": (
        "from multiprocessing import Pool\n\n\ndef square(x):\n    return x * x\n\n\n"
        "if __name__ == '__main__':\n    with Pool(2) as pool:\n        print(pool.map(square, [1, 2, 3]))\n"
        "        #> [1, 4, 9]\n",
        9,
        "uses multiprocessing",
    ),
    "snippets/files/process_start.py": (
        "import multiprocessing\n\nprocess = multiprocessing.Process(target=print, args=('hi',))\n"
        "process.start()\nprocess.join()\n",
        4,
        "uses multiprocessing",
    ),
}


def write_exactly(project, name: str, source: str) -> None:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.encode("utf-8"))


# A block written in the page that does not compile: its message names the page's line.
UNCLOSED = "```python\nx = 1\nprint(x\n#> 1\n```\n"


def show_on_a_page(project, names) -> int:
    """Include the snippets in a page per language, then UNCLOSED; returns the page line of its `print(x`."""
    includes = "".join(f'```python\n--8<-- "{name}"\n```\n\n' for name in names)
    text = f"# Files\n\n{includes}{UNCLOSED}"
    for language in ("zh", "en"):
        write(project, f"docs/{language}/files.md", text)
    return text.count("\n") - 2


def messages(stderr: str, name: str) -> list[str]:
    """The build's warnings about `name` on the English page, each with its continuation lines."""
    found = []
    for warning in re.split(r"\n(?=WARNING|INFO|ERROR|Aborted)", stderr):
        if warning.startswith(f"WARNING -  snippets: docs/en/files.md: {name}"):
            found.append(warning.split("docs/en/files.md: ", 1)[1])
    return found


def test_files_as_editors_save_them_run_and_each_mistake_is_named(tiny):
    for name, source in RIGHT.items():
        write_exactly(tiny, name, source)
    for name, (source, _, _) in WRONG.items():
        write_exactly(tiny, name, source)
    unclosed = show_on_a_page(tiny, [*RIGHT, *WRONG])
    result = build(tiny)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    outcomes = {s["name"]: s["outcome"] for s in report(tiny)["snippets"]}
    for name in RIGHT:
        assert messages(result.stderr, name) == [], result.stderr
        assert outcomes[name] == "ran", (name, result.stderr)
    for name, (source, line, says) in WRONG.items():
        found = messages(result.stderr, name)
        assert len(found) == 1, (name, result.stderr)
        message = found[0]
        assert message.startswith(f"{name}:{line}: "), message
        assert says in message, message
        lines = len(source.replace("\r\n", "\n").splitlines())
        assert 1 <= line <= lines  # the line named is one of the file's
        assert outcomes[name] == "failed"

    crlf = messages(result.stderr, "snippets/files/crlf_wrong.py")[0]
    # the diff shows the one line that differs, not every line as removed and added again
    assert "-#> hullo\n+#> hello\n" in crlf and "-x = 1" not in crlf, crlf
    assert UPDATE_COMMAND in crlf
    for name in ("snippets/files/no_final_newline.py", "snippets/files/trailing_spaces.py"):
        # named in words; a diff would show two sides that look the same
        assert "--- documented" not in messages(result.stderr, name)[0]
    quotes = messages(result.stderr, "snippets/files/quotes_in_output.py")[0]
    assert UPDATE_COMMAND not in quotes  # no rewrite can hold it
    processes = messages(result.stderr, "snippets/files/processes.py")[0]
    assert "\n" not in processes.rstrip(), processes  # one line
    # the page's line, not "(page_block.py, line 2)"
    assert f"docs/en/files.md:{unclosed}: raised SyntaxError: '(' was never closed\n" in result.stderr, result.stderr
