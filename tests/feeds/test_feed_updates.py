"""The app's review-then-apply path (FeedUpdates): the server's validators (ETag,
Last-Modified) are kept only when every change it offered was applied, so the next sync is a
quick "not changed" then, and reads the whole feed again when something was left unaccepted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.services.feed_fetch import FeedFetcher
from navigator.services.feed_http import FetchSettings
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.services.feed_updates import FeedUpdates
from navigator.store.database import Database, open_database
from tests.feeds.conftest import FakeClock
from tests.feeds.feed_server import FeedServer, Reply, page_3, service

FEED = "northmere"
STAMP = "Wed, 02 Dec 2026 09:00:00 GMT"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def updates(database: Database, server: FeedServer, clock: FakeClock) -> FeedUpdates:
    server.routes["/oruk/services"] = lambda query, headers: Reply(
        body=page_3([service(1), service(2)], 1, 1, 2),
        headers={"ETag": '"v1"', "Last-Modified": STAMP},
    )
    fetcher = FeedFetcher(FetchSettings(delay_seconds=0.0, retries=1), clock=clock)
    updates = FeedUpdates(database, fetcher, now=lambda: dt.datetime(2026, 12, 4, 12, 0))
    updates.add(server.base, FEED)
    return updates


def test_applying_every_change_keeps_the_servers_validators(
    updates: FeedUpdates, database: Database
) -> None:
    outcome = updates.review(FEED)
    assert outcome.plan is not None and len(outcome.plan.changes) == 2

    updates.apply(outcome, None)

    feed = FeedSubscriptions(database).get(FEED)
    assert (feed.etag, feed.last_modified) == ('"v1"', STAMP)


def test_leaving_a_change_unaccepted_forgets_them_so_it_is_offered_again(
    updates: FeedUpdates, database: Database
) -> None:
    outcome = updates.review(FEED)
    assert outcome.plan is not None
    first = outcome.plan.changes[0]

    updates.apply(outcome, [first.id])

    feed = FeedSubscriptions(database).get(FEED)
    assert feed.last_synced is not None and (feed.etag, feed.last_modified) == (None, None)
    again = updates.review(FEED)
    assert again.plan is not None and [c.kind for c in again.plan.changes] == ["new"]
