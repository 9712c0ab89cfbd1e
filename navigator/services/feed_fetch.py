"""Fetching every service of a council's Open Referral UK feed, politely (issue 15, item 1).

`FeedFetcher.fetch(url)` walks the feed's paged `/services` endpoint and returns the services'
raw JSON records (`FetchResult`); `activities_from` reads them into activities through the
ORUK reader, each with `source=Source(feed name, the feed's id)`.

Paging shapes (navigator/formats/oruk.py `_records`, /work/shared/data/oruk/ specs):

- ORUK 3.0: `contents`, `total_pages`, `total_items`, `page_number`, `first_page`,
  `last_page`;
- ORUK 1.0 / Spring (Outpost): `content`, `totalPages`, `totalElements`, `number`, `first`,
  `last` (`number` may count from 0);
- a bare list of services.

Pages are asked for as `?page=N&per_page=P` (both specs' names). The walk ends at the last
page the feed names, at an empty page, or at a page holding only services already seen (a
server that ignores `page`); a page count that lies is caught by the empty page, and
`max_pages` caps the walk. When the first page's services lack every detail field (the
feed's list is summary-only, as some ORUK 3.0 servers serve it), each service is read again
from `/services/{id}`.

Politeness: one request at a time with `delay_seconds` between them; connect and read
timeouts; retries with exponential backoff on 429, 5xx and timeouts, honouring
`Retry-After` (seconds or an HTTP date) up to `max_wait_seconds`; `If-None-Match` and
`If-Modified-Since` on the first page, so a 304 answers "not changed since the last sync";
a User-Agent naming Navigator, its version and a contact (`NAVIGATOR_FEED_CONTACT`).
Redirects are followed only within the same host; the answer must be JSON and at most
`max_page_bytes`. Every failure is one `FeedFetchError` line; a cancel raises
`FetchCancelled`. Waits go through an injectable `Clock`, so tests never wait for backoff.

A 304 on the first page is trusted for the whole feed: a server's validators are meant to
describe the list it serves, and a sync that asks again page by page is a plain `fetch`
without `etag` / `last_modified`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from navigator import __version__
from navigator.domain.directory import Source
from navigator.formats.cleaning import FeedResult
from navigator.formats.oruk import parse_records
from navigator.formats.reading import (
    MAX_JSON_BYTES,
    FormatError,
    check_json_size,
    json_failure,
    printable,
)

CONTACT_SETTING = "NAVIGATOR_FEED_CONTACT"
# Shown in the User-Agent until a contact is set, so a council can see who to ask to set one.
CONTACT_PLACEHOLDER = f"contact: set {CONTACT_SETTING}"
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
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5

ProgressCallback = Callable[[int, int | None], None]
CancelCheck = Callable[[], bool]


class FeedFetchError(Exception):
    """A fetch that could not finish; `str(error)` is one plain line saying why."""


class FetchCancelled(FeedFetchError):
    """The fetch was stopped by its cancel check."""


class _BrokenOff(Exception):
    """The connection broke off mid-answer; the message says where."""


class Clock(Protocol):
    def sleep(self, seconds: float) -> None: ...

    def now(self) -> dt.datetime:
        """Now, timezone-aware (to read a Retry-After date)."""
        ...


class SystemClock:
    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how far a fetch goes. The defaults suit a council's live API."""

    # Between one answer and the next request: at most 4 requests a second, one at a time
    # (a first sync of 10,000 services, 100 pages, waits 25 s in all; docs/performance.md).
    delay_seconds: float = 0.25
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # the longest silence while an answer is read
    # The longest one answer may take in all: a server trickling a byte at a time never
    # falls silent for `read_timeout`, yet would hold the sync for hours.
    max_answer_seconds: float = 300.0
    retries: int = 4  # further tries of a request after a 429, a 5xx or a timeout
    backoff_seconds: float = 2.0  # the first wait before a retry; doubled each time
    max_wait_seconds: float = 120.0  # a longer Retry-After is not waited for: sync later
    per_page: int = 100
    max_pages: int = 2_000  # 200,000 services at 100 a page: ten times the largest we know
    # One page as big as the largest JSON file Navigator reads; all pages together too.
    max_page_bytes: int = MAX_JSON_BYTES
    max_total_bytes: int = MAX_JSON_BYTES
    contact: str | None = None  # default: $NAVIGATOR_FEED_CONTACT

    def user_agent(self) -> str:
        contact = self.contact if self.contact is not None else os.environ.get(CONTACT_SETTING)
        who = contact.strip() if contact and contact.strip() else CONTACT_PLACEHOLDER
        return f"Navigator/{__version__} (community-activity directory; {who})"


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
        s = self.settings
        timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout)
        headers = {"User-Agent": s.user_agent(), "Accept": "application/json"}
        with httpx.Client(
            timeout=timeout, headers=headers, follow_redirects=False, transport=self._transport
        ) as client:
            walk = _Walk(self, client, services_url(url), progress, cancel)
            return walk.run(etag, last_modified)


