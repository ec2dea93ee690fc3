"""The running header on page 2 onwards: the leaflet's title on the side the text starts from, and
the clinic's short name (meta.name.short) on the other, each in a box of its own share of the text
width that cuts its text short with '…', so neither can print over the other on any paper, in any
print size or direction. Large print and A5 pages have room for the title only.

The build writes the boxes (`header_css`) from the same numbers `check` measures the short name
against (`name_fit_warnings`), so the warning and the page cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem
from ..sources.font_metrics import text_width_mm
from .brands import FontFace, ResolvedBrand
from .variants import Variant

TITLE_SHARE = 64  # per cent of the text width
NAME_SHARE = 34  # the 2 per cent between them keeps the two apart
HEADER_PT = 12  # the running header's size (styles/leaflet.css, @page font-size)
FIELD = ("meta", "name", "short")


def shows_name(variant: Variant) -> bool:
    """Standard print on A4 and Letter has room for the clinic's name beside the title."""
    return not variant.large_print and variant.page_paper != "a5"


def header_css(variant: Variant, direction: str) -> str:
    """The two margin boxes' content and widths for this variant, mirrored for right-to-left.

    The clinic's name is in the brand file's English, so it is set left to right in any leaflet.
    A right-to-left title too long for its box is clipped at its end: WeasyPrint 70 draws the
    '…' of a right-to-left line over the wrong part of it."""
    title = f"content: string(leaflet-title); width: {TITLE_SHARE if shows_name(variant) else 100}%;"
    name = f"content: string(clinic-name); width: {NAME_SHARE}%;" if shows_name(variant) else "content: none;"
    if direction == "rtl":
        return (f"@page {{ @top-right {{ {title} text-align: right; direction: rtl; text-overflow: clip; }} "
                f"@top-left {{ {name} text-align: left; direction: ltr; }} }}\n")
    return f"@page {{ @top-left {{ {title} text-align: left; }} @top-right {{ {name} text-align: right; }} }}\n"


def name_box_mm(variant: Variant) -> float:
    return variant.text_width_mm * NAME_SHARE / 100


def name_fit_warnings(brands: Iterable[ResolvedBrand], variants: Iterable[Variant]) -> list[Problem]:
    """A warning for each brand whose short name is wider than its box in the narrowest of these
    variants that print it: the page then cuts it short with '…'."""
    boxes = [name_box_mm(variant) for variant in variants if shows_name(variant)]
    if not boxes:
        return []
    box = min(boxes)
    warnings = []
    for brand in brands:
        name = brand.model.meta.name.short
        face = _base_face(brand)
        if face is None:
            continue
        wide = text_width_mm(face.path, name, HEADER_PT)
        if wide > box:
            fits = int(len(name) * box / wide)
            warnings.append(brand.doc.problem(
                FIELD, f"'{name}' is about {wide:.0f} mm wide in {face.family} at {HEADER_PT} pt (estimated from "
                f"the font's character widths), wider than the {box:.0f} mm the running header has for it beside "
                "the leaflet title, so pages 2 onwards cut it short with '…'",
                f"give a short name of about {fits} characters or fewer; meta.name.full stays on page 1"))
    return warnings


def _base_face(brand: ResolvedBrand) -> FontFace | None:
    """The brand's body font at its regular weight (the header's font), or the nearest it has."""
    family = brand.model.typography.base.family
    faces = [face for face in brand.fonts if face.family == family] or list(brand.fonts)
    return min(faces, key=lambda face: (face.style != "normal", abs(face.weight - 400)), default=None)
