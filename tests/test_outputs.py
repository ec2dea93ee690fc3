"""Email, print and large-print outputs: PDF/UA, bleed, paper sizes, type size, size on disk, same bytes."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, SAMPLE_BRANDS, SAMPLE_LEAFLETS, load_sample, run_build, sample_selection
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pdfstructure import pdf_ua_parts
from pypdf import PdfReader

from leaflets.model.project import load_project
from leaflets.render.booklet import saddle_stitch_order

pytestmark = pytest.mark.sample
PROJECT = load_sample()
MM = 72 / 25.4
EMAIL = [(b, lf) for b in SAMPLE_BRANDS for lf in SAMPLE_LEAFLETS]


def struct_elements(node: object) -> list[pikepdf.Dictionary]:
    """Every element of a PDF structure tree."""
    found = []
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            found += struct_elements(kid)
    return found


def _chars(item: object) -> Iterator[LTChar]:
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars(child)


def text_sizes(pdf: Path) -> list[tuple[float, str]]:
    """The size in points of every character drawn, diagrams (form XObjects) included."""
    return [(round(char.size, 1), char.get_text()) for page in extract_pages(pdf)
            for char in _chars(page) if char.get_text().strip()]


def words_outside(pdf: Path, margin: float = 8) -> list[str]:
    """Words that come nearer than `margin` points to an edge of the page (or its trim box)."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    trims = [page.trimbox for page in PdfReader(pdf).pages]
    outside = []
    for trim, page in zip(trims, bbox.split("<page ")[1:], strict=True):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        left, right = float(trim.left), float(trim.right)
        top, bottom = height - float(trim.top), height - float(trim.bottom)
        for x0, y0, x1, y1, word in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            if (float(x0) < left + margin or float(x1) > right - margin or float(y0) < top + margin
                    or float(y1) > bottom - margin):
                outside.append(word)
    return outside


@pytest.mark.parametrize(("brand", "leaflet"), EMAIL)
def test_email_pdfs_are_pdf_ua_with_title_language_and_alt_text(sample_output: Path, brand: str,
                                                                leaflet: str) -> None:
    path = sample_output / brand / f"{leaflet}-email-a4.pdf"
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert pdf_ua_parts(pdf) == ["1"]
        elements = struct_elements(root.StructTreeRoot)
        figures = [e for e in elements if e.S == "/Figure"]
        assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
        kinds = {str(e.S) for e in elements}
        assert {"/H1", "/H2", "/L", "/LI", "/P"} <= kinds
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


@pytest.mark.parametrize(("brand", "leaflet"), EMAIL)
def test_every_email_pdf_is_at_most_150_kb(sample_output: Path, brand: str, leaflet: str) -> None:
    size = (sample_output / brand / f"{leaflet}-email-a4.pdf").stat().st_size
    assert size <= 150_000
    entry = next(e for e in json.loads((sample_output / "manifest.json").read_text())["leaflets"]
                 if e["path"] == f"{brand}/{leaflet}-email-a4.pdf")
    assert entry["bytes"] == size


@pytest.mark.parametrize(("brand", "leaflet"), EMAIL)
def test_large_print_text_is_16_point_or_more(sample_output: Path, brand: str, leaflet: str) -> None:
    sizes = text_sizes(sample_output / brand / f"{leaflet}-email-a4-large-print.pdf")
    assert sizes
    assert min(size for size, _ in sizes) >= 16, [t for t in sizes if t[0] < 16][:5]
    standard = text_sizes(sample_output / brand / f"{leaflet}-email-a4.pdf")
    assert min(size for size, _ in standard) == 12  # clear print's minimum; the check tells them apart


@pytest.mark.slow  # reads the shared Letter and A5 build
@pytest.mark.parametrize("leaflet", SAMPLE_LEAFLETS)
def test_a5_text_including_diagram_labels_is_12_point_or_more(other_papers: Path, leaflet: str) -> None:
    sizes = text_sizes(other_papers / "riverside" / f"{leaflet}-email-a5.pdf")
    assert min(size for size, _ in sizes) >= 12, [t for t in sizes if t[0] < 12][:5]


@pytest.mark.slow  # reads the shared Letter and A5 build
@pytest.mark.parametrize("name", ["ivig-email-a5", "overview-email-a5"])
def test_no_text_runs_off_an_a5_page(other_papers: Path, name: str) -> None:
    assert words_outside(other_papers / "riverside" / f"{name}.pdf") == []


