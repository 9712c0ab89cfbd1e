"""A file's bytes and its JSON, read within the limits: ordinary files only
(`check_regular_file`), read in chunks that stop at the cap (`read_file_bytes`), and JSON
counted before it is parsed (`check_json_size`, `parse_json_bytes`), every failure a
`FormatError`."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from navigator.formats.problems import (
    MAX_FILE_BYTES,
    MAX_JSON_BYTES,
    MAX_JSON_VALUES,
    FormatError,
    Problem,
)

# A read is done in chunks of this size, so a file that grows while read (or /dev/zero
# behind a link) stops at the cap instead of being read whole first.
_CHUNK = 1024 * 1024


def check_regular_file(path: Path) -> int:
    """The size of `path` if it is an ordinary file, else a FormatError saying what it is,
    before anything opens it: opening a FIFO waits for a writer for ever, and a device such
    as /dev/zero (or a link to one) never ends. Links are followed to what they point to."""
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is a device
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    kind = (
        "a folder"
        if stat.S_ISDIR(info.st_mode)
        else "a pipe (FIFO)"
        if stat.S_ISFIFO(info.st_mode)
        else "a device"
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
        else "a socket"
        if stat.S_ISSOCK(info.st_mode)
        else "not an ordinary file"
    )
    raise FormatError([Problem("", f"cannot read {path.name}: it is {kind}, not a file")])


def read_file_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes, read in chunks that stop at
    the limit (a file growing while read, or lying about its size, is still refused)."""
    path = Path(path)
    check_regular_file(path)
    too_large = FormatError(
        [Problem("", f"{path.name} is too large: at most {limit // 2**20} MB can be read")]
    )
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, opening does not wait.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise FormatError([Problem("", f"cannot read {path.name}: it is not a file")])
            if os.fstat(file.fileno()).st_size > limit:
                raise too_large
            chunks, size = [], 0
            while chunk := file.read(min(_CHUNK, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise too_large
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    return b"".join(chunks)


def load_json_file(path: Path) -> Any:
    """Parse a JSON file, accepting a byte-order mark; any failure is a FormatError."""
    return parse_json_bytes(read_file_bytes(path, limit=MAX_JSON_BYTES), path.name)


# A JSON string, quotes and escapes included, as text and as bytes (no copy of either).
_JSON_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*"')


def _marks(raw: bytes | str) -> int:
    """Commas and opening brackets: an upper bound on the number of JSON values."""
    if isinstance(raw, str):
        return raw.count(",") + raw.count("[") + raw.count("{")
    return raw.count(b",") + raw.count(b"[") + raw.count(b"{")


def check_json_size(raw: bytes | str, name: str) -> None:
    """Refuse JSON holding more than MAX_JSON_VALUES values before parsing it, since parsing
    builds every one (10 MB of `0,` is five million). Every value but the first in a list
    or object follows a comma, so commas and brackets bound the count from above; only when
    that bound is over the cap are the commas inside strings left out to count exactly."""
    if _marks(raw) < MAX_JSON_VALUES:
        return
    bare = _JSON_TEXT.sub("", raw) if isinstance(raw, str) else _JSON_BYTES.sub(b"", raw)
    if _marks(bare) >= MAX_JSON_VALUES:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} holds more than {MAX_JSON_VALUES:,} JSON values, more than "
                    "any directory needs; split it into smaller files",
                )
            ]
        )


def parse_json_bytes(raw: bytes, name: str = "input") -> Any:
    if not raw.strip():
        raise FormatError([Problem("", f"{name} is empty")])
    if len(raw) > MAX_JSON_BYTES:
        raise FormatError(
            [Problem("", f"{name} is too large: at most {MAX_JSON_BYTES // 2**20} MB")]
        )
    check_json_size(raw, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            [Problem("", f"{name} is not UTF-8 text (bad byte at position {error.start})")]
        ) from error
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        where = "" if error.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is not valid JSON: {error.msg}{where} line {error.lineno} "
                    f"column {error.colno}",
                )
            ]
        ) from error
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", json_failure(name, error))]) from error


def json_failure(name: str, error: ValueError | RecursionError) -> str:
    """The one line for JSON that `json.loads` refused other than for its syntax."""
    if isinstance(error, RecursionError):
        return f"{name} is not valid JSON here: its lists and objects are nested too deeply"
    if "integer string conversion" in str(error):  # Python's limit, against slow parsing
        return f"{name} holds a whole number of more than 4,300 digits, which is not a number"
    return f"{name} is not valid JSON: {error}"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
