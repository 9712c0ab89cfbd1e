"""The snapshot cache (services/snapshot_cache.py): a snapshot read back from disk ranks
exactly as the one built; any change to the directory, and any damage to the files, means
building again, never a crash and never a stale ranking. Old sets are pruned: a database
keeps its newest two, and a set in use is never removed."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from navigator.domain.directory import Activity
from navigator.matching import DirectorySnapshot, facts, rank, vocabulary
from navigator.matching import snapshot as snapshot_module
from navigator.matching.geo import Points
from navigator.services import snapshot_cache
from navigator.services.matching import MatchService
from navigator.services.snapshot_cache import MANIFEST, CacheKey, SnapshotCache
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

from .golden_cases import CASES, NOW, case_profiles, report_json

CASE = "generated-6000-1a"  # extra places, postcodes, priced units: every part of a snapshot


@pytest.fixture(scope="module")
def directory() -> list[Activity]:
    return CASES[CASE][0]()


@pytest.fixture(scope="module")
def built(directory: list[Activity]) -> DirectorySnapshot:
    return DirectorySnapshot.build(directory)


def _reports(snapshot: DirectorySnapshot, people: list[Any]) -> list[dict[str, Any]]:
    return [report_json(rank(p, snapshot, now=NOW, top=10)) for p in people]


def _saved(tmp_path: Path, directory: list[Activity], built: DirectorySnapshot) -> SnapshotCache:
    cache = SnapshotCache(tmp_path / "cache")
    assert cache.save(KEY, directory, built)
    return cache


KEY = CacheKey("0123456789abcdef", 7)


def test_a_snapshot_read_back_ranks_exactly_as_the_one_built(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    cache = _saved(tmp_path, directory, built)
    restored = cache.load(KEY, directory)
    assert restored is not None
    people = case_profiles(CASE, directory)
    assert _reports(restored, people) == _reports(built, people)
    # The postcode index answers as before (the person's postcode is placed from it).
    some = next(v.postcode for a in directory for v in a.venues if v.postcode)
    assert restored.postcodes.exact(some) == built.postcodes.exact(some)


def test_a_snapshot_read_back_has_every_part_of_the_built_one(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    restored = _saved(tmp_path, directory, built).load(KEY, directory)
    assert restored is not None
    # A part added to the snapshot later and forgotten by `parts` would be missing here.
    assert set(vars(restored)) == set(vars(built))
    for name, value in vars(built).items():
        again = getattr(restored, name)
        if isinstance(value, np.ndarray):
            assert again.dtype == value.dtype and np.array_equal(again, value, equal_nan=True)
            assert not again.flags.writeable
        elif isinstance(value, Points):
            for field, array in vars(value).items():
                assert np.array_equal(vars(again)[field], array, equal_nan=True), name
    assert set(vars(restored.interests)) == set(vars(built.interests))
    assert set(vars(restored.interests.vocabulary)) == set(vars(built.interests.vocabulary))
    assert restored.interests.vocabulary.fuzzy_terms == built.interests.vocabulary.fuzzy_terms
    # Opened memory-mapped, not read into memory.
    assert isinstance(restored.interests.vocabulary.post_acts, np.memmap)


def test_the_cache_is_for_exactly_these_activities(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    cache = _saved(tmp_path, directory, built)
    assert cache.load(CacheKey(KEY.database, KEY.revision + 1), directory) is None
    assert cache.load(CacheKey("another database", KEY.revision), directory) is None
    assert cache.load(KEY, directory[:-1]) is None  # one fewer
    renamed = [*directory[:-1], dataclasses.replace(directory[-1], id="zz-other")]
    assert cache.load(KEY, renamed) is None  # as many, another id
    assert cache.load(KEY, directory) is not None


def test_a_cache_from_other_code_is_not_used(
    tmp_path: Path,
    directory: list[Activity],
    built: DirectorySnapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = _saved(tmp_path, directory, built)
    monkeypatch.setattr(snapshot_cache, "code_digest", lambda: "a newer navigator")
    assert cache.load(KEY, directory) is None


def _files(cache: SnapshotCache) -> list[Path]:
    return sorted((cache.folder / KEY.database).glob("*.npy"))


def _biggest(cache: SnapshotCache) -> Path:
    return max(_files(cache), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize(
    "damage",
    ["flip a byte", "truncate", "delete", "empty the manifest", "garble the texts"],
)
def test_a_damaged_cache_is_not_used(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot, damage: str
) -> None:
    cache = _saved(tmp_path, directory, built)
    target = _biggest(cache)
    if damage == "flip a byte":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "truncate":
        target.write_bytes(target.read_bytes()[:1000])
    elif damage == "delete":
        target.unlink()
    elif damage == "empty the manifest":
        (cache.folder / KEY.database / MANIFEST).write_text("", encoding="utf-8")
    else:
        texts = cache.folder / KEY.database / "texts.json"
        texts.write_bytes(texts.read_bytes().replace(b"garden", b"gardem", 1))
    assert cache.load(KEY, directory) is None


def test_a_same_length_file_of_other_numbers_is_not_used(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    # Sizes match, so only the checksum can tell.
    cache = _saved(tmp_path, directory, built)
    first, second = _files(cache)[:2]
    first.write_bytes(second.read_bytes()[: first.stat().st_size].ljust(first.stat().st_size))
    assert cache.load(KEY, directory) is None


# Through the match service, as the app and `navigator match` use it ----------------------


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(CASES["generated-1500"][0]())
    yield repository
    database.engine.dispose()


class Builds:
    """Counts snapshot builds, to tell one read from the cache from one built."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        build = DirectorySnapshot.build.__func__  # type: ignore[attr-defined]

        def counted(cls: type[DirectorySnapshot], *args: Any) -> DirectorySnapshot:
            self.count += 1
            return build(cls, *args)  # type: ignore[no-any-return]

        monkeypatch.setattr(DirectorySnapshot, "build", classmethod(counted))


