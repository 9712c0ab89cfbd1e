"""The spreadsheet template's columns (`COLUMNS`, `header`), and what every cell goes
through both ways: the formula neutraliser (`neutralise` / `unneutralise`), lists in one
cell, and the escapes .xlsx needs for what XML cannot hold."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# (header, what to write): the template's columns in order, before and after the sessions.
COLUMNS: list[tuple[str, str]] = [
    ("ID", "stable id; leave blank for a new activity and one is made from the name"),
    ("Name", "required"),
    ("Organisation", "who runs it"),
    ("Description", "plain text"),
    ("Categories", "category ids or labels, separated by ;"),
    ("Keywords", "extra words to match on, separated by ;"),
    ("Delivery", "in_person, online or phone (blank: in_person)"),
    ("Venue name", ""),
    ("Address", ""),
    ("Postcode", "UK postcode"),
    ("Latitude", "decimal degrees"),
    ("Longitude", "decimal degrees"),
    ("Step-free access", "yes, no or blank"),
    ("Transport note", ""),
]
# Further places the activity runs (`more_venues`): "Place 2 name" ..., numbered from 2
# because the venue above is the first.
PLACE_FIELDS: list[tuple[str, str]] = [
    ("name", "another place it runs (Place 2, Place 3, ...)"),
    ("address", ""),
    ("postcode", "UK postcode"),
    ("latitude", "decimal degrees"),
    ("longitude", "decimal degrees"),
    ("step-free", "yes, no or blank"),
    ("transport note", ""),
]
SESSION_FIELDS: list[tuple[str, str]] = [
    ("day", "mon ... sun"),
    ("start", "HH:MM, 24-hour"),
    ("end", "HH:MM"),
    ("frequency", "weekly, fortnightly or monthly (blank: weekly)"),
    ("week of month", "monthly only: 1-4, or -1 for the last"),
    ("starts on", "YYYY-MM-DD, a date the fortnightly rhythm counts from"),
]
COLUMNS_AFTER: list[tuple[str, str]] = [
    ("Cost per session (£)", "a number, 0 or free; unknown when the price is not known"),
    ("Price (£)", "the price as published (£40 a term): a number or free, with Price per"),
    (
        "Price per",
        "what the price is for: session, hour, week, month, term, year, course or one-off",
    ),
    ("Concessions", "yes/no"),
    ("Free taster", "yes/no"),
    ("Cost notes", ""),
    ("Mental health specific", "yes/no"),
    ("Peer led", "yes/no"),
    ("Gender", "any, women or men"),
    ("Minimum age", ""),
    ("Maximum age", ""),
    ("Languages", "ISO 639-1 codes or names separated by ; (blank: en)"),
    ("Booking", "drop_in, book_ahead, referral or blank"),
    ("Group size", "one_to_one, small, medium, large or blank"),
    ("Bring someone", "yes, no or blank"),
    ("Beginners welcome", "yes, no or blank"),
    ("Meet at door", "yes, no or blank"),
    ("Phone", ""),
    ("Email", ""),
    ("Website", ""),
    ("Last verified", "YYYY-MM-DD"),
    ("Status", "active, paused or archived"),
    ("For learners of", "languages it teaches, codes or names separated by ; (ESOL: en)"),
    ("With a child", "yes when for young children with a parent or carer (blank: no)"),
    (
        "Guessed by Navigator",
        "fields Navigator guessed, to confirm, separated by ; (gender; cost ...)",
    ),
    ("Source feed", "the feed it came from"),
    ("Source id", "that feed's own id for it"),
]
SESSION_GROUPS = 3
# What a spreadsheet may run as a formula: a tab or carriage return first, or = + - @ after
# any spaces, in their full-width (＝ ＋ － ＠: East Asian input turns them into formulas) and
# small forms too. A cell that begins with apostrophes before that gets one more.
_FORMULA = r"[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]"
_FORMULA_START = re.compile(_FORMULA)
_NEUTRALISED = re.compile(f"'+(?:{_FORMULA})")
_SESSION = re.compile(r"session ([0-9]{1,2}) (day|start|end|frequency|week of month|starts on)")
_PLACE = re.compile(
    r"place ([2-9]|[1-9][0-9]) "
    r"(name|address|postcode|latitude|longitude|step free|transport note)"
)
_XML_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_XML_UNSAFE = re.compile(f"{_XML_ESCAPE.pattern}|{_ESCAPE_LIKE.pattern}")
Cell = str | int | float | None


def header(session_groups: int = SESSION_GROUPS, more_places: int = 0) -> list[str]:
    """The column names, with `more_places` groups of "Place N ..." columns (N from 2)."""
    places = [f"Place {n} {field}" for n in range(2, more_places + 2) for field, _ in PLACE_FIELDS]
    sessions = [
        f"Session {n} {field}" for n in range(1, session_groups + 1) for field, _ in SESSION_FIELDS
    ]
    return [h for h, _ in COLUMNS] + places + sessions + [h for h, _ in COLUMNS_AFTER]


# Cells ---------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """A text cell no spreadsheet will take for a formula; `unneutralise` reverses it."""
    if _FORMULA_START.match(text) or _NEUTRALISED.match(text):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    return text[1:] if _NEUTRALISED.match(text) else text


def join_list(items: Iterable[str]) -> str:
    return "; ".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_list(cell: str) -> list[str]:
    if "\\" not in cell:  # no escapes (almost every cell): the items are what ; separates
        return [item for part in cell.split(";") if (item := part.strip())]
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in ("\\", ";") else char + following)
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _xml_safe(text: str) -> str:
    """ECMA-376 escapes for what XML cannot hold; a literal "_xHHHH_" is escaped too."""
    if _XML_UNSAFE.search(text) is None:  # almost every cell: one scan, nothing to change
        return text
    text = _ESCAPE_LIKE.sub("_x005F_", text)
    return _XML_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xml_unescape(text: str) -> str:
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


@lru_cache(maxsize=4096)
def _fold(name: str) -> str:
    """A column name as compared: case, spaces and punctuation folded. Remembered, as every
    cell of every row looks its column up by name (a third of reading 100,000 rows)."""
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


_NOT_WORD = re.compile(r"[^\w£]+")
