"""A web page per language (issue 20, part 9): a translated leaflet's page sits beneath its English
page, where the translated PDF's QR code points, in its own language and direction, linking every
language's page (hreflang alternates and a switcher naming each language in itself); and every
leaflet says, in each language, which other languages it exists in (part 8)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from conftest import ROOT, TODAY, edit
from translating import translate

from leaflets.model.project import Project, load_project
from leaflets.model.readability import Score
from leaflets.outputs.site import site_files, status
from leaflets.render.html import online_url, qr_url, render_html, resources

ALPHA = "leaflets/TEST-ALPHA/"
BRAND = "brands/testclinic/_brand.yml"


def _no_score(leaflet: object, quoted: object) -> Score:
    return Score(leaflet, 0, [], 0.0, 0.0, 0.0)  # type: ignore[arg-type]


def _translated(content: Path) -> Project:
    for language in ("cy", "ur"):
        translate(content, language)
    return load_project(ROOT, content)


def _site(project: Project) -> dict[str, str]:
    files = site_files(project, project.brands["testclinic"], {}, TODAY, thumbnails=bytes, scores=_no_score)
    return {path: data.decode() for path, data in files.items() if path.endswith(".html")}


def test_each_translation_has_a_page_in_its_language_and_direction_beneath_the_english_one(content: Path) -> None:
    site = _site(_translated(content))
    assert '<html lang="en-GB" dir="ltr">' in site[ALPHA + "index.html"]
    assert '<html lang="cy" dir="ltr">' in site[ALPHA + "cy/index.html"]
    urdu = site[ALPHA + "ur/index.html"]
    assert '<html lang="ur" dir="rtl">' in urdu
    assert 'href="../../../assets/rtl.css"' in urdu and "rtl.css" not in site[ALPHA + "cy/index.html"]


def test_each_page_links_every_language_page_including_itself_and_an_english_default(content: Path) -> None:
    site = _site(_translated(content))
    pages = {"en-GB": ALPHA + "index.html", "cy": ALPHA + "cy/index.html", "ur": ALPHA + "ur/index.html"}
    for page in pages.values():
        links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', site[page])
        targets = {lang: posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) for lang, href in links}
        assert targets == {**pages, "x-default": pages["en-GB"]}


def test_the_switcher_names_each_language_in_itself_and_marks_the_page_being_read(content: Path) -> None:
    welsh = _site(_translated(content))[ALPHA + "cy/index.html"]
    switcher = welsh.split('<nav class="language-switcher" aria-label="Ieithoedd">')[1].split("</nav>")[0]
    options = re.findall(r'<a href="[^"]+" hreflang="([^"]+)" lang="\1" dir="(\w+)"( aria-current="page")?>([^<]+)</a>',
                         switcher)
    assert options == [("en-GB", "ltr", "", "English"), ("cy", "ltr", ' aria-current="page"', "Cymraeg"),
                       ("ur", "rtl", "", "اردو")]


def test_a_translated_pdfs_qr_code_opens_its_own_languages_page(content: Path) -> None:
    brand_file = content / BRAND
    brand_file.write_text(brand_file.read_text(encoding="utf-8") + "defaults:\n  leaflets:\n"
                          "    url: https://test.example.org/leaflets/{id}\n", encoding="utf-8")
    project = _translated(content)
    brand = project.brands["testclinic"]
    welsh = project.translations[("cy", "alpha")]
    assert online_url(welsh, brand) == "https://test.example.org/leaflets/TEST-ALPHA/cy"
    assert online_url(project.leaflets["alpha"], brand) == "https://test.example.org/leaflets/TEST-ALPHA"
    assert set(resources(welsh, brand)) >= {qr_url("cy"), qr_url("en")}  # a bilingual PDF prints both
    site = _site(project)
    assert "TEST-ALPHA/cy/index.html" in site["index.html"]
    assert '<link rel="alternate" hreflang="cy" href="https://test.example.org/leaflets/TEST-ALPHA/cy">' \
        in site[ALPHA + "index.html"]


def test_an_english_leaflet_names_its_other_languages_each_in_itself_and_marked_as_such(content: Path) -> None:
    project = _translated(content)
    html = render_html(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY)
    line = html.split('<p class="also-in">')[1].split("</p>")[0]
    assert line == ('This leaflet is also in: <span lang="cy" dir="ltr">Cymraeg</span> · '
                    '<span lang="ur" dir="rtl">اردو</span>')


def test_a_translation_names_the_other_languages_in_a_sentence_of_its_own(content: Path) -> None:
    project = _translated(content)
    html = render_html(project, project.translations[("cy", "alpha")], project.brands["testclinic"], TODAY)
    line = html.split('<p class="also-in">')[1].split("</p>")[0]
    assert line == ("Mae&#39;r daflen hon ar gael hefyd yn: <span lang=\"en-GB\" dir=\"ltr\">English</span> · "
                    '<span lang="ur" dir="rtl">اردو</span>')


def test_a_leaflet_in_one_language_names_no_others(content: Path) -> None:
    project = load_project(ROOT, content)
    assert "also-in" not in render_html(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY)


def test_a_draft_translations_page_is_marked_as_its_pdf_is_in_its_language(content: Path) -> None:
    welsh = _site(_translated(content))[ALPHA + "cy/index.html"]
    assert 'class="draft-banner"' in welsh and '<meta name="robots" content="noindex">' in welsh
    assert "DRAFT - not for patient use" not in welsh.split('class="draft-notice"')[1].split("</div>")[0]


def test_the_index_status_gives_the_brands_reason_to_hold_the_english_back(content: Path) -> None:
    edit(content / BRAND, "  services:\n", "  release_with: [cy]\n  services:\n")
    project = load_project(ROOT, content)
    brand = project.brands["testclinic"]
    reasons = status(project, project.leaflets["alpha"], TODAY, brand).reasons
    assert any("there is no Welsh translation" in reason for reason in reasons)
    card = _site(project)["index.html"].split('id="card-TEST-ALPHA"')[1].split("</article>")[0]
    assert "there is no Welsh translation" in card


def test_the_site_serves_the_fallback_fonts_its_languages_need_with_their_licence(content: Path) -> None:
    project = _translated(content)
    files = site_files(project, project.brands["testclinic"], {}, TODAY, thumbnails=bytes, scores=_no_score)
    assert files["assets/fallback/noto/NotoNaskhArabic-Regular.ttf"] == ROOT / "fonts/noto/NotoNaskhArabic-Regular.ttf"
    assert "assets/fallback/noto/OFL.txt" in files
    css = files["assets/brand.css"]
    assert isinstance(css, bytes)
    assert 'font-family: "Noto Naskh Arabic"; src: url("fallback/noto/NotoNaskhArabic-Regular.ttf")' in css.decode()
