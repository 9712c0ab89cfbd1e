"""A new activity finds people: after the directory changes, match the saved profiles of open
records against the new and changed activities only, and say whom each might suit.

"That man I saw three months ago would have been great for this": after an import, a feed
sync's apply or an edit (any change that moves the directory on), the worker sees "New for 3
people you support", each person's reference with the activities and the reasons.

- What counts as new: an active activity that was not in the directory before, or was not
  active, or changed in anything matching reads (`changed_activities`). A new phone number or
  a fresh "last checked" date finds nobody.
- Whom it may suit: an open record whose saved profile names at least one interest (without
  one, everything that fits their needs would be "new for them"), for whom the activity is a
  suggestion (it breaks no need of theirs and matches an interest), and who does not already
  have it on their plan.
- Privacy: people's profiles are read from the people store on this computer and ranked in
  memory; nothing about a person is written anywhere, least of all to the directory
  (tests/privacy). The caller runs `PeopleService.open_records` on the database worker and
  `Rematch.run` on the computation worker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from navigator.domain.directory import Activity, Status
from navigator.domain.people import PersonRecord
from navigator.services.matching import DirectorySnapshot
from navigator.services.plan_context import ProfileMatcher

__all__ = ["Fit", "NewForPeople", "PersonNews", "Rematch", "changed_activities"]

# The best few new activities per person: enough to talk about at the next contact.
PER_PERSON = 3


@dataclass(frozen=True, slots=True)
class Fit:
    activity_id: str
    activity_name: str
    reasons: tuple[str, ...]  # the suggestion's reasons, as the Appointment tab gives them


@dataclass(frozen=True, slots=True)
class PersonNews:
    reference: str
    fits: tuple[Fit, ...]  # best first


@dataclass(frozen=True, slots=True)
class NewForPeople:
    people: tuple[PersonNews, ...]  # in the people list's order (by reference)
    activities: int  # how many new or changed activities were matched
    records: int  # how many open records were looked at

    @property
    def headline(self) -> str:
        """ "New for 3 people you support"; "Nothing new for the people you support"."""
        n = len(self.people)
        if n == 0:
            return "Nothing new for the people you support"
        return f"New for {n} {'person' if n == 1 else 'people'} you support"


def _matching_view(activity: Activity) -> Activity:
    """The activity without what matching never reads, so changes there find nobody."""
    return dataclasses.replace(
        activity,
        contact=type(activity.contact)(),
        last_verified=None,
        guessed=(),
        source=None,
    )


def changed_activities(before: Sequence[Activity], after: Sequence[Activity]) -> list[Activity]:
    """The active activities of `after` that are new since `before`, newly active, or changed
    in something matching reads."""
    old = {a.id: a for a in before}
    changed = []
    for activity in after:
        if activity.status is not Status.ACTIVE:
            continue
        was = old.get(activity.id)
        if (
            was is None
            or was.status is not Status.ACTIVE
            or (was != activity and _matching_view(was) != _matching_view(activity))
        ):
            changed.append(activity)
    return changed


class Rematch:
    def __init__(self, matcher: ProfileMatcher, *, per_person: int = PER_PERSON) -> None:
        self._matcher = matcher
        self._per_person = per_person

    def run(
        self,
        records: Sequence[PersonRecord],
        activities: Sequence[Activity],
        *,
        now: dt.datetime,
    ) -> NewForPeople:
        """Match each open record with interests against `activities` (the new and changed
        ones) alone."""
        looked_at = [r for r in records if r.closed_on is None]
        if not activities:
            return NewForPeople((), 0, len(looked_at))
        snapshot = DirectorySnapshot.build(list(activities))
        news = []
        for record in sorted(looked_at, key=lambda r: r.reference.casefold()):
            if not record.profile.interests:
                continue
            planned = {p.activity_id for p in record.plan}
            outcome = self._matcher.match_profile(
                record.profile, now=now, top=self._per_person + len(planned), snapshot=snapshot
            )
            fits = tuple(
                Fit(s.id, s.name, s.reasons) for s in outcome.report.results if s.id not in planned
            )[: self._per_person]
            if fits:
                news.append(PersonNews(record.reference, fits))
        return NewForPeople(tuple(news), len(activities), len(looked_at))
