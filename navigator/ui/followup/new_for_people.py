"""The "New for 3 people you support" panel of the Follow-up tab (issue 16).

After the directory changes (an import, a feed sync, an edit, another machine's change), the
follow-up view matches the saved profiles of open records against what is new
(services/rematch.py) and shows the answer here: one row per person and new activity, with
the reasons. It lives in the Follow-up tab, not the Review tab, because it names people: the
Follow-up tab opens only after the worker signs in, and the Review tab is about the shared
directory. Choosing a row opens that person's record.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.services.rematch import NewForPeople
from navigator.ui.followup.people_models import ROW_ROLE, new_for_people_model

SHOWN_ROWS = 5


class NewForPeoplePanel(QWidget):
    person_chosen = Signal(str)  # a reference: show their record

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.news: NewForPeople | None = None
        self.heading = QLabel()
        self.heading.setAccessibleName("New for people you support")
        self.heading.setWordWrap(True)
        self.model = new_for_people_model(self)
        self.table = QTableView()
        self.table.setAccessibleName("New activities and the people they may suit")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.dismiss = QPushButton("Seen, hide this")
        self.dismiss.setAccessibleName("Hide the new activities list")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.dismiss)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.dismiss.clicked.connect(self.hide)
        self.table.activated.connect(self._on_table_activated)
        self.hide()

    def show_news(self, news: NewForPeople) -> None:
        """Show what a re-match found; nothing new leaves the panel as it was."""
        if not news.people:
            return
        self.news = news
        self.heading.setText(
            f"<b>{news.headline}</b>: from {news.activities} new or changed "
            f"activit{'ies' if news.activities != 1 else 'y'} in the directory. Open a row "
            "to see the record."
        )
        self.model.set_rows([(p.reference, fit) for p in news.people for fit in p.fits])
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self._fit_height()
        self.show()

    def _fit_height(self) -> None:
        """As tall as its rows, up to SHOWN_ROWS of them (then it scrolls): the records below
        keep most of the tab."""
        table = self.table
        rows = [table.rowHeight(r) for r in range(self.model.rowCount())]
        shown = sum(rows[:SHOWN_ROWS])
        table.setFixedHeight(
            shown + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        )

    def _on_table_activated(self, index: QModelIndex) -> None:
        reference, _fit = index.data(ROW_ROLE)
        self.person_chosen.emit(reference)
