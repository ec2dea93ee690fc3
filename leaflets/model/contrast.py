"""WCAG 2.2 contrast between the brand colours that the leaflet layout puts on top of each other."""

from __future__ import annotations

from dataclasses import dataclass

BODY, LARGE = 4.5, 3.0  # WCAG 2.2 AA: normal text, and large text (18 pt, or 14 pt bold)


@dataclass(frozen=True)
class Pair:
    text: str          # colour role of the text ("#ffffff" for white)
    background: str    # colour role behind it
    minimum: float
    used_for: str


PAIRS = (
    Pair("foreground", "background", BODY, "body text"),
    Pair("foreground", "light", BODY, "text in the at-a-glance and words-to-know boxes"),
    Pair("foreground", "warning", BODY, "text in the urgent box"),
    Pair("primary", "background", BODY, "links, labels and the clinic name"),
    Pair("primary", "light", BODY, "labels in the boxes"),
    Pair("#ffffff", "primary", BODY, "white table headings"),
    Pair("heading", "background", LARGE, "headings (large text)"),
    Pair("heading", "light", LARGE, "headings of the at-a-glance and words-to-know boxes"),
    Pair("primary", "warning", BODY, "links and list markers in the urgent box"),
    Pair("secondary", "background", LARGE, "the 'Information for patients' line (large bold text)"),
    Pair("danger", "warning", LARGE, "the urgent box heading (large text)"),
)


def luminance(colour: str) -> float:
    """Relative luminance of #rgb or #rrggbb, as WCAG defines it."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_failures(colours: dict[str, str]) -> list[tuple[Pair, str, str, float]]:
    """Each pair below its minimum, with the two colours and their ratio."""
    failures = []
    for pair in PAIRS:
        text = colours.get(pair.text, pair.text)
        background = colours[pair.background]
        value = ratio(text, background)
        if value < pair.minimum:
            failures.append((pair, text, background, value))
    return failures
