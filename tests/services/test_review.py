"""The review queue: follow-up reports first, then never checked, then the longest unchecked."""

from __future__ import annotations

import dataclasses
import datetime as dt

from navigator.domain.directory import Activity, Status
from navigator.domain.people import ActivityFlag, StopReason
from navigator.services.review import review_queue

TODAY = dt.date(2026, 11, 24)


def activity(activity_id: str, checked: dt.date | None,
             status: Status = Status.ACTIVE) -> Activity:
    return Activity(id=activity_id, name=activity_id.title(), categories=("music",),
                    last_verified=checked, status=status)


def test_urgent_first_and_recent_entries_left_out() -> None:
    activities = [
        activity("fresh", dt.date(2026, 10, 1)),
        activity("stale", dt.date(2025, 3, 2)),
        activity("staler", dt.date(2024, 6, 1)),
        activity("never", None),
        activity("reported", dt.date(2026, 11, 1)),
        activity("gone", None, Status.ARCHIVED),
        activity("paused", dt.date(2026, 6, 1), Status.PAUSED),
    ]
    flags = [ActivityFlag("reported", StopReason.CLOSED, dt.date(2026, 11, 20))]
    queue = review_queue(activities, flags, TODAY)
    assert [item.activity.id for item in queue] == ["reported", "never", "staler", "stale",
                                                     "paused"]
    assert queue[0].reasons == ("Reported closed by a follow-up on 20 November 2026",)
    assert queue[3].reasons == ("Not checked since March 2025",)
    assert queue[4].reasons == ("Paused: has it started again?",)


def test_checking_an_entry_takes_it_off_the_queue() -> None:
    stale = activity("stale", dt.date(2025, 3, 2))
    assert review_queue([stale], [], TODAY)
    assert review_queue([dataclasses.replace(stale, last_verified=TODAY)], [], TODAY) == []


def test_worker_reports_come_first_and_the_period_can_be_chosen() -> None:
    from navigator.domain.reports import ProblemKind, ProblemReport

    activities = [activity("seven-months", dt.date(2026, 4, 20)),
                  activity("reported", dt.date(2026, 11, 1))]
    report = ProblemReport("reported", (ProblemKind.WRONG_TIME, ProblemKind.COST_CHANGED),
                           "now on Fridays", dt.date(2026, 11, 23))
    queue = review_queue(activities, [], TODAY, reports=[report])
    assert [item.activity.id for item in queue] == ["reported", "seven-months"]
    assert queue[0].reasons == ("Reported by a worker on 23 November 2026: wrong time and "
                                "cost changed (now on Fridays)",)
    assert [i.activity.id for i in review_queue(activities, [], TODAY, stale_months=12)] == []


def test_entries_people_are_sent_to_most_come_first_among_equals() -> None:
    activities = [activity("quiet", dt.date(2024, 1, 1)), activity("busy", dt.date(2025, 1, 1))]
    plain = review_queue(activities, [], TODAY)
    assert [i.activity.id for i in plain] == ["quiet", "busy"]  # oldest first
    busy_first = review_queue(activities, [], TODAY, demand={"busy": 4, "quiet": 1})
    assert [i.activity.id for i in busy_first] == ["busy", "quiet"]
