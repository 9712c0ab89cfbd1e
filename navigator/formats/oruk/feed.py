"""Reading an ORUK feed: a file as it streams, or parsed JSON; a page, a list or one
service. Each record goes to `ServiceReader`; the result says what was read, rejected and
left out."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from navigator.domain.directory import Activity
from navigator.formats.cleaning import FeedResult, decode_text, plain_text
from navigator.formats.json_stream import JsonStream, NotUtf8Error, open_regular_file
from navigator.formats.oruk.record import Rejected, json_kind
from navigator.formats.oruk.service import ServiceReader
from navigator.formats.reading import (
    MAX_JSON_BYTES,
    MAX_PROBLEMS_KEPT,
    FormatError,
    Problem,
    check_json_size,
    json_failure,
    many_records,
    quote,
    read_file_bytes,
)


def read_oruk_file(path: Path, *, today: dt.date | None = None) -> FeedResult:
    """Read a feed file as it streams, a service at a time (json_stream), so a feed of any
    size is read in bounded memory: UTF-8 (with or without a byte-order mark), else
    Windows-1252, as some councils' systems write."""
    path = Path(path)
    try:
        return _read_streaming(path, "utf-8-sig", today)
    except NotUtf8Error:
        pass
    try:
        return _read_streaming(path, "cp1252", today)
    except NotUtf8Error as error:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{path.name} is neither UTF-8 nor Windows-1252 text (bad "
                    f"byte at position {error.position})",
                )
            ]
        ) from error


_STREAMED = ("contents", "content")


def _read_streaming(path: Path, encoding: str, today: dt.date | None) -> FeedResult:
    """One pass over the file: the services of a list (the file itself, or a page's
    `contents` / `content`) are read as they are parsed; the rest of the top level is kept
    whole and checked at the end as `parse_feed` checks it."""
    with open_regular_file(path) as file, many_records():
        stream = JsonStream(
            file, path.name, encoding=encoding, parse_constant=_no_constant, noun="services"
        )
        kind = stream.start()
        if kind == "[":
            listed = parse_records(
                ((f"[{i}]", item) for i, item in enumerate(stream.items())), today=today
            )
            stream.finish()
            return listed
        if kind != "{":
            data = stream.value()
            stream.finish()
            return parse_feed(data, today=today)
        top: dict[str, Any] = {}
        result: FeedResult | None = None
        streamed_key, count = "", 0
        for key, value in stream.members(streamed=_STREAMED):
            if isinstance(value, Iterator):
                if result is None:
                    counted = _Counted(value)
                    records = ((f"{key}[{i}]", item) for i, item in enumerate(counted))
                    result = parse_records(records, today=today)
                    streamed_key, count = key, counted.count
                value = []  # what the checks below need to know: it was a list
            top[key] = value
        stream.finish()
    if result is None:  # no list of services: one service, or not a feed (parse_feed says)
        return parse_feed(top, today=today)
    _records(top)  # a descriptor or a native file is refused, as parse_feed refuses it
    total_key, pages_key, last_key = (
        ("total_items", "total_pages", "last_page")
        if streamed_key == "contents"
        else ("totalElements", "totalPages", "last")
    )
    paging = _paging(top.get(total_key), top.get(pages_key), top.get(last_key), count)
    return replace(result, cautions=(*paging, *result.cautions))


class _Counted:
    """An iterator that counts what it has given."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self._items:
            self.count += 1
            yield item


def load_feed_json(path: Path) -> Any:
    """JSON from a feed file: UTF-8 with or without a byte-order mark, else Windows-1252."""
    raw = read_file_bytes(path, limit=MAX_JSON_BYTES)
    check_json_size(raw, path.name)  # before decoding: the text is a second copy
    return parse_feed_text(decode_text(raw, path.name), path.name)


def parse_feed_text(text: str, name: str = "input") -> Any:
    if text.startswith("\ufeff"):  # a byte-order mark that survived decoding
        text = text[1:]
    check_json_size(text, name)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise FormatError(
            [
                Problem(
                    "",
                    f"{name} is not valid JSON: {error.msg} at line "
                    f"{error.lineno} column {error.colno}",
                )
            ]
        ) from error
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", json_failure(name, error))]) from error


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_feed(data: Any, *, today: dt.date | None = None) -> FeedResult:
    """`today` decides which schedules have ended; it defaults to the clock's date."""
    records, cautions = _records(data)
    return parse_records(records, cautions, today=today)


