"""ORUK 3.0 export: valid against the published schemas, and read back unchanged."""

from __future__ import annotations

import io
import json
import re
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from navigator.domain.directory import Activity, Cost, CostUnit, Source, Venue
from navigator.formats.native import read_directory_file
from navigator.formats.oruk import NAMESPACE, directory_to_oruk, parse_feed, write_oruk
from navigator.formats.oruk import write as oruk_write
from tests.conftest import SAMPLE_DIRECTORY, SHARED
from tests.strategies import directories

PROFILE = SHARED / "data" / "oruk" / "oruk-3.0-uk-profile"
SAMPLE = read_directory_file(SAMPLE_DIRECTORY)


def _checker() -> FormatChecker:
    checker = FormatChecker()

    # jsonschema only checks "uri" when an optional package is installed; check it here.
    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return (
            not isinstance(value, str)
            or re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[!-~]+", value) is not None
        )

    return checker


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((PROFILE / "schema" / "compiled" / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=_checker())


def _page_schema() -> dict[str, Any]:
    """The /services response of the ORUK 3.0 OpenAPI: the Page fields plus `contents`."""
    api = json.loads(
        (PROFILE / "openreferraluk.org-specifications-3.0" / "openapi.json").read_text(
            encoding="utf-8"
        )
    )
    page = api["components"]["schemas"]["Page"]
    return {
        **page,
        "required": list(page["properties"]),
        "properties": {**page["properties"], "contents": {"type": "array"}},
    }


def exported(activities: list[Activity]) -> dict[str, Any]:
    return json.loads(json.dumps(directory_to_oruk(activities)))


EXPORT = exported(SAMPLE)


def test_the_sample_directory_re_imports_unchanged() -> None:
    result = parse_feed(EXPORT)
    assert not result.rejected and not result.cautions
    assert list(result.activities) == SAMPLE


def test_every_exported_service_validates_against_the_oruk_3_schemas() -> None:
    full, listed = _validator("service.json"), _validator("service_list.json")
    for item in EXPORT["contents"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in full.iter_errors(item)]
        errors += [f"{list(e.absolute_path)}: {e.message}" for e in listed.iter_errors(item)]
        assert not errors, (item["name"], errors[:5])


def test_the_document_is_a_services_page() -> None:
    Draft202012Validator(_page_schema()).validate(EXPORT)
    assert (EXPORT["total_items"], EXPORT["total_pages"], EXPORT["size"]) == (253, 1, 253)
    assert EXPORT["first_page"] and EXPORT["last_page"] and not EXPORT["empty"]


def test_ids_are_uuids_and_our_id_travels_as_an_attribute() -> None:
    first = EXPORT["contents"][0]
    assert uuid.UUID(first["id"]).version == 5
    ours = {
        a["taxonomy_term"]["term"]
        for a in first["attributes"]
        if a["taxonomy_term"]["taxonomy"] == NAMESPACE
    }
    assert {"id=isl-001", "category=nature_gardening", "booking=drop_in"} <= ours
    assert exported(SAMPLE) == EXPORT  # the same directory always exports the same ids


@settings(max_examples=200)
@given(st.text(min_size=1), st.text())
def test_ids_are_the_standard_uuid_5_of_what_they_name(activity_id: str, keyword: str) -> None:
    # The writer makes UUID 5s without uuid.UUID objects (for speed); they must be the very
    # ids uuid.uuid5 gives, so earlier exports keep their ids.
    def uuid5(*parts: str) -> str:
        return str(uuid.uuid5(oruk_write._UUID_NAMESPACE, "\x1f".join(parts)))

    try:
        "\x1f".join((activity_id, keyword)).encode()
    except UnicodeEncodeError:
        return  # a lone surrogate: no id can be made of it either way
    service = oruk_write.activity_to_service(
        Activity(id=activity_id, name="n", categories=("music",), keywords=(keyword,))
    )
    assert service["id"] == uuid5("service", activity_id)
    keyword_term = next(
        a["taxonomy_term"]
        for a in service["attributes"]
        if a["taxonomy_term"]["term"].startswith("keyword=")
    )
    assert keyword_term["id"] == uuid5("term", f"keyword={keyword}")


def test_standard_fields_carry_what_they_can_for_other_systems() -> None:
    growing = EXPORT["contents"][0]
    assert growing["organization"]["name"] == "Greenway Growers"
    assert growing["assured_date"] == "2026-09-04"
    assert growing["schedules"][0] | {"id": "", "service_id": ""} == {
        "id": "",
        "service_id": "",
        "freq": "WEEKLY",
        "interval": 1,
        "byday": "TU",
        "opens_at": "10:00",
        "closes_at": "13:00",
        "description": "Every Tuesday, 10:00 to 13:00",
    }
    location = growing["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "N1 0SD"
    assert (location["latitude"], location["longitude"]) == (51.53787, -0.11234)
    category = next(
        a["taxonomy_term"]
        for a in growing["attributes"]
        if a["taxonomy_term"]["term"] == "category=nature_gardening"
    )
    assert category["name"] == "Gardening and nature"


@pytest.mark.parametrize("text", ["Tea & <b>chat</b>", "&amp; literally", "<script>x</script>"])
def test_text_that_looks_like_html_comes_back_exactly(text: str) -> None:
    activity = Activity(
        id="a",
        name=text,
        categories=("music",),
        description=text,
        venue=Venue(name=text, address=None, postcode="N7 6PA"),
    )
    document = exported([activity])
    assert "<b" not in json.dumps(document) and "<script" not in json.dumps(document)
    assert parse_feed(document).activities == (activity,)


def test_the_new_fields_export_valid_oruk_and_come_back() -> None:
    activity = Activity(
        id="act-1",
        name="Stay and play",
        categories=("social_club",),
        venue=Venue(name="Hub", postcode="N7 6PA", step_free=True),
        more_venues=(
            Venue(name="Library", address="2 Hill Rd, London", lat=51.55, lon=-0.11),
            Venue(name="Church hall"),
        ),
        cost=Cost(None, True, False, "A year's membership", 12.5, CostUnit.YEAR),
        for_learners_of=("en",),
        with_child=True,
        guessed=("with_child",),
        source=Source("Exampleton", "svc-1"),
    )
    document = exported([activity])
    [item] = document["contents"]
    full = _validator("service.json")
    assert not [e.message for e in full.iter_errors(item)]
    assert [link["location"]["name"] for link in item["service_at_locations"]] == [
        "Hub",
        "Library",
        "Church hall",
    ]
    assert item["cost_options"][0] | {"id": ""} == {
        "id": "",
        "service_id": item["id"],
        "option": "Per year",
        "amount": 12.5,
        "amount_description": "A year's membership",
    }
    assert parse_feed(document).activities == (activity,)


@settings(max_examples=80, deadline=None)
@given(directories(max_size=4))
def test_any_directory_round_trips_through_oruk(activities: list[Activity]) -> None:
    result = parse_feed(exported(activities))
    assert not result.rejected
    assert list(result.activities) == activities


def _written_services(activities: list[Activity]) -> list[str]:
    """The service lines of the file `write_oruk` writes, each without its comma."""
    out = io.StringIO()
    write_oruk(out, activities)
    text = out.getvalue()
    assert json.loads(text) == exported(activities)
    lines = text.split("\n")
    assert lines[-2:] == ["]}", ""]
    return [line.removesuffix(",") for line in lines[1:-2]]


def _encoded_services(activities: list[Activity]) -> list[str]:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return [encode(service) for service in directory_to_oruk(activities)["contents"]]


def test_the_file_written_is_the_page_encoded_byte_for_byte() -> None:
    # The writer makes a service's attributes as text from terms encoded once (for speed);
    # the file must stay what encoding `directory_to_oruk`'s dicts gives, byte for byte.
    assert _written_services(SAMPLE) == _encoded_services(SAMPLE)


@settings(max_examples=80, deadline=None)
@given(directories(max_size=4))
def test_any_directory_is_written_as_its_page_encoded(activities: list[Activity]) -> None:
    assert _written_services(activities) == _encoded_services(activities)


def test_the_schema_check_has_teeth() -> None:
    item = {**EXPORT["contents"][0], "id": "isl-001", "url": "not a web address", "status": "open"}
    messages = {e.message for e in _validator("service.json").iter_errors(item)}
    assert messages == {
        "'isl-001' is not a 'uuid'",
        "'not a web address' is not a 'uri'",
        "'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']",
    }
