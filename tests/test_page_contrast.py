"""Every colour the stylesheets set for text, the footer's separators included, and the draft band reach
WCAG 2.2 AA's 4.5:1 against the page (white, or the brand's background)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2
from conftest import ROOT

from leaflets.model.contrast import ratio
from leaflets.model.project import load_project
from leaflets.model.variants import Variant
from leaflets.render.html import DRAFT_BAND_URL, DRAFT_RED, DRAFT_WHITE, resources

PROJECT = load_project(ROOT)
BACKGROUNDS = ["#ffffff", *(PROJECT.brands[b].colours["background"] for b in ("northfield", "riverside"))]


def text_colours(sheet: Path) -> list[tuple[str, str, list[str]]]:
    """(selector, colour, backgrounds) for each literal `color:` in the stylesheet, in @page and margin
    rules too; the backgrounds are the rule's own (a brand colour, in each sample brand) or the page's."""
    found = []

    def visit(rules: list, prelude: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.content is not None):
                where = prelude + " " + tinycss2.serialize(rule.prelude or []).strip()
                content = tinycss2.parse_blocks_contents(rule.content)
                declared = {item.lower_name: tinycss2.serialize(item.value).strip() for item in content
                            if item.type == "declaration"}
                backgrounds = BACKGROUNDS
                own = declared.get("background", declared.get("background-color", ""))
                if own.startswith("var(--brand-"):
                    role = own.removeprefix("var(--brand-").rstrip(")")
                    backgrounds = [PROJECT.brands[b].colours[role] for b in ("northfield", "riverside")]
                elif own.startswith("#"):
                    backgrounds = [own]
                colour = declared.get("color", "")
                if colour.startswith("#"):
                    found.append((where.strip(), colour, backgrounds))
                visit([c for c in content if c.type in ("qualified-rule", "at-rule")], where)

    visit(tinycss2.parse_stylesheet(sheet.read_text(), skip_comments=True, skip_whitespace=True), "")
    return found


SHEETS = sorted((ROOT / "styles").glob("*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_text_colour_in_the_stylesheets_is_4_5_to_1_on_the_page(sheet: Path) -> None:
    for where, colour, backgrounds in text_colours(sheet):
        for background in backgrounds:
            assert ratio(colour, background) >= 4.5, f"{sheet.name}: {where} {colour} on {background}"


def test_the_footer_separators_are_among_the_colours_checked() -> None:
    colours = {where: (colour, backgrounds) for where, colour, backgrounds in text_colours(ROOT / "styles" / "leaflet.css")}
    assert colours[".running-footer span + span::before"] == ("#595959", BACKGROUNDS)


def test_the_draft_band_is_white_on_red_at_4_5_to_1_or_more() -> None:
    assert ratio(DRAFT_WHITE, DRAFT_RED) >= 4.5
    band = resources(PROJECT.leaflets["ivig"], PROJECT.brands["riverside"], Variant())[DRAFT_BAND_URL].decode()
    assert f'fill="{DRAFT_RED}"' in band and f'fill="{DRAFT_WHITE}"' in band
