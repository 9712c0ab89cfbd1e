"""The directory tab: browse and search every activity, with all its details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
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
    DirectoryRowsProxy,
    DirectoryTableModel,
    IntArray,
    SortOrders,
)

# Gathers a burst of keystrokes into one search; short, since a search at 100,000 activities
# takes a few milliseconds on the worker and the newest one replaces any still running.
SEARCH_DELAY_MS = 30
# Up to this many activities every column's order is worked out before the table fills (under
# about 0.1 s); above it the name order comes first and the other columns follow on the worker.
ALL_ORDERS_FIRST = 20_000
# Up to this many, the orders are worked out on the UI thread (under 10 ms), so a save or a
# restore never shows an empty table for a moment; above it, on the worker.
ARRANGE_AT_ONCE = 2_000


class DirectoryBrowser(QWidget):
    edit_requested = Signal(object)  # an activity id, or None for a new activity
    report_requested = Signal(str)  # an activity id
    search_ready = Signal()  # the loaded directory's search index is built

    def __init__(self, cpu_runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each directory load: its sort orders, then its search index, built on the worker.
        # A newer load (or a newer query) supersedes whatever of the older is still to come.
        self._loads = LatestOnly(cpu_runner)
        self._searches = LatestOnly(cpu_runner)
        self._activities: Sequence[Activity] = ()
        self._orders: SortOrders | None = None
        self._search: DirectorySearch | None = None
        self._matches: IntArray | None = None  # rows the current search allows; None: all
        self._query = ""  # the query `_matches` answers
        self._select_first_result = False

        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search the directory")
        self.search_box.setPlaceholderText("Search activities, e.g. choir, gardening, N7")
        self.search_box.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("Show &paused and archived")
        self.show_inactive.setAccessibleName("Show paused and archived activities")

        self.model = DirectoryTableModel(self)
        self.proxy = DirectoryRowsProxy(self)
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
        self.proxy.sort_requested.connect(self._on_proxy_sort_requested)
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.table.activated.connect(self._on_edit_button_clicked)  # Enter or double-click

    def set_activities(self, activities: Sequence[Activity]) -> None:
        """Show a newly loaded directory. `model` holds it at once; the rows shown follow in
        one reset once its sort orders are worked out (on the worker, unless it is small),
        then the search index is built on the worker."""
        activities = list(activities)
        # Until the new search index is built, the search shown stays on the same entries.
        before, matches = self._activities, self._matches
        chosen = self._chosen_id()
        self._search, self._orders, self._activities = None, None, activities
        self._searches.discard()

        def build() -> tuple[SortOrders, IntArray | None]:
            orders = SortOrders(activities, all_columns=len(activities) <= ALL_ORDERS_FIRST)
            return orders, orders.rows_of(before, matches)

        def built(result: tuple[SortOrders, IntArray | None]) -> None:
            self._on_orders_built(activities, *result, chosen=chosen)

        if len(activities) <= ARRANGE_AT_ONCE:
            self._loads.discard()
            built(build())
            return
        # The table stays empty (a plain "Loading…") until the orders come: under 0.5 s.
        self.proxy.replace_source(activities, np.zeros(0, dtype=np.int32))
        self._after_rows_changed(None)
        self._loads.run(build, built, self._on_load_failed)

    def _on_orders_built(
        self,
        activities: Sequence[Activity],
        orders: SortOrders,
        matches: IntArray | None,
        *,
        chosen: str | None,
    ) -> None:
        # A reset drops the selection without a signal: keep the chosen entry chosen, so its
        # details show what was just saved, and nothing stays enabled for a vanished row.
        self._orders, self._matches = orders, matches
        self.proxy.replace_source(activities, self._visible_rows())
        self._after_rows_changed(chosen)
        # Laid out now rather than on the view's own 0 ms timer, which painted the rows a
        # second time once the worker was busy below.
        self.table.executeDelayedItemsLayout()

        def build_the_rest() -> None:
            if self._activities is not activities:
                return  # a newer directory came meanwhile
            if not orders.complete:
                self._loads.then(
                    orders.add_other_columns, self._on_other_orders_built, self._on_load_failed
                )
            self._loads.then(
                lambda: DirectorySearch(activities),
                self._on_search_index_built,
                self._on_load_failed,
            )

        # Started after the rows are painted: while the worker runs Python, each cell painted
        # waits for the GIL (blocks of 100 to 200 ms at 10k). A 1 ms timer, as a 0 ms one is a
        # queued call, run before the window's paint request, which is posted at low priority.
        QTimer.singleShot(1, self, build_the_rest)

    def _on_other_orders_built(self, _result: object) -> None:
        # The column already asked for may only now have its order.
        if self.proxy.sort_column() != DirectoryTableModel.NAME:
            self._show_rows()

    def _on_search_index_built(self, search: DirectorySearch) -> None:
        self._search = search
        self.search_ready.emit()
        # Typed while it was built, or a search carried over from before a reload: answer it
        # afresh (an empty box with nothing filtered needs no search).
        if self.search_box.text().strip() or self._matches is not None:
            self._run_search()

    def _on_load_failed(self, error: BaseException) -> None:
        self.summary.setText(f"The directory could not be shown: {error}")

    def _visible_rows(self) -> IntArray:
        """The rows to show now, in order: array operations over the precomputed orders."""
        if self._orders is None:
            return np.zeros(0, dtype=np.int32)
        return self._orders.visible_rows(
            column=self.proxy.sort_column(),
            descending=self.proxy.sort_order() == Qt.SortOrder.DescendingOrder,
            show_inactive=self.show_inactive.isChecked(),
            matches=self._matches,
        )

    def _show_rows(self) -> None:
        """Re-arrange the table after the search, the sort or the tick box changed."""
        chosen = self._chosen_id()
        self.proxy.show_rows(self._visible_rows())
        self._after_rows_changed(chosen)

    def _after_rows_changed(self, chosen: str | None) -> None:
        if chosen is not None:
            self._select_id(chosen)
        self._on_table_selection_changed()
        self._update_summary()

    def _chosen_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ACTIVITY_ROLE).id if rows else None

    def _select_id(self, activity_id: str) -> None:
        if self._orders is None:
            return
        source_row = self._orders.row_of_id.get(activity_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():
            self.table.selectRow(index.row())

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
        if search is None:  # still being built: it runs the box's query when it is ready
            return
        self._searches.run(
            lambda: search.matching_rows(query),
            lambda rows: self._on_search_finished(search, query, rows),
            self._on_search_failed,
        )

    def _on_search_finished(
        self, search: DirectorySearch, query: str, rows: IntArray | None
    ) -> None:
        if search is not self._search:  # rows of a directory since replaced
            return
        self._matches, self._query = rows, query
        self._show_rows()
        if self._select_first_result and self.proxy.rowCount():
            self.table.selectRow(0)
        self._select_first_result = False

    def _on_search_failed(self, error: BaseException) -> None:
        self.summary.setText(f"Search failed: {error}")

    def _on_show_inactive_toggled(self, _checked: bool) -> None:
        self._show_rows()

    def _on_proxy_sort_requested(self, _column: int, _order: Qt.SortOrder) -> None:
        self._show_rows()

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
        query = self._query.strip()
        if self._orders is None:
            self.summary.setText("Loading the directory…")
        elif total == 0:
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
