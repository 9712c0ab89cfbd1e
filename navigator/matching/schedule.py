"""When an activity next meets, and how to say when it meets.

All times are naive Europe/London wall-clock times, as the directory and `--now` give them.
Dates and wall-clock times need no time-zone arithmetic: a 10:00 session is at 10:00 in
March and in November alike, so zoneinfo is not needed here.

Rules:
- weekly: every week on its day.
- fortnightly: every other week, counted from `starts_on` (moved on to the session's weekday
  if it falls on another day); no sessions happen before `starts_on`. Without `starts_on`
  the rhythm is anchored on the first such weekday on or after Monday 5 January 2026, and
  runs both ways from there.
- monthly: the `week_of_month`-th such weekday of each month (1..4), or the last one (-1);
  without `week_of_month`, the first.

`clashes` finds shortlisted activities whose sessions overlap on the same day, in weeks both
run (two fortnightly sessions in opposite weeks do not clash).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from navigator.domain.directory import Activity, Frequency, Session
from navigator.domain.wording import clock

# The anchor for fortnightly sessions that give no `starts_on` (a Monday).
DEFAULT_FORTNIGHT_ANCHOR = dt.date(2026, 1, 5)

_ORDINALS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}


def _on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1..4) or last (-1) given weekday of a month."""
    if n == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    return _on_or_after(dt.date(year, month, 1), weekday) + dt.timedelta(weeks=n - 1)


def _fortnight_anchor(session: Session) -> dt.date:
    base = session.starts_on or DEFAULT_FORTNIGHT_ANCHOR
    return _on_or_after(base, session.day.weekday)


def next_start(session: Session, now: dt.datetime) -> dt.datetime:
    """The first start of `session` at or after `now`."""
    weekday = session.day.weekday
    if session.frequency is Frequency.MONTHLY:
        n = session.week_of_month or 1
        year, month = now.year, now.month
        # The session this month may already be over; next month's never is.
        for _ in range(2):
            start = dt.datetime.combine(nth_weekday(year, month, weekday, n), session.start)
            if start >= now:
                return start
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        raise AssertionError("unreachable: next month's session is always in the future")
    first = _on_or_after(now.date(), weekday)
    if dt.datetime.combine(first, session.start) < now:
        first += dt.timedelta(weeks=1)
    if session.frequency is Frequency.FORTNIGHTLY:
        anchor = _fortnight_anchor(session)
        if session.starts_on is not None and first < anchor:
            return dt.datetime.combine(anchor, session.start)
        if (first - anchor).days % 14:
            first += dt.timedelta(weeks=1)
    return dt.datetime.combine(first, session.start)


def next_session(sessions: Iterable[Session], now: dt.datetime) -> dt.datetime | None:
    """The soonest start of any of `sessions` at or after `now`; None when there are none."""
    starts = [next_start(s, now) for s in sessions]
    return min(starts) if starts else None


def describe_session(session: Session) -> str:
    """The whole session, start and end: "Tuesdays 17:00 to 19:00",
    "Every other Tuesday 17:00 to 19:00", "Last Friday of the month 10:30 to 11:00"."""
    day = session.day.label
    if session.frequency is Frequency.FORTNIGHTLY:
        when = f"Every other {day}"
    elif session.frequency is Frequency.MONTHLY:
        when = f"{_ORDINALS.get(session.week_of_month or 1, 'First')} {day} of the month"
    else:
        when = f"{day}s"
    return f"{when} {clock(session.start)} to {clock(session.end)}"


def describe_sessions(sessions: Iterable[Session], limit: int = 2) -> str:
    """A short list of sessions: "Tuesdays 17:00 to 19:00 and Thursdays 10:00 to 12:00"."""
    texts = list(dict.fromkeys(describe_session(s) for s in sessions))
    if not texts:
        return "No fixed times"
    shown = texts[:limit]
    if len(texts) > limit:
        return ", ".join(shown) + " and other times"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


# Clashes ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clash:
    """One shortlisted activity's session that overlaps another's."""

    other_id: str
    other_name: str
    session: Session  # the other activity's session that overlaps

    def describe(self) -> str:
        """ "Clashes with Choir, Tuesdays 10:00"."""
        return f"Clashes with {self.other_name}, {describe_start(self.session)}"


def describe_start(session: Session) -> str:
    """When a session begins, in short: "Tuesdays 10:00", "Every other Tuesday 10:00",
    "First Tuesday of the month 10:00"."""
    return describe_session(session).rsplit(" to ", 1)[0]


def _times_overlap(a: Session, b: Session) -> bool:
    return a.day is b.day and a.start < b.end and b.start < a.end


def _weeks_meet(a: Session, b: Session) -> bool:
    """Can two sessions on the same weekday fall in the same week?

    Weekly meets every week, so it meets anything. Fortnightly sessions meet only when
    their fortnights line up. Monthly sessions meet when they are the same week of the month
    (the fourth and the last are the same week in a month with four such days). A
    fortnightly and a monthly session meet in some months: that is a clash to talk about."""
    if Frequency.WEEKLY in (a.frequency, b.frequency):
        return True
    if a.frequency is Frequency.FORTNIGHTLY and b.frequency is Frequency.FORTNIGHTLY:
        return (_fortnight_anchor(a) - _fortnight_anchor(b)).days % 14 == 0
    if a.frequency is Frequency.MONTHLY and b.frequency is Frequency.MONTHLY:
        weeks = {a.week_of_month or 1, b.week_of_month or 1}
        return len(weeks) == 1 or weeks == {4, -1}
    return True


def sessions_clash(a: Session, b: Session) -> bool:
    """Two sessions overlap in time on the same day, in a week both run."""
    return _times_overlap(a, b) and _weeks_meet(a, b)


def clashes(activities: Sequence[Activity]) -> dict[str, tuple[Clash, ...]]:
    """For each activity (by id) whose sessions overlap another's in the list, the clashes:
    the other activity and its overlapping session, in list order. Activities without
    clashes are left out. Pure: the shortlist calls it each time it changes."""
    found: dict[str, list[Clash]] = {}
    for i, first in enumerate(activities):
        for second in activities[i + 1 :]:
            if first.id == second.id:
                continue
            pair = next(
                ((s, t) for s in first.sessions for t in second.sessions if sessions_clash(s, t)),
                None,
            )
            if pair is None:
                continue
            mine, theirs = pair
            found.setdefault(first.id, []).append(Clash(second.id, second.name, theirs))
            found.setdefault(second.id, []).append(Clash(first.id, first.name, mine))
    return {activity_id: tuple(items) for activity_id, items in found.items()}
