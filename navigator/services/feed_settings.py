"""When the app offers to sync council feeds at start (issue 15, item 4).

A prescriber sets how many days a feed may go unsynced before Navigator offers, at start, to
sync it; the period is kept on this computer (a small JSON file in the data folder, beside
the connection settings), since how often to ask is a person's habit, not the team's.
Navigator never syncs by itself: `feeds_due` only says which feeds to offer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence

from navigator.services.feed_subscriptions import FeedSubscription
from navigator.store.database import data_dir

SETTINGS_FILE = "feeds.json"
DEFAULT_OFFER_DAYS = 14
MIN_OFFER_DAYS = 1
MAX_OFFER_DAYS = 365


class FeedSettingsError(Exception):
    """The setting could not be kept; `str(error)` is one plain sentence."""


def load_offer_days(env: Mapping[str, str] | None = None) -> int:
    """The period in days; the default when none was saved or the file cannot be read (an
    unreadable setting should not stop the app starting)."""
    try:
        data = json.loads((data_dir(env) / SETTINGS_FILE).read_text(encoding="utf-8"))
        days = data["offer_after_days"]
    except (OSError, ValueError, TypeError, KeyError):
        return DEFAULT_OFFER_DAYS
    if isinstance(days, bool) or not isinstance(days, int):
        return DEFAULT_OFFER_DAYS
    return min(max(days, MIN_OFFER_DAYS), MAX_OFFER_DAYS)


def save_offer_days(days: int, env: Mapping[str, str] | None = None) -> None:
    """Keep the period; FeedSettingsError (nothing changed) when out of range or unwritable."""
    if not MIN_OFFER_DAYS <= days <= MAX_OFFER_DAYS:
        raise FeedSettingsError(f"Choose between {MIN_OFFER_DAYS} and {MAX_OFFER_DAYS} days.")
    folder = data_dir(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{SETTINGS_FILE}.partial"
        temp.write_text(json.dumps({"offer_after_days": days}, indent=2), encoding="utf-8")
        os.replace(temp, folder / SETTINGS_FILE)
    except OSError as error:
        raise FeedSettingsError(
            f"The feed setting could not be saved in {folder} ({error.strerror})."
        ) from error


def is_due(feed: FeedSubscription, days: int, now: dt.datetime) -> bool:
    """Never synced, or last synced `days` or more ago (`now` naive UTC, as the store keeps
    times)."""
    return feed.last_synced is None or now - feed.last_synced >= dt.timedelta(days=days)


def feeds_due(
    feeds: Sequence[FeedSubscription], days: int, now: dt.datetime
) -> list[FeedSubscription]:
    return [feed for feed in feeds if is_due(feed, days, now)]
