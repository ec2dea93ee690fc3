"""`build.py email LEAFLET`: the leaflet attached to an email in the clinic's name, as a draft .eml
or sent over SMTP. Nothing about the patient is kept anywhere else."""

from __future__ import annotations

import click

from .. import ROOT
from ..errors import ContentError, UsageError
from .options import Options


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
    job = plan(project, brands, (options.leaflet,), large_print=large_print, today=options.today)[0]
    draft = job.draft
    if options.send and draft and not options.allow_draft:
        raise ContentError(release_problems(project, [job.leaflet], options.today))
    pdf = render_job(project, job, options.today)
    message = build_message(job.leaflet, job.brand, pdf.data, to=options.to, large_print=large_print,
                            draft_reasons=job.reasons[0])
    if smtp is not None:
        send_email(message, smtp)
        click.echo(f"sent {job.leaflet.slug} from {job.brand.name}")
        return
    folder = options.eml_dir.resolve() if options.eml_dir else private_folder(drafts_folder())
    target = write_new(folder, f"{job.leaflet.slug}{'-large-print' if large_print else ''}", ".eml",
                       message.as_bytes())
    if draft:
        click.echo("warning: the leaflet is a draft, not for patient use; the email says so", err=True)
    click.echo(f"wrote {target} (delete it once the email is sent)")
