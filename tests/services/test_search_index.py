"""The search index answers exactly as a plain filter over every activity would.

`DirectorySearch` keeps a sorted vocabulary and one array of postings so that a keystroke at
100,000 activities is a bisection and a slice; the reference below is the module's documented
rule written as the slowest obvious loop, so any shortcut that changes an answer shows.
"""

from __future__ import annotations

import itertools
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from navigator.domain.directory import Activity
from navigator.formats.native import read_directory_file
from navigator.services import search as search_module
from navigator.services.search import DirectorySearch, indexed_words, searchable_text, words_of
from tests.conftest import SAMPLE_DIRECTORY

# Words that share starts and near spellings, so prefixes and typos collide.
WORDS = [
    "choir",
    "chair",
    "chairs",
    "garden",
    "gardening",
    "art",
    "arts",
    "heart",
    "walk",
    "walking",
    "5-a-side",
    "café",
    "tea",
    "teatime",
    "n7",
    "yoga",
    "crème",
    "über",
    "naïve",
]


def reference(activities: list[Activity], query: str) -> list[int] | None:
    """Every query word must start some word of the activity; a word of four letters or
    more that starts no word in the whole directory may instead be a close spelling."""
    query_words = words_of(query)
    if not query_words:
        return None
    words_per_activity = [set(indexed_words(searchable_text(a))) for a in activities]
    vocabulary = set().union(*words_per_activity)
    kept = set(range(len(activities)))
    for word in query_words:
        if any(v.startswith(word) for v in vocabulary):
            kept &= {
                i for i, ws in enumerate(words_per_activity) if any(w.startswith(word) for w in ws)
            }
        elif len(word) >= 4:
            cutoff = 75 if len(word) <= 5 else 80
            kept &= {
                i
                for i, ws in enumerate(words_per_activity)
                if any(fuzz.ratio(word, w) >= cutoff for w in ws)
            }
        else:
            kept = set()
    return sorted(kept)


@st.composite
def named_activities(draw: st.DrawFn) -> list[Activity]:
    names = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), max_size=12))
    categories = st.lists(st.sampled_from(["music", "arts_crafts", "nature_gardening"]), max_size=2)
    return [
        Activity(id=f"a{i}", name=" ".join(name), categories=tuple(draw(categories)))
        for i, name in enumerate(names)
    ]


def typo(word: str, position: int) -> str:
    """Two neighbouring letters swapped."""
    if len(word) < 2:
        return word
    i = position % (len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def variant(word: str, kind: int, position: int) -> str:
    """The word whole, its start (of any length), or with a typo."""
    if kind == 0:
        return word
    if kind == 1:
        return word[: 1 + position % len(word)]
    return typo(word, position)


@st.composite
def directories_and_queries(draw: st.DrawFn) -> tuple[list[Activity], str]:
    """Mostly words (or starts, or typos, of words) the directory has, so most queries find
    something; sometimes anything at all."""
    activities = draw(named_activities())
    used = sorted({w for a in activities for w in a.name.split()}) or WORDS
    word = st.one_of(
        st.builds(variant, st.sampled_from(used), st.integers(0, 2), st.integers(0, 8)),
        st.builds(variant, st.sampled_from(WORDS), st.integers(0, 2), st.integers(0, 8)),
        st.text(alphabet="achirstwzé7- ", max_size=6),
    )
    return activities, " ".join(draw(st.lists(word, max_size=3)))


@settings(max_examples=300, deadline=None)
@given(case=directories_and_queries())
# A start cut just before a letter past "z": the prefix range must still take the word in.
@example(case=([Activity(id="a0", name="café crème", categories=())], "caf cr"))
def test_the_index_answers_as_the_plain_filter_does(case: tuple[list[Activity], str]) -> None:
    activities, query = case
    search = DirectorySearch(activities)
    rows = search.matching_rows(query)
    expected = reference(activities, query)
    if expected is None:
        assert rows is None
        assert search.matching_ids(query) is None
    else:
        assert rows is not None
        assert rows.tolist() == expected
        assert search.matching_ids(query) == {activities[i].id for i in expected}


def test_an_empty_directory_matches_nothing() -> None:
    rows = DirectorySearch([]).matching_rows("choir")
    assert rows is not None and rows.size == 0


def _plain_index(activities: list[Activity]) -> tuple[list[str], list[set[int]]]:
    """The index as the first version built it: each activity's words, one at a time."""
    postings: dict[str, set[int]] = {}
    for index, activity in enumerate(activities):
        for word in indexed_words(searchable_text(activity)):
            postings.setdefault(word, set()).add(index)
    vocabulary = sorted(postings)
    return vocabulary, [postings[w] for w in vocabulary]


# Letters and marks that split, join or change words: the ASCII texts are split together
# (and their ' and - looked at again), the others one at a time.
_AWKWARD = [*"aZ9 '-_.,\x00\t", "’", "é", "ß", "Ꭰ", "ꭰ", "İ", "\u0301"]


@st.composite
def awkward_activities(draw: st.DrawFn) -> list[Activity]:
    text = st.text(st.sampled_from(_AWKWARD), max_size=12)
    count = draw(st.integers(0, 7))
    return [
        Activity(
            id=f"a{i}",
            name=draw(text),
            organisation=draw(st.one_of(st.none(), text)),
            keywords=tuple(draw(st.lists(text, max_size=2))),
            categories=tuple(draw(st.lists(st.sampled_from(["music", "made-up_id"]), max_size=2))),
        )
        for i in range(count)
    ]


@settings(max_examples=300, deadline=None)
@given(activities=awkward_activities(), chunk=st.sampled_from([1, 2, 5_000]))
def test_the_index_holds_each_activitys_words_as_read_one_by_one(
    activities: list[Activity], chunk: int
) -> None:
    with patch.object(search_module, "_CHUNK", chunk):
        search = DirectorySearch(activities)
    vocabulary, postings = _plain_index(activities)
    assert search._vocabulary == vocabulary
    starts = search._starts.tolist()
    assert [set(search._acts[a:b].tolist()) for a, b in itertools.pairwise(starts)] == postings
    assert [b - a for a, b in itertools.pairwise(starts)] == [len(p) for p in postings]


def test_the_texts_put_together_a_column_at_a_time_are_each_activitys() -> None:
    activities = read_directory_file(SAMPLE_DIRECTORY)
    assert search_module.searchable_texts(activities) == [searchable_text(a) for a in activities]
