"""Matching with the fields real directories need (FORMATS.md §1a).

Several places (distance to the nearest), prices in units other than a session, classes for
learners of a language, activities for young children with a parent or carer, and fields an
importer guessed. Worked examples first, then properties over generated directories.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity, Cost, CostUnit, Delivery, Gender, Status, Venue
from navigator.domain.matches import CONSTRAINT_FIELDS, MatchReport
from navigator.domain.profile import LatLon, Profile, Setting
from navigator.domain.wording import describe_cost, describe_cost_easy, describe_who, price
from navigator.matching import DirectorySnapshot, rank
from navigator.matching.constraints import failures
from navigator.matching.explain import GUESSED_FREE, GUESSED_MENTAL_HEALTH, MENTAL_HEALTH_GROUP

from .factories import HOME, NOW, activity, ids, profile, result, run
from .shown import shown
from .strategies import OTHER_UNITS, directories, profiles, random_directory, random_profile
from .test_properties import km_between, point_of

# Distances from HOME (51.5560, -0.1150) going north.
FAR_HALL = Venue(name="Far Hall", lat=51.5940, lon=-0.1150)  # ~4.2 km
NEAR_HALL = Venue(name="Near Hall", lat=51.5600, lon=-0.1150)  # ~0.45 km
MIDDLE_HALL = Venue(name="Middle Hall", lat=51.5700, lon=-0.1150)  # ~1.6 km


def miss(report: MatchReport, activity_id: str):  # type: ignore[no-untyped-def]
    [found] = [m for m in report.near_misses if m.id == activity_id]
    return found


# Several places --------------------------------------------------------------------------------


def test_distance_is_to_the_nearest_place_and_the_result_names_it() -> None:
    walk = activity(
        "walk", name="Health Walk", venue=FAR_HALL, more_venues=(MIDDLE_HALL, NEAR_HALL)
    )
    report = run([walk], profile(location=HOME, max_distance_km=1.0))
    found = result(report, "walk")
    assert found.distance_km == pytest.approx(0.445, abs=0.01)
    assert found.venue == NEAR_HALL
    # Said with the place, so "10 minutes' walk" is not read as to the main address.
    assert "About 5 minutes' walk, at Near Hall" in found.reasons


def test_one_place_needs_no_name_in_the_distance_reason() -> None:
    # With no distance limit set, how far it is is a fact rather than a reason.
    found = shown([activity("a", venue=NEAR_HALL)], profile(location=HOME), "a")
    assert "About 5 minutes' walk" in found.facts
    assert "About 5 minutes' walk" not in found.reasons
    assert (
        result(run([activity("a", venue=NEAR_HALL)], profile(location=HOME)), "a").venue
        == NEAR_HALL
    )


def test_a_too_far_activity_says_how_far_its_nearest_place_is() -> None:
    walk = activity("walk", venue=FAR_HALL, more_venues=(MIDDLE_HALL,))
    report = run([walk], profile(location=HOME, max_distance_km=1.0))
    assert ids(report) == []
    near_miss = miss(report, "walk")
    assert near_miss.failed == ("max_distance_km",)
    assert near_miss.detail == "About 1.6 km away, 0.6 km further than the 1 km limit"
    assert near_miss.venue == MIDDLE_HALL


def test_an_extra_place_with_only_a_postcode_borrows_a_known_point() -> None:
    placed = activity("placed", venue=Venue(postcode="N7 6PA", lat=51.5600, lon=-0.1150))
    postcode_only = activity("pc", venue=FAR_HALL, more_venues=(Venue(postcode="n76pa"),))
    report = run([placed, postcode_only], profile(location=HOME, max_distance_km=1.0))
    assert sorted(ids(report)) == ["pc", "placed"]
    assert result(report, "pc").venue == Venue(postcode="n76pa")


def test_extra_places_also_place_a_postcode_for_the_person() -> None:
    snapshot = DirectorySnapshot.build(
        [
            activity(
                "a", venue=FAR_HALL, more_venues=(Venue(postcode="N19 5RQ", lat=51.565, lon=-0.13),)
            )
        ]
    )
    found = snapshot.postcodes.resolve("N19 5RQ")
    assert found is not None and found.point == LatLon(51.565, -0.13)


def test_no_main_venue_but_a_known_extra_place_is_placed() -> None:
    act = activity("a", venue=None, more_venues=(Venue(name="Somewhere"), NEAR_HALL))
    report = run([act], profile(location=HOME, max_distance_km=1.0))
    found = result(report, "a")
    assert found.venue == NEAR_HALL
    assert "Venue location not known" not in found.cautions
    # Without a location it is still placed, and the result points at its first place.
    found = result(run([act]), "a")
    assert "Venue location not known" not in found.cautions
    assert found.venue == Venue(name="Somewhere")


def test_nowhere_known_fails_a_distance_limit_as_before() -> None:
    act = activity("a", venue=Venue(name="Hall"), more_venues=(Venue(name="Other"),))
    report = run([act], profile(location=HOME, max_distance_km=5.0))
    assert miss(report, "a").detail == "Venue location not known"
    assert "Venue location not known" in result(run([act]), "a").cautions


def test_online_suggestions_name_no_place() -> None:
    web = activity("web", delivery=Delivery.ONLINE, more_venues=(NEAR_HALL,))
    found = result(run([web], profile(location=HOME)), "web")
    assert found.venue is None and found.distance_km is None


def test_equal_distances_pick_the_main_venue() -> None:
    twin = dataclasses.replace(NEAR_HALL, name="Twin")
    snapshot = DirectorySnapshot.build([activity("a", venue=NEAR_HALL, more_venues=(twin,))])
    assert snapshot.nearest(HOME).venue(0) == NEAR_HALL


def test_the_json_result_keeps_its_published_fields() -> None:
    # FORMATS.md §3: the venue is structured data for the app, not a new JSON field; facts
    # and the evidence note are added fields.
    from navigator.formats.matches import report_to_json

    report = run(
        [activity("walk", venue=FAR_HALL, more_venues=(NEAR_HALL,))], profile(location=HOME)
    )
    [entry] = report_to_json(report)["results"]
    assert set(entry) == {
        "rank",
        "id",
        "name",
        "score",
        "distance_km",
        "next_session",
        "reasons",
        "cautions",
        "facts",
        "evidence",
    }
    assert entry["distance_km"] == pytest.approx(0.44, abs=0.01)


# Prices in other units --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cost", "text"),
    [
        (Cost(0.0), "Free"),
        (Cost(0.0, amount_gbp=0.0, unit=CostUnit.YEAR), "Free"),
        (Cost(2.5), "£2.50 a session"),
        (Cost(2.5, amount_gbp=2.5, unit=CostUnit.SESSION), "£2.50 a session"),
        (Cost(None, amount_gbp=5.0, unit=CostUnit.YEAR), "£5 a year"),
        (Cost(None, amount_gbp=30.0, unit=CostUnit.TERM), "£30 a term"),
        (Cost(None, amount_gbp=4.0, unit=CostUnit.HOUR), "£4 an hour"),
        (Cost(None, amount_gbp=40.0, unit=CostUnit.COURSE), "£40 for the course"),
        (Cost(None, amount_gbp=15.0, unit=CostUnit.ONE_OFF), "£15 paid once"),
        (Cost(None), None),
        (None, None),
    ],
)
def test_a_price_is_said_with_its_unit(cost: Cost | None, text: str | None) -> None:
    assert price(cost) == text


def test_describe_cost_states_the_unit_everywhere() -> None:
    assert describe_cost(Cost(None, amount_gbp=5.0, unit=CostUnit.YEAR)) == "£5 a year"
    assert (
        describe_cost(Cost(None, concessions=True, amount_gbp=30.0, unit=CostUnit.TERM))
        == "£30 a term; cheaper for some people (concessions)"
    )
    assert describe_cost(Cost(2.5)) == "£2.50 a session"
    assert describe_cost(Cost(0.0, concessions=True)) == "Free"
    assert describe_cost(None).startswith("Cost not known")
    assert describe_cost_easy(Cost(None, amount_gbp=5.0, unit=CostUnit.YEAR)) == [
        "It costs £5 for a whole year."
    ]
    assert describe_cost_easy(Cost(3.0)) == ["It costs £3 each time."]


@pytest.mark.parametrize(
    ("unit", "detail"),
    [
        (CostUnit.YEAR, "Costs £5 a year"),
        (CostUnit.TERM, "Costs £5 a term"),
        (CostUnit.HOUR, "Costs £5 an hour"),
    ],
)
def test_a_price_for_another_unit_is_a_near_miss_under_any_cost_limit(
    unit: CostUnit, detail: str
) -> None:
    club = activity("club", cost=Cost(None, amount_gbp=5.0, unit=unit))
    for limit in (0.0, 3.0, 100.0):
        report = run([club], profile(max_cost_gbp=limit))
        assert ids(report) == []
        found = miss(report, "club")
        assert found.failed == ("max_cost_gbp",)
        assert found.detail == detail  # as published, never a made-up per-session figure


def test_without_a_limit_a_price_in_another_unit_is_a_fact() -> None:
    found = shown(
        [activity("club", cost=Cost(None, amount_gbp=5.0, unit=CostUnit.YEAR))], profile(), "club"
    )
    assert "Costs £5 a year" in found.facts
    assert "Costs £5 a year" not in found.reasons  # no limit was set: not a tick
    assert "Cost not known" not in found.cautions


def test_a_published_session_price_is_compared_as_before() -> None:
    club = activity("club", cost=Cost(2.0, amount_gbp=2.0, unit=CostUnit.SESSION))
    assert ids(run([club], profile(max_cost_gbp=2.0))) == ["club"]
    assert (
        miss(run([club], profile(max_cost_gbp=1.0)), "club").detail
        == "Costs £2 a session, £1 over the limit"
    )


# Classes for learners of a language ------------------------------------------------------------


def test_an_english_class_is_open_to_someone_learning_english() -> None:
    esol = activity(
        "esol",
        name="ESOL Conversation",
        categories=("learning",),
        languages=("en",),
        for_learners_of=("en",),
    )
    plain = activity("quiz", languages=("en",))
    report = run([esol, plain], profile(languages=("pl",)))
    assert ids(report) == ["esol"]
    assert "For people learning English" in result(report, "esol").reasons
    assert miss(report, "quiz").failed == ("languages",)
    # An English speaker may go too: the rule passes everyone for it.
    assert ids(run([esol], profile(languages=("en",)))) == ["esol"]


# With a child -----------------------------------------------------------------------------------


def test_a_toddler_group_is_open_to_a_parent_bringing_a_child() -> None:
    toddlers = activity("toddlers", name="Stay and Play", with_child=True, age_min=0, age_max=4)
    report = run([toddlers], profile(age=31, with_young_children=True))
    assert ids(report) == ["toddlers"]
    assert "For you and your child" in result(report, "toddlers").reasons


def test_without_a_child_a_toddler_group_is_judged_on_its_ages() -> None:
    toddlers = activity("toddlers", with_child=True, age_min=0, age_max=4)
    report = run([toddlers], profile(age=31))
    assert miss(report, "toddlers").detail == "For children aged 0 to 4 with a parent or carer"
    assert "For you and your child" not in result(run([toddlers]), "toddlers").reasons


def test_bringing_a_child_does_not_lift_other_age_limits() -> None:
    youth = activity("youth", age_min=16, age_max=25)
    assert miss(run([youth], profile(age=31, with_young_children=True)), "youth").failed == ("age",)


def test_who_can_go_says_the_ages_are_the_childs() -> None:
    toddlers = activity("toddlers", with_child=True, age_min=0, age_max=4)
    assert describe_who(toddlers) == "Young children with a parent or carer, children aged 0 to 4"
    assert describe_who(activity("adults", age_min=18)) == "Ages 18 and over"


# Guessed fields -----------------------------------------------------------------------------------


def guessed_group(**kw: object) -> Activity:
    return activity(
        "group",
        name="Hearing Voices Group",
        mental_health_specific=True,
        guessed=("mental_health_specific",),
        **kw,
    )  # type: ignore[arg-type]


def test_a_guessed_mental_health_group_counts_as_one_and_says_it_is_a_guess() -> None:
    avoided = run([guessed_group()], profile(setting=Setting.AVOID_MENTAL_HEALTH))
    assert ids(avoided) == []
    assert miss(avoided, "group").detail == GUESSED_MENTAL_HEALTH
    only = result(run([guessed_group()], profile(setting=Setting.ONLY_MENTAL_HEALTH)), "group")
    assert GUESSED_MENTAL_HEALTH in only.cautions
    assert MENTAL_HEALTH_GROUP in only.reasons
    anyone = result(run([guessed_group()]), "group")
    assert GUESSED_MENTAL_HEALTH in anyone.cautions


def test_a_confirmed_mental_health_group_carries_no_guess_caution() -> None:
    confirmed = activity("group", mental_health_specific=True)
    assert GUESSED_MENTAL_HEALTH not in result(run([confirmed]), "group").cautions
    # A guess of "not mental-health-specific" has nothing to warn about.
    plain = activity("club", guessed=("mental_health_specific",))
    assert GUESSED_MENTAL_HEALTH not in result(run([plain]), "club").cautions


def test_a_guessed_free_cost_says_to_check() -> None:
    found = result(
        run([activity("a", cost=Cost(0.0), guessed=("cost",))], profile(max_cost_gbp=0.0)), "a"
    )
    assert "Free" in found.reasons
    assert GUESSED_FREE in found.cautions
    assert GUESSED_FREE not in result(run([activity("b", cost=Cost(0.0))]), "b").cautions


def test_guessed_categories_add_no_clutter() -> None:
    found = result(run([activity("a", guessed=("categories",))]), "a")
    assert found.cautions == result(run([activity("a")]), "a").cautions


# Properties ---------------------------------------------------------------------------------------


def nearest_by_hand(a: Activity, directory: list[Activity], point: LatLon) -> list[float]:
    """km from `point` to each of `a`'s places that has a position."""
    return [km_between(point, *p) for v in a.venues if (p := point_of(v, directory)) is not None]


