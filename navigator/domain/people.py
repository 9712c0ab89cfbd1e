"""A person followed up over months: plan, network map, outcomes (DOMAIN.md; issue 6).

Pseudonymous by design: a person is a reference the worker chose. There is no field for a
name, date of birth, NHS number, address, phone number or email, and free text is short.
Objects check their own values on construction, so an impossible score or an over-long note
cannot reach the store; each failure is one sentence (`ValueError`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from navigator.domain.directory import CostUnit
from navigator.domain.profile import Profile

MAX_REFERENCE_CHARS = 40
MAX_TEXT_CHARS = 280  # notes and goals: a line or two, never a case history
MAX_ALIAS_CHARS = 60  # "sister", "A. from church", "Parkside Allotment"

# SNOMED CT codes for the moving-on summary (NHS England social prescribing).
SNOMED_REFERRED = "871731000000106"  # Referral to social prescribing service
SNOMED_DECLINED = "871711000000103"  # Social prescribing declined


def check_length(what: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ValueError(f"{what} can be at most {limit} characters; this one has {len(text)}.")


def check_reference(reference: str) -> None:
    if not reference.strip():
        raise ValueError("A person needs a reference (a label you choose, never their name).")
    check_length("A reference", reference, MAX_REFERENCE_CHARS)


# Goals --------------------------------------------------------------------------------------


# A new record's first review: four weeks on, when a first visit has usually happened and the
# plan is worth talking over (the worker can change it).
FIRST_REVIEW_AFTER = dt.timedelta(weeks=4)


class Timeframe(StrEnum):
    WEEKS = "weeks"
    MONTHS = "months"
    LONGER = "longer"


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    WORKING_ON = "working_on"
    ACHIEVED = "achieved"
    SET_ASIDE = "set_aside"


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal in the person's own words ("get out of the flat twice a week")."""

    text: str
    timeframe: Timeframe = Timeframe.MONTHS
    status: GoalStatus = GoalStatus.NOT_STARTED

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("A goal needs some words.")
        check_length("A goal", self.text, MAX_TEXT_CHARS)


# Contacts and referral ----------------------------------------------------------------------


class ContactKind(StrEnum):
    APPOINTMENT = "appointment"
    PHONE = "phone"
    VIDEO = "video"
    WENT_ALONG = "went_along"  # went with the person to an activity
    REVIEW = "review"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Contact:
    on: dt.date
    kind: ContactKind = ContactKind.APPOINTMENT
    note: str = ""

    def __post_init__(self) -> None:
        check_length("A note", self.note, MAX_TEXT_CHARS)


class ReferralKind(StrEnum):
    REFERRED = "referred"
    DECLINED = "declined"

    @property
    def snomed_ct(self) -> str:
        return SNOMED_REFERRED if self is ReferralKind.REFERRED else SNOMED_DECLINED


@dataclass(frozen=True, slots=True)
class Referral:
    """A referral to social prescribing was made (or declined) on this date."""

    kind: ReferralKind
    on: dt.date


# Network map --------------------------------------------------------------------------------


class MemberKind(StrEnum):
    PERSON = "person"
    GROUP = "group"
    PLACE = "place"
    ACTIVITY = "activity"


class Relationship(StrEnum):
    FAMILY = "family"
    PARTNER = "partner"
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    COLLEAGUE = "colleague"
    PROFESSIONAL = "professional"
    MEMBER = "member"  # someone they know through a group or place
    OTHER = "other"


class ContactFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    LESS_OFTEN = "less_often"
    RARELY = "rarely"


class Support(StrEnum):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    COMPANY = "company"
    INFORMATION = "information"


@dataclass(frozen=True, slots=True)
class NetworkMember:
    """Someone or something in the person's life, on circle 1 (closest) to 3 (GENIE)."""

    alias: str  # an alias or role, never a full name
    kind: MemberKind = MemberKind.PERSON
    circle: int = 2
    relationship: Relationship | None = None
    frequency: ContactFrequency | None = None
    support: tuple[Support, ...] = ()
    angle: float | None = None  # where it sits on its circle, degrees; layout only

    def __post_init__(self) -> None:
        if not self.alias.strip():
            raise ValueError('Everyone on the map needs an alias or a role, such as "sister".')
        check_length("An alias", self.alias, MAX_ALIAS_CHARS)
        if self.circle not in (1, 2, 3):
            raise ValueError(f"The circle must be 1 (closest), 2 or 3, not {self.circle}.")


@dataclass(frozen=True, slots=True)
class NetworkSnapshot:
    """The map as drawn on one day; snapshots over time show the network growing."""

    on: dt.date
    members: tuple[NetworkMember, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)

    def count(self, *kinds: MemberKind) -> int:
        return sum(1 for m in self.members if m.kind in kinds)


# The plan -----------------------------------------------------------------------------------


