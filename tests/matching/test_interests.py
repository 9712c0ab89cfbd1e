"""Interest matching on the person's own words: typos, UK synonyms, direct before loose."""

from __future__ import annotations

import pytest

from navigator.matching import DirectorySnapshot
from navigator.matching.text import key, normalise, stem

from .factories import activity, ids, profile, result, run

DIRECTORY = [
    activity(
        "paint",
        "Watercolour Painting Class",
        ("arts_crafts", "learning"),
        keywords=("painting", "watercolour", "drawing"),
    ),
    activity(
        "craft",
        "Craft Café",
        ("arts_crafts", "social_club"),
        keywords=("knitting", "sewing", "card making"),
    ),
    activity(
        "garden",
        "Growing Together",
        ("nature_gardening", "social_club"),
        keywords=("gardening", "community garden", "vegetables"),
    ),
    activity(
        "park",
        "Friends of Larkspur Park",
        ("nature_gardening", "volunteering"),
        keywords=("conservation", "litter picking"),
    ),
    activity("plot", "Cressfield Allotment", ("nature_gardening",), keywords=("allotment",)),
    activity("football", "Open Goal", ("sport_fitness",), keywords=("football", "5-a-side")),
    activity("gym", "Gym Induction", ("sport_fitness",), keywords=("gym", "fitness")),
    activity("choir", "Holloway Community Choir", ("music",), keywords=("choir",)),
    activity("band", "Rock Band Workshop", ("music",), keywords=("guitar", "drums")),
    activity("cook", "Cook and Eat", ("cooking_food",), keywords=("cooking", "lunch")),
    activity("tt", "Drop-in sport", ("sport_fitness",), keywords=("ping pong",)),
    activity("quiz", "Quiz Night", ("social_club",), description="A friendly pub quiz."),
]


def top(interest: str, n: int = 1) -> list[str]:
    return ids(run(DIRECTORY, profile(interests=(interest,))))[:n]


def reasons_of(interest: str, activity_id: str) -> tuple[str, ...]:
    return result(run(DIRECTORY, profile(interests=(interest,))), activity_id).reasons


def test_normalising_and_stemming() -> None:
    assert normalise("  Café 5-a-side! Men’s Shed ") == "cafe 5 a side mens shed"
    assert {stem(w) for w in ("gardening", "gardens", "garden")} == {"garden"}
    assert stem("swimming") == "swim" and stem("dancing") == stem("dance")
    assert key("The Allotments") == "allotment"


@pytest.mark.parametrize(
    ("interest", "expected"),
    [
        ("painting", "paint"),
        ("Painting", "paint"),
        ("paint", "paint"),
        ("watercolours", "paint"),
        ("gardening", "garden"),
        ("gardning", "garden"),
        ("gardenning", "garden"),
        ("allotment", "plot"),
        ("5-a-side", "football"),
        ("five a side", "football"),
        ("footy", "football"),
        ("football", "football"),
        ("choir", "choir"),
        ("singing", "choir"),
        ("knitting", "craft"),
        ("kniting", "craft"),
        ("ping pong", "tt"),
        ("table tennis", "tt"),
        ("cookery", "cook"),
        ("pub quiz", "quiz"),
    ],
)
def test_own_words_typos_and_synonyms_find_the_right_activity(interest: str, expected: str) -> None:
    assert top(interest) == [expected]


def test_a_direct_match_outranks_a_category_only_match() -> None:
    order = top("painting", 3)
    assert order[0] == "paint"
    assert order.index("craft") > order.index("paint")
    assert "Matches your interest in painting" in reasons_of("painting", "paint")
    # The craft café is only arts and crafts: the reason names the category, not "painting".
    assert "Matches your interest in arts and crafts" in reasons_of("painting", "craft")


def test_allotment_reaches_gardening_activities_and_names_what_matched() -> None:
    order = top("allotment", 3)
    assert order[0] == "plot" and "garden" in order
    # The person's own word where it matched, the everyday equivalent where that did.
    assert "Matches your interest in allotment" in reasons_of("allotment", "plot")
    assert "Matches your interest in gardening" in reasons_of("allotment", "garden")
    # A park group that is only in the category: the category's label.
    assert "Matches your interest in gardening and nature" in reasons_of("allotment", "park")


def test_an_equivalent_is_named_as_itself() -> None:
    acts = [activity("mic", "Open Mic Night", ("music",), keywords=("singing",))]
    report = run(acts, profile(interests=("choir",)))
    assert "Matches your interest in singing" in report.results[0].reasons


def test_a_typo_is_never_echoed_back() -> None:
    for activity_id in ("garden", "park", "plot"):
        reasons = " ".join(reasons_of("gardning", activity_id))
        assert "gardning" not in reasons
    assert "Matches your interest in gardening" in reasons_of("gardning", "garden")


