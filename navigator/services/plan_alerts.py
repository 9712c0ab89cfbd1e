"""Alerts on a record: a planned activity paused, archived, gone or moved to another time.

Each plan item keeps the activity's times as the plan last saw them (`PlanItem.terms`, set
when it was planned and at each status change), so comparing them with the directory now
tells a moved session without any history in the directory. Updating the item's status (the
worker has talked it over with the person) takes the new times, and the alert goes.

Only items the person is still on are watched (agreed, tried, going regularly): an activity
they stopped or were only shown raises nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from navigator.domain.directory import Activity, Status
from navigator.domain.people import PersonRecord, PlanItem, PlanStatus
from navigator.services.plan_context import terms_of

__all__ = ["Alert", "AlertKind", "alert_counts", "plan_alerts"]

WATCHED = (PlanStatus.AGREED, PlanStatus.TRIED, PlanStatus.GOING_REGULARLY)


class AlertKind(StrEnum):
    PAUSED = "paused"
    ARCHIVED = "archived"
    GONE = "gone"  # no longer in the directory at all
    MOVED = "moved"  # its sessions are not the ones the plan saw


@dataclass(frozen=True, slots=True)
class Alert:
    activity_id: str
    activity_name: str  # as it was planned
    kind: AlertKind
    text: str  # "Paused in the directory", "Times changed: now Wed 10:00-12:00 (was Tue ...)"


def plan_alerts(
    plan: Sequence[PlanItem], activity: Callable[[str], Activity | None]
) -> list[Alert]:
    """The alerts for a plan, in plan order; `activity` finds an activity in the directory
    now (None: not there)."""
    return [a for item in plan if (a := _alert(item, activity(item.activity_id))) is not None]


def alert_counts(
    records: Iterable[PersonRecord], activity: Callable[[str], Activity | None]
) -> dict[str, int]:
    """How many alerts each record has, by reference (records with none are left out);
    `activity` as for `plan_alerts`."""
    counts = {r.reference: len(plan_alerts(r.plan, activity)) for r in records}
    return {reference: n for reference, n in counts.items() if n}


def _alert(item: PlanItem, activity: Activity | None) -> Alert | None:
    if item.status not in WATCHED:
        return None
    name = item.activity_name
    if activity is None:
        return Alert(item.activity_id, name, AlertKind.GONE, "No longer in the directory")
    if activity.status is Status.PAUSED:
        return Alert(item.activity_id, name, AlertKind.PAUSED, "Paused in the directory")
    if activity.status is Status.ARCHIVED:
        return Alert(item.activity_id, name, AlertKind.ARCHIVED, "Archived: it no longer runs")
    if item.terms is None:
        return None  # planned before times were kept: nothing to compare with
    then, now = item.terms.sessions, terms_of(activity).sessions
    if then == now:
        return None
    text = f"Times changed: now {_times(now)} (was {_times(then)})"
    return Alert(item.activity_id, name, AlertKind.MOVED, text)


def _times(keys: Sequence[str]) -> str:
    """ "tue 10:00-12:00" keys as "Tue 10:00-12:00, Thu 18:00-20:00"; none: no fixed times."""
    if not keys:
        return "no fixed times"
    return ", ".join(k[0].upper() + k[1:] for k in keys)
