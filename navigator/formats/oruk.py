"""Open Referral UK: ORUK 3.0 / HSDS 3.0 and ORUK 1.0 JSON feeds in, ORUK 3.0 JSON out.

Reading accepts a `/services` page (`contents`), an ORUK 1.0 page (`content`, as Outpost and
other Spring-based directories serve it), a plain list of services, or one `/services/{id}`
record. Each service becomes one activity or one rejection with its reason. What a feed
states is kept; what it does not state is guessed by `guessing.apply_guesses` and marked in
`Activity.guessed`; details we cannot express (an odd schedule, a foreign postcode) are left
out, said in a caution and counted by field in `FeedResult.left_out`. See docs/formats.md.

Writing produces a `/services` page whose `contents` are full service records. Fields with
no ORUK home travel as service `attributes` whose taxonomy term belongs to our own taxonomy
`NAMESPACE`, with the field in `term` as `key=value`; reading them back restores the
activity exactly, including its original id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, TextIO

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Source,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.postcodes import in_uk, normalise_postcode
from navigator.domain.taxonomy import CATEGORY_IDS, category_label
from navigator.formats.cleaning import (
    LANGUAGE_NAMES,
    FeedResult,
    clean_text,
    decode_text,
    language_code,
    plain_text,
    protect_text,
    step_free_from_text,
)
from navigator.formats.guessing import apply_guesses
from navigator.formats.json_stream import JsonStream, NotUtf8Error, open_regular_file
from navigator.formats.reading import (
    MAX_JSON_BYTES,
    MAX_PROBLEMS_KEPT,
    MAX_TEXT_CHARS,
    FormatError,
    Problem,
    check_json_size,
    json_failure,
    number_fault,
    quote,
    read_file_bytes,
    text_fault,
    without_faults,
)
from navigator.formats.taxonomy_mapping import FALLBACK_CATEGORY, map_terms
from navigator.formats.units import UNIT_WORDS

ID_PREFIX = "oruk-"
NAMESPACE = "navigator-directory"
_UUID_NAMESPACE = uuid.UUID("5b0c2f57-8d0e-4a43-9b8e-3f1f4c1e6a27")
MAX_ID_CHARS = 200
# As in the native file: above this a "price" is a slip (or a 400-digit number), not a price.
MAX_PRICE_GBP = 100_000
_STATUS_IN = {
    "active": Status.ACTIVE,
    "temporarily closed": Status.PAUSED,
    "inactive": Status.ARCHIVED,
    "defunct": Status.ARCHIVED,
}
_STATUS_OUT = {
    Status.ACTIVE: "active",
    Status.PAUSED: "temporarily closed",
    Status.ARCHIVED: "inactive",
}
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
_DAY_NAMES = {d.label.casefold(): d for d in Day} | {d.label[:3].casefold(): d for d in Day}
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
_FREE_TEXT = re.compile(
    r"(it'?s |this is |the service is )?(free|no charge|free of charge)\.?", re.IGNORECASE
)
_FREE_WORD = re.compile(r"\bfree\b", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+")
_WEB = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# Outpost-style age bands: age_band_under_2, age_band_2_to_4, age_band_5_11, age_band_18_plus,
# age_band_all. Each true band widens the ages; a false one says nothing.
_AGE_BAND = re.compile(
    r"age_band_(?:under_?(\d+)|(\d+)_(?:to_)?(\d+)|(\d+)_?(?:plus|and_over|"
    r"over|up)|(all|any))"
)
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
_MONTHLY_WORDS = re.compile(
    r"\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)s?\b(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?",
    re.IGNORECASE,
)
_GENDER_VALUES = {
    "female": Gender.WOMEN,
    "women": Gender.WOMEN,
    "woman": Gender.WOMEN,
    "girls": Gender.WOMEN,
    "f": Gender.WOMEN,
    "male": Gender.MEN,
    "men": Gender.MEN,
    "man": Gender.MEN,
    "boys": Gender.MEN,
    "m": Gender.MEN,
    "any": Gender.ANY,
    "all": Gender.ANY,
    "mixed": Gender.ANY,
    "everyone": Gender.ANY,
}
_TRUE = frozenset({"true", "yes", "1", "y"})
# What a price is for, from the words beside it ("£40 per term", "annual membership £12").
# "per 1 hour session" is a session's price: the unit is the last word of a "per ..." phrase.
_PER_UNIT = re.compile(
    r"(?:\b(?:per|a|an|each|every)\s+|/\s*)(?:\d+\s*)?(?:[a-z-]+\s+)?"
    r"(session|class|visit|game|lesson|meeting|hour|hr|week|month|term|"
    r"year|annum|course)s?\b",
    re.IGNORECASE,
)
_UNIT_ADJECTIVES = re.compile(
    r"\b(annual(?:ly)?|yearly|monthly|pcm|weekly|termly|hourly|one[- ]off|once only|"
    r"single payment|joining fee|registration fee|course fee|whole course|full course)\b",
    re.IGNORECASE,
)
# Words that say a price is not for one visit, without saying what it is for.
_NOT_PER_VISIT = re.compile(
    r"\b(membership|subscription|deposit|package|block|bundle)\b", re.IGNORECASE
)
_UNIT_OPTION = {
    CostUnit.SESSION: "Per session",
    CostUnit.HOUR: "Per hour",
    CostUnit.WEEK: "Per week",
    CostUnit.MONTH: "Per month",
    CostUnit.TERM: "Per term",
    CostUnit.YEAR: "Per year",
    CostUnit.COURSE: "Per course",
    CostUnit.ONE_OFF: "One-off",
}
_POUNDS = re.compile(r"£\s*([0-9]+(?:\.[0-9]{1,2})?)")


def cost_unit(words: str) -> tuple[CostUnit | None, bool]:
    """The unit the words give a price, and whether they say it is not a per-visit price
    without naming a unit ("Membership")."""
    match = _PER_UNIT.search(words)
    if match:
        return UNIT_WORDS[match.group(1).casefold()], False
    match = _UNIT_ADJECTIVES.search(words)
    if match:
        return UNIT_WORDS[match.group(1).casefold()], False
    return None, _NOT_PER_VISIT.search(words) is not None


class _Rejected(Exception):
    """A service that cannot become an activity; the message says why."""


# Reading --------------------------------------------------------------------------------------


def read_oruk_file(path: Path, *, today: dt.date | None = None) -> FeedResult:
    """Read a feed file as it streams, a service at a time (json_stream), so a feed of any
    size is read in bounded memory: UTF-8 (with or without a byte-order mark), else
    Windows-1252, as some councils' systems write."""
    path = Path(path)
    try:
        return _read_streaming(path, "utf-8-sig", today)
    except NotUtf8Error:
        pass
    try:
        return _read_streaming(path, "cp1252", today)
    except NotUtf8Error as error:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{path.name} is neither UTF-8 nor Windows-1252 text (bad "
                    f"byte at position {error.position})",
                )
            ]
        ) from error


