"""The directory tab arranges its rows without a Python call per row: sort orders worked out
once, a search answered on the worker as an array of rows, and the table changed by exactly
one model reset each time; the newest query wins.

The large-directory path (orders and index built on the worker) is forced here on a small
directory by lowering the browser's size thresholds, so it runs quickly and deterministically.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from navigator.domain.directory import Activity, Cost, Day, Session, Status
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory import directory_browser
from navigator.ui.directory.directory_browser import DirectoryBrowser
from navigator.ui.directory.directory_model import (
    ACTIVITY_ROLE,
    DirectoryTableModel,
    SortOrders,
)
from tests.services.test_search_index import reference
from tests.strategies import directories

WAIT_MS = 10_000
NAMES = [
    "Holloway Choir",
    "Chair Yoga",
    "Community Garden",
    "Gardening Club",
    "Arts Cafe",
    "Heart Walk",
    "Walking Football",
    "Sunday 5-a-side",
    "Tea and Chat",
    "Choir for Carers",
    "Art Class",
    "Garden Walk",
]


def directory() -> list[Activity]:
    """Twelve activities, every third one paused, costs and session times mixed."""
    return [
        Activity(
            id=f"a{i:02d}",
            name=name,
            categories=("music",) if "Choir" in name else ("social_club",),
            status=Status.PAUSED if i % 3 == 2 else Status.ACTIVE,
            cost=Cost(per_session_gbp=float(i % 4)) if i % 5 else None,
            sessions=(Session(list(Day)[i % 7], dt.time(9 + i % 8), dt.time(18)),) if i % 2 else (),
        )
        for i, name in enumerate(NAMES)
    ]


class Signals:
    """Counts every structural change a model announces."""

    NAMES = (
        "modelReset",
        "layoutChanged",
        "rowsInserted",
        "rowsRemoved",
        "rowsMoved",
        "columnsInserted",
        "columnsRemoved",
    )

    def __init__(self, model: QObject) -> None:
        self.counts = dict.fromkeys(self.NAMES, 0)
        for name in self.NAMES:
            getattr(model, name).connect(self._counter(name))

    def _counter(self, name: str) -> Callable[..., None]:
        def count(*_args: Any) -> None:
            self.counts[name] += 1

        return count

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.NAMES, 0)

    def only_resets(self) -> int:
        others = {k: v for k, v in self.counts.items() if k != "modelReset" and v}
        assert others == {}, f"changes other than a reset: {others}"
        return self.counts["modelReset"]


@pytest.fixture
def large_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as with 100,000 activities: nothing arranged on the UI thread, name order first."""
    monkeypatch.setattr(directory_browser, "ARRANGE_AT_ONCE", 0)
    monkeypatch.setattr(directory_browser, "ALL_ORDERS_FIRST", 0)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    pool = ThreadPoolExecutor(max_workers=1)
    yield TaskRunner(pool)
    pool.shutdown(wait=True, cancel_futures=True)


def shown_ids(browser: DirectoryBrowser) -> list[str]:
    proxy = browser.proxy
    return [proxy.index(r, 0).data(ACTIVITY_ROLE).id for r in range(proxy.rowCount())]


def loaded(qtbot: QtBot, browser: DirectoryBrowser, activities: list[Activity]) -> None:
    with qtbot.waitSignal(browser.search_ready, timeout=WAIT_MS):
        browser.set_activities(activities)


def expected_ids(activities: list[Activity], query: str) -> list[str]:
    """Running activities the plain filter keeps, in name order."""
    rows = reference(activities, query)
    kept = [activities[i] for i in (range(len(activities)) if rows is None else rows)]
    running = [a for a in kept if a.status is Status.ACTIVE]
    return [a.id for a in sorted(running, key=lambda a: a.name.casefold())]


