"""No field a council feed gives, that the native directory can hold, is dropped silently.

Hypothesis writes Open Referral services in the shapes councils publish (ORUK 3.0 and the
1.0 / Outpost shape), each field present or not, well-formed or not. For every field the
record held, the imported activity must keep it, or the import must name it: as a thing to
check (a caution about that record), in what the file held but could not keep (`left_out`),
or as the reason the record was refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity
from navigator.formats.cleaning import FeedResult, language_code
from navigator.formats.oruk import parse_feed

TODAY = dt.date(2026, 12, 4)

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
times = st.sampled_from(["10:00", "09:30:00", "18:00", "25:00", "noon", "", "00:00"])
days = st.sampled_from(["MO", "TU,TH", "2TU", "-1FR", "XX", "", "SU"])
numbers = st.one_of(
    st.integers(-5, 200), st.floats(-10, 500, allow_nan=False), st.sampled_from(["5", "free", "£3"])
)


def maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | value


@st.composite
def services(draw: st.DrawFn, index: int) -> dict[str, Any]:
    outpost = draw(st.booleans())  # the ORUK 1.0 / Outpost shape, else ORUK 3.0
    service: dict[str, Any] = {"id": f"svc-{index}", "name": f"Group {index}"}
    fields = {
        "description": maybe(words),
        "email": maybe(st.sampled_from(["hello@example.org", "not an email", ""])),
        "url": maybe(st.sampled_from(["https://example.org/a", "example", ""])),
        "minimum_age": maybe(numbers),
        "maximum_age": maybe(numbers),
        "assured_date": maybe(st.sampled_from(["2025-03-01", "yesterday", ""])),
    }
    for key, strategy in fields.items():
        value = draw(strategy)
        if value is not None:
            service[key] = value
    organisation = draw(maybe(words))
    if organisation is not None:
        service["organisation" if outpost else "organization"] = {"name": organisation}
    place = draw(
        maybe(
            st.fixed_dictionaries(
                {
                    "name": words,
                    "lat": maybe(st.floats(-95, 95, allow_nan=False)),
                    "lon": maybe(st.floats(-185, 185, allow_nan=False)),
                    "postcode": maybe(st.sampled_from(["N7 6PA", "bs2 8sj", "12345", ""])),
                    "street": maybe(words),
                }
            )
        )
    )
    if place is not None:
        location: dict[str, Any] = {"name": place["name"]}
        if outpost:
            if place["lat"] is not None and place["lon"] is not None:
                location["geometry"] = {
                    "type": "Point",
                    "coordinates": [place["lon"], place["lat"]],
                }
            if place["street"] is not None:
                location["address_1"] = place["street"]
            if place["postcode"] is not None:
                location["postal_code"] = place["postcode"]
            service["locations"] = [location]
        else:
            if place["lat"] is not None:
                location["latitude"] = place["lat"]
            if place["lon"] is not None:
                location["longitude"] = place["lon"]
            address = {
                k: v
                for k, v in (("address_1", place["street"]), ("postal_code", place["postcode"]))
                if v is not None
            }
            if address:
                location["addresses"] = [address]
            service["service_at_locations"] = [{"location": location}]
    schedule = draw(
        maybe(
            st.fixed_dictionaries(
                {
                    "opens_at": times,
                    "closes_at": times,
                    "byday": days,
                    "freq": st.sampled_from(["WEEKLY", "MONTHLY", "week", "YEARLY", ""]),
                }
            )
        )
    )
    if schedule is not None:
        service["regular_schedules" if outpost else "schedules"] = [schedule]
    cost = draw(
        maybe(
            st.fixed_dictionaries(
                {
                    "amount": maybe(numbers),
                    "option": st.sampled_from(
                        ["", "per session", "per year", "Membership", "Free"]
                    ),
                }
            )
        )
    )
    if cost is not None:
        service["cost_options"] = [{k: v for k, v in cost.items() if v is not None}]
    language = draw(maybe(st.sampled_from(["en", "Polish", "Klingon", "bn"])))
    if language is not None:
        service["languages"] = [{"code" if len(language) == 2 else "name": language}]
    phone = draw(maybe(st.sampled_from(["020 7946 0000", ""])))
    if phone is not None:
        service["contacts"] = [{"phone": phone} if outpost else {"phones": [{"number": phone}]}]
    return service


def _language_kept(value: list[dict[str, str]]) -> Callable[[Activity], bool]:
    code = language_code(next(iter(value[0].values())))
    return lambda a: code is not None and code in a.languages


def _has_place(a: Activity) -> bool:
    return a.venue is not None


# For each field of the record: was it kept in the activity? And which words would name it in
# a caution or in `left_out`.
KEPT: dict[str, tuple[Callable[[Activity], bool], tuple[str, ...]]] = {
    "description": (lambda a: bool(a.description), ("description",)),
    "email": (lambda a: a.contact.email is not None, ("email",)),
    "url": (lambda a: a.contact.website is not None, ("url", "website")),
    "minimum_age": (lambda a: a.age_min is not None, ("age", "minimum_age")),
    "maximum_age": (lambda a: a.age_max is not None, ("age", "maximum_age")),
    "assured_date": (lambda a: a.last_verified is not None, ("assured_date",)),
    "organisation": (lambda a: a.organisation is not None, ("organisation", "organization")),
    "organization": (lambda a: a.organisation is not None, ("organisation", "organization")),
    "locations": (_has_place, ("location", "place", "position", "postcode")),
    "service_at_locations": (_has_place, ("location", "place", "position", "postcode")),
    "schedules": (
        lambda a: bool(a.sessions),
        ("schedule", "opens_at", "closes_at", "byday", "freq", "time"),
    ),
    "regular_schedules": (
        lambda a: bool(a.sessions),
        ("schedule", "opens_at", "closes_at", "byday", "freq", "time"),
    ),
    "cost_options": (lambda a: a.cost is not None, ("cost", "price", "amount")),
    "languages": (lambda a: False, ("language",)),  # judged by `_language_kept` below
    "contacts": (lambda a: a.contact.phone is not None, ("phone", "contact")),
}


def _meaningful(value: Any) -> bool:
    """Whether a field says anything: empty text or an empty object says nothing."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_meaningful(v) for k, v in value.items() if k != "type")
    if isinstance(value, list):
        return any(_meaningful(v) for v in value)
    return value is not None


