"""Whole windows for the tests that walk every tab, record section and dialog (keyboard
access, accessible names, laptop screens): opened the way a worker opens them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
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
    """The settings, report-a-problem and network-member dialogs, open, as a worker opens
    them (the editor and the import dialog have tests of their own)."""
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
    return [window.settings_dialog, window.report_dialog, member]
