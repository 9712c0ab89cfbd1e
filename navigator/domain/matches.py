"""A match result (FORMATS.md §3): ranked suggestions, near misses and what was left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from navigator.domain.directory import Venue

# The profile field names a near miss can fail, as FORMATS.md §3 names them.
CONSTRAINT_FIELDS: tuple[str, ...] = (
    "max_distance_km",
    "delivery",
    "availability",
    "age",
    "gender",
    "languages",
    "max_cost_gbp",
    "setting",
    "needs_step_free",
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    rank: int
    id: str
    name: str
    score: float  # 0..1
    distance_km: float | None
    next_session: dt.datetime | None  # naive, Europe/London wall-clock time
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    # The place meant, for showing its address: for an in-person activity the nearest of its
    # places to the person (`distance_km` is to it), else its main venue; None online or by
    # phone. Structured data for the UI and handout; not part of the FORMATS.md §3 JSON.
    venue: Venue | None = None
    # Plain facts about the activity that are neither a reason (they fit nothing the person
    # said: "Costs £5.50 a session" when no cost limit was set) nor a caution. Shown without a
    # tick. Added to FORMATS.md §3's result as "facts".
    facts: tuple[str, ...] = ()
    # One short, honest note on what research says about this kind of activity (DOMAIN.md),
    # or None: "Gardening groups can become a valued circle of friends (...)".
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class NearMiss:
    id: str
    name: str
    failed: tuple[str, ...]  # exactly one constraint field name
    detail: str
    venue: Venue | None = None  # as for Suggestion.venue


@dataclass(frozen=True, slots=True)
class MatchReport:
    reference: str | None
    generated_at: dt.datetime
    results: tuple[Suggestion, ...]
    near_misses: tuple[NearMiss, ...]
    excluded: int
