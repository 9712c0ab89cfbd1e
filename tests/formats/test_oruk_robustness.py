"""Whatever a feed holds, reading it ends in activities, rejections or a FormatError: never an
unhandled exception, and never an activity that breaks the directory's rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.formats.native import activity_to_json, parse_directory
from navigator.formats.oruk import directory_to_oruk, parse_feed, parse_feed_text
from navigator.formats.reading import FormatError
from tests.strategies import directories

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "MO",
            "2TU",
            "-1FR",
            "MO,WE",
            "WEEKLY",
            "MONTHLY",
            "DAILY",
            "10:00",
            "18:30:00",
            "25:00",
            "<b>x</b>",
            "&lt;p&gt;",
            "navigator-directory",
            "id=x",
            "category=music",
            "virtual",
            "N7 6PA",
            "-1",
            "free",
            "English",
            "2026-01-06",
        ]
    )
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = [
    "id",
    "name",
    "description",
    "organization",
    "schedules",
    "regular_schedules",
    "service_at_locations",
    "location",
    "locations",
    "addresses",
    "physical_addresses",
    "latitude",
    "longitude",
    "postal_code",
    "cost_options",
    "amount",
    "option",
    "languages",
    "code",
    "attributes",
    "taxonomy_term",
    "taxonomy",
    "term",
    "contacts",
    "phones",
    "number",
    "email",
    "url",
    "status",
    "minimum_age",
    "maximum_age",
    "eligibilitys",
    "assured_date",
    "freq",
    "interval",
    "byday",
    "opens_at",
    "closes_at",
    "dtstart",
    "accessibility",
    "service_taxonomys",
    "pc_targetAudience",
    "attending_type",
    "attending_access",
    "fees",
    "transportation",
    "weekday",
    "bymonthday",
    "location_type",
    "address_1",
    "city",
]
SERVICE_LIKE = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=40,
)


def read_safely(data: Any) -> None:
    try:
        result = parse_feed(data)
    except FormatError:
        return
    for activity in result.activities:
        # Anything imported must be a valid native activity.
        parse_directory(
            {
                "format": "navigator-directory",
                "version": 1,
                "activities": [activity_to_json(activity)],
            }
        )
        assert activity.name.strip() and set(activity.categories) <= set(CATEGORY_IDS)


@settings(max_examples=400, deadline=None)
@given(ANY_JSON)
def test_any_json_at_all(data: Any) -> None:
    read_safely(data)


@settings(max_examples=400, deadline=None)
@given(st.lists(SERVICE_LIKE, max_size=3))
def test_anything_shaped_a_little_like_services(items: list[Any]) -> None:
    read_safely({"contents": items})
    read_safely(items)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories(max_size=2), st.data())
def test_our_own_export_with_fields_broken_at_random(
    activities: list[Any], data: st.DataObject
) -> None:
    document = json.loads(json.dumps(directory_to_oruk(activities)))
    paths = list(_leaf_paths(document))
    for _ in range(3):
        path = data.draw(st.sampled_from(paths))
        holder = document
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = data.draw(ANY_JSON)
    read_safely(document)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_as_a_feed(text: str) -> None:
    try:
        data = parse_feed_text(text)
    except FormatError:
        return
    read_safely(data)


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    with pytest.raises(FormatError) as caught:
        parse_feed_text("[" * 100_000 + "]" * 100_000)
    assert "not valid JSON" in caught.value.summary()


def _leaf_paths(node: Any, path: tuple[Any, ...] = ()) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaf_paths(value, (*path, index))
    elif path:
        yield path


def test_a_broken_character_in_a_feed_is_replaced_and_every_export_still_works() -> None:
    feed = json.loads(
        '[{"id": "1", "name": "Club \\ud800", "locations": [{"name": "A"}, '
        '{"name": "Hall \\udc00"}], "taxonomies": [{"name": "Chess \\ud801"}]}]'
    )
    result = parse_feed(feed)
    [activity] = result.activities
    assert activity.name == "Club \ufffd" and activity.more_venues[0].name == "Hall \ufffd"
    assert any("broken character" in str(c) for c in result.cautions)
    # Writable as UTF-8: no half pair is left anywhere in it.
    json.dumps(activity_to_json(activity), ensure_ascii=False).encode("utf-8")
    json.dumps(directory_to_oruk([activity]), ensure_ascii=False).encode("utf-8")


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "opens_at": st.sampled_from(["10:00", "9:30", "25:00", "", 10, None]),
            "closes_at": st.sampled_from(["11:00", "10:00", "00:00", "x"]),
            "freq": st.sampled_from(["WEEKLY", "MONTHLY", "week", "DAILY", "YEARLY", ""]),
            "interval": st.sampled_from([1, 1.0, True, 2, 2.0, "2", 3, None]),
            "byday": st.sampled_from(["TU", "2MO", "-1FR", "MO,WE", "XX", "", 1]),
            "weekday": st.sampled_from(["Monday", 1, 1.0, True, 9]),
            "bymonthday": st.sampled_from(["15", 15, ""]),
            "dtstart": st.sampled_from(["2026-01-06", "not a date", 20260106]),
            "valid_from": st.sampled_from(["2026-02-03", ""]),
        },
    ),
    st.booleans(),
)
def test_a_schedule_read_again_from_memory_reads_as_the_first_time(
    schedule: dict[str, object], exact: bool
) -> None:
    from navigator.formats.oruk.schedules import sessions_from_schedule
    from navigator.formats.oruk.times import _sessions_of

    expected = sessions_from_schedule(schedule, exact=exact)
    assert _sessions_of(schedule, exact=exact) == expected
    assert _sessions_of(dict(schedule), exact=exact) == expected  # the remembered one
