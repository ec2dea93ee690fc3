"""Length and layout of the sample leaflets (issue 8, part 5): few pages, none wasted, urgent box last."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from layout import page_fill

BRANDS = ["riverside", "northfield"]
# (leaflet, most A4 pages in standard print, most in large print)
LIMITS = [("plasma-exchange", 6, 10), ("ivig", 6, 10), ("hsct", 6, 10), ("overview", 4, 7)]
PDFS = [(brand, leaflet, large, limit)
        for brand in BRANDS for leaflet, standard, large_print in LIMITS
        for large, limit in ((False, standard), (True, large_print))]
IDS = [f"{b}-{lf}-{'large-print' if large else 'standard'}" for b, lf, large, _ in PDFS]

# Known shortfalls, each waiting on a decision by the lead (issue 8, part 5). Strict: a case that
# starts to pass fails here, so the mark comes off as soon as the leaflet fits.
TOO_LONG = {"riverside-hsct-standard", "northfield-hsct-standard", "riverside-hsct-large-print"}
PAGE_BEFORE_URGENT_BOX_UNDER_HALF = {"northfield-hsct-standard", "riverside-hsct-large-print",
                                     "riverside-plasma-exchange-large-print",
                                     "northfield-plasma-exchange-large-print"}


def marked(known: set[str], reason: str) -> list[object]:
    return [pytest.param(*case, id=name, marks=pytest.mark.xfail(strict=True, reason=reason))
            if name in known else pytest.param(*case, id=name) for case, name in zip(PDFS, IDS)]


def pdf_path(output: Path, brand: str, leaflet: str, large: bool) -> Path:
    return output / brand / f"{leaflet}-email-a4{'-large-print' if large else ''}.pdf"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"),
                         marked(TOO_LONG, "aHSCT needs about half a page (standard) or a page (large "
                                          "print) less text"))
def test_the_leaflet_fits_its_page_limit(sample_output: Path, brand: str, leaflet: str, large: bool,
                                         limit: int) -> None:
    assert len(page_texts(pdf_path(sample_output, brand, leaflet, large))) <= limit


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"),
                         marked(PAGE_BEFORE_URGENT_BOX_UNDER_HALF,
                                "the urgent box does not fit under the document control, so the page "
                                "before it holds only the end of the sources and the document control"))
def test_no_page_but_the_last_is_less_than_half_full(sample_output: Path, brand: str, leaflet: str,
                                                     large: bool, limit: int) -> None:
    fills = page_fill(pdf_path(sample_output, brand, leaflet, large), large)
    assert all(fill >= 0.5 for fill in fills[:-1]), fills


@pytest.mark.parametrize(("brand", "leaflet", "large", "limit"), PDFS, ids=IDS)
def test_the_urgent_box_is_whole_on_the_last_page_and_ends_the_leaflet(sample_output: Path, brand: str,
                                                                      leaflet: str, large: bool,
                                                                      limit: int) -> None:
    pages = page_texts(pdf_path(sample_output, brand, leaflet, large))
    found = [number for number, text in enumerate(pages, 1) if "When to get help urgently" in text]
    assert found == [len(pages)]
    assert "About this leaflet" not in pages[-1].split("When to get help urgently", 1)[1]
