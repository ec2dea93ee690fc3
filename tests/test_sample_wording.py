"""The sample translations say what the English says (issue 20, part 11): the wording errors a
native-speaker medical reader found stay corrected."""

from __future__ import annotations

import pytest
from conftest import ROOT

from leaflets.model.project import load_project
from leaflets.sources.i18n import translations

PROJECT = load_project(ROOT)

# (language, leaflet, the mistranslation, what it misread)
MISREAD = [
    ("cy", "overview", "risgiau prin", "'uncommon' as 'rare'"),
    ("pl", "overview", "Rzadkie", "'uncommon' as 'rare'"),
    ("ur", "overview", "کم لیکن سنگین", "'uncommon' as 'rare'"),
    ("ur", "overview", "گردن توڑ بخار", "meningitis as the folk term for epidemic meningitis"),
    ("ur", "plasma-exchange", "سٹریٹ", "citrate as a word read as 'street'"),
    ("ur", "plasma-exchange", "دفتری اوقات", "'out of hours' as 'after office hours'"),
    ("cy", "plasma-exchange", "Roedd astudiaethau wedi'u canfod", "'studies found them' as 'studies had been found'"),
]
NOT_INFECTION = {"cy": "nad yw'n cael ei achosi gan haint", "pl": "nie jest wywołany zakażeniem",
                 "ur": "انفیکشن کی وجہ سے نہیں"}


def texts(language: str, leaflet: str) -> str:
    translation = PROJECT.translations[(language, leaflet)].translation
    assert translation is not None
    return "\n".join(entry.text for entry in translation.model.fields.values())


@pytest.mark.parametrize(("language", "leaflet", "wrong", "misread"), MISREAD)
def test_a_sample_translation_no_longer_has_a_wording_error_a_reader_found(language: str, leaflet: str, wrong: str,
                                                                              misread: str) -> None:
    assert wrong not in texts(language, leaflet), misread


@pytest.mark.parametrize("language", sorted(NOT_INFECTION))
def test_the_ivig_cell_keeps_that_its_meningitis_is_not_caused_by_infection(language: str) -> None:
    translation = PROJECT.translations[(language, "overview")].translation
    assert translation is not None
    assert NOT_INFECTION[language] in translation.model.fields["table.ivig.main_risks"].text


def test_the_urdu_table_heading_says_a_comparison_not_the_treatments_together() -> None:
    heading = translations(ROOT, "ur").gettext("The treatments side by side")
    assert "موازنہ" in heading and "ایک ساتھ" not in heading


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_a_sample_translation_offers_ae_out_of_hours_and_prints_the_units_own_fever_threshold(language: str
                                                                                               ) -> None:
    """Fact sheet v3: fever with a line in, out of hours, goes to NHS 111 or A&E, at the unit's threshold."""
    fields = PROJECT.translations[(language, "plasma-exchange")].translation.model.fields  # type: ignore[union-attr]
    assert "A&E" in fields["urgent.tiers[2].advice"].text
    assert "{fever-threshold}" in fields["urgent.tiers[2].signs[0]"].text
    assert "38°C" not in texts(language, "plasma-exchange") + texts(language, "overview")
