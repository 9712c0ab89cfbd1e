"""Synthetic directories for benchmarking: deterministic, sized, and shaped like real ones.

    python benchmarks/generate.py 10000 --seed 1 --out benchmarks/output/directory-10k.json

The mixture follows the bundled sample directory: mostly in-person activities spread over a
few UK cities, a weekly session or two, most free, some women-only, some in other languages,
a tenth not checked for over a year, a few paused. Names and keywords come from the taxonomy's
own words; descriptions add proper nouns (venues, streets, organisers) from a pool that grows
with the directory, so the vocabulary grows the way a real one does (Heaps' law) and interest
matching is measured against a realistically large word list.

`generate_profiles` makes the varied people to rank, for the benchmarks and the golden
rankings (tests/matching/golden_cases.py) alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Cost,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.profile import LatLon, PersonGender, Preference, Profile, Setting, TimeWindow
from navigator.domain.taxonomy import CATEGORIES, GOAL_IDS
from navigator.formats.native import directory_to_json

# (name, lat, lon, spread in degrees): activities cluster round towns and cities.
PLACES = [
    ("London", 51.52, -0.11, 0.15),
    ("Manchester", 53.48, -2.24, 0.10),
    ("Birmingham", 52.48, -1.90, 0.10),
    ("Leeds", 53.80, -1.55, 0.08),
    ("Bristol", 51.45, -2.59, 0.07),
    ("Newcastle", 54.97, -1.61, 0.07),
    ("Norwich", 52.63, 1.30, 0.05),
    ("Cardiff", 51.48, -3.18, 0.06),
]
# Relative frequency of each category, roughly as in the sample directory.
CATEGORY_WEIGHTS = {
    "social_club": 47,
    "faith_culture": 33,
    "learning": 32,
    "wellbeing_support": 26,
    "sport_fitness": 24,
    "arts_crafts": 21,
    "cooking_food": 21,
    "nature_gardening": 19,
    "volunteering": 18,
    "peer_support": 18,
    "advice_money": 16,
    "mind_body": 15,
    "writing_reading": 15,
    "music": 14,
    "walking": 13,
    "employment": 13,
    "digital_skills": 11,
    "advice_housing": 10,
    "performing_arts": 9,
    "befriending": 9,
}
NAME_SUFFIXES = [
    "Group",
    "Club",
    "Drop-in",
    "Session",
    "Circle",
    "Café",
    "Workshop",
    "Project",
    "Hour",
    "Morning",
    "Afternoon",
    "Evening",
    "for Beginners",
    "Together",
]
OTHER_LANGUAGES = ["bn", "so", "tr", "pl", "ar", "es", "ur", "ku"]
SYLLABLES = [
    "ash",
    "bel",
    "cor",
    "dun",
    "el",
    "fen",
    "gar",
    "hol",
    "ing",
    "kes",
    "lan",
    "mor",
    "nor",
    "ol",
    "pen",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ven",
    "wick",
    "ay",
    "bury",
    "ton",
    "ham",
    "field",
    "ley",
    "worth",
    "stead",
]
DESCRIPTIONS = [
    "A friendly {noun} for anyone who would like to try {word}. Meet at {place} on {street}.",
    "Run by {org}. We do {word} and {word2}, with tea and a chat afterwards.",
    "{word_cap} in a relaxed setting at {place}. No experience needed; just come along.",
    "Join {org} at {place} for {word}. Near {street}, with buses from the high street.",
]


def _proper_noun(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _session(rng: random.Random) -> Session:
    start = rng.choice([9, 10, 10, 11, 13, 14, 18, 19]) * 60 + rng.choice([0, 0, 30])
    length = rng.choice([60, 90, 120, 120, 180])
    frequency = rng.choices(list(Frequency), weights=[80, 8, 12])[0]
    end = min(start + length, 23 * 60 + 30)
    return Session(
        day=rng.choice(list(Day)),
        start=dt.time(start // 60, start % 60),
        end=dt.time(end // 60, end % 60),
        frequency=frequency,
        week_of_month=rng.choice([1, 2, 3, 4, -1]) if frequency is Frequency.MONTHLY else None,
        starts_on=dt.date(2026, 1, rng.randint(5, 18))
        if frequency is Frequency.FORTNIGHTLY and rng.random() < 0.5
        else None,
    )


def _tri(rng: random.Random, yes: float, no: float) -> bool | None:
    roll = rng.random()
    return True if roll < yes else False if roll < yes + no else None


def generate(n: int, seed: int = 1) -> list[Activity]:
    """`n` activities; the same `n` and `seed` always give the same directory."""
    rng = random.Random(seed)
    by_id = {c.id: c for c in CATEGORIES}
    category_ids = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    # Proper nouns: a pool that grows with the directory, as real place names do.
    nouns = sorted({_proper_noun(rng) for _ in range(max(50, n // 3))})
    activities = []
    for i in range(n):
        first = rng.choices(category_ids, weights=weights)[0]
        categories = [first]
        if rng.random() < 0.45:
            second = rng.choices(category_ids, weights=weights)[0]
            if second != first:
                categories.append(second)
        synonyms = by_id[first].synonyms
        word = rng.choice(synonyms)
        name = f"{word.title()} {rng.choice(NAME_SUFFIXES)}"
        if rng.random() < 0.4:
            name = f"{rng.choice(nouns)} {name}"
        keywords = tuple(rng.sample(synonyms, min(len(synonyms), rng.randint(1, 5))))
        description = rng.choice(DESCRIPTIONS).format(
            noun=rng.choice(["group", "session", "club"]),
            word=word,
            word2=rng.choice(synonyms),
            word_cap=word.capitalize(),
            place=f"{rng.choice(nouns)} Community Centre",
            street=f"{rng.choice(nouns)} Road",
            org=f"{rng.choice(nouns)} Trust",
        )
        delivery = rng.choices(list(Delivery), weights=[90, 6, 4])[0]
        venue = None
        if delivery is Delivery.IN_PERSON and rng.random() > 0.02:
            _, lat, lon, spread = rng.choices(PLACES, weights=[8, 3, 3, 2, 2, 1, 1, 1])[0]
            has_point = rng.random() > 0.05
            venue = Venue(
                name=f"{rng.choice(nouns)} Hall",
                postcode=None,
                lat=lat + rng.uniform(-spread, spread) if has_point else None,
                lon=lon + rng.uniform(-spread, spread) * 1.6 if has_point else None,
                step_free=_tri(rng, 0.6, 0.15),
            )
        languages = ("en",)
        if rng.random() < 0.08:
            other = rng.choice(OTHER_LANGUAGES)
            languages = (other,) if rng.random() < 0.4 else (other, "en")
        cost_roll = rng.random()
        cost = (
            Cost(0.0)
            if cost_roll < 0.6
            else None
            if cost_roll < 0.68
            else Cost(
                rng.choice([1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0, 12.0]),
                concessions=rng.random() < 0.3,
                free_taster=rng.random() < 0.2,
            )
        )
        age_roll = rng.random()
        age_min, age_max = (
            (None, None)
            if age_roll < 0.85
            else (18, 25)
            if age_roll < 0.9
            else (50, None)
            if age_roll < 0.96
            else (60, None)
        )
        verified = dt.date(2026, 11, 1) - dt.timedelta(days=int(rng.expovariate(1 / 200)))
        activities.append(
            Activity(
                id=f"syn-{i:06d}",
                name=name,
                categories=tuple(categories),
                organisation=f"{rng.choice(nouns)} Trust",
                description=description,
                keywords=keywords,
                delivery=delivery,
                venue=venue,
                sessions=tuple(
                    _session(rng)
                    for _ in range(rng.choices([0, 1, 2, 3], weights=[10, 65, 20, 5])[0])
                ),
                cost=cost,
                mental_health_specific=rng.random() < 0.15,
                peer_led=rng.random() < 0.12,
                gender=rng.choices(list(Gender), weights=[90, 7, 3])[0],
                age_min=age_min,
                age_max=age_max,
                languages=languages,
                booking=rng.choices([None, *Booking], weights=[10, 55, 25, 10])[0],
                group_size=rng.choice([None, *GroupSize]),
                welcome=Welcome(_tri(rng, 0.4, 0.1), _tri(rng, 0.5, 0.05), _tri(rng, 0.2, 0.1)),
                last_verified=None if rng.random() < 0.03 else verified,
                status=rng.choices(list(Status), weights=[94, 4, 2])[0],
            )
        )
    return activities


# What people say they are interested in: taxonomy words, typos and UK synonyms.
PROFILE_INTERESTS = [
    "gardening",
    "gardning",
    "allotment",
    "5-a-side",
    "football",
    "choir",
    "singing",
    "painting",
    "paintng",
    "knitting",
    "yoga",
    "tai chi",
    "cooking",
    "baking",
    "walking",
    "swimming",
    "computers",
    "creative writing",
    "book club",
    "chess",
    "volunteering",
    "pottery",
    "drama",
    "table tennis",
    "benefits advice",
    "bingo",
    "photography",
    "mindfulness",
    "dancing",
    "gym",
]


def generate_profiles(
    count: int,
    seed: int,
    *,
    reference: str,
    interests: Sequence[str] = PROFILE_INTERESTS,
    interest_counts: Sequence[int] = (0, 1, 2, 3, 4),
    more: Callable[[random.Random], dict[str, Any]] | None = None,
) -> list[Profile]:
    """`count` varied profiles near the first four PLACES (every fifth with no location),
    with every kind of hard constraint; the same arguments always give the same profiles.

    References are `{reference}-000` on. Each profile takes a number of `interests` drawn from
    `interest_counts`; `more(rng)`, drawn last from the same generator, adds fields."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        _, lat, lon, spread = rng.choice(PLACES[:4])
        located = i % 5 != 4  # every fifth person gave no location
        windows = tuple(
            TimeWindow(Day(d), dt.time(9), dt.time(rng.choice([13, 17, 21])))
            for d in rng.sample([d.value for d in Day], rng.choice([0, 0, 2, 4]))
        )
        out.append(
            Profile(
                reference=f"{reference}-{i:03d}",
                location=LatLon(
                    lat + rng.uniform(-spread, spread) / 2, lon + rng.uniform(-spread, spread) / 2
                )
                if located
                else None,
                max_distance_km=rng.choice([None, 2.0, 3.0, 5.0, 10.0]) if located else None,
                delivery=rng.choice([(Delivery.IN_PERSON,), tuple(Delivery)]),
                interests=tuple(rng.sample(interests, rng.choice(interest_counts))),
                goals=tuple(rng.sample(GOAL_IDS, rng.choice([0, 1, 2, 3]))),
                availability=windows,
                age=rng.choice([None, 19, 34, 52, 67]),
                gender=rng.choice([None, *PersonGender]),
                languages=rng.choice([("en",), ("en",), ("bn", "en"), ("so",)]),
                max_cost_gbp=rng.choice([None, None, 0.0, 3.0]),
                setting=rng.choice(list(Setting)),
                needs_step_free=rng.random() < 0.2,
                prefers=tuple(rng.sample(list(Preference), rng.choice([0, 1, 2, 3]))),
                **(more(rng) if more else {}),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = directory_to_json(generate(args.size, args.seed))
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.size} activities to {args.out}")


if __name__ == "__main__":
    main()
