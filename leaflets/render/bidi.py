"""Keep phone numbers, times, temperatures, e-mail and web addresses in their own order inside
right-to-left text.

In an Urdu sentence the Unicode bidi algorithm lays out "01632 960 123" as "123 960 01632" (each
digit group is a run of its own, the spaces between them take the sentence's direction) and
"36°C" as "C°36"; a screen reader reading the PDF's text layer gets the same. Wrapped in
`<span dir="ltr">`, which WeasyPrint (like browsers) lays out as an isolate, each stays one run
from left to right, on the page and in the text layer. A span adds no meaning to the tagged PDF.

Left-to-right documents are left alone: the values are already in order there.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

ISOLATE = Markup('<span dir="ltr">{}</span>')

_NUMBER = r"\d+(?:[.,]\d+)?"
LEFT_TO_RIGHT = re.compile("|".join((
    r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]،۔]",  # a web address, without the sentence's closing stop
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # an e-mail address
    rf"{_NUMBER}(?:\s?[-–]\s?{_NUMBER})?\s?°\s?[CF]\b",  # a temperature or a range of them: 36°C, 37.5-38 °C
    r"\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)(?![A-Za-z])",  # a time: 9am, 5.30 pm
    r"\+?\d+(?:[ -]\d+)+",  # digit groups: a phone number (01632 960 123, +44 1632 960123)
)))
# in a table cell, every number too: a cell is short, so a number is often next to another or a
# range (2 to 21, 1,000) whose order the bidi algorithm would leave to the cell's direction
NUMBERS = re.compile(rf"{LEFT_TO_RIGHT.pattern}|{_NUMBER}(?:,\d{{3}})*(?:\s?%)?")
TAG = re.compile(r"(<[^>]*>)")


def isolate(value: str, direction: str) -> Markup:
    """`value` (a phone number, an address) as one left-to-right run in a right-to-left document."""
    return ISOLATE.format(value) if direction == "rtl" else Markup(escape(value))


def isolate_in_html(html: Markup, direction: str, values: re.Pattern[str] = LEFT_TO_RIGHT) -> Markup:
    """`html` with each left-to-right value in its text (not in its tags' attributes) isolated, in a
    right-to-left document. A link whose whole text is such a value is isolated from outside (a span
    inside it would leave the link's annotation outside its Link element in the tagged PDF); other
    text in a link is left alone."""
    if direction != "rtl":
        return html
    pieces = TAG.split(str(html))  # text, tag, text, tag, ... text
    in_link = False
    for i in range(0, len(pieces), 2):
        opening = pieces[i - 1] if i else ""
        if opening.startswith("<a ") and i + 1 < len(pieces) and values.fullmatch(pieces[i]):
            pieces[i - 1] = '<span dir="ltr">' + opening
            pieces[i + 1] += "</span>"
        elif not in_link:
            pieces[i] = values.sub(lambda m: str(ISOLATE.format(Markup(m.group(0)))), pieces[i])
        if i + 1 < len(pieces):
            tag = pieces[i + 1]
            in_link = tag.startswith("<a ") or (in_link and not tag.startswith("</a"))
    return Markup("".join(pieces))