_STREAMED = ("contents", "content")


def _read_streaming(path: Path, encoding: str, today: dt.date | None) -> FeedResult:
    """One pass over the file: the services of a list (the file itself, or a page's
    `contents` / `content`) are read as they are parsed; the rest of the top level is kept
    whole and checked at the end as `parse_feed` checks it."""
    with open_regular_file(path) as file:
        stream = JsonStream(
            file, path.name, encoding=encoding, parse_constant=_no_constant, noun="services"
        )
        kind = stream.start()
        if kind == "[":
            listed = parse_records(
                ((f"[{i}]", item) for i, item in enumerate(stream.items())), today=today
            )
            stream.finish()
            return listed
        if kind != "{":
            data = stream.value()
            stream.finish()
            return parse_feed(data, today=today)
        top: dict[str, Any] = {}
        result: FeedResult | None = None
        streamed_key, count = "", 0
        for key, value in stream.members(streamed=_STREAMED):
            if isinstance(value, Iterator):
                if result is None:
                    counted = _Counted(value)
                    records = ((f"{key}[{i}]", item) for i, item in enumerate(counted))
                    result = parse_records(records, today=today)
                    streamed_key, count = key, counted.count
                value = []  # what the checks below need to know: it was a list
            top[key] = value
        stream.finish()
    if result is None:  # no list of services: one service, or not a feed (parse_feed says)
        return parse_feed(top, today=today)
    _records(top)  # a descriptor or a native file is refused, as parse_feed refuses it
    total_key, pages_key, last_key = (
        ("total_items", "total_pages", "last_page")
        if streamed_key == "contents"
        else ("totalElements", "totalPages", "last")
    )
    paging = _paging(top.get(total_key), top.get(pages_key), top.get(last_key), count)
    return replace(result, cautions=(*paging, *result.cautions))


class _Counted:
    """An iterator that counts what it has given."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self._items:
            self.count += 1
            yield item


def load_feed_json(path: Path) -> Any:
    """JSON from a feed file: UTF-8 with or without a byte-order mark, else Windows-1252."""
    raw = read_file_bytes(path, limit=MAX_JSON_BYTES)
    check_json_size(raw, path.name)  # before decoding: the text is a second copy
    return parse_feed_text(decode_text(raw, path.name), path.name)


def parse_feed_text(text: str, name: str = "input") -> Any:
    if text.startswith("\ufeff"):  # a byte-order mark that survived decoding
        text = text[1:]
    check_json_size(text, name)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is not valid JSON: {error.msg} at line "
                    f"{error.lineno} column {error.colno}",
                )
            ]
        ) from error
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", json_failure(name, error))]) from error


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_feed(data: Any, *, today: dt.date | None = None) -> FeedResult:
    """`today` decides which schedules have ended; it defaults to the clock's date."""
    records, cautions = _records(data)
    return parse_records(records, cautions, today=today)


