"""`rank`: one person's profile against a directory snapshot, to a match report.

Order of work, all vectorised over the directory except the last step:
1. distances from the person's point to every venue;
2. the hard-constraint matrix: suggestions break none, near misses exactly one;
3. interest, goal, preference, nearness and freshness scores;
4. the top candidates, re-ranked for variety, then explained one by one in Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from navigator.domain.directory import Activity, Session
from navigator.domain.matches import CONSTRAINT_FIELDS, MatchReport, NearMiss, Suggestion
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import constraints, explain, scoring
from navigator.matching.schedule import next_session
from navigator.matching.snapshot import DirectorySnapshot

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
    re-ranked for variety (`scoring.with_variety`), so a result's `score` (its own fit) can
    be a little below the next one's.
    """
    if isinstance(profile.location, PostcodeLocation):
        raise ValueError("resolve the profile's postcode to a LatLon before ranking")
    if profile.location is not None and not isinstance(profile.location, LatLon):
        raise ValueError(f"not a location: {profile.location!r}")
    now = _wall_clock(now)
    n = len(snapshot)
    top = n if top is None else max(0, top)

    distances = None if profile.location is None else snapshot.distances_km(profile.location)
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
    for position, i in enumerate(picked, start=1):
        activity = snapshot.activities[i]
        km = None if distances is None or np.isnan(distances[i]) else float(distances[i])
        results.append(Suggestion(
            rank=position,
            id=activity.id,
            name=activity.name,
            score=float(scores[i]),
            distance_km=km,
            next_session=next_session(_sessions_for(profile, activity), now),
            reasons=explain.reasons(activity, i, profile, match, snapshot.category_ids, km),
            cautions=explain.cautions(activity, profile, stale_before,
                                      position_known=not np.isnan(snapshot.lat[i])),
        ))

    misses = []
    for i in scoring.top_candidates(near, scores, snapshot, near_misses):
        activity = snapshot.activities[int(i)]
        field = CONSTRAINT_FIELDS[int(np.argmax(fails[:, i]))]
        km = None if distances is None or np.isnan(distances[i]) else float(distances[i])
        misses.append(NearMiss(activity.id, activity.name, (field,),
                               explain.near_miss_detail(field, activity, profile, km)))

    return MatchReport(
        reference=profile.reference,
        generated_at=now.replace(microsecond=0),
        results=tuple(results),
        near_misses=tuple(misses),
        excluded=excluded,
    )


def _sessions_for(profile: Profile, activity: Activity) -> list[Session]:
    """Sessions that count for the next date: those inside the person's times, if given."""
    if not profile.availability:
        return list(activity.sessions)
    return [s for s in activity.sessions
            if any(w.day is s.day and w.start <= s.start and s.end <= w.end
                   for w in profile.availability)]
