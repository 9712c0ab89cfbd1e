"""Writing the native file exactly: `directory_to_json` (whole), `write_directory`
(streamed, an activity a line) and `activity_to_json`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from navigator.domain.directory import Activity, Cost
from navigator.domain.json_shapes import session_to_json, venue_to_json
from navigator.formats.native.read import FORMAT, VERSION


def directory_to_json(activities: Iterable[Activity]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "activities": [activity_to_json(a) for a in activities],
    }


def write_directory(out: TextIO, activities: Iterable[Activity]) -> int:
    """Write a native file to `out` an activity at a time (one a line), never building the
    whole document; gives what `directory_to_json` gives when read back. Returns the count."""
    out.write(f'{{"format": "{FORMAT}", "version": {VERSION}, "activities": [')
    count = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder: no indent
    for activity in activities:
        out.write(",\n" if count else "\n")
        out.write(dumps(activity_to_json(activity)))
        count += 1
    out.write("\n]}\n")
    return count


def activity_to_json(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "organisation": a.organisation,
        "description": a.description,
        "categories": list(a.categories),
        "keywords": list(a.keywords),
        "delivery": a.delivery.value,
        "venue": None if a.venue is None else venue_to_json(a.venue),
        "sessions": [session_to_json(s) for s in a.sessions],
        "cost": None if a.cost is None else _cost_to_json(a.cost),
        "mental_health_specific": a.mental_health_specific,
        "peer_led": a.peer_led,
        "gender": a.gender.value,
        "age_min": a.age_min,
        "age_max": a.age_max,
        "languages": list(a.languages),
        "booking": None if a.booking is None else a.booking.value,
        "group_size": None if a.group_size is None else a.group_size.value,
        "welcome": _without_none(
            {
                "bring_someone": a.welcome.bring_someone,
                "beginners": a.welcome.beginners,
                "meet_at_door": a.welcome.meet_at_door,
            }
        ),
        "contact": _without_none(
            {
                "phone": a.contact.phone,
                "email": a.contact.email,
                "website": a.contact.website,
            }
        ),
        "last_verified": None if a.last_verified is None else a.last_verified.isoformat(),
        "status": a.status.value,
    } | _additions_to_json(a)


def _additions_to_json(a: Activity) -> dict[str, Any]:
    """§1a fields, written only when set, so files without them stay as they were."""
    out: dict[str, Any] = {}
    if a.more_venues:
        out["more_venues"] = [venue_to_json(v) for v in a.more_venues]
    if a.for_learners_of:
        out["for_learners_of"] = list(a.for_learners_of)
    if a.with_child:
        out["with_child"] = True
    if a.guessed:
        out["guessed"] = list(a.guessed)
    if a.source is not None:
        out["source"] = {"feed": a.source.feed, "external_id": a.source.external_id}
    return out


def _cost_to_json(c: Cost) -> dict[str, Any]:
    out: dict[str, Any] = {
        "per_session_gbp": c.per_session_gbp,
        "concessions": c.concessions,
        "free_taster": c.free_taster,
        "notes": c.notes,
    }
    if c.amount_gbp is not None or c.unit is not None:
        out["amount_gbp"] = c.amount_gbp
        out["unit"] = None if c.unit is None else c.unit.value
    return out


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
