"""A worker's report that a directory entry is wrong ("report a problem"): what, not who."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from navigator.domain.wording import day_month_year, join_words

MAX_NOTE_CHARS = 280


class ProblemKind(StrEnum):
    WRONG_TIME = "wrong_time"
    WRONG_PLACE = "wrong_place"
    CLOSED = "closed"
    COST_CHANGED = "cost_changed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ProblemKind.WRONG_TIME: "wrong time",
    ProblemKind.WRONG_PLACE: "wrong place",
    ProblemKind.CLOSED: "closed",
    ProblemKind.COST_CHANGED: "cost changed",
    ProblemKind.OTHER: "something else",
}


# The note on a report a follow-up raised (a plan item stopped because the activity closed or
# met at another time), so the review queue can tell it from the follow-up's own flag.
FOUND_AT_FOLLOW_UP = "found at a follow-up"


@dataclass(frozen=True, slots=True)
class ProblemReport:
    activity_id: str
    kinds: tuple[ProblemKind, ...]
    note: str = ""
    reported_on: dt.date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.kinds:
            raise ValueError("Tick at least one thing that is wrong.")
        if len(self.note) > MAX_NOTE_CHARS:
            raise ValueError(f"Keep the note to {MAX_NOTE_CHARS} characters.")

    def describe(self) -> str:
        """ "Reported by a worker on 3 March 2026: wrong time, closed (moved to Fridays)"."""
        when = f" on {day_month_year(self.reported_on)}" if self.reported_on else ""
        text = f"Reported by a worker{when}: {join_words([k.label for k in self.kinds])}"
        return text + (f" ({self.note})" if self.note else "")
