"""Every control a worker can reach with Tab has a name a screen reader can say.

The name checked is the one Qt hands to the platform's accessibility bus (its accessible
interface's Name): a button's own text counts, as does a field's buddy label; an empty name
is announced as a bare "edit" or "push button". Spin-box, date and time editors are included:
they are what takes the focus inside those boxes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from navigator.ui.main_window import MainWindow
from tests.ui.windows import each_record_section, open_main_window, open_other_dialogs


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(window: QWidget) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if (
            widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or widget.isWindow()
            or not widget.isVisibleTo(window)
        ):
            continue
        if not spoken_name(widget):
            parent = widget.parentWidget()
            found.append(
                f"{type(widget).__name__} in {type(parent).__name__} "
                f"{spoken_name(parent) if parent else ''!r}"
            )
    return found


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return open_main_window(qtbot, tmp_path, (1366, 768))


def test_every_control_on_every_tab_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    problems = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        problems[window.tabs.tabText(index)] = unnamed(window)
    assert {tab: found for tab, found in problems.items() if found} == {}


def test_every_control_of_a_record_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    problems = {section: unnamed(window) for section in each_record_section(qtbot, window, "AN-1")}
    assert {tab: found for tab, found in problems.items() if found} == {}


def test_every_control_of_the_editor_and_the_import_dialog_has_a_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.edit_activity(None)
    qtbot.waitUntil(
        lambda: getattr(window, "editor", None) is not None and window.editor.isVisible()
    )
    assert unnamed(window.editor) == []
    window.editor.reject()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.import_dialog.isVisible())
    assert unnamed(window.import_dialog) == []


def test_every_control_of_the_other_dialogs_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    for dialog in open_other_dialogs(qtbot, window):
        assert unnamed(dialog) == [], dialog.windowTitle()
