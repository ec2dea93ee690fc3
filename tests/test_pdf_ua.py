"""veraPDF's PDF/UA-1 profile on the sample's email and large-print PDFs: both brands on A4, in
English and in every sample translation (Welsh, Polish, Urdu and the Welsh-English bilingual PDF),
and one Letter and one A5 build. Each failure names the rule, what it requires and where it failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from verapdf import Failure, validate
from weasyprint import HTML

BRANDS = ("northfield", "riverside")
LEAFLETS = ("hsct", "ivig", "overview", "plasma-exchange")
SAMPLE = [f"{brand}/{leaflet}-email-a4{size}.pdf" for brand in BRANDS for leaflet in LEAFLETS
          for size in ("", "-large-print")]
TRANSLATED = [f"{brand}/{leaflet}-{language}-email-a4{size}.pdf" for brand in BRANDS
              for leaflet in ("overview", "plasma-exchange") for language in ("cy", "pl", "ur", "cy-en")
              for size in ("", "-large-print")]
LETTER = ["northfield/hsct-email-letter.pdf", "northfield/hsct-email-letter-large-print.pdf"]
A5 = ["riverside/ivig-email-a5.pdf", "riverside/overview-email-a5.pdf"]
BROKEN = "untagged.pdf"  # made here without tags: the validator must fail it

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def verdicts(sample_output: Path, other_papers: Path) -> dict[str, list[Failure]]:
    """Every file's failed rules, from one run of the validator."""
    files = {name: sample_output / name for name in SAMPLE + TRANSLATED}
    files.update({name: other_papers / name for name in LETTER + A5})
    files[BROKEN] = other_papers / BROKEN
    HTML(string="<html><body><p>Untagged text</p></body></html>").write_pdf(files[BROKEN])
    results = validate(list(files.values()))
    return {name: results[path] for name, path in files.items()}


@pytest.mark.parametrize("name", SAMPLE + TRANSLATED + LETTER + A5)
def test_email_and_large_print_pdfs_pass_verapdf_pdf_ua_1(verdicts: dict[str, list[Failure]], name: str) -> None:
    failures = verdicts[name]
    assert not failures, f"{name} fails PDF/UA-1:\n" + "\n".join(map(str, failures))


def test_the_validator_reports_a_pdf_that_breaks_pdf_ua(verdicts: dict[str, list[Failure]]) -> None:
    failures = verdicts[BROKEN]
    assert failures and all(f.rule and f.description and f.where for f in failures)
    assert "7.1-3" in {f.rule for f in failures}, failures  # content neither tagged nor an Artifact
