"""Our own export read straight: a service record just as `write` writes it becomes its
activity without the general reader's look at every field an outside feed might use.

`read_our_service` is only a short cut. It answers for a record whose fields are all of
the kinds and shapes our writer gives them and that `ServiceReader` would read with nothing
to say (no caution, nothing left out, no rejection); for anything else (a field we never
write, a value of another type, a bad character, an unknown choice, a long text) it answers
None and `ServiceReader` reads the record as it reads any, with the same activity where
both read it (tests/formats/test_oruk_ours.py holds them to that). At 100,000 services the
general reader took about 45 microseconds a record, most of it looking for what is not there.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Delivery,
    Gender,
    GroupSize,
    Session,
    Source,
    Venue,
    Welcome,
)
from navigator.domain.postcodes import normalise_postcode
from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.formats.cleaning import clean_text, plain_text, step_free_from_text
from navigator.formats.languages import language_code
from navigator.formats.oruk.costs import MAX_PRICE_GBP
from navigator.formats.oruk.record import MAX_ID_CHARS, STATUS_IN, number_of
from navigator.formats.oruk.schedules import sessions_from_schedule
from navigator.formats.reading import MAX_TEXT_CHARS, text_fault

# The fields our writer gives a service, a location and a schedule. A record with any other
# field is read the general way: another field may say something (`eligibilitys`, `min_age`,
# `regular_schedules`...) that the general reader would take into account.
_SERVICE_KEYS = frozenset(
    {
        "id",
        "name",
        "description",
        "status",
        "organization_id",
        "organization",
        "email",
        "url",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "schedules",
        "service_at_locations",
        "languages",
        "cost_options",
        "contacts",
        "attributes",
    }
)
_LOCATION_KEYS = frozenset(
    {
        "id",
        "location_type",
        "name",
        "latitude",
        "longitude",
        "transportation",
        "addresses",
        "accessibility",
    }
)
_SCHEDULE_KEYS = frozenset(
    {"id", "service_id", "freq", "interval", "byday", "opens_at", "closes_at", "description"}
    | {"dtstart"}
)
_CATEGORIES = frozenset(CATEGORY_IDS)
_DELIVERY = {m.value: m for m in Delivery}
_GENDER = {m.value: m for m in Gender}
_BOOKING = {m.value: m for m in Booking}
_GROUP_SIZE = {m.value: m for m in GroupSize}
_COST_UNIT = {m.value: m for m in CostUnit}
# The two accessibility notes our writer gives a place, as the general reader reads them.
_STEP_FREE = {
    text: step_free_from_text([plain_text(text)])
    for text in ("Step-free access", "No step-free access")
}
_NOTE_KEYS = frozenset({"id", "location_id", "description"})
_LONGEST_REMEMBERED = 64  # characters of a schedule field worth remembering its reading by


class _NotOurs(Exception):
    """The record is not as our writer writes it: the general reader takes it."""


def read_our_service(d: dict[str, Any], attrs: dict[str, list[str]]) -> Activity | None:
    """The activity of one of our own records (`attrs`: its `our_attributes`, with an
    `id`), or None when the general reader must read it."""
    if not d.keys() <= _SERVICE_KEYS:
        return None
    try:
        return _read(d, attrs)
    except _NotOurs:
        return None


def _read(d: dict[str, Any], attrs: dict[str, list[str]]) -> Activity:
    texts = _Texts()
    name = texts.get(d, "name", 500)
    activity_id = attrs["id"][0]
    if name is None or not name.strip() or not activity_id or len(activity_id) > MAX_ID_CHARS:
        raise _NotOurs
    chosen = [c for c in attrs.get("category", ()) if c in _CATEGORIES]
    if not chosen:
        raise _NotOurs
    description = texts.get(d, "description", MAX_TEXT_CHARS)
    venues = [_venue(loc, index, attrs, texts) for index, loc in enumerate(_locations(d))]
    if "venue" in attrs.get("none", ()):
        venue, more_venues = None, tuple(venues)
    else:
        venue, more_venues = (venues[0] if venues else None), tuple(venues[1:])
    organisation = d.get("organization")
    if organisation is not None:
        if type(organisation) is not dict:
            raise _NotOurs
        organisation = texts.get(organisation, "name", 500)
    phones = [p for c in _dicts(d.get("contacts")) for p in _dicts(c.get("phones"))]
    phone = texts.get(phones[0], "number", 100) if phones else None
    email = texts.get(d, "email", 320, raw=True)
    website = texts.get(d, "url", 2000, raw=True)
    cost = _cost(d, attrs, texts)
    texts.check()
    age_min, age_max = _age(d.get("minimum_age")), _age(d.get("maximum_age"))
    if age_min is not None and age_max is not None and age_min > age_max:
        raise _NotOurs
    status = d.get("status", "active")
    if type(status) is not str or status not in STATUS_IN:
        raise _NotOurs
    return Activity(
        id=activity_id,
        name=name,
        categories=tuple(dict.fromkeys(chosen)),
        organisation=organisation,
        description=description or "",
        keywords=tuple(attrs.get("keyword", ())),
        delivery=_choice(attrs, "delivery", _DELIVERY, required=True),
        venue=venue,
        sessions=_sessions(d),
        cost=cost,
        mental_health_specific=_flag(attrs, "mental_health_specific") is True,
        peer_led=_flag(attrs, "peer_led") is True,
        gender=_choice(attrs, "gender", _GENDER, required=True),
        age_min=age_min,
        age_max=age_max,
        languages=_languages(d),
        booking=_choice(attrs, "booking", _BOOKING),
        group_size=_choice(attrs, "group_size", _GROUP_SIZE),
        welcome=Welcome(
            _flag(attrs, "welcome.bring_someone"),
            _flag(attrs, "welcome.beginners"),
            _flag(attrs, "welcome.meet_at_door"),
        ),
        contact=Contact(
            phone=_attr(attrs, "contact.phone") if "contact.phone" in attrs else phone,
            email=_attr(attrs, "contact.email") if "contact.email" in attrs else email,
            website=_attr(attrs, "contact.website") if "contact.website" in attrs else website,
        ),
        last_verified=_date(d.get("assured_date")),
        status=STATUS_IN[status],
        more_venues=more_venues,
        for_learners_of=tuple(attrs.get("for_learners_of", ())),
        with_child=_flag(attrs, "with_child") is True,
        guessed=tuple(attrs.get("guessed", ())),
        source=(
            Source(feed=_attr(attrs, "source.feed"), external_id=_attr(attrs, "source.external_id"))
            if "source.feed" in attrs or "source.external_id" in attrs
            else None
        ),
    )


class _Texts:
    """The text fields of one record as they stand, each checked as the general reader
    checks it, but together: one search for bad characters for the whole record, and
    `clean_text` only when some text has a "<" or "&" in it (ours rarely has)."""

    def __init__(self) -> None:
        self._plain: list[str] = []  # read as text: the general reader cleans them
        self._raw: list[str] = []  # addresses (web, email): never cleaned, only checked

    def get(self, obj: dict[str, Any], key: str, limit: int, *, raw: bool = False) -> str | None:
        """A text field (None when absent); only text of at most `limit` characters is
        ours (the general reader refuses longer, or shortens it first by cleaning)."""
        value = obj.get(key)
        if value is None:
            return None
        if type(value) is not str or len(value) > limit:
            raise _NotOurs
        (self._raw if raw else self._plain).append(value)
        return value

    def check(self) -> None:
        """Ours only when no text has a bad character (the general reader replaces it, and
        says so) and cleaning would change none."""
        plain = "".join(self._plain)
        if text_fault(plain + "".join(self._raw)) is not None:
            raise _NotOurs
        if ("<" in plain or "&" in plain) and any(clean_text(t) != t for t in self._plain):
            raise _NotOurs


# Parts --------------------------------------------------------------------------------------


def _dicts(value: Any) -> list[dict[str, Any]]:
    """A list of objects, or nothing; a list holding anything else is not ours."""
    if value is None:
        return []
    if type(value) is not list or not all(type(v) is dict for v in value):
        raise _NotOurs
    return value


def _locations(d: dict[str, Any]) -> list[dict[str, Any]]:
    locations = []
    for link in _dicts(d.get("service_at_locations")):
        location = link.get("location")
        if type(location) is not dict or not location or not location.keys() <= _LOCATION_KEYS:
            raise _NotOurs
        locations.append(location)
    return locations


def _venue(loc: dict[str, Any], index: int, attrs: dict[str, list[str]], texts: _Texts) -> Venue:
    addresses = _dicts(loc.get("addresses"))
    if len(addresses) > 1:
        raise _NotOurs
    address = addresses[0] if addresses else {}
    if address.get("address_type", "physical") != "physical":
        raise _NotOurs
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if (lat is not None or lon is not None) and not (
        type(lat) is float
        and type(lon) is float
        and -90 <= lat <= 90
        and -180 <= lon <= 180
        and (lat != 0 or lon != 0)
    ):
        raise _NotOurs  # the general reader says why a position is left out
    step_free = None
    accessibility = _dicts(loc.get("accessibility"))
    if accessibility:
        # Ours: one note, worded as our writer words it.
        note = accessibility[0]
        words = note.get("description")
        if (
            len(accessibility) > 1
            or not note.keys() <= _NOTE_KEYS
            or type(words) is not str
            or words not in _STEP_FREE
        ):
            raise _NotOurs
        step_free = _STEP_FREE[words]
    return Venue(
        name=texts.get(loc, "name", 500),
        address=_address(address, index, attrs, texts),
        postcode=_postcode(address.get("postal_code")),
        lat=lat,
        lon=lon,
        step_free=step_free,
        transport_note=texts.get(loc, "transportation", MAX_TEXT_CHARS),
    )


def _address(
    address: dict[str, Any], index: int, attrs: dict[str, list[str]], texts: _Texts
) -> str | None:
    nones = attrs.get("none", ())
    if "venue" in nones:
        label = f"more_venues.{index}"
    else:
        label = "venue" if index == 0 else f"more_venues.{index - 1}"
    if f"{label}.address" in nones:
        return None
    first = texts.get(address, "address_1", 1000)
    city = texts.get(address, "city", 1000)
    return f"{first}, {city}" if first and city else first


def _postcode(raw: Any) -> str | None:
    if raw is None or (type(raw) is str and not raw.strip()):
        return None
    if type(raw) is not str:
        raise _NotOurs
    tidy = normalise_postcode(raw[:40])
    if tidy is None:
        raise _NotOurs
    return tidy


def _sessions(d: dict[str, Any]) -> tuple[Session, ...]:
    sessions: tuple[Session, ...] = ()
    for s in _dicts(d.get("schedules")):
        if not s.keys() <= _SCHEDULE_KEYS:
            raise _NotOurs
        fields = (
            s.get("freq"),
            s.get("interval"),
            s.get("byday"),
            s.get("opens_at"),
            s.get("closes_at"),
            s.get("dtstart"),
        )
        if type(fields[1]) is not int or not all(
            type(f) is str and len(f) <= _LONGEST_REMEMBERED
            for i, f in enumerate(fields)
            if i != 1 and (i != 5 or f is not None)
        ):
            raise _NotOurs
        sessions += _schedule(*fields)
    return sessions


@lru_cache(maxsize=4096)
def _schedule(
    freq: str, interval: int, byday: str, opens_at: str, closes_at: str, dtstart: str | None
) -> tuple[Session, ...]:
    """What the general reader reads of such a schedule: our exports repeat the same few."""
    schedule: dict[str, Any] = {
        "freq": freq,
        "interval": interval,
        "byday": byday,
        "opens_at": opens_at,
        "closes_at": closes_at,
    }
    if dtstart is not None:
        schedule["dtstart"] = dtstart
    sessions, problem = sessions_from_schedule(schedule, exact=True)
    if problem:
        raise _NotOurs
    return tuple(sessions)


def _cost(d: dict[str, Any], attrs: dict[str, list[str]], texts: _Texts) -> Cost | None:
    options = d.get("cost_options")
    if options is None or options == []:
        return None
    if type(options) is not list or type(options[0]) is not dict:
        raise _NotOurs
    first = options[0]
    notes = texts.get(first, "amount_description", MAX_TEXT_CHARS) or ""
    amount = first.get("amount")
    if amount is not None:
        if type(amount) is int:
            amount = float(amount)
        if type(amount) is not float or not 0 <= amount <= MAX_PRICE_GBP:
            raise _NotOurs
    unit = _choice(attrs, "cost.unit", _COST_UNIT)
    concessions = _flag(attrs, "cost.concessions") is True
    free_taster = _flag(attrs, "cost.free_taster") is True
    if unit is None:
        return Cost(amount, concessions, free_taster, notes)
    per_session = amount if unit is CostUnit.SESSION or amount == 0 else None
    if "cost.per_session_gbp" in attrs:  # a per-session figure set apart
        per_session = number_of(_attr(attrs, "cost.per_session_gbp"))
    return Cost(per_session, concessions, free_taster, notes, amount, unit)


def _age(raw: Any) -> int | None:
    if raw is None or (raw == -1 and type(raw) is int):  # -1: no limit
        return None
    if type(raw) is not int or not 0 <= raw <= 130:
        raise _NotOurs
    return raw


def _languages(d: dict[str, Any]) -> tuple[str, ...]:
    codes = []
    for item in _dicts(d.get("languages")):
        code = item.get("code")
        if type(code) is not str or not code.strip():
            raise _NotOurs
        codes.append(_language_code(code[:100]))
    return tuple(dict.fromkeys(codes)) or ("en",)


@lru_cache(maxsize=1024)
def _language_code(text: str) -> str:
    code = language_code(text)
    if code is None:
        raise _NotOurs
    return code


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if type(value) is not str or len(value) > _LONGEST_REMEMBERED:
        raise _NotOurs
    return _date_of(value)


@lru_cache(maxsize=4096)  # the same few dates recur
def _date_of(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise _NotOurs from None


# Our attributes -------------------------------------------------------------------------------


def _attr(attrs: dict[str, list[str]], key: str) -> str | None:
    values = attrs.get(key)
    return values[0] if values else None


def _flag(attrs: dict[str, list[str]], key: str) -> bool | None:
    value = _attr(attrs, key)
    return None if value not in ("true", "false") else value == "true"


def _choice(
    attrs: dict[str, list[str]], key: str, members: dict[str, Any], *, required: bool = False
) -> Any:
    """A choice among an enum's values; `required`: one the general reader would otherwise
    work out from other fields, so its absence is not ours."""
    value = _attr(attrs, key)
    if value is None:
        if required:
            raise _NotOurs
        return None
    member = members.get(value)
    if member is None:
        raise _NotOurs
    return member
