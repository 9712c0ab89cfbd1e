"""Soft preferences: turning what the person would like into one 0..1 score per activity.

The score is a weighted mean of the parts the person actually gave us, times a freshness
factor:

    interests   0.45   how well the activity fits their own words (interests.py)
    goals       0.20   how directly its categories serve their goals (see `goal_scores`)
    prefers     0.15   share of their `prefers` it meets (unknown counts half)
    nearness    0.15   1 / (1 + (km / 3)^2): 1 km ~ 0.9, 3 km = 0.5, 6 km = 0.2
    ease        0.05   known-easy first steps: free or cheap, drop-in, beginners, fixed times

A part the person did not give (no interests, no location...) drops out and the rest are
re-weighted, so the score stays in 0..1 and interests, when given, carry the most weight.
Strengths (strengths.py) are a softer interest: in the interests part an activity gets the
better of its interest fit and STRENGTH_SHARE x its strength fit, plus STRENGTH_EXTRA x the
strength fit (at most 1); with strengths but no interests, that part is the strengths alone.
Freshness: x0.85 for an entry not checked for over 12 months, x0.9 when nobody recorded a
check at all. "prefer_mental_health" counts as one more preference, met by activities that
are mental-health-specific or peer-led.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from navigator.domain.directory import Activity, Booking, GroupSize
from navigator.domain.profile import Preference, Profile, Setting
from navigator.domain.taxonomy import GOAL_BY_ID
from navigator.matching.interests import InterestMatch
from navigator.matching.snapshot import (
    BOOKING_CODES,
    GROUP_CODES,
    IN_PERSON,
    BoolArray,
    DirectorySnapshot,
    FloatArray,
)

W_INTERESTS = 0.45
W_GOALS = 0.20
W_PREFERS = 0.15
W_NEARNESS = 0.15
W_EASE = 0.05
NEARNESS_KM = 3.0
# Online and phone activities have no distance: score them like a venue about 3 km away.
REMOTE_NEARNESS = 0.5
UNKNOWN_POSITION_NEARNESS = 0.3
STALE_FACTOR = 0.85
UNVERIFIED_FACTOR = 0.9
# Goals: a goal's categories are listed best first, and the first serves it most directly.
GOAL_POSITION_WEIGHTS = (1.0, 0.85, 0.7, 0.6, 0.5)
EXTRA_GOAL_BONUS = 0.1
PEER_LED_CONNECTION = 0.9
ONE_TO_ONE_FORMAT = 0.4
# A goal is named in the reasons only when the activity serves it this directly.
GOAL_REASON = 0.5
# An interest counts as served (for reasons and variety) from this score up.
SERVES = 0.4
# The relevance floor: when interests were given, an activity whose best fit to any one of
# them is below this is not a suggestion (an "Also nearby" entry at most), nor a near miss.
# Calibrated on data/sample_directory.json with everyday interests, typos included (the test
# `test_the_floor_separates_matches_from_noise_in_the_sample` in tests/matching/
# test_near_misses.py keeps it honest): what matches nothing real scores at most 0.315 (one word
# of a two-word interest, "english class" -> "Computer Class"; 0.236 when only in the
# description), while the weakest real match, a category reached through a misspelt synonym,
# scores 0.55 x 0.76 = 0.42, and a category through its label or an exact synonym 0.55. The
# floor sits between, where `SERVES` already draws the line for naming an interest in the
# reasons: what is shown as a suggestion is then always something a reason can name.
RELEVANCE_FLOOR = SERVES
# Variety: each earlier pick for the same interest costs a candidate this much.
REPEAT_PENALTY = 0.05
# Strengths, a softer interest: a full strength match is worth 0.6 of a full interest match,
# and one that also fits an interest a little more than the interest alone.
STRENGTH_SHARE = 0.6
STRENGTH_EXTRA = 0.1
VARIETY_WINDOW = 5
# Only the head of the list is re-ranked: it is what the person sees, and greedy re-ranking
# costs pool x picks.
VARIETY_PICKS = 30
VARIETY_POOL = 150

_DROP_IN = BOOKING_CODES.index(Booking.DROP_IN)
_SMALL = (GROUP_CODES.index(GroupSize.ONE_TO_ONE), GROUP_CODES.index(GroupSize.SMALL))
_ONE_TO_ONE = GROUP_CODES.index(GroupSize.ONE_TO_ONE)


def goal_weight(goal_id: str, activity: Activity) -> float:
    """How directly one activity serves one goal (0..1); the scalar twin of `goal_scores`."""
    goal = GOAL_BY_ID.get(goal_id)
    if goal is None:
        return 0.0
    best = 0.0
    for position, category in enumerate(goal.categories):
        if category in activity.categories:
            best = max(best, GOAL_POSITION_WEIGHTS[min(position, len(GOAL_POSITION_WEIGHTS) - 1)])
    if goal_id == "peer_connection" and activity.peer_led:
        best = max(best, PEER_LED_CONNECTION)
    if goal_id == "one_to_one" and activity.group_size is GroupSize.ONE_TO_ONE:
        best = max(best, ONE_TO_ONE_FORMAT)
    return best


def goal_scores(goals: Sequence[str], s: DirectorySnapshot) -> FloatArray:
    """0..1 per activity: the goal it serves most directly, plus 0.1 for each further goal.

    A goal is served by the categories `taxonomy.GOALS` links to it, weighted by their order
    there (1.0, 0.85, 0.7, 0.6, 0.5), and also, for `peer_connection`, by any peer-led
    activity (0.9: run by people who have been through it) and, for `one_to_one`, a little
    (0.4) by any one-to-one activity: an advice line is one-to-one but is not befriending.
    """
    per_goal = []
    column = {c: j for j, c in enumerate(s.category_ids)}
    for goal_id in dict.fromkeys(goals):
        goal = GOAL_BY_ID.get(goal_id)
        if goal is None:
            continue
        best = np.zeros(len(s), dtype=np.float64)
        for position, category in enumerate(goal.categories):
            if category in column:
                weight = GOAL_POSITION_WEIGHTS[min(position, len(GOAL_POSITION_WEIGHTS) - 1)]
                np.maximum(best, s.categories[column[category]] * weight, out=best)
        if goal_id == "peer_connection":
            np.maximum(best, s.peer_led * PEER_LED_CONNECTION, out=best)
        if goal_id == "one_to_one":
            np.maximum(best, (s.group_size == _ONE_TO_ONE) * ONE_TO_ONE_FORMAT, out=best)
        per_goal.append(best)
    if not per_goal:
        return np.zeros(len(s), dtype=np.float64)
    stacked = np.stack(per_goal)
    extra = (stacked > 0).sum(axis=0) - 1
    score: FloatArray = np.minimum(
        1.0, stacked.max(axis=0) + EXTRA_GOAL_BONUS * np.maximum(extra, 0)
    )
    return score


def _credit(tri: npt.NDArray[np.int8]) -> FloatArray:
    """Yes = 1, unknown = 0.5, no = 0."""
    return np.where(tri < 0, 0.5, tri.astype(np.float64))


def preference_parts(profile: Profile, s: DirectorySnapshot) -> list[FloatArray]:
    """One 0..1 array per stated preference (prefers, and prefer_mental_health)."""
    parts = []
    for pref in dict.fromkeys(profile.prefers):
        if pref is Preference.DROP_IN:
            parts.append(np.where(s.booking < 0, 0.5, (s.booking == _DROP_IN) * 1.0))
        elif pref is Preference.SMALL_GROUP:
            parts.append(np.where(s.group_size < 0, 0.5, np.isin(s.group_size, _SMALL) * 1.0))
        elif pref is Preference.BRING_SOMEONE:
            parts.append(_credit(s.bring_someone))
        elif pref is Preference.BEGINNERS:
            parts.append(_credit(s.beginners))
        elif pref is Preference.PEER_LED:
            parts.append(s.peer_led * 1.0)
        elif pref is Preference.DAYTIME:
            parts.append(np.where(s.has_sessions, s.has_daytime * 1.0, 0.5))
    if profile.setting is Setting.PREFER_MENTAL_HEALTH:
        parts.append((s.mental_health_setting | s.peer_led) * 1.0)
    return parts


def nearness(s: DirectorySnapshot, distances: FloatArray) -> FloatArray:
    near = 1.0 / (1.0 + (distances / NEARNESS_KM) ** 2)
    in_person = s.delivery == IN_PERSON
    near = np.where(in_person, near, REMOTE_NEARNESS)
    return np.where(in_person & np.isnan(distances), UNKNOWN_POSITION_NEARNESS, near)


def freshness(s: DirectorySnapshot, now: dt.datetime) -> FloatArray:
    stale = (s.verified >= 0) & (s.verified < s.stale_before(now))
    return np.where(s.verified < 0, UNVERIFIED_FACTOR, np.where(stale, STALE_FACTOR, 1.0))


def has_goals(profile: Profile) -> bool:
    return any(g in GOAL_BY_ID for g in profile.goals)


def best_interest_fit(interests: InterestMatch) -> FloatArray:
    """Per activity, its fit to the one interest it serves best (zeros when none given):
    what the relevance floor is compared with."""
    if not interests.interests:
        return np.zeros(interests.scores.shape[1], dtype=np.float64)
    best: FloatArray = interests.scores.max(axis=0)
    return best


def topic_fit(interests: InterestMatch, goals: FloatArray | None) -> FloatArray:
    """0..1 per activity: fit to the person's interests and goals only, weighted as in
    `score` (interests 0.45, goals 0.20) over the parts given; zeros when neither was."""
    total = np.zeros(interests.scores.shape[1], dtype=np.float64)
    weight = 0.0
    if interests.interests:
        total = total + W_INTERESTS * interests.combined()
        weight += W_INTERESTS
    if goals is not None:
        total = total + W_GOALS * goals
        weight += W_GOALS
    return total / weight if weight else total


def score(
    profile: Profile,
    s: DirectorySnapshot,
    interests: InterestMatch,
    distances: FloatArray | None,
    now: dt.datetime,
    *,
    goals: FloatArray | None = None,
    strengths: FloatArray | None = None,
) -> FloatArray:
    """The 0..1 fit of every activity to the person (see the module docstring). `goals`:
    `goal_scores` for the person's goals when the caller has it already; `strengths`: the
    0..1 fit to their strengths (strengths.py), None when they named none."""
    total = W_EASE * s.ease
    weight = W_EASE
    if interests.interests or strengths is not None:
        fit = interests.combined() if interests.interests else np.zeros(len(s), np.float64)
        if strengths is not None:
            fit = np.minimum(
                np.maximum(fit, STRENGTH_SHARE * strengths) + STRENGTH_EXTRA * strengths, 1.0
            )
        total = total + W_INTERESTS * fit
        weight += W_INTERESTS
    if has_goals(profile):
        total = total + W_GOALS * (goal_scores(profile.goals, s) if goals is None else goals)
        weight += W_GOALS
    prefs = preference_parts(profile, s)
    if prefs:
        total = total + W_PREFERS * (sum(prefs) / len(prefs))
        weight += W_PREFERS
    if distances is not None:
        total = total + W_NEARNESS * nearness(s, distances)
        weight += W_NEARNESS
    return np.clip(total / weight * freshness(s, now), 0.0, 1.0)


def best_first(
    indices: npt.NDArray[np.intp], scores: FloatArray, s: DirectorySnapshot
) -> npt.NDArray[np.intp]:
    """`indices` ordered by score, highest first; ties by name then id."""
    return indices[np.lexsort((s.tiebreak[indices], -scores[indices]))]


def top_candidates(
    mask: BoolArray, scores: FloatArray, s: DirectorySnapshot, count: int
) -> npt.NDArray[np.intp]:
    """The best `count` of the activities in `mask`, in order (ties kept whole at the edge)."""
    indices = np.flatnonzero(mask)
    if count <= 0 or len(indices) == 0:
        return indices[:0]
    if len(indices) > count:
        threshold = np.partition(scores[indices], len(indices) - count)[len(indices) - count]
        indices = indices[scores[indices] >= threshold]
    return best_first(indices, scores, s)[:count]


def primary_interest(interests: InterestMatch) -> npt.NDArray[np.intp]:
    """Per activity, the interest it serves best, or -1 when it serves none."""
    if not interests.interests:
        return np.full(interests.scores.shape[1], -1, dtype=np.intp)
    best = interests.scores.argmax(axis=0)
    return np.where(interests.scores.max(axis=0) >= SERVES, best, -1)


def with_variety(
    order: npt.NDArray[np.intp],
    scores: FloatArray,
    primary: npt.NDArray[np.intp],
    passing: BoolArray,
    s: DirectorySnapshot,
    top: int,
) -> list[int]:
    """Re-rank the head of `order` so it is not `top` versions of one interest.

    Greedy over the first VARIETY_PICKS places: each earlier pick for the same interest costs
    a candidate REPEAT_PENALTY. And if the first four picks all serve one interest while some
    passing activity serves another, the fifth is the best such activity, so the top five
    never all serve one interest when they need not. Past the head, plain score order.
    """
    pool = [int(i) for i in order[:VARIETY_POOL]]
    picked: list[int] = []
    counts: dict[int, int] = {}

    def adjusted(i: int) -> float:
        if primary[i] < 0:  # serves none of the interests: nothing to repeat
            return float(scores[i])
        return float(scores[i]) - REPEAT_PENALTY * counts.get(int(primary[i]), 0)

    while pool and len(picked) < min(top, VARIETY_PICKS):
        choice = None
        if len(picked) == VARIETY_WINDOW - 1:
            choice = _other_interest(picked, primary, passing, scores, s)
        if choice is None:
            choice = max(pool, key=adjusted)  # the first of equals: pool is in score order
        if choice in pool:
            pool.remove(choice)
        picked.append(choice)
        if primary[choice] >= 0:
            counts[int(primary[choice])] = counts.get(int(primary[choice]), 0) + 1
    chosen = set(picked)
    rest = (int(i) for i in order if int(i) not in chosen)
    return picked + [i for _, i in zip(range(top - len(picked)), rest, strict=False)]


def _other_interest(
    picked: list[int],
    primary: npt.NDArray[np.intp],
    passing: BoolArray,
    scores: FloatArray,
    s: DirectorySnapshot,
) -> int | None:
    interests = {int(primary[i]) for i in picked}
    if len(interests) != 1 or -1 in interests:
        return None
    (only,) = interests
    others = passing & (primary >= 0) & (primary != only)
    others[picked] = False
    if not others.any():
        return None
    return int(best_first(np.flatnonzero(others), scores, s)[0])
