"""Near misses: what the person would have been offered but for one thing.

A near miss is an active activity that breaks exactly one hard constraint and would otherwise
have been a suggestion on the person's interests and goals:
- when interests were given, it matches one of them at least as well as the relevance floor
  (`scoring.RELEVANCE_FLOOR`), exactly as a suggestion must;
- else, when goals were given, it serves one of them;
- else (nothing said about what they like) any activity one need away counts.

`choose` picks them with array operations only (no Python per candidate: a large directory
has tens of thousands of activities one need away), ordered by, in turn:
1. how worth talking through the failed need is (`TIERS`): cost, times, how it is run,
   step-free access and a little too far first; then well beyond the distance limit (or a
   distance that cannot be checked); then the person's own wish about mental-health
   settings; last language, age and gender, which the person cannot change;
2. fit to their interests and goals (`scoring.topic_fit`), best first;
3. how close it comes to passing, in three bands (`_bands`): a gardening group 0.3 km too
   far is not put below a bingo night 0.1 km too far, but between equally fitting ones
   (many share a fit: every activity in a matching category has the same), the one that
   just misses comes first;
4. the whole score, then name and id.
At most MAX_PER_KIND miss on the same need while other kinds are there to show. The few
chosen are then grouped by what to talk about (cost, distance, times, ...), the group of the
best near miss first, and `describe` says for each the failed need and by how much.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from navigator.domain.directory import Activity, Delivery, Session, Venue
from navigator.domain.matches import CONSTRAINT_FIELDS, NearMiss
from navigator.domain.profile import Profile
from navigator.domain.wording import (
    format_km,
    format_limit_km,
    how_far,
    km_beside_limit,
    money,
    price,
)
from navigator.matching import explain
from navigator.matching.schedule import describe_session, describe_sessions
from navigator.matching.snapshot import BoolArray, DirectorySnapshot, FloatArray

# How worth talking through each kind of miss is, most first. A bus fare, a different day, a
# phone call instead of a visit or a side entrance can be talked about; a shared language, an
# age limit or a women-only rule cannot.
NEGOTIABLE = 0  # cost, times, delivery, step-free access, a little too far
FAR = 1  # well beyond the distance limit, or a distance that cannot be checked
SETTING = 2  # the person's own wish about mental-health settings
FIXED = 3  # language, age, gender
TIERS: dict[str, int] = {
    "max_distance_km": NEGOTIABLE,  # FAR when well beyond the limit: see `_tiers`
    "delivery": NEGOTIABLE,
    "availability": NEGOTIABLE,
    "age": FIXED,
    "gender": FIXED,
    "languages": FIXED,
    "max_cost_gbp": NEGOTIABLE,
    "setting": SETTING,
    "needs_step_free": NEGOTIABLE,
}
_TIER_BY_ROW = np.array([TIERS[field] for field in CONSTRAINT_FIELDS], dtype=np.int8)
_DISTANCE_ROW = CONSTRAINT_FIELDS.index("max_distance_km")
_COST_ROW = CONSTRAINT_FIELDS.index("max_cost_gbp")
_TIMES_ROW = CONSTRAINT_FIELDS.index("availability")
# "A little" too far: up to half the limit again, and at least 1 km, beyond it.
LITTLE_FURTHER_SHARE = 0.5
LITTLE_FURTHER_KM = 1.0
# Gaps are scaled so 1.0 is "a lot": £3 a session over the limit, 3 hours outside the times,
# the limit again beyond it (at least 1 km). A gap up to JUST_MISSES "just misses" (2.5 km
# for a 2 km limit, £1, an hour outside the times); up to 1 is band 1; more, band 2.
COST_GAP_GBP = 3.0
UNKNOWN_COST_GAP = 0.5
TIME_GAP_MINUTES = 180.0
JUST_MISSES = 1 / 3
# At most this many near misses on the same need while other kinds are there to show: ten
# near misses that all meet at the wrong time leave nothing to say about a cost or a place.
MAX_PER_KIND = 4


def relevant(
    interest_fit: FloatArray | None, goal_fit: FloatArray | None, n: int, floor: float
) -> BoolArray:
    """Per activity: would it be a suggestion on interests and goals alone?

    `interest_fit` is the best fit to any one interest (None when no interests were given),
    `goal_fit` the goal score (None when no known goals were given)."""
    if interest_fit is not None:
        return interest_fit >= floor
    if goal_fit is not None:
        return goal_fit > 0
    return np.ones(n, dtype=np.bool_)


def failed_rows(
    fails: npt.NDArray[np.bool_], indices: npt.NDArray[np.intp]
) -> npt.NDArray[np.intp]:
    """For each of `indices` (activities that break exactly one constraint), which one."""
    rows: npt.NDArray[np.intp] = np.argmax(fails[:, indices], axis=0)
    return rows


def _tiers(
    profile: Profile, rows: npt.NDArray[np.intp], km: FloatArray | None
) -> npt.NDArray[np.int8]:
    tiers = _TIER_BY_ROW[rows]
    distance = rows == _DISTANCE_ROW
    if not distance.any():
        return tiers
    limit = profile.max_distance_km
    if km is None or limit is None:
        little = np.zeros(len(rows), dtype=np.bool_)
    else:
        # NaN (no known position) compares False: not "a little" too far.
        little = km - limit <= max(LITTLE_FURTHER_KM, LITTLE_FURTHER_SHARE * limit)
    return np.where(distance & ~little, np.int8(FAR), tiers).astype(np.int8)


def _bands(
    profile: Profile,
    snapshot: DirectorySnapshot,
    rows: npt.NDArray[np.intp],
    candidates: npt.NDArray[np.intp],
    km: FloatArray | None,
) -> npt.NDArray[np.int8]:
    """0 (just misses), 1 or 2 (a lot) per candidate, from how far it is from passing;
    misses that are all or nothing (language, delivery...) are 0."""
    gaps = np.zeros(len(candidates), dtype=np.float64)
    cost = rows == _COST_ROW
    if cost.any():
        price = snapshot.cost[candidates[cost]]
        over = (price - (profile.max_cost_gbp or 0.0)) / COST_GAP_GBP
        gaps[cost] = np.where(np.isnan(price), UNKNOWN_COST_GAP, over)
    distance = rows == _DISTANCE_ROW
    limit = profile.max_distance_km
    if distance.any() and km is not None and limit is not None:
        beyond = (km[distance] - limit) / max(limit, LITTLE_FURTHER_KM)
        gaps[distance] = np.where(np.isnan(beyond), 1.0, beyond)
    times = rows == _TIMES_ROW
    if times.any():
        gaps[times] = _minutes_outside(profile, snapshot, candidates[times]) / TIME_GAP_MINUTES
    return np.where(gaps <= JUST_MISSES, 0, np.where(gaps <= 1.0, 1, 2)).astype(np.int8)


def _minutes_outside(
    profile: Profile, s: DirectorySnapshot, indices: npt.NDArray[np.intp]
) -> FloatArray:
    """Per activity in `indices`: the minutes its session nearest to fitting runs outside
    one of the person's windows that day (TIME_GAP_MINUTES when none meets on a free day).
    Over the session table's rows for these activities only, no Python per session."""
    wanted = np.zeros(len(s), dtype=np.bool_)
    wanted[indices] = True
    rows = np.flatnonzero(wanted[s.session_activity])
    start = s.session_start[rows].astype(np.float64)
    end = s.session_end[rows].astype(np.float64)
    day = s.session_day[rows]
    over = np.full(len(rows), TIME_GAP_MINUTES)
    for window in profile.availability:
        w_start, w_end = _minutes(window.start), _minutes(window.end)
        this = np.maximum(0.0, w_start - start) + np.maximum(0.0, end - w_end)
        np.minimum(over, np.where(day == window.day.weekday, this, TIME_GAP_MINUTES), out=over)
    per_activity = np.full(len(s), TIME_GAP_MINUTES)
    np.minimum.at(per_activity, s.session_activity[rows], over)
    return per_activity[indices]


