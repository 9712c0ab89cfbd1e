"""Keyboard access across the whole window: each Alt+letter goes to one place.

Qt fires a mnemonic shared by two visible controls at one of them and then cycles, so a worker
pressing Alt+F for the File menu can tick "Free activities only" instead. For each tab, every
mnemonic on show (menus, tab names, buttons, labels with a buddy, group boxes) must be unique.
"""

from __future__ import annotations

import re
from collections import defaultdict
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

from navigator.ui.main_window import MainWindow
from tests.ui.windows import each_record_section, open_main_window, open_other_dialogs

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
    return {letter: uses for letter, uses in mnemonics_on_show(window).items() if len(uses) > 1}


def test_the_mnemonic_finder_sees_a_clash() -> None:
    assert mnemonic("&File") == "f" and mnemonic("Save && close") is None
    assert mnemonic("Save && &close") == "c"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return open_main_window(qtbot, tmp_path, (1366, 768))


def test_no_alt_letter_goes_to_two_places_on_any_tab(qtbot: QtBot, window: MainWindow) -> None:
    problems = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found = clashes(window)
        if found:
            problems[window.tabs.tabText(index)] = found
    assert problems == {}


def test_no_alt_letter_goes_to_two_places_in_a_follow_up_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    problems = {}
    for section in each_record_section(qtbot, window, "KB-1"):
        found = clashes(window)
        if found:
            problems[section] = found
    assert problems == {}


def test_no_alt_letter_goes_to_two_places_in_review_or_a_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.tabs.setCurrentWidget(window.review_tabs)
    for index in range(window.review_tabs.count()):
        window.review_tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert clashes(window) == {}, window.review_tabs.tabText(index)
    window.edit_activity(None)
    qtbot.waitUntil(
        lambda: getattr(window, "editor", None) is not None and window.editor.isVisible()
    )
    assert clashes(window.editor) == {}
    window.editor.reject()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.import_dialog.isVisible())
    assert clashes(window.import_dialog) == {}


def test_no_alt_letter_goes_to_two_places_in_the_other_dialogs(
    qtbot: QtBot, window: MainWindow
) -> None:
    for dialog in open_other_dialogs(qtbot, window):
        assert clashes(dialog) == {}, dialog.windowTitle()
