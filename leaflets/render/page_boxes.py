"""Render a job's PDF as a build does, and say where on its pages the urgent box really lies: the
evidence pack outlines it on its pictures of the pages, so a reviewer sees a box that is split
or pushed off page 1.

The positions come from the very layout that is written (WeasyPrint's boxes of the box's element,
read when the urgent box fit accepts the layout), not from a second rendering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.plan import Job, decide
from ..model.project import Project
from .job import RenderInput, prepare, render_input
from .pdf import RenderedPdf
from .urgent_fit import BOX, CONTINUED, UrgentFit

PT_PER_PX = 0.75  # WeasyPrint lays out in CSS px (1/96 in); PDF pages are in points (1/72 in)
BOX_ID = re.compile(rf"(?:part\d+-)?(?:{BOX}|{CONTINUED})")  # a bilingual PDF's second part prefixes its ids


@dataclass(frozen=True)
class Outline:
    """Where one piece of an urgent box lies: its element's id (part2-urgent in a bilingual PDF's
    second part), its page (from 0) and its border box, in points from the page's top left corner."""

    ident: str
    page: int
    left: float
    top: float
    width: float
    height: float


def outlines(document: Any) -> list[Outline]:
    """The outermost boxes of each urgent box (and its continuation) on each page of a laid-out document."""
    found = []
    for number, page in enumerate(document.pages):
        seen: set[str] = set()
        for box in page._page_box.descendants():
            element = box.element
            ident = element.get("id") if element is not None and hasattr(element, "get") else None
            if ident and BOX_ID.fullmatch(ident) and ident not in seen:
                seen.add(ident)
                found.append(Outline(ident, number, box.border_box_x() * PT_PER_PX, box.border_box_y() * PT_PER_PX,
                                     box.border_width() * PT_PER_PX, box.border_height() * PT_PER_PX))
    return found


@dataclass
class _Watched:
    """The job's urgent box fit, noting the boxes of the layout it accepts (the one written)."""

    fit: UrgentFit
    seen: list[Outline] = field(default_factory=list)

    def html(self) -> str:
        return self.fit.html()

    def choose(self, lay_out: Callable[[str], Any]) -> str:
        return self.fit.choose(lay_out)

    def retry(self, document: Any) -> str | None:
        other = self.fit.retry(document)
        if other is None:
            self.seen[:] = outlines(document)
        return other


@dataclass(frozen=True)
class _WatchedInput(RenderInput):
    watched: list[_Watched] = field(default_factory=list)

    def fit(self) -> Any:  # the watched fit stands in for the UrgentFit
        watched = _Watched(super().fit())
        self.watched.append(watched)
        return watched


@dataclass(frozen=True)
class PagedPdf:
    """A leaflet's PDF and where its urgent box lies on its pages."""

    pdf: RenderedPdf
    urgent: tuple[Outline, ...]


def render_with_boxes(project: Project, job: Job, today: dt.date) -> PagedPdf:
    """The job's PDF, made exactly as a build makes it, and its urgent box's place on each page."""
    given = prepare(project, decide(project, job, today))
    watched = _WatchedInput(**{f.name: getattr(given, f.name) for f in dataclasses.fields(given)})
    pdf = render_input(watched, project.root)
    seen = next((w.seen for w in reversed(watched.watched) if w.seen), [])
    return PagedPdf(pdf, tuple(seen))
