"""Merging two entries of the directory that are the same activity, field by field.

Pure: no Qt, no database. `field_by_field` puts the two side by side in words (what the
comparison shows), `suggested_choices` proposes a side for each field that differs, and
`merge` builds the kept activity: the kept side (`a`) with its id, taking each field named in
the choices from the side chosen. Finding the pairs is `navigator.services.duplicates`;
storing a merge is `navigator.services.duplicate_review`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from navigator.domain.directory import Activity, Contact, Cost, Session, Venue, Welcome
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import (
    describe_booking,
    describe_cost,
    describe_delivery,
    describe_group_size,
    describe_languages,
    describe_session,
    describe_status,
    describe_step_free,
    long_date,
)

# Which of the two a field's value is taken from: `a` is the one kept, `b` the one archived.
Side = Literal["a", "b"]


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field of two activities, in words. `field` is the Activity field name, the key
    for `merge`'s choices."""

    field: str
    label: str
    a_text: str
    b_text: str
    differs: bool = True


# Every Activity field but the id, in the order the comparison shows them, with its label.
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "organisation": "Run by",
    "description": "Description",
    "categories": "Kind of activity",
    "keywords": "Search words",
    "delivery": "How it is run",
    "venue": "Venue",
    "sessions": "When",
    "cost": "Cost",
    "booking": "How to join",
    "group_size": "Group size",
    "welcome": "First visit",
    "gender": "Who can go",
    "age_min": "Youngest age",
    "age_max": "Oldest age",
    "languages": "Languages",
    "mental_health_specific": "Mental health setting",
    "peer_led": "Peer-led",
    "contact": "Phone, email and website",
    "last_verified": "Last checked",
    "status": "Status",
}
MERGE_FIELDS = tuple(FIELD_LABELS)


def merge(a: Activity, b: Activity, choices: Mapping[str, Side]) -> Activity:
    """`a`, keeping its id, with each field named in `choices` taken from the side chosen.
    Fields not named stay as `a` has them; venue, cost, contact, welcome and sessions are
    taken whole."""
    taken: dict[str, Any] = {}
    for name, side in choices.items():
        if name not in FIELD_LABELS:
            raise ValueError(f'"{name}" is not a field that can be merged')
        if side not in ("a", "b"):
            raise ValueError(f'choose "a" or "b" for {name}, not {side!r}')
        if side == "b":
            taken[name] = getattr(b, name)
    return dataclasses.replace(a, **taken)


def field_by_field(a: Activity, b: Activity) -> list[FieldDifference]:
    """Every mergeable field of both activities, in words, saying which differ. Where the
    usual words are the same but the values are not (venues 40 m apart), the detail that
    differs is added, so the two sides never read alike when they are not."""
    rows = []
    for name, label in FIELD_LABELS.items():
        a_text, b_text = describe_field(a, name), describe_field(b, name)
        differs = getattr(a, name) != getattr(b, name)
        if differs and a_text == b_text:
            a_text += "\n" + _detail(getattr(a, name))
            b_text += "\n" + _detail(getattr(b, name))
        rows.append(FieldDifference(name, label, a_text, b_text, differs=differs))
    return rows


def _detail(value: Any) -> str:
    """What the usual description of a field leaves out."""
    if isinstance(value, Venue):
        if not value.has_position:
            return "Map position not known"
        return f"Map position {value.lat:.5f}, {value.lon:.5f}"
    if isinstance(value, tuple) and value and all(isinstance(s, Session) for s in value):
        dates = [
            f"Every other week from {long_date(s.starts_on)}"
            for s in value
            if s.starts_on is not None
        ]
        return "\n".join(dates) or "No start dates given"
    return f"Exactly as stored: {value!r}"


def differences(a: Activity, b: Activity) -> list[FieldDifference]:
    """The fields where `a` and `b` differ, in words."""
    return [d for d in field_by_field(a, b) if d.differs]


def suggested_choices(a: Activity, b: Activity) -> dict[str, Side]:
    """A starting point for each differing field: `a`'s value, unless `a` leaves it empty or
    unknown and `b` does not, or `b` was checked more recently."""
    choices: dict[str, Side] = {}
    for name in FIELD_LABELS:
        ours, theirs = getattr(a, name), getattr(b, name)
        if ours == theirs:
            continue
        if name == "last_verified":
            later = theirs is not None and (ours is None or theirs > ours)
            choices[name] = "b" if later else "a"
        else:
            choices[name] = "b" if _empty(ours) and not _empty(theirs) else "a"
    return choices


def _empty(value: Any) -> bool:
    return value in (None, "", (), Contact(), Welcome(), Venue(), Cost())


def describe_field(activity: Activity, name: str) -> str:
    """One field as the comparison shows it: plain words, one fact a line."""
    value = getattr(activity, name)
    match name:
        case "organisation" | "name" | "description":
            return value or "Not given"
        case "categories":
            return ", ".join(category_label(c) for c in value) or "None"
        case "keywords":
            return ", ".join(value) or "None"
        case "delivery":
            return describe_delivery(value)
        case "venue":
            return _describe_venue(value)
        case "sessions":
            return "\n".join(describe_session(s) for s in value) or "No fixed times"
        case "cost":
            return describe_cost(value)
        case "booking":
            return describe_booking(value)
        case "group_size":
            return describe_group_size(value) or "Not known"
        case "welcome":
            return _describe_welcome(value)
        case "gender":
            return {"any": "Everyone", "women": "Women only", "men": "Men only"}[value.value]
        case "age_min" | "age_max":
            return "No limit" if value is None else str(value)
        case "languages":
            return describe_languages(value) or "Not given"
        case "mental_health_specific":
            return (
                "Yes: for people with mental health problems, or held in a mental health service"
                if value
                else "No"
            )
        case "peer_led":
            return "Yes: run by people with lived experience" if value else "No"
        case "contact":
            return _describe_contact(value)
        case "last_verified":
            return long_date(value) if value else "Never"
        case "status":
            return describe_status(value)
    raise ValueError(f'"{name}" is not a field that can be merged')


def _describe_venue(venue: Venue | None) -> str:
    if venue is None:
        return "No venue"
    lines = [part for part in (venue.name, venue.address, venue.postcode) if part]
    if not venue.has_position:
        lines.append("Position on the map not known")
    lines.append(describe_step_free(venue.step_free))
    if venue.transport_note:
        lines.append(venue.transport_note)
    return "\n".join(lines)


def _describe_welcome(welcome: Welcome) -> str:
    lines = []
    for flag, yes, no in (
        (welcome.bring_someone, "You can bring someone along", "Cannot bring someone along"),
        (welcome.beginners, "Beginners welcome", "Not for beginners"),
        (
            welcome.meet_at_door,
            "Someone meets newcomers at the door",
            "Nobody meets newcomers at the door",
        ),
    ):
        if flag is not None:
            lines.append(yes if flag else no)
    return "\n".join(lines) or "Not said"


def _describe_contact(contact: Contact) -> str:
    lines = [part for part in (contact.phone, contact.email, contact.website) if part]
    return "\n".join(lines) or "Not given"
