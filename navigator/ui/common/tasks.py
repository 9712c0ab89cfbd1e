"""The one way Navigator runs work off the UI thread.

`TaskRunner.run(work, on_success, on_failure)` runs `work()` on an executor and calls one of
the callbacks back on the UI thread through a queued signal. Widgets are only ever touched
from those callbacks. `LatestOnly` wraps a runner for search-as-you-type: each new request
supersedes the last; superseded work still queued never runs, and results of superseded
work already running are dropped.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Callable
from concurrent.futures import Executor, Future
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")


class TaskRunner(QObject):
    # Finished work leaves its callback in a thread-safe queue and wakes the UI thread with
    # an argument-less signal. Python objects never travel inside a cross-thread signal, and
    # the receiver is a declared @Slot: PySide6 6.8+ can corrupt reference counts otherwise
    # (PYSIDE-3124; seen here as "deallocating None" while a worker was busy).
    _finished = Signal()

    def __init__(self, executor: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._callbacks: queue.SimpleQueue[Callable[[], object]] = queue.SimpleQueue()
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[BaseException], object],
    ) -> Future[T] | None:
        try:
            future = self._executor.submit(work)
        except RuntimeError:  # the executor was shut down: the window is closing
            return None
        future.add_done_callback(partial(self._deliver, on_success, on_failure))
        return future

    def _deliver(
        self,
        on_success: Callable[[Any], object],
        on_failure: Callable[[BaseException], object],
        future: Future[Any],
    ) -> None:
        if future.cancelled():
            return
        error = future.exception()
        callback = partial(on_failure, error) if error else partial(on_success, future.result())
        self._callbacks.put(callback)
        # RuntimeError: the window closed while the work ran, so there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            self._finished.emit()

    @Slot()
    def _on_finished(self) -> None:
        while True:
            try:
                callback = self._callbacks.get_nowait()
            except queue.Empty:
                return
            try:
                callback()
            except BaseException:
                # Let the error surface, but not strand the results queued behind it.
                if not self._callbacks.empty():
                    self._finished.emit()
                raise


class LatestOnly:
    """Runs requests through a TaskRunner; only the newest request's result is delivered.

    A new request supersedes the one before: if that has not started yet it is taken off the
    executor's queue and never runs (`Future.cancel`); if it is already running it finishes,
    but its result (or error) is dropped. `discard()` supersedes without a new request, and
    `then()` adds a follow-on step (say, on another runner) that is superseded with it.
    """

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._generation = 0
        self._pending: list[Future[Any]] = []  # the current request's steps not yet delivered

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[BaseException], object],
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        """Supersede the current request and start this one (on `runner` if given)."""
        self.discard()
        self.then(work, on_success, on_failure, runner=runner)

    def then(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[BaseException], object],
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        """Another step of the current request, usually started from its last step's
        `on_success`: delivered only while no newer request has been made."""
        generation = self._generation

        def if_current(callback: Callable[[Any], object]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if generation == self._generation:
                    callback(value)

            return deliver

        future = (runner or self._runner).run(work, if_current(on_success), if_current(on_failure))
        if future is not None:
            self._pending = [f for f in self._pending if not f.done()] + [future]

    def discard(self) -> None:
        """Drop the current request: queued steps never run, running ones are not heard."""
        self._generation += 1
        pending, self._pending = self._pending, []
        for future in pending:
            future.cancel()  # False (and harmless) once it is running or done
