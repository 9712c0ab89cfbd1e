"""The review tab for social prescribers: what needs checking, most urgent first.

"Mark as checked today" saves through the same version check as the editor, so it never
overwrites someone else's newer change; a refused save says so and the list reloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.people import ActivityFlag, Uptake
from navigator.domain.reports import ProblemReport
from navigator.domain.wording import short_date
from navigator.services.review import DEFAULT_STALE_MONTHS, ReviewItem, review_queue
from navigator.ui.activity_details import ActivityDetails
from navigator.ui.directory_model import ACTIVITY_ROLE
from navigator.ui.table_model import RowTableModel
from navigator.ui.tasks import TaskRunner


class ReviewModel(RowTableModel[ReviewItem]):
    NAME, WHY, CHECKED = range(3)
    HEADERS = ("Activity", "Why it needs a look", "Last checked")

    def set_items(self, items: Sequence[ReviewItem]) -> None:
        self.set_rows(items)

    def item_at(self, row: int) -> ReviewItem:
        return self.row_at(row)

    def cell(self, item: ReviewItem, column: int, role: int) -> Any:
        if role == ACTIVITY_ROLE:
            return item.activity
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        checked = item.activity.last_verified
        return (item.activity.name, "; ".join(item.reasons),
                short_date(checked) if checked else "Never")[column]


class ReviewView(QWidget):
    edit_requested = Signal(str)  # activity id
    checked_today = Signal(str)  # an entry was marked as checked

    def __init__(self, mark_checked: Callable[[str, dt.date], object], db_runner: TaskRunner,
                 today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark_checked = mark_checked
        self._db = db_runner
        self._today = today
        self._activities: list[Activity] = []
        self._flags: list[ActivityFlag] = []
        self._reports: list[ProblemReport] = []
        self._demand: dict[str, int] = {}
        self.stale_months = QSpinBox()
        self.stale_months.setAccessibleName("List entries not checked for more than")
        self.stale_months.setRange(1, 36)
        self.stale_months.setValue(DEFAULT_STALE_MONTHS)
        self.stale_months.setSuffix(" months")
        self.model = ReviewModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Activities that need checking")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.resizeSection(ReviewModel.NAME, 280)
        header.resizeSection(ReviewModel.WHY, 380)
        header.setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Review summary")
        self.summary.setWordWrap(True)
        self.checked_button = QPushButton("&Mark as checked today")
        self.checked_button.setAccessibleName("Mark as checked today")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the chosen activity")
        self.details = ActivityDetails()
        period = QHBoxLayout()
        period.addWidget(QLabel("List entries not checked for more than"))
        period.addWidget(self.stale_months)
        period.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.checked_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(period)
        left.addWidget(self.summary)
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.details, 2)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.checked_button.clicked.connect(self._on_checked_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.stale_months.valueChanged.connect(self._refresh)
        self._update_buttons()

    def set_directory(self, activities: Sequence[Activity]) -> None:
        self._activities = list(activities)
        self._refresh()

    def set_flags(self, flags: Sequence[ActivityFlag]) -> None:
        self._flags = list(flags)
        self.details.set_flags({f.activity_id: [f] for f in flags})
        self._refresh()

    def set_uptake(self, uptake: Sequence[Uptake]) -> None:
        """How many people were planned to each activity: busier entries are checked first."""
        self._demand = {u.activity_id: u.planned for u in uptake}
        self._refresh()

    def set_reports(self, reports: Sequence[ProblemReport]) -> None:
        self._reports = list(reports)
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        current = self._current()
        items = review_queue(self._activities, self._flags, self._today(),
                             reports=self._reports, stale_months=self.stale_months.value(),
                             demand=self._demand)
        self.model.set_items(items)
        self.table.resizeRowsToContents()
        flagged = sum(1 for item in items if item.urgency == 0)
        self.summary.setText(
            "Nothing needs checking." if not items else
            f"{len(items)} entr{'ies need' if len(items) != 1 else 'y needs'} a look, most "
            "urgent first" + (f"; {flagged} reported by workers or follow-ups." if flagged
                              else "."))
        for row, item in enumerate(items):
            if current is not None and item.activity.id == current.id:
                self.table.selectRow(row)
                break
        self._update_buttons()

    def _current(self) -> Activity | None:
        index = self.table.currentIndex()
        return index.data(ACTIVITY_ROLE) if index.isValid() else None

    def _on_table_row_changed(self, *_args: object) -> None:
        self.details.show_activity(self._current())
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._current() is not None
        self.checked_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen)

    def _on_checked_button_clicked(self) -> None:
        activity = self._current()
        if activity is None:
            return
        today = self._today()
        self._db.run(lambda: self._mark_checked(activity.id, today),
                     lambda _: self.checked_today.emit(activity.id),
                     lambda error: self.summary.setText(f"Not saved: {error}"))

    def _on_edit_button_clicked(self) -> None:
        activity = self._current()
        if activity is not None:
            self.edit_requested.emit(activity.id)
