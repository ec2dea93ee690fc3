"""Typed models of content and brand files. Validation messages here are shown to clinic staff."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr

from ..sources.yamlsource import Implicit
from .markdown import link_problems

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PHONE = re.compile(r"^(?:\+?[0-9][0-9 ()-]{5,}[0-9]|[0-9]{3})$")  # a full number, or 999 / 111 / 112
FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
Version = Text
WebUrl = Annotated[Text, AfterValidator(_web_url)]
Slug = Annotated[Text, AfterValidator(_slug)]
Phone = Annotated[Text, AfterValidator(_phone)]
ColourRef = Annotated[Text, AfterValidator(_colour_or_name)]
HexColour = Annotated[Text, AfterValidator(_hex_colour)]
FamilyName = Annotated[Text, AfterValidator(_family)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Identifier = Annotated[Text, BeforeValidator(_text_number)]


# ---- leaflet content ------------------------------------------------------------------------

class Document(Strict):
    id: Annotated[Text, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    title: Text
    version: Version
    status: Literal["draft", "approved"]
    approved_by: Text | None = None
    approved_on: IsoDate | None = None
    published: IsoDate
    last_checked: IsoDate
    next_review: IsoDate
    author: Text
    description: Text
    keywords: list[Text] = Field(min_length=1)
    language: Annotated[Text, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"  # a catalog in locale/


class AtAGlance(Strict):
    name: Text
    what: Inline
    who: Inline
    how_long: Inline
    main_risks: Inline


class WhatHappens(Strict):
    before: Block
    during: Block
    after: Block


URGENCY = ("now", "same-day", "team")  # most urgent first


class Tier(Strict):
    """One level of the urgent box: the signs, and whom to call for them (services of the brand)."""

    level: Literal["now", "same-day", "team"]
    heading: Text
    call: list[Slug] = Field(min_length=1)
    signs: list[Inline] = Field(min_length=1)
    advice: Inline | None = None


class Urgent(Strict):
    intro: Inline | None = None
    tiers: list[Tier] = Field(min_length=1)


def _doi(value: str) -> str:
    value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)
    if not re.match(r"^10\.\d{4,9}/\S+$", value):
        raise ValueError(f"'{value}' is not a DOI (a DOI starts with 10. and a slash, for example "
                         "10.1212/wnl.58.1.143)")
    return value


def _pmid(value: str) -> str:
    if not re.fullmatch(r"\d{1,9}", value.strip()):
        raise ValueError(f"'{value}' is not a PubMed id (digits only, for example 10589540)")
    return value.strip()


def _pmcid(value: str) -> str:
    if not re.fullmatch(r"PMC\d{1,9}", value.strip()):
        raise ValueError(f"'{value}' is not a PubMed Central id (PMC and digits, for example PMC3034395)")
    return value.strip()


class Reference(Strict):
    """A source in full, so a reader can find it: at least one of doi, pmid, pmcid or url."""

    key: Slug
    authors: list[Text] = []
    et_al: YesNo = False
    title: Text
    journal: Text | None = None
    publisher: Text | None = None
    year: Annotated[int, Field(ge=1800, le=2100, strict=True)] | None = None
    volume: Identifier | None = None
    issue: Identifier | None = None
    pages: Identifier | None = None
    doi: Annotated[Text, AfterValidator(_doi)] | None = None
    pmid: Annotated[Identifier, AfterValidator(_pmid)] | None = None
    pmcid: Annotated[Text, AfterValidator(_pmcid)] | None = None
    url: WebUrl | None = None
    note: Text | None = None

    @property
    def findable(self) -> bool:
        return any((self.doi, self.pmid, self.pmcid, self.url))


class Section(Strict):
    heading: Text
    body: Block


class LeafletBase(Strict):
    document: Document
    intro: Block
    urgent: Urgent
    questions: list[Inline] = Field(min_length=1)
    references: list[Reference] = Field(min_length=1)


class Diagram(Strict):
    file: Text
    section: Literal["what_it_is", "what_happens", "how_long"]
    alt: Text
    caption: Inline


class Therapy(LeafletBase):
    type: Literal["therapy"]
    consent: Block
    blood_products: Block
    more: list[Section] = []
    at_a_glance: AtAGlance
    diagram: Diagram | None = None
    what_it_is: Block
    who_it_is_for: Block
    what_happens: WhatHappens
    how_long: Block
    benefits: Block
    does_not_do: Block
    risks: Block


class Overview(LeafletBase):
    type: Literal["overview"]
    therapies: list[Slug] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)


LEAFLET_TYPES: dict[str, type[LeafletBase]] = {"therapy": Therapy, "overview": Overview}


class Term(Strict):
    term: Text
    forms: list[Text] = []
    definition: Inline

    @property
    def patterns(self) -> list[str]:
        """The words to look for in a leaflet: the forms given, or else the term itself."""
        return list(self.forms) or [self.term]


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


# ---- project settings (content/settings.yaml, optional) ---------------------------------------

class ReadingLevel(Strict):
    max_grade: Annotated[float, Field(gt=0, le=20, strict=True)] = 8
    min_reading_ease: Annotated[float, Field(ge=0, le=100, strict=True)] = 60


class Settings(Strict):
    review_warning_days: Annotated[int, Field(ge=0, le=3650, strict=True)] = 90
    citations: Literal["hidden", "numbered"] = "hidden"  # numbered: [1] markers in the patient's text
    reading_level: ReadingLevel = ReadingLevel()
    # languages whose translations are also built as one bilingual PDF with the English, their
    # language first (the Welsh Language Standards ask for Welsh first)
    bilingual: list[Annotated[Text, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]] = ["cy"]


# ---- brand (posit-dev/brand-yml subset, plus the clinic's contact block in meta) -------------

class Contact(Strict):
    phone: Phone
    email: Annotated[Text, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    address: list[Text] = Field(min_length=1)
    website: WebUrl
    hours: Text


class Service(Strict):
    """A service a leaflet may tell patients to call: 999, NHS 111, a unit's 24-hour line, the MS team."""

    name: Text
    phone: Phone
    hours: Text
    answers_24_hours: YesNo = False


