"""Fetching every service of a council's Open Referral UK feed (issue 15, item 1).

`FeedFetcher.fetch(url)` walks the feed's paged `/services` endpoint and returns the services'
raw JSON records (`FetchResult`); `activities_from` reads them into activities through the
ORUK reader, each with `source=Source(feed name, the feed's id)`.

Paging shapes (navigator/formats/oruk/feed.py `_records`, /work/shared/data/oruk/ specs):

- ORUK 3.0: `contents`, `total_pages`, `total_items`, `page_number`, `first_page`,
  `last_page`;
- ORUK 1.0 / Spring (Outpost): `content`, `totalPages`, `totalElements`, `number`, `first`,
  `last` (`number` may count from 0);
- a bare list of services.

Pages are asked for as `?page=N&per_page=P` (both specs' names; P is `FetchSettings.per_page`,
500: a server serves at most its own cap, and one that answers 400 or 422 to it is asked
again without `per_page`, at its own default). The walk ends at the last
page the feed names, at an empty page, or at a page holding only services already seen (a
server that ignores `page`); a page count that lies is caught by the empty page, and
`max_pages` caps the walk. When the first page's services lack every detail field (the
feed's list is summary-only, as some ORUK 3.0 servers serve it), each service is read again
from `/services/{id}`.

Every request goes through the polite client in navigator/services/feed_http.py (delays,
timeouts, retries and Retry-After, same-host redirects, content-type and byte caps,
User-Agent, cancel); the first page is asked for with `If-None-Match` and
`If-Modified-Since`, so a 304 answers "not changed since the last sync". A 304 on the first
page is trusted for the whole feed: a server's validators are meant to describe the list it
serves, and a sync that asks again page by page is a plain `fetch` without `etag` /
`last_modified`. The errors, settings and clock live there and are re-exported here, so
`from navigator.services.feed_fetch import FetchSettings` keeps working.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import httpx

from navigator.domain.directory import Source
from navigator.formats.cleaning import FeedResult
from navigator.formats.oruk import parse_records
from navigator.formats.reading import printable
from navigator.services.feed_digest import service_id as _service_id
from navigator.services.feed_http import (
    CONTACT_PLACEHOLDER,
    CONTACT_SETTING,
    MAX_REDIRECTS,
    Answer,
    CancelCheck,
    Clock,
    FeedFetchError,
    FeedHttp,
    FetchCancelled,
    FetchSettings,
    SystemClock,
    is_plain_number,
)

# The names that lived here before the HTTP client moved to feed_http.py stay importable.
__all__ = [
    "CONTACT_PLACEHOLDER",
    "CONTACT_SETTING",
    "DETAIL_KEYS",
    "MAX_REDIRECTS",
    "CancelCheck",
    "Clock",
    "FeedFetchError",
    "FeedFetcher",
    "FetchCancelled",
    "FetchResult",
    "FetchSettings",
    "ProgressCallback",
    "SystemClock",
    "activities_from",
    "services_url",
    "with_query",
]


# Keys a full service record has and a summary-only list item lacks (ORUK 3.0 and 1.0).
DETAIL_KEYS = frozenset(
    {
        "service_at_locations",
        "locations",
        "schedules",
        "regular_schedules",
        "cost_options",
        "contacts",
    }
)

ProgressCallback = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch read. `complete`: every page was read, so a service missing from
    `records` has left the feed. `not_modified`: the server said nothing changed since the
    validators given (then `records` is empty)."""

    records: tuple[dict[str, Any], ...]
    complete: bool
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    pages: int = 0
    requests: int = 0
    notes: tuple[str, ...] = ()


