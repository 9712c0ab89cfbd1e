"""Strengths and what the person can offer (issue 16): a softer interest.

The profile's `strengths` (skills, what they used to love: "carpentry", "baking") and
`can_offer` ("fixing bikes", "a friendly ear") are matched with the same `InterestIndex` as
interests, typos and everyday words included. They never rule anything out. They:

- count in the score's interests part as a softer interest (scoring.STRENGTH_SHARE and
  STRENGTH_EXTRA), so a profile without them ranks exactly as before;
- count towards the relevance floor, so an activity that uses a strength is a suggestion
  even when it matches none of the interests;
- add a reason: "Uses your carpentry" (a strength met in an activity's words), "A chance to
  give back: fixing bikes" (what they can offer, met in a volunteering role), "Uses what you
  can offer: fixing bikes" (met elsewhere), "A chance to give back" (any volunteering role,
  for someone who said they can offer something; fit GIVING_BACK_FIT, just over the floor).

A volunteering role is an activity in the `volunteering` category or with "volunteer" in
its name or keywords (not merely "run by volunteers" in its description).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from navigator.domain.profile import Profile
from navigator.domain.wording import join_words
from navigator.matching.interests import InterestMatch
from navigator.matching.scoring import SERVES
from navigator.matching.snapshot import DirectorySnapshot

# Any volunteering role, for someone who can offer something: just over the floor (0.4).
GIVING_BACK_FIT = 0.5
VOLUNTEERING = "volunteering"
# "volunteer" in an activity's name or keywords scores 1.0 (0.95 x ratio for a near form);
# in its description 0.75 or less.
IN_NAME = 0.9
MAX_LABELS = 2

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class StrengthMatch:
    skills: InterestMatch  # profile.strengths
    offers: InterestMatch  # profile.can_offer
    volunteering: BoolArray  # per activity: a volunteering role
    fit: FloatArray  # 0..1 per activity: the best of the above

    def reasons(self, i: int) -> list[str]:
        """Why activity `i` suits what the person is good at or can give, in their words."""
        out: list[str] = []
        offered = _labels(self.offers, i)
        if self.volunteering[i] and offered:
            out.append(f"A chance to give back: {join_words(offered)}")
        elif self.volunteering[i] and self.offers.interests:
            out.append("A chance to give back")
        used = _labels(self.skills, i)
        if used:
            out.insert(0, f"Uses your {join_words(used[:MAX_LABELS])}")
        if offered and not self.volunteering[i]:
            out.append(f"Uses what you can offer: {join_words(offered[:MAX_LABELS])}")
        return out


def match_strengths(profile: Profile, snapshot: DirectorySnapshot) -> StrengthMatch | None:
    """The strengths' fit to every activity, or None when the profile names none."""
    if not profile.strengths and not profile.can_offer:
        return None
    index = snapshot.interests
    skills = index.match(profile.strengths, snapshot.categories)
    offers = index.match(profile.can_offer, snapshot.categories)
    volunteering = _volunteering(snapshot)
    fit = np.maximum(_best(skills), _best(offers))
    if offers.interests:
        fit = np.where(volunteering, np.maximum(fit, GIVING_BACK_FIT), fit)
    return StrengthMatch(skills, offers, volunteering, fit)


def _best(match: InterestMatch) -> FloatArray:
    """Per activity, its best fit to one of these words, counting only where words met
    (a skill is specific: "woodwork" does not make every craft group use it)."""
    if not match.interests:
        return np.zeros(match.scores.shape[1], dtype=np.float64)
    direct = np.where((match.source >= 0) & (match.scores >= SERVES), match.scores, 0.0)
    best: FloatArray = direct.max(axis=0)
    return best


def _labels(match: InterestMatch, i: int) -> list[str]:
    """The strengths activity `i` serves, best first, named as the person wrote them (or,
    for a typo, as the directory spells the word it matched)."""
    served = sorted(
        (-float(match.scores[j, i]), j)
        for j in range(len(match.interests))
        if match.scores[j, i] >= SERVES and match.source[j, i] >= 0
    )
    out: list[str] = []
    for _, j in served:
        label = match.source_labels[j][0]
        if label.casefold() not in {w.casefold() for w in out}:
            out.append(label)
    return out


def _volunteering(snapshot: DirectorySnapshot) -> BoolArray:
    named = snapshot.interests.match(("volunteer",), snapshot.categories)
    roles: BoolArray = (named.source[0] >= 0) & (named.scores[0] >= IN_NAME)
    if VOLUNTEERING in snapshot.category_ids:
        roles = roles | snapshot.categories[snapshot.category_ids.index(VOLUNTEERING)]
    return roles
