"""`build.py site`: each brand's web site into output/site/<brand>/, its email PDFs built first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import ROOT
from ..errors import UsageError
from ..outputs.progress import reporter
from ..outputs.unchanged import forget
from ..outputs.write import MANIFEST
from .messages import count
from .options import Options
from .problems import problems

if TYPE_CHECKING:
    from ..model.project import Project


def write_sites(project: Project, brands: list[str], out_dir: Path, today: dt.date,
                note: Callable[[str], None]) -> None:
    from ..outputs.site import build_sites

    def done(folder: Path, written: int) -> None:
        note(f"wrote {count(written, 'file')} of the web site {folder}" if written
             else f"the web site {folder} is up to date")

    build_sites(project, brands, out_dir, today, done)


def site(options: Options) -> None:
    """Build the email PDFs that are not up to date, then write every chosen brand's site."""
    if options.leaflets:
        raise UsageError("the site is made with every leaflet; leave out --leaflet")
    from ..model.plan import plan
    from ..model.project import load_project
    from ..outputs.build import build as build_pdfs
    from ..outputs.site import check_site_folders
    project = load_project(ROOT, options.content_dir)
    jobs = plan(project, options.brands, today=options.today)
    problems(project, jobs, options.today, "build").settle()
    target = (options.out or ROOT / "output").resolve()
    check_site_folders(target, list(dict.fromkeys(job.brand.slug for job in jobs)))  # before minutes of PDFs
    forget(target, MANIFEST)  # this build changes what a no-change stamp vouched for
    report = reporter()
    try:
        built = build_pdfs(project, jobs, target, report, options.today, False, options.workers)
        write_sites(project, list(dict.fromkeys(job.brand.slug for job in jobs)), target, options.today,
                    report.note)
        report.summary(built.summary())
    finally:
        report.close()
