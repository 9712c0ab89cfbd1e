"""What feeds send, tidied: HTML to plain text, languages, and outside taxonomy terms."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.formats.cleaning import (
    clean_text,
    html_to_text,
    language_code,
    plain_text,
    protect_text,
)
from navigator.formats.taxonomy_mapping import (
    EXTERNAL_TERMS,
    TERM_TABLE,
    fold,
    infer_categories,
    map_term,
)
from tests.conftest import SHARED

TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Tea &amp; chat</p><p>All welcome&nbsp;</p>", "Tea & chat\n\nAll welcome"),
        ("Hi<script>alert('x')</script> there<style>p{}</style>", "Hi there"),
        (
            "<ul><li>Bring a friend</li><li>No need to book</li></ul>",
            "- Bring a friend\n- No need to book",
        ),
        ("&lt;b&gt;Escaped twice&lt;/b&gt;", "Escaped twice"),
        ("Line one<br>Line two", "Line one\nLine two"),
        ("<!-- a comment -->Text", "Text"),
        ("<p>Unclosed <b>bold", "Unclosed bold"),
        ("age < 18 & over 60s", "age < 18 & over 60s"),
    ],
)
def test_feed_html_becomes_plain_text(markup: str, text: str) -> None:
    assert plain_text(markup) == text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<script>",
                "</script>",
                "&lt;",
                "&gt;",
                "&amp;",
                "<b",
                ">",
                "<",
                "text",
                " ",
                "\n",
                "&#60;",
                "<!--",
                "-->",
                "<a href='x'>",
                "</a>",
                "é",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_no_markup_ever_survives_cleaning(markup: str) -> None:
    assert not TAG.search(plain_text(markup))


@given(st.text())
def test_protected_text_comes_back_exactly(text: str) -> None:
    assert clean_text(protect_text(text)) == text


def test_text_without_markup_is_left_alone() -> None:
    for text in ["Tea & chat", "  spaced  ", "a\r\nb", "5 < 6"]:
        assert clean_text(text) == text
        assert protect_text(text) == text
    # An "&" before a letter could start an entity, so only the export escapes it.
    assert (clean_text("AT&T"), protect_text("AT&T")) == ("AT&T", "AT&amp;T")


def test_huge_markup_is_bounded() -> None:
    assert len(html_to_text("<p>" + "x" * 2_000_000 + "</p>")) == 1_000_000 - 3


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("English", "en"),
        ("eng", "en"),
        ("EN", "en"),
        ("en-GB", "en"),
        ("Polish", "pl"),
        ("Farsi", "fa"),
        ("Sylheti", "bn"),
        ("cym", "cy"),
        ("Klingon", None),
        ("", None),
    ],
)
def test_language_codes(raw: str, code: str | None) -> None:
    assert language_code(raw) == code


# Taxonomy mapping ----------------------------------------------------------------------------


def test_every_mapping_table_entry_names_one_of_our_categories() -> None:
    from navigator.domain.taxonomy import CATEGORY_IDS

    assert set(TERM_TABLE.values()) <= set(CATEGORY_IDS)
    assert set(EXTERNAL_TERMS.values()) <= set(CATEGORY_IDS)


@pytest.mark.parametrize(
    ("term", "vocabulary", "categories"),
    [
        ("Community Gardens", "Open Eligibility", ("nature_gardening",)),
        ("Support Groups", "Open Eligibility", ("peer_support",)),
        ("Help Find Housing", "Open Eligibility", ("advice_housing",)),
        ("Computer Class", "Open Eligibility", ("digital_skills",)),
        ("Mediation", "Open Eligibility", ()),  # not "meditation"
        ("Yoga / Meditation", "BCC Services", ("mind_body",)),
        ("Clubs / Classes", "BCC Services", ("social_club", "learning")),
        ("Arts & Crafts", "", ("arts_crafts",)),
        ("Gardning", "", ("nature_gardening",)),  # a typo
        ("Walking Football", "", ("sport_fitness",)),
        ("Hatha Yoga", "", ("mind_body",)),
        ("Bachata", "https://openactive.io/activity-list", ("sport_fitness",)),
        ("Care leavers", "", ()),
    ],
)
def test_outside_terms_map_to_our_categories(
    term: str, vocabulary: str, categories: tuple[str, ...]
) -> None:
    assert map_term(term, vocabulary) == categories


def test_most_open_eligibility_top_terms_of_our_kind_are_mapped() -> None:
    path = SHARED / "data" / "oruk" / "open-eligibility-taxonomy" / "taxonomy.csv"
    with path.open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    ours = {
        "Food",
        "Housing",
        "Money",
        "Work",
        "Education",
        "Health",
        "Peer Support",
        "Recreation",
        "Counseling",
        "Spiritual Support",
    }
    assert ours <= names
    assert all(map_term(name) for name in ours)


def test_categories_are_guessed_from_a_services_own_words() -> None:
    assert infer_categories("Hearing Voices group", ["A peer support group."]) == ("peer_support",)
    assert infer_categories("Tuesday club", ["We work with people; share a cuppa."]) == ()


def test_fold() -> None:
    assert fold("  Arts & Crafts! ") == "arts and crafts"
