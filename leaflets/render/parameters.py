"""Print a clinic's parameters ({fever-threshold}) in a leaflet's HTML.

The value is brand data, so it never passes through Markdown or the citation and bidi rewriting:
each placeholder is swapped for a private-use marker first, the text is rendered, and the marker
is replaced by the value, escaped. In right-to-left text the value is an isolate of its own
direction (`<span dir="ltr">38°C</span>`), so "38°C" never reads "C°38"; a value the brand gives
only in English is marked as English (the leaflet is a draft saying so, see model/review.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..model.brand_file import Wording
from ..model.parameters import PLACEHOLDER

START, END = "\ue000", "\ue001"
MARKER = re.compile(f"{START}([\ue100-\ue8ff]){END}")
FIRST_INDEX = 0xE100


def mark(text: str) -> tuple[str, list[str]]:
    """`text` with each placeholder swapped for a marker, and the keys in marker order."""
    keys: list[str] = []

    def swap(match: re.Match[str]) -> str:
        keys.append(match.group(1))
        return f"{START}{chr(FIRST_INDEX + len(keys) - 1)}{END}"
    return PLACEHOLDER.sub(swap, text), keys


def fill(html: Markup, keys: list[str], parameters: Mapping[str, Wording], language: str, direction: str,
         source_tag: str) -> Markup:
    """`html` (made from `mark`'s text) with each marker replaced by the brand's value in `language`."""
    if not keys:
        return html

    def value(match: re.Match[str]) -> str:
        index = ord(match.group(1)) - FIRST_INDEX
        if index >= len(keys):  # the same characters typed in the text itself: left as they are
            return match.group(0)
        key = keys[index]
        wording = parameters.get(key)
        if wording is None:  # `check` refuses this; printed as written rather than lost
            return str(escape(f"{{{key}}}"))
        text = wording.text(language)
        if text is None:
            return str(Markup('<span lang="{}" dir="ltr">{}</span>').format(source_tag, str(wording)))
        own = _direction(text)
        if direction == "rtl" or own != direction:
            return str(Markup('<span dir="{}">{}</span>').format(own, text))
        return str(escape(text))
    return Markup(MARKER.sub(value, str(html)))


def _direction(text: str) -> str:
    """The direction of a value's first strong letter; left to right for digits and signs alone."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
