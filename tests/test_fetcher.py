"""While rendering, a document may read files in the project's asset folders and nothing else."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT

from leaflets.errors import RenderError
from leaflets.render.pdf import render_pdf

ASSETS = FIXTURE_CONTENT / "brands"
LOGO = ASSETS / "testclinic" / "logo.svg"


def render(body: str, css: str = "") -> bytes:
    html = f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{body}</body></html>"
    return render_pdf(html, FIXTURE_CONTENT, [], css, (ASSETS,)).data


def test_a_file_inside_the_asset_folders_is_served() -> None:
    assert render(f"<img src='{LOGO.as_uri()}' alt='logo'>").startswith(b"%PDF")


def test_etc_passwd_as_an_image_is_refused() -> None:
    refused = r"^refused to read '/etc/passwd': it is outside the project's asset folders$"
    with pytest.raises(RenderError, match=refused):
        render("<img src='file:///etc/passwd' alt='x'>")


def test_etc_passwd_as_a_pdf_attachment_is_refused() -> None:
    with pytest.raises(RenderError, match=r"^refused to read '/etc/passwd'"):
        render("<link rel='attachment' href='file:///etc/passwd'><p>hi</p>")


def test_a_relative_path_climbing_out_of_the_project_is_refused() -> None:
    with pytest.raises(RenderError, match=r"^refused to read '/etc/passwd'"):
        render("<img src='../../../../../../../../etc/passwd' alt='x'>")


def test_a_stylesheet_import_outside_the_project_is_refused() -> None:
    with pytest.raises(RenderError, match=r"^refused to read '/etc/hostname'"):
        render("<p>hi</p>", css="@import url('file:///etc/hostname');")


def test_a_network_image_is_refused_without_any_request(web_server: tuple[str, list[str]]) -> None:
    base, requests = web_server
    with pytest.raises(RenderError, match=r"^refused to fetch 'http://127\.0\.0\.1:\d+/logo\.svg': "
                                          r"documents may only use files inside the project$"):
        render(f"<img src='{base}/logo.svg' alt='x'>")
    assert requests == []


def test_a_network_attachment_is_refused_without_any_request(web_server: tuple[str, list[str]]) -> None:
    base, requests = web_server
    with pytest.raises(RenderError, match=r"^refused to fetch 'http://"):
        render(f"<link rel='attachment' href='{base}/secret'><p>hi</p>")
    assert requests == []


def test_a_data_uri_is_refused() -> None:
    with pytest.raises(RenderError, match=r"^refused to fetch 'data:image/svg\+xml,"):
        render("<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\" alt='x'>")


def test_the_server_fixture_does_answer_requests(web_server: tuple[str, list[str]]) -> None:
    """Guards the tests above: a refusal with no request means something only if requests do arrive."""
    import urllib.request
    base, requests = web_server
    with urllib.request.urlopen(f"{base}/probe") as response:
        assert response.status == 200
    assert requests == ["/probe"]


def test_a_document_may_not_read_another_brands_files(tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    from leaflets.model.project import load_project
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(content / "brands/testclinic", content / "brands/other")
    project = load_project(ROOT, content)
    other_logo = (content / "brands/other/logo.svg").resolve()
    html = f"<!DOCTYPE html><html><body><img src='{other_logo.as_uri()}' alt='x'></body></html>"
    with pytest.raises(RenderError, match=r"^refused to read '.*/brands/other/logo\.svg'"):
        render_pdf(html, content, [], "", project.asset_roots(project.brands["testclinic"]))


@pytest.mark.weasyprint_warnings
def test_an_svg_that_links_out_fails_the_render_even_past_validation(
        tmp_path: Path, web_server: tuple[str, list[str]], weasyprint_warnings: list[logging.LogRecord]) -> None:
    """WeasyPrint swallows errors inside SVG images; the render still fails, and nothing is fetched."""
    base, requests = web_server
    svg = tmp_path / "sneaky.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                   f"<image href='{base}/x.svg' width='10' height='10'/></svg>")
    html = f"<!DOCTYPE html><html lang='en'><body><img src='{svg.as_uri()}' alt='x'></body></html>"
    with pytest.raises(RenderError, match=r"^Failed to render SVG image"):
        render_pdf(html, tmp_path, [], "", (tmp_path,))
    assert requests == []
    assert [r.getMessage() for r in weasyprint_warnings] == [f"Failed to render SVG image {svg.as_uri()}"]


@pytest.mark.weasyprint_warnings
def test_a_font_face_that_cannot_be_loaded_fails_the_render(tmp_path: Path,
                                                            weasyprint_warnings: list[logging.LogRecord]) -> None:
    font = tmp_path / "broken.ttf"
    font.write_bytes(b"not a font")
    css = f"@font-face {{ font-family: Broken; src: url('{font.as_uri()}'); }} body {{ font-family: Broken; }}"
    with pytest.raises(RenderError, match=r"^Font-face 'Broken' cannot be loaded"):
        render_pdf("<!DOCTYPE html><html lang='en'><body><p>hi</p></body></html>", tmp_path, [], css, (tmp_path,))
    assert [(r.levelname, r.getMessage()) for r in weasyprint_warnings] == [
        ("WARNING", "Font-face 'Broken' cannot be loaded")]
