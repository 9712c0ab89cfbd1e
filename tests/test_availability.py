"""The week grid maps to profile windows and back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from navigator.domain.availability import PartOfDay, grid_from_windows, windows_from_grid
from navigator.domain.directory import Day
from navigator.domain.profile import TimeWindow


def test_neighbouring_parts_merge_into_one_window() -> None:
    cells = {(Day.TUE, PartOfDay.MORNING), (Day.TUE, PartOfDay.AFTERNOON),
             (Day.THU, PartOfDay.EVENING)}
    assert windows_from_grid(cells) == (
        TimeWindow(Day.TUE, dt.time(8), dt.time(17)),
        TimeWindow(Day.THU, dt.time(17), dt.time(22)),
    )


def test_a_gap_splits_the_day() -> None:
    cells = {(Day.MON, PartOfDay.MORNING), (Day.MON, PartOfDay.EVENING)}
    assert len(windows_from_grid(cells)) == 2


@given(st.sets(st.tuples(st.sampled_from(Day), st.sampled_from(PartOfDay))))
def test_grid_round_trips(cells: set) -> None:
    assert grid_from_windows(windows_from_grid(cells)) == cells
