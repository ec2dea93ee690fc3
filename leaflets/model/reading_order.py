"""What a patient reads in one leaflet for one brand, in the order the PDF prints it, with the
sources of each sentence: the evidence pack's account of the leaflet (leaflets/outputs/evidence_pack.py).

The leaflet's own fields come with their sources (model/evidence.py); the brand's words (the
services the urgent box names, the contact block, "About this leaflet"), the overview's table and
the words to know are printed as the brand and the language resolve them. The section order is
the templates' (templates/base.html.j2, therapy.html.j2, overview.html.j2)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..sources.i18n import long_date
from ..sources.yamlsource import dotted
from .approvals import Approval
from .brand_file import Wording
from .brands import ResolvedBrand
from .evidence import Claim, claims
from .leaflets import Leaflet
from .models import Overview, Term
from .text import plain_blocks

Gettext = Callable[[str], str]
Confirmation = tuple[str, str]  # who confirmed an urgent sign for the unit, and when

# the leaflet's fields in the order its PDF prints them; the special parts are printed by the templates
THERAPY_ORDER = ("intro", "urgent", "at_a_glance", "what_it_is", "who_it_is_for", "what_happens", "how_long",
                 "benefits", "does_not_do", "risks", "blood_products", "more", "consent",
                 "words_to_know", "questions", "contact", "about")
OVERVIEW_ORDER = ("intro", "urgent", "table", "sections", "words_to_know", "questions", "contact", "about")


@dataclass(frozen=True)
class Call:
    """A service an urgent tier tells the patient to call, as this brand prints it."""

    key: str
    name: str
    phone: str
    hours: str
    all_day: bool
    english: bool  # the brand gives its name or hours only in English


@dataclass(frozen=True)
class Sign:
    """One urgent sign, its sources and the unit's confirmation of it (None: not yet confirmed)."""

    id: str
    claim: Claim
    confirmed: Confirmation | None


@dataclass(frozen=True)
class UrgentTier:
    number: int
    level: str
    heading: str
    calls: tuple[Call, ...]
    advice: tuple[Claim, ...]
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class Part:
    """One part of the leaflet in print order: `kind` is a field's name or one of the special parts
    (urgent, table, words_to_know, contact, about), which the pack lays out in their own way."""

    kind: str
    claims: tuple[Claim, ...] = ()


def sign_id(tier: int, sign: int) -> str:
    """An urgent sign's id, the same in every language and brand: its field (tiers and signs from 0)."""
    return dotted(("urgent", "tiers", tier, "signs", sign))


def _section(claim: Claim, diagram_section: str | None) -> str:
    field = str(claim.path[0])
    return diagram_section if field == "diagram" and diagram_section else field


def parts(leaflet: Leaflet) -> list[Part]:
    """The leaflet's sentences, grouped by section in print order (a diagram's words with the
    section it is drawn in); the special parts are empty markers where they print."""
    diagram = getattr(leaflet.model, "diagram", None)
    found: dict[str, list[Claim]] = {}
    # the diagram prints after its section's text, though its file may give it first
    for claim in sorted(claims(leaflet), key=lambda claim: claim.path[0] == "diagram"):
        found.setdefault(_section(claim, diagram.section if diagram else None), []).append(claim)
    order = OVERVIEW_ORDER if isinstance(leaflet.original.model, Overview) else THERAPY_ORDER
    listed = [Part(kind, tuple(found.pop(kind, []))) for kind in order]
    return listed + [Part(kind, tuple(rest)) for kind, rest in found.items()]  # a field no template names


def _wording(wording: Wording, language: str) -> tuple[str, bool]:
    text = wording.text(language)
    return (str(wording), True) if text is None else (text, False)


def _one(sentences: list[Claim]) -> Claim:
    """A sign of more than one sentence as one claim, citing what its sentences cite."""
    first = sentences[0]
    return Claim(first.path, first.section, " ".join(claim.shown for claim in sentences),
                 tuple(dict.fromkeys(key for claim in sentences for key in claim.keys)), first.lead_in)


