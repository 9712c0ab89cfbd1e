"""The polite HTTP client every request of a feed fetch goes through (issue 15, item 1);
what the answers hold (pages of services) is navigator/services/feed_fetch.py's business.

`FeedHttp.get(url, where)` is one GET, asked as a council's live API should be: one request
at a time, each sent no sooner than `delay_seconds` after the last answer ended, nor sooner
than `pace_factor` times as long as the server took over its last page (so a slow or busy
server is asked less often, and Navigator never keeps it busy more than half the time);
connect and read timeouts, and at most `max_answer_seconds`
for one answer; exponential backoff on 429, 5xx, timeouts and connections broken off,
honouring `Retry-After` (seconds or an HTTP date) up to `max_wait_seconds`; a User-Agent
naming Navigator, its version and a contact (`NAVIGATOR_FEED_CONTACT`). Redirects are
followed within the host only (never https to http); an answer must be JSON and at most
`max_page_bytes` (`max_total_bytes` in all). The caller passes any conditional headers; a
304 comes back when it says it may. Every failure is one `FeedFetchError` line; a cancel
raises `FetchCancelled`. Waits go through an injectable `Clock`, so tests never wait.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from navigator import __version__
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
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5

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
    """How politely and how far a fetch goes. The defaults suit a council's live API.
    (`per_page` and `max_pages` are read by the walk in feed_fetch.py; the rest here.)"""

    # From the end of one answer to the next request: at most 4 requests a second, one at a
    # time (docs/performance.md, "Syncing a council feed", says why these).
    delay_seconds: float = 0.25
    # ... and at least this many times as long as the server took over its last page: a
    # server that takes 2 s to make a page is left 2 s between pages (AutoThrottle-like).
    pace_factor: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # the longest silence while an answer is read
    # The longest one answer may take in all: a server trickling a byte at a time never
    # falls silent for `read_timeout`, yet would hold the sync for hours.
    max_answer_seconds: float = 300.0
    retries: int = 4  # further tries of a request after a 429, a 5xx or a timeout
    backoff_seconds: float = 2.0  # the first wait before a retry; doubled each time
    max_wait_seconds: float = 120.0  # a longer Retry-After is not waited for: sync later
    # Asked for; a server serves at most its own cap (and the walk follows its pages). Fewer,
    # larger pages: fewer requests and fewer waits (a server refusing it gets no per_page).
    per_page: int = 500
    max_pages: int = 2_000  # 100,000 services at 50 a page (ORUK 1.0's default): ample
    # One page as big as the largest JSON file Navigator reads; all pages together too.
    max_page_bytes: int = MAX_JSON_BYTES
    max_total_bytes: int = MAX_JSON_BYTES
    contact: str | None = None  # default: $NAVIGATOR_FEED_CONTACT

    def user_agent(self) -> str:
        contact = self.contact if self.contact is not None else os.environ.get(CONTACT_SETTING)
        who = contact.strip() if contact and contact.strip() else CONTACT_PLACEHOLDER
        return f"Navigator/{__version__} (community-activity directory; {who})"


@dataclass
class Answer:
    """One answer: its status and headers, and its body when the status was 200."""

    status: int
    headers: httpx.Headers
    body: bytes = b""


@dataclass
class FeedHttp:
    """The requests of one fetch over one httpx client (kept open between them: keep-alive).
    `host` names the feed in messages; `requests` counts every GET sent, retries included."""

    settings: FetchSettings
    clock: Clock
    client: httpx.Client
    host: str
    cancel: CancelCheck | None = None
    requests: int = 0
    total_bytes: int = 0
    answered_at: dt.datetime | None = None  # by the clock, when the last answer ended
    took: float = 0.0  # real seconds the server took over its last page (a 200)

    @classmethod
    @contextmanager
    def open(
        cls,
        settings: FetchSettings,
        clock: Clock,
        host: str,
        *,
        cancel: CancelCheck | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> Iterator[FeedHttp]:
        """A client with the settings' timeouts and User-Agent, closed when done."""
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        headers = {"User-Agent": settings.user_agent(), "Accept": "application/json"}
        with httpx.Client(
            timeout=timeout, headers=headers, follow_redirects=False, transport=transport
        ) as client:
            yield cls(settings, clock, client, host, cancel)

    def get(
        self,
        url: str,
        where: str = "page 1",
        headers: Mapping[str, str] | None = None,
        *,
        allow_not_modified: bool = False,
        not_found_ok: bool = False,
        refused_ok: bool = False,
    ) -> Answer:
        """One polite GET: the pause before it, retries, same-host redirects, the checks.
        `refused_ok`: a 400 or 422 (a parameter the server will not take) is returned."""
        s = self.settings
        tries = 0
        while True:
            self.pace()
            self.check_cancel()
            self.requests += 1
            started = time.monotonic()  # real time, not the clock: it measures the server
            try:
                answer = self._follow(url, headers or {}, where)
            except httpx.TimeoutException as error:
                if tries >= s.retries or isinstance(error, httpx.ConnectTimeout):
                    raise FeedFetchError(self._timeout_line(error, where)) from None
                tries += 1
                self.back_off(self._backoff(tries))
                continue
            except _BrokenOff as error:
                if tries >= s.retries:
                    raise FeedFetchError(f"{error} ({tries + 1} tries): try again later.") from None
                tries += 1
                self.back_off(self._backoff(tries))
                continue
            finally:
                self.answered_at = self.clock.now()
            status = answer.status
            if status == 200:
                self.took = time.monotonic() - started
            if status == 429 or status >= 500:
                if tries >= s.retries:
                    raise FeedFetchError(
                        f"{self.host} kept answering {_status(status)} to {where} "
                        f"({tries + 1} tries): try again later."
                    )
                tries += 1
                self.back_off(self._retry_after(answer, tries, where))
                continue
            if status == 304 and allow_not_modified:
                return answer
            if status == 404 and not_found_ok:
                return answer
            if status in (400, 422) and refused_ok:
                return answer
            if status != 200:
                raise FeedFetchError(
                    f"{self.host} answered {_status(status)} to {where}"
                    + (": is this the feed's address?" if status in (401, 403, 404, 410) else ".")
                )
            return answer

    def _follow(self, url: str, headers: Mapping[str, str], where: str) -> Answer:
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

    def _send(self, url: str, headers: Mapping[str, str], where: str) -> Answer:
        s = self.settings
        try:
            with self.client.stream("GET", url, headers=dict(headers)) as response:
                status = response.status_code
                if status != 200:
                    return Answer(status, response.headers)
                self._check_type(response)
                length = response.headers.get("Content-Length", "").strip()
                if is_plain_number(length) and int(length) > s.max_page_bytes:
                    raise FeedFetchError(self._too_big(int(length)))
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
                    self.check_cancel()
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
        return Answer(status, response.headers, bytes(body))

    def json(self, answer: Answer, where: str) -> Any:
        """The answer's body as JSON (a BOM allowed); one FeedFetchError line if not."""
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

    def _retry_after(self, answer: Answer, tries: int, where: str) -> float:
        """How long to wait before trying again: the server's Retry-After, else backoff."""
        asked = _retry_after_seconds(answer.headers.get("Retry-After"), self.clock.now())
        if asked is None:
            return self._backoff(tries)
        if asked > self.settings.max_wait_seconds:
            raise FeedFetchError(
                f"{self.host} asks Navigator to wait {_duration(asked)} before reading "
                f"{where}: try again later."
            )
        return asked

    def pace(self) -> None:
        """Before each request but the first: wait until the gap since the last answer
        ended is `delay_seconds`, or `pace_factor` times the server's time over its last page
        when that is longer (at most `max_wait_seconds`). Work done since (reading the page)
        counts towards the gap."""
        if self.answered_at is None:
            return
        s = self.settings
        gap = min(max(s.delay_seconds, s.pace_factor * self.took), s.max_wait_seconds)
        since = max(0.0, (self.clock.now() - self.answered_at).total_seconds())
        self.wait(gap - since)

    def back_off(self, seconds: float) -> None:
        """Wait before trying again after a failure; the usual gap then follows, as well."""
        self.wait(seconds)
        self.answered_at = self.clock.now()

    def wait(self, seconds: float) -> None:
        """Sleep through the clock in short steps, so a cancel is noticed within a second."""
        remaining = seconds
        while remaining > 0:
            self.check_cancel()
            step = min(remaining, 0.25)
            self.clock.sleep(step)
            remaining -= step

    def check_cancel(self) -> None:
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
    if is_plain_number(value):
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


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def is_plain_number(text: str) -> bool:
    """A whole number written in ASCII digits, short enough to read (a header or a page
    count a server sends: "²" or 5,000 digits would make int() raise)."""
    return 0 < len(text) <= 18 and text.isascii() and text.isdigit()
