"""Each hard constraint of FORMATS.md §2, its near miss and its plain-English detail."""

from __future__ import annotations

import datetime as dt

import pytest

from navigator.domain.directory import Activity, Cost, Day, Delivery, Gender, Status
from navigator.domain.profile import (
    LatLon,
    PersonGender,
    PostcodeLocation,
    Profile,
    Setting,
    TimeWindow,
)
from navigator.matching import DirectorySnapshot, rank
from navigator.matching.explain import MENTAL_HEALTH_GROUP, NOT_MENTAL_HEALTH_GROUP

from .factories import HOME, NOW, activity, ids, profile, run, session, venue


def only_miss(report, activity_id: str):  # type: ignore[no-untyped-def]
    [miss] = [m for m in report.near_misses if m.id == activity_id]
    return miss


def test_only_active_activities_are_ever_suggested_or_counted() -> None:
    report = run(
        [
            activity("on"),
            activity("paused", status=Status.PAUSED),
            activity("gone", status=Status.ARCHIVED),
        ]
    )
    assert ids(report) == ["on"]
    assert report.near_misses == () and report.excluded == 0


def test_delivery() -> None:
    acts = [
        activity("here"),
        activity("web", delivery=Delivery.ONLINE, venue=None),
        activity("call", delivery=Delivery.PHONE, venue=None),
    ]
    report = run(acts, profile(delivery=(Delivery.IN_PERSON, Delivery.PHONE)))
    assert sorted(ids(report)) == ["call", "here"]
    miss = only_miss(report, "web")
    assert miss.failed == ("delivery",) and miss.detail == "Online only"
    assert report.excluded == 1
    assert (
        only_miss(run(acts, profile(delivery=(Delivery.ONLINE,))), "call").detail == "By phone only"
    )


def test_max_distance_uses_great_circle_km_and_exempts_online_and_phone() -> None:
    acts = [
        activity("near", venue=venue(51.5600, -0.1150)),  # ~0.45 km
        activity("far", venue=venue(51.5940, -0.1150)),  # ~4.2 km
        activity("nowhere", venue=venue(None, None)),
        activity("no-venue", venue=None),
        activity("web", delivery=Delivery.ONLINE, venue=None),
    ]
    report = run(acts, profile(location=HOME, max_distance_km=3))
    assert sorted(ids(report)) == ["near", "web"]
    far = only_miss(report, "far")
    assert far.failed == ("max_distance_km",)
    assert far.detail == "About 4.2 km away, 1.2 km further than the 3 km limit"
    assert only_miss(report, "nowhere").detail == "Venue location not known"
    assert only_miss(report, "no-venue").failed == ("max_distance_km",)
    assert report.excluded == 3


def test_exactly_at_the_limit_passes() -> None:
    snapshot = DirectorySnapshot.build([activity("edge", venue=venue(51.5650, -0.1150))])
    km = float(snapshot.distances_km(HOME)[0])
    report = rank(profile(location=HOME, max_distance_km=km), snapshot, now=NOW)
    assert ids(report) == ["edge"]


def test_without_a_location_a_distance_limit_fails_in_person_activities_only() -> None:
    acts = [activity("here"), activity("web", delivery=Delivery.ONLINE, venue=None)]
    report = run(acts, profile(max_distance_km=3))
    assert ids(report) == ["web"]
    assert only_miss(report, "here").detail.startswith("No location given")
    # No limit: distance simply is not used.
    report = run(acts, profile())
    assert sorted(ids(report)) == ["here", "web"]
    assert all(s.distance_km is None for s in report.results)


def test_availability_needs_one_session_wholly_inside_one_window_that_day() -> None:
    tuesday_morning = (TimeWindow(session().day, dt.time(9), dt.time(13)),)
    acts = [
        activity("inside", sessions=(session("tue", "10:00", "12:00"),)),
        activity("overruns", sessions=(session("tue", "12:00", "14:00"),)),
        activity("other-day", sessions=(session("wed", "10:00", "12:00"),)),
        activity(
            "one-of-two",
            sessions=(session("wed", "10:00", "11:00"), session("tue", "09:00", "13:00")),
        ),
        activity("by-arrangement", sessions=()),
        activity("evening", sessions=(session("tue", "17:00", "19:00"),)),
    ]
    report = run(acts, profile(availability=tuesday_morning))
    assert sorted(ids(report)) == ["by-arrangement", "inside", "one-of-two"]
    assert (
        only_miss(report, "evening").detail == "Tuesdays 17:00 to 19:00, outside the times you gave"
    )
    assert only_miss(report, "overruns").failed == ("availability",)


