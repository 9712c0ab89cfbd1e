"""The appointment's week grid (mornings, afternoons, evenings) as profile time windows.

Neighbouring ticked parts of a day merge into one window, so a session from 11:00 to 13:00
fits a person free all morning and all afternoon: FORMATS.md asks that a session lie wholly
inside one window.

The evening runs to 23:00: a person free "in the evening" can make a group that ends at
22:30. A person whose evening ends earlier gives their own times (the profile file's
windows), which are used as they are.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from navigator.domain.directory import Day
from navigator.domain.profile import TimeWindow


class PartOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"

    @property
    def label(self) -> str:
        return self.value.capitalize()


PART_TIMES: dict[PartOfDay, tuple[dt.time, dt.time]] = {
    PartOfDay.MORNING: (dt.time(8, 0), dt.time(12, 0)),
    PartOfDay.AFTERNOON: (dt.time(12, 0), dt.time(17, 0)),
    PartOfDay.EVENING: (dt.time(17, 0), dt.time(23, 0)),
}
# Where the grid's evening used to end: windows saved from the old grid still read as a
# ticked evening (`grid_from_windows`, `is_from_grid`), and so are widened to 23:00 when the
# grid is ticked again.
OLD_EVENING_END = dt.time(22, 0)

Cell = tuple[Day, PartOfDay]


def windows_from_grid(cells: set[Cell]) -> tuple[TimeWindow, ...]:
    windows: list[TimeWindow] = []
    for day in Day:
        current: TimeWindow | None = None
        for part in PartOfDay:
            if (day, part) not in cells:
                if current:
                    windows.append(current)
                current = None
                continue
            start, end = PART_TIMES[part]
            current = TimeWindow(day, current.start if current else start, end)
        if current:
            windows.append(current)
    return tuple(windows)


def grid_from_windows(windows: tuple[TimeWindow, ...]) -> set[Cell]:
    """The parts of the week a set of windows covers (a part counts if wholly covered; an
    evening ending at 22:00, as the grid used to make it, counts too)."""
    return {
        (window.day, part)
        for window in windows
        for part, (start, end) in PART_TIMES.items()
        if window.start <= start and _end(part, end) <= window.end
    }


def _end(part: PartOfDay, end: dt.time) -> dt.time:
    return OLD_EVENING_END if part is PartOfDay.EVENING else end


def is_from_grid(windows: tuple[TimeWindow, ...]) -> bool:
    """The windows are what the grid makes for some ticks, now or before the evening was
    widened to 23:00: the form can show them as ticks (and tick them again as today's)."""
    cells = grid_from_windows(windows)
    old = tuple(
        TimeWindow(
            w.day, w.start, OLD_EVENING_END if w.end == PART_TIMES[PartOfDay.EVENING][1] else w.end
        )
        for w in windows_from_grid(cells)
    )
    return windows in (windows_from_grid(cells), old)
