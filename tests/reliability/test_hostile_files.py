"""Hostile files through the real `navigator directory import` command, one format at a time
(issue 14): whatever a refused file holds (control characters, broken characters, numbers of
400 digits, huge texts, odd nesting), the command exits with status 1, says so in exactly one
line on stderr with no control character in it, and leaves the database as it was.

Each file is built so that it must be refused (every record carries at least one fatal flaw,
which is drawn from the hostile values too), and the rest of it is as hostile as hypothesis
can make it. The command runs in this process (`cli.main`), as a child process would, at
1,000 examples a format; the database's bytes are compared after every one.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.cli import main
from navigator.formats.spreadsheet import _xml_safe, header

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]

EXAMPLES = settings(
    max_examples=1000,
    deadline=None,  # bounded by the number of examples, not by a clock
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
GOOD = {
    "format": "navigator-directory",
    "version": 1,
    "activities": [{"id": "a1", "name": "Choir", "categories": ["music"]}],
}
# What must never reach a terminal: C0 and C1 controls (a line break would make two lines),
# and the Unicode line separators.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# Hostile leaves --------------------------------------------------------------------------------

# Refused wherever they are (tab, CR and LF are text, so they are among the hostile only).
# Those that are not white space, so a value of them alone is not taken for a blank.
REFUSED = st.sampled_from(["\x1b[31m", "\x00", "\x07", "\x7f", "\x9b"])
CONTROL = REFUSED | st.sampled_from(["\r\n", "\t", "\r", "\x0b", "\x0c", "\x85", "\x1f"])
SURROGATE = st.sampled_from(["\ud800", "\udfff", "\udc00x"])
SPECIAL = st.sampled_from(["\u2028", "\u202e", "\ufeff", "<b>bold</b>", "=1+1", "&amp;", "\\"])
hostile_text = st.lists(
    st.one_of(st.text(max_size=8), CONTROL, SURROGATE, SPECIAL), max_size=6
).map("".join) | st.builds(lambda n, c: c * n, st.integers(0, 30_000), st.sampled_from("a9\n"))
huge_int = st.builds(
    lambda digits, sign: sign * int("9" * digits), st.integers(20, 4000), st.sampled_from([1, -1])
)
hostile_number = st.one_of(
    huge_int,
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(2**64), 2**64),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324]),
)
leaf = st.one_of(st.none(), st.booleans(), hostile_number, hostile_text)
hostile = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# A value that makes a native field or a whole feed record unusable on its own.
fatal_text = st.one_of(
    st.tuples(st.text(max_size=5), REFUSED | SURROGATE).map("".join),
    huge_int,
    st.builds(list),
    st.builds(lambda n: "x" * n, st.integers(20_001, 40_000)),
)


def dump(data: Any) -> bytes:
    """JSON as a file holds it; a broken character can only travel escaped."""
    return json.dumps(data, ensure_ascii=True).encode()


# The command --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good.json"
    good.write_text(json.dumps(GOOD))
    assert main(["directory", "import", str(good), "--db", str(folder / "d.db")]) == 0
    return folder


def fingerprint(folder: Path) -> tuple[tuple[str, str], ...]:
    """Every file beside the database (a backup would show) and the database's bytes."""
    return tuple(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "input" not in p.parts
    )


def refuse(directory: Path, path: Path, *extra: str) -> str:
    """Run the import of `path`; check what issue 14 asks of a refused file; its one line."""
    before = fingerprint(directory)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["directory", "import", str(path), "--db", str(directory / "d.db"), *extra])
    line = err.getvalue()
    assert status == 1, (status, line, out.getvalue())
    assert line.endswith("\n") and line.count("\n") == 1, line
    assert UNPRINTABLE.search(line[:-1]) is None, line
    assert len(line) < 600, len(line)  # long values and lists of problems are shortened
    assert fingerprint(directory) == before
    return line


def input_file(directory: Path, name: str, data: bytes) -> Path:
    folder = directory / "input"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


# Native JSON -------------------------------------------------------------------------------

FIELDS = ("name", "categories", "venue", "sessions", "cost", "age_min", "keywords", "contact")


@st.composite
def native_record(draw: st.DrawFn) -> dict[str, Any]:
    record = draw(st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=6))
    fatal_field = draw(st.sampled_from(["id", "name", "venue.lat", "cost.amount_gbp", "age_min"]))
    fatal = draw(fatal_text if fatal_field in ("id", "name") else huge_int)
    if "." in fatal_field:
        outer, inner = fatal_field.split(".")
        record[outer] = {inner: fatal, "lon": 0, "unit": "session"}
    else:
        record[fatal_field] = fatal
    record.setdefault("id", draw(st.text(max_size=10)))
    return record


@EXAMPLES
@given(
    records=st.lists(native_record(), min_size=1, max_size=4),
    top=st.dictionaries(st.text(max_size=6), hostile, max_size=3),
)
def test_a_hostile_native_file_is_one_line_and_changes_nothing(
    directory: Path, records: list[dict[str, Any]], top: dict[str, Any]
) -> None:
    data = {**top, "format": "navigator-directory", "version": 1, "activities": records}
    refuse(directory, input_file(directory, "in.json", dump(data)), "--format", "navigator")


