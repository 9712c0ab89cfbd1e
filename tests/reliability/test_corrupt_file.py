"""A damaged directory file: a clear sentence that offers the newest backup, a restore that
brings the directory back, and the damaged file kept in case."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from navigator.domain.directory import Activity
from navigator.services.backups import list_backups, open_with_backup, restore
from navigator.store.database import DamagedDatabaseError, StoreError, open_database
from navigator.store.repository import DirectoryRepository

ACTIVITIES = [
    Activity(
        id=f"a{n:03}",
        name=f"Group {n}",
        categories=("social_club",),
        description="Tea, biscuits and a chat. " * 20,
    )
    for n in range(300)
]


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    """A directory of 300 activities, opened once by the app (so it has a backup)."""
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    DirectoryRepository(database).import_activities(ACTIVITIES)
    database.close()
    open_with_backup(f"sqlite:///{path}").close()
    return path


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))


def cut_inside_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:10])


@pytest.mark.parametrize("damage", [truncate, overwrite_middle, cut_inside_header])
def test_a_damaged_file_is_named_and_the_newest_backup_offered(
    directory: Path, damage: object
) -> None:
    [backup] = list_backups(directory)
    damage(directory)  # type: ignore[operator]
    damaged = directory.read_bytes()
    with pytest.raises(DamagedDatabaseError) as caught:
        open_with_backup(f"sqlite:///{directory}")
    message = str(caught.value)
    assert message.startswith("directory.db is damaged; restore the backup from ")
    assert message.endswith("(changes made since then are lost).")
    assert "\n" not in message
    assert caught.value.latest_backup == backup.path
    assert caught.value.path == directory
    assert directory.read_bytes() == damaged  # nothing was written to it, nor backed up
    assert list_backups(directory) == [backup]


def test_restoring_the_offered_backup_brings_the_directory_back(directory: Path) -> None:
    truncate(directory)
    damaged = directory.read_bytes()
    with pytest.raises(DamagedDatabaseError) as caught:
        open_with_backup(f"sqlite:///{directory}")
    assert caught.value.latest_backup is not None
    kept = restore(caught.value.latest_backup, caught.value.path)
    database = open_with_backup(f"sqlite:///{directory}")
    assert DirectoryRepository(database).all_activities() == ACTIVITIES
    database.close()
    # The damaged file was kept byte for byte, and is never what is offered next time.
    assert kept is not None and kept.reason == "damaged"
    assert kept.path.read_bytes() == damaged
    assert [b.reason for b in list_backups(directory)] == ["start", "damaged", "start"]
    with sqlite3.connect(directory) as connection:
        assert connection.execute("pragma integrity_check").fetchall() == [("ok",)]
    connection.close()


def test_without_a_backup_the_message_says_only_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    DirectoryRepository(database).import_activities(ACTIVITIES)
    database.close()
    truncate(path)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_with_backup(f"sqlite:///{path}")
    assert str(caught.value) == "directory.db is damaged or is not a Navigator database."
    assert caught.value.latest_backup is None


def test_a_damaged_backup_is_not_restored(directory: Path) -> None:
    [backup] = list_backups(directory)
    truncate(backup.path)
    before = directory.read_bytes()
    with pytest.raises(
        StoreError,
        match=r"^The backup .* is damaged too; choose an older "
        r"one\.$",
    ):
        restore(backup)
    assert directory.read_bytes() == before


def test_damage_found_while_reading_is_the_same_error(directory: Path) -> None:
    database = open_database(f"sqlite:///{directory}")
    overwrite_middle(directory)
    database.engine.dispose()  # forget pages read before the damage
    with pytest.raises(DamagedDatabaseError, match=r"directory\.db is damaged"):
        DirectoryRepository(database).all_activities()
    database.close()
