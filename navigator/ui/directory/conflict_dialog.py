"""Two people saved the same activity: their saved version and yours, side by side.

Shown by the editor when a save is refused. Every field is listed with both values; the ones
that differ are highlighted and say who changed them. The person chooses: keep their version
(discarding their own edits), or put their own changes on top of the other version and save
again as a new version. Closing it goes back to the editor with every edit still there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.services.editing import FieldComparison, compare
from navigator.services.saving import VersionedActivity

CHANGED_BACKGROUND = QColor("#fff0c2")
Index = QModelIndex | QPersistentModelIndex


def who_changed(row: FieldComparison) -> str:
    if row.they_changed and row.i_changed:
        return "Both of you" if row.differs else "Both of you, the same way"
    return "They did" if row.they_changed else "You did" if row.i_changed else ""


class ComparisonModel(QAbstractTableModel):
    """One row per field: the field, their value, mine, who changed it, and what
    re-applying would save."""

    FIELD, THEIRS, MINE, WHO, RESULT = range(5)
    DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 1
    COMPARISON_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, rows: list[FieldComparison], their_version: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._headers = (
            "Field",
            f"Their saved version (version {their_version})",
            "Your version",
            "Changed by",
            "If you re-apply",
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.label, row.theirs, row.mine, who_changed(row), row.reapplied)[
                index.column()
            ]
        if role == Qt.ItemDataRole.BackgroundRole and row.differs:
            return QBrush(CHANGED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.differs:
            return QBrush(QColor("#000000"))  # dark text on the light highlight in any theme
        if role == Qt.ItemDataRole.FontRole and row.differs:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and row.differs:
            return f"Different: changed by {who_changed(row).lower() or 'nobody'}"
        if role == self.DIFFERS_ROLE:
            return row.differs
        if role == self.COMPARISON_ROLE:
            return row
        return None


class DifferencesFilter(QSortFilterProxyModel):
    """Shows every field, or only those whose two values differ."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._only_differences = False

    def set_only_differences(self, only: bool) -> None:
        self.beginFilterChange()
        self._only_differences = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._only_differences:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(ComparisonModel.DIFFERS_ROLE))


class ConflictDialog(QDialog):
    """`keep_theirs_chosen` or `reapply_chosen`; rejecting goes back to editing."""

    keep_theirs_chosen = Signal()
    reapply_chosen = Signal()

    def __init__(
        self,
        base: Activity,
        theirs: VersionedActivity,
        mine: Activity,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Changed by someone else: {theirs.activity.name}")
        self.rows = compare(base, theirs.activity, mine)
        mine_changed = [r.label for r in self.rows if r.i_changed]
        both = [r.label for r in self.rows if r.i_changed and r.they_changed and r.differs]
        self.message = QLabel(
            "<b>This activity was changed by someone else since you opened it.</b><br>"
            "Your changes have not been saved yet, and nothing is lost: compare the two "
            "versions below (the highlighted fields differ) and choose what to do."
        )
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What happened")
        self.model = ComparisonModel(self.rows, theirs.version, self)
        self.proxy = DifferencesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Their version and yours, field by field")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ComparisonModel.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ComparisonModel.THEIRS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ComparisonModel.RESULT, QHeaderView.ResizeMode.Stretch)
        self.only_differences = QCheckBox("Show only the fields that &differ")
        self.only_differences.setAccessibleName("Show only the fields that differ")
        changed = ", ".join(mine_changed) or "nothing"
        overlap = f" You both changed {', '.join(both)}: yours will be kept." if both else ""
        self.explain = QLabel(
            f"You changed: {changed}. <b>Re-apply</b> puts your changes on top of their "
            f"version and saves it as version {theirs.version + 1}.{overlap} <b>Keep "
            "theirs</b> throws your changes away."
        )
        self.explain.setWordWrap(True)
        self.explain.setAccessibleName("What each choice does")
        self.reapply_button = QPushButton("&Re-apply my changes and save")
        self.reapply_button.setAccessibleName("Re-apply my changes on top of theirs and save")
        self.keep_button = QPushButton("&Keep theirs, discard mine")
        self.keep_button.setAccessibleName("Keep their version and discard my changes")
        self.back_button = QPushButton("&Back to editing")
        self.back_button.setAccessibleName("Back to editing")
        for button in (self.reapply_button, self.keep_button, self.back_button):
            button.setAutoDefault(False)  # Enter never chooses for the person
        self._build_layout()
        self._connect_signals()
        self.only_differences.setChecked(True)  # what changed first; untick to see all
        self.resize(1100, 480)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.only_differences)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explain)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.only_differences, self.table)
        QWidget.setTabOrder(self.table, self.back_button)
        QWidget.setTabOrder(self.back_button, self.keep_button)
        QWidget.setTabOrder(self.keep_button, self.reapply_button)

    def _connect_signals(self) -> None:
        self.only_differences.toggled.connect(self._on_only_differences_toggled)
        # Wrapped values need their rows re-measured whenever the columns change width.
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_args: self.table.resizeRowsToContents()
        )
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.reapply_button.clicked.connect(self._on_reapply_clicked)
        self.back_button.clicked.connect(self.reject)

    def _on_only_differences_toggled(self, only: bool) -> None:
        self.proxy.set_only_differences(only)
        self.table.resizeRowsToContents()

    def _on_keep_clicked(self) -> None:
        self.accept()
        self.keep_theirs_chosen.emit()

    def _on_reapply_clicked(self) -> None:
        self.accept()
        self.reapply_chosen.emit()
