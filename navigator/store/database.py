"""Choosing, opening and migrating a database, with one clear sentence for every failure a user
can cause (locked, read-only, damaged, not ours, made by a newer app).

Which database (FORMATS.md §5): `--db PATH_OR_URL`, else `NAVIGATOR_DB`, else the user's own
copy of the bundled sample directory in their data folder, so the repository's
`resources.db` is never changed by use.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
BUNDLED_DIRECTORY = Path(__file__).resolve().parents[2] / "resources.db"
APP_NAME = "Navigator"


class StoreError(Exception):
    """A storage problem the user can act on; `str(error)` is one plain sentence."""


@dataclass(frozen=True, slots=True)
class Database:
    """An open database: its engine and a factory for short, explicit sessions."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The user's Navigator data folder (NAVIGATOR_DATA_DIR overrides it, for tests)."""
    env = os.environ if env is None else env
    override = env.get("NAVIGATOR_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def choose_directory_url(db: str | None, env: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL of the directory database, per FORMATS.md §5."""
    env = os.environ if env is None else env
    target = db or env.get("NAVIGATOR_DB")
    if target:
        return to_url(target)
    own_copy = data_dir(env) / "directory.db"
    if not own_copy.exists() and BUNDLED_DIRECTORY.exists():
        own_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BUNDLED_DIRECTORY, own_copy)
    return to_url(str(own_copy))


def to_url(target: str) -> str:
    """A file path becomes an SQLite URL; anything with '://' is taken as a URL."""
    if "://" in target:
        try:
            make_url(target)
        except ArgumentError as error:
            raise StoreError(f"{target!r} is not a database address Navigator understands.") \
                from error
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):  # an SQLite URI filename, e.g. mode=ro
        return Path(parsed.database.removeprefix("file:"))
    return Path(parsed.database)


def open_database(url: str, *, create: bool = True) -> Database:
    """Open and migrate to the newest schema; raise StoreError with a plain sentence."""
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, create=create)
    engine = _make_engine(url)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    try:
        migrate(database)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as error:
        engine.dispose()
        raise describe_error(error, url) from error
    return database


def _make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 5})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists():
        if not create:
            raise StoreError(f"There is no database at {path}.")
        if not path.parent.is_dir():
            raise StoreError(f"The folder {path.parent} does not exist.")
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and header != b"SQLite format 3\x00":
        raise StoreError(f"{path.name} is not a Navigator database (it is some other kind of "
                         "file).")


def _alembic_config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    script = ScriptDirectory.from_config(_alembic_config(None))
    head = script.get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def migrate(database: Database) -> None:
    """Bring the schema to the newest revision, copying an SQLite file first."""
    head = head_revision()
    script = ScriptDirectory.from_config(_alembic_config(None))
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current == head:
        return
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise StoreError(f"{_name(database.url)} was made by a newer version of Navigator; "
                         "update Navigator to open it.")
    if current is None and tables - {"alembic_version"}:
        raise StoreError(f"{_name(database.url)} is a database, but not a Navigator directory.")
    path = sqlite_path(database.url)
    if current is not None and path is not None:
        backup_sqlite(path, path.with_name(f"{path.stem}.before-{head}{path.suffix}"))
    with database.engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file, through SQLite's online backup API."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _name(url: str) -> str:
    path = sqlite_path(url)
    return path.name if path is not None else "The database"


def describe_error(error: DBAPIError, url: str) -> StoreError:
    """Turn a driver error the user can cause into one sentence; re-raise anything else."""
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    name = _name(url)
    if "locked" in text or "busy" in text:
        return StoreError(f"{name} is in use by another program; close it and try again.")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{name} is read-only, so changes cannot be saved; check the file's "
                          "permissions or open a copy.")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return StoreError(f"{name} is damaged or is not a Navigator database.")
    if "unable to open" in text:
        return StoreError(f"{name} cannot be opened; check that the folder exists and that you "
                          "may write to it.")
    if "disk" in text and "full" in text:
        return StoreError("The disk is full, so nothing was saved; free some space and try "
                          "again.")
    if isinstance(error, OperationalError) and "sqlite" not in url:
        return StoreError("The database server cannot be reached or refused the connection; "
                          "check the address and your network.")
    raise error
