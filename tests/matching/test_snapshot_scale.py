"""The snapshot build reworked for national scale (issue 17) gives what the simple build gave.

`_ReferenceVocabulary` is the vocabulary build as it was before: a Python loop over every
word. The fast build (vocabulary.py: texts split a chunk at a time, postings worked out with
numpy) must give the same terms, postings, spellings and words, for the sample directory, a
generated one, and awkward text (accents, curly quotes, filler-only names, the separator
character the fast build joins texts with). Also: the mental-health setting read through its
shortcut, proper nouns looked up exactly only, the garbage collector left as it was, and the
per-activity facts (read a column at a time, facts.py) as an activity-by-activity reading
gives them.
"""

from __future__ import annotations

import gc
import itertools
import re
import sys
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity, Status
from navigator.domain.mental_health import (
    BORDERLINE_WORDS,
    CONDITION_WORDS,
    FEELING_WORDS,
    is_mental_health_setting,
)
from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.formats.native import read_directory_file
from navigator.matching import DirectorySnapshot
from navigator.matching import facts as facts_module
from navigator.matching import snapshot as snapshot_module
from navigator.matching import text as text_module
from navigator.matching import vocabulary as fast
from navigator.matching.interests import known_words
from navigator.matching.text import STOPWORDS, capitalised_words, key, stem, tokens
from tests.conftest import SAMPLE_DIRECTORY
from tests.strategies import directories

from .factories import activity, profile, run

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate


class _ReferenceVocabulary:
    """The build before issue 17, word by word (vocabulary.py at commit 2dfdeb8)."""

    def __init__(self, activities: list[Activity]) -> None:
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.postings: dict[str, dict[int, float]] = {}
        self.stems: dict[str, str | None] = {}
        for i, a in enumerate(activities):
            entries: dict[str, float] = {}
            self._add(entries, a.name, fast.NAME_WEIGHT, pairs=True)
            for keyword in a.keywords:
                self._add(entries, keyword, fast.KEYWORD_WEIGHT, pairs=True)
            self._add(
                entries,
                a.description[: fast.MAX_DESCRIPTION_CHARS],
                fast.DESCRIPTION_WEIGHT,
                pairs=False,
            )
            for term, weight in entries.items():
                self.postings.setdefault(term, {})[i] = weight

    def _add(self, entries: dict[str, float], text: str, weight: float, *, pairs: bool) -> None:
        words = tokens(text)
        for w in words:
            if w not in self.stems:
                self.stems[w] = None if w in STOPWORDS else stem(w)
        stems = [self.stems[w] for w in words]
        found: list[tuple[str, str]] = [
            (s, w) for w, s in zip(words, stems, strict=True) if s is not None
        ]
        if pairs:
            found += [
                (f"{a} {b}", f"{words[i]} {words[i + 1]}")
                for i, (a, b) in enumerate(itertools.pairwise(stems))
                if a is not None and b is not None
            ]
            if len(words) > 2:
                found.append((key(text), " ".join(words)))
        for term, surface in found:
            entries[term] = max(entries.get(term, 0.0), weight)
            self.surfaces.setdefault(term, surface)


def _assert_same(activities: list[Activity]) -> None:
    built = fast.Vocabulary(activities)
    reference = _ReferenceVocabulary(activities)
    assert built.terms == sorted(reference.surfaces, key=lambda t: (len(t), t))
    assert built.surfaces == [reference.surfaces[t] for t in built.terms]
    assert built.words == frozenset(reference.stems)
    for index, term in enumerate(built.terms):
        acts, weights = built.postings(index)
        expected = sorted(reference.postings[term].items())
        assert list(zip(acts.tolist(), weights.tolist(), strict=True)) == expected, term


def test_the_fast_build_gives_the_reference_vocabulary_for_the_sample() -> None:
    _assert_same(list(read_directory_file(SAMPLE_DIRECTORY)))


