"""Relationships, not just numbers (issue 16, item 6): what each saved network map says about
the person's ties, beyond how many there are.

For each map, by its date: how many are on the closest circle (circle 1), what share of the
people on the map are not professionals (a network of only workers is not a social life),
and how many ties give each kind of support (GENIE's emotional, practical, company,
information). Belonging is an outcome answer (`OutcomeRecord.belonging`) and is charted with
the outcomes. Pure functions of the record: no Qt, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from navigator.domain.people import MemberKind, NetworkSnapshot, Relationship, Support


@dataclass(frozen=True, slots=True)
class RelationshipPoint:
    """One saved map, read for its relationships."""

    on: dt.date
    inner_circle: int  # everyone and everything on circle 1
    people: int  # people on the map (groups, places and activities are not ties)
    not_professional: int  # of those people, the ones not marked as professionals
    support: tuple[tuple[Support, int], ...]  # ties giving each kind, in Support's order

    @property
    def share_not_professional(self) -> float | None:
        """0.0 to 1.0; None when the map has no people on it (no share to speak of)."""
        return None if self.people == 0 else self.not_professional / self.people

    def support_count(self, kind: Support) -> int:
        return dict(self.support)[kind]


def relationship_point(snapshot: NetworkSnapshot) -> RelationshipPoint:
    people = [m for m in snapshot.members if m.kind is MemberKind.PERSON]
    return RelationshipPoint(
        on=snapshot.on,
        inner_circle=sum(1 for m in snapshot.members if m.circle == 1),
        people=len(people),
        not_professional=sum(1 for m in people if m.relationship is not Relationship.PROFESSIONAL),
        support=tuple(
            (kind, sum(1 for m in snapshot.members if kind in m.support)) for kind in Support
        ),
    )


def relationships_over_time(snapshots: Sequence[NetworkSnapshot]) -> list[RelationshipPoint]:
    """One point per saved map, oldest first."""
    return [relationship_point(s) for s in sorted(snapshots, key=lambda s: s.on)]