@pytest.mark.usefixtures("large_path")
def test_each_search_is_one_model_reset_with_the_plain_filter_s_rows(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    browser = DirectoryBrowser(runner)
    qtbot.addWidget(browser)
    activities = directory()
    loaded(qtbot, browser, activities)
    assert shown_ids(browser) == expected_ids(activities, "")
    signals = Signals(browser.proxy)
    for query in ["choir", "gardn", "walk", "art", "zzzz", "ch car", ""]:
        signals.reset()
        browser.search_box.setText(query)
        qtbot.waitUntil(lambda: signals.counts["modelReset"] >= 1, timeout=WAIT_MS)
        qtbot.wait(60)  # longer than the search delay: a second reset would have come by now
        assert signals.only_resets() == 1, query
        assert shown_ids(browser) == expected_ids(activities, query), query


def test_the_chosen_entry_stays_chosen_through_a_search_and_a_reload(
    qtbot: QtBot, runner: TaskRunner, large_path: None
) -> None:
    browser = DirectoryBrowser(runner)
    qtbot.addWidget(browser)
    activities = directory()
    loaded(qtbot, browser, activities)
    row = shown_ids(browser).index("a09")  # Choir for Carers
    browser.table.selectRow(row)
    browser.search_box.setText("choir")
    qtbot.waitUntil(lambda: len(shown_ids(browser)) == 2, timeout=WAIT_MS)
    assert browser._chosen_id() == "a09"
    assert browser.edit_button.isEnabled()
    renamed = [replace(a, name="Choir of Carers") if a.id == "a09" else a for a in activities]
    loaded(qtbot, browser, renamed)
    qtbot.waitUntil(lambda: browser._chosen_id() == "a09", timeout=WAIT_MS)
    assert "Choir of Carers" in browser.details.toPlainText()
    assert sorted(shown_ids(browser)) == ["a00", "a09"]  # still searched for "choir"


class HeldExecutor(Executor):
    """Runs nothing until the test says which submitted work runs, and when."""

    def __init__(self) -> None:
        self.held: list[tuple[Future[Any], Callable[[], Any]]] = []
        self.submitted_at: list[float] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.held.append((future, lambda: fn(*args, **kwargs)))
        self.submitted_at.append(time.perf_counter())
        return future

    def start(self, index: int = 0) -> tuple[Future[Any], Callable[[], Any]]:
        """Mark one held piece of work as running (so it can no longer be cancelled)."""
        future, work = self.held.pop(index)
        assert future.set_running_or_notify_cancel()
        return future, work

    def run_all(self) -> None:
        while self.held:
            future, work = self.held.pop(0)
            if future.set_running_or_notify_cancel():
                future.set_result(work())

    def run_when_asked(self, qtbot: QtBot) -> None:
        """Wait for work to be asked for (the search index waits for a paint), then run all."""
        qtbot.waitUntil(lambda: bool(self.held), timeout=WAIT_MS)
        self.run_all()


class Painted(QObject):
    """When the table's rows were painted."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.at: list[float] = []
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at.append(time.perf_counter())
        return False


@pytest.mark.usefixtures("large_path")
def test_the_worker_builds_nothing_more_until_the_new_rows_are_painted(qtbot: QtBot) -> None:
    # While the worker runs Python, each cell painted waits for the GIL: a 10,000-row
    # directory's first paint took 100 to 200 ms behind the search index's build.
    executor = HeldExecutor()
    browser = DirectoryBrowser(TaskRunner(executor))
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitExposed(browser)
    painted = Painted(browser.table.viewport())
    filled: list[float] = []
    browser.proxy.modelReset.connect(lambda: filled.append(time.perf_counter()))
    browser.set_activities(directory())
    future, work = executor.start()  # the name order
    future.set_result(work())
    qtbot.waitUntil(lambda: len(executor.held) == 2, timeout=WAIT_MS)  # other orders, index
    assert len(filled) == 2  # emptied while the orders were worked out, then filled
    asked = executor.submitted_at[-2]
    assert [at for at in painted.at if filled[-1] < at < asked], "asked before a paint"
    executor.run_all()
    qtbot.waitUntil(lambda: browser._search is not None, timeout=WAIT_MS)


def test_the_newest_query_wins(qtbot: QtBot) -> None:
    executor = HeldExecutor()
    browser = DirectoryBrowser(TaskRunner(executor))
    qtbot.addWidget(browser)
    activities = directory()
    browser.set_activities(activities)  # small: arranged at once; its index waits
    executor.run_when_asked(qtbot)
    qtbot.waitUntil(lambda: browser._search is not None, timeout=WAIT_MS)
    signals = Signals(browser.proxy)

    browser.search_box.setText("choir")
    qtbot.keyClick(browser.search_box, Qt.Key.Key_Return)  # searches without the delay
    first, first_work = executor.start()  # the "choir" search is running...
    browser.search_box.setText("garden")
    qtbot.keyClick(browser.search_box, Qt.Key.Key_Return)  # ...when "garden" is asked for
    executor.run_all()  # "garden" finishes first
    first.set_result(first_work())  # then "choir", superseded: never shown
    qtbot.waitUntil(lambda: signals.counts["modelReset"] >= 1, timeout=WAIT_MS)
    qtbot.wait(60)
    assert signals.only_resets() == 1
    expected = expected_ids(activities, "garden")
    assert expected and shown_ids(browser) == expected
    assert browser.summary.text() == f"{len(expected)} of 12 activities match “garden”."


@pytest.mark.usefixtures("large_path")
def test_the_table_fills_in_one_reset_and_a_sort_waits_for_its_order(qtbot: QtBot) -> None:
    executor = HeldExecutor()
    browser = DirectoryBrowser(TaskRunner(executor))
    qtbot.addWidget(browser)
    signals = Signals(browser.proxy)
    activities = directory()
    browser.set_activities(activities)
    assert browser.proxy.rowCount() == 0 and browser.summary.text() == "Loading the directory…"
    future, work = executor.start()  # the name order and which are running: nothing else
    future.set_result(work())
    qtbot.waitUntil(lambda: browser.proxy.rowCount() > 0, timeout=WAIT_MS)
    # One reset to empty the table while its orders are worked out, one to fill it.
    assert signals.only_resets() == 2
    running = sorted(
        (a for a in activities if a.status is Status.ACTIVE), key=lambda a: a.name.casefold()
    )
    assert shown_ids(browser) == [a.id for a in running]

    browser.table.sortByColumn(DirectoryTableModel.COST, Qt.SortOrder.DescendingOrder)
    assert shown_ids(browser) == [a.id for a in running]  # its order is not worked out yet
    executor.run_when_asked(qtbot)  # the other columns' orders, then the search index

    def cost(a: Activity) -> float:
        return float("inf") if a.cost is None else a.cost.per_session_gbp or 0.0

    by_cost = sorted(running, key=cost, reverse=True)  # stable: ties stay in name order
    qtbot.waitUntil(lambda: shown_ids(browser) == [a.id for a in by_cost], timeout=WAIT_MS)
    assert browser.table.horizontalHeader().sortIndicatorSection() == DirectoryTableModel.COST


@settings(max_examples=60, deadline=None)
@given(activities=directories(max_size=12))
def test_every_column_sorts_by_its_raw_values_with_ties_by_name(
    activities: list[Activity],
) -> None:
    model = DirectoryTableModel()
    orders = SortOrders(activities)
    text = Qt.ItemDataRole.DisplayRole

    def key(a: Activity, column: int) -> Any:
        match column:
            case DirectoryTableModel.COST:
                c = a.cost
                return float("inf") if c is None or c.per_session_gbp is None else c.per_session_gbp
            case DirectoryTableModel.CHECKED:
                return a.last_verified or dt.date.min
            case DirectoryTableModel.WHEN:
                if not a.sessions:
                    return (7, dt.time(0))
                start = a.sessions[0].start.replace(second=0, microsecond=0)
                return (list(Day).index(a.sessions[0].day), start)
        return str(model.cell(a, column, text)).casefold()

    for column in range(len(DirectoryTableModel.HEADERS)):
        for descending in (False, True):
            rows = orders.visible_rows(column=column, descending=descending, show_inactive=True)
            shown = [activities[r] for r in rows]
            keys = [key(a, column) for a in shown]
            assert keys == sorted(keys, reverse=descending), (column, descending)
            for before, after in itertools.pairwise(shown):
                if key(before, column) == key(after, column) and column:
                    assert before.name.casefold() <= after.name.casefold()
