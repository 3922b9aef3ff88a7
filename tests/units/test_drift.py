"""`make drift`'s comparison (tools/drift.py), on small build reports written here: no build, no
TensorFlow. The builds themselves are what `make drift` runs; these check what it concludes."""

import drift  # tools/drift.py (conftest puts tools/ on the path)
import pytest

PAGE = "en/page.md"
SNIPPET = "snippets/demo/loss.py"
PLOT = "snippets/demo/curve_plot.py"
# The page quotes 0.21 and 0.75 (printed by loss.py) and 0.05 (an input in its code).
PAGE_TEXT = f"""# Page

## Loss {{ #loss }}

```python
--8<-- "{SNIPPET}"
```

The loss is 0.21, from a rate of 0.05; the other one is 0.75.

![A curve](figures/demo/curve_plot.svg)
"""
SNIPPET_TEXT = "rate = 0.05\nprint(0.42 / 2)\n#> 0.21\nprint(1.5 / 2)\n#> 0.75\n"
MISMATCH = f"""{SNIPPET}:3: the documented output differs from what the code prints:
--- documented
+++ actual
@@ -1,5 +1,5 @@
 rate = 0.05
 print(0.42 / 2)
-#> 0.21
+#> 0.22
 print(1.5 / 2)
 #> 0.75

If the new output is right, update the snippet with:
    .venv/bin/python -m pytest tests/test_examples.py --update-examples"""


def entry(name, stdout="", outcome="cached", figure=None, sha=None, error="", runtime="tensorflow"):
    return {"name": name, "runtime": runtime, "outcome": outcome, "seconds": 0.1, "worker": None,
            "pages": [PAGE, "zh/page.md"], "stdout": stdout, "figure": figure, "figure_sha256": sha,
            "error": error}


def report(packages=None, warnings=()):
    return {
        "format": 1,
        "python": "3.11.7",
        "packages": packages or {"tensorflow": "2.21.0", "keras": "3.15.1"},
        "snippets_off": False,
        "snippets": [
            entry(PLOT, figure="figures/demo/curve_plot.svg", sha="a" * 64),
            entry(SNIPPET, stdout="0.21\n0.75\n"),
        ],
        "pages": {PAGE: {"snippets": [PLOT, SNIPPET], "figures": ["figures/demo/curve_plot.svg"], "notebook": None}},
        "warnings": list(warnings),
    }


def snippet(data, name):
    return next(s for s in data["snippets"] if s["name"] == name)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / PAGE).write_text(PAGE_TEXT, encoding="utf-8")
    (tmp_path / SNIPPET).parent.mkdir(parents=True)
    (tmp_path / SNIPPET).write_text(SNIPPET_TEXT, encoding="utf-8")
    return tmp_path


def test_nothing_changed(project):
    old = report(warnings=["docs/en/page.md: an old warning"])
    new = report(packages={"tensorflow": "2.22.0", "keras": "3.16.0"}, warnings=["docs/en/page.md: an old warning"])
    snippet(new, SNIPPET)["outcome"] = "ran"  # ran again in the side build, same result
    result = drift.compare(old, new, project)
    assert (result["snippets"], result["pages"], result["prose_numbers"], result["warnings"]) == ([], {}, [], [])
    text = drift.render(result)
    assert "No drift" in text
    assert "| tensorflow | 2.21.0 | 2.22.0 **changed** |" in text


def test_changed_stdout_names_the_diff_the_page_and_the_stale_number(project):
    new = report()
    snippet(new, SNIPPET)["stdout"] = "0.22\n0.75\n"
    result = drift.compare(report(), new, project)
    [change] = result["snippets"]
    assert (change["name"], change["changed"], change["kind"]) == (SNIPPET, ["stdout"], "output")
    assert "-0.21\n+0.22\n" in change["stdout_diff"]
    assert result["pages"] == {PAGE: [SNIPPET], "zh/page.md": [SNIPPET]}
    # 0.75 is still printed and 0.05 is the code's: only 0.21 is left without an output.
    assert result["prose_numbers"] == [{"page": PAGE, "section": "loss", "number": "0.21"}]
    assert "docs/en/page.md#loss: 0.21" in drift.render(result)


