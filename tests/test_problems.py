"""A build, `check` and `--release` look for the same things (leaflets/commands/problems.py); only
how much each one minds differs. And one decision says whether a leaflet is a draft, and why, for
the page and for --release alike (leaflets/model/review.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from approving import approve
from conftest import ROOT, TODAY, edit, run_build

from leaflets.commands.problems import Findings, Mode, problems
from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.model.review import draft_reasons, release_problems, why_draft
from leaflets.outputs.archive import archive

MODES: tuple[Mode, ...] = ("build", "check", "release")
BRAND = Path("brands") / "testclinic" / "_brand.yml"
LOST = "what_it_is: It is given on Ward #5 by drip"
CONFLICT = ("benefits: TEST-ALPHA (en) for testclinic version 1.0 was released on 2026-02-01 with other text: "
            "leaflet: benefits")
CHANGED_HINT = "(give it a new version number and have it approved, or restore the released text)"
SAME_ADDRESS = "the same address"


def one_address_for_all(content: Path) -> None:
    """A brand address pattern without {id}: every leaflet's page, and QR code, at one address."""
    brand = content / BRAND
    brand.write_text(brand.read_text(encoding="utf-8") + "defaults:\n  leaflets:\n"
                     "    url: https://test.example.org/leaflets\n", encoding="utf-8")


def approved(content: Path) -> None:
    """Both leaflets approved for the test clinic, as they are now."""
    approve(content, "alpha")
    approve(content, "overview")


def words_lost_after_a_hash(content: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", LOST)
    approved(content)


def released_with_other_text(content: Path) -> None:
    """Version 1.0 of alpha was released with other words than it has now."""
    approved(content)
    project = load_project(ROOT, content)
    assert archive(project, [(project.leaflets["alpha"], project.brands["testclinic"])], dt.date(2026, 2, 1))
    edit(content / "alpha.yaml", "benefits: It may help with **tests**", "benefits: It may help with other tests")


def found(content: Path, mode: Mode, today: dt.date = TODAY, leaflets: tuple[str, ...] = ()) -> Findings:
    project = load_project(ROOT, content)
    return problems(project, plan(project, leaflets=leaflets), today, mode)


def everything(findings: Findings) -> list[str]:
    return sorted(map(str, [*findings.refused, *findings.warnings]))


def one_address_for_all_approved(content: Path) -> None:
    one_address_for_all(content)
    approved(content)


@pytest.mark.parametrize("defect", [one_address_for_all_approved, words_lost_after_a_hash, released_with_other_text])
def test_build_check_and_release_find_the_same_things(content: Path, defect) -> None:
    defect(content)
    # alpha alone: the overview quoting a changed alpha is a draft too, and only --release minds drafts
    seen = {mode: everything(found(content, mode, leaflets=("alpha",))) for mode in MODES}
    assert seen["build"] and seen["build"] == seen["check"] == seen["release"]


@pytest.mark.parametrize(("defect", "refused_by"), [
    (one_address_for_all_approved, {"build", "check", "release"}),
    (words_lost_after_a_hash, {"check", "release"}),
    (released_with_other_text, {"check", "release"}),
])
def test_each_command_refuses_or_warns_as_the_table_says(content: Path, defect, refused_by: set[str]) -> None:
    defect(content)
    assert {mode for mode in MODES if found(content, mode).refused} == refused_by


def test_only_release_refuses_a_draft(content: Path) -> None:
    assert [mode for mode in MODES if found(content, mode).refused] == ["release"]


def test_release_refuses_each_draft_reason_the_page_prints(content: Path) -> None:
    refused = everything(found(content, "release"))
    project = load_project(ROOT, content)
    brand = project.brands["testclinic"]
    assert refused == sorted(map(str, release_problems(project, list(project.leaflets.values()), TODAY,
                                                       brand=brand)))
    assert len(refused) == sum(len(draft_reasons(project, leaflet, TODAY, brand=brand))
                               for leaflet in project.leaflets.values())


def test_each_reason_a_page_prints_is_a_problem_at_the_field_to_change(content: Path) -> None:
    project = load_project(ROOT, content)
    reasons = why_draft(project, project.leaflets["alpha"], dt.date(2027, 2, 1), project.brands["testclinic"])
    assert [reason.text() for reason in reasons] == ["it has not been approved for this clinic in this language",
                                                     "its review date (2027-01-15) has passed"]
    assert [(reason.problem().file, reason.problem().field) for reason in reasons] == [
        (f"{content}/brands/testclinic/approvals.yaml", "approvals"), (f"{content}/alpha.yaml", "document.next_review")]


def test_draft_reasons_are_given_in_the_leaflets_language(content: Path) -> None:
    project = load_project(ROOT, content)
    welsh = {"its review date (%(date)s) has passed": "mae dyddiad ei hadolygu (%(date)s) wedi mynd heibio"}
    reasons = draft_reasons(project, project.leaflets["alpha"], dt.date(2027, 2, 1), lambda s: welsh.get(s, s),
                            brand=project.brands["testclinic"])
    assert reasons[1] == "mae dyddiad ei hadolygu (2027-01-15) wedi mynd heibio"


def test_an_overview_is_a_draft_while_a_therapy_it_quotes_is_one(content: Path) -> None:
    approve(content, "overview")
    project = load_project(ROOT, content)
    [reason] = why_draft(project, project.leaflets["overview"], TODAY, project.brands["testclinic"])
    assert reason.text() == "its table quotes leaflets that are not for patient use (alpha)"
    assert str(reason.problem()).endswith("therapies: TEST-OVERVIEW quotes leaflets that cannot be released (alpha) "
                                          "(approve and release those first)")


def test_a_build_without_the_site_refuses_one_address_for_every_leaflet(content: Path, tmp_path: Path) -> None:
    one_address_for_all(content)
    result = run_build("--content", content, "--out", tmp_path / "out", "--standard-print", "--today", "2026-06-01")
    assert result.code == 1
    assert SAME_ADDRESS in result.err and "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_release_refuses_words_lost_after_a_hash(content: Path, tmp_path: Path) -> None:
    words_lost_after_a_hash(content)
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--release",
                       "--today", "2026-06-01")
    assert result.code == 1
    assert "are a YAML comment and are left out" in result.err.splitlines()[0]
    assert not (tmp_path / "out").exists()


def test_release_refuses_a_released_version_whose_text_changed(content: Path, tmp_path: Path) -> None:
    released_with_other_text(content)
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--release",
                       "--today", "2026-06-01")
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{content}/alpha.yaml:27:11: {CONFLICT} {CHANGED_HINT}"


def test_check_refuses_a_released_version_whose_text_changed(content: Path) -> None:
    released_with_other_text(content)
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1, result.err
    assert [line for line in result.err.splitlines() if CONFLICT in line] == [
        f"{content}/alpha.yaml:27:11: {CONFLICT} {CHANGED_HINT}"]


def test_a_build_warns_about_a_released_version_whose_text_changed(content: Path, tmp_path: Path) -> None:
    released_with_other_text(content)
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--standard-print",
                       "--today", "2026-06-01")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == f"warning: {content}/alpha.yaml:27:11: {CONFLICT} {CHANGED_HINT}"
