"""An offline postcode index built from the directory's own venues.

A person's location is often just a postcode. Before asking an online geocoder, the services
layer tries this index: the exact postcode of a known venue, else the centre of the known
venues in the same sector ("N7 6"), else in the same district ("N7"). The precision goes with
the point so the caller can say how rough the location is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from navigator.domain.postcodes import normalise_postcode, postcode_district, postcode_sector
from navigator.domain.profile import LatLon

Precision = Literal["postcode", "sector", "district"]


@dataclass(frozen=True, slots=True)
class PostcodeMatch:
    point: LatLon
    precision: Precision


def _centre(points: Iterable[LatLon]) -> LatLon:
    # A plain mean is fine at the scale of a postcode district (a few km).
    pts = list(points)
    return LatLon(sum(p.lat for p in pts) / len(pts), sum(p.lon for p in pts) / len(pts))


class PostcodeIndex:
    """Postcode, sector and district centres from (postcode, point) pairs."""

    def __init__(self, points: Iterable[tuple[str, LatLon]] = ()) -> None:
        by_postcode: dict[str, list[LatLon]] = defaultdict(list)
        for raw, point in points:
            tidy = normalise_postcode(raw)
            if tidy is not None:
                by_postcode[tidy].append(point)
        self._postcodes = {pc: _centre(pts) for pc, pts in by_postcode.items()}
        # Sector and district centres weight each postcode once, not each venue, so a
        # building with ten activities does not drag the centre towards itself.
        sectors: dict[str, list[LatLon]] = defaultdict(list)
        districts: dict[str, list[LatLon]] = defaultdict(list)
        for pc, point in self._postcodes.items():
            sectors[pc[:-2]].append(point)
            districts[pc.split(" ")[0]].append(point)
        self._sectors = {s: _centre(pts) for s, pts in sectors.items()}
        self._districts = {d: _centre(pts) for d, pts in districts.items()}

    def parts(self) -> dict[str, dict[str, list[float]]]:
        """The centres as plain numbers, for a snapshot cache; `restored` reads them back."""
        return {
            name: {area: [p.lat, p.lon] for area, p in table.items()}
            for name, table in (
                ("postcodes", self._postcodes),
                ("sectors", self._sectors),
                ("districts", self._districts),
            )
        }

    @classmethod
    def restored(cls, parts: dict[str, dict[str, list[float]]]) -> PostcodeIndex:
        index = cls()
        tables = {name: {a: LatLon(*p) for a, p in parts[name].items()} for name in parts}
        index._postcodes = tables["postcodes"]
        index._sectors = tables["sectors"]
        index._districts = tables["districts"]
        return index

    def __len__(self) -> int:
        return len(self._postcodes)

    def __contains__(self, postcode: object) -> bool:
        return isinstance(postcode, str) and normalise_postcode(postcode) in self._postcodes

    def exact(self, postcode: str) -> LatLon | None:
        """The point of a full postcode some venue has, or None."""
        tidy = normalise_postcode(postcode)
        return None if tidy is None else self._postcodes.get(tidy)

    def resolve(self, text: str) -> PostcodeMatch | None:
        """The best point for a full postcode, a sector or a district; None when unknown.

        Anything that is not a UK postcode, sector or district is simply unknown (None):
        the caller decides whether that is the person's typo or a place we have no venue in.
        """
        tidy = normalise_postcode(text)
        if tidy is not None and tidy in self._postcodes:
            return PostcodeMatch(self._postcodes[tidy], "postcode")
        sector = postcode_sector(text)
        if sector is not None and sector in self._sectors:
            return PostcodeMatch(self._sectors[sector], "sector")
        # "N76" could be sector "N7 6" or a district of its own: try both readings.
        districts = [sector.split(" ")[0]] if sector is not None else []
        districts.append(postcode_district(text) or "")
        for district in districts:
            if district in self._districts:
                return PostcodeMatch(self._districts[district], "district")
        return None
