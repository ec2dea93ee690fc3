"""`build.py given`, `withdraw` and `forget`: who received which version (on screen, as CSV or as
FHIR), withdrawing a version so it is given no more and its recipients can be contacted, and
erasing one patient's entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import LeafletError, UsageError
from .messages import count

if TYPE_CHECKING:
    from ..outputs.register.schema import Given


def given(leaflet: str | None, version: str | None, since: dt.date | None, csv: Path | None, fhir: Path | None,
          database: str | None) -> None:
    """List the entries chosen (all, one leaflet's, one version's, from a day on); write them as
    CSV or FHIR too when asked."""
    from ..outputs.register.database import opened
    from ..outputs.register.exports import csv_text, ndjson_text, write_private
    from ..outputs.register.record import recipients
    if version and not leaflet:
        raise UsageError("--version needs --leaflet: versions are numbered per leaflet")
    with opened(database) as session:
        entries = recipients(session, leaflet, version, since)
        fhir_text = ndjson_text(entries) if fhir else None  # checked before any file is written
        show(entries)
        if csv:
            click.echo(f"wrote {write_private(csv, csv_text(entries))}")
        if fhir and fhir_text is not None:
            click.echo(f"wrote {write_private(fhir, fhir_text)} (FHIR R4B Communication, one per line)")


def show(entries: Sequence[Given]) -> None:
    """One line per entry: when, what, how, by whom, to whom."""
    from ..outputs.register.exports import format_of
    for entry in entries:
        click.echo(f"{entry.given_at:%Y-%m-%d %H:%M}Z  {entry.leaflet_id} {entry.version} {entry.language} "
                   f"({format_of(entry)})  {entry.channel} by {entry.given_by}  to {entry.patient}")
    click.echo(f"{count(len(entries), 'leaflet')} given")


def withdraw(leaflet: str, version: str, reason: str, content_dir: Path | None, database: str | None) -> None:
    """Withdraw this version: `give` refuses it from now on; list who received it, to contact them."""
    from ..outputs.register.database import opened
    from ..outputs.register.record import known, recipients
    from ..outputs.register.record import withdraw as mark
    if not reason.strip():
        raise UsageError("--reason is empty: say why the version is withdrawn (the team reads it when give refuses)")
    with opened(database) as session:
        names = known(session, leaflet) or _in_project(leaflet, content_dir)
        row = mark(session, names[0], names[1], version, reason.strip())
        entries = recipients(session, names[0], version)
        click.echo(f"{row.leaflet_id} version {version} is withdrawn ({row.reason}); give refuses it from now on. "
                   "Contact these patients:")
        show(entries)


def _in_project(leaflet: str, content_dir: Path | None) -> tuple[str, str]:
    """The file name and id of a leaflet the record has no entry of yet, from the content."""
    from ..model.project import load_project
    project = load_project(ROOT, content_dir, (), (leaflet,))
    slug = next(slug for slug, lf in project.leaflets.items() if leaflet in (slug, lf.model.document.id))
    return slug, project.leaflets[slug].model.document.id


def _entries(number: int) -> str:
    return f"{number} {'entry' if number == 1 else 'entries'}"


def forget(patient: str, yes: bool, database: str | None) -> None:
    """Erase every entry for one patient, after asking (unless --yes)."""
    from ..outputs.register.database import opened
    from ..outputs.register.patients import patient as reference
    from ..outputs.register.record import entries_of
    from ..outputs.register.record import forget as erase
    who = reference(patient)
    with opened(database) as session:
        found = len(entries_of(session, who))
        if not found:
            click.echo("the record has no entry for this patient; nothing was erased")
            return
        if not yes and not click.confirm(f"Erase {_entries(found)} for this patient from the record? "
                                         "This cannot be undone", default=False, err=True):
            raise LeafletError("nothing was erased")
        erased = erase(session, who)
    click.echo(f"erased {_entries(erased)} for this patient")
