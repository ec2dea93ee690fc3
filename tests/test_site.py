"""The web site: a page per leaflet at its QR address, its PDFs beside it, an index with a gallery,
the brand's own fonts, nothing loaded from elsewhere, drafts marked as on paper."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pytest
from approving import approve
from conftest import ROOT, TODAY, run_build

from leaflets.model.project import load_project
from leaflets.outputs.site import site_files, status, write_site

RIVERSIDE = {"plasma-exchange": "MSL-PLEX", "ivig": "MSL-IVIG", "hsct": "MSL-HSCT", "overview": "MSL-OVERVIEW"}


def qr_address(pdf: Path) -> str:
    """The web address the PDF's "Read it online" link (the QR code's address) points to."""
    with pikepdf.open(pdf) as doc:
        links = [str(annot.A.URI) for page in doc.pages for annot in page.get("/Annots", [])
                 if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A]
    return next(link for link in links if "/leaflets/" in link)


def page(site: Path, leaflet_id: str) -> str:
    return (site / "leaflets" / leaflet_id / "index.html").read_text(encoding="utf-8")


def test_default_build_writes_an_index_and_a_page_per_leaflet_for_each_brand(sample_output: Path) -> None:
    for brand in ("riverside", "northfield"):
        site = sample_output / "site" / brand
        assert (site / "index.html").is_file()
        for leaflet_id in RIVERSIDE.values():
            assert "<h1>" in page(site, leaflet_id)


@pytest.mark.parametrize("slug", sorted(RIVERSIDE))
def test_each_page_is_where_its_pdfs_qr_code_points(sample_output: Path, slug: str) -> None:
    address = qr_address(sample_output / "riverside" / f"{slug}-email-a4.pdf")
    assert address == f"https://riverside-ms.example.org/leaflets/{RIVERSIDE[slug]}"
    path = urlsplit(address).path.strip("/")
    assert (sample_output / "site" / "riverside" / path / "index.html").is_file()


def test_a_page_offers_its_standard_and_large_print_pdfs_as_copies_of_the_built_ones(sample_output: Path) -> None:
    html = page(sample_output / "site" / "riverside", "MSL-PLEX")
    links = re.findall(r'<a href="([^"]+\.pdf)">(Standard|Large) print PDF</a>', html)
    assert [kind for _, kind in links] == ["Standard", "Large"]
    folder = sample_output / "site" / "riverside" / "leaflets" / "MSL-PLEX"
    for href, kind in links:
        copy = (folder / href).resolve()
        built = sample_output / "riverside" / ("plasma-exchange-email-a4" + ("-large-print" if kind == "Large" else "")
                                               + ".pdf")
        assert copy.read_bytes() == built.read_bytes()


def test_a_page_has_the_urgent_box_sources_and_document_control_of_the_pdf(sample_output: Path) -> None:
    html = page(sample_output / "site" / "riverside", "MSL-PLEX")
    for heading in ("When to get help urgently", "Sources", "About this leaflet"):
        assert f">{heading}</h2>" in html
    assert "01632 960 140" in html  # the apheresis unit, from the brand's services
    assert "MSL-PLEX" in html and "Version</dt><dd>0.3" in html


def test_a_draft_page_carries_the_pdfs_draft_marking(sample_output: Path) -> None:
    html = page(sample_output / "site" / "riverside", "MSL-HSCT")
    assert "<title>DRAFT - " in html
    assert 'class="draft-banner"' in html and "Do not give this leaflet to patients" in html
    assert '<meta name="robots" content="noindex">' in html


def test_nothing_in_the_site_is_loaded_from_another_site_and_no_script_is_needed(sample_output: Path) -> None:
    site = sample_output / "site" / "riverside"
    for file in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = file.read_text(encoding="utf-8")
        assert "<script" not in text, file
        # a rel="alternate" link names a page (in another language) for search engines: nothing is loaded
        loaded = re.findall(r'<(?:link(?! rel="alternate")|img|script|source|iframe)\b[^>]*?(?:href|src)="([^"]*)"',
                            text)
        loaded += re.findall(r'url\(\s*["\']?([^"\')]+)', text)
        for url in loaded:
            assert "//" not in url and not url.startswith(("/", "data:")), (file, url)
            assert (file.parent / url).resolve().is_file(), (file, url)


def test_the_brands_fonts_and_their_licence_are_copied_into_the_site(sample_output: Path) -> None:
    assets = sample_output / "site" / "riverside" / "assets"
    css = (assets / "brand.css").read_text(encoding="utf-8")
    assert 'font-family: "Atkinson Hyperlegible Next"; src: url("fonts/AtkinsonHyperlegibleNext-Regular.ttf")' in css
    assert (assets / "fonts" / "AtkinsonHyperlegibleNext-Regular.ttf").read_bytes() == \
        (ROOT / "content/brands/riverside/fonts/AtkinsonHyperlegibleNext-Regular.ttf").read_bytes()
    assert (assets / "fonts" / "OFL.txt").is_file()
    assert "--brand-primary: #0b5563;" in css


def test_the_index_lists_every_leaflet_with_languages_formats_version_review_date_and_status(
        sample_output: Path) -> None:
    html = (sample_output / "site" / "riverside" / "index.html").read_text(encoding="utf-8")
    for leaflet_id in RIVERSIDE.values():
        card = html.split(f'id="card-{leaflet_id}"')[1].split("</article>")[0]
        assert f'href="leaflets/{leaflet_id}/index.html"' in card
        assert '<span lang="en-GB" dir="ltr">English</span></a>' in card
        assert "standard print PDF</a>" in card and "large print PDF</a>" in card
        assert "version 0.3" in card and "25 November 2027" in card
        assert '<span class="badge">Draft</span>' in card
        assert re.search(r"Grade \d+\.\d, reading ease \d+", card)
        assert f'src="leaflets/{leaflet_id}/page-1.png"' in card


def test_the_index_offers_each_translated_pdf_as_a_copy_of_the_built_one(sample_output: Path) -> None:
    site = sample_output / "site" / "riverside"
    html = (site / "index.html").read_text(encoding="utf-8")
    card = html.split('id="card-MSL-PLEX"')[1].split("</article>")[0]
    links = {name: href for href, name in re.findall(
        r'<a href="([^"]+\.pdf)" hreflang="[^"]+"><span lang="[^"]+" dir="\w+">[^<]+</span> \(([^)]+) PDF\)</a>', card)}
    for name, built in (("Welsh", "plasma-exchange-cy-email-a4"), ("Polish", "plasma-exchange-pl-email-a4"),
                        ("Urdu", "plasma-exchange-ur-email-a4"),
                        ("Welsh and English", "plasma-exchange-cy-en-email-a4"),
                        ("Urdu, large print", "plasma-exchange-ur-email-a4-large-print")):
        assert (site / links[name]).read_bytes() == (sample_output / "riverside" / f"{built}.pdf").read_bytes()
    ivig = html.split('id="card-MSL-IVIG"')[1].split("</article>")[0]
    assert "<dt>Translations</dt><dd>None yet</dd>" in ivig
    assert '<span lang="cy" dir="ltr">Cymraeg a Saesneg</span> (Welsh and English PDF)' in card


def test_a_page_offers_only_its_own_languages_pdfs(sample_output: Path) -> None:
    html = page(sample_output / "site" / "riverside", "MSL-PLEX")
    assert len(re.findall(r'\.pdf"', html.split('id="downloads-heading"')[1].split("</section>")[0])) == 2


def test_the_gallery_thumbnail_is_the_first_page_of_the_standard_print_pdf(sample_output: Path) -> None:
    png = (sample_output / "site" / "riverside" / "leaflets" / "MSL-PLEX" / "page-1.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 240 and abs(height - 240 * 297 / 210) <= 1  # an A4 page


def test_status_is_approved_then_due_for_review_then_draft_when_past_review(content: Path) -> None:
    approve(content)
    project = load_project(ROOT, content)
    alpha = project.leaflets["alpha"]
    brand = project.brands["testclinic"]
    assert status(project, alpha, TODAY, brand).label == "Approved"
    assert status(project, alpha, TODAY.replace(month=12), brand).label == "Due for review"
    late = status(project, alpha, TODAY.replace(year=2027, month=2), brand)
    assert late.label == "Draft" and late.reasons == ("its review date (2027-01-15) has passed",)


def test_pages_follow_the_brands_address_pattern_including_a_longer_path(content: Path) -> None:
    brand_file = content / "brands" / "testclinic" / "_brand.yml"
    brand_file.write_text(brand_file.read_text(encoding="utf-8") + "defaults:\n  leaflets:\n"
                          "    url: https://test.example.org/patients/leaflets/{id}/\n", encoding="utf-8")
    project = load_project(ROOT, content)
    files = site_files(project, project.brands["testclinic"], {}, TODAY, thumbnails=bytes, scores=_no_score)
    assert "patients/leaflets/TEST-ALPHA/index.html" in files
    html = files["patients/leaflets/TEST-ALPHA/index.html"].decode()
    assert 'href="../../../assets/web.css"' in html and 'href="../../../index.html"' in html


def test_an_address_pattern_without_the_leaflet_id_is_a_content_error_at_its_line(
        content: Path, tmp_path: Path) -> None:
    brand_file = content / "brands" / "testclinic" / "_brand.yml"
    lines = brand_file.read_text(encoding="utf-8").count("\n")
    brand_file.write_text(brand_file.read_text(encoding="utf-8") + "defaults:\n  leaflets:\n"
                          "    url: https://test.example.org/leaflets\n", encoding="utf-8")
    result = run_build("site", "--content", content, "--out", tmp_path / "out", "--jobs", "1")
    assert result.code == 1
    assert f"_brand.yml:{lines + 3}:" in result.err and "the same address" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out" / "site").exists()
    checked = run_build("check", "--content", content)
    assert checked.code == 1 and f"_brand.yml:{lines + 3}:" in checked.err


def test_writing_a_site_again_removes_pages_it_no_longer_has(tmp_path: Path) -> None:
    write_site({"index.html": b"a", "leaflets/A/index.html": b"a", "leaflets/B/index.html": b"b"}, tmp_path)
    write_site({"index.html": b"a2", "leaflets/A/index.html": b"a"}, tmp_path)
    assert (tmp_path / "index.html").read_bytes() == b"a2"
    assert not (tmp_path / "leaflets" / "B").exists()
    assert (tmp_path / "leaflets" / "A" / "index.html").read_bytes() == b"a"


def _no_score(leaflet: object, quoted: object) -> object:
    from leaflets.model.readability import Score
    return Score(leaflet, 0, [], 0.0, 0.0, 0.0)  # type: ignore[arg-type]


def test_a_diagram_is_the_drawing_alone_with_its_labels_as_text_in_the_page(sample_output: Path) -> None:
    folder = sample_output / "site" / "riverside" / "leaflets" / "MSL-IVIG"
    svg = (folder / "diagram.svg").read_text(encoding="utf-8")
    assert "<text" not in svg and "@font-face" not in svg and "url(" not in svg
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="diagram-label anchor-middle" style="[^"]+">Days 1 to 5</p>', page)


def test_the_index_shows_an_approved_leaflet_due_for_review_as_such(content: Path) -> None:
    approve(content)
    project = load_project(ROOT, content)
    files = site_files(project, project.brands["testclinic"], {}, TODAY.replace(month=12),
                       thumbnails=bytes, scores=_no_score)
    card = files["index.html"].decode().split('id="card-TEST-ALPHA"')[1].split("</article>")[0]
    assert '<span class="badge">Due for review</span> Approved; the review is due in 45 days.' in card
    assert "Translations</dt><dd>None yet" in card
