"""Finding likely duplicates and merging them: what is found, what is not, and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import (
    Activity,
    Contact,
    Cost,
    Day,
    Delivery,
    Session,
    Status,
    Venue,
    Welcome,
)
from navigator.services.duplicates import find_duplicates, normalise_name
from navigator.services.merging import (
    FIELD_LABELS,
    FieldDifference,
    differences,
    field_by_field,
    merge,
    suggested_choices,
)
from tests.strategies import directories

# About 40 m north of the hall, and about 5 km away.
HALL = Venue(
    name="St Luke's Hall",
    address="Shepperton Road",
    postcode="N1 3DT",
    lat=51.5390,
    lon=-0.0920,
    step_free=True,
)
NEXT_DOOR = dataclasses.replace(HALL, name="St Luke's Church Hall", postcode="N1 3DB", lat=51.53936)
FAR_AWAY = Venue(name="Brixton Library", postcode="SW2 1JQ", lat=51.4613, lon=-0.1156)

TUESDAY_MORNING = Session(Day.TUE, dt.time(10), dt.time(12))
TUESDAY_LATE_MORNING = Session(Day.TUE, dt.time(11), dt.time(13))
TUESDAY_EVENING = Session(Day.TUE, dt.time(18), dt.time(20))
FRIDAY_MORNING = Session(Day.FRI, dt.time(10), dt.time(12))


def activity(activity_id: str, name: str, **fields: object) -> Activity:
    defaults: dict[str, object] = {
        "categories": ("arts_crafts",),
        "organisation": "Islington Crafters",
        "venue": HALL,
        "sessions": (TUESDAY_MORNING,),
        "contact": Contact(phone="020 7946 0001"),
    }
    return Activity(id=activity_id, name=name, **(defaults | fields))  # type: ignore[arg-type]


def pair_ids(pairs: list) -> set[frozenset[str]]:
    return {frozenset(p.ids) for p in pairs}


# Found ----------------------------------------------------------------------------------------


def test_a_typo_in_the_name_at_the_same_place_and_time_is_found_with_its_reasons() -> None:
    kept = activity("a1", "Growing Together", last_verified=dt.date(2026, 9, 1))
    typo = activity("a2", "Growing Togther", contact=Contact(phone="07700 900123"))
    [pair] = find_duplicates([kept, typo])
    assert pair.ids == ("a1", "a2")  # the one checked more recently is kept
    assert pair.score >= 0.8
    assert pair.reasons == (
        "Names nearly the same (96%)",
        "Same postcode",
        "Same day and overlapping times",
        "Same organisation",
    )


def test_knit_and_natter_is_the_same_name_however_and_is_spelt() -> None:
    assert (
        normalise_name("Knit & Natter!") == normalise_name("knit and  natter") == "knit and natter"
    )
    assert normalise_name("Café  Créole") == "cafe creole"
    first = activity("k1", "Knit & Natter", organisation=None)
    second = activity("k2", "Knit and Natter", venue=NEXT_DOOR, sessions=(TUESDAY_LATE_MORNING,))
    [pair] = find_duplicates([first, second])
    assert pair.reasons == (
        "Same name",
        "Venues 40 m apart",
        "Same day and overlapping times",
        "Same phone number",
    )
    assert pair.score >= 0.8


def test_the_same_postcode_is_the_same_venue_even_with_no_positions() -> None:
    no_position = dataclasses.replace(HALL, lat=None, lon=None, postcode="n13dt")
    first = activity("p1", "Chair Yoga", venue=no_position, organisation=None, contact=Contact())
    second = activity(
        "p2", "Chair Yoga Class", venue=no_position, organisation="Yoga for All", contact=Contact()
    )
    [pair] = find_duplicates([first, second])
    assert pair.reasons == (
        "One name contains the other",
        "Same postcode",
        "Same day and overlapping times",
    )


def test_a_venue_with_no_place_is_still_compared_by_name() -> None:
    placed = activity("v1", "Memory Cafe")
    nowhere = activity("v2", "Memory Café", venue=None)
    [pair] = find_duplicates([placed, nowhere])
    assert pair.reasons[0] == "Same name"


def test_online_activities_are_compared_with_each_other() -> None:
    online = dict(delivery=Delivery.ONLINE, venue=None)
    first = activity("o1", "Online Poetry Circle", **online)
    second = activity("o2", "Online Poetry Circel", **online)
    elsewhere = activity("o3", "Online Poetry Circle")  # in person: a different thing
    [pair] = find_duplicates([first, second, elsewhere])
    assert pair.ids == ("o1", "o2")
    assert "Both online" in pair.reasons


def test_paused_ones_count_and_archived_ones_do_not() -> None:
    active = activity("s1", "Walking Football")
    paused = activity("s2", "Walking Football", status=Status.PAUSED)
    archived = activity("s3", "Walking Football", status=Status.ARCHIVED)
    assert pair_ids(find_duplicates([active, paused, archived])) == {frozenset({"s1", "s2"})}


# Not found ------------------------------------------------------------------------------------


def test_the_same_name_at_far_venues_on_different_days_is_not_a_duplicate() -> None:
    here = activity("f1", "Walk for Health")
    there = activity("f2", "Walk for Health", venue=FAR_AWAY, sessions=(FRIDAY_MORNING,))
    assert find_duplicates([here, there]) == []
    # Even on the same day and time: 9 km apart is two walks.
    assert find_duplicates([here, dataclasses.replace(there, sessions=(TUESDAY_MORNING,))]) == []


def test_different_activities_at_the_same_venue_are_not_duplicates() -> None:
    """Same hall, same charity, same phone number, even the same morning: different names."""
    knitting = activity("d1", "Knit and Natter")
    yoga = activity("d2", "Chair Yoga")
    choir = activity("d3", "Community Choir", sessions=(TUESDAY_EVENING,))
    club = activity("d4", "Code Club 18-25")
    zine = activity("d5", "Zine Club 18-25", sessions=(FRIDAY_MORNING,))
    younger = activity("d6", "Code Club 11-17")
    assert find_duplicates([knitting, yoga, choir, club, zine, younger]) == []


def test_similar_names_at_one_venue_on_different_days_by_different_people_are_not_found() -> None:
    monday = activity(
        "m1",
        "Coffee Morning",
        sessions=(Session(Day.MON, dt.time(10), dt.time(12)),),
        organisation="St Luke's Church",
        contact=Contact(),
    )
    friday = activity(
        "m2",
        "Coffee Morning",
        sessions=(FRIDAY_MORNING,),
        organisation="Age UK Islington",
        contact=Contact(),
    )
    assert find_duplicates([monday, friday]) == []


# Candidates and exclusions ---------------------------------------------------------------------


def directory_with_three_pairs() -> list[Activity]:
    return [
        activity("old-1", "Growing Together"),
        activity("new-1", "Growing Togther"),
        activity("old-2", "Knit and Natter"),
        activity("new-2", "Knit & Natter"),
        activity("old-3", "Memory Cafe", venue=NEXT_DOOR),
        activity("old-4", "Memory Café", venue=NEXT_DOOR),
    ]


def test_candidates_limit_the_search_to_pairs_involving_them() -> None:
    everything = directory_with_three_pairs()
    assert len(find_duplicates(everything)) == 3
    found = find_duplicates(everything, candidates={"new-1", "new-2"})
    # The activity already in the directory is the one kept (on the left).
    assert [p.ids for p in found] == [("old-2", "new-2"), ("old-1", "new-1")]
    assert [p.ids for p in find_duplicates(everything, candidates={"old-4"})] == [
        ("old-3", "old-4")
    ]
    assert find_duplicates(everything, candidates={"not-there"}) == []
    assert find_duplicates(everything, candidates=set()) == []


def test_pairs_marked_not_duplicates_stay_out_either_way_round() -> None:
    everything = directory_with_three_pairs()
    found = find_duplicates(everything, not_duplicates={("new-1", "old-1"), ("old-2", "new-2")})
    assert pair_ids(found) == {frozenset({"old-3", "old-4"})}


def test_a_large_directory_with_planted_duplicates() -> None:
    """Hundreds of unrelated activities around the planted pairs change nothing."""
    rng = random.Random(4)
    words = [
        "Art",
        "Bingo",
        "Choir",
        "Dance",
        "Chess",
        "Tai Chi",
        "Quiz",
        "Pottery",
        "Cycling",
        "Cooking",
        "Bridge",
        "Gardening",
        "Football",
        "Drama",
        "Yoga",
    ]
    filler = [
        activity(
            f"x{i}",
            f"{rng.choice(words)} {rng.choice(['Club', 'Group', 'Hour'])} {i}",
            venue=dataclasses.replace(
                HALL, postcode=None, lat=51.5 + rng.random() / 10, lon=-0.1 + rng.random() / 10
            ),
            sessions=(Session(rng.choice(list(Day)), dt.time(rng.randint(8, 20)), dt.time(21)),),
            organisation=f"Trust {i}",
            contact=Contact(),
        )
        for i in range(600)
    ]
    planted = directory_with_three_pairs()
    found = find_duplicates([*filler, *planted])
    assert pair_ids(found) == pair_ids(find_duplicates(planted))
    assert all(0 <= p.score <= 1 for p in found)
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


@settings(max_examples=60, deadline=None)
@given(directories(max_size=8), st.randoms(use_true_random=False))
def test_the_order_of_the_directory_does_not_matter(
    directory: list[Activity], rng: random.Random
) -> None:
    found = find_duplicates(directory)
    shuffled = list(directory)
    rng.shuffle(shuffled)
    assert {(p.ids, p.score) for p in find_duplicates(shuffled)} == {
        (p.ids, p.score) for p in found
    }
    for pair in found:
        assert 0 <= pair.score <= 1 and pair.reasons
        assert Status.ARCHIVED not in (pair.a.status, pair.b.status)


# Merging ----------------------------------------------------------------------------------------


def merge_pair() -> tuple[Activity, Activity]:
    a = activity(
        "a1",
        "Growing Together",
        description="Gardening by the canal.",
        cost=Cost(per_session_gbp=0.0),
        last_verified=dt.date(2025, 3, 1),
        welcome=Welcome(beginners=True),
    )
    b = activity(
        "a2",
        "Growing Togther",
        description="Gardening by the canal.",
        organisation="Greenway Growers",
        cost=Cost(per_session_gbp=2.0, concessions=True),
        contact=Contact(phone="07700 900123", email="hello@greenway.example.org"),
        sessions=(TUESDAY_MORNING, FRIDAY_MORNING),
        last_verified=dt.date(2026, 9, 4),
        status=Status.PAUSED,
    )
    return a, b


def test_merge_takes_each_chosen_field_whole_and_keeps_the_left_id() -> None:
    a, b = merge_pair()
    merged = merge(
        a, b, {"name": "a", "contact": "b", "sessions": "b", "cost": "a", "last_verified": "b"}
    )
    assert merged.id == "a1"
    assert merged.name == "Growing Together"
    assert merged.contact == b.contact
    assert merged.sessions == (TUESDAY_MORNING, FRIDAY_MORNING)
    assert merged.cost == Cost(per_session_gbp=0.0)
    assert merged.last_verified == dt.date(2026, 9, 4)
    assert merged.organisation == "Islington Crafters" and merged.status is Status.ACTIVE
    assert merge(a, b, {}) == a
    assert merge(a, b, dict.fromkeys(FIELD_LABELS, "b")) == dataclasses.replace(b, id="a1")


def test_merge_refuses_unknown_fields_the_id_and_other_sides() -> None:
    a, b = merge_pair()
    with pytest.raises(ValueError, match='"id" is not a field'):
        merge(a, b, {"id": "b"})
    with pytest.raises(ValueError, match='"colour" is not a field'):
        merge(a, b, {"colour": "a"})
    with pytest.raises(ValueError, match="choose"):
        merge(a, b, {"name": "both"})  # type: ignore[dict-item]


def test_differences_are_in_plain_english() -> None:
    a, b = merge_pair()
    found = {d.field: d for d in differences(a, b)}
    assert set(found) == {
        "name",
        "organisation",
        "sessions",
        "cost",
        "contact",
        "last_verified",
        "status",
        "welcome",
    }
    assert found["name"] == FieldDifference("name", "Name", "Growing Together", "Growing Togther")
    assert found["sessions"].label == "When"
    assert found["sessions"].a_text == "Every Tuesday, 10:00 to 12:00"
    assert found["sessions"].b_text == "Every Tuesday, 10:00 to 12:00\nEvery Friday, 10:00 to 12:00"
    assert found["cost"].a_text == "Free"
    assert found["cost"].b_text == "£2 a session; cheaper for some people (concessions)"
    assert found["contact"].label == "Phone, email and website"
    assert found["contact"].b_text == "07700 900123\nhello@greenway.example.org"
    assert found["last_verified"].a_text == "Saturday 1 March 2025"
    assert found["status"].b_text == "Paused for now"
    assert found["welcome"].a_text == "Beginners welcome" and found["welcome"].b_text == "Not said"
    everything = field_by_field(a, b)
    assert [d.field for d in everything] == list(FIELD_LABELS)
    venue = next(d for d in everything if d.field == "venue")
    assert not venue.differs
    assert venue.a_text == "St Luke's Hall\nShepperton Road\nN1 3DT\nStep-free access"


def test_suggested_choices_fill_gaps_and_prefer_the_later_check() -> None:
    a, b = merge_pair()
    a = dataclasses.replace(a, contact=Contact())
    choices = suggested_choices(a, b)
    assert choices["contact"] == "b"  # the left one has no contact details
    assert choices["welcome"] == "a"  # the right one says nothing
    assert choices["last_verified"] == "b"
    assert choices["name"] == "a" and choices["status"] == "a"
    assert set(choices) == {d.field for d in differences(a, b)}


def test_venues_that_read_alike_but_differ_show_their_map_positions() -> None:
    a = activity("a1", "Knit and Natter")
    b = activity("a2", "Knit & Natter", venue=dataclasses.replace(HALL, lat=51.53936))
    [venue] = [d for d in differences(a, b) if d.field == "venue"]
    assert venue.a_text.endswith("Step-free access\nMap position 51.53900, -0.09200")
    assert venue.b_text.endswith("Step-free access\nMap position 51.53936, -0.09200")


@settings(max_examples=40, deadline=None)
@given(
    directories(max_size=2).filter(lambda d: len(d) == 2),
    st.dictionaries(st.sampled_from(list(FIELD_LABELS)), st.sampled_from(["a", "b"])),
)
def test_every_merged_field_comes_from_the_side_chosen(
    directory: list[Activity], choices: dict
) -> None:
    a, b = directory
    merged = merge(a, b, choices)
    assert merged.id == a.id
    for name in FIELD_LABELS:
        source = b if choices.get(name) == "b" else a
        assert getattr(merged, name) == getattr(source, name)
    assert {d.field for d in differences(a, merged)} <= {
        f for f, side in choices.items() if side == "b"
    }
