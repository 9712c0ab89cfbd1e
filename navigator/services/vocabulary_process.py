"""A large directory's vocabulary built in a second process, while this one builds the rest
of its snapshot.

The vocabulary is most of a snapshot build (at a million activities about 16 s of 23) and
is Python per word, so a thread cannot share it: the GIL lets one run at a time. A second
process can. Its texts go to it a chunk at a time (`vocabulary.ChunkTexts`: plain lists and
arrays) from a thread here, while this thread builds the other columns; it sends back the
built vocabulary as lists and arrays. Small directories are built here: starting a process
(a fresh interpreter importing numpy) costs more than their whole vocabulary.

A fresh interpreter ("spawn"), never a copy of this one ("fork"): the app's other threads
(Qt's, the database worker) hold locks a copy would find held forever. If the process
cannot start, dies or fails, the vocabulary is built here instead, and a failure of the
build itself then shows here as it would have anyway. The packaged app calls
`multiprocessing.freeze_support()` first thing, so its executable can be the second
process (packaging/navigator_entry.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from typing import Any

import numpy as np

from navigator.collector import collector_paused
from navigator.domain.directory import Activity
from navigator.matching.vocabulary import (
    BuiltHere,
    BuiltVocabulary,
    Vocabulary,
    VocabularyBuild,
    built_vocabulary,
    chunks_of,
)

log = logging.getLogger(__name__)

# From this many activities on, the second process pays: starting it costs about 0.25 s,
# which 40,000 activities' vocabulary just makes up for (docs/performance.md).
SECOND_PROCESS_FROM = 50_000


class VocabularyProcesses:
    """Starts each large directory's vocabulary build in a second process (a
    `vocabulary.StartVocabulary`, given to `DirectorySnapshot.build`)."""

    def __init__(self, *, smallest: int = SECOND_PROCESS_FROM) -> None:
        """`smallest`: directories smaller than this are built in this thread."""
        self._smallest = smallest
        self._context = multiprocessing.get_context("spawn")

    def __call__(
        self, activities: Sequence[Activity], known_words: frozenset[str]
    ) -> VocabularyBuild:
        if len(activities) < self._smallest or (os.cpu_count() or 1) < 2:
            return BuiltHere(activities, known_words)  # (one CPU: the two would take turns)
        try:
            return _InSecondProcess(activities, known_words, self._context)
        except (OSError, RuntimeError) as error:  # no process could be started
            log.warning("vocabulary built in this process: %s", error)
            return BuiltHere(activities, known_words)


class _InSecondProcess:
    def __init__(
        self, activities: Sequence[Activity], known_words: frozenset[str], context: SpawnContext
    ) -> None:
        self._here = BuiltHere(activities, known_words)  # if the process fails
        self._connection, theirs = context.Pipe()
        self._process = context.Process(
            target=serve, args=(theirs, known_words), name="navigator-vocabulary", daemon=True
        )
        try:
            self._process.start()
        except BaseException:
            self._connection.close()
            raise
        finally:
            theirs.close()  # the process has its own copy: ours would keep the pipe open
        self._open = True
        self._sender = threading.Thread(
            target=self._send, args=(activities,), name="navigator-vocabulary-texts", daemon=True
        )
        try:
            self._sender.start()
        except BaseException:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            raise

    def _send(self, activities: Sequence[Activity]) -> None:
        try:
            for chunk in chunks_of(activities):
                self._connection.send(chunk)  # waits while the process is busy: no pile-up
            self._connection.send(None)
        except OSError:
            pass  # the process ended (or was ended by `cancel`): `result` finds out

    def result(self) -> Vocabulary:
        self._sender.join()
        try:
            built = _received(self._connection)
        except (EOFError, OSError, ValueError) as error:
            built = f"{type(error).__name__}: {error}"
        if isinstance(built, BuiltVocabulary):
            vocabulary = Vocabulary.of(built)  # while the process ends
            self._close(wait=True)
            return vocabulary
        self._close(wait=False)
        log.warning("the vocabulary process failed (%s): built in this process", built)
        return self._here.result()

    def cancel(self) -> None:
        self._close(wait=False)

    def _close(self, *, wait: bool) -> None:
        """The process ended (given a few seconds to end itself if `wait`), then the pipe
        closed, once the sender no longer writes to it."""
        if not self._open:
            return
        self._open = False
        self._process.join(timeout=5 if wait else 0)
        if self._process.is_alive():
            self._process.terminate()  # a sender still writing then fails, and stops
            self._process.join()
        self._sender.join()
        self._connection.close()
        self._process.close()


def serve(connection: Connection, known_words: frozenset[str]) -> None:
    """The second process: build the vocabulary of the chunks received until None, and
    send it back (or, if the build fails, a line saying why)."""
    try:
        with collector_paused():  # millions of small objects, no cycles (collector.py)
            chunks = iter(connection.recv, None)
            reply: BuiltVocabulary | str = built_vocabulary(chunks, known_words)
    except (EOFError, KeyboardInterrupt):
        return  # the parent went away or was interrupted: nothing wants the vocabulary
    except Exception as error:  # any failure is reported to the parent, which builds it
        reply = f"{type(error).__name__}: {error}"
    try:
        if isinstance(reply, str):
            connection.send(reply)
        else:
            _send(connection, reply)
    except OSError:
        pass
    finally:
        connection.close()


# How a built vocabulary travels: a header (each word list's length, each array's type),
# then each word list as one string of lines (no word holds a line break) and each array as
# its bytes. Pickled, at a million activities, it took 1.7 s to send; this way 0.6 s.
_WORD_LISTS = ("terms", "surfaces", "words")
_ARRAYS = ("lengths", "post_acts", "post_ranks", "post_ptr", "fuzzy_index")


def _send(connection: Connection, built: BuiltVocabulary) -> None:
    lengths = [len(getattr(built, name)) for name in _WORD_LISTS]
    types = [getattr(built, name).dtype.str for name in _ARRAYS]
    connection.send((lengths, types))
    for name in _WORD_LISTS:
        connection.send_bytes("\n".join(getattr(built, name)).encode())
    for name in _ARRAYS:
        connection.send_bytes(np.ascontiguousarray(getattr(built, name)).data)


def _received(connection: Connection) -> BuiltVocabulary | str:
    """The vocabulary `_send` sent, or the line saying why the build failed. ValueError if
    what came is not what was sent."""
    header = connection.recv()
    if isinstance(header, str):
        return header
    lengths, types = header
    lists: dict[str, Any] = {}
    for name, length in zip(_WORD_LISTS, lengths, strict=True):
        text = connection.recv_bytes().decode()
        lists[name] = text.split("\n") if text else []
        if len(lists[name]) != length:
            raise ValueError(f"{name}: {len(lists[name])} words received, {length} sent")
    arrays: dict[str, Any] = {
        name: np.frombuffer(connection.recv_bytes(), dtype=np.dtype(kind))
        for name, kind in zip(_ARRAYS, types, strict=True)
    }
    return BuiltVocabulary(**lists, **arrays)
