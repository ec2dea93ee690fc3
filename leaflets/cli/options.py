"""The options several commands share, and how a command runs its workflow."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..commands.messages import run as run_reporting
from ..commands.options import SELECTION, Options

JOBS = click.option("--jobs", "workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
                    show_default="all cores", help="How many PDFs to render at once.")


def selection_options(command: Callable) -> Callable:
    """The options that choose what to read and build; accepted before or after `check`."""
    for option in reversed([
        click.option("--brand", "brands", multiple=True, metavar="NAME", help="Only this brand (repeatable)."),
        click.option("--leaflet", "leaflets", multiple=True, metavar="ID",
                     help="Only this leaflet, by file name or leaflet id (repeatable)."),
        click.option("--language", "languages", multiple=True, metavar="CODE",
                     help="Only this language: en, or a translation's (cy, pl, ur...) (repeatable)."),
        content_option("Read content and brands from this folder instead of content/."),
        click.option("--today", default=None, metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d"]),
                     help="Judge review dates as of this day instead of today."),
        click.option("--debug", is_flag=True, default=None, help="Show a traceback for errors."),
    ]):
        command = option(command)
    return command


def content_option(help_text: str) -> Callable:
    return click.option("--content", "content_dir", default=None, metavar="DIR",
                        type=click.Path(exists=True, file_okay=False, path_type=Path), help=help_text)


def out_option(help_text: str, file: bool = False) -> Callable:
    kind = click.Path(dir_okay=False, path_type=Path) if file else click.Path(file_okay=False, path_type=Path)
    return click.option("--out", "out", type=kind, default=None, metavar="FILE" if file else "DIR", help=help_text)


def run_workflow(ctx: click.Context, workflow: Callable[[Options], None], **given: Any) -> None:
    """Run `workflow` with this command's options (the selection falls back to those given before it)."""
    options = Options.parsed({**ctx.obj, **{key: given[key] for key in SELECTION if given.get(key)}},
                             {key: value for key, value in given.items() if key not in SELECTION})
    ctx.exit(run_reporting(lambda: workflow(options), options.debug))