def test_the_fast_build_gives_the_reference_vocabulary_across_chunks(monkeypatch) -> None:
    # Small chunks, so terms first met in a later chunk, and postings from several, count.
    monkeypatch.setattr(fast, "CHUNK", 97)
    _assert_same(generate(700, seed=4))


AWKWARD = [
    "Café Crème — Men’s Shed",
    "The and of",  # filler words only: the whole name keeps them
    "KNIT and NATTER at St. Ann's",
    "naïve\x00art",  # the separator the fast build joins texts with
    "Zoë's  5-a-side:\tfootball!",
    "İstanbul Kelvin K Straße ﬁsh",
    "",
    "a",
    "Walk & Talk Walk & Talk",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories(max_size=6), st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=4))
def test_the_fast_build_gives_the_reference_vocabulary_for_any_text(
    generated: list[Activity], extra: list[str]
) -> None:
    awkward = [
        activity(f"awk-{i}", name=text or "x", keywords=(text, *extra), description=text * 3)
        for i, text in enumerate(extra)
    ]
    _assert_same([*generated, *awkward])


def test_mental_health_settings_are_what_the_domain_says() -> None:
    activities = [*read_directory_file(SAMPLE_DIRECTORY), *generate(3000, seed=9)]
    snapshot = DirectorySnapshot.build(activities)
    expected = np.array([is_mental_health_setting(a) for a in activities])
    assert expected.any()
    assert (snapshot.mental_health_setting == expected).all()


PLACES = [
    activity(
        "ashbel",
        "Pottery Group",
        ("arts_crafts",),
        description="Meet at Ashbelton Hall for pottery.",
    ),
    activity(
        "ashby",
        "Drawing Group",
        ("arts_crafts",),
        description="Meet at Ashbeltin Hall for drawing.",
    ),
    activity(
        "garden",
        "Garden Club",
        ("nature_gardening",),
        description="A garden at Fenmorley Road with gardening for all.",
    ),
]


def test_a_proper_noun_is_found_only_as_written() -> None:
    # "Ashbelton" and "Ashbeltin" are different halls: one must not be taken for the other.
    found = [s.id for s in run(PLACES, profile(interests=("Ashbelton",))).results]
    assert found == ["ashbel"]
    vocabulary = DirectorySnapshot.build(PLACES).interests.vocabulary
    assert "ashbelton" in vocabulary and "ashbelton" not in vocabulary.fuzzy_terms


def test_a_misspelt_ordinary_word_is_still_found() -> None:
    found = [s.id for s in run(PLACES, profile(interests=("gardning",))).results]
    assert found == ["garden"]
    vocabulary = DirectorySnapshot.build(PLACES).interests.vocabulary
    assert "garden" in vocabulary.fuzzy_terms
    assert "potteri" not in vocabulary and "pottery" in vocabulary.fuzzy_terms


def test_navigators_own_words_are_never_proper_nouns() -> None:
    # "Yoga" written only with a capital inside a sentence is still a word worth fuzzing.
    only_capitalised = [activity("y", "Stretch", description="Gentle Yoga at Ulmorton Hall.")]
    vocabulary = fast.Vocabulary(only_capitalised, known_words())
    assert "yoga" in vocabulary.fuzzy_terms
    assert "ulmorton" in vocabulary and "ulmorton" not in vocabulary.fuzzy_terms


