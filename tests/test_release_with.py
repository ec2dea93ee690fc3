"""A brand can hold back a leaflet's English until its translation into a language is checked and
current (`meta.release_with`), so the Welsh is never left behind the English (issue 20, part 8)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from approving import approve
from conftest import ROOT, edit
from test_brand_languages import BRAND, give_by_language
from translating import translate, translate_glossary

from leaflets.commands.problems import problems
from leaflets.errors import ContentError
from leaflets.model.plan import plan
from leaflets.model.project import Project, load_project
from leaflets.model.review import draft_reasons

TODAY = dt.date(2026, 6, 1)
NOT_CHECKED = "the Welsh translation is not checked: "


def release_with(content: Path, languages: str = "[cy]") -> None:
    """The fixture brand, approved alpha, and the brand's services in Welsh (so only the translation counts)."""
    give_by_language(content)
    approve(content)  # release_with is a rule, not printed: it changes nothing approved
    edit(content / BRAND, "  services:\n", f"  release_with: {languages}\n  services:\n")


def english_reasons(project: Project) -> list[str]:
    return draft_reasons(project, project.leaflets["alpha"], TODAY, brand=project.brands["testclinic"])


def test_the_english_is_a_draft_naming_the_welsh_file_while_the_welsh_is_unchecked(content: Path) -> None:
    release_with(content)
    translate(content, "cy")
    [reason] = english_reasons(load_project(ROOT, content))
    assert reason.startswith(NOT_CHECKED) and reason.endswith("translations/cy/alpha.yaml")


def test_the_english_is_a_draft_while_there_is_no_welsh_translation(content: Path) -> None:
    release_with(content)
    [reason] = english_reasons(load_project(ROOT, content))
    assert reason.startswith("there is no Welsh translation: ") and reason.endswith("translations/cy/alpha.yaml")


def test_a_checked_and_current_welsh_translation_lets_the_english_be_released(content: Path) -> None:
    release_with(content)
    translate(content, "cy", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    translate_glossary(content, "cy", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    project = load_project(ROOT, content)
    assert english_reasons(project) == []
    jobs = plan(project, leaflets=("alpha",), languages=("en",), today=TODAY)
    assert problems(project, jobs, TODAY, "release").refused == []


def test_a_welsh_translation_that_fell_behind_the_english_holds_the_english_back(content: Path) -> None:
    release_with(content)
    translate(content, "cy", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    translate_glossary(content, "cy", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    edit(content / "alpha.yaml", "intro: This is a test leaflet.", "intro: This is a changed test leaflet.")
    assert [reason for reason in english_reasons(load_project(ROOT, content)) if reason.startswith(NOT_CHECKED)]


def test_release_refuses_the_english_at_the_brand_s_release_with(content: Path) -> None:
    release_with(content)
    translate(content, "cy")
    project = load_project(ROOT, content)
    jobs = plan(project, leaflets=("alpha",), languages=("en",), today=TODAY)
    refused = [str(problem) for problem in problems(project, jobs, TODAY, "release").refused]
    expected = re.compile(r"_brand\.yml:\d+:\d+: meta\.release_with\[0\]: TEST-ALPHA's Welsh translation "
                          r"\(.*translations/cy/alpha\.yaml\) is not checked and current")
    assert [problem for problem in refused if expected.search(problem)], refused


def test_without_release_with_the_english_does_not_wait_for_the_welsh(content: Path) -> None:
    release_with(content, "[]")
    translate(content, "cy")
    assert english_reasons(load_project(ROOT, content)) == []


def test_a_translation_is_not_held_back_by_its_own_language(content: Path) -> None:
    release_with(content)
    translate(content, "cy")
    project = load_project(ROOT, content)
    welsh = draft_reasons(project, project.translations[("cy", "alpha")], TODAY, brand=project.brands["testclinic"])
    assert not [reason for reason in welsh if reason.startswith(NOT_CHECKED)]


@pytest.mark.parametrize(("languages", "said"), [
    ("[en]", "lists English, which waits for no other language"),
    ("[Welsh]", "'Welsh' is not a language code"),
])
def test_a_mistake_in_release_with_names_the_field(content: Path, languages: str, said: str) -> None:
    release_with(content, languages)
    with pytest.raises(ContentError) as error:
        load_project(ROOT, content)
    assert re.search(rf"{BRAND}:\d+:\d+: meta\.release_with\[0\]: {re.escape(said)}", str(error.value))
