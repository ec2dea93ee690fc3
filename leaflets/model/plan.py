"""Plan which leaflet x brand x language x variant to build, and decide once, for each PDF, whether it
is a draft and why: rendering, the build's manifest and its summary read the decision from the job."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import UsageError
from ..sources.i18n import SOURCE, check_language, translations
from .brands import ResolvedBrand
from .leaflets import Leaflet
from .printed import approval_fingerprint
from .project import Project
from .review import current_approval, draft_reasons
from .selection import Selection
from .variants import Variant, variants_for


@dataclass(frozen=True)
class Job:
    """One PDF: a leaflet (or a translation of one) for a brand in a variant. A bilingual PDF has
    `parts`, its languages in order (Welsh first, then English).

    `reasons` are why each of its documents is not for patient use, in that document's language,
    as of the day `decided_on` (see `decide`); none for a job not yet decided. `fingerprints` are
    what the brand approves of each document, and what the PDF's metadata carries."""

    brand: ResolvedBrand
    leaflet: Leaflet
    variant: Variant = field(default_factory=Variant)
    parts: tuple[Leaflet, ...] = ()
    reasons: tuple[tuple[str, ...], ...] = ()
    decided_on: dt.date | None = None
    fingerprints: tuple[str, ...] = ()  # of what each document prints for the brand (model/printed.py)
    approved: bool = False  # the brand approved exactly what each document prints

    @property
    def output(self) -> str:
        return f"{self.label}.pdf"

    @property
    def documents(self) -> tuple[Leaflet, ...]:
        """What the PDF prints: its parts, or the one leaflet."""
        return self.parts or (self.leaflet,)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(part.language for part in self.documents)

    @property
    def draft(self) -> bool:
        return any(self.reasons)

    @property
    def label(self) -> str:
        """riverside/ivig-email-a4; riverside/ivig-pl-email-a4; riverside/ivig-cy-en-email-a4."""
        tags = "".join(f"-{lang}" for lang in self.languages) if self.languages != (SOURCE,) else ""
        return f"{self.brand.slug}/{self.leaflet.slug}{tags}-{self.variant.name}"


def decide(project: Project, job: Job, today: dt.date) -> Job:
    """The job with its draft reasons as of `today`, each in its document's language."""
    if job.decided_on == today:
        return job
    reasons = tuple(tuple(draft_reasons(project, part, today, translations(project.root, part.language).gettext,
                                       brand=job.brand))
                    for part in job.documents)
    fingerprints = tuple(approval_fingerprint(project, part, job.brand) for part in job.documents)
    approved = all(current_approval(project, part, job.brand, today) is not None for part in job.documents)
    return dataclasses.replace(job, reasons=reasons, decided_on=today, fingerprints=fingerprints, approved=approved)


def plan(project: Project, brands: Sequence[str] = (), leaflets: Sequence[str] = (), profile: str = "email",
         paper: str | None = None, large_print: bool | None = None, crop_marks: bool = False,
         languages: Sequence[str] = (), today: dt.date | None = None) -> list[Job]:
    """Every brand x leaflet x language x variant, or the subset named; unknown names are usage
    errors. Each translation is built in its language, and (for the languages settings.bilingual
    names, Welsh by default) also bilingual with the English.

    The paper is the brand's default unless one is given. Given `today`, each job is decided as of
    that day; a build decides any job that is not.
    """
    chosen_brands = _choose("brand", brands, project.brands)
    by_id = {lf.model.document.id: slug for slug, lf in project.leaflets.items()}
    chosen_leaflets = _choose("leaflet", [by_id.get(name, name) for name in leaflets], project.leaflets)
    for language in languages:
        if language not in project.languages():
            check_language(project.root, language)
    documents = _documents(project, _choose("language", languages, dict.fromkeys(project.languages())),
                           chosen_leaflets)
    jobs = []
    for b in chosen_brands:
        brand = project.brands[b]
        brand_paper = paper or brand.model.defaults.leaflets.paper
        for variant in variants_for(profile, brand_paper, large_print, crop_marks):
            jobs += [Job(brand, leaflet, variant, parts) for leaflet, parts in documents]
    return [decide(project, job, today) for job in jobs] if today else jobs


def plan_selection(project: Project, selection: Selection) -> list[Job]:
    """The plan a build with this selection made (a shard's part records it)."""
    return plan(project, selection.brands, selection.leaflets, selection.profile, selection.paper,
                selection.large_print, selection.crop_marks, selection.languages, selection.today)


def _documents(project: Project, languages: list[str], slugs: list[str]) -> list[tuple[Leaflet, tuple[Leaflet, ...]]]:
    """Each leaflet in each language it has, and the bilingual ones, with their parts."""
    documents: list[tuple[Leaflet, tuple[Leaflet, ...]]] = []
    for language in languages:
        for slug in slugs:
            english = project.leaflets[slug]
            if language == SOURCE:
                documents.append((english, ()))
            elif (language, slug) in project.translations:
                translated = project.translations[(language, slug)]
                documents.append((translated, ()))
                if language in project.settings.bilingual:
                    documents.append((translated, (translated, english)))
    return documents


def _choose(kind: str, names: Sequence[str], available: dict) -> list[str]:
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"unknown {kind} '{unknown[0]}' (choose from: {', '.join(sorted(available))})")
    return list(dict.fromkeys(names)) if names else (list(available) if kind == "language" else sorted(available))
