"""The engine's public surface: snapshot look-ups, `now`, and what a report carries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from navigator.domain.profile import Profile
from navigator.matching import DirectorySnapshot, rank

from .factories import NOW, activity, session


def test_snapshot_looks_activities_up_by_id() -> None:
    snapshot = DirectorySnapshot.build([activity("a"), activity("b", name="Bee")])
    assert snapshot.activity("b").name == "Bee"
    assert "a" in snapshot and "zzz" not in snapshot and len(snapshot) == 2
    with pytest.raises(KeyError):
        snapshot.activity("zzz")


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        DirectorySnapshot.build([activity("a"), activity("a")])


def test_an_empty_directory_gives_an_empty_report() -> None:
    report = rank(Profile(interests=("gardening", "cooking")), DirectorySnapshot.build([]), now=NOW)
    assert report.results == () and report.near_misses == () and report.excluded == 0


def test_the_report_carries_the_reference_and_the_time_it_was_made_for() -> None:
    report = rank(
        Profile(reference="AB-0042"),
        DirectorySnapshot.build([activity("a")]),
        now=dt.datetime(2026, 11, 24, 9, 0, 30, 999),
    )
    assert report.reference == "AB-0042"
    assert report.generated_at == dt.datetime(2026, 11, 24, 9, 0, 30)


def test_an_aware_now_is_read_as_london_wall_clock_time() -> None:
    snapshot = DirectorySnapshot.build([activity("a", sessions=(session("tue", "10:00"),))])
    # 09:30 UTC in June is 10:30 in London: today's 10:00 session has started.
    summer = dt.datetime(2026, 6, 16, 9, 30, tzinfo=ZoneInfo("UTC"))
    report = rank(Profile(), snapshot, now=summer)
    assert report.generated_at == dt.datetime(2026, 6, 16, 10, 30)
    assert report.results[0].next_session == dt.datetime(2026, 6, 23, 10, 0)


def test_without_now_the_current_time_is_used() -> None:
    report = rank(Profile(), DirectorySnapshot.build([activity("a")]))
    assert abs(report.generated_at - dt.datetime.now()).total_seconds() < 24 * 3600


def test_scores_never_go_up_after_the_variety_re_rank() -> None:
    from .factories import HOME, activity, profile, run, venue

    acts = [
        activity(f"paint{i}", name=f"Painting {i}", categories=("arts_crafts",)) for i in range(4)
    ]
    acts.append(
        activity(
            "football",
            name="Football",
            categories=("sport_fitness",),
            venue=venue(lat=HOME.lat + 0.02),
        )
    )
    report = run(acts, profile(location=HOME, interests=("painting", "football")))
    scores = [s.score for s in report.results]
    assert "football" in [s.id for s in report.results[:4]]  # moved up for variety
    assert scores == sorted(scores, reverse=True)
