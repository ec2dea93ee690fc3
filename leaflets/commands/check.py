"""`build.py check`: everything a build would refuse, and the reading levels; writes nothing."""

from __future__ import annotations

import click

from .. import ROOT
from ..errors import ContentError
from .messages import count, warn
from .options import Options
from .problems import problems


def check(options: Options) -> None:
    """Prepare every PDF's HTML as the build would, print the reading-level table and the warnings, then refuse what the
    build or the reading target would."""
    from ..model.plan import plan
    from ..model.project import load_project
    from ..model.readability import reading_problems, score, sentence_lines, table, translation_line
    from ..model.review import review_warnings
    from ..render.html import environment
    from ..render.job import prepare
    from ..sources.i18n import catalog_markup
    project = load_project(ROOT, options.content_dir, options.brands, options.leaflets)
    jobs = plan(project, options.brands, options.leaflets, languages=options.languages, today=options.today)
    found = problems(project, jobs, options.today, "check")
    env = environment(ROOT / "templates")
    for job in jobs:  # the HTML and CSS exactly as the build would make them
        prepare(project, job, env)
    leaflets = list({job.leaflet.slug: job.leaflet.original for job in jobs}.values())
    translated = list({(job.leaflet.language, job.leaflet.slug): job.leaflet for job in jobs
                       if job.leaflet.english is not None}.values())
    target = project.settings.reading_level
    scores = [score(leaflet, [project.leaflets[slug] for slug in getattr(leaflet.model, "therapies", [])])
              for leaflet in leaflets]
    lines = [translation_line(leaflet, project.root) for leaflet in translated]
    click.echo("\n".join([*table(scores, target), *lines, "",
                          *sentence_lines(scores), ""]))
    for warning in sorted([*found.warnings,
                           *review_warnings(leaflets, options.today, project.settings.review_warning_days)]):
        warn(warning)
    refused = [*found.refused, *reading_problems(scores, target), *catalog_markup(project.root),
               *(problem for broken in project.broken_languages.values() for problem in broken)]
    if refused:
        raise ContentError(refused)
    drafts = len({job.leaflet.slug for job in jobs if job.draft})
    click.echo(f"ok: {count(len(project.leaflets), 'leaflet')} and {count(len(project.brands), 'brand')} "
               f"are valid ({count(len(jobs), 'PDF')} would be built)")
    if drafts:
        click.echo(f"{count(drafts, 'leaflet')} will be marked 'DRAFT - not for patient use' "
                   "(not approved, or past review)")
