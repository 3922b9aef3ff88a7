"""Figures follow the page: inlined SVG with an accessible name, the page's background and
readable colours in both palettes, and no English words in them.

hooks/figures.py themes and inlines the figures; docs/assets/stylesheets/figures.css holds the
colours. Their colours are checked in chromium, in both palettes, in each page's visit
(tests/browser/test_pages.py, page_checks.figure_problems_on), where a negative test restores a
white background and sees the check fail in the dark.
"""

import html
import re
from collections import Counter

import pytest

from browser import discover_pages
from pathlib import Path

from helpers import LANGUAGES, ROOT, build_env

SVG_RE = re.compile(r'<svg role="img" aria-label="(?P<label>[^"]*)" class="mpl-figure".*?</svg>', re.S)
# A text artist: mathtext keeps its source in a comment, plain text is the <text> itself.
TEXT_RE = re.compile(r'<g id="[^"]+-text_\d+">\s*(?:<!-- (?P<math>.*?) -->|<text[^>]*>(?P<plain>[^<]*)</text>)', re.S)
# Words a figure may show: metric and loss names, code-like names, operator names in math.
ALLOWED_WORDS = {"MSE", "MAE", "Huber", "L1", "L2", "TF", "y_pred", "y_true", "log", "sign", "exp"}


def figure_pages(site) -> dict[str, str]:
    """Every page (both languages, notebooks too) that shows a figure: path -> its HTML."""
    pages = {}
    for page in discover_pages(site):
        body = (site / page / "index.html").read_text(encoding="utf-8")
        if 'class="mpl-figure"' in body:
            pages[page] = body
    return pages


def english_words(text_artist: re.Match) -> list[str]:
    """Words of a figure text that are neither math nor allowed names."""
    if text_artist["math"] is not None:
        source = html.unescape(text_artist["math"])
        # Inside math only upright words count: \mathrm{...}, \text{...}.
        inside = " ".join(re.findall(r"\\(?:mathrm|text|operatorname)\{([^}]*)\}", source))
        outside = re.sub(r"\$[^$]*\$", " ", source)
        words = re.findall(r"[A-Za-z][\w]*", inside + " " + outside)
    else:
        words = re.findall(r"[A-Za-z][\w]*", html.unescape(text_artist["plain"]))
    return [word for word in words if len(word) > 1 and word not in ALLOWED_WORDS]


# --- the built HTML --------------------------------------------------------------------------


def test_figures_are_inline_on_both_languages_and_notebooks(built_site):
    pages = figure_pages(built_site)
    for lang in LANGUAGES:
        ours = [p for p in pages if p.startswith("en/") == (lang == "en")]
        assert any("notebooks/" in p for p in ours), f"{lang}: no notebook page with an inline figure"
        assert any("notebooks/" not in p for p in ours), f"{lang}: no chapter page with an inline figure"
    for page in discover_pages(built_site):
        body = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert not re.search(r'<img [^>]*src="[^"]*figures/', body), f"{page}: a figure left as <img>"
        assert "data:image/svg+xml;base64" not in re.sub(r"<style.*?</style>", "", body, flags=re.S), page


def test_each_figure_has_a_name_unique_ids_and_themed_colours(built_site):
    for page, body in figure_pages(built_site).items():
        figures = list(SVG_RE.finditer(body))
        assert figures, page
        ids = Counter(re.findall(r'\bid="([^"]+)"', body))
        assert not [i for i, n in ids.items() if n > 1], f"{page}: duplicate ids"
        for figure in figures:
            label = figure["label"].strip()
            assert label, page
            assert f"<title>{figure['label']}</title>" in figure[0], page
            # Every colour is a custom property of figures.css (its fallback aside).
            literal = re.findall(r"#[0-9a-fA-F]{6}\b", re.sub(r"var\([^)]*\)", "", figure[0]))
            assert not literal, f"{page}: colours not following the page: {literal}"


def test_figures_carry_no_english_words(built_site):
    """matplotlib figures, that is: a model drawn by Keras (a Graphviz drawing) is labelled by
    Keras itself, with layer classes and shapes, as the code and summaries on the page are."""
    found = {}
    for page, body in figure_pages(built_site).items():
        for figure in SVG_RE.finditer(body):
            if 'class="graph"' in figure[0]:
                continue
            texts = list(TEXT_RE.finditer(figure[0]))
            assert texts, page
            for text in texts:
                if words := english_words(text):
                    found.setdefault(page, []).append((text["math"] or text["plain"], words))
    assert not found, found


