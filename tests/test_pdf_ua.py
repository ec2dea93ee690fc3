"""veraPDF's PDF/UA-1 profile on the sample's email and large-print PDFs: both brands on A4, and one
Letter and one A5 build. Each failure names the rule, what it requires and where it failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_build
from verapdf import Failure, validate

BRANDS = ("northfield", "riverside")
LEAFLETS = ("hsct", "ivig", "overview", "plasma-exchange")
SAMPLE = [f"{brand}/{leaflet}-email-a4{size}.pdf" for brand in BRANDS for leaflet in LEAFLETS
          for size in ("", "-large-print")]
LETTER = [f"northfield/{leaflet}-email-letter{size}.pdf" for leaflet in LEAFLETS for size in ("", "-large-print")]
A5 = [f"riverside/{leaflet}-email-a5.pdf" for leaflet in LEAFLETS]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def other_papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Northfield on US Letter (standard and large print) and Riverside on A5 (standard print)."""
    out = tmp_path_factory.mktemp("papers")
    for args in (("--brand", "northfield", "--paper", "letter"),
                 ("--brand", "riverside", "--paper", "a5", "--standard-print")):
        result = run_build("--out", out, *args)
        assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def verdicts(sample_output: Path, other_papers: Path) -> dict[str, list[Failure]]:
    """Every file's failed rules, from one run of the validator."""
    files = {name: sample_output / name for name in SAMPLE}
    files.update({name: other_papers / name for name in LETTER + A5})
    results = validate(list(files.values()))
    return {name: results[path] for name, path in files.items()}


@pytest.mark.parametrize("name", SAMPLE + LETTER + A5)
def test_email_and_large_print_pdfs_pass_verapdf_pdf_ua_1(verdicts: dict[str, list[Failure]], name: str) -> None:
    failures = verdicts[name]
    assert not failures, f"{name} fails PDF/UA-1:\n" + "\n".join(map(str, failures))


def test_the_validator_reports_a_pdf_that_breaks_pdf_ua(tmp_path: Path) -> None:
    from weasyprint import HTML
    untagged = tmp_path / "untagged.pdf"
    HTML(string="<html><body><p>Untagged text</p></body></html>").write_pdf(untagged)
    failures = validate([untagged])[untagged]
    assert failures and all(f.rule and f.description for f in failures)
    assert any(f.rule.startswith("5-") or f.rule.startswith("7.1-") for f in failures), failures
