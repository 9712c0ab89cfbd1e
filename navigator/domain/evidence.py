"""Short, honest notes on what research says about kinds of activity, for "why this".

Taken from DOMAIN.md's "What the evidence says about kinds of activity". Each note is one
plain sentence a person can read over the worker's shoulder, says where it comes from in
everyday words, and claims no more than the studies do: "can", "a modest effect", "little
evidence". Nothing here is about the person or their health.

One note per activity at most: the first kind in `NOTES` order that the activity is. The order
puts the firmer evidence first (a meta-analysis or many trials before single studies), and
volunteering, where the evidence is thin, last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from navigator.domain.directory import Activity

# Words that mark a team sport among `sport_fitness` entries (the evidence is about teams,
# not gyms or swimming).
_TEAM_SPORT = re.compile(
    r"\b(?:football|footy|5[- ]a[- ]side|five[- ]a[- ]side|team sports?|cricket|netball"
    r"|basketball|rugby|hockey|volleyball|softball|rounders|walking football)\b"
)
# Individual Placement and Support: the employment evidence is about this model only.
_IPS = re.compile(r"\b(?:ips|individual placement(?: and support)?|employment specialists?)\b")


def _words(activity: Activity) -> str:
    return " | ".join((activity.name, activity.description, *activity.keywords)).casefold()


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    kind: str  # a short name for tests and docs: "gardening", "befriending", ...
    text: str
    applies: Callable[[Activity], bool]


def _in(category: str) -> Callable[[Activity], bool]:
    return lambda activity: category in activity.categories


NOTES: tuple[EvidenceNote, ...] = (
    EvidenceNote(
        "employment",
        "Individual Placement and Support more than doubles people's chances of finding paid "
        "work (many trials)",
        lambda a: "employment" in a.categories and bool(_IPS.search(_words(a))),
    ),
    EvidenceNote(
        "befriending",
        "Regular befriending has a modest but real effect on how people feel (a review of studies)",
        _in("befriending"),
    ),
    EvidenceNote(
        "gardening",
        "Gardening groups can become a valued circle of friends (research on community gardens)",
        _in("nature_gardening"),
    ),
    EvidenceNote(
        "team_sport",
        "Playing in a team can lead to friendships beyond the game (research with football groups)",
        lambda a: "sport_fitness" in a.categories and bool(_TEAM_SPORT.search(_words(a))),
    ),
    EvidenceNote(
        "adult_learning",
        "Learning in a group can bring new contacts and friends (research on adult learning)",
        _in("learning"),
    ),
    EvidenceNote(
        "peer_support",
        "Peer support can bring hope and confidence; whether it eases loneliness is not yet "
        "clear (research reviews)",
        _in("peer_support"),
    ),
    EvidenceNote(
        "volunteering",
        "Volunteering is often recommended, but there is little evidence yet that it helps "
        "people feel less alone",
        _in("volunteering"),
    ),
)


def evidence_note(activity: Activity) -> str | None:
    """The one note for this kind of activity, or None when research says nothing useful."""
    for note in NOTES:
        if note.applies(activity):
            return note.text
    return None