class BrandName(Strict):
    short: Text
    full: Text


class BrandMeta(Strict):
    name: BrandName
    link: dict[str, WebUrl] = {}
    contact: Contact
    services: dict[Slug, Service] = {}


class LogoImage(Strict):
    path: Text
    alt: Text



def _logo_shorthand(value: Any) -> Any:
    """brand.yml allows `logo: file.svg`; treat it as the medium logo."""
    return {"medium": value} if isinstance(value, str) else value


def _image_shorthand(value: Any) -> Any:
    """brand.yml allows a bare path; we still need alt text, so ask for it by name."""
    return {"path": value} if isinstance(value, str) else value


Logo = Annotated[LogoImage, BeforeValidator(_image_shorthand)]


class BrandLogo(Strict):
    small: Logo | None = None
    medium: Logo | None = None
    large: Logo | None = None


class BrandColor(Strict):
    palette: dict[Slug, HexColour] = {}
    foreground: ColourRef
    background: ColourRef
    primary: ColourRef
    secondary: ColourRef | None = None
    tertiary: ColourRef | None = None
    light: ColourRef | None = None
    dark: ColourRef | None = None
    danger: ColourRef | None = None
    warning: ColourRef | None = None
    success: ColourRef | None = None
    info: ColourRef | None = None


Weight = Annotated[int, Field(ge=100, le=900, strict=True)]


class FontFile(Strict):
    path: Text
    weight: Weight = 400
    style: Literal["normal", "italic"] = "normal"


class FontFamily(Strict):
    family: FamilyName
    source: Literal["files"] = "files"
    files: list[FontFile] = Field(min_length=1)


def _font_shorthand(value: Any) -> Any:
    return {"family": value} if isinstance(value, str) else value


class BaseStyle(Strict):
    """Body text. Its size and spacing are fixed by the clear-print rules, not by the brand."""

    family: FamilyName
    weight: Weight | None = None


class HeadingStyle(BaseStyle):
    color: ColourRef | None = None


class BrandTypography(Strict):
    fonts: list[FontFamily] = Field(min_length=1)
    base: Annotated[BaseStyle, BeforeValidator(_font_shorthand)]
    headings: Annotated[HeadingStyle, BeforeValidator(_font_shorthand)] | None = None


def _url_pattern(value: str) -> str:
    if len(value) > 200:
        raise ValueError(f"the address is {len(value)} characters long (a QR code can hold 200 at most here)")
    if not re.match(r"^https://[^\s/]+", value):
        raise ValueError(f"'{value}' is not a web address (start it with https://)")
    unknown = set(re.findall(r"\{([^}]*)\}", value)) - {"id", "leaflet"}
    if unknown:
        raise ValueError(f"'{{{unknown.pop()}}}' is not a placeholder (use {{id}} for the leaflet id, "
                         "or {leaflet} for its file name)")
    return value


Percent = Annotated[float, Field(ge=0, le=100, strict=False)]


class LeafletDefaults(Strict):
    """This project's own section of brand.yml's `defaults`."""

    paper: Literal["a4", "letter", "a5"] = "a4"
    url: Annotated[Text, AfterValidator(_url_pattern)] | None = None
    # Print-shop CMYK for a colour, by palette name or role: [C, M, Y, K] in percent.
    cmyk: dict[Slug, Annotated[tuple[Percent, Percent, Percent, Percent], Field(strict=False)]] = {}

    def leaflet_url(self, leaflet_id: str, slug: str) -> str | None:
        """Where this leaflet can be read online, if the clinic publishes its leaflets."""
        return self.url.replace("{id}", leaflet_id).replace("{leaflet}", slug) if self.url else None


class BrandDefaults(BaseModel):
    """brand.yml keeps settings for each tool under `defaults`; other tools' sections are theirs."""

    model_config = ConfigDict(extra="allow", frozen=True)
    leaflets: LeafletDefaults = LeafletDefaults()


class Brand(Strict):
    meta: BrandMeta
    logo: Annotated[BrandLogo, BeforeValidator(_logo_shorthand)]
    color: BrandColor
    typography: BrandTypography
    defaults: BrandDefaults = BrandDefaults()
