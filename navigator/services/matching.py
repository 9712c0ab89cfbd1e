"""Running a match: load the directory snapshot once, keep it fresh, resolve postcodes.

A person's postcode is placed offline whenever it can be, and is never stored or logged (see
`MatchService.resolve_postcode`).

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
from navigator.domain.postcodes import normalise_postcode, postcode_district, postcode_sector
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import DirectorySnapshot, rank
from navigator.services.postcode_areas import PostcodeAreas
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
    how: str  # "postcode" (a directory venue), "geocoder", "sector" or "district"
    area: str | None = None  # what the point stands for: "N7 6PA", "N7 6" or "N7"


class MatchService:
    def __init__(
        self,
        repository: DirectoryRepository,
        geocoder: Geocoder | None = None,
        geocoder_name: str = "geocoder",
        *,
        areas: PostcodeAreas | None = None,
    ) -> None:
        """`areas`: the postcode sector and district centres (the composition root passes
        `PostcodeAreas.bundled()`); None places postcodes from the directory alone.
        `geocoder_name` is kept for callers; people's answers are never cached under it."""
        self._repository = repository
        self._geocoder = geocoder
        self._geocoder_name = geocoder_name
        self._areas = areas if areas is not None else PostcodeAreas.none()
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

    def resolve_postcode(
        self, postcode: str, snapshot: DirectorySnapshot | None = None
    ) -> ResolvedLocation:
        """Where a person is, from their postcode (or its sector or district), best first:

        1. a directory venue with exactly that postcode;
        2. an earlier online answer for a venue with that postcode, else the online
           geocoder when one is set up (its answer is NOT cached: see below);
        3. the centre of the sector ("N7 6"), then of the district ("N7"), from the bundled
           Code-Point Open areas, or from the directory's own venues where those lack it.

        The person's postcode is never written anywhere: not to the geocode cache (which
        holds venues' postcodes only), not to the log."""
        tidy = normalise_postcode(postcode)
        district = postcode_district(postcode)
        if tidy is None and district is None:
            raise ProfileLocationError(f'"{postcode}" is not a UK postcode')
        snapshot = snapshot or self.snapshot()
        if tidy is not None:
            exact = snapshot.postcodes.exact(tidy)
            if exact is not None:
                return ResolvedLocation(exact, "postcode", tidy)
            cached = self._repository.cached_postcode(tidy)  # read only
            if cached is not None:
                return ResolvedLocation(LatLon(*cached), "geocoder", tidy)
            if self._geocoder is not None:
                point = self._ask_geocoder(tidy)
                if point is not None:
                    return ResolvedLocation(point, "geocoder", tidy)
        sector, whole = self._areas.centres_for(postcode)
        if sector is not None:
            return ResolvedLocation(sector.point, "sector", sector.area)
        # The directory's own venues, only where the bundled areas have nothing: Northern
        # Ireland, or a sector newer than the data.
        local = snapshot.postcodes.resolve(tidy or postcode)
        if local is not None and local.precision == "sector":
            return ResolvedLocation(local.point, "sector", postcode_sector(tidy or postcode))
        if whole is not None:
            return ResolvedLocation(whole.point, "district", whole.area)
        if local is not None:
            return ResolvedLocation(
                local.point, local.precision, postcode_district(tidy or postcode)
            )
        why = (
            "Northern Ireland postcodes are not in Navigator's postcode data"
            if (district or "").startswith("BT")
            else "it is not in Navigator's postcode data"
        )
        lookup = (
            "the online postcode lookup did not find it"
            if self._geocoder is not None
            else "no online postcode lookup is set up"
        )
        raise ProfileLocationError(
            f'cannot place "{postcode}": {why}, no activity in the '
            f"directory is near it, and {lookup}"
        )

    def _ask_geocoder(self, postcode: str) -> LatLon | None:
        """The online answer for a person's postcode, kept nowhere: a failure is swallowed
        without logging, since the message could carry the postcode."""
        assert self._geocoder is not None
        try:
            place = self._geocoder.geocode(f"{postcode}, United Kingdom", timeout=5)
        except Exception:
            return None
        if place is None:
            return None
        return LatLon(float(place.latitude), float(place.longitude))
