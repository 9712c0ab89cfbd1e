"""Everyday words against the sample directory: what a worker would expect each to find.

One row per phrase a person might say in an appointment, with what an inclusion worker would
expect Navigator to make of it:

- `cat("music")`: the words are read as that category, and the best fits include one in it;
- `act("isl-145")`: that activity of data/sample_directory.json is among the three best fits;
- `NOTHING`: nothing is matched at all (not a category, not an activity);
- `no(...)`: a false friend that must not be matched ("carers" is not "careers").

The sample directory has no refugee drop-in, residents' association, trans group, memory café,
dating night, bowls or angling club, so a few invented entries (ids "x-...") are added for
those words; real council directories have them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from navigator.formats.native import read_directory_file
from navigator.matching import DirectorySnapshot
from navigator.matching.interests import InterestMatch

from .factories import activity, profile, result, run

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_directory.json"

# Invented entries for words the sample lacks, shaped like a council directory's.
EXTRAS = [
    activity(
        "x-refugee",
        "Welcome Table Drop-in",
        ("social_club", "advice_money"),
        keywords=("refugees", "asylum seekers", "advice"),
        description="A warm welcome, advice and a hot drink for refugees and people "
        "seeking asylum.",
    ),
    activity(
        "x-trans",
        "Trans and Non-binary Meet-up",
        ("social_club", "peer_support"),
        keywords=("transgender", "non-binary", "social"),
    ),
    activity(
        "x-transport",
        "Community Transport Outings",
        ("social_club",),
        keywords=("transport", "minibus", "day trips"),
    ),
    activity(
        "x-residents",
        "Elm Road Residents' Association",
        ("volunteering",),
        keywords=("residents association", "neighbours", "local issues"),
    ),
    activity(
        "x-tenants",
        "Hazel Estate Tenants' Association",
        ("volunteering",),
        keywords=("tenants association", "estate", "meetings"),
    ),
    activity(
        "x-campaign",
        "Greener Streets Action Group",
        ("volunteering",),
        keywords=("campaigning", "climate", "community organising"),
    ),
    activity(
        "x-memory",
        "Thursday Memory Café",
        ("social_club",),
        keywords=("dementia", "memory cafe", "carers"),
    ),
    activity(
        "x-dating",
        "Speed Dating for Over 40s",
        ("social_club",),
        keywords=("speed dating", "singles", "meet people"),
    ),
    activity(
        "x-bowls",
        "Riverside Lawn Bowls Club",
        ("sport_fitness",),
        keywords=("lawn bowls", "bowls", "outdoors"),
    ),
    activity(
        "x-angling",
        "Canal Angling Club",
        ("sport_fitness", "nature_gardening"),
        keywords=("angling", "fishing", "canal"),
    ),
    activity(
        "x-cinema",
        "Tuesday Cinema Club",
        ("social_club",),
        keywords=("cinema", "film club", "films"),
    ),
]


@pytest.fixture(scope="module")
def snapshot() -> DirectorySnapshot:
    return DirectorySnapshot.build((*read_directory_file(SAMPLE), *EXTRAS))


@dataclass(frozen=True)
class Expect:
    category: str | None = None  # read as this category
    activities: tuple[str, ...] = ()  # each among the three best fits
    nothing: bool = False  # nothing matched at all
    not_categories: tuple[str, ...] = ()  # false friends: never reached
    not_activities: tuple[str, ...] = ()  # false friends: never matched


def cat(category: str, *, no_cats: tuple[str, ...] = (), no_acts: tuple[str, ...] = ()) -> Expect:
    return Expect(category=category, not_categories=no_cats, not_activities=no_acts)


def act(*ids: str, no_cats: tuple[str, ...] = (), no_acts: tuple[str, ...] = ()) -> Expect:
    return Expect(activities=ids, not_categories=no_cats, not_activities=no_acts)


def no(*, cats: tuple[str, ...] = (), acts: tuple[str, ...] = ()) -> Expect:
    return Expect(not_categories=cats, not_activities=acts)


NOTHING = Expect(nothing=True)

PHRASES: list[tuple[str, Expect]] = [
    # Sport and fitness
    ("5-a-side", act("isl-022")),
    ("five a side", cat("sport_fitness")),
    ("footy", cat("sport_fitness")),
    ("football", cat("sport_fitness")),
    ("walking football", act("isl-023")),
    ("swimming", cat("sport_fitness")),
    ("swim", cat("sport_fitness")),
    ("tennis", cat("sport_fitness")),
    ("table tennis", act("isl-029")),
    ("ping pong", act("isl-029")),
    ("badminton", act("isl-031")),
    ("gym", cat("sport_fitness")),
    ("boxing", act("isl-030")),
    ("running", act("isl-032")),
    ("jogging", act("isl-032")),
    ("cycling", act("isl-034")),
    ("bike", act("isl-034")),
    ("bowls", act("x-bowls")),
    ("lawn bowls", act("x-bowls")),
    ("fishing", act("x-angling")),
    ("golf", cat("sport_fitness")),
    ("zumba", cat("sport_fitness")),
    ("keep fit", cat("sport_fitness")),
    ("aqua aerobics", act("isl-208")),
    # Walking
    ("walking", cat("walking")),
    ("walks", cat("walking")),
    ("rambling", act("isl-021")),
    ("hiking", act("isl-021")),
    ("nordic walking", act("isl-017")),
    # Yoga, tai chi and relaxation
    ("tai chi", act("isl-037")),
    ("yoga", cat("mind_body")),
    ("chair yoga", act("isl-038")),
    ("pilates", act("isl-043")),
    ("meditation", cat("mind_body")),
    ("mindfulness", cat("mind_body")),
    ("qi gong", act("isl-044")),
    # Arts and crafts
    ("knitting", cat("arts_crafts")),
    ("kniting", cat("arts_crafts")),  # a typo
    ("pottery", act("isl-049")),
    ("art", cat("arts_crafts")),
    ("painting", cat("arts_crafts")),
    ("drawing", cat("arts_crafts")),
    ("sewing", cat("arts_crafts")),
    ("crochet", cat("arts_crafts")),
    ("photography", act("isl-052")),
    ("woodwork", cat("arts_crafts")),
    ("embroidery", cat("arts_crafts")),
    ("life drawing", act("isl-054")),
    # Music
    ("choir", cat("music")),
    ("singing", cat("music")),
    ("drumming", cat("music")),
    ("karaoke", act("isl-142")),
    ("guitar", act("isl-066")),
    ("ukulele", act("isl-062")),
    ("open mic", act("isl-064")),
    ("gospel", act("isl-068")),
    # Drama and dance
    ("dance", cat("performing_arts")),
    ("dancing", cat("performing_arts")),
    ("salsa", act("isl-075")),
    ("theatre", cat("performing_arts")),
    ("comedy", act("isl-074")),
    ("tea dance", act("isl-076")),
    # Writing and reading
    ("reading", cat("writing_reading")),
    ("books", cat("writing_reading")),
    ("book club", cat("writing_reading")),
    ("poetry", cat("writing_reading")),
    ("creative writing", cat("writing_reading")),
    # Gardening and nature
    ("gardening", cat("nature_gardening")),
    ("gardning", cat("nature_gardening")),  # a typo
    ("allotment", cat("nature_gardening")),
    ("birdwatching", act("isl-009")),
    ("bird watching", act("isl-009")),
    ("nature", cat("nature_gardening")),
    ("city farm", act("isl-003")),
    # Courses, languages and English for speakers of other languages
    ("history", cat("learning")),
    ("local history", act("isl-097")),
    ("family history", act("isl-214")),
    ("esol", act("isl-089")),
    ("ESOL", act("isl-090")),
    ("english class", act("isl-089")),
    ("learn english", act("isl-089")),
    ("english lessons", act("isl-091")),
    ("maths", act("isl-096")),
    ("spanish", act("isl-098")),
    # Computers and phones
    ("computer", cat("digital_skills")),
    ("computers", cat("digital_skills")),
    ("smartphone", act("isl-103")),
    ("internet", cat("digital_skills")),
    ("ipad", cat("digital_skills")),
    # Cooking and food
    ("cooking", cat("cooking_food")),
    ("baking", act("isl-112")),
    ("food bank", act("isl-117", "isl-123")),
    ("foodbank", act("isl-244")),
    ("lunch club", act("isl-111")),
    # Volunteering and civic life
    ("volunteer", cat("volunteering")),
    ("volunteering", cat("volunteering")),
    ("charity shop", act("isl-125")),
    ("residents association", act("x-residents")),
    ("residents' association", act("x-residents")),
    ("tenants association", act("x-tenants")),
    ("campaigning", act("x-campaign")),
    ("local politics", act("x-campaign")),
    ("community organising", act("x-campaign")),
    # Work
    ("job", cat("employment")),
    ("cv", cat("employment")),
    ("careers", cat("employment", no_acts=("isl-153", "isl-173", "isl-243"))),
    ("interview practice", act("isl-130")),
    # Social groups
    ("bingo", cat("social_club")),
    ("chess", act("isl-220")),
    ("dominoes", act("isl-152")),
    ("darts", act("isl-152")),
    ("pub quiz", act("isl-140")),
    ("board games", act("isl-139")),
    ("coffee morning", cat("social_club")),
    ("men's shed", act("isl-055", "isl-216")),
    ("mens shed", act("isl-216")),
    ("cinema", act("x-cinema")),
    ("films", act("x-cinema")),
    ("dating", act("x-dating", no_acts=("isl-104",))),  # not "data"
    ("speed dating", act("x-dating")),
    ("friendship", cat("social_club")),
    # LGBTQ+
    ("lgbt", act("isl-145")),
    ("LGBTQ+", act("isl-145")),
    ("lgbtq", act("isl-145")),
    ("queer", act("isl-145")),
    ("gay", act("isl-145")),
    ("trans", act("x-trans", "isl-145", no_acts=("x-transport",))),  # not "transport"
    ("transgender", act("x-trans")),
    ("transport", act("x-transport", no_acts=("x-trans", "isl-145"))),
    # Who it is for: refugees, carers, parents, people living with dementia
    ("refugee", act("x-refugee")),
    ("refugees", act("x-refugee")),
    ("asylum seeker", act("x-refugee")),
    ("asylum", act("x-refugee")),
    ("carer", act("isl-153", no_cats=("employment",), no_acts=("isl-133",))),
    ("carers", act("isl-173", "isl-243", no_cats=("employment",), no_acts=("isl-135",))),
    ("young mums", act("isl-162")),
    ("mums", act("isl-162")),
    ("dementia", act("x-memory")),
    # Faith and culture
    ("church", cat("faith_culture")),
    ("mosque", cat("faith_culture")),
    ("temple", cat("faith_culture")),
    ("gurdwara", cat("faith_culture")),
    ("bengali", cat("faith_culture")),
    # Befriending, peer and wellbeing support
    ("befriending", cat("befriending")),
    ("someone to talk to", act("isl-174")),
    ("hearing voices", act("isl-163")),
    ("peer support", cat("peer_support")),
    ("counselling", act("isl-202")),
    # Money and housing
    ("debt", act("isl-184")),
    ("benefits", cat("advice_money")),
    ("universal credit", act("isl-182")),
    ("pip", act("isl-183")),
    ("housing", cat("advice_housing")),
    ("eviction", act("isl-190")),
    ("homeless", cat("advice_housing")),
    ("energy bills", act("isl-185")),
    # Words that should find nothing, and spelling neighbours that are other words
    ("astronomy", NOTHING),
    ("xyzzy", NOTHING),
    ("the", NOTHING),
    ("mediation", no(cats=("mind_body",), acts=("isl-039", "isl-041"))),  # not "meditation"
    ("singles", no(cats=("music",), acts=("isl-061",))),  # not "singing"
    ("career", no(acts=("isl-153", "isl-173", "isl-243"))),  # not "carer"
]


def interest_scores(snapshot: DirectorySnapshot, phrase: str) -> tuple[InterestMatch, np.ndarray]:
    match = snapshot.interests.match((phrase,), snapshot.categories)
    return match, np.where(snapshot.active, match.scores[0], 0.0)


def best_ids(snapshot: DirectorySnapshot, scores: np.ndarray, n: int) -> set[str]:
    """The ids of the `n` best fits, with any tied with the n-th (ties are not an order)."""
    positive = scores[scores > 0]
    if positive.size == 0:
        return set()
    floor = np.sort(positive)[::-1][min(n, positive.size) - 1]
    return {snapshot.activities[i].id for i in np.flatnonzero(scores >= floor)}


def test_the_table_has_at_least_a_hundred_phrases() -> None:
    assert len({p for p, _ in PHRASES}) == len(PHRASES) >= 100


@pytest.mark.parametrize(("phrase", "expect"), PHRASES, ids=[p for p, _ in PHRASES])
def test_an_everyday_phrase_finds_what_a_worker_would_expect(
    snapshot: DirectorySnapshot, phrase: str, expect: Expect
) -> None:
    match, scores = interest_scores(snapshot, phrase)
    reached = {snapshot.category_ids[c] for c in np.flatnonzero(match.category_sims[0])}
    matched = {snapshot.activities[i].id for i in np.flatnonzero(scores)}
    if expect.nothing:
        assert (reached, matched) == (set(), set())
    if expect.category is not None:
        closest = match.category_sims[0].max()
        assert closest > 0 and expect.category in {
            snapshot.category_ids[c] for c in np.flatnonzero(match.category_sims[0] == closest)
        }, reached
        top = best_ids(snapshot, scores, 1)
        assert any(expect.category in snapshot.activity(i).categories for i in top), top
    for activity_id in expect.activities:
        assert activity_id in best_ids(snapshot, scores, 3), sorted(best_ids(snapshot, scores, 3))
    assert not reached & set(expect.not_categories)
    assert not matched & set(expect.not_activities)


@pytest.mark.parametrize(
    ("phrase", "activity_id", "said"),
    [
        ("lgbt", "isl-145", "LGBTQ+"),  # the directory's word, not a made-up one
        ("asylum seeker", "x-refugee", "asylum seeker"),
        ("campaigning", "x-campaign", "campaigning"),
        ("carers", "isl-153", "carers"),
    ],
)
def test_the_reason_names_words_the_activity_really_uses(
    phrase: str, activity_id: str, said: str
) -> None:
    report = run(
        [
            *EXTRAS,
            activity("isl-145", "Rainbow Tea", keywords=("lgbtq", "social")),
            activity("isl-153", "Carers' Coffee Morning", keywords=("carers",)),
        ],
        profile(interests=(phrase,)),
    )
    assert f"Matches your interest in {said}" in result(report, activity_id).reasons


def test_who_it_is_for_words_do_not_reach_a_whole_category(snapshot: DirectorySnapshot) -> None:
    # "LGBT", "refugee" or "carers" is about who a group is for: every social club or peer
    # group merely sharing a category with one is no answer to it.
    for phrase in (
        "lgbt",
        "queer",
        "trans",
        "refugee",
        "asylum seeker",
        "carers",
        "young mums",
        "dementia",
    ):
        match, _ = interest_scores(snapshot, phrase)
        assert not match.category_sims[0].any(), phrase
