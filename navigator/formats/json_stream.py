"""Reading a large JSON file one record at a time, so memory stays bounded whatever its size.

A directory file is one object or list whose bulk is one list of records (a native file's
`activities`, a feed's `contents`). `JsonStream` walks the top level itself and hands each
record of such a list over as it is parsed, then forgets it; everything else at the top
level (a header, paging fields) is parsed whole. Each value is parsed by `json`'s own C
decoder (`JSONDecoder.raw_decode`) from a window of text read in chunks, so it is as fast
as `json.loads`, gives the same messages, and holds one record at a time, never the file.

Why not ijson: the C-speed path of an incremental parser builds whole values at a prefix,
and the pure-Python one costs a Python call per token (several seconds for 100,000 services);
here Python runs once per record and `json` does the rest.

The limits: one value (a record, or any other top-level value) may be at most
MAX_RECORD_CHARS characters, and a list at most MAX_RECORDS records; memory is then about one
record's worth plus what the reader keeps of each (docs/reliability.md has the figures).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from navigator.formats.reading import FormatError, Problem, check_regular_file, json_failure

# One record (a service, an activity) is a few kilobytes; a hand-kept one with every text at
# its longest is under 200 KB. A value longer than this is refused, which bounds what one
# parse can cost (a value costs up to about 60 times its characters in memory).
MAX_RECORD_CHARS = 4 * 1024 * 1024
# Ten times the largest directory we know of; what the readers keep grows with it (about
# 2 KB an activity), so this bounds their memory (docs/reliability.md).
MAX_RECORDS = 200_000
# Text is read in chunks of this many bytes (more when one value is longer).
CHUNK_BYTES = 1024 * 1024
# A value is parsed only when at least this much text is left in the window (or the file has
# ended): a parse cut short by the window's end costs a failed parse and its error, whose
# line and column `json` counts over the whole window (0.2 s for a 500 MB file).
_READ_AHEAD_CHARS = 256 * 1024

_SPACE = re.compile(r"[ \t\n\r]*")


class NotUtf8Error(FormatError):
    """The file is not UTF-8 at byte `position` (a feed may then be read as Windows-1252)."""

    def __init__(self, name: str, position: int) -> None:
        super().__init__(
            [Problem("", f"{name} is not UTF-8 text (bad byte at position {position})")]
        )
        self.position = position


def open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for reading if it is an ordinary file; a FIFO, a device or a folder is
    refused first with one line (`check_regular_file`), and it is opened without waiting
    (O_NONBLOCK) and checked again, in case it changed in between."""
    check_regular_file(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    file = os.fdopen(handle, "rb")
    if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
        file.close()
        raise FormatError([Problem("", f"cannot read {path.name}: it is not a file")])
    return file


class JsonStream:
    """One JSON document read from a binary file, a top-level value at a time.

    `start()` says what the document is ("{", "[", or "" for anything else); then `members`
    (an object) or `items` (a list) walk it, or `value` reads it whole; `finish` checks that
    nothing follows. Any fault is a FormatError with one line naming the file."""

    def __init__(
        self,
        file: BinaryIO,
        name: str,
        *,
        encoding: str = "utf-8-sig",
        parse_constant: Callable[[str], Any] | None = None,
        max_value_chars: int = MAX_RECORD_CHARS,
        max_records: int = MAX_RECORDS,
        noun: str = "records",
    ) -> None:
        self._file = file
        self.name = name
        self._decode = codecs.getincrementaldecoder(encoding)("strict").decode
        self._encoding = encoding
        self._decoder = json.JSONDecoder(parse_constant=parse_constant or _no_constant)
        self._max_value = max_value_chars
        self._max_records = max_records
        self._noun = noun
        self._text = ""  # the window of text read but not yet parsed, from self._pos
        self._pos = 0
        self._eof = False
        self._bytes_read = 0
        # Where the window starts in the file, for messages: lines before it, and the
        # column of its first character.
        self._lines_before = 0
        self._column_before = 0

    # Reading text ---------------------------------------------------------------------------

    def _more(self, at_least: int = 0) -> bool:
        """Read another chunk into the window, dropping what has been parsed; False at the
        end of the file."""
        if self._eof:
            return False
        raw = self._file.read(max(CHUNK_BYTES, at_least))
        try:
            text = self._decode(raw, not raw)
        except UnicodeDecodeError as error:
            raise NotUtf8Error(self.name, self._bytes_read + error.start) from error
        self._bytes_read += len(raw)
        if not raw:
            self._eof = True
        # Counted in place: a copy of what was parsed would be another megabyte a chunk.
        lines = self._text.count("\n", 0, self._pos)
        if lines:
            self._lines_before += lines
            self._column_before = self._pos - self._text.rfind("\n", 0, self._pos) - 1
        else:
            self._column_before += self._pos
        self._text = self._text[self._pos :] + text
        self._pos = 0
        return bool(raw) or bool(text)

    def _next_char(self) -> str:
        """The next character that is not white space ("" at the end), without taking it."""
        while True:
            self._pos = _SPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._more():
                return ""

    def _take(self, char: str, expecting: str) -> None:
        if self._next_char() != char:
            self._fail(f"Expecting {expecting}", self._pos)
        self._pos += 1

    # Values ---------------------------------------------------------------------------------

    def value(self) -> Any:
        """The next value, parsed whole (at most `max_value_chars` characters)."""
        self._next_char()
        if not self._eof and len(self._text) - self._pos < _READ_AHEAD_CHARS:
            self._more()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                if self._eof:
                    self._fail(error.msg, error.pos)
            except (ValueError, RecursionError) as error:
                raise FormatError([Problem("", json_failure(self.name, error))]) from error
            else:
                # A number or word cut at the window's end would parse short ("10." of
                # "10.5", "1e" of "1e+9" leave up to two characters): read on.
                cut = 3 if isinstance(value, int | float) and not isinstance(value, bool) else 1
                if end + cut <= len(self._text) or self._eof:
                    if end - self._pos > self._max_value:
                        self._too_large()
                    self._pos = end
                    return value
            if len(self._text) - self._pos > self._max_value:
                self._too_large()
            self._more(at_least=len(self._text) - self._pos)  # grow the window: no re-reads

    def _too_large(self) -> NoReturn:
        size = f"{self._max_value / 2**20:g} MB" if self._max_value >= 2**20 else "its limit"
        raise FormatError(
            [
                Problem(
                    "",
                    f"{self.name} is too large to read: it holds one value of more than "
                    f"{size} at {self._where(self._pos)} (a record is a few kilobytes)",
                )
            ]
        )

    def start(self) -> str:
        """'{' for an object, '[' for a list, '' for anything else; refuses an empty file."""
        char = self._next_char()
        if not char:
            raise FormatError([Problem("", f"{self.name} is empty")])
        return char if char in "{[" else ""

    def items(self) -> Iterator[Any]:
        """The values of the list that starts here, one at a time."""
        self._take("[", "value")
        if self._next_char() == "]":
            self._pos += 1
            return
        for count in range(self._max_records + 1):
            if count == self._max_records:
                raise FormatError(
                    [
                        Problem(
                            "",
                            f"{self.name} holds more than {self._max_records:,} {self._noun}, "
                            "more than any directory needs; split it into smaller files",
                        )
                    ]
                )
            yield self.value()
            char = self._next_char()
            if char == "]":
                self._pos += 1
                return
            if char != ",":
                self._fail("Expecting ',' delimiter", self._pos)
            self._pos += 1

    def members(self, streamed: Collection[str] = ()) -> Iterator[tuple[str, Any]]:
        """(key, value) for each member of the object that starts here. A key in `streamed`
        whose value is a list comes with an iterator of its items instead (read them before
        asking for the next member, or they are skipped, each still parsed)."""
        self._take("{", "property name enclosed in double quotes")
        if self._next_char() == "}":
            self._pos += 1
            return
        while True:
            if self._next_char() != '"':
                self._fail("Expecting property name enclosed in double quotes", self._pos)
            key = self.value()
            self._take(":", "':' delimiter")
            if key in streamed and self._next_char() == "[":
                records = self.items()
                yield key, records
                for _ in records:  # what the caller did not read
                    pass
            else:
                yield key, self.value()
            char = self._next_char()
            if char == "}":
                self._pos += 1
                return
            if char != ",":
                self._fail("Expecting ',' delimiter", self._pos)
            self._pos += 1

    def finish(self) -> None:
        """Nothing but white space may follow the document."""
        if self._next_char():
            self._fail("Extra data", self._pos)

    # Messages -------------------------------------------------------------------------------

    def _where(self, pos: int) -> str:
        lines = self._text.count("\n", 0, pos)
        # On the window's first line, the column counts from the window's start.
        column = pos - self._text.rfind("\n", 0, pos) if lines else self._column_before + pos + 1
        return f"line {self._lines_before + lines + 1} column {column}"

    def _fail(self, message: str, pos: int) -> NoReturn:
        where = "" if message.endswith(" at") else " at"  # "Unterminated string starting at"
        raise FormatError(
            [Problem("", f"{self.name} is not valid JSON: {message}{where} {self._where(pos)}")]
        )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
