"""Whether a leaflet may be handed to patients: approval, review dates, and what to warn about."""

from __future__ import annotations

import datetime as dt

from .errors import Problem
from .models import Document
from .project import Leaflet

APPROVAL_HINT = "set status: approved, approved_by and approved_on once your patient-information group approves it"


def draft_reasons(document: Document, today: dt.date) -> list[str]:
    """Why this leaflet is not for patient use yet; empty when it is approved and in date."""
    reasons = []
    if document.status != "approved":
        reasons.append("it has not been approved")
    if document.next_review < today:
        reasons.append(f"its review date ({document.next_review.isoformat()}) has passed")
    return reasons


def release_problems(leaflets: list[Leaflet], today: dt.date) -> list[Problem]:
    """One problem per leaflet that `--release` must refuse, saying what is missing."""
    problems = []
    for leaflet in leaflets:
        d = leaflet.model.document
        if d.status != "approved":
            problems.append(leaflet.doc.problem(("document", "status"), f"{d.id} is a draft and cannot be "
                                                "released", APPROVAL_HINT))
        if d.next_review < today:
            problems.append(leaflet.doc.problem(("document", "next_review"), f"{d.id} was due for review on "
                                                f"{d.next_review.isoformat()} and cannot be released",
                                                "review it, then update last_checked and next_review"))
    return problems


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