def test_the_build_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    DirectorySnapshot.build(PLACES)
    assert gc.isenabled()
    gc.disable()
    try:
        DirectorySnapshot.build(PLACES)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _facts_one_by_one(a: Activity) -> dict[str, float]:
    """One activity's facts read as the build before issue 17's item 1 read them, activity by
    activity (snapshot.py's `_row` at commit 7c91c13), for the column-wise reading."""
    tri = {None: -1, False: 0, True: 1}
    cost, venue, welcome = a.cost, a.venue, a.welcome
    codes = snapshot_module
    return {
        "active": a.status is Status.ACTIVE,
        "delivery": codes.DELIVERY_CODES.index(a.delivery),
        "gender": codes.GENDER_CODES.index(a.gender),
        "age_min": -np.inf if a.age_min is None else a.age_min,
        "age_max": np.inf if a.age_max is None else a.age_max,
        "with_child": a.with_child,
        "cost": np.nan if cost is None or cost.per_session_gbp is None else cost.per_session_gbp,
        "mental_health": a.mental_health_specific,
        "peer_led": a.peer_led,
        "step_free": tri[venue.step_free] if venue else -1,
        "booking": -1 if a.booking is None else codes.BOOKING_CODES.index(a.booking),
        "group_size": -1 if a.group_size is None else codes.GROUP_CODES.index(a.group_size),
        "bring_someone": tri[welcome.bring_someone],
        "beginners": tri[welcome.beginners],
        "meet_at_door": tri[welcome.meet_at_door],
        "free_taster": bool(cost and cost.free_taster),
        "concessions": bool(cost and cost.concessions),
        "verified": -1 if a.last_verified is None else a.last_verified.toordinal(),
        "has_sessions": bool(a.sessions),
        "has_daytime": any(s.end.hour * 60 + s.end.minute <= 18 * 60 for s in a.sessions),
        "for_learners": bool(a.for_learners_of),
    }


def _assert_facts_as_read_one_by_one(activities: list[Activity]) -> None:
    snapshot = DirectorySnapshot.build(activities)
    for i, a in enumerate(activities):
        for name, expected in _facts_one_by_one(a).items():
            found = getattr(snapshot, name)[i]
            assert found == expected or (np.isnan(expected) and np.isnan(found)), (a.id, name)
    expected_order = sorted(
        range(len(activities)), key=lambda i: (activities[i].name.casefold(), activities[i].id)
    )
    assert np.argsort(snapshot.tiebreak).tolist() == expected_order
    # Languages and categories: a column each, set where the activity lists it.
    assert list(snapshot.languages) == sorted({c for a in activities for c in a.languages})
    extra = sorted({c for a in activities for c in a.categories} - set(CATEGORY_IDS))
    assert snapshot.category_ids == (*CATEGORY_IDS, *extra)
    for i, a in enumerate(activities):
        spoken = {code for code, column in snapshot.languages.items() if column[i]}
        assert spoken == set(a.languages), a.id
        listed = {c for j, c in enumerate(snapshot.category_ids) if snapshot.categories[j, i]}
        assert listed == set(a.categories), a.id


def test_the_facts_read_a_column_at_a_time_are_each_activitys_own() -> None:
    activities = [*read_directory_file(SAMPLE_DIRECTORY), *generate(2000, seed=11)]
    _assert_facts_as_read_one_by_one(activities)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directories(max_size=8))
def test_the_facts_read_a_column_at_a_time_are_each_activitys_own_for_any_directory(
    generated: list[Activity],
) -> None:
    _assert_facts_as_read_one_by_one(generated)


# How `text.capitalised_words` found a capitalised word inside a sentence before it was
# rewritten to start at a space (issue 17): the new expression must find exactly the same.
_CAPITALISED_BEFORE = re.compile(r"(?<=[^.!?:;\x00\s])\s+([A-Z][0-9A-Za-z]*)")
_AWKWARD_CHARACTERS = [*"aBZq9 .!?:;,(\t\n\x00'`’‘-", "\u2028", "\xa0", "é", "Ä"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(_AWKWARD_CHARACTERS), max_size=40), max_size=4))
def test_capitalised_words_are_the_ones_the_expression_before_found(texts: list[str]) -> None:
    joined = "\x00".join(t if t.isascii() else text_module._fold_accents(t) for t in texts)
    before = _CAPITALISED_BEFORE.findall(text_module._APOSTROPHES.sub("", joined))
    assert capitalised_words(texts) == {w.lower() for w in before}


# ASCII only, every kind of whitespace: the path that makes each run of it one space.
_ASCII_AWKWARD = [*"aBZq9 .!?:;,(\t\n\r\x0b\x0c\x1c\x1f\x00'`-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(_ASCII_AWKWARD), max_size=40), max_size=4))
def test_capitalised_words_in_ascii_are_the_ones_the_expression_before_found(
    texts: list[str],
) -> None:
    joined = "\x00".join(texts)
    before = _CAPITALISED_BEFORE.findall(text_module._APOSTROPHES.sub("", joined))
    assert capitalised_words(texts) == {w.lower() for w in before}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(_AWKWARD_CHARACTERS), max_size=40), max_size=9))
