"""The directory's words and phrases, each with the activities that use them (built once).

Terms are `text.key`s: single word stems from names, keywords and descriptions; adjacent
word pairs from names and keywords ("table tenni"); and whole names and keywords of more than
two words. Each term has a posting list in CSR form (`post_ptr`, `post_acts`, `post_weights`)
saying which activities use it and how strongly: a word in the name or keywords counts more
than one only in the description. Terms are sorted by length so a fuzzy look-up only compares
a query with terms of a length that could possibly reach the cut-off.

Only terms worth fuzzing are compared fuzzily (`fuzzy_terms`): a term with a proper noun in it
("ashbel garden", from "Ashbel Gardening Group") is found only when written exactly. A proper
noun is a word the descriptions write with a capital inside a sentence ("at Ashbel Hall"),
that no name, keyword or description writes in lower case, and that is none of Navigator's
own words (the taxonomy's, the everyday equivalents'). In a large directory most terms hold
such names of places, streets and organisers, and a person's misspelt interest is never one.

The build is linear in the directory: texts are split a chunk of activities at a time in a
few passes (`text.words_as_written`), each distinct word is stemmed once, and postings, word
pairs and first spellings are worked out with numpy over integer ids, not per word in Python.
`built_vocabulary` reads only the chunks' texts (`ChunkTexts`) and gives plain lists and
arrays (`BuiltVocabulary`), so a large directory's can be built in a second process
(services/vocabulary_process.py) while the snapshot's other columns are built here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter, getitem
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from navigator.domain.directory import Activity
from navigator.matching.text import (
    FALSE_FRIENDS,
    STOPWORDS,
    TEXT_END,
    capitalised_words,
    fuzzy_cutoff,
    stem,
    words_agree,
    words_as_written,
)

NAME_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.75
# Long descriptions add little beyond their opening and cost build time.
MAX_DESCRIPTION_CHARS = 1500
SIMILAR_CACHE_SIZE = 4096
# Activities split together: big enough that per-call overheads vanish, small enough that
# their word strings never pile up (they are dropped once turned into ids).
CHUNK = 20_000

# Where a term occurs, as one sortable number: the text (in directory order: each activity's
# name, keywords, description), then the kind (a word, a pair, the whole text), then the
# word's position. The first occurrence gives the term its spelling (`surfaces`).
_WORD, _PAIR, _WHOLE = 0, 1, 2
_POSITIONS = 1 << 20
# The weights a text can give, strongest first; postings keep a weight as its rank here.
_WEIGHTS = tuple(sorted({NAME_WEIGHT, KEYWORD_WEIGHT, DESCRIPTION_WEIGHT}, reverse=True))
_RANK_BITS = max(1, (len(_WEIGHTS) - 1).bit_length())
_RANK_MASK = (1 << _RANK_BITS) - 1

Ids = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int8]
# A chunk's postings: each one's term (the builder's id), activity and weight's rank.
_ChunkPostings = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], CodeArray]


class Vocabulary:
    def __init__(self, activities: Sequence[Activity], known_words: Iterable[str] = ()) -> None:
        """`known_words`: Navigator's own words (normalised), never taken for proper nouns."""
        self._assemble(built_vocabulary(chunks_of(activities), known_words))

    @classmethod
    def of(cls, built: BuiltVocabulary) -> Vocabulary:
        """The vocabulary `built_vocabulary` gave (in this process or another)."""
        vocabulary = cls.__new__(cls)
        vocabulary._assemble(built)
        return vocabulary

    def _assemble(self, built: BuiltVocabulary) -> None:
        weights = np.asarray(_WEIGHTS, dtype=np.float64)[built.post_ranks]
        arrays: dict[str, npt.NDArray[Any]] = {
            "lengths": built.lengths,
            "post_acts": built.post_acts,
            "post_weights": weights,
            "post_ptr": built.post_ptr,
            "fuzzy_index": built.fuzzy_index,
        }
        self._set_up(arrays, built.terms, built.surfaces, built.words)

    def _set_up(
        self,
        arrays: Mapping[str, npt.NDArray[Any]],
        terms: list[str],
        surfaces: list[str],
        words: Iterable[str],
    ) -> None:
        """The arrays (`ARRAYS`) and word lists, and the look-ups made from them."""
        self.lengths: Ids = arrays["lengths"]
        self.post_acts: npt.NDArray[np.int32] = arrays["post_acts"]
        self.post_weights: npt.NDArray[np.float64] = arrays["post_weights"]
        self.post_ptr: Ids = arrays["post_ptr"]
        # The terms compared fuzzily (still sorted by length), and their index in `terms`.
        self.fuzzy_index: Ids = arrays["fuzzy_index"]
        self.terms = terms  # sorted by length, then text
        self.surfaces = surfaces  # each term's first spelling
        # Every word as written (normalised), to tell a person's typo from a real word.
        self.words: frozenset[str] = frozenset(words)
        self._lookup = dict(zip(terms, range(len(terms)), strict=True))
        self.fuzzy_terms: list[str] = list(map(terms.__getitem__, self.fuzzy_index.tolist()))
        self._fuzzy_lengths: Ids = self.lengths[self.fuzzy_index]
        self._similar: dict[str, dict[int, float]] = {}

    # The arrays and word lists a snapshot cache keeps (services/snapshot_cache.py).
    ARRAYS = ("lengths", "post_acts", "post_weights", "post_ptr", "fuzzy_index")

    def parts(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, list[str]]]:
        arrays = {name: getattr(self, name) for name in self.ARRAYS}
        texts = {"terms": self.terms, "surfaces": self.surfaces, "words": sorted(self.words)}
        return arrays, texts

    @classmethod
    def restored(
        cls, arrays: Mapping[str, npt.NDArray[Any]], texts: Mapping[str, list[str]]
    ) -> Vocabulary:
        """The vocabulary from `parts`, without building it again."""
        vocabulary = cls.__new__(cls)
        vocabulary._set_up(arrays, texts["terms"], texts["surfaces"], texts["words"])
        return vocabulary

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term: object) -> bool:
        return term in self._lookup

    def postings(self, term: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]:
        lo, hi = self.post_ptr[term], self.post_ptr[term + 1]
        return self.post_acts[lo:hi], self.post_weights[lo:hi]

    def similar(self, query: str) -> dict[int, float]:
        """{term index: rapidfuzz ratio 0..100} for terms close enough to `query`: a term
        written exactly as the query, and terms worth fuzzing within the cut-off.

        Remembered per snapshot: in an appointment the same interests are re-ranked each
        time another field changes. (A plain dict: one get or set is atomic in CPython, and
        the worst a race can do is compute an answer twice.)
        """
        found = self._similar.get(query)
        if found is None:
            found = self._look_up(query)
            if len(self._similar) >= SIMILAR_CACHE_SIZE:
                self._similar.clear()
            self._similar[query] = found
        return found

    def _look_up(self, query: str) -> dict[int, float]:
        exact = self._lookup.get(query)
        if fuzzy_cutoff(query) >= 100:
            return {} if exact is None else {exact: 100.0}
        hits = similar(query, self.fuzzy_terms, self._fuzzy_lengths, {})
        found = {int(self.fuzzy_index[i]): score for i, score in hits.items()}
        if exact is not None:
            found[exact] = 100.0  # a proper noun written exactly
        return found

    def forget(self) -> None:
        """Drop remembered look-ups (for benchmarks that measure a cold query)."""
        self._similar.clear()