@dataclass
class _Page:
    items: list[Any]
    number: int | None = None  # the page's own number, as the feed counts
    first: bool | None = None
    last: bool | None = None
    total_pages: int | None = None
    total_items: int | None = None


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes = b""


@dataclass
class _Walk:
    """One fetch: its requests, what it has read so far, and its notes."""

    fetcher: FeedFetcher
    client: httpx.Client
    base: str
    progress: ProgressCallback | None
    cancel: CancelCheck | None
    requests: int = 0
    total_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def settings(self) -> FetchSettings:
        return self.fetcher.settings

    @property
    def host(self) -> str:
        return urlsplit(self.base).hostname or "the feed"

    def run(self, etag: str | None, last_modified: str | None) -> FetchResult:
        s = self.settings
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        first_url = with_query(self.base, page=1, per_page=s.per_page)
        answer = self._get(first_url, "page 1", conditional, allow_not_modified=True)
        if answer.status == 304:
            return FetchResult((), True, etag, last_modified, True, 0, self.requests)
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
            zero_url = with_query(self.base, page=0, per_page=s.per_page)
            zero = self._page(self._get(zero_url, "page 0"), "page 0")
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
            page = self._page(
                self._get(with_query(self.base, page=number, per_page=s.per_page), where), where
            )
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
            self.requests,
            tuple(self.notes),
        )

    # Paging -----------------------------------------------------------------------------------

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

    def _page(self, answer: _Answer, where: str = "page 1") -> _Page:
        data = self._json(answer, where)
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

    def _json(self, answer: _Answer, where: str) -> Any:
        body = answer.body
        if body.startswith(b"\xef\xbb\xbf"):
            body = body[3:]
        try:
            check_json_size(body, f"{where} of {self.host}")
            return json.loads(body, parse_constant=_no_constant)
        except FormatError as error:
            raise FeedFetchError(error.summary()) from None
        except json.JSONDecodeError as error:
            raise FeedFetchError(
                f"{where} of {self.host} is not valid JSON ({error.msg} at byte {error.pos:,} "
                f"of {len(body):,}): the answer may have been cut short."
            ) from None
        except (ValueError, RecursionError) as error:
            raise FeedFetchError(json_failure(f"{where} of {self.host}", error)) from None

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
            answer = self._get(url, f"service {key}", not_found_ok=True)
            if answer.status == 404:
                gone += 1  # left the feed between the list and now
            else:
                detail = self._json(answer, f"service {key}")
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

    # One request ------------------------------------------------------------------------------

    def _get(
        self,
        url: str,
        where: str = "page 1",
        headers: Mapping[str, str] | None = None,
        *,
        allow_not_modified: bool = False,
        not_found_ok: bool = False,
    ) -> _Answer:
        """One polite GET: the delay before it, retries, same-host redirects, the checks."""
        s = self.settings
        tries = 0
        while True:
            if self.requests:
                self._wait(s.delay_seconds)
            self._check_cancel()
            self.requests += 1
            try:
                answer = self._follow(url, headers or {}, where)
            except httpx.TimeoutException as error:
                if tries >= s.retries or isinstance(error, httpx.ConnectTimeout):
                    raise FeedFetchError(self._timeout_line(error, where)) from None
                tries += 1
                self._wait(self._backoff(tries))
                continue
            except _BrokenOff as error:
                if tries >= s.retries:
                    raise FeedFetchError(f"{error} ({tries + 1} tries): try again later.") from None
                tries += 1
                self._wait(self._backoff(tries))
                continue
            status = answer.status
            if status == 429 or status >= 500:
                if tries >= s.retries:
                    raise FeedFetchError(
                        f"{self.host} kept answering {_status(status)} to {where} "
                        f"({tries + 1} tries): try again later."
                    )
                tries += 1
                self._wait(self._retry_after(answer, tries, where))
                continue
            if status == 304 and allow_not_modified:
                return answer
            if status == 404 and not_found_ok:
                return answer
            if status != 200:
                raise FeedFetchError(
                    f"{self.host} answered {_status(status)} to {where}"
                    + (": is this the feed's address?" if status in (401, 403, 404, 410) else ".")
                )
            return answer

    def _follow(self, url: str, headers: Mapping[str, str], where: str) -> _Answer:
        """GET `url`, following redirects within its host only."""
        start = urlsplit(url)
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._send(url, headers, where)
            if answer.status not in _REDIRECTS:
                return answer
            location = answer.headers.get("Location")
            if not location:
                raise FeedFetchError(f"{self.host} redirected without saying where to.")
            target = urljoin(url, location)
            there = urlsplit(target)
            if (there.hostname or "").lower() != (start.hostname or "").lower():
                raise FeedFetchError(
                    f"{self.host} redirected the feed to another host, "
                    f"{printable(there.hostname or target)}: not followed. If the feed has "
                    "moved, add it again with its new address."
                )
            if start.scheme == "https" and there.scheme != "https":
                raise FeedFetchError(
                    f"{self.host} redirected from https to plain http: not followed."
                )
            url = target
        raise FeedFetchError(f"{self.host} redirected more than {MAX_REDIRECTS} times.")

    def _send(self, url: str, headers: Mapping[str, str], where: str) -> _Answer:
        s = self.settings
        try:
            with self.client.stream("GET", url, headers=dict(headers)) as response:
                status = response.status_code
                if status != 200:
                    return _Answer(status, response.headers)
                self._check_type(response)
                length = _whole(response.headers.get("Content-Length"))
                if length is not None and length > s.max_page_bytes:
                    raise FeedFetchError(self._too_big(length))
                body = bytearray()
                started = time.monotonic()  # real time, not the clock: it measures the server
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > s.max_page_bytes:
                        raise FeedFetchError(self._too_big(len(body)))
                    if time.monotonic() - started > s.max_answer_seconds:
                        raise FeedFetchError(
                            f"{self.host} took more than {s.max_answer_seconds:g} s to send "
                            f"{where}: try again later."
                        )
                    self._check_cancel()
        except httpx.TimeoutException:
            raise
        except httpx.ConnectError as error:
            raise FeedFetchError(f"could not reach {self.host}: {_reason(error)}") from None
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as error:
            # Cut off mid-answer (a restart, a proxy): worth another try, as a 5xx is.
            raise _BrokenOff(
                f"the connection to {self.host} broke off during {where} ({_reason(error)})"
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as error:
            raise FeedFetchError(
                f"the connection to {self.host} failed: {_reason(error)}"
            ) from None
        self.total_bytes += len(body)
        if self.total_bytes > s.max_total_bytes:
            raise FeedFetchError(
                f"{self.host} sent more than {s.max_total_bytes // 1_048_576} MB in all, "
                "more than Navigator reads from one feed."
            )
        return _Answer(status, response.headers, bytes(body))

    def _check_type(self, response: httpx.Response) -> None:
        kind = response.headers.get("Content-Type", "")
        media = kind.split(";", 1)[0].strip().lower()
        if media == "application/json" or media.endswith("+json") or media == "text/json":
            return
        shown = printable(media[:60]) if media else "no content type"
        raise FeedFetchError(
            f"{self.host} answered with {shown}, not JSON: is this the feed's address "
            "(its API, not its web page)?"
        )

    def _too_big(self, size: int) -> str:
        limit = self.settings.max_page_bytes // 1_048_576
        return (
            f"a page from {self.host} is larger than {limit} MB ({size:,} bytes so far), "
            "more than Navigator reads in one page."
        )

    # Waiting ----------------------------------------------------------------------------------

    def _backoff(self, tries: int) -> float:
        s = self.settings
        return float(min(s.backoff_seconds * 2 ** (tries - 1), s.max_wait_seconds))

    def _retry_after(self, answer: _Answer, tries: int, where: str) -> float:
        """How long to wait before trying again: the server's Retry-After, else backoff."""
        asked = _retry_after_seconds(answer.headers.get("Retry-After"), self.fetcher.clock.now())
        if asked is None:
            return self._backoff(tries)
        if asked > self.settings.max_wait_seconds:
            raise FeedFetchError(
                f"{self.host} asks Navigator to wait {_duration(asked)} before reading "
                f"{where}: try again later."
            )
        return asked

    def _wait(self, seconds: float) -> None:
        """Sleep through the clock in short steps, so a cancel is noticed within a second."""
        remaining = seconds
        while remaining > 0:
            self._check_cancel()
            step = min(remaining, 0.25)
            self.fetcher.clock.sleep(step)
            remaining -= step

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise FetchCancelled(f"Stopped reading {self.host}: the sync was cancelled.")

    def _timeout_line(self, error: httpx.TimeoutException, where: str) -> str:
        s = self.settings
        if isinstance(error, httpx.ConnectTimeout):
            return f"could not reach {self.host}: no answer within {s.connect_timeout:g} s"
        return (
            f"{self.host} did not answer {where} within {s.read_timeout:g} s "
            f"({self.requests} request{'s' * (self.requests != 1)} made): try again later."
        )


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


def _service_id(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    value = item.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text or None


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _reason(error: Exception) -> str:
    """The cause of a network failure in a few words ("[Errno 111] Connection refused"
    -> "connection refused")."""
    text = str(error) or type(error).__name__
    if "] " in text and text.startswith("["):
        text = text.split("] ", 1)[1]
    text = printable(" ".join(text.split()))
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return "its name was not found (offline, or a mistyped address?)"
    if "temporary failure in name resolution" in lowered:
        return "its name could not be looked up (offline?)"
    text = text[:1].lower() + text[1:]
    return text if len(text) <= 160 else text[:157] + "..."


def _retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date; None when absent or
    unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} seconds"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds / 3600:.0f} hours"
