"""Choosing, opening and migrating the people store: private by construction.

Which database: an explicit argument, else `NAVIGATOR_PEOPLE_DB`, else `people.db` in the
user's data folder. Never the directory database: the people store has its own Alembic
version table, so pointing it at a directory (or `resources.db`) is refused, and the other
way round.

An SQLite people store is readable only by its owner on POSIX: the file is created 0600
before SQLite first opens it, and an existing one is chmod-ed on every open (once it is
known to be a people store). SQLite gives its
rollback journal the database file's mode, and `journal_mode=DELETE` removes the journal
after every transaction, so no WAL file keeps old pages about. `secure_delete` overwrites
deleted content with zeros and `temp_store=MEMORY` keeps VACUUM's copy out of temp files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from navigator.store.database import (
    Database,
    StoreError,
    backup_sqlite,
    data_dir,
    describe_error,
    newest_revision_on_disk,
    sqlite_path,
    stored_revision,
    to_url,
)
from navigator.store.people_models import VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config  # imported when a migration is due (0.4 s)

PEOPLE_MIGRATIONS = Path(__file__).parent / "people_migrations"
PRIVATE = 0o600
_SIDECARS = ("-journal", "-wal", "-shm")
_IS_POSIX = os.name == "posix"


def choose_people_url(db: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL of the people store."""
    env = os.environ if env is None else env
    target = db or env.get("NAVIGATOR_PEOPLE_DB")
    if target:
        return to_url(target)
    folder = data_dir(env)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return to_url(str(folder / "people.db"))


def open_people_database(
    url: str, *, create: bool = True, migrations: Path = PEOPLE_MIGRATIONS
) -> Database:
    """Open the people store and migrate it; raise StoreError with a plain sentence."""
    path = sqlite_path(url)
    if path is not None:
        _prepare_private_file(path, create=create)
    engine = _make_engine(url)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    try:
        migrate_people(database, migrations)
        if path is not None:
            # Only now that it is known to be a people store: pointing NAVIGATOR_PEOPLE_DB at
            # some other file by mistake must not change that file.
            make_private(path)
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as error:
        engine.dispose()
        raise describe_error(error, url, shared=False) from error
    return database


def make_private(path: Path) -> None:
    """Owner read and write only, for the file and any journal beside it (POSIX)."""
    if not _IS_POSIX:
        return  # Windows: the user's profile folder is already private to them
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(candidate.stat().st_mode) == PRIVATE:
                continue
            try:
                candidate.chmod(PRIVATE)
            except PermissionError as error:
                raise StoreError(
                    f"{candidate.name} can be read by other users of this "
                    "computer and Navigator may not change that; ask the "
                    "file's owner to make it private."
                ) from error


def create_private_file(path: Path) -> None:
    """An empty file that is private from its first moment (umask can only narrow 0600)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))


def _prepare_private_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists():
        if not create:
            raise StoreError(f"There is no people store at {path}.")
        if not path.parent.is_dir():
            raise StoreError(f"The folder {path.parent} does not exist.")
        try:
            create_private_file(path)
        except PermissionError as error:
            raise StoreError(
                f"{path.name} cannot be created; check that you may write to {path.parent}."
            ) from error
    else:
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise StoreError(
                f"{path.name} is not a Navigator people store (it is some other kind of file)."
            )


def _make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 5})

    @event.listens_for(engine, "connect")
    def _private_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    return engine


def _alembic_config(connection: object, migrations: Path) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = connection
    return config


def people_head_revision(migrations: Path = PEOPLE_MIGRATIONS) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None, migrations)).get_current_head()
    assert head is not None, "the people migrations folder has no revisions"
    return head


def migrate_people(database: Database, migrations: Path = PEOPLE_MIGRATIONS) -> None:
    """Bring the schema to the newest revision, copying an SQLite file first.

    The copy holds people's records, which a later erase could not reach, so it is private
    and is removed once the migration has committed. If the migration fails it stays, and
    the error names it.
    """
    newest = newest_revision_on_disk(migrations)
    with database.engine.connect() as connection:
        if newest is not None and stored_revision(connection, VERSION_TABLE) == newest:
            return  # the usual start: nothing to do, and Alembic never imported
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None, migrations))
    head = people_head_revision(migrations)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        current = context.get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current == head:
        return
    name = _name(database.url)
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise StoreError(
            f"{name} was made by a newer version of Navigator; update Navigator to open it."
        )
    if current is None and tables - {VERSION_TABLE}:
        raise StoreError(f"{name} is a database, but not a Navigator people store.")
    path = sqlite_path(database.url)
    backup = None
    if current is not None and path is not None:
        backup = path.with_name(f"{path.stem}.before-{head}{path.suffix}")
        backup.unlink(missing_ok=True)
        create_private_file(backup)
        backup_sqlite(path, backup)
    try:
        with database.engine.begin() as connection:
            command.upgrade(_alembic_config(connection, migrations), "head")
    except DBAPIError as error:
        problem = describe_error(error, database.url, shared=False)
        if backup is None:
            raise problem from error
        raise StoreError(
            f"{str(problem).rstrip('.')}; a copy from before the update is in {backup.name}."
        ) from error
    if backup is not None:
        backup.unlink()


def _name(url: str) -> str:
    path = sqlite_path(url)
    return path.name if path is not None else "The people store"