class VocabularyBuild(Protocol):
    """A vocabulary on its way: `result` waits for it; `cancel` stops it if it is no longer
    wanted (nothing once `result` has given it)."""

    def result(self) -> Vocabulary: ...

    def cancel(self) -> None: ...


class StartVocabulary(Protocol):
    """Starts building the vocabulary of `activities` (a `DirectorySnapshot.build` option:
    the build goes on with the other columns meanwhile). The class `BuiltHere` is one: its
    constructor takes these arguments and gives a `VocabularyBuild`."""

    def __call__(
        self, activities: Sequence[Activity], known_words: frozenset[str]
    ) -> VocabularyBuild: ...


class BuiltHere:
    """The vocabulary built in this thread, when its result is asked for (the default)."""

    def __init__(self, activities: Sequence[Activity], known_words: frozenset[str]) -> None:
        self._activities = activities
        self._known_words = known_words

    def result(self) -> Vocabulary:
        return Vocabulary(self._activities, self._known_words)

    def cancel(self) -> None:
        pass


def chunks_of(activities: Sequence[Activity]) -> Iterator[ChunkTexts]:
    """The activities' texts, a chunk (`CHUNK`) at a time, as a build reads them."""
    for lo in range(0, len(activities), CHUNK):
        yield chunk_texts(activities[lo : lo + CHUNK])


