"""Command line: `python build.py [OPTIONS]` builds; `python build.py check` only validates."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import ROOT
from .errors import ContentError, LeafletError, UsageError
from .model.variants import BOOKLET, PAPERS, PROFILES
from .outputs.merge import merge as merge_parts
from .outputs.progress import Lines, reporter
from .outputs.shards import Shard, parse_shard, select
from .outputs.shutdown import Interrupted
from .outputs.unchanged import fingerprint, forget, remember, up_to_date
from .outputs.write import MANIFEST

if TYPE_CHECKING:
    from .model.project import Project
    from .model.translations import Translation

# WeasyPrint, pydantic and the rest are imported inside each command, when it needs them, so a
# build with nothing to do can say so at once.


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _progress(message: str) -> None:
    """A line of progress: on stdout, like the summary (warnings and errors go to stderr)."""
    click.echo(message)


def _describe(exc: Exception) -> tuple[list[str], int]:
    """The lines to print for a failure, and the exit status."""
    if isinstance(exc, ContentError):
        return [*map(str, exc.problems),
                f"{_count(len(exc.problems), 'problem')} found; nothing was written."], exc.exit_code
    if isinstance(exc, LeafletError):
        return [f"error: {exc}" if str(exc).strip() else f"error: {type(exc).__name__} with no details "
                "(run again with --debug, and please report it)"], exc.exit_code
    if isinstance(exc, OSError):
        return [f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")], 1
    return [f"internal error: {type(exc).__name__}: {exc or 'no details'} (run again with --debug for details, "
            "and please report it)"], 1


def _run(ctx: click.Context, action: Callable[[], None], debug: bool) -> None:
    """Run `action`; report a failure in a few plain lines (a traceback only with --debug)."""
    try:
        action()
    except Interrupted as exc:
        click.echo(f"interrupted by {exc}: wrote {_count(exc.written, 'PDF')} of {exc.total} and recorded them "
                   "in manifest.json; run the build again to make the rest" if exc.total else
                   f"interrupted by {exc} before any PDF was rendered; nothing was written", err=True)
        ctx.exit(exc.exit_code)
    except Exception as exc:
        lines, code = _describe(exc)
        for line in lines:
            click.echo(line, err=True)
        if debug:
            traceback.print_exception(exc)
        ctx.exit(code)


EPILOG = ("Examples: 'python3 build.py', 'python3 build.py --brand riverside --leaflet ivig', "
          "'python3 build.py check'. Exit status: 0 success, 1 content or brand problems, 2 usage errors, "
          "130 or 143 interrupted (Ctrl-C or SIGTERM).")


def selection_options(command: Callable) -> Callable:
    """The options that choose what to read and build; accepted before or after `check`."""
    for option in reversed([
        click.option("--brand", "brands", multiple=True, metavar="NAME",
                     help="Only this brand (repeatable)."),
        click.option("--leaflet", "leaflets", multiple=True, metavar="ID",
                     help="Only this leaflet, by file name or leaflet id (repeatable)."),
        click.option("--language", "languages", multiple=True, metavar="CODE",
                     help="Only this language: en, or a translation's (cy, pl, ur...) (repeatable)."),
        click.option("--content", "content_dir", default=None, metavar="DIR",
                     type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="Read content and brands from this folder instead of content/."),
        click.option("--today", default=None, metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d"]),
                     help="Judge review dates as of this day instead of today."),
        click.option("--debug", is_flag=True, default=None, help="Show a traceback for errors."),
    ]):
        command = option(command)
    return command


def _options(ctx: click.Context, **given: object) -> dict:
    """Options given to this command, falling back to those given before it."""
    merged = {**ctx.obj, **{key: value for key, value in given.items() if value}}
    merged["today"] = merged["today"].date() if merged.get("today") else dt.date.today()
    return merged


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EPILOG)
@selection_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Write PDFs here instead of output/.")
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
@click.option("--jobs", "workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="all cores",
              help="How many PDFs to render at once.")
@click.option("--booklet", is_flag=True,
              help="A5 pages two-up on A4 sheets in booklet order: print double-sided, fold and staple.")
@click.option("--shard", default=None, metavar="K/N",
              help="Build only the K-th of N slices of the PDFs, and a manifest part (N alone: K from the job "
                   "array's index, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID).")
@click.pass_context
def main(ctx: click.Context, out_dir: Path | None, release: bool, profile: str, paper: str | None,
         large_print: bool | None, crop_marks: bool, force: bool, workers: int, booklet: bool,
         shard: str | None, **selection: object) -> None:
    """Build every leaflet for every brand into output/<brand>/<leaflet>.pdf."""
    ctx.ensure_object(dict)
    ctx.obj.update(selection)
    if crop_marks and profile != "print":
        raise click.UsageError("--crop-marks needs --profile print")
    if booklet:
        if profile != "email" or paper not in (None, "a5") or crop_marks or large_print:
            raise click.UsageError("--booklet makes standard-print A5 pages on A4 sheets; leave out --profile, "
                                   "--paper, --crop-marks and --large-print")
        profile = BOOKLET
    if ctx.invoked_subcommand is not None:
        building = {"--release": release, "--out": out_dir, "--profile print": profile != "email",
                    "--paper": paper, "--large-print/--standard-print": large_print is not None,
                    "--booklet": booklet, "--crop-marks": crop_marks, "--force": force, "--shard": shard}
        given = [name for name, value in building.items() if value]
        if given:
            raise click.UsageError(f"{given[0]} applies to building, not to '{ctx.invoked_subcommand}'")
        return
    opts = _options(ctx)

    def action() -> None:
        part = parse_shard(shard) if shard is not None else None
        out = (out_dir or ROOT / "output").resolve()
        manifest = part.part_name if part else MANIFEST
        content = (opts["content_dir"] or ROOT / "content").resolve()
        stamp = fingerprint(ROOT, content, {
            "brands": opts["brands"], "leaflets": opts["leaflets"], "today": opts["today"], "profile": profile,
            "paper": paper, "large_print": large_print, "crop_marks": crop_marks, "shard": str(part),
            "languages": opts["languages"]})
        if not (force or release):
            count = up_to_date(out, manifest, stamp)
            if count is not None:
                _progress(f"nothing to render: all {_count(count, 'PDF')} in {out} are up to date (no input changed)")
                return
        forget(out, manifest)
        report = reporter()
        try:
            render_all(report, part, out, manifest, stamp)
        finally:
            report.close()

    def render_all(report: Lines, part: Shard | None, out: Path, manifest: str, stamp: str) -> None:
        from .model.plan import plan
        from .model.project import load_project
        from .model.review import release_problems
        from .outputs.archive import archive, release_conflicts
        from .outputs.build import build
        project = load_project(ROOT, opts["content_dir"], opts["brands"], opts["leaflets"])
        for warning in [*project.warnings, *project.lost_text]:
            click.echo(f"warning: {warning}", err=True)
        jobs = plan(project, opts["brands"], opts["leaflets"], profile, paper, large_print, crop_marks,
                    opts["languages"])
        if part is not None:
            jobs = [jobs[i] for i in select([job.label for job in jobs], part)]
            report.note(f"{part}: {_count(len(jobs), 'PDF')}")
        chosen = list({(job.leaflet.language, job.leaflet.slug): job.leaflet for job in jobs}.values())
        if release:
            english = [leaflet for leaflet in chosen if leaflet.english is None]  # what the archive keeps
            refused = release_problems(project, chosen, opts["today"]) + release_conflicts(project.content, english)
            if refused:
                raise ContentError(refused)
        with_site = (profile == "email" and large_print is None and not opts["leaflets"] and not opts["languages"]
                     and part is None)
        brands = list(dict.fromkeys(job.brand.slug for job in jobs))
        if with_site:
            from .outputs.site import check_addresses
            check_addresses(project, brands)
        built = build(project, jobs, out, report, opts["today"], force, workers, part)
        if with_site:
            _write_sites(project, brands, out, opts["today"], report.note)
        else:
            report.note("the web site was not updated: it is made with every leaflet's email PDFs "
                        "(run 'python3 build.py site')")
        if release:
            for path in archive(project.content, english, opts["today"]):
                report.note(f"archived the released text in {path} (commit it with the content)")
        else:
            remember(out, manifest, stamp)
        report.summary(built.summary())

    _run(ctx, action, opts["debug"])


@main.command()
@selection_options
@click.pass_context
def check(ctx: click.Context, **selection: object) -> None:
    """Check every content and brand file; write nothing.

    Also fills every template, so a content change that would break a build shows up here, and
    warns about reviews that are overdue or fall due soon.
    """
    opts = _options(ctx, **selection)

    def action() -> None:
        from .model.plan import plan
        from .model.project import load_project
        from .model.readability import reading_problems, score, sentence_lines, table, translation_line
        from .model.review import draft_reasons, review_warnings
        from .outputs.site import check_addresses
        from .render.html import environment, render_html
        project = load_project(ROOT, opts["content_dir"], opts["brands"], opts["leaflets"])
        jobs = plan(project, opts["brands"], opts["leaflets"], languages=opts["languages"])
        check_addresses(project, list(dict.fromkeys(job.brand.slug for job in jobs)))
        env = environment(ROOT / "templates")
        for job in jobs:
            render_html(project, job.leaflet, job.brand, opts["today"], env)
        leaflets = list({job.leaflet.slug: job.leaflet.original for job in jobs}.values())
        translated = list({(job.leaflet.language, job.leaflet.slug): job.leaflet for job in jobs
                           if job.leaflet.english is not None}.values())
        target = project.settings.reading_level
        scores = [score(leaflet, [project.leaflets[slug] for slug in getattr(leaflet.model, "therapies", [])])
                  for leaflet in leaflets]
        click.echo("\n".join([*table(scores, target), *map(translation_line, translated), "",
                              *sentence_lines(scores), ""]))
        warnings = [*project.warnings,
                    *review_warnings(leaflets, opts["today"], project.settings.review_warning_days)]
        for warning in sorted(warnings):
            click.echo(f"warning: {warning}", err=True)
        too_hard = reading_problems(scores, target)
        if too_hard or project.lost_text:
            raise ContentError([*project.lost_text, *too_hard])
        drafts = sum(bool(draft_reasons(project, lf, opts["today"])) for lf in leaflets)
        click.echo(f"ok: {_count(len(project.leaflets), 'leaflet')} and {_count(len(project.brands), 'brand')} "
                   f"are valid ({_count(len(jobs), 'PDF')} would be built)")
        if drafts:
            click.echo(f"{_count(drafts, 'leaflet')} will be marked 'DRAFT - not for patient use' "
                       "(not approved, or past review)")

    _run(ctx, action, opts["debug"])


def _write_sites(project: Project, brands: list[str], out_dir: Path, today: dt.date,
                 note: Callable[[str], None]) -> None:
    from .outputs.site import build_sites

    def done(folder: Path, written: int) -> None:
        note(f"wrote {_count(written, 'file')} of the web site {folder}" if written
             else f"the web site {folder} is up to date")

    build_sites(project, brands, out_dir, today, done)


@main.command()
@selection_options
@click.option("--out", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Build the PDFs here and the site in DIR/site/ instead of output/.")
@click.option("--jobs", "workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="all cores", help="How many PDFs to render at once.")
@click.pass_context
def site(ctx: click.Context, to_dir: Path | None, workers: int, **selection: object) -> None:
    """Build the web site of each brand into output/site/<brand>/ (the default build does too).

    A page per leaflet at the address its QR code prints, with its PDFs to download, and an index
    with a gallery. The email PDFs are built first if they are not up to date.
    """
    opts = _options(ctx, **selection)

    def action() -> None:
        if opts["leaflets"]:
            raise UsageError("the site is made with every leaflet; leave out --leaflet")
        from .model.plan import plan
        from .model.project import load_project
        from .outputs.build import build
        from .outputs.site import check_addresses
        project = load_project(ROOT, opts["content_dir"])
        jobs = plan(project, opts["brands"])
        brands = list(dict.fromkeys(job.brand.slug for job in jobs))
        check_addresses(project, brands)
        target = (to_dir or ROOT / "output").resolve()
        forget(target, MANIFEST)  # this build changes what a no-change stamp vouched for
        report = reporter()
        try:
            built = build(project, jobs, target, report, opts["today"], False, workers)
            _write_sites(project, brands, target, opts["today"], report.note)
            report.summary(built.summary())
        finally:
            report.close()

    _run(ctx, action, opts["debug"])


@main.command()
@selection_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default lets only this computer connect.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--out", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Rebuild the PDFs here instead of output/.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, to_dir: Path | None, **selection: object) -> None:
    """Preview the web site while you edit: each saved change shows in the browser within a second.

    Watches content/, templates/ and styles/; re-renders the pages, reloads the browser, shows a
    content problem (file, line, message) in the page itself, and rebuilds the PDFs in the
    background. Stop it with Ctrl+C.
    """
    opts = _options(ctx, **selection)

    def action() -> None:
        if opts["leaflets"]:
            raise UsageError("the preview shows every leaflet; leave out --leaflet")
        from .outputs.preview import Preview
        from .outputs.preview import serve as serve_preview
        content = (opts["content_dir"] or ROOT / "content").resolve()
        given = ctx.obj.get("today") or selection.get("today")
        # stdout says where the preview is served; what it does after that is its log, on stderr
        preview = Preview(ROOT, content, (to_dir or ROOT / "output").resolve(), tuple(opts["brands"]),
                          opts["today"] if given else None, lambda line: click.echo(line, err=True))
        serve_preview(preview, host, port, lambda line: click.echo(line))

    _run(ctx, action, opts["debug"])


@main.command()
@selection_options
@click.option("--out", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write the packs here instead of output/review/.")
@click.pass_context
def review(ctx: click.Context, to_dir: Path | None, **selection: object) -> None:
    """Write an evidence pack per leaflet for the patient-information group to review and sign.

    Each pack shows every sentence with its sources, the reading level, the document control,
    why it is a draft, the urgent numbers per brand, and what changed since the last release.
    """
    opts = _options(ctx, **selection)

    def action() -> None:
        from .model.plan import plan
        from .model.project import load_project
        from .outputs.evidence_pack import write_packs
        project = load_project(ROOT, opts["content_dir"], opts["brands"], opts["leaflets"])
        jobs = plan(project, opts["brands"], opts["leaflets"])
        leaflets = list({job.leaflet.slug: job.leaflet for job in jobs}.values())
        for path in write_packs(project, leaflets, (to_dir or ROOT / "output" / "review").resolve(), opts["today"]):
            click.echo(f"wrote {path}")

    _run(ctx, action, opts["debug"])


@main.command()
@click.argument("folders", nargs=-1, required=True, metavar="DIR...",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "to_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Gather the PDFs and write manifest.json here (default: the first DIR).")
@click.option("--debug", is_flag=True, default=None, help="Show a traceback for errors.")
@click.pass_context
def merge(ctx: click.Context, folders: tuple[Path, ...], to_dir: Path | None, debug: bool | None) -> None:
    """Combine the shards of a build made with --shard K/N into one folder and manifest.json.

    Every shard 1..N must be there exactly once, and every PDF on disk with the SHA-256 its part
    records; otherwise nothing is written.
    """
    def action() -> None:
        target = (to_dir or folders[0]).resolve()
        forget(target, MANIFEST)  # its manifest is about to be replaced: a no-change stamp would be wrong
        count = merge_parts([folder.resolve() for folder in folders], target, _progress)
        click.echo(f"merged {_count(len(folders), 'folder')}: {_count(count, 'PDF')} in {target / 'manifest.json'}")

    _run(ctx, action, bool(debug or ctx.obj.get("debug")))


@main.command()
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
def email(ctx: click.Context, leaflet: str, to: str | None, large_print: bool, eml_dir: Path | None,
          send: bool, allow_draft: bool, **selection: object) -> None:
    """Write an email with LEAFLET attached, in the clinic's name, as a draft .eml (or --send it).

    The .eml opens in Outlook or Thunderbird ready to send. Nothing about the patient is stored
    anywhere else: no log, no manifest entry; with --send, no file at all.
    """
    opts = _options(ctx, **selection)

    def action() -> None:
        from .model.plan import plan
        from .model.project import load_project
        from .model.review import draft_reasons, release_problems
        from .outputs.emailer import SmtpSettings, build_message, check_address, drafts_folder, private_folder
        from .outputs.emailer import send as send_email
        from .outputs.write import write_new
        from .render.job import render_job
        if send and not to:
            raise UsageError("--send needs --to ADDRESS")
        smtp = SmtpSettings.from_environment() if send else None
        check_address(to)
        project = load_project(ROOT, opts["content_dir"], opts["brands"], (leaflet,))
        brands = opts["brands"] or (tuple(project.brands) if len(project.brands) == 1 else ())
        if len(brands) != 1:
            raise UsageError(f"choose one --brand (from: {', '.join(sorted(project.brands))})")
        jobs = plan(project, brands, (leaflet,), large_print=large_print)
        job = jobs[0]
        draft = bool(draft_reasons(project, job.leaflet, opts["today"]))
        if send and draft and not allow_draft:
            raise ContentError(release_problems(project, [job.leaflet], opts["today"]))
        pdf = render_job(project, job, opts["today"])
        message = build_message(job.leaflet, job.brand, pdf.data, to=to, large_print=large_print, draft=draft)
        if smtp is not None:
            send_email(message, smtp)
            click.echo(f"sent {job.leaflet.slug} from {job.brand.name}")
            return
        folder = eml_dir.resolve() if eml_dir else private_folder(drafts_folder())
        target = write_new(folder, f"{job.leaflet.slug}{'-large-print' if large_print else ''}", ".eml",
                           message.as_bytes())
        if draft:
            click.echo("warning: the leaflet is a draft, not for patient use; the email says so", err=True)
        click.echo(f"wrote {target} (delete it once the email is sent)")

    _run(ctx, action, opts["debug"])


def run() -> None:
    main(obj={}, prog_name="build.py")
    sys.exit(0)


@main.group()
def translations() -> None:
    """Hand translations to a translator as gettext PO files, and take them back.

    Each translation lives in content/translations/<language>/<leaflet>.yaml (glossary.yaml for
    the glossary); `status` lists them and what makes each one a draft.
    """


def _translation_target(project: Project, language: str, leaflet: str) -> tuple[str, dict, Path, Translation | None]:
    """The English fields, the file and the existing translation of one leaflet (or the glossary)."""
    from .model.plan import plan
    from .model.translations import FOLDER as TRANSLATIONS
    from .model.translations import GLOSSARY, glossary_sources, leaflet_sources, overview_quoted
    from .sources.i18n import check_language
    check_language(ROOT, language)
    if leaflet == GLOSSARY:
        if project.glossary is None:
            raise UsageError("there is no content/glossary.yaml to translate")
        sources = glossary_sources(project.glossary.model_dump(mode="json"))
        existing = project.glossaries.get(language)
        english = "glossary.yaml"
    else:
        slug = plan(project, (next(iter(project.brands)),), (leaflet,))[0].leaflet.slug
        english_leaflet = project.leaflets[slug]
        sources = leaflet_sources(english_leaflet.doc.data, overview_quoted(english_leaflet.model, project.leaflets))
        found = project.translations.get((language, slug))
        existing = found.translation if found else None
        english, leaflet = english_leaflet.source.name, slug
    path = project.content / TRANSLATIONS / language / f"{leaflet}.yaml"
    return english, sources, path, existing


@translations.command("export")
@click.argument("language")
@click.argument("leaflet")
@click.option("--content", "content_dir", default=None, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="Read content from DIR.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Write the PO file here (default: LEAFLET.LANGUAGE.po in the current folder).")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def export_command(ctx: click.Context, language: str, leaflet: str, content_dir: Path | None, out_file: Path | None,
                   debug: bool) -> None:
    """Write LEAFLET (or 'glossary') in LANGUAGE as a PO file for a translator: every field, its
    English, the translation so far; fields whose English changed are marked fuzzy."""
    def action() -> None:
        from .model.exchange import export_po
        from .model.project import load_project
        from .outputs.write import atomic_write
        project = load_project(ROOT, content_dir)
        _, sources, path, existing = _translation_target(project, language, leaflet)
        target = (out_file or Path.cwd() / f"{path.stem}.{language}.po").resolve()
        atomic_write(target, export_po(language, path.stem, sources, existing))
        click.echo(f"wrote {target}")

    _run(ctx, action, debug)


@translations.command("import")
@click.argument("po_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("language")
@click.argument("leaflet")
@click.option("--content", "content_dir", default=None, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="Write into DIR's translations.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def import_command(ctx: click.Context, po_file: Path, language: str, leaflet: str, content_dir: Path | None,
                   debug: bool) -> None:
    """Read a translator's PO file into content/translations/LANGUAGE/LEAFLET.yaml.

    Fields the translator changed record the English they were translated from; a checked
    translation whose text changed goes back to unchecked.
    """
    def action() -> None:
        from .model.exchange import import_po, merged, write_translation
        from .model.project import load_project
        from .outputs.write import atomic_write
        project = load_project(ROOT, content_dir)
        english, _, path, existing = _translation_target(project, language, leaflet)
        model, problems = import_po(po_file.read_bytes(), str(po_file))
        if problems or model is None:
            raise ContentError(problems)
        model = merged(existing.model if existing else None, model)
        atomic_write(path, write_translation(path, model, language, english).encode("utf-8"))
        load_project(ROOT, content_dir)  # the file written must load; say so now if it does not
        click.echo(f"wrote {path} ({_count(len(model.fields), 'field')}, {model.status})")

    _run(ctx, action, debug)


@translations.command("status")
@selection_options
@click.pass_context
def status_command(ctx: click.Context, **selection: object) -> None:
    """List every translation: checked or not, and each reason it is a draft."""
    opts = _options(ctx, **selection)

    def action() -> None:
        from .model.project import load_project
        from .model.review import translation_reasons
        project = load_project(ROOT, opts["content_dir"])
        for (language, slug), leaflet in sorted(project.translations.items()):
            reasons = translation_reasons(project, leaflet)
            click.echo(f"{language} {slug}: {leaflet.translation.model.status}, "
                       f"{_count(len(reasons), 'reason')} it is a draft ({leaflet.translation.display})")
            for reason in reasons:
                click.echo(f"  {reason.problem('').__str__()}")

    _run(ctx, action, opts["debug"])
