"""The two tables of the appointment's results: the suggestions (one card a row) and the
near misses. Space ticks the current row onto the shortlist in either."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

from navigator.ui.appointment.suggestions_model import NearMissModel, SuggestionsModel
from navigator.ui.common.html_delegate import HtmlDelegate


class ResultsTable(QTableView):
    """Space ticks or unticks the current suggestion (or near miss), whichever cell has the
    focus, so the shortlist can be made from the keyboard."""

    toggle_requested = Signal(int)  # row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.toggle_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


def suggestions_table(model: SuggestionsModel) -> ResultsTable:
    table = _table("Suggestions", model)
    table.setItemDelegate(HtmlDelegate(table))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.resizeSection(SuggestionsModel.TRY, 40)
    header.setStretchLastSection(True)
    # The activity's card shows the reasons across its full width (they wrap far less
    # than in a column of their own); the model keeps them apart for other uses.
    table.setColumnHidden(SuggestionsModel.WHY, True)
    # A scrollbar that appears after the first results narrows the stretched card column,
    # and every wrapped row is measured again: kept in place, the rows are fitted once.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    return table


def near_misses_table(model: NearMissModel) -> ResultsTable:
    table = _table("Near misses", model)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.resizeSection(NearMissModel.NAME, 240)
    header.resizeSection(NearMissModel.WHICH, 100)
    return table


def also_nearby_label() -> QLabel:
    """The line of links to what fits every need but none of the interests."""
    label = QLabel()
    label.setAccessibleName("Also nearby")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    label.hide()
    return label


def _table(name: str, model: SuggestionsModel | NearMissModel) -> ResultsTable:
    table = ResultsTable()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
    # Left-aligned, a header too long for its column loses its end, not both ends.
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return table
