"""The `navigator-person` v1 file: everything the people store holds about one person.

Written for a subject access request or for moving a record on; it contains nothing about
anyone else. Dates are ISO `YYYY-MM-DD`, times ISO UTC with a `Z`. Every key is always
present (null or [] when empty), so readers need not guess:

```json
{
  "format": "navigator-person", "version": 1,
  "exported_at": "2026-06-12T10:00:00Z",
  "reference": "AB-0042",
  "opened_on": "2026-03-03", "review_due": "2026-06-03", "closed_on": null,
  "referral": {"kind": "referred", "on": "2026-03-03", "snomed_ct": "871731000000106"},
  "profile": {"format": "navigator-profile", "version": 1, "reference": "AB-0042", ...},
  "goals": [{"text": "Get out twice a week", "timeframe": "weeks", "status": "working_on"}],
  "contacts": [{"on": "2026-03-03", "kind": "appointment", "note": ""}],
  "network": [{"on": "2026-03-03", "size": 1,
               "members": [{"alias": "sister", "kind": "person", "circle": 1,
                            "relationship": "family", "frequency": "weekly",
                            "support": ["emotional"], "angle": null}]}],
  "plan": [{"activity_id": "act-1", "activity_name": "Parkside Allotment",
            "status": "stopped", "reason": "closed", "note": "", "updated_on": "2026-05-01",
            "tried_on": "2026-04-01", "regular_since": null,
            "companion": {"who": "sister", "when": "Tuesday", "on_handout": true}}],
  "outcomes": [{"on": "2026-03-03",
                "ucla3": {"lack_companionship": 3, "left_out": 2, "isolated": 3, "total": 8},
                "lonely": "often_always",
                "ons4": {"life_satisfaction": 3, "worthwhile": 4, "happy": 5, "anxious": 7},
                "belonging": 2}],
  "audit": [{"at": "2026-03-03T10:00:00Z", "worker": "Sam", "action": "create",
             "detail": "created"}]
}
```

The enumerations are those of `navigator.domain.people`; `profile` is FORMATS.md §2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from navigator.domain.people import (
    AuditEntry,
    Goal,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PlanItem,
)
from navigator.formats.profile import profile_to_json

FORMAT = "navigator-person"
VERSION = 1


def person_to_json(
    record: PersonRecord, audit: Iterable[AuditEntry], exported_at: dt.datetime
) -> dict[str, Any]:
    referral = record.referral
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _utc(exported_at),
        "reference": record.reference,
        "opened_on": _day(record.opened_on),
        "review_due": _day(record.review_due),
        "closed_on": _day(record.closed_on),
        "referral": None
        if referral is None
        else {
            "kind": referral.kind.value,
            "on": _day(referral.on),
            "snomed_ct": referral.kind.snomed_ct,
        },
        "profile": profile_to_json(record.profile),
        "goals": [_goal(g) for g in record.goals],
        "contacts": [
            {"on": _day(c.on), "kind": c.kind.value, "note": c.note} for c in record.contacts
        ],
        "network": [_snapshot(s) for s in record.network],
        "plan": [_plan(p) for p in record.plan],
        "outcomes": [_outcome(o) for o in record.outcomes],
        "audit": [
            {"at": _utc(a.at), "worker": a.worker, "action": a.action.value, "detail": a.detail}
            for a in audit
        ],
    }


def _goal(g: Goal) -> dict[str, Any]:
    return {"text": g.text, "timeframe": g.timeframe.value, "status": g.status.value}


def _snapshot(s: NetworkSnapshot) -> dict[str, Any]:
    return {"on": _day(s.on), "size": s.size, "members": [_member(m) for m in s.members]}


def _member(m: NetworkMember) -> dict[str, Any]:
    return {
        "alias": m.alias,
        "kind": m.kind.value,
        "circle": m.circle,
        "relationship": None if m.relationship is None else m.relationship.value,
        "frequency": None if m.frequency is None else m.frequency.value,
        "support": [s.value for s in m.support],
        "angle": m.angle,
    }


def _plan(p: PlanItem) -> dict[str, Any]:
    return {
        "activity_id": p.activity_id,
        "activity_name": p.activity_name,
        "status": p.status.value,
        "reason": None if p.reason is None else p.reason.value,
        "note": p.note,
        "updated_on": _day(p.updated_on),
        "tried_on": _day(p.tried_on),
        "regular_since": _day(p.regular_since),
        "companion": None
        if p.companion is None
        else {
            "who": p.companion.who,
            "when": p.companion.when,
            "on_handout": p.companion.on_handout,
        },
    }


def _outcome(o: OutcomeRecord) -> dict[str, Any]:
    companionship, left_out, isolated = o.ucla
    life, worthwhile, happy, anxious = o.ons4
    return {
        "on": _day(o.on),
        "ucla3": {
            "lack_companionship": companionship,
            "left_out": left_out,
            "isolated": isolated,
            "total": o.ucla_total,
        },
        "lonely": None if o.lonely is None else o.lonely.value,
        "ons4": {
            "life_satisfaction": life,
            "worthwhile": worthwhile,
            "happy": happy,
            "anxious": anxious,
        },
        "belonging": o.belonging,  # 1 (not at all) to 4 (very much); null if not asked
    }


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _utc(at: dt.datetime) -> str:
    """Naive times are UTC already (as the store keeps them)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.replace(microsecond=0).isoformat() + "Z"
