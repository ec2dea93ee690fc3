"""No font from the computer: a logo or diagram may not draw words itself (WeasyPrint draws SVG
text unshaped, in whatever font the system has), and a logo keeps its own shape (issue 18)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from conftest import DIAGRAM, FIXTURE_CONTENT, ROOT, TODAY, problems
from pdfstructure import read_tagged

from leaflets.model.plan import Job
from leaflets.model.project import load_project
from leaflets.render.job import render_job

LOGO_ERROR = "brands/testclinic/_brand.yml:17:11: logo.medium.path: "
LOGO_FIX = " (save the logo as a plain, self-contained SVG, PNG or JPEG)"
LABELS = """  labels:
    - {text: First, x: 110, y: 30}
    - {text: Middle, x: 300, y: 60, anchor: middle, vertical: middle}
    - {title: Last, text: of all, x: 590, y: 110, anchor: end, vertical: bottom}
"""
MM = 25.4 / 72


def with_logo(content: Path, svg: str) -> Path:
    (content / "brands/testclinic/logo.svg").write_text(svg, encoding="utf-8")
    return content


@pytest.mark.parametrize("element", ["<text x='4' y='30'>Test Clinic</text>",
                                     "<g><text><tspan>Test</tspan></text></g>",
                                     "<text><textPath href='#p'>Test</textPath></text>"])
def test_a_logo_that_draws_words_is_refused_naming_the_element_and_its_line(content: Path, element: str) -> None:
    with_logo(content, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 90 30'>\n"
                       f"<path id='p' d='M0,0 H9'/>\n{element}\n</svg>")
    assert problems(content) == [
        f"{content}/{LOGO_ERROR}'logo.svg' line 3: the <text> element draws words in a font from the computer, "
        "not the brand's, unshaped; outline the text (in the drawing program, convert it to paths) and save "
        f"the logo again{LOGO_FIX}"]


def test_a_diagram_that_draws_words_is_refused_with_where_its_words_go_instead(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    (content / "diagrams/alpha.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 600 120'>\n  <rect width='9' height='9'/>\n"
        "  <text x='110' y='68'>Step 1</text>\n</svg>")
    assert problems(content) == [
        f"{content}/alpha.yaml:53:9: diagram.file: 'alpha.svg' line 3: the <text> element draws words in a font "
        "from the computer, not the brand's, unshaped; delete the text from the SVG and give the words as labels "
        "in the leaflet's diagram: block (see README, 'Diagrams') (save it as a plain, self-contained SVG)"]


@pytest.mark.parametrize(("svg", "place"), [
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'>\n<g aria-label='کلینک'/></svg>",
     "the aria-label of <g>"),
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'>\n<title>کلینک</title></svg>", "the text"),
])
def test_arabic_script_anywhere_in_an_svg_is_refused(content: Path, svg: str, place: str) -> None:
    with_logo(content, svg)
    assert problems(content) == [
        f"{content}/{LOGO_ERROR}'logo.svg' line 2: {place} has Arabic-script text, which an SVG cannot draw "
        f"joined and in order; put such words in the content file, where they are set as text{LOGO_FIX}"]


def test_a_logo_whose_shape_is_unknown_is_refused(content: Path) -> None:
    with_logo(content, "<svg xmlns='http://www.w3.org/2000/svg' width='100%'><rect width='9' height='3'/></svg>")
    assert problems(content) == [
        f"{content}/{LOGO_ERROR}'logo.svg' has no viewBox, nor a width and a height in px or mm, so its shape "
        f"is not known; add a viewBox to the <svg> element{LOGO_FIX}"]


def test_a_diagram_label_outside_the_drawing_is_an_error_naming_the_label(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM + LABELS.replace(
        "x: 300, y: 60", "x: 300, y: 160"))
    assert problems(content) == [
        f"{content}/alpha.yaml:59:7: diagram.labels[1]: (300, 160) is outside the drawing, whose viewBox is "
        "0 0 600 120 (give x and y in the SVG's own units)"]


def drawn_size(pdf: bytes, rectangle: tuple[int, int, int, int]) -> tuple[float, float]:
    """Width and height in mm at which page 1 draws `rectangle` (x, y, w, h in its own units),
    following the graphics state's transformation matrix through q, Q and cm."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        matrix, stack = pikepdf.Matrix(), []
        for operands, operator in pikepdf.parse_content_stream(document.pages[0]):
            if str(operator) == "q":
                stack.append(matrix)
            elif str(operator) == "Q":
                matrix = stack.pop()
            elif str(operator) == "cm":
                matrix = pikepdf.Matrix(*operands) @ matrix
            elif str(operator) == "re" and tuple(operands) == tuple(Decimal(v) for v in rectangle):
                return abs(matrix.a * rectangle[2]) * 25.4 / 72, abs(matrix.d * rectangle[3]) * 25.4 / 72
    raise AssertionError(f"page 1 draws no rectangle {rectangle}")


def test_a_wide_logo_keeps_its_shape_at_the_masthead_height(content: Path) -> None:
    with_logo(content, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 150 50' role='img'>"
                       "<rect width='150' height='50' fill='#204060'/></svg>")
    project = load_project(ROOT, content)
    pdf = render_job(project, Job(project.brands["testclinic"], project.leaflets["alpha"]), TODAY).data
    width, height = drawn_size(pdf, (0, 0, 150, 50))
    assert height == pytest.approx(16, abs=0.1)
    assert width == pytest.approx(48, abs=0.2)  # 3:1, not squeezed into a 16 mm square


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture leaflet with a diagram of 3 labels, as an A4 email PDF (rendered once)."""
    content = tmp_path_factory.mktemp("labelled") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM + LABELS)
    project = load_project(ROOT, content)
    path = content.parent / "alpha.pdf"
    path.write_bytes(render_job(project, Job(project.brands["testclinic"], project.leaflets["alpha"]), TODAY).data)
    return path


def test_diagram_labels_are_read_after_the_alt_text_in_their_order_then_the_caption(labelled: Path) -> None:
    elements = read_tagged(labelled).root.walk()
    drawing = next(e for e in elements
                   if any(c.kind == "Figure" and c.alt.startswith("Two boxes") for c in e.children))
    assert [(e.kind, e.alt or e.all_text()) for e in drawing.children] == [
        ("Figure", "Two boxes showing the 2 steps of alpha therapy."),
        ("P", "First"), ("P", "Middle"), ("P", "Last of all")]
    figure = next(e for e in elements if any(c is drawing for c in e.children))
    assert [(e.kind, e.all_text()) for e in figure.children[-1:]] == [("Caption", "Alpha therapy happens in 2 steps.")]


def test_diagram_labels_stand_where_the_content_puts_them_in_the_drawing(labelled: Path) -> None:
    """The drawing is 88% of the 170 mm text column, centred: 149.6 mm for its 600 units."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(labelled), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = {word: (float(x0) * MM, float(x1) * MM) for x0, x1, word in
             re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(First|Middle|all)<', bbox)}
    left, scale = 20 + 170 * 0.06, 170 * 0.88 / 600
    assert words["First"][0] == pytest.approx(left + 110 * scale, abs=0.5)  # its start at x
    assert sum(words["Middle"]) / 2 == pytest.approx(left + 300 * scale, abs=0.5)  # its middle
    assert words["all"][1] == pytest.approx(left + 590 * scale, abs=0.5)  # its end
