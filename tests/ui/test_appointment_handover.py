"""A new directory reaches the appointment first (issue 17): its suggestions are worked out
ahead of what the other sections then queue on the same worker (sort orders, search index,
review queue: seconds at 100,000 activities), and the worker's thread is running before
the directory loads."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import Activity
from navigator.services.match_result import MatchOutcome
from navigator.services.matching import DirectorySnapshot
from navigator.ui.appointment.appointment_view import AppointmentView
from navigator.ui.common.tasks import TaskRunner
from tests.ui.fakes import FakeDialogs, HeldWorker


@pytest.fixture
def held() -> Iterator[HeldWorker]:
    worker = HeldWorker()
    yield worker
    worker.close()


class Recorded:
    """A match use case that notes when it ran and ranks nothing."""

    def __init__(self, ran: list[str]) -> None:
        self._ran = ran

    def match_profile(self, profile: object, **options: object) -> MatchOutcome:
        self._ran.append("ranking")
        raise RuntimeError("not ranked in this test")


def test_a_new_directory_is_ranked_ahead_of_work_queued_after_it(
    qtbot: QtBot, held: HeldWorker
) -> None:
    ran: list[str] = []
    runner = TaskRunner(held.executor)
    view = AppointmentView(
        Recorded(ran), runner, lambda: dt.datetime(2026, 11, 24, 9, 0), FakeDialogs()
    )
    runner.setParent(view)
    qtbot.addWidget(view)
    snapshot = DirectorySnapshot.build([Activity(id="a", name="Choir", categories=("music",))])
    view.set_snapshot(snapshot)
    # What the next section queues in the next turn of the event loop (the main window
    # hands the directory over a section a turn).
    qtbot.wait(0)
    runner.run(lambda: ran.append("directory tab"), lambda _: None, lambda _: None)
    held.release()
    held.drain()
    qtbot.waitUntil(lambda: not view.ranking_pending)
    assert ran == ["ranking", "directory tab"]


@pytest.fixture
def restore_gc() -> Iterator[None]:
    yield
    gc.unfreeze()  # the app freezes the directory it loads


@pytest.mark.usefixtures("restore_gc")
def test_the_computation_workers_thread_runs_before_the_directory_is_handed_over(
    qtbot: QtBot, directory_db: str
) -> None:
    before = set(threading.enumerate())
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    started = {t.name for t in set(threading.enumerate()) - before}
    assert any(name.startswith("navigator-cpu") for name in started)
    qtbot.waitUntil(lambda: window.appointment.snapshot is not None)  # its load has finished