def check_nearest(directory: list[Activity], point: LatLon) -> None:
    snapshot = DirectorySnapshot.build(directory)
    nearest = snapshot.nearest(point)
    for i, a in enumerate(directory):
        each = nearest_by_hand(a, directory, point)
        if a.delivery is not Delivery.IN_PERSON or not each:
            assert np.isnan(nearest.km[i])
            assert nearest.venue(i) is None or a.delivery is not Delivery.IN_PERSON
            continue
        assert all(nearest.km[i] <= km + 1e-9 for km in each)
        assert nearest.km[i] == pytest.approx(min(each), abs=1e-6)
        # The named place really is that far.
        venue = nearest.venue(i)
        assert venue is not None and venue in a.venues
        named = point_of(venue, directory)
        assert named is not None
        assert km_between(point, *named) == pytest.approx(float(nearest.km[i]), abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(directories(max_size=12), profiles())
def test_the_nearest_distance_is_never_more_than_any_places(
    directory: list[Activity], person: Profile
) -> None:
    point = person.location or HOME
    assert isinstance(point, LatLon)
    check_nearest(directory, point)


# Seeded: cheap to generate, so many more directories; a failure names its seed.
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 60))
def test_the_nearest_distance_over_seeded_directories(seed: int, size: int) -> None:
    rng = random.Random(seed)
    directory = random_directory(rng, size)
    person = random_profile(rng)
    check_nearest(directory, person.location if isinstance(person.location, LatLon) else HOME)


