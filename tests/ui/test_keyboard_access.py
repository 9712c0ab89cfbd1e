"""Keyboard access across the whole window: each Alt+letter goes to one place.

Qt fires a mnemonic shared by two visible controls at one of them and then cycles, so a worker
pressing Alt+F for the File menu can tick "Free activities only" instead. For each tab, every
mnemonic on show (menus, tab names, buttons, labels with a buddy, group boxes) must be unique.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.ui.main_window import MainWindow
from navigator.ui.network_map import MemberDialog
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonics_on_show(window: QWidget) -> dict[str, list[str]]:
    """Each Alt+letter reachable in `window` as it is now, with the controls that use it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, where: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(f"{where} {text!r}")

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(action.text(), "menu")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), "tab")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), type(widget).__name__)
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {letter: uses for letter, uses in mnemonics_on_show(window).items()
            if len(uses) > 1}


def test_the_mnemonic_finder_sees_a_clash() -> None:
    assert mnemonic("&File") == "f" and mnemonic("Save && close") is None
    assert mnemonic("Save && &close") == "c"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    main = build_main_window(str(db), dialogs=FakeDialogs(),  # type: ignore[arg-type]
                             people_db=str(tmp_path / "people.db"))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main


def test_no_alt_letter_goes_to_two_places_on_any_tab(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    problems = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found = clashes(window)
        if found:
            problems[window.tabs.tabText(index)] = found
    assert problems == {}


def test_no_alt_letter_goes_to_two_places_in_a_follow_up_record(
        qtbot: QtBot, window: MainWindow) -> None:
    followup = window.followup
    window.tabs.setCurrentWidget(followup)
    qtbot.keyClicks(followup.worker_name, "Sam Patel")
    followup.sign_in.click()
    qtbot.waitUntil(lambda: followup.service is not None)
    followup.reference.setText("KB-1")
    followup.new_record.click()
    qtbot.waitUntil(lambda: followup.record is not None)
    problems = {}
    for index in range(followup.detail.tabs.count()):
        followup.detail.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found = clashes(window)
        if found:
            problems[followup.detail.tabs.tabText(index)] = found
    assert problems == {}


def test_no_alt_letter_goes_to_two_places_in_review_or_a_dialog(
        qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.review_tabs)
    for index in range(window.review_tabs.count()):
        window.review_tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert clashes(window) == {}, window.review_tabs.tabText(index)
    window.edit_activity(None)
    qtbot.waitUntil(lambda: getattr(window, "editor", None) is not None
                    and window.editor.isVisible())
    assert clashes(window.editor) == {}
    window.editor.reject()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.import_dialog.isVisible())
    assert clashes(window.import_dialog) == {}


def open_other_dialogs(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """The settings, report-a-problem and network-member dialogs, open, as a worker opens
    them (the editor and the import dialog are checked above)."""
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: window.settings_dialog.isVisible())
    browser = window.directory
    window.tabs.setCurrentWidget(browser)
    qtbot.waitUntil(lambda: browser.proxy.rowCount() > 0)
    browser.table.selectRow(0)
    browser.report_button.click()
    qtbot.waitUntil(lambda: getattr(window, "report_dialog", None) is not None
                    and window.report_dialog.isVisible())
    member = MemberDialog(None, lambda text: [], window)
    member.show()
    qtbot.waitExposed(member)
    return [window.settings_dialog, window.report_dialog, member]


def test_no_alt_letter_goes_to_two_places_in_the_other_dialogs(
        qtbot: QtBot, window: MainWindow) -> None:
    for dialog in open_other_dialogs(qtbot, window):
        assert clashes(dialog) == {}, dialog.windowTitle()
