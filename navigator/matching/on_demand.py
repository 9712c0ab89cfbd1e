"""A directory's activities by position, each read the first time it is needed.

A start with a cached snapshot (services/snapshot_cache.py) has every array it ranks on
without the activities themselves, and making 100,000 of them from the store takes seconds
(issue 17). A ranking touches only the activities it shows (a few dozen), so the snapshot
can rank as soon as it knows their ids: `ActivitiesOnDemand` reads those it is asked for,
a batch at a time, until the whole list is handed to it (`fill`), which the window does in
the background for the sections that list every activity.

`read(ids)` returns the activities with those ids in that order, as they were when the ids
were read, or raises (the store raises when the directory has changed since: the arrays
would no longer describe what it returns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from navigator.domain.directory import Activity

# Activities read at a time when every one is walked before the list is filled.
BATCH = 2000


class ActivitiesOnDemand(Sequence[Activity]):
    def __init__(self, ids: Sequence[str], read: Callable[[list[str]], list[Activity]]) -> None:
        self.ids: tuple[str, ...] = tuple(ids)
        self._read = read
        self._got: dict[int, Activity] = {}
        self._all: tuple[Activity, ...] | None = None

    @property
    def filled(self) -> bool:
        """True once every activity is in memory (`fill`)."""
        return self._all is not None

    def fill(self, activities: Sequence[Activity]) -> bool:
        """Take the whole list, read at the same version as the ids; False (and nothing
        changed) when its ids are not these."""
        if len(activities) != len(self.ids) or any(
            a.id != i for a, i in zip(activities, self.ids, strict=True)
        ):
            return False
        self._all = tuple(activities)
        self._got = {}
        return True

    def prefetch(self, positions: Iterable[int]) -> None:
        """Read the activities at `positions` not read yet, in one go."""
        self._read_at(positions)

    def _read_at(self, positions: Iterable[int]) -> dict[int, Activity]:
        """The activities at `positions`, read now where not in memory. Safe against `fill`
        on another thread: never looks in `_got` after reading (fill empties it)."""
        positions = list(positions)
        every = self._all
        if every is not None:
            return {p: every[p] for p in positions}
        got = self._got
        known = {p: a for p in positions if (a := got.get(p)) is not None}
        wanted = sorted({p for p in positions if p not in known})
        if wanted:
            found = dict(zip(wanted, self._read([self.ids[p] for p in wanted]), strict=True))
            got.update(found)
            known.update(found)
        return known

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, position: int) -> Activity: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[Activity]: ...

    def __getitem__(self, position: int | slice) -> Activity | Sequence[Activity]:
        every = self._all
        if every is not None:
            return every[position]
        if isinstance(position, slice):
            positions = range(len(self.ids))[position]
            found = self._read_at(positions)
            return tuple(found[p] for p in positions)
        p = range(len(self.ids))[position]  # negative positions, IndexError as a tuple's
        return self._read_at((p,))[p]

    def __iter__(self) -> Iterator[Activity]:
        if self._all is not None:
            return iter(self._all)
        return self._walk()

    def _walk(self) -> Iterator[Activity]:
        # Everything before `fill`: batches, not a read per activity (nor all kept).
        for start in range(0, len(self.ids), BATCH):
            end = min(start + BATCH, len(self.ids))
            known = [self._got.get(p) for p in range(start, end)]
            if any(a is None for a in known):
                yield from self._read(list(self.ids[start:end]))
            else:
                yield from known  # type: ignore[misc]


def ids_of(activities: Sequence[Activity]) -> Sequence[str]:
    """The activities' ids, in order: an on-demand list's own, without reading any."""
    if isinstance(activities, ActivitiesOnDemand):
        return activities.ids
    return [a.id for a in activities]