def _best(
    profile: Profile,
    snapshot: DirectorySnapshot,
    candidates: npt.NDArray[np.intp],
    rows: npt.NDArray[np.intp],
    fits: FloatArray,
    scores: FloatArray,
    distances: FloatArray | None,
    limit: int,
) -> npt.NDArray[np.intp]:
    """The best `limit` of `candidates` in the module docstring's order, best first."""
    km = None if distances is None else distances[candidates]
    tiers = _tiers(profile, rows, km)
    if len(candidates) > limit:
        # One float key that orders as (tier, -fit): tiers lie a whole unit apart and fit
        # moves a key by at most 0.5. Keep everything up to the limit-th key, ties whole
        # (so the later keys can still choose among them), and sort only those exactly.
        key = tiers + 0.5 * (1.0 - fits)
        keep = key <= np.partition(key, limit - 1)[limit - 1]
        candidates, rows, fits, tiers = candidates[keep], rows[keep], fits[keep], tiers[keep]
        km = None if km is None else km[keep]
    bands = _bands(profile, snapshot, rows, candidates, km)
    order = np.lexsort((snapshot.tiebreak[candidates], -scores[candidates], bands, -fits, tiers))
    return candidates[order[:limit]]


def choose(
    profile: Profile,
    snapshot: DirectorySnapshot,
    near: BoolArray,
    fails: npt.NDArray[np.bool_],
    fit: FloatArray,
    scores: FloatArray,
    distances: FloatArray | None,
    limit: int,
) -> list[int]:
    """The best `limit` of the near misses in `near` (already only the relevant ones), in
    the module docstring's order, with at most MAX_PER_KIND missing on the same need while
    others are there to show; then grouped by failed need (the best near miss's group
    first, each group best first).

    Array work over all candidates: the best `limit` of each kind (at most nine kinds);
    Python only over those few."""
    candidates = np.flatnonzero(near)
    if limit <= 0 or len(candidates) == 0:
        return []
    rows = failed_rows(fails, candidates)
    pool = np.concatenate(
        [
            _best(
                profile,
                snapshot,
                candidates[rows == row],
                rows[rows == row],
                fit[candidates[rows == row]],
                scores,
                distances,
                limit,
            )
            for row in np.unique(rows)
        ]
    )
    ranked = _best(
        profile, snapshot, pool, failed_rows(fails, pool), fit[pool], scores, distances, len(pool)
    ).tolist()
    kinds = failed_rows(fails, np.asarray(ranked, dtype=np.intp)).tolist()
    taken: list[int] = []  # positions in `ranked`, best first
    per_kind: dict[int, int] = {}
    for position, kind in enumerate(kinds):
        if len(taken) == limit:
            break
        if per_kind.get(kind, 0) < MAX_PER_KIND:
            taken.append(position)
            per_kind[kind] = per_kind.get(kind, 0) + 1
    if len(taken) < limit:  # too few kinds to fill the list: the best of the rest
        chosen = set(taken)
        taken += [p for p in range(len(ranked)) if p not in chosen][: limit - len(taken)]
        taken.sort()
    first_of_kind: dict[int, int] = {}
    for position in taken:
        first_of_kind.setdefault(kinds[position], position)
    taken.sort(key=lambda p: (first_of_kind[kinds[p]], p))
    return [ranked[p] for p in taken]


