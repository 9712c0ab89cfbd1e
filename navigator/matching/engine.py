"""`rank`: one person's profile against a directory snapshot, to a match report.

Order of work, all vectorised over the directory except the last step:
1. distances from the person's point to every activity's nearest place;
2. the hard-constraint matrix: suggestions break none, near misses exactly one;
3. interest, goal, preference, nearness and freshness scores, and a little for strengths;
4. the relevance floor: with interests given, what matches none of them (nor a strength)
   is set apart;
5. the top candidates, re-ranked for variety, then explained one by one in Python; the near
   misses chosen with array operations (near_misses.py), the few chosen explained.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from navigator.domain.directory import Activity, Delivery, Session, Venue
from navigator.domain.matches import CONSTRAINT_FIELDS, MatchReport, Suggestion
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import constraints, explain, scoring
from navigator.matching.near_misses import choose as choose_near_misses
from navigator.matching.near_misses import describe as describe_near_miss
from navigator.matching.near_misses import relevant as relevant_on_interests
from navigator.matching.schedule import next_session
from navigator.matching.snapshot import DirectorySnapshot, Nearest
from navigator.matching.strengths import match_strengths
from navigator.matching.text import STOPWORDS, key

DEFAULT_TOP = 10
NEAR_MISS_LIMIT = 10
RELEVANCE_FLOOR = scoring.RELEVANCE_FLOOR
# "Also nearby": at most this many of the activities that fit every need but none of the
# person's interests, so the worker can see what is around without it passing for a match.
ALSO_NEARBY = 3


def _wall_clock(now: dt.datetime | None) -> dt.datetime:
    """Naive Europe/London wall-clock time; an aware time is converted to it."""
    if now is None:
        now = dt.datetime.now(dt.UTC)
    if now.tzinfo is not None:
        from zoneinfo import ZoneInfo  # only needed for aware input

        now = now.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None)
    return now


def rank(
    profile: Profile,
    snapshot: DirectorySnapshot,
    *,
    now: dt.datetime | None = None,
    top: int | None = DEFAULT_TOP,
    near_misses: int = NEAR_MISS_LIMIT,
) -> MatchReport:
    """Rank the snapshot's activities for `profile`.

    `profile.location` must be a `LatLon` or None: resolve a postcode first (the snapshot's
    `postcodes` index, then a geocoder). `now` is naive Europe/London wall-clock time (the
    current time when None). `top=None` returns every suggestion.

    Results are best first. When the person named several interests the head of the list is
    re-ranked for variety (`scoring.with_variety`). A result's `score` is its fit as ranked:
    its own fit, capped at the score of the result above it, so scores never go up down the
    list and stay in 0..1. With interests given, only activities whose fit to at least one
    of them reaches RELEVANCE_FLOOR are results; the best ALSO_NEARBY others are
    `also_nearby` and `unrelated` counts them all. Near misses are what would have been
    results but for one need, chosen and ordered as near_misses.py says.
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
    excluded = int(np.count_nonzero(snapshot.active & (broken >= 1)))

    match = snapshot.interests.match(profile.interests, snapshot.categories)
    goals = scoring.goal_scores(profile.goals, snapshot) if scoring.has_goals(profile) else None
    # Strengths and what they can offer: a softer interest (strengths.py), never a filter.
    strong = match_strengths(profile, snapshot)
    scores = scoring.score(
        profile,
        snapshot,
        match,
        distances,
        now,
        goals=goals,
        strengths=None if strong is None else strong.fit,
    )
    # The relevance floor: with interests given, what matches none of them is no suggestion
    # and no near miss; the best few are "also nearby".
    # (Interests that are only a filler word, "the", set no floor: nothing could reach it.)
    words = any(key(interest) not in STOPWORDS for interest in match.interests)
    interest_fit = scoring.best_interest_fit(match) if words else None
    if interest_fit is not None and strong is not None:
        interest_fit = np.maximum(interest_fit, strong.fit)
    above_floor = (
        interest_fit >= RELEVANCE_FLOOR if interest_fit is not None else np.ones(n, dtype=np.bool_)
    )
    shown = passing & above_floor
    unrelated = passing & ~above_floor

    several = len(match.interests) > 1
    order = scoring.top_candidates(
        shown, scores, snapshot, max(top, scoring.VARIETY_POOL) if several else top
    )
    if several:
        picked = scoring.with_variety(
            order, scores, scoring.primary_interest(match), shown, snapshot, top
        )
    else:
        picked = [int(i) for i in order]

    stale_before = dt.date.fromordinal(snapshot.stale_before(now))

    def suggestion(position: int, i: int, as_ranked: float) -> Suggestion:
        activity = snapshot.activities[i]
        km = _km(distances, i)
        venue = _venue(activity, i, nearest)
        return Suggestion(
            rank=position,
            id=activity.id,
            name=activity.name,
            score=as_ranked,
            distance_km=km,
            next_session=next_session(_sessions_for(profile, activity), now),
            reasons=explain.reasons(
                activity,
                i,
                profile,
                match,
                snapshot.category_ids,
                km,
                venue,
                strengths=() if strong is None else strong.reasons(i),
            ),
            cautions=explain.cautions(
                activity, profile, stale_before, position_known=bool(snapshot.placed[i])
            ),
            venue=venue,
            facts=explain.facts(activity, profile, km, venue),
            evidence=explain.evidence(activity),
        )

    nearby = scoring.top_candidates(unrelated, scores, snapshot, min(top, ALSO_NEARBY))
    # (A snapshot reading its activities on demand reads these in one go.)
    snapshot.prefetch([*picked, *nearby.tolist()])
    results = []
    as_ranked = 1.0
    for position, i in enumerate(picked, start=1):
        as_ranked = min(as_ranked, float(np.clip(scores[i], 0.0, 1.0)))
        results.append(suggestion(position, i, as_ranked))
    also_nearby = tuple(
        suggestion(position, int(i), float(np.clip(scores[i], 0.0, 1.0)))
        for position, i in enumerate(nearby, start=1)
    )

    fit = scoring.topic_fit(match, goals)
    # Near misses: what would have been a result but for one need (and, with goals but no
    # interests, serves a goal).
    relevant = relevant_on_interests(interest_fit, goals, n, RELEVANCE_FLOOR)
    near = snapshot.active & (broken == 1) & relevant
    misses = []
    chosen = choose_near_misses(profile, snapshot, near, fails, fit, scores, distances, near_misses)
    snapshot.prefetch(chosen)
    for i in chosen:
        activity = snapshot.activities[i]
        field = CONSTRAINT_FIELDS[int(np.argmax(fails[:, i]))]
        misses.append(
            describe_near_miss(
                field,
                activity,
                profile,
                _km(distances, i),
                float(fit[i]),
                _venue(activity, i, nearest),
            )
        )

    return MatchReport(
        reference=profile.reference,
        generated_at=now.replace(microsecond=0),
        results=tuple(results),
        near_misses=tuple(misses),
        excluded=excluded,
        also_nearby=also_nearby,
        unrelated=int(np.count_nonzero(unrelated)),
    )


def _km(distances: np.ndarray | None, i: int) -> float | None:
    return None if distances is None or np.isnan(distances[i]) else float(distances[i])


def _venue(activity: Activity, i: int, nearest: Nearest | None) -> Venue | None:
    """The place a suggestion means: the nearest with a known position, else the main one."""
    if activity.delivery is not Delivery.IN_PERSON:
        return None
    near = None if nearest is None else nearest.venue(i)
    if near is not None:
        return near
    return activity.venues[0] if activity.venues else None


def _sessions_for(profile: Profile, activity: Activity) -> list[Session]:
    """Sessions that count for the next date: those inside the person's times, if given."""
    if not profile.availability:
        return list(activity.sessions)
    return [
        s
        for s in activity.sessions
        if any(
            w.day is s.day and w.start <= s.start and s.end <= w.end for w in profile.availability
        )
    ]
