"""Plan which leaflet x brand x variant to build, render them, and write the results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from .booklet import impose
from .errors import RenderError, UsageError
from .html import brand_css, environment, render_html, resources
from .pdf import RenderedPdf, render_pdf
from .project import Leaflet, Project, ResolvedBrand
from .review import draft_reasons
from .variants import BOOKLET, Variant, variants_for
from .write import ManifestEntry, atomic_write, sha256, update_manifest

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    brand: ResolvedBrand
    leaflet: Leaflet
    variant: Variant = Variant()

    @property
    def output(self) -> str:
        return f"{self.label}.pdf"

    @property
    def label(self) -> str:
        return f"{self.brand.slug}/{self.leaflet.slug}-{self.variant.name}"


def plan(project: Project, brands: Sequence[str] = (), leaflets: Sequence[str] = (), profile: str = "email",
         paper: str | None = None, large_print: bool | None = None, crop_marks: bool = False) -> list[Job]:
    """Every brand x leaflet x variant, or the subset named; unknown names are usage errors.

    The paper is the brand's default unless one is given.
    """
    chosen_brands = _choose("brand", brands, project.brands)
    by_id = {lf.model.document.id: slug for slug, lf in project.leaflets.items()}
    wanted = [by_id.get(name, name) for name in leaflets]
    chosen_leaflets = _choose("leaflet", wanted, project.leaflets)
    jobs = []
    for b in chosen_brands:
        brand = project.brands[b]
        brand_paper = paper or brand.model.defaults.leaflets.paper
        for variant in variants_for(profile, brand_paper, large_print, crop_marks):
            jobs += [Job(brand, project.leaflets[lf], variant) for lf in chosen_leaflets]
    return jobs


def _choose(kind: str, names: Sequence[str], available: dict) -> list[str]:
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"unknown {kind} '{unknown[0]}' (choose from: {', '.join(sorted(available))})")
    return list(dict.fromkeys(names)) if names else sorted(available)


def render_job(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderedPdf:
    """One PDF in memory: HTML from the templates, laid out with the variant's stylesheets."""
    styles = project.root / "styles"
    html = render_html(project, job.leaflet, job.brand, today, env, job.variant)
    sheets = [styles / "leaflet.css", *(styles / name for name in job.variant.stylesheets)]
    try:
        pdf = render_pdf(html, project.root, sheets, job.variant.page_css + brand_css(job.brand),
                         project.asset_roots(job.brand), resources(job.leaflet, job.brand, job.variant),
                         job.variant.pdf_options)
    except RenderError as exc:
        raise RenderError(f"{job.label}: {exc}") from exc
    if job.variant.profile == BOOKLET:
        pdf = RenderedPdf(impose(pdf.data), -(-pdf.pages // 4) * 2)
    return pdf


def build(project: Project, jobs: list[Job], out_dir: Path, progress: Progress,
          today: dt.date) -> list[ManifestEntry]:
    """Render every job in memory first; write PDFs only if all succeeded, then the manifest.

    If writing stops part-way (a full disk), the manifest still records exactly what was written.
    """
    env = environment(project.root / "templates")
    rendered = []
    drafts = {job.leaflet.slug: bool(draft_reasons(project, job.leaflet, today)) for job in jobs}
    for number, job in enumerate(jobs, 1):
        progress(f"[{number}/{len(jobs)}] rendering {job.label}")
        pdf = render_job(project, job, today, env)
        rendered.append((job, pdf))
    entries: list[ManifestEntry] = []
    try:
        for job, pdf in rendered:
            target = out_dir / job.output
            try:
                atomic_write(target, pdf.data)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            doc = job.leaflet.model.document
            v = job.variant
            entries.append(ManifestEntry(job.brand.slug, job.leaflet.slug, doc.id, doc.title, doc.version,
                                         doc.status, drafts[job.leaflet.slug], doc.next_review.isoformat(),
                                         v.profile, v.paper, v.large_print, job.output, pdf.pages,
                                         len(pdf.data), sha256(pdf.data)))
    finally:
        if entries:
            update_manifest(out_dir, entries)
    progress(f"wrote {len(entries)} PDF{'s' if len(entries) != 1 else ''} and manifest.json to {out_dir}")
    return entries
