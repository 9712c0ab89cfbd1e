"""Syncing a subscribed feed end to end: the real fetcher against a server on 127.0.0.1, the
ORUK reader, part B's plan and apply, on an SQLite directory (issue 15).

A review writes nothing; an apply adds, changes and pauses; a 304 changes nothing; a fetch
that fails part-way, or is cancelled, changes nothing; a service the reader refuses keeps
every entry from being taken as having left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from navigator.domain.directory import Status
from navigator.services.feed_fetch import FeedFetcher
from navigator.services.feed_http import FeedFetchError, FetchCancelled, FetchSettings
from navigator.services.feed_subscriptions import FeedSubscriptions, UnknownFeed
from navigator.services.feed_sync import SyncOutcome, sync_feed
from navigator.store.database import Database, open_database
from navigator.store.repository import DirectoryRepository
from tests.feeds.conftest import FakeClock
from tests.feeds.feed_server import FeedServer, Reply, page_3, paged, service

FEED = "northmere"
NOW = dt.datetime(2026, 12, 4, 12, 0)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def feeds(database: Database, server: FeedServer) -> FeedSubscriptions:
    subscriptions = FeedSubscriptions(database)
    subscriptions.add(server.base, name=FEED)
    return subscriptions


def sync(
    feeds: FeedSubscriptions, database: Database, clock: FakeClock, *, apply: bool, **kw: Any
) -> SyncOutcome:
    fetcher = FeedFetcher(FetchSettings(delay_seconds=0.0, per_page=2, retries=1), clock=clock)
    return sync_feed(
        feeds,
        DirectoryRepository(database),
        FEED,
        fetcher=fetcher,
        apply=apply,
        now=lambda: NOW,
        **kw,
    )


def entries(database: Database) -> dict[str, Any]:
    return {a.id: a for a in DirectoryRepository(database).all_activities()}


def test_a_review_lists_the_new_services_and_writes_nothing(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 4)], 2))
    before = entries(database)

    outcome = sync(feeds, database, clock, apply=False)

    assert outcome.plan is not None and outcome.plan.count("new") == 3
    assert outcome.pending and outcome.applied is None and outcome.read == 3
    assert entries(database) == before
    # Not marked synced: the next sync must read the feed again to offer the changes.
    assert feeds.get(FEED).last_synced is None


def test_an_apply_adds_the_feed_and_notes_the_sync(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve(
        "/oruk/services?page=1",
        Reply(body=page_3([service(1), service(2)], 1, 1, 2), headers={"ETag": '"v1"'}),
    )

    outcome = sync(feeds, database, clock, apply=True)

    assert outcome.applied is not None and len(outcome.applied.added) == 2
    stored = entries(database)
    assert {(a.source.feed, a.source.external_id) for a in stored.values() if a.source} >= {
        (FEED, "svc-1"),
        (FEED, "svc-2"),
    }
    feed = feeds.get(FEED)
    assert feed.last_synced == NOW and feed.etag == '"v1"'


def test_a_changed_and_a_removed_service_on_the_next_sync(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(1), service(2), service(3)], 3))
    sync(feeds, database, clock, apply=True)
    # The council moves svc-1 to Thursdays and drops svc-3.
    server.serve_pages(paged([service(1, day="TH"), service(2)], 3))

    review = sync(feeds, database, clock, apply=False)

    assert review.plan is not None
    kinds = {c.kind: c for c in review.plan.changes}
    assert set(kinds) == {"changed", "left"}
    assert kinds["left"].activity_name == "Northmere walking group 3"
    lines = "\n".join(kinds["changed"].describe())
    assert "Tuesday" in lines and "Thursday" in lines

    applied = sync(feeds, database, clock, apply=True)

    assert applied.applied is not None and len(applied.applied.paused) == 1
    stored = entries(database)
    left = next(a for a in stored.values() if a.source and a.source.external_id == "svc-3")
    assert left.status is Status.PAUSED  # paused for review, never deleted


def test_an_unchanged_feed_is_said_so_and_nothing_changes(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    page = page_3([service(1)], 1, 1, 1)

    def first_page(query: dict[str, str], headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None)
        return Reply(body=page, headers={"ETag": '"v1"'})

    server.routes["/oruk/services"] = first_page
    sync(feeds, database, clock, apply=True)
    before = entries(database)

    again = sync(feeds, database, clock, apply=True)

    assert again.not_modified and again.plan is None
    assert again.headline() == f"{FEED}: not changed since the last sync."
    assert entries(database) == before


def test_a_fetch_failing_part_way_changes_nothing(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages([page_3([service(1), service(2)], 1, 2, 4)])
    server.serve("/oruk/services?page=2", Reply(status=500))
    before = entries(database)

    with pytest.raises(FeedFetchError, match="500 Internal Server Error"):
        sync(feeds, database, clock, apply=True)

    assert entries(database) == before
    assert feeds.get(FEED).last_synced is None


def test_a_cancelled_sync_changes_nothing(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 6)], 2))
    before = entries(database)
    done: list[int] = []

    with pytest.raises(FetchCancelled):
        sync(
            feeds,
            database,
            clock,
            apply=True,
            progress=lambda d, t: done.append(d),
            cancel=lambda: len(done) >= 2,
        )

    assert entries(database) == before


def test_a_service_the_reader_refuses_marks_nothing_as_left(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(1), service(2)], 2))
    sync(feeds, database, clock, apply=True)
    # svc-2 comes back without a name: the reader refuses it, but it has not left.
    broken = service(2)
    del broken["name"]
    server.serve_pages(paged([service(1), broken], 2))

    outcome = sync(feeds, database, clock, apply=False)

    assert outcome.plan is not None and outcome.plan.count("left") == 0
    assert len(outcome.rejected) == 1 and "could not be read" in outcome.headline()


def test_a_feed_listing_nothing_marks_nothing_as_left(
    server: FeedServer, feeds: FeedSubscriptions, database: Database, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(1), service(2)], 2))
    sync(feeds, database, clock, apply=True)
    server.serve_pages([page_3([], 1, 0, 0)])  # a broken day at the council

    outcome = sync(feeds, database, clock, apply=True)

    assert outcome.plan is not None and outcome.plan.count("left") == 0
    assert any("no services at all" in note for note in outcome.notes)
    assert all(a.status is Status.ACTIVE for a in entries(database).values())


def test_an_unknown_feed_is_one_line(database: Database, clock: FakeClock) -> None:
    with pytest.raises(UnknownFeed, match="no feed called 'elsewhere'"):
        sync_feed(
            FeedSubscriptions(database),
            DirectoryRepository(database),
            "elsewhere",
            fetcher=FeedFetcher(clock=clock),
            apply=False,
        )
