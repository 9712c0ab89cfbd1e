"""The spreadsheet template (CSV or .xlsx): one row per activity, filled in by hand or exported.

Columns are listed in `COLUMNS` (docs/formats.md shows them with examples). Lists are
separated by semicolons ("\\;" writes a semicolon inside an item, "\\\\" a backslash);
yes/no columns take yes, no or blank (not known). Session columns come in groups
("Session 1 day", "Session 1 start", ...), three by default and more when needed; the other
places an activity runs come in groups after the main venue's columns ("Place 2 name",
"Place 2 postcode", ...), as many as the directory needs. A price as published ("Price (£)"
and "Price per": £40 a term) sits beside the per-session cost, and the two must agree.

Safety: a text cell that begins with = + - @ (after any spaces, or in full width: ＝), a tab
or a carriage return could be run as a formula by a spreadsheet program, so on export it
gets a leading apostrophe ("'=x"), as does a cell that already begins with apostrophes
before such a character; import removes exactly one. Numbers are written as numbers and
need no such guard.

Rows are read one by one: a row with a problem is reported and left out, never half-read.
A hand-made sheet may leave out columns; for gender, mental health, cost, learners of a
language and with a child, Navigator then guesses from the row's words (`guessing`), marks
the guess and reports it. A column that is there is taken at its word, blank or not.
What the sheet cannot carry, and so reads back differently: an empty optional text comes
back as blank (None), an empty venue as no venue (an empty further place is dropped), an
empty source as none, and list items lose surrounding spaces.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from navigator.domain.directory import (
    GUESSABLE_FIELDS,
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Source,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.postcodes import normalise_postcode
from navigator.domain.taxonomy import CATEGORY_BY_ID, category_hints
from navigator.formats.cleaning import (
    MAX_CSV_COLUMNS,
    MAX_CSV_ROWS,
    FeedResult,
    bounded_rows,
    language_code,
    read_csv_rows,
)
from navigator.formats.guessing import apply_guesses
from navigator.formats.reading import (
    MAX_TEXT_CHARS,
    FormatError,
    Problem,
    did_you_mean,
    quote,
    read_file_bytes,
    text_fault,
)
from navigator.formats.taxonomy_mapping import map_term
from navigator.formats.units import UNIT_WORDS

# (header, what to write): the template's columns in order, before and after the sessions.
COLUMNS: list[tuple[str, str]] = [
    ("ID", "stable id; leave blank for a new activity and one is made from the name"),
    ("Name", "required"),
    ("Organisation", "who runs it"),
    ("Description", "plain text"),
    ("Categories", "category ids or labels, separated by ;"),
    ("Keywords", "extra words to match on, separated by ;"),
    ("Delivery", "in_person, online or phone (blank: in_person)"),
    ("Venue name", ""),
    ("Address", ""),
    ("Postcode", "UK postcode"),
    ("Latitude", "decimal degrees"),
    ("Longitude", "decimal degrees"),
    ("Step-free access", "yes, no or blank"),
    ("Transport note", ""),
]
# Further places the activity runs (`more_venues`): "Place 2 name" ..., numbered from 2
# because the venue above is the first.
PLACE_FIELDS: list[tuple[str, str]] = [
    ("name", "another place it runs (Place 2, Place 3, ...)"),
    ("address", ""),
    ("postcode", "UK postcode"),
    ("latitude", "decimal degrees"),
    ("longitude", "decimal degrees"),
    ("step-free", "yes, no or blank"),
    ("transport note", ""),
]
SESSION_FIELDS: list[tuple[str, str]] = [
    ("day", "mon ... sun"),
    ("start", "HH:MM, 24-hour"),
    ("end", "HH:MM"),
    ("frequency", "weekly, fortnightly or monthly (blank: weekly)"),
    ("week of month", "monthly only: 1-4, or -1 for the last"),
    ("starts on", "YYYY-MM-DD, a date the fortnightly rhythm counts from"),
]
COLUMNS_AFTER: list[tuple[str, str]] = [
    ("Cost per session (£)", "a number, 0 or free; unknown when the price is not known"),
    ("Price (£)", "the price as published (£40 a term): a number or free, with Price per"),
    (
        "Price per",
        "what the price is for: session, hour, week, month, term, year, course or one-off",
    ),
    ("Concessions", "yes/no"),
    ("Free taster", "yes/no"),
    ("Cost notes", ""),
    ("Mental health specific", "yes/no"),
    ("Peer led", "yes/no"),
    ("Gender", "any, women or men"),
    ("Minimum age", ""),
    ("Maximum age", ""),
    ("Languages", "ISO 639-1 codes or names separated by ; (blank: en)"),
    ("Booking", "drop_in, book_ahead, referral or blank"),
    ("Group size", "one_to_one, small, medium, large or blank"),
    ("Bring someone", "yes, no or blank"),
    ("Beginners welcome", "yes, no or blank"),
    ("Meet at door", "yes, no or blank"),
    ("Phone", ""),
    ("Email", ""),
    ("Website", ""),
    ("Last verified", "YYYY-MM-DD"),
    ("Status", "active, paused or archived"),
    ("For learners of", "languages it teaches, codes or names separated by ; (ESOL: en)"),
    ("With a child", "yes when for young children with a parent or carer (blank: no)"),
    (
        "Guessed by Navigator",
        "fields Navigator guessed, to confirm, separated by ; (gender; cost ...)",
    ),
    ("Source feed", "the feed it came from"),
    ("Source id", "that feed's own id for it"),
]
SESSION_GROUPS = 3
# What a spreadsheet may run as a formula: a tab or carriage return first, or = + - @ after
# any spaces, in their full-width (＝ ＋ － ＠: East Asian input turns them into formulas) and
# small forms too. A cell that begins with apostrophes before that gets one more.
_FORMULA = r"[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]"
_FORMULA_START = re.compile(_FORMULA)
_NEUTRALISED = re.compile(f"'+(?:{_FORMULA})")
_SESSION = re.compile(r"session ([0-9]{1,2}) (day|start|end|frequency|week of month|starts on)")
_PLACE = re.compile(
    r"place ([2-9]|[1-9][0-9]) "
    r"(name|address|postcode|latitude|longitude|step free|transport note)"
)
_TIME = re.compile(r"([01]?[0-9]|2[0-3])(?:[:.]([0-5][0-9]))?(?::[0-5][0-9])?\s*(am|pm)?")
_XML_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
_YES = {"yes", "y", "true", "1", "✓"}
_NO = {"no", "n", "false", "0", "✗"}
_WEEK_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_CATEGORY_HINTS = category_hints()
# Limits, as for CSV (cleaning.MAX_CSV_*), and for a workbook (docs/reliability.md):
MAX_ROWS = MAX_CSV_ROWS
MAX_XLSX_BYTES = 50 * 1024 * 1024  # the .xlsx file, compressed
# A workbook is a zip: what it unpacks to is bounded before anything is unpacked, since a
# few MB can unpack to gigabytes. openpyxl holds all shared strings in memory.
MAX_XLSX_UNPACKED = 400 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS = 60 * 1024 * 1024
# Cells openpyxl is asked to read (each takes it about 5 to 10 microseconds): counted in the
# sheet's XML before it is parsed, and from its declared size, since rows are padded to it.
MAX_XLSX_CELLS = 1_000_000
Cell = str | int | float | None


def header(session_groups: int = SESSION_GROUPS, more_places: int = 0) -> list[str]:
    """The column names, with `more_places` groups of "Place N ..." columns (N from 2)."""
    places = [f"Place {n} {field}" for n in range(2, more_places + 2) for field, _ in PLACE_FIELDS]
    sessions = [
        f"Session {n} {field}" for n in range(1, session_groups + 1) for field, _ in SESSION_FIELDS
    ]
    return [h for h, _ in COLUMNS] + places + sessions + [h for h, _ in COLUMNS_AFTER]


# Cells ---------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """A text cell no spreadsheet will take for a formula; `unneutralise` reverses it."""
    if _FORMULA_START.match(text) or _NEUTRALISED.match(text):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    return text[1:] if _NEUTRALISED.match(text) else text


def join_list(items: Iterable[str]) -> str:
    return "; ".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_list(cell: str) -> list[str]:
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in ("\\", ";") else char + following)
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _xml_safe(text: str) -> str:
    """ECMA-376 escapes for what XML cannot hold; a literal "_xHHHH_" is escaped too."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return _XML_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xml_unescape(text: str) -> str:
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


