"""Whole windows for the tests that walk every tab, record section and dialog (keyboard
access, accessible names, laptop screens): opened the way a worker opens them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.services.feed_changes import Change, ChangeSet, FieldChange
from navigator.services.feed_sync import SyncOutcome
from navigator.ui.directory.feed_review import FeedReviewDialog
from navigator.ui.followup.member_dialog import MemberDialog
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs


def open_main_window(qtbot: QtBot, folder: Path, size: tuple[int, int]) -> MainWindow:
    """The app on a copy of the bundled directory, shown at `size`."""
    db = folder / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    main = build_main_window(
        str(db),
        dialogs=FakeDialogs(),  # type: ignore[arg-type]
        people_db=str(folder / "people.db"),
    )
    qtbot.addWidget(main)
    main.resize(*size)
    main.show()
    qtbot.waitExposed(main)
    return main


def each_record_section(qtbot: QtBot, window: MainWindow, reference: str) -> Iterator[str]:
    """Sign in, start a record, then show each of its sections in turn, naming it."""
    followup = window.followup
    window.tabs.setCurrentWidget(followup)
    followup.worker_name.setText("Sam Patel")
    followup.sign_in.click()
    qtbot.waitUntil(lambda: followup.service is not None)
    followup.reference.setText(reference)
    followup.new_record.click()
    qtbot.waitUntil(lambda: followup.record is not None)
    for index in range(followup.detail.tabs.count()):
        followup.detail.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield followup.detail.tabs.tabText(index)


def open_other_dialogs(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """The settings, report-a-problem, network-member, feeds and feed-review dialogs, open,
    as a worker opens them (the editor and the import dialog have tests of their own)."""
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: window.settings_dialog.isVisible())
    browser = window.directory
    window.tabs.setCurrentWidget(browser)
    qtbot.waitUntil(lambda: browser.proxy.rowCount() > 0)
    browser.table.selectRow(0)
    browser.report_button.click()
    qtbot.waitUntil(
        lambda: (
            getattr(window, "report_dialog", None) is not None and window.report_dialog.isVisible()
        )
    )
    member = MemberDialog(None, lambda text: [], window)
    member.show()
    qtbot.waitExposed(member)
    window.feeds_action.trigger()
    qtbot.waitUntil(lambda: window.feeds_dialog.isVisible())
    review = feed_review(window)
    review.show()
    qtbot.waitExposed(review)
    return [window.settings_dialog, window.report_dialog, member, window.feeds_dialog, review]


def feed_review(window: MainWindow) -> FeedReviewDialog:
    """A sync's review with a change of each kind, one field changed on both sides (the
    fullest it gets), as the Feeds dialog opens it after a sync."""
    changes = (
        Change(
            "walk",
            "changed",
            "Northmere walking group",
            (
                FieldChange("description", "By the river.", "By the canal.", None),
                FieldChange("cost", "Free", "£2 a session", "£1 a session"),
            ),
        ),
        Change("choir", "new", "Eastbrook Community Choir"),
        Change("lunch", "left", "Friday lunch club"),
    )
    outcome = SyncOutcome("northmere", False, ChangeSet("northmere", changes, unchanged=40))
    # Never applied here, so the window's own database worker is only held, not used.
    return FeedReviewDialog(outcome, lambda _a, _w: None, window._db_runner, window)  # type: ignore[arg-type,return-value]
