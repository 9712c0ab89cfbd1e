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
    # Finished work leaves its task number in a thread-safe queue and wakes the UI thread with
    # an argument-less signal. Python objects never travel inside a cross-thread signal, and
    # the receiver is a declared @Slot: PySide6 6.8+ can corrupt reference counts otherwise
    # (PYSIDE-3124; seen here as "deallocating None" while a worker was busy).
    #
    # The work and its callbacks stay in `_tasks`, which only the UI thread changes, until the
    # UI thread has delivered them. So the worker never drops the last reference to them: a
    # closure over a widget freed on a worker makes shiboken delete that widget from the wrong
    # thread (seen as a crash in BindingManager::runDeletionInMainThread after a dialog closed).
    _finished = Signal()

    def __init__(self, executor: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._tasks: dict[int, _Task] = {}
        self._next_id = 0
        self._done: queue.SimpleQueue[int] = queue.SimpleQueue()
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[BaseException], object],
    ) -> Future[T] | None:
        self._next_id += 1
        task_id = self._next_id
        self._tasks[task_id] = _Task(work, on_success, on_failure)
        try:
            future = self._executor.submit(self._work_of(task_id))
        except RuntimeError:  # the executor was shut down: the window is closing
            del self._tasks[task_id]
            return None
        self._tasks[task_id].future = future
        future.add_done_callback(partial(self._deliver, task_id))
        return future

    def _work_of(self, task_id: int) -> Callable[[], Any]:
        # Looked up when it runs, so the executor's queue holds only the number and this runner.
        return lambda: self._tasks[task_id].work()

    def _deliver(self, task_id: int, _future: Future[Any]) -> None:
        """Runs on the worker (or on the UI thread when cancelled there)."""
        self._done.put(task_id)
        # RuntimeError: the window closed while the work ran, so there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            self._finished.emit()

    @Slot()
    def _on_finished(self) -> None:
        while True:
            try:
                task_id = self._done.get_nowait()
            except queue.Empty:
                return
            task = self._tasks.pop(task_id, None)
            future = task.future if task is not None else None
            if task is None or future is None or future.cancelled():
                continue
            error = future.exception()
            try:
                if error is not None:
                    task.on_failure(error)
                else:
                    task.on_success(future.result())
            except BaseException:
                # Let the error surface, but not strand the results queued behind it.
                if not self._done.empty():
                    self._finished.emit()
                raise


class _Task:
    """One piece of work and what to call with its outcome, held by the UI thread."""

    __slots__ = ("future", "on_failure", "on_success", "work")

    def __init__(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], object],
        on_failure: Callable[[BaseException], object],
    ) -> None:
        self.work = work
        self.on_success = on_success
        self.on_failure = on_failure
        self.future: Future[Any] | None = None


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
