"""The urgent box: tiers of signs, each naming the brand services to call, checked against every brand."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, TODAY, edit, problems, run_build

from leaflets.model.project import load_project
from leaflets.render.html import render_html

BRAND = "brands/testclinic/_brand.yml"


def html_for(content: Path) -> str:
    project = load_project(ROOT, content)
    return render_html(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY)


def test_a_brand_without_a_service_a_leaflet_calls_fails_check_naming_both_files(content: Path) -> None:
    edit(content / BRAND, "    unit: {name: Test unit", "    ward: {name: Test unit")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1
    for leaflet, line in (("alpha", 37), ("overview", 21)):
        assert (f"{content}/{leaflet}.yaml:{line}:74: urgent.tiers[1].call[0]: brand 'testclinic' ({content}/{BRAND}) "
                f"has no service 'unit' (add 'unit' with its name, phone and hours under meta.services in "
                f"{content}/{BRAND} (it has: emergency, ward), or choose another brand)") in result.err.splitlines()


def test_a_tier_for_calling_at_once_may_only_name_a_24_hour_service(content: Path) -> None:
    edit(content / "alpha.yaml", "call: [emergency], signs: [chest pain]", "call: [unit], signs: [chest pain]")
    assert problems(content) == [
        f"{content}/alpha.yaml:36:62: urgent.tiers[0].call[0]: service 'unit' of brand 'testclinic' "
        f"({content}/{BRAND}:14) does not answer 24 hours, but this tier says to call at once (name a 24-hour "
        "service here (such as 999 or the unit's 24-hour line), or set answers_24_hours: true if it does)"]


def test_tiers_run_from_most_to_least_urgent(content: Path) -> None:
    edit(content / "alpha.yaml", "{level: same-day, heading: Call the unit", "{level: now, heading: Call the unit")
    edit(content / "alpha.yaml", "{level: now, heading: Call 999", "{level: team, heading: Call 999")
    edit(content / BRAND, 'hours: "Monday to Friday, 9am to 5pm"}', 'hours: "Monday to Friday, 9am to 5pm", '
                                                                    'answers_24_hours: true}')
    assert problems(content) == [
        f"{content}/alpha.yaml:37:15: urgent.tiers[1].level: a 'now' tier comes after a 'team' tier "
        "(list the tiers from most to least urgent: now, same-day, team)"]


def test_a_service_must_say_whether_it_answers_24_hours_as_true_or_false(content: Path) -> None:
    edit(content / BRAND, "answers_24_hours: true}", "answers_24_hours: always}")
    assert problems(content) == [
        f"{content}/{BRAND}:13:96: meta.services.emergency.answers_24_hours: 'always' is not true or false "
        "(write true or false)"]


def test_each_tier_prints_its_services_numbers_under_its_heading_then_its_signs(content: Path) -> None:
    text = " ".join(re.sub(r"<[^>]+>", " ", html_for(content)).split())
    assert ("Call 999 now if you have: Emergency services: 999 (day or night) chest pain "
            "Call the unit today if you have: Test unit: 01632 960 222 (Monday to Friday, 9am to 5pm) "
            "a high temperature") in text


def test_the_urgent_box_follows_the_title_and_introduction_where_it_fits(content: Path) -> None:
    html = html_for(content)
    main = html[html.index("<main>"):html.index("</main>")]
    title, intro, urgent = (main.index(part) for part in ("<h1>", '<div class="intro"', '<section class="urgent"'))
    assert title < intro < urgent
    assert "<section" not in main[:urgent]
