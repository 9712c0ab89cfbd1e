"""The list of likely duplicate pairs behind the Review tab's table: one row a pair, the kept
(left) one first, with the score as a number to sort by and the pair itself for the view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from navigator.domain.directory import Activity
from navigator.services.duplicates import DuplicatePair
from navigator.ui.common.table_model import RowTableModel

IdPair = tuple[str, str]

# Raw values for sorting (the score as a number, names without case).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The DuplicatePair behind a row.
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2


class DuplicatePairsModel(RowTableModel[DuplicatePair]):
    LEFT, RIGHT, ALIKE, WHY = range(4)
    HEADERS = ("Keep (left)", "Possible duplicate (right)", "Alike", "Why they look alike")

    def set_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        self.set_rows(pairs)

    def pairs(self) -> list[DuplicatePair]:
        return self.rows()

    def pair_at(self, row: int) -> DuplicatePair:
        return self.row_at(row)

    def remove_involving(self, activity_id: str) -> None:
        """Drop every pair with this activity in it (merged away, or gone)."""
        self.remove_rows_where(lambda pair: pair.involves(activity_id))

    def remove_pair(self, ids: IdPair) -> None:
        self.remove_rows_where(lambda pair: set(pair.ids) == set(ids))

    def replace_activity(self, activity: Activity) -> None:
        """After a merge the kept activity has new values; its other pairs show them."""
        for row, pair in enumerate(self.rows()):
            if pair.involves(activity.id):
                a, b = (activity, pair.b) if pair.a.id == activity.id else (pair.a, activity)
                self.replace_row(row, DuplicatePair(a, b, pair.score, pair.reasons))

    def cell(self, pair: DuplicatePair, column: int, role: int) -> Any:
        if role == PAIR_ROLE:
            return pair
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(pair, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.LEFT, self.RIGHT):
                return _where(pair.a if column == self.LEFT else pair.b)
            return "\n".join(pair.reasons) if column == self.WHY else None
        if role == SORT_ROLE:
            return pair.score if column == self.ALIKE else _display(pair, column).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ALIKE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(pair: DuplicatePair, column: int) -> str:
    match column:
        case DuplicatePairsModel.LEFT:
            return pair.a.name
        case DuplicatePairsModel.RIGHT:
            return pair.b.name
        case DuplicatePairsModel.ALIKE:
            return f"{round(pair.score * 100)}%"
        case DuplicatePairsModel.WHY:
            return "; ".join(pair.reasons)
    return ""


def _where(activity: Activity) -> str:
    venue = activity.venue
    place = ", ".join(p for p in (venue.name, venue.postcode) if p) if venue else ""
    return "\n".join(p for p in (activity.name, activity.organisation, place) if p)
