"""Writing the spreadsheet template as an .xlsx workbook, a row at a time.

The workbook's parts are written straight into the zip as XML (ECMA-376, SpreadsheetML):
each row is made, written and forgotten. openpyxl, which the reader uses, built an object
for every cell (2.1 GB and 57 s for 100,000 activities). Text goes in a shared-strings
table, each different text once, written after the sheets: a directory says the same words
in row after row (100,000 activities: 2.5 million text cells, 340,000 different texts), and
openpyxl reads a shared text once rather than parsing it in every cell (an inline string
cost it twice the time a row). What the table holds is the directory's own text, already in
memory. Blank cells are left out, as Excel does.
"""

from __future__ import annotations

import math
import time
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, NamedTuple

from navigator.formats.spreadsheet.columns import Cell, _xml_safe

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CONTENT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CONTENT}.worksheet+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{_CONTENT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CONTENT}.styles+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CONTENT}.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _XML + f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
    f'Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    _XML + f'<Relationships xmlns="{_PACKAGE}">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId4" Type="{_RELATIONSHIPS}/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
# The least stylesheet Excel opens without a repair: one font, the two fills it requires,
# one border and the "Normal" style that every cell uses.
_STYLES = (
    _XML + f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    'builtinId="0"/></cellStyles></styleSheet>'
)
_ROWS_A_WRITE = 500  # rows joined into one piece of text before it is compressed


class Sheet(NamedTuple):
    """One sheet to write: its rows may be a generator, `row_count` says how many it gives
    (for the sheet's declared size, which readers use to know its shape before reading)."""

    name: str
    header: list[str]
    rows: Iterable[Sequence[Cell]]
    row_count: int


def write_workbook(out: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write an .xlsx workbook to `out`, each sheet's rows as they come (a row's text cells
    as they should read; they are always text, never a formula)."""
    now = time.localtime()[:6]

    def part(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=now)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(part("[Content_Types].xml"), _CONTENT_TYPES)
        archive.writestr(part("_rels/.rels"), _ROOT_RELS)
        archive.writestr(part("xl/_rels/workbook.xml.rels"), _WORKBOOK_RELS)
        archive.writestr(part("xl/styles.xml"), _STYLES)
        listed = "".join(
            f'<sheet name="{_escape(sheet.name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, sheet in enumerate(sheets, start=1)
        )
        archive.writestr(
            part("xl/workbook.xml"),
            _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f"<sheets>{listed}</sheets></workbook>",
        )
        strings: dict[str, int] = {}  # each different text and its place in the table
        for n, sheet in enumerate(sheets, start=1):
            # Not force_zip64: it writes local headers Excel is reported to refuse, and a part
            # over 2 GiB (millions of activities) is refused by zipfile with an error instead.
            with archive.open(part(f"xl/worksheets/sheet{n}.xml"), "w") as xml:
                _write_sheet(xml, sheet, strings)
        with archive.open(part("xl/sharedStrings.xml"), "w") as xml:
            _write_strings(xml, strings)


def _write_strings(part: IO[bytes], strings: dict[str, int]) -> None:
    """The shared-strings table: each text once, in the order the cells first used it."""
    part.write(f'{_XML}<sst xmlns="{_MAIN}" uniqueCount="{len(strings)}">'.encode())
    pieces = []
    for text in strings:
        text = _xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        space = ' xml:space="preserve"' if text != text.strip() else ""
        pieces.append(f"<si><t{space}>{text}</t></si>")
        if len(pieces) >= _ROWS_A_WRITE * 20:
            part.write("".join(pieces).encode())
            pieces = []
    pieces.append("</sst>")
    part.write("".join(pieces).encode())


def _write_sheet(part: IO[bytes], sheet: Sheet, strings: dict[str, int]) -> None:
    letters = [_column_letters(i) for i in range(len(sheet.header))]
    size = f"A1:{letters[-1]}{sheet.row_count + 1}" if letters else "A1"
    part.write(f'{_XML}<worksheet xmlns="{_MAIN}"><dimension ref="{size}"/><sheetData>'.encode())
    head, rows = sheet.header, sheet.rows
    pieces = [_row(1, head, letters, strings)]
    for number, row in enumerate(rows, start=2):
        pieces.append(_row(number, row, letters, strings))
        if len(pieces) >= _ROWS_A_WRITE:
            part.write("".join(pieces).encode())
            pieces = []
    pieces.append("</sheetData></worksheet>")
    part.write("".join(pieces).encode())


def _row(number: int, cells: Sequence[Cell], letters: list[str], strings: dict[str, int]) -> str:
    r = str(number)
    out = [f'<row r="{r}">']
    for letter, cell in zip(letters, cells, strict=True):  # a cell past the header: a bug
        if cell is None or cell == "":
            continue  # a blank cell is simply not there
        if isinstance(cell, bool):  # before int: a bool is one, but repr gives "True"
            out.append(f'<c r="{letter}{r}" t="b"><v>{int(cell)}</v></c>')
            continue
        if isinstance(cell, float) and not math.isfinite(cell):
            cell = repr(cell)  # no number in XML: written as its text
        if isinstance(cell, str):  # text, never a formula: t="s" is a shared string
            index = strings.setdefault(cell, len(strings))
            out.append(f'<c r="{letter}{r}" t="s"><v>{index}</v></c>')
        else:  # int or float: repr gives the shortest text that reads back the same number
            out.append(f'<c r="{letter}{r}"><v>{cell!r}</v></c>')
    out.append("</row>")
    return "".join(out)


def _escape(text: str) -> str:
    """Text for an XML attribute in double quotes."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def _column_letters(index: int) -> str:
    """A column's name from its 0-based index: A ... Z, AA ... ZZ, AAA ..."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