# Writing --------------------------------------------------------------------------------------


def activities_to_rows(activities: list[Activity]) -> tuple[list[str], list[list[Cell]]]:
    groups = max([SESSION_GROUPS, *(len(a.sessions) for a in activities)])
    places = max([0, *(len(a.more_venues) for a in activities)])
    return header(groups, places), [_row(a, groups, places) for a in activities]


def _t(value: str | None) -> str | None:
    """A text cell: blank for None, never a formula."""
    return None if value is None else neutralise(value)


def _venue_cells(venue: Venue) -> list[Cell]:
    """The main venue's columns, or one "Place N" group: the same seven, in the same order."""
    return [
        _t(venue.name),
        _t(venue.address),
        venue.postcode,
        venue.lat,
        venue.lon,
        _yes_no(venue.step_free),
        _t(venue.transport_note),
    ]


def _row(a: Activity, groups: int, places: int) -> list[Cell]:
    cost, t = a.cost, _t
    cells: list[Cell] = [
        t(a.id),
        t(a.name),
        t(a.organisation),
        t(a.description),
        t(join_list(a.categories)),
        t(join_list(a.keywords)),
        a.delivery.value,
        *_venue_cells(a.venue or Venue()),
    ]
    for n in range(places):
        cells += _venue_cells(a.more_venues[n] if n < len(a.more_venues) else Venue())
    for n in range(groups):
        s = a.sessions[n] if n < len(a.sessions) else None
        cells += (
            [None] * 6
            if s is None
            else [
                s.day.value,
                f"{s.start:%H:%M}",
                f"{s.end:%H:%M}",
                s.frequency.value,
                s.week_of_month,
                None if s.starts_on is None else s.starts_on.isoformat(),
            ]
        )
    cells += [
        None
        if cost is None
        else ("unknown" if cost.per_session_gbp is None else cost.per_session_gbp),
        None if cost is None else cost.amount_gbp,
        None if cost is None or cost.unit is None else cost.unit.value,
        None if cost is None else _yes_no(cost.concessions),
        None if cost is None else _yes_no(cost.free_taster),
        None if cost is None else t(cost.notes),
        _yes_no(a.mental_health_specific),
        _yes_no(a.peer_led),
        a.gender.value,
        a.age_min,
        a.age_max,
        join_list(a.languages),
        a.booking and a.booking.value,
        a.group_size and a.group_size.value,
        _yes_no(a.welcome.bring_someone),
        _yes_no(a.welcome.beginners),
        _yes_no(a.welcome.meet_at_door),
        t(a.contact.phone),
        t(a.contact.email),
        t(a.contact.website),
        None if a.last_verified is None else a.last_verified.isoformat(),
        a.status.value,
        join_list(a.for_learners_of) or None,
        _yes_no(a.with_child),
        t(join_list(a.guessed)) or None,
        None if a.source is None else t(a.source.feed),
        None if a.source is None else t(a.source.external_id),
    ]
    return cells


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def activities_to_csv(activities: list[Activity]) -> str:
    """CSV text with a byte-order mark, so Excel opens it as UTF-8."""
    head, rows = activities_to_rows(activities)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(
        [["" if c is None else repr(c) if isinstance(c, float) else c for c in row] for row in rows]
    )
    return "\ufeff" + out.getvalue()


