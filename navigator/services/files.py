"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path` (created owner-only by mkstemp), flush it to
    the disk, then swap it in with one rename: the old file or the new one, never half."""
    with _swapped_in(path, "wb") as out:
        out.write(data)


def write_text_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_json_atomically(path: Path, data: Any) -> None:
    write_text_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def open_atomically_binary(path: Path) -> Iterator[BinaryIO]:
    """As `open_atomically`, for bytes (an .xlsx workbook written as it goes)."""
    with _swapped_in(path, "w+b", buffering=1 << 20) as out:
        yield cast(BinaryIO, out)


@contextmanager
def open_atomically(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file to write as it goes, swapped in as `write_bytes_atomically` does
    when the block ends: written to a temporary file beside `path` (owner-only), flushed to
    the disk, then renamed over it; if the block fails, the temporary file is removed and
    `path` is as it was. Newlines are written as given (CSV writes its own)."""
    with _swapped_in(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as out:
        yield cast(TextIO, out)


@contextmanager
def _swapped_in(path: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """A temporary file beside `path` opened with `mode`; when the block ends it is flushed
    to the disk and renamed over `path`, and if the block fails it is removed instead."""
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, mode, **options) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
