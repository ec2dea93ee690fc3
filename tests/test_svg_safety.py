"""A logo or diagram that could run code or load anything is refused by `check` and the build, and
never published: the site checks the very bytes it writes (issue 19, part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DIAGRAM, ROOT, TODAY

from leaflets.cli import main
from leaflets.errors import ContentError
from leaflets.model.project import load_project
from leaflets.outputs.site import build_sites
from leaflets.sources.svg_safety import svg_problem

LOGO = "brands/testclinic/logo.svg"
LOGO_ENTRY = "brands/testclinic/_brand.yml:17:11: logo.medium.path: "
OPEN = ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 48 48'>\n"
        "<rect id='r' width='48' height='48'/>\n")
SELF_CONTAINED = "a logo must be self-contained: refer only to its own parts (#id)"
MARKER = "hostile-marker"  # in every hostile file, so a published copy is found by it


def svg(body: str) -> str:
    return f"{OPEN}{body}\n<desc>{MARKER}</desc></svg>"


HOSTILE = [
    pytest.param(svg("<script>alert(document.cookie)</script>"),
                 "'logo.svg' line 3: the <script> element runs code when the logo is opened in a browser; delete it",
                 id="script"),
    pytest.param(svg("<g onload='alert(1)'/>"),
                 "'logo.svg' line 3: the onload attribute of <g> runs code in a browser (an event handler); delete it",
                 id="onload"),
    pytest.param(svg("<g OnClick='alert(1)'/>"),
                 "'logo.svg' line 3: the OnClick attribute of <g> runs code in a browser (an event handler); "
                 "delete it", id="event-attribute-any-case"),
    pytest.param(svg("<foreignObject width='9' height='9'><p xmlns='http://www.w3.org/1999/xhtml'>x</p>"
                     "</foreignObject>"),
                 "'logo.svg' line 3: the <foreignObject> element holds a web page (HTML, forms, script) inside the "
                 "drawing; delete it", id="foreignObject"),
    pytest.param(svg("<use href='#r'><set attributeName='href' to='javascript:alert(1)'/></use>"),
                 "'logo.svg' line 3: the <set> element animates the drawing, and an animation can turn a link into "
                 "script (a <set> of href); a logo does not move on paper; delete it", id="set-href"),
    pytest.param(svg("<use xlink:href='https://example.org/logo.svg#r'/>"),
                 f"'logo.svg' line 3: the xlink:href of <use> loads 'https://example.org/logo.svg#r'; {SELF_CONTAINED}",
                 id="external-href"),
    pytest.param(svg("<image href='data:image/svg+xml;base64,PHN2Zy8+' width='9' height='9'/>"),
                 f"'logo.svg' line 3: the href of <image> embeds a file as a data: address; {SELF_CONTAINED}",
                 id="data-uri"),
    pytest.param(svg("<style>\nrect { fill: \\75rl(https://example.org/track.png) }\n</style>"),
                 "'logo.svg' line 3: the <style> uses url(https://example.org/track.png), which loads "
                 f"'https://example.org/track.png'; {SELF_CONTAINED}", id="style-url-escaped"),
    pytest.param(svg("<rect style=\"fill: url('/etc/passwd')\"/>"),
                 f"'logo.svg' line 3: the style of <rect> uses url(\"/etc/passwd\"), which loads '/etc/passwd'; "
                 f"{SELF_CONTAINED}", id="style-attribute-url"),
    pytest.param("<!DOCTYPE svg [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n" + svg("<desc>&e;</desc>"),
                 "'logo.svg' line 1: has a DOCTYPE (<!DOCTYPE ...>), which can declare entities and name files to "
                 "load; delete it and save the logo as plain SVG without a DOCTYPE", id="entity-doctype"),
    pytest.param(svg("<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>"),
                 "'logo.svg' line 3: the <script> element runs code when the logo is opened in a browser; delete it",
                 id="script-in-html-namespace"),
    pytest.param("<?xml-stylesheet type='text/xsl' href='https://example.org/x.xsl'?>\n" + svg(""),
                 "'logo.svg' line 1: the processing instruction <?xml-stylesheet ...?> can load a stylesheet or "
                 "transform the file; delete it", id="stylesheet-instruction"),
]


def run_cli(*args: str | Path) -> tuple[int, str]:
    """`build.py ARGS` in this process: its exit status and everything it printed."""
    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize(("hostile", "message"), HOSTILE)
def test_check_refuses_a_hostile_logo_naming_the_file_the_element_and_the_line(
        content: Path, hostile: str, message: str) -> None:
    (content / LOGO).write_text(hostile, encoding="utf-8")
    code, output = run_cli("--content", content, "check")
    assert code == 1
    assert f"{content}/{LOGO_ENTRY}{message} (save the logo as a plain, self-contained SVG, PNG or JPEG)" \
        in output.splitlines()


def test_check_refuses_a_diagram_with_onload(content: Path) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    (content / "diagrams/alpha.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 600 120'>\n<rect onload='alert(1)'/></svg>")
    code, output = run_cli("--content", content, "check")
    assert code == 1
    assert (f"{content}/alpha.yaml:53:9: diagram.file: 'alpha.svg' line 2: the onload attribute of <rect> runs "
            "code in a browser (an event handler); delete it (save it as a plain, self-contained SVG)"
            in output.splitlines())


def published(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_build_with_a_hostile_logo_writes_no_pdf_and_no_site(content: Path, tmp_path: Path) -> None:
    (content / LOGO).write_text(svg("<script>alert(1)</script>"), encoding="utf-8")
    out = tmp_path / "out"
    for command in (["--out", out], ["site", "--out", out]):
        code, output = run_cli("--content", content, "--today", TODAY.isoformat(), *command)
        assert code == 1
        assert "the <script> element runs code" in output
    assert not out.exists() or published(out) == []


@pytest.mark.parametrize("what", ["logo", "diagram"])
def test_an_svg_made_hostile_after_it_was_checked_is_not_published(content: Path, tmp_path: Path,
                                                                    what: str) -> None:
    """The site reads each logo and diagram once and checks the bytes it writes: a file changed
    between loading the content and writing the site (or after `check`) never reaches the site,
    and the site already there is left as it was."""
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text() + DIAGRAM)
    project = load_project(ROOT, content, ["testclinic"])
    out = tmp_path / "out"
    build_sites(project, ["testclinic"], out, TODAY)
    site = out / "site" / "testclinic"
    before = {path: path.read_bytes() for path in published(site)}
    assert any(path.name == "logo.svg" for path in before) and any(path.name == "diagram.svg" for path in before)
    target = content / (LOGO if what == "logo" else "diagrams/alpha.svg")
    target.write_text(target.read_text().replace("</svg>", f"<g onload='alert(1)'><desc>{MARKER}</desc></g></svg>"))
    with pytest.raises(ContentError) as refused:
        build_sites(project, ["testclinic"], out, TODAY)
    assert "the onload attribute of <g> runs code in a browser" in str(refused.value)
    assert {path: path.read_bytes() for path in published(site)} == before
    assert not [path for path in published(out) if MARKER.encode() in path.read_bytes()]


def test_the_sample_logos_and_diagrams_are_safe() -> None:
    files = sorted((ROOT / "content").rglob("*.svg"))
    assert len(files) >= 5
    assert {path.name: svg_problem(path.read_bytes(), path.name) for path in files} == \
        {path.name: None for path in files}


def test_an_inkscape_logo_with_its_editor_data_passes() -> None:
    """What Inkscape keeps in a file (its settings, licence data) is inert, and is not refused."""
    logo = ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:inkscape='http://www.inkscape.org/namespaces/inkscape' "
            "xmlns:sodipodi='http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd' viewBox='0 0 9 9' "
            "sodipodi:docname='logo.svg'>\n<sodipodi:namedview id='view' inkscape:zoom='2'/>\n"
            "<defs><linearGradient id='g'><stop offset='0' stop-color='#fff'/></linearGradient></defs>\n"
            "<g inkscape:label='Layer 1' inkscape:groupmode='layer'><rect width='9' height='9' fill='url(#g)'/>"
            "<use href='#g' xlink:href='#g' xmlns:xlink='http://www.w3.org/1999/xlink'/></g></svg>")
    assert svg_problem(logo.encode(), "logo.svg") is None
