"""`build.py approve`: record a clinic's approval of a leaflet in one language."""

from __future__ import annotations

from typing import Any

import click

from ..commands import approve
from .options import content_option, run_workflow

DAY = click.DateTime(["%Y-%m-%d"])


@click.command("approve")
@click.argument("leaflet")
@click.option("--brand", "brands", required=True, multiple=True, metavar="NAME",
              help="The clinic whose patient-information group approved it.")
@click.option("--language", required=True, metavar="CODE", help="The language approved: en, cy, pl, ur...")
@click.option("--by", "approved_by", required=True, metavar="NAME", help="Who approved it.")
@click.option("--role", required=True, metavar="ROLE", help="Their role, for example 'Consultant neurologist'.")
@click.option("--on", "approved_on", default=None, metavar="YYYY-MM-DD", type=DAY,
              help="The day it was approved (default: today).")
@click.option("--signs-confirmed-by", "signs_by", default=None, metavar="NAME",
              help="Who confirmed for the unit that each urgent sign, and whom it sends patients to, is right.")
@click.option("--signs-confirmed-on", "signs_on", default=None, metavar="YYYY-MM-DD", type=DAY,
              help="The day they confirmed it (default: the approval's day).")
@content_option("Read content and brands from this folder instead of content/.")
@click.option("--today", default=None, metavar="YYYY-MM-DD", type=DAY,
              help="Judge review dates as of this day instead of today.")
@click.option("--debug", is_flag=True, default=None, help="Show a traceback for errors.")
@click.pass_context
def approve_command(ctx: click.Context, **given: Any) -> None:
    """Record that BRAND's patient-information group approved LEAFLET in LANGUAGE, exactly as BRAND
    prints it: into content/brands/BRAND/approvals.yaml, with the fingerprint of what was approved.

    Any later change to what that PDF prints (a sentence, a phone number in the brand file, a
    glossary entry it shows) makes it a draft again, naming what changed. Another brand's PDF, or
    another language's, needs its own approval.
    """
    for day in ("approved_on", "signs_on"):
        given[day] = given[day].date() if given[day] else None
    run_workflow(ctx, approve.approve, **given)