def test_music_words_reach_music_activities() -> None:
    assert set(top("singing", 2)) == {"choir", "band"}
    assert top("music", 2)[0] in {"choir", "band"}


def test_short_words_need_an_exact_match() -> None:
    # "art" must not match "cart", "part" or "quiz" through fuzziness.
    # Checked on the match itself: with the relevance floor an unmatched entry is not shown.
    snapshot = DirectorySnapshot.build(
        [*DIRECTORY, activity("cart", "Cart Horse Rides", ("nature_gardening",))]
    )
    match = snapshot.interests.match(("art",), snapshot.categories)
    assert match.scores[0, -1] == 0.0
    assert match.scores[0, 0] > 0  # the painting class, in arts and crafts, does match


def test_an_interest_nothing_matches_gives_no_interest_reason() -> None:
    report = run(DIRECTORY, profile(interests=("astronomy",)))
    assert not any("interest" in r for s in report.results for r in s.reasons)


def test_blank_or_filler_interests_are_harmless() -> None:
    assert run(DIRECTORY, profile(interests=("", "  ", "the", "!!!"))).results


def test_several_interests_are_named_together() -> None:
    report = run(
        [activity("x", "Garden Cooking Club", ("nature_gardening", "cooking_food"))],
        profile(interests=("gardening", "cooking")),
    )
    assert "Matches your interests in gardening and cooking" in report.results[0].reasons


def test_description_matches_count_less_than_name_matches() -> None:
    acts = [
        activity("name", "Yoga", ("mind_body",)),
        activity("desc", "Wellbeing Hour", ("social_club",), description="Some weeks we try yoga."),
    ]
    report = run(acts, profile(interests=("yoga",)))
    assert ids(report) == ["name", "desc"]
    assert "Matches your interest in yoga" in report.results[1].reasons


def test_words_the_light_stemmer_would_confuse_are_kept_apart() -> None:
    # "dates" stems to "dat"; "dating" must not meet it, nor "singles" "sing".
    assert key("dating") != key("dates") and key("singles") != key("singing")
    acts = [
        activity(
            "diary", "Walking Group", ("walking",), description="See the dates for the next walks."
        ),
        activity("speed", "Speed Dating Night", ("social_club",)),
    ]
    report = run(acts, profile(interests=("dating",)))
    assert ids(report)[0] == "speed"
    assert all(
        "Matches your interest" not in " ".join(s.reasons)
        for s in report.results
        if s.id == "diary"
    )


@pytest.mark.parametrize(
    ("interest", "other"),
    [
        ("carers", "Careers Advice"),
        ("careers", "Carers Group"),
        ("mediation", "Meditation"),
        ("talk group", "Walk Group"),
        ("sport", "Support Circle"),
        ("conversation", "Conservation"),
    ],
)
def test_false_friends_and_phrases_one_word_apart_do_not_match(interest: str, other: str) -> None:
    snapshot = DirectorySnapshot.build([activity("x", other, ("befriending",))])
    # At most a shared word such as "group" counts, apart (0.9 x half x 0.7 = 0.32); a
    # fuzzy match of the whole would be 0.85.
    assert snapshot.interests.match((interest,), snapshot.categories).scores[0, 0] < 0.4


def test_a_typo_still_matches_where_no_false_friend_is_listed() -> None:
    snapshot = DirectorySnapshot.build([activity("x", "Meditation", ("learning",))])
    assert snapshot.interests.match(("meditaton",), snapshot.categories).scores[0, 0] > 0.7


def test_a_category_word_in_passing_counts_less_than_the_category_itself() -> None:
    # "Run by volunteers" in an English class's description is not a volunteering role.
    acts = [
        activity(
            "esol",
            "English Conversation",
            ("learning",),
            description="Practise your English with friendly volunteers.",
        ),
        activity("shop", "Shop Helpers", ("volunteering",)),
        activity("role", "Charity Shop Volunteering", ("volunteering",)),
    ]
    report = run(acts, profile(interests=("volunteering",)))
    assert ids(report) == ["role", "shop", "esol"]
    # Still shown, and named: the word is there.
    assert "Matches your interest in volunteering" in result(report, "esol").reasons


def test_a_typo_the_stemmer_forgives_is_not_echoed_either() -> None:
    # "druming" stems to "drum" like "drumming": it matches, but is no word to read back.
    acts = [activity("drums", "Drumming Circle", ("music",), keywords=("drumming",))]
    reasons = run(acts, profile(interests=("druming",))).results[0].reasons
    assert "Matches your interest in drumming" in reasons
    # A word the directory or Navigator's word lists know is read back as the person wrote it;
    # one neither knows ("drums" here) is named by the directory's word, which is also true.
    reasons = run(acts, profile(interests=("Drumming",))).results[0].reasons
    assert "Matches your interest in Drumming" in reasons
    reasons = run(acts, profile(interests=("drums",))).results[0].reasons
    assert "Matches your interest in drumming" in reasons
