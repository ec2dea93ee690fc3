"""Recall: `given` lists who received what (and writes CSV), `withdraw` stops a version being given
and lists its recipients, `forget` erases one patient's entries."""

from __future__ import annotations

import csv
import datetime as dt
import stat
from pathlib import Path

from recording import cli, give, rows


def test_withdraw_lists_the_versions_recipients_and_give_then_refuses_it(built_approved: Path, record_db: str) -> None:
    give(built_approved, record_db, patient="943 476 5919")
    give(built_approved, record_db, patient="RX-1")
    result = cli("withdraw", "alpha", "--version", "1.0", "--reason", "a risk figure was wrong", "--database",
                 record_db, "--content", built_approved / "content")
    assert result.exit_code == 0, result.output
    assert "TEST-ALPHA version 1.0 is withdrawn (a risk figure was wrong)" in result.output
    assert "to 943 476 5919" in result.output and "to RX-1" in result.output
    again = give(built_approved, record_db, patient="RX-2")
    assert again.exit_code == 1
    assert "TEST-ALPHA version 1.0 was withdrawn on" in again.output and "a risk figure was wrong" in again.output
    assert [entry["patient"] for entry in rows(record_db)] == ["943 476 5919", "RX-1"]


def test_a_version_nobody_received_can_be_withdrawn_by_leaflet_id(built_approved: Path, record_db: str) -> None:
    result = cli("withdraw", "TEST-ALPHA", "--version", "1.0", "--reason", "superseded", "--database", record_db,
                 "--content", built_approved / "content")
    assert result.exit_code == 0, result.output
    assert "0 leaflets given" in result.output
    assert give(built_approved, record_db).exit_code == 1


def test_withdrawing_an_unknown_leaflet_is_a_usage_error(built_approved: Path, record_db: str) -> None:
    result = cli("withdraw", "nosuch", "--version", "1.0", "--reason", "x", "--database", record_db,
                 "--content", built_approved / "content")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_given_lists_one_versions_recipients(built_approved: Path, record_db: str) -> None:
    give(built_approved, record_db, patient="RX-1")
    result = cli("given", "--leaflet", "alpha", "--version", "1.0", "--database", record_db)
    assert result.exit_code == 0
    assert "TEST-ALPHA 1.0 en (standard, A4, email)  print by AB  to RX-1" in result.output
    assert "1 leaflet given" in result.output
    other = cli("given", "--leaflet", "alpha", "--version", "0.9", "--database", record_db)
    assert "to RX-1" not in other.output and "0 leaflets given" in other.output


def test_given_since_a_later_day_lists_nothing_given_before_it(built_approved: Path, record_db: str) -> None:
    give(built_approved, record_db, patient="RX-1")
    tomorrow = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()
    assert "0 leaflets given" in cli("given", "--since", tomorrow, "--database", record_db).output
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert "1 leaflet given" in cli("given", "--since", today, "--database", record_db).output


def test_the_csv_has_one_row_per_entry_readable_by_its_owner_alone(built_approved: Path, record_db: str,
                                                                    tmp_path: Path) -> None:
    give(built_approved, record_db, patient="=HYPERLINK(1)")
    result = cli("given", "--leaflet", "TEST-ALPHA", "--csv", tmp_path / "list.csv", "--database", record_db)
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader((tmp_path / "list.csv").open(encoding="utf-8", newline="")))
    assert (row["leaflet_id"], row["version"], row["channel"], row["given_by"]) == ("TEST-ALPHA", "1.0", "print", "AB")
    assert row["patient"] == "'=HYPERLINK(1)"  # a spreadsheet shows it as text, not a formula
    assert row["sha256"] == rows(record_db)[0]["sha256"]
    assert stat.S_IMODE((tmp_path / "list.csv").stat().st_mode) == 0o600


def test_a_list_is_never_written_inside_the_project(record_db: str) -> None:
    from conftest import ROOT
    result = cli("given", "--csv", ROOT / "list.csv", "--database", record_db)
    assert result.exit_code == 2 and "inside the project" in result.output
    assert not (ROOT / "list.csv").exists()


def test_forget_erases_one_patients_entries_however_the_nhs_number_was_spaced(built_approved: Path,
                                                                             record_db: str) -> None:
    give(built_approved, record_db, patient="943 476 5919")
    give(built_approved, record_db, patient="RX-1")
    result = cli("forget", "--patient", "9434765919", "--database", record_db, input="y\n")
    assert result.exit_code == 0, result.output
    assert "erased 1 entry for this patient" in result.output
    assert [entry["patient"] for entry in rows(record_db)] == ["RX-1"]


def test_forget_erases_nothing_unless_confirmed(built_approved: Path, record_db: str) -> None:
    give(built_approved, record_db, patient="RX-1")
    result = cli("forget", "--patient", "RX-1", "--database", record_db, input="n\n")
    assert result.exit_code == 1 and "nothing was erased" in result.output
    assert len(rows(record_db)) == 1
