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
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from navigator.domain.directory import Activity, Delivery
from navigator.domain.taxonomy import CATEGORIES, category_label

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Sorts after any letter a word can have, so [word, word + this) holds every word starting so.
_AFTER_EVERY_LETTER = "\U0010ffff"

IntArray = npt.NDArray[np.int32]
Ids = npt.NDArray[np.int64]


def words_of(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def indexed_words(text: str) -> list[str]:
    """The words of `text`, with each hyphenated word's parts as well as the whole."""
    return _indexed(words_of(text))


def searchable_text(activity: Activity) -> str:
    parts = [activity.name, activity.organisation or "", " ".join(activity.keywords)]
    parts += [category_label(c) for c in activity.categories]
    if activity.venue is not None:
        parts += [activity.venue.name or "", activity.venue.postcode or ""]
    parts.append(activity.delivery.value.replace("_", " "))
    return " ".join(parts)


class _Labels(dict[tuple[str, ...], str]):
    """Categories -> their labels as `searchable_text` adds them (shared tuples: once each)."""

    def __missing__(self, categories: tuple[str, ...]) -> str:
        found = self[categories] = "".join(" " + category_label(c) for c in categories)
        return found


_DELIVERY_WORDS = {d: " " + d.value.replace("_", " ") for d in Delivery}


def searchable_texts(activities: Sequence[Activity]) -> list[str]:
    """`searchable_text` of each activity, put together a column at a time (the same
    strings, with a Python step per activity only for the venue)."""
    names = map(attrgetter("name"), activities)
    organisations = [" " + (o or "") for o in map(attrgetter("organisation"), activities)]
    keywords = [" " + " ".join(k) for k in map(attrgetter("keywords"), activities)]
    labels = map(_Labels().__getitem__, map(attrgetter("categories"), activities))
    venues = [
        "" if v is None else f" {v.name or ''} {v.postcode or ''}"
        for v in map(attrgetter("venue"), activities)
    ]
    delivery = map(_DELIVERY_WORDS.__getitem__, map(attrgetter("delivery"), activities))
    return list(
        map("".join, zip(names, organisations, keywords, labels, venues, delivery, strict=True))
    )


class DirectorySearch:
    """Built once per directory load (off the UI thread); `matching_rows` answers each
    keystroke with array operations.

    The words are kept sorted, with each word's activities in one array (`_acts`, the word
    at vocabulary position p owning `_acts[_starts[p]:_starts[p + 1]]`), so all the words
    starting with what was typed are one contiguous slice, found by bisection.
    """

    def __init__(self, activities: Sequence[Activity]) -> None:
        self._ids = [a.id for a in activities]
        ids = _WordIds()
        words: list[Ids] = [np.zeros(0, dtype=np.int64)]
        owners: list[Ids] = [np.zeros(0, dtype=np.int64)]
        for lo in range(0, len(activities), _CHUNK):
            chunk_words, chunk_owners = _words_and_owners(activities[lo : lo + _CHUNK], ids)
            words.append(chunk_words)
            owners.append(chunk_owners + lo)
        found = np.concatenate(words)
        # The words found (not the end mark, nor a piece like "--" read again as no word);
        # `ids` holds them in id order.
        used = np.zeros(len(ids), dtype=np.bool_)
        used[found] = True
        self._vocabulary = sorted(compress(ids, used))
        # Each word's place in the vocabulary, by its id.
        place = np.zeros(len(ids), dtype=np.int64)
        listed = np.fromiter(map(ids.__getitem__, self._vocabulary), np.int64)
        place[listed] = np.arange(len(listed), dtype=np.int64)
        # Each (word, activity) once, by the word's place, then activity: one sort in numpy
        # (which lets go of the GIL; np.unique hashes first, five times slower here).
        n = max(len(activities), 1)
        keys = place[found] * n + np.concatenate(owners)
        keys.sort()
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
        self._starts = np.zeros(len(self._vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // n, minlength=len(self._vocabulary)), out=self._starts[1:])
        self._acts = (keys % n).astype(np.int32)

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


# Activities read together: each step over a chunk is one call in C (joining, splitting,
# looking up), short enough that no single one holds the GIL for long (a window's thread
# waits for it to paint).
_CHUNK = 5_000
# Marks the end of each text among a chunk's words (never part of a word: `_WORD` takes
# letters, digits and the joining marks only).
_TEXT_END = "\x00"
# ASCII as `_WORD` reads it: letters, digits and the joining ' and - kept, all else a space.
_ASCII_SPACES = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) not in "'-\x00"}
)


class _WordIds(dict[str, int]):
    """Each word -> its id, a new one on first sight (so a chunk's words become ids in one
    pass in C); and the ids of pieces holding a ' or -."""

    def __init__(self) -> None:
        super().__init__()
        self.joined: list[int] = []

    def __missing__(self, word: str) -> int:
        found = self[word] = len(self)
        if "'" in word or "-" in word:
            self.joined.append(found)
        return found


def _words_and_owners(activities: Sequence[Activity], ids: _WordIds) -> tuple[Ids, Ids]:
    """Every `indexed_words` of each activity's `searchable_text`, as word ids, with the
    position (in `activities`) of the activity each is from.

    ASCII texts are split together: lower-cased and cut at anything but letters, digits
    and ' or - in one pass, which gives `_WORD`'s words except where a ' or - does not join
    two words ("a--b", "'tis"): those pieces are read again with `_WORD`. Other texts (and
    every text of a chunk where one holds the end mark) are read one at a time."""
    texts = searchable_texts(activities)
    is_ascii = np.fromiter(map(str.isascii, texts), np.bool_, len(texts))
    together = np.flatnonzero(is_ascii)
    joined = f" {_TEXT_END} ".join(compress(texts, is_ascii)) + f" {_TEXT_END}"
    if joined.count(_TEXT_END) != len(together):
        together, joined = together[:0], ""
    pieces = joined.lower().translate(_ASCII_SPACES).split()
    found = np.fromiter(map(ids.__getitem__, pieces), np.int64, len(pieces))
    ends = found == ids[_TEXT_END]
    owner = together[np.cumsum(ends) - ends]  # each piece's text, then that text's activity
    keep = ~ends
    joining = np.flatnonzero(np.isin(found, np.asarray(ids.joined, dtype=np.int64)))
    keep[joining] = False
    more_words: list[str] = []
    more_owners: list[int] = []
    for k in joining.tolist():  # words joined by ' or -, and a hyphenated word's parts
        words = _indexed(_WORD.findall(pieces[k]))
        more_words += words
        more_owners += [int(owner[k])] * len(words)
    alone = np.ones(len(texts), dtype=np.bool_)
    alone[together] = False
    for i in np.flatnonzero(alone).tolist():
        words = indexed_words(texts[i])
        more_words += words
        more_owners += [i] * len(words)
    more = np.fromiter(map(ids.__getitem__, more_words), np.int64, len(more_words))
    return (
        np.concatenate((found[keep], more)),
        np.concatenate((owner[keep], np.asarray(more_owners, dtype=np.int64))),
    )


def _indexed(words: list[str]) -> list[str]:
    """`indexed_words` of words already found."""
    return words + [part for word in words if "-" in word for part in word.split("-") if part]


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
