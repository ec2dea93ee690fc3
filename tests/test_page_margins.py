"""The page margins are one fact, set in leaflets/model/variants.py: the stylesheets do not state
them, and the text width that diagrams and the draft band are sized to follows them (issue 17)."""

from __future__ import annotations

import re

import pytest
import tinycss2
from conftest import ROOT

from leaflets.model.variants import PAPERS, Variant

VARIANTS = [Variant(profile, paper, large, crop) for profile in ("email", "print", "booklet")
            for paper in PAPERS for large in (False, True) for crop in (False, True)]


def page_declarations(css: str) -> list[str]:
    """The names of the declarations in every @page rule (named and :first pages too)."""
    names = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
            names += [item.lower_name for item in tinycss2.parse_blocks_contents(rule.content)
                      if item.type == "declaration"]
    return names


LEAFLET_SHEETS = sorted(p.name for p in (ROOT / "styles").glob("*.css") if p.name != "evidence-pack.css")


@pytest.mark.parametrize("sheet", LEAFLET_SHEETS)  # the evidence pack is the panel's A4 report, not a leaflet
def test_no_stylesheet_states_the_page_margins(sheet: str) -> None:
    names = page_declarations((ROOT / "styles" / sheet).read_text(encoding="utf-8"))
    assert not [name for name in names if name.startswith("margin")]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_the_text_width_is_the_page_less_the_margins_the_pdf_is_given(variant: Variant) -> None:
    assert "margin" in page_declarations(variant.page_css)
    found = re.search(r"margin: (\S+)mm (\S+)mm (\S+)mm (\S+)mm;", variant.page_css)
    assert found is not None
    width = {"a4": 210.0, "letter": 215.9, "a5": 148.0}[variant.page_paper]
    assert variant.text_width_mm == pytest.approx(width - float(found[2]) - float(found[4]))
