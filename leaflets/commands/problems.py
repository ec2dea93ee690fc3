"""What stops a build, `check` and `--release`: one look at the project and its jobs, for all three.

Each finds the same things; only how much each one minds differs:

    found                                        build      check      --release
    a content or brand file that is wrong        refused    refused    refused   (loading the project)
    a brand address that cannot give each        refused    refused    refused   (the QR code prints it)
      leaflet a page of its own
    words after ' #' that YAML drops             warning    refused    refused
    a comment set apart after a value            warning    warning    warning
    a clinic's short name too wide for the       warning    warning    warning
      running header (the page cuts it short)
    a leaflet not for patient use (review.py's   marked     counted    refused
      one decision: the brand's approval of        DRAFT
      what it prints in that language, review
      date, a quoted draft, an unchecked
      translation)
    a released version whose text has changed    marked     refused    refused
      since (also a reason in that decision)       DRAFT,
                                                   warning
    a brand name or hours a translated leaflet   marked     warning    refused
      prints in English (also a reason there)      DRAFT
    a template that cannot be filled             refused    refused    refused   (each renders them)

`check` also reports what only it has time for, and that decides nothing about a build: the
reading level of each leaflet (refused above the target) and reviews falling due soon. A build
stays as fast as its renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import ContentError, Problem
from .messages import warn

if TYPE_CHECKING:
    from ..model.brands import ResolvedBrand
    from ..model.leaflets import Leaflet
    from ..model.plan import Job
    from ..model.project import Project

Mode = Literal["build", "check", "release"]


@dataclass(frozen=True)
class Findings:
    refused: list[Problem]  # the command stops before writing anything
    warnings: list[Problem]  # printed on stderr; the command goes on

    def settle(self) -> None:
        """Print the warnings, then stop if anything is refused."""
        for warning in self.warnings:
            warn(warning)
        if self.refused:
            raise ContentError(self.refused)


def printed_by(jobs: list[Job]) -> list[tuple[Leaflet, ResolvedBrand]]:
    """Each leaflet (and translation) the jobs print, with the brand it is printed for, once: what an
    approval and a release are of."""
    return list({(job.brand.slug, part.language, part.slug): (part, job.brand)
                 for job in jobs for part in job.documents}.values())


def problems(project: Project, jobs: list[Job], today: dt.date, mode: Mode) -> Findings:
    """What `mode` refuses and what it warns about, for these jobs of this project."""
    from ..model.review import brand_problems, release_problems, text_changes
    from ..model.running_header import name_fit_warnings
    from ..outputs.site import address_problems
    refused = [problem for slug in dict.fromkeys(job.brand.slug for job in jobs)
               if (found := address_problems(project.brands[slug], list(project.leaflets.values())))
               for problem in found.problems]
    warnings = list(project.warnings)
    warnings += name_fit_warnings([project.brands[slug] for slug in dict.fromkeys(job.brand.slug for job in jobs)],
                                  {job.variant for job in jobs})
    (warnings if mode == "build" else refused).extend(project.lost_text)
    printed = printed_by(jobs)
    if mode == "release":  # every draft reason, the changed text among them
        refused += list(dict.fromkeys(problem for leaflet, brand in printed
                                      for problem in release_problems(project, [leaflet], today, brand=brand)))
    else:
        (warnings if mode == "build" else refused).extend(text_changes(project, printed))
    # names and hours a brand leaves in English in a translated leaflet, and the translations its English
    # waits for: also reasons in that decision
    brand_words = dict.fromkeys(problem for job in jobs for part in job.documents
                                for problem in brand_problems(project, part, job.brand))
    (refused if mode == "release" else warnings if mode == "check" else []).extend(brand_words)
    return Findings(refused, warnings)
