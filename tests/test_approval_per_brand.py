"""Approval is per brand and language, recorded by `build.py approve` with a fingerprint of exactly
what that brand's PDF prints in that language (leaflets/model/approvals.py, printed.py, review.py).

The test project has a second clinic, `otherclinic`, a copy of the test clinic.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from approving import GROUP, approve
from click.testing import CliRunner
from conftest import ROOT, TODAY, edit
from translating import translate, translate_glossary

from leaflets.cli import main
from leaflets.commands.problems import printed_by, problems
from leaflets.model.plan import Job, plan
from leaflets.model.printed import approval_fingerprint
from leaflets.model.project import Project, load_project
from leaflets.model.review import current_approval, draft_reasons, why_draft
from leaflets.outputs.archive import archive
from leaflets.render.job import render_job
from leaflets.render.postprocess import stamped

NOT_APPROVED = "it has not been approved for this clinic in this language"
PHONE = ('unit: {name: Test unit, phone: "01632 960 222"', 'unit: {name: Test unit, phone: "01632 960 999"')
APPROVALS = Path("brands") / "testclinic" / "approvals.yaml"


@pytest.fixture
def two_clinics(content: Path) -> Path:
    shutil.copytree(content / "brands" / "testclinic", content / "brands" / "otherclinic")
    return content


def alpha_jobs(content: Path, language: str = "en") -> dict[str, Job]:
    """Alpha's standard-print PDF in `language` for each clinic, decided as of TODAY."""
    project = load_project(ROOT, content)
    return {job.brand.slug: job for job in plan(project, leaflets=("alpha",), large_print=False,
                                                languages=(language,), today=TODAY) if not job.parts}


def reasons(content: Path, brand: str = "testclinic", language: str = "en") -> list[str]:
    project = load_project(ROOT, content)
    leaflet = project.leaflets["alpha"] if language == "en" else project.translations[(language, "alpha")]
    return draft_reasons(project, leaflet, TODAY, brand=project.brands[brand])


def test_approving_for_one_clinic_leaves_the_other_clinics_pdf_a_draft(two_clinics: Path) -> None:
    approve(two_clinics, brand="testclinic")
    jobs = alpha_jobs(two_clinics)
    assert not jobs["testclinic"].draft and jobs["testclinic"].approved
    assert jobs["otherclinic"].reasons == ((NOT_APPROVED,),)


def test_changing_a_service_number_after_approval_makes_the_pdf_a_draft_naming_the_field(content: Path) -> None:
    approve(content)
    edit(content / APPROVALS.parent / "_brand.yml", *PHONE)
    assert reasons(content) == ["it has changed since it was approved: brand testclinic: meta.services.unit.phone"]
    project = load_project(ROOT, content)
    [problem] = problems(project, plan(project, leaflets=("alpha",), large_print=False), TODAY, "release").refused
    assert (problem.file, problem.line, problem.field) == (f"{content}/brands/testclinic/_brand.yml", 14,
                                                           "meta.services.unit.phone")
    assert problem.message == (f"TEST-ALPHA (en) for testclinic has changed since {GROUP} (Patient-information "
                               "lead) approved it on 2026-01-10: brand testclinic: meta.services.unit.phone")


def test_a_change_the_leaflet_does_not_print_leaves_its_approval_standing(content: Path) -> None:
    approve(content)
    edit(content / APPROVALS.parent / "_brand.yml", "  services:\n",
         "  services:\n    ward: {name: Ward, phone: \"01632 960 555\", hours: day or night}\n")
    assert reasons(content) == []


def test_a_changed_sentence_names_the_field_at_its_line(content: Path) -> None:
    approve(content)
    edit(content / "alpha.yaml", "benefits: It may help with **tests**", "benefits: It may help with other tests")
    project = load_project(ROOT, content)
    [reason] = why_draft(project, project.leaflets["alpha"], TODAY, project.brands["testclinic"])
    assert reason.text() == "it has changed since it was approved: leaflet: benefits"
    assert (reason.problem().line, reason.problem().field) == (27, "benefits")


