"""Distances agree with geopy's geodesic and read naturally."""

from __future__ import annotations

import numpy as np
import pytest
from geopy.distance import geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity, Delivery, Venue
from navigator.matching.geo import (
    distance_km,
    format_km,
    haversine_km,
    how_far,
    nearest_place,
    walking_minutes,
)

uk_lat = st.floats(49.9, 60.9)
uk_lon = st.floats(-8.2, 1.8)


@settings(max_examples=300, deadline=None)
@given(uk_lat, uk_lon, uk_lat, uk_lon)
def test_great_circle_is_within_half_a_percent_of_geopy(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    expected = geodesic((lat1, lon1), (lat2, lon2)).km
    got = distance_km(lat1, lon1, lat2, lon2)
    assert got == pytest.approx(expected, rel=0.005, abs=1e-6)


def test_vectorised_over_many_points_and_nan_stays_unknown() -> None:
    lats = np.array([51.5560, 51.5074, np.nan, 53.4808])
    lons = np.array([-0.1150, -0.1278, np.nan, -2.2426])
    got = haversine_km(51.5560, -0.1150, lats, lons)
    assert got[0] == 0.0
    assert np.isnan(got[2])
    for i in (1, 3):
        expected = geodesic((51.5560, -0.1150), (lats[i], lons[i])).km
        assert got[i] == pytest.approx(expected, rel=0.005)


def test_london_to_manchester_is_about_262_km() -> None:
    assert distance_km(51.5074, -0.1278, 53.4808, -2.2426) == pytest.approx(262, abs=2)


@pytest.mark.parametrize(
    ("km", "minutes"), [(0.0, 5), (0.3, 5), (0.5, 10), (0.75, 10), (1.0, 15), (1.5, 25), (1.85, 30)]
)
def test_walking_minutes_allow_for_streets_and_round_to_five(km: float, minutes: int) -> None:
    assert walking_minutes(km) == minutes


@pytest.mark.parametrize(
    ("km", "text"),
    [
        (0.74, "About 10 minutes' walk"),
        (1.8, "About 30 minutes' walk"),
        (2.0, "About 2 km away"),
        (4.46, "About 4.5 km away"),
        (12.3, "About 12 km away"),
    ],
)
def test_how_far_says_minutes_when_walkable_and_km_otherwise(km: float, text: str) -> None:
    assert how_far(km) == text


def test_format_km_drops_a_trailing_zero() -> None:
    assert format_km(3.0) == "3 km"
    assert format_km(4.25) == "4.2 km"


def test_nearest_place_of_one_activity() -> None:
    far = Venue(name="Far", lat=51.5940, lon=-0.1150)
    near = Venue(name="Near", lat=51.5600, lon=-0.1150)
    walk = Activity(
        "w", "Walk", ("walking",), venue=far, more_venues=(Venue(name="Unplaced"), near)
    )
    found = nearest_place(walk, 51.5560, -0.1150)
    assert found is not None and found[0] == near
    assert found[1] == pytest.approx(distance_km(51.5560, -0.1150, near.lat, near.lon))
    # Equal distances keep the main venue; online and unplaced activities have none.
    twin = Activity("t", "Twin", ("walking",), venue=near, more_venues=(near,))
    assert nearest_place(twin, 51.5560, -0.1150) == (near, found[1])
    online = Activity("o", "Online", ("walking",), delivery=Delivery.ONLINE, venue=near)
    assert nearest_place(online, 51.5560, -0.1150) is None
    assert (
        nearest_place(Activity("u", "U", ("walking",), venue=Venue(name="Hall")), 51.5560, -0.1150)
        is None
    )
