"""The shapes real council feeds publish, each from a fixture of our own (tests/fixtures/oruk,
invented names and places modelled on the published schemas), read and written to the native
format with every field it can hold kept; and the rules for schedules, costs and places."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from navigator.domain.directory import (
    Activity,
    Cost,
    CostUnit,
    Day,
    Frequency,
    Session,
    Source,
    Venue,
)
from navigator.formats import oruk
from navigator.formats.hsds_csv import read_hsds_package
from navigator.formats.native import directory_to_json, parse_directory
from navigator.formats.oruk import (
    cost_unit,
    directory_to_oruk,
    parse_feed,
    read_oruk_file,
    sessions_from_schedule,
)
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "oruk"
TODAY = dt.date(2026, 12, 4)


def native(activities: tuple[Activity, ...]) -> list[dict[str, Any]]:
    """The activities as the native file holds them, checked to read back the same."""
    document = json.loads(json.dumps(directory_to_json(activities)))
    assert parse_directory(document) == list(activities)
    return document["activities"]


def cautions_of(result: Any) -> str:
    return " | ".join(str(c) for c in result.cautions)


# ORUK 1.0 / Outpost ----------------------------------------------------------------------------


OUTPOST = read_oruk_file(FIXTURES / "outpost_page.json", today=TODAY)


def test_an_outpost_page_with_a_byte_order_mark_is_read_whole() -> None:
    assert (FIXTURES / "outpost_page.json").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not OUTPOST.rejected
    assert [a.id for a in OUTPOST.activities] == ["oruk-5501", "oruk-5502"]
    # "last": false and totalPages 2: the prescriber is told this is one page of several.
    assert str(OUTPOST.cautions[0]) == (
        "this is one page of 2 (3 services in all); only the 2 services on it were read. "
        "Save every page to import the whole directory"
    )


def test_outpost_walking_football_keeps_every_field() -> None:
    football = native(OUTPOST.activities)[0]
    assert football["organisation"] == "Riverside Community Sport"  # "organisation"
    assert football["description"] == (
        "Gentle walking football for over 50s. Meets on the 2nd Monday of the month."
    )
    assert football["categories"] == ["sport_fitness"]  # from "taxonomies"
    # The feed's own taxonomy said what it is; only step-free was read from its words.
    assert football["guessed"] == ["venue.step_free"]
    assert football["keywords"] == ["Older adults", "Physical disability"]  # suitabilities,
    # send_needs
    # Address on the location itself; GeoJSON coordinates are [lon, lat].
    assert football["venue"] == {
        "name": "Meadow Lane Playing Fields",
        "address": "Meadow Lane, Exampleton",
        "postcode": "EX1 2AB",
        "lat": 53.8008,
        "lon": -1.5491,
        "step_free": True,
        "transport_note": None,
    }
    # Every place kept; "Partial wheelchair access" does not make it step-free (not known).
    assert football["more_venues"] == [
        {
            "name": "Northside Sports Hall",
            "address": "12 Hill Road, Exampleton",
            "postcode": "EX2 9ZZ",
            "lat": 53.8101,
            "lon": -1.5602,
            "step_free": None,
            "transport_note": None,
        }
    ]
    assert football["sessions"] == [
        {"day": "mon", "start": "10:00", "end": "11:30", "frequency": "weekly"}
    ]
    assert football["cost"] == {
        "per_session_gbp": 0.0,
        "concessions": False,
        "free_taster": False,
        "notes": "",
    }  # "free": true
    assert (football["age_min"], football["age_max"]) == (50, None)  # min_age / max_age
    assert football["booking"] == "drop_in"  # needs_referral false leaves attending_access
    assert football["contact"] == {
        "phone": "01632 960123",
        "email": "kickabout@example.org",
        "website": "https://example.org/walking-football",
    }
    assert football["status"] == "active"
    assert football["source"] == {"feed": None, "external_id": "5501"}


def test_outpost_stay_and_play_keeps_every_field() -> None:
    play = native(OUTPOST.activities)[1]
    assert play["organisation"] == "Exampleton Family Hub"
    assert (play["age_min"], play["age_max"]) == (None, 4)  # age_band_under_2 + age_band_2_4
    assert play["booking"] == "referral"  # needs_referral: true
    assert play["contact"] == {"phone": "01632 960456"}
    assert play["venue"]["lat"] == 53.799 and play["venue"]["lon"] == -1.5412
    assert play["sessions"] == [
        {"day": "thu", "start": "09:30", "end": "11:00", "frequency": "weekly"}
    ]  # the 00:00-00:00 one is no session
    # The per-session price is the one kept; the yearly one stays in the notes.
    assert play["cost"] == {
        "per_session_gbp": 2.0,
        "concessions": False,
        "free_taster": False,
        "notes": "Per family per session: £2.00; Annual membership per year: £10.00",
        "amount_gbp": 2.0,
        "unit": "session",
    }
    assert "categories" in play["guessed"]  # no taxonomy: guessed, and marked
    assert play["source"] == {"feed": None, "external_id": "5502"}


def test_outpost_cautions_and_what_was_left_out() -> None:
    text = cautions_of(OUTPOST)
    assert (
        'content[0] ("Riverside Walking Football"): the description says "2nd Monday of '
        'the month" but the schedule says every Monday; the schedule was kept: check which '
        "is right"
    ) in text
    assert (
        'content[1] ("Stay and Play"): regular_schedules[1]: times not given (00:00 to '
        "00:00); this time was left out"
    ) in text
    assert dict(OUTPOST.left_out) == {
        "schedules": 1,
        "eligibility": 1,
        "service_areas": 1,
        "cost_options": 1,
    }


# ORUK 3.0 / HSDS 3.0 ---------------------------------------------------------------------------


ORUK3 = read_oruk_file(FIXTURES / "oruk3_page.json", today=TODAY)


def test_an_oruk_3_service_keeps_every_field() -> None:
    assert not ORUK3.rejected
    pottery = native(ORUK3.activities)[0]
    assert pottery["id"] == "oruk-7f3c2a10-0000-4000-8000-00000000a001"
    assert pottery["organisation"] == "Kiln Collective"
    assert pottery["categories"] == ["arts_crafts"]
    assert pottery["guessed"] == ["venue.step_free"]  # read from its accessibility words
    assert pottery["languages"] == ["en", "cy"]
    assert (pottery["age_min"], pottery["age_max"]) == (16, None)
    assert pottery["last_verified"] == "2026-03-14"
    assert pottery["contact"] == {
        "phone": "01632 960789",
        "email": "clay@example.org",
        "website": "https://example.org/pottery",
    }
    # Two physical places kept in order; the virtual one is not a place.
    assert [v["name"] for v in [pottery["venue"], *pottery["more_venues"]]] == [
        "Kiln Studio",
        "Westgate Library",
    ]
    assert pottery["venue"]["step_free"] is True
    assert pottery["more_venues"][0] == {
        "name": "Westgate Library",
        "address": "1 Westgate, Exampleton",
        "postcode": "EX4 7RS",
        "lat": 53.8002,
        "lon": -1.5701,
        "step_free": False,
        "transport_note": None,
    }
    # "month" / "weekly" in any case; 1TU and -1FR monthly; a fortnight anchored on dtstart;
    # the one that ended in 2020 and the one on a date of the month are not sessions.
    assert pottery["sessions"] == [
        {
            "day": "tue",
            "start": "18:00",
            "end": "20:00",
            "frequency": "monthly",
            "week_of_month": 1,
        },
        {
            "day": "wed",
            "start": "10:00",
            "end": "12:00",
            "frequency": "fortnightly",
            "starts_on": "2026-09-02",
        },
        {
            "day": "fri",
            "start": "19:00",
            "end": "21:00",
            "frequency": "monthly",
            "week_of_month": -1,
        },
    ]
    # A term's price is no per-session price; the lower one means concessions.
    assert pottery["cost"] == {
        "per_session_gbp": None,
        "concessions": True,
        "free_taster": False,
        "notes": "Full course per term of 10 sessions: £45.00; Concessions per term: £30.00",
        "amount_gbp": 45.0,
        "unit": "term",
    }
    assert pottery["source"]["external_id"] == "7f3c2a10-0000-4000-8000-00000000a001"


def test_an_oruk_3_service_with_a_price_of_no_stated_unit_and_a_conflicting_description() -> None:
    social = native(ORUK3.activities)[1]
    assert social["status"] == "paused"
    # "Membership £12" says it is not per visit without saying per what: notes only.
    assert social["cost"] == {
        "per_session_gbp": None,
        "concessions": False,
        "free_taster": False,
        "notes": "Membership: £12.00",
    }
    text = cautions_of(ORUK3)
    assert "1 price did not say what it is for; kept in the cost notes" in text
    assert (
        'the description says "last Friday of the month" but the schedule says every Friday'
    ) in text
    assert "schedules[2]: ended on 2020-06-30; not a session now" in text
    assert dict(ORUK3.left_out) == {
        "schedules": 1,
        "eligibility": 1,
        "service_areas": 1,
        "cost_options": 1,
    }


# HSDS CSV with numeric weekdays ----------------------------------------------------------------


def test_an_hsds_csv_package_with_numeric_weekdays() -> None:
    result = read_hsds_package(FIXTURES / "hsds_csv_weekday", today=TODAY)
    knit, bowls = native(result.activities)
    assert knit["organisation"] == bowls["organisation"] == "Exampleton Crafts"
    assert knit["sessions"] == [
        {"day": "mon", "start": "13:00", "end": "15:00", "frequency": "weekly"}
    ]  # 1 = Monday
    assert bowls["sessions"] == [
        {"day": "sun", "start": "10:00", "end": "12:00", "frequency": "weekly"}
    ]  # 7 = Sunday; 0 is left out
    assert knit["cost"]["per_session_gbp"] == 3.0 and knit["cost"]["unit"] == "session"
    assert bowls["cost"] == {
        "per_session_gbp": None,
        "concessions": False,
        "free_taster": False,
        "notes": "Season ticket annual: £25.00",
        "amount_gbp": 25.0,
        "unit": "year",
    }
    assert knit["source"] == {"feed": None, "external_id": "s1"}
    assert 'weekday "0" is not a day 1 (Monday) to 7 (Sunday)' in cautions_of(result)
    assert dict(result.left_out) == {"schedules": 1}


# Schedules -------------------------------------------------------------------------------------


def _schedule(**fields: Any) -> dict[str, Any]:
    return {"opens_at": "10:00", "closes_at": "12:00", **fields}


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (_schedule(freq="week", byday="TH"), [(Day.THU, Frequency.WEEKLY, None)]),
        (_schedule(freq="Weekly", byday="th"), [(Day.THU, Frequency.WEEKLY, None)]),
        (_schedule(freq="month", byday="2TU"), [(Day.TUE, Frequency.MONTHLY, 2)]),
        (_schedule(freq="MONTHLY", byday="-1FR", wkst="SU"), [(Day.FRI, Frequency.MONTHLY, -1)]),
        (
            _schedule(freq="WEEKLY", interval="2", byday="MO"),
            [(Day.MON, Frequency.FORTNIGHTLY, None)],
        ),
        (_schedule(weekday=3), [(Day.WED, Frequency.WEEKLY, None)]),
        (_schedule(weekday="7"), [(Day.SUN, Frequency.WEEKLY, None)]),
        (_schedule(byday="Monday"), [(Day.MON, Frequency.WEEKLY, None)]),
        (_schedule(byday="SA", valid_to="2026-12-04"), [(Day.SAT, Frequency.WEEKLY, None)]),
    ],
)
def test_schedule_shapes(schedule: dict[str, Any], expected: list[tuple[Any, ...]]) -> None:
    sessions, problem = sessions_from_schedule(schedule, today=TODAY)
    assert problem is None
    assert [(s.day, s.frequency, s.week_of_month) for s in sessions] == expected


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        (_schedule(byday="SA", until="2026-12-03"), "ended on 2026-12-03"),
        (_schedule(byday="SA", valid_to="2025-01-31", until="2026-01-01"), "ended on 2025-01-31"),
        (
            {"byday": "MO", "opens_at": "00:00", "closes_at": "00:00:00"},
            "times not given (00:00 to 00:00)",
        ),
        (_schedule(weekday=0), "weekday 0 is not a day 1 (Monday) to 7 (Sunday)"),
        (
            _schedule(freq="month", interval=2, byday="MO"),
            'freq "month" with interval 2 cannot be shown',
        ),
    ],
)
def test_schedules_that_are_no_session(schedule: dict[str, Any], problem: str) -> None:
    assert sessions_from_schedule(schedule, today=TODAY) == ([], problem)


def test_a_schedule_that_has_ended_depends_on_the_day_given() -> None:
    feed = {"id": "x", "name": "Choir", "schedules": [_schedule(byday="TU", until="2026-06-30")]}
    assert parse_feed(feed, today=dt.date(2026, 6, 30)).activities[0].sessions == (
        Session(Day.TUE, dt.time(10), dt.time(12)),
    )
    later = parse_feed(feed, today=dt.date(2026, 7, 1))
    assert later.activities[0].sessions == ()
    assert "ended on 2026-06-30" in cautions_of(later)


@pytest.mark.parametrize(
    ("description", "byday", "warned"),
    [
        ("Meets on the first Tuesday", "TU", True),
        ("Every 3rd Thursday of each month", "TH", True),
        ("Meets on the first Tuesday", "WE", False),  # a different day: no conflict
        ("Open every Tuesday", "TU", False),
    ],
)
def test_monthly_words_beside_a_weekly_schedule(description: str, byday: str, warned: bool) -> None:
    result = parse_feed(
        {
            "id": "x",
            "name": "Club",
            "description": description,
            "schedules": [_schedule(freq="WEEKLY", byday=byday)],
        },
        today=TODAY,
    )
    assert len(result.activities[0].sessions) == 1  # the schedule is always kept
    assert ("but the schedule says every" in cautions_of(result)) is warned


# Costs -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "unit"),
    [
        ("per year", CostUnit.YEAR),
        ("Annual membership", CostUnit.YEAR),
        ("£5 a year", CostUnit.YEAR),
        ("per annum", CostUnit.YEAR),
        ("per hour", CostUnit.HOUR),
        ("per 1 hour session", CostUnit.SESSION),
        ("per term", CostUnit.TERM),
        ("per term of 10 sessions", CostUnit.TERM),
        ("per course", CostUnit.COURSE),
        ("Full course", CostUnit.COURSE),
        ("per session", CostUnit.SESSION),
        ("per class", CostUnit.SESSION),
        ("per child per session", CostUnit.SESSION),
        ("per week", CostUnit.WEEK),
        ("monthly", CostUnit.MONTH),
        ("One-off", CostUnit.ONE_OFF),
        ("joining fee", CostUnit.ONE_OFF),
        ("", None),
        ("Adults", None),
    ],
)
def test_cost_units_from_words(words: str, unit: CostUnit | None) -> None:
    assert cost_unit(words)[0] is unit


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        # A unit in the words: kept with it; a per-session figure only for a session.
        (
            {"amount": 40, "amount_description": "per year"},
            Cost(None, notes="per year: £40.00", amount_gbp=40.0, unit=CostUnit.YEAR),
        ),
        ({"amount": 6, "cost_type": "per hour"}, Cost(None, amount_gbp=6.0, unit=CostUnit.HOUR)),
        (
            {"amount": 3, "option": "Per session"},
            Cost(3.0, notes="Per session: £3.00", amount_gbp=3.0, unit=CostUnit.SESSION),
        ),
        # No words at all, or only who pays: what a visit costs.
        ({"amount": 4}, Cost(4.0, amount_gbp=4.0, unit=CostUnit.SESSION)),
        (
            {"amount": 4, "option": "Adults"},
            Cost(4.0, notes="Adults: £4.00", amount_gbp=4.0, unit=CostUnit.SESSION),
        ),
        # Words that say "not per visit" but not per what: never made a per-session price.
        ({"amount": 20, "option": "Membership"}, Cost(None, notes="Membership: £20.00")),
        # Nothing to pay.
        ({"amount": 0, "amount_description": "per year"}, Cost(0.0, notes="per year: £0.00")),
    ],
)
def test_a_price_keeps_its_unit(option: dict[str, Any], expected: Cost) -> None:
    result = parse_feed({"id": "x", "name": "Club", "cost_options": [option]})
    assert result.activities[0].cost == expected


def test_a_fees_text_with_one_price_and_a_unit_is_read_and_others_kept_as_words() -> None:
    read = parse_feed(
        [
            {"id": "a", "name": "Swim", "fees": "£3.50 per session"},
            {"id": "b", "name": "Gym", "fees": "Ask at reception"},
        ]
    )
    assert read.activities[0].cost == Cost(
        3.5, notes="£3.50 per session", amount_gbp=3.5, unit=CostUnit.SESSION
    )
    # Words without a single price are kept as notes with the price unknown, so "free"
    # elsewhere in the record is never guessed over what the feed said.
    assert read.activities[1].cost == Cost(None, notes="Ask at reception")
    assert "cost" not in read.activities[1].guessed


def test_a_fees_text_with_a_price_is_never_overruled_by_free_in_the_description() -> None:
    read = parse_feed(
        [
            {
                "id": "k",
                "name": "Knit and natter",
                "description": "Come along, it's free to join!",
                "fees": "£2.50 per session, £1 concessions",
            }
        ]
    )
    cost = read.activities[0].cost
    assert cost is not None and cost.per_session_gbp is None
    assert cost.notes == "£2.50 per session, £1 concessions"
    assert "cost" not in read.activities[0].guessed


# Places ----------------------------------------------------------------------------------------


def test_the_same_place_listed_twice_is_one_place() -> None:
    place = {"id": "p", "name": "Hall", "postal_code": "EX1 2AB"}
    activity = parse_feed(
        {
            "id": "x",
            "name": "Club",
            "locations": [place],
            "service_at_locations": [{"location": place}],
        }
    ).activities[0]
    assert activity.venue == Venue(name="Hall", postcode="EX1 2AB")
    assert activity.more_venues == ()


def test_a_bad_geojson_position_is_left_out_and_counted() -> None:
    result = parse_feed(
        {
            "id": "x",
            "name": "Club",
            "locations": [
                {"name": "Hall", "geometry": {"type": "Point", "coordinates": [200, 95]}}
            ],
        }
    )
    assert result.activities[0].venue == Venue(name="Hall")
    assert "position 95, 200 is not a place on Earth" in cautions_of(result)
    assert dict(result.left_out) == {"position": 1}


def test_our_export_brings_every_place_and_new_field_back_exactly() -> None:
    activity = Activity(
        id="act-9",
        name="ESOL conversation club",
        categories=("learning",),
        venue=None,
        more_venues=(
            Venue(name="Library", postcode="N7 6PA"),
            Venue(name="Hub", address="1 High St", lat=51.55, lon=-0.11),
        ),
        cost=Cost(None, notes="termly", amount_gbp=30.0, unit=CostUnit.TERM),
        for_learners_of=("en",),
        with_child=True,
        guessed=("categories", "with_child"),
        source=Source(feed="Exampleton council", external_id="svc-17"),
    )
    page = json.loads(json.dumps(directory_to_oruk([activity])))
    [service] = page["contents"]
    assert len(service["service_at_locations"]) == 2
    assert service["cost_options"][0]["option"] == "Per term"
    assert service["cost_options"][0]["amount"] == 30.0
    assert parse_feed(page).activities == (activity,)


# What the feed stated, passed to the guessing seam -----------------------------------------------


def test_apply_guesses_is_told_what_the_feed_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[frozenset[str], list[str]]] = []

    def spy(
        activity: Activity, *, stated: frozenset[str], extra_texts: Any = ()
    ) -> tuple[Activity, list[str]]:
        calls.append((stated, list(extra_texts)))
        return activity, ["a note from guessing"]

    monkeypatch.setattr(oruk.service, "apply_guesses", spy)  # where ServiceReader looks it up
    result = parse_feed(
        [
            {
                "id": "a",
                "name": "Walk",
                "free": True,
                "min_age": 18,
                "gender": "Female",
                "taxonomies": [{"name": "Walking groups"}],
                "eligibilitys": [{"eligibility": "Women only"}],
                "locations": [{"name": "Park", "accessibilities": [{"name": "Step free access"}]}],
            },
            {"id": "b", "name": "Chat", "eligibility_description": "Anyone over 18"},
        ]
    )
    assert calls[0] == (
        frozenset({"categories", "cost", "age", "gender", "venue.step_free"}),
        ["Women only"],
    )
    assert calls[1] == (frozenset(), ["Anyone over 18"])
    assert '[1] ("Chat"): a note from guessing' in cautions_of(result)
    # Our own export is never guessed over: it states every field.
    calls.clear()
    parse_feed(directory_to_oruk([Activity(id="x", name="Ours", categories=("music",))]))
    assert calls == []


def test_a_schedule_that_has_had_all_its_counted_sessions_has_ended() -> None:
    weekly = {"opens_at": "10:00", "closes_at": "11:00", "byday": "MO", "freq": "WEEKLY"}
    done = parse_feed(
        [
            {
                "id": "a",
                "name": "Six-week course",
                "schedules": [{**weekly, "dtstart": "2026-01-05", "count": 6}],
            }
        ],
        today=TODAY,
    ).activities[0]
    running = parse_feed(
        [
            {
                "id": "b",
                "name": "Long course",
                "schedules": [{**weekly, "dtstart": "2026-11-02", "count": 10}],
            }
        ],
        today=TODAY,
    ).activities[0]
    assert done.sessions == () and len(running.sessions) == 1