def test_no_availability_given_means_any_time() -> None:
    report = run([activity("x", sessions=(session("sun", "20:00", "22:00"),))])
    assert ids(report) == ["x"]


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (None, {"open", "young", "older"}),
        (17, {"open"}),
        (18, {"open", "young"}),
        (25, {"open", "young"}),
        (50, {"open", "older"}),
        (80, {"open", "older"}),
    ],
)
def test_age_limits_are_inclusive(age: int | None, expected: set[str]) -> None:
    acts = [
        activity("open"),
        activity("young", age_min=18, age_max=25),
        activity("older", age_min=50),
    ]
    assert set(ids(run(acts, profile(age=age)))) == expected


def test_age_near_miss_details() -> None:
    acts = [
        activity("young", age_min=18, age_max=25),
        activity("older", age_min=50),
        activity("kids", age_max=16),
    ]
    report = run(acts, profile(age=34))
    assert only_miss(report, "young").detail == "For ages 18 to 25"
    assert only_miss(report, "older").detail == "For ages 50 and over"
    assert only_miss(report, "kids").detail == "For ages up to 16"


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        (PersonGender.WOMAN, {"any", "women"}),
        (PersonGender.MAN, {"any", "men"}),
        (PersonGender.OTHER, {"any"}),
        (None, {"any"}),
    ],
)
def test_gender(gender: PersonGender | None, expected: set[str]) -> None:
    acts = [
        activity("any"),
        activity("women", gender=Gender.WOMEN),
        activity("men", gender=Gender.MEN),
    ]
    report = run(acts, profile(gender=gender))
    assert set(ids(report)) == expected
    details = {m.id: m.detail for m in report.near_misses}
    assert details.get("women", "Only for women") == "Only for women"
    assert details.get("men", "Only for men") == "Only for men"


def test_languages_need_one_in_common_and_default_to_english() -> None:
    acts = [
        activity("en"),
        activity("bn", languages=("bn",)),
        activity("both", languages=("bn", "en")),
    ]
    assert set(ids(run(acts))) == {"en", "both"}
    report = run(acts, profile(languages=("bn",)))
    assert set(ids(report)) == {"bn", "both"}
    assert only_miss(run(acts), "bn").detail == "In Bengali"


def test_max_cost_unknown_fails_and_zero_means_free_only() -> None:
    acts = [
        activity("free", cost=Cost(0)),
        activity("two", cost=Cost(2.0)),
        activity("three", cost=Cost(3.0, free_taster=True)),
        activity("unknown", cost=None),
        activity("blank", cost=Cost(None)),
    ]
    assert set(ids(run(acts, profile(max_cost_gbp=2)))) == {"free", "two"}
    report = run(acts, profile(max_cost_gbp=0))
    assert ids(report) == ["free"]
    assert only_miss(report, "two").detail == "Costs £2 a session"
    assert only_miss(report, "three").detail == "Costs £3 a session (first session free)"
    assert only_miss(report, "unknown").detail == "Cost not known"
    assert set(ids(run(acts))) == {"free", "two", "three", "unknown", "blank"}


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (Setting.NO_PREFERENCE, {"mh", "general"}),
        (Setting.PREFER_MENTAL_HEALTH, {"mh", "general"}),
        (Setting.AVOID_MENTAL_HEALTH, {"general"}),
        (Setting.ONLY_MENTAL_HEALTH, {"mh"}),
    ],
)
def test_setting(setting: Setting, expected: set[str]) -> None:
    acts = [activity("mh", mental_health_specific=True), activity("general")]
    report = run(acts, profile(setting=setting))
    assert set(ids(report)) == expected
    details = {m.id: m.detail for m in report.near_misses}
    mh, general = MENTAL_HEALTH_GROUP, NOT_MENTAL_HEALTH_GROUP
    assert details.get("mh", mh) == mh
    assert details.get("general", general) == general


