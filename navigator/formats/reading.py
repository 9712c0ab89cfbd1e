"""Reading untrusted JSON into domain objects, naming the exact place of every problem.

Importers walk a file with `Reader`s. A bad field records one `Problem`
(`activities[12].sessions[0].start: "25:00" is not a time HH:MM`) and reading carries on, so
a person fixing a file sees every problem at once; the caller raises `FormatError` at the end
if there were any. Nothing is written until a whole file reads cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

E = TypeVar("E", bound=StrEnum)

# Beyond this a "file" is not something a person made by hand or a council published;
# refusing early keeps a hostile file from exhausting memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TEXT_CHARS = 20_000
# How many problems a report lists before summarising the rest.
MAX_PROBLEMS_SHOWN = 50

_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# Half of a UTF-16 pair on its own ("\ud800" in JSON): not a character, and no file can be
# written with it, so it is refused (native files) or replaced (feeds) as it comes in.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
BROKEN_CHARACTER = (
    "contains a broken character (half of a UTF-16 pair, such as \\ud800), which is not text"
)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FormatError(ValueError):
    """An input file that cannot be used; `problems` names every bad place found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        first = str(self.problems[0]) if self.problems else "the file could not be read"
        more = len(self.problems) - 1
        return first if more <= 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"

    def report(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"... and {len(self.problems) - MAX_PROBLEMS_SHOWN} more")
        return "\n".join(lines)


def quote(value: Any) -> str:
    """A value as the person wrote it, shortened so a huge string cannot flood a message."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


def did_you_mean(value: str, choices: Iterable[str], hints: Mapping[str, str] | None = None) -> str:
    """ "; did you mean "x"?" for a near spelling of an allowed value, or for a word that
    `hints` ties to one ("friends" -> "meet_people"); "" when nothing is close."""
    allowed = list(choices)
    folded = value.casefold().strip()
    if hints:
        for word in [folded, *folded.replace("_", " ").split()]:
            if word in hints:
                return f'; did you mean "{hints[word]}"?'
    starts = [choice for choice in allowed if len(choice) >= 3 and folded.startswith(choice)]
    if starts:  # "tuesday" -> "tue", "women-only" -> "women"
        return f'; did you mean "{max(starts, key=len)}"?'
    best = process.extractOne(folded, allowed, scorer=fuzz.ratio, score_cutoff=70)
    if best is None and hints:
        near = process.extractOne(folded, list(hints), scorer=fuzz.ratio, score_cutoff=80)
        return f'; did you mean "{hints[near[0]]}"?' if near else ""
    return f'; did you mean "{best[0]}"?' if best else ""


def load_json_file(path: Path) -> Any:
    """Parse a JSON file, accepting a byte-order mark; any failure is a FormatError."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    if size > MAX_FILE_BYTES:
        raise FormatError([Problem("", f"{path.name} is too large ({size // 2**20} MB)")])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    return parse_json_bytes(raw, path.name)


def parse_json_bytes(raw: bytes, name: str = "input") -> Any:
    if not raw.strip():
        raise FormatError([Problem("", f"{name} is empty")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            [Problem("", f"{name} is not UTF-8 text (bad byte at position {error.start})")]
        ) from error
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        where = "" if error.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is not valid JSON: {error.msg}{where} line {error.lineno} "
                    f"column {error.colno}",
                )
            ]
        ) from error
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", f"{name} is not valid JSON: {error}")]) from error


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


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
        if LONE_SURROGATE.search(value):
            self.fail(key, BROKEN_CHARACTER)
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
            self.fail(key, f"{value} is not between {low} and {high}")
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
        if not math.isfinite(value):
            self.fail(key, f"{value} is not a finite number")
            return None
        if low == 0 and value < 0:
            self.fail(key, f"{value} cannot be negative")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"at least {low}" if high is None else f"between {low} and {high}"
            self.fail(key, f"{value} is not {bounds}")
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
        allowed = [member.value for member in enum]
        if isinstance(value, str) and value in allowed:
            return enum(value)
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
            if isinstance(item, str) and LONE_SURROGATE.search(item):
                self.problems.append(Problem(path, BROKEN_CHARACTER))
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


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


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