def test_no_text_runs_off_a_large_print_page(sample_output: Path) -> None:
    assert words_outside(sample_output / "riverside" / "hsct-email-a4-large-print.pdf") == []


@pytest.mark.slow  # builds its own PDFs beyond the shared sample build
def test_large_print_is_made_on_a4_even_for_an_a5_brand(tmp_path: Path) -> None:
    result = run_build("--out", tmp_path, "--brand", "riverside", "--leaflet", "ivig", "--paper", "a5")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "riverside").glob("ivig-*")) == [
        "ivig-email-a4-large-print.pdf", "ivig-email-a5.pdf"]


def test_large_print_keeps_every_word_of_the_standard_leaflet(sample_output: Path) -> None:
    def words(name: str) -> set[str]:
        text = subprocess.run(["pdftotext", str(sample_output / "riverside" / name), "-"], capture_output=True,
                              text=True, check=True).stdout
        return {w.strip(".,;:()[]") for w in text.split() if w.isalpha() and not w.startswith("Page")}
    assert words("ivig-email-a4.pdf") - words("ivig-email-a4-large-print.pdf") <= {"of"}


def test_the_manifest_names_profile_paper_and_large_print(sample_output: Path) -> None:
    entries = json.loads((sample_output / "manifest.json").read_text())["leaflets"]
    large = next(e for e in entries if e["path"] == "northfield/hsct-email-a4-large-print.pdf")
    assert (large["profile"], large["paper"], large["large_print"]) == ("email", "a4", True)


@pytest.mark.slow  # builds its own PDFs beyond the shared sample build
def test_two_builds_in_two_processes_give_identical_bytes(tmp_path: Path) -> None:
    shas = []
    for run in ("first", "second"):
        result = run_build("--out", tmp_path / run, *sample_selection(("riverside",)), "--language", "en",
                           "--language", "ur", "--standard-print", "--today", "2026-12-01")
        assert result.code == 0, result.err
        manifest = json.loads((tmp_path / run / "manifest.json").read_text())
        shas.append({e["path"]: e["sha256"] for e in manifest["leaflets"]})
    assert len(shas[0]) == 6  # 4 leaflets in English and 2 in Urdu, standard print
    assert shas[0] == shas[1]


def page_boxes(pdf: Path) -> tuple[tuple[float, float], tuple[float, float]]:
    page = PdfReader(pdf).pages[0]
    return ((float(page.mediabox.width), float(page.mediabox.height)),
            (float(page.trimbox.width), float(page.trimbox.height)))


@pytest.mark.slow  # builds its own PDFs beyond the shared sample build
@pytest.mark.parametrize(("paper", "trim_mm"), [("a4", (210, 297)), ("letter", (215.9, 279.4)), ("a5", (148, 210))])
def test_print_profile_adds_3_mm_bleed_on_each_paper(tmp_path: Path, paper: str, trim_mm: tuple) -> None:
    result = run_build("--out", tmp_path, "--brand", "northfield", "--leaflet", "ivig", "--profile", "print",
                       "--paper", paper)
    assert result.code == 0, result.err
    media, trim = page_boxes(tmp_path / "northfield" / f"ivig-print-{paper}.pdf")
    assert trim == pytest.approx((trim_mm[0] * MM, trim_mm[1] * MM), abs=0.5)
    assert media == pytest.approx((trim[0] + 6 * MM, trim[1] + 6 * MM), abs=0.5)


def test_email_profile_pages_are_exactly_the_paper_size(sample_output: Path) -> None:
    media, trim = page_boxes(sample_output / "riverside" / "ivig-email-a4.pdf")
    assert media == pytest.approx((210 * MM, 297 * MM), abs=0.5) and trim == media


def test_crop_marks_need_the_print_profile() -> None:
    result = run_build("--crop-marks", "check")
    assert result.code == 2
    result = run_build("--crop-marks")
    assert result.code == 2
    assert "--crop-marks needs --profile print" in result.err


def page_texts(pdf: Path) -> list[str]:
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in pages.split("\f")[:-1]]


def qr_page(pdf: Path) -> int:
    """The index of the page with the QR code's caption, which follows "About this leaflet"."""
    pages = page_texts(pdf)
    found = [i for i, text in enumerate(pages) if "Read it online" in text]
    assert len(found) == 1
    assert found[0] >= next(i for i, text in enumerate(pages) if "About this leaflet" in text)
    return found[0]


