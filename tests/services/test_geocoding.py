"""Placing a venue from its postcode: the directory's own venues first, then the geocode
cache, then the (fake) online geocoder, and last the sector or district centre, marked
approximate. Nothing here touches the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from navigator import __version__
from navigator.matching.postcodes import PostcodeIndex
from navigator.services.geocoding import (
    CONTACT_SETTING,
    GEOCODER_SETTING,
    RateLimitedGeocoder,
    VenueLocation,
    VenueLocationError,
    VenueLocator,
    make_geocoder,
    user_agent,
)
from navigator.services.matching import MatchService
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.services.fakes import FakeGeocoder, venue_activity


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(
        [
            venue_activity("a", "N7 6PA", 51.550, -0.110),
            venue_activity("b", "N7 6QX", 51.552, -0.114),
            venue_activity("c", "N7 9QJ", 51.560, -0.120),
        ]
    )
    yield repository
    database.close()


def locator_for(
    repository: DirectoryRepository, geocoder: FakeGeocoder | None = None
) -> VenueLocator:
    matches = MatchService(repository)
    return VenueLocator(
        lambda: matches.snapshot().postcodes,
        cached=repository.cached_postcode,
        cache=repository.cache_postcode,
        geocoder=geocoder,
        geocoder_name="fake",
    )


def test_a_known_venue_postcode_is_placed_exactly_and_offline(
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder({"N7 6PA": (1.0, 1.0)})
    found = locator_for(repository, geocoder).locate("n76pa")
    assert found == VenueLocation(51.55, -0.11, "postcode", False, "N7 6PA")
    assert found.describe() == "Position from the postcode"
    assert geocoder.asked == []


def test_offline_the_sector_centre_is_used_and_marked_approximate(
    repository: DirectoryRepository,
) -> None:
    found = locator_for(repository).locate("N7 6ZZ")
    assert (found.lat, found.lon) == (51.551, -0.112)
    assert (found.precision, found.approximate, found.area) == ("sector", True, "N7 6")
    assert found.describe() == "Approximate: the middle of N7 6 (no exact match)"


def test_offline_the_district_centre_is_the_last_resort(repository: DirectoryRepository) -> None:
    found = locator_for(repository).locate("N7 0AA")
    assert (found.precision, found.approximate, found.area) == ("district", True, "N7")
    # The centre of the three postcodes, each counted once.
    assert found.lat == pytest.approx((51.550 + 51.552 + 51.560) / 3, abs=1e-6)
    assert found.describe() == "Approximate: the middle of N7 (no exact match)"


def test_the_geocoder_is_asked_only_when_no_venue_has_the_postcode_and_its_answer_is_cached(
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder({"N7 6ZZ": (51.5561234567, -0.1159876543)})
    locator = locator_for(repository, geocoder)
    found = locator.locate("N7 6ZZ")
    assert found == VenueLocation(51.556123, -0.115988, "geocoder", False, "N7 6ZZ")
    assert geocoder.asked == ["N7 6ZZ, United Kingdom"]
    assert repository.cached_postcode("N7 6ZZ") == (51.5561234567, -0.1159876543)
    # Asked again (here, or by another machine on a shared database): the cache answers.
    assert locator.locate("n7 6zz") == found
    assert locator_for(repository, FakeGeocoder(fail=True)).locate("N7 6ZZ") == found
    assert geocoder.asked == ["N7 6ZZ, United Kingdom"]


def test_a_cached_answer_is_used_even_with_no_geocoder(repository: DirectoryRepository) -> None:
    repository.cache_postcode("E1 6AN", 51.52, -0.075, "nominatim")
    found = locator_for(repository).locate("E1 6AN")
    assert found == VenueLocation(51.52, -0.075, "geocoder", False, "E1 6AN")


def test_a_failing_geocoder_falls_back_to_the_approximate_centre(
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder(fail=True)
    found = locator_for(repository, geocoder).locate("N7 6ZZ")
    assert (found.precision, found.approximate) == ("sector", True)
    assert geocoder.asked == ["N7 6ZZ, United Kingdom"]
    assert repository.cached_postcode("N7 6ZZ") is None


def test_an_answer_outside_the_uk_is_not_believed(repository: DirectoryRepository) -> None:
    geocoder = FakeGeocoder({"N7 6ZZ": (40.7, -74.0)})
    found = locator_for(repository, geocoder).locate("N7 6ZZ")
    assert (found.precision, found.approximate) == ("sector", True)
    assert repository.cached_postcode("N7 6ZZ") is None


@pytest.mark.parametrize(
    ("geocoder", "why"),
    [
        (None, "no known venue nearby and no online lookup set up"),
        (FakeGeocoder(fail=True), "no known venue nearby and the online lookup failed"),
        (FakeGeocoder(), "no known venue nearby and the online lookup did not find it"),
    ],
)
def test_a_postcode_far_from_every_venue_gives_a_clear_error(
    repository: DirectoryRepository, geocoder: FakeGeocoder | None, why: str
) -> None:
    with pytest.raises(VenueLocationError, match=f"^SW1A 1AA could not be placed: {why}"):
        locator_for(repository, geocoder).locate("sw1a1aa")


def test_text_that_is_not_a_full_postcode_is_refused_without_asking_anyone(
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder()
    with pytest.raises(VenueLocationError, match='"N7" is not a full UK postcode'):
        locator_for(repository, geocoder).locate(" N7 ")
    assert geocoder.asked == []


def test_an_empty_directory_still_works_offline() -> None:
    locator = VenueLocator(PostcodeIndex, cached=lambda _p: None, cache=lambda *_a: None)
    with pytest.raises(VenueLocationError, match="no online lookup set up"):
        locator.locate("N7 6PA")
    assert not locator.online


# Building the geocoder -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings", [{}, {GEOCODER_SETTING: ""}, {GEOCODER_SETTING: "off"}, {GEOCODER_SETTING: "bogus"}]
)
def test_without_a_known_geocoder_setting_everything_stays_offline(
    settings: dict[str, str],
) -> None:
    assert make_geocoder(settings) is None


def test_nominatim_is_built_with_a_proper_user_agent_and_rate_limited() -> None:
    geocoder = make_geocoder({GEOCODER_SETTING: " Nominatim ", CONTACT_SETTING: "it@example.org"})
    assert isinstance(geocoder, RateLimitedGeocoder)
    assert geocoder.name == "nominatim"
    assert isinstance(geocoder.geocoder, Nominatim)
    agent = geocoder.geocoder.headers["User-Agent"]
    assert agent == f"Navigator/{__version__} (community-activity directory; it@example.org)"
    assert isinstance(geocoder.limiter, RateLimiter)
    assert geocoder.limiter.min_delay_seconds >= 1.0
    assert geocoder.limiter.max_retries == 0
    assert geocoder.limiter.func.keywords == {"country_codes": "gb"}


def test_the_user_agent_says_how_to_set_a_contact() -> None:
    assert user_agent(None) == (
        f"Navigator/{__version__} (community-activity directory; "
        "contact set by NAVIGATOR_GEOCODER_CONTACT)"
    )


def test_the_rate_limiter_passes_the_query_through_and_raises_failures() -> None:
    fake = FakeGeocoder({"N7 6ZZ": (51.5, -0.1)})
    limited = RateLimitedGeocoder(fake, "fake")
    assert limited.geocode("N7 6ZZ, United Kingdom", timeout=5).latitude == 51.5
    fake.fail = True
    with pytest.raises(OSError):
        limited.geocode("N7 6ZZ, United Kingdom", timeout=5)


# With the bundled postcode areas ---------------------------------------------------------------

AREAS = PostcodeAreas.from_centres(
    [("N7", 51.553, -0.118, 900), ("N7 6", 51.5588, -0.1177, 143), ("SW1A", 51.5046, -0.1321, 146)]
)


def locator_with_areas(
    repository: DirectoryRepository, geocoder: FakeGeocoder | None = None
) -> VenueLocator:
    matches = MatchService(repository)
    return VenueLocator(
        lambda: matches.snapshot().postcodes,
        cached=repository.cached_postcode,
        cache=repository.cache_postcode,
        geocoder=geocoder,
        geocoder_name="fake",
        areas=AREAS,
    )


def test_a_venues_exact_postcode_still_wins_over_the_bundled_areas(
    repository: DirectoryRepository,
) -> None:
    assert locator_with_areas(repository).locate("N7 6PA").precision == "postcode"


def test_the_geocoder_comes_before_the_bundled_sector_and_is_cached_for_venues(
    repository: DirectoryRepository,
) -> None:
    found = locator_with_areas(repository, FakeGeocoder({"N7 6ZZ": (51.557, -0.116)})).locate(
        "N7 6ZZ"
    )
    assert (found.precision, found.lat) == ("geocoder", 51.557)
    assert repository.cached_postcode("N7 6ZZ") == (51.557, -0.116)


def test_offline_the_bundled_sector_then_district_come_before_the_directorys_own(
    repository: DirectoryRepository,
) -> None:
    sector = locator_with_areas(repository).locate("N7 6ZZ")
    # The bundle's N7 6, not the middle of the directory's two venues there (51.551).
    assert (sector.lat, sector.precision, sector.area) == (51.5588, "sector", "N7 6")
    far = locator_with_areas(repository, FakeGeocoder(fail=True)).locate("SW1A 1AA")
    assert (far.lat, far.precision, far.approximate, far.area) == (
        51.5046,
        "district",
        True,
        "SW1A",
    )
    assert far.describe() == "Approximate: the middle of SW1A (no exact match)"
    assert repository.cached_postcode("SW1A 1AA") is None  # an area centre is not cached


def test_the_directorys_own_centres_serve_where_the_bundle_has_nothing(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'ni.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities([venue_activity("b", "BT1 1AA", 54.6, -5.93)])
    found = locator_with_areas(repository).locate("BT1 1ZZ")  # Northern Ireland: not bundled
    assert (found.lat, found.precision, found.area) == (54.6, "sector", "BT1 1")
    database.close()
