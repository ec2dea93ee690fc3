"""Length and layout of the sample leaflets (issue 8, part 5): few pages, none wasted, urgent box on page 1."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from layout import page_fill

pytestmark = pytest.mark.sample
BRANDS = ["riverside", "northfield"]
# (leaflet, most A4 pages in standard print, most in large print). A large-print box that no longer
# splits leaves the rest of page 1 empty when its second tier goes whole to page 2 (a page more for
# the longest); IVIG's large print carries fact sheet v3's second half of the evidence (ESIMS) and
# its whole-course clot figures (issue 21).
LIMITS = [("plasma-exchange", 6, 11), ("ivig", 6, 11), ("hsct", 6, 11), ("overview", 4, 7)]
# Riverside's overview in standard print: fact sheet v3's second 999 tier and the table's own sources
# (three more full references, issue 21) run its source list onto a fifth page in Riverside's font and
# contact block; Northfield's stays at 4. A known overrun, not a new normal: see the session note.
OVERRUNS = {("riverside", "overview", False): 5}
PDFS = [(brand, leaflet, large, OVERRUNS.get((brand, leaflet, large), limit))
        for brand in BRANDS for leaflet, standard, large_print in LIMITS
        for large, limit in ((False, standard), (True, large_print))]
IDS = [f"{b}-{lf}-{'large-print' if large else 'standard'}" for b, lf, large, _ in PDFS]

def pdf_path(output: Path, brand: str, leaflet: str, large: bool) -> Path:
    return output / brand / f"{leaflet}-email-a4{'-large-print' if large else ''}.pdf"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"), PDFS, ids=IDS)
def test_the_leaflet_fits_its_page_limit(sample_output: Path, brand: str, leaflet: str, large: bool,
                                         limit: int) -> None:
    assert len(page_texts(pdf_path(sample_output, brand, leaflet, large))) <= limit


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"), PDFS, ids=IDS)
def test_no_page_but_the_last_is_less_than_half_full(sample_output: Path, brand: str, leaflet: str,
                                                     large: bool, limit: int) -> None:
    fills = page_fill(pdf_path(sample_output, brand, leaflet, large), large)
    assert all(fill >= 0.5 for fill in fills[:-1]), fills


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"), PDFS, ids=IDS)
def test_the_urgent_heading_is_on_page_1_and_the_sources_end_the_leaflet(sample_output: Path, brand: str,
                                                                          leaflet: str, large: bool,
                                                                          limit: int) -> None:
    pages = page_texts(pdf_path(sample_output, brand, leaflet, large))
    assert "When to get help urgently" in pages[0]
    continued = [number for number, text in enumerate(pages, 1) if "When to get help urgently (continued)" in text]
    assert continued in ([], [2])
    last = " ".join(pages)
    assert last.rindex("Sources") > last.rindex("About this leaflet") > last.rindex("Contact us")
