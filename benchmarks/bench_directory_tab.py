"""The Directory tab on a large directory: how soon the table is ready, how soon a search
shows, and the longest the UI thread is ever busy without a break.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_directory_tab.py --size 100000

Drives a real Directory tab (`DirectoryBrowser`, with its own computation worker as in the
app) at 1366x768 offscreen, on a generated directory (`generate.py`, cached as a pickle in
benchmarks/output, since generating 100,000 takes ten seconds or more). Measures:

- table ready: from handing it the activities to the first rows on screen (painted when
  the window paints them, not forced);
- keystroke to table: a query typed a letter at a time (as a person types, 80 ms apart),
  from the last key to the last change of the table's rows;
- clearing the box, and sorting by a column header;
- the longest UI-thread block in each phase: a 1 ms heartbeat timer on the UI thread; the
  longest gap between two of its ticks is the longest the window could not respond.

Works unchanged against the code before issue 17 (it only presses keys and watches the
table and the summary line), so the two can be compared run for run.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from concurrent.futures import ThreadPoolExecutor

from generate import generate
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from navigator.app import UI_SWITCH_INTERVAL_S
from navigator.domain.directory import Activity
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.directory_browser import DirectoryBrowser
from navigator.ui.directory.directory_model import DirectoryTableModel

OUTPUT = Path(__file__).resolve().parent / "output"
QUERIES = ["choir", "gardening", "chior", "walking group", "yoga london", "art"]
KEY_GAP_MS = 80  # a brisk typist: about twelve letters a second


class Heartbeat:
    """A 1 ms timer on the UI thread; the longest gap between ticks since `restart`."""

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._tick)
        self._last = 0
        self.longest_ms = 0.0

    def start(self) -> None:
        self._clock.start()
        self.restart()
        self._timer.start()

    def restart(self) -> None:
        self._last = self._clock.nsecsElapsed()
        self.longest_ms = 0.0

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.longest_ms = max(self.longest_ms, (now - self._last) / 1e6)
        self._last = now

    def longest(self) -> float:
        self._tick()  # a block still going on counts too
        return self.longest_ms


def spin(ms: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(max(0, round(ms)), loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            sys.exit("timed out")
        spin(1)


def directory(size: int) -> list[Activity]:
    """The generated directory, read as the app's loader reads one: with the cyclic garbage
    collector paused while the objects are built (then frozen, as the app does, unless
    --no-gc-freeze: its first full pass then comes later, as in the app before issue 17)."""
    cache = OUTPUT / f"directory-{size}.pickle"
    try:
        gc.disable()
        with cache.open("rb") as file:
            activities: list[Activity] = pickle.load(file)
        gc.enable()
        if len(activities) == size:
            return activities
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        gc.enable()
    activities = generate(size)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as file:
        pickle.dump(activities, file)
    return activities


class Painted(QObject):
    """When the table was last painted, as the window paints it of its own accord: a
    repaint forced by the benchmark would paint at a moment of its choosing, not the app's."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.at = 0.0
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


class Tab:
    """The browser under test, with a record of when its rows last changed."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-cpu")
        self.browser = DirectoryBrowser(TaskRunner(self.pool))
        self.browser.resize(1366, 768)
        self.browser.show()
        self.changed_at = 0.0
        proxy = self.browser.proxy
        for name in ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved"):
            getattr(proxy, name).connect(self._note_change)
        self.painted = Painted(self.browser.table.viewport())

    def _note_change(self, *_args: object) -> None:
        self.changed_at = time.perf_counter()

    def rows(self) -> int:
        return self.browser.proxy.rowCount()

    def settled_on(self, query: str) -> bool:
        text = self.browser.summary.text()
        return f"“{query}”" in text if query else text.startswith("Showing")

    def settle(self, query: str) -> float:
        """Wait for the table to show `query`'s results and stay so; when it last changed."""
        wait_for(lambda: self.settled_on(query))
        spin(250)  # a late change would land here
        return self.changed_at


