"""Choosing, opening and migrating a database, with one clear sentence for every failure a user
can cause (locked, read-only, damaged, full, not ours, made by a newer app, a server that
cannot be reached or refuses the password).

Which database (FORMATS.md §5): `--db PATH_OR_URL`, else `NAVIGATOR_DB`, else the connection
chosen in the app's settings, else the user's own copy of the bundled sample directory in
their data folder, so the repository's `resources.db` is never changed by use.

SQLite and PostgreSQL run the same Alembic migrations. A PostgreSQL password is never written
to a file: it comes from the URL when someone typed one there, else from the system keyring
(`keyring`), where the settings dialog keeps it.

Over 400 lines because each failure's sentence sits beside the opening step that can
cause it (SQLite file checks, server addresses, migrations); apart, they drift.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import (
    URL,
    Connection,
    CursorResult,
    Engine,
    Executable,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    # Alembic (0.4 s to import) and keyring (0.1 s) are imported only when used: a start whose
    # schema is already the newest, with an SQLite file, needs neither.
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
BUNDLED_DIRECTORY = Path(__file__).resolve().parents[2] / "resources.db"
APP_NAME = "Navigator"
SQLITE_HEADER = b"SQLite format 3\x00"
SETTINGS_FILE = "connection.json"
KEYRING_SERVICE = "Navigator"
# A writer waits this long for another's change (an import of 100,000 rows takes seconds)
# before it is told the directory is busy; a server that does not answer, this long. An SQLite
# file waits as long as PostgreSQL does: a team sharing one on a network drive overlaps often
# (at 5 s, 20 of 304 saves beside a colleague's were refused).
LOCK_TIMEOUT_MS = 30_000
SQLITE_BUSY_TIMEOUT_S = LOCK_TIMEOUT_MS / 1000
CONNECT_TIMEOUT_S = 10


class StoreError(Exception):
    """A storage problem the user can act on; `str(error)` is one plain sentence."""


class DamagedDatabaseError(StoreError):
    """The SQLite file is damaged (corrupt or cut short). `latest_backup` is the newest
    backup of it, when there is one, so the app can offer to restore it."""

    def __init__(
        self, message: str, path: Path | None = None, latest_backup: Path | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.latest_backup = latest_backup


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


def rows_changed(session: Session, statement: Executable) -> int:
    """Run an UPDATE or DELETE; how many rows it changed (what optimistic locking checks).

    `Session.execute` is typed as returning a plain `Result`; for these statements it is a
    `CursorResult`, which alone has `rowcount`."""
    result = session.execute(statement)
    if not isinstance(result, CursorResult):
        raise TypeError(f"not an UPDATE or DELETE: {statement}")
    return result.rowcount


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
    saved = load_connection(env)
    if saved is not None:
        return saved.url()
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
            raise StoreError(
                f"{without_password(target)!r} is not a database address Navigator understands."
            ) from error
        except ValueError as error:  # SQLAlchemy reads the port with int()
            raise StoreError(
                f"{without_password(target)!r} is not a database address Navigator "
                "understands: the port after the server's name must be a number."
            ) from error
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def without_password(target: str) -> str:
    """An address as it may be shown: any password in it replaced by ***. Works on text
    that is not a valid URL too (it is for messages about such text)."""
    scheme, separator, rest = target.partition("://")
    if not separator:
        return target
    # The last @ ends the user part: a password may hold an unescaped @ of its own.
    user_part, at, host_part = rest.rpartition("@")
    if not at or ":" not in user_part:
        return target
    user = user_part.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host_part}"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):  # an SQLite URI filename, e.g. mode=ro
        return Path(parsed.database.removeprefix("file:"))
    return Path(parsed.database)


# Connection settings (the settings dialog) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """Where the directory is: an SQLite file, or a database on a PostgreSQL server. Saved as
    JSON in the data folder; the password is not part of it (see `store_password`)."""

    kind: str = "sqlite"  # "sqlite" or "postgresql"
    path: str = ""
    host: str = "localhost"
    port: int = 5432
    database: str = "navigator"
    user: str = ""

    def url(self) -> str:
        if self.kind not in ("sqlite", "postgresql"):
            raise StoreError(f"{self.kind!r} is not a kind of database Navigator can use.")
        if self.kind == "sqlite":
            if not self.path.strip():
                raise StoreError("Choose the directory file first.")
            return to_url(self.path.strip())
        if not (self.host.strip() and self.database.strip() and self.user.strip()):
            raise StoreError("Fill in the server, the database and the user name first.")
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
        ).render_as_string()


def load_connection(env: Mapping[str, str] | None = None) -> ConnectionSettings | None:
    """The connection saved from the settings dialog, or None when none was (or the file is
    unreadable: then the default is used rather than refusing to start)."""
    path = data_dir(env) / SETTINGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        settings = ConnectionSettings(**data)
        settings.url()
    except (OSError, ValueError, TypeError, StoreError):
        return None
    return settings


def save_connection(
    settings: ConnectionSettings, password: str | None = None, env: Mapping[str, str] | None = None
) -> None:
    """Remember the connection for the app and the `navigator` command; a PostgreSQL
    password goes to the system keyring (None leaves the stored one as it is)."""
    settings.url()  # refuse incomplete settings before writing anything
    if settings.kind == "postgresql" and password is not None:
        store_password(settings.url(), password)
    folder = data_dir(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{SETTINGS_FILE}.partial"
        temp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(temp, folder / SETTINGS_FILE)
    except OSError as error:
        raise StoreError(
            f"The connection settings could not be saved in {folder} ({error.strerror})."
        ) from error


def _keyring_user(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def store_password(url: str, password: str) -> None:
    """Keep the password for this server, database and user in the system keyring."""
    import keyring
    import keyring.errors

    try:
        if password:
            keyring.set_password(KEYRING_SERVICE, _keyring_user(url), password)
        else:
            keyring.delete_password(KEYRING_SERVICE, _keyring_user(url))
    except keyring.errors.PasswordDeleteError:
        pass  # there was none to forget
    except keyring.errors.KeyringError as error:
        raise StoreError(
            "This computer has no password keyring Navigator can use, so the "
            "password was not saved; put it in NAVIGATOR_DB instead or ask "
            "your IT team to set one up."
        ) from error


def stored_password(url: str) -> str | None:
    """The keyring's password for this server, database and user, if any."""
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_user(url))
    except keyring.errors.KeyringError:
        return None


