"""One draft decision: an approved, released version whose words have changed since is a draft
everywhere (page, title, email, site, the overview), and `check` refuses it.

The release is made in-process with the function `--release` uses (leaflets/outputs/archive.py);
the changed leaflet is then built or checked as a user would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from approving import approve
from conftest import ROOT, TODAY, edit, run_build
from pypdf import PdfReader
from test_review import build_alpha, pages_text

from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.model.review import draft_reasons
from leaflets.outputs.archive import archive
from leaflets.outputs.site import status

REASON = "its text has changed since version 1.0 was approved and released"
SENTENCE = ("what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a trial.")


def release_then_edit(content: Path, leaflet: str = "alpha") -> None:
    """Approve and release version 1.0, then change one sentence and keep the version number."""
    approve(content, leaflet)
    project = load_project(ROOT, content)
    assert archive(project, [(project.leaflets[leaflet], project.brands["testclinic"])], dt.date(2026, 2, 1))
    edit(content / f"{leaflet}.yaml", *SENTENCE)


def test_a_released_leaflet_edited_without_a_new_version_is_printed_as_a_draft_saying_why(
        content: Path, tmp_path: Path) -> None:
    release_then_edit(content)
    pdf = build_alpha(content, tmp_path, "2026-06-01")
    pages = pages_text(pdf)
    assert all("DRAFT - not for patient use" in page for page in pages)
    assert f"Do not give this leaflet to patients: {REASON}." in pages[0]
    assert PdfReader(pdf).metadata.title == "DRAFT - Alpha therapy"


def test_check_refuses_it_at_the_changed_field_with_the_fix(content: Path) -> None:
    release_then_edit(content)
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1
    assert (f"{content}/alpha.yaml:20:13: what_it_is: TEST-ALPHA (en) for testclinic version 1.0 was released on "
            "2026-02-01 with other text: leaflet: what_it_is (give it a new version number and have it approved, "
            "or restore the released text)") in result.err.splitlines()


def test_the_released_text_restored_is_approved_again(content: Path) -> None:
    release_then_edit(content)
    edit(content / "alpha.yaml", SENTENCE[1], SENTENCE[0])
    project = load_project(ROOT, content)
    assert draft_reasons(project, project.leaflets["alpha"], TODAY, brand=project.brands["testclinic"]) == []


def test_a_new_version_number_is_not_this_reason(content: Path) -> None:
    release_then_edit(content)
    edit(content / "alpha.yaml", 'version: "1.0"', 'version: "1.1"')
    project = load_project(ROOT, content)
    assert REASON not in draft_reasons(project, project.leaflets["alpha"], TODAY, brand=project.brands["testclinic"])


def test_the_job_every_output_reads_and_the_site_status_say_draft(content: Path) -> None:
    release_then_edit(content)
    project = load_project(ROOT, content)
    [job] = plan(project, leaflets=("alpha",), large_print=False, today=TODAY)
    assert job.draft and job.reasons == ((REASON,),)
    assert status(project, project.leaflets["alpha"], TODAY, project.brands["testclinic"]).kind == "draft"


def test_an_overview_quoting_a_changed_therapy_is_a_draft(content: Path) -> None:
    release_then_edit(content)
    approve(content, "overview")
    project = load_project(ROOT, content)
    assert draft_reasons(project, project.leaflets["overview"], TODAY, brand=project.brands["testclinic"]) == [
        "its table quotes leaflets that are not for patient use (alpha)"]


def test_a_damaged_release_record_is_a_problem_naming_the_file(content: Path) -> None:
    release_then_edit(content)
    record = content / "archive" / "testclinic" / "alpha" / "en" / "1.0.json"
    record.write_text(record.read_text(encoding="utf-8")[:40], encoding="utf-8")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"{record}:")
    assert "is not a release record --release wrote" in result.err
