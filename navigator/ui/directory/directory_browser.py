"""The directory tab: browse and search every activity, with all its details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.people import ActivityFlag, Uptake
from navigator.services.search import DirectorySearch
from navigator.ui.common.tasks import LatestOnly, TaskRunner
from navigator.ui.directory.activity_details import ActivityDetails
from navigator.ui.directory.directory_model import (
    ACTIVITY_ROLE,
    DirectoryFilterProxy,
    DirectoryTableModel,
)

# Long enough to skip most intermediate keystrokes, short enough to feel immediate.
SEARCH_DELAY_MS = 120


class DirectoryBrowser(QWidget):
    edit_requested = Signal(object)  # an activity id, or None for a new activity
    report_requested = Signal(str)  # an activity id

    def __init__(self, cpu_runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._searches = LatestOnly(cpu_runner)
        self._search: DirectorySearch | None = None
        self._select_first_result = False

        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search the directory")
        self.search_box.setPlaceholderText("Search activities, e.g. choir, gardening, N7")
        self.search_box.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("Show &paused and archived")
        self.show_inactive.setAccessibleName("Show paused and archived activities")

        self.model = DirectoryTableModel(self)
        self.proxy = DirectoryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Activities")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DirectoryTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (DirectoryTableModel.NAME, 260),
            (DirectoryTableModel.WHAT, 170),
            (DirectoryTableModel.WHERE, 200),
            (DirectoryTableModel.WHEN, 230),
            (DirectoryTableModel.COST, 70),
            (DirectoryTableModel.CHECKED, 100),
        ):
            header.resizeSection(column, width)

        self.details = ActivityDetails()
        self.new_button = QPushButton("&New activity…")
        self.new_button.setAccessibleName("New activity")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the chosen activity")
        self.report_button = QPushButton("Report a pro&blem…")
        self.report_button.setAccessibleName("Report a problem with the chosen activity")
        self.report_button.setEnabled(False)
        self.edit_button.setEnabled(False)
        self.summary = QLabel("Loading the directory…")

        self._build_layout()
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._connect_signals()

    # Layout -----------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        search_row = QHBoxLayout()
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.show_inactive)
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.edit_button)
        search_row.addWidget(self.report_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        self.setTabOrder(self.search_box, self.show_inactive)
        self.setTabOrder(self.show_inactive, self.table)
        self.setTabOrder(self.table, self.details)

    def _connect_signals(self) -> None:
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.show_inactive.toggled.connect(self._on_show_inactive_toggled)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.proxy.modelReset.connect(self._update_summary)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.layoutChanged.connect(self._update_summary)
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.table.activated.connect(self._on_edit_button_clicked)  # Enter or double-click

    def set_activities(self, activities: Sequence[Activity]) -> None:
        # A reset drops the selection without a signal: keep the chosen entry chosen, so its
        # details show what was just saved, and nothing stays enabled for a vanished row.
        rows = self.table.selectionModel().selectedRows()
        chosen = rows[0].data(ACTIVITY_ROLE).id if rows else None
        self.model.set_activities(activities)
        self._search = DirectorySearch(activities)
        if chosen is not None:
            self._select_id(chosen)
        self._on_table_selection_changed()
        self._run_search()
        self._update_summary()

    def _select_id(self, activity_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.activity_at(row).id == activity_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                return

    def set_flags(self, flags: Sequence[ActivityFlag]) -> None:
        """Entries follow-ups found closed or at the wrong time: shown until checked."""
        by_id: dict[str, list[ActivityFlag]] = {}
        for flag in flags:
            by_id.setdefault(flag.activity_id, []).append(flag)
        self.model.set_flags(by_id)
        self.details.set_flags(by_id)
        self._on_table_selection_changed()

    def set_uptake(self, uptake: Sequence[Uptake]) -> None:
        """How follow-ups went for each activity, shown in the details."""
        self.details.set_uptake(uptake)

    def show_load_failure(self, message: str) -> None:
        self.summary.setText(f"The directory could not be loaded: {message}")

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # Search -----------------------------------------------------------------------------------

    def _on_search_box_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self._run_search()

    def _on_search_box_return_pressed(self) -> None:
        # The search finishes on a worker; pick the first row once its results are in.
        self._debounce.stop()
        self._select_first_result = True
        self._run_search()
        self.table.setFocus()

    def _run_search(self) -> None:
        search, query = self._search, self.search_box.text()
        if search is None:
            return
        self._searches.run(
            lambda: search.matching_ids(query), self._on_search_finished, self._on_search_failed
        )

    def _on_search_finished(self, ids: set[str] | None) -> None:
        self.proxy.set_allowed_ids(ids)
        if self._select_first_result and self.proxy.rowCount():
            self.table.selectRow(0)
        self._select_first_result = False
        self._update_summary()

    def _on_search_failed(self, error: BaseException) -> None:
        self.summary.setText(f"Search failed: {error}")

    def _on_show_inactive_toggled(self, checked: bool) -> None:
        self.proxy.set_show_inactive(checked)
        self._update_summary()

    # Selection --------------------------------------------------------------------------------

    def _on_table_selection_changed(self, *_args: Any) -> None:
        # Read the selection as it now is: a filter change can emit a partial delta.
        rows = self.table.selectionModel().selectedRows()
        self.details.show_activity(rows[0].data(ACTIVITY_ROLE) if rows else None)
        self.edit_button.setEnabled(bool(rows))
        self.report_button.setEnabled(bool(rows))

    def _on_report_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.report_requested.emit(rows[0].data(ACTIVITY_ROLE).id)

    def _on_edit_button_clicked(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.edit_requested.emit(rows[0].data(ACTIVITY_ROLE).id)

    def _update_summary(self, *_args: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        query = self.search_box.text().strip()
        if total == 0:
            self.summary.setText("The directory is empty.")
        elif query and shown == 0:
            self.summary.setText(f"Nothing matches “{query}”. Try a different word.")
        elif query:
            self.summary.setText(f"{shown} of {total} activities match “{query}”.")
        else:
            self.summary.setText(
                f"Showing {shown} of {total} activities."
                + (
                    ""
                    if self.show_inactive.isChecked() or shown == total
                    else " Paused and archived ones are hidden."
                )
            )
