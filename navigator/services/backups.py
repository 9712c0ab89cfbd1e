"""Backups of an SQLite directory, and getting one back.

A backup is taken with SQLite's online backup API (a consistent copy even while the file is
in use) when the app opens the directory, before every import, and before a restore. The
newest `DEFAULT_KEEP` are kept, in a folder of the user's data folder named after the
directory file:

    <data folder>/backups/directory-1a2b3c4d/directory-20261122-153012-123456Z-import-r42-c118.db

The name records when (UTC), why, the directory's revision and SQLite's change counter, so a
copy identical to the newest one is not taken again: starting the app ten times does not push
the last good copy out. (A migration also copies the file beside itself first; see
`navigator.store.database.migrate`.) PostgreSQL is backed up by whoever runs the server;
these functions do nothing for it. The people store is never copied here: people's records
must not outlive an erase in some backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from navigator.domain.wording import clock, short_date
from navigator.store.database import (
    SQLITE_HEADER,
    DamagedDatabaseError,
    Database,
    StoreError,
    backup_sqlite,
    check_sqlite_integrity,
    check_sqlite_is_directory,
    data_dir,
    open_database,
    raise_sqlite_revision,
    sqlite_path,
    sqlite_revision,
)

DEFAULT_KEEP = 10
_SIDECARS = ("-journal", "-wal", "-shm")
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<when>\d{8}-\d{6}-\d{6})Z-(?P<reason>[a-z-]+)"
    r"-r(?P<revision>\d+|x)-c(?P<counter>\d+)\.db$"
)
_REASONS = {
    "start": "when Navigator opened it",
    "import": "before an import",
    "before-restore": "before a restore",
    "damaged": "a copy of the damaged file, kept in case",
}
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file of the directory at `database`."""

    path: Path
    database: Path
    taken_at: dt.datetime  # UTC
    reason: str  # "start", "import", "before-restore" or "damaged"
    revision: int | None  # the directory's revision when it was taken
    change_counter: int

    def describe(self) -> str:
        """For a list a person chooses from, e.g. "22 Nov 2026, 15:30 (before an import)"."""
        local = self.taken_at.replace(tzinfo=dt.UTC).astimezone()
        return (
            f"{short_date(local.date())}, {clock(local.time())} "
            f"({_REASONS.get(self.reason, self.reason)})"
        )


def backups_folder(database: Path) -> Path:
    """Where the backups of this file go: its own folder, so two directories never mix."""
    resolved = database.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"


def list_backups(database: Path | str) -> list[Backup]:
    """The backups of this directory (a path or an SQLite URL), newest first."""
    path = _as_path(database)
    if path is None:
        return []
    folder = backups_folder(path)
    found = []
    for candidate in folder.glob("*.db") if folder.is_dir() else ():
        match = _NAME.match(candidate.name)
        if match is None:
            continue
        revision = match["revision"]
        found.append(
            Backup(
                candidate,
                path.expanduser().resolve(),
                dt.datetime.strptime(match["when"], "%Y%m%d-%H%M%S-%f"),
                match["reason"],
                None if revision == "x" else int(revision),
                int(match["counter"]),
            )
        )
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def latest_backup(database: Path | str) -> Backup | None:
    return next(iter(list_backups(database)), None)


def take_backup(database: Path, reason: str, *, keep: int = DEFAULT_KEEP) -> Backup | None:
    """Copy the live file into its backups folder and drop all but the newest `keep`.

    Returns the new backup, or the newest one when the file has not changed since it was
    taken, or None when there is no file yet. Raises StoreError when no copy could be made.
    """
    database = database.expanduser().resolve()
    if not database.exists() or database.stat().st_size == 0:
        return None
    revision, counter = _state(database)
    newest = latest_backup(database)
    if (
        newest is not None
        and reason != "before-restore"
        and (newest.revision, newest.change_counter) == (revision, counter)
    ):
        return newest
    folder = backups_folder(database)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    name = (
        f"{database.stem}-{now:%Y%m%d-%H%M%S-%f}Z-{reason}-"
        f"r{'x' if revision is None else revision}-c{counter}.db"
    )
    partial = folder / f".{name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        backup_sqlite(database, partial)
        os.replace(partial, folder / name)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StoreError(
            f"Navigator could not back up {database.name} into {folder} ({_reason(error)})."
        ) from error
    _prune(database, keep)
    return Backup(folder / name, database, now, reason, revision, counter)


def backup_before_import(database: Database, *, keep: int = DEFAULT_KEEP) -> Backup | None:
    """Called by DirectoryService before it writes an import (nothing for PostgreSQL)."""
    path = sqlite_path(database.url)
    if path is None:
        return None
    try:
        return take_backup(path, "import", keep=keep)
    except StoreError as error:
        raise StoreError(f"{str(error).rstrip('.')}, so nothing was imported.") from error


