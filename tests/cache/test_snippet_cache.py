"""The snippet cache (.cache/snippets/) stores only what ran and passed, treats a damaged entry as
a miss, and keys each entry on everything that changes what a snippet shows: its name, its
source, Python, the environment and the installed packages.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import snippet_cache
import snippet_scheduler
from settings import Settings
from snippet_scheduler import Snippet
from tiny_fixtures import add_to_pages, build, cached, executed, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"


def cache_entries(project):
    return sorted(p.name for p in (project / ".cache" / "snippets").iterdir() if p.is_dir())


def test_a_raising_snippet_fails_the_build_and_is_not_cached(tiny):
    write(tiny, HELLO, 'print("hello")\n#> hello\nraise ValueError("broken on purpose")\n')
    entries = cache_entries(tiny)
    result = build(tiny)
    assert result.returncode != 0
    for language in ("zh", "en"):
        assert f"docs/{language}/page.md: {HELLO}:3: raised ValueError: broken on purpose" in result.stderr, result.stderr
    again = build(tiny)
    assert again.returncode != 0
    # The failed snippet had no entry, so it ran again, and again left none (nor a half-written one).
    assert (executed(tiny), cached(tiny)) == ([HELLO], ["snippets/demo/hello_plot.py"]), again.stderr
    assert cache_entries(tiny) == entries


def run_snippets(snippets: list[Snippet], cache: Path) -> snippet_scheduler.Report:
    return snippet_scheduler.run_snippets(snippets, Settings.from_environ(), snippet_cache.SnippetCache(cache))


def test_a_file_changed_during_the_run_is_not_cached(tmp_path):
    path = write(tmp_path, "snippets/demo/changing.py", 'print("old")\n#> old\n')
    snippet = Snippet(name="snippets/demo/changing.py", source=path.read_text(), path=path)
    path.write_text('print("new")\n#> old\n', encoding="utf-8")  # saved after it was read
    cache = tmp_path / "cache"
    report = run_snippets([snippet], cache)
    assert report.executed == [snippet] and not snippet.ok
    assert "changed while the build ran it; nothing was cached" in snippet.error
    assert not [p for p in cache.iterdir() if p.is_dir()]


def test_a_snippet_saved_while_the_build_runs_fails_the_build(tiny, tmp_path):
    slow = tiny / "snippets/demo/slow.py"
    # Runs until the file it was read from is saved again (with text that has no `deadline`).
    write(tiny, "snippets/demo/slow.py", (
        "import pathlib, time\n"
        "deadline = time.monotonic() + 120\n"
        f"while 'deadline' in pathlib.Path({str(slow)!r}).read_text() and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        'print("old")\n#> old\n'
    ))
    add_to_pages(tiny, '```python\n--8<-- "snippets/demo/slow.py"\n```\n')
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    def edit_when_running():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(scratch.glob("snippet-*/work/slow.py")):
            time.sleep(0.05)
        slow.write_text('print("new")\n#> old\n', encoding="utf-8")

    editor = threading.Thread(target=edit_when_running)
    editor.start()
    result = build(tiny, TMPDIR=str(scratch))
    editor.join()
    assert result.returncode != 0
    assert "snippets/demo/slow.py: the file changed while the build ran it" in result.stderr, result.stderr
    again = build(tiny)  # the new text runs now, and its wrong output is caught
    assert "snippets/demo/slow.py:2: the documented output differs" in again.stderr, again.stderr


DAMAGES = ["invalid-json", "missing-key", "figure-deleted", "figure-truncated", "stdout-wrong-type"]


def damage(entry: Path, how: str) -> None:
    result_file = entry / "result.json"
    saved = json.loads(result_file.read_text())
    svg = entry / saved["figure"]["file"]
    if how == "invalid-json":
        result_file.write_text("{", encoding="utf-8")
    elif how == "missing-key":
        del saved["stdout"]
        result_file.write_text(json.dumps(saved), encoding="utf-8")
    elif how == "figure-deleted":
        svg.unlink()
    elif how == "figure-truncated":
        svg.write_bytes(svg.read_bytes()[:100])
    else:
        saved["stdout"] = 5
        result_file.write_text(json.dumps(saved), encoding="utf-8")


def test_a_damaged_cache_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("SNIPPET_WORKERS", "1")  # five small plots: one worker process is enough
    snippets = []
    for how in DAMAGES:
        path = write(tmp_path, f"snippets/d/{how.replace('-', '_')}_plot.py",
                     f"import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.title({how!r})\nplt.show()\n")
        snippets.append(Snippet(name=f"snippets/d/{path.name}", source=path.read_text(), path=path))
    cache = tmp_path / "cache"
    first = run_snippets(snippets, cache)
    assert len(first.executed) == len(DAMAGES) and all(s.ok and s.figure for s in snippets)
    figures = {s.name: s.figure.read_bytes() for s in snippets}
    for snippet, how in zip(snippets, DAMAGES):
        damage(cache / snippet.key, how)
    again = [Snippet(name=s.name, source=s.source, path=s.path) for s in snippets]
    second = run_snippets(again, cache)
    assert sorted(s.name for s in second.executed) == sorted(figures), [s.error for s in again]
    for snippet in again:
        assert snippet.ok and snippet.figure.read_bytes() == figures[snippet.name]
    third = [Snippet(name=s.name, source=s.source, path=s.path) for s in snippets]
    assert len(run_snippets(third, cache).cached) == len(DAMAGES)  # rewritten


def test_two_identical_plot_snippets_and_a_renamed_one(tiny):
    plot = (tiny / "snippets/demo/hello_plot.py").read_text(encoding="utf-8")
    write(tiny, "snippets/demo/twin_plot.py", plot)
    add_to_pages(tiny, '![Twin](figures/demo/twin_plot.svg)\n\n??? example "Code"\n\n    ```python\n    --8<-- "snippets/demo/twin_plot.py"\n    ```\n')
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    site = tiny.parent / "site"
    assert (site / "figures/demo/twin_plot.svg").is_file() and (site / "figures/demo/hello_plot.svg").is_file()
    html = (site / "en/page/index.html").read_text(encoding="utf-8")
    assert 'id="twin_plot-figure_1"' in html and 'id="hello_plot-figure_1"' in html
    # Renamed: the figure takes the new name.
    (tiny / "snippets/demo/twin_plot.py").rename(tiny / "snippets/demo/moved_plot.py")
    for language in ("zh", "en"):
        page = tiny / "docs" / language / "page.md"
        page.write_text(page.read_text(encoding="utf-8").replace("twin_plot", "moved_plot"), encoding="utf-8")
    result = build(tiny)
    assert result.returncode == 0, result.stderr
    html = (site / "en/page/index.html").read_text(encoding="utf-8")
    assert 'id="moved_plot-figure_1"' in html and "twin_plot" not in html


def test_the_key_covers_name_python_environment_and_packages(monkeypatch):
    snippet = Snippet(name="snippets/a/x_plot.py", source="print(1)\n")
    renamed = Snippet(name="snippets/a/y_plot.py", source="print(1)\n")
    fingerprint = snippet_cache.runtime_fingerprint()
    assert snippet_cache.cache_key(snippet.name, snippet.source, fingerprint) != snippet_cache.cache_key(renamed.name, renamed.source, fingerprint)
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    assert snippet_cache.runtime_fingerprint() != fingerprint
    monkeypatch.delenv("KERAS_BACKEND")
    assert snippet_cache.runtime_fingerprint() == fingerprint
    monkeypatch.setattr(snippet_cache.sys, "version", "3.99.0")
    assert snippet_cache.runtime_fingerprint() != fingerprint
    monkeypatch.undo()

    real = snippet_cache.installed_distributions()
    assert any(name.startswith("rich-") for name in real)  # model.summary() formats with it
    upgraded = [name.replace("rich-", "rich-0.0.1+", 1) if name.startswith("rich-") else name for name in real]
    monkeypatch.setattr(snippet_cache, "installed_distributions", lambda: upgraded)
    assert snippet_cache.runtime_fingerprint() != fingerprint