def test_an_english_approval_does_not_approve_the_welsh(content: Path) -> None:
    translate(content, "cy", "alpha", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    translate_glossary(content, "cy", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    approve(content, language="en")
    assert NOT_APPROVED in reasons(content, language="cy")
    approve(content, language="cy")
    assert NOT_APPROVED not in reasons(content, language="cy")


@pytest.mark.parametrize("field", ["approved_by", "fingerprint"])
def test_an_approval_changed_by_hand_does_not_count(content: Path, field: str) -> None:
    approve(content)
    text = (content / APPROVALS).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith(f"  {field}: "))
    typed = "Someone else" if field == "approved_by" else "a" * 64  # a valid SHA-256, of nothing approved
    (content / APPROVALS).write_text(text.replace(old, f"  {field}: {typed}"), encoding="utf-8")
    project = load_project(ROOT, content)
    [reason] = why_draft(project, project.leaflets["alpha"], TODAY, project.brands["testclinic"])
    assert reason.text() == "its approval was changed by hand"
    assert (reason.problem().file, reason.problem().field) == (f"{content}/{APPROVALS}", "approvals[0].seal")


@pytest.mark.parametrize(("args", "said"), [
    (["nope", "--brand", "testclinic", "--language", "en"], "unknown leaflet 'nope' (choose from: alpha, overview)"),
    (["alpha", "--brand", "nope", "--language", "en"], "unknown brand 'nope' (choose from: testclinic)"),
    (["alpha", "--brand", "testclinic", "--language", "cy"], "there is no Welsh translation of alpha to approve"),
    (["alpha", "--brand", "testclinic", "--language", "xx"], "no message catalog for language 'xx'"),
], ids=["leaflet", "brand", "translation", "language"])
def test_approve_refuses_what_does_not_exist_plainly(content: Path, args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["approve", *args, "--by", GROUP, "--role", "Lead", "--content", str(content)],
                                obj={})
    assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output
    assert not (content / APPROVALS).exists()


def test_the_unit_records_who_confirmed_the_urgent_signs(content: Path) -> None:
    approve(content, "alpha", "testclinic", "en", "2026-01-10", GROUP, "Lead", "--signs-confirmed-by", "Sister Jones",
            "--signs-confirmed-on", "2026-01-09")
    project = load_project(ROOT, content)
    approval = current_approval(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY)
    assert approval is not None and approval.signs_confirmed is not None
    assert (approval.signs_confirmed.by, approval.signs_confirmed.on) == ("Sister Jones", dt.date(2026, 1, 9))
    assert approval.signs_confirmed.signs == ["urgent.tiers[0].signs[0]", "urgent.tiers[1].signs[0]"]


def released(project: Project) -> dict[str, dict]:
    jobs = plan(project, leaflets=("alpha",), large_print=False)
    paths = archive(project, printed_by(jobs), dt.date(2026, 2, 1))
    return {path.relative_to(project.content / "archive").as_posix(): json.loads(path.read_text()) for path in paths}


def test_the_release_archive_keeps_what_each_clinic_printed(two_clinics: Path) -> None:
    edit(two_clinics / "brands" / "otherclinic" / "_brand.yml", *PHONE)
    records = released(load_project(ROOT, two_clinics))
    assert set(records) == {"testclinic/alpha/en/1.0.json", "otherclinic/alpha/en/1.0.json"}
    assert records["testclinic/alpha/en/1.0.json"]["fields"]["brand testclinic: meta.services.unit.phone"] == [
        "01632 960 222"]
    assert records["otherclinic/alpha/en/1.0.json"]["fields"]["brand otherclinic: meta.services.unit.phone"] == [
        "01632 960 999"]


def test_the_pdf_metadata_carries_the_fingerprint_an_approval_records(content: Path) -> None:
    approve(content)
    project = load_project(ROOT, content)
    job = alpha_jobs(content)["testclinic"]
    fingerprint = approval_fingerprint(project, project.leaflets["alpha"], project.brands["testclinic"])
    assert stamped(render_job(project, job, TODAY).data) == {"en": fingerprint}
    assert f"fingerprint: {fingerprint}" in (content / APPROVALS).read_text(encoding="utf-8")
