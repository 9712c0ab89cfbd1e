"""Interest matching: the person's own words against what the directory says.

Built once per snapshot: the directory's `Vocabulary` (vocabulary.py) and the taxonomy's
category labels and UK synonyms, keyed the same way (`text.key`).

Per query (`InterestIndex.match`), each interest and its everyday equivalents are looked up
in both, fuzzily (rapidfuzz `ratio`, cut-off by word length) so typos still meet
("gardning" ~ "garden"). Hits are scattered into a per-activity numpy score array:

    the word or phrase in the name or keywords     1.0 x similarity
    ... only in the description                    0.75 x similarity
    ... a category's word, only in the description
        of an activity outside that category       0.6 x the above ("run by volunteers")
    an everyday equivalent ("choir" for singing)   0.9 x the above
    every word of a multi-word interest, apart     0.9 x their mean (x0.7 if some are missing)
    only the category, via a synonym or label      0.55 x similarity

so "painting" in an activity's name outranks a craft cafe that is merely in arts_crafts.
Similarity is 1 for an exact match and 0.95 x ratio/100 (about 0.76..0.94) for a typo.
Known false friends ("carers" and "careers") are never taken for typos of each other
(`text.FALSE_FRIENDS`). Words for who a group is for (LGBTQ+, refugees, carers) reach only
activities that use one of their family of words (`_FAMILIES`), never a whole category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from navigator.domain.taxonomy import CATEGORY_BY_ID
from navigator.matching.text import key, tokens
from navigator.matching.vocabulary import NAME_WEIGHT, Vocabulary, similar

EQUIVALENT_WEIGHT = 0.9
ALL_WORDS_WEIGHT = 0.9
SOME_WORDS_FACTOR = 0.7
CATEGORY_WEIGHT = 0.55
FUZZY_FACTOR = 0.95
SECOND_INTEREST_SHARE = 0.2
# 0.75 x 0.6 = 0.45: below an activity that is in the category the word names (0.55), above
# the relevance floor (0.4), so it is still shown, lower down.
IN_PASSING_FACTOR = 0.6

# Words that mean the same thing in an appointment but share no letters. Matching knowledge,
# not taxonomy: the category synonyms say which category a word belongs to, this says which
# other words to look for in activity names.
_EVERYDAY: dict[str, tuple[str, ...]] = {
    "5-a-side": ("football",),
    "five a side": ("football",),
    "footy": ("football",),
    "soccer": ("football",),
    "allotment": ("gardening", "growing", "community garden"),
    "growing veg": ("gardening", "allotment"),
    "choir": ("singing",),
    "singing": ("choir",),
    "sing": ("choir", "singing"),
    "ping pong": ("table tennis",),
    "table tennis": ("ping pong",),
    "keep fit": ("exercise", "fitness"),
    "fitness": ("exercise", "keep fit"),
    "jogging": ("running", "parkrun"),
    "running": ("parkrun", "jogging"),
    "rambling": ("walking", "walk"),
    "hiking": ("walking", "walk"),
    "bike": ("cycling",),
    "biking": ("cycling",),
    "pottery": ("ceramics", "clay"),
    # Trades people name as a strength ("was a joiner"): the directory says "woodwork".
    "carpentry": ("woodwork", "joinery"),
    "carpenter": ("woodwork", "carpentry"),
    "joinery": ("woodwork", "carpentry"),
    "joiner": ("woodwork", "joinery"),
    "ceramics": ("pottery",),
    "cookery": ("cooking",),
    "computer": ("digital", "computers"),
    "pc": ("computer",),
    "it": ("computer", "digital"),
    "drama": ("theatre", "acting"),
    "theatre": ("drama",),
    "acting": ("drama",),
    "poetry": ("poems", "spoken word"),
    "knitting": ("knit and natter", "yarn"),
    "chat": ("natter", "conversation"),
    "cuppa": ("tea", "coffee"),
    "films": ("cinema", "film club"),
    "movies": ("cinema", "film"),
    "cinema": ("film", "film club"),
    "telly": ("film",),
    "fishing": ("angling",),
    "angling": ("fishing",),
    "birdwatching": ("bird watching", "birds"),
    "bird watching": ("birdwatching",),
    "qi gong": ("qigong",),
    "qigong": ("qi gong",),
    "zumba": ("dance fitness", "aerobics"),
    "ipad": ("tablet",),
    "tablet": ("ipad",),
    "food bank": ("foodbank", "pantry"),
    "foodbank": ("food bank", "pantry"),
    "english": ("esol",),
    "dementia": ("memory cafe", "alzheimers"),
    "alzheimers": ("dementia", "memory cafe"),
    "memory cafe": ("dementia",),
    "caring": ("carer",),
    "young carers": ("carers",),
    "dating": ("speed dating", "singles"),
    "speed dating": ("dating", "singles"),
    "singles": ("dating", "speed dating"),
    "friendship": ("making friends", "friendship group"),
    "making friends": ("friendship", "social"),
    "meeting people": ("friendship", "social"),
    "meet people": ("friendship", "social"),
    "dads": ("fathers", "parents"),
    "parents": ("mums", "dads", "parent and toddler", "stay and play"),
}

# Families of words for the same people or the same kind of thing: each word looks for the
# others. Who-it-is-for words (LGBTQ+, refugees, carers, young mums) are matched only here,
# on the directory's words, never through a category: someone who asks for an LGBTQ+ group
# is not helped by every social club.
_LGBTQ = ("LGBTQ+", "LGBT", "queer")
_FAMILIES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # (the words, extra words each of them also looks for)
    (
        ("LGBT", "LGBTQ+", "LGBT+", "LGBTQ", "LGBTQIA+", "LGBTQI", "queer"),
        ("gay", "lesbian", "bisexual", "trans", "non-binary"),
    ),
    (("gay", "lesbian", "bisexual"), _LGBTQ),
    (("trans", "transgender", "non-binary", "nonbinary"), _LGBTQ),
    (("refugee", "asylum seeker", "asylum", "migrant"), ()),
    (("ESOL", "English class", "English lessons", "learn English", "English conversation"), ()),
    (("young mums", "mums", "mothers", "mother and baby", "new mums"), ("young parents",)),
    # Civic life: a residents' or tenants' association, a campaign, community organising.
    (
        (
            "residents association",
            "tenants association",
            "residents group",
            "neighbourhood forum",
            "community organising",
            "campaigning",
            "local politics",
            "activism",
            "action group",
        ),
        (),
    ),
)


def _equivalents() -> dict[str, tuple[str, ...]]:
    """`_EVERYDAY` and every family, keyed like the vocabulary (`text.key`), without a
    word's own key among its equivalents."""
    table: dict[str, list[str]] = {key(w): list(alts) for w, alts in _EVERYDAY.items()}
    for words, extra in _FAMILIES:
        for word in words:
            found = table.setdefault(key(word), [])
            found.extend(other for other in (*words, *extra) if key(other) != key(word))
    out: dict[str, tuple[str, ...]] = {}
    for own, alternatives in table.items():
        by_key: dict[str, str] = {}
        for alternative in alternatives:
            if key(alternative) != own:
                by_key.setdefault(key(alternative), alternative)
        out[own] = tuple(by_key.values())
    return out


