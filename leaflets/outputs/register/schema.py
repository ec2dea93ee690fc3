"""The record's tables. The database itself is made and changed only by the Alembic migrations in
migrations/versions/ (database.py applies them on open); these classes are how the code reads and
writes rows, and must match the newest migration (tests/test_record_database.py checks)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Given(Base):
    """One leaflet given to one patient: the exact PDF (its SHA-256, SHA-1 and size), when (UTC,
    stored without a zone so SQLite and PostgreSQL read back the same), how, by whom, and the
    patient's reference as typed."""

    __tablename__ = "given"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    given_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    leaflet_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)  # MSL-IVIG
    leaflet: Mapped[str] = mapped_column(String(64), nullable=False, index=True)  # ivig, its file name
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    version: Mapped[str] = mapped_column(String(32), nullable=False)
    review_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    brand: Mapped[str] = mapped_column(String(64), nullable=False)
    language: Mapped[str] = mapped_column(String(16), nullable=False)
    profile: Mapped[str] = mapped_column(String(16), nullable=False)
    paper: Mapped[str] = mapped_column(String(8), nullable=False)
    large_print: Mapped[bool] = mapped_column(Boolean, nullable=False)
    pdf: Mapped[str] = mapped_column(String(300), nullable=False)  # its path in the output folder
    url: Mapped[str | None] = mapped_column(String(300))  # the leaflet's web page, when the clinic publishes one
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    sha1: Mapped[str] = mapped_column(String(40), nullable=False)  # FHIR's Attachment.hash
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    given_by: Mapped[str] = mapped_column(String(16), nullable=False)
    patient: Mapped[str] = mapped_column(String(64), nullable=False, index=True)  # as typed
    nhs_number: Mapped[str | None] = mapped_column(String(10), index=True)  # its 10 digits, when it is one
    notification_id: Mapped[str | None] = mapped_column(String(64))  # GOV.UK Notify's, for that channel


class Withdrawal(Base):
    """A version that may no longer be given, and why."""

    __tablename__ = "withdrawn"
    __table_args__ = (UniqueConstraint("leaflet", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    leaflet_id: Mapped[str] = mapped_column(String(64), nullable=False)
    leaflet: Mapped[str] = mapped_column(String(64), nullable=False)
    version: Mapped[str] = mapped_column(String(32), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    withdrawn_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