def named(result: FeedResult, label: str, hints: tuple[str, ...]) -> bool:
    notes = [str(p).casefold() for p in (*result.cautions, *result.rejected) if label in p.path]
    left_out = [field.casefold() for field, _ in result.left_out]
    return any(h in note for note in notes for h in hints) or any(
        h in field for field in left_out for h in hints
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 0), min_size=1, max_size=4).flatmap(
        lambda ns: st.tuples(*(services(i) for i in range(len(ns))))
    )
)
def test_every_field_a_feed_gives_is_kept_or_named(feed: tuple[dict[str, Any], ...]) -> None:
    result = parse_feed(
        {"content": list(feed), "totalPages": 1, "number": 0, "last": True}, today=TODAY
    )
    by_id = {a.id: a for a in result.activities}
    for index, service in enumerate(feed):
        activity = by_id.get(f"oruk-{service['id']}")
        label = f"content[{index}]"
        if activity is None:  # refused whole: the reason is named
            assert any(label in p.path for p in result.rejected), service
            continue
        for field, value in service.items():
            if field not in KEPT or not _meaningful(value):
                continue
            if field in ("minimum_age", "maximum_age") and value == -1:
                continue  # how several feeds say "no limit": read as none, which it means
            kept, hints = KEPT[field]
            if field == "languages":
                kept = _language_kept(value)
            assert kept(activity) or named(result, label, hints), (
                f"{field}={value!r} was dropped without a word: {activity}"
            )
