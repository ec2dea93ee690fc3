"""The record's lists written to files: CSV for a spreadsheet, FHIR NDJSON for a patient record
system. Each file names patients, so it is made readable by its owner alone, and never inside the
project."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ... import ROOT
from ...errors import UsageError
from .fhir import communication
from .schema import Given

COLUMNS = ("given_at", "leaflet_id", "leaflet", "title", "version", "language", "format", "brand", "channel",
           "given_by", "patient", "nhs_number", "sha256", "notification_id")
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with these


def format_of(entry: Given) -> str:
    """standard, A4, email: how the PDF was made."""
    return f"{'large print' if entry.large_print else 'standard'}, {entry.paper.upper()}, {entry.profile}"


def row(entry: Given) -> dict[str, str]:
    return {"given_at": entry.given_at.isoformat(timespec="seconds") + "Z", "leaflet_id": entry.leaflet_id,
            "leaflet": entry.leaflet, "title": entry.title, "version": entry.version, "language": entry.language,
            "format": format_of(entry), "brand": entry.brand, "channel": entry.channel, "given_by": entry.given_by,
            "patient": entry.patient, "nhs_number": entry.nhs_number or "", "sha256": entry.sha256,
            "notification_id": entry.notification_id or ""}


def _cell(value: str) -> str:
    """A value a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    return f"'{value}" if value.startswith(FORMULA) else value


def csv_text(entries: Sequence[Given]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _cell(value) for key, value in row(entry).items()})
    return out.getvalue()


def ndjson_text(entries: Sequence[Given]) -> str:
    """One Communication per line (FHIR's bulk data format, NDJSON)."""
    return "".join(json.dumps(communication(entry), ensure_ascii=False) + "\n" for entry in entries)


def write_private(path: Path, text: str) -> Path:
    """Write `text` to `path` (replacing it) in one step, readable by its owner alone."""
    target = path.expanduser().resolve()
    if target.is_relative_to(ROOT.resolve()):
        raise UsageError(f"{path} is inside the project: the list names patients, so write it elsewhere "
                         "(your home folder, or the clinic's secure drive)")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
