"""`rank`: one person's profile against a directory snapshot, to a match report.

Order of work, all vectorised over the directory except the last step:
1. distances from the person's point to every activity's nearest place;
2. the hard-constraint matrix: suggestions break none, near misses exactly one;
3. interest, goal, preference, nearness and freshness scores;
4. the top candidates, re-ranked for variety, then explained one by one in Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from navigator.domain.directory import Activity, Delivery, Session, Venue
from navigator.domain.matches import CONSTRAINT_FIELDS, MatchReport, NearMiss, Suggestion
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import constraints, explain, scoring
from navigator.matching.schedule import next_session
from navigator.matching.snapshot import DirectorySnapshot, Nearest

DEFAULT_TOP = 10
NEAR_MISS_LIMIT = 10


def _wall_clock(now: dt.datetime | None) -> dt.datetime:
    """Naive Europe/London wall-clock time; an aware time is converted to it."""
    if now is None:
        now = dt.datetime.now(dt.UTC)
    if now.tzinfo is not None:
        from zoneinfo import ZoneInfo  # only needed for aware input

        now = now.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None)
    return now


def rank(profile: Profile, snapshot: DirectorySnapshot, *, now: dt.datetime | None = None,
         top: int | None = DEFAULT_TOP, near_misses: int = NEAR_MISS_LIMIT) -> MatchReport:
    """Rank the snapshot's activities for `profile`.

    `profile.location` must be a `LatLon` or None: resolve a postcode first (the snapshot's
    `postcodes` index, then a geocoder). `now` is naive Europe/London wall-clock time (the
    current time when None). `top=None` returns every suggestion.

    Results are best first. When the person named several interests the head of the list is
    re-ranked for variety (`scoring.with_variety`). A result's `score` is its fit as ranked:
    its own fit, capped at the score of the result above it, so scores never go up down the
    list and stay in 0..1. Near misses are ordered by `near_miss_order`.
    """
    if isinstance(profile.location, PostcodeLocation):
        raise ValueError("resolve the profile's postcode to a LatLon before ranking")
    if profile.location is not None and not isinstance(profile.location, LatLon):
        raise ValueError(f"not a location: {profile.location!r}")
    now = _wall_clock(now)
    n = len(snapshot)
    top = n if top is None else max(0, top)

    nearest = None if profile.location is None else snapshot.nearest(profile.location)
    distances = None if nearest is None else nearest.km
    fails = constraints.failures(profile, snapshot, distances)
    broken = fails.sum(axis=0)
    passing = snapshot.active & (broken == 0)
    near = snapshot.active & (broken == 1)
    excluded = int(np.count_nonzero(snapshot.active & (broken >= 1)))

    match = snapshot.interests.match(profile.interests, snapshot.categories)
    scores = scoring.score(profile, snapshot, match, distances, now)

    several = len(match.interests) > 1
    order = scoring.top_candidates(passing, scores, snapshot,
                                   max(top, scoring.VARIETY_POOL) if several else top)
    if several:
        picked = scoring.with_variety(order, scores, scoring.primary_interest(match), passing,
                                      snapshot, top)
    else:
        picked = [int(i) for i in order]

    stale_before = dt.date.fromordinal(snapshot.stale_before(now))
    results = []
    as_ranked = 1.0
    for position, i in enumerate(picked, start=1):
        activity = snapshot.activities[i]
        as_ranked = min(as_ranked, float(np.clip(scores[i], 0.0, 1.0)))
        km = None if distances is None or np.isnan(distances[i]) else float(distances[i])
        venue = _venue(activity, i, nearest)
        results.append(Suggestion(
            rank=position,
            id=activity.id,
            name=activity.name,
            score=as_ranked,
            distance_km=km,
            next_session=next_session(_sessions_for(profile, activity), now),
            reasons=explain.reasons(activity, i, profile, match, snapshot.category_ids, km,
                                    venue),
            cautions=explain.cautions(activity, profile, stale_before,
                                      position_known=bool(snapshot.placed[i])),
            venue=venue,
        ))

    misses = []
    for i in near_miss_order(profile, snapshot, near, fails, scores, distances)[:near_misses]:
        activity = snapshot.activities[i]
        field = CONSTRAINT_FIELDS[int(np.argmax(fails[:, i]))]
        km = None if distances is None or np.isnan(distances[i]) else float(distances[i])
        misses.append(NearMiss(activity.id, activity.name, (field,),
                               explain.near_miss_detail(field, activity, profile, km),
                               _venue(activity, i, nearest)))

    return MatchReport(
        reference=profile.reference,
        generated_at=now.replace(microsecond=0),
        results=tuple(results),
        near_misses=tuple(misses),
        excluded=excluded,
    )


def _venue(activity: Activity, i: int, nearest: Nearest | None) -> Venue | None:
    """The place a suggestion means: the nearest with a known position, else the main one."""
    if activity.delivery is not Delivery.IN_PERSON:
        return None
    near = None if nearest is None else nearest.venue(i)
    if near is not None:
        return near
    return activity.venues[0] if activity.venues else None


# Near misses: how worth talking through each kind of miss is, most first. A bus fare, a
# different day, a phone call instead of a visit or a side entrance can be talked about; a
# shared language, an age limit or a women-only rule cannot.
NEGOTIABLE = 0  # a little too far, cost, availability, delivery, step-free access
FAR = 1  # well beyond the distance limit, or a distance that cannot be checked
SETTING = 2  # the person's own wish about mental-health settings
FIXED = 3  # language, age, gender
_TIERS = {"max_cost_gbp": NEGOTIABLE, "availability": NEGOTIABLE, "delivery": NEGOTIABLE,
          "needs_step_free": NEGOTIABLE, "setting": SETTING, "languages": FIXED, "age": FIXED,
          "gender": FIXED}
# "A little" too far: up to half the limit again, and at least 1 km, beyond it.
LITTLE_FURTHER_SHARE = 0.5
LITTLE_FURTHER_KM = 1.0
# Gaps are scaled so 1.0 is "a lot": £3 a session over the limit, 3 hours outside the times.
COST_GAP_GBP = 3.0
UNKNOWN_COST_GAP = 0.5
TIME_GAP_MINUTES = 180.0
# A gap up to this "just misses" (2.5 km for a 2 km limit, £1, an hour outside the times).
JUST_MISSES = 1 / 3


def near_miss_order(profile: Profile, snapshot: DirectorySnapshot, near: np.ndarray,
                    fails: np.ndarray, scores: np.ndarray,
                    distances: np.ndarray | None) -> list[int]:
    """The near misses (`near`), most worth talking through first.

    Sorted by, in turn:
    1. how negotiable the one failed constraint is: a little too far, cost, availability,
       delivery and step-free access first; then well beyond the distance limit (or a
       distance that cannot be checked); then the mental-health setting; last language, age
       and gender, which the person cannot change;
    2. how close it comes to passing, as a gap where 0 is "just misses" and 1 is "a lot":
       km beyond the limit over the limit, £ over the limit over £3 (unknown cost 0.5),
       minutes the nearest session runs outside the person's times over 3 hours; the others
       are all or nothing (0). Gaps are taken in three bands (up to JUST_MISSES, up to 1,
       more), so a gardening group 0.3 km too far is not put below a bingo night 0.1 km
       too far: within a band, fit to the person decides;
    3. score, highest first; then name and id.
    """
    keys = []
    for i in np.flatnonzero(near):
        field = CONSTRAINT_FIELDS[int(np.argmax(fails[:, i]))]
        tier, gap = _TIERS.get(field, FAR), 0.0
        if field == "max_distance_km":
            tier, gap = _distance_gap(profile, None if distances is None else distances[i])
        elif field == "max_cost_gbp":
            cost, limit = float(snapshot.cost[i]), profile.max_cost_gbp or 0.0
            gap = UNKNOWN_COST_GAP if np.isnan(cost) else (cost - limit) / COST_GAP_GBP
        elif field == "availability":
            gap = _time_gap(profile, snapshot.activities[i]) / TIME_GAP_MINUTES
        band = 0 if gap <= JUST_MISSES else 1 if gap <= 1.0 else 2
        keys.append((tier, band, -float(scores[i]), int(snapshot.tiebreak[i]), int(i)))
    return [key[-1] for key in sorted(keys)]


def _distance_gap(profile: Profile, km: float | None) -> tuple[int, float]:
    limit = profile.max_distance_km
    if km is None or np.isnan(km) or limit is None:
        return FAR, 1.0
    excess = max(0.0, float(km) - limit)
    gap = excess / max(limit, LITTLE_FURTHER_KM)
    little = excess <= max(LITTLE_FURTHER_KM, LITTLE_FURTHER_SHARE * limit)
    return (NEGOTIABLE if little else FAR), gap


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time_gap(profile: Profile, activity: Activity) -> float:
    """Minutes the session nearest to fitting runs outside one of the person's windows that
    day (a whole TIME_GAP_MINUTES when none of its days is free)."""
    best = TIME_GAP_MINUTES
    for s in activity.sessions:
        for w in profile.availability:
            if w.day is s.day:
                over = (max(0, _minutes(w.start) - _minutes(s.start))
                        + max(0, _minutes(s.end) - _minutes(w.end)))
                best = min(best, float(over))
    return best


def _sessions_for(profile: Profile, activity: Activity) -> list[Session]:
    """Sessions that count for the next date: those inside the person's times, if given."""
    if not profile.availability:
        return list(activity.sessions)
    return [s for s in activity.sessions
            if any(w.day is s.day and w.start <= s.start and s.end <= w.end
                   for w in profile.availability)]
