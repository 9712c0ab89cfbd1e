"""The duplicates use case: the side named as kept is the one kept (its id, a new version,
and each field from the side chosen), the other is archived, and a change by someone else
refuses the whole merge."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Contact, Status
from navigator.services.duplicate_review import ConflictError, DuplicateReview, VersionedActivity
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

LEFT = Activity(
    id="left", name="Knit & Natter", categories=("arts_crafts",), organisation="Wool Club"
)
RIGHT = dataclasses.replace(
    LEFT, id="right", name="Knit and Natter", contact=Contact(phone="020 7946 0999")
)


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities([LEFT, RIGHT])
    yield repository
    database.close()


def read(repository: DirectoryRepository, activity_id: str) -> VersionedActivity:
    found = repository.get(activity_id)
    assert found is not None
    return found


def test_a_search_finds_the_pair_and_leaves_out_pairs_set_aside(
    repository: DirectoryRepository,
) -> None:
    review = DuplicateReview(repository)
    loaded = review.load()
    assert loaded.searched == 2
    [pair] = review.find(loaded)
    assert pair.ids == ("left", "right")
    assert review.find(loaded, set_aside=[("right", "left")]) == []
    review.set_aside("right", "left")
    assert review.find(review.load()) == []


@pytest.mark.parametrize(("kept_id", "archived_id"), [("left", "right"), ("right", "left")])
def test_the_side_named_as_kept_is_the_one_kept(
    repository: DirectoryRepository, kept_id: str, archived_id: str
) -> None:
    kept, archived = read(repository, kept_id), read(repository, archived_id)
    merged = DuplicateReview(repository).merge(kept, archived, {"name": "b", "contact": "a"})
    assert merged.kept.activity.id == kept_id and merged.archived.id == archived_id
    stored_kept, stored_archived = read(repository, kept_id), read(repository, archived_id)
    assert stored_kept == merged.kept and stored_kept.version == kept.version + 1
    assert stored_kept.activity.status is Status.ACTIVE
    # "b" is the archived side's value, "a" the kept side's own.
    assert stored_kept.activity.name == archived.activity.name
    assert stored_kept.activity.contact == kept.activity.contact
    assert stored_archived.activity == dataclasses.replace(
        archived.activity, status=Status.ARCHIVED
    )


def test_a_change_to_either_side_refuses_the_whole_merge(
    repository: DirectoryRepository,
) -> None:
    kept, archived = read(repository, "left"), read(repository, "right")
    repository.save(dataclasses.replace(archived.activity, description="Moved."), archived.version)
    with pytest.raises(ConflictError):
        DuplicateReview(repository).merge(kept, archived, {"name": "b"})
    assert read(repository, "left") == kept
    assert read(repository, "right").activity.status is Status.ACTIVE


def test_an_activity_is_never_merged_into_itself(repository: DirectoryRepository) -> None:
    left = read(repository, "left")
    with pytest.raises(ValueError, match="into itself"):
        DuplicateReview(repository).merge(left, left, {})
    assert read(repository, "left") == left