EQUIVALENTS: dict[str, tuple[str, ...]] = _equivalents()

# Words a person says for a category that are too loose to place a whole service when a
# directory's own text uses them ("the nature of our work", "reading your letters"), so they
# are not taxonomy synonyms (those also place imported services): they count only here,
# for the person's interests.
PERSON_WORDS: dict[str, tuple[str, ...]] = {
    "nature_gardening": ("nature", "outdoors", "garden", "plants"),
    "writing_reading": ("reading", "books", "writing", "poems", "stories"),
    "learning": ("english", "learning", "lessons"),
    "social_club": (
        "friendship",
        "making friends",
        "meeting people",
        "meet people",
        "dating",
        "singles",
        "cinema",
        "films",
        "movies",
        "games",
        "cards",
    ),
    "volunteering": ("campaigning", "local politics", "activism", "civic", "community action"),
    "faith_culture": ("culture", "religion", "spiritual"),
    "digital_skills": ("phone", "mobile phone", "whatsapp"),
}


@dataclass(frozen=True, slots=True)
class InterestMatch:
    """Per-interest results for every activity in a snapshot."""

    interests: tuple[str, ...]
    scores: npt.NDArray[np.float64]  # (k, n): 0..1 fit of activity to interest
    # (k, n): which words matched, as an index into `source_labels[j]`; -1 when only the
    # category matched (or nothing did).
    source: npt.NDArray[np.int8]
    # Per interest, how to name each source in a reason: the person's own word (or, for a
    # typo, the directory word it matched), then each everyday equivalent that matched.
    source_labels: tuple[tuple[str, ...], ...]
    category_sims: npt.NDArray[np.float64]  # (k, C): how close each interest is to a category

    def combined(self) -> npt.NDArray[np.float64]:
        """One 0..1 interest score per activity: the best interest, plus a little for a
        second (SECOND_INTEREST_SHARE of it), scaled back into 0..1 so that an activity that
        fits two of the person's interests ranks above one that fits only one, however well
        ("Songwriting Lab" for music and writing, before a choir)."""
        if not self.interests:
            return np.zeros(self.scores.shape[1], dtype=np.float64)
        if len(self.interests) == 1:
            only: npt.NDArray[np.float64] = self.scores[0]
            return only
        best = np.zeros(self.scores.shape[1], dtype=np.float64)
        second = np.zeros_like(best)
        for row in self.scores:  # a running top two: k is small, n may be large
            np.maximum(second, np.minimum(best, row), out=second)
            np.maximum(best, row, out=best)
        score: npt.NDArray[np.float64] = (best + SECOND_INTEREST_SHARE * second) / (
            1.0 + SECOND_INTEREST_SHARE
        )
        return score


