"""Whether a leaflet may be handed to patients: approval, review dates, and what to warn about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..errors import Problem
from .leaflets import Leaflet
from .models import Document, Overview
from .project import Project
from .translations import Reason

Gettext = Callable[[str], str]


def _same(message: str) -> str:
    return message

APPROVAL_HINT = "set status: approved, approved_by and approved_on once your patient-information group approves it"


def _own_reasons(document: Document, today: dt.date, _: Gettext = _same) -> list[str]:
    reasons = []
    if document.status != "approved":
        reasons.append(_("it has not been approved"))
    elif document.approved_on and document.approved_on > today:
        reasons.append(_("its approval date (%(date)s) is in the future") % {"date": document.approved_on.isoformat()})
    if document.next_review < today:
        reasons.append(_("its review date (%(date)s) has passed") % {"date": document.next_review.isoformat()})
    return reasons


def translation_reasons(project: Project, leaflet: Leaflet) -> list[Reason]:
    """Why a translation is not for patient use: its own file's reasons, and its glossary's for the
    terms it shows."""
    if leaflet.translation is None or leaflet.english is None:
        return []
    english = leaflet.english
    d = english.model.document
    reasons = leaflet.translation.reasons(english.doc.data, d.version, d.last_checked)
    glossary = project.glossaries.get(leaflet.language)
    terms = project.words_to_know(english)
    if glossary is not None and project.glossary is not None and terms:
        shown = {project.glossary.terms.index(term) for term in terms}
        data = project.glossary.model_dump(mode="json")
        reasons += glossary.reasons(data, d.version, d.last_checked, lambda path: path[1] in shown)
    return reasons


def _shown_drafts(project: Project, leaflet: Leaflet, today: dt.date) -> list[str]:
    """Therapy leaflets whose at-a-glance text an overview prints, and that are not for patient use."""
    if not isinstance(leaflet.model, Overview):
        return []
    return [slug for slug in leaflet.model.therapies
            if _own_reasons(project.leaflets[slug].model.document, today)]


def draft_reasons(project: Project, leaflet: Leaflet, today: dt.date, _: Gettext = _same) -> list[str]:
    """Why this leaflet is not for patient use yet; empty when it is approved and in date.

    An overview also counts as a draft while any therapy it quotes in its table is one. A
    translation is a draft while it is unchecked, or any field is out of date or untranslated.
    `_` translates the reasons into the document's language.
    """
    reasons = _own_reasons(leaflet.model.document, today, _)
    shown = _shown_drafts(project, leaflet, today)
    if shown:
        reasons.append(_("its table quotes leaflets that are not for patient use (%(names)s)")
                       % {"names": ", ".join(shown)})
    reasons += [reason.text(_) for reason in translation_reasons(project, leaflet)]
    return list(dict.fromkeys(reasons))  # a leaflet's and its glossary's translation may say the same


def release_problems(project: Project, leaflets: list[Leaflet], today: dt.date) -> list[Problem]:
    """One problem per reason `--release` must refuse a leaflet, saying what is missing."""
    problems = []
    for translated in leaflets:
        leaflet = translated.original  # a translation is refused for its English's reasons too, at the English
        d = leaflet.model.document
        if d.status != "approved":
            problems.append(leaflet.doc.problem(("document", "status"), f"{d.id} is a draft and cannot be "
                                                "released", APPROVAL_HINT))
        elif d.approved_on and d.approved_on > today:
            problems.append(leaflet.doc.problem(("document", "approved_on"), f"{d.id} is approved from "
                                                f"{d.approved_on.isoformat()} and cannot be released before then",
                                                "check the approval date"))
        if d.next_review < today:
            problems.append(leaflet.doc.problem(("document", "next_review"), f"{d.id} was due for review on "
                                                f"{d.next_review.isoformat()} and cannot be released",
                                                "review it, then update last_checked and next_review"))
        shown = _shown_drafts(project, leaflet, today)
        if shown:
            problems.append(leaflet.doc.problem(("therapies",), f"{d.id} quotes leaflets that cannot be released "
                                                f"({', '.join(shown)})", "approve and release those first"))
        for reason in translation_reasons(project, translated):
            problems.append(reason.problem(TRANSLATION_HINT))
    return problems


TRANSLATION_HINT = ("have a qualified translator bring the translation up to date with the English and check it, "
                    "then set status: checked, checked_by and checked_on")


def review_warnings(leaflets: list[Leaflet], today: dt.date, days: int) -> list[Problem]:
    """Leaflets whose review is overdue or falls due within `days`."""
    warnings = []
    for leaflet in leaflets:
        due = leaflet.model.document.next_review
        left = (due - today).days
        if left < 0:
            message = f"review was due on {due.isoformat()}, {-left} days ago; the leaflet is marked as a draft"
        elif left <= days:
            message = f"review is due on {due.isoformat()}, in {left} days"
        else:
            continue
        warnings.append(leaflet.doc.problem(("document", "next_review"), message,
                                            "review it, then update last_checked and next_review"))
    return warnings