def test_step_free_excludes_only_a_definite_no_and_cautions_on_unknown() -> None:
    acts = [
        activity("yes", venue=venue(step_free=True)),
        activity("no", venue=venue(step_free=False)),
        activity("unknown", venue=venue(step_free=None)),
        activity("web", delivery=Delivery.ONLINE, venue=venue(step_free=False)),
    ]
    report = run(acts, profile(needs_step_free=True))
    assert set(ids(report)) == {"yes", "unknown", "web"}
    assert only_miss(report, "no").detail == "Step-free access: no"
    cautions = {s.id: s.cautions for s in report.results}
    assert "Step-free access not confirmed" in cautions["unknown"]
    assert "Step-free access not confirmed" not in cautions["yes"]
    # Someone who did not say they need it is not warned.
    assert "Step-free access not confirmed" not in run(acts).results[0].cautions


def test_near_misses_break_exactly_one_and_excluded_counts_all_that_break_any() -> None:
    acts = [
        activity("ok"),
        activity("one", cost=Cost(5)),
        activity("two", cost=Cost(5), gender=Gender.MEN),
        activity("paused", cost=Cost(5), status=Status.PAUSED),
    ]
    report = run(acts, profile(max_cost_gbp=0, gender=PersonGender.WOMAN))
    assert ids(report) == ["ok"]
    assert [(m.id, m.failed) for m in report.near_misses] == [("one", ("max_cost_gbp",))]
    assert report.excluded == 2


def test_near_misses_are_limited_and_best_first() -> None:
    acts = [
        activity(
            f"m{i}",
            name=f"Painting {i}" if i < 3 else f"Other {i}",
            cost=Cost(5),
            categories=("arts_crafts",),
        )
        for i in range(15)
    ]
    report = run(acts, profile(max_cost_gbp=0, interests=("painting",)))
    assert len(report.near_misses) == 10
    assert {m.id for m in report.near_misses[:3]} == {"m0", "m1", "m2"}


def test_a_postcode_location_must_be_resolved_first() -> None:
    snapshot = DirectorySnapshot.build([activity("a")])
    with pytest.raises(ValueError, match="postcode"):
        rank(Profile(location=PostcodeLocation("N7 6PA")), snapshot, now=NOW)
    assert rank(Profile(location=LatLon(51.5, -0.1)), snapshot, now=NOW).results


def test_near_misses_worth_talking_through_come_first() -> None:
    """Negotiable misses (a little too far, cost, times, delivery, step-free) first, closest
    to passing first; then well too far; then setting; then language, age and gender."""

    def bengali(id: str, **kw: object) -> Activity:
        kw.setdefault("languages", ("bn",))
        return activity(id, **kw)  # type: ignore[arg-type]

    acts = [
        bengali("english", languages=("en",)),
        bengali("too-old", age_max=20),
        bengali("men", gender=Gender.MEN),
        bengali("mh", mental_health_specific=True),
        bengali("far", venue=venue(lat=HOME.lat + 0.09)),  # about 10 km
        bengali("little-far", venue=venue(lat=HOME.lat + 0.025)),  # about 2.8 km
        bengali("pricey", cost=Cost(6)),
        bengali("cheap", cost=Cost(1)),
        bengali("afternoon", sessions=(session("tue", "13:00", "15:00"),)),
        bengali("overruns", sessions=(session("tue", "11:00", "12:30"),)),
    ]
    person = profile(
        location=HOME,
        languages=("bn",),
        age=40,
        gender=PersonGender.WOMAN,
        setting=Setting.AVOID_MENTAL_HEALTH,
        max_distance_km=2.5,
        max_cost_gbp=0,
        availability=(TimeWindow(Day.TUE, dt.time(9), dt.time(12)),),
    )
    report = run(acts, person)
    # Just misses (30 minutes over, £1, 0.3 km) by fit; then an hour or more off; then a lot;
    # then grouped by what to talk about (times, cost, distance...), the best one's group first.
    assert [m.id for m in report.near_misses] == [
        "overruns",
        "afternoon",
        "cheap",
        "pricey",
        "little-far",
        "far",
        "mh",
        "english",
        "men",
        "too-old",
    ]