class InterestIndex:
    """The directory's vocabulary with posting lists, and the taxonomy's synonyms."""

    def __init__(self, vocabulary: Vocabulary, n: int, category_ids: Sequence[str]) -> None:
        """The index around the vocabulary of `n` activities (built, or read back from a
        snapshot cache)."""
        self.vocabulary = vocabulary
        self.n = n
        # Category synonyms and labels, keyed like the vocabulary: key -> category columns.
        table = _synonym_table(tuple(category_ids))
        self.synonym_keys, self.synonym_columns, self.synonym_surfaces = table
        self._synonym_lengths = np.array([len(k) for k in self.synonym_keys], dtype=np.int64)
        self._synonym_lookup = {k: i for i, k in enumerate(self.synonym_keys)}
        self.n_categories = len(category_ids)

    @property
    def terms(self) -> list[str]:
        return self.vocabulary.terms

    def synonym_columns_of(self, query: str) -> tuple[int, ...]:
        """The category columns a key names exactly (a label or synonym), else ()."""
        found = self._synonym_lookup.get(query)
        return () if found is None else self.synonym_columns[found]

    def similar_synonyms(self, query: str) -> dict[int, float]:
        return similar(query, self.synonym_keys, self._synonym_lengths, self._synonym_lookup)

    def match(self, interests: Sequence[str], categories: npt.NDArray[np.bool_]) -> InterestMatch:
        """Score every activity against each interest; `categories` is the (C, n) membership."""
        return _match(self, tuple(i for i in interests if key(i)), categories)


@lru_cache(maxsize=8)
def _synonym_table(
    category_ids: tuple[str, ...],
) -> tuple[list[str], list[tuple[int, ...]], dict[str, str]]:
    """The taxonomy's labels and synonyms as keys, each with the category columns it names.

    The taxonomy never changes while the app runs, so this is built once, not per snapshot.
    """
    columns: dict[str, set[int]] = {}
    surfaces: dict[str, str] = {}
    for column, category_id in enumerate(category_ids):
        category = CATEGORY_BY_ID.get(category_id)
        words = (
            (category.label, *category.synonyms, *PERSON_WORDS.get(category_id, ()))
            if category
            else (category_id,)
        )
        for word in words:
            columns.setdefault(key(word), set()).add(column)
            surfaces.setdefault(key(word), word.lower())
    keys = sorted(columns, key=lambda k: (len(k), k))  # sorted by length for `similar`
    return keys, [tuple(sorted(columns[k])) for k in keys], surfaces


@dataclass(frozen=True, slots=True)
class _Query:
    interest: int
    key: str
    label: str  # the words as they should appear in a reason
    weight: float
    own: bool  # the person's own word, not an equivalent we added
    word: bool  # one word of a multi-word interest


def _queries(interests: Sequence[str]) -> list[_Query]:
    out: list[_Query] = []
    for j, interest in enumerate(interests):
        own = key(interest)
        out.append(_Query(j, own, interest, 1.0, own=True, word=False))
        for alternative in EQUIVALENTS.get(own, ()):
            out.append(
                _Query(j, key(alternative), alternative, EQUIVALENT_WEIGHT, own=False, word=False)
            )
        words = own.split()
        if len(words) > 1:
            out.extend(_Query(j, w, w, 1.0, own=True, word=True) for w in dict.fromkeys(words))
    return out


