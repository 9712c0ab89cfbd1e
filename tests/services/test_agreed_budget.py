"""A budget agreed with the person counts for near misses on cost (issue 16): the person's
own limit stays a rule; a near miss it covers says so and comes first among those on cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Cost, CostUnit, Venue
from navigator.domain.profile import LatLon, Profile
from navigator.formats.profile import parse_profile, profile_to_json
from navigator.services.agreed_budget import count_budget
from navigator.services.match_result import MatchOutcome
from navigator.services.matching import DirectorySnapshot, MatchService
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

NOW = dt.datetime(2026, 12, 1, 9, 0)
HERE = LatLon(51.55, -0.11)


def club(activity_id: str, cost: Cost) -> Activity:
    return Activity(
        id=activity_id,
        name=f"Pottery {activity_id}",
        categories=("arts_crafts",),
        keywords=("pottery",),
        venue=Venue(name="Studio", lat=51.551, lon=-0.111),
        cost=cost,
    )


DIRECTORY = [
    club("a-dear", Cost(per_session_gbp=9.0)),  # £7 over a £2 limit: a budget of £3 is not enough
    club("b-near", Cost(per_session_gbp=4.0)),  # £2 over: covered by £3
    club("c-month", Cost(amount_gbp=4.0, unit=CostUnit.MONTH)),  # not by the session: not told
    club("d-free", Cost(per_session_gbp=0.0)),  # a suggestion
]


@pytest.fixture
def matcher(tmp_path: Path) -> Iterator[MatchService]:
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    yield MatchService(DirectoryRepository(database))
    database.close()


def outcome(matcher: MatchService, profile: Profile) -> MatchOutcome:
    snapshot = DirectorySnapshot.build(DIRECTORY)
    return count_budget(matcher.match_profile(profile, now=NOW, top=10, snapshot=snapshot), profile)


def test_a_near_miss_the_budget_covers_says_so_and_comes_first(matcher: MatchService) -> None:
    profile = Profile(location=HERE, interests=("pottery",), max_cost_gbp=2.0)
    without = outcome(matcher, profile)
    with_budget = outcome(
        matcher,
        Profile(location=HERE, interests=("pottery",), max_cost_gbp=2.0, agreed_budget_gbp=3.0),
    )
    # The person's limit is still a rule: the same suggestions either way.
    assert [s.id for s in with_budget.report.results] == [s.id for s in without.report.results]
    assert [s.id for s in with_budget.report.results] == ["d-free"]
    misses = with_budget.report.near_misses
    assert misses[0].id == "b-near"
    assert misses[0].detail.endswith("; within the £3 a session budget agreed with them")
    assert {m.id for m in misses} == {m.id for m in without.report.near_misses}
    assert not any("budget" in m.detail for m in misses if m.id != "b-near")


def test_without_a_cost_limit_or_a_budget_nothing_changes(matcher: MatchService) -> None:
    no_limit = Profile(location=HERE, interests=("pottery",), agreed_budget_gbp=3.0)
    plain = matcher.match_profile(
        no_limit, now=NOW, top=10, snapshot=DirectorySnapshot.build(DIRECTORY)
    )
    assert count_budget(plain, no_limit) is plain
    no_budget = Profile(location=HERE, interests=("pottery",), max_cost_gbp=2.0)
    plain = matcher.match_profile(
        no_budget, now=NOW, top=10, snapshot=DirectorySnapshot.build(DIRECTORY)
    )
    assert count_budget(plain, no_budget) is plain


def test_the_budget_is_kept_in_a_profile_file() -> None:
    profile = Profile(reference="AB-1", max_cost_gbp=0.0, agreed_budget_gbp=2.5)
    data = profile_to_json(profile)
    assert data["agreed_budget_gbp"] == 2.5
    assert parse_profile(data) == profile
    assert "agreed_budget_gbp" not in profile_to_json(Profile())  # older readers see nothing new
