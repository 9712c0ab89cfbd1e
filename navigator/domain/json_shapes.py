"""A venue and a session as JSON-ready dicts, in the shape of the native file (FORMATS.md §1).

One shape for both places that write them: the native file (`formats/native/write.py`) and
the store's JSON columns (`store/repository.py`). They sit in the domain because the store
and the formats may not import each other (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from navigator.domain.directory import Session, Venue


def venue_to_json(v: Venue) -> dict[str, Any]:
    return {
        "name": v.name,
        "address": v.address,
        "postcode": v.postcode,
        "lat": v.lat,
        "lon": v.lon,
        "step_free": v.step_free,
        "transport_note": v.transport_note,
    }


def session_to_json(s: Session) -> dict[str, Any]:
    """Times as HH:MM; `week_of_month` and `starts_on` only when set."""
    out: dict[str, Any] = {
        "day": s.day.value,
        "start": f"{s.start.hour:02d}:{s.start.minute:02d}",
        "end": f"{s.end.hour:02d}:{s.end.minute:02d}",
        "frequency": s.frequency.value,
    }
    if s.week_of_month is not None:
        out["week_of_month"] = s.week_of_month
    if s.starts_on is not None:
        out["starts_on"] = s.starts_on.isoformat()
    return out
