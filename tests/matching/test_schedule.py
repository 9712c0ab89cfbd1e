"""Next session dates for weekly, fortnightly and monthly sessions, in London wall-clock time."""

from __future__ import annotations

import datetime as dt

import pytest

from navigator.domain.directory import Frequency
from navigator.matching.schedule import (
    clashes,
    describe_session,
    describe_sessions,
    next_session,
    next_start,
    nth_weekday,
)

from .factories import activity, session

NOW = dt.datetime(2026, 11, 24, 9, 0)  # Tuesday


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_weekly_later_today_is_today() -> None:
    assert next_start(session("tue", "10:00", "12:00"), NOW) == at("2026-11-24T10:00")


def test_weekly_starting_exactly_now_counts() -> None:
    assert next_start(session("tue", "09:00", "10:00"), NOW) == NOW


def test_weekly_already_started_today_is_next_week() -> None:
    assert next_start(session("tue", "08:30", "10:00"), NOW) == at("2026-12-01T08:30")


def test_weekly_on_a_later_weekday() -> None:
    assert next_start(session("fri", "14:00", "15:00"), NOW) == at("2026-11-27T14:00")
    assert next_start(session("mon", "14:00", "15:00"), NOW) == at("2026-11-30T14:00")


def test_fortnightly_follows_starts_on() -> None:
    odd = session(
        "tue", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY, starts_on=dt.date(2026, 11, 17)
    )
    even = session(
        "tue", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY, starts_on=dt.date(2026, 11, 10)
    )
    assert next_start(odd, NOW) == at("2026-12-01T10:00")
    assert next_start(even, NOW) == at("2026-11-24T10:00")


def test_fortnightly_starts_on_another_weekday_moves_to_the_session_day() -> None:
    s = session(
        "thu", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY, starts_on=dt.date(2026, 11, 16)
    )  # a Monday: first Thursday is the 19th
    assert next_start(s, NOW) == at("2026-12-03T10:00")


def test_fortnightly_never_before_it_starts() -> None:
    s = session(
        "wed", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY, starts_on=dt.date(2027, 1, 13)
    )
    assert next_start(s, NOW) == at("2027-01-13T10:00")


def test_fortnightly_without_starts_on_is_anchored_on_5_january_2026() -> None:
    # Mondays from 5 Jan 2026: 2026-11-23 is 46 weeks later (even), so 7 Dec next.
    s = session("mon", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY)
    assert next_start(s, NOW) == at("2026-12-07T10:00")
    # Tuesdays from 6 Jan 2026: 24 Nov is 46 weeks later.
    s = session("tue", "10:00", "12:00", frequency=Frequency.FORTNIGHTLY)
    assert next_start(s, NOW) == at("2026-11-24T10:00")
    # Before the anchor the rhythm runs backwards from it.
    assert next_start(s, dt.datetime(2025, 12, 17)) == at("2025-12-23T10:00")
    assert next_start(s, dt.datetime(2025, 12, 24)) == at("2026-01-06T10:00")


def test_monthly_nth_weekday() -> None:
    second_wed = session("wed", "18:00", "20:00", frequency=Frequency.MONTHLY, week_of_month=2)
    assert next_start(second_wed, NOW) == at("2026-12-09T18:00")
    fourth_tue = session("tue", "10:00", "11:00", frequency=Frequency.MONTHLY, week_of_month=4)
    assert next_start(fourth_tue, NOW) == at("2026-11-24T10:00")


def test_monthly_without_week_of_month_is_the_first() -> None:
    s = session("fri", "10:00", "11:00", frequency=Frequency.MONTHLY)
    assert next_start(s, NOW) == at("2026-12-04T10:00")


def test_monthly_last_weekday_of_the_month() -> None:
    last_mon = session("mon", "19:00", "20:00", frequency=Frequency.MONTHLY, week_of_month=-1)
    assert next_start(last_mon, NOW) == at("2026-11-30T19:00")
    last_tue = session("tue", "08:00", "09:00", frequency=Frequency.MONTHLY, week_of_month=-1)
    # 24 Nov is the last Tuesday of November but 08:00 has passed: next is 29 December.
    assert next_start(last_tue, NOW) == at("2026-12-29T08:00")


def test_monthly_across_the_year_end() -> None:
    s = session("thu", "10:00", "11:00", frequency=Frequency.MONTHLY, week_of_month=1)
    assert next_start(s, dt.datetime(2026, 12, 10, 12, 0)) == at("2027-01-07T10:00")


