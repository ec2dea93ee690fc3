"""What a build was asked to plan, as a shard's part records it and merge reads it back.

Kept apart from plan.py, which loads the whole model: a build with nothing to do reads this too."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .variants import BOOKLET, PAPERS, PROFILES

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # a brand, leaflet (file name or id) or language as given


@dataclass(frozen=True)
class Selection:
    """What a build was asked to plan (the arguments of `plan`, and the day it decided drafts as
    of): a shard's part records it, so that merge can plan the same PDFs again from the content."""

    brands: tuple[str, ...] = ()
    leaflets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    profile: str = "email"
    paper: str | None = None
    large_print: bool | None = None
    crop_marks: bool = False
    today: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        return {"brands": list(self.brands), "leaflets": list(self.leaflets), "languages": list(self.languages),
                "profile": self.profile, "paper": self.paper, "large_print": self.large_print,
                "crop_marks": self.crop_marks, "today": self.today.isoformat() if self.today else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Selection:
        """The selection `as_json` wrote, each field checked for its type and allowed values: it comes
        from a file another machine wrote. Raises ValueError naming the field that is wrong."""
        def names(key: str) -> tuple[str, ...]:
            value = data.get(key)
            if not (isinstance(value, list) and all(isinstance(v, str) and NAME.fullmatch(v) for v in value)):
                raise ValueError(f"plan.{key} must be a list of names (letters, digits, '.', '_', '-')")
            return tuple(value)

        def choice(key: str, allowed: Sequence[object]) -> Any:
            value = data.get(key)
            if not any(value is a or (type(value) is type(a) and value == a) for a in allowed):
                raise ValueError(f"plan.{key} must be one of {', '.join(map(repr, allowed))}")
            return value

        today = data.get("today")
        try:
            day = dt.date.fromisoformat(today) if isinstance(today, str) and len(today) == 10 else None
        except ValueError:
            day = None
        if today is not None and day is None:
            raise ValueError("plan.today must be a day as YYYY-MM-DD, or null")
        return cls(names("brands"), names("leaflets"), names("languages"), choice("profile", (*PROFILES, BOOKLET)),
                   choice("paper", (None, *sorted(PAPERS))), choice("large_print", (None, True, False)),
                   choice("crop_marks", (True, False)), day)
