"""What a suggestion shows, read through `explain` exactly as the engine calls it.

`facts` and `evidence` are the match result's newer fields (neither a tick nor a caution). These
helpers compute them from `explain` with the suggestion's own distance and place, so tests of
the wording do not depend on how the engine wires them in; `test_explain.py` checks that the
engine's result carries the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from navigator.domain.directory import Activity
from navigator.domain.matches import Suggestion
from navigator.domain.profile import Profile
from navigator.matching import explain

from .factories import result, run


@dataclass(frozen=True)
class Shown:
    reasons: tuple[str, ...]
    facts: tuple[str, ...]
    cautions: tuple[str, ...]
    evidence: str | None


def shown_for(suggestion: Suggestion, activity: Activity, person: Profile) -> Shown:
    return Shown(
        suggestion.reasons,
        explain.facts(activity, person, suggestion.distance_km, suggestion.venue),
        suggestion.cautions,
        explain.evidence(activity),
    )


def shown(activities: list[Activity], person: Profile, activity_id: str) -> Shown:
    found = result(run(activities, person), activity_id)
    return shown_for(found, next(a for a in activities if a.id == activity_id), person)
