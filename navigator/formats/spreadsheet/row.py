"""One row of the spreadsheet template read into an activity (`_RowReader`), and which
fields a sheet without their columns leaves to `guessing`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from navigator.domain.directory import (
    GUESSABLE_FIELDS,
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
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
from navigator.formats.cleaning import language_code
from navigator.formats.reading import MAX_TEXT_CHARS, did_you_mean, quote, text_fault
from navigator.formats.spreadsheet.columns import (
    _PLACE,
    _SESSION,
    _fold,
    _xml_unescape,
    split_list,
    unneutralise,
)
from navigator.formats.spreadsheet.values import (
    _PER,
    _age,
    _choice,
    _date,
    _day,
    _money,
    _number,
    _plain,
    _price,
    _time,
    _unit,
    _week,
    _yes,
)
from navigator.formats.taxonomy_mapping import map_term

_CATEGORY_HINTS = category_hints()
_DELIVERY, _GENDER, _BOOKING, _GROUP_SIZE, _STATUS, _FREQUENCY = map(
    _choice, (Delivery, Gender, Booking, GroupSize, Status, Frequency)
)

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
_PLACE_PARTS = tuple(_MAIN_VENUE_COLUMNS)


def _place_columns(n: int) -> Callable[[str], str]:
    return lambda field: f"Place {n} {field}"


class SheetColumns(dict[str, int]):
    """Where each column the reader asks for is in one sheet, by the name the reader uses
    ("Session 2 day"): folded and looked up once for the whole sheet rather than for every
    cell; -1 for a column the sheet does not have (the empty cell `_RowReader` adds at the
    end of each row). Also the sheet's session groups and further places, by number, and
    `memo`: what each group of cells read into (a session, a cost, a venue, categories,
    languages), as a sheet repeats them row after row."""

    def __init__(self, columns: dict[str, int]) -> None:
        super().__init__()
        self.folded = columns
        self.span = max(columns.values(), default=-1) + 1  # cells a row is padded to
        numbers = sorted({int(m.group(1)) for k in columns if (m := _SESSION.fullmatch(k))})
        self.sessions = [
            (n, tuple(f"Session {n} {field}" for field in _SESSION_PARTS)) for n in numbers
        ]
        self.places = sorted({int(m.group(1)) for k in columns if (m := _PLACE.fullmatch(k))})
        self.memo: dict[tuple[Any, ...], tuple[Any, tuple[str, ...], tuple[str, ...]]] = {}
        self._groups: dict[tuple[str, ...], Callable[[list[Any]], tuple[Any, ...]]] = {}

    def cells_of(self, columns: tuple[str, ...]) -> Callable[[list[Any]], tuple[Any, ...]]:
        """What gives a row's cells in `columns` as a tuple, made once for each group."""
        found = self._groups.get(columns)
        if found is None:
            found = itemgetter(*(self[c] for c in columns), -1, -1)  # always a tuple
            self._groups[columns] = found
        return found

    def __missing__(self, name: str) -> int:
        index = self.folded.get(_fold(name), -1)
        self[name] = index
        return index


_SESSION_PARTS = ("day", "start", "end", "week of month", "frequency", "starts on")
# Different groups of cells `_RowReader._memo` keeps what they read into (a few MB at most).
_MEMO_SIZE = 20_000


def _unstated(columns: dict[str, int]) -> frozenset[str]:
    return frozenset(
        field
        for field, names in _GUESSED_BY_COLUMN.items()
        if not any(_fold(name) in columns for name in names)
    )


