"""Hypothesis strategies for matching: directories and profiles that really exercise the rules.

Values are drawn from small pools (a few languages, costs, ages, places round one point) so
that generated activities pass and break the constraints in every combination, rather than
almost all failing on some random language code.
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import strategies as st

from navigator.domain.directory import (
    Activity,
    Booking,
    Cost,
    CostUnit,
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
from navigator.domain.profile import (
    LatLon,
    PersonGender,
    Preference,
    Profile,
    Setting,
    TimeWindow,
)
from navigator.domain.taxonomy import CATEGORY_IDS, GOAL_IDS
from tests.strategies import sessions

LANGUAGES = ["en", "bn", "so", "tr", "pl"]
WORDS = [
    "gardening",
    "painting",
    "football",
    "choir",
    "yoga",
    "cooking",
    "walking",
    "knitting",
    "coffee morning",
    "quiz",
    "allotment",
    "5-a-side",
    "bingo",
    "pottery",
    "swimming",
    "chess",
    "drama",
    "poetry",
    "table tennis",
    "computers",
    "benefits advice",
]
TYPOS = ["gardning", "paintng", "fotball", "yogga", "kniting", "swiming"]
CENTRE = LatLon(51.556, -0.115)

maybe_bool = st.none() | st.booleans()
money = st.sampled_from([0.0, 0.5, 1.0, 2.0, 2.5, 3.0, 5.0, 12.0])
# Units with no per-session figure: such a price is shown as published, never compared.
OTHER_UNITS = [u for u in CostUnit if u is not CostUnit.SESSION]
# Guesses an importer may mark that change what matching says.
GUESSES = ["mental_health_specific", "cost", "categories"]
interest_words = st.sampled_from(WORDS + TYPOS) | st.text(max_size=12)


def near_centre(spread: float = 0.06) -> st.SearchStrategy[LatLon]:
    return st.builds(
        LatLon,
        st.floats(CENTRE.lat - spread, CENTRE.lat + spread),
        st.floats(CENTRE.lon - spread, CENTRE.lon + spread),
    )


@st.composite
def venues(draw: st.DrawFn) -> Venue | None:
    kind = draw(st.sampled_from(["point", "point", "point", "postcode-only", "unknown", "none"]))
    if kind == "none":
        return None
    point = draw(near_centre())
    postcode = draw(st.sampled_from([None, "N7 6PA", "N7 6PB", "N19 5RQ"]))
    if kind == "postcode-only":
        return Venue(postcode=postcode or "N7 6PA", step_free=draw(maybe_bool))
    if kind == "unknown":
        return Venue(name="Somewhere", step_free=draw(maybe_bool))
    return Venue(postcode=postcode, lat=point.lat, lon=point.lon, step_free=draw(maybe_bool))


@st.composite
def costs(draw: st.DrawFn) -> Cost | None:
    """Unknown, per session (with or without its published amount), or for another unit."""
    kind = draw(st.sampled_from(["none", "session", "session", "published", "other"]))
    if kind == "none":
        return None
    concessions, taster = draw(st.booleans()), draw(st.booleans())
    if kind == "other":
        return Cost(
            None,
            concessions,
            taster,
            amount_gbp=draw(money.filter(bool)),
            unit=draw(st.sampled_from(OTHER_UNITS)),
        )
    amount = draw(st.none() | money)
    if kind == "published" and amount is not None:
        return Cost(amount, concessions, taster, amount_gbp=amount, unit=CostUnit.SESSION)
    return Cost(amount, concessions, taster)


@st.composite
def activities(draw: st.DrawFn, activity_id: str) -> Activity:
    age_min = draw(st.none() | st.sampled_from([16, 18, 50, 60]))
    age_max = draw(
        st.none() | st.sampled_from([25, 30, 99]).filter(lambda m: age_min is None or m >= age_min)
    )
    words = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    return Activity(
        id=activity_id,
        name=draw(st.sampled_from(WORDS).map(str.title) | st.text(min_size=1, max_size=20)),
        categories=tuple(
            draw(st.lists(st.sampled_from(CATEGORY_IDS), min_size=1, max_size=3, unique=True))
        ),
        description=draw(st.sampled_from(["", "A friendly group.", "Tea, chat and painting."])),
        keywords=tuple(words),
        delivery=draw(
            st.sampled_from([Delivery.IN_PERSON] * 3 + [Delivery.ONLINE, Delivery.PHONE])
        ),
        venue=draw(venues()),
        more_venues=tuple(v for v in draw(st.lists(venues(), max_size=2)) if v is not None),
        sessions=tuple(draw(st.lists(sessions(), max_size=3))),
        cost=draw(costs()),
        mental_health_specific=draw(st.booleans()),
        peer_led=draw(st.booleans()),
        gender=draw(st.sampled_from([Gender.ANY] * 3 + [Gender.WOMEN, Gender.MEN])),
        age_min=age_min,
        age_max=age_max,
        languages=tuple(
            draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True))
        ),
        booking=draw(st.none() | st.sampled_from(Booking)),
        group_size=draw(st.none() | st.sampled_from(GroupSize)),
        welcome=Welcome(draw(maybe_bool), draw(maybe_bool), draw(maybe_bool)),
        last_verified=draw(st.none() | st.dates(dt.date(2023, 1, 1), dt.date(2026, 11, 24))),
        status=draw(st.sampled_from([Status.ACTIVE] * 5 + [Status.PAUSED, Status.ARCHIVED])),
        for_learners_of=draw(st.sampled_from([(), (), (), ("en",)])),
        with_child=draw(st.booleans()),
        guessed=tuple(draw(st.lists(st.sampled_from(GUESSES), max_size=2, unique=True))),
    )


@st.composite
def directories(draw: st.DrawFn, max_size: int = 25) -> list[Activity]:
    size = draw(st.integers(0, max_size))
    return [draw(activities(f"act-{i}")) for i in range(size)]


@st.composite
def windows(draw: st.DrawFn) -> TimeWindow:
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return TimeWindow(
        draw(st.sampled_from(Day)), dt.time(start // 60, start % 60), dt.time(end // 60, end % 60)
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    return Profile(
        reference=draw(st.none() | st.just("AB-0042")),
        location=draw(st.none() | near_centre(0.03)),
        max_distance_km=draw(st.none() | st.floats(0.2, 8.0)),
        delivery=tuple(
            draw(st.lists(st.sampled_from(Delivery), min_size=1, max_size=3, unique=True))
        ),
        interests=tuple(draw(st.lists(interest_words, max_size=4))),
        goals=tuple(draw(st.lists(st.sampled_from(GOAL_IDS), max_size=3, unique=True))),
        availability=tuple(draw(st.lists(windows(), max_size=3))),
        age=draw(st.none() | st.integers(14, 90)),
        gender=draw(st.none() | st.sampled_from(PersonGender)),
        languages=tuple(
            draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True))
        ),
        max_cost_gbp=draw(st.none() | money),
        setting=draw(st.sampled_from(Setting)),
        needs_step_free=draw(st.booleans()),
        prefers=tuple(draw(st.lists(st.sampled_from(Preference), max_size=3, unique=True))),
        with_young_children=draw(st.booleans()),
    )


# Seeded generation ----------------------------------------------------------------------------
# The same kinds of values drawn from a `random.Random`: about a hundred times cheaper than
# hypothesis draws, so the bulk property tests can cover thousands of activity/profile pairs
# in seconds. A failure names its seed, which reproduces it exactly.


def random_session(rng: random.Random) -> Session:
    start = rng.randrange(6 * 60, 22 * 60, 15)
    end = min(start + rng.choice([30, 60, 90, 120, 180, 240]), 23 * 60 + 59)
    frequency = rng.choice([Frequency.WEEKLY] * 3 + [Frequency.FORTNIGHTLY, Frequency.MONTHLY])
    return Session(
        day=rng.choice(list(Day)),
        start=dt.time(start // 60, start % 60),
        end=dt.time(end // 60, end % 60),
        frequency=frequency,
        week_of_month=rng.choice([None, 1, 2, 3, 4, -1])
        if frequency is Frequency.MONTHLY
        else None,
        starts_on=rng.choice([None, dt.date(2026, 11, 3), dt.date(2027, 1, 6)])
        if frequency is Frequency.FORTNIGHTLY
        else None,
    )


def _maybe(rng: random.Random) -> bool | None:
    return rng.choice([None, True, False])


def random_venue(rng: random.Random) -> Venue | None:
    kind = rng.choice(["point"] * 4 + ["postcode-only", "unknown", "none"])
    if kind == "none":
        return None
    postcode = rng.choice([None, "N7 6PA", "N7 6PB", "N19 5RQ"])
    if kind == "postcode-only":
        return Venue(postcode=postcode or "N7 6PA", step_free=_maybe(rng))
    if kind == "unknown":
        return Venue(name="Somewhere", step_free=_maybe(rng))
    return Venue(
        postcode=postcode,
        lat=CENTRE.lat + rng.uniform(-0.06, 0.06),
        lon=CENTRE.lon + rng.uniform(-0.06, 0.06),
        step_free=_maybe(rng),
    )


def random_activity(rng: random.Random, activity_id: str) -> Activity:
    age_min = rng.choice([None, None, None, 16, 18, 50, 60])
    age_max = rng.choice([None, None, None, 25, 30, 99])
    if age_min is not None and age_max is not None and age_max < age_min:
        age_max = None
    money_values = [0.0, 0.5, 1.0, 2.0, 2.5, 3.0, 5.0, 12.0]
    per_session = rng.choice(money_values)
    more_venues = (random_venue(rng) for _ in range(rng.choice([0, 0, 0, 1, 2])))
    return Activity(
        id=activity_id,
        name=rng.choice(WORDS + TYPOS).title() + rng.choice(["", " Group", " Club", " Café"]),
        categories=tuple(rng.sample(CATEGORY_IDS, rng.randint(1, 3))),
        description=rng.choice(["", "A friendly group.", "Tea, chat and painting."]),
        keywords=tuple(rng.sample(WORDS, rng.randint(0, 3))),
        delivery=rng.choice([Delivery.IN_PERSON] * 3 + [Delivery.ONLINE, Delivery.PHONE]),
        venue=random_venue(rng),
        more_venues=tuple(v for v in more_venues if v is not None),
        sessions=tuple(random_session(rng) for _ in range(rng.choice([0, 1, 1, 2, 3]))),
        cost=rng.choice(
            [None, Cost(None), Cost(per_session, rng.random() < 0.3, rng.random() < 0.3)]
            + [Cost(0.0)] * 2
            + [
                Cost(per_session, amount_gbp=per_session, unit=CostUnit.SESSION),
                Cost(
                    None,
                    rng.random() < 0.3,
                    amount_gbp=rng.choice([1.0, 5.0, 30.0]),
                    unit=rng.choice(OTHER_UNITS),
                ),
            ]
        ),
        mental_health_specific=rng.random() < 0.3,
        peer_led=rng.random() < 0.3,
        gender=rng.choice([Gender.ANY] * 4 + [Gender.WOMEN, Gender.MEN]),
        age_min=age_min,
        age_max=age_max,
        languages=tuple(rng.sample(LANGUAGES, rng.choice([1, 1, 2]))),
        booking=rng.choice([None, *Booking]),
        group_size=rng.choice([None, *GroupSize]),
        welcome=Welcome(_maybe(rng), _maybe(rng), _maybe(rng)),
        last_verified=rng.choice(
            [
                None,
                dt.date(2024, 5, 1),
                dt.date(2025, 11, 23),
                dt.date(2025, 11, 24),
                dt.date(2026, 9, 1),
            ]
        ),
        status=rng.choice([Status.ACTIVE] * 6 + [Status.PAUSED, Status.ARCHIVED]),
        for_learners_of=rng.choice([(), (), (), ("en",)]),
        with_child=rng.random() < 0.2,
        guessed=tuple(rng.sample(GUESSES, rng.choice([0, 0, 1, 2]))),
    )


def random_directory(rng: random.Random, size: int) -> list[Activity]:
    return [random_activity(rng, f"act-{i}") for i in range(size)]


def random_profile(rng: random.Random) -> Profile:
    windows = []
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        start = rng.randrange(6 * 60, 20 * 60, 30)
        end = min(start + rng.choice([60, 120, 240, 480]), 23 * 60 + 59)
        windows.append(
            TimeWindow(
                rng.choice(list(Day)),
                dt.time(start // 60, start % 60),
                dt.time(end // 60, end % 60),
            )
        )
    location = rng.choice(
        [None, LatLon(CENTRE.lat + rng.uniform(-0.03, 0.03), CENTRE.lon + rng.uniform(-0.03, 0.03))]
    )
    return Profile(
        reference=rng.choice([None, "AB-0042"]),
        location=location,
        max_distance_km=rng.choice([None, None, 0.5, 1.0, 2.0, 3.0, 5.0]),
        delivery=tuple(rng.sample(list(Delivery), rng.randint(1, 3))),
        interests=tuple(rng.sample(WORDS + TYPOS, rng.choice([0, 1, 2, 3]))),
        goals=tuple(rng.sample(GOAL_IDS, rng.choice([0, 1, 2]))),
        availability=tuple(windows),
        age=rng.choice([None, 17, 18, 25, 34, 50, 61, 80]),
        gender=rng.choice([None, *PersonGender]),
        languages=tuple(rng.sample(LANGUAGES, rng.choice([1, 1, 2]))),
        max_cost_gbp=rng.choice([None, None, 0.0, 1.0, 2.5, 5.0]),
        setting=rng.choice(list(Setting)),
        needs_step_free=rng.random() < 0.3,
        prefers=tuple(rng.sample(list(Preference), rng.choice([0, 1, 2]))),
        with_young_children=rng.random() < 0.3,
    )