# Opening ----------------------------------------------------------------------------------------


def open_database(url: str, *, create: bool = True) -> Database:
    """Open and migrate to the newest schema; raise StoreError with a plain sentence."""
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, create=create)
    try:
        engine = make_engine(url)
    except (NoSuchModuleError, ImportError) as error:
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"Navigator works with SQLite files and PostgreSQL "
            f"(postgresql+psycopg://...); it cannot open {scheme} addresses."
        ) from error
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


def make_engine(url: str, password: str | None = None) -> Engine:
    """An engine for `url`; a PostgreSQL password comes from `password`, the URL or the
    keyring, in that order."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if password is None and parsed.password is None:
            password = stored_password(url)
        if password is not None:
            parsed = parsed.set(password=password)
        options: dict[str, object] = {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": APP_NAME,
        }
        if "options" not in parsed.query:
            options["options"] = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
        _quieten_psycopg_pipeline_notices()
        return create_engine(parsed, pool_pre_ping=True, connect_args=options)
    # How long to wait for another program's write; `?timeout=SECONDS` in the URL overrides.
    timeout = {} if "timeout" in parsed.query else {"timeout": SQLITE_BUSY_TIMEOUT_S}
    engine = create_engine(url, connect_args=timeout)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


class _AfterTheFirstError(logging.Filter):
    """Drops psycopg's "error ignored terminating <psycopg.Pipeline …>" warning.

    psycopg sends executemany (an import's chunks) in pipeline mode. When the server goes
    away mid-statement, the statement's error is raised (and `describe_error` turns it into
    one sentence), and closing the pipeline then fails too; psycopg logs that second error as
    a warning, and with no logging set up Python prints it on stderr, a stray line before
    the sentence. It says nothing the first error does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


def _quieten_psycopg_pipeline_notices() -> None:
    logger = logging.getLogger("psycopg")
    if not any(isinstance(f, _AfterTheFirstError) for f in logger.filters):
        logger.addFilter(_AfterTheFirstError())


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
        header = handle.read(len(SQLITE_HEADER))
    if header and SQLITE_HEADER.startswith(header) and header != SQLITE_HEADER:
        raise DamagedDatabaseError(_damaged(path.name), path)  # cut short inside its header
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path.name} is not a Navigator database (it is some other kind of file)."
        )


def check_sqlite_integrity(path: Path) -> None:
    """Raise DamagedDatabaseError unless SQLite finds the file sound (`PRAGMA quick_check`:
    every page read and checked; under 0.1 s for 100,000 activities)."""
    _check_sqlite_file(path, create=False)
    try:
        connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_S
        )
        try:
            result = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        text_ = str(error).lower()
        if "locked" in text_ or "busy" in text_:
            raise StoreError(_busy(path.name)) from error
        raise DamagedDatabaseError(_damaged(path.name), path) from error
    if result != [("ok",)]:
        raise DamagedDatabaseError(_damaged(path.name), path)


