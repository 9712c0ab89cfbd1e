"""Directory → Feeds in the app (issue 15): add a feed, sync it from a real HTTP server on
127.0.0.1 (tests/feeds/feed_server.py), review the changes before any applies, and the
start-up offer for feeds not synced for a while.

Every wait is for a state (qtbot.waitUntil / waitSignal), never for a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.services.feed_fetch import FeedFetcher, FetchSettings
from navigator.services.feed_settings import (
    DEFAULT_OFFER_DAYS,
    FeedSettingsError,
    load_offer_days,
    save_offer_days,
)
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.services.feed_updates import FeedUpdates
from navigator.store.database import Database, open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.feed_offer import FeedOfferBar
from navigator.ui.directory.feed_review import ChangeTableModel, FeedReviewDialog
from navigator.ui.directory.feeds_dialog import FeedActions, FeedsDialog
from tests.conftest import BUNDLED_DB
from tests.feeds.conftest import FakeClock
from tests.feeds.feed_server import FeedServer, Reply, paged, running_server, service
from tests.ui.fakes import FakeDialogs

FEED = "northmere"
NOW = dt.datetime(2026, 12, 4, 12, 0)
WALK = "A gentle walk by the river for anyone who wants company."


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    yield database
    database.close()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    executor = ThreadPoolExecutor(max_workers=1)
    yield TaskRunner(executor)
    executor.shutdown(wait=True)


@pytest.fixture
def updates(database: Database) -> FeedUpdates:
    # No delay between requests and no retries: a failure is said at once.
    settings = FetchSettings(delay_seconds=0.0, per_page=2, retries=0, connect_timeout=5.0)
    return FeedUpdates(database, FeedFetcher(settings, clock=FakeClock()), now=lambda: NOW)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def dialog(
    qtbot: QtBot, updates: FeedUpdates, runner: TaskRunner, dialogs: FakeDialogs
) -> FeedsDialog:
    dialog = FeedsDialog(FeedActions(updates, now=lambda: NOW), runner, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def activities(database: Database) -> dict[str, Any]:
    return {a.id: a for a in DirectoryRepository(database).all_activities()}


def add_feed(qtbot: QtBot, dialog: FeedsDialog, url: str, name: str = "") -> None:
    dialog.url.setText(url)
    dialog.name.setText(name)
    rows = dialog.model.rowCount()
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > rows)


def sync_to_review(qtbot: QtBot, dialog: FeedsDialog) -> FeedReviewDialog:
    dialog.table.selectRow(0)
    dialog.sync_button.click()
    qtbot.waitUntil(lambda: dialog.review is not None and dialog.review.isVisible())
    assert dialog.review is not None
    return dialog.review


def sync_to_end(qtbot: QtBot, dialog: FeedsDialog) -> None:
    """Sync the chosen feed, waiting until the dialog is idle again."""
    dialog.table.selectRow(0)
    dialog.sync_button.click()
    qtbot.waitUntil(lambda: not dialog.cancel_button.isVisible())


def synced(dialog: FeedsDialog) -> bool:
    """The sync is over and the list, read again, shows the feed as synced."""
    rows = dialog.model.rows()
    return (
        not dialog.cancel_button.isVisible() and bool(rows) and rows[0].feed.last_synced is not None
    )


def first_sync(qtbot: QtBot, dialog: FeedsDialog, server: FeedServer) -> None:
    """Two walking groups in the feed, added and accepted all at once."""
    server.serve_pages(paged([service(1), service(2)], 2))
    add_feed(qtbot, dialog, server.base, FEED)
    review = sync_to_review(qtbot, dialog)
    assert review.model.rowCount() == 2
    review.accept_all_button.click()
    qtbot.waitUntil(lambda: synced(dialog))


def test_adding_a_feed_lists_it_and_a_bad_address_says_why_in_one_line(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer
) -> None:
    dialog.url.setText("ftp://files.example.org/feed")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: "not a web address" in dialog.status.text())
    assert "\n" not in dialog.status.text() and dialog.model.rowCount() == 0

    add_feed(qtbot, dialog, server.base, FEED)
    row = dialog.model.row_at(0)
    assert (row.feed.name, row.feed.url, row.due) == (FEED, server.base, True)
    assert dialog.model.index(0, dialog.model.SYNCED).data() == "never"
    assert dialog.status.text().startswith(f"Added the feed {FEED}.")


def test_a_sync_shows_a_changed_field_old_to_new_and_applies_only_the_ticked_change(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    first_sync(qtbot, dialog, server)
    assert sorted(a.name for a in activities(database).values()) == [
        "Northmere walking group 1",
        "Northmere walking group 2",
    ]
    assert dialog.model.index(0, dialog.model.SYNCED).data() == "04 Dec 2026 12:00"

    # The council rewrites both descriptions; only the first is accepted.
    server.serve_pages(
        paged(
            [service(1, description="Now by the canal."), service(2, description="Now indoors.")],
            2,
        )
    )
    review = sync_to_review(qtbot, dialog)
    model = review.model
    assert model.rowCount() == 2
    assert {model.row_at(r).kind for r in range(2)} == {"changed"}
    review.table.selectRow(0)
    shown = [w.text() for w in review.details.findChildren(QLabel)]
    assert f"Description: {WALK} → Now by the canal." in shown
    assert review.apply_button.isEnabled() is False  # nothing ticked yet

    first = model.row_at(0)
    model.setData(
        model.index(0, ChangeTableModel.KIND), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert review.apply_button.text() == "Apply &ticked (1)"
    with qtbot.waitSignal(dialog.applied) as applied:
        review.apply_button.click()
    report = applied.args[0]
    assert report.changed == (first.id,) and report.not_accepted == 1
    qtbot.waitUntil(lambda: not dialog.cancel_button.isVisible())

    after = {a.id: a.description for a in activities(database).values()}
    other = next(i for i in after if i != first.id)
    assert after[first.id] == "Now by the canal." and after[other] == WALK
    assert "not accepted: they will be offered again" in dialog.status.text()


def test_cancelling_the_review_applies_nothing(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    server.serve_pages(paged([service(1), service(2), service(3)], 2))
    add_feed(qtbot, dialog, server.base, FEED)
    review = sync_to_review(qtbot, dialog)
    assert {review.model.row_at(r).kind for r in range(3)} == {"new"}

    review.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.cancel_button.isVisible())

    assert activities(database) == {}
    assert f"{FEED}: nothing was applied." in dialog.status.text()
    # Not marked synced: it stays due, and the next sync offers the same changes.
    assert dialog.model.row_at(0).feed.last_synced is None


def test_taking_the_feeds_value_where_both_changed_a_field(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    first_sync(qtbot, dialog, server)
    repository = DirectoryRepository(database)
    found = repository.get("oruk-svc-1")
    assert found is not None
    repository.save(dataclasses.replace(found.activity, description="Ours."), found.version)
    server.serve_pages(paged([service(1, description="Theirs."), service(2)], 2))

    review = sync_to_review(qtbot, dialog)
    assert review.model.rowCount() == 1
    review.table.selectRow(0)
    labels = [w.text() for w in review.details.findChildren(QLabel)]
    assert f"Description: {WALK} → Theirs." in labels
    assert any("Changed here too, to: Ours." in text for text in labels)
    box = review.details.findChild(QCheckBox)
    assert box is not None and box.accessibleName() == "Take the feed's value for Description"
    box.setChecked(True)
    assert review.model.ticked == {"oruk-svc-1"}  # taking the feed's value accepts the change
    review.apply_button.click()
    qtbot.waitUntil(lambda: not dialog.cancel_button.isVisible())

    assert activities(database)["oruk-svc-1"].description == "Theirs."


def test_offline_says_why_in_one_line_and_changes_nothing(
    qtbot: QtBot, dialog: FeedsDialog, database: Database
) -> None:
    closed = next(running_server())  # a server started and stopped: nothing listens there
    address = closed.base
    closed.close()
    add_feed(qtbot, dialog, address, FEED)

    sync_to_end(qtbot, dialog)

    text = dialog.status.text()
    assert text.startswith(f"{FEED}: ") and text.endswith("Nothing was changed.")
    assert "\n" not in text and "Traceback" not in text
    assert activities(database) == {} and dialog.review is None
    assert dialog.model.row_at(0).feed.last_synced is None


def test_cancel_during_a_sync_shows_progress_stops_it_and_changes_nothing(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    pages = paged([service(n) for n in range(1, 7)], 2)
    server.serve("/oruk/services?page=1", Reply(body=pages[0]))
    # The second page is held back until the test lets it go: the sync is under way,
    # one page of three read, for as long as the test looks.
    release = threading.Event()

    def held(_query: dict[str, str], _headers: dict[str, str]) -> Reply:
        release.wait(timeout=30)
        return Reply(body=pages[1])

    server.routes["/oruk/services?page=2"] = held
    server.serve("/oruk/services?page=3", Reply(body=pages[2]))
    add_feed(qtbot, dialog, server.base, FEED)
    dialog.table.selectRow(0)
    dialog.sync_button.click()
    try:
        qtbot.waitUntil(lambda: (dialog.progress.value(), dialog.progress.maximum()) == (1, 3))
        assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
        assert not dialog.sync_button.isEnabled()
        dialog.cancel_button.click()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not dialog.cancel_button.isVisible())

    assert "Stopped" in dialog.status.text() and dialog.review is None
    assert activities(database) == {}
    assert not dialog.progress.isVisible() and dialog.sync_button.isEnabled()


def test_the_offer_period_is_kept_and_decides_what_is_due(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    assert dialog.days.value() == DEFAULT_OFFER_DAYS == load_offer_days()
    add_feed(qtbot, dialog, server.base, FEED)
    FeedSubscriptions(database).mark_synced(FEED, NOW - dt.timedelta(days=10), None, None)
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.model.row_at(0).feed.last_synced is not None)
    assert dialog.model.row_at(0).due is False  # 10 days, under 14

    dialog.days.setValue(7)
    assert load_offer_days() == 7 and dialog.model.row_at(0).due is True


# The start-up offer --------------------------------------------------------------------------


def offer_for(qtbot: QtBot, updates: FeedUpdates, runner: TaskRunner) -> FeedOfferBar:
    bar = FeedOfferBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.checked):
        bar.check(FeedActions(updates, load_days=lambda: 14), runner)
    return bar


def test_the_start_up_offer_names_a_stale_feed_and_not_a_fresh_one(
    qtbot: QtBot, updates: FeedUpdates, runner: TaskRunner, database: Database
) -> None:
    updates.add("https://api.northmere.example.org/oruk", FEED)
    updates.add("https://data.eastbrook.example.org/oruk", "eastbrook")
    feeds = FeedSubscriptions(database)
    feeds.mark_synced(FEED, NOW - dt.timedelta(days=15), None, None)
    feeds.mark_synced("eastbrook", NOW - dt.timedelta(days=2), None, None)

    bar = offer_for(qtbot, updates, runner)
    assert not bar.isHidden() and bar.names() == [FEED]
    assert bar.message.text().startswith("1 council feed not synced for 14 days or more")

    with qtbot.waitSignal(bar.sync_requested) as requested:
        bar.sync_button.click()
    assert requested.args == [[FEED]] and bar.isHidden()

    feeds.mark_synced(FEED, NOW, None, None)
    assert offer_for(qtbot, updates, runner).isHidden()


def test_the_app_offers_at_start_and_sync_now_opens_the_feeds_dialog_syncing(
    qtbot: QtBot, tmp_path: Path, server: FeedServer
) -> None:
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    database = open_database(f"sqlite:///{db}")
    FeedSubscriptions(database).add(server.base, FEED)  # never synced: due
    database.close()
    server.serve_pages(paged([service(1)], 2))
    window = build_main_window(
        str(db),
        dialogs=FakeDialogs(),  # type: ignore[arg-type]
        people_db=str(tmp_path / "people.db"),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.feed_offer.isVisible())
    assert FEED in window.feed_offer.message.text()

    window.feed_offer.sync_button.click()
    qtbot.waitUntil(
        lambda: window.feeds_dialog.review is not None and window.feeds_dialog.review.isVisible(),
        timeout=15_000,
    )
    review = window.feeds_dialog.review
    assert review is not None and review.model.row_at(0).kind == "new"
    review.cancel_button.click()
    qtbot.waitUntil(lambda: not window.feeds_dialog.cancel_button.isVisible())
    # Cancelled: not noted as synced, so the next start offers it again.
    database = open_database(f"sqlite:///{db}")
    assert FeedSubscriptions(database).get(FEED).last_synced is None
    database.close()


def test_space_ticks_the_current_change_and_enter_applies_nothing(
    qtbot: QtBot, dialog: FeedsDialog, server: FeedServer, database: Database
) -> None:
    server.serve_pages(paged([service(1), service(2)], 2))
    add_feed(qtbot, dialog, server.base, FEED)
    review = sync_to_review(qtbot, dialog)
    review.table.setFocus()
    review.table.setCurrentIndex(review.proxy.index(1, ChangeTableModel.NAME))
    qtbot.keyClick(review.table, Qt.Key.Key_Space)
    assert review.model.ticked == {review.model.row_at(1).id}
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    assert review.isVisible() and activities(database) == {}

    qtbot.keyClick(review.table, Qt.Key.Key_Space)
    assert review.model.ticked == set() and not review.apply_button.isEnabled()


def test_remove_asks_first_and_keeps_the_feed_when_told_no(
    qtbot: QtBot, dialog: FeedsDialog, dialogs: FakeDialogs, server: FeedServer
) -> None:
    add_feed(qtbot, dialog, server.base, FEED)
    dialog.table.selectRow(0)
    dialogs.answers = [False]
    dialog.remove_button.click()
    assert dialogs.questions[-1].startswith(f"Stop following the feed {FEED}?")
    assert dialog.model.rowCount() == 1

    dialogs.answers = [True]
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert "its activities stay in the directory" in dialog.status.text()


def test_an_unreadable_or_out_of_range_period_changes_nothing(tmp_path: Path) -> None:
    env = {"NAVIGATOR_DATA_DIR": str(tmp_path)}
    (tmp_path / "feeds.json").write_text("{not json", encoding="utf-8")
    assert load_offer_days(env) == DEFAULT_OFFER_DAYS  # the app still starts
    with pytest.raises(FeedSettingsError, match="between 1 and 365 days"):
        save_offer_days(0, env)
    assert (tmp_path / "feeds.json").read_text(encoding="utf-8") == "{not json"
    save_offer_days(30, env)
    assert load_offer_days(env) == 30
