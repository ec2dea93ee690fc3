"""The checked value types content and brand files are made of (one-line text, Markdown, dates, phone
numbers, colours). Their messages are shown to clinic staff."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StrictStr

from ..sources.yamlsource import Implicit
from .markdown import link_problems

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PHONE = re.compile(r"^(?:\+?[0-9][0-9 ()-]{5,}[0-9]|[0-9]{3})$")  # a full number, or 999 / 111 / 112
FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")  # printed and put in mailto: links


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty (write some text here)")
    return value.strip()


def _typed_as_text(value: Any) -> Any:
    """Unquoted text that YAML tools read as a date or true/false is not text: ask for quotes."""
    if isinstance(value, Implicit):
        raise ValueError(f"'{value}' is {value.kind} in YAML, not text (put it in quotes: \"{value}\")")
    return value


LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _printable(value: str) -> str:
    """No control characters: they print as nothing, or break an email's headers."""
    for char in value:
        if char not in "\n\t" and char not in LINE_BREAKS and unicodedata.category(char) == "Cc":
            raise ValueError(f"{_shown(value)} contains the control character U+{ord(char):04X}, which cannot "
                             "be printed (delete it and type the text again)")
    return value


def _one_line(value: str) -> str:
    """Names, titles, labels and the like are one line: no line breaks, tabs or control characters."""
    for char in value:
        if char in LINE_BREAKS or char == "\t":
            what = "a tab" if char == "\t" else "a line break"
            raise ValueError(f"{_shown(value)} has {what} in it; this field must be one line (write it on "
                             "one line after the colon, without | or >)")
    return value


def _shown(value: str) -> str:
    """The text as typed, with invisible characters made visible."""
    escaped = "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value)
    return f"'{escaped}'"


def _markdown(*, inline: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        for problem in link_problems(value, inline=inline):
            raise ValueError(problem)
        return value
    return check


def _iso_date(value: Any) -> Any:
    """Dates arrive as text (the loader does not guess); only YYYY-MM-DD of a real day is a date."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date (check the day and month)") from None
    raise ValueError(f"'{value}' is not a date (write it as YYYY-MM-DD, for example 2026-11-25)")


def _web_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError(f"'{value}' is not a web address (start it with https://)")
    return value


def _email(value: str) -> str:
    """A clinic's plain address: it goes into mailto: links, so `?cc=`, `?bcc=`, a second address or
    a character a mail program reads as the start of one is refused."""
    if not EMAIL.match(value):
        raise ValueError(f"'{value}' is not a plain email address (write only the address, for example "
                         "team@clinic.example.org: no ?cc= or ?bcc=, no second address, no spaces)")
    return value


def _colour_or_name(value: str) -> str:
    if value.startswith("#") and not HEX_COLOUR.match(value):
        raise ValueError(f"'{value}' is not a valid colour (use #rrggbb, for example #0b5563)")
    if not value.startswith("#") and not SLUG.match(value):
        raise ValueError(f"'{value}' is not a colour (use #rrggbb or the name of a colour in color.palette)")
    return value


def _hex_colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError(f"'{value}' is not a valid colour (use #rrggbb, for example #0b5563)")
    return value


def _phone(value: str) -> str:
    if not PHONE.match(value.strip()):
        raise ValueError(f"'{value}' is not a phone number (use digits, spaces and an optional leading +)")
    return value.strip()


def _yes_no(value: Any) -> Any:
    """The loader leaves true/false as text (so `No` is never silently a boolean); read them here."""
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    if isinstance(value, bool):
        return value
    raise ValueError(f"'{value}' is not true or false (write true or false)")


def _text_number(value: Any) -> Any:
    """Volume, issue and PubMed numbers are identifiers: accept 46 as well as "46"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"'{value}' must be lowercase letters, digits and hyphens, for example plasma-exchange")
    return value


def _family(value: str) -> str:
    if not FAMILY.match(value):
        raise ValueError(f"'{value}' is not a font family name (letters, digits, spaces and hyphens only)")
    return value


Prose = Annotated[StrictStr, BeforeValidator(_typed_as_text), AfterValidator(_not_blank), AfterValidator(_printable)]
Text = Annotated[Prose, AfterValidator(_one_line)]
Block = Annotated[Prose, AfterValidator(_markdown(inline=False))]
Inline = Annotated[Prose, AfterValidator(_markdown(inline=True))]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
WebUrl = Annotated[Text, AfterValidator(_web_url)]
EmailAddress = Annotated[Text, AfterValidator(_email)]
Slug = Annotated[Text, AfterValidator(_slug)]
Phone = Annotated[Text, AfterValidator(_phone)]
ColourRef = Annotated[Text, AfterValidator(_colour_or_name)]
HexColour = Annotated[Text, AfterValidator(_hex_colour)]
FamilyName = Annotated[Text, AfterValidator(_family)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Identifier = Annotated[Text, BeforeValidator(_text_number)]
