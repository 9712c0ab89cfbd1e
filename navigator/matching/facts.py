"""The per-activity facts a snapshot keeps, read a column at a time.

Each column is one pass over the activities that runs in C (`operator.attrgetter`, a dict's
look-up, `np.fromiter`) wherever the field allows, not a Python call per activity and field:
at a million activities that is seconds. `test_snapshot_scale` checks every column against a
plain reading of each activity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain
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


def each(items: Iterable[object], field: str) -> Iterator[Any]:
    """Every item's `field` ("cost", or a dotted path: "welcome.beginners")."""
    return map(attrgetter(field), items)


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

    It is true of an activity flagged as one, or whose name or keywords name a condition,
    and otherwise only of one in peer support whose words are about feelings. The names and
    keywords are searched each distinct one once (`naming_distinct`: at 100,000 activities
    45,000 names and 362 keywords), not as each activity's joined labels (a call per
    activity was a second at 100,000). The test `test_snapshot_scale` checks the answers
    against the function itself.
    """
    names = list(each(activities, "name"))
    keywords = list(each(activities, "keywords"))
    naming_names = naming_distinct(CONDITION_WORDS, names)
    naming_keywords = naming_distinct(CONDITION_WORDS, chain.from_iterable(keywords))
    known = flags(map(naming_names.__contains__, names), len(activities))
    if naming_keywords:
        known |= ~flags(map(naming_keywords.isdisjoint, keywords), len(activities))
    del names, keywords
    known |= flags(each(activities, "mental_health_specific"), len(activities))
    for i in np.flatnonzero(~known).tolist():
        a = activities[i]
        if "peer_support" in a.categories and is_mental_health_setting(a):
            known[i] = True
    return known


def naming_distinct(words: re.Pattern[str], texts: Iterable[str]) -> set[str]:
    """The texts in which `words` finds a match in the casefolded text, each distinct text
    searched once.

    An activity's labels (`" | ".join((name, *keywords)).casefold()`, as the domain reads
    them) name a condition exactly when its name or one of its keywords does: casefolding
    goes a character at a time, and no alternative of `CONDITION_WORDS` matches " | " or can
    reach across it (a part's edge is a word's edge, as the space beside it is).
    """
    distinct = list(set(texts))
    return {distinct[i] for i in naming(words, list(map(str.casefold, distinct)))}


def naming(words: re.Pattern[str], texts: list[str]) -> list[int]:
    """The index of each text in which `words` finds a match.

    The expression runs only over the texts holding one of the literal openings of its
    alternatives (`openings`): finding a few fixed strings is many times faster than trying
    the expression at every position. Texts are joined by a character no opening holds and
    that parts words, so neither can reach across two texts.
    """
    joined = "\x00".join(texts)
    # Each one's end, past a separator.
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    starts: list[int] = []
    fixed = openings(words)
    if fixed is None:
        starts = [m.start() for m in words.finditer(joined)]
    else:
        for opening in fixed:
            at = joined.find(opening)
            while at >= 0:
                starts.append(at)
                at = joined.find(opening, at + 1)
    at_text = np.searchsorted(ends, np.asarray(starts, dtype=np.int64), side="right")
    which: list[int] = np.unique(at_text).tolist()
    if fixed is None:
        return which
    return [i for i in which if words.search(texts[i])]


_ALTERNATIVES = re.compile(r"\\b\(\?:(.*)\)\\b", re.DOTALL)
_LITERAL = re.compile(r"[a-z0-9 -]*")


@lru_cache(maxsize=8)
def openings(words: re.Pattern[str]) -> tuple[str, ...] | None:
    """Fixed strings of which every match of `words` holds one: the literal letters each of
    its alternatives opens with (`\\b(?:mental[- ]health|anxiety|...)\\b` gives "mental",
    "anxiety", ...), leaving out one that holds a shorter one. None when the expression is
    not of that form, or an alternative opens with no literal letter: then it is searched
    for everywhere."""
    whole = _ALTERNATIVES.fullmatch(words.pattern)
    if whole is None or words.flags & re.IGNORECASE:
        return None
    found: set[str] = set()
    for alternative in _top_level_alternatives(whole.group(1)):
        literal = _LITERAL.match(alternative).group()  # type: ignore[union-attr]
        if alternative[len(literal) : len(literal) + 1] in ("?", "*", "{"):
            literal = literal[:-1]  # its last letter may be left out
        if not literal.strip(" -"):
            return None
        found.add(literal)
    return tuple(sorted(f for f in found if not any(o != f and o in f for o in found)))


def _top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at each `|` outside brackets and character sets."""
    parts, depth, in_set, escaped, start = [], 0, False, False, 0
    set_opens = -1  # where the set's first character is (a "]" there is literal)
    for at, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_set:
            if ch == "^" and at == set_opens:
                set_opens += 1
            else:
                in_set = ch != "]" or at == set_opens
        elif ch == "[":
            in_set, set_opens = True, at + 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    parts.append(pattern[start:])
    return parts
