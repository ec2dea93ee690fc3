"""The shipped sample content and brands build into the PDFs the clinics expect."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLE_BRANDS, SAMPLE_LEAFLETS, SAMPLE_THERAPIES, load_sample
from pypdf import PdfReader

from leaflets.render.html import long_date

pytestmark = pytest.mark.sample
PROJECT = load_sample()
PAIRS = [(b, lf) for b in SAMPLE_BRANDS for lf in SAMPLE_LEAFLETS]
VARIANTS = ["email-a4", "email-a4-large-print"]
PDFS = [(b, f"{lf}-{v}") for b, lf in PAIRS for v in VARIANTS]
# the sample translations: overview and plasma exchange in Welsh (also bilingual), Polish and Urdu
TRANSLATED = [(b, f"{lf}-{lang}-{v}") for b in SAMPLE_BRANDS for lf in ("overview", "plasma-exchange")
              for lang in ("cy", "cy-en", "pl", "ur") for v in VARIANTS]


def words(text: str) -> list[str]:
    """The words of a text without punctuation (a hyphen at a line break is not kept by pdftotext)."""
    return re.sub(r"[^\w\s]", "", text).split()


@pytest.fixture
def output(sample_output: Path) -> Path:
    return sample_output


def text_of(pdf: Path, *, layout: bool = False) -> str:
    """The PDF's text in reading order (or as laid out on the page, for tables)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_sample_build_makes_an_email_and_a_large_print_pdf_per_brand_and_leaflet(output: Path) -> None:
    pdfs = sorted(str(p.relative_to(output)) for p in output.rglob("*.pdf") if p.relative_to(output).parts[0] != "site")
    assert pdfs == sorted(f"{b}/{name}.pdf" for b, name in PDFS + TRANSLATED)
    for brand in SAMPLE_BRANDS:  # 4 leaflets and 2 of them in 4 translations, each standard and large print
        assert len([p for p in pdfs if p.startswith(f"{brand}/")]) == 4 * 2 + 2 * 4 * 2
    assert (output / "manifest.json").is_file()


def test_manifest_describes_each_pdf_on_disk(output: Path) -> None:
    import hashlib
    manifest = json.loads((output / "manifest.json").read_text())
    assert len(manifest["leaflets"]) == 48
    for entry in manifest["leaflets"]:
        pdf = output / entry["path"]
        data = pdf.read_bytes()
        language = entry["language"].split("-")[0]
        leaflet = PROJECT.leaflets[entry["leaflet"]] if language == "en" else \
            PROJECT.translations[(language, entry["leaflet"])]
        doc = leaflet.model.document
        assert entry["brand"] in SAMPLE_BRANDS
        assert (entry["id"], entry["title"], entry["version"]) == (doc.id, doc.title, doc.version)
        assert entry["review_date"] == doc.next_review.isoformat()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] == len(PdfReader(pdf).pages)


@pytest.mark.parametrize(("brand", "leaflet"), PAIRS)
def test_pdf_text_names_title_clinic_phone_review_date_and_references(output: Path, brand: str,
                                                                       leaflet: str) -> None:
    text = " ".join(text_of(output / brand / f"{leaflet}-email-a4.pdf").split())
    doc = PROJECT.leaflets[leaflet].model.document
    contact = PROJECT.brands[brand].model.meta.contact
    assert doc.title in text
    assert PROJECT.brands[brand].name in text
    assert contact.phone in text
    services = PROJECT.brands[brand].model.meta.services
    for tier in PROJECT.leaflets[leaflet].model.urgent.tiers:
        for key in tier.call:
            assert f"{services[key].name}: {services[key].phone}" in text
    assert f"Review date {long_date(doc.next_review)}" in text
    assert "Sources" in text
    for ref in PROJECT.leaflets[leaflet].model.references:
        assert " ".join(words(ref.title)[:4]) in " ".join(words(text))


@pytest.mark.parametrize(("brand", "name"), PDFS)
def test_no_pdf_calls_these_treatments_transfusions_or_mentions_donor_plasma(output: Path, brand: str,
                                                                            name: str) -> None:
    text = " ".join(text_of(output / brand / f"{name}.pdf").split()).lower()
    assert "donor plasma" not in text
    for sentence in re.split(r"(?<=[.!?])\s", text):
        claims = re.search(r"\b(is|are|called|as|like)\b[^.?!]*\btransfusions?\b", sentence)
        if claims and not sentence.rstrip().endswith("?"):
            assert re.search(r"\bnot\b|\bnone\b|\bno\b|n't", sentence[:claims.end()]), sentence


@pytest.mark.parametrize("brand", SAMPLE_BRANDS)
def test_overview_has_a_comparison_table_naming_all_three_therapies(output: Path, brand: str) -> None:
    text = text_of(output / brand / "overview-email-a4.pdf", layout=True)
    header = next(line for line in text.splitlines() if "Plasma exchange" in line and "IVIG" in line)
    assert "aHSCT" in header
    flat = " ".join(text.split())
    for label in ("What it is", "Who it is for", "How long it", "Main risks"):
        assert label in flat


@pytest.mark.parametrize(("brand", "name"), PDFS)
def test_every_font_is_embedded(output: Path, brand: str, name: str) -> None:
    rows = subprocess.run(["pdffonts", str(output / brand / f"{name}.pdf")], capture_output=True,
                          text=True, check=True).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert row.split()[-5] == "yes", row