def test_capitalised_words_searched_in_pieces_are_those_of_the_whole(texts: list[str]) -> None:
    whole = capitalised_words(texts, piece=len(texts) + 1)
    assert capitalised_words(texts, piece=1) == whole
    assert capitalised_words(texts, piece=4) == whole


def test_capitalised_words_inside_sentences_only() -> None:
    found = capitalised_words(["Meet at Ashbel  Hall. Bring tea;  Cake too", "Zed's\tDen"])
    assert found == {"ashbel", "hall", "den"}


# Pieces of names and keywords around the mental-health words: whole words, words run
# together or cut short, and characters that part words or do not.
_LABEL_PIECES = [
    *"ab -|_\x00é'",
    "mental health",
    "mental-health",
    "mental illnesses",
    "anxiety",
    "anxious",
    "self-harming",
    "self",
    "selfharm",
    "panic attacks",
    "low mood",
    "ocd",
    "crisis café",
    "crisis ",
    "schizophrenia",
    "talking therapies",
    "counselling",
    "ups and downs",
    "on their minds",
    "worried",
    "wellbeing",
    "mood",
    "emotion",
    "feelings",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LABEL_PIECES), max_size=6).map("".join), max_size=8))
def test_the_texts_naming_a_condition_are_those_the_expression_finds(labels: list[str]) -> None:
    for words in (CONDITION_WORDS, FEELING_WORDS, BORDERLINE_WORDS):
        expected = [i for i, label in enumerate(labels) if words.search(label)]
        assert facts_module.naming(words, labels) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from([*_LABEL_PIECES, "Anxiety", "MENTAL ", "ß"]), max_size=4),
            st.lists(st.lists(st.sampled_from(_LABEL_PIECES), max_size=3), max_size=3),
        ),
        max_size=8,
    )
)
def test_a_name_or_keyword_names_a_condition_when_the_joined_labels_do(
    entries: list[tuple[list[str], list[list[str]]]],
) -> None:
    # As the domain reads them: the name and keywords joined by " | ", casefolded.
    names = ["".join(name) for name, _ in entries]
    keywords = [tuple(map("".join, kws)) for _, kws in entries]
    named = facts_module.naming_distinct(CONDITION_WORDS, names)
    named |= facts_module.naming_distinct(CONDITION_WORDS, itertools.chain(*keywords))
    for name, kws in zip(names, keywords, strict=True):
        labels = " | ".join((name, *kws)).casefold()
        assert bool(CONDITION_WORDS.search(labels)) == any(t in named for t in (name, *kws))


def test_every_condition_is_found_through_fixed_openings() -> None:
    # The fast path is the one taken: every alternative opens with literal letters.
    found = facts_module.openings(CONDITION_WORDS)
    assert found is not None and "anxiety" in found and "self" in found
    assert "mental" in found and "mental " not in found  # a longer one holding it goes
    assert facts_module.openings(re.compile(r"\b(?:[a-z]+ing|walk)\b")) is None
    assert facts_module.openings(re.compile(r"(?:walk|run)")) is None
    walk = re.compile(r"\b(?:[a-z]+ing|walk)\b")
    assert facts_module.naming(walk, ["a walk", "sing", "none"]) == [0, 1]
    assert facts_module.naming(re.compile(r"\b(?:walks?|runs?)\b"), ["wal", "run", "walk"]) == [
        1,
        2,
    ]


def test_alternatives_are_split_outside_brackets_and_sets_only() -> None:
    split = facts_module._top_level_alternatives(r"a[]|]b|c[^]|x]|d(e|f)|g\|h|i")
    assert split == ["a[]|]b", "c[^]|x]", "d(e|f)", r"g\|h", "i"]
