"""The directory store: exact round trips, all-or-nothing imports, refused lost updates."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import navigator.store.repository as repository_module
from navigator.domain.directory import Activity
from navigator.store.database import open_database
from navigator.store.repository import ConflictError, DirectoryRepository
from tests.strategies import directories


@pytest.fixture
def repository(tmp_path: Path) -> DirectoryRepository:
    return DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'dir.db'}"))


def activity(activity_id: str = "a1", **changes: object) -> Activity:
    return dataclasses.replace(
        Activity(id=activity_id, name="Choir", categories=("music",)), **changes
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(directories(max_size=6))
def test_every_field_round_trips_exactly(
    repository: DirectoryRepository, activities: list[Activity]
) -> None:
    repository.import_activities(activities)
    stored = {a.id: a for a in repository.all_activities()}
    for original in activities:
        assert stored[original.id] == original


def test_import_adds_then_updates_by_id_and_skips_unchanged(
    repository: DirectoryRepository,
) -> None:
    first = repository.import_activities([activity("a1"), activity("a2")])
    assert (first.added, first.updated, first.unchanged) == (("a1", "a2"), (), ())
    second = repository.import_activities([activity("a1", name="Community choir"), activity("a2")])
    assert (second.added, second.updated, second.unchanged) == ((), ("a1",), ("a2",))
    assert repository.get("a1").activity.name == "Community choir"  # type: ignore[union-attr]
    assert repository.get("a1").version == 2  # type: ignore[union-attr]


def test_dry_run_reports_but_writes_nothing(repository: DirectoryRepository) -> None:
    revision = repository.revision()
    summary = repository.import_activities([activity("a1")], dry_run=True)
    assert summary.added == ("a1",)
    assert summary.describe() == "Would add 1, would update 0, skipped 0 unchanged."
    assert repository.count() == 0
    assert repository.revision() == revision


def test_revision_rises_only_when_something_changed(repository: DirectoryRepository) -> None:
    start = repository.revision()
    repository.import_activities([activity("a1")])
    after_add = repository.revision()
    repository.import_activities([activity("a1")])
    assert after_add == start + 1
    assert repository.revision() == after_add


def test_a_second_save_from_the_same_version_is_refused(repository: DirectoryRepository) -> None:
    repository.import_activities([activity("a1")])
    opened_by_alice = repository.get("a1")
    opened_by_bob = repository.get("a1")
    assert opened_by_alice is not None and opened_by_bob is not None
    repository.save(activity("a1", name="Alice's edit"), opened_by_alice.version)
    with pytest.raises(ConflictError, match="changed by someone else since you opened it"):
        repository.save(activity("a1", name="Bob's edit"), opened_by_bob.version)
    assert repository.get("a1").activity.name == "Alice's edit"  # type: ignore[union-attr]


def test_saving_a_new_activity_over_an_existing_id_is_refused(
    repository: DirectoryRepository,
) -> None:
    repository.import_activities([activity("a1")])
    with pytest.raises(ConflictError):
        repository.save(activity("a1", name="Another"), None)


def test_geocoded_postcodes_are_cached(repository: DirectoryRepository) -> None:
    assert repository.cached_postcode("N7 6PA") is None
    repository.cache_postcode("N7 6PA", 51.55, -0.11, "fake")
    assert repository.cached_postcode("N7 6PA") == (51.55, -0.11)


def test_an_import_reports_progress_and_can_be_cancelled(repository: DirectoryRepository) -> None:
    from navigator.store.repository import IMPORT_CHUNK, ImportCancelled

    many = [activity(f"a{i:05d}") for i in range(IMPORT_CHUNK * 2 + 5)]
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        repository.import_activities(
            many,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == [(IMPORT_CHUNK, len(many)), (IMPORT_CHUNK * 2, len(many))]
    assert repository.count() == 0  # rolled back: nothing half-imported
    repository.import_activities(many, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(many), len(many)) and repository.count() == len(many)


def test_merging_duplicates_saves_one_and_archives_the_other_or_neither(
    repository: DirectoryRepository,
) -> None:
    from navigator.domain.directory import Status

    repository.import_activities([activity("a1"), activity("a2", name="Choir again")])
    merged = activity("a1", name="Community choir")
    with pytest.raises(ConflictError):
        repository.merge_duplicates(merged, 1, "a2", 7)  # a2 changed since it was compared
    assert repository.get("a1").activity.name == "Choir"  # type: ignore[union-attr]
    assert repository.merge_duplicates(merged, 1, "a2", 1) == 2
    assert repository.get("a1").activity.name == "Community choir"  # type: ignore[union-attr]
    assert repository.get("a2").activity.status is Status.ARCHIVED  # type: ignore[union-attr]


def test_not_duplicates_are_remembered_once_either_way_round(
    repository: DirectoryRepository,
) -> None:
    repository.add_not_duplicates("b", "a")
    repository.add_not_duplicates("a", "b")
    assert repository.not_duplicate_pairs() == {("a", "b")}


def test_a_colleague_can_save_while_a_loaded_directory_is_being_decoded(
    repository: DirectoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole directory is fetched (in partitions) before any row is decoded, so SQLite's
    read lock is held for the fetch alone: another connection can write while the seconds
    of decoding a large directory go by (it was refused while the read was still open)."""
    repository.import_activities([activity(f"a{i:04d}") for i in range(3000)])
    decode = repository_module.ActivityDecoder.activity
    decoded: list[str] = []
    outcome: list[str] = []

    def writes_half_way(self: repository_module.ActivityDecoder, *args: Any) -> Activity:
        decoded.append("one")
        if len(decoded) == 2000:  # past the first partition of rows
            writer = sqlite3.connect(tmp_path / "dir.db", timeout=0, isolation_level=None)
            try:
                writer.execute("BEGIN IMMEDIATE")
                writer.execute("UPDATE directory_state SET revision = revision")
                writer.execute("COMMIT")
                outcome.append("written")
            except sqlite3.OperationalError as error:
                outcome.append(str(error))
            finally:
                writer.close()
        return decode(self, *args)

    monkeypatch.setattr(repository_module.ActivityDecoder, "activity", writes_half_way)
    assert len(repository.all_activities()) == 3000
    assert outcome == ["written"]
