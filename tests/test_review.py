"""Approval and review: drafts are marked on every page, --release refuses them, check warns early."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from approving import approve
from conftest import ROOT, edit, run_build, sample_selection
from pypdf import PdfReader

from leaflets.errors import ContentError
from leaflets.model.project import load_project

DRAFT = "DRAFT - not for patient use"


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def build_alpha(content: Path, out: Path, today: str) -> Path:
    result = run_build("--content", content, "--out", out, "--leaflet", "alpha", "--today", today,
                       "--standard-print")
    assert result.code == 0, result.err
    return out / "testclinic/alpha-email-a4.pdf"


def test_a_draft_is_marked_on_every_page(content: Path, tmp_path: Path) -> None:
    pdf = build_alpha(content, tmp_path, "2026-06-01")
    pages = pages_text(pdf)
    assert len(pages) > 1
    assert all(DRAFT in page for page in pages)
    assert ("Do not give this leaflet to patients: it has not been approved for this clinic in this language."
            in pages[0])
    assert PdfReader(pdf).metadata.title == "DRAFT - Alpha therapy"


def test_an_approved_leaflet_in_date_is_not_marked(content: Path, tmp_path: Path) -> None:
    approve(content)
    pdf = build_alpha(content, tmp_path, "2026-06-01")
    assert not any("DRAFT" in page for page in pages_text(pdf))
    assert "Approved by Patient Information Group on 10 January 2026" in " ".join(pages_text(pdf))
    assert PdfReader(pdf).metadata.title == "Alpha therapy"


def test_an_approved_leaflet_past_its_review_date_is_marked(content: Path, tmp_path: Path) -> None:
    approve(content)
    pages = pages_text(build_alpha(content, tmp_path, "2027-01-16"))
    assert all(DRAFT in page for page in pages)
    assert "Do not give this leaflet to patients: its review date (2027-01-15) has passed." in pages[0]


@pytest.mark.sample
def test_release_refuses_every_sample_leaflet_naming_each(tmp_path: Path) -> None:
    result = run_build("--release", "--out", tmp_path, *sample_selection(), "--today", "2026-12-01")
    assert result.code == 1
    refused = [line for line in result.err.splitlines() if "has not been approved" in line]
    assert {line.split(":")[0] for line in refused} == {
        "content/brands/northfield/approvals.yaml", "content/brands/riverside/approvals.yaml"}
    for brand in ("northfield", "riverside"):
        for leaflet in ("MSL-HSCT", "MSL-IVIG", "MSL-OVERVIEW", "MSL-PLEX"):
            assert any(f" {leaflet} (en) for {brand} has not been approved" in line for line in refused), leaflet
    assert ("content/brands/riverside/approvals.yaml:1:1: approvals: MSL-HSCT (en) for riverside has not been "
            "approved (once your patient-information group approves it, record it: python3 build.py approve hsct "
            "--brand riverside --language en --by NAME --role ROLE)") in refused
    assert list(tmp_path.iterdir()) == []


def test_release_refuses_an_approved_leaflet_past_review(content: Path, tmp_path: Path) -> None:
    approve(content)
    result = run_build("--content", content, "--out", tmp_path, "--leaflet", "alpha", "--release",
                       "--today", "2027-02-01")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{content}/alpha.yaml:7:16: document.next_review: TEST-ALPHA was due for review on 2027-01-15 and "
        "cannot be released (review it, then update last_checked and next_review)")


def test_release_builds_an_approved_leaflet_in_date(content: Path, tmp_path: Path) -> None:
    approve(content)
    result = run_build("--content", content, "--out", tmp_path, "--leaflet", "alpha", "--release",
                       "--today", "2026-06-01")
    assert result.code == 0, result.err
    assert (tmp_path / "testclinic/alpha-email-a4.pdf").is_file()


def test_check_warns_when_a_review_falls_due_within_90_days(content: Path) -> None:
    result = run_build("--content", content, "check", "--today", "2026-12-01")
    assert result.code == 0
    assert f"warning: {content}/alpha.yaml:7:16: document.next_review: review is due on 2027-01-15, in 45 days " \
           "(review it, then update last_checked and next_review)" in result.err.splitlines()
    assert run_build("--content", content, "check", "--today", "2026-10-01").err == ""


def test_the_warning_period_comes_from_settings(content: Path) -> None:
    (content / "settings.yaml").write_text("review_warning_days: 30\n")
    assert run_build("--content", content, "check", "--today", "2026-12-01").err == ""


def test_a_leaflet_recording_its_own_approval_is_told_to_use_the_approve_command(content: Path) -> None:
    edit(content / "alpha.yaml", "  published:", "  status: approved\n  approved_by: Group\n  published:")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [(p.line, p.field) for p in caught.value.problems] == [(6, "document.status"),
                                                                   (7, "document.approved_by")]
    assert "python3 build.py approve LEAFLET --brand BRAND --language LANGUAGE" in caught.value.problems[0].message


def test_an_overview_quoting_a_draft_therapy_is_a_draft_too(content: Path, tmp_path: Path) -> None:
    approve(content, "overview")
    result = run_build("--content", content, "--out", tmp_path, "--leaflet", "overview", "--today", "2026-06-01",
                       "--standard-print")
    assert result.code == 0, result.err
    pages = pages_text(tmp_path / "testclinic/overview-email-a4.pdf")
    assert all(DRAFT in page for page in pages)
    assert ("Do not give this leaflet to patients: its table quotes leaflets that are not for patient use "
            "(alpha).") in pages[0]
    refused = run_build("--content", content, "--out", tmp_path, "--leaflet", "overview", "--release",
                        "--today", "2026-06-01")
    assert refused.code == 1
    assert ("therapies: TEST-OVERVIEW quotes leaflets that cannot be released (alpha) "
            "(approve and release those first)") in refused.err


def test_an_approval_dated_in_the_future_is_not_yet_approved(content: Path, tmp_path: Path) -> None:
    approve(content)
    pages = pages_text(build_alpha(content, tmp_path, "2026-01-05"))
    assert "its approval date (2026-01-10) is in the future" in pages[0]


def test_release_is_not_an_option_of_check(content: Path) -> None:
    result = run_build("--content", content, "--release", "check")
    assert result.code == 2
    assert "--release applies to building" in result.err


def test_the_manifest_records_status_and_draft(content: Path, tmp_path: Path) -> None:
    import json
    approve(content)
    build_alpha(content, tmp_path, "2026-06-01")
    entry = json.loads((tmp_path / "manifest.json").read_text())["leaflets"][0]
    assert (entry["status"], entry["draft"]) == ("approved", False)


def test_a_long_title_stays_on_one_header_line_below_the_draft_band(content: Path, tmp_path: Path) -> None:
    import re
    long_title = "Alpha therapy with a very long title that goes on and on to wrap over two lines in the header"
    edit(content / "alpha.yaml", "  title: Alpha therapy", f"  title: {long_title}")
    pdf = build_alpha(content, tmp_path, "2026-06-01")
    bbox = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = [(float(y0), float(y1), word) for y0, y1, word in
             re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', bbox)]
    band = [w for w in words if w[2] in ("DRAFT", "patient", "use")][:3]
    header = [w for w in words if 30 < w[0] < 62]  # the top margin is 22 mm (62 pt)
    assert band and header
    assert max(y1 for _, y1, _ in band) < min(y0 for y0, _, _ in header)
    assert len({round(y0) for y0, _, _ in header}) == 1, header
