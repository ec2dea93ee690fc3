"""Typed models of the content files: leaflets, the glossary and the project's settings. Validation
messages here are shown to clinic staff."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .archive import version_problem
from .field_types import Block, Identifier, Inline, IsoDate, Slug, Strict, Text, WebUrl, YesNo


def _version(value: str) -> str:
    """A version also names the file --release writes (content/archive/<leaflet>/<version>.json)."""
    why = version_problem(value)
    if why:
        raise ValueError(why)
    return value


Version = Annotated[Text, AfterValidator(_version)]

APPROVED_BY_COMMAND = ("approval is no longer written in the leaflet: each clinic approves each language with "
                       "python3 build.py approve LEAFLET --brand BRAND --language LANGUAGE --by NAME --role ROLE, "
                       "which records it in content/brands/BRAND/approvals.yaml (see README, 'Approval, review and "
                       "drafts'); delete status, approved_by and approved_on from 'document'")


def _by_command(value: object) -> object:
    """The fields a leaflet once recorded its approval in: a file written before approvals were per
    clinic and language says what to do instead."""
    raise ValueError(APPROVED_BY_COMMAND)


ByCommand = Annotated[object, AfterValidator(_by_command)]

# ---- leaflet content ------------------------------------------------------------------------

class Document(Strict):
    id: Annotated[Text, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    title: Text
    version: Version
    status: ByCommand = None  # approvals are recorded per brand and language (leaflets/model/approvals.py)
    approved_by: ByCommand = None
    approved_on: ByCommand = None
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
    authors: list[Text] = Field(default_factory=list)
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


Coordinate = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class DiagramLabel(Strict):
    """Words on a diagram, set as text in the leaflet's fonts over the drawing (an SVG's own text
    would be drawn unshaped, in a font from the computer). `x` and `y`, in the SVG's viewBox
    units, are where the label's `anchor` (its start, middle or end) and `vertical` side (its top,
    middle or bottom) go; `width`, in the same units, is how wide its lines may run before they
    wrap (none: one line). `title` is a bold line above `text`."""

    text: Text
    title: Text | None = None
    x: Coordinate
    y: Coordinate
    anchor: Literal["start", "middle", "end"] = "start"
    vertical: Literal["top", "middle", "bottom"] = "top"
    width: Annotated[float, Field(gt=0, strict=True, allow_inf_nan=False)] | None = None
    style: list[Literal["bold", "number", "paper"]] = Field(default_factory=list)


class Diagram(Strict):
    file: Text
    section: Literal["what_it_is", "what_happens", "how_long"]
    alt: Text
    caption: Inline
    labels: list[DiagramLabel] = Field(default_factory=list)  # in the order a screen reader reads them


class Therapy(LeafletBase):
    type: Literal["therapy"]
    consent: Block
    blood_products: Block
    more: list[Section] = Field(default_factory=list)
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
    forms: list[Text] = Field(default_factory=list)
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


LanguageTag = Annotated[Text, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]  # BCP 47: cy, pt-BR


class Settings(Strict):
    review_warning_days: Annotated[int, Field(ge=0, le=3650, strict=True)] = 90
    citations: Literal["hidden", "numbered"] = "hidden"  # numbered: [1] markers in the patient's text
    reading_level: ReadingLevel = ReadingLevel()
    # languages whose translations are also built as one bilingual PDF with the English, their
    # language first (the Welsh Language Standards ask for Welsh first)
    bilingual: list[LanguageTag] = Field(default_factory=lambda: ["cy"])
