"""Reading the spreadsheet template: a CSV file or an .xlsx workbook (bounded before it
is unpacked or parsed), then its rows, each read by `_RowReader` and rejected whole when
a cell is wrong."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from navigator.domain.directory import Activity
from navigator.formats.cleaning import (
    MAX_CSV_COLUMNS,
    MAX_CSV_ROWS,
    FeedResult,
    bounded_rows,
    stream_csv_rows,
)
from navigator.formats.guessing import apply_guesses
from navigator.formats.reading import FormatError, Problem, many_records, quote, read_file_bytes
from navigator.formats.spreadsheet.columns import _PLACE, _SESSION, COLUMNS, COLUMNS_AFTER, _fold
from navigator.formats.spreadsheet.row import (
    _GUESSED_BY_COLUMN,
    SheetColumns,
    _RowReader,
    _unstated,
)
from navigator.formats.spreadsheet.sheet_xml import (
    NotPlain,
    SheetRows,
    declares_doctype,
    padded_rows,
    read_shared_strings,
)

# Limits, as for CSV (cleaning.MAX_CSV_*), and for a workbook (docs/reliability.md):
MAX_ROWS = MAX_CSV_ROWS
MAX_XLSX_BYTES = 50 * 1024 * 1024  # the .xlsx file, compressed
# A workbook is a zip: what it unpacks to is bounded before anything is unpacked, since a
# few MB can unpack to gigabytes. openpyxl holds all shared strings in memory.
MAX_XLSX_UNPACKED = 400 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS = 60 * 1024 * 1024
# Cells openpyxl is asked to read, counted in the sheet's XML before it is parsed and from
# its declared size (rows are padded to it). The workbook is read a row at a time, so this
# bounds the time a file can take rather than memory: 8,000,000 number cells (100,000 rows
# of 80 columns) took 21 s on the development machine, text cells longer (docs/reliability.md).
# An export of 100,000 activities has 59 columns; above about 135,000 it is refused here.
MAX_XLSX_CELLS = 8_000_000


def read_spreadsheet_file(path: Path) -> FeedResult:
    """A CSV file, or an Excel workbook when the name ends in .xlsx."""
    path = Path(path)
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return parse_xlsx_bytes(read_file_bytes(path, limit=MAX_XLSX_BYTES), path.name)
    with many_records():  # a row at a time: only what is made of each row is kept
        return stream_csv_rows(path, parse_rows)


def parse_csv_text(text: str) -> FeedResult:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return parse_rows(bounded_rows(reader, "the spreadsheet"))


def parse_xlsx_bytes(data: bytes, name: str = "the workbook") -> FeedResult:
    """The activities of a workbook's "Activities" sheet (else its first), read a row at a
    time: only what is made of each row is kept. The sheet's XML is read by `sheet_xml`
    when it is in a shape that reader knows (every workbook Navigator, Excel or LibreOffice
    writes, in tests), else by openpyxl; both give the same rows."""
    with _unreadable(name):
        _check_unpacked(data, name)
        _refuse_doctypes(data, name)
    try:
        return _parse_plain(data, name)
    except NotPlain:
        pass  # read again from the start: nothing made of the rows read so far is kept
    return _parse_with_openpyxl(data, name)


def _parse_plain(data: bytes, name: str) -> FeedResult:
    # The collector paused from the start: the shared strings are hundreds of thousands too.
    with many_records(), plain_rows(data, name) as rows:
        return parse_rows(_translated(rows, name), xlsx=True)


def _parse_with_openpyxl(data: bytes, name: str) -> FeedResult:
    with openpyxl_rows(data, name) as rows, many_records():
        return parse_rows(_translated(rows, name), xlsx=True)


@contextmanager
def plain_rows(data: bytes, name: str) -> Iterator[Iterator[tuple[Any, ...]]]:
    """The sheet's rows as openpyxl's read-only `iter_rows` gives them, read by `sheet_xml`
    (which raises NotPlain, now or as the rows are read, for a shape it does not know). The
    workbook's other parts are read by openpyxl, less its shared strings."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    with _unreadable(name):
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with _unreadable(name):
            # openpyxl's ExcelReader.read() less read_strings: the sheets are not asked
            # for their rows, so they need no strings.
            reader.read_manifest()
            strings_part = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
            reader.read_workbook()
            reader.read_properties()
            reader.read_custom()
            reader.read_theme()
            apply_stylesheet(reader.archive, reader.wb)
            reader.read_worksheets()
            reader.parser.assign_names()
            book: Any = reader.wb
            sheet = book["Activities"] if "Activities" in book.sheetnames else book.worksheets[0]
            columns = _declared_columns(sheet, name)
            strings: list[str] = []
            if strings_part is not None:
                with reader.archive.open(strings_part.PartName[1:]) as part:
                    strings = read_shared_strings(part)
            stream = reader.archive.open(sheet._worksheet_path)
        with stream:
            cells = 0

            def counted(piece: bytes) -> None:
                """MAX_XLSX_CELLS, counted in each piece of the sheet before it is parsed."""
                nonlocal cells
                cells += _cell_tags(piece)
                if cells > MAX_XLSX_CELLS:
                    raise _too_many_cells(name, f"more than {MAX_XLSX_CELLS:,} cells")

            rows = SheetRows(
                stream,
                width=columns,
                strings=strings,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
                epoch=book.epoch,
                counted=counted,
            )
            yield padded_rows(iter(rows), sheet.max_row, columns)
    finally:
        reader.archive.close()