def check_sqlite_is_directory(path: Path) -> None:
    """Raise StoreError, reading nothing but the table names, unless the file is empty or a
    Navigator directory. Called before anything copies the file: a people's-records store
    given by mistake must never be copied into the directory's backups."""
    try:
        connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_S
        )
        try:
            tables = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return  # damaged or locked: the integrity check names that
    if "people" in tables and "activities" not in tables:
        raise StoreError(
            f"{path.name} holds people's records, not a directory; choose the "
            "directory's file instead."
        )
    if tables - {"alembic_version", "sqlite_sequence"} and "activities" not in tables:
        raise StoreError(f"{path.name} is a database, but not a Navigator directory.")


def _damaged(name: str) -> str:
    return f"{name} is damaged or is not a Navigator database."


def _busy(name: str) -> str:
    """A directory file still locked after SQLITE_BUSY_TIMEOUT_S: on a shared drive that is
    most often a colleague's Navigator in the middle of a long save or import."""
    return (
        f"{name} is busy: another copy of Navigator — perhaps a colleague's — or "
        "another program is saving to it; try again in a moment (a team sharing a directory "
        "should keep it on a PostgreSQL server: see “A team sharing one directory” "
        "in Navigator's README)."
    )


def _alembic_config(connection: object) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    head = script.get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


# `revision = "0007"` and `down_revision = "0006"` (or None, or a tuple at a merge) in a
# migration file, as Alembic writes them.
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def newest_revision_on_disk(migrations: Path) -> str | None:
    """The one head revision of `migrations`, read from its files without Alembic; None
    when the files do not say plainly (then Alembic decides)."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for file in (migrations / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(file.read_text(encoding="utf-8")))
        names = _QUOTED.findall(found.get("revision", ""))
        if len(names) != 1:
            return None
        revisions.add(names[0])
        replaced.update(_QUOTED.findall(found.get("down_revision", "")))
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


def stored_revision(connection: Connection, version_table: str = "alembic_version") -> str | None:
    """The schema revision a database records, by a plain query (None: none, or several)."""
    if not inspect(connection).has_table(version_table):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {version_table}")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def _schema_state(connection: Connection, url: str) -> str | None:
    """The directory's schema revision (None for an empty database); StoreError when the
    database is someone else's or from a newer Navigator."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    current = MigrationContext.configure(connection).get_current_revision()
    tables = set(inspect(connection).get_table_names())
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise StoreError(
            f"{_name(url)} was made by a newer version of Navigator; update Navigator to open it."
        )
    if current is None and tables - {"alembic_version"}:
        raise StoreError(f"{_name(url)} is a database, but not a Navigator directory.")
    return current


def migrate(database: Database) -> None:
    """Bring the schema to the newest revision, copying an SQLite file first."""
    newest = newest_revision_on_disk(MIGRATIONS)
    with database.engine.connect() as connection:
        if newest is not None and stored_revision(connection) == newest:
            return  # the usual start: nothing to do, and Alembic never imported
        current = _schema_state(connection, database.url)
    head = head_revision()
    if current == head:
        return
    path = sqlite_path(database.url)
    if current is not None and path is not None:
        backup_sqlite(path, path.with_name(f"{path.stem}.before-{head}{path.suffix}"))
    from alembic import command

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


def sqlite_revision(path: Path) -> int | None:
    """The directory revision a SQLite file holds (DirectoryState), read without changing
    it; None when there is no file or it cannot be read."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT revision FROM directory_state WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and row[0] is not None else None


def raise_sqlite_revision(path: Path, above: int) -> None:
    """Make the file's revision greater than `above` (and than its own): a file put in
    place of another (a restored backup) never takes up a revision the other had, so a
    snapshot or cache keyed by the revision never takes one directory for the other."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE directory_state SET revision = max(revision, ?) + 1 WHERE id = 1",
                (above,),
            )
    finally:
        connection.close()


def check_connection(url: str, password: str | None = None) -> str:
    """What the settings dialog's "Test connection" says: one sentence on what is there, or
    StoreError with the reason it cannot be used. Changes nothing."""
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            _check_sqlite_file(path, create=True)
            return f"There is no file {path.name} yet; Navigator will start an empty directory."
        check_sqlite_integrity(path)
    engine = make_engine(url, password)
    try:
        with engine.connect() as connection:
            current = _schema_state(connection, url)
            if current is None:
                return (
                    f"Connected to {_place(url)}: it is empty, and Navigator will set up "
                    "the directory in it."
                )
            count = connection.execute(text("select count(*) from activities")).scalar_one()
        return f"Connected to {_place(url)}: a Navigator directory of {count} activities."
    except DBAPIError as error:
        raise describe_error(error, url) from error
    finally:
        engine.dispose()


