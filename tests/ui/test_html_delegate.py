"""The rich-text cells (suggestion cards, the shortlist): a row measured again at the same
width, or painted after it was measured, is not laid out again (issue 17: re-fitting the
suggestions' rows held the UI thread about 60 ms at a start), and what is shown is unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from navigator.ui.common import html_delegate
from navigator.ui.common.html_delegate import HTML_ROLE, HtmlDelegate

CARDS = [
    "<b>Holloway Community Choir</b><br>Music · £2 a session<br>Next: Wed 25 Nov, 18:30",
    "<b>Growing Together</b><br>Gardening · Free",
    "<b>Friendly Call</b><br>Befriending · Free · By phone, and a longer line that has to wrap",
]


class Cards(QStringListModel):
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == HTML_ROLE:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class CountedDocument(QTextDocument):
    made = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        CountedDocument.made += 1


@pytest.fixture
def table(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> QTableView:
    monkeypatch.setattr(html_delegate, "QTextDocument", CountedDocument)
    CountedDocument.made = 0
    view = QTableView()
    view.setModel(Cards(CARDS, view))
    view.setItemDelegate(HtmlDelegate(view))
    view.horizontalHeader().setStretchLastSection(True)
    view.resize(400, 400)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def heights(view: QTableView) -> list[int]:
    return [view.rowHeight(row) for row in range(view.model().rowCount())]


def test_rows_measured_again_at_the_same_width_are_not_laid_out_again(
    table: QTableView,
) -> None:
    table.resizeRowsToContents()
    made, measured = CountedDocument.made, heights(table)
    assert made >= len(CARDS)
    table.resizeRowsToContents()
    table.viewport().grab()  # painted, at the width measured
    assert CountedDocument.made == made
    assert heights(table) == measured


def test_a_narrower_column_is_measured_afresh_and_its_rows_grow(table: QTableView) -> None:
    table.resizeRowsToContents()
    wide, made = heights(table), CountedDocument.made
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(0, 120)
    table.resizeRowsToContents()
    assert CountedDocument.made > made
    narrow = heights(table)
    assert all(n >= w for n, w in zip(narrow, wide, strict=True))
    assert narrow != wide
    # The same as a delegate that never measured these rows before would say.
    table.setItemDelegate(HtmlDelegate(table))
    table.resizeRowsToContents()
    assert heights(table) == narrow
