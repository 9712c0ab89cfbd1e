"""Soft preferences only change the order: goals, prefers, nearness, freshness, variety."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from navigator.domain.directory import Activity, Booking, Delivery, GroupSize, Welcome
from navigator.domain.matches import MatchReport
from navigator.domain.profile import Preference, Setting

from .factories import HOME, activity, ids, profile, run, session, venue


def first(acts: list[Activity], **kw: Any) -> str:
    return ids(run(acts, profile(**kw)))[0]


@pytest.mark.parametrize(
    ("pref", "good", "bad"),
    [
        (Preference.DROP_IN, {"booking": Booking.DROP_IN}, {"booking": Booking.BOOK_AHEAD}),
        (Preference.SMALL_GROUP, {"group_size": GroupSize.SMALL}, {"group_size": GroupSize.LARGE}),
        (
            Preference.SMALL_GROUP,
            {"group_size": GroupSize.ONE_TO_ONE},
            {"group_size": GroupSize.MEDIUM},
        ),
        (
            Preference.BRING_SOMEONE,
            {"welcome": Welcome(bring_someone=True)},
            {"welcome": Welcome(bring_someone=False)},
        ),
        (Preference.BEGINNERS, {"welcome": Welcome(beginners=True)}, {"welcome": Welcome()}),
        (Preference.PEER_LED, {"peer_led": True}, {"peer_led": False}),
        (
            Preference.DAYTIME,
            {"sessions": (session("tue", "14:00", "18:00"),)},
            {"sessions": (session("tue", "17:00", "19:00"),)},
        ),
    ],
)
def test_each_preference_lifts_the_activity_that_meets_it(
    pref: Preference, good: dict[str, Any], bad: dict[str, Any]
) -> None:
    acts = [activity("a-bad", name="A", **bad), activity("z-good", name="Z", **good)]

    def gap(report: MatchReport) -> float:
        scores = {s.id: s.score for s in report.results}
        return scores["z-good"] - scores["a-bad"]

    with_pref = run(acts, profile(prefers=(pref,)))
    assert ids(with_pref)[0] == "z-good"
    assert gap(with_pref) > gap(run(acts)) + 0.05


def test_prefer_mental_health_lifts_mental_health_or_peer_led_activities() -> None:
    acts = [
        activity("a", name="A"),
        activity("mh", name="M", mental_health_specific=True),
        activity("peer", name="P", peer_led=True),
    ]
    assert first(acts) == "a"
    report = run(acts, profile(setting=Setting.PREFER_MENTAL_HEALTH))
    assert set(ids(report)[:2]) == {"mh", "peer"}


def test_goals_follow_the_taxonomy_links_best_first() -> None:
    acts = [
        activity("club", name="A", categories=("social_club",)),
        activity("walk", name="B", categories=("walking",)),
        activity("sport", name="C", categories=("sport_fitness",)),
    ]
    assert ids(run(acts, profile(goals=("get_active",)))) == ["sport", "walk", "club"]
    # meet_people lists social_club first and walking last.
    assert ids(run(acts, profile(goals=("meet_people",))))[:2] == ["club", "walk"]


def test_peer_connection_and_one_to_one_goals_also_read_the_activity_itself() -> None:
    acts = [
        activity("a", name="A"),
        activity("p", name="P", peer_led=True),
        activity("o", name="O", group_size=GroupSize.ONE_TO_ONE),
    ]
    assert first(acts, goals=("peer_connection",)) == "p"
    assert first(acts, goals=("one_to_one",)) == "o"


def test_nearer_ranks_higher_when_all_else_is_equal() -> None:
    acts = [
        activity("far", name="A", venue=venue(51.5900, -0.1150)),
        activity("near", name="B", venue=venue(51.5570, -0.1150)),
    ]
    assert ids(run(acts, profile(location=HOME))) == ["near", "far"]


def test_interests_outweigh_nearness() -> None:
    acts = [
        activity("near", "Quiz Night", venue=venue(51.5562, -0.1150)),
        activity("far", "Painting Group", ("arts_crafts",), venue=venue(51.5900, -0.1150)),
    ]
    assert first(acts, location=HOME, interests=("painting",)) == "far"


def test_stale_entries_rank_lower_and_say_when_they_were_checked() -> None:
    acts = [
        activity("stale", name="A", last_verified=dt.date(2025, 3, 14)),
        activity("fresh", name="B", last_verified=dt.date(2026, 10, 1)),
    ]
    report = run(acts)
    assert ids(report) == ["fresh", "stale"]
    assert "Not checked since March 2025" in report.results[1].cautions
    assert not any(c.startswith("Not checked") for c in report.results[0].cautions)


def test_exactly_twelve_months_is_not_yet_stale() -> None:
    report = run([activity("x", last_verified=dt.date(2025, 11, 24))])
    assert not any(c.startswith("Not checked") for c in report.results[0].cautions)
    report = run([activity("x", last_verified=dt.date(2025, 11, 23))])
    assert "Not checked since November 2025" in report.results[0].cautions


def test_unknown_verification_ranks_between_fresh_and_stale() -> None:
    acts = [
        activity("stale", name="A", last_verified=dt.date(2024, 1, 1)),
        activity("unknown", name="B", last_verified=None),
        activity("fresh", name="C"),
    ]
    assert ids(run(acts)) == ["fresh", "unknown", "stale"]


def test_scores_are_between_0_and_1_and_sorted_without_several_interests() -> None:
    acts = [
        activity(str(i), categories=(c,))
        for i, c in enumerate(["arts_crafts", "music", "walking", "sport_fitness"])
    ]
    report = run(
        acts,
        profile(
            location=HOME, interests=("walking",), goals=("get_active",), prefers=tuple(Preference)
        ),
    )
    scores = [s.score for s in report.results]
    assert all(0 <= s <= 1 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_an_empty_profile_still_ranks_deterministically() -> None:
    acts = [activity(i, name=n) for i, n in (("b", "Bee"), ("a", "Ant"), ("c", "ant"))]
    assert ids(run(acts)) == ["a", "c", "b"]
    assert ids(run(list(reversed(acts)))) == ["a", "c", "b"]


def test_variety_when_several_interests_are_named() -> None:
    gardening = [
        activity(f"g{i}", f"Gardening group {i}", ("nature_gardening",), keywords=("gardening",))
        for i in range(8)
    ]
    cooking = [
        activity(
            "c1",
            "Community cafe",
            ("cooking_food",),
            venue=venue(51.60, -0.2),
            last_verified=dt.date(2024, 1, 1),
        )
    ]
    report = run(
        gardening + cooking, profile(location=HOME, interests=("gardening", "cooking")), top=5
    )
    assert "c1" in ids(report)
    # With one interest there is nothing to vary.
    single = run(gardening + cooking, profile(location=HOME, interests=("gardening",)), top=5)
    assert "c1" not in ids(single)


def test_top_limits_results_and_none_means_all() -> None:
    acts = [activity(str(i)) for i in range(15)]
    assert len(run(acts, top=10).results) == 10
    assert len(run(acts, top=None).results) == 15
    assert run(acts, top=0).results == ()
    assert [s.rank for s in run(acts, top=3).results] == [1, 2, 3]


def test_online_activities_are_not_ranked_as_if_next_door() -> None:
    acts = [
        activity("here", name="B", venue=venue(51.5561, -0.1150)),
        activity("web", name="A", delivery=Delivery.ONLINE, venue=None),
    ]
    assert ids(run(acts, profile(location=HOME))) == ["here", "web"]
