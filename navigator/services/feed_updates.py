"""The app's feed actions (issue 15): the Feeds dialog's list, add and remove, a sync for
review, and applying what the prescriber accepted.

The command line applies a sync all at once (`sync_feed(apply=True)`); the app reads the
feed and plans first (`review`, which writes nothing the prescriber has to see), then
applies the changes ticked in the review (`apply`). Both steps run on the app's database
worker. The HTTP client (httpx) is imported at the first sync, not when the app starts.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from navigator.services.feed_changes import ApplyReport, apply_changes
from navigator.services.feed_settings import feeds_due
from navigator.services.feed_subscriptions import (
    FeedSubscription,
    FeedSubscriptions,
    UnknownFeed,
)
from navigator.store.database import Database
from navigator.store.repository import DirectoryRepository

if TYPE_CHECKING:
    from navigator.services.feed_fetch import CancelCheck, ProgressCallback
    from navigator.services.feed_sync import Fetcher, SyncOutcome


class FeedUpdates:
    def __init__(
        self,
        database: Database,
        fetcher: Fetcher | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._subscriptions = FeedSubscriptions(database)
        self._repository = DirectoryRepository(database)
        self._fetcher = fetcher
        self._now = now or _utc_now

    def list(self) -> list[FeedSubscription]:
        return self._subscriptions.list()

    def add(self, url: str, name: str | None = None) -> FeedSubscription:
        """FeedSubscriptionError (one sentence) when the address or name cannot be used."""
        return self._subscriptions.add(url, name)

    def remove(self, name: str) -> None:
        self._subscriptions.remove(name)

    def due(self, days: int) -> builtins.list[FeedSubscription]:
        """Feeds never synced or not synced for `days` or more: the ones to offer at start."""
        return feeds_due(self._subscriptions.list(), days, self._now())

    def review(
        self,
        name: str,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> SyncOutcome:
        """Read the feed and plan its changes, applying none of them (`outcome.pending`:
        changes wait for review). A plan with nothing to show, only the feed's values for
        entries to remember, is written at once and the sync noted: there is nothing to
        review. Raises what `sync_feed` raises, each before anything is written."""
        from navigator.services.feed_sync import sync_feed

        if self._fetcher is None:  # the polite defaults (FetchSettings)
            from navigator.services.feed_fetch import FeedFetcher

            self._fetcher = FeedFetcher()
        outcome = sync_feed(
            self._subscriptions,
            self._repository,
            name,
            fetcher=self._fetcher,
            apply=False,
            progress=progress,
            cancel=cancel,
            now=self._now,
        )
        plan = outcome.plan
        if plan is not None and not plan.changes and plan.quiet:
            applied = apply_changes(self._repository, plan)
            self._mark_synced(name, outcome)
            return replace(outcome, applied=applied)
        return outcome

    def apply(
        self,
        outcome: SyncOutcome,
        accepted: Collection[str] | None,
        feed_wins: Collection[tuple[str, str]] = (),
    ) -> ApplyReport:
        """Apply the accepted changes of a reviewed sync (`accepted` None: all of them) in
        one transaction, and note the feed as synced. FeedChangeError (nothing written) for
        a change or field the plan does not hold."""
        if outcome.plan is None:
            return ApplyReport()
        report = apply_changes(self._repository, outcome.plan, accepted, feed_wins=feed_wins)
        everything = accepted is None or {c.id for c in outcome.plan.changes} <= set(accepted)
        self._mark_synced(outcome.feed, outcome if everything else None)
        return report

    def _mark_synced(self, name: str, validators: SyncOutcome | None = None) -> None:
        # The server's validators only when every change it offered was applied: otherwise
        # the next sync reads the whole feed again, so a change not accepted this time is
        # offered again rather than hidden behind a "not changed" (304) answer. A feed
        # removed meanwhile has nothing to note.
        etag = validators.etag if validators is not None else None
        modified = validators.last_modified if validators is not None else None
        with contextlib.suppress(UnknownFeed):
            self._subscriptions.mark_synced(name, self._now(), etag, modified)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
