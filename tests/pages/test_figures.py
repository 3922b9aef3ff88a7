"""Figures follow the page: inlined SVG with an accessible name, the page's background and
readable colours in both palettes (checked in chromium), and no English words in them.

hooks/figures.py themes and inlines the figures; docs/assets/stylesheets/figures.css holds the
colours. The negative test at the end restores a white background and sees the check fail.
"""

import html
import io
import re
import shutil
from collections import Counter

import pytest
from PIL import Image

from browser import NAV_TIMEOUT_MS, discover_pages, inject_into_head, serve
from pathlib import Path

from helpers import LANGUAGES, ROOT, build_env

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> material's scheme
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


# --- in the browser, both palettes -----------------------------------------------------------

# Runs in the page: the colours that a reader sees in each figure, as [r, g, b, a] lists.
_FIGURE_COLOURS_JS = """
() => {
  const rgba = value => {
    const n = (value.match(/[\\d.]+/g) || []).map(Number);
    return n.length >= 3 ? [n[0], n[1], n[2], n.length > 3 ? n[3] : 1] : null;
  };
  return Array.from(document.querySelectorAll("svg.mpl-figure")).map(svg => {
    const texts = Array.from(svg.querySelectorAll("text")).map(text => {
      const style = getComputedStyle(text);
      return {text: text.textContent.trim().slice(0, 30), fill: rgba(style.fill),
              opacity: Number(style.fillOpacity) * Number(style.opacity)};
    });
    const series = [];
    for (const el of svg.querySelectorAll('[style*="stroke: var(--fig-c"]')) {
      const style = getComputedStyle(el);
      if (Number(style.strokeOpacity) === 1 && Number(style.opacity) === 1) {
        series.push({property: el.getAttribute("style").match(/var\\((--fig-c\\d)/)[1], stroke: rgba(style.stroke)});
      }
    }
    // Markers (a tick is a marker without area): the fill a reader sees inside each.
    const markers = [];
    for (const use of svg.querySelectorAll("use")) {
      const style = getComputedStyle(use), box = use.getBBox();
      if (box.width > 0 && box.height > 0 && style.fill !== "none" && Number(style.fillOpacity) > 0) {
        markers.push({fill: rgba(style.fill), opacity: Number(style.fillOpacity) * Number(style.opacity)});
      }
    }
    return {label: svg.getAttribute("aria-label").slice(0, 40), texts, series, markers};
  });
}
"""


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour, background, opacity=1.0):
    """`colour` ([r, g, b, a]) painted with `opacity` over an opaque background."""
    alpha = colour[3] * opacity
    return [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3])]


def figure_problems(tab, url: str, scheme: str) -> list[str]:
    """Open `url` with the reader's system in `scheme` ("light"/"dark"); what is wrong with its figures."""
    problems = []
    page = tab(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    if shown != SCHEMES[scheme]:
        return [f"{scheme}: the page shows scheme {shown!r}, not {SCHEMES[scheme]!r}"]
    colours = page.evaluate(_FIGURE_COLOURS_JS)
    figures = page.locator("svg.mpl-figure")
    for number, figure in enumerate(colours):
        where = f"{scheme}, figure {number + 1} ({figure['label']}…)"
        svg = figures.nth(number)
        svg.evaluate("svg => svg.scrollIntoView({block: 'center'})")
        box = svg.bounding_box()
        # Pixels 3 px outside the figure's left edge and 3 px inside its empty margin.
        clip = {"x": box["x"] - 6, "y": box["y"], "width": 12, "height": 12}
        shot = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
        scale = shot.width / 12
        outside = shot.getpixel((int(3 * scale), int(3 * scale)))
        inside = shot.getpixel((int(9 * scale), int(3 * scale)))
        if max(abs(a - b) for a, b in zip(outside, inside)) > 3:
            problems.append(f"{where}: background {inside} inside, {outside} around it")
        for text in figure["texts"]:
            ratio = contrast(over(text["fill"], inside, text["opacity"]), inside)
            if ratio < 4.5:
                problems.append(f"{where}: text {text['text']!r} has contrast {ratio:.2f} < 4.5")
        for line in figure["series"]:
            ratio = contrast(over(line["stroke"], inside), inside)
            if ratio < 3:
                problems.append(f"{where}: series colour {line['property']} has contrast {ratio:.2f} < 3")
        for marker in figure["markers"]:
            # A filled marker is seen (3:1), or is the background: a hollow one.
            ratio = contrast(over(marker["fill"], inside, marker["opacity"]), inside)
            if 1.1 < ratio < 3:
                problems.append(f"{where}: a filled marker has contrast {ratio:.2f} < 3 (neither seen nor hollow)")
    return list(dict.fromkeys(problems))


@pytest.mark.long
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_figure_follows_the_page_in_both_palettes(tab, site, built_site, scheme):
    pages = figure_pages(built_site)
    assert len(pages) >= 2 * len(LANGUAGES)
    problems = {}
    for page in pages:
        if found := figure_problems(tab, site + page, scheme):
            problems[page] = found
    assert not problems, problems


def test_a_white_figure_background_fails_in_the_dark(tab, built_site, tmp_path):
    copy = shutil.copytree(built_site, tmp_path / "site")
    inject_into_head(copy / "loss-functions" / "index.html", "<style>svg.mpl-figure { background: #fff }</style>")
    with serve(copy) as base:
        problems = figure_problems(tab, base + "loss-functions/", "dark")
        assert figure_problems(tab, base + "loss-functions/", "light") == []
    assert any("background (255, 255, 255) inside" in problem for problem in problems), problems
    assert any("has contrast" in problem for problem in problems), problems


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
