"""Command line: `python build.py [OPTIONS]` builds; `python build.py check` only validates."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
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


def _describe(exc: Exception) -> tuple[list[str], int]:
    """The lines to print for a failure, and the exit status."""
    if isinstance(exc, ContentError):
        return [*map(str, exc.problems),
                f"{_count(len(exc.problems), 'problem')} found; nothing was written."], exc.exit_code
    if isinstance(exc, LeafletError):
        return [f"error: {exc}"], exc.exit_code
    if isinstance(exc, OSError):
        return [f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")], 1
    return [f"internal error: {type(exc).__name__}: {exc} (run again with --debug for details, "
            "and please report it)"], 1


def _run(ctx: click.Context, action: Callable[[], None]) -> None:
    """Run `action`; report a failure in a few plain lines (a traceback only with --debug)."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001 (the one place every failure is turned into a message)
        lines, code = _describe(exc)
        for line in lines:
            click.echo(line, err=True)
        if ctx.obj["debug"]:
            traceback.print_exception(exc)
        ctx.exit(code)


EPILOG = ("Examples: 'python3 build.py', 'python3 build.py --brand riverside --leaflet ivig', "
          "'python3 build.py check'. Exit status: 0 success, 1 content or brand problems, 2 usage errors.")


def selection_options(command: Callable) -> Callable:
    """The options that choose what to read and build; accepted before or after `check`."""
    for option in reversed([
        click.option("--brand", "brands", multiple=True, metavar="NAME",
                     help="Only this brand (repeatable)."),
        click.option("--leaflet", "leaflets", multiple=True, metavar="ID",
                     help="Only this leaflet, by file name or leaflet id (repeatable)."),
        click.option("--content", "content_dir", default=None, metavar="DIR",
                     type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="Read content and brands from this folder instead of content/."),
        click.option("--debug", is_flag=True, help="Show a traceback for errors."),
    ]):
        command = option(command)
    return command


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EPILOG)
@selection_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Write PDFs here instead of output/.")
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
@selection_options
@click.pass_context
def check(ctx: click.Context, brands: tuple[str, ...], leaflets: tuple[str, ...], content_dir: Path | None,
          debug: bool) -> None:
    """Check every content and brand file; write nothing.

    Also fills every template, so a content change that would break a build shows up here.
    """
    ctx.obj.update(debug=ctx.obj["debug"] or debug)

    def action() -> None:
        project = load_project(ROOT, content_dir or ctx.obj["content"])
        jobs = plan(project, brands or ctx.obj["brands"], leaflets or ctx.obj["leaflets"])
        env = environment(ROOT / "templates")
        for job in jobs:
            render_html(project, job.leaflet, job.brand, env)
        click.echo(f"ok: {_count(len(project.leaflets), 'leaflet')} and {_count(len(project.brands), 'brand')} "
                   f"are valid ({_count(len(jobs), 'PDF')} would be built)")

    _run(ctx, action)


def run() -> None:
    main(obj={}, prog_name="build.py")
    sys.exit(0)
