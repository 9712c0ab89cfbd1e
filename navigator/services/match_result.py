"""What "match a profile" answers: the report, where the person was placed, and structured
facts (a distance in metres with its walking band, a price with its unit) for the screen and
the command line to word. Nothing here is a sentence to be picked apart later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from enum import StrEnum

from navigator.domain.directory import Activity, Cost, CostUnit
from navigator.domain.matches import MatchReport
from navigator.domain.profile import LatLon
from navigator.domain.wording import MAX_WALK_MINUTES, walking_minutes


def now_to_the_minute() -> dt.datetime:
    """The local wall-clock time without seconds: what suggestions and handouts count from."""
    return dt.datetime.now().replace(second=0, microsecond=0)


class Band(StrEnum):
    """How a distance feels: a walk (up to MAX_WALK_MINUTES), or further (a bus or a lift)."""

    WALK = "walk"
    FURTHER = "further"


@dataclasses.dataclass(frozen=True, slots=True)
class Distance:
    metres: int
    band: Band
    walk_minutes: int  # door to door, rounded to 5 minutes (only said when band is WALK)

    @classmethod
    def from_km(cls, km: float) -> Distance:
        minutes = walking_minutes(km)
        band = Band.WALK if minutes <= MAX_WALK_MINUTES else Band.FURTHER
        return cls(round(km * 1000), band, minutes)

    @property
    def km(self) -> float:
        return self.metres / 1000


@dataclasses.dataclass(frozen=True, slots=True)
class Price:
    """The price as published: free, an amount with what it is for, or not known."""

    free: bool
    amount_gbp: float | None  # None when free or not known
    unit: CostUnit | None  # None when free, not known, or the directory did not say

    @property
    def known(self) -> bool:
        return self.free or self.amount_gbp is not None

    @classmethod
    def of(cls, cost: Cost | None) -> Price:
        if cost is None:
            return cls(False, None, None)
        if cost.per_session_gbp == 0 or cost.amount_gbp == 0:
            return cls(True, None, None)
        if cost.per_session_gbp is not None:
            return cls(False, cost.per_session_gbp, CostUnit.SESSION)
        return cls(False, cost.amount_gbp, cost.unit if cost.amount_gbp is not None else None)


class Precision(StrEnum):
    """How exactly the person was placed, most exact first."""

    POSTCODE = "postcode"  # a directory venue at that very postcode
    GEOCODER = "geocoder"  # an online lookup (or a venue's earlier answer)
    SECTOR = "sector"  # the middle of the postcode sector ("N7 6")
    DISTRICT = "district"  # the middle of the district ("N7"): distances are rough
    POINT = "point"  # the profile gave a point, not a postcode


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    point: LatLon
    precision: Precision
    postcode: str | None = None  # the person's postcode, tidied ("N7 6PA"); None for a point
    area: str | None = None  # what the point stands for: "N7 6PA", "N7 6" or "N7"


class ProblemKind(StrEnum):
    NOT_A_POSTCODE = "not_a_postcode"  # may still be being typed
    CANNOT_PLACE = "cannot_place"


@dataclasses.dataclass(frozen=True, slots=True)
class PlaceProblem:
    kind: ProblemKind
    postcode: str  # as typed
    reason: str  # a sentence without its capital or full stop, for the person panel


@dataclasses.dataclass(frozen=True, slots=True)
class MatchOutcome:
    """The answer to "match a profile". `report` is FORMATS.md §3's result; the rest is for
    showing it: where the person was placed (or why not), how many activities are running,
    and for each activity named in the report its distance and price."""

    report: MatchReport
    place: Place | None
    problem: PlaceProblem | None
    running: int  # active activities in the directory searched
    distances: Mapping[str, Distance]  # activity id -> distance, for those with a known one
    prices: Mapping[str, Price]  # activity id -> price as published

    @property
    def fitting(self) -> int:
        """How many fit every need (and, with interests given, at least one of them)."""
        return self.running - self.report.excluded - self.report.unrelated

    @property
    def placed(self) -> bool:
        return self.place is not None


def outcome_for(
    report: MatchReport,
    activity: Callable[[str], Activity],
    *,
    place: Place | None,
    problem: PlaceProblem | None,
    running: int,
) -> MatchOutcome:
    """Gather the structured facts for every suggestion, near miss and also-nearby entry;
    `activity` finds an activity of the directory searched by its id."""
    answers: list[tuple[str, float | None]] = [
        *((s.id, s.distance_km) for s in report.results),
        *((s.id, s.distance_km) for s in report.also_nearby),
        *((m.id, m.distance_km) for m in report.near_misses),
    ]
    distances = {i: Distance.from_km(km) for i, km in answers if km is not None}
    prices = {i: Price.of(activity(i).cost) for i, _km in answers}
    return MatchOutcome(report, place, problem, running, distances, prices)
