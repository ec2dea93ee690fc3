"""The shipped sample says what fact sheet v3 asks (issue 21, part 1), read from each brand's rendered
leaflet: the text a patient reads, as the PDF prints it (the promise that the urgent box is whole on
page 1 is the build's own check, and tests/test_length.py's)."""

from __future__ import annotations

import functools
import html
import re

import pytest
from conftest import SAMPLE_BRANDS, TODAY, load_sample

from leaflets.render.html import render_html

PROJECT = load_sample()
BRANDS = sorted(SAMPLE_BRANDS)
STROKE = re.compile(r"signs of a stroke[^<]*")


@functools.cache
def page(brand: str, leaflet: str, language: str = "en") -> str:
    """The leaflet's HTML for this brand, as its PDF is made from it."""
    chosen = PROJECT.leaflets[leaflet] if language == "en" else PROJECT.translations[(language, leaflet)]
    return render_html(PROJECT, chosen, PROJECT.brands[brand], TODAY)


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def urgent(brand: str, leaflet: str, language: str = "en") -> str:
    found = page(brand, leaflet, language)
    start = found.index('<section class="urgent"')
    return found[start:found.index("</section>", start)]


def tiers(box: str) -> list[str]:
    return [text(part) for part in box.split('class="tier')[1:]]


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_box_calls_999_first_for_confusion_breathing_and_bleeding(brand: str) -> None:
    first, second = tiers(urgent(brand, "hsct"))[:2]
    assert "999" in first
    for sign in ("confusion", "struggling to breathe", "bleeding that does not stop"):
        assert sign in first, sign
    assert PROJECT.brands[brand].model.meta.services["transplant-unit"].phone in second


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_box_says_call_999_or_go_to_ae_if_the_24_hour_line_does_not_answer(brand: str) -> None:
    second = tiers(urgent(brand, "hsct"))[1]
    assert "If you cannot get through, call 999 or go to A&E. Do not drive yourself." in second


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_box_names_line_problems_blood_in_the_urine_g_csf_pain_and_how_long_to_keep_it(brand: str
                                                                                                  ) -> None:
    box = text(urgent(brand, "hsct"))
    for sign in ("a central line that comes out", "leaking or cracked", "swelling of your arm, neck or face",
                 "blood when you pass urine", "tip of your left shoulder while you take G-CSF",
                 "Keep this box until your team says your blood counts have recovered"):
        assert sign in box, sign


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_leaflet_names_the_mist_limitation_and_starms(brand: str) -> None:
    whole = text(page(brand, "hsct"))
    assert "MIST does not show how aHSCT compares with them" in whole
    assert "alemtuzumab, ocrelizumab, ofatumumab and cladribine" in whole
    assert "StarMS" in whole


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_leaflet_explains_its_jargon(brand: str) -> None:
    whole = text(page(brand, "hsct"))
    assert "G-CSF, a medicine that makes your bone marrow send stem cells into your blood" in whole
    assert "A Hickman line goes in through your chest. A PICC goes in through your arm." in whole
    assert "A score of 6.0 means you need a stick or crutch to walk about 100 metres." in whole


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hsct_leaflet_prints_the_units_irradiated_blood_period(brand: str) -> None:
    period = PROJECT.brands[brand].model.meta.parameters["irradiated-blood-period"]
    assert f"Your unit does this for {period} after treatment." in text(page(brand, "hsct"))


@pytest.mark.parametrize("brand", BRANDS)
def test_the_ivig_leaflet_says_a_large_trial_found_no_benefit_in_secondary_progressive_ms(brand: str) -> None:
    whole = text(page(brand, "ivig"))
    assert "A large trial found no benefit." in whole
    assert "In secondary progressive MS, 318 people had IVIG or a dummy drip every month for 27 months." in whole


@pytest.mark.parametrize("brand", BRANDS)
def test_the_ivig_leaflet_gives_a_whole_course_clot_figure_from_the_trial_it_cites(brand: str) -> None:
    found = page(brand, "ivig")
    assert "6 of 159 people on IVIG had a clot in a leg or lung, against 1 of 159 on a dummy drip" in text(found)
    sources = text(found[found.index('<section class="references"'):])
    assert "Intravenous immunoglobulin in secondary progressive multiple sclerosis" in sources
    assert "1 and 10 in every 1,000" not in text(found) and "2 in 100 people" not in text(found)


@pytest.mark.parametrize("brand", BRANDS)
def test_the_ivig_leaflet_names_kidney_risks_fluids_and_the_infection_risk_of_a_blood_product(brand: str) -> None:
    whole = text(page(brand, "ivig"))
    assert "Drink plenty before and after each drip, unless your team has told you to limit fluids." in whole
    assert "kidney disease, diabetes or high blood pressure" in whole
    assert "the chance of catching an infection from it is extremely small, but it cannot be ruled out" in whole


@pytest.mark.parametrize("brand", BRANDS)
def test_the_plasma_exchange_box_offers_ae_out_of_hours_and_sends_sepsis_to_999(brand: str) -> None:
    found = tiers(urgent(brand, "plasma-exchange"))
    unit = next(tier for tier in found if PROJECT.brands[brand].model.meta.services["apheresis-unit"].phone in tier)
    assert "Out of hours, call NHS 111 or go to A&E." in unit
    sepsis = next(tier for tier in found if "signs of sepsis" in tier)
    assert "999" in sepsis and found.index(sepsis) < found.index(unit)


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", ["ivig", "overview"])
def test_every_stroke_sign_says_sudden(brand: str, leaflet: str) -> None:
    signs = STROKE.findall(page(brand, leaflet))
    assert signs and all("sudden" in sign for sign in signs)


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", ["plasma-exchange", "hsct", "overview"])
def test_each_fever_sign_prints_the_brands_own_threshold(brand: str, leaflet: str) -> None:
    fever = PROJECT.brands[brand].model.meta.parameters["fever-threshold"]
    assert f"a temperature of {fever} or more" in text(urgent(brand, leaflet))


def test_the_two_sample_brands_state_different_fever_thresholds() -> None:
    thresholds = {str(PROJECT.brands[b].model.meta.parameters["fever-threshold"]) for b in BRANDS}
    assert thresholds == {"37.5°C", "38°C"}


@pytest.mark.parametrize("brand", BRANDS)
def test_the_urdu_plasma_exchange_box_prints_the_threshold_isolated_left_to_right(brand: str) -> None:
    fever = PROJECT.brands[brand].model.meta.parameters["fever-threshold"].text("ur")
    assert f'<span dir="ltr">{fever}</span>' in urgent(brand, "plasma-exchange", "ur")
