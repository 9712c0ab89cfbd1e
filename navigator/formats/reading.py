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
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar, cast

from rapidfuzz import fuzz, process

E = TypeVar("E", bound=StrEnum)

# Limits (docs/reliability.md gives each with the time and memory measured at it). Each is
# far above what a person makes by hand or a council publishes, and low enough that the
# worst file within it is read in well under 500 MB, so a hostile file is refused with one
# line rather than exhausting the computer's memory.
#
# A file read whole (a CSV table, the bytes of a workbook): read in chunks, stopping at this.
MAX_FILE_BYTES = 200 * 1024 * 1024
# JSON (native files and ORUK feeds) is parsed whole, and a parsed value costs up to about
# 60 times its bytes ("ab", in five bytes, is a 59-byte string and a list slot), so JSON has
# a lower byte cap and a cap on the number of values: a 5,000-service feed is about 1 million.
MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_JSON_VALUES = 2_000_000
MAX_TEXT_CHARS = 20_000
# How many problems a report lists before summarising the rest.
MAX_PROBLEMS_SHOWN = 50
# The one line a refused file gets is cut at this length (a dry run lists everything).
MAX_SUMMARY_CHARS = 400
# How many problems are kept at all: a file with a million bad items gets the first of them
# and a count of the rest, not a million messages in memory.
MAX_PROBLEMS_KEPT = 1000
# A read is done in chunks of this size, so a file that grows while read (or /dev/zero
# behind a link) stops at the cap instead of being read whole first.
_CHUNK = 1024 * 1024

_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# Half of a UTF-16 pair on its own ("\ud800" in JSON): not a character, and no file can be
# written with it, so it is refused (native files, spreadsheets) or replaced (feeds) as it
# comes in.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
BROKEN_CHARACTER = (
    "contains a broken character (half of a UTF-16 pair, such as \\ud800), which is not text"
)
# Control characters (C0 but tab, line feed and carriage return; DEL; C1): no one types
# them, a terminal acts on some (ESC starts a command), and .ics and XML cannot hold them.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What `text_fault` refuses: both of the above.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# In a message, these are shown escaped: with tab, line and paragraph breaks (which would
# split the one line a message is) and the Unicode line separators.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
_LONG_DIGITS = re.compile(r"[0-9]{25,}")


def text_fault(value: str) -> str | None:
    """Why `value` is not text a person wrote (a control character or a broken one), said
    for a message; None when it is text. Tab, line feed and carriage return are text.

    Every reader checks its text with this: native files and spreadsheets refuse such a
    value, naming record and field; feeds replace the character (`without_faults`)."""
    match = _NOT_TEXT.search(value)
    if match is None:
        return None
    if LONE_SURROGATE.match(match.group()):
        return BROKEN_CHARACTER
    return f"contains a control character ({_codepoint(match.group())}), which is not text"


