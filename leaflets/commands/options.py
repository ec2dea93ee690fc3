"""The parsed command line: one typed, frozen object that every workflow reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SELECTION = ("brands", "leaflets", "languages", "content_dir", "today", "debug")  # before or after the command
HOST = "127.0.0.1"  # the preview's default address: only this computer can connect
PORT = 8000


@dataclass(frozen=True)
class Options:
    """Every option and argument of every command, as given; each command reads its own.

    The selection (content, brands, leaflets, languages, today, debug) may be given before the
    command or after it: leaflets/cli/ merges the two before making this.
    """

    content_dir: Path | None = None
    brands: tuple[str, ...] = ()
    leaflets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    today_given: bool = False  # the preview follows the calendar unless --today fixes the day
    debug: bool = False
    out: Path | None = None  # --out as given (a file for `translations export`); each command has its default
    # building
    release: bool = False
    profile: str = "email"  # email, print or the booklet's
    paper: str | None = None
    large_print: bool | None = None
    crop_marks: bool = False
    force: bool = False
    workers: int = 1
    shard: str | None = None
    # serve
    host: str = HOST
    port: int = PORT
    # email
    to: str | None = None
    eml_dir: Path | None = None
    send: bool = False
    allow_draft: bool = False
    # merge's folders; the LEAFLET, LANGUAGE and PO_FILE arguments of email and translations
    folders: tuple[Path, ...] = ()
    leaflet: str = ""
    language: str = ""
    po_file: Path | None = None
    # translations record-check
    checked_by: str | None = None
    checked_on: dt.date | None = None
    # approve
    approved_by: str | None = None
    role: str | None = None
    approved_on: dt.date | None = None
    signs_by: str | None = None  # who confirmed the urgent box's signs for the unit
    signs_on: dt.date | None = None

    @classmethod
    def parsed(cls, selection: dict[str, Any], given: dict[str, Any]) -> Options:
        """The options from click's values: the selection's (`today` as click's datetime, or
        None), and the command's own."""
        today = selection.get("today")
        return cls(content_dir=selection.get("content_dir"), brands=tuple(selection.get("brands") or ()),
                   leaflets=tuple(selection.get("leaflets") or ()), languages=tuple(selection.get("languages") or ()),
                   today=today.date() if today else dt.date.today(), today_given=today is not None,
                   debug=bool(selection.get("debug")), **given)
