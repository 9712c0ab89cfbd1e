"""The hard constraints of FORMATS.md §2, each a vectorised test over the whole directory.

`failures` returns one boolean row per constraint (in `CONSTRAINT_FIELDS` order) saying which
activities break it. An activity is suggested only when its column is all False; it is a near
miss when exactly one is True. Status is not a row: inactive activities are never counted.
A constraint applies only when the person stated it (DOMAIN.md: a need becomes a hard filter
only when the person says so).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from navigator.domain.directory import Gender
from navigator.domain.matches import CONSTRAINT_FIELDS
from navigator.domain.profile import PersonGender, Profile, Setting
from navigator.matching.snapshot import (
    DELIVERY_CODES,
    GENDER_CODES,
    IN_PERSON,
    BoolArray,
    DirectorySnapshot,
    FloatArray,
)

# Money is compared with a little slack so £2.50 entered as 2.4999999 still counts as £2.50.
_PENNY_SLACK = 1e-6
_WOMEN = GENDER_CODES.index(Gender.WOMEN)
_MEN = GENDER_CODES.index(Gender.MEN)

Check = Callable[[Profile, DirectorySnapshot, FloatArray | None], BoolArray | None]


def _max_distance_km(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    if p.max_distance_km is None:
        return None
    in_person: BoolArray = s.delivery == IN_PERSON
    if dist is None:  # no location: no in-person venue can be shown to be near enough
        return in_person
    # `dist` is to the nearest of the activity's places (FORMATS.md §1a). NaN (no place with
    # a known position) compares False, so it fails as the rule says.
    return in_person & ~(dist <= p.max_distance_km)


def _delivery(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    allowed = np.zeros(len(DELIVERY_CODES), dtype=np.bool_)
    allowed[[DELIVERY_CODES.index(d) for d in p.delivery]] = True
    return ~allowed[s.delivery]


def _availability(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    if not p.availability:
        return None
    fits = session_fits(p, s)
    fitting = np.bincount(s.session_activity[fits], minlength=len(s)) > 0
    return s.has_sessions & ~fitting


def session_fits(p: Profile, s: DirectorySnapshot) -> BoolArray:
    """Per session row: does it lie wholly inside one of the person's windows that day?"""
    fits = np.zeros(len(s.session_day), dtype=np.bool_)
    for window in p.availability:
        start = window.start.hour * 60 + window.start.minute
        end = window.end.hour * 60 + window.end.minute
        fits |= (
            (s.session_day == window.day.weekday)
            & (s.session_start >= start)
            & (s.session_end <= end)
        )
    return fits


def _age(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    if p.age is None:
        return None
    fails = (p.age < s.age_min) | (p.age > s.age_max)
    if p.with_young_children:
        # A with-child activity's ages are the child's: a parent or carer bringing one may go.
        fails &= ~s.with_child
    return fails


def _gender(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    fails = np.zeros(len(s), dtype=np.bool_)
    if p.gender is not PersonGender.WOMAN:
        fails |= s.gender == _WOMEN
    if p.gender is not PersonGender.MAN:
        fails |= s.gender == _MEN
    return fails


def _languages(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    shared = np.zeros(len(s), dtype=np.bool_)
    for code in p.languages:
        if code in s.languages:
            shared |= s.languages[code]
    # A class that teaches a language (ESOL) is for people who do not speak it yet.
    return ~(shared | s.for_learners)


def _max_cost_gbp(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    if p.max_cost_gbp is None:
        return None
    # Only a per-session price is compared. Unknown cost (NaN) compares False and so fails,
    # as the rule says, and so does a price for another unit ("£5 a year"), which has no
    # per-session figure: it becomes a near miss to talk about, never a made-up price.
    return ~(s.cost <= p.max_cost_gbp + _PENNY_SLACK)


def _setting(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    # A mental-health setting is the flag (stated or guessed), mental-health peer support, or
    # a mental-health subject (domain/mental_health.py). "Only" keeps exactly what "avoid"
    # leaves out; borderline entries pass "avoid" with a caution (explain.py).
    if p.setting is Setting.AVOID_MENTAL_HEALTH:
        return s.mental_health_setting.copy()
    if p.setting is Setting.ONLY_MENTAL_HEALTH:
        return ~s.mental_health_setting
    return None


def _needs_step_free(p: Profile, s: DirectorySnapshot, dist: FloatArray | None) -> BoolArray | None:
    if not p.needs_step_free:
        return None
    # Only a definite "no" excludes; unknown access passes with a caution.
    in_person: BoolArray = s.delivery == IN_PERSON
    says_no: BoolArray = s.step_free == 0
    return in_person & says_no


CHECKS: dict[str, Check] = {
    "max_distance_km": _max_distance_km,
    "delivery": _delivery,
    "availability": _availability,
    "age": _age,
    "gender": _gender,
    "languages": _languages,
    "max_cost_gbp": _max_cost_gbp,
    "setting": _setting,
    "needs_step_free": _needs_step_free,
}
assert tuple(CHECKS) == CONSTRAINT_FIELDS, "keep the checks in the published order"


def failures(
    profile: Profile, snapshot: DirectorySnapshot, distances: FloatArray | None
) -> npt.NDArray[np.bool_]:
    """A (len(CONSTRAINT_FIELDS), n) matrix: True where an activity breaks a constraint."""
    out = np.zeros((len(CONSTRAINT_FIELDS), len(snapshot)), dtype=np.bool_)
    for row, check in enumerate(CHECKS.values()):
        fails = check(profile, snapshot, distances)
        if fails is not None:
            out[row] = fails
    return out
