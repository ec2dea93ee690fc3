"""What the commands tell the user: counts, progress and warnings, and a failure as a few plain
lines with an exit status (a traceback only with --debug)."""

from __future__ import annotations

import traceback
from collections.abc import Callable

import click

from ..errors import ContentError, LeafletError
from ..outputs.shutdown import Interrupted


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def progress(message: str) -> None:
    """A line of progress: on stdout, like the summary (warnings and errors go to stderr)."""
    click.echo(message)


def warn(warning: object) -> None:
    click.echo(f"warning: {warning}", err=True)


def describe(exc: Exception) -> tuple[list[str], int]:
    """The lines to print for a failure, and the exit status."""
    if isinstance(exc, ContentError):
        return [*map(str, exc.problems),
                f"{count(len(exc.problems), 'problem')} found; nothing was written."], exc.exit_code
    if isinstance(exc, LeafletError):
        return [f"error: {exc}" if str(exc).strip() else f"error: {type(exc).__name__} with no details "
                "(run again with --debug, and please report it)"], exc.exit_code
    if isinstance(exc, OSError):
        return [f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")], 1
    return [f"internal error: {type(exc).__name__}: {exc or 'no details'} (run again with --debug for details, "
            "and please report it)"], 1


def run(action: Callable[[], None], debug: bool) -> int:
    """Run `action`; report a failure in a few plain lines. Returns the exit status."""
    try:
        action()
    except Interrupted as exc:
        click.echo(f"interrupted by {exc}: wrote {count(exc.written, 'PDF')} of {exc.total} and recorded them "
                   "in manifest.json; run the build again to make the rest" if exc.total else
                   f"interrupted by {exc} before any PDF was rendered; nothing was written", err=True)
        return exc.exit_code
    except Exception as exc:
        lines, code = describe(exc)
        for line in lines:
            click.echo(line, err=True)
        if debug:
            traceback.print_exception(exc)
        return code
    return 0
