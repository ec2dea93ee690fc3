"""The red band that says "DRAFT - not for patient use" across the top of every page of a draft.

It is real text in a page-margin box, laid out by WeasyPrint like any other text: shaped and
ordered right to left in Urdu, in the brand's font and the project's fallback fonts (an SVG's
`<text>` is drawn letter by letter, unshaped, in whatever font the computer has). Margin-box text
is not in the document's structure tree: leaflets/render/postprocess.py marks it as a pagination
Artifact, so a screen reader does not read it on every page (page 1 says it once, in the text).

The box is the top-right corner box stretched leftwards over the text column, so the running
header (@top-left, @top-right) keeps its own boxes and widths and sits below it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..model.variants import Variant
from ..sources import i18n
from .css_text import css_string

DRAFT_BAND_TEXT = i18n.N_("DRAFT - not for patient use")
DRAFT_RED, DRAFT_WHITE = "#b00020", "#ffffff"  # 7.3:1 (WCAG 2.2 AA asks 4.5:1)
PT_MM = 25.4 / 72


def draft_band_text(gettext: Callable[[str], str]) -> str:
    """"DRAFT - not for patient use" in a language (its catalog's `gettext`)."""
    return gettext(DRAFT_BAND_TEXT)


def band_size_pt(variant: Variant) -> int:
    """The band's type size: larger in large print, smaller on an A5 page."""
    return 16 if variant.large_print else 12 if variant.page_paper == "a5" else 14


def draft_band_css(variant: Variant, text: str, page: str = "draft") -> str:
    """The band on the pages named `page` (`@page draft`, or a bilingual document's part pages),
    as wide as the text column, 2 to 3 mm below the top edge and above the running header."""
    size = band_size_pt(variant)
    width = variant.text_width_mm
    height = round(size * PT_MM * 1.2 + 2.4, 2)
    top = 2 if variant.large_print or variant.page_paper == "a5" else 3
    # Spacing out the letters would pull apart joined (Arabic-script) ones.
    script = "direction: rtl; letter-spacing: 0;" if right_to_left(text) else "direction: ltr; letter-spacing: 0.04em;"
    return (f"@page {page} {{ @top-right-corner {{ content: {css_string(text)}; "
            f"width: {width:g}mm; margin: {top}mm 0 auto -{width:g}mm; padding: 0 2mm; height: {height:g}mm; "
            f"box-sizing: border-box; background: {DRAFT_RED}; color: {DRAFT_WHITE}; "
            f"font-family: var(--font-base); font-weight: 700; font-size: {size}pt; line-height: 1.2; "
            f"text-align: center; vertical-align: middle; white-space: nowrap; {script} }} }}\n")


def right_to_left(text: str) -> bool:
    """Text in a right-to-left script."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)