def test_the_word_check_catches_labels_in_english():
    def artist(svg_group):
        return TEXT_RE.search(svg_group)

    plain = artist('<g id="f-text_1">\n <text style="">training loss</text>')
    math = artist('<g id="f-text_2">\n <!-- range of the L1 gradient $x$ -->')
    upright = artist('<g id="f-text_3">\n <!-- $\\mathrm{slope} = 2$ -->')
    fine = artist('<g id="f-text_4">\n <!-- Huber ($\\delta = 1$) -->')
    assert english_words(plain) == ["training", "loss"]
    assert english_words(math) == ["range", "of", "the", "gradient"]
    assert english_words(upright) == ["slope"]
    assert english_words(fine) == []


MODEL_DRAWING = '''import keras

inputs = keras.Input(shape=(3,), name="features")
outputs = keras.layers.Dense(1, name="score")(inputs)
model = keras.Model(inputs, outputs)
keras.utils.model_to_dot(model, show_shapes=True).write_svg("{stem}.svg")
'''


def run_drawing(source: str, stem: str = "model_plot"):
    import snippet_pool
    import snippet_scheduler

    snippet = snippet_scheduler.Snippet(name=f"snippets/demo/{stem}.py", source=source, path=Path(f"snippets/demo/{stem}.py"))
    workers = snippet_pool.Workers()
    try:
        return workers.run(snippet_scheduler.job_for(snippet, 120))
    finally:
        workers.close()


def test_a_graphviz_model_drawing_is_a_themed_figure_the_same_every_run():
    """A snippet that writes `<its name>.svg` with Graphviz (keras.utils.model_to_dot or
    plot_model) shows that drawing: black and white become the page's colours, the page's font,
    and no Python object ids (Graphviz's node titles), so two runs give the same bytes."""
    first, second = (run_drawing(MODEL_DRAWING.format(stem="model_plot")) for _ in range(2))
    assert first.ok, first.error
    svg = first.figure
    assert svg.startswith('<svg class="mpl-figure"') and "score" in svg and "features" in svg
    assert "var(--fig-fg, #000000)" in svg and 'fill="black"' not in svg and "Helvetica" not in svg
    assert "<title>" not in svg and "<!--" not in svg
    assert second.figure == svg


def test_a_drawing_of_another_kind_or_colour_is_refused():
    other = 'open("model_plot.svg", "w").write("<svg></svg>")\n'
    result = run_drawing(other)
    assert not result.ok and "wrote model_plot.svg, which is not Graphviz's SVG" in result.error
    red = 'import pydot\n\ngraph = pydot.Dot()\ngraph.add_node(pydot.Node("a", color="red"))\ngraph.write_svg("model_plot.svg")\n'
    result = run_drawing(red)
    assert not result.ok and "colour red does not follow the page's colour scheme" in result.error, result


# --- a plotting program as a reader runs it --------------------------------------------------

# Runs each plotting program as `python program.py` would (matplotlib's defaults, not the site's
# style; no bbox_inches="tight", which the build's saving uses), then lists each figure whose
# drawn text reaches past its edge (by how many inches): a label a reader's copy would cut off.
CLIPPED_TEXT_PROGRAM = r"""
import json, runpy, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

clipped = []
for path in sys.argv[1:]:
    runpy.run_path(path, run_name="__main__")
    for number in plt.get_fignums():
        figure = plt.figure(number)
        figure.canvas.draw()
        # What is drawn (labels, titles, legends, ticks in view), against the figure's edges.
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())
        edges = figure.bbox_inches
        past = max(edges.x0 - drawn.x0, edges.y0 - drawn.y0, drawn.x1 - edges.x1, drawn.y1 - edges.y1)
        if past > 0.01:  # inches
            clipped.append([path, round(past, 2)])
    plt.close("all")
print(json.dumps(clipped))
"""


def clipped_texts(programs: list[Path], workdir: Path) -> list[list]:
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", CLIPPED_TEXT_PROGRAM, *map(str, programs)],
        cwd=workdir, capture_output=True, text=True, env=build_env(MPLBACKEND="Agg"),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.long
def test_plotting_programs_run_as_copied_keep_every_label_inside_the_figure(tmp_path):
    programs = sorted(p for p in (ROOT / "snippets").glob("*/*_plot.py") if "matplotlib" in p.read_text(encoding="utf-8"))
    assert len(programs) >= 8
    assert clipped_texts(programs, tmp_path) == []


def test_the_clipping_check_sees_a_label_past_the_edge(tmp_path):
    program = tmp_path / "cut_plot.py"
    program.write_text(
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(3, 2))\n"
        "ax.plot([0, 1])\nax.set_xlabel('a label below the axes')\nplt.show()\n",
        encoding="utf-8",
    )
    [(path, inches)] = clipped_texts([program], tmp_path)
    assert path == str(program) and inches > 0