@pytest.mark.parametrize(("brand", "name"), PDFS)
def test_only_the_brands_own_fonts_are_used(output: Path, brand: str, name: str) -> None:
    """...and the Arabic-script font for the one word "اردو", where the leaflet names its Urdu
    translation ("This leaflet is also in: Cymraeg · Polski · اردو")."""
    rows = subprocess.run(["pdffonts", str(output / brand / f"{name}.pdf")], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    families = {face.family.replace(" ", "-") for face in PROJECT.brands[brand].fonts}
    if ("ur", name.split("-email-")[0]) in PROJECT.translations:
        families.add("Noto-Naskh-Arabic")
    for row in rows:
        name = row.split()[0].split("+", 1)[1]
        assert any(name.startswith(family) for family in families), row


@pytest.mark.parametrize(("brand", "name"), PDFS)
def test_qpdf_finds_no_errors(output: Path, brand: str, name: str) -> None:
    result = subprocess.run(["qpdf", "--check", str(output / brand / f"{name}.pdf")], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.parametrize(("brand", "leaflet"), PAIRS)
def test_metadata_has_title_author_language_and_content_dates(output: Path, brand: str, leaflet: str) -> None:
    reader = PdfReader(output / brand / f"{leaflet}-email-a4.pdf")
    doc = PROJECT.leaflets[leaflet].model.document
    meta = reader.metadata
    assert meta.title == f"DRAFT - {doc.title}"
    assert meta.author == PROJECT.brands[brand].name
    assert meta.subject == doc.description
    assert meta["/Keywords"] == ", ".join(doc.keywords)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert meta["/CreationDate"].startswith(f"D:{doc.published:%Y%m%d}000000")
    assert meta["/ModDate"].startswith(f"D:{doc.last_checked:%Y%m%d}000000")


@pytest.mark.parametrize("brand", SAMPLE_BRANDS)
def test_pdfs_are_tagged_for_screen_readers(output: Path, brand: str) -> None:
    root = PdfReader(output / brand / "hsct-email-a4.pdf").trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root


@pytest.mark.parametrize("brand", SAMPLE_BRANDS)
def test_every_page_carries_the_footer_and_later_pages_the_running_header(output: Path, brand: str) -> None:
    pdf = output / brand / "plasma-exchange-email-a4.pdf"
    doc = PROJECT.leaflets["plasma-exchange"].model.document
    pages = text_of(pdf).split("\f")[:-1]
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert f"{doc.id} | Version {doc.version} | Review date {long_date(doc.next_review)}" in flat
        assert f"Page {number} of {len(pages)}" in flat
        if number > 1:
            assert doc.title in flat and PROJECT.brands[brand].model.meta.name.short in flat  # the header's name


def test_the_stylesheet_renders_without_weasyprint_warnings(weasyprint_warnings: list, tmp_path: Path) -> None:
    """An unsupported CSS property is silently dropped by WeasyPrint; catch it here instead. The build
    runs in this process (one worker), so conftest's weasyprint_warnings sees every record."""
    from leaflets.model.plan import plan
    from leaflets.outputs.build import build
    build(PROJECT, plan(PROJECT, leaflets=["overview"]), tmp_path, lambda m: None, dt.date.today())
    assert list(tmp_path.rglob("*.pdf"))
    assert [r.getMessage() for r in weasyprint_warnings] == []


@pytest.mark.parametrize(("brand", "name"), PDFS)
def test_sample_leaflets_are_drafts_marked_on_every_page(output: Path, brand: str, name: str) -> None:
    assert PROJECT.approvals[brand].latest(name.split("-email")[0], "en") is None  # nobody approved the sample
    pages = text_of(output / brand / f"{name}.pdf").split("\f")[:-1]
    assert all("DRAFT - not for patient use" in page for page in pages)


@pytest.mark.parametrize("leaflet", SAMPLE_THERAPIES)
def test_each_therapy_has_its_diagram_with_alt_text_and_caption(output: Path, leaflet: str) -> None:
    from leaflets.render.html import DIAGRAM_URL, render_html
    model = PROJECT.leaflets[leaflet].model
    assert model.diagram is not None
    html = render_html(PROJECT, PROJECT.leaflets[leaflet], PROJECT.brands["riverside"], dt.date(2026, 12, 1))
    assert f'<img src="{DIAGRAM_URL}" alt="{model.diagram.alt}">' in html
    text = " ".join(text_of(output / "riverside" / f"{leaflet}-email-a4.pdf").split())
    assert re.sub(r"\s*\[[a-z0-9, -]+\]", "", model.diagram.caption) in re.sub(r"\s*\[[0-9, ]+\]", "", text)


@pytest.mark.parametrize("leaflet", SAMPLE_LEAFLETS)
def test_words_to_know_terms_all_occur_in_the_leaflet(output: Path, leaflet: str) -> None:
    from leaflets.model.text import find_terms, plain_blocks
    text = " ".join(text_of(output / "northfield" / f"{leaflet}-email-a4.pdf").split())
    body, box = text.split("Words to know", 1)
    box = box.split("Questions to ask your MS team")[0]
    terms = PROJECT.words_to_know(PROJECT.leaflets[leaflet])
    assert terms, "no words to know"
    for term in terms:
        assert f"{term.term}: {plain_blocks(term.definition)[0][:30]}" in box  # the term, then its meaning
        assert find_terms(body + " " + text.split("Questions to ask your MS team", 1)[1], term.patterns), term.term