def test_changed_figure(project):
    new = report()
    snippet(new, PLOT)["figure_sha256"] = "b" * 64
    result = drift.compare(report(), new, project)
    [change] = result["snippets"]
    assert (change["name"], change["changed"], change["kind"], change["stdout_diff"]) == (PLOT, ["figure"], "figure", "")
    assert result["pages"] == {PAGE: [PLOT], "zh/page.md": [PLOT]}
    assert result["prose_numbers"] == []
    assert f"sha256 {'a' * 64} -> {'b' * 64}" in drift.render(result)


def test_new_failure_shows_its_error_and_the_numbers_its_diff_replaces(project):
    new = report(warnings=[f"snippets: docs/{PAGE}: {MISMATCH}"])
    snippet(new, SNIPPET).update(outcome="failed", stdout="", error=MISMATCH)
    result = drift.compare(report(), new, project)
    [change] = result["snippets"]
    assert (change["changed"], change["kind"]) == (["outcome"], "output")
    assert change["outcome"] == {"baseline": "cached", "side": "failed"}
    assert change["error"] == MISMATCH
    # The diff replaced 0.21 only: 0.75 is still printed.
    assert result["prose_numbers"] == [{"page": PAGE, "section": "loss", "number": "0.21"}]
    text = drift.render(result)
    assert "## Outputs that differ\n" in text
    assert text.count("+#> 0.22") == 1 and "--update-examples" in text  # the warning repeats it: shortened
    assert f"snippets: docs/{PAGE}: {SNIPPET}:3: the documented output differs from what the code prints: [as above]" in text


def test_a_failure_that_printed_nothing_leaves_every_number_it_backed(project):
    new = report()
    snippet(new, SNIPPET).update(outcome="failed", stdout="", error=f"{SNIPPET}:2: raised ValueError: no")
    result = drift.compare(report(), new, project)
    assert result["snippets"][0]["kind"] == "fails"
    assert [n["number"] for n in result["prose_numbers"]] == ["0.21", "0.75"]
    assert "## Snippets that fail\n" in drift.render(result)


def test_a_diff_in_the_printed_versions_only_is_told_apart():
    versions = MISMATCH.replace("-#> 0.21\n+#> 0.22", "-#> TensorFlow 2.21.0, tf_keras 2.21.0\n+#> TensorFlow 2.18.1, tf_keras 2.18.0")
    assert drift.kind_of(["outcome"], entry(SNIPPET), entry(SNIPPET, outcome="failed", error=versions), "") == "versions"
    both = versions.replace("+#> TensorFlow 2.18.1, tf_keras 2.18.0", "+#> TensorFlow 2.18.1, tf_keras 2.18.0\n+#> 0.22")
    assert drift.kind_of(["outcome"], entry(SNIPPET), entry(SNIPPET, outcome="failed", error=both), "") == "output"
    stdout = "--- baseline\n+++ side\n@@ -1 +1 @@\n-keras 3.15.1\n+keras 3.8.0\n"
    assert drift.kind_of(["stdout"], entry(SNIPPET), entry(SNIPPET), stdout) == "versions"


def test_new_warnings_only(project):
    old = report(warnings=["docs/en/page.md: seen before", "docs/en/page.md: twice"])
    new = report(warnings=["docs/en/page.md: seen before", "docs/en/page.md: twice",
                           "docs/en/page.md: twice", "keras: DeprecationWarning: new"])
    result = drift.compare(old, new, project)
    assert result["warnings"] == ["docs/en/page.md: twice", "keras: DeprecationWarning: new"]
    assert result["snippets"] == []
    assert "keras: DeprecationWarning: new" in drift.render(result)


