"""Content reaches the HTML escaped and in order; the brand reaches the CSS as custom properties."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, TODAY, edit

from leaflets.model.markdown import render_block, render_inline
from leaflets.model.project import load_project
from leaflets.render.html import brand_css, environment, in_sentence, render_html


def html_for(content: Path, leaflet: str = "alpha") -> str:
    project = load_project(ROOT, content)
    return render_html(project, project.leaflets[leaflet], project.brands["testclinic"], TODAY)


def test_raw_html_in_a_text_field_is_shown_as_text(content: Path) -> None:
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha <script>alert(1)</script>")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: <b onclick=x>hi</b>")
    html = html_for(content)
    assert "<script>" not in html
    assert "Alpha &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=x&gt;hi&lt;/b&gt;" in html


def test_markdown_subset_renders_emphasis_lists_and_links() -> None:
    html = render_block("A **key** point and [a site](https://example.org).\n\n- one\n- two")
    assert html == ('<p>A <strong>key</strong> point and <a href="https://example.org">a site</a>.</p>\n'
                    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")


def test_a_javascript_link_is_never_rendered_as_a_link() -> None:
    assert "href" not in render_inline("[click](javascript:alert(1))")


def test_overview_table_is_built_from_each_therapy_at_a_glance_block(content: Path) -> None:
    edit(content / "alpha.yaml", "  how_long: About 1 hour.", "  how_long: Exactly 42 minutes.")
    html = html_for(content, "overview")
    assert '<th scope="col">Alpha therapy</th>' in html
    assert "<td>Exactly 42 minutes.</td>" in html


def test_missing_template_variable_is_an_error_not_blank_text(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text("{{ nothing_here }}")
    with pytest.raises(jinja2.UndefinedError):
        environment(tmp_path).get_template("t.html.j2").render()


def test_brand_css_declares_fonts_and_colour_properties(content: Path) -> None:
    brand = load_project(ROOT, content).brands["testclinic"]
    css = brand_css(brand)
    font = content.resolve() / "brands/testclinic/fonts/AtkinsonHyperlegible-Regular.ttf"
    assert f'@font-face {{ font-family: "Atkinson Hyperlegible"; src: url("{font.as_uri()}"); ' in css
    assert "  --brand-primary: #204060;" in css
    assert '  --font-base: "Atkinson Hyperlegible", sans-serif;' in css
    assert "  --heading-colour: #204060;" in css


def test_names_keep_their_acronyms_mid_sentence() -> None:
    assert in_sentence("Plasma exchange") == "plasma exchange"
    assert in_sentence("IVIG") == "IVIG"
    assert in_sentence("aHSCT") == "aHSCT"


def test_comparison_caption_names_the_therapies(content: Path) -> None:
    assert "<caption>Alpha therapy at a glance</caption>" in html_for(content, "overview")
    import shutil
    shutil.copy(content / "alpha.yaml", content / "beta.yaml")
    edit(content / "beta.yaml", "id: TEST-ALPHA", "id: TEST-BETA")
    edit(content / "beta.yaml", "  name: Alpha therapy", "  name: IVIG")
    edit(content / "overview.yaml", "therapies: [alpha]", "therapies: [alpha, beta]")
    assert "<caption>How alpha therapy and IVIG compare</caption>" in html_for(content, "overview")
