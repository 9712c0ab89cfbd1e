"""What a worker records about a person in an appointment (FORMATS.md §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from navigator.domain.directory import Day, Delivery


class PersonGender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"


class Setting(StrEnum):
    NO_PREFERENCE = "no_preference"
    AVOID_MENTAL_HEALTH = "avoid_mental_health"
    PREFER_MENTAL_HEALTH = "prefer_mental_health"
    ONLY_MENTAL_HEALTH = "only_mental_health"


class Preference(StrEnum):
    DROP_IN = "drop_in"
    SMALL_GROUP = "small_group"
    BRING_SOMEONE = "bring_someone"
    BEGINNERS = "beginners"
    PEER_LED = "peer_led"
    DAYTIME = "daytime"


@dataclass(frozen=True, slots=True)
class LatLon:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PostcodeLocation:
    """A location given as a postcode; services resolve it to a point before matching."""

    postcode: str


Location = LatLon | PostcodeLocation


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A time of the week the person can make: sessions must lie wholly inside one."""

    day: Day
    start: dt.time  # "from" in the file
    end: dt.time  # "to" in the file


ALL_DELIVERY: tuple[Delivery, ...] = (Delivery.IN_PERSON, Delivery.ONLINE, Delivery.PHONE)


@dataclass(frozen=True, slots=True)
class Profile:
    reference: str | None = None
    location: Location | None = None
    max_distance_km: float | None = None
    delivery: tuple[Delivery, ...] = ALL_DELIVERY
    interests: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    availability: tuple[TimeWindow, ...] = ()
    age: int | None = None
    gender: PersonGender | None = None
    languages: tuple[str, ...] = ("en",)
    max_cost_gbp: float | None = None
    setting: Setting = Setting.NO_PREFERENCE
    needs_step_free: bool = False
    prefers: tuple[Preference, ...] = ()
    # The person would bring a young child: `with_child` activities pass the age rule.
    with_young_children: bool = False
    # Whether the person can use the internet (to book, or find a link); None = not said.
    uses_internet: bool | None = None
    # A budget agreed with the person towards costs, in £ a session (Community Navigator's
    # small budget): a near miss on cost that it covers says so (issue 16). None = none.
    agreed_budget_gbp: float | None = None
    # Strengths and assets in the person's own words (issue 16): skills and what they used
    # to love ("carpentry", "baking"), and what they could offer others ("fixing bikes").
    # A softer interest: they add a reason and a little to the score, never rule anything out.
    strengths: tuple[str, ...] = ()
    can_offer: tuple[str, ...] = ()

    @property
    def without_internet(self) -> bool:
        """The person cannot book online: they said so, or (when they did not say) they
        chose how to take part and left online out. Online-only booking is then a caution."""
        if self.uses_internet is not None:
            return not self.uses_internet
        return Delivery.ONLINE not in self.delivery