def write_csv(out: TextIO, activities: list[Activity]) -> int:
    """Write what `activities_to_csv` gives to `out` a row at a time. Returns the count."""
    groups = max([SESSION_GROUPS, *(len(a.sessions) for a in activities)])
    places = max([0, *(len(a.more_venues) for a in activities)])
    out.write("\ufeff")  # a byte-order mark, so Excel opens it as UTF-8
    writer = csv.writer(out)
    writer.writerow(header(groups, places))
    for activity in activities:
        writer.writerow(
            [
                "" if c is None else repr(c) if isinstance(c, float) else c
                for c in _row(activity, groups, places)
            ]
        )
    return len(activities)


def activities_to_xlsx(activities: list[Activity]) -> bytes:
    from openpyxl import Workbook  # only spreadsheet users pay for importing it

    head, rows = activities_to_rows(activities)
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet
    sheet.title = "Activities"
    sheet.append(head)
    for row in rows:
        sheet.append([_xml_safe(c) if isinstance(c, str) else c for c in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    guide = book.create_sheet("How to fill in")
    guide.append(["Column", "What to write"])
    for name, help_text in [
        *COLUMNS,
        *((f"Place N {f}", h) for f, h in PLACE_FIELDS),
        *((f"Session N {f}", h) for f, h in SESSION_FIELDS),
        *COLUMNS_AFTER,
    ]:
        guide.append([name, help_text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Reading --------------------------------------------------------------------------------------


def read_spreadsheet_file(path: Path) -> FeedResult:
    """A CSV file, or an Excel workbook when the name ends in .xlsx."""
    path = Path(path)
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return parse_xlsx_bytes(read_file_bytes(path, limit=MAX_XLSX_BYTES), path.name)
    return parse_rows(read_csv_rows(path))  # streamed, within the limits as it goes


def parse_csv_text(text: str) -> FeedResult:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return parse_rows(bounded_rows(reader, "the spreadsheet"))


def parse_xlsx_bytes(data: bytes, name: str = "the workbook") -> FeedResult:
    from openpyxl import load_workbook

    try:
        _check_unpacked(data, name)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book["Activities"] if "Activities" in book.sheetnames else book.worksheets[0]
        columns = _check_sheet_size(data, sheet, name)
        rows = [
            list(row)
            for _, row in zip(
                range(MAX_ROWS + 1),
                sheet.iter_rows(values_only=True, max_col=columns),
                strict=False,
            )
        ]
        book.close()
    except FormatError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is not an Excel .xlsx workbook that can be "
                    f"read ({type(error).__name__})",
                )
            ]
        ) from error
    return parse_rows(rows, xlsx=True)


def _check_unpacked(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts unpack to more than the limits, from the sizes its zip
    declares (Python's zip reader stops at a declared size, so they cannot lie upwards)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(
            [Problem("", f"{name} is not an Excel .xlsx workbook that can be read (not a zip)")]
        ) from error
    total = sum(part.file_size for part in parts)
    strings = sum(p.file_size for p in parts if p.filename.casefold().endswith("sharedstrings.xml"))
    if total > MAX_XLSX_UNPACKED or strings > MAX_XLSX_SHARED_STRINGS:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} unpacks to {total // 2**20:,} MB ({strings // 2**20:,} MB of text); "
                    f"at most {MAX_XLSX_UNPACKED // 2**20} MB "
                    f"({MAX_XLSX_SHARED_STRINGS // 2**20} MB of text) can be read",
                )
            ]
        )


