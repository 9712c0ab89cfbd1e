"""The `navigator-matches` v1 result (FORMATS.md §3) as JSON, and as text for a terminal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.domain.matches import MatchReport, NearMiss, Suggestion
from navigator.domain.wording import clock, format_km, how_far, short_date, short_moment

FORMAT = "navigator-matches"
VERSION = 1


def report_to_json(report: MatchReport) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "reference": report.reference,
        "generated_at": f"{report.generated_at:%Y-%m-%dT%H:%M:%S}",
        "results": [_suggestion(s) for s in report.results],
        "near_misses": [_near_miss(m) for m in report.near_misses],
        "excluded": report.excluded,
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
    return {"id": m.id, "name": m.name, "failed": list(m.failed), "detail": m.detail}


def _when(moment: dt.datetime) -> str:
    """ "Wed 25 Nov, 10:00"."""
    return short_moment(moment)


def _distance(km: float, far: str) -> str:
    """ "About 5 minutes' walk" when walkable, else "2.6 km away": said once."""
    return far if far.endswith("walk") else f"{format_km(km)} away"


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
    if report.near_misses:
        heading = "Near miss" if len(report.near_misses) == 1 else "Near misses"
        lines.append(f"{heading} (one thing does not fit):")
        lines += [f"  - {m.name}: {m.detail}" for m in report.near_misses]
        lines.append("")
    noun = "activity" if report.excluded == 1 else "activities"
    lines.append(f"{report.excluded} {noun} left out because something recorded rules them out.")
    return "\n".join(lines) + "\n"
