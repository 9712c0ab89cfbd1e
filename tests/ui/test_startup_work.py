"""Start-up at scale (issue 17): the Review tab's queue is worked out on a worker while the
window goes on answering events, the newest request winning; the loaded directory is kept out
of the garbage collector's passes."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import Activity
from navigator.services.matching import MatchService
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.review.review_view import ReviewView
from tests.ui.fakes import FakeDialogs

TODAY = dt.date(2026, 11, 24)


def never_checked(n: int, prefix: str) -> list[Activity]:
    return [Activity(id=f"{prefix}{i}", name=f"Group {i}", categories=("music",)) for i in range(n)]


class HeldWorker:
    """A one-thread executor that runs nothing until `release()`: what is queued on it has
    plainly not been run on the UI thread."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1)
        self._gate = threading.Event()
        self.executor.submit(self._gate.wait)

    def release(self) -> None:
        self._gate.set()

    def drain(self) -> None:
        """Wait until everything queued so far has run."""
        self.executor.submit(lambda: None).result(timeout=10)


@pytest.fixture
def held() -> Iterator[HeldWorker]:
    worker = HeldWorker()
    yield worker
    worker.release()
    worker.executor.shutdown(wait=True)


def review_view(qtbot: QtBot, cpu: HeldWorker) -> ReviewView:
    runner = TaskRunner(cpu.executor)
    view = ReviewView(
        lambda _id, _day: None,
        runner,  # saves: none in these tests
        lambda: TODAY,
        cpu_runner=runner,
    )
    runner.setParent(view)
    qtbot.addWidget(view)
    return view


def shown_ids(view: ReviewView) -> list[str]:
    return [view.model.item_at(row).activity.id for row in range(view.model.rowCount())]


def test_the_review_queue_arrives_from_the_worker_while_the_window_answers(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    view.set_directory(never_checked(3, "a"))
    # Nothing worked out on the UI thread: the list waits for the worker, and says so.
    assert view.model.rowCount() == 0
    assert view.summary.text() == "Working out what needs checking…"
    answered: list[bool] = []
    QTimer.singleShot(0, lambda: answered.append(True))
    qtbot.waitUntil(lambda: bool(answered))  # the event loop runs meanwhile
    assert view.model.rowCount() == 0
    with qtbot.waitSignal(view.queue_shown):
        held.release()
    assert shown_ids(view) == ["a0", "a1", "a2"]
    assert view.summary.text().startswith("3 entries need a look")


def test_the_newest_directory_wins_and_the_one_it_replaced_is_never_shown(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    shown: list[list[str]] = []
    view.queue_shown.connect(lambda: shown.append(shown_ids(view)))
    view.set_directory(never_checked(2, "old"))
    view.set_directory(never_checked(1, "new"))
    held.release()
    qtbot.waitUntil(lambda: bool(shown))
    held.drain()  # anything else queued has run by now...
    qtbot.wait(0)  # ...and anything it delivered has been handled
    assert shown == [["new0"]]


def test_every_row_is_the_same_height_without_measuring_its_text(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    long_name = "A group whose name goes on " * 12
    view.set_directory([*never_checked(2, "a"), Activity(id="long", name=long_name, categories=())])
    with qtbot.waitSignal(view.queue_shown):
        held.release()
    heights = {view.table.rowHeight(row) for row in range(view.model.rowCount())}
    assert len(heights) == 1
    assert heights.pop() >= 2 * view.table.fontMetrics().lineSpacing()


@pytest.fixture
def restore_gc() -> Iterator[None]:
    yield
    gc.unfreeze()  # give the test process its collector back whole


def tracked_ids() -> set[int]:
    """The objects the collector still walks (frozen ones are not among them)."""
    return {id(o) for o in gc.get_objects()}


@pytest.mark.usefixtures("restore_gc")
@pytest.mark.parametrize("freeze", [False, True])
def test_a_loaded_directory_is_kept_out_of_the_collectors_passes_when_asked(
    tmp_path: Path, freeze: bool
) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(never_checked(5, "a"))
    matches = MatchService(repository, snapshot_cache=None, freeze_loaded=freeze)
    activity = matches.snapshot().activities[0]
    assert gc.is_tracked(activity)
    assert (id(activity) in tracked_ids()) is not freeze
    assert gc.isenabled()  # switched back on after the load
    database.close()


@pytest.mark.usefixtures("restore_gc")
def test_the_app_freezes_the_directory_it_loads(qtbot: QtBot, directory_db: str) -> None:
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.appointment.snapshot is not None)
    snapshot = window.appointment.snapshot
    assert snapshot is not None
    assert id(snapshot.activities[0]) not in tracked_ids()
