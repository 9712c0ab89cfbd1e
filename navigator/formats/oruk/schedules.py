"""ORUK schedules, as RFC 5545 RRULE fields: read into sessions (`sessions_from_schedule`),
checked for having ended (`schedule_ended`), and written from sessions
(`session_to_schedule`)."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any

from navigator.domain.directory import Day, Frequency, Session
from navigator.formats.oruk.record import number_of
from navigator.formats.reading import quote

_RRULE_DAYS = {
    "MO": Day.MON,
    "TU": Day.TUE,
    "WE": Day.WED,
    "TH": Day.THU,
    "FR": Day.FRI,
    "SA": Day.SAT,
    "SU": Day.SUN,
}
_DAY_CODES = {day: code for code, day in _RRULE_DAYS.items()}
DAY_NAMES = {d.label.casefold(): d for d in Day} | {d.label[:3].casefold(): d for d in Day}
# A numeric weekday (HSDS 2.0-era `regular_schedules.weekday`, some CSV packages) is read as
# ISO 8601 counts it, 1 = Monday ... 7 = Sunday. No schema we hold defines the number (HSDS
# 3.0 and ORUK 3.0 only have `byday`), and ISO 8601 is the standard HSDS uses for its dates.
# A 0 could be Sunday (US / cron style) or a slip, so it is left out with a word, not guessed.
_ISO_WEEKDAYS = {i + 1: day for i, day in enumerate(Day)}
_TIME = re.compile(
    r"^\s*([01]?[0-9]|2[0-3])[:.]([0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?"
    r"\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})?\s*$"
)
_BYDAY = re.compile(r"([+-]?[0-9])?(MO|TU|WE|TH|FR|SA|SU)")
_FREQS = {
    "WEEKLY": "WEEKLY",
    "WEEK": "WEEKLY",
    "DAILY": "DAILY",
    "DAY": "DAILY",
    "MONTHLY": "MONTHLY",
    "MONTH": "MONTHLY",
    "FORTNIGHTLY": "FORTNIGHTLY",
    "FORTNIGHT": "FORTNIGHTLY",
}
# "2nd Monday of the month", "first Tuesday", "last Friday of each month" in a description.
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
MONTHLY_WORDS = re.compile(
    r"\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)s?\b(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?",
    re.IGNORECASE,
)


def schedule_ended(s: dict[str, Any], today: dt.date) -> dt.date | None:
    """The day a schedule ended (`until`, `valid_to`, or the last of `count` occurrences from
    `dtstart`, the earliest), if before `today`."""
    ends = [
        d for d in (_iso_date(s.get("until")), _iso_date(s.get("valid_to")), _last_counted(s)) if d
    ]
    end = min(ends) if ends else None
    return end if end is not None and end < today else None


# Days between occurrences for RFC 5545 `count`; a month is taken at its longest, so a
# schedule is never ended early.
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "WEEK": 7, "FORTNIGHTLY": 14, "MONTHLY": 31, "MONTH": 31}


def _last_counted(s: dict[str, Any]) -> dt.date | None:
    """The latest date the `count`-th occurrence can fall on, or None when not counted."""
    count, start = number_of(s.get("count")), _iso_date(s.get("dtstart"))
    period = _PERIOD_DAYS.get(str(s.get("freq") or "WEEKLY").strip().upper())
    interval = number_of(s.get("interval")) or 1
    if (
        count is None
        or start is None
        or period is None
        or not 1 <= count <= 100_000
        or not 1 <= interval <= 1000
    ):
        return None
    days_per_week = len(str(s.get("byday") or "x").split(",")) if period == 7 else 1
    span = int((math.ceil(count / days_per_week) - 1) * interval * period) + 6
    try:
        return start + dt.timedelta(days=span)
    except OverflowError:
        return None


def sessions_from_schedule(
    s: dict[str, Any], *, exact: bool = False, today: dt.date | None = None
) -> tuple[list[Session], str | None]:
    """The sessions one ORUK schedule describes, or none and the reason why not.

    `exact` (our own export) keeps `dtstart` on every session; for outside feeds only a
    fortnightly rhythm needs an anchor date, taken from `dtstart` or `valid_from`. Given
    `today`, a schedule that ended before it is no session. `freq` is read in any case and
    as "week" / "month" too; `wkst` changes nothing we show (a week of sessions is the same
    whichever day it starts on), so it is accepted and not needed.
    """
    if today is not None and (ended := schedule_ended(s, today)) is not None:
        return [], f"ended on {ended.isoformat()}"
    start, end = _time(s.get("opens_at")), _time(s.get("closes_at"))
    if start is None or end is None:
        missing = "opens_at" if start is None else "closes_at"
        value = s.get(missing)
        return [], (
            f"no {missing}" if value in (None, "") else f"{missing} {quote(value)} is not a time"
        )
    if start == end == dt.time(0):
        return [], "times not given (00:00 to 00:00)"
    if end <= start:
        return [], f"closes at {end:%H:%M}, not after it opens at {start:%H:%M}"
    raw_freq = str(s.get("freq") or "").strip().upper()
    freq = _FREQS.get(raw_freq, raw_freq)
    interval = number_of(s.get("interval"))
    interval = 1 if interval is None else interval
    if freq == "FORTNIGHTLY":
        freq, interval = "WEEKLY", interval * 2
    days, problem = _days(s, daily=freq == "DAILY")
    if problem:
        return [], problem
    if not freq:
        freq = "MONTHLY" if any(week is not None for week, _ in days) else "WEEKLY"
    if freq in ("WEEKLY", "DAILY") and interval in (1, 2):
        frequency = Frequency.WEEKLY if interval == 1 else Frequency.FORTNIGHTLY
        days = [(None, day) for _, day in days]
    elif freq == "MONTHLY" and interval == 1:
        frequency = Frequency.MONTHLY
        if any(week not in (None, 1, 2, 3, 4, -1) for week, _ in days):
            return [], f"byday {quote(s.get('byday'))} names a week we cannot show"
    else:
        return [], f"freq {quote(s.get('freq'))} with interval {interval:g} cannot be shown"
    anchor = _iso_date(s.get("dtstart"))
    if not exact and frequency is not Frequency.FORTNIGHTLY:
        anchor = None
    elif anchor is None and not exact:
        anchor = _iso_date(s.get("valid_from"))
    return [Session(day, start, end, frequency, week, anchor) for week, day in days], None


def _days(s: dict[str, Any], *, daily: bool) -> tuple[list[tuple[int | None, Day]], str | None]:
    byday = s.get("byday")
    if isinstance(byday, str) and byday.strip():
        days = []
        for token in byday.upper().replace(" ", "").split(","):
            match = _BYDAY.fullmatch(token)
            if match is not None:
                week = int(match.group(1)) if match.group(1) else None
                days.append((week, _RRULE_DAYS[match.group(2)]))
            elif token.casefold() in DAY_NAMES:  # "Monday", "Tue"
                days.append((None, DAY_NAMES[token.casefold()]))
            else:
                return [], f"byday {quote(byday)} is not a list of days such as MO,WE"
        return days, None
    weekday = s.get("weekday")  # ORUK 1.0 / HSDS 2.0: a name, or a number (1 = Monday)
    if isinstance(weekday, str) and weekday.strip().casefold() in DAY_NAMES:
        return [(None, DAY_NAMES[weekday.strip().casefold()])], None
    number = number_of(weekday)
    if number is not None:
        if number in _ISO_WEEKDAYS:
            return [(None, _ISO_WEEKDAYS[int(number)])], None
        return [], f"weekday {quote(weekday)} is not a day 1 (Monday) to 7 (Sunday)"
    if daily:
        return [(None, day) for day in Day], None
    if s.get("bymonthday") not in (None, ""):
        return (
            [],
            f"bymonthday {quote(s.get('bymonthday'))} (a date, not a weekday) cannot be shown",
        )
    return [], "no day of the week"


def _time(value: Any) -> dt.time | None:
    match = _TIME.match(value) if isinstance(value, str) else None
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None


def _iso_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def session_to_schedule(s: Session, schedule_id: str, service_id: str) -> dict[str, Any]:
    code = _DAY_CODES[s.day]
    out: dict[str, Any] = {
        "id": schedule_id,
        "service_id": service_id,
        "freq": "MONTHLY" if s.frequency is Frequency.MONTHLY else "WEEKLY",
        "interval": 2 if s.frequency is Frequency.FORTNIGHTLY else 1,
        "byday": f"{s.week_of_month}{code}" if s.week_of_month is not None else code,
        "opens_at": (start := _hh_mm(s.start)),
        "closes_at": (end := _hh_mm(s.end)),
        "description": f"{_rhythm(s)}, {start} to {end}",
    }
    if s.starts_on is not None:
        out["dtstart"] = s.starts_on.isoformat()
    return out


@lru_cache(maxsize=1440)  # strftime is slow, and sessions start at the same few times
def _hh_mm(time: dt.time) -> str:
    return f"{time:%H:%M}"


def _rhythm(s: Session) -> str:
    if s.frequency is Frequency.FORTNIGHTLY:
        return f"Every other {s.day.label}"
    if s.frequency is Frequency.MONTHLY:
        names = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}
        if s.week_of_month in names:
            return f"{names[s.week_of_month]} {s.day.label} of the month"
        return f"One {s.day.label} a month"
    return f"Every {s.day.label}"
