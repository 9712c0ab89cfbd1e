"""Tidying what outside feeds send: encodings, HTML in text fields, language names.

Council feeds and hand-made spreadsheets arrive as cp1252 as often as UTF-8, and their
descriptions are HTML. Everything here turns such input into the plain text and codes the
directory holds, and never raises on odd input. The language table and `language_code`
live in `languages` (a data table) and are importable from here too.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from navigator.domain.directory import Activity
from navigator.formats.languages import LANGUAGE_NAMES, language_code
from navigator.formats.reading import FormatError, Problem, check_regular_file

__all__ = [
    "LANGUAGE_NAMES",
    "MAX_CSV_BYTES",
    "MAX_CSV_CELLS",
    "MAX_CSV_COLUMNS",
    "MAX_CSV_ROWS",
    "MAX_HTML_CHARS",
    "MAX_STREAMED_CSV_CELLS",
    "FeedResult",
    "bounded_rows",
    "clean_text",
    "decode_text",
    "html_to_text",
    "language_code",
    "plain_text",
    "protect_text",
    "read_csv_rows",
    "step_free_from_text",
    "stream_csv_rows",
]

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What a feed reader found: whole activities, records it refused, and things to check.

    `rejected` names each record left out and why; `cautions` name what was imported but
    guessed or dropped (a schedule we cannot express, a category inferred from the text).
    """

    activities: tuple[Activity, ...]
    rejected: tuple[Problem, ...] = ()
    cautions: tuple[Problem, ...] = ()
    # What the file held that Navigator could not keep, by field: ("eligibility", 12)
    # means twelve records had an eligibility text that has no home in the directory.
    left_out: tuple[tuple[str, int], ...] = ()


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel writes."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is neither UTF-8 nor Windows-1252 text (bad "
                    f"byte at position {error.start})",
                )
            ]
        ) from error


T = TypeVar("T")

# CSV -----------------------------------------------------------------------------------------

# Limits on a CSV file (a spreadsheet, or each table of an HSDS package), checked as its rows
# stream in, so a hostile file is refused when it passes one, never read whole first. A row
# costs memory by its cells (about 60 bytes each besides its text), so cells are what is
# counted; docs/reliability.md has the time and memory measured at each.
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_CSV_ROWS = 200_000  # ten times the largest directory we know of
MAX_CSV_CELLS = 4_000_000  # 20,000 rows of the template's 200 columns, held at once
# A file read a row at a time (the spreadsheet template) holds one row's cells at once
# (MAX_CSV_COLUMNS); its cells in all are bounded for the time they take to read:
# MAX_CSV_ROWS rows of a 100-column sheet (the template has 59 to 100 with its sessions).
MAX_STREAMED_CSV_CELLS = 20_000_000
MAX_CSV_COLUMNS = 2_000


class _Capped(io.RawIOBase):
    """A file read through a byte cap: more than `limit` bytes is a FormatError."""

    def __init__(self, raw: io.BufferedReader, limit: int, name: str) -> None:
        super().__init__()
        self.raw, self.limit, self.name, self.count = raw, limit, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        got = self.raw.readinto(buffer)
        self.count += got or 0
        if self.count > self.limit:
            raise FormatError(
                [Problem("", f"{self.name} is too large: at most {self.limit // 2**20} MB")]
            )
        return got or 0


def read_csv_rows(
    path: Path,
    *,
    max_bytes: int = MAX_CSV_BYTES,
    max_rows: int = MAX_CSV_ROWS,
    max_cells: int = MAX_CSV_CELLS,
) -> list[list[str]]:
    """The rows of a CSV file in UTF-8 (with or without a byte-order mark), else Windows-1252
    as Excel writes it, read as a stream within the limits above and held whole (an HSDS
    package's tables are joined, so each is held)."""
    return stream_csv_rows(path, list, max_bytes=max_bytes, max_rows=max_rows, max_cells=max_cells)


