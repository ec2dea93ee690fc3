"""A brand gives its service names, their hours and its contact hours per language, and a translated
leaflet prints them in its own language; where the brand does not give a language, that
translation is a draft that says which file and field, `check` warns and `--release` refuses
(issue 20, part 4)."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from conftest import ROOT
from translating import translate

from leaflets.commands.problems import problems
from leaflets.errors import ContentError
from leaflets.model.plan import plan
from leaflets.model.project import Project, load_project
from leaflets.model.review import draft_reasons
from leaflets.outputs.emailer import build_message
from leaflets.render.html import render_html

TODAY = dt.date(2026, 6, 1)
BRAND = "brands/testclinic/_brand.yml"
URDU_HOURS = "پیر سے جمعہ، صبح 9 بجے سے شام 5 بجے تک"
URDU_NIGHT = "دن ہو یا رات"
WELSH_HOURS = "Dydd Llun i ddydd Gwener, 9yb i 5yh"
# the fixture brand's services and contact hours, given in English, Welsh and Urdu
BY_LANGUAGE = f"""\
    hours:
      en: Monday to Friday, 9am to 5pm
      cy: {WELSH_HOURS}
      ur: {URDU_HOURS}
  services:
    emergency:
      name: {{en: Emergency services, cy: Gwasanaethau brys, ur: ایمرجنسی سروسز}}
      phone: "999"
      hours: {{en: day or night, cy: ddydd neu nos, ur: {URDU_NIGHT}}}
      answers_24_hours: true
    unit:
      name: {{en: Test unit, cy: Uned brawf, ur: ٹیسٹ یونٹ}}
      phone: "01632 960 222"
      hours: {{en: "Monday to Friday, 9am to 5pm", cy: "{WELSH_HOURS}", ur: "{URDU_HOURS}"}}
