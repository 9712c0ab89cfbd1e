"""The Review tab's "Possible duplicates": find likely pairs, read a pair as stored now, merge
it into the side the person keeps, or set it aside as two different activities.

One use case per action, so the view never reaches the store. Merging names the two sides
explicitly, `kept` and `archived`: the merged activity is the kept one (its id, and each field
from the side chosen for it), saved over the version the person compared, and the archived
one is archived (never deleted) in the same transaction. Either having changed since they
were read refuses the whole merge with `ConflictError` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from navigator.domain.directory import Activity, Status
from navigator.services.duplicates import DuplicatePair, find_duplicates
from navigator.services.merging import Side, merge
from navigator.store.repository import ConflictError, VersionedActivity

__all__ = [
    "ConflictError",
    "DuplicateReview",
    "MergedPair",
    "SearchInput",
    "VersionedActivity",
]

IdPair = tuple[str, str]


class DuplicateStore(Protocol):
    """What the review needs of the store (`DirectoryRepository` has it)."""

    def all_activities(self) -> list[Activity]: ...

    def get(self, activity_id: str) -> VersionedActivity | None: ...

    def not_duplicate_pairs(self) -> set[tuple[str, str]]: ...

    def add_not_duplicates(self, id_a: str, id_b: str) -> None: ...

    def merge_duplicates(
        self, kept: Activity, kept_version: int, other_id: str, other_version: int
    ) -> int: ...


@dataclass(frozen=True, slots=True)
class SearchInput:
    """What a search looks through: the directory, and the pairs already set aside."""

    activities: tuple[Activity, ...]
    set_aside: frozenset[IdPair]

    @property
    def searched(self) -> int:
        """How many activities a search looks at (archived ones are left out)."""
        return sum(1 for a in self.activities if a.status is not Status.ARCHIVED)


@dataclass(frozen=True, slots=True)
class MergedPair:
    kept: VersionedActivity  # as saved: the kept id, with the chosen values
    archived: Activity  # as it was before it was archived


class DuplicateReview:
    def __init__(self, store: DuplicateStore) -> None:
        self._store = store

    def load(self) -> SearchInput:
        """Read what a search needs (on the database worker)."""
        return SearchInput(
            tuple(self._store.all_activities()), frozenset(self._store.not_duplicate_pairs())
        )

    @staticmethod
    def find(
        loaded: SearchInput,
        *,
        candidates: Collection[str] | None = None,
        set_aside: Iterable[IdPair] = (),
    ) -> list[DuplicatePair]:
        """Likely pairs, most likely first (pure: run it on the computation worker).
        `candidates`: only pairs with one of these (say, just imported); `set_aside`: pairs
        said to be different that the store may not have yet."""
        return find_duplicates(
            loaded.activities,
            candidates=candidates,
            not_duplicates=loaded.set_aside | frozenset(set_aside),
        )

    def read_pair(
        self, pair: DuplicatePair
    ) -> tuple[VersionedActivity | None, VersionedActivity | None]:
        """Both sides as stored now, with their versions (None: gone)."""
        return self._store.get(pair.a.id), self._store.get(pair.b.id)

    def merge(
        self,
        kept: VersionedActivity,
        archived: VersionedActivity,
        choices: Mapping[str, Side],
    ) -> MergedPair:
        """Save `kept` with each field in `choices` taken from its side ("a": kept, "b":
        archived) and archive `archived`, in one transaction. Raises ConflictError, changing
        nothing, if either changed since it was read, and ValueError for a pair of one."""
        if kept.activity.id == archived.activity.id:
            raise ValueError("An activity cannot be merged into itself.")
        merged = merge(kept.activity, archived.activity, choices)
        version = self._store.merge_duplicates(
            merged, kept.version, archived.activity.id, archived.version
        )
        return MergedPair(VersionedActivity(merged, version), archived.activity)

    def set_aside(self, id_a: str, id_b: str) -> None:
        """These two are different activities: never offer the pair again."""
        self._store.add_not_duplicates(id_a, id_b)
