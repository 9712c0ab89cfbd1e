"""Render the duplicates view offscreen, with two duplicates planted in the sample directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/duplicates_screenshots.py

Writes docs/images/duplicates.png. No store is opened: the view is given the sample directory
(read from data/sample_directory.json) plus two near-copies, as an import from a council feed
might bring in: "Growing Togther" (a typo, another phone number) and "Knit & Natter" (no
organisation, the venue 40 m away, an older check).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def settle(condition, timeout_ms: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Let queued work on the workers finish before grabbing."""
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50


def planted_directory() -> list:
    from navigator.domain.directory import Contact
    from navigator.formats.native import read_directory_file

    activities = read_directory_file(ROOT / "data" / "sample_directory.json")
    by_id = {a.id: a for a in activities}
    growing = by_id["isl-001"]
    typo = dataclasses.replace(
        growing,
        id="feed-4471",
        name="Growing Togther",
        contact=dataclasses.replace(growing.contact, phone="07700 900461"),
        last_verified=dt.date(2025, 2, 3),
    )
    knit = by_id["isl-050"]
    assert knit.venue is not None and knit.venue.lat is not None
    feed_knit = dataclasses.replace(
        knit,
        id="feed-5120",
        name="Knit & Natter",
        organisation=None,
        venue=dataclasses.replace(knit.venue, lat=knit.venue.lat + 0.00036),
        contact=Contact(phone=knit.contact.phone),
        last_verified=dt.date(2024, 11, 20),
    )
    return [*activities, typo, feed_knit]


def duplicates(app: QApplication) -> None:
    from navigator.services.duplicate_review import DuplicateReview, VersionedActivity
    from navigator.ui.common.dialogs import Dialogs
    from navigator.ui.common.tasks import TaskRunner
    from navigator.ui.review.duplicates_view import DuplicatesView

    activities = planted_directory()
    by_id = {a.id: a for a in activities}
    executor = ThreadPoolExecutor(1)
    runner = TaskRunner(executor)

    class Planted:
        """The planted directory, read only: nothing is merged for a picture."""

        def all_activities(self) -> list:
            return activities

        def get(self, activity_id: str) -> VersionedActivity:
            return VersionedActivity(by_id[activity_id], 1)

        def not_duplicate_pairs(self) -> set:
            return set()

    view = DuplicatesView(
        DuplicateReview(Planted()),  # type: ignore[arg-type]
        db_runner=runner,
        cpu_runner=runner,
        dialogs=Dialogs(),
    )
    view.setWindowTitle("Navigator: duplicates")
    view.resize(1366, 728)
    view.show()
    view.find_duplicates()
    settle(lambda: view.merge_button.isEnabled())
    # The prescriber has chosen the newer phone number from the right-hand entry.
    if "contact" in view.comparison.choices():
        view.comparison.choose("contact", "b")
    settle(lambda: False, 300)
    view.grab().save(str(OUT / "duplicates.png"))
    print(f"wrote {OUT / 'duplicates.png'}")
    view.close()
    executor.shutdown(wait=True)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    duplicates(app)


if __name__ == "__main__":
    main()
