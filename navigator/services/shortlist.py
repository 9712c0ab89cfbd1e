"""Checking a shortlist: which of the chosen activities meet at the same time.

The appointment's shortlist asks this each time it changes; the work is the engine's schedule
arithmetic (`navigator.matching.schedule`), reached through here so the UI never imports the
engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from navigator.domain.directory import Activity
from navigator.matching.schedule import Clash, clashes

__all__ = ["Clash", "shortlist_clashes"]


def shortlist_clashes(activities: Sequence[Activity]) -> dict[str, tuple[Clash, ...]]:
    """For each shortlisted activity (by id) that overlaps another, what it clashes with
    ("Clashes with Choir, Tuesdays 10:00" once described)."""
    return clashes(activities)
