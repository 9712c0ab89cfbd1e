"""The review queue: directory entries that need a prescriber to check them.

A stale directory is how this work fails (DOMAIN.md), so the queue lists, most urgent first:
entries a follow-up found closed or at the wrong time; entries nobody has ever checked;
entries not checked for over a year; and paused entries not looked at for three months
(has it started again?). Archived entries are left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from navigator.domain.directory import Activity, Status
from navigator.domain.people import ActivityFlag
from navigator.domain.wording import describe_flag, month_year

STALE_AFTER = dt.timedelta(days=365)
PAUSED_LOOK_AGAIN = dt.timedelta(days=90)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    activity: Activity
    reasons: tuple[str, ...]
    urgency: int  # 0 is most urgent


def review_queue(activities: Iterable[Activity], flags: Sequence[ActivityFlag],
                 today: dt.date) -> list[ReviewItem]:
    flagged: dict[str, list[ActivityFlag]] = {}
    for flag in flags:
        flagged.setdefault(flag.activity_id, []).append(flag)
    items = []
    for activity in activities:
        if activity.status is Status.ARCHIVED:
            continue
        reasons, urgency = [], 9
        for flag in flagged.get(activity.id, []):
            reasons.append(describe_flag(flag))
            urgency = 0
        checked = activity.last_verified
        if checked is None:
            reasons.append("Never checked")
            urgency = min(urgency, 1)
        elif today - checked > STALE_AFTER:
            reasons.append(f"Not checked since {month_year(checked)}")
            urgency = min(urgency, 2)
        if (activity.status is Status.PAUSED
                and (checked is None or today - checked > PAUSED_LOOK_AGAIN)):
            reasons.append("Paused: has it started again?")
            urgency = min(urgency, 3)
        if reasons:
            items.append(ReviewItem(activity, tuple(reasons), urgency))
    items.sort(key=lambda item: (item.urgency, item.activity.last_verified or dt.date.min,
                                 item.activity.name.casefold()))
    return items