@dataclass(frozen=True, slots=True)
class BuiltVocabulary:
    """What a build gives, as plain lists and arrays (what a second process sends back):
    the terms in (length, text) order with their first spellings and lengths; every word as
    written (normalised, in no order); each term's postings (CSR: `post_ptr`; activities,
    and each weight as its rank in `_WEIGHTS`); the terms worth fuzzing (indexes)."""

    terms: list[str]
    surfaces: list[str]
    words: list[str]
    lengths: Ids
    post_acts: npt.NDArray[np.int32]
    post_ranks: CodeArray
    post_ptr: Ids
    fuzzy_index: Ids


def built_vocabulary(chunks: Iterable[ChunkTexts], known_words: Iterable[str]) -> BuiltVocabulary:
    """The vocabulary of the activities whose texts `chunks` gives, in directory order.

    `known_words`: Navigator's own words (normalised), never taken for proper nouns."""
    builder = _Builder()
    # A chunk's postings are sorted in a second thread (numpy lets go of the GIL while it
    # sorts) while this one splits the next chunk's words (`_chunk_postings`).
    with ThreadPoolExecutor(max_workers=1) as sorter:
        first = 0
        for chunk in chunks:
            builder.add_chunk(chunk, first, sorter)
            first += chunk.size
        return builder.finish(known_words, sorter)


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


def _chunk_postings(found: Ids, owner_bits: int, first: int) -> _ChunkPostings:
    """A chunk's postings from their keys (term, activity in the chunk and weight's rank,
    strongest first, as bit fields): one sort, and the first of each term's activity is the
    one kept; they come out by term, then activity, ready for `_Builder.postings`. (Bit
    fields, not products: a shift and a mask are many times faster than numpy's integer
    division, and sort the same.) Only numpy, which lets go of the GIL for each step: run
    in a second thread, it overlaps the next chunk's Python work.
    """
    found.sort()
    term_owner = found >> _RANK_BITS
    keep = np.ones(len(found), dtype=np.bool_)
    np.not_equal(term_owner[1:], term_owner[:-1], out=keep[1:])
    # The ranks as bytes, the terms as 4 bytes: kept until the finish, and moved there.
    term_owner, ranks = term_owner[keep], (found[keep] & _RANK_MASK).astype(np.int8)
    term, owner = term_owner >> owner_bits, term_owner & ((1 << owner_bits) - 1)
    return term.astype(np.int32), (owner + first).astype(np.int32), ranks


def _runs(keys: npt.NDArray[np.int32]) -> tuple[Ids, Ids]:
    """Where each run of equal `keys` starts, and how long it is."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    return starts, np.diff(np.append(starts, len(keys)))


@dataclass(frozen=True, slots=True)
class ChunkTexts:
    """A chunk's texts: each activity's name, keywords and description (cut short), in that
    order, with per text its weight's rank in `_WEIGHTS`, its activity's position in the
    chunk and whether word pairs count; and the words the descriptions capitalise inside a
    sentence. All a build reads of the chunk's activities: plain lists, sets and arrays, to
    send to another process (services/vocabulary_process.py), which then has less to do."""

    size: int  # activities in the chunk
    texts: list[str]
    ranks: Ids
    owners: Ids
    pairs: npt.NDArray[np.bool_]
    capitalised: set[str]  # `text.capitalised_words` of the descriptions


def chunk_texts(activities: Sequence[Activity]) -> ChunkTexts:
    """The chunk's texts, put together in C (attribute getters, tuple concatenation, chain)
    and the per-text columns with numpy: no Python step per activity."""
    name, keyword, description = (
        _WEIGHTS.index(w) for w in (NAME_WEIGHT, KEYWORD_WEIGHT, DESCRIPTION_WEIGHT)
    )
    keywords: list[tuple[str, ...]] = list(map(attrgetter("keywords"), activities))
    cut = repeat(slice(0, MAX_DESCRIPTION_CHARS))
    descriptions: list[str] = list(map(getitem, map(attrgetter("description"), activities), cut))
    # (name,) + keywords + (description,), each activity's in turn.
    with_name = map(tuple.__add__, zip(map(attrgetter("name"), activities)), keywords)
    texts = list(chain.from_iterable(map(tuple.__add__, with_name, zip(descriptions))))
    sizes = np.fromiter(map(len, keywords), dtype=np.int64, count=len(keywords)) + 2
    ends = np.cumsum(sizes)
    ranks = np.full(len(texts), keyword, dtype=np.int64)
    ranks[ends - sizes] = name
    ranks[ends - 1] = description
    pairs = np.ones(len(texts), dtype=np.bool_)
    pairs[ends - 1] = False
    owners = np.repeat(np.arange(len(keywords), dtype=np.int64), sizes)
    capitalised = capitalised_words(descriptions)
    return ChunkTexts(len(activities), texts, ranks, owners, pairs, capitalised)


class _Spellings(dict[str, int]):
    """Each word as written (case kept) -> its word's id, across chunks. A spelling not seen
    before gets one on first sight (`__missing__`), so a chunk's words become ids in one
    pass in C, with Python only for each new spelling."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__({TEXT_END: -1})
        self._builder = builder

    def __missing__(self, spelling: str) -> int:
        word = spelling.lower()
        found = self[spelling] = self._builder.word_id(word)
        if spelling == word:
            self._builder.lower.add(word)
        return found


