"""The navigator-profile file: every field, exact error places, and lossless round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from navigator.domain.directory import Day, Delivery
from navigator.domain.profile import (
    ALL_DELIVERY,
    LatLon,
    PersonGender,
    PostcodeLocation,
    Preference,
    Profile,
    Setting,
    TimeWindow,
)
from navigator.formats.profile import parse_profile, profile_to_json, read_profile_file
from navigator.formats.reading import FormatError
from tests.matching.strategies import profiles

EXAMPLE: dict[str, Any] = {  # FORMATS.md §2, verbatim
    "format": "navigator-profile",
    "version": 1,
    "reference": "AB-0042",
    "location": {"lat": 51.5560, "lon": -0.1150},
    "max_distance_km": 3.0,
    "delivery": ["in_person", "online", "phone"],
    "interests": ["gardening", "cooking"],
    "goals": ["meet_people", "outdoors"],
    "availability": [{"day": "tue", "from": "09:00", "to": "13:00"}],
    "age": 34,
    "gender": "woman",
    "languages": ["en"],
    "max_cost_gbp": 0,
    "setting": "avoid_mental_health",
    "needs_step_free": False,
    "prefers": ["drop_in", "small_group", "bring_someone", "beginners", "peer_led", "daytime"],
}


def with_(**fields: Any) -> dict[str, Any]:
    return {"format": "navigator-profile", "version": 1, **fields}


def problems_of(data: Any) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_profile(data)
    return [str(p) for p in caught.value.problems]


def test_the_documented_example_reads_completely() -> None:
    p = parse_profile(EXAMPLE)
    assert p == Profile(
        reference="AB-0042",
        location=LatLon(51.556, -0.115),
        max_distance_km=3.0,
        delivery=ALL_DELIVERY,
        interests=("gardening", "cooking"),
        goals=("meet_people", "outdoors"),
        availability=(TimeWindow(Day.TUE, dt.time(9), dt.time(13)),),
        age=34,
        gender=PersonGender.WOMAN,
        languages=("en",),
        max_cost_gbp=0.0,
        setting=Setting.AVOID_MENTAL_HEALTH,
        needs_step_free=False,
        prefers=tuple(Preference),
    )


def test_only_the_header_is_required_and_defaults_match_the_format() -> None:
    assert parse_profile(with_()) == Profile()
    nulls = with_(
        reference=None,
        location=None,
        max_distance_km=None,
        delivery=None,
        interests=None,
        goals=None,
        availability=None,
        age=None,
        gender=None,
        languages=None,
        max_cost_gbp=None,
        setting=None,
        needs_step_free=None,
        prefers=None,
    )
    assert parse_profile(nulls) == Profile()


def test_unknown_fields_are_ignored() -> None:
    assert parse_profile(with_(favourite_colour="green", age=40)).age == 40


def test_a_postcode_location_is_tidied_and_may_be_a_district() -> None:
    assert parse_profile(with_(location={"postcode": "n76pa"})).location == PostcodeLocation(
        "N7 6PA"
    )
    assert parse_profile(with_(location={"postcode": "n7"})).location == PostcodeLocation("N7")
    assert parse_profile(with_(location={"postcode": "N7 6"})).location == PostcodeLocation("N7 6")


def test_interests_keep_the_persons_words_but_drop_blanks_and_repeats() -> None:
    p = parse_profile(with_(interests=["  Gardening ", "", "gardening", "5-a-side", "   "]))
    assert p.interests == ("Gardening", "gardening", "5-a-side")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(EXAMPLE).encode())
    assert read_profile_file(path).reference == "AB-0042"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"goals": ["meet_people", "friends"]},
            'goals[1]: "friends" is not a goal id; did you mean "meet_people"?',
        ),
        (
            {"goals": ["meet_peopel"]},
            'goals[0]: "meet_peopel" is not a goal id; did you mean "meet_people"?',
        ),
        (
            {"goals": ["money"]},
            'goals[0]: "money" is not a goal id; did you mean "practical_help"?',
        ),
        ({"goals": [3]}, "goals[0]: 3 is not a goal id"),
        ({"goals": "meet_people"}, "goals: expected a list, found text"),
        (
            {"delivery": ["in-person"]},
            'delivery[0]: "in-person" is not a delivery mode; did you mean "in_person"?',
        ),
        ({"delivery": []}, "delivery: must name at least one of in_person, online, phone"),
        (
            {"availability": [{"day": "tue", "from": "09:00", "to": "25:00"}]},
            'availability[0].to: "25:00" is not a time HH:MM',
        ),
        (
            {"availability": [{"day": "tue", "from": "13:00", "to": "09:00"}]},
            'availability[0].to: "09:00" is not after "13:00"',
        ),
        (
            {"availability": [{"day": "tuesday", "from": "09:00", "to": "13:00"}]},
            'availability[0].day: "tuesday" is not a day; did you mean "tue"?',
        ),
        ({"availability": [{"from": "09:00", "to": "13:00"}]}, "availability[0].day: is required"),
        ({"age": -1}, "age: -1 is not between 0 and 130"),
        ({"age": "34"}, 'age: "34" is not a whole number'),
        ({"gender": "female"}, 'gender: "female" is not a gender (woman, man or other)'),
        (
            {"languages": ["english"]},
            'languages[0]: "english" is not a two-letter ISO 639-1 language code such as "en"',
        ),
        ({"max_cost_gbp": -2}, "max_cost_gbp: -2 "),
        ({"max_distance_km": "far"}, 'max_distance_km: "far" is not a number'),
        ({"setting": "avoid"}, 'setting: "avoid" is not a setting'),
        ({"needs_step_free": "yes"}, 'needs_step_free: "yes" is not true or false'),
        (
            {"prefers": ["dropin"]},
            'prefers[0]: "dropin" is not a preference; did you mean "drop_in"?',
        ),
        (
            {"location": {"postcode": "XYZ"}},
            'location.postcode: "XYZ" is not a UK postcode or postcode district',
        ),
        ({"location": {"lat": 51.5}}, "location.lon: lat and lon must be given together"),
        ({"location": {"lat": 95, "lon": 0}}, "location.lat: 95 is not between -90 and 90"),
        ({"location": {}}, 'location: needs "lat" and "lon", or a "postcode"'),
        ({"location": "N7 6PA"}, "location: expected an object, found text"),
        (
            {"interests": ["x" * 201]},
            "interests[0]: is 201 characters long; at most 200 are allowed",
        ),
        ({"interests": [7]}, "interests[0]: 7 is not text"),
        ({"reference": 42}, "reference: 42 is not text"),
    ],
)
def test_each_bad_field_is_named_exactly(fields: dict[str, Any], expected: str) -> None:
    assert any(p.startswith(expected) for p in problems_of(with_(**fields))), problems_of(
        with_(**fields)
    )


def test_every_problem_is_reported_at_once() -> None:
    found = problems_of(with_(age="old", goals=["friends"], delivery=["bus"]))
    assert [p.split(":")[0] for p in found] == ["age", "delivery[0]", "goals[0]"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "expected a JSON object (navigator-profile), found a list"),
        ({"version": 1}, "format: is missing; this is not a navigator-profile file"),
        (
            {"format": "navigator-directory", "version": 1},
            'format: expected "navigator-profile", found "navigator-directory"',
        ),
        (
            {"format": "navigator-profile", "version": 2},
            "version: 2 is not a version this app reads (it reads 1)",
        ),
    ],
)
def test_the_header_is_checked(data: Any, expected: str) -> None:
    assert problems_of(data) == [expected]


def test_profile_to_json_writes_every_field() -> None:
    out = profile_to_json(parse_profile(EXAMPLE))
    assert out == {**EXAMPLE, "max_cost_gbp": 0.0}
    assert json.loads(json.dumps(out)) == out


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_write_then_read_gives_an_equal_profile(profile: Profile) -> None:
    profile = Profile(
        **{
            **{f: getattr(profile, f) for f in Profile.__slots__},
            "interests": tuple(
                dict.fromkeys(" ".join(i.split()) for i in profile.interests if i.strip())
            ),
        }
    )
    assert parse_profile(json.loads(json.dumps(profile_to_json(profile)))) == profile


def test_postcode_locations_round_trip() -> None:
    p = Profile(location=PostcodeLocation("N7 6PA"), delivery=(Delivery.ONLINE,))
    assert parse_profile(profile_to_json(p)) == p
