"""Search-as-you-type: word starts, close spellings, every word must match."""

from __future__ import annotations

import pytest

from navigator.domain.directory import Activity
from navigator.services.search import DirectorySearch
from tests.ui.conftest import ACTIVITIES

FOOTBALL = Activity(id="footy", name="Sunday 5-a-side", categories=("sport_fitness",))
CHAIR_YOGA = Activity(id="chair", name="Chair yoga", categories=("mind_body",))
SEARCH = DirectorySearch([*ACTIVITIES, FOOTBALL, CHAIR_YOGA])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("choir", {"choir"}),
        ("chior", {"choir", "chair"}),  # a transposed typo: close spellings
        ("choir", {"choir"}),  # an exact word does not bring in "chair"
        ("gardning", {"garden"}),  # a dropped letter
        ("sing", {"choir"}),  # the start of a keyword
        ("Gardening and nature", {"garden"}),  # the category's label
        ("n7", {"choir", "garden"}),  # a postcode district
        ("n7 choir", {"choir"}),  # every word must match
        ("phone", {"phone"}),  # how it is delivered
        ("art", {"paused"}),  # "Arts and crafts", not "heart"
        ("xylophone", set()),
        ("side", {"footy"}),  # a part of "5-a-side"
        ("5 a side", {"footy"}),
    ],
)
def test_matching_ids(query: str, expected: set[str]) -> None:
    assert SEARCH.matching_ids(query) == expected


def test_an_empty_query_means_no_filter() -> None:
    assert SEARCH.matching_ids("  ") is None
