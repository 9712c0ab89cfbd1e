"""The appointment's week grid (mornings, afternoons, evenings) as profile time windows.

Neighbouring ticked parts of a day merge into one window, so a session from 11:00 to 13:00
fits a person free all morning and all afternoon: FORMATS.md asks that a session lie wholly
inside one window.
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
    PartOfDay.EVENING: (dt.time(17, 0), dt.time(22, 0)),
}

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
    """The parts of the week a set of windows covers (a part counts if wholly covered)."""
    return {
        (window.day, part)
        for window in windows
        for part, (start, end) in PART_TIMES.items()
        if window.start <= start and end <= window.end
    }