class _RowReader:
    """One row; `problems` make it rejected, `cautions` are worth a look.

    Almost every row is plain: no text in it is refused, escaped (xlsx) or neutralised
    (a leading '), so each cell reads as it is, a blank one as None; found for the whole
    row at once, and then its cells are read with no check each, and groups of cells seen
    in an earlier row (a session, a cost) are not read again (`_memo`)."""

    def __init__(self, cells: Sequence[Any], columns: SheetColumns, xlsx: bool) -> None:
        self.cells, self.columns, self.xlsx = cells, columns, xlsx
        self.problems: list[str] = []
        self.cautions: list[str] = []
        self.name = ""
        self.faulty: set[str] = set()  # columns whose text was refused, said once each
        # Whether any text in the row is refused, found in one search of all of it: when
        # none is (almost every row), its cells need not be searched one by one. A tab,
        # which is text, parts the cells, so a cell that starts with ' follows one.
        texts = cells if not xlsx else [c for c in cells if isinstance(c, str)]
        joined = "\t".join(texts)
        self.suspect = text_fault(joined) is not None
        self.plain = not (
            self.suspect or joined[:1] == "'" or "\t'" in joined or (xlsx and "_x" in joined)
        )
        # Padded to every column the sheet has, and one more: the cell a missing column reads.
        if not self.plain or (xlsx and "" not in texts):  # a workbook's blank cells are None
            values = list(cells)
        else:
            values = [None if c == "" else c for c in cells]
        short = columns.span - len(values)
        if short > 0:
            values += [None] * short
        values.append(None)
        self.values = values

    def raw(self, column: str) -> Any:
        value = self.values[self.columns[column]]
        if self.plain or not isinstance(value, str):
            return value
        escaped = self.xlsx and "_x" in value
        if escaped:  # an escape may stand for a character that is refused
            value = _xml_unescape(value)
        if value[:1] == "'":  # only then can it be neutralised
            value = unneutralise(value)
        if (self.suspect or escaped) and (fault := text_fault(value)) is not None:
            if column not in self.faulty:
                self.faulty.add(column)
                self.problems.append(f"{column} {fault}")
            return None
        return value or None  # spaces are kept: they may be someone's text

    def empty(self, columns: tuple[str, ...]) -> bool:
        """Whether the row has nothing at all (no cell, or an empty one) in these columns:
        such a group is no venue or session, and need not be read cell by cell."""
        cells = self.columns.cells_of(columns)(self.values)
        if self.plain:  # an empty cell is None already
            return cells.count(None) == len(cells)
        return all(cell in (None, "") for cell in cells)

    def blank(self) -> bool:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)

    def _memo(
        self, key: tuple[Any, ...], columns: tuple[str, ...], read: Callable[..., Any], *args: Any
    ) -> Any:
        """What `read(*args)` makes of the cells in `columns`, with the problems and cautions it
        finds: read once for each different `key` and cells, in a plain row (where what a
        group of cells reads into depends on nothing else), and kept for later rows."""
        if not self.plain:
            return read(*args)
        key = (*key, *self.columns.cells_of(columns)(self.values))
        memo = self.columns.memo
        found = memo.get(key)
        if found is None:
            problems, cautions = len(self.problems), len(self.cautions)
            result = read(*args)
            found = (result, tuple(self.problems[problems:]), tuple(self.cautions[cautions:]))
            if len(memo) < _MEMO_SIZE:
                memo[key] = found
            return result
        result, problems_found, cautions_found = found
        self.problems += problems_found
        self.cautions += cautions_found
        return result

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
        languages = self._languages("Languages")
        learners_of = self._languages("For learners of")
        return Activity(
            id=self._id(),
            name=self.name,
            categories=categories,
            organisation=self.text("Organisation", 500),
            description=self.text("Description") or "",
            keywords=tuple(split_list(self.text("Keywords") or "")),
            delivery=self.parse("Delivery", _DELIVERY, "in_person, online or phone")
            or Delivery.IN_PERSON,
            venue=self._venue(1),
            sessions=self._sessions(),
            cost=self._cost(),
            mental_health_specific=bool(self.parse("Mental health specific", _yes, "yes or no")),
            peer_led=bool(self.parse("Peer led", _yes, "yes or no")),
            gender=self.parse("Gender", _GENDER, "any, women or men") or Gender.ANY,
            age_min=age_min,
            age_max=age_max,
            languages=languages or ("en",),
            booking=self.parse("Booking", _BOOKING, "drop_in, book_ahead or referral"),
            group_size=self.parse("Group size", _GROUP_SIZE, "a group size"),
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
            status=self.parse("Status", _STATUS, "active, paused or archived") or Status.ACTIVE,
            for_learners_of=tuple(dict.fromkeys(learners_of)),
            with_child=bool(self.parse("With a child", _yes, "yes or no")),
            more_venues=self._more_venues(),
            guessed=self._guessed(),
            source=self._source(),
        )

    def _languages(self, column: str) -> tuple[str, ...]:
        """The codes of the languages a cell lists, each one not known named."""
        return self._memo(("languages", column), (column,), self._read_languages, column)  # type: ignore[no-any-return]

    def _read_languages(self, column: str) -> tuple[str, ...]:
        codes = [
            self.parse_one(column, item, language_code, "a language")
            for item in split_list(self.text(column) or "")
        ]
        return tuple(code for code in codes if code)

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
        return self._memo(("categories",), ("Categories",), self._read_categories)  # type: ignore[no-any-return]

    def _read_categories(self) -> tuple[str, ...]:
        found, before = [], len(self.problems)
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
        if not found and not any("Categories" in p for p in self.problems[before:]):
            self.problems.append("Categories is empty; at least one category is needed")
        return tuple(dict.fromkeys(found))

    def _venue(self, n: int) -> Venue | None:
        """The venue in place group `n` (1: the main venue's columns); None if blank."""
        columns = _MAIN_VENUE if n == 1 else _place_columns(n)
        names = tuple(map(columns, _PLACE_PARTS))
        if self.empty(names):
            return None
        return self._read_venue(columns)

    def _read_venue(self, column: Callable[[str], str]) -> Venue | None:
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
        places = (self._venue(n) for n in self.columns.places)
        return tuple(place for place in places if place is not None)

    def _guessed(self) -> tuple[str, ...]:
        """Field names as the native file keeps them: any text, as `native` accepts; a name
        Navigator never guesses is kept and pointed out, since it is likely a slip."""
        column = ("Guessed by Navigator",)
        return self._memo(("guessed",), column, self._read_guessed)  # type: ignore[no-any-return]

    def _read_guessed(self) -> tuple[str, ...]:
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
        if self.empty(("Source feed", "Source id")):
            return None
        source = Source(self.text("Source feed", 200), self.text("Source id", 500))
        return None if source == Source() else source

    def _sessions(self) -> tuple[Session, ...]:
        sessions = []
        for n, columns in self.columns.sessions:
            if self.empty(columns):
                continue
            session = self._memo(("session", n), columns, self._session, n, columns)
            if session is not None:
                sessions.append(session)
        return tuple(sessions)

    def _session(self, n: int, columns: tuple[str, ...]) -> Session | None:
        before = len(self.problems)
        day_column, start_column, end_column, week_column, every_column, on_column = columns
        day = self.parse(day_column, _day, "a day (mon ... sun)")
        start = self.parse(start_column, _time, "a time HH:MM")
        end = self.parse(end_column, _time, "a time HH:MM")
        week = self.parse(week_column, _week, "1-4 or -1 (last)")
        frequency = self.parse(every_column, _FREQUENCY, "a frequency")
        starts_on = self.parse(on_column, _date, "a date YYYY-MM-DD")
        if len(self.problems) > before:
            return None  # already said what is wrong with this session
        if all(v is None for v in (day, start, end, week, frequency, starts_on)):
            return None
        if day is None or start is None or end is None:
            missing = [f for f, v in (("day", day), ("start", start), ("end", end)) if v is None]
            self.problems.append(f"Session {n}: {' and '.join(missing)} missing")
            return None
        if end <= start:
            self.problems.append(f"Session {n}: ends at {end:%H:%M}, not after {start:%H:%M}")
            return None
        if frequency is None:
            frequency = Frequency.MONTHLY if week is not None else Frequency.WEEKLY
        return Session(day, start, end, frequency, week, starts_on)

    def _cost(self) -> Cost | None:
        return self._memo(("cost",), _COST_COLUMNS, self._read_cost)  # type: ignore[no-any-return]

    def _read_cost(self) -> Cost | None:
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
