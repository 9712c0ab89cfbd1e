"""What a feed sync compares, field by field, and how each field's value is remembered.

`FIELDS` are the parts of an activity a council feed states (name, venue, times, cost ...),
each with the store columns that hold it and its value in short plain words for a change
("Every Tuesday, 10:00 to 11:30"). A field's value is remembered as JSON text of those
columns (`encode`); `digest` covers them all at once, so a re-sync passes over a record the
feed has not changed without comparing it field by field. What is kept apart: the entry's
id, its source, `guessed` (bookkeeping, see `navigator.formats.guessing`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from navigator.domain.directory import Activity, Venue
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import (
    day_month_year,
    describe_ages,
    describe_booking,
    describe_cost,
    describe_delivery,
    describe_group_size,
    describe_languages,
    describe_learners,
    describe_session,
    describe_status,
    describe_step_free,
    join_words,
)
from navigator.store.repository import (
    COST_COLUMNS,
    VENUE_COLUMNS,
    activity_to_columns,
    row_to_activity,
)


@dataclass(frozen=True, slots=True)
class FeedField:
    key: str  # how changes name it
    label: str  # how a prescriber reads it
    columns: tuple[str, ...]  # the store's columns that hold it
    words: Callable[[Activity], str]  # its value in short plain words
    guesses: tuple[str, ...] = ()  # the `Activity.guessed` names it covers


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _venue_words(venue: Venue | None) -> str:
    if venue is None:
        return "none"
    parts = [p for p in (venue.name, venue.address, venue.postcode) if p]
    if venue.step_free is not None:
        parts.append(describe_step_free(venue.step_free).lower())
    if venue.lat is not None and venue.lon is not None:
        # + 0.0: a zero prints without a sign however it was stored (-0.0 is 0.0 to a map).
        parts.append(f"at {venue.lat + 0.0:.5f}, {venue.lon + 0.0:.5f}")
    return ", ".join(parts) or "a place with no details"


def _welcome_words(a: Activity) -> str:
    said = [
        f"{label}: {_yes_no(value)}"
        for label, value in (
            ("bring someone", a.welcome.bring_someone),
            ("beginners", a.welcome.beginners),
            ("met at the door", a.welcome.meet_at_door),
        )
        if value is not None
    ]
    return "; ".join(said) or "not said"


def _contact_words(a: Activity) -> str:
    return ", ".join(p for p in (a.contact.phone, a.contact.email, a.contact.website) if p) or (
        "none"
    )


FIELDS: tuple[FeedField, ...] = (
    FeedField("name", "Name", ("name",), lambda a: a.name),
    FeedField(
        "organisation", "Organisation", ("organisation",), lambda a: a.organisation or "none"
    ),
    FeedField("description", "Description", ("description",), lambda a: a.description or "none"),
    FeedField(
        "categories",
        "Categories",
        ("categories",),
        lambda a: join_words([category_label(c) for c in a.categories]) or "none",
        ("categories",),
    ),
    FeedField("keywords", "Keywords", ("keywords",), lambda a: ", ".join(a.keywords) or "none"),
    FeedField("delivery", "How it is run", ("delivery",), lambda a: describe_delivery(a.delivery)),
    FeedField(
        "venue",
        "Venue",
        VENUE_COLUMNS,
        lambda a: _venue_words(a.venue),
        ("venue.step_free", "venue.position"),
    ),
    FeedField(
        "more_venues",
        "Other venues",
        ("more_venues",),
        lambda a: "; ".join(_venue_words(v) for v in a.more_venues) or "none",
    ),
    FeedField(
        "sessions",
        "Times",
        ("sessions",),
        lambda a: "; ".join(describe_session(s) for s in a.sessions) or "no times given",
    ),
    FeedField("cost", "Cost", COST_COLUMNS, lambda a: describe_cost(a.cost), ("cost",)),
    FeedField(
        "mental_health_specific",
        "Mental-health group",
        ("mental_health_specific",),
        lambda a: _yes_no(a.mental_health_specific),
        ("mental_health_specific",),
    ),
    FeedField("peer_led", "Peer-led", ("peer_led",), lambda a: _yes_no(a.peer_led)),
    FeedField(
        "gender",
        "Who may attend",
        ("gender",),
        lambda a: {"any": "anyone", "women": "women only", "men": "men only"}[a.gender.value],
        ("gender",),
    ),
    FeedField(
        "age",
        "Ages",
        ("age_min", "age_max"),
        lambda a: describe_ages(a.age_min, a.age_max) or "any age",
        ("age",),
    ),
    FeedField("languages", "Languages", ("languages",), lambda a: describe_languages(a.languages)),
    FeedField("booking", "Joining", ("booking",), lambda a: describe_booking(a.booking)),
    FeedField(
        "group_size",
        "Group size",
        ("group_size",),
        lambda a: describe_group_size(a.group_size) or "not said",
    ),
    FeedField(
        "welcome",
        "First visit",
        ("welcome_bring_someone", "welcome_beginners", "welcome_meet_at_door"),
        _welcome_words,
    ),
    FeedField(
        "contact",
        "Contact",
        ("contact_phone", "contact_email", "contact_website"),
        _contact_words,
    ),
    FeedField(
        "for_learners_of",
        "Language class",
        ("for_learners_of",),
        lambda a: describe_learners(a.for_learners_of) or "not a language class",
        ("for_learners_of",),
    ),
    FeedField(
        "with_child",
        "With a young child",
        ("with_child",),
        lambda a: _yes_no(a.with_child),
        ("with_child",),
    ),
    FeedField("status", "Status", ("status",), lambda a: describe_status(a.status)),
    # A feed's assured date: when the council last checked the entry.
    FeedField(
        "last_verified",
        "Last checked",
        ("last_verified",),
        lambda a: day_month_year(a.last_verified) if a.last_verified else "never",
    ),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}


# The remembered "field" that holds a digest of the feed's whole record, so a re-sync knows
# a record the feed has not changed without comparing it field by field.
WHOLE = "*"
_COMPARED = tuple(c for f in FIELDS for c in f.columns)
# Sorted keys: the same value is always the same text. One encoder, made once (json.dumps
# makes one per call, a third of a 10,000-record plan).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=lambda d: d.isoformat())
# Columns that hold a date (remembered as ISO text).
_DATE_COLUMNS = ("last_verified",)


def columns_of(activity: Activity) -> dict[str, Any]:
    """The store's columns for `activity`, with -0.0 made 0.0: SQLite keeps no sign on a zero,
    so a position of -0.0 would read back as a change nobody made."""
    columns = activity_to_columns(activity)
    for name in ("venue_lat", "venue_lon", "cost_per_session_gbp", "cost_amount_gbp"):
        if columns[name] is not None:
            columns[name] += 0.0  # -0.0 + 0.0 is 0.0; every other number is unchanged
    if columns["more_venues"]:
        columns["more_venues"] = [
            {k: v + 0.0 if k in ("lat", "lon") and v is not None else v for k, v in venue.items()}
            for venue in columns["more_venues"]
        ]
    return columns


def encode(columns: Mapping[str, Any], f: FeedField) -> str:
    """A field's value as the JSON text the store remembers."""
    return _ENCODER.encode({c: columns[c] for c in f.columns})


def digest(columns: Mapping[str, Any]) -> str:
    text = _ENCODER.encode([columns[c] for c in _COMPARED])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def remembered(columns: Mapping[str, Any]) -> dict[str, str]:
    """Every field's value to remember, and the digest of them all."""
    return {f.key: encode(columns, f) for f in FIELDS} | {WHOLE: digest(columns)}


def decode(base: Activity, values: Mapping[str, str]) -> Activity:
    """`base` with the remembered fields in `values` put back: the feed's last version."""
    columns = activity_to_columns(base)
    for key, text in values.items():
        if key in FIELD_BY_KEY:
            columns.update(json.loads(text))
    for name in _DATE_COLUMNS:
        if isinstance(columns[name], str):
            columns[name] = dt.date.fromisoformat(columns[name])
    return from_columns(columns)


def from_columns(columns: Mapping[str, Any]) -> Activity:
    return row_to_activity(SimpleNamespace(**columns))
