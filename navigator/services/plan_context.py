"""Where suggestions stand in a person's plan, for "Match again" from a follow-up record.

When a worker reopens a record's profile in the Appointment tab, each suggestion says where it
stands in that person's plan ("Going regularly", "Tried, stopped: did not feel welcome"), and
activities the person stopped are left out unless the reason no longer holds.

The rule (docs/matching.md, "Matching again from a record"): each plan item keeps the
activity's price and times as the plan last saw them (`ActivityTerms`, recorded when it was
planned and at every status change). A stopped item comes back only when the directory now
shows that its reason has gone:

- stopped for the cost: it is now free, or the same kind of price (a session, a month ...)
  is now lower;
- stopped because the time did not suit, or the listed time was wrong: its times changed;
- stopped because it had closed: the entry has been checked since the day they stopped;
- any other reason (did not feel welcome, too far, other): never by itself. The worker can
  still find it in the Directory and put it back on the plan.

An item recorded before terms were kept (`terms` is None) cannot be compared, so it stays out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from navigator.domain.directory import Activity, Session, Status
from navigator.domain.people import ActivityTerms, PlanItem, PlanStatus, StopReason
from navigator.domain.profile import Profile
from navigator.services.agreed_budget import count_budget
from navigator.services.match_result import MatchOutcome, Price
from navigator.services.matching import DirectorySnapshot

__all__ = [
    "PlanContext",
    "ProfileMatcher",
    "Standing",
    "match_in_plan",
    "session_key",
    "terms_of",
    "why_back",
]

# How each stop reason reads after "stopped: ".
STOP_WORDS = {
    StopReason.COST: "the cost",
    StopReason.TIME: "the time did not suit",
    StopReason.WRONG_TIME: "the time listed was wrong",
    StopReason.NOT_WELCOME: "did not feel welcome",
    StopReason.TOO_FAR: "too far",
    StopReason.CLOSED: "it had closed",
    StopReason.OTHER: "another reason",
    StopReason.ANXIOUS: "felt anxious",
    StopReason.UNWELL: "was unwell",
    StopReason.NO_COMPANY: "nobody to go with",
    StopReason.FARE: "the fare",
}
STATUS_WORDS = {
    PlanStatus.SUGGESTED: "Suggested before",
    PlanStatus.AGREED: "On their plan: agreed to try",
    PlanStatus.TRIED: "On their plan: tried it",
    PlanStatus.GOING_REGULARLY: "On their plan: going regularly",
}


def session_key(session: Session) -> str:
    """A session in a few fixed words, to tell whether times changed: "tue 10:00-12:00",
    "mon 18:00-20:00 monthly 2"."""
    key = f"{session.day.value} {session.start:%H:%M}-{session.end:%H:%M}"
    if session.frequency.value != "weekly":
        key += f" {session.frequency.value}"
    if session.week_of_month is not None:
        key += f" {session.week_of_month}"
    return key


def terms_of(activity: Activity) -> ActivityTerms:
    """The activity's price and times now, as a plan item keeps them."""
    price = Price.of(activity.cost)
    amount = 0.0 if price.free else price.amount_gbp
    return ActivityTerms(amount, price.unit, tuple(sorted(map(session_key, activity.sessions))))


