"""The directory tab: loads off the UI thread, searches as you type, shows every detail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.ui.directory.directory_browser import DirectoryBrowser
from navigator.ui.directory.directory_model import ACTIVITY_ROLE, DirectoryTableModel
from tests.ui.conftest import ACTIVITIES


@pytest.fixture
def window(qtbot: QtBot, directory_db: str) -> Iterator[DirectoryBrowser]:
    """The directory tab of a freshly built main window (kept alive by this fixture)."""
    main = build_main_window(directory_db)
    qtbot.addWidget(main)
    main.show()
    main.tabs.setCurrentWidget(main.directory)
    qtbot.waitUntil(lambda: main.directory.model.rowCount() == len(ACTIVITIES))
    yield main.directory


def shown_names(window: DirectoryBrowser) -> list[str]:
    return sorted(window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount()))


def test_only_running_activities_show_at_first(qtbot: QtBot, window: DirectoryBrowser) -> None:
    assert "Paused Pottery" not in shown_names(window)
    assert window.summary.text() == (
        "Showing 4 of 5 activities. Paused and archived ones are hidden."
    )
    window.show_inactive.setChecked(True)
    assert "Paused Pottery" in shown_names(window)


def test_search_as_you_type_forgives_typos(qtbot: QtBot, window: DirectoryBrowser) -> None:
    qtbot.keyClicks(window.search_box, "chior")
    qtbot.waitUntil(lambda: shown_names(window) == ["Holloway Community Choir"])
    assert window.summary.text() == "1 of 5 activities match “chior”."
    window.search_box.setText("allotment")
    qtbot.waitUntil(lambda: shown_names(window) == ["Growing Together"])
    window.search_box.setText("zzzzzz")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 0)
    assert "Nothing matches" in window.summary.text()
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 4)


def test_return_in_the_search_box_moves_to_the_first_result(
    qtbot: QtBot, window: DirectoryBrowser
) -> None:
    window.window().activateWindow()
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "garden")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Growing Together" in window.details.toPlainText())
    assert "Step-free access not known" in window.details.toPlainText()


def test_details_show_directory_text_literally_never_as_markup(
    qtbot: QtBot, window: DirectoryBrowser
) -> None:
    row = next(
        r
        for r in range(window.proxy.rowCount())
        if window.proxy.index(r, 0).data(ACTIVITY_ROLE).id == "markup"
    )
    window.table.selectRow(row)
    text = window.details.toPlainText()
    assert "<b>Bold</b> & <script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text


def test_details_describe_every_field_in_plain_words(
    qtbot: QtBot, window: DirectoryBrowser
) -> None:
    window.search_box.setText("choir")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    window.table.selectRow(0)
    text = window.details.toPlainText()
    for expected in (
        "Every Wednesday, 18:30 to 20:00",
        "St Luke's Hall",
        "N7 6PA",
        "Step-free access",
        "£2 a session; cheaper for some people (concessions)",
        "Just turn up, no need to book",
        "Everyone",
        "English",
        "1 September 2026",
        "Running",
    ):
        assert expected in text


def test_sorting_uses_raw_values(qtbot: QtBot, window: DirectoryBrowser) -> None:
    window.table.sortByColumn(DirectoryTableModel.COST, Qt.SortOrder.AscendingOrder)
    costs = [
        window.proxy.index(r, DirectoryTableModel.COST).data()
        for r in range(window.proxy.rowCount())
    ]
    assert costs == ["Free", "Free", "£2", "Not known"]


def test_the_table_model_obeys_the_qt_model_rules(qtmodeltester, window: DirectoryBrowser) -> None:
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)


def test_every_interactive_control_has_an_accessible_name(
    qtbot: QtBot, window: DirectoryBrowser
) -> None:
    window = window.window()
    for widget in window.findChildren(QWidget):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.metaObject().className()
            in {"QLineEdit", "QCheckBox", "QTableView", "QTextBrowser", "QPushButton"}
        ):
            assert widget.accessibleName(), widget.metaObject().className()


def test_a_database_problem_is_one_sentence(qtbot: QtBot, tmp_path) -> None:
    from navigator.store.database import StoreError

    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    with pytest.raises(StoreError, match=r"bad\.db is not a Navigator database"):
        build_main_window(str(bad))