def describe(
    field: str,
    activity: Activity,
    profile: Profile,
    km: float | None,
    fit: float,
    venue: Venue | None = None,
) -> NearMiss:
    """The near miss as shown: the failed need and by how much, and the plain fact."""
    return NearMiss(
        activity.id,
        activity.name,
        (field,),
        detail(field, activity, profile, km),
        venue=venue,
        fit=fit,
        fact=fact(field, activity, profile, km),
        distance_km=km,
    )


def detail(field: str, activity: Activity, profile: Profile, km: float | None) -> str:
    """The one thing that does not fit and by how much, said about the activity:
    "Costs £1 a session, £1 over the limit";
    "About 4.4 km away, 1.4 km further than the 3 km limit";
    "Tuesdays 10:00 to 12:30, ends 30 minutes after the times you gave"."""
    if field == "max_cost_gbp":
        return _cost_detail(activity, profile)
    if field == "max_distance_km" and km is not None and profile.max_distance_km is not None:
        return _distance_detail(km, profile.max_distance_km)
    if field == "availability":
        return _times_detail(activity, profile)
    return explain.near_miss_detail(field, activity, profile, km)


def fact(field: str, activity: Activity, profile: Profile, km: float | None) -> str | None:
    """What the handout says about a shortlisted near miss: the fact behind the miss, with
    nothing about the person's own limits or times (the handout is discreet, DOMAIN.md), and
    nothing at all for a mental-health setting."""
    if field == "setting":
        return None
    if field == "max_cost_gbp":
        published = price(activity.cost)
        return "Cost not known: ask them" if published is None else _costs(published)
    if field == "max_distance_km":
        return None if km is None else how_far(km)
    if field == "availability":
        return describe_sessions(activity.sessions)  # "Sundays 15:00 to 17:00"
    if field == "delivery":
        return {
            Delivery.ONLINE: "Online only",
            Delivery.PHONE: "By phone only",
            Delivery.IN_PERSON: "In person only",
        }[activity.delivery]
    if field == "needs_step_free":
        return "No step-free access"
    return explain.near_miss_detail(field, activity, profile, km)


