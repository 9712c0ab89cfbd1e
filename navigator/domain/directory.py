"""The local directory of community activities (FORMATS.md §1) as plain, immutable data.

Field names follow the `navigator-directory` file exactly, so the native format is a thin
mapping and nothing is renamed between the file, the store and the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Delivery(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"


class Gender(StrEnum):
    """Who may attend an activity."""

    ANY = "any"
    WOMEN = "women"
    MEN = "men"


class Booking(StrEnum):
    DROP_IN = "drop_in"
    BOOK_AHEAD = "book_ahead"
    REFERRAL = "referral"


class GroupSize(StrEnum):
    ONE_TO_ONE = "one_to_one"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Status(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class CostUnit(StrEnum):
    """What a published price is for (FORMATS.md §1a)."""

    SESSION = "session"
    HOUR = "hour"
    WEEK = "week"
    MONTH = "month"
    TERM = "term"
    YEAR = "year"
    COURSE = "course"
    ONE_OFF = "one_off"


class Day(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def weekday(self) -> int:
        """Monday is 0, as in `datetime.date.weekday()`. (Not `index`: that would hide
        `str.index`, which a StrEnum member still has.)"""
        return list(Day).index(self)

    @property
    def label(self) -> str:
        return DAY_LABELS[self]


DAY_LABELS = {
    Day.MON: "Monday",
    Day.TUE: "Tuesday",
    Day.WED: "Wednesday",
    Day.THU: "Thursday",
    Day.FRI: "Friday",
    Day.SAT: "Saturday",
    Day.SUN: "Sunday",
}


@dataclass(frozen=True, slots=True)
class Venue:
    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    step_free: bool | None = None
    transport_note: str | None = None

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Session:
    """A regular time the activity meets, in Europe/London local time."""

    day: Day
    start: dt.time
    end: dt.time
    frequency: Frequency = Frequency.WEEKLY
    # 1..4 or -1 (last) for monthly sessions: 2 = the second <day> of the month.
    week_of_month: int | None = None
    # A date the fortnightly rhythm is counted from.
    starts_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Cost:
    per_session_gbp: float | None = None  # 0 = free, None = unknown
    concessions: bool = False
    free_taster: bool = False
    notes: str = ""
    # The price as published, with what it is for ("£5 a year"). `per_session_gbp` is set
    # only when the unit is a session or the amount is 0, so no per-session price is made up.
    amount_gbp: float | None = None
    unit: CostUnit | None = None

    @property
    def is_free(self) -> bool:
        return self.per_session_gbp == 0


@dataclass(frozen=True, slots=True)
class Welcome:
    """What makes a first visit easier; None means the directory does not say."""

    bring_someone: bool | None = None
    beginners: bool | None = None
    meet_at_door: bool | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry came from: a feed's name and that feed's own id for it."""

    feed: str | None = None
    external_id: str | None = None


# Field names that `Activity.guessed` may hold: what an importer can infer from a feed's
# words and a prescriber should confirm.
GUESSABLE_FIELDS: tuple[str, ...] = (
    "categories",
    "gender",
    "mental_health_specific",
    "cost",
    "venue.step_free",
    "venue.position",
    "for_learners_of",
    "with_child",
    "age",
)


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    name: str
    categories: tuple[str, ...]
    organisation: str | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    delivery: Delivery = Delivery.IN_PERSON
    venue: Venue | None = None
    sessions: tuple[Session, ...] = ()
    cost: Cost | None = None
    mental_health_specific: bool = False
    peer_led: bool = False
    gender: Gender = Gender.ANY
    age_min: int | None = None
    age_max: int | None = None
    languages: tuple[str, ...] = ("en",)
    booking: Booking | None = None
    group_size: GroupSize | None = None
    welcome: Welcome = field(default_factory=Welcome)
    contact: Contact = field(default_factory=Contact)
    last_verified: dt.date | None = None
    status: Status = Status.ACTIVE
    # FORMATS.md §1a: what real directories need.
    more_venues: tuple[Venue, ...] = ()
    for_learners_of: tuple[str, ...] = ()  # languages it teaches: ESOL is ("en",)
    with_child: bool = False  # for young children with a parent or carer; ages are the child's
    guessed: tuple[str, ...] = ()  # fields inferred on import, until a person confirms them
    source: Source | None = None

    @property
    def venues(self) -> tuple[Venue, ...]:
        """Every place it runs: the main venue first."""
        return ((self.venue,) if self.venue is not None else ()) + self.more_venues
