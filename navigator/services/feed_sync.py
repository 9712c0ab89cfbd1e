"""Syncing one subscribed feed (issue 15): fetch -> read -> plan the changes -> apply them
when asked -> note the sync.

`sync_feed` is the one operation the command line and the app both call. Nothing is written
before the fetch has read the feed and the plan is made, and `apply_changes` writes all or
nothing, so a sync that fails or is cancelled part-way changes nothing.

A service whose record the feed serves exactly as when its entry last took it is not read
or compared again (`feed_digest`: a stamp of each record is remembered with the entry), so a
re-sync with little changed costs the fetch and little more.

The subscription's validators (ETag, Last-Modified) and its "last synced" time are recorded
only once the directory is in step with what was read: after an apply, or when there was
nothing to change. A review without applying leaves them as they were, so the next sync
reads the feed again and offers the same changes, rather than hearing "not changed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from navigator.formats.reading import Problem
from navigator.services.feed_changes import ApplyReport, ChangeSet, apply_changes, plan_changes
from navigator.services.feed_digest import RAW, sort_out
from navigator.services.feed_fetch import FetchResult, ProgressCallback, activities_from
from navigator.services.feed_http import CancelCheck, FetchCancelled
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.store.feed_repository import FeedRepository
from navigator.store.repository import DirectoryRepository


class Fetcher(Protocol):
    """What `sync_feed` needs of `FeedFetcher` (tests may pass their own)."""

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult: ...


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What a sync found and did. `plan` is None when the feed had not changed since the last
    sync (`not_modified`); `applied` is None unless the changes were applied."""

    feed: str
    not_modified: bool
    plan: ChangeSet | None = None
    applied: ApplyReport | None = None
    read: int = 0  # services read into activities (not those served as last time)
    rejected: tuple[Problem, ...] = ()  # services the reader could not use, with why
    notes: tuple[str, ...] = ()  # what the fetch noticed (an empty page, gone services)
    # The server's validators for what was read: kept once everything it offered is applied,
    # so the next sync can be a quick "not changed" (304).
    etag: str | None = None
    last_modified: str | None = None

    @property
    def pending(self) -> bool:
        """Changes were found and are waiting to be applied."""
        return self.plan is not None and self.applied is None and bool(self.plan.changes)

    def headline(self) -> str:
        """One line: what the sync found (and did)."""
        if self.not_modified or self.plan is None:
            return f"{self.feed}: not changed since the last sync."
        text = self.plan.summary()
        if self.rejected:
            n = len(self.rejected)
            text += f" {n} service{'s' * (n != 1)} could not be read."
        return text


def sync_feed(
    subscriptions: FeedSubscriptions,
    repository: DirectoryRepository,
    name: str,
    *,
    fetcher: Fetcher,
    apply: bool,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    now: Callable[[], dt.datetime] | None = None,
    today: dt.date | None = None,
) -> SyncOutcome:
    """Fetch the feed called `name`, plan its changes and, with `apply`, apply them all.

    Raises UnknownFeed for a name not subscribed, FeedFetchError (one line) when the feed
    cannot be read, FetchCancelled when `cancel` says so: each before anything is written.
    """
    feed = subscriptions.get(name)
    fetched = fetcher.fetch(
        feed.url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        progress=progress,
        cancel=cancel,
    )
    clock = now or _utc_now
    if fetched.not_modified:
        subscriptions.mark_synced(name, clock(), feed.etag, feed.last_modified)
        return SyncOutcome(name, True, notes=fetched.notes)

    # Records served exactly as when their entries last took them are not read again.
    day = today or dt.date.today()
    remembered = FeedRepository(repository.database).feed_keys(name, RAW)
    to_read, unread, stamps = sort_out(fetched.records, remembered, day)
    result = activities_from(tuple(to_read), name, today=day)
    notes = list(fetched.notes)
    complete = fetched.complete
    if result.rejected and complete:
        # A service the reader refused is still in the feed: with it missing from the
        # records, its entry would look as if it had left. So nothing is marked as left.
        complete = False
    if not fetched.records and complete:
        # A feed that lists nothing at all is more likely broken today than emptied: its
        # entries are not all offered for pausing on its word.
        complete = False
        notes.append("The feed listed no services at all, so none is taken to have left it.")
    plan = plan_changes(
        repository, name, result.activities, complete=complete, unread=unread, stamps=stamps
    )
    if cancel is not None and cancel():
        raise FetchCancelled(f"Stopped syncing {name} before anything was changed.")
    # `plan.quiet`: no change to show, only the feed's values for entries to remember.
    to_write = bool(plan.changes or plan.quiet)
    applied = apply_changes(repository, plan) if apply and to_write else None
    if applied is not None or not to_write:
        subscriptions.mark_synced(name, clock(), fetched.etag, fetched.last_modified)
    return SyncOutcome(
        name,
        False,
        plan,
        applied,
        len(result.activities),
        result.rejected,
        tuple(notes),
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
