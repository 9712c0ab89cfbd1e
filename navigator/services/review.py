"""The review queue: directory entries that need a prescriber to check them.

A stale directory is how this work fails (DOMAIN.md), so the queue lists, most urgent first:
entries workers reported a problem with, or a follow-up found closed or at the wrong time;
entries where Navigator guessed who may go (women only, a mental-health group ...: a wrong
guess shuts people out); entries nobody has ever checked; entries where Navigator guessed
something else (categories, cost, step-free access); entries not checked for longer than the
chosen period (six months unless set otherwise), oldest first; and paused entries (has it
started again?). Archived entries are left alone.

Guesses are settled here too: `GuessReview.settle` confirms or corrects an entry's guessed
fields and saves through the store's version check, so someone else's newer save is never
overwritten; `GuessReview.undo` puts the entry back as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from navigator.domain.directory import Activity, Cost, CostUnit, Gender, Status, Venue
from navigator.domain.people import ActivityFlag
from navigator.domain.reports import FOUND_AT_FOLLOW_UP, ProblemReport
from navigator.domain.taxonomy import CATEGORY_IDS, category_label
from navigator.domain.wording import (
    describe_flag,
    describe_languages,
    money,
    month_year,
)
from navigator.store.repository import ConflictError, VersionedActivity

DEFAULT_STALE_MONTHS = 6

# Urgency, most urgent first.
REPORTED, GUESSED_WHO_MAY_GO, NEVER_CHECKED, GUESSED, STALE, PAUSED = range(6)

# Guessed fields that decide who may go at all: a wrong guess excludes people (or sends them
# somewhere they may not go), so these come before other guesses, in this order.
WHO_MAY_GO = ("gender", "mental_health_specific", "age", "with_child", "for_learners_of")
# The rest, in the order a prescriber reads them.
OTHER_GUESSES = ("categories", "cost", "venue.step_free", "venue.position")
# What each guessed field is called where a prescriber confirms it.
GUESS_LABELS = {
    "gender": "Who may attend",
    "mental_health_specific": "Mental-health group",
    "age": "Ages",
    "with_child": "With a young child",
    "for_learners_of": "Language class",
    "categories": "Categories",
    "cost": "Cost",
    "venue.step_free": "Step-free access",
    "venue.position": "Place on the map",
}


@dataclass(frozen=True, slots=True)
class Guess:
    """One field Navigator guessed on import, with its value in plain words."""

    field: str  # as in Activity.guessed: "gender", "venue.step_free" ...
    words: str  # "women only", "categories (Walking, Sport and fitness)"
    value: str = ""  # the value alone, where `words` names the field too: "near N7 6PA"

    @property
    def label(self) -> str:
        return GUESS_LABELS.get(self.field, self.field.replace("_", " ").replace(".", ": "))

    @property
    def decides_who_may_go(self) -> bool:
        return self.field in WHO_MAY_GO


@dataclass(frozen=True, slots=True)
class ReviewItem:
    activity: Activity
    reasons: tuple[str, ...]
    urgency: int  # 0 is most urgent: REPORTED ... PAUSED
    guesses: tuple[Guess, ...] = ()  # what Navigator guessed, who-may-go first


def review_queue(
    activities: Iterable[Activity],
    flags: Sequence[ActivityFlag],
    today: dt.date,
    *,
    reports: Sequence[ProblemReport] = (),
    stale_months: int = DEFAULT_STALE_MONTHS,
    demand: Mapping[str, int] | None = None,
) -> list[ReviewItem]:
    """The queue, most urgent first; within the same urgency, the entries people are sent to
    most (`demand`: how many were planned to each, counts only), then the longest unchecked."""
    demand = demand or {}
    stale_after = dt.timedelta(days=round(stale_months * 365.25 / 12))
    flagged: dict[str, list[str]] = {}
    # A follow-up's flag also went to the directory as a report: list it once, as the report.
    reported = {(r.activity_id, r.reported_on) for r in reports if r.note == FOUND_AT_FOLLOW_UP}
    for flag in flags:
        if (flag.activity_id, flag.flagged_on) not in reported:
            flagged.setdefault(flag.activity_id, []).append(describe_flag(flag))
    for report in reports:
        flagged.setdefault(report.activity_id, []).append(report.describe())
    items = []
    for activity in activities:
        if activity.status is Status.ARCHIVED:
            continue
        reasons, urgency = [], 9
        for text in flagged.get(activity.id, []):
            reasons.append(text)
            urgency = REPORTED
        guesses = guesses_of(activity)
        if guesses:
            reasons.append(describe_guesses(guesses))
            urgency = min(urgency, GUESSED_WHO_MAY_GO if guesses[0].decides_who_may_go else GUESSED)
        checked = activity.last_verified
        if checked is None:
            reasons.append("Never checked")
            urgency = min(urgency, NEVER_CHECKED)
        elif today - checked > stale_after:
            reasons.append(f"Not checked since {month_year(checked)}")
            urgency = min(urgency, STALE)
        if activity.status is Status.PAUSED:
            reasons.append("Paused: has it started again?")
            urgency = min(urgency, PAUSED)
        if reasons:
            items.append(ReviewItem(activity, tuple(reasons), urgency, guesses))
    items.sort(
        key=lambda item: (
            item.urgency,
            -demand.get(item.activity.id, 0),
            item.activity.last_verified or dt.date.min,
            item.activity.name.casefold(),
        )
    )
    return items


# Guesses in plain words -------------------------------------------------------------------------


def guesses_of(activity: Activity) -> tuple[Guess, ...]:
    """The activity's guessed fields in words, those deciding who may go first."""
    order = {field: index for index, field in enumerate(WHO_MAY_GO + OTHER_GUESSES)}
    fields = sorted(dict.fromkeys(activity.guessed), key=lambda f: order.get(f, len(order)))
    return tuple(
        Guess(field, guess_words(activity, field), _value_words(activity, field))
        for field in fields
    )