def median_max(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} {max(values):8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="times through the queries")
    parser.add_argument(
        "--gc-freeze",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="move the loaded activities out of the garbage collector's reach (gc.freeze), "
        "as the app does after a load since issue 17; --no-gc-freeze as before",
    )
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=UI_SWITCH_INTERVAL_S,
        help="Python's GIL switch interval in seconds, the app's by default (Python's own "
        "is 0.005): while the worker runs Python, each cell painted waits up to it",
    )
    args = parser.parse_args()
    sys.setswitchinterval(args.switch_interval)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    activities = directory(args.size)
    if args.gc_freeze:
        gc.freeze()
    tab = Tab()
    browser = tab.browser
    heartbeat = Heartbeat()
    heartbeat.start()
    # The process's first text in a table costs a one-off font set-up (0.5 s offscreen); in the
    # app the window's first tab pays it before any directory arrives. Pay it here first.
    browser.set_activities(activities[:50])
    wait_for(lambda: tab.rows() > 0)
    browser.table.viewport().repaint()
    spin(200)

    heartbeat.restart()
    start = time.perf_counter()
    browser.set_activities(activities)
    # Ready once the new rows have been painted (the paint over, as the check runs after it).
    wait_for(lambda: tab.rows() > 0 and tab.painted.at > tab.changed_at)
    table_ready = (time.perf_counter() - start) * 1000
    wait_for(lambda: tab.settled_on(""))
    spin(100)
    load_block = heartbeat.longest()
    # Until the search index is built a search waits for it: not what a keystroke costs.
    heartbeat.restart()
    browser.search_box.setText("zz")
    wait_for(lambda: tab.settled_on("zz"))
    index_ready = (time.perf_counter() - start) * 1000
    index_block = heartbeat.longest()
    browser.search_box.clear()
    tab.settle("")

    keystroke, keystroke_blocks, clears, clear_blocks = [], [], [], []
    browser.search_box.setFocus()
    for _ in range(args.rounds):
        for query in QUERIES:
            heartbeat.restart()
            for letter in query:
                QTest.keyClicks(browser.search_box, letter)
                last_key = time.perf_counter()
                spin(KEY_GAP_MS)
            keystroke.append((tab.settle(query) - last_key) * 1000)
            keystroke_blocks.append(heartbeat.longest())
            heartbeat.restart()
            cleared = time.perf_counter()
            browser.search_box.clear()
            clears.append((tab.settle("") - cleared) * 1000)
            clear_blocks.append(heartbeat.longest())

    sorts, sort_blocks = [], []
    for column in (DirectoryTableModel.COST, DirectoryTableModel.WHEN, DirectoryTableModel.NAME):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            heartbeat.restart()
            clicked = time.perf_counter()
            browser.table.sortByColumn(column, order)
            spin(250)
            sorts.append((tab.changed_at - clicked) * 1000)
            sort_blocks.append(heartbeat.longest())

    browser.close()
    tab.pool.shutdown(wait=True)
    print(f"{args.size:,} activities; {len(keystroke)} searches, {len(sorts)} sorts")
    print(f"{'what':<40} {'median ms':>8} {'max ms':>8}   longest UI block ms")
    print(f"{'table ready':<40} {table_ready:8.1f} {'':>8}   {load_block:8.1f}")
    print(
        f"{'search index ready (from the start)':<40} {index_ready:8.1f} {'':>8}   "
        f"{index_block:8.1f}"
    )
    print(f"{'last keystroke -> table':<40} {median_max(keystroke)}   {max(keystroke_blocks):8.1f}")
    print(f"{'clear the search box -> table':<40} {median_max(clears)}   {max(clear_blocks):8.1f}")
    print(f"{'click a column header -> table':<40} {median_max(sorts)}   {max(sort_blocks):8.1f}")
    app.quit()


if __name__ == "__main__":
    main()
