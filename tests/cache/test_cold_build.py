"""`BUILD_CACHE=cold`, the Pages workflow's publishing build: nothing stored in .cache/ reaches
the site.

The cache's checks (the hash of the text that ran, of the figure) catch a stale or damaged entry,
not one altered with its hashes updated: a warm build serves that as it is (the first build
below shows it, which is also what makes the test able to fail), and `make test`'s second run of
the examples finds it out. A cold build runs every snippet and renders every page again, and
what it publishes is what the code prints and draws.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tiny_fixtures import build, executed, report, run_example_tests, tiny, warm_tiny  # noqa: F401

HELLO, PLOT = "snippets/demo/hello.py", "snippets/demo/hello_plot.py"
FORGED = "forged-by-the-test"
NOT_BUILT = ("uv", "drift")  # what .cache/ holds that no build made (layout.NOT_BUILT)


def forge(project: Path) -> None:
    """Alter the two snippets' entries (another output, another figure, their hashes updated)
    and every highlighted code block, as someone who can write .cache/ could."""
    cache = project / ".cache"
    for result_file in (cache / "snippets").glob("*/result.json"):
        result = json.loads(result_file.read_text(encoding="utf-8"))
        if result["name"] == HELLO:
            result["stdout"] = f"{FORGED}\n"
        elif result["name"] == PLOT:
            figure = result_file.parent / result["figure"]["file"]
            svg = figure.read_text(encoding="utf-8").replace("</svg>", f"<text>{FORGED}</text></svg>")
            figure.write_text(svg, encoding="utf-8")
            result["figure"]["sha256"] = hashlib.sha256(svg.encode("utf-8")).hexdigest()
        result_file.write_text(json.dumps(result), encoding="utf-8")
    highlighted = json.loads((cache / "highlight.json").read_text(encoding="utf-8"))
    highlighted["entries"] = {key: html.replace("hello", FORGED) for key, html in highlighted["entries"].items()}
    (cache / "highlight.json").write_text(json.dumps(highlighted), encoding="utf-8")


def forged_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and FORGED.encode() in p.read_bytes())


def test_a_cold_build_publishes_what_runs_not_what_is_stored(tiny):
    site = tiny.parent / "site"
    real_figure = next(
        (entry.parent / json.loads(entry.read_text())["figure"]["file"]).read_bytes()
        for entry in (tiny / ".cache" / "snippets").glob("*/result.json")
        if json.loads(entry.read_text())["name"] == PLOT
    )
    for name in NOT_BUILT:
        (tiny / ".cache" / name).mkdir(exist_ok=True)
        (tiny / ".cache" / name / "kept").write_text("not the build's", encoding="utf-8")
    forge(tiny)

    warm = build(tiny)
    assert warm.returncode == 0, warm.stderr
    assert executed(tiny) == []
    served = forged_files(site)
    # The page (highlighted code, inlined figure), the figure file, the notebook (output, figure).
    assert "page/index.html" in served and "figures/demo/hello_plot.svg" in served, served
    assert "notebooks/page/page.ipynb" in served, served
    # make test's second run of the examples tells what the build published from the real thing.
    tests = run_example_tests(tiny)
    assert "2 failed" in tests.stdout, tests.stdout
    assert f"{HELLO}: not reproducible: what it prints differs between two runs:" in tests.stdout, tests.stdout
    assert f"-{FORGED}\n+hello\n" in tests.stdout, tests.stdout
    assert f"{PLOT}: not reproducible: its figure differs between two runs" in tests.stdout, tests.stdout
    assert "The build took its result from .cache/snippets/: if the code gives the same result" in tests.stdout

    cold = build(tiny, BUILD_CACHE="cold")
    assert cold.returncode == 0, cold.stderr
    assert "BUILD_CACHE=cold: .cache/ emptied" in cold.stderr, cold.stderr
    assert sorted(executed(tiny)) == [HELLO, PLOT]
    assert forged_files(site) == []
    assert (site / "figures" / "demo" / "hello_plot.svg").read_bytes() == real_figure
    notebook = json.loads((site / "notebooks" / "page" / "page.ipynb").read_text(encoding="utf-8"))
    outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
    assert {"name": "stdout", "output_type": "stream", "text": ["hello\n"]} in outputs, outputs
    assert {s["name"]: s["stdout"] for s in report(tiny)["snippets"]} == {HELLO: "hello\n", PLOT: ""}
    for name in NOT_BUILT:
        assert (tiny / ".cache" / name / "kept").is_file(), f".cache/{name} is not the build's to remove"

    again = build(tiny)  # the cold build stored what it ran: the forged entries are gone
    assert again.returncode == 0 and executed(tiny) == [] and forged_files(site) == [], again.stderr
