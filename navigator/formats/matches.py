"""The `navigator-matches` v1 result (FORMATS.md §3) as JSON, and as text for a terminal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.domain.matches import MatchReport, NearMiss, Suggestion
from navigator.domain.wording import (
    MAX_WALK_MINUTES,
    clock,
    format_km,
    how_far,
    short_date,
    short_moment,
    walking_minutes,
)

FORMAT = "navigator-matches"
VERSION = 1
# What each kind of near miss is about, as a heading in the text output.
NEAR_MISS_GROUPS = {
    "max_distance_km": "Distance",
    "delivery": "How it is run",
    "availability": "Times",
    "age": "Age",
    "gender": "Who it is for",
    "languages": "Language",
    "max_cost_gbp": "Cost",
    "setting": "Setting",
    "needs_step_free": "Step-free access",
}


def report_to_json(report: MatchReport) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "reference": report.reference,
        "generated_at": f"{report.generated_at:%Y-%m-%dT%H:%M:%S}",
        "results": [_suggestion(s) for s in report.results],
        "near_misses": [_near_miss(m) for m in report.near_misses],
        "excluded": report.excluded,
        # Added to FORMATS.md §3 (the relevance floor): the best few activities that break no
        # hard constraint but match none of the person's interests, and how many there were.
        "also_nearby": [_suggestion(s) for s in report.also_nearby],
        "unrelated": report.unrelated,
    }


def _suggestion(s: Suggestion) -> dict[str, Any]:
    return {
        "rank": s.rank,
        "id": s.id,
        "name": s.name,
        "score": round(s.score, 3),
        "distance_km": None if s.distance_km is None else round(s.distance_km, 2),
        "next_session": None if s.next_session is None else f"{s.next_session:%Y-%m-%dT%H:%M}",
        "reasons": list(s.reasons),
        "cautions": list(s.cautions),
        # Added to FORMATS.md §3: plain facts that are neither reasons nor cautions, and a
        # short note on what research says about this kind of activity.
        "facts": list(s.facts),
        "evidence": s.evidence,
    }


def _near_miss(m: NearMiss) -> dict[str, Any]:
    # "fit" (to interests and goals, what near misses are ranked by) and "fact" (the plain
    # fact a handout states, or null) are added to FORMATS.md §3.
    return {
        "id": m.id,
        "name": m.name,
        "failed": list(m.failed),
        "detail": m.detail,
        "fit": round(m.fit, 3),
        "fact": m.fact,
    }


def _when(moment: dt.datetime) -> str:
    """ "Wed 25 Nov, 10:00"."""
    return short_moment(moment)


def _distance(km: float, far: str) -> str:
    """ "About 5 minutes' walk" when walkable, else "2.6 km away": said once."""
    return far if walking_minutes(km) <= MAX_WALK_MINUTES else f"{format_km(km)} away"


def report_to_text(report: MatchReport) -> str:
    """A plain-text rendering for a terminal: numbered suggestions, then near misses."""
    who = f" for {report.reference}" if report.reference else ""
    at = report.generated_at
    lines = [f"Suggestions{who} ({short_date(at.date())}, {clock(at.time())})", ""]
    if not report.results:
        lines += ["  Nothing fits everything that was recorded.", ""]
    width = len(str(len(report.results)))
    for s in report.results:
        lines.append(f"{s.rank:>{width}}. {s.name}  (fit {s.score:.2f})")
        indent = " " * (width + 2)
        far = None if s.distance_km is None else how_far(s.distance_km)
        facts = [] if s.distance_km is None or far is None else [_distance(s.distance_km, far)]
        if s.next_session is not None:
            facts.append(f"next: {_when(s.next_session)}")
        facts.append(f"id {s.id}")
        lines.append(indent + " | ".join(facts))
        # The distance is said once, on the line above, not again among the reasons.
        lines += [f"{indent}+ {reason}" for reason in s.reasons if reason != far]
        lines += [f"{indent}- {fact}" for fact in s.facts if fact != far]
        lines += [f"{indent}! {caution}" for caution in s.cautions]
        if s.evidence:
            lines.append(f"{indent}  ({s.evidence})")
        lines.append("")
    if report.also_nearby:
        lines.append(f"Also nearby ({report.unrelated} in all), matching none of the interests:")
        lines += [f"  - {s.name}  (id {s.id})" for s in report.also_nearby]
        lines.append("")
    if report.near_misses:
        heading = "Near miss" if len(report.near_misses) == 1 else "Near misses"
        lines.append(f"{heading} (one thing does not fit):")
        group = None
        for m in report.near_misses:  # the engine keeps each group together
            if m.group != group:
                group = m.group
                lines.append(f"  {NEAR_MISS_GROUPS.get(group, group)}:")
            lines.append(f"    - {m.name}: {m.detail}")
        lines.append("")
    noun = "activity" if report.excluded == 1 else "activities"
    lines.append(f"{report.excluded} {noun} left out because something recorded rules them out.")
    return "\n".join(lines) + "\n"
