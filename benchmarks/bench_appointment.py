"""How long a worker waits for the suggestions to catch up, on a large directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_appointment.py --size 10000

Drives the real main window offscreen: for each trial it presses a key that changes the
profile (Enter after typing an interest, Space on a tick box, a digit in the distance box)
and measures the time until the new suggestions are on screen (the view's
`ranking_finished`). Also times each keystroke typed into the interests box, where
completion runs on the UI thread, to show typing never stalls. Prints median, 95th
percentile and worst, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from navigator.app import build_main_window
from navigator.domain.profile import Profile
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

INTERESTS = [
    "gardening",
    "choir",
    "football",
    "cooking",
    "yoga",
    "painting",
    "walking",
    "books",
    "computers",
    "swimming",
]


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, timeout_s: float = 30.0) -> None:
    """Run the event loop until `condition()` holds, checking it every millisecond."""
    deadline = time.perf_counter() + timeout_s
    while not condition() and time.perf_counter() < deadline:
        spin(1)
    if not condition():
        sys.exit("timed out")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<44} n={len(values):<4} median {statistics.median(values):6.1f}  "
        f"p95 {percentile(values, 0.95):6.1f}  max {max(values):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--trials", type=int, default=30)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "directory.db"
        database = open_database(f"sqlite:///{db}")
        DirectoryRepository(database).import_activities(generate(args.size))
        database.close()
        os.environ["NAVIGATOR_DATA_DIR"] = scratch
        window = build_main_window(str(db))
        window.show()
        view = window.appointment
        wait_for(lambda: view._snapshot is not None)
        person = view.person
        person.set_profile(Profile(location=_london()))  # a point, as a profile file gives
        wait_for(lambda: not view.ranking_pending)
        finished: list[float] = []
        view.ranking_finished.connect(lambda: finished.append(time.perf_counter()))

        def timed(action) -> float:
            spin(50)  # idle, as between a worker's keystrokes
            before = len(finished)
            start = time.perf_counter()
            action()
            wait_for(lambda: len(finished) > before)
            return (finished[-1] - start) * 1000

        enter_times, tick_times, digit_times, typing = [], [], [], []
        for trial in range(args.trials):
            word = INTERESTS[trial % len(INTERESTS)]
            for letter in word:
                start = time.perf_counter()
                QTest.keyClick(person.interests.line, letter)
                typing.append((time.perf_counter() - start) * 1000)
            enter_times.append(
                timed(lambda: QTest.keyClick(person.interests.line, Qt.Key.Key_Return))
            )
            box = person.prefers[list(person.prefers)[trial % len(person.prefers)]]
            box.setFocus()
            tick_times.append(timed(lambda b=box: QTest.keyClick(b, Qt.Key.Key_Space)))
            person.max_distance.setFocus()
            person.max_distance.selectAll()
            digit = str(2 + trial % 7)
            digit_times.append(timed(lambda d=digit: QTest.keyClick(person.max_distance, d)))
            if len(person.interests.interests()) >= 4:
                person.interests.set_interests(())
                spin(100)
        window.close()
    print(
        f"{args.size:,} activities, {args.trials} trials each, debounce "
        f"{view._debounce.interval()} ms"
    )
    print(summary("Enter adds an interest -> suggestions shown", enter_times))
    print(summary("Space ticks a preference -> suggestions shown", tick_times))
    print(summary("Digit in the distance box -> suggestions shown", digit_times))
    print(summary("One keystroke in the interests box (UI thread)", typing))
    app.quit()


def _london():
    from navigator.domain.profile import LatLon

    return LatLon(51.52, -0.11)


if __name__ == "__main__":
    main()
