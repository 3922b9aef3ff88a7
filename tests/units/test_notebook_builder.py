"""hooks/notebooks.py on small pages, without a site build: each rule that turns a chapter page
into a notebook, and each include that a notebook cell can't show, which must name its line."""

import nbformat
import pytest
from notebooks import SnippetRun, page_to_notebook

PINS = {"tensorflow": "2.0", "keras": "3.0", "numpy": "2.0", "matplotlib": "3.0", "mkdocs": "1.0"}
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>'
SOURCE = 'print(1 + 1)\n#> 2\n'
PLOT = "import matplotlib.pyplot as plt\nplt.plot([0, 1])\n"
PAGE_NAME = "docs/en/x.md"
HEAD = "---\nnotebook: true\n---\n\n# Title { #title }\n\nIntro.\n\n"  # the body starts at line 9


def site_url(page: str) -> str:
    return f"https://site.test/en/{page}/"


def build(body: str, runs: dict[str, SnippetRun] | None = None) -> nbformat.NotebookNode:
    if runs is None:
        runs = {
            "snippets/ch/calc.py": SnippetRun(source=SOURCE, stdout="2\n"),
            "snippets/ch/curve.py": SnippetRun(source=PLOT, figures=[SVG]),
        }
    return page_to_notebook(HEAD + body, "en", "https://site.test/en/x/", site_url, runs, PINS, page_name=PAGE_NAME)


def markdown(notebook: nbformat.NotebookNode) -> list[str]:
    """The Markdown cells after the heading and the note about the page."""
    return [cell.source for cell in notebook.cells[2:] if cell.cell_type == "markdown"]


