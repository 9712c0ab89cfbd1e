"""Single cells read into values (yes/no, numbers, ages, prices and their units, days,
times, dates); each raises ValueError with the words the row's problem shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from navigator.domain.directory import CostUnit, Day
from navigator.formats.units import UNIT_WORDS

_TIME = re.compile(r"([01]?[0-9]|2[0-3])(?:[:.]([0-5][0-9]))?(?::[0-5][0-9])?\s*(am|pm)?")
_YES = {"yes", "y", "true", "1", "✓"}
_NO = {"no", "n", "false", "0", "✗"}
_YES_OR_NO = {"yes": True, "no": False}
_WEEK_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


@cache
def _choice(enum: type[Any]) -> Callable[[Any], Any]:
    """A reader of `enum`'s values ("Drop in" is drop_in); each cell text read is kept, as a
    sheet says the same few words in row after row."""
    known: dict[str, Any] = {}

    def convert(value: Any) -> Any:
        if isinstance(value, str) and (found := known.get(value)) is not None:
            return found
        read = enum(_SEPARATORS.sub("_", str(value).strip().casefold()))
        if isinstance(value, str) and len(known) < _KEPT:
            known[value] = read
        return read

    return convert


_SEPARATORS = re.compile(r"[\s\-]+")
_KEPT = 1000  # different cell texts kept by a reader of choices, days or times


def _yes(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if (exact := _YES_OR_NO.get(value)) is not None:  # "yes" or "no" as exported
        return exact
    folded = _plain(value).strip().casefold()
    if folded in _YES or folded in _NO:
        return folded in _YES
    raise ValueError(value)


def _number(value: Any, low: float, high: float) -> float:
    number = float(value.strip().lstrip("'") if isinstance(value, str) else value)
    if not low <= number <= high:
        raise ValueError(value)
    return number


def _age(value: Any) -> int:
    number = _number(value, 0, 130)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _price(value: Any) -> float | None:
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in ("free", "£0"):
            return 0.0
        if folded in ("unknown", "?", "not known"):
            return None
        value = folded.removeprefix("£")
    return _number(value, 0, 100_000)


# What a price is for, as written in "Price per": the unit's own name ("one_off"), or plain
# words around it ("a year", "per term", "annual", "each class", "one-off"): `UNIT_WORDS`.
_UNIT_LEAD = re.compile(r"(?:per|a|an|each|every|for|the|one|1) (?=.)")
_PER = {
    CostUnit.SESSION: "a session",
    CostUnit.HOUR: "an hour",
    CostUnit.WEEK: "a week",
    CostUnit.MONTH: "a month",
    CostUnit.TERM: "a term",
    CostUnit.YEAR: "a year",
    CostUnit.COURSE: "for the course",
    CostUnit.ONE_OFF: "as a one-off payment",
}


def _unit(value: Any) -> CostUnit:
    words = " ".join(re.sub(r"[^a-z]+", " ", str(value).casefold()).split())
    while words not in UNIT_WORDS and _UNIT_LEAD.match(words):
        words = _UNIT_LEAD.sub("", words, count=1)
    for candidate in (words, words.removesuffix("s"), words.removesuffix("es")):
        if candidate in UNIT_WORDS:
            return UNIT_WORDS[candidate]
    raise ValueError(value)


def _money(amount: float) -> str:
    return "free" if amount == 0 else f"£{amount:,.2f}".removesuffix(".00")


def _day(value: Any) -> Day:
    return _day_text(value) if isinstance(value, str) else _find_day(value)


@lru_cache(maxsize=_KEPT)  # a sheet says the same few days in row after row
def _day_text(value: str) -> Day:
    return _find_day(value)


def _find_day(value: Any) -> Day:
    folded = str(value).strip().casefold()
    for day in Day:
        if folded in (day.value, day.label.casefold()) or (
            len(folded) >= 3 and day.label.casefold().startswith(folded)
        ):
            return day
    raise ValueError(value)


def _time(value: Any) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel keeps times as part of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    return _time_text(value) if isinstance(value, str) else _read_time(value)


@lru_cache(maxsize=_KEPT)  # "10:00" in row after row
def _time_text(value: str) -> dt.time:
    return _read_time(value)


def _read_time(value: Any) -> dt.time:
    match = _TIME.fullmatch(str(value).strip().casefold())
    if match is None:
        raise ValueError(value)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ValueError(value)
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    return dt.time(hour, minute)


def _week(value: Any) -> int:
    folded = _plain(value).strip().casefold()
    week = _WEEK_WORDS.get(folded)
    week = int(folded) if week is None else week
    if week not in (1, 2, 3, 4, -1):
        raise ValueError(value)
    return week


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])
