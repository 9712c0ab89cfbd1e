"""The native directory file: lossless round trips and exact, complete error reports."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.formats.native import directory_to_json, parse_directory, read_directory_file
from navigator.formats.reading import FormatError, parse_json_bytes
from tests.strategies import directories

GOOD_ACTIVITY: dict[str, Any] = {
    "id": "act-1",
    "name": "Growing Together",
    "categories": ["nature_gardening"],
    "venue": {"name": "Community garden", "postcode": "n76pa", "lat": 51.55, "lon": -0.11},
    "sessions": [{"day": "tue", "start": "10:00", "end": "12:00"}],
}


def directory(*activities: dict[str, Any]) -> dict[str, Any]:
    return {"format": "navigator-directory", "version": 1, "activities": list(activities)}


def problems_of(data: Any) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_directory(data)
    return [str(p) for p in caught.value.problems]


@settings(max_examples=150, deadline=None)
@given(directories(max_size=6))
def test_export_then_import_gives_identical_activities(activities: list) -> None:
    exported = json.loads(json.dumps(directory_to_json(activities)))
    assert parse_directory(exported) == activities


def test_defaults_fill_in_what_the_file_leaves_out() -> None:
    [activity] = parse_directory(directory({"id": "a", "name": "A", "categories": ["music"]}))
    assert activity.delivery == "in_person"
    assert activity.languages == ("en",)
    assert activity.status == "active"
    assert activity.gender == "any"
    assert activity.cost is None and activity.venue is None and activity.booking is None


def test_postcodes_are_tidied() -> None:
    [activity] = parse_directory(directory(GOOD_ACTIVITY))
    assert activity.venue is not None and activity.venue.postcode == "N7 6PA"


def test_unknown_fields_are_ignored() -> None:
    extra = {**GOOD_ACTIVITY, "colour": "green", "venue": {**GOOD_ACTIVITY["venue"], "x": 1}}
    assert parse_directory({**directory(extra), "note": "sample"})[0].name == "Growing Together"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "dir.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(directory(GOOD_ACTIVITY)).encode())
    assert len(read_directory_file(path)) == 1


def test_a_bad_time_names_its_exact_place() -> None:
    bad = copy.deepcopy(GOOD_ACTIVITY)
    bad["sessions"][0]["start"] = "25:00"
    others = [{**GOOD_ACTIVITY, "id": f"ok-{i}"} for i in range(12)]
    assert problems_of(directory(*others, bad)) == [
        'activities[12].sessions[0].start: "25:00" is not a time HH:MM'
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"categories": ["gardening"]},
            'activities[0].categories[0]: "gardening" is not a category id; '
            'did you mean "nature_gardening"?',
        ),
        ({"categories": []}, "activities[0].categories: must have at least one category id"),
        ({"name": None}, "activities[0].name: is required"),
        ({"delivery": "post"}, 'activities[0].delivery: "post" is not a delivery mode'),
        ({"age_min": 40, "age_max": 18}, "activities[0].age_max: 18 is below age_min 40"),
        (
            {"languages": ["English"]},
            'activities[0].languages[0]: "English" is not a two-letter ISO 639-1 language code',
        ),
        (
            {"last_verified": "2025-02-30"},
            'activities[0].last_verified: "2025-02-30" is not a date YYYY-MM-DD',
        ),
        (
            {"cost": {"per_session_gbp": -2}},
            "activities[0].cost.per_session_gbp: -2 cannot be negative",
        ),
        (
            {"venue": {"postcode": "NOT A CODE"}},
            'activities[0].venue.postcode: "NOT A CODE" is not a UK postcode',
        ),
        ({"venue": {"lat": 51.5}}, "activities[0].venue.lon: lat and lon must be given"),
        (
            {"sessions": [{"day": "tue", "start": "12:00", "end": "11:00"}]},
            'activities[0].sessions[0].end: "11:00" is not after the start "12:00"',
        ),
        (
            {"sessions": [{"day": "tues", "start": "10:00", "end": "11:00"}]},
            'activities[0].sessions[0].day: "tues" is not a day; did you mean "tue"?',
        ),
        (
            {
                "sessions": [
                    {
                        "day": "tue",
                        "start": "10:00",
                        "end": "11:00",
                        "frequency": "monthly",
                        "week_of_month": 5,
                    }
                ]
            },
            "activities[0].sessions[0].week_of_month: 5 is not between 1 and 4",
        ),
        (
            {"mental_health_specific": "yes"},
            'activities[0].mental_health_specific: "yes" is not true or false',
        ),
        ({"status": "closed"}, 'activities[0].status: "closed" is not a status'),
    ],
)
def test_each_kind_of_mistake_is_named(change: dict[str, Any], expected: str) -> None:
    [problem] = problems_of(directory({**GOOD_ACTIVITY, **change}))
    assert problem.startswith(expected)


def test_every_problem_is_reported_in_file_order() -> None:
    problems = problems_of(
        directory(
            {**GOOD_ACTIVITY, "id": "a", "gender": "female"},
            {**GOOD_ACTIVITY, "id": "a"},
            "not an object",
        )
    )
    assert problems == [
        'activities[0].gender: "female" is not a gender (one of any, women, men)',
        'activities[1].id: "a" is used twice (also at activities[0])',
        "activities[2]: expected an object, found text",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "expected a JSON object (navigator-directory), found a list"),
        (
            {"format": "navigator-profile", "version": 1},
            'format: expected "navigator-directory", found "navigator-profile"',
        ),
        (
            {"format": "navigator-directory", "version": 2},
            "version: 2 is not a version this app reads",
        ),
        ({"format": "navigator-directory", "version": 1}, "activities: is required"),
    ],
)
def test_the_wrong_kind_of_file_is_named(data: Any, expected: str) -> None:
    assert problems_of(data)[0].startswith(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"{", "input is not valid JSON: Expecting property name"),
        (b"\xff\xfe{}", "input is not UTF-8 text"),
        (b'{"a": NaN}', "input is not valid JSON: NaN is not a number JSON allows"),
        (b"[" * 100_000 + b"]" * 100_000, "input is not valid JSON"),
    ],
)
def test_broken_json_gets_a_clear_message(raw: bytes, expected: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_json_bytes(raw)
    assert str(caught.value).startswith(expected)


def test_huge_strings_are_refused_with_a_message() -> None:
    problems = problems_of(directory({**GOOD_ACTIVITY, "description": "x" * 1_000_000}))
    assert problems == [
        "activities[0].description: is 1000000 characters long; at most 20000 are allowed"
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
field_names = st.sampled_from(
    [
        *GOOD_ACTIVITY,
        "sessions",
        "cost",
        "languages",
        "welcome",
        "contact",
        "age_min",
        "status",
        "booking",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(field_names, json_values, max_size=6))
def test_any_json_in_any_field_is_accepted_or_reported_never_a_crash(
    fields: dict[str, Any],
) -> None:
    data = directory({**GOOD_ACTIVITY, **fields})
    try:
        parse_directory(data)
    except FormatError as error:
        assert error.problems and all(str(p).startswith("activities[0]") for p in error.problems)


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"  \n")
    with pytest.raises(FormatError, match=r"^empty\.json is empty$"):
        read_directory_file(path)


def test_json_errors_read_as_english() -> None:
    with pytest.raises(FormatError) as caught:
        parse_json_bytes(b'{"a": "unterminated')
    assert "starting at line 1 column 7" in str(caught.value)
    assert " at at " not in str(caught.value)


@pytest.mark.parametrize("field", ["name", "keywords", "more_venues"])
def test_a_broken_character_is_named_and_nothing_is_read(field: str) -> None:
    # Half a UTF-16 pair (JSON "\ud800") cannot be written back to any file: refused as read.
    activity: dict[str, Any] = {"id": "a", "name": "Choir", "categories": ["music"]}
    activity[field] = {
        "name": "Choir \ud800",
        "keywords": ["sing\ud800"],
        "more_venues": [{"name": "Hall \udc00"}],
    }[field]
    raw = json.dumps(
        {"format": "navigator-directory", "version": 1, "activities": [activity]}
    ).encode()
    with pytest.raises(FormatError) as refused:
        parse_directory(parse_json_bytes(raw))
    assert "broken character" in str(refused.value)


@pytest.mark.parametrize(
    ("cost", "problem"),
    [
        ({"per_session_gbp": 5, "amount_gbp": 40, "unit": "session"}, "they must agree"),
        ({"per_session_gbp": 5, "amount_gbp": 40, "unit": "year"}, "only for a session's price"),
        ({"amount_gbp": 40}, "is required with amount_gbp"),
        ({"amount_gbp": 40, "unit": "fortnight"}, "is not"),
    ],
)
def test_a_price_that_contradicts_itself_is_named(cost: dict[str, Any], problem: str) -> None:
    with pytest.raises(FormatError) as refused:
        parse_directory(
            {
                "format": "navigator-directory",
                "version": 1,
                "activities": [{"id": "a", "name": "Choir", "categories": ["music"], "cost": cost}],
            }
        )
    assert problem in str(refused.value)


def test_a_price_of_nothing_is_free_whatever_its_unit() -> None:
    [activity] = parse_directory(
        {
            "format": "navigator-directory",
            "version": 1,
            "activities": [
                {
                    "id": "a",
                    "name": "Choir",
                    "categories": ["music"],
                    "cost": {"per_session_gbp": None, "amount_gbp": 0, "unit": "year"},
                }
            ],
        }
    )
    assert activity.cost is not None and activity.cost.per_session_gbp == 0
