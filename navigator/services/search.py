"""Search-as-you-type over the directory, forgiving typos ("chior", "gardning").

Every word typed must match some word of an activity (its name, organisation, categories,
keywords, venue or postcode): the start of a word ("paint" finds "painting"), or, only when
no word starts that way and it has four letters or more, a close spelling ("chior" finds
"choir", but "choir" does not also bring in "chair"). Short words match only as word starts,
so "art" finds "arts" but not "heart". Hyphenated words count whole and in parts, so "5 a
side" finds "5-a-side".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from navigator.domain.directory import Activity
from navigator.domain.taxonomy import CATEGORIES, category_label

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Sorts after any letter a word can have, so [word, word + this) holds every word starting so.
_AFTER_EVERY_LETTER = "\U0010ffff"

IntArray = npt.NDArray[np.int32]


def words_of(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def indexed_words(text: str) -> list[str]:
    """The words of `text`, with each hyphenated word's parts as well as the whole."""
    words = words_of(text)
    return words + [part for word in words if "-" in word for part in word.split("-") if part]


def searchable_text(activity: Activity) -> str:
    parts = [activity.name, activity.organisation or "", " ".join(activity.keywords)]
    parts += [category_label(c) for c in activity.categories]
    if activity.venue is not None:
        parts += [activity.venue.name or "", activity.venue.postcode or ""]
    parts.append(activity.delivery.value.replace("_", " "))
    return " ".join(parts)


class DirectorySearch:
    """Built once per directory load (off the UI thread); `matching_rows` answers each
    keystroke with array operations.

    The words are kept sorted, with each word's activities in one array (`_acts`, the word
    at vocabulary position p owning `_acts[_starts[p]:_starts[p + 1]]`), so all the words
    starting with what was typed are one contiguous slice, found by bisection.
    """

    def __init__(self, activities: Sequence[Activity]) -> None:
        self._ids = [a.id for a in activities]
        postings: dict[str, set[int]] = defaultdict(set)
        for index, activity in enumerate(activities):
            for word in indexed_words(searchable_text(activity)):
                postings[word].add(index)
        self._vocabulary = sorted(postings)
        lengths = np.fromiter(
            (len(postings[w]) for w in self._vocabulary), dtype=np.int64, count=len(postings)
        )
        self._starts = np.zeros(len(self._vocabulary) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        self._acts = np.fromiter(
            (i for w in self._vocabulary for i in postings[w]),
            dtype=np.int32,
            count=int(self._starts[-1]),
        )

    def matching_rows(self, query: str) -> IntArray | None:
        """Positions (in the activities given, ascending) of those matching every word;
        None when the query has no words."""
        query_words = words_of(query)
        if not query_words:
            return None
        found = np.ones(len(self._ids), dtype=bool)
        for word in query_words:
            found &= self._activities_for_word(word)
            if not found.any():
                break
        return np.flatnonzero(found).astype(np.int32)

    def matching_ids(self, query: str) -> set[str] | None:
        """Ids of activities matching every word; None when the query has no words."""
        rows = self.matching_rows(query)
        return None if rows is None else {self._ids[i] for i in rows}

    def _activities_for_word(self, word: str) -> npt.NDArray[np.bool_]:
        hits = np.zeros(len(self._ids), dtype=bool)
        first = bisect_left(self._vocabulary, word)
        last = bisect_left(self._vocabulary, word + _AFTER_EVERY_LETTER, lo=first)
        if last > first:  # words starting with it
            hits[self._acts[self._starts[first] : self._starts[last]]] = True
        elif len(word) >= 4:  # a close spelling only when nothing starts so
            cutoff = 75 if len(word) <= 5 else 80
            for _, _, position in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                hits[self._acts[self._starts[position] : self._starts[position + 1]]] = True
        return hits


class InterestSuggester:
    """Completion for the interests box: words from the taxonomy and the directory's keywords,
    found by their start or by a close spelling ("gardn" offers "gardening")."""

    def __init__(self, activities: Sequence[Activity] = ()) -> None:
        words = {s.casefold() for c in CATEGORIES for s in c.synonyms}
        words |= {c.label.casefold() for c in CATEGORIES}
        words |= {k.casefold().strip() for a in activities for k in a.keywords if k.strip()}
        self._words = sorted(words)

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        typed = text.casefold().strip()
        if len(typed) < 2:
            return []
        starts = [w for w in self._words if w.startswith(typed)]
        starts.sort(key=len)
        found = starts[:limit]
        if len(found) < 2 and len(typed) >= 4:
            # Likely a typo. Compare with the start of each word, so a slip early in a word
            # still finds it but a word that merely contains the letters does not.
            heads = [w[: len(typed)] for w in self._words]
            close = process.extract(typed, heads, scorer=fuzz.ratio, score_cutoff=75, limit=None)
            close.sort(key=lambda hit: (-hit[1], -fuzz.ratio(typed, self._words[hit[2]])))
            found += [self._words[i] for _, _, i in close if self._words[i] not in found]
        return found[:limit]
