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
    detail: str  # the failed need and by how much: "Costs £1 a session, £1 over the limit"
    venue: Venue | None = None  # as for Suggestion.venue
    # How well it fits the person's interests and goals (0..1): what near misses are ranked
    # by. Not part of the FORMATS.md §3 JSON's required fields; written as "fit".
    fit: float = 0.0
    # The fact behind the miss said plainly, with nothing about the person's own limits, for
    # the handout when the near miss is shortlisted ("Costs £1 a session"); None when there is
    # nothing the handout should say (a mental-health setting: the handout is discreet).
    fact: str | None = None
    distance_km: float | None = None  # to `venue`; None online, by phone or not known

    @property
    def group(self) -> str:
        """What to talk about: the one failed constraint field, near misses are grouped by."""
        return self.failed[0]


@dataclass(frozen=True, slots=True)
class MatchReport:
    reference: str | None
    generated_at: dt.datetime
    results: tuple[Suggestion, ...]
    near_misses: tuple[NearMiss, ...]
    excluded: int
    # The relevance floor (engine.RELEVANCE_FLOOR): when interests were given, activities that
    # break no hard constraint but match none of the interests are not results. The best few
    # of them, best first, for an "Also nearby" list; and how many there were in all.
    also_nearby: tuple[Suggestion, ...] = ()
    unrelated: int = 0