def without_faults(value: str) -> str:
    """`value` with each character `text_fault` refuses replaced: a broken one with U+FFFD,
    a control character with a space."""
    return _NOT_TEXT.sub(lambda m: "\ufffd" if LONE_SURROGATE.match(m.group()) else " ", value)


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def printable(text: str) -> str:
    """Text safe for one line of a message, a terminal or a label: control characters, line
    breaks and bidirectional marks shown as escapes (\\n, \\x1b, \\u2028), and runs of 25
    digits or more shortened ("12345…(400 digits)")."""
    text = _UNPRINTABLE.sub(_escape, text)
    return _LONG_DIGITS.sub(lambda m: f"{m.group()[:12]}…({len(m.group())} digits)", text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        """One line, whatever the file held (see `printable`)."""
        return printable(f"{self.path}: {self.message}" if self.path else self.message)


class Problems(list[Problem]):
    """The problems found in one file: the first MAX_PROBLEMS_KEPT, and a count of the rest
    (`more`), so a file of a million bad items costs a thousand messages, not a million."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        self.more = 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        if len(self) < MAX_PROBLEMS_KEPT:
            super().append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def total(self) -> int:
        return len(self) + self.more


class FormatError(ValueError):
    """An input file that cannot be used; `problems` names every bad place found (the first
    MAX_PROBLEMS_KEPT of them, and `more` counts the rest)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        kept = problems if isinstance(problems, Problems) else Problems(problems)
        self.problems = list(kept)
        self.more = kept.more
        super().__init__(self.summary())

    def summary(self) -> str:
        """One line: the first problem and how many more."""
        first = str(self.problems[0]) if self.problems else "the file could not be read"
        if len(first) > MAX_SUMMARY_CHARS:  # a row with many problems: the report has them all
            first = first[: MAX_SUMMARY_CHARS - 1] + "…"
        more = len(self.problems) - 1 + self.more
        return first if more <= 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"

    def report(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        rest = len(self.problems) + self.more - MAX_PROBLEMS_SHOWN
        if rest > 0:
            lines.append(f"... and {rest} more")
        return "\n".join(lines)


def quote(value: Any) -> str:
    """A value as the person wrote it, shortened so a huge string or number cannot flood a
    message, and with control characters escaped (`printable`)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**24:
        return _long_number(value)
    if isinstance(value, str):
        text = f'"{value[:200]}"'
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):  # a number too long to print, or not JSON at all
            text = kind_of(value)
    text = printable(text)
    return text if len(text) <= 60 else text[:57] + '..."'


def _long_number(value: int) -> str:
    """A whole number too long to show, by its first digits and its length; past about
    3,900 digits only by its length, since Python refuses to print one of over 4,300."""
    sign, magnitude = "-" * (value < 0), abs(value)
    if magnitude.bit_length() < 13_000:
        digits = str(magnitude)
        return f"{sign}{digits[:12]}…({len(digits)} digits)"
    return f"{sign}…(about {int(magnitude.bit_length() * 0.30103):,} digits)"


def number_fault(value: int | float) -> str | None:
    """Why a JSON number cannot be a number here, or None: not finite, or a whole number too
    large for a float (400 digits), which `float()` refuses with an OverflowError."""
    if isinstance(value, int) and abs(value) > 10**300:
        return f"{quote(value)} is too large a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a finite number"
    return None


# Files ----------------------------------------------------------------------------------------


def check_regular_file(path: Path) -> int:
    """The size of `path` if it is an ordinary file, else a FormatError saying what it is,
    before anything opens it: opening a FIFO waits for a writer for ever, and a device such
    as /dev/zero (or a link to one) never ends. Links are followed to what they point to."""
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is a device
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    kind = (
        "a folder"
        if stat.S_ISDIR(info.st_mode)
        else "a pipe (FIFO)"
        if stat.S_ISFIFO(info.st_mode)
        else "a device"
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
        else "a socket"
        if stat.S_ISSOCK(info.st_mode)
        else "not an ordinary file"
    )
    raise FormatError([Problem("", f"cannot read {path.name}: it is {kind}, not a file")])


def read_file_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes, read in chunks that stop at
    the limit (a file growing while read, or lying about its size, is still refused)."""
    path = Path(path)
    check_regular_file(path)
    too_large = FormatError(
        [Problem("", f"{path.name} is too large: at most {limit // 2**20} MB can be read")]
    )
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, opening does not wait.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise FormatError([Problem("", f"cannot read {path.name}: it is not a file")])
            if os.fstat(file.fileno()).st_size > limit:
                raise too_large
            chunks, size = [], 0
            while chunk := file.read(min(_CHUNK, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise too_large
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    return b"".join(chunks)


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
    return parse_json_bytes(read_file_bytes(path, limit=MAX_JSON_BYTES), path.name)


# A JSON string, quotes and escapes included, as text and as bytes (no copy of either).
_JSON_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*"')


def _marks(raw: bytes | str) -> int:
    """Commas and opening brackets: an upper bound on the number of JSON values."""
    if isinstance(raw, str):
        return raw.count(",") + raw.count("[") + raw.count("{")
    return raw.count(b",") + raw.count(b"[") + raw.count(b"{")


def check_json_size(raw: bytes | str, name: str) -> None:
    """Refuse JSON holding more than MAX_JSON_VALUES values before parsing it, since parsing
    builds every one (10 MB of `0,` is five million). Every value but the first in a list
    or object follows a comma, so commas and brackets bound the count from above; only when
    that bound is over the cap are the commas inside strings left out to count exactly."""
    if _marks(raw) < MAX_JSON_VALUES:
        return
    bare = _JSON_TEXT.sub("", raw) if isinstance(raw, str) else _JSON_BYTES.sub(b"", raw)
    if _marks(bare) >= MAX_JSON_VALUES:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} holds more than {MAX_JSON_VALUES:,} JSON values, more than "
                    "any directory needs; split it into smaller files",
                )
            ]
        )


def parse_json_bytes(raw: bytes, name: str = "input") -> Any:
    if not raw.strip():
        raise FormatError([Problem("", f"{name} is empty")])
    if len(raw) > MAX_JSON_BYTES:
        raise FormatError(
            [Problem("", f"{name} is too large: at most {MAX_JSON_BYTES // 2**20} MB")]
        )
    check_json_size(raw, name)
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
        raise FormatError([Problem("", json_failure(name, error))]) from error


def json_failure(name: str, error: ValueError | RecursionError) -> str:
    """The one line for JSON that `json.loads` refused other than for its syntax."""
    if isinstance(error, RecursionError):
        return f"{name} is not valid JSON here: its lists and objects are nested too deeply"
    if "integer string conversion" in str(error):  # Python's limit, against slow parsing
        return f"{name} holds a whole number of more than 4,300 digits, which is not a number"
    return f"{name} is not valid JSON: {error}"


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
