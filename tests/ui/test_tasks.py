"""Work off the UI thread: results come back on the UI thread; superseded work still queued
never runs, superseded work already running is not heard from; errors reach the UI.

Every test blocks the single worker with an Event rather than sleeping, so what is queued
and what is running is decided by the test, never by timing."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from navigator.ui.common.tasks import LatestOnly, TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=1)  # one worker: later work queues behind earlier
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def runner(qtbot: QtBot, executor: ThreadPoolExecutor) -> TaskRunner:
    return TaskRunner(executor)


def blocker(gate: threading.Event, started: threading.Event | None = None) -> Callable[[], str]:
    """Work that holds the worker until `gate` is set (saying when it has begun)."""

    def work() -> str:
        if started is not None:
            started.set()
        if not gate.wait(WAIT_MS / 1000):
            raise TimeoutError("the test never released the worker")
        return "blocker"

    return work


def noting(ran: list[str], name: str) -> Callable[[], str]:
    """Work that notes, on the worker, that it ran."""

    def work() -> str:
        ran.append(name)
        return name

    return work


def never_called(value: object) -> None:
    raise AssertionError(f"a superseded request was delivered: {value!r}")


def test_results_arrive_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    got: list[tuple[str, bool]] = []
    ui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    runner.run(
        lambda: "done",
        lambda value: got.append((value, QThread.currentThread() is ui_thread)),
        never_called,
    )
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    assert got == [("done", True)]


def test_superseded_work_still_queued_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(blocker(gate), lambda _: None, never_called)  # the worker is busy
    ran: list[str] = []
    delivered: list[str] = []
    latest = LatestOnly(runner)
    for name in ("first", "second", "third"):
        # Noted on the worker: proves the work itself ran, not just that its result came.
        latest.run(noting(ran, name), delivered.append, never_called)
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["third"], timeout=WAIT_MS)
    assert ran == ["third"]  # the first two were taken off the queue, not merely ignored


def test_superseded_running_work_finishes_but_is_not_heard(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gate, started = threading.Event(), threading.Event()
    delivered: list[str] = []
    latest = LatestOnly(runner)
    latest.run(blocker(gate, started), never_called, never_called)
    assert started.wait(WAIT_MS / 1000)  # running now, so it cannot be cancelled
    latest.run(lambda: "newer", delivered.append, never_called)
    gate.set()
    # One worker runs them in order and results come back in order, so once the newer
    # result has arrived the older one has already been dropped.
    qtbot.waitUntil(lambda: delivered == ["newer"], timeout=WAIT_MS)
    assert delivered == ["newer"]


def test_errors_reach_the_ui(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> str:
        raise ValueError("The postcode could not be found.")

    LatestOnly(runner).run(fail, never_called, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "The postcode could not be found."


def test_a_superseded_error_is_not_heard_either(qtbot: QtBot, runner: TaskRunner) -> None:
    gate, started = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    delivered: list[str] = []

    def fail_when_released() -> str:
        started.set()
        gate.wait(WAIT_MS / 1000)
        raise ValueError("too late to matter")

    latest = LatestOnly(runner)
    latest.run(fail_when_released, never_called, errors.append)
    assert started.wait(WAIT_MS / 1000)
    latest.run(lambda: "newer", delivered.append, errors.append)
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["newer"], timeout=WAIT_MS)
    assert errors == []


def test_discard_cancels_without_starting_anything(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(blocker(gate), lambda _: None, never_called)
    ran: list[str] = []
    latest = LatestOnly(runner)
    latest.run(noting(ran, "queued"), never_called, never_called)
    latest.discard()
    # A plain run queued behind it tells the test when the worker has got past that point.
    after: list[str] = []
    runner.run(lambda: "after", after.append, never_called)
    gate.set()
    qtbot.waitUntil(lambda: after == ["after"], timeout=WAIT_MS)
    assert ran == []


def test_a_follow_on_step_is_superseded_with_its_request(qtbot: QtBot, runner: TaskRunner) -> None:
    pool = ThreadPoolExecutor(max_workers=1)  # a second worker, say the computing one
    other = TaskRunner(pool)
    other_gate = threading.Event()
    other.run(blocker(other_gate), lambda _: None, never_called)
    ran: list[str] = []
    delivered: list[str] = []
    queued: list[str] = []
    latest = LatestOnly(runner)

    def loaded(value: str) -> None:
        # The first request's second step, queued behind the blocked second worker.
        latest.then(noting(ran, value), delivered.append, never_called, runner=other)
        queued.append(value)

    latest.run(lambda: "loaded", loaded, never_called)
    qtbot.waitUntil(lambda: queued == ["loaded"], timeout=WAIT_MS)
    latest.run(lambda: "newer", delivered.append, never_called)
    other_gate.set()
    qtbot.waitUntil(lambda: delivered == ["newer"], timeout=WAIT_MS)
    after: list[str] = []
    other.run(lambda: "after", after.append, never_called)  # the second worker got past it
    qtbot.waitUntil(lambda: after == ["after"], timeout=WAIT_MS)
    assert ran == [] and delivered == ["newer"]
    pool.shutdown(wait=True)


def test_the_worker_never_drops_the_last_reference_to_the_work_or_its_callbacks(
    qtbot: QtBot, runner: TaskRunner, executor: ThreadPoolExecutor
) -> None:
    # Closures often hold a widget. If the worker thread drops the last reference, shiboken
    # deletes the widget from the wrong thread (a crash seen after a dialog closed). Here the
    # closures hold a marker that notes which thread let it go.
    freed_on: list[str] = []

    class Marker:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    gate, started, hold = threading.Event(), threading.Event(), threading.Event()
    delivered: list[object] = []

    def submit() -> None:  # the test's own references end with this frame
        marker = Marker()
        wait = blocker(gate, started)
        future = runner.run(
            lambda: (marker, wait())[1],
            lambda value: delivered.append((marker, value)[1]),
            lambda error: delivered.append((marker, error)[1]),
        )
        assert future is not None
        # Keeps the worker inside this job until the UI thread has had its result: the
        # order in which a busy machine can run them.
        future.add_done_callback(lambda _: hold.wait(WAIT_MS / 1000))

    submit()
    assert started.wait(WAIT_MS / 1000)
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["blocker"], timeout=WAIT_MS)
    hold.set()
    executor.submit(lambda: None).result()  # the worker has finished with the first job
    qtbot.waitUntil(lambda: freed_on != [], timeout=WAIT_MS)
    assert freed_on == [threading.main_thread().name]
