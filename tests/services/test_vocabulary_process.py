"""A large directory's vocabulary built in a second process (services/vocabulary_process.py)
is the vocabulary built here, whatever becomes of the process."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from navigator.domain.directory import Activity
from navigator.matching import DirectorySnapshot
from navigator.matching import vocabulary as vocabulary_module
from navigator.matching.interests import known_words
from navigator.matching.vocabulary import BuiltHere, Vocabulary, chunk_texts
from navigator.services import vocabulary_process
from navigator.services.matching import MatchService
from navigator.services.vocabulary_process import VocabularyProcesses, serve
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate


@pytest.fixture(scope="module")
def directory() -> list[Activity]:
    return generate(3_000, seed=3)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 700 activities: the texts go to the process in five sends, as a large
    directory's do in fifty."""
    monkeypatch.setattr(vocabulary_module, "CHUNK", 700)


def _assert_same(built: Vocabulary, expected: Vocabulary) -> None:
    arrays, texts = built.parts()
    expected_arrays, expected_texts = expected.parts()
    assert texts == expected_texts
    assert arrays.keys() == expected_arrays.keys()
    for name, array in arrays.items():
        assert array.dtype == expected_arrays[name].dtype, name
        assert np.array_equal(array, expected_arrays[name]), name


def _no_process_left() -> bool:
    return not multiprocessing.active_children()


def _fell_back(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the process module logged: a vocabulary built here after all (or nothing).
    Without it a test could pass on the fallback alone: the vocabularies would agree."""
    return [r.getMessage() for r in caplog.records if r.name == vocabulary_process.__name__]


def test_the_second_process_builds_the_vocabulary_built_here(
    directory: list[Activity], small_chunks: None, caplog: pytest.LogCaptureFixture
) -> None:
    building = VocabularyProcesses(smallest=0)(directory, known_words())
    assert not isinstance(building, BuiltHere)
    assert multiprocessing.active_children()  # it is running elsewhere
    built = building.result()
    assert _no_process_left()
    assert _fell_back(caplog) == []
    _assert_same(built, Vocabulary(directory, known_words()))


def test_a_snapshot_built_with_the_process_is_the_snapshot_built_here(
    directory: list[Activity], small_chunks: None, caplog: pytest.LogCaptureFixture
) -> None:
    elsewhere = DirectorySnapshot.build(directory, VocabularyProcesses(smallest=0)).parts()
    assert _fell_back(caplog) == []
    here = DirectorySnapshot.build(directory).parts()
    assert elsewhere.texts == here.texts
    assert elsewhere.plain == here.plain
    assert elsewhere.arrays.keys() == here.arrays.keys()
    for name, array in elsewhere.arrays.items():
        assert np.array_equal(array, here.arrays[name], equal_nan=array.dtype.kind == "f"), name


def test_a_small_directory_is_built_here_without_a_process(directory: list[Activity]) -> None:
    building = VocabularyProcesses(smallest=len(directory) + 1)(directory, known_words())
    assert isinstance(building, BuiltHere)
    assert _no_process_left()


def test_if_the_process_dies_the_vocabulary_is_built_here(
    directory: list[Activity], small_chunks: None, caplog: pytest.LogCaptureFixture
) -> None:
    building = VocabularyProcesses(smallest=0)(directory, known_words())
    (process,) = multiprocessing.active_children()
    process.kill()
    built = building.result()
    assert _no_process_left()
    (said,) = _fell_back(caplog)
    assert "built in this process" in said and "exit code -9" in said
    _assert_same(built, Vocabulary(directory, known_words()))


def test_texts_that_cannot_be_read_fail_as_they_would_here(directory: list[Activity]) -> None:
    """The thread sending the texts fails: the process is ended and the build here raises
    (it used to leave both sides waiting for ever)."""
    unreadable = dataclasses.replace(directory[5], keywords=None)  # type: ignore[arg-type]
    broken = [*directory[:5], unreadable, *directory[6:]]
    with pytest.raises(TypeError):
        BuiltHere(broken, known_words()).result()
    building = VocabularyProcesses(smallest=0)(broken, known_words())
    with pytest.raises(TypeError):
        building.result()
    assert _no_process_left()


def test_a_cancelled_build_leaves_no_process_behind(
    directory: list[Activity], small_chunks: None
) -> None:
    building = VocabularyProcesses(smallest=0)(directory, known_words())
    building.cancel()
    assert _no_process_left()
    building.cancel()  # twice is harmless


def test_a_snapshot_build_that_fails_stops_its_vocabulary_process(
    directory: list[Activity],
) -> None:
    twice = [*directory, directory[0]]
    with pytest.raises(ValueError, match="appears twice"):
        DirectorySnapshot.build(twice, VocabularyProcesses(smallest=0))
    assert _no_process_left()


def test_a_build_failing_in_the_process_is_reported_back_in_a_line(
    directory: list[Activity],
) -> None:
    """(`serve` run in a thread here: what the process runs, fed a chunk it cannot build.)"""
    ours, theirs = multiprocessing.Pipe()
    chunk = chunk_texts(directory[:10])
    broken = dataclasses.replace(chunk, ranks=chunk.ranks[:1])  # one text's rank, not ten
    ours.send(broken)  # both sent first: `serve` may close its end as soon as it fails
    ours.send(None)
    server = threading.Thread(target=serve, args=(theirs, known_words()))
    server.start()
    assert ours.recv() == "ready"
    reply = ours.recv()
    server.join()
    assert isinstance(reply, str) and reply.startswith("IndexError")


def test_the_match_service_builds_with_the_vocabularies_it_was_given(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    repository = DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}"))
    repository.import_activities(generate(300, seed=4))
    started: list[int] = []

    class Counted(VocabularyProcesses):
        def __call__(self, activities: Sequence[Activity], known_words: frozenset[str]) -> Any:
            building = super().__call__(activities, known_words)
            started.append(len(multiprocessing.active_children()))
            return building

    service = MatchService(repository, snapshot_cache=None, vocabularies=Counted(smallest=0))
    snapshot = service.snapshot()
    assert started == [1]  # built with a second process
    assert _fell_back(caplog) == []
    assert _no_process_left()
    here = DirectorySnapshot.build(list(snapshot.activities))
    assert snapshot.interests.vocabulary.parts()[1] == here.interests.vocabulary.parts()[1]