def stream_csv_rows(
    path: Path,
    consume: Callable[[Iterator[list[str]]], T],
    *,
    max_bytes: int = MAX_CSV_BYTES,
    max_rows: int = MAX_CSV_ROWS,
    max_cells: int = MAX_STREAMED_CSV_CELLS,
) -> T:
    """`consume(rows)` over the rows of a CSV file as they are read, one at a time, within
    the limits (bytes, rows, columns a row, cells in all): a reader that keeps only what it
    makes of each row never holds the file's cells. In UTF-8, else Windows-1252: text that
    is not UTF-8 starts `consume` again from the first row."""
    path = Path(path)
    check_regular_file(path)  # before opening: a FIFO would wait for ever
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            # O_NONBLOCK: should the path become a FIFO after the check, opening does not wait.
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(handle, "rb") as raw:
                if not stat.S_ISREG(os.fstat(raw.fileno()).st_mode):
                    raise FormatError([Problem("", f"cannot read {path.name}: it is not a file")])
                capped = io.BufferedReader(_Capped(raw, max_bytes, path.name))
                text = io.TextIOWrapper(capped, encoding=encoding, newline="")
                return consume(
                    _bounded(csv.reader(text), path.name, max_rows=max_rows, max_cells=max_cells)
                )
        except UnicodeDecodeError:
            continue  # not UTF-8: read it again as Windows-1252
        except OSError as error:
            raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    raise FormatError([Problem("", f"{path.name} is neither UTF-8 nor Windows-1252 text")])


def bounded_rows(
    rows: Iterable[list[str]],
    name: str,
    *,
    max_rows: int = MAX_CSV_ROWS,
    max_cells: int = MAX_CSV_CELLS,
) -> list[list[str]]:
    """Rows from a csv.reader, counted as they come: past a limit, a FormatError."""
    return list(_bounded(rows, name, max_rows=max_rows, max_cells=max_cells))


def _bounded(
    rows: Iterable[list[str]], name: str, *, max_rows: int, max_cells: int
) -> Iterator[list[str]]:
    """Rows from a csv.reader, given on one at a time and counted: past a limit, a
    FormatError."""
    count = cells = 0
    iterator: Iterator[list[str]] = iter(rows)
    try:
        for row in iterator:
            cells += len(row)
            if len(row) > MAX_CSV_COLUMNS:
                raise _limit(
                    f"{name} has a row of {len(row):,} columns; at most {MAX_CSV_COLUMNS:,}"
                )
            if count >= max_rows:
                raise _limit(f"{name} has more than {max_rows:,} rows")
            if cells > max_cells:
                raise _limit(f"{name} has more than {max_cells:,} cells")
            count += 1
            yield row
    except csv.Error as error:
        line = getattr(iterator, "line_num", None)
        where = f" line {line}" if line else ""
        raise FormatError([Problem("", f"{name}{where}: {error}")]) from error


def _limit(message: str) -> FormatError:
    return FormatError([Problem("", f"{message}, more than any directory needs; split it")])


# HTML ----------------------------------------------------------------------------------------