def _value_words(activity: Activity, field: str) -> str:
    if field == "categories":
        return ", ".join(category_label(c) for c in activity.categories)
    if field == "venue.position":
        venue = activity.venue or Venue()
        if not venue.has_position:
            return "not placed"
        return f"near {venue.postcode}" if venue.postcode else "placed (no postcode)"
    return guess_words(activity, field)


def describe_guesses(guesses: Sequence[Guess]) -> str:
    """ "Guessed by Navigator: women only, mental-health group, categories (Walking)"."""
    return "Guessed by Navigator: " + ", ".join(guess.words for guess in guesses)


def guess_words(activity: Activity, field: str) -> str:
    """What Navigator guessed for `field`, as a phrase for the review list."""
    venue = activity.venue or Venue()
    if field == "categories":
        return f"categories ({', '.join(category_label(c) for c in activity.categories)})"
    if field == "gender":
        return {Gender.WOMEN: "women only", Gender.MEN: "men only", Gender.ANY: "open to anyone"}[
            activity.gender
        ]
    if field == "mental_health_specific":
        return (
            "mental-health group"
            if activity.mental_health_specific
            else "not a mental-health group"
        )
    if field == "cost":
        return cost_words(activity.cost)
    if field == "venue.step_free":
        return {True: "step-free", False: "not step-free", None: "step-free access not known"}[
            venue.step_free
        ]
    if field == "venue.position":
        near = f" near {venue.postcode}" if venue.postcode else ""
        return f"place on the map{near}" if venue.has_position else "no place on the map"
    if field == "for_learners_of":
        return (
            f"for people learning {describe_languages(activity.for_learners_of)}"
            if activity.for_learners_of
            else "not a language class"
        )
    if field == "with_child":
        return (
            "for a young child with a parent or carer"
            if activity.with_child
            else "not for young children with a parent"
        )
    if field == "age":
        return age_words(activity.age_min, activity.age_max)
    return field.replace("_", " ").replace(".", ": ")


def age_words(low: int | None, high: int | None) -> str:
    """ "ages 5 to 11", "ages 18 and over", "ages up to 4" or "any age"."""
    if low is not None and high is not None:
        return f"ages {low} to {high}"
    if low is not None:
        return f"ages {low} and over"
    return f"ages up to {high}" if high is not None else "any age"


_UNIT_WORDS = {
    CostUnit.SESSION: "a session",
    CostUnit.HOUR: "an hour",
    CostUnit.WEEK: "a week",
    CostUnit.MONTH: "a month",
    CostUnit.TERM: "a term",
    CostUnit.YEAR: "a year",
    CostUnit.COURSE: "for the course",
    CostUnit.ONE_OFF: "paid once",
}


def cost_words(cost: Cost | None) -> str:
    """ "free", "£2 a session", "£5 a year" or "cost not known"."""
    if cost is None:
        return "cost not known"
    if cost.per_session_gbp == 0 or cost.amount_gbp == 0:
        return "free"
    if cost.per_session_gbp is not None:
        return f"{money(cost.per_session_gbp)} a session"
    if cost.amount_gbp is not None and cost.unit is not None:
        return f"{money(cost.amount_gbp)} {_UNIT_WORDS[cost.unit]}"
    return "cost not known"


# Confirming and correcting guesses --------------------------------------------------------------


class ActivityStore(Protocol):
    """What settling guesses needs of the directory store (DirectoryRepository has it)."""

    def get(self, activity_id: str) -> VersionedActivity | None: ...

    def save(self, activity: Activity, expected_version: int | None) -> int: ...


