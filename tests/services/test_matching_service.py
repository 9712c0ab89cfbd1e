"""The match service: the snapshot is reloaded only when the directory changed, and postcodes
resolve offline first, then from the cache, then through an (injected) geocoder."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.services.matching import MatchService, ProfileLocationError
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.services.fakes import FakeGeocoder, venue_activity

NOW = dt.datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def repository(tmp_path: Path) -> DirectoryRepository:
    repository = DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}"))
    repository.import_activities(
        [
            venue_activity("a", "N7 6PA", 51.550, -0.110),
            venue_activity("b", "N7 6QX", 51.552, -0.114),
            venue_activity("c", "N7 9QJ", 51.560, -0.120),
        ]
    )
    return repository


def test_the_snapshot_is_reused_until_the_directory_changes(
    repository: DirectoryRepository,
) -> None:
    service = MatchService(repository)
    first = service.snapshot()
    assert service.snapshot() is first
    repository.import_activities([venue_activity("d", "N19 5RQ", 51.565, -0.131)])
    second = service.snapshot()
    assert second is not first and "d" in second


def test_an_exact_venue_postcode_is_used_first(repository: DirectoryRepository) -> None:
    geocoder = FakeGeocoder({"N7 6PA": (0.0, 0.0)})
    found = MatchService(repository, geocoder).resolve_postcode("n76pa")
    assert (found.point, found.how) == (LatLon(51.550, -0.110), "postcode")
    assert geocoder.asked == []


def test_then_the_centre_of_the_sector_then_of_the_district(
    repository: DirectoryRepository,
) -> None:
    service = MatchService(repository)
    sector = service.resolve_postcode("N7 6ZZ")
    assert sector.how == "sector"
    assert sector.point.lat == pytest.approx(51.551) and sector.point.lon == pytest.approx(-0.112)
    district = service.resolve_postcode("N7 0AA")
    assert district.how == "district"
    assert district.point.lat == pytest.approx((51.550 + 51.552 + 51.560) / 3)


def test_then_the_geocoder_whose_answers_about_people_are_not_kept(
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder({"SW1A 1AA": (51.501, -0.142)})
    found = MatchService(repository, geocoder, "fake").resolve_postcode("SW1A 1AA")
    assert (found.point, found.how) == (LatLon(51.501, -0.142), "geocoder")
    # A person's postcode is never written anywhere (issue 10); a venue's answer is cached.
    assert repository.cached_postcode("SW1A 1AA") is None
    repository.cache_postcode("SW1A 1AA", 51.5, -0.14, "venue lookup")
    offline = MatchService(repository, FakeGeocoder(fail=True)).resolve_postcode("SW1A 1AA")
    assert offline.point == LatLon(51.5, -0.14)


def test_an_unplaceable_postcode_is_an_error_not_a_guess(repository: DirectoryRepository) -> None:
    with pytest.raises(ProfileLocationError, match="cannot place"):
        MatchService(repository, FakeGeocoder(fail=True)).resolve_postcode("ZE2 9AA")
    with pytest.raises(ProfileLocationError, match="is not a UK postcode"):
        MatchService(repository).resolve_postcode("hello")


def test_match_resolves_the_postcode_then_ranks(repository: DirectoryRepository) -> None:
    service = MatchService(repository)
    by_postcode = service.match(
        Profile(location=PostcodeLocation("N7 6PA"), max_distance_km=0.5), now=NOW
    )
    by_point = service.match(Profile(location=LatLon(51.550, -0.110), max_distance_km=0.5), now=NOW)
    assert [r.id for r in by_postcode.results] == [r.id for r in by_point.results]
    assert {r.id for r in by_point.results} == {"a", "b"}
    assert dataclasses.asdict(by_postcode)["excluded"] == 1
