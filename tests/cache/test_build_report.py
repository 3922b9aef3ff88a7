"""The build report (`.cache/build-report.json`, hooks/build_report.py) says what the build did:
per snippet the hash of its text, its outcome, runtime, worker, pages, output and figure; per
page its snippets, figures and notebook; every warning the build logged."""

from __future__ import annotations

import pytest

import hashlib

from tiny_fixtures import build, report, tiny, warm_tiny, write  # noqa: F401

HELLO = "snippets/demo/hello.py"


@pytest.mark.long
def test_the_report_says_what_each_snippet_and_page_did(tiny):
    write(tiny, HELLO, (tiny / HELLO).read_text() + "# an edit\n")
    assert build(tiny).returncode == 0
    done = report(tiny)
    snippets = {s["name"]: s for s in done["snippets"]}
    hello, plot = snippets[HELLO], snippets["snippets/demo/hello_plot.py"]
    assert (hello["outcome"], hello["runtime"], hello["stdout"]) == ("ran", "plain", "hello\n")
    assert hello["source_sha256"] == hashlib.sha256((tiny / HELLO).read_bytes()).hexdigest()
    assert isinstance(hello["worker"], int) and hello["seconds"] > 0
    assert hello["pages"] == ["en/page.md", "zh/page.md"] and hello["figure"] is None
    assert (plot["outcome"], plot["worker"], plot["figure"]) == ("cached", None, "figures/demo/hello_plot.svg")
    published = (tiny.parent / "site" / plot["figure"]).read_bytes()
    assert plot["figure_sha256"] == hashlib.sha256(published).hexdigest()
    assert done["pages"]["en/page.md"] == {
        "snippets": [HELLO, "snippets/demo/hello_plot.py"],
        "figures": ["figures/demo/hello_plot.svg"],
        "notebook": "en/notebooks/page.ipynb",
    }
    assert done["warnings"] == [] and done["packages"]["tensorflow"]

    write(tiny, HELLO, 'print("hello")\n#> goodbye\n')
    assert build(tiny).returncode != 0
    failed = {s["name"]: s for s in report(tiny)["snippets"]}[HELLO]
    assert failed["outcome"] == "failed" and failed["stdout"] == ""
    assert failed["error"].startswith(f"{HELLO}:2: the documented output differs from what the code prints")
    warnings = report(tiny)["warnings"]
    assert warnings == [f"snippets: docs/{language}/page.md: {failed['error']}" for language in ("zh", "en")]
