"""The 'match a profile' use case: place the person, then rank; the outcome carries the place
and how exact it is, the counts, and distances and prices as data, not sentences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Cost, CostUnit, Status, Venue
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.services.handout import HandoutError, chosen_activities, prepare_handout
from navigator.services.match_result import Band, Precision, Price, ProblemKind
from navigator.services.matching import MatchService
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.services.fakes import FakeGeocoder, venue_activity

NOW = dt.datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def service(tmp_path: Path) -> MatchService:
    repository = DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}"))
    far = Activity(
        id="far",
        name="Far Group",
        categories=("social_club",),
        venue=Venue(name="Far Hall", postcode="N19 5RQ", lat=51.600, lon=-0.110),
        cost=Cost(amount_gbp=5.0, unit=CostUnit.YEAR),
    )
    repository.import_activities(
        [
            venue_activity("a", "N7 6PA", 51.550, -0.110),
            venue_activity("b", "N7 6QX", 51.552, -0.114),
            far,
            Activity(id="paused", name="Paused", categories=("social_club",), status=Status.PAUSED),
        ]
    )
    return MatchService(repository, FakeGeocoder(fail=True))


def test_a_postcode_is_placed_then_ranked_and_the_facts_are_data(service: MatchService) -> None:
    outcome = service.match_profile(Profile(location=PostcodeLocation("n7 6pa")), now=NOW)
    assert outcome.place is not None and outcome.problem is None
    assert (outcome.place.precision, outcome.place.postcode) == (Precision.POSTCODE, "N7 6PA")
    assert outcome.place.point == LatLon(51.550, -0.110)
    assert outcome.running == 3 and outcome.fitting == 3  # the paused one is not running
    assert outcome.distances["a"].metres == 0 and outcome.distances["a"].band is Band.WALK
    # 5.5 km is beyond a walk: a band, not a sentence to search for "walk".
    assert outcome.distances["far"].band is Band.FURTHER
    assert outcome.distances["far"].metres == pytest.approx(5560, abs=20)
    assert outcome.prices["far"] == Price(free=False, amount_gbp=5.0, unit=CostUnit.YEAR)
    assert outcome.prices["a"] == Price(free=False, amount_gbp=None, unit=None)  # not known


def test_a_postcode_that_cannot_be_placed_is_ranked_without_a_place(
    service: MatchService,
) -> None:
    outcome = service.match_profile(Profile(location=PostcodeLocation("ZE2 9AA")), now=NOW)
    assert outcome.place is None and outcome.problem is not None
    assert outcome.problem.kind is ProblemKind.CANNOT_PLACE
    assert outcome.report.results and not outcome.distances  # ranked, no distances
    typing = service.match_profile(Profile(location=PostcodeLocation("N7")), now=NOW)
    assert typing.place is not None and typing.place.precision is Precision.DISTRICT
    nonsense = service.match_profile(Profile(location=PostcodeLocation("hello")), now=NOW)
    assert nonsense.problem is not None and nonsense.problem.kind is ProblemKind.NOT_A_POSTCODE


def test_the_same_postcode_is_not_looked_up_again_for_the_same_directory(
    tmp_path: Path,
) -> None:
    repository = DirectoryRepository(open_database(f"sqlite:///{tmp_path / 'd.db'}"))
    repository.import_activities([venue_activity("a", "N7 6PA", 51.550, -0.110)])
    geocoder = FakeGeocoder({"SW1A 1AA": (51.501, -0.142)})
    service = MatchService(repository, geocoder)
    snapshot = service.snapshot()
    for interests in ((), ("choir",), ("choir", "walking")):
        profile = Profile(location=PostcodeLocation("SW1A 1AA"), interests=interests)
        outcome = service.match_profile(profile, now=NOW, snapshot=snapshot)
        assert outcome.place is not None and outcome.place.precision is Precision.GEOCODER
    assert len(geocoder.asked) == 1  # one lookup while other fields were edited
    assert repository.cached_postcode("SW1A 1AA") is None  # and never written down


def test_a_handout_is_prepared_from_the_chosen_ids_and_the_place(service: MatchService) -> None:
    def find(activity_id: str) -> Activity | None:
        return (
            service.snapshot().activity(activity_id) if activity_id in service.snapshot() else None
        )

    with pytest.raises(HandoutError, match='no activity with id "nope"'):
        chosen_activities(["a", "nope"], find)
    with pytest.raises(HandoutError, match="paused, not running"):
        chosen_activities(["paused"], find)
    chosen = chosen_activities(["far", "a"], find)
    handout = prepare_handout(
        chosen, NOW, person_at=LatLon(51.550, -0.110), worth_knowing={"far": "Costs £5 a year"}
    )
    assert [b.activity_id for b in handout.blocks] == ["far", "a"]
    far_rows = {row.label: row.lines for row in handout.blocks[0].rows}
    assert far_rows["Worth knowing"] == ("Costs £5 a year",)
    assert any("km away" in line for line in far_rows["Where"])
    assert "Worth knowing" not in {row.label for row in handout.blocks[1].rows}