class _Builder:
    """Terms, postings and first spellings, a chunk of activities at a time, as ids."""

    def __init__(self) -> None:
        self.word_ids: dict[str, int] = {}  # every normalised word seen, filler words too
        self.spellings = _Spellings(self)
        self._words: list[str] = []
        self._word_stem: list[int] = []  # word id -> term id of its stem; -1: a filler word
        self._stem_text: list[str | None] = []  # word id -> its stem; None: a filler word
        self.term_ids: dict[str, int] = {}
        self.term_strings: list[str] = []
        self.surfaces: list[str] = []  # term id -> its first spelling
        self._pair_ids: dict[int, int] = {}  # stems' term ids a·2^32+b -> the pair's term id
        self._postings: list[Future[_ChunkPostings]] = []
        self.lower: set[str] = set()  # words written in lower case somewhere
        self._capitalised: set[str] = set()  # words capitalised inside a description's sentence
        self._texts_before = 0

    def _term(self, text: str) -> int:
        found = self.term_ids.get(text)
        if found is None:
            found = self.term_ids[text] = len(self.term_strings)
            self.term_strings.append(text)
            self.surfaces.append("")  # set from its first occurrence, in `_spell_new_terms`
        return found

    def word_id(self, word: str) -> int:
        found = self.word_ids.get(word)
        if found is None:
            found = self.word_ids[word] = len(self._words)
            self._words.append(word)
            stemmed = None if word in STOPWORDS else stem(word)
            self._stem_text.append(stemmed)
            self._word_stem.append(-1 if stemmed is None else self._term(stemmed))
        return found

    def add_chunk(self, chunk: ChunkTexts, first: int, sorter: ThreadPoolExecutor) -> None:
        """Add the chunk's texts; `first`: its first activity's position in the directory."""
        terms_before = len(self.term_strings)  # the terms this chunk adds come after
        texts = chunk.texts
        rank_of_text, owner_of_text, pairs_of_text = chunk.ranks, chunk.owners, chunk.pairs
        self._capitalised |= chunk.capitalised
        flat = words_as_written(texts)
        ids = np.fromiter(map(self.spellings.__getitem__, flat), dtype=np.int64, count=len(flat))
        del flat
        ends = np.flatnonzero(ids < 0)  # each text's end mark
        counts = np.diff(ends, prepend=-1) - 1
        ids = ids[ids >= 0]
        # Per word of every text: its text, its position there, and its stem's term.
        text_of = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        position = np.minimum(np.arange(len(ids), dtype=np.int64) - starts[text_of], 1 << 19)
        stems = np.asarray(self._word_stem, dtype=np.int64)[ids]
        where = (self._texts_before + text_of) * (3 * _POSITIONS) + position

        # Single words.
        is_word = stems >= 0
        term_parts = [stems[is_word]]
        text_parts = [text_of[is_word]]
        order_parts = [where[is_word] + _WORD * _POSITIONS]
        first_word = [np.flatnonzero(is_word)]  # the flat index of the (first) word

        # Adjacent pairs of content words in names and keywords.
        same_text = text_of[:-1] == text_of[1:]
        is_pair = same_text & pairs_of_text[text_of[:-1]] & is_word[:-1] & is_word[1:]
        at = np.flatnonzero(is_pair)
        codes = (stems[at] << 32) | stems[at + 1]
        unique_codes, inverse = np.unique(codes, return_inverse=True)
        # Pairs met before by one look-up each in C; Python only for new ones (in code order).
        listed = unique_codes.tolist()
        known = list(map(self._pair_ids.get, listed))
        for k in [k for k, t in enumerate(known) if t is None]:
            known[k] = self._pair_term(listed[k])
        pair_terms = np.asarray(known, dtype=np.int64)
        term_parts.append(pair_terms[inverse.reshape(-1)])
        text_parts.append(text_of[at])
        order_parts.append(where[at] + _PAIR * _POSITIONS)
        first_word.append(at)

        # Whole names and keywords of more than two words: "knit and natter".
        whole = np.flatnonzero(pairs_of_text & (counts > 2))
        whole_terms = self._whole_terms(whole, ids, stems, is_word, text_of, starts, counts)
        term_parts.append(whole_terms)
        text_parts.append(whole)
        order_parts.append((self._texts_before + whole) * (3 * _POSITIONS) + _WHOLE * _POSITIONS)
        first_word.append(starts[whole])

        term = np.concatenate(term_parts)
        text = np.concatenate(text_parts)
        where_found = np.concatenate(order_parts)
        flat_at = np.concatenate(first_word)
        self._spell_new_terms(term, where_found, flat_at, terms_before, ids, starts, counts, text)

        # Postings: one per activity and term, with the strongest weight it has there; their
        # keys sorted in the sorter's thread (`_chunk_postings`).
        owner_bits = chunk.size.bit_length()
        found = (term << owner_bits | owner_of_text[text]) << _RANK_BITS | rank_of_text[text]
        self._postings.append(sorter.submit(_chunk_postings, found, owner_bits, first))
        self._texts_before += len(texts)

    def _pair_term(self, code: int) -> int:
        found = self._pair_ids.get(code)
        if found is None:
            a, b = self.term_strings[code >> 32], self.term_strings[code & 0xFFFFFFFF]
            found = self._pair_ids[code] = self._term(f"{a} {b}")
        return found

    def _whole_terms(
        self,
        whole: Ids,
        ids: Ids,
        stems: Ids,
        is_word: npt.NDArray[np.bool_],
        text_of: Ids,
        starts: Ids,
        counts: Ids,
    ) -> Ids:
        """The term of each of the `whole` texts: `text.key` of it, its content words' stems
        joined (or every word's stem when all are filler words)."""
        in_whole = np.zeros(len(counts), dtype=np.bool_)
        in_whole[whole] = True
        content = in_whole[text_of] & is_word
        # The content words' stems, in order, and where each whole text's run of them ends.
        strings = self.term_strings
        content_stems = [strings[t] for t in stems[content].tolist()]
        ends = np.cumsum(np.bincount(text_of[content], minlength=len(counts))[whole]).tolist()
        lows = [0, *ends][: len(ends)]
        keys = [" ".join(content_stems[lo:hi]) for lo, hi in zip(lows, ends, strict=True)]
        for k in [k for k, key in enumerate(keys) if not key]:
            # Only filler words ("the and of"): key() keeps them, stemmed.
            t = int(whole[k])
            listed = ids[starts[t] : starts[t] + counts[t]].tolist()
            keys[k] = " ".join(stem(self._words[i]) for i in listed)
        # Terms met before by one look-up each in C; new ones made in text order, as met.
        found = list(map(self.term_ids.get, keys))
        for k in [k for k, t in enumerate(found) if t is None]:
            found[k] = self._term(keys[k])
        return np.asarray(found, dtype=np.int64)

    def _spell_new_terms(
        self,
        term: Ids,
        where_found: Ids,
        flat_at: Ids,
        terms_before: int,
        ids: Ids,
        starts: Ids,
        counts: Ids,
        text: Ids,
    ) -> None:
        """Give each term first seen in this chunk the spelling of its first occurrence."""
        new = term >= terms_before
        if not new.any():
            return
        term, where_found, flat_at, text = term[new], where_found[new], flat_at[new], text[new]
        # Each occurrence's rank in reading order (no two are in the same place; words, pairs
        # and whole texts each come in order already, so a stable sort only merges three
        # runs), then each new term's lowest rank: no sort of the terms.
        order = np.argsort(where_found, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        lowest = np.full(len(self.term_strings) - terms_before, len(order), dtype=np.int64)
        np.minimum.at(lowest, term - terms_before, rank)
        seen = np.flatnonzero(lowest < len(order))
        firsts = seen + terms_before  # the new terms, in id order
        first = order[lowest[seen]]  # each one's first occurrence
        kind = (where_found[first] // _POSITIONS) % 3
        at = flat_at[first]
        words, surfaces = self._words, self.surfaces
        is_word, is_pair = kind == _WORD, kind == _PAIR
        for t, w in zip(firsts[is_word].tolist(), ids[at[is_word]].tolist(), strict=True):
            surfaces[t] = words[w]
        at = at[is_pair]
        for t, a, b in zip(
            firsts[is_pair].tolist(), ids[at].tolist(), ids[at + 1].tolist(), strict=True
        ):
            surfaces[t] = f"{words[a]} {words[b]}"
        is_whole = kind == _WHOLE
        whole = text[first[is_whole]]
        lows, highs = starts[whole], starts[whole] + counts[whole]
        for t, lo, hi in zip(firsts[is_whole].tolist(), lows.tolist(), highs.tolist(), strict=True):
            surfaces[t] = " ".join(map(words.__getitem__, ids[lo:hi].tolist()))

    def finish(self, known_words: Iterable[str], sorter: ThreadPoolExecutor) -> BuiltVocabulary:
        """The vocabulary of the chunks added; the builder is spent."""
        # In (length, text) order: sorted by text, then a stable sort by length. (The strings
        # themselves, compared in C, not a key function per term; each is one term.)
        terms: list[str] = sorted(sorted(self.term_strings), key=len)
        by_length = list(map(self.term_ids.__getitem__, terms))
        # The postings put in order (numpy only) in the sorter's thread meanwhile.
        postings = sorter.submit(self.postings, by_length)
        surfaces = list(map(self.surfaces.__getitem__, by_length))
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        proper = self.proper_stems(known_words)
        # A term's words are stems, one space apart: str.split gives them.
        worth = map(proper.isdisjoint, map(str.split, terms))
        fuzzy = np.flatnonzero(np.fromiter(worth, dtype=np.bool_, count=len(terms)))
        acts, ranks, ptr = postings.result()
        words = list(self.word_ids)
        del self.spellings  # it refers back to the builder: freed now, not by the collector
        return BuiltVocabulary(
            terms, surfaces, words, lengths, acts, ranks, ptr, fuzzy.astype(np.int64)
        )

    def postings(self, by_length: list[int]) -> tuple[npt.NDArray[np.int32], CodeArray, Ids]:
        """Every posting's activity and weight's rank (`_WEIGHTS`), by term in the final
        order (`by_length`: the builder's id of each final term), then activity; and where
        each term's postings start (`post_ptr`).

        No sort: each chunk's postings come by term, then activity, and the chunks in
        activity order, so a posting's place is its term's start, plus the postings of its
        term in the chunks before, plus its place in its run of the term in its chunk.
        """
        chunks = [future.result() for future in self._postings]
        self._postings = []
        counts = np.zeros(len(self.term_strings), dtype=np.int64)
        runs = [_runs(term) for term, _, _ in chunks]
        for (term, _, _), (starts, lengths) in zip(chunks, runs, strict=True):
            counts[term[starts]] += lengths  # a chunk's runs are of distinct terms
        by_length_ids = np.asarray(by_length, dtype=np.int64)
        ptr = np.concatenate(([0], np.cumsum(counts[by_length_ids]))).astype(np.int64)
        # The next free place of each term (by the builder's id).
        cursor = np.empty(len(counts), dtype=np.int64)
        cursor[by_length_ids] = ptr[:-1]
        acts = np.empty(int(ptr[-1]), dtype=np.int32)
        ranks = np.empty(int(ptr[-1]), dtype=np.int8)
        for (term, chunk_acts, chunk_ranks), (starts, lengths) in zip(chunks, runs, strict=True):
            in_run = np.arange(len(term), dtype=np.int64) - np.repeat(starts, lengths)
            places = cursor[term] + in_run
            acts[places] = chunk_acts
            ranks[places] = chunk_ranks
            cursor[term[starts]] += lengths
        return acts, ranks, ptr

    def proper_stems(self, known_words: Iterable[str]) -> set[str]:
        """Stems only proper nouns have (see the module docstring)."""
        common = self.lower | set(known_words)
        proper = (self._capitalised - common) & self.word_ids.keys()
        if not proper:
            return set()
        common_stems = {s for w in common if (s := self._stem_of(w)) is not None}
        return {s for w in proper if (s := self._stem_of(w)) is not None} - common_stems

    def _stem_of(self, word: str) -> str | None:
        found = self.word_ids.get(word)
        if found is not None:
            return self._stem_text[found]
        return None if word in STOPWORDS else stem(word)
