"""A re-sync passes over the services a feed serves exactly as last time (issue 15: a re-sync
with nothing changed in seconds). What is checked is behaviour: a record that changed IS read
and planned, one that did not is not read, and skipping never loses a change: an unaccepted
change is offered again, a schedule that ends makes its record read again, an entry that left
and came back is offered, a stamp from an older sync (or none) means reading, and entries
passed over are never taken to have left. Run on SQLite and, where offered, PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import delete

from navigator.services import feed_digest
from navigator.services.feed_changes import apply_changes
from navigator.services.feed_digest import RAW, fingerprint, sort_out, stamp, unchanged
from navigator.services.feed_fetch import FeedFetcher
from navigator.services.feed_http import FetchSettings
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.services.feed_sync import SyncOutcome, sync_feed
from navigator.store.database import Database
from navigator.store.feed_repository import FeedRepository
from navigator.store.models import FeedValueRow
from navigator.store.repository import DirectoryRepository
from tests.feeds.conftest import FakeClock
from tests.feeds.feed_server import FeedServer, paged, service

FEED = "northmere"
TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def feeds(backend_database: Database, server: FeedServer) -> FeedSubscriptions:
    subscriptions = FeedSubscriptions(backend_database)
    subscriptions.add(server.base, name=FEED)
    return subscriptions


def sync(
    feeds: FeedSubscriptions,
    database: Database,
    *,
    apply: bool = True,
    today: dt.date = TODAY,
) -> SyncOutcome:
    fetcher = FeedFetcher(FetchSettings(delay_seconds=0.0, per_page=2), clock=FakeClock())
    return sync_feed(
        feeds, DirectoryRepository(database), FEED, fetcher=fetcher, apply=apply, today=today
    )


def serve(server: FeedServer, records: list[dict[str, Any]]) -> None:
    server.routes.clear()
    server.serve_pages(paged(records, 2))


def names(database: Database) -> dict[str, str]:
    return {
        a.source.external_id: a.name
        for a in DirectoryRepository(database).all_activities()
        if a.source is not None and a.source.external_id is not None
    }


def test_an_unchanged_service_is_passed_over_and_a_changed_one_is_read_and_planned(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1), service(2), service(3)])
    first = sync(feeds, backend_database)
    assert first.read == 3 and first.applied is not None and len(first.applied.added) == 3

    again = sync(feeds, backend_database)
    assert again.plan is not None and again.read == 0
    assert (again.plan.unread, again.plan.unchanged, again.plan.changes) == (3, 3, ())

    serve(server, [service(1), service(2, name="Northmere riverside walk"), service(3)])
    changed = sync(feeds, backend_database, apply=False)
    assert changed.plan is not None and changed.read == 1 and changed.plan.unread == 2
    [change] = changed.plan.changes
    assert change.kind == "changed" and change.fields[0].field == "name"
    assert change.fields[0].new == "Northmere riverside walk"


def test_a_change_not_accepted_is_offered_again(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1), service(2)])
    sync(feeds, backend_database)
    serve(server, [service(1, day="TH"), service(2)])

    review = sync(feeds, backend_database, apply=False)
    assert review.plan is not None
    report = apply_changes(DirectoryRepository(backend_database), review.plan, accepted=[])
    assert report.not_accepted == 1

    # Its stamp went with the change, not written: the record is read and offered again.
    later = sync(feeds, backend_database, apply=False)
    assert later.plan is not None and later.read == 1
    assert [c.kind for c in later.plan.changes] == ["changed"]


def test_entries_passed_over_are_never_taken_to_have_left(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1), service(2), service(3)])
    sync(feeds, backend_database)
    serve(server, [service(1), service(2)])  # the council drops svc-3

    outcome = sync(feeds, backend_database, apply=False)

    assert outcome.plan is not None and outcome.plan.unread == 2
    [left] = outcome.plan.changes
    assert left.kind == "left" and left.activity_name == "Northmere walking group 3"


def test_a_service_that_left_and_came_back_unchanged_is_read_and_offered(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1), service(2)])
    sync(feeds, backend_database)
    serve(server, [service(1)])
    gone = sync(feeds, backend_database)
    assert gone.applied is not None and len(gone.applied.paused) == 1

    serve(server, [service(1), service(2)])  # back, exactly as it was
    back = sync(feeds, backend_database, apply=False)

    # Its stamp was forgotten when it left: read, and its "running" offered against paused.
    assert back.plan is not None and back.read == 1
    [change] = back.plan.changes
    assert change.kind == "changed" and [f.field for f in change.fields] == ["status"]


def test_an_entry_synced_before_stamps_were_kept_is_read_once_then_passed_over(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1), service(2)])
    sync(feeds, backend_database)
    with backend_database.engine.begin() as connection:  # as a sync of an earlier version left it
        connection.execute(delete(FeedValueRow).where(FeedValueRow.field == RAW))
    before = names(backend_database)

    upgraded = sync(feeds, backend_database)
    assert upgraded.plan is not None and upgraded.read == 2 and upgraded.plan.changes == ()
    assert names(backend_database) == before  # the stamp alone was written

    after = sync(feeds, backend_database)
    assert after.read == 0 and after.plan is not None and after.plan.unread == 2


def test_a_new_version_of_navigator_reads_every_record_again(
    server: FeedServer,
    feeds: FeedSubscriptions,
    backend_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve(server, [service(1), service(2)])
    sync(feeds, backend_database)
    # A new reader may read the same record differently.
    monkeypatch.setattr(feed_digest, "_SALT", b"navigator 99.0\n")

    outcome = sync(feeds, backend_database)

    assert outcome.read == 2 and outcome.plan is not None and outcome.plan.changes == ()


def test_a_schedule_that_ends_makes_its_record_read_again(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    ending = service(1)
    ending["schedules"][0]["valid_to"] = "2026-12-10"
    serve(server, [ending, service(2)])
    sync(feeds, backend_database, today=TODAY)

    same_week = sync(feeds, backend_database, today=dt.date(2026, 12, 10))
    assert same_week.read == 0  # the last day it runs: reads as before

    ended = sync(feeds, backend_database, today=dt.date(2026, 12, 11), apply=False)
    assert ended.read == 1 and ended.plan is not None
    [change] = ended.plan.changes
    assert [f.field for f in change.fields] == ["sessions"]


def test_a_local_correction_stays_while_its_record_is_passed_over(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1)])
    sync(feeds, backend_database)
    directory = DirectoryRepository(backend_database)
    [entry] = directory.all_activities()
    found = directory.get(entry.id)
    assert found is not None  # a prescriber's correction, saved as the editor saves it
    directory.save(dataclasses.replace(found.activity, name="Mill Lane walk"), found.version)

    unchanged_feed = sync(feeds, backend_database)
    assert unchanged_feed.read == 0 and names(backend_database) == {"svc-1": "Mill Lane walk"}

    serve(server, [service(1, day="TH")])  # the feed changes another field
    moved = sync(feeds, backend_database)
    assert moved.read == 1 and moved.plan is not None and moved.plan.kept_local == 1
    [now] = directory.all_activities()
    assert now.name == "Mill Lane walk" and now.sessions[0].day.label == "Thursday"


# The stamp itself ------------------------------------------------------------------------------


def test_the_fingerprint_is_the_records_content_not_its_key_order() -> None:
    record = service(1)
    reordered = dict(reversed(list(record.items())))
    assert fingerprint(reordered) == fingerprint(record)
    assert fingerprint(service(1, name="Another walk")) != fingerprint(record)


def test_a_stamp_holds_until_the_first_schedule_end_on_or_after_the_day_it_was_read() -> None:
    record = service(1)
    record["schedules"] += [
        {
            "freq": "WEEKLY",
            "byday": "MO",
            "opens_at": "10:00",
            "closes_at": "11:00",
            "until": "2026-11-01",
        },  # ended before: stays ended
        {
            "freq": "WEEKLY",
            "byday": "WE",
            "opens_at": "10:00",
            "closes_at": "11:00",
            "valid_to": "2027-01-31",
        },
    ]
    kept = stamp(record, TODAY)
    printed = fingerprint(record)
    assert unchanged(kept, printed, dt.date(2027, 1, 31))
    assert not unchanged(kept, printed, dt.date(2027, 2, 1))
    assert not unchanged(None, printed, TODAY)
    assert not unchanged(f"{printed} until not-a-date", printed, TODAY)


def test_records_without_a_usable_id_are_always_read() -> None:
    no_id = {k: v for k, v in service(1).items() if k != "id"}
    remembered = {"svc-2": stamp(service(2), TODAY)}
    to_read, unread, stamps = sort_out([no_id, service(2)], remembered, TODAY)
    assert to_read == [no_id] and unread == {"svc-2"} and stamps == {}


def test_the_stamps_are_kept_with_the_feeds_values(
    server: FeedServer, feeds: FeedSubscriptions, backend_database: Database
) -> None:
    serve(server, [service(1)])
    sync(feeds, backend_database)
    kept = FeedRepository(backend_database).feed_keys(FEED, RAW)
    assert kept == {"svc-1": stamp(service(1), TODAY)}
