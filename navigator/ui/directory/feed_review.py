"""Reviewing a feed's changes before any applies (issue 15, item 2).

One row per change: new, changed, or left the feed (to be paused with the reason "left the
council feed", never deleted). The change chosen in the list is shown field by field below,
old → new; where both the feed and we changed a field, both are shown with a box to take the
feed's value for that field (ours is kept otherwise). *Accept all* applies every change;
*Apply ticked* only the ticked ones; *Cancel* applies nothing. Applying runs on the database
worker, all or nothing (`FeedUpdates.apply`); a failure is said in one line and the dialog
stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.services.feed_changes import ApplyReport, Change
from navigator.ui.common.table_model import RowTableModel
from navigator.ui.common.tasks import TaskRunner

if TYPE_CHECKING:
    from navigator.services.feed_sync import SyncOutcome

# Applies the accepted change ids (None: all) with the (change id, field) pairs where the
# feed's value is taken; runs on the database worker.
Applier = Callable[[Collection[str] | None, Collection[tuple[str, str]]], ApplyReport]
KINDS = {"new": "New", "changed": "Changed", "left": "Left the feed"}
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


def applied_words(report: ApplyReport) -> str:
    """What an apply did, and where to look at the likely duplicates it found."""
    text = report.describe()
    if report.duplicates:
        text += " See Review → Possible duplicates."
    return text


def what_changes(change: Change) -> str:
    """The change in a few words, for its row."""
    if change.kind == "new":
        return "added to the directory"
    if change.kind == "left":
        return "will be paused: left the council feed (not deleted)"
    labels = [
        f.label + (" (changed here too)" if f.local is not None else "") for f in change.fields
    ]
    if change.joins_feed:
        labels.insert(0, "kept in step with the feed from now on")
    return ", ".join(labels) or "no field to show"


class ChangeTableModel(RowTableModel[Change]):
    """The plan's changes, each with a tick (column 0) saying whether to apply it."""

    KIND, NAME, WHAT = range(3)
    HEADERS = ("Apply", "Activity", "What changes")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ticked: set[str] = set()

    def set_ticked(self, ids: Collection[str]) -> None:
        self.ticked = set(ids)
        self.refresh_column(self.KIND)

    def toggle(self, row: int) -> None:
        change = self.row_at(row)
        self.ticked ^= {change.id}
        index = self.index(row, self.KIND)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def cell(self, row: Change, column: int, role: int) -> Any:
        if role == CHANGE_ROLE:
            return row
        if column == self.KIND and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.id in self.ticked else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.KIND:
            return KINDS.get(row.kind, row.kind)
        if column == self.NAME:
            return row.activity_name
        return what_changes(row)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.KIND:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.KIND:
            return False
        change = self.row_at(index.row())
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(change.id)
        else:
            self.ticked.discard(change.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class ChangeTable(QTableView):
    """Space ticks or unticks the current row, whichever column has the focus."""

    space_pressed = Signal(int)  # the source row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.space_pressed.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class FeedReviewDialog(QDialog):
    applied = Signal(object)  # ApplyReport

    def __init__(
        self,
        outcome: SyncOutcome,
        apply: Applier,
        db_runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Changes from {outcome.feed}")
        self.resize(1000, 600)
        self._outcome = outcome
        self._apply = apply
        self._db = db_runner
        self.feed_wins: set[tuple[str, str]] = set()  # (change id, field): take the feed's
        changes = outcome.plan.changes if outcome.plan is not None else ()

        lines = [outcome.headline(), *outcome.notes]
        lines.append("Nothing changes until you accept: tick changes one by one, or accept all.")
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ChangeTableModel(self)
        self.model.set_rows(changes)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = ChangeTable()
        self.table.setAccessibleName("Changes")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as planned until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ChangeTableModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChangeTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChangeTableModel.NAME, 320)
        header.setStretchLastSection(True)

        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_scroll = QScrollArea()
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setWidget(self.details)
        self.details_scroll.setAccessibleName("The chosen change, field by field")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 240])  # the chosen change's fields need the room

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_all_button = QPushButton("Accept &all")
        self.accept_all_button.setAccessibleName("Accept all the changes")
        self.apply_button = QPushButton("Apply &ticked")
        self.apply_button.setAccessibleName("Apply the ticked changes")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setAccessibleName("Cancel: apply nothing")
        for button in (self.accept_all_button, self.apply_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter never applies: the prescriber chooses
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.accept_all_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._connect_signals()
        self._update_apply_button()
        if changes:
            self.table.selectRow(0)

    def _connect_signals(self) -> None:
        self.accept_all_button.clicked.connect(lambda: self.apply(None))
        self.apply_button.clicked.connect(lambda: self.apply(set(self.model.ticked)))
        self.cancel_button.clicked.connect(self.reject)
        self.model.dataChanged.connect(lambda *_: self._update_apply_button())
        self.table.space_pressed.connect(
            lambda row: self.model.toggle(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
        )
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

    def _update_apply_button(self) -> None:
        count = len(self.model.ticked)
        self.apply_button.setText(f"Apply &ticked ({count})" if count else "Apply &ticked")
        self.apply_button.setEnabled(bool(count))

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change = current.data(CHANGE_ROLE) if current.isValid() else None
        self._show_change(change)

    def _show_change(self, change: Change | None) -> None:
        """The change field by field, with a box per field both sides changed."""
        while self.details_layout.count():
            item = self.details_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if change is None:
            return
        for line in self._lines_of(change):
            self.details_layout.addWidget(_plain_label(line))
        for field in change.fields:
            if field.local is None:
                continue
            box = QCheckBox(f"Take the feed's {field.label.lower()}: {field.new}")
            box.setAccessibleName(f"Take the feed's value for {field.label}")
            box.setChecked((change.id, field.field) in self.feed_wins)
            box.toggled.connect(
                lambda on, cid=change.id, key=field.field: self._on_feed_wins_toggled(cid, key, on)
            )
            self.details_layout.addWidget(box)
        self.details_layout.addStretch(1)

    @staticmethod
    def _lines_of(change: Change) -> list[str]:
        name = change.activity_name
        if change.kind == "new":
            return [f"New: {name}. It is added to the directory as the feed describes it."]
        if change.kind == "left":
            return [
                f'Left the feed: {name}. It will be paused with the reason "left the council '
                'feed", for you to review; nothing is deleted.'
            ]
        lines = [f"Changed: {name}"]
        if change.joins_feed:
            lines.append(
                "It was imported from a file; from now on it is kept in step with the feed."
            )
        for field in change.fields:
            lines.append(f"{field.label}: {field.old} → {field.new}")
            if field.local is not None:
                lines.append(
                    f"    Changed here too, to: {field.local}. Ours is kept unless you take "
                    "the feed's."
                )
        return lines

    def _on_feed_wins_toggled(self, change_id: str, field: str, on: bool) -> None:
        if on:
            self.feed_wins.add((change_id, field))
            if change_id not in self.model.ticked:  # taking the feed's value accepts the change
                self.model.set_ticked(self.model.ticked | {change_id})
        else:
            self.feed_wins.discard((change_id, field))

    def apply(self, accepted: Collection[str] | None) -> None:
        """Apply `accepted` (None: every change) on the database worker."""
        wins = sorted(w for w in self.feed_wins if accepted is None or w[0] in accepted)
        for button in (self.accept_all_button, self.apply_button, self.cancel_button):
            button.setEnabled(False)
        self.status.setText("Applying…")
        apply = self._apply
        self._db.run(lambda: apply(accepted, wins), self._on_applied, self._on_apply_failed)

    def _on_applied(self, report: ApplyReport) -> None:
        self.applied.emit(report)
        self.accept()

    def _on_apply_failed(self, error: BaseException) -> None:
        self.status.setText(f"Nothing was applied: {error}")
        self.accept_all_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self._update_apply_button()


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a feed's words are never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
