"""Writing ORUK 3.0: a `/services` page of full service records. Fields with no ORUK home
travel as attributes in our own taxonomy `NAMESPACE` (see the package's docstring)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Collection, Iterable
from functools import lru_cache
from hashlib import sha1
from typing import Any, TextIO

from navigator.domain.directory import Activity, Cost, CostUnit, Status, Venue
from navigator.domain.taxonomy import category_label
from navigator.formats.cleaning import LANGUAGE_NAMES, protect_text
from navigator.formats.oruk.record import NAMESPACE
from navigator.formats.oruk.schedules import session_to_schedule

_UUID_NAMESPACE = uuid.UUID("5b0c2f57-8d0e-4a43-9b8e-3f1f4c1e6a27")
_STATUS_OUT = {
    Status.ACTIVE: "active",
    Status.PAUSED: "temporarily closed",
    Status.ARCHIVED: "inactive",
}
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+")
_WEB = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
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
    for index, activity in enumerate(activities):
        out.write((",\n" if index else "\n") + _service_json(activity))
    out.write("\n]}\n")
    return count


# The C encoder, with no indent and no spaces after separators: a tenth of the file. Nothing
# written holds itself, so the check for cycles (a dict of ids for every object) is left out.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _service_json(a: Activity) -> str:
    """`_dumps(activity_to_service(a))`, byte for byte, with the attributes (two thirds of
    a service's text) written as text: each recurring taxonomy term is encoded once for the
    whole file, not once a service."""
    service, attributes = _service(a)
    sid = service["id"]
    # An attribute's id is the UUID 5 of ("attribute", sid, its index): the bytes before the
    # index are the same for all of a service's attributes.
    prefix = _NAMESPACE_BYTES + f"attribute\x1f{sid}\x1f".encode()
    texts = []
    for index, (key, value, label) in enumerate(attributes):
        term_id, term = _term_json(key, value, label) if key != "id" else _id_term_json(value)
        texts.append(
            f'{{"id":"{_uuid_of(prefix + str(index).encode())}","taxonomy_term_id":"{term_id}",'
            f'"link_type":"navigator","taxonomy_term":{term}}}'
        )
    # "attributes" is the service's last member: it goes where the encoded dict closes.
    return f'{_dumps(service)[:-1]},"attributes":[{",".join(texts)}]}}'


def _id_term_json(value: str) -> tuple[str, str]:
    """The term of an activity's own id: different for every activity, so not remembered."""
    term = _new_term("id", value, "Navigator id")
    return term["id"], _dumps(term)


@lru_cache(maxsize=8192)
def _term_json(key: str, value: str, label: str) -> tuple[str, str]:
    term = _taxonomy_term(key, value, label)
    return term["id"], _dumps(term)


def _uuid(*parts: str) -> str:
    """`str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join(parts)))`, without building UUID objects
    (they were half of an export's time: a service has a dozen ids)."""
    return _uuid_of(_NAMESPACE_BYTES + "\x1f".join(parts).encode())


def _uuid_of(name: bytes) -> str:
    """The UUID 5 text of `name`, the namespace's bytes first."""
    h = sha1(name).hexdigest()
    # The version (5) in the 13th hex digit, the RFC 4122 variant in the top bits of the
    # 17th: set on the hex text, which is quicker than on the bytes.
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


_NAMESPACE_BYTES = _UUID_NAMESPACE.bytes
_VARIANT = {f"{n:x}": f"{(n & 0x3) | 0x8:x}" for n in range(16)}


@lru_cache(maxsize=4096)
def _term_id(term: str) -> str:
    """A taxonomy term's id: the same few terms (categories, delivery, gender...) recur."""
    return _uuid("term", term)


def activity_to_service(a: Activity) -> dict[str, Any]:
    service, attributes = _service(a)
    sid = service["id"]
    service["attributes"] = [_attribute(sid, i, *item) for i, item in enumerate(attributes)]
    return service


def _service(a: Activity) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """A service record without its attributes, and the attributes (key, value, label)."""
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
    return service, attributes


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
    """One attribute, nested in its service: no `link_id` (the service it sits in) and no
    `taxonomy_id` (the `taxonomy` names it). Both are optional in ORUK 3.0, and they were a
    fifth of a service's bytes: a service has a dozen attributes."""
    # A copy of a remembered term, so that no caller can change another service's.
    term = dict(_taxonomy_term(key, value, label)) if key != "id" else _new_term(key, value, label)
    return {
        "id": _uuid("attribute", sid, str(index)),
        "taxonomy_term_id": term["id"],
        "link_type": "navigator",
        "taxonomy_term": term,
    }


def _new_term(key: str, value: str, label: str) -> dict[str, str]:
    term = f"{key}={value}"
    return {
        "id": _term_id(term),
        "name": protect_text(label),
        "description": f"Navigator directory field {key}",
        "taxonomy": NAMESPACE,
        "term": protect_text(term),
    }


# The same terms recur (categories, delivery, gender, yes/no fields, common keywords): each
# made once and written from the same dict; an id, different for every activity, is not kept.
_taxonomy_term = lru_cache(maxsize=8192)(_new_term)