def services_url(url: str) -> str:
    """The feed's `/services` endpoint from its address: the address itself when it ends in
    `/services`, else with `/services` added (the ORUK base URL)."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path += "/services"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def with_query(url: str, **params: str | int) -> str:
    """`url` with `params` set in its query (the address's own parameters kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items()]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


class FeedFetcher:
    """Fetches feeds over one HTTP client (kept open between requests: keep-alive)."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        clock: Clock | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.clock = clock or SystemClock()
        self._transport = transport

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Every service of the feed at `url`; FeedFetchError (one line) when it cannot."""
        base = services_url(url)
        host = urlsplit(base).hostname or "the feed"
        with FeedHttp.open(
            self.settings, self.clock, host, cancel=cancel, transport=self._transport
        ) as http:
            return _Walk(http, base, progress).run(etag, last_modified)


@dataclass
class _Page:
    items: list[Any]
    number: int | None = None  # the page's own number, as the feed counts
    first: bool | None = None
    last: bool | None = None
    total_pages: int | None = None
    total_items: int | None = None


@dataclass
class _Walk:
    """One fetch: what it has read so far, and its notes."""

    http: FeedHttp
    base: str
    progress: ProgressCallback | None
    notes: list[str] = field(default_factory=list)
    # The page size asked for: the settings' until a server refuses it, then its own default.
    per_page: int | None = None

    @property
    def settings(self) -> FetchSettings:
        return self.http.settings

    @property
    def host(self) -> str:
        return self.http.host

    def run(self, etag: str | None, last_modified: str | None) -> FetchResult:
        s = self.settings
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        self.per_page = s.per_page
        answer = self.http.get(
            self._url(1), "page 1", conditional, allow_not_modified=True, refused_ok=True
        )
        if answer.status in (400, 422):
            # A server with a lower cap that refuses rather than serving less: its own size.
            self.per_page = None
            answer = self.http.get(self._url(1), "page 1", conditional, allow_not_modified=True)
        if answer.status == 304:
            return FetchResult((), True, etag, last_modified, True, 0, self.http.requests)
        new_etag = answer.headers.get("ETag")
        new_modified = answer.headers.get("Last-Modified")
        page = self._page(answer, "page 1")
        records: dict[str, dict[str, Any]] = {}
        loose: list[dict[str, Any]] = []  # items without an id: the reader names them
        pages = 1
        complete = True
        self._keep(page.items, records, loose)
        listed = page  # the last page that listed services (an empty one may say anything)
        if page.first is False and page.number == 1 and page.items:
            # The server counts pages from 0 (Spring): page 1 was its second; read page 0.
            zero = self._page(self.http.get(self._url(0), "page 0"), "page 0")
            self._keep(zero.items, records, loose)
            pages += 1
        self._report(pages, page.total_pages)
        number = 1
        while not self._ended(page, number):
            if pages >= s.max_pages:
                complete = False
                self.notes.append(
                    f"Stopped after {s.max_pages:,} pages (the most Navigator reads), so "
                    "only part of the feed was read."
                )
                break
            number += 1
            where = f"page {number}"
            page = self._page(self.http.get(self._url(number), where), where)
            pages += 1
            if not page.items:
                self.notes.append(f"Page {number} was empty, so the walk stopped there.")
                break
            listed = page
            if not self._keep(page.items, records, loose):
                # Nothing new: the server ignores `page` and serves the same list again.
                break
            self._report(pages, page.total_pages)
        stated = listed.total_items
        if complete and stated is not None and len(records) + len(loose) < stated:
            complete = False
            self.notes.append(
                f"The feed says it has {stated:,} services but served "
                f"{len(records) + len(loose):,}, so none is taken to have left it."
            )
        full = self._with_details(records, pages)
        return FetchResult(
            (*full, *loose),
            complete,
            new_etag,
            new_modified,
            False,
            pages,
            self.http.requests,
            tuple(self.notes),
        )

    # Paging -----------------------------------------------------------------------------------

    def _url(self, number: int) -> str:
        if self.per_page is None:
            return with_query(self.base, page=number)
        return with_query(self.base, page=number, per_page=self.per_page)

    def _ended(self, page: _Page, number: int) -> bool:
        """Whether the page just read (the `number`th asked for) is the last."""
        if not page.items:
            return True
        if page.last is not None:
            return page.last
        if page.total_pages is not None:
            return number >= page.total_pages
        return False  # a bare list says nothing: ask for the next page until one is empty

    def _keep(
        self, items: list[Any], records: dict[str, dict[str, Any]], loose: list[dict[str, Any]]
    ) -> bool:
        """Add the page's services; whether any was new."""
        new = False
        for item in items:
            key = _service_id(item)
            if key is None:
                loose.append(item)
                new = True
            elif key not in records:
                records[key] = item
                new = True
        return new

    def _page(self, answer: Answer, where: str = "page 1") -> _Page:
        data = self.http.json(answer, where)
        if isinstance(data, list):
            return _Page(data)
        if isinstance(data, dict):
            for key, total, pages, number, first, last in (
                (
                    "contents",
                    "total_items",
                    "total_pages",
                    "page_number",
                    "first_page",
                    "last_page",
                ),
                ("content", "totalElements", "totalPages", "number", "first", "last"),
            ):
                if key in data:
                    items = data[key]
                    if not isinstance(items, list):
                        raise FeedFetchError(
                            f"{where} of {self.host} is not a list of services "
                            f'("{key}" is not a list).'
                        )
                    return _Page(
                        items,
                        _whole(data.get(number)),
                        _flag(data.get(first)),
                        _flag(data.get(last)),
                        _whole(data.get(pages)),
                        _whole(data.get(total)),
                    )
        raise FeedFetchError(
            f"{where} of {self.host} is not an Open Referral list of services: is "
            f"{printable(self.base)} the feed's address?"
        )

    def _report(self, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(done, total)

    # Details ----------------------------------------------------------------------------------

    def _with_details(self, records: dict[str, dict[str, Any]], pages: int) -> list[dict[str, Any]]:
        """The services, each read whole from `/services/{id}` when the list's are summaries."""
        items = list(records.values())
        if not items or any(DETAIL_KEYS & item.keys() for item in items[:50]):
            return items
        full: list[dict[str, Any]] = []
        gone = 0
        for n, (key, item) in enumerate(records.items(), start=1):
            url = self.base.rstrip("/") + "/" + quote(key, safe="")
            answer = self.http.get(url, f"service {key}", not_found_ok=True)
            if answer.status == 404:
                gone += 1  # left the feed between the list and now
            else:
                detail = self.http.json(answer, f"service {key}")
                if isinstance(detail, dict) and isinstance(detail.get("contents"), list):
                    detail = next(iter(detail["contents"]), None)  # a page of one
                if not isinstance(detail, dict):
                    raise FeedFetchError(
                        f"service {printable(key)} of {self.host} is not a service record."
                    )
                full.append({**item, **detail})
            self._report(pages + n, pages + len(records))
        if gone:
            self.notes.append(
                f"{gone} service{'s' * (gone != 1)} listed had gone by the time "
                "Navigator read its details."
            )
        return full


def activities_from(
    records: tuple[dict[str, Any], ...], feed: str, *, today: dt.date | None = None
) -> FeedResult:
    """The fetched services read through the ORUK reader (which names the service's own id
    as `source.external_id`), each activity's source then the feed too."""
    result = parse_records(((_path(i, r), r) for i, r in enumerate(records)), today=today)
    stamped = tuple(
        replace(a, source=Source(feed, a.source.external_id if a.source else None))
        for a in result.activities
    )
    return replace(result, activities=stamped)


def _path(index: int, record: Any) -> str:
    key = _service_id(record)
    return f"service {key}" if key is not None else f"service [{index}]"


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only ("²" is a digit to str.isdigit but not to int), and not so many
    # that int() refuses them.
    if isinstance(value, str) and is_plain_number(value.strip()):
        return int(value.strip())
    return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