# ORUK JSON ---------------------------------------------------------------------------------

ORUK_FIELDS = (
    "description",
    "organization",
    "locations",
    "schedules",
    "cost_options",
    "attributes",
    "eligibilitys",
    "languages",
    "minimum_age",
    "service_at_locations",
    "fees",
    "email",
)


@st.composite
def oruk_record(draw: st.DrawFn) -> Any:
    record = draw(st.dictionaries(st.sampled_from(ORUK_FIELDS), hostile, max_size=8))
    # Each record is refused: no name, a name that is not text, or an id that cannot be one.
    flaw = draw(st.sampled_from(["no name", "bad name", "bad id"]))
    if flaw == "bad name":
        record["name"] = draw(st.one_of(huge_int, st.builds(list), st.builds(dict)))
    elif flaw == "bad id":
        record["name"] = draw(hostile_text)
        record["id"] = draw(
            st.one_of(
                st.booleans(),
                st.builds(list),
                st.just(" "),
                st.tuples(st.text(max_size=4), REFUSED).map("".join),
            )
        )
    return (
        record if draw(st.booleans()) else draw(hostile.filter(lambda v: not isinstance(v, dict)))
    )


@EXAMPLES
@given(
    records=st.lists(oruk_record(), min_size=1, max_size=4),
    shape=st.sampled_from(["list", "contents", "content"]),
    top=st.dictionaries(st.sampled_from(["total_items", "totalPages", "last", "x"]), hostile),
)
def test_a_hostile_oruk_feed_is_one_line_and_changes_nothing(
    directory: Path, records: list[Any], shape: str, top: dict[str, Any]
) -> None:
    data = records if shape == "list" else {**top, shape: records}
    refuse(directory, input_file(directory, "feed.json", dump(data)), "--format", "oruk")


# HSDS CSV package ---------------------------------------------------------------------------


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


cell = hostile_text.map(lambda s: s.encode("utf-8", "replace").decode())


@EXAMPLES
@given(
    services=st.lists(
        st.tuples(st.tuples(st.text(max_size=4), REFUSED).map("".join), cell, cell),
        min_size=1,
        max_size=4,
    ),
    locations=st.lists(st.lists(cell, min_size=4, max_size=4), max_size=3),
    schedules=st.lists(st.lists(cell, min_size=6, max_size=6), max_size=3),
)
def test_a_hostile_hsds_package_is_one_line_and_changes_nothing(
    directory: Path,
    services: list[tuple[str, str, str]],
    locations: list[list[str]],
    schedules: list[list[str]],
) -> None:
    # Every service's id holds a control character, so every service is refused.
    folder = directory / "input" / "package"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "services.csv").write_text(
        csv_text([["id", "name", "description"], *map(list, services)]), encoding="utf-8"
    )
    (folder / "locations.csv").write_text(
        csv_text([["id", "latitude", "longitude", "name"], *locations]), encoding="utf-8"
    )
    (folder / "schedules.csv").write_text(
        csv_text(
            [["service_id", "byday", "opens_at", "closes_at", "freq", "interval"], *schedules]
        ),
        encoding="utf-8",
    )
    refuse(directory, folder, "--format", "hsds-csv")


# Spreadsheets ---------------------------------------------------------------------------------

COLUMNS = header()


@st.composite
def sheet_rows(draw: st.DrawFn) -> list[list[Any]]:
    """Rows of the template, hostile in any column; each row's Name or Latitude is fatal."""
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        row: list[Any] = draw(
            st.lists(
                st.one_of(st.none(), cell, hostile_number),
                min_size=len(COLUMNS),
                max_size=len(COLUMNS),
            )
        )
        if draw(st.booleans()):
            row[COLUMNS.index("Name")] = draw(st.tuples(st.text(max_size=4), REFUSED).map("".join))
        else:
            row[COLUMNS.index("Latitude")] = str(draw(huge_int))
            row[COLUMNS.index("Longitude")] = "0"
        rows.append(row)
    return rows


@EXAMPLES
@given(rows=sheet_rows())
def test_a_hostile_csv_sheet_is_one_line_and_changes_nothing(
    directory: Path, rows: list[list[Any]]
) -> None:
    text = csv_text([COLUMNS, *[["" if c is None else str(c) for c in row] for row in rows]])
    refuse(directory, input_file(directory, "sheet.csv", text.encode("utf-8")), "--format", "csv")


@EXAMPLES
@given(rows=sheet_rows())
def test_a_hostile_workbook_is_one_line_and_changes_nothing(
    directory: Path, rows: list[list[Any]]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Activities"
    sheet.append(COLUMNS)
    for row in rows:
        # As Excel stores them: a control character in a cell is written _x001B_.
        sheet.append([_xml_safe(c) if isinstance(c, str) else _cell_number(c) for c in row])
    data = io.BytesIO()
    book.save(data)
    refuse(directory, input_file(directory, "sheet.xlsx", data.getvalue()), "--format", "csv")


def _cell_number(value: Any) -> Any:
    """A number as a workbook can hold it (a float); a huge whole number goes as its digits."""
    if isinstance(value, int) and abs(value) > 2**53:
        return str(value)
    return value
