"""The directory as a Qt table: a model of activities and a proxy that searches and filters."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from navigator.domain.directory import Activity, Delivery, Status
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
    match column:
        case DirectoryTableModel.COST:
            cost = activity.cost
            return (
                math.inf if cost is None or cost.per_session_gbp is None else cost.per_session_gbp
            )
        case DirectoryTableModel.CHECKED:
            return (activity.last_verified or dt.date.min).toordinal()
        case DirectoryTableModel.WHEN:
            first = activity.sessions[0] if activity.sessions else None
            return (
                first.day.weekday * 24 * 60 + first.start.hour * 60 + first.start.minute
                if first
                else 10**6
            )
    return _display(activity, column).casefold()


class DirectoryFilterProxy(QSortFilterProxyModel):
    """Shows the activities whose ids the current search allows (and, unless asked, only
    running ones)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed_ids: set[str] | None = None
        self._show_inactive = False
        self.setSortRole(SORT_ROLE)

    def set_allowed_ids(self, ids: set[str] | None) -> None:
        """None shows everything (an empty search)."""
        self.beginFilterChange()
        self._allowed_ids = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_inactive(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_inactive = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DirectoryTableModel):
            return True
        activity = model.activity_at(source_row)
        if not self._show_inactive and activity.status is not Status.ACTIVE:
            return False
        return self._allowed_ids is None or activity.id in self._allowed_ids
