"""No patient reference outside the record: not in the project, its manifest or output folder, not
in what the commands print (but the lists asked for), and not in any log line, --debug included."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from recording import cli, give

REFERENCE = "ZQX-PRIVATE-4471"  # a hospital number no file of the project could hold by chance


def files_holding(folder: Path, text: str) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and text.encode() in path.read_bytes()]


def test_giving_with_debug_writes_the_reference_only_into_the_record(built_approved: Path, record_db: str,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # SQLAlchemy's SQL and values, if a clinic turns them on
    given = give(built_approved, record_db, "--debug", patient=REFERENCE)
    assert given.exit_code == 0, given.output
    cli("withdraw", "alpha", "--version", "1.0", "--reason", "test", "--database", record_db, "--debug",
        "--content", built_approved / "content")
    refused = give(built_approved, record_db, "--debug", patient=REFERENCE)
    assert refused.exit_code == 1
    assert REFERENCE not in given.output + refused.output
    assert not [record for record in caplog.records if REFERENCE in record.getMessage()]
    assert files_holding(built_approved, REFERENCE) == []  # content, output/ and manifest.json


def test_a_refused_reference_is_not_printed_with_debug(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db, "--debug", patient="123 456 7890")
    assert result.exit_code == 2 and "456" not in result.output