def why_back(item: PlanItem, activity: Activity) -> str | None:
    """Why a stopped item may be suggested again ("it is free now"), or None if its reason
    still holds (or cannot be told)."""
    if item.status is not PlanStatus.STOPPED or item.reason is None:
        return None
    if item.reason is StopReason.NO_COMPANY and item.companion is not None:
        return f"{item.companion.who} can go with them now"
    if item.terms is None:
        return None
    then, now = item.terms, terms_of(activity)
    match item.reason:
        case StopReason.COST:
            if now.amount_gbp == 0 and then.amount_gbp != 0:
                return "it is free now"
            if (
                now.amount_gbp is not None
                and then.amount_gbp is not None
                and now.unit == then.unit
                and now.amount_gbp < then.amount_gbp
            ):
                return "it costs less now"
        case StopReason.TIME | StopReason.WRONG_TIME:
            if now.sessions != then.sessions:
                return "its times have changed"
        case StopReason.CLOSED:
            checked = activity.last_verified
            if (
                activity.status is Status.ACTIVE
                and checked is not None
                and item.updated_on is not None
                and checked > item.updated_on
            ):
                return "it has been checked as running since"
    return None


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one activity stands in the person's plan, for its suggestion card."""

    activity_id: str
    status: PlanStatus
    text: str  # "On their plan: going regularly", "Tried, stopped: the cost (it is free now)"
    left_out: bool = False  # stopped, and the reason still holds: not suggested again


def standing_of(item: PlanItem, activity: Activity | None) -> Standing:
    if item.status is not PlanStatus.STOPPED:
        return Standing(item.activity_id, item.status, STATUS_WORDS[item.status])
    went = "Tried, stopped" if item.tried_on is not None else "Did not go"
    why = STOP_WORDS[item.reason or StopReason.OTHER]
    back = None if activity is None else why_back(item, activity)
    text = f"{went}: {why}" + (f" ({back})" if back else "")
    return Standing(item.activity_id, item.status, text, left_out=back is None)


@dataclass(frozen=True, slots=True)
class PlanContext:
    """A record's plan as suggestions see it: the standing of each planned activity."""

    reference: str
    standings: Mapping[str, Standing]

    @classmethod
    def of(
        cls,
        reference: str,
        plan: Sequence[PlanItem],
        activity: Callable[[str], Activity | None],
    ) -> PlanContext:
        """`activity` finds an activity in the directory now (None: no longer there)."""
        return cls(
            reference, {p.activity_id: standing_of(p, activity(p.activity_id)) for p in plan}
        )

    @property
    def left_out(self) -> frozenset[str]:
        return frozenset(i for i, s in self.standings.items() if s.left_out)

    def standing(self, activity_id: str) -> Standing | None:
        return self.standings.get(activity_id)

    def apply(self, outcome: MatchOutcome) -> MatchOutcome:
        """The outcome without the activities left out: suggestions (ranks renumbered),
        near misses and the also-nearby list."""
        gone = self.left_out
        if not gone:
            return outcome
        report = outcome.report
        kept = [s for s in report.results if s.id not in gone]
        results = tuple(dataclasses.replace(s, rank=n) for n, s in enumerate(kept, 1))
        report = dataclasses.replace(
            report,
            results=results,
            near_misses=tuple(m for m in report.near_misses if m.id not in gone),
            also_nearby=tuple(s for s in report.also_nearby if s.id not in gone),
        )
        return dataclasses.replace(outcome, report=report)


class ProfileMatcher(Protocol):
    """The match use case (`MatchService`); tests pass a fake."""

    def match_profile(
        self,
        profile: Profile,
        *,
        now: dt.datetime,
        top: int | None,
        snapshot: DirectorySnapshot | None,
    ) -> MatchOutcome: ...


def match_in_plan(
    matcher: ProfileMatcher,
    profile: Profile,
    *,
    now: dt.datetime,
    top: int | None,
    snapshot: DirectorySnapshot,
    plan: Sequence[PlanItem] = (),
    reference: str | None = None,
) -> tuple[MatchOutcome, PlanContext | None]:
    """The appointment's match: ranked, a budget agreed with the person counted for near
    misses, and, when matching again from a record (`plan` and its `reference`, which the
    profile still has), placed in that plan."""
    outcome = count_budget(
        matcher.match_profile(profile, now=now, top=top, snapshot=snapshot), profile
    )
    if not plan or reference is None or profile.reference != reference:
        return outcome, None
    context = PlanContext.of(reference, plan, snapshot.find)
    return context.apply(outcome), context