# A correction for each field that can be corrected in place; the value's type per field.
CORRECTABLE = (
    "categories",
    "gender",
    "mental_health_specific",
    "cost",
    "venue.step_free",
    "for_learners_of",
    "with_child",
)


@dataclass(frozen=True, slots=True)
class GuessDecision:
    """What confirming (or correcting) guesses saved, and what to put back to undo it."""

    before: Activity
    after: Activity
    version: int  # the stored version of `after`
    fields: tuple[str, ...]  # the guessed fields settled
    corrected: tuple[str, ...] = ()  # those among them given a new value

    def describe(self) -> str:
        confirmed = [f for f in self.fields if f not in self.corrected]
        parts = []
        if confirmed:
            parts.append(f"confirmed {_join([GUESS_LABELS.get(f, f).lower() for f in confirmed])}")
        if self.corrected:
            parts.append(
                "corrected " + _join([GUESS_LABELS.get(f, f).lower() for f in self.corrected])
            )
        return f"{self.after.name}: {' and '.join(parts)}."


class GuessReview:
    """Settle Navigator's guesses about directory entries, one entry at a time."""

    def __init__(self, store: ActivityStore) -> None:
        self._store = store

    def settle(
        self, seen: Activity, fields: Iterable[str], corrections: Mapping[str, Any] | None = None
    ) -> GuessDecision:
        """Confirm the guessed `fields` of the entry as the prescriber `seen` it, with the
        values in `corrections` (field -> value) put in first; each settled field leaves
        `guessed`. Raises ConflictError when the entry changed since it was seen (someone
        else saved it), ValueError for a correction that cannot be right; nothing is saved
        then."""
        corrections = dict(corrections or {})
        fields = tuple(dict.fromkeys([*fields, *corrections]))
        if not fields:
            raise ValueError(f"{seen.name}: there is no guess to confirm.")
        not_guessed = [GUESS_LABELS.get(f, f) for f in fields if f not in seen.guessed]
        if not_guessed:
            raise ValueError(
                f"{seen.name}: {_join(not_guessed)} "
                f"{'was' if len(not_guessed) == 1 else 'were'} not guessed."
            )
        after = seen
        for field, value in corrections.items():
            after = corrected(after, field, value)
        after = replace(after, guessed=tuple(f for f in seen.guessed if f not in fields))
        found = self._store.get(seen.id)
        if found is None:
            raise ConflictError(seen.id, 0, None)
        if found.activity != seen:  # saved by someone else since this list was loaded
            raise ConflictError(seen.id, found.version - 1, found.version)
        version = self._store.save(after, found.version)  # refused if saved meanwhile
        changed = tuple(f for f in corrections if corrected(seen, f, corrections[f]) != seen)
        return GuessDecision(seen, after, version, fields, changed)

    def undo(self, decision: GuessDecision) -> VersionedActivity:
        """Put the entry back as it was before `decision`, guesses and all. Raises
        ConflictError if anyone saved it since."""
        version = self._store.save(decision.before, decision.version)
        return VersionedActivity(decision.before, version)

    def latest(self, activity_id: str) -> VersionedActivity | None:
        return self._store.get(activity_id)


def corrected(activity: Activity, field: str, value: Any) -> Activity:
    """The activity with a prescriber's value for one guessable field. ValueError (with a
    sentence for the prescriber) when the value cannot be right for that field."""
    if field == "categories":
        categories = tuple(dict.fromkeys(value or ()))
        if not categories:
            raise ValueError("Choose at least one category.")
        unknown = [c for c in categories if c not in CATEGORY_IDS]
        if unknown:
            raise ValueError(f"{_join(unknown)} is not a category Navigator knows.")
        return replace(activity, categories=categories)
    if field == "gender":
        if value not in tuple(Gender):
            raise ValueError("Who may attend is anyone, women only or men only.")
        return replace(activity, gender=Gender(value))
    if field in ("mental_health_specific", "with_child"):
        if not isinstance(value, bool):
            raise ValueError(f"{GUESS_LABELS[field]} is yes or no.")
        if field == "with_child":
            return replace(activity, with_child=value)
        return replace(activity, mental_health_specific=value)
    if field == "cost":
        if value is not None and not isinstance(value, Cost):
            raise ValueError("A cost is free or not known.")
        return replace(activity, cost=value)
    if field == "venue.step_free":
        if value not in (True, False, None):
            raise ValueError("Step-free access is yes, no or not known.")
        return replace(activity, venue=replace(activity.venue or Venue(), step_free=value))
    if field == "for_learners_of":
        return replace(activity, for_learners_of=tuple(value or ()))
    raise ValueError(f"{GUESS_LABELS.get(field, field)} is changed in the editor (Edit…).")


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