def code(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells after the %pip cell."""
    return [cell for cell in notebook.cells if cell.cell_type == "code"][1:]


INCLUDE = '```python\n--8<-- "snippets/ch/calc.py"\n```\n'
FIGURE = "![A rising line](figures/ch/curve.svg)\n\n"
PLOTTING_CODE = '??? example "Plotting code"\n\n    ```python\n    --8<-- "snippets/ch/curve.py"\n    ```\n'


def test_include_becomes_a_code_cell_with_its_run():
    notebook = build(f"Before.\n\n{INCLUDE}\nAfter.\n")
    [cell] = code(notebook)
    assert cell.source == "print(1 + 1)\n", "the documented output goes, the real one follows"
    assert [(o.output_type, o.text) for o in cell.outputs] == [("stream", "2\n")]
    assert cell.execution_count == 1
    assert markdown(notebook) == ["Intro.\n\nBefore.", "After."]
    assert notebook.cells[0].source == "# Title (notebook)"
    assert notebook.cells[2].source.startswith("%pip install -q tensorflow==2.0 keras==3.0 numpy==2.0 ")


@pytest.mark.parametrize("marker", ["???", "???+"])
def test_figure_and_its_collapsed_plotting_code_become_one_cell(marker):
    notebook = build(f"See the curve.\n\n{FIGURE}{PLOTTING_CODE.replace('???', marker)}\nThe curve rises.\n")
    [cell] = code(notebook)
    assert cell.source == PLOT
    [output] = cell.outputs
    svg = output.data["image/svg+xml"]
    assert 'aria-label="A rising line"' in svg and "<title>A rising line</title>" in svg
    text = "\n".join(markdown(notebook))
    assert "figures/" not in text and "A rising line" not in text, "the image is dropped from the prose"
    assert "Plotting code" not in text and "8<" not in text
    assert markdown(notebook) == ["Intro.\n\nSee the curve.", "The curve rises."]


def test_figure_alt_text_goes_to_its_own_snippet_only():
    notebook = build(f"{FIGURE}{PLOTTING_CODE}\n{INCLUDE}")
    plot, calc = code(notebook)
    assert "A rising line" in plot.outputs[0].data["image/svg+xml"]
    assert [o.output_type for o in calc.outputs] == ["stream"]


@pytest.mark.parametrize("marker", ["???", "???+"])
def test_exercise_solution_becomes_its_title_and_a_code_cell(marker):
    fence = "".join(f"    {line}\n" for line in INCLUDE.splitlines())
    solution = f'{marker} success "Solution to [exercise 1](#names)"\n\n{fence}'
    notebook = build(f"Predict the output.\n\n{solution}\nNext.\n")
    [cell] = code(notebook)
    assert cell.source == "print(1 + 1)\n" and cell.outputs[0].text == "2\n"
    assert markdown(notebook) == [
        "Intro.\n\nPredict the output.\n\n**Solution to [exercise 1](https://site.test/en/x/#names)**",
        "Next.",
    ]


def test_a_solutions_explanation_follows_its_code_cell():
    fence = "".join(f"    {line}\n" for line in INCLUDE.splitlines())
    solution = f'??? success "Solution"\n\n{fence}\n    Most people guess **3**; it is 2.\n\n    - because of [this](#names)\n'
    notebook = build(f"Predict.\n\n{solution}\nNext.\n")
    [cell] = code(notebook)
    assert cell.source == "print(1 + 1)\n"
    assert markdown(notebook) == [
        "Intro.\n\nPredict.\n\n**Solution**",
        "Most people guess **3**; it is 2.\n\n- because of [this](https://site.test/en/x/#names)\n\nNext.",
    ]


def test_admonition_becomes_a_quote():
    body = (
        '!!! note "Differs from the article"\n\n    First line,\n    second line.\n\n    - a list\n\n'
        "!!! tip\n\n    Untitled.\n\nAfter.\n"
    )
    [text] = markdown(build(body))
    assert text == (
        "Intro.\n\n> **Differs from the article**\n>\n> First line,\n> second line.\n>\n> - a list\n\n"
        "> **Tip**\n>\n> Untitled.\n\nAfter."
    )


def test_heading_anchors_are_dropped():
    [text] = markdown(build("## Names { #names }\n\nText.\n\n### Sets {a, b}\n\n### Plain\n"))
    assert "{ #names }" not in text and "## Names\n" in text
    assert "### Sets {a, b}" in text, "braces that are not an attribute list stay"
    assert "### Plain" in text


def test_links_to_other_pages_point_at_the_site():
    body = (
        "See [Loss functions](loss-functions.md), [MSE](loss-functions.md#mse) and\n"
        "[the list [of losses]](losses-in-depth.md#choosing-a-loss).\n"
        "A section of this page: [here](#names). Not these: [elsewhere](https://example.com/page.md), `page.md`.\n\n"
        '!!! tip "Read more"\n\n    In [Losses in depth](losses-in-depth.md#from-logits).\n\n'
        "And [by reference][ref].\n\n[ref]: building-models.md#sequential\n\n"
        "Prefixes: [notes](losses.md.txt) but [losses](losses.md). Names: [中文](页面.md#小节).\n"
    )
    [text] = markdown(build(body))
    assert "[Loss functions](https://site.test/en/loss-functions/)" in text
    assert "[MSE](https://site.test/en/loss-functions/#mse)" in text
    assert "[the list [of losses]](https://site.test/en/losses-in-depth/#choosing-a-loss)" in text
    assert "> In [Losses in depth](https://site.test/en/losses-in-depth/#from-logits)." in text
    assert "[ref]: https://site.test/en/building-models/#sequential" in text
    assert "[notes](losses.md.txt) but [losses](https://site.test/en/losses/)" in text
    assert "[中文](https://site.test/en/页面/#小节)" in text
    assert "[here](https://site.test/en/x/#names). Not these: [elsewhere](https://example.com/page.md), `page.md`" in text
    assert ".md)" not in text.replace("example.com/page.md)", "").replace(".md.txt)", "")


def test_front_matter_is_dropped():
    notebook = build(INCLUDE)
    assert notebook.cells[0].source == "# Title (notebook)"
    assert all("notebook: true" not in cell.source and "---" not in cell.source for cell in notebook.cells)


@pytest.mark.parametrize(
    "body, line, message",
    [
        ('```python\n--8<-- "snippets/ch/calc.py:1:8"\n```\n', 10, "a part of a snippet"),
        ('```python\n--8<-- "snippets/ch/calc.py:main"\n```\n', 10, "a part of a snippet"),
        ("```python\n--8<-- 'snippets/ch/calc.py'\n```\n", 10, "double quotes"),
        ('```python\n--8<--\nsnippets/ch/calc.py\n--8<--\n```\n', 10, "block include"),
        ('```python\n--8<-- "./snippets/ch/calc.py"\n```\n', 10, "snippets/<chapter>/<name>.py"),
        ('```python\n---8<--- "snippets/ch/calc.py"\n```\n', 10, "marker as --8<--"),
        ('Text.\n\n```python\n--8<-- "snippets/ch/other.py"\n```\n', 12, "no run of snippets/ch/other.py"),
        ('--8<-- "snippets/ch/calc.py"\n', 9, "single line of a ```python fence"),
        ('!!! note\n\n    ```python\n    --8<-- "snippets/ch/calc.py"\n    ```\n', 12, "single line of"),
        ('```python\nimport os\n--8<-- "snippets/ch/calc.py"\n```\n', 11, "single line of"),
        ("Text.\n\n" + FIGURE + "More text.\n", 11, "snippets/ch/curve.py is not included"),
    ],
    ids=[
        "line-range",
        "section",
        "single-quotes",
        "block-form",
        "dot-slash",
        "other-marker",
        "not-in-runs",
        "outside-a-fence",
        "in-a-note",
        "with-other-code",
        "figure-without-code",
    ],
)
def test_includes_a_notebook_cannot_show_name_their_line(body, line, message):
    with pytest.raises(ValueError, match=rf"^docs/en/x\.md:{line}: ") as error:
        build(body)
    assert message in str(error.value)


def test_escaped_include_is_text():
    notebook = build(';--8<-- "snippets/ch/calc.py"\n\n```python\n;--8<-- "snippets/ch/calc.py"\n```\n')
    assert not code(notebook)
    [text] = markdown(notebook)
    assert text.endswith(';--8<-- "snippets/ch/calc.py"\n\n```python\n;--8<-- "snippets/ch/calc.py"\n```')


def test_page_must_start_with_its_title():
    with pytest.raises(ValueError, match="must start with its '# title'"):
        page_to_notebook("Text first.\n\n# Title\n", "en", "u", site_url, {}, PINS)


JAX_SOURCE = 'import os\n\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n\nprint(keras.backend.backend())\n#> jax\n'
EXTRA_PINS = {**PINS, "jax": "0.1", "jaxlib": "0.1", "tf-keras": "2.0", "pydot": "4.0"}


def test_a_cell_of_another_runtime_runs_in_its_own_python_and_its_packages_are_installed():
    """The kernel has imported Keras 3 on TensorFlow by then: a program that chooses JAX or Keras 2
    at its top gets it only in a fresh process, as it does when run on its own."""
    runs = {"snippets/ch/calc.py": SnippetRun(source=JAX_SOURCE, stdout="jax\n")}
    notebook = page_to_notebook(HEAD + INCLUDE, "en", "https://site.test/en/x/", site_url, runs, EXTRA_PINS, page_name=PAGE_NAME)
    [cell] = code(notebook)
    assert cell.source.startswith("%%script {sys.executable}\nimport os\n")
    setup = notebook.cells[2].source
    assert "jax==0.1 jaxlib==0.1" in setup and "tf-keras" not in setup and "pydot" not in setup
    assert "\nimport sys" in setup
    plain = build(INCLUDE)
    assert "jax" not in plain.cells[2].source and "import sys" not in plain.cells[2].source


def test_a_model_drawing_is_shown_from_the_file_its_cell_writes():
    drawing = '<svg class="mpl-figure"><g id="m-graph0" class="graph"></g></svg>'
    runs = {"snippets/ch/curve.py": SnippetRun(source="import keras\n", figures=[drawing])}
    notebook = page_to_notebook(HEAD + FIGURE + PLOTTING_CODE, "en", "https://site.test/en/x/", site_url, runs, EXTRA_PINS, page_name=PAGE_NAME)
    [cell] = code(notebook)
    assert cell.source.endswith("\nfrom IPython.display import SVG\n\nSVG('curve.svg')\n")
    assert "pydot==4.0" in notebook.cells[2].source


def test_a_figure_from_another_runtime_is_refused():
    runs = {"snippets/ch/curve.py": SnippetRun(source=JAX_SOURCE, figures=[SVG])}
    with pytest.raises(ValueError, match="snippets/ch/curve.py: a cell that runs another Keras can't show a figure"):
        page_to_notebook(HEAD + FIGURE + PLOTTING_CODE, "en", "https://site.test/en/x/", site_url, runs, EXTRA_PINS, page_name=PAGE_NAME)
