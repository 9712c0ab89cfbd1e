"""Placing a person from their postcode with the bundled postcode areas: a venue's exact
postcode first, then online answers, then the sector and district centres; and the person's
postcode is never written anywhere (not the geocode cache, not the log)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from navigator.domain.profile import LatLon
from navigator.services.matching import MatchService, ProfileLocationError
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.services.fakes import FakeGeocoder, venue_activity

AREAS = PostcodeAreas.from_centres(
    [
        ("N7", 51.553, -0.118, 900),
        ("N7 6", 51.5588, -0.1177, 143),
        ("E14", 51.506, -0.018, 1899),
        ("E1", 51.517, -0.060, 1512),
        ("E1 4", 51.522, -0.045, 254),
    ]
)


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(
        [
            venue_activity("a", "N7 6PA", 51.550, -0.110),
            venue_activity("b", "N7 6QX", 51.552, -0.114),
            venue_activity("ni", "BT1 1AA", 54.600, -5.930),
        ]
    )
    yield repository
    database.close()


def service(repository: DirectoryRepository, geocoder: FakeGeocoder | None = None) -> MatchService:
    return MatchService(repository, geocoder, "online postcode lookup", areas=AREAS)


def cache_rows(repository: DirectoryRepository) -> list[tuple[object, ...]]:
    with repository.database.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(text("SELECT * FROM geocode_cache ORDER BY postcode"))
        ]


def test_a_venue_with_exactly_that_postcode_wins_over_the_areas(
    repository: DirectoryRepository,
) -> None:
    found = service(repository).resolve_postcode("n7 6pa")
    assert (found.point, found.how, found.area) == (LatLon(51.550, -0.110), "postcode", "N7 6PA")


def test_any_postcode_in_a_known_sector_is_placed_offline(repository: DirectoryRepository) -> None:
    found = service(repository).resolve_postcode("N7 6ZZ")
    # The bundled sector's centre, not the middle of the directory's two venues there.
    assert (found.point, found.how, found.area) == (LatLon(51.5588, -0.1177), "sector", "N7 6")


@pytest.mark.parametrize(
    ("typed", "how", "area"),
    [
        ("N7", "district", "N7"),
        ("N7 6", "sector", "N7 6"),
        ("E14", "district", "E14"),
        ("E1 4", "sector", "E1 4"),
        ("E14 9ZZ", "district", "E14"),
    ],
)
def test_districts_and_sectors_alone_are_placed(
    repository: DirectoryRepository, typed: str, how: str, area: str
) -> None:
    found = service(repository).resolve_postcode(typed)
    assert (found.how, found.area) == (how, area)


def test_online_answers_come_before_the_area_centres(repository: DirectoryRepository) -> None:
    geocoder = FakeGeocoder({"N7 6ZZ": (51.557, -0.116)})
    found = service(repository, geocoder).resolve_postcode("N7 6ZZ")
    assert (found.point, found.how) == (LatLon(51.557, -0.116), "geocoder")
    repository.cache_postcode("N7 6YY", 51.5571, -0.1161, "nominatim")  # a venue's, earlier
    assert service(repository).resolve_postcode("N7 6YY").how == "geocoder"


def test_where_the_areas_have_nothing_the_directorys_venues_serve(
    repository: DirectoryRepository,
) -> None:
    found = service(repository).resolve_postcode("BT1 1ZZ")  # Northern Ireland: not bundled
    assert (found.point, found.how, found.area) == (LatLon(54.6, -5.93), "sector", "BT1 1")
    with pytest.raises(
        ProfileLocationError, match='cannot place "BT9 5AA": Northern Ireland postcodes are not'
    ):
        service(repository, FakeGeocoder(fail=True)).resolve_postcode("BT9 5AA")


@pytest.mark.parametrize(
    "geocoder", [None, FakeGeocoder({"E14 9ZZ": (51.5, -0.02)}), FakeGeocoder(fail=True)]
)
def test_a_persons_postcode_is_never_written_to_the_cache_or_the_log(
    repository: DirectoryRepository, geocoder: FakeGeocoder | None, caplog: pytest.LogCaptureFixture
) -> None:
    repository.cache_postcode("N7 9QJ", 51.56, -0.12, "nominatim")  # a venue's answer
    before = cache_rows(repository)
    caplog.set_level(logging.DEBUG)
    matches = service(repository, geocoder)
    for postcode in ("E14 9ZZ", "e149zz", "N7 6ZZ", "BT1 1ZZ"):
        matches.resolve_postcode(postcode)
    assert cache_rows(repository) == before
    logged = " ".join(r.getMessage() for r in caplog.records).replace(" ", "").upper()
    for postcode in ("E149ZZ", "N76ZZ", "BT11ZZ"):
        assert postcode not in logged