@contextmanager
def openpyxl_rows(data: bytes, name: str) -> Iterator[Iterator[tuple[Any, ...]]]:
    """openpyxl's read-only rows, parsed as they are asked for."""
    from openpyxl import load_workbook

    with _unreadable(name):
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with _unreadable(name):
            sheet = book["Activities"] if "Activities" in book.sheetnames else book.worksheets[0]
            columns = _declared_columns(sheet, name)
            _count_cells(data, sheet, name)
        yield sheet.iter_rows(values_only=True, max_col=columns)
    finally:
        book.close()


def _refuse_doctypes(data: bytes, name: str) -> None:
    """Refuse a workbook with a part that declares a document type: entities (a few bytes
    that expand to gigabytes, or that name other files) can only be declared there, and no
    workbook needs one. Only the start of each part, up to its first element, is read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.infolist():
            if part.filename.casefold().endswith((".xml", ".rels", ".vml")):
                with archive.open(part) as stream:
                    if declares_doctype(stream):
                        raise FormatError(
                            [
                                Problem(
                                    "",
                                    f"{name} is not an Excel .xlsx workbook that can be read "
                                    f"({quote(part.filename)} declares a document type, "
                                    "which no workbook needs)",
                                )
                            ]
                        )


@contextmanager
def _unreadable(name: str) -> Iterator[None]:
    """openpyxl's many kinds of failure on a damaged or foreign file, as one line."""
    try:
        yield
    except (FormatError, NotPlain):
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


def _translated(rows: Iterator[tuple[Any, ...]], name: str) -> Iterator[tuple[Any, ...]]:
    """The rows as openpyxl reads them; a failure part way (a damaged sheet) is a
    FormatError, and nothing read before it is kept, as the whole file is refused."""
    while True:
        with _unreadable(name):
            row = next(rows, None)
        if row is None:
            return
        yield row


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
_CELL_STARTS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r", b"<c\x0b", b"<c\x0c")


def _cell_tags(xml: bytes) -> int:
    """The cell tags (`<c ...>`) in a piece of a sheet's XML: counted by bytes.count, which
    is several times quicker than the expression, used only where a tag may have a prefix
    (`<x:c`). When every `<c` is followed by a space (all a sheet's rows hold, as a rule),
    those are the tags, counted in two passes rather than one for each way a tag starts."""
    if b":c" in xml:
        return len(_CELL_TAG.findall(xml))
    spaced = xml.count(b"<c ")
    if xml.count(b"<c") == spaced:
        return spaced
    return sum(xml.count(start) for start in _CELL_STARTS)


def _declared_columns(sheet: Any, name: str) -> int:
    """The columns to read, after refusing a sheet that declares more than MAX_XLSX_CELLS
    cells (rows are padded to its width)."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if columns > MAX_CSV_COLUMNS or rows * min(columns, MAX_CSV_COLUMNS) > MAX_XLSX_CELLS:
        raise _too_many_cells(name, f"{rows:,} rows by {columns:,} columns")
    return min(columns, MAX_CSV_COLUMNS) if columns else MAX_CSV_COLUMNS


def _count_cells(data: bytes, sheet: Any, name: str) -> None:
    """Refuse a sheet whose XML holds more than MAX_XLSX_CELLS cells, counted in chunks
    without parsing it (so one row of a million cells is not parsed either)."""
    cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet._worksheet_path) as xml:
        tail = b""
        while chunk := xml.read(1024 * 1024):
            joined = tail + chunk
            cells += _cell_tags(joined) - _cell_tags(tail)
            tail = joined[-16:]
            if cells > MAX_XLSX_CELLS:
                raise _too_many_cells(name, f"more than {MAX_XLSX_CELLS:,} cells")


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


def parse_rows(rows: Iterable[Sequence[Any]], *, xlsx: bool = False) -> FeedResult:
    """The activities of a sheet's rows, read one by one: the rows may be a stream."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise FormatError([Problem("", "the spreadsheet is empty; it needs a header row")])
    columns = {}
    cautions: list[Problem] = []
    for index, name in enumerate(header):
        key = _fold(str(name)) if name is not None else ""
        if key and key not in columns:
            columns[key] = index
    known = {_fold(h) for h, _ in COLUMNS + COLUMNS_AFTER}
    unknown = [
        str(header[i])
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
    sheet = SheetColumns(columns)
    for number, cells in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise FormatError([Problem("", f"more than {MAX_ROWS} rows")])
        row = _RowReader(cells, sheet, xlsx)
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