def check_new_fields(directory: list[Activity], person: Profile, report: MatchReport) -> None:
    by_id = {a.id: a for a in directory}
    for found in report.results:
        a = by_id[found.id]
        if person.max_distance_km is not None and a.delivery is Delivery.IN_PERSON:
            # Within the limit, measured to the place the result names.
            assert isinstance(person.location, LatLon) and found.venue is not None
            assert found.distance_km is not None
            assert found.distance_km <= person.max_distance_km + 1e-6
            point = point_of(found.venue, directory)
            assert point is not None
            assert km_between(person.location, *point) == pytest.approx(found.distance_km, abs=1e-6)
        if person.max_cost_gbp is not None:
            # Only a per-session price meets a cost limit.
            assert a.cost is not None and a.cost.per_session_gbp is not None
            assert a.cost.unit in (None, CostUnit.SESSION) or a.cost.per_session_gbp == 0
        if (
            a.with_child
            and person.age is not None
            and not person.with_young_children
            and a.age_max is not None
        ):
            assert person.age <= a.age_max
    for near_miss in report.near_misses:
        a = by_id[near_miss.id]
        assert not (a.for_learners_of and near_miss.failed == ("languages",))
        if (
            near_miss.failed == ("max_cost_gbp",)
            and a.cost
            and a.cost.unit in OTHER_UNITS
            and a.cost.per_session_gbp is None
        ):
            # The price as published, with its unit ("Costs £5 a year", "Costs 50p an hour").
            assert near_miss.detail.startswith(f"Costs {price(a.cost)}")
            assert "a session" not in near_miss.detail


