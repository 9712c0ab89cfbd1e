"""The offline postcode index: exact postcode, else sector, else district, else unknown."""

from __future__ import annotations

import pytest

from navigator.domain.directory import Activity, Venue
from navigator.domain.profile import LatLon
from navigator.matching import DirectorySnapshot, PostcodeIndex, PostcodeMatch

from .factories import activity, venue

INDEX = PostcodeIndex(
    [
        ("N7 6PA", LatLon(51.5560, -0.1150)),
        ("n76pb", LatLon(51.5580, -0.1170)),  # any spacing or case
        ("N7 9AA", LatLon(51.5500, -0.1100)),
        ("N19 5RQ", LatLon(51.5650, -0.1300)),
        ("not a postcode", LatLon(0, 0)),
    ]
)


def test_exact_postcode_in_any_spacing_or_case() -> None:
    assert INDEX.resolve("n7 6pa") == PostcodeMatch(LatLon(51.5560, -0.1150), "postcode")
    assert INDEX.resolve("N76PB") == PostcodeMatch(LatLon(51.5580, -0.1170), "postcode")


def test_unknown_postcode_falls_back_to_the_centre_of_its_sector() -> None:
    match = INDEX.resolve("N7 6ZZ")
    assert match is not None and match.precision == "sector"
    assert match.point.lat == pytest.approx((51.5560 + 51.5580) / 2)
    assert match.point.lon == pytest.approx((-0.1150 - 0.1170) / 2)


def test_unknown_sector_falls_back_to_its_district() -> None:
    match = INDEX.resolve("N7 0XX")
    assert match is not None and match.precision == "district"
    assert match.point.lat == pytest.approx((51.5560 + 51.5580 + 51.5500) / 3)


def test_a_bare_sector_or_district_resolves_too() -> None:
    sector = INDEX.resolve("N7 6")
    assert sector is not None and sector.precision == "sector"
    district = INDEX.resolve("n19")
    assert district == PostcodeMatch(LatLon(51.5650, -0.1300), "district")


@pytest.mark.parametrize("text", ["SW1A 1AA", "SW1A", "E1", "hello", "", "N7 6P"])
def test_places_with_no_known_venue_or_non_postcodes_are_unknown(text: str) -> None:
    assert INDEX.resolve(text) is None


def test_a_venue_counts_each_postcode_once_in_a_centre() -> None:
    index = PostcodeIndex(
        [
            ("N7 6PA", LatLon(51.0, 0.0)),
            ("N7 6PA", LatLon(51.0, 0.0)),
            ("N7 6PA", LatLon(51.0, 0.0)),
            ("N7 6PB", LatLon(52.0, 0.0)),
        ]
    )
    match = index.resolve("N7 6ZZ")
    assert match is not None and match.point.lat == pytest.approx(51.5)


def test_the_snapshot_indexes_its_venues_and_fills_in_postcode_only_venues() -> None:
    snapshot = DirectorySnapshot.build(
        [
            activity("a", venue=venue(51.5560, -0.1150, postcode="N7 6PA")),
            activity("b", venue=venue(None, None, postcode="n7 6pa")),  # borrows a's point
            activity("c", venue=venue(None, None, postcode="N7 6XX")),  # same sector: not used
        ]
    )
    assert "N7 6PA" in snapshot.postcodes and len(snapshot.postcodes) == 1
    assert snapshot.postcodes.resolve("N7 6PA") == PostcodeMatch(
        LatLon(51.5560, -0.1150), "postcode"
    )
    assert snapshot.lat[1] == 51.5560
    # A sector centre is too rough to decide a hard distance limit: c stays unknown.
    assert snapshot.lat[2] != snapshot.lat[2]


def test_a_position_navigator_guessed_is_not_taken_as_the_postcodes_own() -> None:
    given = Activity(
        id="a",
        name="A",
        categories=("music",),
        venue=Venue(postcode="N7 6PA", lat=51.553, lon=-0.113),
    )
    guessed = Activity(
        id="b",
        name="B",
        categories=("music",),
        guessed=("venue.position",),
        venue=Venue(postcode="N7 6PA", lat=51.5588, lon=-0.1177),
    )
    only_guessed = DirectorySnapshot.build([guessed])
    assert only_guessed.postcodes.exact("N7 6PA") is None
    both = DirectorySnapshot.build([given, guessed])
    assert both.postcodes.exact("N7 6PA") == LatLon(51.553, -0.113)  # not moved by the guess
