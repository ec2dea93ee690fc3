"""How the tests approve a fixture, the one place: `build.py approve`, in this process, as a clinic
would; and a review date kept ahead of today, so an approved fixture stays in date whenever the
tests run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from conftest import edit

from leaflets.cli import main

GROUP = "Patient Information Group"


def approve(content: Path, leaflet: str = "alpha", brand: str = "testclinic", language: str = "en",
            on: str = "2026-01-10", by: str = GROUP, role: str = "Patient-information lead", *more: str) -> None:
    """Approve `leaflet` in `language` for `brand` as the content is now (approve after editing)."""
    result = CliRunner().invoke(main, ["approve", leaflet, "--brand", brand, "--language", language, "--by", by,
                                       "--role", role, "--on", on, "--content", str(content), *more], obj={})
    assert result.exit_code == 0, result.output


def keep_in_date(content: Path, slug: str, review_in_days: int = 365) -> dt.date:
    """Set content/<slug>.yaml's next review `review_in_days` from today; returns that date."""
    path = content / f"{slug}.yaml"
    review = dt.date.today() + dt.timedelta(days=review_in_days)
    old = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("  next_review: "))
    edit(path, old + "\n", f"  next_review: {review.isoformat()}\n")
    return review