def parse_records(
    records: Iterable[tuple[str, Any]],
    cautions: list[Problem] | None = None,
    *,
    today: dt.date | None = None,
) -> FeedResult:
    """Service records, each named by where it was found, read one by one."""
    today = today or dt.date.today()
    cautions = list(cautions or [])
    activities: list[Activity] = []
    rejected: list[Problem] = []
    left_out: Counter[str] = Counter()
    seen: dict[str, str] = {}
    not_services = 0
    for path, item in records:
        if not isinstance(item, dict):
            label = _label(path, item)
            not_services += 1
            if not_services > MAX_PROBLEMS_KEPT:  # a file of numbers is no feed: stop here
                raise FormatError(
                    [
                        Problem(
                            "",
                            f"more than {MAX_PROBLEMS_KEPT:,} items are not services "
                            f"(objects), such as {rejected[0].path}; this is not a feed",
                        )
                    ]
                )
            rejected.append(
                Problem(label, f"expected an object (a service), found {json_kind(item)}")
            )
            continue
        reader = ServiceReader(item, today=today)
        try:
            activity = reader.read()
        except Rejected as why:
            rejected.append(Problem(_label(path, item), str(why)))
            continue
        if activity.id in seen:
            rejected.append(
                Problem(
                    _label(path, item),
                    f"id {quote(activity.id)} is used twice (also at {seen[activity.id]})",
                )
            )
            continue
        seen[activity.id] = path
        activities.append(activity)
        if reader.cautions:  # the label is made only when something is said about it
            label = _label(path, item)
            cautions.extend(Problem(label, note) for note in reader.cautions)
        left_out.update(reader.left_out)
    return FeedResult(
        tuple(activities),
        tuple(rejected),
        tuple(cautions),
        tuple(sorted(left_out.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _records(data: Any) -> tuple[Iterable[tuple[str, Any]], list[Problem]]:
    """The records of a feed, each with its path made as it is read (a list of them all
    would cost as much again as the feed)."""
    shapes = (
        'expected a /services page (with "contents"), an ORUK 1.0 page (with "content"), '
        "a list of services or one service"
    )
    if isinstance(data, list):
        return ((f"[{i}]", item) for i, item in enumerate(data)), []
    if not isinstance(data, dict):
        raise FormatError(
            [Problem("", f"not an Open Referral file: {shapes}, found {json_kind(data)}")]
        )
    if isinstance(data.get("resources"), list):
        raise FormatError(
            [
                Problem(
                    "resources",
                    "this is a data package descriptor "
                    "(datapackage.json), not a feed; import its "
                    "folder with --format hsds-csv",
                )
            ]
        )
    if data.get("format") == "navigator-directory":
        raise FormatError(
            [
                Problem(
                    "format",
                    'this is a "navigator-directory" file, not Open '
                    "Referral; import it with --format navigator",
                )
            ]
        )
    for key, total_key, pages_key, last_key in (
        ("contents", "total_items", "total_pages", "last_page"),
        ("content", "totalElements", "totalPages", "last"),
    ):
        if key in data:
            items = data[key]
            if not isinstance(items, list):
                raise FormatError(
                    [Problem(key, f"expected a list of services, found {json_kind(items)}")]
                )
            return ((f"{key}[{i}]", item) for i, item in enumerate(items)), _paging(
                data.get(total_key), data.get(pages_key), data.get(last_key), len(items)
            )
    if "id" in data or "name" in data:
        return [("service", data)], []
    raise FormatError([Problem("", f"not an Open Referral file: {shapes}")])


def _paging(total: Any, pages: Any, last: Any, here: int) -> list[Problem]:
    """A word when the file is one page of a longer list: more pages, or `last` false."""
    more_pages = isinstance(pages, int) and not isinstance(pages, bool) and pages > 1
    if not more_pages and last is not False:
        return []
    of = f" ({total} services in all)" if isinstance(total, int) else ""
    count = f" of {pages}" if more_pages else ""
    services = f"{here} service{'s' * (here != 1)}"
    return [
        Problem(
            "",
            f"this is one page{count}{of}; only the {services} on it were read. "
            "Save every page to import the whole directory",
        )
    ]


def _label(path: str, item: Any) -> str:
    if isinstance(item, dict):
        name = item.get("name")
        name = plain_text(name[:500]).strip() if isinstance(name, str) else ""
        if name:
            return f"{path} ({quote(name)})"
        if isinstance(item.get("id"), str | int) and not isinstance(item.get("id"), bool):
            return f"{path} (id {quote(str(item['id']))})"
    return path
