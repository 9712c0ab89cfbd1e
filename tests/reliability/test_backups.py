"""Automatic backups of an SQLite directory: on opening and before every import, the newest
ten kept, identical copies not taken twice, and a restore that can itself be undone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from navigator.domain.directory import Activity
from navigator.domain.profile import Profile
from navigator.formats.native import directory_to_json
from navigator.services.backups import (
    backups_folder,
    latest_backup,
    list_backups,
    open_with_backup,
    restore,
    take_backup,
)
from navigator.services.directory import DirectoryService
from navigator.services.matching import MatchService
from navigator.services.people import open_people_service
from navigator.store.database import StoreError, backup_sqlite, open_database, sqlite_revision
from navigator.store.repository import DirectoryRepository


def choir(name: str = "Choir", activity_id: str = "a1") -> Activity:
    return Activity(id=activity_id, name=name, categories=("music",))


def names_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("select name from activities order by id")]
    finally:
        connection.close()


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    DirectoryRepository(database).import_activities([choir()])
    database.close()
    return path


def import_file(tmp_path: Path, url: str, *activities: Activity, dry_run: bool = False) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(directory_to_json(list(activities))), encoding="utf-8")
    database = open_database(url)
    try:
        DirectoryService(DirectoryRepository(database)).import_file(feed, dry_run=dry_run)
    finally:
        database.close()


def test_opening_backs_up_the_file_once_until_it_changes(directory: Path) -> None:
    url = f"sqlite:///{directory}"
    open_with_backup(url).close()
    open_with_backup(url).close()  # nothing changed: no second copy
    [backup] = list_backups(directory)
    assert backup.reason == "start" and backup.revision == 1
    assert backup.path.parent == backups_folder(directory)
    assert names_in(backup.path) == ["Choir"]
    assert "when Navigator opened it" in backup.describe()


def test_every_import_is_preceded_by_a_backup_of_what_was_there(
    directory: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{directory}"
    import_file(tmp_path, url, choir("Community choir"))
    import_file(tmp_path, url, choir("Holloway choir"))
    import_file(tmp_path, url, choir("Ignored"), dry_run=True)  # writes nothing: no backup
    backups = list_backups(url)
    assert [b.reason for b in backups] == ["import", "import"]
    assert [names_in(b.path) for b in backups] == [["Community choir"], ["Choir"]]
    assert names_in(directory) == ["Holloway choir"]


def test_only_the_newest_are_kept(directory: Path) -> None:
    database = open_database(f"sqlite:///{directory}")
    repository = DirectoryRepository(database)
    for n in range(5):
        repository.import_activities([choir(f"Choir {n}")])
        take_backup(directory, "import", keep=3)
    database.close()
    assert [names_in(b.path) for b in list_backups(directory)] == [
        ["Choir 4"],
        ["Choir 3"],
        ["Choir 2"],
    ]
    assert len(list(backups_folder(directory).iterdir())) == 3


def test_a_restore_backs_up_the_current_file_first_so_it_can_be_undone(
    directory: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{directory}"
    import_file(tmp_path, url, choir("Mistake"))
    before_import = latest_backup(directory)
    assert before_import is not None
    safety = restore(before_import)
    assert names_in(directory) == ["Choir"]
    assert safety is not None and safety.reason == "before-restore"
    assert names_in(safety.path) == ["Mistake"]
    restore(safety)  # and back again
    assert names_in(directory) == ["Mistake"]
    assert [b.reason for b in list_backups(directory)] == [
        "before-restore",
        "before-restore",
        "import",
    ]


def test_a_restored_backup_never_takes_up_the_revision_of_the_file_it_replaced(
    directory: Path, tmp_path: Path
) -> None:
    # Two lines of work from one file: each at the same revision, with other contents.
    other = tmp_path / "other.db"
    backup_sqlite(directory, other)
    for path, name in ((directory, "Choir here"), (other, "Choir there")):
        database = open_database(f"sqlite:///{path}")
        DirectoryRepository(database).import_activities([choir(name)])
        database.close()
    database = open_database(f"sqlite:///{directory}")
    repository = DirectoryRepository(database)
    service = MatchService(repository, snapshot_cache=None)
    assert repository.revision() == sqlite_revision(other)
    assert [a.name for a in service.snapshot().activities] == ["Choir here"]
    database.close()  # as the window does before a restore

    restore(other, directory)
    # The window's directory, kept in memory at the replaced file's revision, is read again.
    assert [a.name for a in service.snapshot().activities] == ["Choir there"]
    database.close()


def test_a_backup_that_cannot_be_made_stops_the_import_but_not_the_opening(
    directory: Path, tmp_path: Path
) -> None:
    folder = backups_folder(directory)
    folder.parent.mkdir(parents=True)
    folder.write_text("in the way")  # the backups folder cannot be created
    url = f"sqlite:///{directory}"
    open_with_backup(url).close()
    with pytest.raises(
        StoreError,
        match=r"could not back up directory\.db into .*, so nothing "
        r"was imported\.$",
    ):
        import_file(tmp_path, url, choir("Not imported"))
    assert names_in(directory) == ["Choir"]


def test_postgresql_is_backed_up_by_its_server_not_here() -> None:
    url = "postgresql+psycopg://someone@db.example.org/navigator"
    assert list_backups(url) == []
    assert latest_backup(url) is None


def test_a_people_store_given_as_the_directory_is_refused_and_never_copied(tmp_path: Path) -> None:
    # Privacy: people.db pointed at by mistake (--db, NAVIGATOR_DB, the connection dialog)
    # must not be copied into the directory's backups, where erasing a person never reaches.
    people = tmp_path / "people.db"
    service = open_people_service(str(people), worker="Sam")
    service.create_from_profile(Profile(), reference="PRIV-1")
    service.close()
    with pytest.raises(StoreError, match="holds people's records, not a directory"):
        open_with_backup(f"sqlite:///{people}")
    assert list_backups(people) == []
    assert not backups_folder(people).exists() or not any(backups_folder(people).iterdir())
