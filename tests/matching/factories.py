"""Small builders so each test states only what matters to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.domain.directory import Activity, Cost, Day, Session, Venue
from navigator.domain.matches import MatchReport
from navigator.domain.profile import LatLon, Profile
from navigator.matching import DirectorySnapshot, rank

NOW = dt.datetime(2026, 11, 24, 9, 0)  # a Tuesday
HOME = LatLon(51.5560, -0.1150)  # near Holloway Road, N7


def venue(lat: float = 51.5565, lon: float = -0.1160, **kw: Any) -> Venue:
    return Venue(lat=lat, lon=lon, **kw)


def session(day: str = "tue", start: str = "10:00", end: str = "12:00", **kw: Any) -> Session:
    return Session(Day(day), dt.time.fromisoformat(start), dt.time.fromisoformat(end), **kw)


def activity(
    id: str = "a",
    name: str | None = None,
    categories: tuple[str, ...] = ("social_club",),
    **kw: Any,
) -> Activity:
    kw.setdefault("venue", venue())
    kw.setdefault("sessions", (session(),))
    kw.setdefault("cost", Cost(per_session_gbp=0.0))
    kw.setdefault("last_verified", dt.date(2026, 9, 1))
    return Activity(id=id, name=name or f"Activity {id}", categories=categories, **kw)


def profile(**kw: Any) -> Profile:
    return Profile(**kw)


def run(activities: list[Activity], person: Profile | None = None, **kw: Any) -> MatchReport:
    kw.setdefault("now", NOW)
    kw.setdefault("top", 50)
    return rank(person or Profile(), DirectorySnapshot.build(activities), **kw)


def ids(report: MatchReport) -> list[str]:
    return [s.id for s in report.results]


def result(report: MatchReport, activity_id: str) -> Any:
    return next(s for s in report.results if s.id == activity_id)
