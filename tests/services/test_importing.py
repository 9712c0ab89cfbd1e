"""Importing in the app imports exactly what was checked, or nothing: a directory that
changed after the check is refused, even when the change slips in just before the import
takes the directory's write lock."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity
from navigator.formats.native import directory_to_json
from navigator.services.directory import DirectoryService
from navigator.services.files import write_json_atomically
from navigator.services.importing import (
    DirectoryChangedError,
    FileChangedError,
    FileImport,
    ImportCancelled,
)
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

CHOIR = Activity(id="choir", name="Community Choir", categories=("music",))
BOWLS = Activity(id="bowls", name="Riverside Bowls", categories=("sport_fitness",))


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    yield DirectoryRepository(database)
    database.close()


@pytest.fixture
def directory_file(tmp_path: Path) -> Path:
    path = tmp_path / "directory.json"
    write_json_atomically(path, directory_to_json([CHOIR, BOWLS]))
    return path


def test_what_was_checked_is_what_is_imported(
    repository: DirectoryRepository, directory_file: Path
) -> None:
    importer = FileImport(DirectoryService(repository))
    checked = importer.check(directory_file)
    assert checked.preview.dry_run and checked.preview.added == ("choir", "bowls")
    assert repository.count() == 0  # checking writes nothing
    report = importer.run(checked)
    assert report.added == checked.preview.added
    assert repository.count() == 2


def test_a_directory_changed_after_the_check_is_refused(
    repository: DirectoryRepository, directory_file: Path
) -> None:
    importer = FileImport(DirectoryService(repository))
    checked = importer.check(directory_file)
    repository.save(dataclasses.replace(CHOIR, description="Someone else's"), None)
    with pytest.raises(DirectoryChangedError, match="nothing was imported"):
        importer.run(checked)
    assert [a.id for a in repository.all_activities()] == ["choir"]


class ChangedAtTheLastMoment(DirectoryService):
    """Someone saves just after the import compared the revision the first time and before
    it took the write lock."""

    def __init__(self, repository: DirectoryRepository) -> None:
        super().__init__(repository)
        self.asked = 0
        self._repository_for_test = repository

    def revision(self) -> int:
        self.asked += 1
        revision = super().revision()
        if self.asked == 2:  # the comparison before starting passes; then the save lands
            self._repository_for_test.save(CHOIR, None)
        return revision


def test_a_change_just_before_the_write_lock_is_still_refused(
    repository: DirectoryRepository, directory_file: Path
) -> None:
    directory = ChangedAtTheLastMoment(repository)
    importer = FileImport(directory)
    checked = importer.check(directory_file)  # first revision read
    with pytest.raises(DirectoryChangedError):
        importer.run(checked)
    assert directory.asked == 3  # before starting, and once more holding the lock
    # Only the other person's save is there: the import was rolled back.
    assert [a.id for a in repository.all_activities()] == ["choir"]
    stored = repository.get("choir")
    assert stored is not None and stored.version == 1


def test_a_changed_file_and_a_cancel_still_change_nothing(
    repository: DirectoryRepository, directory_file: Path
) -> None:
    importer = FileImport(DirectoryService(repository))
    checked = importer.check(directory_file)
    with pytest.raises(ImportCancelled):
        importer.run(checked, cancelled=lambda: True)
    write_json_atomically(directory_file, directory_to_json([CHOIR]))
    with pytest.raises(FileChangedError):
        importer.run(checked)
    assert repository.count() == 0
