"""Every colour the stylesheets set for text, the footer's separators included, and the draft band reach
WCAG 2.2 AA against what is behind them: 4.5:1, or 3:1 for large text (headings, 18 pt, or 14 pt bold).

A brand colour (`var(--brand-primary)`, `var(--heading-colour)`) is checked in each sample brand; the
background is the rule's own, else that of the rule for the enclosing box in the same stylesheet (the
`.urgent` of `.urgent h2`), else the page (white, and the brand's background)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import tinycss2
from conftest import ROOT, load_sample

from leaflets.model.contrast import BODY, LARGE, ratio
from leaflets.model.variants import Variant
from leaflets.render.band import DRAFT_RED, DRAFT_WHITE, draft_band_css

PROJECT = load_sample()
PALETTES = {slug: {**brand.colours, "heading-colour": brand.colours["heading"]}
            for slug, brand in PROJECT.brands.items()}
SHEETS = sorted((ROOT / "styles").glob("*.css"))
NO_TEXT_COLOURS = {"paper-a5.css"}  # page size and spacing only


@dataclass(frozen=True)
class Check:
    where: str
    brand: str
    colour: str
    background: str
    minimum: float

    def __str__(self) -> str:
        return (f"{self.where} ({self.brand}): {self.colour} on {self.background} is "
                f"{ratio(self.colour, self.background):.2f}:1, below {self.minimum:g}:1")


@dataclass(frozen=True)
class _Rule:
    where: str             # enclosing at-rules and the selector, as written
    selectors: list[str]   # the selector list, one selector each
    declared: dict[str, str]


def _rules(sheet_text: str) -> list[_Rule]:
    """Every rule with declarations, @page and its margin boxes included."""
    found = []

    def visit(rules: list, prelude: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.content is not None):
                selector = tinycss2.serialize(rule.prelude or []).strip()
                where = f"{prelude} {'@' + rule.lower_at_keyword + ' ' if rule.type == 'at-rule' else ''}{selector}"
                content = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                declared = {item.lower_name: tinycss2.serialize(item.value).strip() for item in content
                            if item.type == "declaration"}
                found.append(_Rule(" ".join(where.split()), [" ".join(s.split()) for s in selector.split(",")],
                                   declared))
                visit([c for c in content if c.type in ("qualified-rule", "at-rule")], where)

    visit(tinycss2.parse_stylesheet(sheet_text, skip_comments=True, skip_whitespace=True), "")
    return found


def _resolve(value: str, palette: dict[str, str]) -> str:
    """A literal #rgb/#rrggbb, or a brand colour by its custom property; anything else is refused, so
    no text colour goes unchecked."""
    if re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value):
        return value.lower()
    found = re.fullmatch(r"var\(--(?:brand-)?([a-z-]+)\)", value)
    if found and found.group(1) in palette:
        return palette[found.group(1)]
    raise ValueError(f"cannot tell the colour {value!r}; teach tests/test_page_contrast.py to read it")


def _large(rule: _Rule) -> bool:
    """Large text as WCAG means it: the rule sets headings, or 18 pt, or 14 pt bold."""
    if all(re.search(r"(?:^|\s)h[1-3](?:::?[a-z-]+)*$", s) for s in rule.selectors):
        return True
    size = re.fullmatch(r"([\d.]+)pt", rule.declared.get("font-size", ""))
    bold = rule.declared.get("font-weight") in ("700", "bold")
    return bool(size) and (float(size.group(1)) >= 18 or (float(size.group(1)) >= 14 and bold))


def _background(rule: _Rule, rules: list[_Rule]) -> str | None:
    """The rule's own background, or that of the nearest enclosing box with a rule of its own."""
    own = rule.declared.get("background", rule.declared.get("background-color"))
    if own:
        return own
    for selector in rule.selectors:
        parts = selector.split(" ")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = " ".join(parts[:cut])
            for other in rules:
                value = other.declared.get("background", other.declared.get("background-color"))
                if value and prefix in other.selectors:
                    return value
    return None


def contrast_checks(sheet_text: str, palettes: dict[str, dict[str, str]]) -> list[Check]:
    """One check per text colour in the stylesheet, per brand, per background it can be on."""
    rules = _rules(sheet_text)
    checks = []
    for rule in rules:
        if "color" not in rule.declared:
            continue
        background = _background(rule, rules)
        minimum = LARGE if _large(rule) else BODY
        for brand, palette in palettes.items():
            behind = ([_resolve(background, palette)] if background
                      else sorted({"#ffffff", palette["background"]}))
            checks += [Check(rule.where, brand, _resolve(rule.declared["color"], palette), b, minimum)
                       for b in behind]
    return checks


def failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if ratio(c.colour, c.background) < c.minimum]


@pytest.mark.parametrize("sheet", [s for s in SHEETS if s.name not in NO_TEXT_COLOURS], ids=lambda p: p.name)
def test_every_text_colour_in_the_stylesheets_reaches_wcag_aa_on_what_is_behind_it(sheet: Path) -> None:
    checks = contrast_checks(sheet.read_text(encoding="utf-8"), PALETTES)
    assert checks, f"{sheet.name} sets no text colour: add it to NO_TEXT_COLOURS"
    assert failures(checks) == [], "\n".join(map(str, failures(checks)))


def test_the_stylesheets_said_to_set_no_text_colour_set_none() -> None:
    for name in NO_TEXT_COLOURS:
        assert contrast_checks((ROOT / "styles" / name).read_text(encoding="utf-8"), PALETTES) == []
        assert "color" not in (ROOT / "styles" / name).read_text(encoding="utf-8")


def test_the_checks_cover_the_footer_the_boxes_and_the_brand_colours() -> None:
    checks = contrast_checks((ROOT / "styles" / "leaflet.css").read_text(encoding="utf-8"), PALETTES)
    pairs = {(c.where, c.brand, c.colour, c.background, c.minimum) for c in checks}
    assert (".running-footer span + span::before", "riverside", "#595959", "#ffffff", 4.5) in pairs
    assert ("a", "northfield", "#5b2a6e", "#ffffff", 4.5) in pairs  # Northfield's plum on the page
    assert (".urgent h2", "riverside", "#9b1c1c", "#fbeaea", 3.0) in pairs  # danger on the urgent box
    assert (".at-a-glance dt", "riverside", "#0b5563", "#e6f2f1", 4.5) in pairs  # primary on the glance box
    assert (".comparison thead th", "northfield", "#ffffff", "#5b2a6e", 4.5) in pairs
    assert ("@page @bottom-right", "northfield", "#333333", "#ffffff", 4.5) in pairs
    large = contrast_checks((ROOT / "styles" / "large-print.css").read_text(encoding="utf-8"), PALETTES)
    assert {(c.where, c.colour) for c in large} == {(".comparison-list dt", "#0b5563"),
                                                     (".comparison-list dt", "#5b2a6e")}


@pytest.mark.parametrize(("css", "expected"), [
    (".footer { color: #aaaaaa; }", ".footer (riverside): #aaaaaa on #ffffff is 2.32:1, below 4.5:1"),
    (".box { background: var(--brand-light); } .box p { color: var(--brand-light); }",
     ".box p (riverside): #e6f2f1 on #e6f2f1 is 1.00:1, below 4.5:1"),
    (".band { background: #b00020; color: #ff6666; font-size: 20pt; }",
     ".band (riverside): #ff6666 on #b00020 is 2.56:1, below 3:1"),
])
def test_the_check_fails_a_colour_too_pale_for_what_is_behind_it(css: str, expected: str) -> None:
    found = failures(contrast_checks(css, {"riverside": PALETTES["riverside"]}))
    assert [str(c) for c in found] == [expected]


def test_the_check_fails_a_pale_brand_colour_in_the_real_stylesheet() -> None:
    pale = {"riverside": {**PALETTES["riverside"], "primary": "#7fbfcc"}}
    found = failures(contrast_checks((ROOT / "styles" / "leaflet.css").read_text(encoding="utf-8"), pale))
    assert {"a", "li::marker", ".at-a-glance dt", ".masthead .clinic-name"} <= {c.where for c in found}


def test_a_colour_the_check_cannot_read_is_refused_not_skipped() -> None:
    with pytest.raises(ValueError, match="currentcolor"):
        contrast_checks(".x { color: currentcolor; }", PALETTES)


def test_the_draft_band_is_white_on_red_at_4_5_to_1_or_more() -> None:
    assert ratio(DRAFT_WHITE, DRAFT_RED) >= 4.5
    band = draft_band_css(Variant(), "DRAFT - not for patient use")
    assert set(re.findall(r"\b(?:background|color): (#\w+)", band)) == {DRAFT_RED, DRAFT_WHITE}