def open_with_backup(url: str, *, keep: int = DEFAULT_KEEP) -> Database:
    """What the app calls to open the directory: check an SQLite file is sound, back it up,
    then open (and if need be migrate) it.

    Raises DamagedDatabaseError, naming the newest backup in its message and its
    `latest_backup`, when the file is damaged, so the app can offer `restore()`. A backup
    that cannot be made (a full disk, say) does not stop the directory from opening.
    """
    path = sqlite_path(url)
    try:
        if path is not None and path.exists() and path.stat().st_size > 0:
            check_sqlite_integrity(path)
            check_sqlite_is_directory(path)  # never copy someone else's file, people.db above all
            try:
                take_backup(path, "start", keep=keep)
            except StoreError as error:
                log.warning("%s", error)
        return open_database(url)
    except DamagedDatabaseError as error:
        raise offer_backup(error) from error


def offer_backup(error: DamagedDatabaseError) -> DamagedDatabaseError:
    """The same error, saying which backup could replace the damaged file."""
    newest = (
        None
        if error.path is None
        else next((b for b in list_backups(error.path) if b.reason != "damaged"), None)
    )
    if newest is None:
        return error
    name = error.path.name if error.path is not None else "The directory"
    return DamagedDatabaseError(
        f"{name} is damaged; restore the backup from {newest.describe()} to carry on "
        "(changes made since then are lost).",
        error.path,
        newest.path,
    )


def restore(
    backup: Backup | Path, database: Path | None = None, *, keep: int = DEFAULT_KEEP
) -> Backup | None:
    """Put a backup back in place of the directory file, which must not be open.

    The current file is backed up first (a plain copy if it is too damaged to read), so a
    restore can itself be undone. Returns that backup of the replaced file, if there was one.
    """
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    target = database or (backup.database if isinstance(backup, Backup) else None)
    if target is None:
        raise ValueError("restore() needs the directory file to restore into")
    target = target.expanduser().resolve()
    try:
        check_sqlite_integrity(source)
    except StoreError as error:
        raise StoreError(
            f"The backup {source.name} is damaged too; choose an older one."
        ) from error
    replaced = sqlite_revision(target)
    safety = _save_current(target, keep)
    partial = target.with_name(f".{target.name}.restoring")
    try:
        backup_sqlite(source, partial)
        if replaced is not None:
            # Past the replaced file's revision: a window (or another on this file) holding
            # that revision reads the directory again rather than keep the one replaced.
            raise_sqlite_revision(partial, replaced)
        # A journal left by the damaged file would be played back into the restored one.
        for suffix in _SIDECARS:
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StoreError(
            f"{target.name} could not be restored ({_reason(error)}); it is as it was."
        ) from error
    return safety


def _save_current(target: Path, keep: int) -> Backup | None:
    """A copy of the file about to be replaced: through SQLite if it can still read it,
    else byte for byte (with its journal), so nothing is lost either way."""
    if not target.exists():
        return None
    try:
        check_sqlite_integrity(target)
        return take_backup(target, "before-restore", keep=keep)
    except DamagedDatabaseError:
        pass
    folder = backups_folder(target)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    copy = folder / f"{target.stem}-{now:%Y%m%d-%H%M%S-%f}Z-damaged-rx-c0.db"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, copy)
        for suffix in _SIDECARS:
            with contextlib.suppress(FileNotFoundError):
                shutil.copyfile(
                    target.with_name(target.name + suffix), copy.with_name(copy.name + suffix)
                )
    except OSError as error:
        raise StoreError(
            f"{target.name} could not be copied before the restore "
            f"({_reason(error)}), so it was left as it is."
        ) from error
    return Backup(copy, target, now, "damaged", None, 0)


def _prune(database: Path, keep: int) -> None:
    for old in list_backups(database)[max(keep, 1) :]:
        for suffix in ("", *_SIDECARS):
            old.path.with_name(old.path.name + suffix).unlink(missing_ok=True)


def _state(database: Path) -> tuple[int | None, int]:
    """The directory's revision and SQLite's file change counter (bytes 24-27 of the
    header, raised by every committed write in the rollback-journal mode Navigator uses)."""
    with database.open("rb") as handle:
        header = handle.read(28)
    counter = int.from_bytes(header[24:28], "big") if header.startswith(SQLITE_HEADER) else 0
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            row = connection.execute("select revision from directory_state where id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None, counter
    return (None if row is None else int(row[0])), counter


def _as_path(database: Path | str) -> Path | None:
    if isinstance(database, Path):
        return database
    return sqlite_path(database) if "://" in database else Path(database)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__
