"""Qt models for following people up: the people list, the plan and the goals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt

from navigator.domain import wording
from navigator.domain.people import (
    Goal,
    GoalStatus,
    PersonSummary,
    PlanItem,
    PlanStatus,
    StopReason,
    Timeframe,
)
from navigator.services.rematch import Fit
from navigator.ui.common.table_model import RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 20  # the domain object behind a row

PLAN_STATUS_LABELS = {
    PlanStatus.SUGGESTED: "Suggested",
    PlanStatus.AGREED: "Agreed to try",
    PlanStatus.TRIED: "Tried it",
    PlanStatus.GOING_REGULARLY: "Going regularly",
    PlanStatus.STOPPED: "Stopped or did not go",
}
STOP_REASON_LABELS = {
    StopReason.COST: "Cost",
    StopReason.TIME: "The time did not suit",
    StopReason.WRONG_TIME: "The listed time was wrong",
    StopReason.NOT_WELCOME: "Did not feel welcome",
    StopReason.TOO_FAR: "Too far",
    StopReason.CLOSED: "It has closed",
    StopReason.ANXIOUS: "Felt anxious",
    StopReason.UNWELL: "Unwell",
    StopReason.NO_COMPANY: "Nobody to go with",
    StopReason.FARE: "The fare",
    StopReason.OTHER: "Other",
}
GOAL_STATUS_LABELS = {
    GoalStatus.NOT_STARTED: "Not started",
    GoalStatus.WORKING_ON: "Working on it",
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.SET_ASIDE: "Set aside",
}
TIMEFRAME_LABELS = {
    Timeframe.WEEKS: "Weeks",
    Timeframe.MONTHS: "Months",
    Timeframe.LONGER: "Longer",
}

T = TypeVar("T")


def short_date(day: dt.date | None) -> str:
    return wording.short_date(day) if day else ""


class RowsModel(RowTableModel[T]):
    """A read-only table of domain objects; `cells` says what each column shows for one."""

    def __init__(
        self,
        headers: tuple[str, ...],
        cells: Callable[[T], tuple[str, ...]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent, headers)
        self._cells = cells

    def cell(self, row: T, column: int, role: int) -> Any:
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(row)[column]
        return None


def alerts_text(count: int) -> str:
    """The count under the "Alerts" heading ("2"); nothing when there are none. A number
    alone keeps the column as narrow as its heading, so the list is not cut at 14 pt."""
    return str(count) if count else ""


def people_list_model(
    parent: QObject | None = None, alerts: Callable[[str], int] = lambda _reference: 0
) -> RowsModel[PersonSummary]:
    """`alerts`: how many planned activities have changed for a reference (plan_alerts)."""
    return RowsModel(
        ("Reference", "Review due", "Alerts", "Closed"),
        lambda p: (
            p.reference,
            short_date(p.review_due),
            alerts_text(alerts(p.reference)),
            short_date(p.closed_on),
        ),
        parent,
    )


def new_for_people_model(parent: QObject | None = None) -> RowsModel[tuple[str, Fit]]:
    """ "New for 3 people you support": one row per person and new activity."""
    return RowsModel(
        ("Reference", "New activity", "Why it might suit"),
        lambda row: (row[0], row[1].activity_name, "; ".join(row[1].reasons)),
        parent,
    )


def plan_model(parent: QObject | None = None) -> RowsModel[PlanItem]:
    def cells(item: PlanItem) -> tuple[str, ...]:
        reason = STOP_REASON_LABELS[item.reason] if item.reason else ""
        return (
            item.activity_name,
            PLAN_STATUS_LABELS[item.status],
            reason,
            short_date(item.updated_on),
            going_with_text(item),
            item.note,
        )

    return RowsModel(
        ("Activity", "Where things are", "Why they stopped", "Since", "Going with", "Note"),
        cells,
        parent,
    )


def going_with_text(item: PlanItem) -> str:
    """ "Sam, Tuesday (on the handout)": who goes along the first time, for the plan table."""
    c = item.companion
    if c is None:
        return ""
    return ", ".join(filter(None, (c.who, c.when))) + (" (on the handout)" if c.on_handout else "")


def goals_model(parent: QObject | None = None) -> RowsModel[Goal]:
    return RowsModel(
        ("In their words", "When by", "How it is going"),
        lambda g: (g.text, TIMEFRAME_LABELS[g.timeframe], GOAL_STATUS_LABELS[g.status]),
        parent,
    )
