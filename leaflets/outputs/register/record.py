"""Reading and writing the record: a leaflet given, the recall list of a version, a withdrawal,
and erasing one patient's entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.orm import Session

from .patients import Patient
from .schema import Given, Withdrawal


def now() -> dt.datetime:
    """The time now in UTC, to the second, without a zone (as the record stores it)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def withdrawal(session: Session, leaflet: str, version: str) -> Withdrawal | None:
    """The withdrawal of this version of this leaflet (by file name or id), if any."""
    return session.scalars(select(Withdrawal).where(
        or_(Withdrawal.leaflet == leaflet, Withdrawal.leaflet_id == leaflet), Withdrawal.version == version)).first()


def recipients(session: Session, leaflet: str | None, version: str | None = None,
               since: dt.date | None = None) -> Sequence[Given]:
    """Who received what, oldest first: of one leaflet (file name or id), one version, from a day on."""
    query = select(Given).order_by(Given.given_at, Given.id)
    if leaflet:
        query = query.where(or_(Given.leaflet == leaflet, Given.leaflet_id == leaflet))
    if version:
        query = query.where(Given.version == version)
    if since:
        query = query.where(Given.given_at >= dt.datetime.combine(since, dt.time()))
    return session.scalars(query).all()


def known(session: Session, leaflet: str) -> tuple[str, str] | None:
    """The file name and id the record knows this leaflet by, from any entry or withdrawal."""
    for table in (Given, Withdrawal):
        row = session.execute(select(table.leaflet, table.leaflet_id).where(
            or_(table.leaflet == leaflet, table.leaflet_id == leaflet)).limit(1)).first()
        if row is not None:
            return row[0], row[1]
    return None


def withdraw(session: Session, leaflet: str, leaflet_id: str, version: str, reason: str) -> Withdrawal:
    """Mark this version withdrawn (once: a second withdrawal keeps the first's reason and time)."""
    found = withdrawal(session, leaflet, version)
    if found is not None:
        return found
    row = Withdrawal(leaflet=leaflet, leaflet_id=leaflet_id, version=version, reason=reason, withdrawn_at=now())
    session.add(row)
    session.flush()
    return row


def _of(patient: Patient) -> ColumnElement[bool]:
    if patient.nhs_number:
        return or_(Given.nhs_number == patient.nhs_number, Given.patient == patient.reference)
    return Given.patient == patient.reference


def entries_of(session: Session, patient: Patient) -> Sequence[Given]:
    """Every entry for this patient: by the reference as typed, or by an NHS number however spaced."""
    return session.scalars(select(Given).where(_of(patient))).all()


def forget(session: Session, patient: Patient) -> int:
    """Erase every entry for this patient; how many there were."""
    return session.execute(delete(Given).where(_of(patient))).rowcount  # type: ignore[attr-defined]