# Failure messages ----------------------------------------------------------------------------


def _name(url: str) -> str:
    path = sqlite_path(url)
    return path.name if path is not None else f"The database {_place(url)}"


def _place(url: str) -> str:
    path = sqlite_path(url)
    if path is not None:
        return path.name
    parsed = make_url(url)
    return f"{parsed.database} on {parsed.host or 'this computer'}"


def describe_error(error: DBAPIError, url: str, *, shared: bool = True) -> StoreError:
    """Turn a driver error the user can cause into one sentence; re-raise anything else.
    `shared`: the file may be a team's (the directory), not one person's own (people.db)."""
    if sqlite_path(url) is not None or make_url(url).get_backend_name() == "sqlite":
        return _describe_sqlite_error(error, url, shared=shared)
    return _describe_server_error(error, url)


def _describe_sqlite_error(error: DBAPIError, url: str, *, shared: bool) -> StoreError:
    text_ = str(error.orig).lower() if error.orig is not None else str(error).lower()
    name = _name(url)
    if "locked" in text_ or "busy" in text_:
        if shared:
            return StoreError(_busy(name))
        return StoreError(f"{name} is in use by another program; close it and try again.")
    if "readonly" in text_ or "read-only" in text_:
        return StoreError(
            f"{name} is read-only, so changes cannot be saved; check the file's "
            "permissions or open a copy."
        )
    if "not a database" in text_ or "malformed" in text_ or "file is encrypted" in text_:
        return DamagedDatabaseError(_damaged(name), sqlite_path(url))
    if "unable to open" in text_:
        return StoreError(
            f"{name} cannot be opened; check that the folder exists and that you may write to it."
        )
    if "disk" in text_ and "full" in text_:
        return StoreError("The disk is full, so nothing was saved; free some space and try again.")
    raise error


# PostgreSQL error classes (SQLSTATE) and what the person can do about each.
_BUSY_STATES = {"55P03", "40P01", "40001", "57014"}  # lock wait, deadlock, serialisation
_LOST_STATES = {"57P01", "57P02", "57P03"}  # the server shut down or restarted


def _describe_server_error(error: DBAPIError, url: str) -> StoreError:
    orig = error.orig
    state = getattr(orig, "sqlstate", None) or ""
    text_ = str(orig if orig is not None else error).lower()
    parsed = make_url(url)
    server = f"{parsed.host or 'this computer'}:{parsed.port or 5432}"
    user = parsed.username or "this user"
    place = _place(url)
    if "password authentication failed" in text_ or state == "28P01":
        return StoreError(
            f"The database server refused the password for {user}; check the "
            "user name and password in Settings."
        )
    if "no password supplied" in text_:
        return StoreError(f"The database server needs a password for {user}; enter it in Settings.")
    if "does not exist" in text_ and "database" in text_ and state in ("", "3D000"):
        return StoreError(
            f"There is no database called {parsed.database} on {server}; check "
            "the name in Settings."
        )
    if "pg_hba.conf" in text_ or state == "28000":
        return StoreError(
            f"The database server at {server} does not let {user} connect from "
            "this computer; ask whoever runs it to allow that."
        )
    if state == "53100" or "no space left" in text_:
        return StoreError(
            f"The disk of the database server is full, so nothing was saved; "
            f"ask whoever runs {server} to free some space."
        )
    if state == "25006":
        return StoreError(
            f"{place} only allows reading, so changes cannot be saved; ask "
            "whoever runs the server for permission to change it."
        )
    if state == "42501":
        return StoreError(
            f"{user} may not change {place}; ask whoever runs the server for permission."
        )
    if "nul (0x00)" in text_:
        return StoreError(
            "Some of the text has an invisible NUL character in it, which "
            "PostgreSQL cannot store, so nothing was saved; remove it and try "
            "again."
        )
    if state in _BUSY_STATES:
        return StoreError(
            "The directory is busy with someone else's change; try again in a moment."
        )
    if state == "53300" or ("too many" in text_ and "connections" in text_):
        return StoreError(
            f"The database server at {server} has too many people connected; try again in a moment."
        )
    if (
        state in _LOST_STATES
        or state.startswith("08")
        or any(
            words in text_
            for words in (
                "server closed the connection",
                "terminating connection",
                "consuming input failed",
                "connection is lost",
                "the connection is closed",
            )
        )
    ):
        return StoreError(
            f"The connection to the database server at {server} was lost; "
            "check your network and try again."
        )
    if isinstance(error, OperationalError) and (
        "connection" in text_ or "timeout" in text_ or "resolve" in text_ or "host" in text_
    ):
        return StoreError(
            f"The database server at {server} cannot be reached; check the "
            "address in Settings, that the server is running and your network."
        )
    raise error
