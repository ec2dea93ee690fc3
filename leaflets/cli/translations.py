"""`build.py translations ...`: hand translations to a translator as PO files, take them back, and
record a check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..commands import translations
from .options import content_option, out_option, run_workflow, selection_options


@click.group("translations")
def translations_group() -> None:
    """Hand translations to a translator as gettext PO files, and take them back.

    Each translation lives in content/translations/<language>/<leaflet>.yaml (glossary.yaml for
    the glossary); `status` lists them and what makes each one a draft.
    """


@translations_group.command("export")
@click.argument("language")
@click.argument("leaflet")
@content_option("Read content from DIR.")
@out_option("Write the PO file here (default: LEAFLET.LANGUAGE.po in the current folder).", file=True)
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def export_command(ctx: click.Context, **given: Any) -> None:
    """Write LEAFLET (or 'glossary') in LANGUAGE as a PO file for a translator: every field, its
    English, the translation so far; fields whose English changed are marked fuzzy."""
    run_workflow(ctx, translations.export, **given)


@translations_group.command("import")
@click.argument("po_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("language")
@click.argument("leaflet")
@content_option("Write into DIR's translations.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def import_command(ctx: click.Context, **given: Any) -> None:
    """Read a translator's PO file into content/translations/LANGUAGE/LEAFLET.yaml.

    Fields the translator changed record the English they were translated from. Nothing in the PO
    file marks it checked: a checked translation whose text changed goes back to unchecked. The file
    is replaced only if the whole project loads with it.
    """
    run_workflow(ctx, translations.import_, **given)


@translations_group.command("record-check")
@click.argument("language")
@click.argument("leaflet")
@click.option("--by", "checked_by", required=True, metavar="NAME", help="The qualified translator who checked it.")
@click.option("--on", "checked_on", default=None, metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d"]),
              help="The day they checked it (default: today).")
@content_option("Read content from DIR.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def record_check_command(ctx: click.Context, **given: Any) -> None:
    """Record that a qualified translator checked LEAFLET (or 'glossary') in LANGUAGE against the
    English as it is now: the only way a translation becomes checked. Any later change to the
    English or to the translation returns it to unchecked."""
    on = given.pop("checked_on")
    run_workflow(ctx, translations.record_check, checked_on=on.date() if on else None, **given)


@translations_group.command("status")
@selection_options
@click.pass_context
def status_command(ctx: click.Context, **given: Any) -> None:
    """List every translation: checked or not, and each reason it is a draft."""
    run_workflow(ctx, translations.status, **given)
