"""Syncing a council feed from a local server: a first sync of 10,000 services, then re-syncs
with nothing changed (issue 15 targets: first sync <= 60 s, re-sync <= 10 s).

    .venv/bin/python benchmarks/bench_feed_sync.py                   # 10,000 services
    .venv/bin/python benchmarks/bench_feed_sync.py --services 2000 --delay 0.5

The feed is served by the tests' threaded HTTP server on 127.0.0.1 (tests/feeds/feed_server.py)
as ORUK 1.0 / Outpost-shaped pages of 100 (`content`, `totalPages`, `number`, `last`), each
service made by bench_import_oruk.py's invented generator. Each phase is timed through the
same functions `navigator directory feed sync` uses, on a new SQLite file:

1. first sync: fetch every page, read the services, plan (10,000 new), apply, note the sync;
2. re-sync, the server offering no validators: every page read again, planned, nothing to
   apply (the worst case of "nothing changed");
3. re-sync with an ETag: the first page answers 304.

`--delay` is the wait between requests (the command's default, `FetchSettings`, is 0.25 s:
99 waits, 24.75 s, at 100 pages); the default here is 0, to measure Navigator rather than its
politeness, and the waits a real sync adds are printed beside. Prints the figures; nothing is
asserted.
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

from bench_import_oruk import service

from navigator.services.feed_changes import apply_changes, plan_changes
from navigator.services.feed_fetch import FeedFetcher, activities_from
from navigator.services.feed_http import FetchSettings
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.services.feed_sync import sync_feed
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.feeds.feed_server import FeedServer, Reply, page_1

PER_PAGE = 100
FEED = "benchmere"


def serve(server: FeedServer, records: list[dict[str, Any]], *, etag: str | None) -> None:
    """Pages of `records` by `?page=N` (from 1); with `etag`, page 1 answers 304 to it."""
    pages = max(1, -(-len(records) // PER_PAGE))

    def answer(query: dict[str, str], headers: dict[str, str]) -> Reply:
        number = int(query.get("page", "1"))
        if number == 1 and etag is not None and headers.get("if-none-match") == etag:
            return Reply(status=304, content_type=None)
        chunk = records[(number - 1) * PER_PAGE : number * PER_PAGE]
        body = page_1(chunk, number, pages, len(records))
        return Reply(body=body, headers={"ETag": etag} if etag else {})

    server.routes["/oruk/services"] = answer


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    rng = random.Random(1)
    records = [service(i, rng) for i in range(args.services)]
    settings = FetchSettings(delay_seconds=args.delay, per_page=PER_PAGE)
    server = FeedServer()
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = open_database(f"sqlite:///{Path(folder, 'directory.db')}")
            feeds = FeedSubscriptions(database)
            feeds.add(server.base, name=FEED)
            repository = DirectoryRepository(database)
            fetcher = FeedFetcher(settings)

            serve(server, records, etag=None)
            t0 = time.perf_counter()
            fetched = fetcher.fetch(server.base)
            t1 = time.perf_counter()
            read = activities_from(fetched.records, FEED)
            t2 = time.perf_counter()
            plan = plan_changes(repository, FEED, read.activities, complete=fetched.complete)
            t3 = time.perf_counter()
            report = apply_changes(repository, plan)
            feeds.mark_synced(FEED, dt.datetime.now(), fetched.etag, fetched.last_modified)
            t4 = time.perf_counter()
            print(
                f"first sync of {args.services:,} services, {fetched.pages} pages "
                f"({fetched.requests} requests, delay {args.delay:g} s): "
                f"fetch {t1 - t0:.2f} s, read {t2 - t1:.2f} s, plan {t3 - t2:.2f} s, "
                f"apply {t4 - t3:.2f} s, total {t4 - t0:.2f} s "
                f"({len(report.added):,} added, {len(read.rejected)} rejected, "
                f"{report.duplicates} likely duplicates)"
            )
            if not args.delay:
                polite = FetchSettings().delay_seconds
                print(
                    f"  with the command's {polite:g} s delay, add "
                    f"{polite * (fetched.requests - 1):.1f} s of waiting"
                )

            start = time.perf_counter()
            again = sync_feed(feeds, repository, FEED, fetcher=fetcher, apply=True)
            full = time.perf_counter() - start
            assert again.plan is not None
            print(
                f"re-sync, nothing changed, every page read again: {full:.2f} s "
                f"({again.plan.summary()})"
            )

            serve(server, records, etag='"v1"')
            sync_feed(feeds, repository, FEED, fetcher=fetcher, apply=True)  # learns the ETag
            start = time.perf_counter()
            cached = sync_feed(feeds, repository, FEED, fetcher=fetcher, apply=True)
            print(
                f"re-sync, nothing changed, 304 on page 1: {time.perf_counter() - start:.3f} s "
                f"(not modified: {cached.not_modified})"
            )
            database.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
