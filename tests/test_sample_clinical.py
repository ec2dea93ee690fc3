"""The shipped sample leaflets say what a clinician would sign: issue 8's acceptance, read from the PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import load_sample

pytestmark = pytest.mark.sample
BRANDS = ["riverside", "northfield"]
THERAPIES = ["plasma-exchange", "ivig", "hsct"]
LEAFLETS = ["overview", *THERAPIES]
VARIANTS = ["email-a4", "email-a4-large-print"]
DO_NOT_CITE = ["Hoxworth", "CMAJ", "Atkins", "Handb Clin Neurol", "eclinm", "EClinicalMedicine", "UpToDate",
               "blog", "Great Ormond", "GOSH"]


def text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


def urgent_box(pdf: Path) -> str:
    whole = text(pdf)
    return whole[whole.index("When to get help urgently"):]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_hsct_box_calls_999_first_then_the_transplant_units_24_hour_number_with_a_temperature(
        sample_output: Path, brand: str, variant: str) -> None:
    """Fact sheet v3: a 999 tier first (confusion, struggling to breathe, bleeding that does not stop),
    then the unit's 24-hour number for a temperature, with 999 or A&E if it does not answer."""
    box = urgent_box(sample_output / brand / f"hsct-{variant}.pdf")
    service = load_sample().brands[brand].model.meta.services["transplant-unit"]
    assert service.answers_24_hours
    numbers = re.findall(r"\b(?:0\d{4} \d{3} \d{3}|999|111)\b", box)
    assert list(dict.fromkeys(numbers))[:2] == ["999", service.phone]
    for sign in ("confusion", "struggling to breathe", "bleeding that does not stop"):
        assert sign in box[:box.index(service.phone)]
    fever = load_sample().brands[brand].model.meta.parameters["fever-threshold"]
    assert f"{fever} or more" in box and "below 36°C" in box
    assert "call 999 or go to A&E" in box
    # the unit's number on the same page as its thresholds, in every format
    pdf = sample_output / brand / f"hsct-{variant}.pdf"
    page = next(p for p in pages(pdf) if service.phone in p)
    assert f"{fever} or more" in page and "below 36°C" in page


@pytest.mark.parametrize("brand", BRANDS)
def test_the_ivig_box_includes_chest_pain_and_dark_urine(sample_output: Path, brand: str) -> None:
    box = urgent_box(sample_output / brand / "ivig-email-a4.pdf").lower()
    assert "chest pain" in box
    assert "dark or cola-coloured urine" in box


@pytest.mark.parametrize("brand", BRANDS)
def test_the_plasma_exchange_box_says_what_to_do_if_the_line_bleeds(sample_output: Path, brand: str) -> None:
    box = urgent_box(sample_output / brand / "plasma-exchange-email-a4.pdf").lower()
    assert "bleeds and does not stop after 10 minutes of firm pressure" in box
    assert "press firmly" in box


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", LEAFLETS)
def test_no_leaflet_gives_the_plasma_exchange_death_figure_on_its_own(sample_output: Path, brand: str,
                                                                        leaflet: str) -> None:
    whole = text(sample_output / brand / f"{leaflet}-email-a4.pdf")
    for match in re.finditer(r"1 in 2,000", whole):
        around = whole[max(0, match.start() - 400):match.end() + 400]
        assert "169,000" in around, around


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", THERAPIES)
def test_each_therapy_leaflet_says_its_products_come_from_donated_blood_and_what_if_you_refuse(
        sample_output: Path, brand: str, leaflet: str) -> None:
    whole = text(sample_output / brand / f"{leaflet}-email-a4.pdf")
    assert re.search(r"donated (blood|plasma)", whole)
    assert "If you do not want to receive blood or blood products" in whole
    assert "tell your team before treatment" in whole


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", LEAFLETS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_citation_markers_and_no_source_the_fact_sheet_rules_out(sample_output: Path, brand: str,
                                                                     leaflet: str, variant: str) -> None:
    whole = text(sample_output / brand / f"{leaflet}-{variant}.pdf")
    assert not re.search(r"\[\d+(?:[,–-]\s?\d+)*\]", whole)
    for name in DO_NOT_CITE:
        assert name not in whole


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", LEAFLETS)
def test_every_printed_source_links_to_its_doi_pubmed_or_web_page(sample_output: Path, brand: str,
                                                                   leaflet: str) -> None:
    with pikepdf.open(sample_output / brand / f"{leaflet}-email-a4.pdf") as pdf:
        links = {str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                 if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A}
    for ref in load_sample().leaflets[leaflet].model.references:
        wanted = {f"https://doi.org/{ref.doi}" if ref.doi else None,
                  f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else None,
                  f"https://pmc.ncbi.nlm.nih.gov/articles/{ref.pmcid}/" if ref.pmcid else None, ref.url} - {None}
        assert wanted and wanted <= links, ref.key
