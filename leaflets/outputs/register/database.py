"""Where the record lives and how it is opened: SQLite in the user's data folder by default, or a
clinic's shared PostgreSQL (`--database URL` or LEAFLETS_DATABASE_URL). Opening applies any
migration not yet applied, so every copy of the tool reads and writes the same schema.

A URL is only ever shown with its password hidden; a SQLite file inside the project is refused,
since the project is shared, versioned and published, and the record names patients."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from ... import ROOT
from ...errors import LeafletError, UsageError

ENVIRONMENT = "LEAFLETS_DATABASE_URL"
LOGGER = "leaflets-record"
FILE_NAME = "record.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"
URL_HINT = "use sqlite:////full/path/record.sqlite3 or postgresql://user:password@host/database"


def default_path() -> Path:
    """The per-user data folder's record ($XDG_DATA_HOME/leaflets, by default ~/.local/share/leaflets)."""
    return platformdirs.user_data_path("leaflets") / FILE_NAME


def database_url(given: str | None) -> URL:
    """The record's URL: `given`, else the environment's, else SQLite in the data folder. PostgreSQL
    is reached through psycopg 3 whatever driver the URL names."""
    text = given or os.environ.get(ENVIRONMENT) or ""
    if not text:
        return URL.create("sqlite", database=str(default_path()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise UsageError(f"the record's database address is not a database URL ({URL_HINT}; it is not shown "
                         "here, as it may hold a password)") from None
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return url.set(drivername="sqlite")
    raise UsageError(f"the record lives in SQLite or PostgreSQL, not in {url.get_backend_name()!r} ({URL_HINT})")


def shown(url: URL) -> str:
    """The URL as the user may see it: never its password."""
    return url.render_as_string(hide_password=True)


def _sqlite_file(url: URL) -> None:
    """Make the SQLite file outside the project, readable by its owner alone, in a folder that is too
    when the tool makes it."""
    path = Path(url.database or "").expanduser().resolve()
    if path.is_relative_to(ROOT.resolve()):
        raise UsageError(f"the record may not be kept inside the project ({path}): it names patients, and the "
                         "project is shared and published; leave out --database to keep it in your data folder")
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    if path.parent == default_path().parent and path.parent.stat().st_uid == os.getuid():
        path.parent.chmod(0o700)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    if path.stat().st_uid == os.getuid():
        path.chmod(0o600)


def _migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _wait_for_writers(dbapi_connection: object, _record: object) -> None:
    """Two staff giving leaflets at once on one SQLite file: the second waits for the first's write
    (up to 5 seconds) rather than failing at once. (SQLite makes its journal with the file's mode.)"""
    dbapi_connection.execute("PRAGMA busy_timeout = 5000")  # type: ignore[attr-defined]


@contextmanager
def opened(given: str | None) -> Iterator[Session]:
    """A session on the record, its schema brought up to date; committed when the block ends
    without an error. A database that cannot be opened is a plain error naming it (password hidden)."""
    url = database_url(given)
    if url.get_backend_name() == "sqlite":
        _sqlite_file(url)
    try:
        # Neither SQLAlchemy's log lines nor its error messages may quote the values written or the rows
        # read, which name patients: values hidden, and this engine's own logger kept to warnings even
        # when logging is turned up for everything else.
        logging.getLogger(f"sqlalchemy.engine.Engine.{LOGGER}").setLevel(logging.WARNING)
        engine = create_engine(url, hide_parameters=True, logging_name=LOGGER)
    except (ArgumentError, ImportError) as exc:
        raise UsageError(f"cannot use the database {shown(url)}: {exc}") from None
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _wait_for_writers)
    try:
        try:
            _migrate(engine)
        except SQLAlchemyError as exc:
            raise LeafletError(f"cannot open the record at {shown(url)}: {_reason(exc)}") from None
        try:
            with Session(engine) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise LeafletError(f"the record at {shown(url)} failed: {_reason(exc)}; nothing was recorded") from None
    finally:
        engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own first line (psycopg's names the server and user, never the password)."""
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
