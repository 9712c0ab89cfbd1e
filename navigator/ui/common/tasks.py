"""The one way Navigator runs work off the UI thread.

`TaskRunner.run(work, on_success, on_failure)` runs `work()` on an executor and calls one of
the callbacks back on the UI thread through a queued signal. Widgets are only ever touched
from those callbacks. `LatestOnly` wraps a runner for search-as-you-type: each new request
supersedes the last, and results of superseded requests are dropped.
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
        self._callbacks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> Future[T] | None:
        try:
            future = self._executor.submit(work)
        except RuntimeError:  # the executor was shut down: the window is closing
            return None
        future.add_done_callback(partial(self._deliver, on_success, on_failure))
        return future

    def _deliver(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
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
    """Runs requests through a TaskRunner; only the newest request's result is delivered."""

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._generation = 0

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        self._generation += 1
        generation = self._generation

        def if_current(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if generation == self._generation:
                    callback(value)

            return deliver

        self._runner.run(work, if_current(on_success), if_current(on_failure))
