"""The outside-terms table as a whole: no entry lands in the wrong category, no typo or short
real word is captured by another category's term, and service names find their category."""

from __future__ import annotations

import json

import pytest
from rapidfuzz.distance import Indel

from navigator.domain.taxonomy import CATEGORIES
from navigator.formats.taxonomy_mapping import (
    _PROSE_TERMS,
    EXTERNAL_TERMS,
    FALLBACK_CATEGORY,
    TERM_TABLE,
    fold,
    infer_categories,
    map_term,
    typing_slips,
)
from tests.conftest import SHARED

OPENACTIVE = SHARED / "data" / "oruk" / "openactive-activity-list" / "activity-list.jsonld"


def test_every_table_entry_maps_to_its_own_category() -> None:
    wrong = {
        key: map_term(key) for key, category in TERM_TABLE.items() if map_term(key) != (category,)
    }
    assert wrong == {}


def test_every_table_entry_names_its_category_in_prose_too() -> None:
    # The name-and-description path uses the same table, so an entry in a service's name
    # must lead to its category (unless it is on purpose too general for prose).
    wrong = {
        key: infer_categories(key, [])
        for key, category in _PROSE_TERMS.items()
        if category not in infer_categories(key, [])
    }
    assert wrong == {}


def test_every_label_and_synonym_maps_to_a_category_it_belongs_to() -> None:
    homes: dict[str, set[str]] = {}
    for category in CATEGORIES:
        for word in (category.label, *category.synonyms):
            homes.setdefault(word, set()).add(category.id)
    # An outside-terms entry may place a word on purpose: in ORUK 1.0 "training" is a kind
    # of service (a course), not a way into work.
    for term, category_id in EXTERNAL_TERMS.items():
        if term in homes:
            homes[term].add(category_id)
    wrong = {
        word: map_term(word)
        for word, ids in homes.items()
        if len(map_term(word)) != 1 or map_term(word)[0] not in ids
    }
    assert wrong == {}


def test_no_typo_of_an_entry_is_captured_by_a_farther_entry_of_another_category() -> None:
    # A typo may land in another category only when an entry of that category is at least
    # as close to it as the entry it was typed from ("potetry" is nearer "poetry").
    by_category: dict[str, list[str]] = {}
    for key, category in TERM_TABLE.items():
        by_category.setdefault(category, []).append(key)
    captured = []
    for key, category in TERM_TABLE.items():
        for typo in typing_slips(key) - TERM_TABLE.keys():
            for other in map_term(typo):
                if other == category:
                    continue
                nearest_other = min(Indel.distance(typo, k) for k in by_category[other])
                if nearest_other > Indel.distance(typo, key):
                    captured.append((key, typo, other))
    assert captured == []


@pytest.mark.parametrize(
    ("word", "categories"),
    [
        # Real words one letter away from an entry of a different category.
        ("carers", ("peer_support",)),  # not "careers"
        ("Carers", ("peer_support",)),
        ("young carers", ("peer_support",)),
        ("careers", ("employment",)),
        ("caring", ()),
        ("parents", ()),
        ("parenting", ()),
        ("talking", ()),
        ("hosting", ()),
        ("dining", ()),
        ("elders", ()),
        ("mediation", ()),
        ("banking", ()),
        ("raining", ()),
        ("training", ("learning",)),
        ("arts", ("arts_crafts",)),
        ("darts", ("social_club",)),
        ("rowing", ("sport_fitness",)),
        ("growing", ("nature_gardening",)),
        ("poetry", ("writing_reading",)),
        ("pottery", ("arts_crafts",)),
        ("collage", ("arts_crafts",)),
        ("college", ("learning",)),
        ("painting", ("arts_crafts",)),
        ("planting", ("nature_gardening",)),
        ("walking", ("walking",)),
        ("talking group", ("peer_support",)),
        ("Care leavers", ()),
        ("Care homes", ()),
        ("medication", ()),
        ("Hopelessness", ()),
        ("unemployment", ()),
        # Typing slips of a long entry still find it.
        ("Gardning", ("nature_gardening",)),
        ("Comunity gardens", ("nature_gardening",)),
        ("Counselling", ("wellbeing_support",)),
        ("Counseling", ("wellbeing_support",)),
        ("Conselling", ("wellbeing_support",)),
    ],
)
def test_short_real_words_are_not_taken_for_other_words(
    word: str, categories: tuple[str, ...]
) -> None:
    assert map_term(word) == categories


def _openactive_labels() -> set[str]:
    data = json.loads(OPENACTIVE.read_text(encoding="utf-8-sig"))
    return {concept["prefLabel"] for concept in data["concept"]}


