"""Council feeds the directory is subscribed to (issue 15): add, list, look up, remove, and
note when each was last synced with the server's validators (ETag, Last-Modified).

Each feed has a short name (its activities' `source.feed`) and its address. The name
defaults from the address's host ("api.camden.gov.uk" -> "camden.gov.uk"); two feeds never
share a name or an address. Every refusal is one plain sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from navigator.formats.reading import printable, text_fault
from navigator.store.database import Database
from navigator.store.feed_repository import FeedExistsError, FeedRecord, FeedRepository

# `activities.source_feed` holds the name, so no longer than its column.
MAX_NAME_CHARS = 200
MAX_URL_CHARS = 2000
# Host labels that say nothing about whose feed it is.
_DULL_PREFIXES = ("www.", "api.")


class FeedSubscriptionError(Exception):
    """A feed request that cannot be done; `str(error)` is one plain sentence."""


class UnknownFeed(FeedSubscriptionError):
    """No feed has that name."""


@dataclass(frozen=True, slots=True)
class FeedSubscription:
    name: str
    url: str
    added: dt.datetime
    last_synced: dt.datetime | None
    etag: str | None
    last_modified: str | None


class FeedSubscriptions:
    """The directory's feeds, kept in the directory store (so a team shares them)."""

    def __init__(self, database: Database) -> None:
        self._repository = FeedRepository(database)

    def add(self, url: str, name: str | None = None) -> FeedSubscription:
        url = check_url(url)
        name = check_name(default_name(url) if name is None else name)
        record = FeedRecord(name, url, _now())
        try:
            self._repository.add_feed(record)
        except FeedExistsError as error:
            if error.what == "name":
                raise FeedSubscriptionError(
                    f"There is already a feed called {_shown(name)}: choose another name."
                ) from None
            taken = next((f.name for f in self._repository.feeds() if f.url == url), "?")
            raise FeedSubscriptionError(
                f"That address is already subscribed, as the feed {_shown(taken)}."
            ) from None
        return _subscription(record)

    def list(self) -> list[FeedSubscription]:
        """Every feed, by name."""
        return [_subscription(record) for record in self._repository.feeds()]

    def get(self, name: str) -> FeedSubscription:
        record = self._repository.feed(name)
        if record is None:
            raise UnknownFeed(self._unknown(name))
        return _subscription(record)

    def mark_synced(
        self, name: str, when: dt.datetime, etag: str | None, last_modified: str | None
    ) -> None:
        if not self._repository.mark_synced(name, when, etag, last_modified):
            raise UnknownFeed(self._unknown(name))

    def remove(self, name: str) -> None:
        """Stop following the feed. Its activities stay in the directory (as hand-kept
        entries would), and so does what it last said, should it be added again."""
        if not self._repository.remove_feed(name):
            raise UnknownFeed(self._unknown(name))

    def _unknown(self, name: str) -> str:
        names = [f.name for f in self._repository.feeds()]
        known = f" The feeds are: {', '.join(names)}." if names else " There are no feeds yet."
        return f"There is no feed called {_shown(name)}.{known}"


def check_url(url: str) -> str:
    """The address, trimmed, if a feed can be fetched from it; else FeedSubscriptionError."""
    url = url.strip()
    if not url:
        raise FeedSubscriptionError("Give the feed's web address (https://...).")
    if len(url) > MAX_URL_CHARS or text_fault(url) is not None or any(c.isspace() for c in url):
        raise FeedSubscriptionError(f"{_shown(url)} is not a web address Navigator can use.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FeedSubscriptionError(
            f"{_shown(url)} is not a web address: it should start https:// (or http://)."
        )
    return url


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise FeedSubscriptionError("A feed needs a name.")
    if len(name) > MAX_NAME_CHARS:
        raise FeedSubscriptionError(f"Keep a feed's name to {MAX_NAME_CHARS} characters.")
    if text_fault(name) is not None or any(c in name for c in "\n\r\t"):
        raise FeedSubscriptionError(f"{_shown(name)} cannot be a feed's name: use plain words.")
    return name


def default_name(url: str) -> str:
    """The host, without a leading "www." or "api.": "https://api.camden.gov.uk/x" ->
    "camden.gov.uk"."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _DULL_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host.removeprefix(prefix)
    return host


def _shown(text: str) -> str:
    """Text quoted for a one-line message: control characters shown escaped, cut short."""
    shown = printable(text)
    return f"'{shown}'" if len(shown) <= 80 else f"'{shown[:77]}...'"


def _subscription(record: FeedRecord) -> FeedSubscription:
    return FeedSubscription(
        record.name,
        record.url,
        record.added,
        record.last_synced,
        record.etag,
        record.last_modified,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
