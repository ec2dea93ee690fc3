"""Where the record lives and how it is opened: SQLite in the user's data folder, readable by them
alone, never inside the project; a shared PostgreSQL by URL; the schema made by the migrations."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import ROOT
from recording import cli
from sqlalchemy import select, text

from leaflets.outputs.register.database import opened
from leaflets.outputs.register.schema import Base, Withdrawal


def test_by_default_the_record_is_in_the_data_folder_readable_by_its_owner_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("LEAFLETS_DATABASE_URL", raising=False)
    result = cli("given")
    assert result.exit_code == 0, result.output
    record = tmp_path / "data" / "leaflets" / "record.sqlite3"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700


def test_the_environment_names_a_shared_database(record_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEAFLETS_DATABASE_URL", record_db)
    result = cli("withdraw", "alpha", "--version", "0.1", "--reason", "superseded", "--content",
                 ROOT / "tests" / "fixtures" / "content")
    assert result.exit_code == 0, result.output
    with opened(record_db) as session:
        assert session.scalars(select(Withdrawal.version)).all() == ["0.1"]


def test_a_record_inside_the_project_is_refused() -> None:
    result = cli("given", "--database", f"sqlite:///{ROOT / 'record.sqlite3'}")
    assert result.exit_code == 2 and "may not be kept inside the project" in result.output
    assert not (ROOT / "record.sqlite3").exists()


def test_a_database_that_cannot_be_reached_is_named_without_its_password() -> None:
    result = cli("given", "--database", "postgresql://clinic:S3cretPassw0rd@127.0.0.1:1/record")
    assert result.exit_code == 1
    assert "cannot open the record at postgresql+psycopg://clinic:***@127.0.0.1:1/record" in result.output
    assert "S3cretPassw0rd" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("url", ["mysql://a:pw@host/db", "not a url", "sqlite://"])
def test_other_databases_are_usage_errors(url: str) -> None:
    result = cli("given", "--database", url)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "pw@" not in result.output


def test_opening_applies_the_migrations_to_the_schema_the_code_uses(record_db: str) -> None:
    with opened(record_db) as session:
        connection = session.connection()
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
