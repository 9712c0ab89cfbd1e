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
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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

# From this many activities on, the second process pays. Starting it costs 0.25 s from a
# script that imports little, 0.5 s or more from the `navigator` command's script (a spawned
# process imports the parent's main script again, and that one imports navigator.cli and
# SQLAlchemy); at 40,000 activities the vocabulary is 0.7 s (docs/performance.md).
SECOND_PROCESS_FROM = 100_000
# A failure's line, cut short: it is sent while the parent may still be sending texts, and a
# pipe's buffer (8 KB on Windows) must hold it or both sides would wait on each other.
FAILURE_CHARS = 1_000
READY = "ready"


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
        if len(activities) < self._smallest or _usable_cpus() < 2:
            return BuiltHere(activities, known_words)  # (one CPU: the two would take turns)
        try:
            return _InSecondProcess(activities, known_words, self._context)
        except (OSError, RuntimeError) as error:  # no process could be started
            log.warning("vocabulary built in this process: %s", error)
            return BuiltHere(activities, known_words)


def _usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class _InSecondProcess:
    """One build in a second process. The sending thread is the only one that writes to the
    pipe, and only once the process has said it is ready (on Windows the process takes its
    end of the pipe over only then: writing sooner to a process that has died would wait
    for ever); `result` reads only once the sender has finished. If anything fails, the
    process is ended and the vocabulary built here, where a failure of the build itself
    shows as it would have anyway."""

    def __init__(
        self, activities: Sequence[Activity], known_words: frozenset[str], context: SpawnContext
    ) -> None:
        self._here = BuiltHere(activities, known_words)  # if the process fails
        self._failure: BaseException | None = None  # the sender's, if it failed
        self._exitcode: int | None = None
        self._connection, theirs = context.Pipe()
        self._process = context.Process(
            target=serve, args=(theirs, known_words), name="navigator-vocabulary", daemon=True
        )
        try:
            with _interrupts_held():
                self._process.start()
        except BaseException:
            self._connection.close()
            raise
        finally:
            theirs.close()  # the process has its own copy: ours would keep the pipe open
        self._open = True
        self._sender = threading.Thread(
            target=self._send_texts,
            args=(activities,),
            name="navigator-vocabulary-texts",
            daemon=True,
        )
        try:
            self._sender.start()
        except BaseException:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            raise

    def _send_texts(self, activities: Sequence[Activity]) -> None:
        try:
            chunks = chunks_of(activities)
            chunk = next(chunks, None)  # the first read while the process starts up
            if not self._answers() or self._connection.recv() != READY:
                return
            while chunk is not None:
                self._connection.send(chunk)  # waits while the process is busy: no pile-up
                chunk = next(chunks, None)
            self._connection.send(None)
        except OSError:
            pass  # the process ended (or was ended by `cancel`): `result` finds out
        except BaseException as error:  # reading the texts failed: `result` builds here
            self._failure = error
            self._process.kill()

    def _answers(self) -> bool:
        """Wait until the process sends something, or ends (False)."""
        ready = multiprocessing.connection.wait([self._connection, self._process.sentinel])
        return self._connection in ready

    def result(self) -> Vocabulary:
        self._sender.join()
        built: BuiltVocabulary | str
        try:
            if self._failure is not None:
                built = f"reading the texts failed: {self._failure!r}"
            elif self._answers():
                built = _received_built(self._connection)
            else:
                built = "it ended"
        except (EOFError, OSError, ValueError) as error:
            built = f"{type(error).__name__}: {error}"
        if isinstance(built, BuiltVocabulary):
            vocabulary = Vocabulary.of(built)  # while the process ends
            self._close(wait=True)
            return vocabulary
        self._close(wait=False)
        log.warning(
            "the vocabulary process failed (%s; exit code %s): built in this process",
            built,
            self._exitcode,
        )
        return self._here.result()

    def cancel(self) -> None:
        self._close(wait=False)

    def _close(self, *, wait: bool) -> None:
        """The process ended (given a few seconds to end itself if `wait`), then the pipe
        closed, once the sender no longer writes to it."""
        if not self._open:
            return
        try:
            self._process.join(timeout=5 if wait else 0)
            if self._process.is_alive():
                self._process.terminate()  # a sender still writing then fails, and stops
                self._process.join()
            self._exitcode = self._process.exitcode
            self._sender.join()
            self._connection.close()
            self._process.close()
        finally:
            self._open = False


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C held back from the process being started (it inherits the mask): else a
    Ctrl-C while it starts up prints its traceback over the command's one-line message. The
    parent ends it (`cancel`, or at exit: it is a daemon). Where there are no signal masks
    (Windows), as it is."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def serve(connection: Connection, known_words: frozenset[str]) -> None:
    """The second process: say it is ready, build the vocabulary of the chunks received
    until None, and send it back (or, if the build fails, a line saying why)."""
    try:
        connection.send(READY)
        with collector_paused():  # millions of small objects, no cycles (collector.py)
            chunks = iter(connection.recv, None)
            reply: BuiltVocabulary | str = built_vocabulary(chunks, known_words)
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent went away or was interrupted: nothing wants the vocabulary
    except Exception as error:  # any failure is reported to the parent, which builds it
        reply = f"{type(error).__name__}: {error}"[:FAILURE_CHARS]
    try:
        if isinstance(reply, str):
            connection.send(reply)
        else:
            _send_built(connection, reply)
    except OSError:
        pass
    finally:
        connection.close()


# How a built vocabulary travels: a header (each word list's length, each array's type),
# then each word list as one string of lines (no word holds a line break) and each array as
# its bytes. Pickled, at a million activities, it took 1.7 s to send; this way 0.6 s.
_WORD_LISTS = ("terms", "surfaces", "words")
_ARRAYS = ("lengths", "post_acts", "post_ranks", "post_ptr", "fuzzy_index")


def _send_built(connection: Connection, built: BuiltVocabulary) -> None:
    lengths = [len(getattr(built, name)) for name in _WORD_LISTS]
    types = [getattr(built, name).dtype.str for name in _ARRAYS]
    connection.send((lengths, types))
    for name in _WORD_LISTS:
        connection.send_bytes("\n".join(getattr(built, name)).encode())
    for name in _ARRAYS:
        connection.send_bytes(np.ascontiguousarray(getattr(built, name)).data)


def _received_built(connection: Connection) -> BuiltVocabulary | str:
    """The vocabulary `_send_built` sent, or the line saying why the build failed.
    ValueError if what came is not what was sent."""
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
    built = BuiltVocabulary(**lists, **arrays)
    terms, ptr = len(built.terms), built.post_ptr
    if not (
        len(built.surfaces) == len(built.lengths) == terms == len(ptr) - 1
        and len(built.post_acts) == len(built.post_ranks) == ptr[-1]
    ):
        raise ValueError("the vocabulary's parts do not agree")
    return built