# OpenActive activities common in UK community directories, with where they belong. Each
# must be a real OpenActive label (checked below), so spelling follows the published list.
COMMON_OPENACTIVE = {
    "Bowls": "sport_fitness",
    "Tennis": "sport_fitness",
    "Walking Football": "sport_fitness",
    "Walking Netball": "sport_fitness",
    "Badminton": "sport_fitness",
    "Table Tennis": "sport_fitness",
    "Swimming": "sport_fitness",
    "Aqua Aerobics": "sport_fitness",
    "Running": "sport_fitness",
    "Cycling": "sport_fitness",
    "Boxing": "sport_fitness",
    "Boccia": "sport_fitness",
    "Archery": "sport_fitness",
    "Croquet": "sport_fitness",
    "Petanque": "sport_fitness",
    "Climbing": "sport_fitness",
    "Golf": "sport_fitness",
    "Rounders": "sport_fitness",
    "Pickleball": "sport_fitness",
    "Netball": "sport_fitness",
    "Cricket": "sport_fitness",
    "Martial Arts": "sport_fitness",
    "Gym Workout": "sport_fitness",
    "Group Exercise": "sport_fitness",
    "Ten-Pin Bowling": "sport_fitness",
    "Angling": "sport_fitness",
    "Rowing": "sport_fitness",
    "Canoeing": "sport_fitness",
    "Yoga": "mind_body",
    "Pilates": "mind_body",
    "Tai Chi": "mind_body",
    "Walking": "walking",
    "Nordic Walking": "walking",
    "Gardening": "nature_gardening",
    "Forest School": "nature_gardening",
    "Singing": "music",
    "Drumming": "music",
    "Dance": "performing_arts",
    "Line Dancing": "performing_arts",
    "Ballet": "performing_arts",
    "Acting": "performing_arts",
    "Darts": "social_club",
    "Snooker": "social_club",
    "Pool": "social_club",
    "Turkish Baths": "mind_body",
    "Sauna": "mind_body",
    "Soft Play": "social_club",
    "Goalball": "sport_fitness",
    "Polybat": "sport_fitness",
    "Geocaching": "walking",
}


def test_common_openactive_activities_are_real_labels_and_find_their_category() -> None:
    labels = _openactive_labels()
    assert set(COMMON_OPENACTIVE) <= labels, set(COMMON_OPENACTIVE) - labels
    wrong = {
        label: (map_term(label), infer_categories(label, []))
        for label, category in COMMON_OPENACTIVE.items()
        if map_term(label) != (category,) or infer_categories(label, []) != (category,)
    }
    assert wrong == {}


def test_every_openactive_activity_is_sport_when_the_feed_says_openactive() -> None:
    vocabulary = "https://openactive.io/activity-list"
    assert all(map_term(label, vocabulary) for label in _openactive_labels())


@pytest.mark.parametrize(
    ("name", "description", "categories"),
    [
        ("Bowls", "", ("sport_fitness",)),
        ("Tennis Club", "Friendly club, all abilities.", ("sport_fitness",)),
        ("Coffee Morning", "", ("social_club",)),
        ("Zumba", "", ("sport_fitness",)),
        (
            "Dementia Cafe",
            "A relaxed cafe for people living with dementia and their carers.",
            ("social_club",),
        ),
        ("Memory Café", "Tea, cake and a chat.", ("social_club",)),
        ("Men in Sheds", "", ("social_club",)),
        ("Knit and Natter", "", ("arts_crafts",)),
        ("Stay and Play", "For under 5s with a parent or carer.", ("social_club",)),
        ("Stay & Play", "", ("social_club",)),
        ("Baby and toddler group", "", ("social_club",)),
        ("ESOL class", "English for speakers of other languages.", ("learning",)),
        ("Foodbank", "Emergency food parcels on referral.", ("cooking_food",)),
        ("Citizens Advice drop-in", "Free advice on benefits and debt.", ("advice_money",)),
        ("Parkrun", "5k every Saturday.", ("sport_fitness",)),
        ("Book club", "", ("writing_reading",)),
        ("Repair cafe", "Bring your broken things.", ("social_club",)),
        ("Chess club", "", ("social_club",)),
        ("Gardening club", "", ("nature_gardening",)),
        ("Walking football", "Slower football for over 50s.", ("sport_fitness",)),
        ("Hearing Voices group", "", ("peer_support",)),
        ("Recovery college course", "", ("learning",)),
        ("Carers support group", "", ("peer_support",)),
        ("Female Walking Football", "", ("sport_fitness",)),
        ("Line Dancing", "At the community centre.", ("performing_arts",)),
        ("Tea Dance", "", ("performing_arts",)),
        ("Silver Surfers", "Help with tablets and phones.", ("digital_skills",)),
        ("Bible study", "", ("faith_culture",)),
        ("Community larder", "", ("cooking_food",)),
        ("Singing for the Brain", "", ("music",)),
        ("Aqua aerobics", "At Northgate swimming pool.", ("sport_fitness",)),
        ("Rhyme Time", "Songs and rhymes for babies at the library.", ("music",)),
        ("Walking groups", "", ("walking",)),
        # A venue word in the description does not outweigh what the name says.
        ("Yoga", "At St Mary's church hall, next to the library.", ("mind_body",)),
        ("Warm Space", "Free hot drinks at the community centre.", ("social_club",)),
    ],
)
def test_service_names_find_their_category(
    name: str, description: str, categories: tuple[str, ...]
) -> None:
    assert infer_categories(name, [description]) == categories
    assert FALLBACK_CATEGORY not in infer_categories(name, [description])


@pytest.mark.parametrize(
    "name",
    ["Tuesday group", "The Hub", "Open session", "St Anne's", "Cafe", "Dementia Cafe"],
)
def test_names_that_say_nothing_of_cooking_are_not_cooking(name: str) -> None:
    # "Cafe" alone is a place more than an activity: half weight, and never cooking from
    # a longer name such as "Dementia Cafe".
    assert "cooking_food" not in infer_categories(name, []) or name == "Cafe"


def test_prose_terms_match_whole_words_only() -> None:
    assert infer_categories("Artists' collective", []) == ()  # not "art"
    assert infer_categories("Bowlsby Road residents", []) == ()  # not "bowls"
    assert infer_categories("Poolside social", []) == ()  # not "pool"


def test_plurals_in_prose_count() -> None:
    assert infer_categories("Weekly meet", ["Coffee mornings and book clubs."]) == (
        "social_club",
        "writing_reading",
    )


def test_fold_keeps_the_words() -> None:
    assert fold("Men's Shed!") == "men s shed"
