"""The unit's own parameters (issue 21, part 2): a brand states its clinical values, a leaflet prints
them through a placeholder such as {fever-threshold}, and `check` refuses one a brand lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, TODAY, edit, problems
from translating import translate

from leaflets.model.parameters import resolve_text, resolved_parameters
from leaflets.model.project import load_project
from leaflets.model.services import untranslated_wordings
from leaflets.render.html import render_html

FEVER = "    - {level: same-day, heading: Call the unit today if you have, call: [unit], signs: [a high temperature]}"
SIGN = "    - {level: same-day, heading: Call the unit today if you have, call: [unit], signs: [SIGN]}"


def give(content: Path, parameters: str, brand: str = "testclinic") -> None:
    """Give the brand these lines under meta.parameters."""
    edit(content / "brands" / brand / "_brand.yml", "logo:\n", f"  parameters:\n{parameters}logo:\n")


def sign(content: Path, text: str) -> None:
    edit(content / "alpha.yaml", FEVER, SIGN.replace("SIGN", f'"{text}"'))


def html(content: Path, language: str = "en", brand: str = "testclinic") -> str:
    project = load_project(ROOT, content)
    leaflet = project.leaflets["alpha"] if language == "en" else project.translations[(language, "alpha")]
    return render_html(project, leaflet, project.brands[brand], TODAY)


def test_a_leaflet_prints_the_brands_own_value_in_place_of_its_placeholder(content: Path) -> None:
    give(content, "    fever-threshold: 37.5°C\n")
    sign(content, "a temperature of {fever-threshold} or more")
    page = html(content)
    assert "<li>a temperature of 37.5°C or more</li>" in page
    assert "{fever-threshold}" not in page


def test_each_brand_prints_its_own_value(content: Path) -> None:
    shutil.copytree(content / "brands" / "testclinic", content / "brands" / "otherclinic")
    give(content, "    fever-threshold: 37.5°C\n")
    give(content, "    fever-threshold: 38°C\n", "otherclinic")
    sign(content, "a temperature of {fever-threshold} or more")
    assert "a temperature of 37.5°C or more" in html(content)
    assert "a temperature of 38°C or more" in html(content, brand="otherclinic")


def test_a_brand_that_lacks_a_parameter_the_leaflet_prints_is_an_error_naming_both_files(content: Path) -> None:
    shutil.copytree(content / "brands" / "testclinic", content / "brands" / "otherclinic")
    give(content, "    fever-threshold: 37.5°C\n    irradiated-blood-period: 2 years\n")
    give(content, "    irradiated-blood-period: 1 year\n", "otherclinic")
    sign(content, "a temperature of {fever-threshold} or more")
    assert problems(content) == [
        f"{content}/alpha.yaml:37:89: urgent.tiers[1].signs[0]: brand 'otherclinic' "
        f"({content}/brands/otherclinic/_brand.yml:15) has no parameter 'fever-threshold' (add 'fever-threshold' "
        f"with the unit's own value under meta.parameters in {content}/brands/otherclinic/_brand.yml "
        "(it has: irradiated-blood-period))"]


def test_an_unknown_placeholder_is_an_error_naming_the_field(content: Path) -> None:
    give(content, "    fever-threshold: 37.5°C\n")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Call at {fever-treshold}.")
    assert problems(content) == [
        f"{content}/alpha.yaml:20:13: what_it_is: unknown placeholder {{fever-treshold}} "
        "(did you mean {fever-threshold}?)"]


def test_a_brace_that_is_not_a_placeholder_is_an_error(content: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha {Fever} is a test.")
    assert problems(content) == [
        f"{content}/alpha.yaml:20:13: what_it_is: '{{Fever}}' is not a placeholder (curly braces mark a value "
        "the clinic gives, such as {fever-threshold} (lowercase letters, digits and hyphens); for anything "
        "else, write the words without braces)"]


def test_a_placeholder_in_a_heading_is_an_error(content: Path) -> None:
    give(content, "    fever-threshold: 37.5°C\n")
    edit(content / "alpha.yaml", "heading: Call the unit today if you have",
         'heading: "Call at {fever-threshold} if you have"')
    assert problems(content) == [
        f"{content}/alpha.yaml:37:34: urgent.tiers[1].heading: placeholder {{fever-threshold}} in a heading "
        "(a clinic's value is printed only in running text; move it to a sentence)"]


def test_a_placeholder_is_not_read_as_a_citation_or_markdown(content: Path) -> None:
    give(content, "    fever-threshold: '**38°C** [test-2020]'\n")
    sign(content, "a temperature of {fever-threshold} or more [test-2020]")
    page = html(content)
    assert "a temperature of **38°C** [test-2020] or more</li>" in page


def test_in_right_to_left_text_the_value_is_an_isolate_of_its_own_direction(content: Path) -> None:
    give(content, "    fever-threshold: {en: 38°C, ur: 38°C}\n    irradiated-blood-period: {en: 2 years, ur: 2 سال}\n")
    sign(content, "{fever-threshold} or more for {irradiated-blood-period}")
    translate(content, "ur", text=lambda english: english.replace("or more for", "یا زیادہ، مدت"))
    page = html(content, "ur")
    assert '<span dir="ltr">38°C</span> یا زیادہ، مدت <span dir="rtl">2 سال</span>' in page


def test_a_translation_must_print_the_same_values_as_its_english(content: Path) -> None:
    give(content, "    fever-threshold: {en: 38°C, cy: 38°C}\n")
    sign(content, "a temperature of {fever-threshold} or more")
    translate(content, "cy", text=lambda english: english.replace("{fever-threshold}", "38°C"))
    found = [p for p in problems(content) if "urgent.tiers[1].signs[0]" in p]
    assert len(found) == 1
    assert found[0].startswith(f"{content}/translations/cy/alpha.yaml:")
    assert found[0].endswith("urgent.tiers[1].signs[0]: prints the clinic's values none, but the English prints "
                             "{fever-threshold} (copy each placeholder from the English unchanged, braces and "
                             "all; the clinic's value is put in its place)")


def test_a_value_the_brand_gives_only_in_english_is_printed_in_english_and_named_for_the_draft(content: Path
                                                                                                ) -> None:
    give(content, "    fever-threshold: 38°C\n")
    sign(content, "a temperature of {fever-threshold} or more")
    translate(content, "cy")
    assert '<span lang="en-GB" dir="ltr">38°C</span>' in html(content, "cy")
    project = load_project(ROOT, content)
    leaflet = project.translations[("cy", "alpha")]
    assert ("meta", "parameters", "fever-threshold") in untranslated_wordings(
        leaflet.model, project.brands["testclinic"].model.meta, "cy")


def test_the_resolved_parameters_are_the_brands_words_in_a_language_or_its_english(content: Path) -> None:
    give(content, "    fever-threshold: {en: 37.5°C, pl: '37,5°C'}\n    irradiated-blood-period: 2 years\n")
    meta = load_project(ROOT, content).brands["testclinic"].model.meta
    assert resolved_parameters(meta, "pl") == {"fever-threshold": "37,5°C", "irradiated-blood-period": "2 years"}
    assert resolved_parameters(meta, "en", ("fever-threshold",)) == {"fever-threshold": "37.5°C"}
    assert resolve_text("{fever-threshold} or more", resolved_parameters(meta, "pl")) == "37,5°C or more"
