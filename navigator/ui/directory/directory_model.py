"""The directory as a Qt table: a model of activities, each column's sort orders computed once,
and a proxy showing the rows a search and a sort chose, without a Python call per row."""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from navigator.domain.directory import Activity, Day, Delivery, Status
from navigator.domain.people import ActivityFlag
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import (
    describe_flag,
    describe_session,
    describe_status,
    money,
    short_date,
)
from navigator.ui.common.table_model import ModelIndex, RowTableModel

IntArray = npt.NDArray[np.int32]

# Raw values for sorting (numbers and dates sort as numbers, not as their text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The Activity behind a row.
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 2


class DirectoryTableModel(RowTableModel[Activity]):
    NAME, WHAT, WHERE, WHEN, COST, CHECKED, STATUS = range(7)
    HEADERS = ("Name", "What", "Where", "When", "Cost", "Last checked", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flags: dict[str, list[ActivityFlag]] = {}

    def set_flags(self, flags: dict[str, list[ActivityFlag]]) -> None:
        self._flags = flags
        self.refresh_column(self.STATUS)

    def set_activities(self, activities: Sequence[Activity]) -> None:
        self.set_rows(activities)

    def activity_at(self, row: int) -> Activity:
        return self.row_at(row)

    def cell(self, activity: Activity, column: int, role: int) -> Any:
        if role == ACTIVITY_ROLE:
            return activity
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _display(activity, column)
            if column == self.STATUS and activity.id in self._flags:
                text += ": check, " + describe_flag(self._flags[activity.id][-1]).lower()
            return text
        if role == SORT_ROLE:
            return _sort_key(activity, column)
        if role == Qt.ItemDataRole.ForegroundRole and activity.status is not Status.ACTIVE:
            return Qt.GlobalColor.darkGray
        return None


def _where(activity: Activity) -> str:
    if activity.delivery is Delivery.ONLINE:
        return "Online"
    if activity.delivery is Delivery.PHONE:
        return "By phone"
    venue = activity.venue
    if venue is None:
        return "Place not given"
    return ", ".join(part for part in (venue.name, venue.postcode) if part) or "Place not given"


def _when(activity: Activity) -> str:
    if not activity.sessions:
        return "By arrangement"
    first = describe_session(activity.sessions[0])
    more = len(activity.sessions) - 1
    return first if not more else f"{first} (+{more} more)"


def _cost(activity: Activity) -> str:
    cost = activity.cost
    if cost is None or cost.per_session_gbp is None:
        return "Not known"
    return "Free" if cost.per_session_gbp == 0 else money(cost.per_session_gbp)


def _display(activity: Activity, column: int) -> str:
    match column:
        case DirectoryTableModel.NAME:
            return activity.name
        case DirectoryTableModel.WHAT:
            return ", ".join(category_label(c) for c in activity.categories)
        case DirectoryTableModel.WHERE:
            return _where(activity)
        case DirectoryTableModel.WHEN:
            return _when(activity)
        case DirectoryTableModel.COST:
            return _cost(activity)
        case DirectoryTableModel.CHECKED:
            return short_date(activity.last_verified) if activity.last_verified else "Never"
        case DirectoryTableModel.STATUS:
            return describe_status(activity.status)
    return ""


def _sort_key(activity: Activity, column: int) -> Any:
    """One cell's raw sort value (numbers and dates as numbers), for SORT_ROLE."""
    return _SORT_KEYS[column]([activity])[0]


# Sorting ----------------------------------------------------------------------------------------
# Each column's keys are computed for every activity in one pass (off the UI thread), then turned
# into two permutations, ascending and descending, with ties in name order. Sorting or filtering
# on the UI thread is then a numpy gather over those permutations: no Python call per row.

_WEEKDAY = {day: day.weekday for day in Day}
_NO_SESSION = 10**6  # "By arrangement" sorts after every weekly time


def _name_keys(activities: Sequence[Activity]) -> list[Any]:
    return [a.name.casefold() for a in activities]


def _what_keys(activities: Sequence[Activity]) -> list[Any]:
    labels: dict[tuple[str, ...], str] = {}  # category tuples are shared between activities
    keys = []
    for activity in activities:
        label = labels.get(activity.categories)
        if label is None:
            label = ", ".join(category_label(c) for c in activity.categories).casefold()
            labels[activity.categories] = label
        keys.append(label)
    return keys


def _where_keys(activities: Sequence[Activity]) -> list[Any]:
    return [_where(a).casefold() for a in activities]


def _when_keys(activities: Sequence[Activity]) -> list[Any]:
    keys: list[Any] = []
    for activity in activities:
        if activity.sessions:
            first = activity.sessions[0]
            keys.append(_WEEKDAY[first.day] * 1440 + first.start.hour * 60 + first.start.minute)
        else:
            keys.append(_NO_SESSION)
    return keys


def _cost_keys(activities: Sequence[Activity]) -> list[Any]:
    keys: list[Any] = []
    for activity in activities:
        cost = activity.cost
        keys.append(
            math.inf if cost is None or cost.per_session_gbp is None else cost.per_session_gbp
        )
    return keys


def _checked_keys(activities: Sequence[Activity]) -> list[Any]:
    return [(a.last_verified or dt.date.min).toordinal() for a in activities]


def _status_keys(activities: Sequence[Activity]) -> list[Any]:
    words = {status: describe_status(status).casefold() for status in Status}
    return [words[a.status] for a in activities]


_SORT_KEYS: dict[int, Callable[[Sequence[Activity]], list[Any]]] = {
    DirectoryTableModel.NAME: _name_keys,
    DirectoryTableModel.WHAT: _what_keys,
    DirectoryTableModel.WHERE: _where_keys,
    DirectoryTableModel.WHEN: _when_keys,
    DirectoryTableModel.COST: _cost_keys,
    DirectoryTableModel.CHECKED: _checked_keys,
    DirectoryTableModel.STATUS: _status_keys,
}


# Sorting 100,000 strings in one call holds the GIL for 0.05-0.1 s, and the UI thread cannot
# paint meanwhile; sorted in runs of this many and merged, no single hold is long.
_SORT_RUN = 8_192


def _dense_ranks(keys: list[Any]) -> IntArray:
    """Each key's place among the distinct keys (equal keys share one)."""
    distinct = list(set(keys))
    runs = [sorted(distinct[i : i + _SORT_RUN]) for i in range(0, len(distinct), _SORT_RUN)]
    place = {key: i for i, key in enumerate(heapq.merge(*runs))}
    return np.fromiter((place[k] for k in keys), dtype=np.int32, count=len(keys))


class SortOrders:
    """Every column's ascending and descending order of a directory's activities.

    Built off the UI thread (about 0.5 s for every column at 100,000 activities); `visible_rows`
    then answers on the UI thread with array operations only. Ties sort by name, so "Free"
    activities stay in alphabetical order whichever way the cost column is sorted.
    """

    def __init__(self, activities: Sequence[Activity], *, all_columns: bool = True) -> None:
        count = len(activities)
        self.count = count
        self._activities = activities
        self.running = np.fromiter(
            (a.status is Status.ACTIVE for a in activities), dtype=bool, count=count
        )
        self.row_of_id = {a.id: row for row, a in enumerate(activities)}
        names = _dense_ranks(_name_keys(activities))
        ascending = np.argsort(names, kind="stable").astype(np.int32)
        self._orders: dict[tuple[int, bool], IntArray] = {
            (DirectoryTableModel.NAME, False): ascending,
            (DirectoryTableModel.NAME, True): np.lexsort((np.arange(count), -names)).astype(
                np.int32
            ),
        }
        self._names = names
        if all_columns:
            self.add_other_columns()

    @property
    def complete(self) -> bool:
        return len(self._orders) == 2 * len(_SORT_KEYS)

    def add_other_columns(self) -> None:
        """Every column's orders, not just the name's (on the worker: 0.3 s at 100,000).
        The ascending order goes in last, so the UI thread sees a column whole or not at all."""
        for column, keys_of in _SORT_KEYS.items():
            if (column, False) in self._orders:
                continue
            keys = _dense_ranks(keys_of(self._activities))
            self._orders[column, True] = np.lexsort((self._names, -keys)).astype(np.int32)
            self._orders[column, False] = np.lexsort((self._names, keys)).astype(np.int32)

    def rows_of(self, activities: Sequence[Activity], rows: IntArray | None) -> IntArray | None:
        """Where `rows` of another version of the directory are in this one (by id)."""
        if rows is None:
            return None
        wanted = [self.row_of_id.get(activities[row].id, -1) for row in rows.tolist()]
        found = np.array([row for row in wanted if row >= 0], dtype=np.int32)
        found.sort()
        return found

    def visible_rows(
        self,
        *,
        column: int,
        descending: bool,
        show_inactive: bool,
        matches: IntArray | None = None,
    ) -> IntArray:
        """The source rows to show, in display order: running ones (or all), and only
        `matches` (sorted source rows) when a search is on."""
        # A column whose order is still being worked out shows in name order meanwhile.
        order = self._orders.get((column, descending))
        if order is None or (column, False) not in self._orders:
            order = self._orders[DirectoryTableModel.NAME, False]
        shown = np.ones(self.count, dtype=bool) if show_inactive else self.running.copy()
        if matches is not None:
            wanted = np.zeros(self.count, dtype=bool)
            wanted[matches] = True
            shown &= wanted
        return order[shown[order]]


class DirectoryRowsProxy(QAbstractProxyModel):
    """The directory table's rows as shown: a subset of the source model's rows in some order,
    held as one numpy array and replaced whole (one model reset per search or sort).

    Unlike QSortFilterProxyModel it never asks Python about a row to filter or sort: the
    browser hands it the rows to show (`show_rows`), computed from `SortOrders` and the
    search results. Clicking a column header asks for a new order through `sort_requested`.
    """

    sort_requested = Signal(int, Qt.SortOrder)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: IntArray = np.zeros(0, dtype=np.int32)  # display row -> source row
        self._positions: IntArray = np.zeros(0, dtype=np.int32)  # source row -> display row
        self._sort_column = DirectoryTableModel.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._replacing = False  # True while replace_source resets the source model

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        model.dataChanged.connect(self._on_source_data_changed)
        model.modelReset.connect(self._on_source_reset)

    def show_rows(self, rows: IntArray) -> None:
        """Show these source rows, in this order: one model reset."""
        self.beginResetModel()
        self._set_rows(rows)
        self.endResetModel()

    def replace_source(self, activities: Sequence[Activity], rows: IntArray) -> None:
        """New activities in the source model and the rows to show of them: one reset."""
        model = self.sourceModel()
        assert isinstance(model, DirectoryTableModel)
        self.beginResetModel()
        self._replacing = True
        try:
            model.set_activities(activities)
        finally:
            self._replacing = False
        self._set_rows(rows)
        self.endResetModel()

    def _set_rows(self, rows: IntArray) -> None:
        source_count = self.sourceModel().rowCount() if self.sourceModel() else 0
        self._rows = np.asarray(rows, dtype=np.int32)
        self._positions = np.full(source_count, -1, dtype=np.int32)
        self._positions[self._rows] = np.arange(len(self._rows), dtype=np.int32)

    def shown_rows(self) -> IntArray:
        return self._rows

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Called by the view when a header is clicked: the browser re-arranges the rows."""
        if not 0 <= column < len(DirectoryTableModel.HEADERS):
            return
        self._sort_column, self._sort_order = column, order
        self.sort_requested.emit(column, order)

    # What QAbstractProxyModel needs ------------------------------------------------------

    def mapToSource(self, proxy_index: ModelIndex) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._rows):
            return QModelIndex()
        return model.index(int(self._rows[row]), proxy_index.column())

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        if not 0 <= row < len(self._positions) or self._positions[row] < 0:
            return QModelIndex()
        return self.index(int(self._positions[row]), source_index.column())

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Straight to the activity: QAbstractProxyModel's own data() would call mapToSource
        # and the source's data() in Python for every cell painted.
        model = self.sourceModel()
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        assert isinstance(model, DirectoryTableModel)
        return model.cell(model.row_at(int(self._rows[row])), index.column(), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def index(
        self,
        row: int,
        column: int,
        parent: ModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if parent.isValid() or not (
            0 <= row < len(self._rows) and 0 <= column < self.columnCount()
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: ModelIndex) -> QModelIndex: ...
    def parent(self, child: ModelIndex | None = None) -> QObject | QModelIndex | None:
        # One name for two things in Qt: the object's owner, and an index's parent (a table's
        # rows have none).
        return super().parent() if child is None else QModelIndex()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        return model.headerData(section, orientation, role) if model is not None else None

    def _on_source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int]
    ) -> None:
        # A column's look changed (say, the follow-up flags): say so for the shown rows.
        if self._rows.size:
            self.dataChanged.emit(
                self.index(0, top_left.column()),
                self.index(len(self._rows) - 1, bottom_right.column()),
                roles,
            )

    def _on_source_reset(self) -> None:
        # The source changed under us without `replace_source`: show every row, unsorted,
        # rather than rows that may no longer exist; the browser re-arranges them next.
        if not self._replacing:
            self.show_rows(np.arange(self.sourceModel().rowCount(), dtype=np.int32))
