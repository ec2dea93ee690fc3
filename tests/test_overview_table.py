"""The overview's comparison table in every translation (issue 20, parts 3 and 4): each cell in the
leaflet's language, translated once (from the therapy's own translation where it has one), English
only where nothing translates it, and then the PDF is a draft that names the cell."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from approving import approve
from conftest import ROOT, SAMPLE_BRANDS, edit, problems

from leaflets.model.exchange import export_po, header
from leaflets.model.project import Project, load_project
from leaflets.model.review import DraftReason, release_problems, translation_reasons, why_draft
from leaflets.model.table import CELLS
from leaflets.model.translations import dump, recorded
from leaflets.render.html import render_html

PROJECT = load_project(ROOT)
TODAY = dt.date(2026, 12, 4)


def table_html(project: Project, language: str) -> str:
    html = render_html(project, project.translations[(language, "overview")], project.brands["riverside"], TODAY)
    return html[html.index("<table"):html.index("</table>")]


def words(html: str) -> str:
    """The table's text as a reader sees it: tags taken out, entities read."""
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, with its translations."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_translated_overview_table_prints_every_cell_in_its_language_and_none_in_english(language: str) -> None:
    html = table_html(PROJECT, language)
    overview = PROJECT.translations[(language, "overview")].translation
    assert overview is not None
    for slug in PROJECT.leaflets["overview"].model.therapies:
        english = PROJECT.leaflets[slug].model.at_a_glance
        for name in CELLS:
            if getattr(english, name) not in ("IVIG", "aHSCT"):  # names the languages keep
                assert getattr(english, name) not in words(html)
            if slug != "plasma-exchange":
                assert overview.model.fields[f"table.{slug}.{name}"].text in words(html)
    assert 'lang="en' not in html


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_overview_table_quotes_the_therapys_own_translation_of_its_at_a_glance(language: str) -> None:
    therapy = PROJECT.translations[(language, "plasma-exchange")].model.at_a_glance
    shown = words(table_html(PROJECT, language))
    assert all(getattr(therapy, name) in shown for name in CELLS)


def test_a_cell_the_therapys_translation_gives_is_not_asked_of_the_overview_translator() -> None:
    overview = PROJECT.translations[("cy", "overview")].translation
    assert overview is not None
    asked = {".".join(map(str, path)) for path in overview.sources}
    assert not any(key.startswith("table.plasma-exchange.") for key in asked)
    assert "table.ivig.main_risks" in asked
    po = export_po("cy", "overview", overview.sources, overview).decode("utf-8")
    assert "A machine removes the liquid part of your blood" not in po
    assert "A drip of antibodies made from the donated plasma" in po


def test_a_therapy_cell_whose_english_changed_falls_back_to_the_overview_translation_or_is_asked_of_it(
        sample: Path) -> None:
    edit(sample / "plasma-exchange.yaml", "line. Serious problems are rare.\ndiagram:",
         "line. Serious problems are very rare.\ndiagram:")
    project = load_project(ROOT, sample)
    reasons = translation_reasons(project, project.translations[("cy", "overview")])
    assert [r.values.get("field") for r in reasons if "count" in r.values] == ["table.plasma-exchange.main_risks"]
    html = table_html(project, "cy")
    assert re.search(r'<td lang="en[-\w]*" dir="ltr">[^<]*Serious problems are very rare\.</td>', html)


def test_a_cell_no_translation_gives_stays_english_marked_as_english_and_makes_the_pdf_a_draft_naming_it(
        sample: Path) -> None:
    path = sample / "translations" / "pl" / "overview.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"  table\.hsct\.how_long:\n(    .*\n)+", "", text), encoding="utf-8")
    project = load_project(ROOT, sample)
    reason = next(r for r in translation_reasons(project, project.translations[("pl", "overview")])
                  if "count" in r.values)
    assert reason.values == {"count": "1", "total": reason.values["total"], "part": "The treatments side by side",
                             "field": "table.hsct.how_long"}
    english = project.leaflets["hsct"].model.at_a_glance.how_long
    assert re.search(f'<td lang="en[-\\w]*" dir="ltr">{english}</td>', table_html(project, "pl"))


