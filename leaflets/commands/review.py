"""`build.py review`: an evidence pack per leaflet, brand and language for the sign-off lead to sign."""

from __future__ import annotations

import click

from .. import ROOT
from .options import Options


def review(options: Options) -> None:
    """A pack for each leaflet in each language (--language) for each brand (--brand), picturing its
    email PDFs in standard and large print; a translation's pack also pictures the bilingual PDF it
    is the first part of (Welsh and English)."""
    from ..model.plan import Job, plan
    from ..model.project import load_project
    from ..outputs.evidence_pack import write_pack
    project = load_project(ROOT, options.content_dir, options.brands, options.leaflets)
    jobs = plan(project, options.brands, options.leaflets, languages=options.languages, today=options.today)
    packs: dict[tuple[str, str, str], list[Job]] = {}
    for job in jobs:
        packs.setdefault((job.brand.slug, job.leaflet.slug, job.leaflet.language), []).append(job)
    out = (options.out or ROOT / "output" / "review").resolve()
    for variants in packs.values():
        written = write_pack(project, variants, out, options.today)
        click.echo(f"wrote {written[0]} (and the PDFs it pictures: {', '.join(path.name for path in written[1:])})")
