"""Hypothesis strategies for directory data, shared by the format and store tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from navigator.domain.directory import (
    GUESSABLE_FIELDS,
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Source,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.taxonomy import CATEGORY_IDS

# Text including the awkward: quotes, markup, emoji, non-Latin scripts, tabs and line breaks;
# not other control characters, which every importer refuses (reading.text_fault).
text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), max_size=40
)
maybe_text = st.none() | text
maybe_bool = st.none() | st.booleans()
postcodes = st.sampled_from(["N7 6PA", "N19 5RQ", "EC1V 4JL", "N1 9GU", "SW1A 1AA", "M1 1AE"])


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    frequency = draw(st.sampled_from(Frequency))
    return Session(
        day=draw(st.sampled_from(Day)),
        start=dt.time(start // 60, start % 60),
        end=dt.time(end // 60, end % 60),
        frequency=frequency,
        week_of_month=draw(st.sampled_from([1, 2, 3, 4, -1]))
        if frequency is Frequency.MONTHLY
        else None,
        starts_on=draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))),
    )


venues = st.builds(
    Venue,
    name=maybe_text,
    address=maybe_text,
    postcode=st.none() | postcodes,
    lat=st.none() | st.floats(51.3, 51.7),
    lon=st.none() | st.floats(-0.5, 0.3),
    step_free=maybe_bool,
    transport_note=maybe_text,
).filter(lambda v: (v.lat is None) == (v.lon is None))

money = st.floats(0, 500).map(lambda x: round(x, 2))


@st.composite
def costs(draw: st.DrawFn) -> Cost:
    """A cost as FORMATS.md §1a allows: a per-session price only for a session's price."""
    unit = draw(st.none() | st.sampled_from(CostUnit))
    amount = None if unit is None else draw(st.none() | st.just(0.0) | money)
    if unit is None:
        per_session = draw(st.none() | st.just(0.0) | money)
    elif unit is CostUnit.SESSION or amount == 0:
        per_session = amount
    else:
        per_session = None
    return Cost(per_session, draw(st.booleans()), draw(st.booleans()), draw(text), amount, unit)


@st.composite
def activities(draw: st.DrawFn, activity_id: str | None = None) -> Activity:
    age_min = draw(st.none() | st.integers(0, 90))
    age_max = draw(st.none() | st.integers(age_min or 0, 120))
    return Activity(
        id=activity_id or draw(st.text("abcdefghijklmnop0123456789-", min_size=1, max_size=12)),
        name=draw(text.filter(str.strip)),
        categories=tuple(
            draw(st.lists(st.sampled_from(CATEGORY_IDS), min_size=1, max_size=3, unique=True))
        ),
        organisation=draw(maybe_text),
        description=draw(text),
        keywords=tuple(draw(st.lists(text, max_size=3))),
        delivery=draw(st.sampled_from(Delivery)),
        venue=draw(st.none() | venues),
        sessions=tuple(draw(st.lists(sessions(), max_size=3))),
        cost=draw(st.none() | costs()),
        mental_health_specific=draw(st.booleans()),
        peer_led=draw(st.booleans()),
        gender=draw(st.sampled_from(Gender)),
        age_min=age_min,
        age_max=age_max,
        languages=tuple(
            draw(
                st.lists(
                    st.sampled_from(["en", "bn", "so", "tr", "pl"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
        ),
        booking=draw(st.none() | st.sampled_from(Booking)),
        group_size=draw(st.none() | st.sampled_from(GroupSize)),
        welcome=Welcome(draw(maybe_bool), draw(maybe_bool), draw(maybe_bool)),
        contact=Contact(draw(maybe_text), draw(maybe_text), draw(maybe_text)),
        last_verified=draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))),
        status=draw(st.sampled_from(Status)),
        more_venues=tuple(draw(st.lists(venues, max_size=2))),
        for_learners_of=tuple(
            draw(st.lists(st.sampled_from(["en", "cy", "fr"]), max_size=2, unique=True))
        ),
        with_child=draw(st.booleans()),
        guessed=tuple(draw(st.lists(st.sampled_from(GUESSABLE_FIELDS), max_size=3, unique=True))),
        source=draw(st.none() | st.builds(Source, text, maybe_text)),
    )


def directories(max_size: int = 8) -> st.SearchStrategy[list[Activity]]:
    return st.lists(activities(), max_size=max_size, unique_by=lambda a: a.id)
