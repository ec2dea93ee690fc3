"""Test leaflets approved as the patient-information group would approve them: the one place the
tests approve a fixture, so a change in how approval is recorded changes only this."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import edit

APPROVED_ON = dt.date(2026, 1, 15)


def approve(content: Path, slug: str, review_in_days: int = 365) -> dt.date:
    """Approve content/<slug>.yaml and set its next review `review_in_days` from today (so the
    leaflet stays in date whenever the tests run); returns that review date."""
    path = content / f"{slug}.yaml"
    review = dt.date.today() + dt.timedelta(days=review_in_days)
    edit(path, "  status: draft\n", f"  status: approved\n  approved_by: Test group\n  approved_on: {APPROVED_ON}\n")
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  next_review: "))
    edit(path, old + "\n", f"  next_review: {review.isoformat()}\n")
    return review
