"""The groundwork every part of reading one ORUK service record stands on: the ids and
the namespace of our own attributes, a record rejected, the small readers of loose JSON
values, and `RecordReader`, which holds one record and reads its text. The parts of
`ServiceReader` (places, times, money, who may come) are built on it."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from navigator.domain.directory import Status
from navigator.formats.cleaning import clean_text, plain_text
from navigator.formats.reading import (
    MAX_TEXT_CHARS,
    number_fault,
    quote,
    text_fault,
    without_faults,
)

ID_PREFIX = "oruk-"
NAMESPACE = "navigator-directory"
MAX_ID_CHARS = 200
_TRUE = frozenset({"true", "yes", "1", "y"})
# ORUK's statuses, folded, and what each is here.
STATUS_IN = {
    "active": Status.ACTIVE,
    "temporarily closed": Status.PAUSED,
    "inactive": Status.ARCHIVED,
    "defunct": Status.ARCHIVED,
}


class Rejected(Exception):
    """A service that cannot become an activity; the message says why."""


def json_kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")


def dicts_of(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def dict_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def number_of(value: Any) -> float | None:
    if type(value) is float:  # most JSON numbers: nothing else to check
        return value if math.isfinite(value) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and number_fault(value) is None:
        return float(value)  # a whole number too large for a float is no number here
    return None


def truthy(value: Any) -> bool:
    """A feed's yes: true, or text such as "true" / "yes" / "1" (CSV packages)."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str | int) and str(value).strip().casefold() in _TRUE


class RecordReader:
    """One service record and what reading it has found so far; its text, read the way
    every part of the record is read.
    """

    def __init__(self, data: dict[str, Any], *, today: dt.date | None = None) -> None:
        self.d = data
        self.today = today or dt.date.today()
        self.cautions: list[str] = []
        self.left_out: set[str] = set()
        self.stated: set[str] = set()
        self.position_guessed = False  # a place's coordinates were read swapped
        self.attrs = our_attributes(data)
        self.ours = "id" in self.attrs
        self._eligibility: list[str] | None = None

    # Text -------------------------------------------------------------------------------------

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        *,
        limit: int = 1000,
        where: str = "",
        raw: bool = False,
    ) -> str | None:
        """Plain text of a field: our own export verbatim, outside feeds tidied. `raw` is
        for addresses (web, email), where "&" belongs to the address, not to HTML."""
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            if value is not None:
                self.cautions.append(f"{where}{key}: {json_kind(value)} is not text; left out")
            return None
        if len(value) > limit * 20:
            raise Rejected(
                f"{where}{key} is {len(value)} characters long; at most {limit} are allowed"
            )
        if (fault := text_fault(value)) is not None:
            # A feed is someone else's: the rest of the text is kept, the character replaced.
            value = without_faults(value)
            self.cautions.append(
                f"{where}{key} {fault}; replaced (a broken character with \ufffd, a control "
                "character with a space)"
            )
        if not raw:
            value = clean_text(value) if self.ours else plain_text(value)
        if not self.ours:
            value = value.strip()
            if not value:
                return None
        if len(value) > limit:
            raise Rejected(
                f"{where}{key} is {len(value)} characters long; at most {limit} are allowed"
            )
        return value

    def names(self, key: str, *fields: str) -> list[str]:
        """The names of a list of named things (`suitabilities: [{"name": ...}]`), or of a
        list of plain strings."""
        value = self.d.get(key)
        if not isinstance(value, list):
            return []
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"name": item}
            if isinstance(item, dict):
                found = next(
                    (t for f in (*fields, "name") if (t := self.text(item, f, limit=500))), None
                )
                if found:
                    out.append(found)
        return out

    def attr(self, key: str) -> str | None:
        values = self.attrs.get(key)
        return values[0] if values else None

    def choice(self, key: str, allowed: type[Any]) -> Any:
        value = self.attr(key)
        if value is None:
            return None
        try:
            return allowed(value)
        except ValueError:
            self.cautions.append(f"attribute {key}: {quote(value)} is not one we know; ignored")
            return None

    def flag(self, key: str) -> bool | None:
        value = self.attr(key)
        return None if value not in ("true", "false") else value == "true"

    def _locations(self) -> list[dict[str, Any]]:
        links = dicts_of(self.d.get("service_at_locations"))
        found = [dict_of(link.get("location")) for link in links if link.get("location")]
        if self.ours:
            return [loc for loc in found if loc]
        return [loc for loc in found + dicts_of(self.d.get("locations")) if loc]


def our_attributes(data: dict[str, Any]) -> dict[str, list[str]]:
    """Our own `key=value` attributes, in order; values are cleaned like any feed text."""
    found: dict[str, list[str]] = {}
    attributes = data.get("attributes")
    if not isinstance(attributes, list):
        return found
    terms = []
    for attribute in attributes:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if not isinstance(term, dict) or term.get("taxonomy") != NAMESPACE:
            continue
        value = term.get("term")
        if isinstance(value, str) and "=" in value:
            terms.append(value)
    # All the terms looked over at once: most services' need no character replaced and
    # no markup read (a dozen terms each), and then each is only split.
    joined = "".join(terms)
    tidy = text_fault(joined) is None and "<" not in joined and "&" not in joined
    for value in terms:
        key, _, rest = (value if tidy else clean_text(without_faults(value))).partition("=")
        if len(rest) <= MAX_TEXT_CHARS:  # longer is no value of ours: ignore it
            found.setdefault(key, []).append(rest)
    return found
