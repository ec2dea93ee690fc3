"""Command line: `python build.py [OPTIONS]` builds; `python build.py check` only validates."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from .errors import ContentError, LeafletError
from .html import environment, render_html
from .pipeline import build, plan
from .project import load_project

ROOT = Path(__file__).resolve().parent.parent


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _run(ctx: click.Context, action) -> None:
    debug = ctx.obj["debug"]
    try:
        action()
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
        if debug:
            traceback.print_exc()
        ctx.exit(exc.exit_code)
    except LeafletError as exc:
        click.echo(f"error: {exc}", err=True)
        if debug:
            traceback.print_exc()
        ctx.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        if debug:
            traceback.print_exc()
        ctx.exit(1)


EPILOG = ("Examples: 'python3 build.py', 'python3 build.py --brand riverside --leaflet ivig', "
          "'python3 build.py check'. Exit status: 0 success, 1 content or brand problems, 2 usage errors.")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EPILOG)
@click.option("--brand", "brands", multiple=True, metavar="NAME", help="Build only this brand (repeatable).")
@click.option("--leaflet", "leaflets", multiple=True, metavar="ID",
              help="Build only this leaflet, by file name or leaflet id (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Write PDFs here instead of output/.")
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Read content and brands from this folder instead of content/.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def main(ctx: click.Context, brands: tuple[str, ...], leaflets: tuple[str, ...], out_dir: Path | None,
         content_dir: Path | None, debug: bool) -> None:
    """Build every leaflet for every brand into output/<brand>/<leaflet>.pdf."""
    ctx.ensure_object(dict)
    ctx.obj.update(debug=debug, content=content_dir, brands=brands, leaflets=leaflets)
    if ctx.invoked_subcommand is not None:
        return

    def action() -> None:
        project = load_project(ROOT, content_dir)
        jobs = plan(project, brands, leaflets)
        build(project, jobs, (out_dir or ROOT / "output").resolve(), _progress)

    _run(ctx, action)


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check every content and brand file; write nothing.

    Also fills every template, so a content change that would break a build shows up here.
    """
    def action() -> None:
        project = load_project(ROOT, ctx.obj["content"])
        jobs = plan(project, ctx.obj["brands"], ctx.obj["leaflets"])
        env = environment(ROOT / "templates")
        for job in jobs:
            render_html(project, job.leaflet, job.brand, env)
        click.echo(f"ok: {_count(len(project.leaflets), 'leaflet')} and {_count(len(project.brands), 'brand')} are valid "
                   f"({len(jobs)} PDFs would be built)")

    _run(ctx, action)


def run() -> None:
    main(obj={}, prog_name="build.py")
    sys.exit(0)
