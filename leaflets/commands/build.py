"""`build.py [OPTIONS]`: build every chosen leaflet into output/<brand>/<leaflet>.pdf, and the site.

WeasyPrint, pydantic and the rest are imported only once something must be rendered, so a build
with nothing to do can say so at once.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from .. import ROOT
from ..errors import LeafletError
from ..model.selection import Selection
from ..outputs.progress import Lines, reporter
from ..outputs.shards import Shard, parse_shard, select
from ..outputs.unchanged import fingerprint, forget, remember, up_to_date
from ..outputs.write import MANIFEST
from .messages import count, progress, warn
from .options import Options
from .problems import printed_by, problems
from .site import write_sites

if TYPE_CHECKING:
    from ..model.project import Project
    from ..outputs.build import Built


def build(options: Options) -> None:
    """Render what changed since the last build with the same options (everything with --force or
    --release), then the web site when the build covers every leaflet's email PDFs."""
    part = parse_shard(options.shard) if options.shard is not None else None
    if part is not None:  # the part records the selection, so that merge can plan the same PDFs again
        part = dataclasses.replace(part, selection=Selection(
            options.brands, options.leaflets, options.languages, options.profile, options.paper,
            options.large_print, options.crop_marks, options.today))
    out = (options.out or ROOT / "output").resolve()
    manifest = part.part_name if part else MANIFEST
    content = (options.content_dir or ROOT / "content").resolve()
    stamp = fingerprint(ROOT, content, {
        "brands": options.brands, "leaflets": options.leaflets, "today": options.today, "profile": options.profile,
        "paper": options.paper, "large_print": options.large_print, "crop_marks": options.crop_marks,
        "shard": str(part), "languages": options.languages})
    if not (options.force or options.release):
        found = up_to_date(out, manifest, stamp)
        if found is not None:
            progress(f"nothing to render: all {count(found, 'PDF')} in {out} are up to date (no input changed)")
            return
    forget(out, manifest)
    report = reporter()
    try:
        built = _render(options, report, part, out)
        if not options.release:
            remember(out, manifest, stamp)
        report.summary(built.summary())
    finally:
        report.close()


def _render(options: Options, report: Lines, part: Shard | None, out: Path) -> Built:
    from ..model.plan import plan
    from ..model.project import load_project
    from ..outputs.archive import archive
    from ..outputs.build import build as build_pdfs
    project = load_project(ROOT, options.content_dir, options.brands, options.leaflets)
    jobs = plan(project, options.brands, options.leaflets, options.profile, options.paper, options.large_print,
                options.crop_marks, options.languages, today=options.today)
    if part is not None:
        jobs = [jobs[i] for i in select([job.label for job in jobs], part)]
        report.note(f"{part}: {count(len(jobs), 'PDF')}")
    problems(project, jobs, options.today, "release" if options.release else "build").settle()
    built = build_pdfs(project, jobs, out, report, options.today, options.force, options.workers, part)
    if (options.profile == "email" and options.large_print is None and not options.leaflets
            and not options.languages and part is None):
        write_sites(project, list(dict.fromkeys(job.brand.slug for job in jobs)), out, options.today, report.note)
    else:
        report.note("the web site was not updated: it is made with every leaflet's email PDFs "
                    "(run 'python3 build.py site')")
    _left_out(project)
    if options.release:
        for path in archive(project, printed_by(jobs), options.today):
            report.note(f"archived the released text in {path} (commit it with the content)")
    return built


def _left_out(project: Project) -> None:
    """A language whose language.yaml is wrong was left out of this build; the others were built.
    Say what is wrong, and fail, so the missing PDFs are not taken for a complete build."""
    if not project.broken_languages:
        return
    from ..sources.i18n import language_name
    for found in project.broken_languages.values():
        for problem in found:
            warn(problem)
    names = ", ".join(f"{language_name(code)} ({code})" for code in sorted(project.broken_languages))
    raise LeafletError(f"no {names} PDF was built: fix the language's file as above; every other PDF was written")
