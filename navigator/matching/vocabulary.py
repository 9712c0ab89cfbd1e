"""The directory's words and phrases, each with the activities that use them (built once).

Terms are `text.key`s: single word stems from names, keywords and descriptions; adjacent
word pairs from names and keywords ("table tenni"); and whole multi-word keywords. Each term
has a posting list in CSR form (`post_ptr`, `post_acts`, `post_weights`) saying which
activities use it and how strongly: a word in the name or keywords counts more than one only
in the description. Terms are sorted by length so a fuzzy look-up only compares a query with
terms of a length that could possibly reach the cut-off.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from navigator.domain.directory import Activity
from navigator.matching.text import (
    FALSE_FRIENDS,
    STOPWORDS,
    fuzzy_cutoff,
    key,
    stem,
    tokens,
    words_agree,
)

NAME_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.75
# Long descriptions add little beyond their opening and cost build time.
MAX_DESCRIPTION_CHARS = 1500
SIMILAR_CACHE_SIZE = 4096


class Vocabulary:
    def __init__(self, activities: Sequence[Activity]) -> None:
        builder = _Builder()
        for i, activity in enumerate(activities):
            entries: dict[str, float] = {}
            builder.add(entries, activity.name, NAME_WEIGHT, pairs=True)
            for keyword in activity.keywords:
                builder.add(entries, keyword, KEYWORD_WEIGHT, pairs=True)
            builder.add(
                entries,
                activity.description[:MAX_DESCRIPTION_CHARS],
                DESCRIPTION_WEIGHT,
                pairs=False,
            )
            builder.post(i, entries)

        # Renumber terms in (length, text) order; posting lists follow.
        by_length = sorted(builder.term_ids, key=lambda t: (len(t), t))
        renumber = np.empty(len(by_length), dtype=np.int64)
        for new, term in enumerate(by_length):
            renumber[builder.term_ids[term]] = new
        self.terms: list[str] = by_length
        # Every word as written (normalised), to tell a person's typo from a real word.
        self.words: frozenset[str] = frozenset(builder.seen_words())
        self.surfaces: list[str] = [builder.surfaces[t] for t in by_length]
        self.lengths = np.fromiter(
            (len(t) for t in by_length), dtype=np.int64, count=len(by_length)
        )
        self._lookup = {t: i for i, t in enumerate(by_length)}
        term_of = renumber[np.asarray(builder.post_terms, dtype=np.int64)]
        order = np.argsort(term_of, kind="stable")
        self.post_acts = np.asarray(builder.post_acts, dtype=np.int32)[order]
        self.post_weights = np.asarray(builder.post_weights, dtype=np.float64)[order]
        counts = np.bincount(term_of, minlength=len(by_length))
        self.post_ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self._similar: dict[str, dict[int, float]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term: object) -> bool:
        return term in self._lookup

    def postings(self, term: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        lo, hi = self.post_ptr[term], self.post_ptr[term + 1]
        return self.post_acts[lo:hi], self.post_weights[lo:hi]

    def similar(self, query: str) -> dict[int, float]:
        """{term index: rapidfuzz ratio 0..100} for terms close enough to `query`.

        Remembered per snapshot: in an appointment the same interests are re-ranked each
        time another field changes. (A plain dict: one get or set is atomic in CPython, and
        the worst a race can do is compute an answer twice.)
        """
        found = self._similar.get(query)
        if found is None:
            found = similar(query, self.terms, self.lengths, self._lookup)
            if len(self._similar) >= SIMILAR_CACHE_SIZE:
                self._similar.clear()
            self._similar[query] = found
        return found

    def forget(self) -> None:
        """Drop remembered look-ups (for benchmarks that measure a cold query)."""
        self._similar.clear()


def similar(
    query: str, terms: list[str], lengths: npt.NDArray[np.int64], lookup: dict[str, int]
) -> dict[int, float]:
    """Terms (sorted by length) within `fuzzy_cutoff` of `query`, with their ratios.

    A term that is a known false friend of the query ("career" for "carer"), or a phrase
    that differs from it in a whole short word ("walk group" for "talk group"), is left out.
    """
    cutoff = fuzzy_cutoff(query)
    if cutoff >= 100:
        found = lookup.get(query)
        return {} if found is None else {found: 100.0}
    # ratio = 2·matches / (len(a) + len(b)) <= 2·min / (len(a) + len(b)): a term much
    # shorter or longer than the query cannot reach the cut-off, so it is not compared.
    c = cutoff / 100.0
    shortest = math.ceil(len(query) * c / (2.0 - c))
    longest = math.floor(len(query) * (2.0 - c) / c)
    lo = int(np.searchsorted(lengths, shortest, "left"))
    hi = int(np.searchsorted(lengths, longest, "right"))
    hits = process.extract(query, terms[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    unlike = FALSE_FRIENDS.get(query, frozenset())
    return {
        lo + index: score
        for term, score, index in hits
        if score >= 100 or (term not in unlike and words_agree(query, term))
    }


class _Builder:
    """Accumulates terms and postings; plain dicts and lists, because this is the hot loop."""

    def __init__(self) -> None:
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.post_terms: list[int] = []
        self.post_acts: list[int] = []
        self.post_weights: list[float] = []
        self._stems: dict[str, str | None] = {}  # word -> stem, None for filler words

    def seen_words(self) -> set[str]:
        return set(self._stems)

    def _stem(self, word: str) -> str | None:
        found = None if word in STOPWORDS else stem(word)
        self._stems[word] = found
        return found

    def add(self, entries: dict[str, float], text: str, weight: float, *, pairs: bool) -> None:
        words = tokens(text)
        cache = self._stems
        stems = [cache[w] if w in cache else self._stem(w) for w in words]
        surfaces = self.surfaces
        for word, s in zip(words, stems, strict=True):
            if s is not None:
                if weight > entries.get(s, 0.0):
                    entries[s] = weight
                if s not in surfaces:
                    surfaces[s] = word
        if not pairs:
            return
        for i in range(len(stems) - 1):
            a, b = stems[i], stems[i + 1]
            if a is not None and b is not None:
                term = f"{a} {b}"
                if weight > entries.get(term, 0.0):
                    entries[term] = weight
                if term not in surfaces:
                    surfaces[term] = f"{words[i]} {words[i + 1]}"
        if len(words) > 2:  # the whole phrase: "knit and natter", "walk and talk"
            term = key(text)
            if weight > entries.get(term, 0.0):
                entries[term] = weight
            if term not in surfaces:
                surfaces[term] = " ".join(words)

    def post(self, activity: int, entries: dict[str, float]) -> None:
        ids = self.term_ids
        self.post_terms.extend(ids.setdefault(t, len(ids)) for t in entries)
        self.post_acts.extend([activity] * len(entries))
        self.post_weights.extend(entries.values())