# Something that starts a tag, comment or declaration; "a < b" and "<3" are just text.
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ENTITY_START = re.compile(r"&[#A-Za-z0-9]")
_COMPLETE_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
}
# Their content is code or styling, never words for a person to read.
_HIDDEN = {"script", "style", "template", "noscript", "iframe", "object", "svg", "head"}
# Markup this long is not a description; parsing it would only cost time.
MAX_HTML_CHARS = 1_000_000


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS and tag != "li":  # the next item starts its own line
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable plain text: tags gone, entities decoded, script and style content dropped,
    paragraphs kept as blank-line breaks."""
    collector = _TextCollector()
    try:
        collector.feed(markup[:MAX_HTML_CHARS])
        collector.close()
    except (AssertionError, ValueError):  # html.parser's rare complaints about broken markup
        return _squeeze(re.sub(r"<[^>]*>", " ", html.unescape(markup[:MAX_HTML_CHARS])))
    return _squeeze("".join(collector.parts))


def _squeeze(text: str) -> str:
    text = text.replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def clean_text(text: str) -> str:
    """Feed text as plain text. Text with no markup and no entities comes back unchanged,
    which is what lets `protect_text` output come back exactly."""
    if "<" not in text and "&" not in text:  # most text: nothing to look for
        return text
    if _TAG_START.search(text):
        # Feeds often escape their HTML twice ("&lt;p&gt;"); a few rounds undo that, so no
        # tag is left in what we keep.
        for _ in range(3):
            text = html_to_text(text)
            if not _COMPLETE_TAG.search(text):
                return text
        while _COMPLETE_TAG.search(text):  # broken markup the parser kept as text
            text = _COMPLETE_TAG.sub(" ", text)  # each pass shortens it, so this ends
        return text
    if _ENTITY_START.search(text):
        return html.unescape(text)
    return text


def plain_text(text: str) -> str:
    """`clean_text` for outside feeds: markup that was only escaped ("&lt;b&gt;") goes too.
    (Our own export must not go through this: its "&lt;b>" really is text.)"""
    text = clean_text(text)
    return clean_text(text) if "<" in text and _COMPLETE_TAG.search(text) else text


def protect_text(text: str) -> str:
    """Plain text written so that `clean_text` (ours or any HTML reader) gives it back
    exactly: only an "&" that would start an entity and a "<" that would start a tag are
    escaped, so ordinary text ("Tea & chat", "age < 18") is written as it is."""
    if "&" in text:
        text = _ENTITY_START.sub("&amp;", text)
    if "<" in text:
        text = _TAG_START.sub("&lt;", text)
    return text


_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


# Accessibility -------------------------------------------------------------------------------

# Said plainly that there is no step-free way in.
_NOT_STEP_FREE = re.compile(
    r"\b(no|not|without) (a |any )?(step[- ]?free|wheelchair|level access|disabled access"
    r"|lifts?|ramps?)\b"
    r"|\bsteps? only\b|\bstairs only\b|\bonly (by|via) (stairs|steps)\b"
    r"|\b(isn'?t|is not|are not|aren'?t) (step[- ]?free|wheelchair[- ]accessible|accessible)"
    r"|\b(unsuitable|not suitable) for wheelchairs?\b|\binaccessible\b"
    r"|\blifts? (is |are )?(not working|out of (order|service)|broken)"
    # A checklist's answer: "Wheelchair access: No", "Lift - none"
    r"|\b(step[- ]?free( access)?|wheelchair (access|accessible)|level access|lifts?|ramps?"
    r"|disabled access)\s*[:=-]\s*(no|none|false|n)\b",
    re.IGNORECASE,
)
# Some access, which does not make it step-free: "partial wheelchair access" (not known).
_PARTLY_STEP_FREE = re.compile(
    r"\b(partial|partially|partly|limited|some|restricted|not fully)\b[^.;]{0,25}"
    r"\b(access|accessible|wheelchair|step[- ]?free)",
    re.IGNORECASE,
)
_STEP_FREE = re.compile(
    r"\bstep[- ]?free\b|\bwheelchair[- ](access|accessible|friendly|users? welcome)"
    r"|\bwheelchair access\b|\blevel (access|entrance|entry)\b|\bramp(s|ed)?\b"
    r"|\bno (steps|stairs)\b|\blifts?\b|\bfully accessible\b|\bdisabled access\b"
    r"|\baccessible (entrance|building|venue)\b",
    re.IGNORECASE,
)
# "No lift needed" says nothing either way about steps at the door.
_NOT_NEEDED = re.compile(
    r"\bno (lifts?|ramps?) (is |are )?(needed|required|necessary)\b", re.IGNORECASE
)
# Steps on the way in, said without a "no": step-free only if nothing else says so.
_STEPS = re.compile(
    r"\b(\d+|a few|two|three|some) steps\b|\bsteps (to|at|into|up to)\b"
    r"|\bfirst floor\b|\bupstairs\b",
    re.IGNORECASE,
)


def step_free_from_text(texts: list[str]) -> bool | None:
    """True or False only where the venue's accessibility words clearly say so; None when
    they do not, or say only that some of it is accessible ("partial wheelchair access").
    Read accessibility texts only: in a description "a lift home" is not a lift."""
    return _step_free(tuple(texts)) if texts else None


@lru_cache(maxsize=1024)  # a feed words its places' access the same way again and again
def _step_free(texts: tuple[str, ...]) -> bool | None:
    joined = _NOT_NEEDED.sub(" ", " . ".join(texts))
    if _NOT_STEP_FREE.search(joined):
        return False
    if _PARTLY_STEP_FREE.search(joined):
        return None
    if _STEP_FREE.search(joined):
        return True
    if _STEPS.search(joined):
        return False
    return None
