"""Feeds kept in the directory store: added once by name and address, listed, looked up,
marked as synced, removed; every refusal one plain sentence that changes nothing.

Each test runs on SQLite and on PostgreSQL (the `backend_database` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest

from navigator.domain.directory import Activity, Source
from navigator.services.feed_subscriptions import (
    FeedSubscription,
    FeedSubscriptionError,
    FeedSubscriptions,
    UnknownFeed,
    default_name,
)
from navigator.store.database import Database
from navigator.store.repository import DirectoryRepository

URL = "https://api.northmere.example.gov.uk/oruk/services"


def test_a_feed_added_is_listed_and_found_by_name(backend_database: Database) -> None:
    feeds = FeedSubscriptions(backend_database)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    added = feeds.add(URL, name="northmere")

    assert added.name == "northmere" and added.url == URL
    assert added.last_synced is None and added.etag is None and added.last_modified is None
    assert added.added >= before - dt.timedelta(seconds=1)
    assert feeds.list() == [added]
    assert feeds.get("northmere") == added


def test_the_name_defaults_from_the_host(backend_database: Database) -> None:
    feeds = FeedSubscriptions(backend_database)
    assert feeds.add(URL).name == "northmere.example.gov.uk"
    assert feeds.add("http://www.southby.example/api/services").name == "southby.example"
    assert default_name("https://api.example/services") == "api.example"  # nothing left else
    assert [f.name for f in feeds.list()] == ["northmere.example.gov.uk", "southby.example"]


def test_a_second_feed_with_the_same_name_or_address_is_refused(
    backend_database: Database,
) -> None:
    feeds = FeedSubscriptions(backend_database)
    first = feeds.add(URL, name="northmere")

    with pytest.raises(FeedSubscriptionError, match="already a feed called 'northmere'"):
        feeds.add("https://other.example/services", name="northmere")
    with pytest.raises(FeedSubscriptionError, match="already subscribed, as the feed 'northmere'"):
        feeds.add(f"  {URL} ", name="another")
    assert feeds.list() == [first]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "Give the feed's web address"),
        ("   ", "Give the feed's web address"),
        ("ftp://files.example/services", "should start https://"),
        ("northmere.example.gov.uk/services", "should start https://"),
        ("https:///services", "should start https://"),
        ("https://a.example/ser vices", "not a web address Navigator can use"),
        ("https://a.example/\x1b[31m", "not a web address Navigator can use"),
        ("https://a.example/" + "x" * 2000, "not a web address Navigator can use"),
    ],
)
def test_an_address_a_feed_cannot_come_from_is_refused_plainly(
    backend_database: Database, url: str, says: str
) -> None:
    feeds = FeedSubscriptions(backend_database)
    with pytest.raises(FeedSubscriptionError, match=says) as raised:
        feeds.add(url)
    message = str(raised.value)
    assert "\n" not in message and "\x1b" not in message and len(message) < 200
    assert feeds.list() == []


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("  ", "needs a name"),
        ("x" * 201, "to 200 characters"),
        ("two\nlines", "cannot be a feed's name"),
        ("bell\x07", "cannot be a feed's name"),
    ],
)
def test_a_name_a_feed_cannot_have_is_refused(
    backend_database: Database, name: str, says: str
) -> None:
    feeds = FeedSubscriptions(backend_database)
    with pytest.raises(FeedSubscriptionError, match=says) as raised:
        feeds.add(URL, name=name)
    assert "\n" not in str(raised.value)
    assert feeds.list() == []


def test_an_unknown_name_says_which_feeds_there_are(backend_database: Database) -> None:
    feeds = FeedSubscriptions(backend_database)
    with pytest.raises(UnknownFeed) as raised:
        feeds.get("nope")
    assert str(raised.value) == "There is no feed called 'nope'. There are no feeds yet."
    feeds.add(URL, name="northmere")
    feeds.add("https://southby.example/services", name="southby")
    with pytest.raises(UnknownFeed) as raised:
        feeds.get("nope")
    assert str(raised.value) == (
        "There is no feed called 'nope'. The feeds are: northmere, southby."
    )
    for call in (
        lambda: feeds.mark_synced("nope", dt.datetime(2026, 12, 1), None, None),
        lambda: feeds.remove("nope"),
    ):
        with pytest.raises(UnknownFeed):
            call()
    assert [f.name for f in feeds.list()] == ["northmere", "southby"]


def test_marking_a_sync_keeps_the_validators_for_the_next_fetch(
    backend_database: Database,
) -> None:
    feeds = FeedSubscriptions(backend_database)
    added = feeds.add(URL, name="northmere")
    when = dt.datetime(2026, 12, 4, 9, 30)
    feeds.mark_synced("northmere", when, '"v42"', "Thu, 03 Dec 2026 17:00:00 GMT")

    assert feeds.get("northmere") == FeedSubscription(
        "northmere", URL, added.added, when, '"v42"', "Thu, 03 Dec 2026 17:00:00 GMT"
    )
    # A server that stops sending validators: none are kept from before.
    feeds.mark_synced("northmere", when + dt.timedelta(days=1), None, None)
    synced = feeds.get("northmere")
    assert (synced.last_synced, synced.etag, synced.last_modified) == (
        when + dt.timedelta(days=1),
        None,
        None,
    )


def test_removing_a_feed_keeps_its_activities(backend_database: Database) -> None:
    feeds = FeedSubscriptions(backend_database)
    feeds.add(URL, name="northmere")
    directory = DirectoryRepository(backend_database)
    kept = Activity("oruk:1", "Riverside walk", ("walking",), source=Source("northmere", "1"))
    directory.import_activities([kept])

    feeds.remove("northmere")

    assert feeds.list() == []
    assert directory.all_activities() == [kept]
    # The same address may be added again afterwards.
    assert feeds.add(URL, name="northmere").name == "northmere"


def test_feeds_are_shared_by_everyone_on_the_directory(backend_url: str) -> None:
    from navigator.store.database import open_database

    first, second = open_database(backend_url), open_database(backend_url)
    try:
        FeedSubscriptions(first).add(URL, name="northmere")
        assert [f.name for f in FeedSubscriptions(second).list()] == ["northmere"]
        with pytest.raises(FeedSubscriptionError):
            FeedSubscriptions(second).add(URL, name="again")
    finally:
        first.close()
        second.close()