def _ranked(service: MatchService) -> list[dict[str, Any]]:
    snapshot = service.snapshot()
    people = case_profiles("generated-1500", list(snapshot.activities))[:12]
    return _reports(snapshot, people)


def test_a_second_start_reads_the_snapshot_and_a_change_invalidates_it(
    repository: DirectoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = Builds(monkeypatch)
    cache = SnapshotCache(tmp_path / "cache")
    first = _ranked(MatchService(repository, snapshot_cache=cache))
    assert builds.count == 1
    again = _ranked(MatchService(repository, snapshot_cache=cache))  # the next start
    assert builds.count == 1 and again == first

    changed = dataclasses.replace(repository.all_activities()[0], name="Changed Name Group")
    repository.import_activities([changed])
    service = MatchService(repository, snapshot_cache=cache)
    assert changed.name in [a.name for a in service.snapshot().activities]
    assert builds.count == 2
    _ranked(MatchService(repository, snapshot_cache=cache))
    assert builds.count == 2  # the new revision was saved in its turn


def test_a_damaged_cache_is_rebuilt_with_the_same_rankings(
    repository: DirectoryRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = Builds(monkeypatch)
    cache = SnapshotCache(tmp_path / "cache")
    first = _ranked(MatchService(repository, snapshot_cache=cache))
    for path in (cache.folder).rglob("*.npy"):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # truncated
    again = _ranked(MatchService(repository, snapshot_cache=cache))
    assert builds.count == 2 and again == first
    # ... and written again whole.
    assert _ranked(MatchService(repository, snapshot_cache=cache)) == first
    assert builds.count == 2


def test_the_service_keeps_its_cache_in_the_data_folder_by_default(
    repository: DirectoryRepository,
) -> None:
    MatchService(repository).snapshot()
    folder = Path(os.environ["NAVIGATOR_DATA_DIR"]) / snapshot_cache.FOLDER
    manifests = list(folder.rglob(MANIFEST))
    assert len(manifests) == 1
    assert json.loads(manifests[0].read_text("utf-8"))["count"] == 1_500


def test_a_restored_backup_is_another_database(tmp_path: Path) -> None:
    # A restore swaps in another file whose revision may repeat the replaced one's.
    path = tmp_path / "d.db"
    path.write_bytes(b"one")
    before = CacheKey.of(f"sqlite:///{path}", 3)
    shutil.copyfile(path, tmp_path / "copy.db")
    os.replace(tmp_path / "copy.db", path)
    assert before is not None and CacheKey.of(f"sqlite:///{path}", 3) != before


def test_databases_that_cannot_be_named_lastingly_are_not_cached(tmp_path: Path) -> None:
    assert CacheKey.of("sqlite://", 1) is None
    assert CacheKey.of("sqlite:///:memory:", 1) is None
    assert CacheKey.of(f"sqlite:///{tmp_path / 'missing.db'}", 1) is None
    key = CacheKey.of("postgresql://worker:s3cret@db.example/navigator", 1)
    assert key is not None and "s3cret" not in key.database


def _aged(folder: Path, days: float) -> None:
    """Make a set look last written `days` ago."""
    then = time.time() - days * 86_400
    for path in (*folder.iterdir(), folder):
        os.utime(path, (then, then))


def test_a_database_keeps_its_newest_sets_and_leftovers_go(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    # Three sets of one database file, each left behind when the file was replaced (a
    # restored backup has a new inode, so a new set), a day apart; one of another database.
    for days, name in ((5, "first"), (4, "second"), (3, "third")):
        assert cache.save(CacheKey(name, 1, "place-a"), directory, built)
        _aged(cache.folder / name, days)
    assert cache.save(CacheKey("elsewhere", 1, "place-b"), directory, built)
    _aged(cache.folder / "elsewhere", 30)
    # A save that stopped half way long ago, and one another window is making now.
    for name, days in (("stopped", 2.0), ("being-written", 0.0)):
        (cache.folder / name).mkdir()
        (cache.folder / name / "000.npy").write_bytes(b"part")
        _aged(cache.folder / name, days)

    assert cache.save(CacheKey("now", 2, "place-a"), directory, built)

    left = sorted(p.name for p in cache.folder.iterdir())
    assert left == ["being-written", "elsewhere", "now", "third"]
    assert cache.load(CacheKey("third", 1, "place-a"), directory) is not None
    assert cache.load(CacheKey("now", 2, "place-a"), directory) is not None


def test_a_set_in_use_is_never_pruned(
    tmp_path: Path, directory: list[Activity], built: DirectorySnapshot
) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    ages = {"in-use": 9, "old": 8, "newer": 7, "other-window": 0}
    for name in ages:  # all saved before any is old, so none is pruned yet
        assert cache.save(CacheKey(name, 1, "place"), directory, built)
    for name, days in ages.items():
        _aged(cache.folder / name, days)
    # This process reads the oldest: its arrays are mapped from those files.
    assert cache.load(CacheKey("in-use", 1, "place"), directory) is not None

    assert cache.save(CacheKey("current", 1, "place"), directory, built)

    # Only "old" went: the newest earlier set stays beside the current one, the set in use
    # and the one another window wrote a moment ago are left alone.
    left = sorted(p.name for p in cache.folder.iterdir())
    assert left == ["current", "in-use", "newer", "other-window"]


def test_a_set_that_cannot_be_removed_is_left_for_later(
    tmp_path: Path,
    directory: list[Activity],
    built: DirectorySnapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    for days, name in ((3, "oldest"), (2, "older")):
        assert cache.save(CacheKey(name, 1, "place"), directory, built)
        _aged(cache.folder / name, days)

    def held_open(*args: Any, **kwargs: Any) -> None:
        raise PermissionError("in use by another program")

    monkeypatch.setattr(shutil, "rmtree", held_open)
    assert cache.save(CacheKey("current", 1, "place"), directory, built)  # no crash
    monkeypatch.undo()
    # Renamed out of the way, so no reader takes it for a set; removed by the next save.
    assert not (cache.folder / "oldest").exists()
    assert any(snapshot_cache.REMOVING in p.name for p in cache.folder.iterdir())
    assert cache.save(CacheKey("current", 2, "place"), directory, built)
    assert sorted(p.name for p in cache.folder.iterdir()) == ["current", "older"]


def test_every_module_the_snapshot_is_built_from_is_in_the_code_digest() -> None:
    # A module left out would let a cache written by older code of it be read as current.
    built_from = set()
    for module in (snapshot_module, facts, vocabulary):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("navigator."):
                built_from.add(node.module)
    assert built_from - set(snapshot_cache.SNAPSHOT_MODULES) <= {"navigator.domain.profile"}
