"""`build.py email LEAFLET`: the leaflet attached to an email in the clinic's name, as a draft .eml
or sent over SMTP. Nothing about the patient is kept anywhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import ContentError, LeafletError, UsageError
from .options import Options

if TYPE_CHECKING:
    from ..model.project import Project


def email(options: Options) -> None:
    from ..model.plan import plan
    from ..model.project import load_project
    from ..model.review import release_problems
    from ..outputs.emailer import SmtpSettings, build_message, check_address, drafts_folder, private_folder
    from ..outputs.emailer import send as send_email
    from ..outputs.write import write_new
    from ..render.job import render_job
    if options.send and not options.to:
        raise UsageError("--send needs --to ADDRESS")
    smtp = SmtpSettings.from_environment() if options.send else None
    check_address(options.to)
    project = load_project(ROOT, options.content_dir, options.brands, (options.leaflet,))
    brands = options.brands or (tuple(project.brands) if len(project.brands) == 1 else ())
    if len(brands) != 1:
        raise UsageError(f"choose one --brand (from: {', '.join(sorted(project.brands))})")
    large_print = bool(options.large_print)
    language = _language(project, options)
    jobs = plan(project, brands, (options.leaflet,), large_print=large_print, languages=(language,),
                today=options.today)
    job = next(job for job in jobs if not job.parts)  # the PDF in that language alone, not the bilingual one
    draft = job.draft
    if options.send and draft and not options.allow_draft:
        raise ContentError(release_problems(project, [job.leaflet], options.today, brand=job.brand))
    pdf = render_job(project, job, options.today)
    message = build_message(job.leaflet, job.brand, pdf.data, to=options.to, large_print=large_print,
                            draft_reasons=job.reasons[0])
    if smtp is not None:
        send_email(message, smtp)
        click.echo(f"sent {job.leaflet.slug} from {job.brand.name}")
        return
    folder = options.eml_dir.resolve() if options.eml_dir else private_folder(drafts_folder())
    stem = f"{job.leaflet.slug}{f'-{language}' if job.leaflet.english else ''}{'-large-print' if large_print else ''}"
    target = write_new(folder, stem, ".eml",
                       message.as_bytes())
    if draft:
        click.echo("warning: the leaflet is a draft, not for patient use; the email says so", err=True)
    click.echo(f"wrote {target} (delete it once the email is sent)")


def _language(project: Project, options: Options) -> str:
    """The one language asked for (English if none), which the leaflet must have: never the
    English PDF in place of a missing translation."""
    from ..sources.i18n import SOURCE, language_name
    if len(options.languages) > 1:
        raise UsageError("an email attaches one leaflet in one language: give one --language")
    language = options.languages[0] if options.languages else SOURCE
    by_id = {leaflet.model.document.id: slug for slug, leaflet in project.leaflets.items()}
    slug = by_id.get(options.leaflet, options.leaflet)
    have = [SOURCE, *sorted(lang for lang, translated in project.translations if translated == slug)]
    if language not in have:
        names = ", ".join(f"{language_name(lang)} ({lang})" for lang in have)
        raise LeafletError(f"{options.leaflet} has no {language_name(language)} ({language}) translation, so there "
                           f"is no PDF in that language to attach; it is written in: {names}")
    return language