class PlanStatus(StrEnum):
    SUGGESTED = "suggested"
    AGREED = "agreed"
    TRIED = "tried"
    GOING_REGULARLY = "going_regularly"
    STOPPED = "stopped"  # stopped going, or never went: `tried_on` tells the two apart


class StopReason(StrEnum):
    COST = "cost"
    TIME = "time"  # the time did not suit the person
    WRONG_TIME = "wrong_time"  # the time listed in the directory was wrong
    NOT_WELCOME = "not_welcome"
    TOO_FAR = "too_far"
    CLOSED = "closed"
    OTHER = "other"
    # On the person's side (issue 16): nothing wrong with the activity, so no directory flag.
    ANXIOUS = "anxious"  # felt too anxious to go, or to go back
    UNWELL = "unwell"
    NO_COMPANY = "no_company"  # nobody to go with
    FARE = "fare"  # the bus or train fare, not the activity's price

    @property
    def flags_directory(self) -> bool:
        """The directory entry itself is wrong, so it goes to the directory's review queue."""
        return self in (StopReason.CLOSED, StopReason.WRONG_TIME)

    @property
    def persons_side(self) -> bool:
        """About how the person was, or getting there: not about the activity itself."""
        return self in PERSONS_SIDE


PERSONS_SIDE = frozenset(
    {StopReason.ANXIOUS, StopReason.UNWELL, StopReason.NO_COMPANY, StopReason.FARE}
)
MAX_WHEN_CHARS = 40  # "Tuesday", "next Tuesday at 10"
A_VOLUNTEER = "a volunteer"


@dataclass(frozen=True, slots=True)
class Companion:
    """Who goes along the first time (issue 16): someone on the network map, named only by
    the alias the worker gave them there, or a volunteer; and when, in words ("Tuesday").
    The handout says so only when `on_handout` is ticked."""

    who: str  # an alias from the map, or A_VOLUNTEER; never a full name
    when: str = ""
    on_handout: bool = False

    def __post_init__(self) -> None:
        if not self.who.strip():
            raise ValueError('Say who is going along: an alias from the map, or "a volunteer".')
        check_length("Who is going along", self.who, MAX_ALIAS_CHARS)
        check_length("When they are going", self.when, MAX_WHEN_CHARS)

    @property
    def is_volunteer(self) -> bool:
        return self.who.strip().casefold() == A_VOLUNTEER


@dataclass(frozen=True, slots=True)
class ActivityTerms:
    """An activity's price and times as the plan last saw them (when it was planned, or its
    status last changed), so a later change in the directory can be told from the record
    alone: a stop for cost that no longer holds, a session moved (issue 16). Directory facts
    only; nothing about the person."""

    amount_gbp: float | None = None  # 0 = free; None = not known
    unit: CostUnit | None = None  # what the amount is for; None when free or not known
    sessions: tuple[str, ...] = ()  # sorted, as `session_key` writes them: "tue 10:00-12:00"


@dataclass(frozen=True, slots=True)
class PlanItem:
    activity_id: str
    activity_name: str  # as it was when planned: the directory may change or lose it
    status: PlanStatus = PlanStatus.AGREED
    reason: StopReason | None = None
    note: str = ""
    updated_on: dt.date | None = None
    tried_on: dt.date | None = None  # first went; kept when they stop, for uptake counts
    regular_since: dt.date | None = None
    terms: ActivityTerms | None = None  # None: recorded before terms were kept, or not known
    companion: Companion | None = None  # who goes along the first time (issue 16)

    def __post_init__(self) -> None:
        check_length("A note", self.note, MAX_TEXT_CHARS)
        if self.reason is not None and self.status is not PlanStatus.STOPPED:
            raise ValueError("A reason is only recorded when someone stops or does not go.")
        if self.status is PlanStatus.STOPPED and self.reason is None:
            raise ValueError('Say why they stopped or did not go (choose "other" if unsure).')

    def moved_to(
        self,
        status: PlanStatus,
        on: dt.date,
        *,
        reason: StopReason | None = None,
        note: str | None = None,
        terms: ActivityTerms | None = None,
    ) -> PlanItem:
        """This item after a status change on `on`, keeping the dates uptake counts need;
        `terms`: the activity as it is now (None keeps the ones last seen)."""
        tried_on, regular_since = self.tried_on, self.regular_since
        if status in (PlanStatus.SUGGESTED, PlanStatus.AGREED):  # a correction: not been
            tried_on = regular_since = None
        elif status is PlanStatus.TRIED:
            tried_on, regular_since = tried_on or on, None
        elif status is PlanStatus.GOING_REGULARLY:
            tried_on, regular_since = tried_on or on, regular_since or on
        return PlanItem(
            self.activity_id,
            self.activity_name,
            status,
            reason,
            self.note if note is None else note,
            on,
            tried_on,
            regular_since,
            self.terms if terms is None else terms,
            self.companion,
        )


