"""The review queue: directory entries that need a prescriber to check them.

A stale directory is how this work fails (DOMAIN.md), so the queue lists, most urgent first:
entries workers reported a problem with, or a follow-up found closed or at the wrong time;
entries nobody has ever checked; entries not checked for longer than the chosen period (six
months unless set otherwise), oldest first; and paused entries (has it started again?).
Archived entries are left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from navigator.domain.directory import Activity, Status
from navigator.domain.people import ActivityFlag
from navigator.domain.reports import ProblemReport
from navigator.domain.wording import describe_flag, month_year

DEFAULT_STALE_MONTHS = 6


@dataclass(frozen=True, slots=True)
class ReviewItem:
    activity: Activity
    reasons: tuple[str, ...]
    urgency: int  # 0 is most urgent


def review_queue(activities: Iterable[Activity], flags: Sequence[ActivityFlag],
                 today: dt.date, *, reports: Sequence[ProblemReport] = (),
                 stale_months: int = DEFAULT_STALE_MONTHS,
                 demand: Mapping[str, int] | None = None) -> list[ReviewItem]:
    """The queue, most urgent first; within the same urgency, the entries people are sent to
    most (`demand`: how many were planned to each, counts only), then the longest unchecked."""
    demand = demand or {}
    stale_after = dt.timedelta(days=round(stale_months * 365.25 / 12))
    flagged: dict[str, list[str]] = {}
    for flag in flags:
        flagged.setdefault(flag.activity_id, []).append(describe_flag(flag))
    for report in reports:
        flagged.setdefault(report.activity_id, []).append(report.describe())
    items = []
    for activity in activities:
        if activity.status is Status.ARCHIVED:
            continue
        reasons, urgency = [], 9
        for text in flagged.get(activity.id, []):
            reasons.append(text)
            urgency = 0
        checked = activity.last_verified
        if checked is None:
            reasons.append("Never checked")
            urgency = min(urgency, 1)
        elif today - checked > stale_after:
            reasons.append(f"Not checked since {month_year(checked)}")
            urgency = min(urgency, 2)
        if activity.status is Status.PAUSED:
            reasons.append("Paused: has it started again?")
            urgency = min(urgency, 3)
        if reasons:
            items.append(ReviewItem(activity, tuple(reasons), urgency))
    items.sort(key=lambda item: (item.urgency, -demand.get(item.activity.id, 0),
                                 item.activity.last_verified or dt.date.min,
                                 item.activity.name.casefold()))
    return items
