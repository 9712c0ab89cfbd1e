"""A start with a cached snapshot ranks before the directory is read (issue 17): the snapshot
is restored over the activities' ids alone and reads each activity the first time a ranking
shows it (matching/on_demand.py), until the whole list is filled in. Rankings are exactly
those of the snapshot built from every activity; a change to the directory meanwhile is
never shown as the old one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from navigator.domain.directory import Activity
from navigator.matching import DirectorySnapshot, rank
from navigator.matching.on_demand import ActivitiesOnDemand
from navigator.services.matching import MatchService
from navigator.services.snapshot_cache import MANIFEST, CacheKey, SnapshotCache
from navigator.store.database import open_database
from navigator.store.repository import DirectoryMoved, DirectoryRepository

from .golden_cases import CASES, NOW, case_profiles, report_json

CASE = "generated-1500"


class Reads:
    """An ActivitiesOnDemand reader over a list, counting what it was asked for."""

    def __init__(self, activities: list[Activity]) -> None:
        self.by_id = {a.id: a for a in activities}
        self.calls: list[list[str]] = []

    def __call__(self, ids: list[str]) -> list[Activity]:
        self.calls.append(ids)
        return [self.by_id[i] for i in ids]

    @property
    def activities(self) -> int:
        return sum(map(len, self.calls))


@pytest.fixture(scope="module")
def directory() -> list[Activity]:
    return CASES[CASE][0]()


def test_activities_are_read_when_first_asked_for_and_kept(directory: list[Activity]) -> None:
    reads = Reads(directory)
    on_demand = ActivitiesOnDemand([a.id for a in directory], reads)
    assert len(on_demand) == len(directory) and reads.calls == []
    assert on_demand[3] == directory[3] and on_demand[-1] == directory[-1]
    assert on_demand[3] is on_demand[3]
    assert reads.activities == 2
    on_demand.prefetch([3, 5, 7, 5])  # one read of those not read yet
    assert reads.calls[-1] == [directory[5].id, directory[7].id]
    assert list(on_demand[5:8]) == directory[5:8]
    with pytest.raises(IndexError):
        on_demand[len(directory)]


def test_walking_them_all_before_the_fill_reads_in_batches(directory: list[Activity]) -> None:
    reads = Reads(directory)
    on_demand = ActivitiesOnDemand([a.id for a in directory], reads)
    assert list(on_demand) == directory
    assert len(reads.calls) < 5  # batches of 2,000, not an activity at a time


def test_the_fill_must_be_the_same_activities(directory: list[Activity]) -> None:
    reads = Reads(directory)
    on_demand = ActivitiesOnDemand([a.id for a in directory], reads)
    assert not on_demand.fill(directory[1:])
    assert not on_demand.fill([*directory[1:], directory[0]])
    assert not on_demand.filled
    assert on_demand.fill(directory)
    assert on_demand.filled and list(on_demand) == directory and on_demand[9] is directory[9]
    assert reads.calls == []


@pytest.mark.parametrize("fill_during", ["look-up", "read"])
def test_a_fill_on_another_thread_during_a_read_loses_nothing(
    directory: list[Activity], fill_during: str
) -> None:
    # The window fills the list on the database worker while a ranking may be reading:
    # here the fill comes just as the read looks for what it has already.
    on_demand = ActivitiesOnDemand([a.id for a in directory], Reads(directory))

    class FilledMeanwhile(dict[int, Activity]):
        def get(self, key: int, default: Any = None) -> Any:
            if fill_during == "look-up":
                assert on_demand.fill(directory)
            return super().get(key, default)

    def read(ids: list[str]) -> list[Activity]:
        if fill_during == "read":
            assert on_demand.fill(directory)
        return Reads(directory)(ids)

    on_demand._got = FilledMeanwhile()
    on_demand._read = read
    assert on_demand[3] == directory[3]
    assert on_demand.filled


# Through the store and the match service, as a start of the app --------------------------


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(CASES[CASE][0]())
    yield repository
    database.engine.dispose()


def _reports(snapshot: DirectorySnapshot, people: list[Any]) -> list[dict[str, Any]]:
    return [report_json(rank(p, snapshot, now=NOW, top=10)) for p in people]


def test_the_store_reads_some_activities_as_the_whole_read_does(
    repository: DirectoryRepository,
) -> None:
    everything = repository.all_activities()
    ids = repository.activity_ids()
    assert ids == [a.id for a in everything]
    revision = repository.revision()
    picked = [ids[40], ids[2], ids[-1]]
    assert repository.activities_at(picked, revision) == [
        everything[40],
        everything[2],
        everything[-1],
    ]
    with pytest.raises(DirectoryMoved):
        repository.activities_at([*picked, "no-such-activity"], revision)
    repository.import_activities([dataclasses.replace(everything[2], name="Renamed")])
    with pytest.raises(DirectoryMoved):  # its arrays would not describe what is read now
        repository.activities_at(picked, revision)


def test_a_start_with_the_cache_ranks_before_reading_the_directory(
    repository: DirectoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    built = MatchService(repository, snapshot_cache=cache).snapshot()  # the first start
    people = case_profiles(CASE, list(built.activities))[:20]
    expected = _reports(built, people)

    whole_reads: list[int] = []
    all_activities = repository.all_activities
    monkeypatch.setattr(
        repository, "all_activities", lambda: whole_reads.append(1) or all_activities()
    )
    asked: list[int] = []
    activities_at = repository.activities_at
    monkeypatch.setattr(
        repository,
        "activities_at",
        lambda ids, revision: asked.append(len(ids)) or activities_at(ids, revision),
    )
    service = MatchService(repository, snapshot_cache=cache, on_demand=True)
    snapshot = service.snapshot()
    assert not snapshot.complete and whole_reads == []
    assert _reports(snapshot, people) == expected
    assert whole_reads == [] and 0 < sum(asked) < len(built) // 4
    assert len(asked) <= 2 * len(people)  # shown ones read together, not one at a time

    assert service.complete(snapshot) is snapshot  # filled in place
    assert snapshot.complete and whole_reads == [1]
    assert list(snapshot.activities) == list(built.activities)
    assert _reports(snapshot, people) == expected
    assert service.snapshot() is snapshot


def _cached(repository: DirectoryRepository, tmp_path: Path) -> SnapshotCache:
    """A snapshot cache holding the directory as it is (a first start made it)."""
    cache = SnapshotCache(tmp_path / "cache")
    MatchService(repository, snapshot_cache=cache).snapshot()
    return cache


def test_a_change_before_the_directory_is_read_gives_the_new_directory(
    repository: DirectoryRepository, tmp_path: Path
) -> None:
    service = MatchService(repository, snapshot_cache=_cached(repository, tmp_path), on_demand=True)
    snapshot = service.snapshot()
    first = repository.all_activities()[0]
    repository.import_activities([dataclasses.replace(first, name="Changed Meanwhile")])

    with pytest.raises(DirectoryMoved):  # never the new activity over the old arrays
        snapshot.activities[0]
    newer = service.complete(snapshot)
    assert newer is not snapshot and newer.complete and not snapshot.complete
    assert newer.activity(first.id).name == "Changed Meanwhile"
    assert service.snapshot() is newer


def test_without_on_demand_a_snapshot_is_always_complete(
    repository: DirectoryRepository, tmp_path: Path
) -> None:
    cache = _cached(repository, tmp_path)
    # `navigator match` ranks many profiles: every activity read at once.
    assert MatchService(repository, snapshot_cache=cache).snapshot().complete


def test_a_start_with_no_set_saved_never_reads_the_ids_first(
    repository: DirectoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    id_reads: list[int] = []
    activity_ids = repository.activity_ids
    monkeypatch.setattr(repository, "activity_ids", lambda: id_reads.append(1) or activity_ids())
    cache = SnapshotCache(tmp_path / "cache")
    # The first start: nothing saved, so the whole directory is read and built at once.
    first = MatchService(repository, snapshot_cache=cache, on_demand=True).snapshot()
    assert first.complete and id_reads == []
    # The next: the set saved is this revision's, so the snapshot is restored over the ids.
    assert not MatchService(repository, snapshot_cache=cache, on_demand=True).snapshot().complete
    assert id_reads == [1]


def test_the_cache_says_whether_a_set_may_be_there_without_the_ids(
    repository: DirectoryRepository, tmp_path: Path
) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    key = CacheKey.of(repository.database.url, repository.revision())
    assert not cache.may_hold(key)
    MatchService(repository, snapshot_cache=cache).snapshot()
    assert cache.may_hold(key)
    assert not cache.may_hold(dataclasses.replace(key, revision=key.revision + 1))
    assert not cache.may_hold(dataclasses.replace(key, database="another"))
    manifest = cache.folder / key.database / MANIFEST
    for damaged in (b"[1, 2]", b"{not json", b""):
        manifest.write_bytes(damaged)
        assert not cache.may_hold(key)
