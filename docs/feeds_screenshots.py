"""Render the Feeds dialog and a sync's review offscreen, against a council feed served from
127.0.0.1 (the test server, tests/feeds/feed_server.py; every name and place invented).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/feeds_screenshots.py

Writes docs/images/feed-review.png (the README's: the
review: a changed walk, field by field, with its cost changed both here and in the feed; a
new choir; a lunch club that left the feed). The directory is a copy of the sample one in a
temporary folder; nothing else is touched. The Feeds dialog after the sync goes to the
temporary folder too (its path is printed), to look at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def settle(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    """Let queued work on the worker finish before grabbing."""
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    font = app.font()
    font.setPointSize(11)
    app.setFont(font)
    os.environ["NAVIGATOR_DATA_DIR"] = tempfile.mkdtemp()

    import httpx

    from navigator.services.feed_fetch import FeedFetcher, FetchSettings
    from navigator.services.feed_subscriptions import FeedSubscriptions
    from navigator.services.feed_updates import FeedUpdates
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository
    from navigator.ui.common.dialogs import Dialogs
    from navigator.ui.common.tasks import TaskRunner
    from navigator.ui.directory.feeds_dialog import FeedActions, FeedsDialog
    from tests.feeds.feed_server import FeedServer, paged, service

    folder = Path(tempfile.mkdtemp())
    shutil.copyfile(ROOT / "resources.db", folder / "directory.db")
    database = open_database(f"sqlite:///{folder / 'directory.db'}")
    server = FeedServer()
    walk = service(1, name="Riverside walking group")
    lunch = service(2, name="Friday lunch club", day="FR")
    cafe = service(3, name="Mill Lane repair café", day="SA")
    server.serve_pages(paged([walk, lunch, cafe], 10))
    now = dt.datetime(2026, 12, 4, 9, 30)

    class ToTheLocalServer(httpx.HTTPTransport):
        """The council's address, as the dialog shows it, answered by the local server."""

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=server.port)
            return super().handle_request(request)

    fetcher = FeedFetcher(
        FetchSettings(delay_seconds=0.0, per_page=10), transport=ToTheLocalServer()
    )
    updates = FeedUpdates(database, fetcher, now=lambda: now)
    updates.add("https://api.northmere.gov.uk/oruk", "northmere.gov.uk")
    updates.apply(updates.review("northmere.gov.uk"), None)
    feeds = FeedSubscriptions(database)
    feeds.add("https://api.eastbrook.example.org/oruk", "eastbrook.example.org")
    feeds.mark_synced("eastbrook.example.org", now - dt.timedelta(days=3), None, None)
    feeds.mark_synced("northmere.gov.uk", now - dt.timedelta(days=20), None, None)
    feeds.add("https://directory.westfield.example.org/api/v3", "westfield.example.org")

    # Since then: we noted the walk costs £1 now; the council says £2 and moved it to
    # Wednesdays; the lunch club left the feed; a choir joined it.
    repository = DirectoryRepository(database)
    found = repository.get("oruk-svc-1")
    assert found is not None and found.activity.cost is not None
    cost = dataclasses.replace(found.activity.cost, per_session_gbp=1.0)
    repository.save(dataclasses.replace(found.activity, cost=cost), found.version)
    walk_now = service(
        1,
        name="Riverside walking group",
        day="WE",
        cost_options=[{"amount": 2, "option": "per walk"}],
    )
    choir = service(4, name="Eastbrook community choir", day="TH")
    server.serve_pages(paged([walk_now, cafe, choir], 10))

    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    dialog = FeedsDialog(FeedActions(updates, now=lambda: now), runner, Dialogs())
    dialog.resize(1000, 460)
    dialog.show()
    settle(lambda: dialog.model.rowCount() == 3)
    dialog.sync(["northmere.gov.uk"])
    settle(lambda: dialog.review is not None and dialog.review.isVisible())
    review = dialog.review
    assert review is not None
    review.resize(1100, 620)
    review.model.set_ticked([review.model.row_at(0).id])
    review.table.selectRow(0)
    settle(lambda: False, 300)
    OUT.mkdir(parents=True, exist_ok=True)
    review.grab().save(str(OUT / "feed-review.png"))
    review.accept_all_button.click()
    settle(lambda: not dialog.cancel_button.isVisible() and "Added" in dialog.status.text())
    settle(lambda: False, 300)
    dialog.grab().save(str(folder / "feeds.png"))
    print(dialog.status.text())
    print(f"The Feeds dialog: {folder / 'feeds.png'}")
    dialog.close()
    executor.shutdown(wait=True)
    server.close()
    database.close()


if __name__ == "__main__":
    main()
