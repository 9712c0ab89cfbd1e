"""The handout's content, built without Qt: what it says, in what words, and what it leaves out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import unescape

import pytest

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Venue,
    Welcome,
)
from navigator.domain.profile import LatLon
from navigator.services.handout import (
    EASY_READ_TYPE,
    STANDARD_TYPE,
    Handout,
    HandoutOptions,
    build_handout,
    distances_from,
    handout_html,
    next_starts,
    places_from,
)

NOW = dt.datetime(2026, 11, 24, 9, 0)  # a Tuesday

WEEKLY = Activity(
    id="garden",
    name="Growing Together",
    organisation="Greenway Growers",
    description="A relaxed gardening morning. Gloves and tea provided.",
    categories=("nature_gardening",),
    venue=Venue(
        name="Wharf Lane Garden",
        address="Wharf Lane, London",
        postcode="N1 0SD",
        lat=51.53787,
        lon=-0.11234,
        step_free=None,
        transport_note="King's Cross 10 minutes' walk.",
    ),
    sessions=(Session(Day.TUE, dt.time(10), dt.time(12)),),
    cost=Cost(per_session_gbp=0.0),
    booking=Booking.DROP_IN,
    group_size=GroupSize.MEDIUM,
    welcome=Welcome(bring_someone=True, beginners=True, meet_at_door=True),
    contact=Contact(
        phone="020 7946 0656",
        email="info@greenway.example.org",
        website="https://greenway.example.org",
    ),
)
FORTNIGHTLY = Activity(
    id="print",
    name="Printmaking Workshop",
    organisation="Inkwell Print Studio",
    categories=("arts_crafts",),
    venue=Venue(
        name="Inkwell Print Studio",
        address="Unit 4, Old Street Yard, London",
        postcode="EC1V 4JW",
        step_free=True,
    ),
    sessions=(
        Session(
            Day.SAT, dt.time(11), dt.time(14), Frequency.FORTNIGHTLY, starts_on=dt.date(2026, 9, 12)
        ),
    ),
    cost=Cost(per_session_gbp=8.0, concessions=True, free_taster=True),
    booking=Booking.BOOK_AHEAD,
    group_size=GroupSize.SMALL,
    contact=Contact(phone="020 7946 0687"),
)
MONTHLY = Activity(
    id="harmonica",
    name="Harmonica Club",
    categories=("music",),
    venue=Venue(name="Highbury Vale Centre", postcode="N5 1NB", step_free=False),
    sessions=(Session(Day.TUE, dt.time(18, 30), dt.time(20), Frequency.MONTHLY, week_of_month=2),),
    cost=Cost(per_session_gbp=2.5),
    booking=Booking.REFERRAL,
)
ONLINE = Activity(
    id="writers",
    name="Online Writers' Circle",
    categories=("writing_reading",),
    delivery=Delivery.ONLINE,
    languages=("bn", "en"),
    sessions=(Session(Day.FRI, dt.time(19), dt.time(20), Frequency.MONTHLY, week_of_month=-1),),
)
PHONE = Activity(
    id="calls",
    name="Friendly Call",
    categories=("befriending",),
    delivery=Delivery.PHONE,
    gender=Gender.WOMEN,
    age_min=60,
)
# Flagged as run for people with mental health problems and peer-led; its own name and
# description say nothing about it, so nothing on the handout may.
SENSITIVE = Activity(
    id="walk",
    name="Tuesday Walk",
    categories=("walking",),
    description="A gentle walk.",
    mental_health_specific=True,
    peer_led=True,
    sessions=(Session(Day.TUE, dt.time(14), dt.time(15)),),
)
MARKUP = Activity(
    id="markup",
    name="<b>Bold</b> & <script>alert(1)</script>",
    organisation="Fish &amp; Chips <i>Ltd</i>",
    description='<img src=x onerror=alert(1)> Tea &amp; cake\nSecond line "quoted"',
    categories=("social_club",),
    venue=Venue(name="<u>Hall</u>", postcode="N7 6PA", transport_note="Bus <73>"),
    contact=Contact(website="https://example.org/?a=1&b=<2>"),
)
MARKUP_TEXTS = [
    "<b>Bold</b> & <script>alert(1)</script>",
    "Fish &amp; Chips <i>Ltd</i>",
    "<img src=x onerror=alert(1)> Tea &amp; cake",
    "<u>Hall</u>",
    "Bus <73>",
]


def all_text(handout: Handout) -> str:
    """Every piece of text in the document model."""
    parts = [
        handout.title,
        handout.made_on,
        handout.intro,
        handout.notes_heading,
        handout.summary_note,
        handout.contact_heading or "",
        *handout.contact_lines,
    ]
    for block in handout.blocks:
        parts += [block.name, block.organisation or "", block.description, block.summary]
        for row in block.rows:
            parts += [row.label, *row.lines]
    return "\n".join(parts)


def html_text(html: str) -> str:
    """What a reader of the HTML would see: the tags gone, the entities turned back."""
    return unescape(re.sub(r"<[^>]*>", "\n", html))


def row(handout: Handout, activity_id: str, label: str) -> tuple[str, ...]:
    block = next(b for b in handout.blocks if b.activity_id == activity_id)
    return next(r.lines for r in block.rows if r.label == label)


# Content -------------------------------------------------------------------------------------


def test_blocks_follow_the_chosen_order_with_name_organisation_and_description() -> None:
    handout = build_handout([MONTHLY, WEEKLY], NOW)
    assert [b.name for b in handout.blocks] == ["Harmonica Club", "Growing Together"]
    block = handout.blocks[1]
    assert block.organisation == "Greenway Growers"
    assert block.description == "A relaxed gardening morning. Gloves and tea provided."
    assert handout.title == "Things you might like to try"
    assert handout.made_on == "Made on Tuesday 24 November 2026"


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        (
            WEEKLY,
            (
                "Every Tuesday, 10:00 to 12:00",
                "Next dates:",
                "Tuesday 24 November, 10:00 to 12:00",
                "Tuesday 1 December, 10:00 to 12:00",
                "Tuesday 8 December, 10:00 to 12:00",
            ),
        ),
        (
            FORTNIGHTLY,
            (
                "Every other Saturday, 11:00 to 14:00",
                "Next dates:",
                "Saturday 5 December, 11:00 to 14:00",
                "Saturday 19 December, 11:00 to 14:00",
                "Saturday 2 January 2027, 11:00 to 14:00",
            ),
        ),
        (
            MONTHLY,
            (
                "Second Tuesday of the month, 18:30 to 20:00",
                "Next dates:",
                "Tuesday 8 December, 18:30 to 20:00",
                "Tuesday 12 January 2027, 18:30 to 20:00",
                "Tuesday 9 February 2027, 18:30 to 20:00",
            ),
        ),
        (
            ONLINE,
            (
                "Last Friday of the month, 19:00 to 20:00",
                "Next dates:",
                "Friday 27 November, 19:00 to 20:00",
                "Friday 25 December, 19:00 to 20:00",
                "Friday 29 January 2027, 19:00 to 20:00",
            ),
        ),
    ],
)
def test_when_gives_the_pattern_and_the_next_three_dates(
    activity: Activity, expected: tuple[str, ...]
) -> None:
    assert row(build_handout([activity], NOW), activity.id, "When") == expected


def test_a_session_already_under_way_is_not_a_next_date() -> None:
    during = dt.datetime(2026, 11, 24, 10, 30)
    assert row(build_handout([WEEKLY], during), "garden", "When")[2] == (
        "Tuesday 1 December, 10:00 to 12:00"
    )


def test_several_sessions_are_merged_soonest_first() -> None:
    twice = Activity(
        id="t",
        name="Twice",
        categories=("music",),
        sessions=(
            Session(Day.THU, dt.time(10), dt.time(11)),
            Session(Day.MON, dt.time(17), dt.time(18)),
        ),
    )
    assert [start for start, _ in next_starts(twice.sessions, NOW)] == [
        dt.datetime(2026, 11, 26, 10),
        dt.datetime(2026, 11, 30, 17),
        dt.datetime(2026, 12, 3, 10),
    ]
    lines = row(build_handout([twice], NOW), "t", "When")
    assert lines[:2] == ("Every Thursday, 10:00 to 11:00", "Every Monday, 17:00 to 18:00")
    assert lines[3] == "Thursday 26 November, 10:00 to 11:00"


def test_no_sessions_says_to_arrange_a_time() -> None:
    assert row(build_handout([PHONE], NOW), "calls", "When") == (
        "No set times: contact them to arrange a time",
    )


def test_where_gives_the_venue_travel_and_step_free_access() -> None:
    handout = build_handout([WEEKLY, MONTHLY], NOW, distances_km={"garden": 0.8})
    assert row(handout, "garden", "Where") == (
        "Wharf Lane Garden",
        "Wharf Lane, London, N1 0SD",
        "About 15 minutes' walk",
        "Getting there: King's Cross 10 minutes' walk.",
        "Step-free access not known: ask them if you need it",
    )
    assert row(handout, "harmonica", "Where")[-1] == "Not step-free (there are steps)"


def test_online_and_phone_activities_say_so_instead_of_an_address() -> None:
    handout = build_handout([ONLINE, PHONE], NOW)
    assert row(handout, "writers", "Where") == (
        "Online, from home: contact them for the link to join",
    )
    assert row(handout, "calls", "Where") == ("By phone, from home",)
    assert row(handout, "writers", "Language") == ("In Bengali and English",)
    assert row(handout, "calls", "Who can go") == ("Women only, ages 60 and over",)


def test_cost_and_how_to_join() -> None:
    handout = build_handout([WEEKLY, FORTNIGHTLY, MONTHLY, ONLINE], NOW)
    assert row(handout, "garden", "Cost") == ("Free",)
    assert row(handout, "print", "Cost") == (
        "£8 a session; cheaper for some people (concessions), the first session is free",
    )
    assert row(handout, "harmonica", "Cost") == ("£2.50 a session",)
    assert row(handout, "writers", "Cost") == ("Cost not known: ask when you get in touch",)
    assert row(handout, "garden", "How to join") == ("Just turn up, no need to book",)
    assert row(handout, "print", "How to join") == (
        "Book a place before you go",
        "Phone or email them to book (details below)",
    )
    assert row(handout, "harmonica", "How to join") == ("Needs a referral from a worker",)


def test_nobody_turns_up_to_a_phone_line() -> None:
    line = dataclasses.replace(PHONE, booking=Booking.DROP_IN)
    online = dataclasses.replace(ONLINE, booking=Booking.DROP_IN)
    assert row(build_handout([line, online], NOW), "calls", "How to join") == (
        "Just phone, no need to book",
    )
    easy = build_handout([line, online], NOW, HandoutOptions(easy_read=True))
    assert row(easy, "writers", "How to join") == ("Just join. You do not need to book.",)


def test_what_to_expect_the_first_time_and_contact_details() -> None:
    handout = build_handout([WEEKLY], NOW)
    assert row(handout, "garden", "First time") == (
        "Someone will meet you at the door",
        "You can bring someone with you",
        "No experience needed",
        "Medium-sized group",
    )
    assert row(handout, "garden", "Contact") == (
        "Phone: 020 7946 0656",
        "Email: info@greenway.example.org",
        "Website: https://greenway.example.org",
    )


def test_worker_contact_is_optional() -> None:
    assert build_handout([WEEKLY], NOW).contact_heading is None
    handout = build_handout(
        [WEEKLY], NOW, HandoutOptions(worker_name=" Sam Patel ", worker_phone="07700 900123")
    )
    assert handout.contact_heading == "If you have questions, contact:"
    assert handout.contact_lines == ("Sam Patel", "Phone: 07700 900123")
    assert "Sam Patel" in html_text(handout_html(handout))


def test_walking_distances_come_from_in_person_venues_with_a_position() -> None:
    found = distances_from(LatLon(51.5560, -0.1150), [WEEKLY, FORTNIGHTLY, ONLINE])
    assert set(found) == {"garden"}
    assert found["garden"] == pytest.approx(2.04, abs=0.05)


def test_an_activity_at_several_places_is_shown_at_the_one_nearest_the_person() -> None:
    near = Venue(name="Annexe by the Canal", postcode="N7 9QJ", lat=51.548, lon=-0.118)
    several = dataclasses.replace(WEEKLY, more_venues=(near,))
    home = LatLon(51.5485, -0.1182)
    assert places_from(home, [several]) == {"garden": near}
    handout = build_handout(
        [several],
        NOW,
        distances_km=distances_from(home, [several]),
        places=places_from(home, [several]),
    )
    where = next(row for row in handout.blocks[0].rows if row.label == "Where")
    assert where.lines[0] == "Annexe by the Canal"
    assert "minutes' walk" in " ".join(where.lines)


# Easy read -----------------------------------------------------------------------------------


def test_easy_read_uses_larger_type_than_standard() -> None:
    assert STANDARD_TYPE.body >= 13
    assert EASY_READ_TYPE.body >= 16
    standard = handout_html(build_handout([WEEKLY], NOW))
    easy = handout_html(build_handout([WEEKLY], NOW, HandoutOptions(easy_read=True)))
    sizes = [int(size) for size in re.findall(r"font-size: (\d+)pt", easy)]
    assert min(sizes) >= 16
    assert min(int(size) for size in re.findall(r"font-size: (\d+)pt", standard)) >= 13
    assert easy.count("page-break-before: always") == 1  # each activity on its own page


def test_easy_read_uses_short_sentences_and_simple_times() -> None:
    handout = build_handout([WEEKLY, FORTNIGHTLY, MONTHLY], NOW, HandoutOptions(easy_read=True))
    assert row(handout, "garden", "When")[0] == "Every Tuesday, 10am to 12 noon"
    assert row(handout, "garden", "When")[2] == "Tuesday 24 November, 10am to 12 noon"
    assert row(handout, "print", "When")[0] == "Every 2 weeks, on a Saturday, 11am to 2pm"
    assert row(handout, "harmonica", "When")[0] == (
        "Once a month, on the second Tuesday, 6:30pm to 8pm"
    )
    assert row(handout, "garden", "How to join") == ("Just turn up. You do not need to book.",)
    assert row(handout, "print", "Cost") == (
        "It costs £8 each time.",
        "Some people pay less. Ask them.",
        "Your first time is free.",
    )
    assert row(handout, "garden", "Your first time")[0] == "Someone will meet you at the door."
    assert [b.summary for b in handout.blocks] == [
        "Every Tuesday, 10am to 12 noon.",
        "Every 2 weeks, on a Saturday, 11am to 2pm.",
        "Once a month, on the second Tuesday, 6:30pm to 8pm.",
    ]


def test_a_near_miss_chosen_anyway_states_its_fact_first() -> None:
    handout = build_handout(
        [FORTNIGHTLY, WEEKLY], NOW, worth_knowing={"print": "Costs £8 a session"}
    )
    block = next(b for b in handout.blocks if b.activity_id == "print")
    assert block.rows[0].label == "Worth knowing"
    assert block.rows[0].lines == ("Costs £8 a session",)
    # Only the near miss carries it; the handout's HTML shows it too.
    assert all(
        r.label != "Worth knowing"
        for b in handout.blocks
        if b.activity_id == "garden"
        for r in b.rows
    )
    assert "Costs £8 a session" in html_text(handout_html(handout))
    easy = build_handout(
        [FORTNIGHTLY],
        NOW,
        HandoutOptions(easy_read=True),
        worth_knowing={"print": "Costs £8 a session"},
    )
    assert row(easy, "print", "Worth knowing") == ("Costs £8 a session.",)
    # Nothing to say (a setting near miss has no fact): no row at all.
    bare = build_handout([FORTNIGHTLY], NOW, worth_knowing={"print": " "})
    assert all(r.label != "Worth knowing" for r in bare.blocks[0].rows)


# Discretion and escaping ---------------------------------------------------------------------


@pytest.mark.parametrize("easy_read", [False, True])
def test_nothing_sensitive_is_added(easy_read: bool) -> None:
    handout = build_handout(
        [SENSITIVE, WEEKLY, PHONE], NOW, HandoutOptions(easy_read=easy_read, worker_name="Sam")
    )
    for text in (all_text(handout), html_text(handout_html(handout))):
        lowered = text.lower()
        for word in (
            "mental",
            "lived experience",
            "peer",
            "diagnos",
            "navigator",
            "referral to",
            "barrier",
            "profile",
            "service user",
            "patient",
        ):
            assert word not in lowered, word


def test_directory_text_is_escaped_never_markup() -> None:
    handout = build_handout([MARKUP], NOW)
    html = handout_html(handout)
    for dangerous in ("<b>Bold", "<script>", "<img", "<i>Ltd", "<u>Hall", "<73>"):
        assert dangerous not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Fish &amp;amp; Chips" in html  # the literal text "&amp;", escaped once more
    seen = html_text(html)
    for text in MARKUP_TEXTS:
        assert text in seen
    assert 'Second line "quoted"' in seen


def test_worker_text_is_escaped_too() -> None:
    html = handout_html(build_handout([WEEKLY], NOW, HandoutOptions(worker_name="<b>Sam</b>")))
    assert "&lt;b&gt;Sam&lt;/b&gt;" in html
