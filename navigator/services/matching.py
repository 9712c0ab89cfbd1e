"""Running a match: load the directory snapshot once, keep it fresh, resolve postcodes.

The snapshot is rebuilt only when the directory's revision has moved on (an import, an edit,
another machine's change on a shared database), so a batch of profiles or a worker typing in
the appointment panel pays for loading the directory once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from typing import Any, Protocol

from navigator.domain.matches import MatchReport
from navigator.domain.postcodes import normalise_postcode, postcode_district
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import DirectorySnapshot, rank
from navigator.store.repository import DirectoryRepository

log = logging.getLogger(__name__)


class ProfileLocationError(ValueError):
    """The profile's postcode could not be turned into a place."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # a sentence for the person panel
        super().__init__(f"location.postcode: {reason}")


class Geocoder(Protocol):
    """The part of a geopy geocoder we use; tests pass a fake with the same method."""

    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any: ...


@dataclasses.dataclass(frozen=True, slots=True)
class ResolvedLocation:
    point: LatLon
    how: str  # "postcode", "sector", "district" (from the directory) or "geocoder"


class MatchService:
    def __init__(self, repository: DirectoryRepository, geocoder: Geocoder | None = None,
                 geocoder_name: str = "geocoder") -> None:
        self._repository = repository
        self._geocoder = geocoder
        self._geocoder_name = geocoder_name
        self._snapshot: DirectorySnapshot | None = None
        self._revision: int | None = None
        # The GUI ranks on a worker thread while the UI may ask for a refresh.
        self._lock = threading.Lock()

    def snapshot(self) -> DirectorySnapshot:
        """The current directory, reloaded only when it has changed since last time."""
        with self._lock:
            revision = self._repository.revision()
            if self._snapshot is None or revision != self._revision:
                self._snapshot = DirectorySnapshot.build(self._repository.all_activities())
                self._revision = revision
            return self._snapshot

    def match(self, profile: Profile, *, now: dt.datetime, top: int = 10) -> MatchReport:
        snapshot = self.snapshot()
        if isinstance(profile.location, PostcodeLocation):
            resolved = self.resolve_postcode(profile.location.postcode, snapshot)
            profile = dataclasses.replace(profile, location=resolved.point)
        return rank(profile, snapshot, now=now, top=top)

    def resolve_postcode(self, postcode: str,
                         snapshot: DirectorySnapshot | None = None) -> ResolvedLocation:
        """Offline first: the directory's own venues (the same postcode, else the centre of
        its sector, else of its district), then earlier look-ups; last, the geocoder."""
        tidy = normalise_postcode(postcode)
        if tidy is None and postcode_district(postcode) is None:
            raise ProfileLocationError(f'"{postcode}" is not a UK postcode')
        key = tidy or postcode_district(postcode) or postcode
        snapshot = snapshot or self.snapshot()
        found = snapshot.postcodes.resolve(key)
        if found is not None:
            return ResolvedLocation(found.point, found.precision)
        cached = self._repository.cached_postcode(key)
        if cached is not None:
            return ResolvedLocation(LatLon(*cached), "geocoder")
        if self._geocoder is not None and tidy is not None:
            point = self._ask_geocoder(tidy)
            if point is not None:
                return ResolvedLocation(point, "geocoder")
        raise ProfileLocationError(
            f'cannot place "{postcode}": no activity in the directory is near it, and no '
            "online postcode lookup is set up")

    def _ask_geocoder(self, postcode: str) -> LatLon | None:
        assert self._geocoder is not None
        try:
            place = self._geocoder.geocode(f"{postcode}, United Kingdom", timeout=5)
        except Exception:
            return None
        if place is None:
            return None
        point = LatLon(float(place.latitude), float(place.longitude))
        self._repository.cache_postcode(postcode, point.lat, point.lon, self._geocoder_name)
        return point