def test_side_requirements_override_the_pins_and_tf_keras_follows_tensorflow():
    requirements = "# comment==1\ntensorflow==2.21.0\nkeras==3.15.1\nnumpy==2.4.6\ntf-keras==2.21.0\njax==0.10.2\n"
    wanted = drift.side_requirements(requirements, {"tensorflow": "2.18.1", "keras": "3.8.0"}, {"numpy"})
    assert wanted.splitlines() == [
        "# comment==1", "tensorflow==2.18.1", "keras==3.8.0",
        "numpy  # pinned 2.4.6, which conflicts with the versions tried", "tf-keras==2.18.*", "jax==0.10.2",
    ]


def test_the_pins_pip_names_in_a_conflict_are_the_ones_freed():
    requirements = "tensorflow==2.21.0\nnumpy==2.4.6\njax==0.10.2\nml-dtypes==0.6.0\nmkdocs==1.6.1\n"
    pip_says = """ERROR: Cannot install -r requirements.txt (line 2) and numpy==2.4.6 because these package versions have conflicting dependencies.

The conflict is caused by:
    The user requested numpy==2.4.6
    tensorflow 2.18.1 depends on numpy<2.1.0 and >=1.26.0
    jax 0.10.2 depends on ml_dtypes>=0.5.0

To fix this you could try to:
1. loosen the range of package versions you've specified

ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/"""
    assert drift.conflicting_pins(pip_says, requirements) == {"numpy", "jax", "ml-dtypes"}
    assert drift.conflicting_pins("ERROR: No matching distribution found for tensorflow==9", requirements) == set()


def test_eigen_kernels_build_the_side_with_the_project_python_and_onednn_off(monkeypatch, tmp_path, project):
    """`make drift KERNELS=eigen` installs nothing: both builds use .venv's Python, and only the
    side build has TF_ENABLE_ONEDNN_OPTS=0; its report says what was tried."""
    builds = []

    def fake_build(label, python, directory, log, env_vars=None):
        builds.append((label, python, env_vars))
        return {**report(), "seconds": 1.0}

    monkeypatch.setattr(drift, "DRIFT_DIR", tmp_path / "drift")
    monkeypatch.setattr(drift, "ROOT", tmp_path)
    monkeypatch.setattr(drift, "build", fake_build)
    monkeypatch.setattr(drift, "baseline_copy", lambda dest: None)
    monkeypatch.setattr(drift, "copy_tracked", lambda dest: None)
    monkeypatch.setattr(drift, "side_venv", lambda *a: pytest.fail("a venv was made"))
    compare = drift.compare
    monkeypatch.setattr(drift, "compare", lambda old, new: compare(old, new, project))
    assert drift.main(["--kernels", "eigen"]) == 0
    python = drift.Path(drift.sys.executable)
    assert builds == [("baseline", python, None), ("side", python, {"TF_ENABLE_ONEDNN_OPTS": "0"})]
    assert "Tried: TF_ENABLE_ONEDNN_OPTS 0 (the pinned versions, .venv)." in (tmp_path / "drift" / "report.md").read_text()


def test_eigen_kernels_take_no_versions(capsys):
    assert drift.main(["--kernels", "eigen", "--tensorflow", "2.18.1"]) == 2
    assert capsys.readouterr().err == (
        "drift: --kernels eigen builds with the pinned versions; give it no --tensorflow or --keras\n")


def test_the_command_starts_outside_pytest():
    """`make drift` runs tools/drift.py as a program, without the paths pytest's conftest adds."""
    result = drift.subprocess.run([drift.sys.executable, str(drift.ROOT / "tools" / "drift.py"), "--help"],
                                  capture_output=True, text=True, cwd=drift.ROOT)
    assert result.returncode == 0, result.stderr
    assert "--kernels {eigen}" in result.stdout
