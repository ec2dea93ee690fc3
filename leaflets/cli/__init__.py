"""Command line: `python build.py [OPTIONS]` builds; `python build.py check` only validates.

Only parsing: each command makes one `Options` and runs its workflow from leaflets/commands/. The
shared options are in options.py, the `translations` group in translations.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..commands import build, check, email, merge, review, serve, site
from ..commands.options import HOST, PORT, SELECTION
from ..model.variants import BOOKLET, PAPERS, PROFILES
from .approve import approve_command
from .fonts import fonts_group
from .options import JOBS, content_option, out_option, run_workflow, selection_options
from .record import COMMANDS as RECORD_COMMANDS
from .translations import translations_group

EPILOG = ("Examples: 'python3 build.py', 'python3 build.py --brand riverside --leaflet ivig', "
          "'python3 build.py check'. Exit status: 0 success, 1 content or brand problems, 2 usage errors, "
          "130 or 143 interrupted (Ctrl-C or SIGTERM).")

@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EPILOG)
@selection_options
@out_option("Write PDFs here instead of output/.")
@click.option("--release", is_flag=True,
              help="Refuse to build any leaflet that is not approved or is past its review date.")
@click.option("--profile", type=click.Choice(PROFILES), default="email", show_default=True,
              help="email: tagged PDF/UA for screens and screen readers; print: 3 mm bleed for a print shop.")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default=None,
              help="Paper size (default: the brand's, else a4).")
@click.option("--large-print/--standard-print", "large_print", default=None,
              help="Only large print (16 pt and up), or only standard print. Default: both for email, "
                   "standard for print.")
@click.option("--crop-marks", is_flag=True, help="Add crop marks (print profile only).")
@click.option("--force", is_flag=True, help="Render every PDF again, even those that are up to date.")
@JOBS
@click.option("--booklet", is_flag=True,
              help="A5 pages two-up on A4 sheets in booklet order: print double-sided, fold and staple.")
@click.option("--shard", default=None, metavar="K/N",
              help="Build only the K-th of N slices of the PDFs, and a manifest part (N alone: K from the job "
                   "array's index, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID).")
@click.pass_context
def main(ctx: click.Context, booklet: bool, **given: Any) -> None:
    """Build every leaflet for every brand into output/<brand>/<leaflet>.pdf."""
    ctx.ensure_object(dict)
    ctx.obj.update({key: given[key] for key in SELECTION})
    profile, paper, large_print, crop_marks = (given[key] for key in ("profile", "paper", "large_print", "crop_marks"))
    if crop_marks and profile != "print":
        raise click.UsageError("--crop-marks needs --profile print")
    if booklet:
        if profile != "email" or paper not in (None, "a5") or crop_marks or large_print:
            raise click.UsageError("--booklet makes standard-print A5 pages on A4 sheets; leave out --profile, "
                                   "--paper, --crop-marks and --large-print")
        given["profile"] = BOOKLET
    if ctx.invoked_subcommand is not None:
        building = {"--release": given["release"], "--out": given["out"], "--profile print": profile != "email",
                    "--paper": paper, "--large-print/--standard-print": large_print is not None, "--booklet": booklet,
                    "--crop-marks": crop_marks, "--force": given["force"], "--shard": given["shard"]}
        named = [name for name, value in building.items() if value]
        if named:
            raise click.UsageError(f"{named[0]} applies to building, not to '{ctx.invoked_subcommand}'")
        return
    run_workflow(ctx, build.build, **given)


@main.command("check")
@selection_options
@click.pass_context
def check_command(ctx: click.Context, **given: Any) -> None:
    """Check every content and brand file; write nothing.

    Also fills every template, so a content change that would break a build shows up here, and
    warns about reviews that are overdue or fall due soon.
    """
    run_workflow(ctx, check.check, **given)


@main.command("site")
@selection_options
@out_option("Build the PDFs here and the site in DIR/site/ instead of output/.")
@JOBS
@click.pass_context
def site_command(ctx: click.Context, **given: Any) -> None:
    """Build the web site of each brand into output/site/<brand>/ (the default build does too).

    A page per leaflet at the address its QR code prints, with its PDFs to download, and an index
    with a gallery. The email PDFs are built first if they are not up to date.
    """
    run_workflow(ctx, site.site, **given)


@main.command("serve")
@selection_options
@click.option("--host", default=HOST, show_default=True,
              help="Address to listen on. The default lets only this computer connect.")
@click.option("--port", type=click.IntRange(0, 65535), default=PORT, show_default=True,
              help="Port to listen on (0: any free port).")
@out_option("Rebuild the PDFs here instead of output/.")
@click.pass_context
def serve_command(ctx: click.Context, **given: Any) -> None:
    """Preview the web site while you edit: each saved change shows in the browser within a second.

    Watches content/, templates/ and styles/; re-renders the pages, reloads the browser, shows a
    content problem (file, line, message) in the page itself, and rebuilds the PDFs in the
    background. Stop it with Ctrl+C.
    """
    run_workflow(ctx, serve.serve, **given)


@main.command("review")
@selection_options
@out_option("Write the packs here instead of output/review/.")
@click.pass_context
def review_command(ctx: click.Context, **given: Any) -> None:
    """Write an evidence pack per leaflet, brand and language for the sign-off lead to sign.

    Each pack (output/review/<brand>/<leaflet>.<language>.evidence.pdf) shows what the patient reads
    in order with its sources, the urgent signs to confirm, a picture of every page with the urgent box
    outlined, the reading level, why it is a draft, and what changed since the last release.
    """
    run_workflow(ctx, review.review, **given)


@main.command("merge")
@click.argument("folders", nargs=-1, required=True, metavar="DIR...",
                type=click.Path(file_okay=False, path_type=Path))
@out_option("Gather the PDFs and write manifest.json here (default: the first DIR).")
@content_option("The content the shards were built from, instead of content/.")
@click.option("--debug", is_flag=True, default=None, help="Show a traceback for errors.")
@click.pass_context
def merge_command(ctx: click.Context, **given: Any) -> None:
    """Combine the shards of a build made with --shard K/N into one folder and manifest.json.

    Every shard 1..N must be there exactly once, listing exactly the PDFs the plan (made again
    from the content) gives it, none failed, and every PDF a file in its shard's folder with the
    SHA-256 its part records; otherwise nothing is written.
    """
    run_workflow(ctx, merge.merge, **given)


@main.command("email")
@click.argument("leaflet")
@selection_options
@click.option("--to", "to", default=None, metavar="ADDRESS", help="The patient's email address.")
@click.option("--large-print", is_flag=True, help="Attach the large-print PDF.")
@click.option("--eml-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write the .eml here instead of ~/.local/share/leaflets/email-drafts.")
@click.option("--send", is_flag=True,
              help="Send it now over SMTP (settings from LEAFLETS_SMTP_* variables) instead of writing a file.")
@click.option("--allow-draft", is_flag=True, help="Send even though the leaflet is a draft.")
@click.pass_context
def email_command(ctx: click.Context, **given: Any) -> None:
    """Write an email with LEAFLET attached, in the clinic's name, as a draft .eml (or --send it).

    The .eml opens in Outlook or Thunderbird ready to send. Nothing about the patient is stored
    anywhere else: no log, no manifest entry; with --send, no file at all.
    """
    run_workflow(ctx, email.email, **given)


def run() -> None:
    main(obj={}, prog_name="build.py")  # exits with the command's status


main.add_command(translations_group)
for _command in RECORD_COMMANDS:
    main.add_command(_command)
main.add_command(fonts_group)
main.add_command(approve_command)
