"""The week grid maps to profile windows and back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from navigator.domain.availability import (
    PartOfDay,
    grid_from_windows,
    is_from_grid,
    windows_from_grid,
)
from navigator.domain.directory import Day
from navigator.domain.profile import Profile, TimeWindow
from tests.matching.factories import activity, ids, run, session


def test_neighbouring_parts_merge_into_one_window() -> None:
    cells = {
        (Day.TUE, PartOfDay.MORNING),
        (Day.TUE, PartOfDay.AFTERNOON),
        (Day.THU, PartOfDay.EVENING),
    }
    assert windows_from_grid(cells) == (
        TimeWindow(Day.TUE, dt.time(8), dt.time(17)),
        TimeWindow(Day.THU, dt.time(17), dt.time(23)),
    )


def test_a_gap_splits_the_day() -> None:
    cells = {(Day.MON, PartOfDay.MORNING), (Day.MON, PartOfDay.EVENING)}
    assert len(windows_from_grid(cells)) == 2


@given(st.sets(st.tuples(st.sampled_from(Day), st.sampled_from(PartOfDay))))
def test_grid_round_trips(cells: set) -> None:
    assert grid_from_windows(windows_from_grid(cells)) == cells


def test_the_evening_runs_to_eleven_so_a_group_ending_at_half_ten_fits() -> None:
    # Issue 12: a session ending 22:30 was "outside the times" for someone free evenings.
    evening = Profile(availability=windows_from_grid({(Day.WED, PartOfDay.EVENING)}))
    late = activity("late", sessions=(session("wed", "19:30", "22:30"),))
    too_late = activity("too-late", sessions=(session("wed", "21:00", "23:30"),))
    report = run([late, too_late], evening)
    assert ids(report) == ["late"]
    assert [m.id for m in report.near_misses] == ["too-late"]


def test_a_persons_own_earlier_evening_is_kept() -> None:
    own = Profile(availability=(TimeWindow(Day.WED, dt.time(17), dt.time(21)),))
    report = run([activity("late", sessions=(session("wed", "19:30", "22:30"),))], own)
    assert ids(report) == [] and report.near_misses[0].failed == ("availability",)


def test_windows_saved_from_the_old_grid_still_read_as_ticks() -> None:
    old = (
        TimeWindow(Day.MON, dt.time(8), dt.time(12)),
        TimeWindow(Day.THU, dt.time(12), dt.time(22)),
    )
    assert grid_from_windows(old) == {
        (Day.MON, PartOfDay.MORNING),
        (Day.THU, PartOfDay.AFTERNOON),
        (Day.THU, PartOfDay.EVENING),
    }
    assert is_from_grid(old)
    assert is_from_grid(windows_from_grid(grid_from_windows(old)))
    assert not is_from_grid((TimeWindow(Day.MON, dt.time(9), dt.time(12)),))
