"""Stand-ins for the world outside: an online geocoder that never touches the network."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from navigator.domain.directory import Activity, Venue


class FakeGeocoder:
    """Answers like a geopy geocoder from a fixed table; records what it was asked."""

    def __init__(
        self, answers: dict[str, tuple[float, float]] | None = None, fail: bool = False
    ) -> None:
        self.answers = answers or {}
        self.fail = fail
        self.asked: list[str] = []

    def geocode(self, query: str, *_args: Any, **_kwargs: Any) -> Any:
        self.asked.append(query)
        if self.fail:
            raise OSError("network unreachable")
        postcode = query.split(",")[0]
        if postcode not in self.answers:
            return None
        lat, lon = self.answers[postcode]
        return SimpleNamespace(latitude=lat, longitude=lon)


def venue_activity(activity_id: str, postcode: str, lat: float, lon: float) -> Activity:
    return Activity(
        id=activity_id,
        name=f"Group {activity_id}",
        categories=("social_club",),
        venue=Venue(name="Hall", postcode=postcode, lat=lat, lon=lon),
    )