def test_the_document_control_ends_with_a_qr_code_and_the_address_beneath(sample_output: Path) -> None:
    pdf = sample_output / "riverside" / "ivig-email-a4.pdf"
    address = "Read it online: https://riverside-ms.example.org/leaflets/MSL-IVIG"
    assert address in page_texts(pdf)[qr_page(pdf)]
    large = sample_output / "riverside" / "ivig-email-a4-large-print.pdf"
    assert address in page_texts(large)[qr_page(large)]
    with pikepdf.open(pdf) as doc:
        last = doc.pages[qr_page(pdf)]
        drawn = [last, *(x for x in last.Resources.get("/XObject", {}).values() if x.Subtype == "/Form")]
        images = [x for x in last.Resources.get("/XObject", {}).values() if x.Subtype == "/Image"]
        shapes = sum(1 for form in drawn for _, op in pikepdf.parse_content_stream(form) if str(op) in ("m", "re"))
        figures = [e for e in struct_elements(doc.Root.StructTreeRoot) if e.S == "/Figure"]
    assert shapes > 100 and not images  # vector (a path of its modules), not a picture of a QR code
    assert "QR code that opens this leaflet online" in [str(f.get("/Alt")) for f in figures]


def test_the_qr_code_encodes_the_leaflets_address() -> None:
    import segno

    from leaflets.render.html import QR_URL, resources
    brand = PROJECT.brands["riverside"]
    svg = resources(PROJECT.leaflets["hsct"], brand)[QR_URL].decode()
    expected = segno.make("https://riverside-ms.example.org/leaflets/MSL-HSCT", error="m")
    other = segno.make("https://riverside-ms.example.org/leaflets/MSL-IVIG", error="m")
    path = svg[svg.index(' d="') + 4:]
    path = path[:path.index('"')]
    assert path in expected.svg_inline(scale=1, border=4) and path not in other.svg_inline(scale=1, border=4)


def test_a_brand_without_an_online_address_has_no_qr_code(sample_output: Path) -> None:
    assert not any("Read it online" in text for text in page_texts(sample_output / "northfield" / "ivig-email-a4.pdf"))


def test_an_unknown_placeholder_in_the_online_address_is_an_error(content: Path) -> None:
    from leaflets.errors import ContentError
    brand = content / "brands/testclinic/_brand.yml"
    brand.write_text(brand.read_text() + "defaults:\n  leaflets:\n    url: https://example.org/{name}\n")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert str(caught.value.problems[0]).endswith(
        "defaults.leaflets.url: '{name}' is not a placeholder (use {id} for the leaflet id, "
        "or {leaflet} for its file name)")


def test_saddle_stitch_order_pairs_outer_and_inner_pages() -> None:
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert saddle_stitch_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]


@pytest.mark.slow  # builds its own PDFs beyond the shared sample build
def test_booklet_puts_a5_pages_two_up_on_a4_in_folding_order(tmp_path: Path) -> None:
    result = run_build("--out", tmp_path, "--brand", "northfield", "--leaflet", "ivig", "--booklet")
    assert result.code == 0, result.err
    pdf = tmp_path / "northfield" / "ivig-booklet-a5-on-a4.pdf"
    reader = PdfReader(pdf)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (width, height) == pytest.approx((297 * MM, 210 * MM), abs=0.5)
    sides = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    pages = int(re.search(r"Page 1 of (\d+)", sides[0]).group(1))
    assert len(sides) == -(-pages // 4) * 2
    for side, (left, right) in zip(sides, saddle_stitch_order(pages), strict=True):
        found = sorted(int(n) - 1 for n in re.findall(rf"Page (\d+) of {pages}", side))
        assert found == sorted(n for n in (left, right) if n is not None)
    entry = json.loads((tmp_path / "manifest.json").read_text())["leaflets"][0]
    assert (entry["profile"], entry["paper"], entry["pages"]) == ("booklet", "a5-on-a4", len(sides))
    # a brand's pictures or gradients may use transparency, so it must not say PDF 1.3
    assert pdf.read_bytes()[:8] == b"%PDF-1.7"


def test_booklet_chooses_its_own_paper() -> None:
    result = run_build("--booklet", "--paper", "a4")
    assert result.code == 2
    assert "--booklet makes standard-print A5 pages on A4 sheets" in result.err
