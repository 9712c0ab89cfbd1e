"""Save an activity from the editor: one use case, so the version check and the choice of a
new stable id live here rather than in a widget.

A new activity is given an id made from its name (`new_activity_id`). Someone else may take
that id between choosing it and saving it; the save is then tried with the next free one, up
to `NEW_ID_ATTEMPTS` times. A changed activity is saved only over the version it was read at:
someone else's newer save is refused with `ConflictError`, and the editor shows both versions
(`latest` reads theirs) so the person can put their own changes on top (`reapply`) and save
again.

The errors and the versioned activity are the store's, re-exported so the UI never imports
the store.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from navigator.domain.directory import Activity
from navigator.services.editing import new_activity_id
from navigator.store.database import StoreError
from navigator.store.repository import ConflictError, VersionedActivity

__all__ = ["NEW_ID_ATTEMPTS", "ActivitySaver", "ConflictError", "StoreError", "VersionedActivity"]

# How many fresh ids a new activity tries before giving up (each try means someone else
# saved an activity of the same name in the moment between choosing the id and saving).
NEW_ID_ATTEMPTS = 20


class ActivityStore(Protocol):
    """What saving needs of the store (`DirectoryRepository` has it)."""

    def get(self, activity_id: str) -> VersionedActivity | None: ...

    def save(self, activity: Activity, expected_version: int | None) -> int: ...


class ActivitySaver:
    """Save one activity, new or changed, and read the latest stored version of one."""

    def __init__(self, store: ActivityStore) -> None:
        self._store = store

    def latest(self, activity_id: str) -> VersionedActivity | None:
        """The activity as stored now, with its version; None if there is no such id."""
        return self._store.get(activity_id)

    def save(self, activity: Activity, version: int | None) -> VersionedActivity:
        """Save `activity`, read at `version` (None: a new activity, whose id is chosen here).
        Returns what was stored. Raises ConflictError when someone else saved it first, and
        StoreError when the database cannot be written."""
        if version is None:
            return self._save_new(activity)
        return VersionedActivity(activity, self._store.save(activity, version))

    def _save_new(self, activity: Activity) -> VersionedActivity:
        """A stable id from the name; if someone took it between the check and the save, the
        next free number is tried."""
        for attempt in range(NEW_ID_ATTEMPTS):
            new_id = new_activity_id(activity.name, lambda i: self._store.get(i) is not None)
            candidate = replace(activity, id=new_id)
            try:
                return VersionedActivity(candidate, self._store.save(candidate, None))
            except ConflictError:
                if attempt == NEW_ID_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable: the loop returns or raises")
