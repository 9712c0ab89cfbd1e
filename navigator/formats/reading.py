"""Reading untrusted JSON into domain objects, naming the exact place of every problem.

Importers walk a file with `Reader`s. A bad field records one `Problem`
(`activities[12].sessions[0].start: "25:00" is not a time HH:MM`) and reading carries on, so
a person fixing a file sees every problem at once; the caller raises `FormatError` at the end
if there were any. Nothing is written until a whole file reads cleanly.

The groundwork every reader shares lives beside this module and is importable from here
too (every name in `__all__`): `problems` (Problem, FormatError, messages, text faults,
limits) and `file_input` (a file's bytes and its JSON, within the limits).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from contextlib import AbstractContextManager
from enum import StrEnum
from typing import Any, TypeVar, cast

from navigator.collector import collector_paused
from navigator.formats.file_input import (
    check_json_size,
    check_regular_file,
    json_failure,
    load_json_file,
    parse_json_bytes,
    read_file_bytes,
)
from navigator.formats.problems import (
    BROKEN_CHARACTER,
    CONTROL_CHARACTER,
    LONE_SURROGATE,
    MAX_FILE_BYTES,
    MAX_JSON_BYTES,
    MAX_JSON_VALUES,
    MAX_PROBLEMS_KEPT,
    MAX_PROBLEMS_SHOWN,
    MAX_SUMMARY_CHARS,
    MAX_TEXT_CHARS,
    FormatError,
    Problem,
    Problems,
    did_you_mean,
    kind_of,
    number_fault,
    printable,
    quote,
    text_fault,
    without_faults,
)

__all__ = [
    "BROKEN_CHARACTER",
    "CONTROL_CHARACTER",
    "LONE_SURROGATE",
    "MAX_FILE_BYTES",
    "MAX_JSON_BYTES",
    "MAX_JSON_VALUES",
    "MAX_PROBLEMS_KEPT",
    "MAX_PROBLEMS_SHOWN",
    "MAX_SUMMARY_CHARS",
    "MAX_TEXT_CHARS",
    "FormatError",
    "Problem",
    "Problems",
    "Reader",
    "check_json_size",
    "check_regular_file",
    "did_you_mean",
    "json_failure",
    "kind_of",
    "language_codes",
    "load_json_file",
    "many_records",
    "number_fault",
    "parse_json_bytes",
    "printable",
    "quote",
    "read_file_bytes",
    "require_header",
    "text_fault",
    "without_faults",
]

E = TypeVar("E", bound=StrEnum)

_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def many_records() -> AbstractContextManager[None]:
    """The cyclic garbage collector paused while a file's records are read: they pile up,
    millions of small objects at 100,000 activities, and form no cycles (a third of a native
    import went on collections walking them again and again)."""
    return collector_paused()


class Reader:
    """One JSON object being read; each accessor records a problem rather than raising."""

    def __init__(self, data: Mapping[str, Any], path: str, problems: list[Problem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems

    @classmethod
    def root(cls, data: Any, problems: list[Problem], what: str) -> Reader | None:
        if not isinstance(data, dict):
            problems.append(Problem("", f"expected a JSON object ({what}), found {kind_of(data)}"))
            return None
        return cls(data, "", problems)

    def at(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.at(key), message))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    # Scalars ------------------------------------------------------------------------------

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        default: str | None = None,
        max_chars: int = MAX_TEXT_CHARS,
    ) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is required")
            return default
        if not isinstance(value, str):
            self.fail(key, f"{quote(value)} is not text")
            return default
        if len(value) > max_chars:
            self.fail(key, f"is {len(value)} characters long; at most {max_chars} are allowed")
            return default
        if (fault := text_fault(value)) is not None:
            self.fail(key, fault)
            return default
        if required and not value.strip():
            self.fail(key, "must not be empty")
        return value

    def flag(self, key: str, *, default: bool | None = None) -> bool | None:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"{quote(value)} is not true or false")
            return default
        return value

    def integer(
        self,
        key: str,
        *,
        low: int | None = None,
        high: int | None = None,
        allowed: tuple[int, ...] = (),
    ) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, f"{quote(value)} is not a whole number")
            return None
        if value in allowed:
            return value
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(key, f"{quote(value)} is not between {low} and {high}")
            return None
        return value

    def number(
        self, key: str, *, low: float | None = None, high: float | None = None
    ) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.fail(key, f"{quote(value)} is not a number")
            return None
        if (fault := number_fault(value)) is not None:
            self.fail(key, fault)
            return None
        if low == 0 and value < 0:
            self.fail(key, f"{quote(value)} cannot be negative")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"at least {low}" if high is None else f"between {low} and {high}"
            self.fail(key, f"{quote(value)} is not {bounds}")
            return None
        return float(value)

    def choice(
        self, key: str, enum: type[E], *, default: E | None = None, noun: str = "allowed value"
    ) -> E | None:
        value = self.data.get(key)
        if value is None:
            return default
        return self.coerce_choice(key, value, enum, noun=noun, default=default)

    def coerce_choice(
        self, key: str | int, value: Any, enum: type[E], *, noun: str, default: E | None = None
    ) -> E | None:
        if isinstance(value, str) and (member := _members(enum).get(value)) is not None:
            return member
        allowed = [member.value for member in enum]
        if isinstance(value, str):
            hint = did_you_mean(value, allowed) or f" (one of {', '.join(allowed)})"
            self.problems.append(Problem(self.at(key), f"{quote(value)} is not {_a(noun)}{hint}"))
        else:
            self.problems.append(Problem(self.at(key), f"{quote(value)} is not {_a(noun)}"))
        return default

    def time(self, key: str, *, required: bool = False) -> dt.time | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is required")
            return None
        match = _TIME.match(value) if isinstance(value, str) else None
        if match is None:
            self.fail(key, f"{quote(value)} is not a time HH:MM")
            return None
        return dt.time(int(match.group(1)), int(match.group(2)))

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, f"{quote(value)} is not a date YYYY-MM-DD")
        return None

    # Containers ---------------------------------------------------------------------------

    def child(self, key: str) -> Reader | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, f"expected an object, found {kind_of(value)}")
            return None
        return Reader(value, self.at(key), self.problems)

    def items(self, key: str) -> list[tuple[str, Any]]:
        """(path, item) pairs of a list field; a missing or null list is empty."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"expected a list, found {kind_of(value)}")
            return []
        base = self.at(key)
        return [(f"{base}[{i}]", item) for i, item in enumerate(value)]

    def children(self, key: str) -> list[Reader]:
        readers = []
        for path, item in self.items(key):
            if isinstance(item, dict):
                readers.append(Reader(item, path, self.problems))
            else:
                self.problems.append(Problem(path, f"expected an object, found {kind_of(item)}"))
        return readers

    def texts(self, key: str, *, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        if self.data.get(key) is None:
            return default
        out = []
        for path, item in self.items(key):
            if isinstance(item, str) and (fault := text_fault(item)) is not None:
                self.problems.append(Problem(path, fault))
            elif isinstance(item, str) and len(item) <= MAX_TEXT_CHARS:
                out.append(item)
            else:
                self.problems.append(Problem(path, f"{quote(item)} is not text"))
        return tuple(out)

    def choices(
        self,
        key: str,
        allowed: tuple[str, ...],
        *,
        noun: str,
        default: tuple[str, ...] = (),
        hints: Mapping[str, str] | None = None,
    ) -> tuple[str, ...]:
        """A list of ids each from `allowed`, e.g. categories or goals."""
        if self.data.get(key) is None:
            return default
        out = []
        for path, item in self.items(key):
            if isinstance(item, str) and item in allowed:
                out.append(item)
            elif isinstance(item, str):
                hint = did_you_mean(item, allowed, hints)
                self.problems.append(Problem(path, f"{quote(item)} is not {_a(noun)}{hint}"))
            else:
                self.problems.append(Problem(path, f"{quote(item)} is not {_a(noun)}"))
        return tuple(out)

    def enum_list(
        self, key: str, enum: type[E], *, noun: str, default: tuple[E, ...] = ()
    ) -> tuple[E, ...]:
        values = self.choices(key, tuple(m.value for m in enum), noun=noun, default=())
        if self.data.get(key) is None:
            return default
        return tuple(enum(v) for v in values)


_MEMBERS: dict[type[StrEnum], dict[str, StrEnum]] = {}


def _members(enum: type[E]) -> dict[str, E]:
    """An enum's members by value, made once (a lookup per field of 100,000 records)."""
    found = _MEMBERS.get(enum)
    if found is None:
        found = _MEMBERS[enum] = {member.value: member for member in enum}
    return cast(dict[str, E], found)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def language_codes(reader: Reader, key: str) -> tuple[str, ...]:
    """ISO 639-1 language codes (two lower-case letters); English when absent."""
    if reader.data.get(key) is None:
        return ("en",)
    items = reader.items(key)
    if not items and isinstance(reader.data.get(key), list):
        reader.fail(key, "must name at least one language")
    good = []
    for path, item in items:
        if isinstance(item, str) and re.fullmatch(r"[a-z]{2}", item):
            good.append(item)
        else:
            reader.problems.append(
                Problem(
                    path, f'{quote(item)} is not a two-letter ISO 639-1 language code such as "en"'
                )
            )
    return tuple(good)


def require_header(reader: Reader, fmt: str, version: int) -> bool:
    """Check the `format`/`version` header; False when this is not the expected file kind."""
    found = reader.data.get("format")
    if found != fmt:
        reader.problems.append(
            Problem(
                "format",
                f'expected "{fmt}", found {quote(found)}'
                if found is not None
                else f"is missing; this is not a {fmt} file",
            )
        )
        return False
    got = reader.data.get("version")
    if got != version:
        reader.problems.append(
            Problem("version", f"{quote(got)} is not a version this app reads (it reads {version})")
        )
        return False
    return True