def urgent_tiers(leaflet: Leaflet, brand: ResolvedBrand,
                 confirmed: Mapping[str, Confirmation]) -> list[UrgentTier]:
    """The urgent box as this brand prints it: each tier's services, advice and signs, each sign
    with its sources and whether the unit has confirmed it."""
    services = brand.model.meta.services
    language = leaflet.language
    by_path: dict[tuple, list[Claim]] = {}
    for claim in claims(leaflet):
        if claim.path[:1] == ("urgent",):
            by_path.setdefault(claim.path[:5], []).append(claim)
    advice = [claim for claim in claims(leaflet) if claim.path[:1] == ("urgent",) and claim.path[3:4] == ("advice",)]
    tiers = []
    for index, tier in enumerate(leaflet.model.urgent.tiers):
        calls = []
        for key in tier.call:
            service = services[key]
            name, english_name = _wording(service.name, language)
            hours, english_hours = _wording(service.hours, language)
            calls.append(Call(key, name, service.phone, hours, service.answers_24_hours,
                              english_name or english_hours))
        signs = tuple(Sign(sign_id(index, number), _one(by_path[("urgent", "tiers", index, "signs", number)]),
                           confirmed.get(sign_id(index, number)))
                      for number in range(len(tier.signs)) if ("urgent", "tiers", index, "signs", number) in by_path)
        tiers.append(UrgentTier(index + 1, tier.level, tier.heading, tuple(calls),
                                tuple(claim for claim in advice if claim.path[2] == index), signs))
    return tiers


def urgent_intro(leaflet: Leaflet) -> list[Claim]:
    return [claim for claim in claims(leaflet) if claim.path[:2] == ("urgent", "intro")]


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def contact_rows(brand: ResolvedBrand, language: str, gettext: Gettext, leaflet_id: str) -> list[Row]:
    """The contact block as the leaflet prints it: the brand's address, phone, hours, email and
    website, and the block's sentences in the leaflet's language."""
    contact = brand.model.meta.contact
    hours, _ = _wording(contact.hours, language)
    return [Row(gettext("Contact us"), ", ".join(contact.address)),
            Row(gettext("Phone"), f"{contact.phone} ({hours})"),
            Row(gettext("Email"), contact.email),
            Row(gettext("Website"), contact.website),
            Row("", gettext("This leaflet is available in large print and other formats on request. To ask for a "
                            "copy, call %(phone)s or email %(email)s.") % {"phone": contact.phone,
                                                                           "email": contact.email}),
            Row("", gettext("Tell us what you think of this leaflet, and how we could make it better. Email "
                            "%(email)s and give the leaflet reference %(id)s.") % {"email": contact.email,
                                                                                  "id": leaflet_id}),
            Row("", gettext("This leaflet does not replace advice from your MS team. Talk to them about what is "
                            "right for you."))]


def about_rows(leaflet: Leaflet, brand: ResolvedBrand, gettext: Gettext, online_url: str | None,
               approval: Approval | None) -> list[Row]:
    """"About this leaflet" as the leaflet prints it, in its language: `approval` is this brand's
    current approval of it in this language (review.current_approval), if any."""
    d = leaflet.model.document
    status = (gettext("Approved by %(name)s on %(date)s") % {"name": approval.approved_by,
                                                            "date": long_date(approval.approved_on, leaflet.language)}
              if approval is not None else gettext("Draft, not yet approved"))
    rows = [Row(gettext("Leaflet reference"), d.id), Row(gettext("Version"), d.version),
            Row(gettext("Status"), status),
            Row(gettext("Published"), long_date(d.published, leaflet.language)),
            Row(gettext("Last checked"), long_date(d.last_checked, leaflet.language)),
            Row(gettext("Next review"), long_date(d.next_review, leaflet.language)),
            Row(gettext("Written by"), d.author), Row(gettext("Published by"), brand.model.meta.name.full)]
    if online_url:
        rows.append(Row(gettext("Read it online:"), online_url))
    return rows


def term_rows(terms: list[Term]) -> list[Row]:
    """The words to know as printed: each term and its definition (as plain text)."""
    return [Row(term.term, " ".join(plain_blocks(term.definition))) for term in terms]
