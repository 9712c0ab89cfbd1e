"""Distances on the Earth and how far they feel on foot.

Great-circle (haversine) distance on a sphere of the mean Earth radius: vectorised over a whole
directory with numpy, and within about 0.5% of geopy's ellipsoidal geodesic, which is far
closer than anyone walking to a community centre will notice.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from navigator.domain.directory import Activity, Delivery, Venue

# How far a distance feels on foot lives with the other wording; re-exported for callers.
from navigator.domain.wording import (  # noqa: F401
    MAX_WALK_MINUTES,
    format_km,
    how_far,
    walking_minutes,
)

# IUGG mean Earth radius. The sphere is off the WGS84 ellipsoid by at most ~0.5%.
EARTH_RADIUS_KM = 6371.0088


class Points:
    """Many points, with the per-point trigonometry done once for many distance queries."""

    def __init__(self, lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]) -> None:
        self.phi = np.radians(lats)
        self.lmb = np.radians(lons)
        self.cos_phi = np.cos(self.phi)

    def km_from(self, lat: float, lon: float) -> npt.NDArray[np.float64]:
        """Great-circle distances from one point to each of these (NaN stays NaN)."""
        phi1 = math.radians(lat)
        a = np.sin((self.phi - phi1) / 2.0)
        a *= a
        b = np.sin((self.lmb - math.radians(lon)) / 2.0)
        b *= b
        b *= self.cos_phi
        a += math.cos(phi1) * b
        # clip: rounding can push `a` a hair above 1 for antipodal points.
        np.clip(a, 0.0, 1.0, out=a)
        return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a, out=a), out=a)


def haversine_km(
    lat: float, lon: float, lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Great-circle distances from one point to many (degrees in, km out; NaN stays NaN)."""
    return Points(np.asarray(lats, dtype=np.float64), np.asarray(lons, dtype=np.float64)).km_from(
        lat, lon
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The same formula for a single pair of points."""
    return float(haversine_km(lat1, lon1, np.array([lat2]), np.array([lon2]))[0])


def nearest_place(activity: Activity, lat: float, lon: float) -> tuple[Venue, float] | None:
    """The nearest of an in-person activity's places that has a position, with its km; None
    online, by phone or when no place has one. For one activity at a time (a handout); the
    engine does the same over a whole directory in `DirectorySnapshot.nearest`."""
    if activity.delivery is not Delivery.IN_PERSON:
        return None
    best: tuple[Venue, float] | None = None
    for venue in activity.venues:
        if venue.lat is not None and venue.lon is not None:
            km = distance_km(lat, lon, venue.lat, venue.lon)
            if best is None or km < best[1]:  # the first of equals, so the main venue wins
                best = (venue, km)
    return best