@pytest.mark.parametrize(
    ("year", "month", "weekday", "n", "expected"),
    [
        (2026, 11, 0, 1, dt.date(2026, 11, 2)),
        (2026, 11, 6, 1, dt.date(2026, 11, 1)),
        (2026, 11, 0, -1, dt.date(2026, 11, 30)),
        (2026, 2, 5, -1, dt.date(2026, 2, 28)),
        (2028, 2, 1, -1, dt.date(2028, 2, 29)),
        (2026, 11, 3, 4, dt.date(2026, 11, 26)),
    ],
)
def test_nth_weekday(year: int, month: int, weekday: int, n: int, expected: dt.date) -> None:
    assert nth_weekday(year, month, weekday, n) == expected


def test_next_session_is_the_soonest_of_several_or_none() -> None:
    sessions = [session("fri", "14:00", "15:00"), session("wed", "10:00", "11:00")]
    assert next_session(sessions, NOW) == at("2026-11-25T10:00")
    assert next_session([], NOW) is None


def test_descriptions() -> None:
    assert describe_session(session("tue", "17:00", "19:00")) == "Tuesdays 17:00 to 19:00"
    assert (
        describe_session(session("tue", "17:00", "19:00", frequency=Frequency.FORTNIGHTLY))
        == "Every other Tuesday 17:00 to 19:00"
    )
    assert (
        describe_session(
            session("fri", "10:30", "11:00", frequency=Frequency.MONTHLY, week_of_month=-1)
        )
        == "Last Friday of the month 10:30 to 11:00"
    )
    assert (
        describe_sessions([session("tue", "17:00", "19:00"), session("thu", "10:00")])
        == "Tuesdays 17:00 to 19:00 and Thursdays 10:00 to 12:00"
    )


# Clashes on the shortlist ---------------------------------------------------------------------


def test_overlapping_sessions_on_the_same_day_clash_both_ways() -> None:
    choir = activity("choir", "Choir", sessions=(session("tue", "10:00", "12:00"),))
    art = activity("art", "Art Club", sessions=(session("tue", "11:30", "13:00"),))
    found = clashes([choir, art])
    assert [c.describe() for c in found["art"]] == ["Clashes with Choir, Tuesdays 10:00"]
    assert [c.describe() for c in found["choir"]] == ["Clashes with Art Club, Tuesdays 11:30"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (session("tue", "10:00", "12:00"), session("tue", "12:00", "13:00")),  # back to back
        (session("tue", "10:00", "12:00"), session("wed", "10:00", "12:00")),  # another day
        # Fortnightly in opposite weeks never meet.
        (
            session(
                "tue",
                "10:00",
                "12:00",
                frequency=Frequency.FORTNIGHTLY,
                starts_on=dt.date(2026, 11, 24),
            ),
            session(
                "tue",
                "10:00",
                "12:00",
                frequency=Frequency.FORTNIGHTLY,
                starts_on=dt.date(2026, 12, 1),
            ),
        ),
        # The first and the third Tuesday of the month.
        (
            session("tue", "10:00", "12:00", frequency=Frequency.MONTHLY, week_of_month=1),
            session("tue", "10:00", "12:00", frequency=Frequency.MONTHLY, week_of_month=3),
        ),
    ],
)
def test_sessions_that_never_meet_do_not_clash(first: object, second: object) -> None:
    assert clashes([activity("a", sessions=(first,)), activity("b", sessions=(second,))]) == {}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            session(
                "tue",
                "10:00",
                "12:00",
                frequency=Frequency.FORTNIGHTLY,
                starts_on=dt.date(2026, 11, 24),
            ),
            session(
                "tue",
                "11:00",
                "12:00",
                frequency=Frequency.FORTNIGHTLY,
                starts_on=dt.date(2026, 12, 8),
            ),
        ),  # the same fortnights
        (
            session("tue", "10:00", "12:00", frequency=Frequency.MONTHLY, week_of_month=4),
            session("tue", "10:00", "12:00", frequency=Frequency.MONTHLY, week_of_month=-1),
        ),
        (
            session("tue", "10:00", "12:00"),
            session("tue", "09:00", "10:30", frequency=Frequency.MONTHLY, week_of_month=2),
        ),
    ],
)
def test_sessions_in_weeks_both_run_clash(first: object, second: object) -> None:
    found = clashes([activity("a", sessions=(first,)), activity("b", sessions=(second,))])
    assert set(found) == {"a", "b"}


def test_activities_without_times_never_clash() -> None:
    assert clashes([activity("a", sessions=()), activity("b")]) == {}