def _in_passing(
    weights: npt.NDArray[np.float64], acts: npt.NDArray[np.int32], named: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Posting weights with description-only ones of activities in none of the `named`
    category rows scaled by IN_PASSING_FACTOR."""
    passing = weights < NAME_WEIGHT
    if not passing.any():
        return weights
    passing[passing] = ~named[:, acts[passing]].any(axis=0)
    return np.where(passing, weights * IN_PASSING_FACTOR, weights)


def _similarity(ratio: float) -> float:
    return 1.0 if ratio >= 100 else FUZZY_FACTOR * ratio / 100.0


def _match(
    index: InterestIndex, interests: tuple[str, ...], categories: npt.NDArray[np.bool_]
) -> InterestMatch:
    k, n = len(interests), index.n
    vocabulary = index.vocabulary
    category_sims = np.zeros((k, index.n_categories), dtype=np.float64)
    # Per interest: {source label: per-activity score}; the person's own words come first.
    sources: list[dict[str, npt.NDArray[np.float64]]] = [{} for _ in interests]
    words: list[list[npt.NDArray[np.float64]]] = [[] for _ in interests]
    exact_own = [False] * k
    best_surface: list[tuple[float, str]] = [(0.0, "")] * k

    for q in _queries(interests):
        hits = vocabulary.similar(q.key)
        target = np.zeros(n, dtype=np.float64)
        # A word that names a category ("bowls", "volunteer", "music") met only in the
        # description of an activity outside that category is mostly a word in passing
        # ("pottery bowls", "run by volunteers", "a workout to music"): it counts less.
        named = index.synonym_columns_of(q.key)
        for t, ratio in hits.items():
            sim = _similarity(ratio)
            acts, weights = vocabulary.postings(t)
            if named:
                weights = _in_passing(weights, acts, categories[list(named)])
            np.maximum.at(target, acts, weights * (sim * q.weight))
            if q.own and not q.word:
                exact_own[q.interest] |= sim == 1.0
                best_surface[q.interest] = max(
                    best_surface[q.interest], (sim, vocabulary.surfaces[t])
                )
        if q.word:
            words[q.interest].append(target)
        elif q.own:
            sources[q.interest][""] = target  # labelled once we know if it was a typo
        elif hits:
            sources[q.interest][q.label] = target
        for syn, ratio in index.similar_synonyms(q.key).items():
            sim = _similarity(ratio)
            value = sim * q.weight * (0.9 if q.word else 1.0)
            for column in index.synonym_columns[syn]:
                category_sims[q.interest, column] = max(category_sims[q.interest, column], value)
            if q.own and not q.word:
                exact_own[q.interest] |= sim == 1.0
                surface = index.synonym_surfaces[index.synonym_keys[syn]]
                best_surface[q.interest] = max(best_surface[q.interest], (sim, surface))

    direct = np.zeros((k, n), dtype=np.float64)
    source = np.full((k, n), -1, dtype=np.int8)
    labels: list[tuple[str, ...]] = []
    for j, interest in enumerate(interests):
        own = sources[j][""]
        if words[j]:  # every word of "creative writing", wherever each one appears
            stacked = np.stack(words[j])
            together = stacked.mean(axis=0) * np.where(
                stacked.min(axis=0) > 0, 1.0, SOME_WORDS_FACTOR
            )
            np.maximum(own, ALL_WORDS_WEIGHT * together, out=own)
        # Never echo a typo: name the directory's word when the person's did not match, or
        # matched only through the stemmer ("druming" -> "drum") without being a real word.
        real = exact_own[j] and _real_words(interest, vocabulary.words)
        own_label = (
            _own_words(interest)
            if real or key(interest) in EQUIVALENTS or not best_surface[j][1]
            else best_surface[j][1]
        )
        labels.append((own_label, *(label for label in sources[j] if label)))
        if len(sources[j]) == 1:  # the usual case: no equivalent matched anything
            direct[j] = own
            source[j] = np.where(own > 0, 0, -1)
        else:
            stacked = np.stack(list(sources[j].values()))
            direct[j] = stacked.max(axis=0)
            source[j] = np.where(direct[j] > 0, stacked.argmax(axis=0), -1)

    # Category level: only the few categories an interest is close to need a pass.
    by_category = np.zeros((k, n), dtype=np.float64)
    for j, column in zip(*np.nonzero(category_sims), strict=True):
        weight = np.float64(CATEGORY_WEIGHT * category_sims[j, column])
        np.maximum(by_category[j], categories[column] * weight, out=by_category[j])
    source[by_category > direct] = -1
    return InterestMatch(
        interests, np.maximum(direct, by_category), source, tuple(labels), category_sims
    )


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the taxonomy's labels and synonyms and of the everyday equivalents."""
    phrases = [w for c in CATEGORY_BY_ID.values() for w in (c.label, *c.synonyms)]
    phrases += [w for ws in PERSON_WORDS.values() for w in ws]
    phrases += [w for word, alts in _EVERYDAY.items() for w in (word, *alts)]
    phrases += [w for words, extra in _FAMILIES for w in (*words, *extra)]
    return frozenset(t for phrase in phrases for t in tokens(phrase))


def _real_words(interest: str, directory_words: frozenset[str]) -> bool:
    """Whether each word of the interest is written somewhere: in the directory or in
    Navigator's own word lists (else it is probably a typo the stemmer forgave)."""
    known = known_words()
    return all(t in directory_words or t in known for t in tokens(interest))


def _own_words(interest: str) -> str:
    return " ".join(interest.split())
