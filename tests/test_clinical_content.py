"""Citations, words to know, diagrams and the standard sections every leaflet carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DIAGRAM as PLAIN_DIAGRAM
from conftest import ROOT, TODAY, edit, problems, run_build

from leaflets.model.project import load_project
from leaflets.render.html import DIAGRAM_URL, render_html, resources

DIAGRAM = PLAIN_DIAGRAM + """  labels:
    - {text: "Step 1, then step 2", x: 110, y: 60, vertical: middle}
"""


def html_for(content: Path, leaflet: str = "alpha") -> str:
    project = load_project(ROOT, content)
    return render_html(project, project.leaflets[leaflet], project.brands["testclinic"], TODAY)


def add_reference(content: Path, key: str) -> None:
    edit(content / "alpha.yaml", "references:\n",
         f"references:\n  - key: {key}\n    title: Source {key}\n    url: https://example.org/{key}\n")


def test_citations_are_numbered_in_order_of_first_use_when_the_clinic_shows_them(content: Path) -> None:
    (content / "settings.yaml").write_text("citations: numbered\n")
    add_reference(content, "zeta-2021")
    edit(content / "alpha.yaml", "intro: This is a test leaflet.", "intro: This is a test leaflet [zeta-2021].")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.",
         "what_it_is: Alpha therapy is a test [test-2020, zeta-2021].")
    html = html_for(content)
    assert "test leaflet\u00a0[1]." in html
    assert "a test\u00a0[1, 2]." in html
    order = re.findall(r'<li id="ref-([a-z0-9-]+)" value="(\d+)">', html)
    assert order == [("zeta-2021", "1"), ("test-2020", "2")]


def test_an_unknown_citation_key_is_an_error_with_file_and_line(content: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: It works [nobody-1999].")
    assert problems(content) == [
        f"{content}/alpha.yaml:20:13: what_it_is: unknown citation key [nobody-1999] "
        "(use one of the keys under references: test-2020)"]


def test_a_citation_in_the_at_a_glance_summary_is_an_error(content: Path) -> None:
    edit(content / "alpha.yaml", "  what: A test treatment.", "  what: A test treatment [test-2020].")
    assert problems(content) == [
        f"{content}/alpha.yaml:15:9: at_a_glance.what: citation [test-2020] in the at-a-glance summary "
        "(the summary is also used in the overview's table; cite the source in the main text instead)"]


def test_a_reference_never_cited_is_a_warning(content: Path) -> None:
    add_reference(content, "unused-2000")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 0, result.err
    assert (f"warning: {content}/alpha.yaml:41:10: references[0].key: reference 'unused-2000' is never cited "
            "(cite it in the text as [unused-2000], or remove it)") in result.err.splitlines()


def words_to_know(html: str) -> list[str]:
    box = html[html.index('<section class="words-to-know"'):]
    return re.findall(r"<dt>(.*?)</dt>", box[:box.index("</section>")])


def test_words_to_know_shows_exactly_the_glossary_terms_in_the_leaflet(content: Path) -> None:
    assert words_to_know(html_for(content)) == ["alpha therapy"]
    edit(content / "alpha.yaml", "intro: This is a test leaflet.", "intro: This is a test leaflet about relapses.")
    assert words_to_know(html_for(content)) == ["alpha therapy", "relapse"]


def test_a_word_defined_twice_in_the_glossary_is_an_error(content: Path) -> None:
    edit(content / "glossary.yaml", "forms: [relapse, relapses]", "forms: [relapse, alpha therapy]")
    assert problems(content) == [
        f"{content}/glossary.yaml:4:5: terms[1]: 'alpha therapy' is already defined by terms[0] "
        "(define each word once)"]


def test_the_diagram_is_an_image_with_alt_text_and_a_caption(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    html = html_for(content)
    section = html[html.index('id="what-heading"'):html.index('id="who-heading"')]
    assert (f'<img src="{DIAGRAM_URL}" alt="Two boxes showing the 2 steps of alpha therapy.">' in section)
    assert "<figcaption>Alpha therapy happens in 2 steps.</figcaption>" in section


def test_the_diagram_is_drawn_in_the_brand_colours_and_its_labels_in_the_brand_font(content: Path,
                                                                                    tmp_path: Path) -> None:
    import subprocess
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    project = load_project(ROOT, content)
    svg = resources(project.leaflets["alpha"], project.brands["testclinic"])[DIAGRAM_URL].decode()
    last_style = svg[svg.rindex("<style>"):]
    assert ".primary{fill:#204060 !important}" in last_style
    assert last_style.rstrip().endswith("</style></svg>")
    result = run_build("--content", content, "--out", tmp_path, "--leaflet", "alpha", "--today", "2026-06-01",
                       "--standard-print")
    assert result.code == 0, result.err
    fonts = subprocess.run(["pdffonts", str(tmp_path / "testclinic/alpha-email-a4.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("Atkinson-Hyperlegible" in row for row in fonts)
    text = subprocess.run(["pdftotext", str(tmp_path / "testclinic/alpha-email-a4.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Step 1, then step 2" in text


@pytest.mark.parametrize(("svg", "message"), [
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'><g style='font-family: DejaVu Sans'/></svg>",
     "'alpha.svg' sets a colour or font on a <g> element; use the colour classes "
     "(primary, secondary, light, paper, ink, line-ink, line-primary)"),
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'><rect fill='#00ff00' width='5' height='5'/></svg>",
     "'alpha.svg' sets a colour or font on a <rect> element; use the colour classes "
     "(primary, secondary, light, paper, ink, line-ink, line-primary)"),
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 9'><style>.a{}</style><style>.b{}</style></svg>",
     "'alpha.svg' has 2 <style> elements; use one, for the colour classes"),
])
def test_a_diagram_may_not_set_its_own_colours_or_font(content: Path, svg: str, message: str) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    (content / "diagrams/alpha.svg").write_text(svg)
    assert problems(content) == [
        f"{content}/alpha.yaml:53:9: diagram.file: {message} (save it as a plain, self-contained SVG)"]


def test_a_diagram_that_links_out_is_refused(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    (content / "diagrams/alpha.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'><image href='https://example.org/x.png'/></svg>")
    assert problems(content) == [
        f"{content}/alpha.yaml:53:9: diagram.file: 'alpha.svg' line 1: the href of <image> loads "
        "'https://example.org/x.png'; a diagram must be self-contained: refer only to its own parts (#id) "
        "(save it as a plain, self-contained SVG)"]


def test_a_missing_diagram_is_an_error(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM.replace("alpha.svg", "nope.svg"))
    assert problems(content) == [
        f"{content}/alpha.yaml:53:9: diagram.file: file 'nope.svg' not found "
        f"(put it in {content}/diagrams/ or fix the name)"]


def test_every_leaflet_carries_the_standard_sections(content: Path) -> None:
    text = re.sub(r" ([.,])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html_for(content)).split()))
    assert ("This leaflet is available in large print and other formats on request. To ask for a copy, "
            "call 01632 960 111 or email team@test-clinic.example.org.") in text
    assert "Email team@test-clinic.example.org and give the leaflet reference TEST-ALPHA." in text
    assert "This leaflet does not replace advice from your MS team." in text


@pytest.mark.parametrize(("text", "expected"), [
    ("It works [Test-2020].", "'[Test-2020]' is not a citation (did you mean [test-2020]?)"),
    ("It works [test_2020].", "'[test_2020]' is not a citation (did you mean [test-2020]?)"),
    ("It works [see below].", "'[see below]' is not a citation (square brackets are for citations of keys "
                              "under references, such as [test-2020])"),
    ("See [the study [test-2020]](https://example.org).",
     "a citation inside the text of a link: '[the study [test-2020]]' (put the citation after the link)"),
])
def test_brackets_in_the_text_must_be_real_citations(content: Path, text: str, expected: str) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", f"what_it_is: {text}")
    assert problems(content) == [f"{content}/alpha.yaml:20:13: what_it_is: {expected}"]


def test_a_citation_in_a_heading_is_an_error(content: Path) -> None:
    edit(content / "overview.yaml", "  - heading: Why compare?", "  - heading: Why compare [test-2020]?")
    assert problems(content) == [
        f"{content}/overview.yaml:16:14: sections[0].heading: citation [test-2020] in a heading "
        "(citations are shown only in the text; move it to a sentence)"]


def test_a_hyphenated_word_still_counts_for_words_to_know(content: Path) -> None:
    edit(content / "alpha.yaml", "intro: This is a test leaflet.", "intro: This is a relapse-free test leaflet.")
    assert words_to_know(html_for(content)) == ["alpha therapy", "relapse"]


def test_a_glossary_form_must_be_a_word(content: Path) -> None:
    edit(content / "glossary.yaml", "forms: [relapse, relapses]", "forms: [relapse, '?']")
    assert problems(content) == [
        f"{content}/glossary.yaml:4:5: terms[1]: '?' must start and end with a letter or digit "
        "(write the word as it appears in the text)"]