def _costs(published: str) -> str:
    return published if published == "Free" else f"Costs {published}"


def _cost_detail(activity: Activity, profile: Profile) -> str:
    """ "Costs £4 a session, £1 over the limit (concessions available)". Against "free only"
    the price itself is how much; a price for another unit ("£5 a year") has no
    per-session figure to set against the limit, so it is said as published."""
    cost = activity.cost
    published = price(cost)
    if cost is None or published is None:
        return "Cost not known"
    limit = profile.max_cost_gbp or 0.0
    over = ""
    if cost.per_session_gbp is not None and limit > 0:
        over = f", {money(cost.per_session_gbp - limit)} over the limit"
    extras = [
        text
        for flag, text in (
            (cost.free_taster, "first session free"),
            (cost.concessions, "concessions available"),
        )
        if flag
    ]
    more = f" ({', '.join(extras)})" if extras else ""
    return f"{_costs(published)}{over}{more}"


def _distance_detail(km: float, limit: float) -> str:
    """ "About 4.4 km away, 1.4 km further than the 3 km limit"; the distance rounded so it
    never reads as within the limit (`wording.km_beside_limit`)."""
    shown = km_beside_limit(km, limit)
    limit_text = format_limit_km(limit)
    if shown is None:
        return f"Just over the {limit_text} limit"
    if km - limit < 0.05:  # the excess would round to "0 km further"
        return f"About {shown} away, just over the {limit_text} limit"
    return f"About {shown} away, {format_km(km - limit)} further than the {limit_text} limit"


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _times_detail(activity: Activity, profile: Profile) -> str:
    """The session that comes nearest to fitting one of the person's windows, and by how
    much it runs outside it: "Tuesdays 12:00 to 14:00, ends 1 hour after the times you
    gave". When no session overlaps a window at all, only that it is outside them."""
    best: tuple[int, int, int, Session] | None = None  # (total, early, late, session)
    for session in activity.sessions:
        start, end = _minutes(session.start), _minutes(session.end)
        for window in profile.availability:
            w_start, w_end = _minutes(window.start), _minutes(window.end)
            if window.day is not session.day or end <= w_start or start >= w_end:
                continue  # another day, or no overlap: not "nearly" inside this window
            early, late = max(0, w_start - start), max(0, end - w_end)
            if best is None or early + late < best[0]:
                best = (early + late, early, late, session)
    if best is None:
        return f"{describe_sessions(activity.sessions)}, outside the times you gave"
    total, early, late, session = best
    if early and late:
        how = f"runs {_duration(total)} outside the times you gave"
    elif late:
        how = f"ends {_duration(late)} after the times you gave"
    else:
        how = f"starts {_duration(early)} before the times you gave"
    return f"{describe_session(session)}, {how}"


def _duration(minutes: int) -> str:
    """ "30 minutes", "1 hour", "2 hours 15 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' * (rest != 1)}")
    return " ".join(parts)
