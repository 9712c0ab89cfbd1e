"""The centre of every postcode sector ("N7 6") and district ("N7") in Great Britain, offline.

The numbers come from Ordnance Survey Code-Point Open (Open Government Licence; see
navigator/data/NOTICE.txt and tools/make_postcode_areas.py), bundled as a small gzip CSV.
Northern Ireland (BT) postcodes are not in it, so those fall back to the directory's own
venues or an online lookup.

`PostcodeAreas.bundled()` is cheap: the file is read on the first look-up (about 10 ms on a
quiet machine), then kept. The composition root builds one and passes it to the services
that place postcodes.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import resources
from typing import Literal

from navigator.domain.directory import Activity, Delivery, Venue
from navigator.domain.postcodes import normalise_postcode, postcode_district, postcode_sector
from navigator.domain.profile import LatLon

DATA_PACKAGE = "navigator.data"
DATA_FILE = "postcode_areas.csv.gz"

AreaPrecision = Literal["sector", "district"]


@dataclass(frozen=True, slots=True)
class AreaCentre:
    area: str  # "N7 6" or "N7"
    point: LatLon
    precision: AreaPrecision
    postcodes: int  # how many postcodes the centre is the mean of


def _read_bundled() -> bytes:
    return resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_bytes()


class PostcodeAreas:
    """Sector and district centres, read on first use from `read` (gzip CSV
    `area,lat,lon,postcodes`). Safe to share between threads."""

    def __init__(self, read: Callable[[], bytes] = _read_bundled) -> None:
        self._read = read
        # area -> "lat,lon,postcodes", split only when asked for: reading 14,000 rows into
        # numbers up front would take four times as long as reading the file.
        self._centres: dict[str, str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def bundled(cls) -> PostcodeAreas:
        """The Code-Point Open centres shipped with Navigator."""
        return cls()

    @classmethod
    def from_centres(cls, centres: Iterable[tuple[str, float, float, int]]) -> PostcodeAreas:
        """Areas from (area, lat, lon, postcodes) rows: for tests and tools."""
        areas = cls(lambda: b"")
        areas._centres = {area: f"{lat},{lon},{count}" for area, lat, lon, count in centres}
        return areas

    @classmethod
    def none(cls) -> PostcodeAreas:
        """No areas at all: postcodes are placed from the directory and the geocoder only."""
        return cls.from_centres(())

    def _table(self) -> dict[str, str]:
        if self._centres is None:
            with self._lock:
                if self._centres is None:
                    self._centres = _parse(gzip.decompress(self._read()).decode("ascii"))
        return self._centres

    def __len__(self) -> int:
        return len(self._table())

    def sector(self, sector: str) -> AreaCentre | None:
        return self._centre(sector, "sector")

    def district(self, district: str) -> AreaCentre | None:
        return self._centre(district, "district")

    def _centre(self, area: str, precision: AreaPrecision) -> AreaCentre | None:
        found = self._table().get(area)
        if found is None:
            return None
        lat, lon, count = found.split(",")
        return AreaCentre(area, LatLon(float(lat), float(lon)), precision, int(count))

    def centres_for(self, text: str) -> tuple[AreaCentre | None, AreaCentre | None]:
        """The (sector, district) centres for a full postcode, a sector or a district; either
        is None when unknown.

        "N7 6" with a space is a sector. Run together, "E14" is district E14 rather than
        sector E1 4 when E14 exists (people type districts more than sectors), while "N76",
        which is no district, is read as sector N7 6."""
        tidy = normalise_postcode(text)
        if tidy is not None:
            return self.sector(tidy[:-2]), self.district(tidy.split(" ")[0])
        district = postcode_district(text)
        if district is not None and " " not in text.strip():
            whole = self.district(district)
            if whole is not None:
                return None, whole
        sector = postcode_sector(text)
        if sector is not None:
            return self.sector(sector), self.district(sector.split(" ")[0])
        return None, (self.district(district) if district is not None else None)


def _parse(text: str) -> dict[str, str]:
    lines = text.splitlines()[1:]  # the first line is the header
    return dict(line.split(",", 1) for line in lines)


def place_venues(activity: Activity, areas: PostcodeAreas) -> Activity:
    """The activity with each in-person venue that has a postcode but no position placed at
    the centre of its sector (else district), and "venue.position" marked as guessed so a
    prescriber confirms it; unchanged when there is nothing to place."""
    if activity.delivery is not Delivery.IN_PERSON:
        return activity
    placed = False

    def place(venue: Venue) -> Venue:
        nonlocal placed
        if venue.has_position or not venue.postcode:
            return venue
        sector, district = areas.centres_for(venue.postcode)
        centre = sector or district
        if centre is None:
            return venue
        placed = True
        return replace(venue, lat=centre.point.lat, lon=centre.point.lon)

    venue = place(activity.venue) if activity.venue is not None else None
    more = tuple(place(v) for v in activity.more_venues)
    if not placed:
        return activity
    guessed = tuple(dict.fromkeys((*activity.guessed, "venue.position")))
    return replace(activity, venue=venue, more_venues=more, guessed=guessed)
