"""The per-activity facts a snapshot keeps, read a column at a time.

Each column is one pass over the activities that runs in C (`operator.attrgetter`, a dict's
look-up, `np.fromiter`) wherever the field allows, not a Python call per activity and field:
at a million activities that is seconds. `test_snapshot_scale` checks every column against a
plain reading of each activity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from navigator.domain.directory import Activity
from navigator.domain.mental_health import CONDITION_WORDS, is_mental_health_setting

BoolArray = npt.NDArray[np.bool_]
CodeArray = npt.NDArray[np.int8]  # small codes; -1 = not known
FloatArray = npt.NDArray[np.float64]

# A yes/no/not-known answer as a code.
TRI: dict[bool | None, int] = {None: -1, False: 0, True: 1}


def each(activities: Sequence[Activity], field: str) -> Iterator[Any]:
    """Every activity's `field` ("cost", or a dotted path: "welcome.beginners")."""
    return map(attrgetter(field), activities)


def flags(values: Iterable[object], n: int) -> BoolArray:
    """Each value's truth."""
    return np.fromiter(values, dtype=np.bool_, count=n)


def codes(values: Iterable[Any], table: Mapping[Any, int], n: int) -> CodeArray:
    """Each value's code in `table` (which maps None to -1 where a value may be missing)."""
    return np.fromiter(map(table.__getitem__, values), dtype=np.int8, count=n)


def numbers(values: Iterable[float | None], missing: float, n: int) -> FloatArray:
    """Each number, `missing` where there is none."""
    return np.fromiter((missing if v is None else v for v in values), dtype=np.float64, count=n)


def mental_health_settings(activities: Sequence[Activity]) -> BoolArray:
    """`is_mental_health_setting` of each activity, asked only where the answer is not
    already known.

    It is true of an activity flagged as one, or whose name or keywords name a condition
    (found by one search over all the names and keywords joined: a call per activity was a
    second at 100,000), and otherwise only of one in peer support whose words are about
    feelings. The test `test_snapshot_scale` checks the answers against the function itself.
    """
    labels = [" | ".join((a.name, *a.keywords)).casefold() for a in activities]
    ends = np.cumsum([len(label) + 1 for label in labels])  # each one's end, past a separator
    known = np.zeros(len(activities), dtype=np.bool_)
    starts = [m.start() for m in CONDITION_WORDS.finditer("\x00".join(labels))]
    known[np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right")] = True
    known |= flags(each(activities, "mental_health_specific"), len(activities))
    for i in np.flatnonzero(~known).tolist():
        a = activities[i]
        if "peer_support" in a.categories and is_mental_health_setting(a):
            known[i] = True
    return known