@settings(max_examples=60, deadline=None)
@given(directories(max_size=12), profiles())
def test_results_keep_the_new_rules(directory: list[Activity], person: Profile) -> None:
    report = rank(person, DirectorySnapshot.build(directory), now=NOW, top=None)
    check_new_fields(directory, person, report)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 60))
def test_seeded_directories_keep_the_new_rules(seed: int, size: int) -> None:
    rng = random.Random(seed)
    directory = random_directory(rng, size)
    snapshot = DirectorySnapshot.build(directory)
    for _ in range(4):
        person = random_profile(rng)
        check_new_fields(directory, person, rank(person, snapshot, now=NOW, top=None))


def seeded(seed: int, size: int) -> tuple[list[Activity], Profile]:
    rng = random.Random(seed)
    return random_directory(rng, size), random_profile(rng)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 30),
    st.sampled_from(OTHER_UNITS),
    st.floats(0.0, 1000.0),
)
def test_a_price_for_another_unit_never_meets_a_cost_limit(
    seed: int, size: int, unit: CostUnit, limit: float
) -> None:
    directory, person = seeded(seed, size)
    priced = [dataclasses.replace(a, cost=Cost(None, amount_gbp=1.0, unit=unit)) for a in directory]
    person = dataclasses.replace(person, max_cost_gbp=limit)
    snapshot = DirectorySnapshot.build(priced)
    rows = failures(person, snapshot, None)
    assert rows[CONSTRAINT_FIELDS.index("max_cost_gbp")].all()
    assert rank(person, snapshot, now=NOW, top=None).results == ()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_classes_for_learners_are_never_excluded_by_language(seed: int, size: int) -> None:
    directory, person = seeded(seed, size)
    learners = [
        dataclasses.replace(a, for_learners_of=("en",), languages=("en",)) for a in directory
    ]
    rows = failures(person, DirectorySnapshot.build(learners), None)
    assert not rows[CONSTRAINT_FIELDS.index("languages")].any()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30), st.integers(18, 90))
def test_with_child_activities_pass_the_age_rule_only_for_someone_bringing_a_child(
    seed: int, size: int, age: int
) -> None:
    directory, person = seeded(seed, size)
    # Children's ages: no adult fits them on their own.
    with_child = [
        dataclasses.replace(
            a, with_child=True, age_min=0, age_max=4, status=Status.ACTIVE, gender=Gender.ANY
        )
        for a in directory
    ]
    snapshot = DirectorySnapshot.build(with_child)
    age_row = CONSTRAINT_FIELDS.index("age")
    bringing = dataclasses.replace(person, age=age, with_young_children=True)
    alone = dataclasses.replace(person, age=age, with_young_children=False)
    assert not failures(bringing, snapshot, None)[age_row].any()
    assert failures(alone, snapshot, None)[age_row].all()
