"""The plain objects of a follow-up: plan status dates, map counts, outcome totals."""

from __future__ import annotations

import datetime as dt

from navigator.domain.people import (
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PlanItem,
    PlanStatus,
    StopReason,
)

D1, D2, D3 = dt.date(2026, 1, 5), dt.date(2026, 2, 5), dt.date(2026, 3, 5)


def test_a_plan_item_remembers_when_they_first_went_and_went_regularly() -> None:
    item = PlanItem("a", "Allotment").moved_to(PlanStatus.TRIED, D1)
    item = item.moved_to(PlanStatus.GOING_REGULARLY, D2)
    item = item.moved_to(PlanStatus.GOING_REGULARLY, D3)  # saying it again moves no dates
    assert (item.tried_on, item.regular_since, item.updated_on) == (D1, D2, D3)
    stopped = item.moved_to(PlanStatus.STOPPED, D3, reason=StopReason.CLOSED, note="shut")
    assert (stopped.tried_on, stopped.regular_since, stopped.reason, stopped.note) == (
        D1,
        D2,
        StopReason.CLOSED,
        "shut",
    )
    # Moving on again forgets the stop reason; a correction back to "agreed" forgets the dates.
    again = stopped.moved_to(PlanStatus.GOING_REGULARLY, D3)
    assert again.reason is None and again.note == "shut"
    assert again.moved_to(PlanStatus.AGREED, D3).tried_on is None


def test_only_closed_and_wrong_time_are_about_the_directory() -> None:
    assert {r for r in StopReason if r.flags_directory} == {
        StopReason.CLOSED,
        StopReason.WRONG_TIME,
    }


def test_a_snapshot_counts_its_members_by_kind() -> None:
    snapshot = NetworkSnapshot(
        D1,
        (
            NetworkMember("sister"),
            NetworkMember("choir", MemberKind.GROUP),
            NetworkMember("library", MemberKind.PLACE),
        ),
    )
    assert snapshot.size == 3
    assert snapshot.count(MemberKind.PERSON) == 1
    assert snapshot.count(MemberKind.GROUP, MemberKind.PLACE) == 2


def test_the_ucla_total_needs_all_three_answers() -> None:
    assert OutcomeRecord(D1, (1, 2, 3)).ucla_total == 6
    assert OutcomeRecord(D1, (1, None, 3)).ucla_total is None
    assert LonelyHowOften.OFTEN_ALWAYS.label == "Often or always"
