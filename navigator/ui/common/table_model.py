"""The base of Navigator's tables: a Qt table model over a plain list of rows.

Subclasses name their columns in HEADERS and say what each cell shows for each role in
`cell`; row counting, headers and bounds checks live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
ModelIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[T]):
    HEADERS: tuple[str, ...] = ()

    def __init__(
        self, parent: QObject | None = None, headers: tuple[str, ...] | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = self.HEADERS if headers is None else headers
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def replace_row(self, row: int, value: T) -> None:
        """Put `value` in place of row `row`; a view redraws the whole row."""
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def remove_rows_where(self, unwanted: Callable[[T], bool]) -> None:
        """Take out each row `unwanted` says yes to, row by row (not a reset), so a view keeps
        its selection and scroll position on the rows that stay."""
        for row in reversed(range(len(self._rows))):
            if unwanted(self._rows[row]):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: T, column: int, role: int) -> Any:
        """What one cell shows for `role`; None (nothing) unless a subclass says otherwise."""
        return None

    def refresh_column(self, column: int) -> None:
        """Say that every cell of `column` may look different now."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
