"""The spreadsheet template: exact round trips, formula neutralising, hand-filled sheets."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Frequency,
    Session,
    Source,
    Venue,
)
from navigator.formats.native import read_directory_file
from navigator.formats.reading import FormatError
from navigator.formats.spreadsheet import (
    activities_to_csv,
    activities_to_rows,
    activities_to_xlsx,
    header,
    join_list,
    neutralise,
    parse_csv_text,
    parse_xlsx_bytes,
    split_list,
    unneutralise,
)
from tests.conftest import SAMPLE_DIRECTORY
from tests.strategies import directories


def sheet_form(a: Activity) -> Activity:
    """What the template can carry (docs/formats.md): empty optional text reads back as
    blank, an empty venue as none (an empty further place is dropped), an empty source as
    none, list items without surrounding spaces. Numbers come back exactly, in .xlsx too."""

    def blank(text: str | None) -> str | None:
        return None if text == "" else text

    def place(venue: Venue | None) -> Venue | None:
        if venue is None:
            return None
        venue = dataclasses.replace(
            venue,
            name=blank(venue.name),
            address=blank(venue.address),
            transport_note=blank(venue.transport_note),
        )
        return None if venue == Venue() else venue

    source = a.source and Source(blank(a.source.feed), blank(a.source.external_id))
    return dataclasses.replace(
        a,
        organisation=blank(a.organisation),
        venue=place(a.venue),
        more_venues=tuple(v for v in map(place, a.more_venues) if v is not None),
        keywords=tuple(k.strip() for k in a.keywords if k.strip()),
        contact=Contact(*(blank(v) for v in (a.contact.phone, a.contact.email, a.contact.website))),
        source=None if source == Source() else source,
    )


@settings(max_examples=150, deadline=None)
@given(directories(max_size=5))
def test_csv_round_trip(activities: list[Activity]) -> None:
    result = parse_csv_text(activities_to_csv(activities))
    assert not result.rejected
    assert list(result.activities) == [sheet_form(a) for a in activities]


@settings(max_examples=30, deadline=None)
@given(directories(max_size=3))
def test_xlsx_round_trip(activities: list[Activity]) -> None:
    result = parse_xlsx_bytes(activities_to_xlsx(activities))
    assert not result.rejected
    assert list(result.activities) == [sheet_form(a) for a in activities]


def test_the_sample_directory_round_trips_exactly_in_both() -> None:
    sample = read_directory_file(SAMPLE_DIRECTORY)
    assert list(parse_csv_text(activities_to_csv(sample)).activities) == sample
    assert list(parse_xlsx_bytes(activities_to_xlsx(sample)).activities) == sample


# Formula injection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20", "'+44 20"),
        ("-5 off", "'-5 off"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'=already", "''=already"),
        ("'quoted", "'quoted"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_cells_that_could_be_formulas_are_neutralised(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert unneutralise(cell) == text


def test_exported_cells_never_start_a_formula() -> None:
    evil = Activity(
        id="=1+1",
        name="=cmd|' /C calc'!A0",
        categories=("music",),
        description="@SUM(1)",
        keywords=("-2+3",),
        contact=Contact(phone="+44 20 7946 0000"),
    )
    rows = list(csv.reader(io.StringIO(activities_to_csv([evil]).lstrip("\ufeff"))))
    assert all(cell[:1] not in "=+-@" or cell == "" for cell in rows[1])
    assert rows[1][:2] == ["'=1+1", "'=cmd|' /C calc'!A0"]
    assert parse_csv_text(activities_to_csv([evil])).activities == (evil,)

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(activities_to_xlsx([evil])))
    cells = next(book["Activities"].iter_rows(min_row=2, values_only=False))
    assert all(c.data_type != "f" for c in cells)
    assert cells[1].value == "'=cmd|' /C calc'!A0"


# Hand-filled sheets ----------------------------------------------------------------------------


def hand_filled(*rows: dict[str, str]) -> str:
    columns = header()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


KNIT = {
    "Name": "Knit and natter",
    "Categories": "Arts and crafts; gardening",
    "Session 1 day": "Tuesday",
    "Session 1 start": "2pm",
    "Session 1 end": "4.30pm",
    "Session 2 day": "sat",
    "Session 2 start": "10:00",
    "Session 2 end": "12:00",
    "Session 2 week of month": "last",
    "Cost per session (£)": "Free",
    "Languages": "English; Polish",
    "Booking": "Drop in",
    "Bring someone": "Yes",
    "Postcode": "n7 6pa",
    "Keywords": "wool; \\; semicolons",
}


def test_a_hand_filled_row() -> None:
    result = parse_csv_text(hand_filled(KNIT))
    [activity] = result.activities
    assert activity.categories == ("arts_crafts", "nature_gardening")
    assert activity.sessions == (
        Session(Day.TUE, dt.time(14), dt.time(16, 30)),
        Session(Day.SAT, dt.time(10), dt.time(12), Frequency.MONTHLY, -1),
    )
    assert activity.cost == Cost(0.0)
    assert activity.languages == ("en", "pl")
    assert activity.booking is Booking.DROP_IN and activity.welcome.bring_someone is True
    assert activity.venue == Venue(postcode="N7 6PA")
    assert activity.keywords == ("wool", "; semicolons")
    # No ID: one is made from the name, the same every time, and the sheet is told.
    assert activity.id.startswith("sheet-knit-and-natter-")
    assert parse_csv_text(hand_filled(KNIT)).activities[0].id == activity.id
    notes = [str(c) for c in result.cautions]
    assert 'row 2 ("Knit and natter"): Categories: "gardening" read as "nature_gardening"' in notes
    assert any("no ID; gave it" in n for n in notes)


def test_bad_rows_are_left_out_with_every_reason_and_the_rest_imported() -> None:
    result = parse_csv_text(
        hand_filled(
            {**KNIT, "ID": "k1"},
            {
                "ID": "k2",
                "Name": "Choir",
                "Categories": "music",
                "Session 1 day": "Tue",
                "Session 1 start": "25:00",
                "Session 1 end": "12:00",
                "Postcode": "nowhere",
            },
            {"ID": "k3", "Name": "", "Categories": "music", "Description": "no name"},
            {"ID": "k4", "Name": "Quiz", "Categories": "singinng; xyzzy"},
            {"ID": "k1", "Name": "Again", "Categories": "music"},
        )
    )
    assert [a.id for a in result.activities] == ["k1"]
    assert [str(p) for p in result.rejected] == [
        'row 3 ("Choir"): Postcode: "nowhere" is not a UK postcode; Session 1 start: '
        '"25:00" is not a time HH:MM',
        "row 4: Name is empty",
        'row 5 ("Quiz"): Categories: "xyzzy" is not a category',
        'row 6 ("Again"): ID "k1" is used twice (also in row 2)',
    ]


def test_lists_escape_their_separator() -> None:
    items = ["a;b", "back\\slash", "plain", "\\;"]
    assert split_list(join_list(items)) == items
    assert split_list(" x ;; y ;") == ["x", "y"]


def test_more_than_three_sessions_get_more_columns() -> None:
    sessions = tuple(Session(day, dt.time(9), dt.time(10)) for day in list(Day)[:5])
    activity = Activity(id="a", name="Daily walk", categories=("walking",), sessions=sessions)
    text = activities_to_csv([activity])
    assert "Session 5 starts on" in text.splitlines()[0]
    assert parse_csv_text(text).activities == (activity,)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the spreadsheet is empty"), ("ID,Title\r\n1,x\r\n", 'no "Name" column')],
)
def test_sheets_that_cannot_be_read(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_csv_text(text)


def test_a_damaged_workbook_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"not an Excel \.xlsx workbook"):
        parse_xlsx_bytes(b"PK\x03\x04 not really a zip")


def test_unknown_columns_are_mentioned_once() -> None:
    text = "Name,Categories,Colour\r\nChoir,music,green\r\n"
    result = parse_csv_text(text)
    assert result.activities[0].name == "Choir"
    assert str(result.cautions[0]) == 'columns not in the template were ignored: "Colour"'


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.none()
            | st.text(max_size=12)
            | st.integers()
            | st.floats(allow_nan=False)
            | st.booleans()
            | st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),
            max_size=70,
        ),
        max_size=4,
    )
)
def test_any_cells_give_activities_or_reasons(rows: list[list[object]]) -> None:
    from navigator.domain.taxonomy import CATEGORY_IDS
    from navigator.formats.native import activity_to_json, parse_directory
    from navigator.formats.spreadsheet import parse_rows

    # The template's header makes the sheet as a whole readable, so no FormatError: whatever
    # is wrong belongs to a row.
    result = parse_rows([list(header(more_places=1)), *rows], xlsx=True)
    filled = [
        number
        for number, cells in enumerate(rows, start=2)
        if not all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
    ]
    # A row with anything in it ends as one activity or one rejection naming that row; an
    # empty row is skipped.
    assert len(result.activities) + len(result.rejected) == len(filled)
    assert {int(problem.path.split()[1]) for problem in result.rejected} <= set(filled)
    for activity in result.activities:
        assert activity.name.strip() and set(activity.categories) <= set(CATEGORY_IDS)
        # Anything imported must be a valid native activity.
        document = {"format": "navigator-directory", "version": 1}
        parse_directory({**document, "activities": [activity_to_json(activity)]})


def test_a_session_needs_its_day_start_and_end() -> None:
    result = parse_csv_text(
        hand_filled(
            {
                "ID": "a",
                "Name": "Choir",
                "Categories": "music",
                "Session 2 day": "wed",
                "Session 2 start": "19:00",
            }
        )
    )
    assert [str(p) for p in result.rejected] == ['row 2 ("Choir"): Session 2: end missing']


# FORMATS.md §1a columns: price as published, further places, guesses, source -------------------


def sheet(**cells: str) -> str:
    """A hand-made sheet with one row: Name and Categories, and only the columns given."""
    row = {"ID": "p1", "Name": "Pottery", "Categories": "arts_crafts", **cells}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()


def read_one(text: str) -> Activity:
    result = parse_csv_text(text)
    assert not result.rejected, [str(p) for p in result.rejected]
    [activity] = result.activities
    return activity


def rejected_for(text: str) -> list[str]:
    result = parse_csv_text(text)
    assert result.activities == ()
    return [str(p) for p in result.rejected]


# Spelled as a dict because the column names hold "(£)" and spaces.
@pytest.mark.parametrize(
    ("cells", "cost"),
    [
        ({"Cost per session (£)": "3"}, Cost(3.0)),  # the old column alone reads as before
        ({"Price (£)": "40", "Price per": "a term"}, Cost(amount_gbp=40.0, unit=CostUnit.TERM)),
        (
            {"Price (£)": "£5", "Price per": "per session"},
            Cost(5.0, amount_gbp=5.0, unit=CostUnit.SESSION),
        ),
        (
            {"Price (£)": "8", "Price per": "each class"},
            Cost(8.0, amount_gbp=8.0, unit=CostUnit.SESSION),
        ),
        (
            {"Price (£)": "free", "Price per": "annual"},
            Cost(0.0, amount_gbp=0.0, unit=CostUnit.YEAR),
        ),
        ({"Price (£)": "Free"}, Cost(0.0)),  # free needs no unit
        ({"Price (£)": "12", "Price per": "Hourly"}, Cost(amount_gbp=12.0, unit=CostUnit.HOUR)),
        ({"Price (£)": "60", "Price per": "one-off"}, Cost(amount_gbp=60.0, unit=CostUnit.ONE_OFF)),
        (
            {"Price (£)": "90", "Price per": "for the course"},
            Cost(amount_gbp=90.0, unit=CostUnit.COURSE),
        ),
        ({"Price (£)": "25", "Price per": "Monthly"}, Cost(amount_gbp=25.0, unit=CostUnit.MONTH)),
        ({"Price (£)": "10", "Price per": "weeks"}, Cost(amount_gbp=10.0, unit=CostUnit.WEEK)),
        ({"Price per": "year"}, Cost(unit=CostUnit.YEAR)),
        (
            {"Cost per session (£)": "unknown", "Price (£)": "50", "Price per": "year"},
            Cost(amount_gbp=50.0, unit=CostUnit.YEAR),
        ),
        (
            {"Cost per session (£)": "4.5", "Price (£)": "4.50", "Price per": "session"},
            Cost(4.5, amount_gbp=4.5, unit=CostUnit.SESSION),
        ),
        (
            {"Cost per session (£)": "0", "Price (£)": "0", "Price per": "year"},
            Cost(0.0, amount_gbp=0.0, unit=CostUnit.YEAR),
        ),
    ],
)
def test_price_columns(cells: dict[str, str], cost: Cost) -> None:
    assert read_one(sheet(**cells)).cost == cost


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            {"Price (£)": "40", "Price per": "fortnight"},
            'Price per: "fortnight" is not what a price can be for (session, hour, week, month, '
            "term, year, course or one-off)",
        ),
        (
            {"Price (£)": "forty", "Price per": "term"},
            'Price (£): "forty" is not a price (a number, free or unknown)',
        ),
        (
            {"Price (£)": "40"},
            "Price per is blank; say what the price of £40 is for (session, hour, week, month, "
            "term, year, course or one-off)",
        ),
        # The contradictions: a per-session cost beside a price for something else, or two
        # session prices that differ.
        (
            {"Cost per session (£)": "3", "Price (£)": "50", "Price per": "a year"},
            "Cost per session (£) is £3 but Price is £50 a year; a cost per session is given only "
            "for a session's price (write unknown, or the price per session)",
        ),
        (
            {"Cost per session (£)": "3", "Price (£)": "4.50", "Price per": "session"},
            "Cost per session (£) is £3 but Price is £4.50 a session; they must agree",
        ),
        (
            {"Cost per session (£)": "2", "Price (£)": "free", "Price per": "year"},
            "Cost per session (£) is £2 but Price is free; they must agree",
        ),
    ],
)
def test_bad_prices_are_named_by_column(cells: dict[str, str], problem: str) -> None:
    assert rejected_for(sheet(**cells)) == [f'row 2 ("Pottery"): {problem}']


def test_a_hand_made_sheet_with_only_the_old_columns_reads_as_before() -> None:
    text = (
        "ID,Name,Categories,Venue name,Postcode,Step-free access,Session 1 day,"
        "Session 1 start,Session 1 end,Cost per session (£),Concessions,Free taster,"
        "Cost notes,Gender,Mental health specific,For learners of,With a child\r\n"
        "p1,Pottery,arts_crafts,Hall,n7 6pa,yes,wed,18:00,20:00,2.50,yes,,clay extra,"
        ",,,\r\n"
    )
    result = parse_csv_text(text)
    assert result.activities == (
        Activity(
            id="p1",
            name="Pottery",
            categories=("arts_crafts",),
            venue=Venue(name="Hall", postcode="N7 6PA", step_free=True),
            sessions=(Session(Day.WED, dt.time(18), dt.time(20)),),
            cost=Cost(2.5, concessions=True, notes="clay extra"),
        ),
    )
    assert result.cautions == ()  # no unknown columns, nothing guessed


@pytest.mark.parametrize(
    ("cells", "places"),
    [
        (
            {
                "Place 2 name": "Library",
                "Place 2 postcode": "n1 9gu",
                "Place 3 address": "1 High St",
                "Place 3 step-free": "yes",
            },
            (Venue(name="Library", postcode="N1 9GU"), Venue(address="1 High St", step_free=True)),
        ),
        ({"Place 3 name": "Hall"}, (Venue(name="Hall"),)),  # numbers may skip
        ({"Place 2 name": "", "Place 3 name": "Hall"}, (Venue(name="Hall"),)),  # blank: no place
        (
            {
                "Place 2 latitude": "51.5",
                "Place 2 longitude": "-0.1",
                "Place 2 transport note": "Bus 4",
            },
            (Venue(lat=51.5, lon=-0.1, transport_note="Bus 4"),),
        ),
        ({"Place 2 step-free": "no"}, (Venue(step_free=False),)),
    ],
)
def test_further_places(cells: dict[str, str], places: tuple[Venue, ...]) -> None:
    activity = read_one(sheet(**cells))
    assert activity.more_venues == places
    assert activity.venue is None  # the main venue keeps its own columns


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Place 2 postcode": "nowhere"}, 'Place 2 postcode: "nowhere" is not a UK postcode'),
        (
            {"Place 2 latitude": "51.5"},
            "Place 2 latitude and Place 2 longitude must be given together",
        ),
        ({"Place 3 step-free": "maybe"}, 'Place 3 step-free: "maybe" is not yes or no'),
        (
            {"Place 2 latitude": "951", "Place 2 longitude": "0"},
            'Place 2 latitude: "951" is not a latitude; Place 2 latitude and Place 2 longitude '
            "must be given together",
        ),
    ],
)
def test_bad_places_are_named_by_column(cells: dict[str, str], problem: str) -> None:
    assert rejected_for(sheet(**cells)) == [f'row 2 ("Pottery"): {problem}']


def test_further_places_get_as_many_column_groups_as_needed() -> None:
    plain = Activity(id="a", name="Walk", categories=("walking",))
    assert not any(h.startswith("Place") for h in activities_to_rows([plain])[0])
    three = dataclasses.replace(
        plain,
        id="b",
        more_venues=(Venue(name="A"), Venue(postcode="N7 6PA"), Venue(name="C", step_free=False)),
    )
    head = activities_to_rows([plain, three])[0]
    assert [h for h in head if h.startswith("Place")] == [
        h for h in header(more_places=3) if h.startswith("Place")
    ]
    assert "Place 4 transport note" in head and "Place 5 name" not in head
    assert parse_csv_text(activities_to_csv([plain, three])).activities == (plain, three)


def test_place_1_is_not_a_column() -> None:
    # The main venue is the first place, with its own columns; "Place 1" would be a second.
    result = parse_csv_text(sheet(**{"Place 1 name": "Hall"}))
    assert result.activities[0].more_venues == ()
    assert str(result.cautions[0]) == 'columns not in the template were ignored: "Place 1 name"'


@pytest.mark.parametrize(
    ("cell", "guessed", "cautions"),
    [
        ("gender; cost", ("gender", "cost"), []),
        (
            "venue.step_free;venue.position; cost; cost",
            ("venue.step_free", "venue.position", "cost"),
            [],
        ),
        ("", (), []),
        # The native file keeps any name, so the sheet does too, and points out a likely slip.
        (
            "gendr",
            ("gendr",),
            [
                'row 2 ("Pottery"): Guessed by Navigator: "gendr" is not a field '
                'Navigator guesses; did you mean "gender"? (kept as written)'
            ],
        ),
    ],
)
def test_guessed_by_navigator(cell: str, guessed: tuple[str, ...], cautions: list[str]) -> None:
    result = parse_csv_text(
        sheet(
            **{
                "Guessed by Navigator": cell,
                "Gender": "",
                "Mental health specific": "",
                "Cost per session (£)": "",
                "For learners of": "",
                "With a child": "",
            }
        )
    )
    assert result.activities[0].guessed == guessed
    assert [str(c) for c in result.cautions] == cautions


def test_guessed_names_the_native_file_accepts_come_back_from_a_sheet() -> None:
    from navigator.formats.native import directory_to_json, parse_directory

    data = directory_to_json(
        [Activity(id="a", name="Choir", categories=("music",), guessed=("reviewed_later", "age"))]
    )
    [activity] = parse_directory(data)
    assert parse_csv_text(activities_to_csv([activity])).activities == (activity,)


@pytest.mark.parametrize(
    ("cells", "source"),
    [
        (
            {"Source feed": "Camden Directory", "Source id": "1234"},
            Source("Camden Directory", "1234"),
        ),
        ({"Source id": "svc-9"}, Source(None, "svc-9")),
        ({"Source feed": "Outpost"}, Source("Outpost", None)),
        ({"Source feed": "", "Source id": ""}, None),
    ],
)
def test_source_columns(cells: dict[str, str], source: Source | None) -> None:
    assert read_one(sheet(**cells)).source == source


def test_a_too_long_source_feed_is_named() -> None:
    assert rejected_for(sheet(**{"Source feed": "x" * 201})) == [
        'row 2 ("Pottery"): Source feed is 201 characters long; at most 200'
    ]


def test_new_cells_never_start_a_formula() -> None:
    evil = Activity(
        id="e",
        name="Evil",
        categories=("music",),
        more_venues=(Venue(name="=1+1", address="+44", transport_note="@bus"),),
        guessed=("-gender",),
        source=Source("=feed", "+1"),
        cost=Cost(amount_gbp=5.0, unit=CostUnit.YEAR, notes="-2"),
    )
    rows = list(csv.reader(io.StringIO(activities_to_csv([evil]).lstrip("\ufeff"))))
    assert all(cell[:1] not in "=+-@" or cell == "" for cell in rows[1])
    assert parse_csv_text(activities_to_csv([evil])).activities == (evil,)

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(activities_to_xlsx([evil])))
    cells = next(book["Activities"].iter_rows(min_row=2, values_only=False))
    assert all(c.data_type != "f" for c in cells)
    assert parse_xlsx_bytes(activities_to_xlsx([evil])).activities == (evil,)


def test_a_workbook_damaged_part_way_is_refused_with_one_line() -> None:
    # Rows are read as openpyxl parses the sheet, so a fault after the first rows is met
    # while reading them: still one line, and no activity from before it is kept.
    import zipfile

    activities = [Activity(id=f"a{n}", name=f"Choir {n}", categories=("music",)) for n in range(3)]
    data = activities_to_xlsx(activities)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as damaged:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b'<row r="3">', b'<row r="3"><c r="A3"><v>1</')
            damaged.writestr(item, part)
    with pytest.raises(FormatError) as caught:
        parse_xlsx_bytes(out.getvalue())
    assert str(caught.value).count("\n") == 0
    assert "is not an Excel .xlsx workbook that can be read" in str(caught.value)
