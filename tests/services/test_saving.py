"""Saving an activity from the editor: a new one gets a stable id from its name, even when
someone takes that id at the last moment; a changed one never overwrites a newer save."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity
from navigator.services.saving import (
    NEW_ID_ATTEMPTS,
    ActivitySaver,
    ConflictError,
    VersionedActivity,
)
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

CHOIR = Activity(id="", name="Community Choir", categories=("music",))


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    yield DirectoryRepository(database)
    database.close()


class Sniping:
    """A store where someone else saves an activity under the id just chosen, `times`
    times, in the moment between the check and the save."""

    def __init__(self, repository: DirectoryRepository, times: int) -> None:
        self._repository = repository
        self.times = times

    def get(self, activity_id: str) -> VersionedActivity | None:
        return self._repository.get(activity_id)

    def save(self, activity: Activity, expected_version: int | None) -> int:
        if expected_version is None and self.times > 0:
            self.times -= 1
            self._repository.save(dataclasses.replace(activity, name="Someone else's"), None)
        return self._repository.save(activity, expected_version)


def test_a_new_activity_gets_an_id_from_its_name(repository: DirectoryRepository) -> None:
    saved = ActivitySaver(repository).save(CHOIR, None)
    assert saved == VersionedActivity(dataclasses.replace(CHOIR, id="act-community-choir-1"), 1)
    assert repository.get("act-community-choir-1") == saved


def test_an_id_taken_at_the_last_moment_moves_on_to_the_next(
    repository: DirectoryRepository,
) -> None:
    saved = ActivitySaver(Sniping(repository, times=2)).save(CHOIR, None)
    assert saved.activity.id == "act-community-choir-3"
    # The two taken in between are someone else's, untouched.
    for taken in ("act-community-choir-1", "act-community-choir-2"):
        found = repository.get(taken)
        assert found is not None and found.activity.name == "Someone else's"


def test_giving_up_after_every_attempt_is_taken_says_so(repository: DirectoryRepository) -> None:
    with pytest.raises(ConflictError):
        ActivitySaver(Sniping(repository, times=NEW_ID_ATTEMPTS)).save(CHOIR, None)


def test_a_change_over_a_newer_save_is_refused(repository: DirectoryRepository) -> None:
    saver = ActivitySaver(repository)
    first = saver.save(CHOIR, None)
    theirs = saver.save(dataclasses.replace(first.activity, description="Theirs"), first.version)
    assert theirs.version == 2
    with pytest.raises(ConflictError) as refused:
        saver.save(dataclasses.replace(first.activity, description="Mine"), first.version)
    assert refused.value.found == 2
    assert saver.latest(first.activity.id) == theirs
