"""A fingerprint of each service record exactly as the feed served it, so a re-sync passes
over a service whose record has not changed without reading or comparing it again.

The fingerprint (a "stamp") is kept with the feed's remembered values of the entry (the
`RAW` field in `feed_values`), written only when what it describes is: with an applied change
or new entry, or quietly when nothing was to change. A record whose stamp matches the one
remembered reads into the very activity it read into last time, so the three-way plan would
find nothing for it; skipping it changes nothing but the time. Two things other than the
record decide how it reads, and the stamp covers both:

- Navigator's own version: a new reader may read the same record differently, so the
  version is part of the fingerprint, and every record is read once after an upgrade.
- The day: a schedule that has ended is no session (`schedule_ended` in the ORUK reader).
  The stamp keeps the last day on which none of the record's schedules had ended since it
  was read; after that day the record is read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from navigator import __version__
from navigator.formats.oruk.schedules import schedule_ended

# The remembered "field" holding a record's stamp (beside `WHOLE`, the digest of what it
# read into; neither is a field a prescriber sees).
RAW = "raw"
# Keys a schedule's end is read from (schedule_ended: `until`, `valid_to`, `count`).
_END_KEYS = frozenset({"until", "valid_to", "count"})
_UNTIL = " until "
# Sorted keys and no spaces: the same record is always the same text, whatever order the
# server wrote its keys in. One encoder, made once.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_SALT = f"navigator {__version__}\n".encode()


def fingerprint(record: Any) -> str:
    """The record's canonical JSON hashed with Navigator's version (32 hex digits)."""
    text = _ENCODER.encode(record).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(_SALT + text, digest_size=16).hexdigest()


def stamp(record: Any, today: dt.date, fingerprinted: str | None = None) -> str:
    """What to remember of a record read on `today`: its fingerprint (`fingerprinted` when
    already made) and, when one of its schedules ends on or after today, the last day the
    reading holds (that end)."""
    ends = [end for end in _schedule_ends(record) if end >= today]
    text = fingerprinted or fingerprint(record)
    return f"{text}{_UNTIL}{min(ends).isoformat()}" if ends else text


def unchanged(remembered: str | None, record_fingerprint: str, today: dt.date) -> bool:
    """Whether a record with `record_fingerprint` would read today as it read when
    `remembered` was stamped. None (an entry synced before stamps were kept) is never."""
    if not remembered:
        return False
    text, _, until = remembered.partition(_UNTIL)
    if text != record_fingerprint:
        return False
    if not until:
        return True
    try:
        return today <= dt.date.fromisoformat(until)
    except ValueError:  # not a stamp this code wrote: read the record again
        return False


def _schedule_ends(value: Any) -> Iterator[dt.date]:
    """The end of every schedule-like object anywhere in the record (more places than the
    reader looks: at worst a record is read again when it need not be)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not _END_KEYS.isdisjoint(item):
                end = schedule_ended(item, dt.date.max)  # the end, whenever it is
                if end is not None:
                    yield end
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))


def sort_out(
    records: Iterable[dict[str, Any]], remembered: Mapping[str, str], today: dt.date
) -> tuple[list[dict[str, Any]], set[str], dict[str, str]]:
    """The records to read, the keys of those served as last time (not to read), and by key
    the stamp of each record to read. `remembered` is each entry's stamp by its key (the
    feed's id for it). A record without a usable id is read, and not stamped."""
    to_read: list[dict[str, Any]] = []
    unread: set[str] = set()
    stamps: dict[str, str] = {}
    for record in records:
        key = service_id(record)
        if key is None:
            to_read.append(record)
            continue
        try:
            printed = fingerprint(record)
        except (ValueError, RecursionError):  # nested past what JSON can print: just read it
            to_read.append(record)
            continue
        if unchanged(remembered.get(key), printed, today):
            unread.add(key)
        else:
            to_read.append(record)
            stamps[key] = stamp(record, today, printed)
    return to_read, unread, stamps


def service_id(item: Any) -> str | None:
    """A record's id as the ORUK reader keeps it (`source.external_id`), or None when it has
    no usable one (the reader then names or refuses it)."""
    if not isinstance(item, dict):
        return None
    value = item.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text or None