"""


def give_by_language(content: Path, services: str = BY_LANGUAGE) -> None:
    """The fixture brand with its contact hours and services as `services` gives them."""
    path = content / BRAND
    text = path.read_text(encoding="utf-8")
    start, end = text.index("    hours: Monday"), text.index("logo:")
    path.write_text(text[:start] + services + text[end:], encoding="utf-8")


def html_in(project: Project, language: str) -> str:
    leaflet = project.translations[(language, "alpha")] if language != "en" else project.leaflets["alpha"]
    return render_html(project, leaflet, project.brands["testclinic"], TODAY)


def urgent_box(html: str) -> str:
    return html[html.index('<section class="urgent"'):html.index("<!--urgent-box-ends-->")]


def test_the_urdu_leaflet_prints_the_brand_s_urdu_service_names_and_hours(content: Path) -> None:
    give_by_language(content)
    translate(content, "ur")
    box = urgent_box(html_in(load_project(ROOT, content), "ur"))
    assert '<span class="service">ایمرجنسی سروسز:</span>' in box
    assert f'<span class="hours">({URDU_NIGHT})</span>' in box
    assert f'<span class="hours">({URDU_HOURS})</span>' in box
    assert "day or night" not in box and "Monday" not in box and 'lang="en-GB"' not in box


def test_the_welsh_leaflet_prints_the_brand_s_welsh_contact_hours(content: Path) -> None:
    give_by_language(content)
    translate(content, "cy")
    html = html_in(load_project(ROOT, content), "cy")
    assert f"<dd>01632 960 111 ({WELSH_HOURS})</dd>" in html
    assert "Monday to Friday" not in html


def test_a_brand_given_by_language_prints_its_english_in_the_english_leaflet(content: Path) -> None:
    give_by_language(content)
    html = html_in(load_project(ROOT, content), "en")
    assert '<span class="hours">(Monday to Friday, 9am to 5pm)</span>' in urgent_box(html)
    assert "<dd>01632 960 111 (Monday to Friday, 9am to 5pm)</dd>" in html


def test_numbers_in_a_brand_s_urdu_hours_stay_in_order(content: Path) -> None:
    give_by_language(content, BY_LANGUAGE.replace(URDU_NIGHT, "ہر وقت، یا 01632 960 333 پر"))
    translate(content, "ur")
    box = urgent_box(html_in(load_project(ROOT, content), "ur"))
    assert '<span dir="ltr">01632 960 333</span>' in box


def test_the_plain_form_is_english_and_is_printed_as_english_in_a_translation(content: Path) -> None:
    translate(content, "cy")
    project = load_project(ROOT, content)
    assert project.brands["testclinic"].model.meta.contact.hours == "Monday to Friday, 9am to 5pm"
    html = html_in(project, "cy")
    assert '<span class="hours">(<span lang="en-GB" dir="ltr">day or night</span>)</span>' in urgent_box(html)
    assert '(<span lang="en-GB" dir="ltr">Monday to Friday, 9am to 5pm</span>)</dd>' in html


def test_a_brand_without_a_language_s_hours_makes_that_translation_a_draft_naming_file_and_fields(
        content: Path) -> None:
    give_by_language(content, BY_LANGUAGE.replace(f"      ur: {URDU_HOURS}\n", "", 1))
    translate(content, "ur")
    translate(content, "cy")
    project = load_project(ROOT, content)
    brand = project.brands["testclinic"]
    urdu = draft_reasons(project, project.translations[("ur", "alpha")], TODAY, brand=brand)
    said = "gives 1 of the names and hours this leaflet prints in English only: meta.contact.hours"
    assert f"{brand.doc.display} {said}" in urdu
    welsh = draft_reasons(project, project.translations[("cy", "alpha")], TODAY, brand=brand)
    assert not [reason for reason in welsh if "_brand.yml" in reason]


def test_check_warns_and_release_refuses_a_brand_field_missing_in_a_language(content: Path) -> None:
    translate(content, "pl")
    project = load_project(ROOT, content)
    jobs = plan(project, languages=("pl",), today=TODAY)
    expected = re.compile(r"_brand\.yml:\d+:\d+: meta\.services\.unit\.hours: has no Polish text \(pl\), "
                          r"so Polish leaflets print it in English")
    warned = [str(problem) for problem in problems(project, jobs, TODAY, "check").warnings]
    refused = [str(problem) for problem in problems(project, jobs, TODAY, "release").refused]
    assert [p for p in warned if expected.search(p)] and [p for p in refused if expected.search(p)]
    assert not [p for p in map(str, problems(project, jobs, TODAY, "build").warnings) if "_brand.yml" in p]


def test_an_urdu_email_gives_the_brand_s_contact_hours_in_urdu(content: Path) -> None:
    give_by_language(content)
    translate(content, "ur")
    project = load_project(ROOT, content)
    message = build_message(project.translations[("ur", "alpha")], project.brands["testclinic"], b"%PDF-1.7",
                            to=None, large_print=False)
    assert f"({URDU_HOURS})" in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("hours", "said"), [
    ("{cy: Dydd Llun}", "gives cy but no English (add en: with the English text"),
    ("{en: Monday, Urdu: پیر}", "'Urdu' is not a language code"),
])
def test_a_mistake_in_a_brand_s_languages_names_the_field(content: Path, hours: str, said: str) -> None:
    give_by_language(content, BY_LANGUAGE.replace(
        f'hours: {{en: "Monday to Friday, 9am to 5pm", cy: "{WELSH_HOURS}", ur: "{URDU_HOURS}"}}', f"hours: {hours}"))
    with pytest.raises(ContentError) as error:
        load_project(ROOT, content)
    assert f"{BRAND}:24:14: meta.services.unit.hours: {said}" in str(error.value)


def test_a_brand_s_text_by_language_survives_the_trip_to_a_worker_process(content: Path) -> None:
    give_by_language(content)
    hours = pickle.loads(pickle.dumps(load_project(ROOT, content).brands["testclinic"].model.meta.contact.hours))
    assert (hours, hours.text("cy"), hours.text("ur")) == ("Monday to Friday, 9am to 5pm", WELSH_HOURS, URDU_HOURS)
