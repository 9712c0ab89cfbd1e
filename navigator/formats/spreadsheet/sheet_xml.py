"""A workbook's shared strings and one sheet's rows read straight from their XML (issue 17):
several times quicker than openpyxl's reader, which makes a Python object and several calls
for every element of every cell (a 100,000-activity export: 2.8 million cells).

Only the shapes Excel, LibreOffice and Navigator write are read here, and read the way
openpyxl reads them (`read.py` compares the two in tests/formats/test_sheet_xml.py): rows
of `<c>` cells with r, s and t attributes in that order, a value in `<v>`, a formula before
it, an inline string in `<is><t>`; shared strings of one `<t>` or of runs (`<r>`). Each
piece of the sheet is matched whole by the expressions below, which admit well-formed XML
only; the parts before and after the rows (and the start of each part, for a DTD) go
through expat. Anything else raises `NotPlain`, and the caller reads the workbook with
openpyxl as before: a different shape costs time, never a different reading.

The XML is read from the zip a megabyte at a time and cut after the last complete row (or
string), so memory holds one piece, not the sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CHUNK = 1 << 20
# A row (or a shared string) longer than this is left to openpyxl, so a piece stays small.
MAX_PIECE = 32 << 20


class NotPlain(Exception):
    """The part is not in a shape read here: read the workbook with openpyxl instead."""


class _Other(Exception):
    """A cell the quick loop leaves to the cell-by-cell one."""


class _Found(Exception):
    """Stops expat at the start tag looked for."""


# XML's characters, less those that need care: markup, line ends (a parser turns \r\n into
# \n) and the ones XML forbids, which are left to the real parser to refuse.
_CHARS = r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"
_TEXT = _CHARS + r"(?:&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);" + _CHARS + r")*"
_VALUE = r'"[^"<&\x00-\x1f\ufffe\uffff]*"'
_SPACE = r"[ \t\r\n]*"
_JUNK = r"([^ \t\r\n])"  # anything else in a row: the row is not read here

# A cell as Navigator writes it: r, perhaps t, and a value of plain characters.
_SIMPLE_CELL = re.compile(
    r'<c r="([A-Z]{1,3})[1-9][0-9]*"(?: t="([a-zA-Z]+)")?><v>(' + _CHARS + r")</v></c>|" + _JUNK
)
# Any cell read here: r (or none: the next column), s, t; a formula (ignored: openpyxl is
# asked for the values); a value; an inline string.
_CELL = re.compile(
    r'<c(?: r="([A-Z]{1,3})[1-9][0-9]*")?(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    r"(?:/>|>"
    r"(?:<f((?: [a-zA-Z0-9]+=" + _VALUE + r")*)(?:/>|>" + _TEXT + r"</f>))?"
    r"(?:<v>(" + _TEXT + r")</v>|<v/>)?"
    r'(<is>(?:<t(?: xml:space="preserve")?>(' + _TEXT + r")</t>|<t/>)</is>|<is/>)?"
    r"</c>)|" + _JUNK
)
_NAME = r"[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?"
_ROW_START = re.compile(_SPACE + r"<row((?: " + _NAME + "=" + _VALUE + r")*)(/?)>")
_ATTRIBUTE = re.compile(r" (" + _NAME + r')="([^"]*)"')
_CHAR_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# A shared string: one <t>, or runs each of an optional <rPr> of font settings and a <t>.
_T = r'(?:<t(?: xml:space="preserve")?>' + _TEXT + r"</t>|<t/>)"
_FONT = (
    r"<(?:rFont|charset|family|b|i|strike|outline|shadow|condense|extend|color|sz|u|"
    r"vertAlign|scheme)(?: [a-zA-Z]+=" + _VALUE + r")*/>"
)
_RUN = r"<r>(?:<rPr>(?:" + _FONT + r")*</rPr>|<rPr/>)?" + _T + r"</r>"
_STRING = re.compile(
    r'<si><t(?: xml:space="preserve")?>('
    + r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"
    + r")</t></si>|<si>((?:"
    + _T
    + r"|(?:"
    + _RUN
    + r")+)?)</si>|"
    + _JUNK
)
_TEXT_OF = re.compile(r'<t(?: xml:space="preserve")?>(' + _TEXT + r")</t>")
_TAG_ATTRIBUTES = re.compile(r"<[a-zA-Z]+((?: [a-zA-Z0-9]+=" + _VALUE + r")+)/?>")
_SST_START = re.compile(
    rb"<sst(?:[ \t\r\n]+[^ \t\r\n=/>]+[ \t\r\n]*=[ \t\r\n]*"
    rb"(?:\"[^\"]*\"|'[^']*'))*[ \t\r\n]*>"
)


def _column_numbers() -> dict[str, int]:
    """Column letters to their index from 0, A to ZZZ (openpyxl reads up to ZZZ)."""
    letters = [chr(code) for code in range(65, 91)]
    names = letters + [a + b for a in letters for b in letters]
    names += [a + b for a in letters for b in names[26:]]
    return {name: index for index, name in enumerate(names)}


_COLUMNS = _column_numbers()


def _xml_character(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def _unescape(text: str) -> str:
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _decoded(piece: bytes) -> str:
    """A piece of UTF-8 XML as text, after what the expressions cannot see: a `]]>` in text
    and a character reference to a character XML does not allow are both errors."""
    try:
        text = piece.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotPlain from error
    if "]]>" in text:
        raise NotPlain
    if "&#" in text:
        for number in _CHAR_REFERENCE.findall(text):
            code = int(number[1:], 16) if number[0] == "x" else int(number)
            if not _xml_character(code):
                raise NotPlain
    return text


class _Head:
    """A part read by expat up to the start tag of the element its body follows."""

    def __init__(self, stream: IO[bytes], found: Callable[[str], bool], refused: str) -> None:
        self.data = b""
        self.index = -1
        self.prefixes: list[str | None] = []
        self.encoding: str | None = None
        self.name = ""
        parser = expat.ParserCreate(namespace_separator="}")
        parser.XmlDeclHandler = self._declaration

        def start(name: str, _attributes: Any) -> None:
            if found(name):
                self.index, self.name = parser.CurrentByteIndex, name
                raise _Found
            if name == refused:  # a row or string openpyxl reads where this does not look
                raise NotPlain

        parser.StartElementHandler = start
        parser.StartNamespaceDeclHandler = lambda prefix, _uri: self.prefixes.append(prefix)
        parser.EndNamespaceDeclHandler = lambda prefix: self.prefixes.remove(prefix)
        parser.StartDoctypeDeclHandler = _refuse
        try:
            while chunk := stream.read(CHUNK):
                self.data += chunk
                if len(self.data) > MAX_PIECE:
                    raise NotPlain
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Found:
            pass
        except expat.ExpatError as error:
            raise NotPlain from error
        if self.index < 0 or self.data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise NotPlain
        if self.encoding is not None and self.encoding.casefold() not in ("utf-8", "utf8"):
            raise NotPlain

    def _declaration(self, _version: str, encoding: str | None, _standalone: int) -> None:
        self.encoding = encoding


def _refuse(*_args: Any) -> None:
    raise NotPlain


class _Doctype(Exception):
    pass


def declares_doctype(stream: IO[bytes]) -> bool:
    """Whether a part declares a document type (where entities are declared) before its
    first element; a part that is not XML is left to the reader that needs it to say so."""
    parser = expat.ParserCreate()

    def doctype(*_args: Any) -> None:
        raise _Doctype

    def start(*_args: Any) -> None:
        raise _Found

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Doctype:
        return True
    except (_Found, expat.ExpatError):
        pass
    return False


def _check_rest(head: bytes, rest: bytes, stream: IO[bytes], refused: str) -> None:
    """The part less its body (head, then what follows the body) is well-formed XML and
    holds no element openpyxl would read as a row or a string."""
    parser = expat.ParserCreate(namespace_separator="}")

    def start(name: str, _attributes: Any) -> None:
        if name == refused:
            raise NotPlain

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse
    try:
        parser.Parse(head, False)
        parser.Parse(rest, False)
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise NotPlain from error


def _pieces(stream: IO[bytes], pending: bytes, end: bytes, closing: bytes) -> Iterator[bytes]:
    """The body after the head, a piece at a time, each ending just after an `end` tag;
    last, what is left from the `closing` tag on (`closing` must follow the last `end`)."""
    while True:
        cut = pending.rfind(end)
        if cut >= 0:
            cut += len(end)
            yield pending[:cut]
            pending = pending[cut:]
        if closing in pending:
            yield pending
            return
        chunk = stream.read(CHUNK)
        if not chunk:
            raise NotPlain
        pending += chunk
        if len(pending) > MAX_PIECE:
            raise NotPlain


def read_shared_strings(stream: IO[bytes]) -> list[str]:
    """The shared-strings table, as openpyxl's `read_string_table` gives it (each string's
    text, its runs joined, with "x005F_" taken out)."""
    head = _Head(stream, lambda name: True, "")
    if not head.data.startswith(b"<sst", head.index) or head.index < 0:
        raise NotPlain
    start = _SST_START.match(head.data, head.index)
    if start is None or head.data[start.end() - 2 : start.end()] == b"/>":
        raise NotPlain
    if head.name != f"{MAIN}}}sst":
        raise NotPlain
    strings: list[str] = []
    for piece in _pieces(stream, head.data[start.end() :], b"</si>", b"</sst>"):
        if piece.startswith(b"</sst>") or b"</si>" not in piece:
            rest = piece.lstrip(b" \t\r\n")
            if not rest.startswith(b"</sst>"):
                raise NotPlain
            _check_rest(head.data[: start.end()], rest, stream, f"{MAIN}}}si")
            break
        _strings(_decoded(piece), strings)
    if any("x005F_" in text for text in strings):
        strings = [text.replace("x005F_", "") for text in strings]
    return strings


def _strings(text: str, strings: list[str]) -> None:
    found = _STRING.findall(text)
    if not found:
        return
    simple, rich, junk = zip(*found, strict=True)
    if any(junk):
        raise NotPlain
    if not any(rich):
        strings.extend(simple)
        return
    for plain, runs in zip(simple, rich, strict=True):
        strings.append(_joined(runs) if runs else plain)


def _joined(runs: str) -> str:
    """A string of runs (or a <t> with entities): its texts joined, as openpyxl's
    `Text.content` does; a tag with an attribute twice is not well-formed."""
    for attributes in _TAG_ATTRIBUTES.findall(runs):
        names = _ATTRIBUTE.findall(attributes)
        if len({name for name, _ in names}) != len(names):
            raise NotPlain
    return "".join(_unescape(text) for text in _TEXT_OF.findall(runs))


# Rows.


class SheetRows:
    """The rows of a sheet as openpyxl's parser gives them: (row number, values), each row
    padded to `width` columns."""

    def __init__(
        self,
        stream: IO[bytes],
        *,
        width: int,
        strings: Sequence[str],
        date_formats: set[int],
        timedelta_formats: set[int],
        epoch: dt.datetime,
        counted: Callable[[bytes], None],
    ) -> None:
        self._stream = stream
        self._width = width
        self._strings = strings
        self._dates = date_formats
        self._durations = timedelta_formats
        self._epoch = epoch
        self._counted = counted
        self._empty = (None,) * width
        self._number = 0
        self._prefixes: set[str] = set()
        self._date0 = 0 in date_formats  # a number of the default style would be a date

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        head = _Head(self._stream, lambda name: name == f"{MAIN}}}sheetData", f"{MAIN}}}row")
        if not head.data.startswith(b"<sheetData>", head.index):
            raise NotPlain  # prefixed, with attributes, or empty (<sheetData/>)
        self._prefixes = {prefix for prefix in head.prefixes if prefix}
        start = head.index + len(b"<sheetData>")
        for piece in _pieces(self._stream, head.data[start:], b"</row>", b"</sheetData>"):
            closing = piece.find(b"</sheetData>")
            if closing >= 0:
                text = _decoded(piece[:closing])
                position = 0
                while match := _ROW_START.match(text, position):
                    if not match.group(2):
                        raise NotPlain
                    yield self._row_number(match.group(1)), self._empty
                    position = match.end()
                if text[position:].strip(" \t\r\n"):
                    raise NotPlain
                _check_rest(head.data[:start], piece[closing:], self._stream, f"{MAIN}}}row")
                return
            self._counted(piece)
            yield from self._rows(_decoded(piece))

    def _rows(self, text: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        pieces = text.split("</row>")
        if pieces.pop().strip(" \t\r\n"):
            raise NotPlain
        for piece in pieces:
            position = 0
            while True:
                match = _ROW_START.match(piece, position)
                if match is None:
                    raise NotPlain
                number = self._row_number(match.group(1))
                if match.group(2):  # <row/>: an empty row
                    yield number, self._empty
                    position = match.end()
                    continue
                yield number, self._cells(piece[match.end() :])
                break

    def _row_number(self, attributes: str) -> int:
        """The row's number, as openpyxl's `parse_row` takes it: r, or the one after."""
        if attributes.startswith(' r="') and attributes.count('"') == 2:
            given: str | None = attributes[4:-1]
        else:
            pairs = _ATTRIBUTE.findall(attributes)
            names = [name for name, _ in pairs]
            local = [name.partition(":")[2] for name in names if ":" in name]
            if (
                len(set(names)) != len(names)
                or len(set(local)) != len(local)
                or any(
                    name.startswith("xmlns")
                    or (":" in name and name.partition(":")[0] not in self._prefixes | {"xml"})
                    for name in names
                )
            ):
                raise NotPlain  # not well-formed, or a namespace to work out
            given = dict(pairs).get("r")
        if given is None:
            self._number += 1
        else:
            try:
                self._number = int(given)
            except ValueError:
                number = float(given)
                if not number.is_integer():
                    raise ValueError(f"{given} is not a valid row number") from None
                self._number = int(number)
        return self._number

    def _cells(self, content: str) -> tuple[Any, ...]:
        """A row's values: cells as Navigator writes them (shared text, numbers) here, in
        one loop; a row with any other cell, cell by cell in `_cells_one_by_one`."""
        row: list[Any] = [None] * self._width
        value: Any
        width, strings, columns = self._width, self._strings, _COLUMNS
        try:
            for letters, kind, given, junk in _SIMPLE_CELL.findall(content):
                if kind == "s":
                    value = strings[int(given)]
                elif kind == "b" and given:
                    value = bool(int(given))
                elif kind or junk or not given or self._date0:
                    raise _Other
                elif "." in given or "E" in given or "e" in given:
                    value = float(given)
                else:
                    value = int(given)
                if (column := columns[letters]) < width:
                    row[column] = value
        except (_Other, IndexError, ValueError):  # raised again there, if openpyxl would
            return self._cells_one_by_one(content)
        return tuple(row)

    def _cells_one_by_one(self, content: str) -> tuple[Any, ...]:
        """openpyxl's `parse_cell` and `_get_row`, for any cell the expression admits."""
        row: list[Any] = [None] * self._width
        column = 0
        for letters, style, kind, formula, given, inline, inline_text, junk in _CELL.findall(
            content
        ):
            if junk:
                raise NotPlain
            if formula and len(names := _ATTRIBUTE.findall(formula)) != len(dict(names)):
                raise NotPlain
            column = _COLUMNS[letters] + 1 if letters else column + 1
            kind = kind or "n"
            value: Any
            if kind == "inlineStr":
                value = _unescape(inline_text) if inline else None
            else:
                value = _unescape(given) or None
                if value is not None:
                    value = self._typed(value, kind, int(style) if style else 0, letters)
            if column <= self._width:
                row[column - 1] = value
        return tuple(row)

    def _typed(self, value: str, kind: str, style: int, where: str) -> Any:
        if kind == "n":
            number = _number(value)
            if style in self._dates:
                from openpyxl.utils.datetime import from_excel

                try:
                    return from_excel(number, self._epoch, timedelta=style in self._durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # as openpyxl: a date out of range is an error cell
            return number
        if kind == "s":
            return self._strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(value)  # type: ignore[no-untyped-call]
        return value  # str, e, and types openpyxl does not know: the text


def _number(value: str) -> int | float:
    """openpyxl's `_cast_number`."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def padded_rows(
    rows: Iterator[tuple[int, tuple[Any, ...]]] | SheetRows, max_row: int | None, width: int
) -> Iterator[tuple[Any, ...]]:
    """openpyxl's `ReadOnlyWorksheet._cells_by_row` from row 1: a missing row as empty
    cells, nothing past the sheet's declared last row, and empty rows up to it."""
    empty = (None,) * width
    counter = index = 1
    for index, row in rows:
        if max_row is not None and index > max_row:
            break
        for _ in range(counter, index):
            counter += 1
            yield empty
        if counter <= index:
            counter += 1
            yield row
    if max_row is not None and max_row < index:
        for _ in range(counter, max_row + 1):
            yield empty
