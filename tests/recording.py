"""The record of leaflets given, for the tests: one database per test module on each backend
(SQLite in a temporary folder, and PostgreSQL when .ci/run starts one), emptied before each test;
the approved test leaflet built once; and the command line run in-process.

The PostgreSQL tests run when LEAFLETS_TEST_DATABASE_URL names a database the tests may create
schemas in; without it they are skipped, unless LEAFLETS_REQUIRE_POSTGRES=1 (set by .ci/run), when
they fail: CI must not pass by skipping them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from approving import approve, keep_in_date
from click.testing import CliRunner, Result
from conftest import FIXTURE_CONTENT, run_build, shared
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from leaflets.cli import main
from leaflets.outputs.register.database import opened
from leaflets.outputs.register.schema import Given

BACKENDS = ("sqlite", "postgresql")
PAGES = "https://test-clinic.example.org/leaflets/"  # where the test clinic publishes its leaflets


def cli(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], obj={}, input=input)


def _postgres_server() -> str:
    url = os.environ.get("LEAFLETS_TEST_DATABASE_URL")
    if not url:
        if os.environ.get("LEAFLETS_REQUIRE_POSTGRES") == "1":
            pytest.fail("LEAFLETS_REQUIRE_POSTGRES=1 but LEAFLETS_TEST_DATABASE_URL is not set", pytrace=False)
        pytest.skip("no PostgreSQL server: set LEAFLETS_TEST_DATABASE_URL (.ci/run starts one and sets it)")
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def record_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of the module's own: a SQLite file, or a PostgreSQL schema (dropped afterwards),
    so test modules running side by side never share rows."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('record')}/record.sqlite3"
        return
    server = make_url(_postgres_server()).set(drivername="postgresql+psycopg")
    schema = f"t_{request.module.__name__}_{os.getpid()}".lower()
    engine = create_engine(server)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = server.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def record_db(record_url: str) -> str:
    """The module's database, its schema made as the commands make it, emptied of every entry and
    withdrawal."""
    with opened(record_url) as session:
        for table in ("given", "withdrawn"):
            session.execute(text(f"DELETE FROM {table}"))
    return record_url


def rows(url: str) -> list[dict]:
    """Every entry in the record, oldest first, by column (dates and times as Python's)."""
    with opened(url) as session:
        return [{column.key: getattr(entry, column.key) for column in Given.__table__.columns}
                for entry in session.scalars(select(Given).order_by(Given.id))]


def _make_approved(folder: Path) -> None:
    content = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    with (content / "brands" / "testclinic" / "_brand.yml").open("a", encoding="utf-8") as brand:
        brand.write(f"defaults:\n  leaflets:\n    url: {PAGES}{{id}}\n")
    keep_in_date(content, "alpha")
    approve(content, "alpha")
    result = run_build("--content", content, "--out", folder / "output", "--brand", "testclinic", "--leaflet",
                       "alpha", "--language", "en", "--standard-print", "--jobs", "1", measured=False)
    assert result.code == 0, result.err


@pytest.fixture
def built_approved(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A private copy of the test project with alpha approved (overview still a draft), published
    at PAGES, and alpha's standard English email PDF built into output/ with its manifest: built
    once per run."""
    made = shared(tmp_path_factory, "record-approved", _make_approved)
    target = tmp_path / "project"
    shutil.copytree(made, target, ignore=shutil.ignore_patterns(".made"))
    return target


def give(project: Path, record_db: str, *args: str, leaflet: str = "alpha", patient: str = "943 476 5919",
         channel: str = "print") -> Result:
    """`build.py give` of the test project's built output, for the test clinic by AB (on paper)."""
    return cli("give", leaflet, "--content", project / "content", "--out", project / "output", "--patient", patient,
               "--channel", channel, "--by", "AB", "--database", record_db, *args)