_CELL_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?c[\s>/]")


def _check_sheet_size(data: bytes, sheet: Any, name: str) -> int:
    """The columns to read, after refusing a sheet of more than MAX_XLSX_CELLS cells: by the
    size it declares (rows are padded to its width) and by the cells its XML holds, counted
    in chunks without parsing it (so one row of a million cells is not parsed either)."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if columns > MAX_CSV_COLUMNS or rows * min(columns, MAX_CSV_COLUMNS) > MAX_XLSX_CELLS:
        raise _too_many_cells(name, f"{rows:,} rows by {columns:,} columns")
    cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet._worksheet_path) as xml:
        tail = b""
        while chunk := xml.read(1024 * 1024):
            joined = tail + chunk
            cells += len(_CELL_TAG.findall(joined)) - len(_CELL_TAG.findall(tail))
            tail = joined[-16:]
            if cells > MAX_XLSX_CELLS:
                raise _too_many_cells(name, f"more than {MAX_XLSX_CELLS:,} cells")
    return min(columns, MAX_CSV_COLUMNS) if columns else MAX_CSV_COLUMNS


def _too_many_cells(name: str, size: str) -> FormatError:
    return FormatError(
        [
            Problem(
                "",
                f"{name} has a sheet of {size}; at most {MAX_XLSX_CELLS:,} cells can be "
                "read, more than any directory needs (split it, or delete the unused cells)",
            )
        ]
    )


def parse_rows(rows: list[list[Any]], *, xlsx: bool = False) -> FeedResult:
    if not rows:
        raise FormatError([Problem("", "the spreadsheet is empty; it needs a header row")])
    if len(rows) > MAX_ROWS:
        raise FormatError([Problem("", f"more than {MAX_ROWS} rows")])
    columns = {}
    cautions: list[Problem] = []
    for index, name in enumerate(rows[0]):
        key = _fold(str(name)) if name is not None else ""
        if key and key not in columns:
            columns[key] = index
    known = {_fold(h) for h, _ in COLUMNS + COLUMNS_AFTER}
    unknown = [
        str(rows[0][i])
        for k, i in columns.items()
        if k not in known and not _SESSION.fullmatch(k) and not _PLACE.fullmatch(k)
    ]
    if _fold("Name") not in columns:
        raise FormatError(
            [
                Problem(
                    "", 'no "Name" column; the first row must hold the column names of the template'
                )
            ]
        )
    if unknown:
        cautions.append(
            Problem(
                "",
                f"columns not in the template were ignored: {', '.join(map(quote, unknown[:10]))}",
            )
        )
    activities: list[Activity] = []
    rejected: list[Problem] = []
    seen: dict[str, int] = {}
    unstated = _unstated(columns)
    # Categories are required and a sheet has no accessibility notes: never guessed here.
    stated = frozenset({"categories", "venue.step_free", *_GUESSED_BY_COLUMN}) - unstated
    for number, cells in enumerate(rows[1:], start=2):
        row = _RowReader(cells, columns, xlsx)
        if row.blank():
            continue
        activity = row.read()
        label = f"row {number}" + (f" ({quote(row.name)})" if row.name else "")
        if row.problems:
            rejected.append(Problem(label, "; ".join(row.problems)))
        elif activity.id in seen:
            rejected.append(
                Problem(
                    label,
                    f"ID {quote(activity.id)} is used twice (also in row {seen[activity.id]})",
                )
            )
        else:
            seen[activity.id] = number
            if unstated:
                activity, notes = apply_guesses(activity, stated=stated)
                row.cautions.extend(notes)
            activities.append(activity)
            cautions.extend(Problem(label, note) for note in row.cautions)
    return FeedResult(tuple(activities), tuple(rejected), tuple(cautions))


# The columns that hold a cost: when all are blank, the cost is not known (None).
_COST_COLUMNS = (
    "Cost per session (£)",
    "Price (£)",
    "Price per",
    "Concessions",
    "Free taster",
    "Cost notes",
)

# What Navigator may guess for a hand-made sheet (FORMATS.md field names), and the columns
# that state it. Only a field whose columns are all missing is guessed: a blank cell in a
# column the sheet has says "no" or "not known", as docs/formats.md sets out, so an exported
# sheet reads back exactly.
_GUESSED_BY_COLUMN: dict[str, tuple[str, ...]] = {
    "gender": ("Gender",),
    "mental_health_specific": ("Mental health specific",),
    "cost": _COST_COLUMNS,
    "for_learners_of": ("For learners of",),
    "with_child": ("With a child",),
}


# The main venue's columns, by the names of PLACE_FIELDS ("Place 2 ..." groups use those).
_MAIN_VENUE_COLUMNS = {
    "name": "Venue name",
    "address": "Address",
    "postcode": "Postcode",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "step-free": "Step-free access",
    "transport note": "Transport note",
}
_MAIN_VENUE = _MAIN_VENUE_COLUMNS.__getitem__


def _place_columns(n: int) -> Callable[[str], str]:
    return lambda field: f"Place {n} {field}"


def _unstated(columns: dict[str, int]) -> frozenset[str]:
    return frozenset(
        field
        for field, names in _GUESSED_BY_COLUMN.items()
        if not any(_fold(name) in columns for name in names)
    )


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^\w£]+", " ", name.casefold()).split())


class _RowReader:
    """One row; `problems` make it rejected, `cautions` are worth a look."""

    def __init__(self, cells: list[Any], columns: dict[str, int], xlsx: bool) -> None:
        self.cells, self.columns, self.xlsx = cells, columns, xlsx
        self.problems: list[str] = []
        self.cautions: list[str] = []
        self.name = ""
        self.faulty: set[str] = set()  # columns whose text was refused, said once each

    def raw(self, column: str) -> Any:
        index = self.columns.get(_fold(column))
        value = self.cells[index] if index is not None and index < len(self.cells) else None
        if isinstance(value, str):
            value = unneutralise(_xml_unescape(value) if self.xlsx else value)
            if (fault := text_fault(value)) is not None:
                if column not in self.faulty:
                    self.faulty.add(column)
                    self.problems.append(f"{column} {fault}")
                return None
            return value or None  # spaces are kept: they may be someone's text
        return value

    def blank(self) -> bool:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)

    def text(self, column: str, limit: int = MAX_TEXT_CHARS) -> str | None:
        value = self.raw(column)
        if value is None:
            return None
        text = value if isinstance(value, str) else _plain(value)
        if len(text) > limit:
            self.problems.append(f"{column} is {len(text)} characters long; at most {limit}")
            return None
        return text

    def parse(self, column: str, convert: Callable[[Any], Any], what: str) -> Any:
        value = self.raw(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return convert(value)
        except (ValueError, TypeError, KeyError, OverflowError):
            self.problems.append(f"{column}: {quote(_plain(value))} is not {what}")
            return None

    def read(self) -> Activity:
        self.name = self.text("Name", 500) or ""
        if not self.name.strip():
            self.problems.append("Name is empty")
        categories = self._categories()
        age_min = self.parse("Minimum age", _age, "an age")
        age_max = self.parse("Maximum age", _age, "an age")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.problems.append(f"Maximum age {age_max} is below Minimum age {age_min}")
        languages = [
            self.parse_one("Languages", item, language_code, "a language")
            for item in split_list(self.text("Languages") or "")
        ]
        learners_of = [
            self.parse_one("For learners of", item, language_code, "a language")
            for item in split_list(self.text("For learners of") or "")
        ]
        return Activity(
            id=self._id(),
            name=self.name,
            categories=categories,
            organisation=self.text("Organisation", 500),
            description=self.text("Description") or "",
            keywords=tuple(split_list(self.text("Keywords") or "")),
            delivery=self.parse("Delivery", _choice(Delivery), "in_person, online or phone")
            or Delivery.IN_PERSON,
            venue=self._venue(_MAIN_VENUE),
            sessions=self._sessions(),
            cost=self._cost(),
            mental_health_specific=bool(self.parse("Mental health specific", _yes, "yes or no")),
            peer_led=bool(self.parse("Peer led", _yes, "yes or no")),
            gender=self.parse("Gender", _choice(Gender), "any, women or men") or Gender.ANY,
            age_min=age_min,
            age_max=age_max,
            languages=tuple(code for code in languages if code) or ("en",),
            booking=self.parse("Booking", _choice(Booking), "drop_in, book_ahead or referral"),
            group_size=self.parse("Group size", _choice(GroupSize), "a group size"),
            welcome=Welcome(
                *(
                    self.parse(c, _yes, "yes or no")
                    for c in ("Bring someone", "Beginners welcome", "Meet at door")
                )
            ),
            contact=Contact(
                self.text("Phone", 100), self.text("Email", 320), self.text("Website", 2000)
            ),
            last_verified=self.parse("Last verified", _date, "a date YYYY-MM-DD"),
            status=self.parse("Status", _choice(Status), "active, paused or archived")
            or Status.ACTIVE,
            for_learners_of=tuple(dict.fromkeys(code for code in learners_of if code)),
            with_child=bool(self.parse("With a child", _yes, "yes or no")),
            more_venues=self._more_venues(),
            guessed=self._guessed(),
            source=self._source(),
        )

    def parse_one(self, column: str, item: str, convert: Callable[[str], Any], what: str) -> Any:
        value = convert(item)
        if value is None:
            self.problems.append(f"{column}: {quote(item)} is not {what}")
        return value

    def _id(self) -> str:
        given = self.text("ID", 200)
        if given is not None:
            return given
        org = self.text("Organisation", 500) or ""
        digest = hashlib.sha1(f"{self.name}\x1f{org}".encode()).hexdigest()[:6]
        slug = "-".join(re.findall(r"[a-z0-9]+", self.name.casefold()))[:40]
        made = f"sheet-{slug}-{digest}" if slug else f"sheet-{digest}"
        self.cautions.append(
            f"no ID; gave it {quote(made)} (put it in the ID column so the "
            "activity keeps it if the name changes)"
        )
        return made

    def _categories(self) -> tuple[str, ...]:
        found = []
        for item in split_list(self.text("Categories") or ""):
            if item in CATEGORY_BY_ID:
                found.append(item)
                continue
            mapped = map_term(item)
            if mapped:
                found.extend(mapped)
                self.cautions.append(
                    f"Categories: {quote(item)} read as {', '.join(map(quote, mapped))}"
                )
            else:
                hint = did_you_mean(item, CATEGORY_BY_ID, _CATEGORY_HINTS)
                self.problems.append(f"Categories: {quote(item)} is not a category{hint}")
        if not found and not any("Categories" in p for p in self.problems):
            self.problems.append("Categories is empty; at least one category is needed")
        return tuple(dict.fromkeys(found))

    def _venue(self, column: Callable[[str], str]) -> Venue | None:
        """The venue in the columns `column` names for each of PLACE_FIELDS; None if blank."""
        postcode = self.text(column("postcode"), 20)
        tidy = normalise_postcode(postcode) if postcode else None
        if postcode and tidy is None:
            self.problems.append(f"{column('postcode')}: {quote(postcode)} is not a UK postcode")
        lat = self.parse(column("latitude"), lambda v: _number(v, -90, 90), "a latitude")
        lon = self.parse(column("longitude"), lambda v: _number(v, -180, 180), "a longitude")
        if (lat is None) != (lon is None):
            self.problems.append(
                f"{column('latitude')} and {column('longitude')} must be given together"
            )
        venue = Venue(
            self.text(column("name"), 500),
            self.text(column("address"), 1000),
            tidy,
            lat,
            lon,
            self.parse(column("step-free"), _yes, "yes or no"),
            self.text(column("transport note")),
        )
        return None if venue == Venue() else venue

    def _more_venues(self) -> tuple[Venue, ...]:
        numbers = sorted({int(m.group(1)) for k in self.columns if (m := _PLACE.fullmatch(k))})
        places = (self._venue(_place_columns(n)) for n in numbers)
        return tuple(place for place in places if place is not None)

    def _guessed(self) -> tuple[str, ...]:
        """Field names as the native file keeps them: any text, as `native` accepts; a name
        Navigator never guesses is kept and pointed out, since it is likely a slip."""
        names = tuple(dict.fromkeys(split_list(self.text("Guessed by Navigator") or "")))
        for name in names:
            if name not in GUESSABLE_FIELDS:
                hint = did_you_mean(name, GUESSABLE_FIELDS)
                self.cautions.append(
                    f"Guessed by Navigator: {quote(name)} is not a field "
                    f"Navigator guesses{hint} (kept as written)"
                )
        return names

    def _source(self) -> Source | None:
        source = Source(self.text("Source feed", 200), self.text("Source id", 500))
        return None if source == Source() else source

    def _sessions(self) -> tuple[Session, ...]:
        numbers = sorted({int(m.group(1)) for k in self.columns if (m := _SESSION.fullmatch(k))})
        sessions = []
        for n in numbers:
            prefix = f"Session {n} "
            before = len(self.problems)
            day = self.parse(prefix + "day", _day, "a day (mon ... sun)")
            start = self.parse(prefix + "start", _time, "a time HH:MM")
            end = self.parse(prefix + "end", _time, "a time HH:MM")
            week = self.parse(prefix + "week of month", _week, "1-4 or -1 (last)")
            frequency = self.parse(prefix + "frequency", _choice(Frequency), "a frequency")
            starts_on = self.parse(prefix + "starts on", _date, "a date YYYY-MM-DD")
            if len(self.problems) > before:
                continue  # already said what is wrong with this session
            if all(v is None for v in (day, start, end, week, frequency, starts_on)):
                continue
            if day is None or start is None or end is None:
                missing = [
                    f for f, v in (("day", day), ("start", start), ("end", end)) if v is None
                ]
                self.problems.append(f"Session {n}: {' and '.join(missing)} missing")
                continue
            if end <= start:
                self.problems.append(f"Session {n}: ends at {end:%H:%M}, not after {start:%H:%M}")
                continue
            if frequency is None:
                frequency = Frequency.MONTHLY if week is not None else Frequency.WEEKLY
            sessions.append(Session(day, start, end, frequency, week, starts_on))
        return tuple(sessions)

    def _cost(self) -> Cost | None:
        if all(self.raw(c) is None for c in _COST_COLUMNS):
            return None
        before = len(self.problems)
        per_session = self.parse(
            "Cost per session (£)", _price, "a price (a number, free or unknown)"
        )
        amount = self.parse("Price (£)", _price, "a price (a number, free or unknown)")
        unit = self.parse(
            "Price per",
            _unit,
            "what a price can be for (session, hour, week, month, term, year, course or one-off)",
        )
        if len(self.problems) == before:
            per_session = self._per_session(per_session, amount, unit)
        if amount == 0 and unit is None:
            amount = None  # free needs no unit; a price is kept only with its unit, as natively
        return Cost(
            per_session_gbp=per_session,
            concessions=bool(self.parse("Concessions", _yes, "yes or no")),
            free_taster=bool(self.parse("Free taster", _yes, "yes or no")),
            notes=self.text("Cost notes") or "",
            amount_gbp=amount,
            unit=unit,
        )

    def _per_session(
        self, per_session: float | None, amount: float | None, unit: CostUnit | None
    ) -> float | None:
        """The per-session cost, agreeing with the published price (FORMATS.md §1a: set only
        for a session's price or £0); a price for a session or a free one fills it in."""
        if amount is None:
            return per_session
        if unit is None and amount != 0:  # free needs no unit: it is free each session
            self.problems.append(
                f"Price per is blank; say what the price of {_money(amount)} "
                "is for (session, hour, week, month, term, year, course or "
                "one-off)"
            )
            return per_session
        implied = amount if unit is CostUnit.SESSION or amount == 0 else None
        if per_session is None or per_session == implied:
            return implied
        price = (
            "Price is free"
            if unit is None or amount == 0
            else f"Price is {_money(amount)} {_PER[unit]}"
        )
        if implied is None:
            self.problems.append(
                f"Cost per session (£) is {_money(per_session)} but {price}; a cost per "
                "session is given only for a session's price (write unknown, or the price "
                "per session)"
            )
        else:
            self.problems.append(
                f"Cost per session (£) is {_money(per_session)} but {price}; they must agree"
            )
        return None


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def _choice(enum: type[Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        folded = re.sub(r"[\s\-]+", "_", str(value).strip().casefold())
        return enum(folded)

    return convert


def _yes(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    folded = _plain(value).strip().casefold()
    if folded in _YES or folded in _NO:
        return folded in _YES
    raise ValueError(value)


def _number(value: Any, low: float, high: float) -> float:
    number = float(value.strip().lstrip("'") if isinstance(value, str) else value)
    if not low <= number <= high:
        raise ValueError(value)
    return number


def _age(value: Any) -> int:
    number = _number(value, 0, 130)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _price(value: Any) -> float | None:
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in ("free", "£0"):
            return 0.0
        if folded in ("unknown", "?", "not known"):
            return None
        value = folded.removeprefix("£")
    return _number(value, 0, 100_000)


# What a price is for, as written in "Price per": the unit's own name ("one_off"), or plain
# words around it ("a year", "per term", "annual", "each class", "one-off"): `UNIT_WORDS`.
_UNIT_LEAD = re.compile(r"(?:per|a|an|each|every|for|the|one|1) (?=.)")
_PER = {
    CostUnit.SESSION: "a session",
    CostUnit.HOUR: "an hour",
    CostUnit.WEEK: "a week",
    CostUnit.MONTH: "a month",
    CostUnit.TERM: "a term",
    CostUnit.YEAR: "a year",
    CostUnit.COURSE: "for the course",
    CostUnit.ONE_OFF: "as a one-off payment",
}


def _unit(value: Any) -> CostUnit:
    words = " ".join(re.sub(r"[^a-z]+", " ", str(value).casefold()).split())
    while words not in UNIT_WORDS and _UNIT_LEAD.match(words):
        words = _UNIT_LEAD.sub("", words, count=1)
    for candidate in (words, words.removesuffix("s"), words.removesuffix("es")):
        if candidate in UNIT_WORDS:
            return UNIT_WORDS[candidate]
    raise ValueError(value)


def _money(amount: float) -> str:
    return "free" if amount == 0 else f"£{amount:,.2f}".removesuffix(".00")


def _day(value: Any) -> Day:
    folded = str(value).strip().casefold()
    for day in Day:
        if folded in (day.value, day.label.casefold()) or (
            len(folded) >= 3 and day.label.casefold().startswith(folded)
        ):
            return day
    raise ValueError(value)


def _time(value: Any) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # Excel keeps times as part of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = _TIME.fullmatch(str(value).strip().casefold())
    if match is None:
        raise ValueError(value)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ValueError(value)
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    return dt.time(hour, minute)


def _week(value: Any) -> int:
    folded = _plain(value).strip().casefold()
    week = _WEEK_WORDS.get(folded)
    week = int(folded) if week is None else week
    if week not in (1, 2, 3, 4, -1):
        raise ValueError(value)
    return week


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])
