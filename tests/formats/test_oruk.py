"""Open Referral UK import: the real Bristol feed, the ORUK/HSDS examples, ORUK 1.0, and the
rules for schedules, costs, ids and rejected records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from navigator.domain.directory import Booking, Day, Delivery, Frequency, Session, Status
from navigator.formats.oruk import (
    load_feed_json,
    parse_feed,
    read_oruk_file,
    sessions_from_schedule,
)
from navigator.formats.reading import FormatError
from tests.conftest import SHARED

ORUK = SHARED / "data" / "oruk"
BRISTOL_ONE = ORUK / "uk-feed-fixtures" / "bristol-service-1625ip.json"
BRISTOL_PAGE = ORUK / "uk-feed-fixtures" / "bristol-services-page1.json"
ORUK_EXAMPLE = ORUK / "oruk-3.0-uk-profile" / "examples" / "service_full.json"
HSDS_EXAMPLE = ORUK / "hsds-3.0-spec" / "examples" / "service_full.json"


def one(data: Any) -> Any:
    result = parse_feed(data)
    assert not result.rejected, result.rejected
    [activity] = result.activities
    return activity


def service(**fields: Any) -> dict[str, Any]:
    return {"id": "s1", "name": "Knit and natter", **fields}


# The real Bristol Open Place Directory records ----------------------------------------------------


def test_a_real_bristol_service_record() -> None:
    result = read_oruk_file(BRISTOL_ONE)
    [activity] = result.activities
    assert activity.id == "oruk-2a3483ea-8966-4f50-9dc3-7bafa1e5c623"
    assert activity.name == "1625 Independent People"
    assert activity.organisation == "1625 Independent People"
    assert activity.contact.phone == "0800 0354213"
    assert activity.contact.email == "enquiries@1625ip.co.uk"
    assert activity.contact.website == "http://1625ip.co.uk"
    assert activity.last_verified == dt.date(2025, 9, 2)
    assert activity.status is Status.ACTIVE
    assert (activity.age_min, activity.age_max) == (None, None)  # -1 means no limit
    # The vendor's target audiences become keywords.
    assert activity.keywords == ("Homeless", "Care leavers")
    # HTML became plain text: headings and paragraphs kept as lines, entities decoded.
    assert activity.description.startswith("About Us\n\n1625 Independent People works")
    assert "<" not in activity.description
    assert "Or you can \u2018drop in\u2019 at the Patchway office" in activity.description
    # No taxonomy terms in the feed: guessed from its words, and said so.
    assert activity.categories == ("advice_housing",)
    assert [str(c) for c in result.cautions] == [
        'service ("1625 Independent People"): no category in the feed; guessed '
        '"advice_housing" from its own words'
    ]


def test_a_real_bristol_services_page() -> None:
    result = read_oruk_file(BRISTOL_PAGE)
    assert [a.name for a in result.activities] == [
        "1625 Independent People",
        "2 Way St Bristol",
        "A Picture of Health",
    ]
    picture = result.activities[2]
    assert picture.organisation == "NHS"
    assert picture.contact.email is None  # "...@noemail.invalid" is a placeholder
    two_way = result.activities[1]
    assert "&nbsp;" not in two_way.description and "<a " not in two_way.description
    assert "either via Facebook or 07597922718" in two_way.description
    assert "page of 292 (874 services in all)" in str(result.cautions[0])
    assert not result.rejected


def test_ids_are_stable_across_re_imports_of_the_same_feed() -> None:
    first = [a.id for a in read_oruk_file(BRISTOL_PAGE).activities]
    again = [a.id for a in read_oruk_file(BRISTOL_PAGE).activities]
    assert (
        first
        == again
        == [
            "oruk-2a3483ea-8966-4f50-9dc3-7bafa1e5c623",
            "oruk-93657689-252d-5a77-de87-42ca43452b0e",
            "oruk-3121dd2f-3900-4c90-b529-4c265f026d6f",
        ]
    )
    single = read_oruk_file(BRISTOL_ONE).activities[0]
    assert single.id == first[0]


# The ORUK 3.0 and HSDS 3.0 examples ---------------------------------------------------------------


# The examples' schedules run only on 2005-01-01 (valid_to / until), so they are read as of then.
EXAMPLE_DAY = dt.date(2005, 1, 1)


@pytest.mark.parametrize("path", [ORUK_EXAMPLE, HSDS_EXAMPLE])
def test_the_published_example_service(path: Path) -> None:
    result = read_oruk_file(path, today=EXAMPLE_DAY)
    [activity] = result.activities
    assert activity.name == "Community Counselling"
    assert activity.organisation == "Example Organization Inc."
    assert (activity.age_min, activity.age_max) == (12, 100)
    assert activity.sessions == (
        Session(Day.THU, dt.time(10), dt.time(18), Frequency.WEEKLY),
        Session(Day.FRI, dt.time(10), dt.time(18), Frequency.WEEKLY),
    )
    assert activity.cost is not None and activity.cost.per_session_gbp == 35
    venue = activity.venue
    assert venue is not None and venue.name == "MyCity Civic Center"
    assert venue.step_free is True  # "Wheelchair access is possible on all levels."
    # The example's made-up position (100, 101) and US postcode are left out, with a word.
    assert (venue.lat, venue.lon, venue.postcode) == (None, None, None)
    cautions = " | ".join(str(c) for c in result.cautions)
    assert 'postcode "ABC 1234" is not a UK postcode' in cautions
    assert "position 100, 101 is not a place on Earth" in cautions


@pytest.mark.parametrize("path", [ORUK_EXAMPLE, HSDS_EXAMPLE])
def test_the_example_schedule_has_ended_by_now(path: Path) -> None:
    result = read_oruk_file(path, today=dt.date(2026, 12, 4))
    assert result.activities[0].sessions == ()
    assert "schedules[0]: ended on 2005-01-01; not a session now" in " | ".join(
        str(c) for c in result.cautions
    )
    assert "schedules" not in dict(result.left_out)  # ended is not "could not be kept"


def test_hsds_fields_the_uk_profile_leaves_out_are_still_read() -> None:
    activity = read_oruk_file(HSDS_EXAMPLE).activities[0]
    assert activity.languages == ("ur",)
    assert activity.contact.phone == "+44 1234 234567"  # the example's stray quotes removed
    assert activity.venue is not None
    assert activity.venue.address == "1-30 Main Street, MyVillage, MyCity"
    assert activity.venue.transport_note is not None
    assert activity.venue.transport_note.startswith("MyCity Civic Center is serviced by")


# ORUK 1.0 -----------------------------------------------------------------------------------------

ORUK_1_PAGE = {
    "totalElements": 1,
    "totalPages": 1,
    "number": 0,
    "size": 1,
    "first": True,
    "last": True,
    "content": [
        {
            "id": 1042,
            "name": "Chatterbox Café",
            "status": "active",
            "description": "A friendly café for anyone feeling lonely.",
            "organization": {
                "id": "0b8a9adf-e155-1f77-c48d-a339105d6722",
                "name": "Age UK",
                "description": "",
            },
            "attending_type": "venue",
            "attending_access": "drop-in",
            "regular_schedules": [
                {"weekday": "Wednesday", "opens_at": "10:00:00", "closes_at": "12:00:00"}
            ],
            "eligibilitys": [
                {"eligibility": "older people", "minimum_age": 55, "maximum_age": None}
            ],
            "languages": [{"language": "English"}, {"language": "Polish"}],
            "service_taxonomys": [
                {
                    "taxonomy": {
                        "id": "bcc:349",
                        "name": "Tea / Coffee",
                        "vocabulary": "BCC Services",
                    }
                },
                {"taxonomy": {"id": "bcc:104", "name": "Isolation", "vocabulary": "BCC Services"}},
                {"taxonomy": {"id": "x", "name": "Older people", "vocabulary": "Audience"}},
            ],
            "cost_options": [{"option": "Free", "amount": None}],
            "service_at_locations": [
                {
                    "location": {
                        "name": "St Paul's Church Hall",
                        "latitude": 51.4613,
                        "longitude": -2.5892,
                        "physical_addresses": [
                            {
                                "address_1": "Portland Square",
                                "city": "Bristol",
                                "postal_code": "bs2 8sj",
                            }
                        ],
                        "accessibility_for_disabilities": [{"accessibility": "Step free access"}],
                    }
                }
            ],
        }
    ],
}


def test_an_oruk_1_page() -> None:
    activity = one(ORUK_1_PAGE)
    assert activity.id == "oruk-1042"
    assert activity.organisation == "Age UK"
    assert activity.sessions == (Session(Day.WED, dt.time(10), dt.time(12)),)
    assert activity.age_min == 55 and activity.age_max is None
    assert activity.languages == ("en", "pl")
    assert activity.categories == ("social_club",)
    assert activity.keywords == ("Older people",)
    assert activity.booking is Booking.DROP_IN and activity.delivery is Delivery.IN_PERSON
    assert activity.cost is not None and activity.cost.per_session_gbp == 0
    assert activity.venue is not None
    assert (activity.venue.postcode, activity.venue.address) == (
        "BS2 8SJ",
        "Portland Square, Bristol",
    )
    assert (activity.venue.lat, activity.venue.lon) == (51.4613, -2.5892)
    assert activity.venue.step_free is True


def test_a_plain_list_of_services_is_read() -> None:
    result = parse_feed([service(id="a"), service(id="b", name="Walk")])
    assert [a.id for a in result.activities] == ["oruk-a", "oruk-b"]


# Schedules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (
            {
                "freq": "WEEKLY",
                "interval": 2,
                "byday": "TU",
                "dtstart": "2026-01-06",
                "opens_at": "10:00",
                "closes_at": "12:00",
            },
            [("tue", "fortnightly", None, dt.date(2026, 1, 6))],
        ),
        (
            {
                "freq": "WEEKLY",
                "interval": 2,
                "byday": "TU",
                "valid_from": "2026-02-03",
                "opens_at": "10:00",
                "closes_at": "12:00",
            },
            [("tue", "fortnightly", None, dt.date(2026, 2, 3))],
        ),
        (
            {"freq": "MONTHLY", "byday": "2TU", "opens_at": "10:00", "closes_at": "12:00"},
            [("tue", "monthly", 2, None)],
        ),
        (
            {"freq": "MONTHLY", "byday": "-1FR", "opens_at": "18:30:00", "closes_at": "21:00:00"},
            [("fri", "monthly", -1, None)],
        ),
        (
            {"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00", "closes_at": "11:00"},
            [("mon", "weekly", None, None), ("wed", "weekly", None, None)],
        ),
        (
            {"byday": "TH", "opens_at": "9:30", "closes_at": "11:00"},  # no freq: weekly
            [("thu", "weekly", None, None)],
        ),
        (
            {"freq": "DAILY", "opens_at": "09:00", "closes_at": "10:00"},
            [(d.value, "weekly", None, None) for d in Day],
        ),
    ],
)
def test_rrule_schedules_become_sessions(
    schedule: dict[str, Any], expected: list[tuple[Any, ...]]
) -> None:
    sessions, problem = sessions_from_schedule(schedule)
    assert problem is None
    assert [
        (s.day.value, s.frequency.value, s.week_of_month, s.starts_on) for s in sessions
    ] == expected


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        (
            {"freq": "MONTHLY", "byday": "5MO", "opens_at": "10:00", "closes_at": "11:00"},
            'byday "5MO" names a week we cannot show',
        ),
        (
            {"freq": "MONTHLY", "bymonthday": "15", "opens_at": "10:00", "closes_at": "11:00"},
            'bymonthday "15" (a date, not a weekday) cannot be shown',
        ),
        (
            {
                "freq": "WEEKLY",
                "interval": 3,
                "byday": "MO",
                "opens_at": "10:00",
                "closes_at": "11:00",
            },
            'freq "WEEKLY" with interval 3 cannot be shown',
        ),
        (
            {"byday": "MO", "opens_at": "14:00", "closes_at": "11:00"},
            "closes at 11:00, not after it opens at 14:00",
        ),
        (
            {"byday": "MO", "opens_at": "25:00", "closes_at": "26:00"},
            'opens_at "25:00" is not a time',
        ),
        ({"byday": "MO", "closes_at": "11:00"}, "no opens_at"),
        (
            {"byday": "Mondays", "opens_at": "10:00", "closes_at": "11:00"},
            'byday "Mondays" is not a list of days such as MO,WE',
        ),
    ],
)
def test_schedules_we_cannot_express_are_left_out_with_a_reason(
    schedule: dict[str, Any], problem: str
) -> None:
    assert sessions_from_schedule(schedule) == ([], problem)


def test_a_schedule_left_out_is_a_caution_and_the_rest_is_imported() -> None:
    result = parse_feed(
        service(
            schedules=[
                {"byday": "MO", "opens_at": "10:00", "closes_at": "11:00"},
                {"freq": "YEARLY", "byday": "MO", "opens_at": "10:00", "closes_at": "11:00"},
            ]
        )
    )
    assert len(result.activities[0].sessions) == 1
    assert [str(c) for c in result.cautions if "schedules" in str(c)] == [
        'service ("Knit and natter"): schedules[1]: freq "YEARLY" with interval 1 cannot be '
        "shown; this time was left out"
    ]


# Costs, accessibility, languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([{"option": "Free", "amount": None}], (0.0, False)),
        ([{"amount": 0}], (0.0, False)),
        (
            [{"option": "Adults", "amount": 5}, {"option": "Concessions", "amount": 2.5}],
            (5.0, True),
        ),
        ([{"option": "Ask at the door"}], (None, False)),  # the price unknown, the words kept
        ([], None),
    ],
)
def test_cost_options(options: list[dict[str, Any]], expected: Any) -> None:
    cost = one(service(cost_options=options)).cost
    assert (None if cost is None else (cost.per_session_gbp, cost.concessions)) == expected
    if options and options[0].get("option") == "Ask at the door":
        assert cost is not None and cost.notes == "Ask at the door"


@pytest.mark.parametrize(
    ("text", "step_free"),
    [
        ("Wheelchair accessible entrance and toilets", True),
        ("Step-free access via the side door", True),
        ("There is a ramp access at the rear", True),
        ("No step-free access: the hall is up two flights of stairs", False),
        ("Not wheelchair accessible", False),
        ("Stairs only", False),
        ("Hearing loop at reception", None),
    ],
)
def test_step_free_only_where_the_text_clearly_says_so(text: str, step_free: bool | None) -> None:
    location = {"name": "Hall", "accessibility": [{"description": text}]}
    venue = one(service(service_at_locations=[{"location": location}])).venue
    assert venue is not None and venue.step_free is step_free


def test_languages_become_iso_codes_and_unknown_ones_are_reported() -> None:
    result = parse_feed(
        service(
            languages=[{"code": "eng"}, {"name": "Bengali"}, {"code": "pl-PL"}, {"name": "Klingon"}]
        )
    )
    assert result.activities[0].languages == ("en", "bn", "pl")
    assert any('language "Klingon" is not one we know' in str(c) for c in result.cautions)


# Ids and rejected records -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_id", "expected"), [(42, "oruk-42"), (7.0, "oruk-7"), ("  abc  ", "oruk-abc")]
)
def test_integer_and_odd_ids_are_kept(raw_id: Any, expected: str) -> None:
    assert one(service(id=raw_id)).id == expected


def test_every_record_left_out_is_named_with_its_reason() -> None:
    page = {
        "contents": [
            service(id="a"),
            service(id="b", name="<p> </p>"),
            "not a service",
            service(id="d", description="x" * 25_000),
            service(id=None, name="No id"),
            service(id=True, name="Odd id"),
            service(id="a", name="Again"),
        ]
    }
    result = parse_feed(page)
    assert [a.id for a in result.activities] == ["oruk-a"]
    assert [str(p) for p in result.rejected] == [
        'contents[1] (id "b"): no name',
        "contents[2]: expected an object (a service), found text",
        'contents[3] ("Knit and natter"): description is 25000 characters long; at most '
        "20000 are allowed",
        'contents[4] ("No id"): no id, so a later import could not update it',
        'contents[5] ("Odd id"): id true is not text or a whole number',
        'contents[6] ("Again"): id "oruk-a" is used twice (also at contents[0])',
    ]


def test_a_service_with_no_category_anywhere_gets_the_documented_fallback() -> None:
    result = parse_feed(service(name="Zzyzx", description=""))
    assert result.activities[0].categories == ("wellbeing_support",)
    assert 'filed under "wellbeing_support"' in str(result.cautions[0])


def test_taxonomy_terms_map_and_the_rest_become_keywords() -> None:
    terms = [
        {
            "taxonomy_term": {
                "id": "1",
                "name": "Yoga / Meditation",
                "description": "",
                "taxonomy": "BCC Services",
            }
        },
        {
            "taxonomy_term": {
                "id": "2",
                "name": "Hatha Yoga",
                "description": "",
                "taxonomy": "OpenActive",
            }
        },
        {"taxonomy_term": {"id": "3", "name": "Care leavers", "description": ""}},
    ]
    activity = one(service(attributes=terms))
    assert activity.categories == ("mind_body",)
    assert activity.keywords == ("Care leavers",)


# Whole-file problems ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (42, "not an Open Referral file"),
        ({"hello": "world"}, "not an Open Referral file"),
        ({"contents": {"id": 1}}, "contents: expected a list of services, found an object"),
        (
            {"format": "navigator-directory", "version": 1, "activities": []},
            "import it with --format navigator",
        ),
    ],
)
def test_wrong_shapes_get_a_clear_message(data: Any, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_feed(data)
    assert message in caught.value.summary()


def test_broken_json_names_the_place(tmp_path: Path) -> None:
    template = ORUK / "oruk-1.0" / "validator-Schemas-V1.0-UK" / "empty_page.json"
    with pytest.raises(FormatError) as caught:
        load_feed_json(template)
    assert caught.value.summary().startswith(
        "empty_page.json is not valid JSON: Expecting value at line 6 column 5"
    )


def test_the_cp1252_data_package_descriptor_is_decoded_and_explained() -> None:
    path = ORUK / "oruk-1.0" / "human-services-US-UK-Integration" / "openref-output.json"
    data = load_feed_json(path)  # not UTF-8: byte 0x93 is a Windows-1252 quote
    assert "\u201c" in json.dumps(data, ensure_ascii=False)
    with pytest.raises(FormatError) as caught:
        parse_feed(data)
    assert "data package descriptor" in caught.value.summary()


def test_a_cp1252_feed_with_a_byte_order_mark_free_header(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes('[{"id": "1", "name": "Caf\u00e9 \u201cTea\u201d"}]'.encode("cp1252"))
    assert read_oruk_file(path).activities[0].name == "Caf\u00e9 \u201cTea\u201d"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([service()]).encode())
    assert read_oruk_file(path).activities[0].name == "Knit and natter"


def test_bytes_that_are_no_text_at_all(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(b"\x81\x8d\x8f\x90")
    with pytest.raises(FormatError, match="neither UTF-8 nor Windows-1252"):
        read_oruk_file(path)