def parse_records(
    records: Iterable[tuple[str, Any]],
    cautions: list[Problem] | None = None,
    *,
    today: dt.date | None = None,
) -> FeedResult:
    """Service records, each named by where it was found, read one by one."""
    today = today or dt.date.today()
    cautions = list(cautions or [])
    activities: list[Activity] = []
    rejected: list[Problem] = []
    left_out: Counter[str] = Counter()
    seen: dict[str, str] = {}
    not_services = 0
    for path, item in records:
        label = _label(path, item)
        if not isinstance(item, dict):
            not_services += 1
            if not_services > MAX_PROBLEMS_KEPT:  # a file of numbers is no feed: stop here
                raise FormatError(
                    [
                        Problem(
                            "",
                            f"more than {MAX_PROBLEMS_KEPT:,} items are not services "
                            f"(objects), such as {rejected[0].path}; this is not a feed",
                        )
                    ]
                )
            rejected.append(Problem(label, f"expected an object (a service), found {_kind(item)}"))
            continue
        reader = ServiceReader(item, today=today)
        try:
            activity = reader.read()
        except _Rejected as why:
            rejected.append(Problem(label, str(why)))
            continue
        if activity.id in seen:
            rejected.append(
                Problem(
                    label, f"id {quote(activity.id)} is used twice (also at {seen[activity.id]})"
                )
            )
            continue
        seen[activity.id] = path
        activities.append(activity)
        cautions.extend(Problem(label, note) for note in reader.cautions)
        left_out.update(reader.left_out)
    return FeedResult(
        tuple(activities),
        tuple(rejected),
        tuple(cautions),
        tuple(sorted(left_out.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _records(data: Any) -> tuple[Iterable[tuple[str, Any]], list[Problem]]:
    """The records of a feed, each with its path made as it is read (a list of them all
    would cost as much again as the feed)."""
    shapes = (
        'expected a /services page (with "contents"), an ORUK 1.0 page (with "content"), '
        "a list of services or one service"
    )
    if isinstance(data, list):
        return ((f"[{i}]", item) for i, item in enumerate(data)), []
    if not isinstance(data, dict):
        raise FormatError(
            [Problem("", f"not an Open Referral file: {shapes}, found {_kind(data)}")]
        )
    if isinstance(data.get("resources"), list):
        raise FormatError(
            [
                Problem(
                    "resources",
                    "this is a data package descriptor "
                    "(datapackage.json), not a feed; import its "
                    "folder with --format hsds-csv",
                )
            ]
        )
    if data.get("format") == "navigator-directory":
        raise FormatError(
            [
                Problem(
                    "format",
                    'this is a "navigator-directory" file, not Open '
                    "Referral; import it with --format navigator",
                )
            ]
        )
    for key, total_key, pages_key, last_key in (
        ("contents", "total_items", "total_pages", "last_page"),
        ("content", "totalElements", "totalPages", "last"),
    ):
        if key in data:
            items = data[key]
            if not isinstance(items, list):
                raise FormatError(
                    [Problem(key, f"expected a list of services, found {_kind(items)}")]
                )
            return ((f"{key}[{i}]", item) for i, item in enumerate(items)), _paging(
                data.get(total_key), data.get(pages_key), data.get(last_key), len(items)
            )
    if "id" in data or "name" in data:
        return [("service", data)], []
    raise FormatError([Problem("", f"not an Open Referral file: {shapes}")])


def _paging(total: Any, pages: Any, last: Any, here: int) -> list[Problem]:
    """A word when the file is one page of a longer list: more pages, or `last` false."""
    more_pages = isinstance(pages, int) and not isinstance(pages, bool) and pages > 1
    if not more_pages and last is not False:
        return []
    of = f" ({total} services in all)" if isinstance(total, int) else ""
    count = f" of {pages}" if more_pages else ""
    services = f"{here} service{'s' * (here != 1)}"
    return [
        Problem(
            "",
            f"this is one page{count}{of}; only the {services} on it were read. "
            "Save every page to import the whole directory",
        )
    ]


def _label(path: str, item: Any) -> str:
    if isinstance(item, dict):
        name = item.get("name")
        name = plain_text(name[:500]).strip() if isinstance(name, str) else ""
        if name:
            return f"{path} ({quote(name)})"
        if isinstance(item.get("id"), str | int) and not isinstance(item.get("id"), bool):
            return f"{path} (id {quote(str(item['id']))})"
    return path


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> float | None:
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


def _truthy(value: Any) -> bool:
    """A feed's yes: true, or text such as "true" / "yes" / "1" (CSV packages)."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str | int) and str(value).strip().casefold() in _TRUE


class ServiceReader:
    """One service record, read into an activity.

    `cautions` say what was left out or guessed; `left_out` names the fields whose value
    could not be kept; `stated` names the FORMATS.md fields the feed itself gave, so
    `apply_guesses` guesses only the rest.
    """

    def __init__(self, data: dict[str, Any], *, today: dt.date | None = None) -> None:
        self.d = data
        self.today = today or dt.date.today()
        self.cautions: list[str] = []
        self.left_out: set[str] = set()
        self.stated: set[str] = set()
        self.position_guessed = False  # a place's coordinates were read swapped
        self.attrs = _our_attributes(data)
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
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            if value is not None:
                self.cautions.append(f"{where}{key}: {_kind(value)} is not text; left out")
            return None
        if len(value) > limit * 20:
            raise _Rejected(
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
            raise _Rejected(
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

    # The record -------------------------------------------------------------------------------

    def read(self) -> Activity:
        d = self.d
        name = self.text(d, "name", limit=500)
        if name is None or not name.strip():
            raise _Rejected("no name")
        source_id = None if self.ours else self._source_id()
        activity_id = self.attr("id") if self.ours else ID_PREFIX + (source_id or "")
        if not activity_id or len(activity_id) > MAX_ID_CHARS:
            raise _Rejected(f"id {quote(activity_id)} is empty or longer than {MAX_ID_CHARS}")
        description = self.text(d, "description", limit=MAX_TEXT_CHARS) or ""
        categories, keywords = self._categories()
        age_min, age_max = self._ages()
        venues = self._venues()
        if self.ours and "venue" in self.attrs.get("none", ()):
            venue, more_venues = None, tuple(venues)
        else:
            venue, more_venues = (venues[0] if venues else None), tuple(venues[1:])
        sessions = self._sessions()
        activity = Activity(
            id=activity_id,
            name=name,
            categories=categories,
            organisation=self._organisation(),
            description=description,
            keywords=keywords,
            delivery=self.choice("delivery", Delivery) or self._delivery(),
            venue=venue,
            sessions=sessions,
            cost=self._cost(),
            mental_health_specific=bool(self.flag("mental_health_specific")),
            peer_led=bool(self.flag("peer_led")),
            gender=self.choice("gender", Gender) or self._gender(),
            age_min=age_min,
            age_max=age_max,
            languages=self._languages(),
            booking=self.choice("booking", Booking) or self._booking(),
            group_size=self.choice("group_size", GroupSize),
            welcome=Welcome(
                self.flag("welcome.bring_someone"),
                self.flag("welcome.beginners"),
                self.flag("welcome.meet_at_door"),
            ),
            contact=self._contact(),
            last_verified=self._date(d.get("assured_date"), "assured_date"),
            status=self._status(),
            more_venues=more_venues,
            for_learners_of=tuple(self.attrs.get("for_learners_of", ())),
            with_child=bool(self.flag("with_child")),
            guessed=tuple(self.attrs.get("guessed", ())),
            source=self._source(source_id),
        )
        if self.ours:  # our own export states every field; nothing to guess
            return activity
        self._check_monthly_words(description, sessions)
        self._note_unkept()
        if any(v.step_free is not None for v in activity.venues):
            # Read from the feed's accessibility words, not a yes/no field: a guess to confirm.
            self.stated.add("venue.step_free")
            activity = replace(activity, guessed=(*activity.guessed, "venue.step_free"))
        if self.position_guessed:
            activity = replace(activity, guessed=(*activity.guessed, "venue.position"))
        activity, notes = apply_guesses(
            activity, stated=frozenset(self.stated), extra_texts=self._who_for()
        )
        self.cautions.extend(notes)
        return activity

    def _source_id(self) -> str:
        value = self.d.get("id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _Rejected(
                "no id, so a later import could not update it"
                if value is None
                else f"id {quote(value)} is not text or a whole number"
            )
        text = str(value).strip()
        if not text:
            raise _Rejected("no id, so a later import could not update it")
        if (fault := text_fault(text)) is not None:  # an id is a key: never altered
            raise _Rejected(f"id {fault}")
        return text

    def _source(self, source_id: str | None) -> Source | None:
        if not self.ours:
            return Source(feed=None, external_id=source_id)
        if "source.feed" not in self.attrs and "source.external_id" not in self.attrs:
            return None
        return Source(feed=self.attr("source.feed"), external_id=self.attr("source.external_id"))

    def _organisation(self) -> str | None:
        for key in ("organization", "organisation"):  # Outpost spells it the British way
            value = self.d.get(key)
            if isinstance(value, str) and not self.ours:
                value = {"name": value}
            found = self.text(_dict(value), "name", limit=500, where=f"{key}.")
            if found is not None:
                return found
        return None

    def _categories(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self.ours and "category" in self.attrs:
            chosen = [c for c in self.attrs["category"] if c in CATEGORY_IDS]
            if chosen:
                return tuple(dict.fromkeys(chosen)), tuple(self.attrs.get("keyword", ()))
        categories, unmapped = map_terms(self._terms())
        if self.ours:
            keywords = list(self.attrs.get("keyword", ()))
        else:
            # Who a service suits, in the feed's own words, helps matching as keywords.
            keywords = [
                *unmapped,
                *self._audiences(),
                *self.names("suitabilities"),
                *self.names("send_needs"),
            ]
        if categories:
            self.stated.add("categories")
        else:
            categories = (FALLBACK_CATEGORY,)  # replaced by apply_guesses for outside feeds
        return categories, tuple(dict.fromkeys(k for k in keywords if k))

    def _terms(self) -> list[tuple[str, str]]:
        """(term, vocabulary) of every outside taxonomy term on the service."""
        found = []
        for attribute in _dicts(self.d.get("attributes")):
            term = _dict(attribute.get("taxonomy_term"))
            if term.get("taxonomy") != NAMESPACE:
                found.append((term, str(term.get("taxonomy") or term.get("term_uri") or "")))
        for link in _dicts(self.d.get("service_taxonomys")):  # ORUK 1.0
            term = _dict(link.get("taxonomy"))
            found.append((term, str(term.get("vocabulary") or "")))
        found.extend(
            (t, str(t.get("taxonomy") or t.get("vocabulary") or ""))
            for key in ("taxonomy_terms", "taxonomies")  # "taxonomies": Outpost
            for t in _dicts(self.d.get(key))
        )
        out = []
        for term, vocabulary in found:
            label = self.text(term, "name", limit=500) or self.text(term, "term", limit=500)
            if label:
                out.append((label, vocabulary))
        return out

    def _audiences(self) -> list[str]:
        # Bristol's Open Place Directory extension: who the service is for.
        return [
            a
            for a in (
                self.text(item, "audienceType", limit=200)
                for item in _dicts(self.d.get("pc_targetAudience"))
            )
            if a
        ]

    def _who_for(self) -> list[str]:
        """Words from the record that say who it is for, for guessing (never kept as text:
        the directory has no field for them)."""
        texts = [
            *self._eligibility_texts(),
            *self._audiences(),
            *self.names("suitabilities"),
            *self.names("send_needs"),
        ]
        return [t for t in texts if t]

    def _eligibility_texts(self) -> list[str]:
        if self._eligibility is None:
            self._eligibility = self._read_eligibility()
        return self._eligibility

    def _read_eligibility(self) -> list[str]:
        d = self.d
        texts = [
            self.text(e, "eligibility", limit=MAX_TEXT_CHARS)
            for e in _dicts(d.get("eligibilitys")) + _dicts(d.get("eligibility"))
        ]
        for key in ("eligibility_description", "eligibility"):
            if isinstance(d.get(key), str):
                texts.append(self.text(d, key, limit=MAX_TEXT_CHARS))
        return [t for t in texts if t]

    def _note_unkept(self) -> None:
        """Fields whose words the directory has no place for, counted for the report."""
        if self._eligibility_texts():
            self.left_out.add("eligibility")
        for key in (
            "service_areas",
            "holiday_schedules",
            "required_documents",
            "fundings",
            "funding",
        ):
            if _dicts(self.d.get(key)):
                self.left_out.add(key)

    def _delivery(self) -> Delivery:
        attending = str(self.d.get("attending_type") or "").casefold()  # ORUK 1.0
        if attending in ("online", "phone"):
            return Delivery(attending)
        kinds = {str(loc.get("location_type") or "physical") for loc in self._locations()}
        return Delivery.ONLINE if kinds == {"virtual"} else Delivery.IN_PERSON

    def _locations(self) -> list[dict[str, Any]]:
        links = _dicts(self.d.get("service_at_locations"))
        found = [_dict(link.get("location")) for link in links if link.get("location")]
        if self.ours:
            return [loc for loc in found if loc]
        return [loc for loc in found + _dicts(self.d.get("locations")) if loc]

    # Places -----------------------------------------------------------------------------------

    def _venues(self) -> list[Venue]:
        """Every place the service runs, in the feed's order; the same place listed twice
        (under service_at_locations and locations) counts once."""
        venues: list[Venue] = []
        for index, loc in enumerate(self._locations()):
            if not self.ours and loc.get("location_type") in ("virtual", "postal"):
                continue
            venue = self._venue(loc, index)
            if venue is not None and (self.ours or venue not in venues):
                venues.append(venue)
        return venues

    def _venue(self, loc: dict[str, Any], index: int) -> Venue | None:
        where = "location."
        addresses = _dicts(loc.get("addresses")) or _dicts(loc.get("physical_addresses"))
        if not addresses and any(k in loc for k in ("address_1", "postal_code", "city")):
            addresses = [loc]  # ORUK 1.0 / Outpost: the address is on the location itself
        address = next(
            (a for a in addresses if a.get("address_type") != "postal"),
            addresses[0] if addresses else {},
        )
        lat, lon = self._position(loc)
        venue = Venue(
            name=self.text(loc, "name", limit=500, where=where),
            address=self._address(address, index),
            postcode=self._postcode(address),
            lat=lat,
            lon=lon,
            step_free=self._step_free(loc),
            transport_note=self.text(loc, "transportation", limit=MAX_TEXT_CHARS, where=where),
        )
        if not self.ours and venue in (Venue(), Venue(step_free=venue.step_free)):
            return None
        return venue

    def _position(self, loc: dict[str, Any]) -> tuple[float | None, float | None]:
        raw_lat, raw_lon = loc.get("latitude"), loc.get("longitude")
        if raw_lat is None and raw_lon is None:
            # GeoJSON, as Outpost and others give it: coordinates are [longitude, latitude].
            geometry = _dict(loc.get("geometry"))
            coordinates = geometry.get("coordinates")
            if (
                str(geometry.get("type")).casefold() == "point"
                and isinstance(coordinates, list)
                and len(coordinates) >= 2
            ):
                raw_lon, raw_lat = coordinates[0], coordinates[1]
        lat, lon = _number(raw_lat), _number(raw_lon)
        if (
            lat is None
            or lon is None
            or not (-90 <= lat <= 90 and -180 <= lon <= 180)
            or (lat == 0 and lon == 0)
        ):
            if raw_lat is not None or raw_lon is not None:
                self.cautions.append(
                    f"position {quote(raw_lat)}, {quote(raw_lon)} is not a place on Earth; left out"
                )
                self.left_out.add("position")
            return None, None
        if self.ours or in_uk(lat, lon):
            return lat, lon
        if in_uk(lon, lat):  # latitude and longitude the wrong way round, a common slip
            self.cautions.append(
                f"position {lat:g}, {lon:g} is not in the UK but {lon:g}, "
                f"{lat:g} is: read that way round; check it on a map"
            )
            self.position_guessed = True
            return lon, lat
        self.cautions.append(f"position {lat:g}, {lon:g} is outside the UK; left out")
        self.left_out.add("position")
        return None, None

    def _address(self, address: dict[str, Any], index: int) -> str | None:
        where = "address."
        if self.ours:
            label = self._our_venue_label(index)
            if f"{label}.address" in self.attrs.get("none", ()):
                return None
            first = self.text(address, "address_1", limit=1000, where=where)
            city = self.text(address, "city", limit=1000, where=where)
            return f"{first}, {city}" if first and city else first
        parts = [
            self.text(address, key, limit=1000, where=where)
            for key in ("address_1", "address_2", "address_3", "city")
        ]
        return ", ".join(dict.fromkeys(p for p in parts if p)) or None

    def _our_venue_label(self, index: int) -> str:
        if "venue" in self.attrs.get("none", ()):
            return f"more_venues.{index}"
        return "venue" if index == 0 else f"more_venues.{index - 1}"

    def _postcode(self, address: dict[str, Any]) -> str | None:
        raw = address.get("postal_code")
        if not isinstance(raw, str) or not raw.strip():
            return None
        tidy = normalise_postcode(raw[:40])
        if tidy is None:
            self.cautions.append(f"postcode {quote(raw)} is not a UK postcode; left out")
            self.left_out.add("postcode")
        return tidy

    def _step_free(self, loc: dict[str, Any]) -> bool | None:
        texts = []
        for key in ("accessibility", "accessibility_for_disabilities", "accessibilities"):
            for item in _dicts(loc.get(key)):
                for field in ("description", "details", "accessibility", "name"):
                    if isinstance(item.get(field), str):
                        texts.append(plain_text(item[field][:5000]))
        return step_free_from_text(texts)  # "partial wheelchair access" is not known there

    # Times ------------------------------------------------------------------------------------

    def _sessions(self) -> tuple[Session, ...]:
        schedules = [("schedules", s) for s in _dicts(self.d.get("schedules"))]
        if not self.ours:
            schedules += [("regular_schedules", s) for s in _dicts(self.d.get("regular_schedules"))]
            for holder in _dicts(self.d.get("service_at_locations")) + self._locations():
                for key in ("schedules", "regular_schedules", "regular_schedule"):
                    schedules += [(key, s) for s in _dicts(holder.get(key))]
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
        sessions, problem = sessions_from_schedule(s, exact=self.ours)
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
        for match in _MONTHLY_WORDS.finditer(description):
            day = _DAY_NAMES[match.group(2).casefold()]
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

    # Money ------------------------------------------------------------------------------------

    def _cost(self) -> Cost | None:
        cost = self._our_cost() if self.ours else self._feed_cost()
        if cost is not None:
            self.stated.add("cost")
        return cost

    def _our_cost(self) -> Cost | None:
        options = _dicts(self.d.get("cost_options"))
        if not options:
            return None
        first = options[0]
        notes = self.text(first, "amount_description", limit=MAX_TEXT_CHARS) or ""
        amount = _number(first.get("amount"))
        if amount is not None and not 0 <= amount <= MAX_PRICE_GBP:
            self.cautions.append(
                f"cost amount {quote(first.get('amount'))} is not a price; left out"
            )
            amount = None
        unit = self.choice("cost.unit", CostUnit)
        concessions = bool(self.flag("cost.concessions"))
        free_taster = bool(self.flag("cost.free_taster"))
        if unit is None:
            return Cost(amount, concessions, free_taster, notes)
        per_session = amount if unit is CostUnit.SESSION or amount == 0 else None
        if "cost.per_session_gbp" in self.attrs:  # a per-session figure set apart
            per_session = _number(self.attr("cost.per_session_gbp"))
        return Cost(per_session, concessions, free_taster, notes, amount, unit)

    def _feed_cost(self) -> Cost | None:
        """The price as published, with its unit. Of several options, the per-session ones
        win (they are what matching compares); among them the highest price is the one
        everyone can count on, and lower ones mean concessions."""
        options = _dicts(self.d.get("cost_options"))
        notes = "; ".join(n for n in (self._option_text(o) for o in options) if n)
        by_unit: dict[CostUnit | None, list[float]] = {}
        unknown_unit = 0
        for option in options:
            amount = self._amount(option)
            if amount is None:
                continue
            unit = self._option_unit(option, amount)
            if unit is False:
                unknown_unit += 1
                continue
            by_unit.setdefault(unit, []).append(amount)
        if unknown_unit:
            prices = (
                "1 price did not say what it is"
                if unknown_unit == 1
                else f"{unknown_unit} prices did not say what they are"
            )
            self.cautions.append(
                f"{prices} for; kept in the cost notes, not as a per-session price"
            )
            self.left_out.add("cost_options")
        if by_unit:
            units = [u for u in by_unit if u is not None]
            unit = CostUnit.SESSION if CostUnit.SESSION in units else (units[0] if units else None)
            # Free options beside a price are concessions ("free for under 5s").
            amounts = sorted(set(by_unit.get(unit, ())) | set(by_unit.get(None, ())))
            if len(units) > 1:
                self.left_out.add("cost_options")  # prices in a second unit
                self.cautions.append(
                    f"prices in more than one unit; the {unit} price was "
                    "kept, the rest are in the cost notes"
                )
            top = amounts[-1]
            concessions = len(amounts) > 1
            if unit is None or top == 0:  # free
                return Cost(0.0, concessions=concessions, notes=notes[:MAX_TEXT_CHARS])
            per_session = top if unit is CostUnit.SESSION else None
            return Cost(
                per_session,
                concessions=concessions,
                notes=notes[:MAX_TEXT_CHARS],
                amount_gbp=top,
                unit=unit,
            )
        fees = (
            self.text(self.d, "fees", limit=MAX_TEXT_CHARS)
            or self.text(self.d, "fees_text", limit=MAX_TEXT_CHARS)
            or ""
        )
        if _truthy(self.d.get("free")) or _FREE_TEXT.fullmatch(fees):  # Outpost: free: true
            return Cost(0.0, notes=fees or notes[:MAX_TEXT_CHARS])
        if fees:
            cost = self._fees_cost(fees)
            if cost is None:  # "£2.50, £1 concessions", "donation": the price unknown, the
                # words kept, and a stated cost, so "free" is never guessed over them
                self.cautions.append(
                    f"fees {quote(fees[:80])} give no single price with its "
                    "unit; kept in the cost notes, the price not known"
                )
                return Cost(None, notes=fees)
            return cost
        if notes:  # options with words but no price: the words are kept, the price unknown
            return Cost(None, notes=notes[:MAX_TEXT_CHARS])
        return None

    def _fees_cost(self, fees: str) -> Cost | None:
        """A `fees` text with exactly one price and a unit ("£3 per session")."""
        prices = _POUNDS.findall(fees)
        if len(prices) != 1:
            return None
        unit, _ = cost_unit(fees)
        if unit is None:
            return None
        amount = float(prices[0])
        per_session = amount if unit is CostUnit.SESSION or amount == 0 else None
        return Cost(per_session, notes=fees, amount_gbp=amount, unit=unit)

    def _option_unit(
        self, option: dict[str, Any], amount: float
    ) -> CostUnit | Literal[False] | None:
        """The unit of one priced option: a CostUnit, None for free, False when unknown.

        Deciding conservatively: a price whose words name a unit has that unit; a price whose
        words say it is not per visit without naming a unit ("Membership £20") has no unit we
        can use (False: kept in the notes only); any other price, whose words are empty or
        only say who pays ("Adults", "Concessions"), is what a visit costs, which is what an
        ORUK cost option describes, so it is taken as per session.
        """
        if amount == 0:
            return None
        words = " ".join(
            str(option.get(k) or "")[:1000]
            for k in ("option", "amount_description", "cost_type", "unit")
        )
        unit, not_per_visit = cost_unit(words)
        if unit is not None:
            return unit
        return False if not_per_visit else CostUnit.SESSION

    def _amount(self, option: dict[str, Any]) -> float | None:
        amount = _number(option.get("amount"))
        if amount is not None and 0 <= amount <= MAX_PRICE_GBP:
            return amount
        words = " ".join(
            str(option.get(k) or "")[:1000] for k in ("amount", "option", "amount_description")
        )
        if _FREE_WORD.search(words):
            return 0.0
        if option.get("amount") not in (None, ""):  # "£3", -1, "ask": a price we cannot read
            self.cautions.append(
                f"cost amount {quote(option.get('amount'))} is not a price in pounds; left out"
            )
            self.left_out.add("cost_options")
        return None

    def _option_text(self, option: dict[str, Any]) -> str:
        parts = [self.text(option, k, limit=1000) for k in ("option", "amount_description")]
        amount = _number(option.get("amount"))
        label = " ".join(p for p in parts if p)
        if amount is None or not label or not 0 <= amount <= MAX_PRICE_GBP:
            return label
        return f"{label}: £{amount:.2f}"

    # Who may come -----------------------------------------------------------------------------

    def _ages(self) -> tuple[int | None, int | None]:
        sources = [self.d, *_dicts(self.d.get("eligibilitys"))]
        keys_low, keys_high = ("minimum_age", "min_age"), ("maximum_age", "max_age")
        low = next(
            (v for s in sources for k in keys_low if (v := self._age(s, k)) is not None), None
        )
        high = next(
            (v for s in sources for k in keys_high if (v := self._age(s, k)) is not None), None
        )
        if low is None and high is None and not self.ours:
            low, high = self._age_bands()
        if low is not None and high is not None and low > high:
            self.cautions.append(f"minimum age {low} is above maximum age {high}; both left out")
            self.left_out.add("age")
            return None, None
        if low is not None or high is not None:
            self.stated.add("age")
        return low, high

    def _age(self, source: dict[str, Any], key: str) -> int | None:
        raw = source.get(key)
        value = _number(raw)
        if value == -1 or raw is None or (isinstance(raw, str) and not raw.strip()):
            return None  # -1 is how several feeds say "no limit"
        if value is None or not value.is_integer() or not 0 <= value <= 130:
            self.cautions.append(f"{key} {quote(source.get(key))} is not an age; left out")
            self.left_out.add("age")
            return None
        return int(value)

    def _age_bands(self) -> tuple[int | None, int | None]:
        """The ages the true `age_band_*` fields cover together; (None, None) when none is
        true or one of them is open to all."""
        lows: list[int] = []
        highs: list[int | None] = []
        for key, value in self.d.items():
            if not key.startswith("age_band_") or not _truthy(value):
                continue
            match = _AGE_BAND.fullmatch(key)
            if match is None:
                continue
            under, start, end, over, every = match.groups()
            if every:
                return None, None
            if under:
                lows.append(0)
                highs.append(max(int(under) - 1, 0))
            elif start:
                lows.append(int(start))
                highs.append(int(end))
            else:
                lows.append(int(over))
                highs.append(None)
        if not lows:
            return None, None
        high = None if None in highs else max(h for h in highs if h is not None)
        return (min(lows) or None), high

    def _gender(self) -> Gender:
        """Gender only from a field that states it (a gender value, not a sentence);
        sentences ("women only group") are for `apply_guesses`."""
        for source in [self.d, *_dicts(self.d.get("eligibilitys"))]:
            value = source.get("gender")
            if isinstance(value, str) and value.strip().casefold() in _GENDER_VALUES:
                self.stated.add("gender")
                return _GENDER_VALUES[value.strip().casefold()]
        return Gender.ANY

    def _languages(self) -> tuple[str, ...]:
        codes: list[str] = []
        for item in _dicts(self.d.get("languages")):
            raw = next(
                (
                    item[k]
                    for k in ("code", "language", "name")
                    if isinstance(item.get(k), str) and item[k].strip()
                ),
                None,
            )
            if raw is None:
                continue
            code = language_code(raw[:100])
            if code is None:
                self.cautions.append(f"language {quote(raw)} is not one we know; left out")
                self.left_out.add("languages")
            else:
                codes.append(code)
        return tuple(dict.fromkeys(codes)) or ("en",)

    def _booking(self) -> Booking | None:
        if _truthy(self.d.get("needs_referral")):  # Outpost
            return Booking.REFERRAL
        access = str(self.d.get("attending_access") or "").casefold()  # ORUK 1.0
        return {
            "drop-in": Booking.DROP_IN,
            "referral": Booking.REFERRAL,
            "appointment": Booking.BOOK_AHEAD,
            "membership": Booking.BOOK_AHEAD,
        }.get(access)

    def _contact(self) -> Contact:
        d = self.d
        org = _dict(d.get("organization")) or _dict(d.get("organisation"))
        contacts = _dicts(d.get("contacts"))
        if self.ours:
            phones = [p for c in contacts for p in _dicts(c.get("phones"))]
            phone = self.text(phones[0], "number", limit=100) if phones else None
            email = self.text(d, "email", limit=320, raw=True)
            website = self.text(d, "url", limit=2000, raw=True)
        else:
            holders = [d, *contacts, *self._locations(), *_dicts(d.get("service_at_locations"))]
            numbers = [(p, "number") for h in holders for p in _dicts(h.get("phones"))]
            numbers += [(c, "phone") for c in contacts]  # ORUK 1.0 / Outpost: a plain string
            found = (self.text(h, k, limit=100) for h, k in numbers)
            phone = next((n.strip('"') for n in found if n and n.strip('"')), None)
            emails = [
                e
                for e in (self.text(h, "email", limit=320, raw=True) for h in (d, org, *contacts))
                if e
            ]
            email = next(
                (e for e in emails if "@" in e and not e.casefold().endswith(".invalid")), None
            )
            if email is None and any(not e.casefold().endswith(".invalid") for e in emails):
                self.cautions.append(f"email {quote(emails[0])} is not an email address; left out")
                self.left_out.add("email")
            sites = (
                self.text(h, k, limit=2000, raw=True)
                for h, k in ((d, "url"), (org, "website"), (org, "url"))
            )
            website = next((w for w in sites if w), None)
        return Contact(
            phone=self.attr("contact.phone") if "contact.phone" in self.attrs else phone,
            email=self.attr("contact.email") if "contact.email" in self.attrs else email,
            website=self.attr("contact.website") if "contact.website" in self.attrs else website,
        )

    def _date(self, value: Any, key: str) -> dt.date | None:
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            self.cautions.append(f"{key} {quote(value)} is not a date; left out")
            self.left_out.add(key)
            return None

    def _status(self) -> Status:
        raw = self.d.get("status")
        if raw is None:
            return Status.ACTIVE
        status = _STATUS_IN.get(str(raw).strip().casefold())
        if status is None:
            self.cautions.append(f"status {quote(raw)} is not an ORUK status; taken as active")
            return Status.ACTIVE
        return status


def _our_attributes(data: dict[str, Any]) -> dict[str, list[str]]:
    """Our own `key=value` attributes, in order; values are cleaned like any feed text."""
    found: dict[str, list[str]] = {}
    for attribute in _dicts(data.get("attributes")):
        term = _dict(attribute.get("taxonomy_term"))
        value = term.get("term")
        if term.get("taxonomy") == NAMESPACE and isinstance(value, str) and "=" in value:
            key, _, rest = clean_text(without_faults(value)).partition("=")
            if len(rest) <= MAX_TEXT_CHARS:  # longer is no value of ours: ignore it
                found.setdefault(key, []).append(rest)
    return found


# Writing --------------------------------------------------------------------------------------


def directory_to_oruk(activities: Iterable[Activity]) -> dict[str, Any]:
    """A `/services` page holding every activity as a full ORUK 3.0 service record."""
    contents = [activity_to_service(a) for a in activities]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def write_oruk(out: TextIO, activities: Collection[Activity]) -> int:
    """Write the `/services` page of `directory_to_oruk` to `out` a service at a time (one
    a line), never building the whole page. Returns the count."""
    count = len(activities)
    head = json.dumps(
        {
            "total_items": count,
            "total_pages": 1,
            "page_number": 1,
            "size": count,
            "first_page": True,
            "last_page": True,
            "empty": not count,
        }
    )
    out.write(head[:-1] + ', "contents": [')
    dumps = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder: no indent
    for index, activity in enumerate(activities):
        out.write(",\n" if index else "\n")
        out.write(dumps(activity_to_service(activity)))
    out.write("\n]}\n")
    return count


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join(parts)))


def activity_to_service(a: Activity) -> dict[str, Any]:
    sid = _uuid("service", a.id)
    attributes: list[tuple[str, str, str]] = [("id", a.id, "Navigator id")]
    attributes += [("category", c, category_label(c)) for c in a.categories]
    attributes += [("keyword", k, k) for k in a.keywords]
    attributes += [
        ("for_learners_of", code, f"For learners of {LANGUAGE_NAMES.get(code, code)}")
        for code in a.for_learners_of
    ]
    attributes += [("guessed", name, f"Guessed by Navigator: {name}") for name in a.guessed]
    extras = {
        "delivery": a.delivery.value,
        "gender": a.gender.value,
        "booking": a.booking and a.booking.value,
        "group_size": a.group_size and a.group_size.value,
    }
    flags = {
        "mental_health_specific": a.mental_health_specific or None,
        "peer_led": a.peer_led or None,
        "with_child": a.with_child or None,
        "welcome.bring_someone": a.welcome.bring_someone,
        "welcome.beginners": a.welcome.beginners,
        "welcome.meet_at_door": a.welcome.meet_at_door,
        "cost.concessions": (a.cost and a.cost.concessions) or None,
        "cost.free_taster": (a.cost and a.cost.free_taster) or None,
    }
    extras |= {k: None if v is None else str(v).lower() for k, v in flags.items()}
    if a.source is not None:
        extras |= {"source.feed": a.source.feed, "source.external_id": a.source.external_id}
    service: dict[str, Any] = {
        "id": sid,
        "name": protect_text(a.name),
        "description": protect_text(a.description),
        "status": _STATUS_OUT[a.status],
    }
    if a.organisation is not None:
        oid = _uuid("organisation", a.organisation)
        service["organization_id"] = oid
        service["organization"] = {
            "id": oid,
            "name": protect_text(a.organisation),
            "description": "",
        }
    for key, value in (("email", a.contact.email), ("url", a.contact.website)):
        if value is not None and _fits_standard(key, value):
            service[key] = value
        elif value is not None:
            extras[f"contact.{'email' if key == 'email' else 'website'}"] = value
    if a.age_min is not None:
        service["minimum_age"] = a.age_min
    if a.age_max is not None:
        service["maximum_age"] = a.age_max
    if a.last_verified is not None:
        service["assured_date"] = a.last_verified.isoformat()
    if a.sessions:
        service["schedules"] = [
            session_to_schedule(s, _uuid("schedule", a.id, str(i)), sid)
            for i, s in enumerate(a.sessions)
        ]
    if a.venue is None and a.more_venues:
        attributes.append(("none", "venue", "No main venue"))
    labels = (["venue"] if a.venue is not None else []) + [
        f"more_venues.{i}" for i in range(len(a.more_venues))
    ]
    if a.venues:
        # Every place as its own service_at_location: the main venue first, then the rest.
        service["service_at_locations"] = [
            _location(a.id, venue, label, sid, attributes)
            for venue, label in zip(a.venues, labels, strict=True)
        ]
    service["languages"] = [
        {
            "id": _uuid("language", a.id, code),
            "service_id": sid,
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
        }
        for code in a.languages
    ]
    if a.cost is not None:
        service["cost_options"] = [_cost_option(a.id, a.cost, sid, extras)]
    if a.contact.phone is not None:
        service["contacts"] = [
            {
                "id": _uuid("contact", a.id),
                "service_id": sid,
                "phones": [{"id": _uuid("phone", a.id), "number": protect_text(a.contact.phone)}],
            }
        ]
    attributes += [(k, v, f"{k}: {v}") for k, v in extras.items() if v is not None]
    service["attributes"] = [_attribute(sid, i, *item) for i, item in enumerate(attributes)]
    return service


def _cost_option(
    activity_id: str, cost: Cost, sid: str, extras: dict[str, str | None]
) -> dict[str, Any]:
    """The price in ORUK terms: the amount as published and its unit in words ("Per term");
    the unit itself, and a per-session figure that does not follow from it, as attributes."""
    option: dict[str, Any] = {
        "id": _uuid("cost", activity_id),
        "service_id": sid,
        "option": _UNIT_OPTION.get(cost.unit, "Per session") if cost.unit else "Per session",
        "amount_description": protect_text(cost.notes),
    }
    amount = cost.per_session_gbp if cost.unit is None else cost.amount_gbp
    if amount is not None:
        option["amount"] = amount
    if cost.unit is not None:
        extras["cost.unit"] = cost.unit.value
        follows = cost.amount_gbp if cost.unit is CostUnit.SESSION or cost.amount_gbp == 0 else None
        if cost.per_session_gbp != follows:
            extras["cost.per_session_gbp"] = (
                "none" if cost.per_session_gbp is None else repr(cost.per_session_gbp)
            )
    return option


def _fits_standard(key: str, value: str) -> bool:
    """Whether an email or web address is well-formed enough for the ORUK field."""
    if key == "email":
        return _EMAIL.fullmatch(value) is not None
    return _WEB.fullmatch(value) is not None


def _location(
    activity_id: str, venue: Venue, label: str, sid: str, attributes: list[tuple[str, str, str]]
) -> dict[str, Any]:
    # The main venue keeps the ids it always had, so earlier exports stay the same.
    key = (activity_id,) if label == "venue" else (activity_id, label)
    lid = _uuid("location", *key)
    location: dict[str, Any] = {"id": lid, "location_type": "physical"}
    if venue.name is not None:
        location["name"] = protect_text(venue.name)
    if venue.lat is not None and venue.lon is not None:
        location["latitude"], location["longitude"] = venue.lat, venue.lon
    if venue.transport_note is not None:
        location["transportation"] = protect_text(venue.transport_note)
    if venue.address is not None or venue.postcode is not None:
        first, city = venue.address or "", ""
        head, sep, tail = first.rpartition(", ")
        if sep and head and tail:
            first, city = head, tail
        if venue.address is None:
            attributes.append(("none", f"{label}.address", "No address"))
        location["addresses"] = [
            {
                "id": _uuid("address", *key),
                "location_id": lid,
                "address_1": protect_text(first),
                "city": protect_text(city),
                "state_province": "",
                "postal_code": venue.postcode or "",
                "country": "GB",
                "address_type": "physical",
            }
        ]
    if venue.step_free is not None:
        location["accessibility"] = [
            {
                "id": _uuid("accessibility", *key),
                "location_id": lid,
                "description": "Step-free access" if venue.step_free else "No step-free access",
            }
        ]
    return {
        "id": _uuid("service_at_location", *key),
        "service_id": sid,
        "location_id": lid,
        "location": location,
    }


def _attribute(sid: str, index: int, key: str, value: str, label: str) -> dict[str, Any]:
    term = f"{key}={value}"
    term_id = _uuid("term", term)
    return {
        "id": _uuid("attribute", sid, str(index)),
        "link_id": sid,
        "taxonomy_term_id": term_id,
        "link_type": "navigator",
        "taxonomy_term": {
            "id": term_id,
            "name": protect_text(label),
            "description": f"Navigator directory field {key}",
            "taxonomy": NAMESPACE,
            "taxonomy_id": _uuid("taxonomy"),
            "term": protect_text(term),
        },
    }


# Schedules (RFC 5545 RRULE fields) ------------------------------------------------------------


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
    count, start = _number(s.get("count")), _iso_date(s.get("dtstart"))
    period = _PERIOD_DAYS.get(str(s.get("freq") or "WEEKLY").strip().upper())
    interval = _number(s.get("interval")) or 1
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
    interval = _number(s.get("interval"))
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
            elif token.casefold() in _DAY_NAMES:  # "Monday", "Tue"
                days.append((None, _DAY_NAMES[token.casefold()]))
            else:
                return [], f"byday {quote(byday)} is not a list of days such as MO,WE"
        return days, None
    weekday = s.get("weekday")  # ORUK 1.0 / HSDS 2.0: a name, or a number (1 = Monday)
    if isinstance(weekday, str) and weekday.strip().casefold() in _DAY_NAMES:
        return [(None, _DAY_NAMES[weekday.strip().casefold()])], None
    number = _number(weekday)
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
        "opens_at": f"{s.start:%H:%M}",
        "closes_at": f"{s.end:%H:%M}",
        "description": f"{_rhythm(s)}, {s.start:%H:%M} to {s.end:%H:%M}",
    }
    if s.starts_on is not None:
        out["dtstart"] = s.starts_on.isoformat()
    return out


def _rhythm(s: Session) -> str:
    if s.frequency is Frequency.FORTNIGHTLY:
        return f"Every other {s.day.label}"
    if s.frequency is Frequency.MONTHLY:
        names = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}
        if s.week_of_month in names:
            return f"{names[s.week_of_month]} {s.day.label} of the month"
        return f"One {s.day.label} a month"
    return f"Every {s.day.label}"