@dataclass(frozen=True, slots=True)
class ActivityFlag:
    """A directory entry a follow-up found wrong. Deliberately says nothing about who."""

    activity_id: str
    reason: StopReason
    flagged_on: dt.date
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Uptake:
    """How one activity went for the people planned to it: counts only, no one named."""

    activity_id: str
    planned: int = 0
    tried: int = 0
    kept_going: int = 0  # ever went regularly
    going_now: int = 0
    stopped: int = 0
    reasons: tuple[tuple[StopReason, int], ...] = ()


# Outcomes -----------------------------------------------------------------------------------

# Short labels of the free-to-use measures (the ONS-recommended loneliness pair and ONS4),
# for forms and charts. No licensed scale text is kept here.
UCLA_ITEMS = ("Lack companionship", "Feel left out", "Feel isolated from others")
UCLA_ANSWERS = {1: "Hardly ever", 2: "Some of the time", 3: "Often"}
ONS4_ITEMS = ("Life satisfaction", "Worthwhile", "Happy yesterday", "Anxious yesterday")
# Belonging (issue 16, item 6): DOMAIN.md names no measure, so one question on a 4-point scale
# in the style of the Community Life Survey's belonging item (free to use); higher is better.
BELONGING_QUESTION = "How much do you feel you belong to your local community?"
BELONGING_ANSWERS = {1: "Not at all", 2: "Not very much", 3: "Quite a lot", 4: "Very much"}


class LonelyHowOften(StrEnum):
    """The ONS direct question, "How often do you feel lonely?", in its five answers."""

    OFTEN_ALWAYS = "often_always"
    SOME_OF_THE_TIME = "some_of_the_time"
    OCCASIONALLY = "occasionally"
    HARDLY_EVER = "hardly_ever"
    NEVER = "never"

    @property
    def label(self) -> str:
        return _LONELY_LABELS[self]


_LONELY_LABELS = {
    LonelyHowOften.OFTEN_ALWAYS: "Often or always",
    LonelyHowOften.SOME_OF_THE_TIME: "Some of the time",
    LonelyHowOften.OCCASIONALLY: "Occasionally",
    LonelyHowOften.HARDLY_EVER: "Hardly ever",
    LonelyHowOften.NEVER: "Never",
}


@dataclass(frozen=True, slots=True)
class OutcomeRecord:
    """Measures taken on one day; a question the person chose not to answer is None."""

    on: dt.date
    ucla: tuple[int | None, int | None, int | None] = (None, None, None)
    lonely: LonelyHowOften | None = None
    ons4: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None)
    belonging: int | None = None  # a key of BELONGING_ANSWERS, 1 (not at all) to 4

    def __post_init__(self) -> None:
        if len(self.ucla) != 3 or len(self.ons4) != 4:
            raise ValueError("UCLA has three items and ONS4 has four.")
        if self.belonging is not None and self.belonging not in BELONGING_ANSWERS:
            raise ValueError(f"Belonging: an answer is 1, 2, 3 or 4, not {self.belonging}.")
        for label, score in zip(UCLA_ITEMS, self.ucla, strict=True):
            if score is not None and score not in (1, 2, 3):
                raise ValueError(f"{label}: a UCLA answer is 1, 2 or 3, not {score}.")
        for label, score in zip(ONS4_ITEMS, self.ons4, strict=True):
            if score is not None and not (isinstance(score, int) and 0 <= score <= 10):
                raise ValueError(f"{label}: an ONS4 answer is a whole number 0 to 10, not {score}.")

    @property
    def ucla_total(self) -> int | None:
        """3 (least lonely) to 9; None unless all three items were answered."""
        if any(score is None for score in self.ucla):
            return None
        return sum(score for score in self.ucla if score is not None)


# The record ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRecord:
    reference: str
    opened_on: dt.date
    profile: Profile = field(default_factory=Profile)
    goals: tuple[Goal, ...] = ()
    contacts: tuple[Contact, ...] = ()
    network: tuple[NetworkSnapshot, ...] = ()  # oldest first
    plan: tuple[PlanItem, ...] = ()
    outcomes: tuple[OutcomeRecord, ...] = ()  # oldest first
    review_due: dt.date | None = None
    closed_on: dt.date | None = None
    referral: Referral | None = None

    def __post_init__(self) -> None:
        check_reference(self.reference)

    def plan_item(self, activity_id: str) -> PlanItem | None:
        return next((p for p in self.plan if p.activity_id == activity_id), None)


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """One line of the people list."""

    reference: str
    opened_on: dt.date
    review_due: dt.date | None
    closed_on: dt.date | None


class AuditAction(StrEnum):
    CREATE = "create"
    CHANGE = "change"
    EXPORT = "export"
    ERASE = "erase"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Who did what to which record, and when. `reference` is None once a record is erased:
    the log keeps only a random key that nothing else in the store links to a person."""

    at: dt.datetime  # UTC
    worker: str
    action: AuditAction
    record_key: str
    detail: str
    reference: str | None = None
