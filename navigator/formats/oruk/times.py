"""When an ORUK service runs: its schedules read into sessions, and a description's
"2nd Monday of the month" checked against them. The RFC 5545 fields themselves are read in
`schedules`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from navigator.domain.directory import Frequency, Session
from navigator.formats.oruk.record import RecordReader, dicts_of
from navigator.formats.oruk.schedules import (
    DAY_NAMES,
    MONTHLY_WORDS,
    schedule_ended,
    sessions_from_schedule,
)
from navigator.formats.reading import quote


class TimesReading(RecordReader):
    """The times part of `ServiceReader`."""

    def _sessions(self) -> tuple[Session, ...]:
        schedules = [("schedules", s) for s in dicts_of(self.d.get("schedules"))]
        if not self.ours:
            schedules += [
                ("regular_schedules", s) for s in dicts_of(self.d.get("regular_schedules"))
            ]
            for holder in dicts_of(self.d.get("service_at_locations")) + self._locations():
                for key in ("schedules", "regular_schedules", "regular_schedule"):
                    schedules += [(key, s) for s in dicts_of(holder.get(key))]
        sessions: list[Session] = []
        for i, (key, schedule) in enumerate(schedules):
            sessions.extend(self._schedule(schedule, f"{key}[{i}]"))
        return tuple(sessions) if self.ours else tuple(dict.fromkeys(sessions))

    def _schedule(self, s: dict[str, Any], where: str) -> list[Session]:
        if not self.ours:
            ended = schedule_ended(s, self.today)
            if ended is not None:
                self.cautions.append(f"{where}: ended on {ended.isoformat()}; not a session now")
                return []
        sessions, problem = _sessions_of(s, exact=self.ours)
        if problem:
            self.cautions.append(f"{where}: {problem}; this time was left out")
            self.left_out.add("schedules")
        return sessions

    def _check_monthly_words(self, description: str, sessions: tuple[Session, ...]) -> None:
        """A description that says "2nd Monday of the month" beside a schedule that says
        every Monday: the schedule is kept, and the prescriber asked to check."""
        weekly = {s.day for s in sessions if s.frequency is not Frequency.MONTHLY}
        if not weekly or not description:
            return
        for match in MONTHLY_WORDS.finditer(description):
            day = DAY_NAMES[match.group(2).casefold()]
            if day in weekly:
                rhythm = (
                    "every other"
                    if all(s.frequency is Frequency.FORTNIGHTLY for s in sessions if s.day is day)
                    else "every"
                )
                self.cautions.append(
                    f"the description says {quote(match.group(0))} but the schedule says "
                    f"{rhythm} {day.label}; the schedule was kept: check which is right"
                )
                return


# What `sessions_from_schedule` reads of a schedule (with no `today`). A feed repeats the same
# few schedules ("TU, 10:00 to 11:00, weekly") service after service: each is read once.
_SCHEDULE_FIELDS = (
    "opens_at",
    "closes_at",
    "freq",
    "interval",
    "byday",
    "weekday",
    "bymonthday",
    "dtstart",
    "valid_from",
)
_PLAIN = (str, int, float, bool, type(None))
_LONGEST_KEPT = 64  # characters of a field worth remembering; longer is read each time


def _sessions_of(s: dict[str, Any], *, exact: bool) -> tuple[list[Session], str | None]:
    """`sessions_from_schedule(s, exact=exact)`, remembered for schedules of plain values."""
    key = tuple((type(v), v) for v in map(s.get, _SCHEDULE_FIELDS))
    if all(t in _PLAIN and not (isinstance(v, str) and len(v) > _LONGEST_KEPT) for t, v in key):
        sessions, problem = _remembered(key, exact)
        return list(sessions), problem
    return sessions_from_schedule(s, exact=exact)


@lru_cache(maxsize=4096)
def _remembered(
    key: tuple[tuple[type, Any], ...], exact: bool
) -> tuple[tuple[Session, ...], str | None]:
    # The type is in the key: 1, 1.0 and True are equal as keys but not as values here.
    schedule = {f: v for f, (_, v) in zip(_SCHEDULE_FIELDS, key, strict=True) if v is not None}
    sessions, problem = sessions_from_schedule(schedule, exact=exact)
    return tuple(sessions), problem
