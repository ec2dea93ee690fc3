"""`build.py review`: an evidence pack per leaflet for the patient-information group to sign."""

from __future__ import annotations

import click

from .. import ROOT
from .options import Options


def review(options: Options) -> None:
    from ..model.plan import plan
    from ..model.project import load_project
    from ..outputs.evidence_pack import write_packs
    project = load_project(ROOT, options.content_dir, options.brands, options.leaflets)
    jobs = plan(project, options.brands, options.leaflets)
    leaflets = list({job.leaflet.slug: job.leaflet for job in jobs}.values())
    for path in write_packs(project, leaflets, (options.out or ROOT / "output" / "review").resolve(), options.today):
        click.echo(f"wrote {path}")