def test_a_table_cell_that_is_not_valid_is_an_error_at_its_line_in_the_translation(sample: Path) -> None:
    edit(sample / "translations" / "cy" / "overview.yaml", "    text: IVIG\n", "    text: ''\n")
    found = problems(sample)
    assert any("translations/cy/overview.yaml" in line and "table.ivig.name" in line for line in found), found


def test_urdu_table_keeps_each_number_one_left_to_right_run_in_its_order() -> None:
    html = table_html(PROJECT, "ur")
    risks = PROJECT.translations[("ur", "overview")].translation.model.fields["table.hsct.main_risks"].text
    assert "1,000" in risks
    assert '<span dir="ltr">1,000</span>' in html
    assert re.search(r'<span dir="ltr">2</span> سے <span dir="ltr">21</span>', html)


def test_numbers_in_a_left_to_right_table_are_left_alone() -> None:
    assert "<span" not in table_html(PROJECT, "cy")


def approve_english(content: Path) -> None:
    for name in ("overview", "plasma-exchange", "ivig", "hsct"):
        approve(content, name, "riverside", on="2026-11-25")


def quoting_reasons(project: Project, language: str) -> list[dict[str, str]]:
    return [reason.why.values for reason in why_draft(project, project.translations[(language, "overview")], TODAY,
                                                       project.brands["riverside"])
            if isinstance(reason, DraftReason) and reason.why.message.startswith("its table quotes")]


def test_a_translated_overview_quoting_an_unchecked_therapy_translation_is_a_draft_naming_it(sample: Path) -> None:
    approve_english(sample)
    project = load_project(ROOT, sample)
    assert quoting_reasons(project, "cy") == [{"names": "plasma-exchange"}]
    overview, riverside = project.translations[("cy", "overview")], project.brands["riverside"]
    refused = [str(problem) for problem in release_problems(project, [overview], TODAY, brand=riverside)
               if "quotes" in problem.message]
    assert len(refused) == 1 and "translations/cy/plasma-exchange.yaml" in refused[0], refused


def test_a_translated_overview_quoting_a_checked_therapy_translation_is_not_a_draft_for_it(sample: Path) -> None:
    approve_english(sample)
    project = load_project(ROOT, sample)
    therapy = project.translations[("cy", "plasma-exchange")].translation
    assert therapy is not None
    checked = recorded(therapy.model, therapy.sources, "A. Translator", dt.date(2026, 12, 1))
    therapy.path.write_text(dump(checked, header("cy", "plasma-exchange.yaml")), encoding="utf-8")
    assert quoting_reasons(load_project(ROOT, sample), "cy") == []


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# a phrase of the IVIG or aHSCT risks cell, as each language's overview prints it in its table
PRINTED = {"cy": ("risgiau anghyffredin ond difrifol", "Uncommon but serious risks"),
           "pl": ("Niezbyt częste, ale poważne", "Uncommon but serious risks"),
           "ur": ("ہر 1,000 میں سے 2 سے 21 لوگ", "in every 1,000 people died")}


def squeezed(text: str) -> str:
    """Text with no white space or bidi controls: how a phrase is found whatever the line breaks."""
    return re.sub(r"\s+", "", text.translate(BIDI_CONTROLS))


@pytest.mark.parametrize("brand", SAMPLE_BRANDS)
@pytest.mark.parametrize("language", sorted(PRINTED))
def test_translated_overview_pdf_prints_the_table_in_its_language_with_numbers_in_order(
        sample_output: Path, language: str, brand: str) -> None:
    pdf = sample_output / brand / f"overview-{language}-email-a4.pdf"
    text = squeezed(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    translated, english = PRINTED[language]
    assert squeezed(translated) in text
    assert squeezed(english) not in text
