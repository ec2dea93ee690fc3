"""`build.py give`, `given`, `withdraw` and `forget`: the record of leaflets given to patients."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..commands import give as giving
from ..commands import recall
from ..commands.messages import run as run_reporting
from ..model.variants import PAPERS
from .options import content_option, out_option

DATABASE = click.option("--database", default=None, metavar="URL",
                        help="The record's database: sqlite:////path/record.sqlite3 or postgresql://user@host/db "
                             "(default: LEAFLETS_DATABASE_URL, else record.sqlite3 in your data folder).")
DEBUG = click.option("--debug", is_flag=True, help="Show a traceback for errors.")


def _run(ctx: click.Context, debug: bool, action: Callable[[], None]) -> None:
    ctx.exit(run_reporting(action, debug))


@click.command("give")
@click.argument("leaflet")
@click.option("--brand", default=None, metavar="NAME", help="The clinic whose leaflet it is (needed if several).")
@click.option("--language", default="en", show_default=True, metavar="CODE", help="The language of the PDF given.")
@click.option("--large-print", is_flag=True, help="Give the large-print PDF.")
@click.option("--profile", type=click.Choice(("email", "print")), default="email", show_default=True,
              help="Which build's PDF: email (screen and office printer) or print (print shop).")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default=None,
              help="The PDF's paper size (default: the brand's).")
@click.option("--patient", required=True, metavar="REF",
              help="The patient's NHS number (checked) or hospital number (kept as typed).")
@click.option("--channel", type=click.Choice(giving.CHANNELS), required=True,
              help="How the leaflet reaches the patient.")
@click.option("--by", required=True, metavar="INITIALS", help="Your initials.")
@click.option("--to", default=None, metavar="ADDRESS", help="The patient's email address (email channels).")
@content_option("Read content from DIR.")
@out_option("The build's output folder holding the PDF and manifest.json (default: output/).")
@DATABASE
@DEBUG
@click.pass_context
def give_command(ctx: click.Context, debug: bool, **given: Any) -> None:
    """Give LEAFLET to a patient and record it: the exact PDF the build made (its SHA-256 from the
    manifest), when, how and by whom. Refuses a leaflet --release would refuse, and a withdrawn
    version. Prints the line for the consent form."""
    _run(ctx, debug, lambda: giving.give(giving.Giving(**given)))


@click.command("given")
@click.option("--leaflet", default=None, metavar="ID", help="Only this leaflet (file name or id).")
@click.option("--version", default=None, metavar="V", help="Only this version (with --leaflet).")
@click.option("--since", default=None, metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d"]),
              help="Only those given on or after this day (UTC).")
@click.option("--csv", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Also write the list as CSV (readable by you alone; not inside the project).")
@click.option("--fhir", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Also write each entry as a FHIR R4B Communication (UK Core), one JSON per line (NDJSON).")
@DATABASE
@DEBUG
@click.pass_context
def given_command(ctx: click.Context, debug: bool, since: Any, **given: Any) -> None:
    """List who received which leaflet: when, which version, language and format, how and by whom."""
    _run(ctx, debug, lambda: recall.given(since=since.date() if since else None, **given))


@click.command("withdraw")
@click.argument("leaflet")
@click.option("--version", required=True, metavar="V", help="The version to withdraw.")
@click.option("--reason", required=True, metavar="TEXT", help="Why (shown when give refuses it).")
@content_option("Read content from DIR.")
@DATABASE
@DEBUG
@click.pass_context
def withdraw_command(ctx: click.Context, debug: bool, **given: Any) -> None:
    """Withdraw a version of LEAFLET: give refuses it from now on, and the patients who received it
    are listed for the team to contact."""
    _run(ctx, debug, lambda: recall.withdraw(**given))


@click.command("forget")
@click.option("--patient", required=True, metavar="REF", help="The patient's NHS number or hospital number.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@DATABASE
@DEBUG
@click.pass_context
def forget_command(ctx: click.Context, debug: bool, **given: Any) -> None:
    """Erase every entry for one patient from the record (asks first)."""
    _run(ctx, debug, lambda: recall.forget(**given))


COMMANDS = (give_command, given_command, withdraw_command, forget_command)
