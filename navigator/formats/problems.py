"""What goes wrong in a file, in words a person can act on: `Problem` (a place and what
is wrong there) and `FormatError` (the problems that refuse a file), `quote` and `printable`
for putting a value into a message, `did_you_mean`, the text faults every reader refuses or
replaces (`text_fault`, `without_faults`), and the limits on what any reader takes in."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

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
