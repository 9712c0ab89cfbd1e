"""Syncing a council feed from a local server: a first sync of 10,000 services, then re-syncs
with nothing changed (issue 15 targets: first sync <= 60 s, re-sync <= 10 s).

    .venv/bin/python benchmarks/bench_feed_sync.py                   # 10,000 services
    .venv/bin/python benchmarks/bench_feed_sync.py --services 2000 --delay 0
    .venv/bin/python benchmarks/bench_feed_sync.py --server-cap 100  # a stingier server

The feed is served by the tests' threaded HTTP server on 127.0.0.1 (tests/feeds/feed_server.py)
as a real ORUK 3.0 feed serves it: pages in the 3.0 envelope (`contents`, `total_items`,
`total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`), full service
records in the UK profile's shape (schedules, service_at_locations, contacts, cost_options),
each made from bench_import_oruk.py's invented generator. The server sends no ETag or
Last-Modified. Paging as a real server does it: without `per_page` it serves 50 a page (the
default ORUK's API names; the 3.0 spec names none), and it honours `per_page` up to its cap
(`--server-cap`, 500), serving the cap when asked for more.

Each phase is timed through the same functions `navigator directory feed sync` uses, on a new
SQLite file, at the command's own pace (`FetchSettings`: `--delay`, 0.25 s, from the end of
one answer to the next request):

1. first sync: fetch every page, stamp and read the services, plan (10,000 new), apply,
   note the sync;
2. re-sync with nothing changed, as `sync_feed` does it (every page read again: there are no
   validators; services served as last time are not read again);
3. the same re-sync with `--changed` services changed in the feed (read and planned).

Prints the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' feed server

from bench_import_oruk import service as outpost_service

from navigator.services.feed_changes import apply_changes, plan_changes
from navigator.services.feed_digest import sort_out
from navigator.services.feed_fetch import FeedFetcher, activities_from
from navigator.services.feed_http import FetchSettings
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.services.feed_sync import sync_feed
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.feeds.feed_server import FeedServer, Reply, page_3

FEED = "benchmere"
DEFAULT_PAGE = 50  # served without per_page
SERVER_CAP = 500  # the most served in a page, however many are asked for


def service(i: int, rng: random.Random) -> dict[str, Any]:
    """An invented service in the ORUK 3.0 UK profile's shape, from the Outpost generator's
    varied names, places, times and costs."""
    old = outpost_service(i, rng)
    place = old["locations"][0]
    location: dict[str, Any] = {
        "id": f"loc-{place['id']}",
        "name": place["name"],
        "addresses": [
            {
                "id": f"addr-{place['id']}",
                "address_1": place["address_1"],
                "city": place["city"],
                "state_province": place["state_province"],
                "postal_code": place["postal_code"],
                "country": "GB",
            }
        ],
        "accessibility": [
            {"id": f"acc-{place['id']}", "details": a["name"]} for a in place["accessibilities"]
        ],
    }
    if "geometry" in place:
        location["longitude"], location["latitude"] = place["geometry"]["coordinates"]
    [rule] = old["regular_schedules"]
    record: dict[str, Any] = {
        "id": f"svc-{old['id']}",
        "name": old["name"],
        "description": old["description"],
        "url": old["url"],
        "email": old["email"],
        "status": "active",
        "assured_date": "2026-09-01",
        "minimum_age": old["min_age"],
        "maximum_age": old["max_age"],
        "organization": {
            "id": f"org-{old['organisation']['id']}",
            "name": old["organisation"]["name"],
        },
        "contacts": [
            {
                "id": f"con-{i}",
                "name": "Group organiser",
                "phones": [{"id": f"ph-{i}", "number": old["contacts"][0]["phone"]}],
            }
        ],
        "schedules": [
            {
                "id": f"sch-{rule['id']}",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": rule["byday"],
                "opens_at": rule["opens_at"],
                "closes_at": rule["closes_at"],
            }
        ],
        "service_at_locations": [{"id": f"sal-{i}", "location": location}],
        "attributes": [
            {
                "id": f"att-{i}-{t['id']}",
                "taxonomy_term": {"id": f"term-{t['id']}", "name": t["name"]},
            }
            for t in old["taxonomies"]
        ],
        "cost_options": [
            {"id": f"cost-{i}", "option": c["option"], "amount": c["amount"], "currency": "GBP"}
            for c in old.get("cost_options", [])
        ]
        or [{"id": f"cost-{i}", "option": "Free", "amount": 0, "currency": "GBP"}],
    }
    return record


def serve(server: FeedServer, records: list[dict[str, Any]], cap: int) -> None:
    """`?page=N` (from 1) and `?per_page=P` as a real server answers them, no validators."""

    def answer(query: dict[str, str], headers: dict[str, str]) -> Reply:
        asked = query.get("per_page", "")
        size = min(int(asked), cap) if asked.isdigit() and int(asked) > 0 else DEFAULT_PAGE
        number = int(query.get("page", "1"))
        pages = max(1, -(-len(records) // size))
        chunk = records[(number - 1) * size : number * size]
        return Reply(body=page_3(chunk, number, pages, len(records)))

    server.routes["/oruk/services"] = answer


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--delay", type=float, default=FetchSettings().delay_seconds)
    parser.add_argument("--per-page", type=int, default=FetchSettings().per_page)
    parser.add_argument("--server-cap", type=int, default=SERVER_CAP)
    parser.add_argument("--changed", type=int, default=100)
    args = parser.parse_args(argv)
    rng = random.Random(1)
    records = [service(i, rng) for i in range(args.services)]
    settings = FetchSettings(delay_seconds=args.delay, per_page=args.per_page)
    server = FeedServer()
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = open_database(f"sqlite:///{Path(folder, 'directory.db')}")
            feeds = FeedSubscriptions(database)
            feeds.add(server.base, name=FEED)
            repository = DirectoryRepository(database)
            fetcher = FeedFetcher(settings)
            serve(server, records, args.server_cap)

            t0 = time.perf_counter()
            fetched = fetcher.fetch(server.base)
            t1 = time.perf_counter()
            # What sync_feed does with what it fetched, step by step (nothing remembered yet,
            # so every record is read, and stamped).
            to_read, _, stamps = sort_out(fetched.records, {}, dt.date.today())
            read = activities_from(tuple(to_read), FEED)
            t2 = time.perf_counter()
            plan = plan_changes(
                repository, FEED, read.activities, complete=fetched.complete, stamps=stamps
            )
            t3 = time.perf_counter()
            report = apply_changes(repository, plan)
            feeds.mark_synced(FEED, dt.datetime.now(), fetched.etag, fetched.last_modified)
            t4 = time.perf_counter()
            print(
                f"first sync of {args.services:,} services, {fetched.pages} pages "
                f"({fetched.requests} requests, per_page {args.per_page}, server cap "
                f"{args.server_cap}, delay {args.delay:g} s): fetch {t1 - t0:.2f} s, "
                f"read {t2 - t1:.2f} s, plan {t3 - t2:.2f} s, apply {t4 - t3:.2f} s, "
                f"total {t4 - t0:.2f} s ({len(report.added):,} added, "
                f"{len(read.rejected)} rejected, {report.duplicates} likely duplicates)"
            )

            start = time.perf_counter()
            again = sync_feed(feeds, repository, FEED, fetcher=fetcher, apply=True)
            took = time.perf_counter() - start
            assert again.plan is not None
            print(
                f"re-sync, nothing changed (no validators, every page read): {took:.2f} s, "
                f"{again.read} read, {again.plan.unread:,} passed over "
                f"({again.plan.summary()})"
            )

            for i in range(min(args.changed, len(records))):
                records[i * len(records) // max(1, args.changed)]["name"] += " (moved)"
            start = time.perf_counter()
            changed = sync_feed(feeds, repository, FEED, fetcher=fetcher, apply=True)
            took = time.perf_counter() - start
            assert changed.plan is not None
            print(
                f"re-sync, {args.changed} changed: {took:.2f} s, {changed.read} read "
                f"({changed.plan.summary()})"
            )
            database.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
