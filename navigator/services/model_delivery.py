"""How fully the Connecting People model was delivered for one person (issue 16, item 7).

The pilot found gains only where the whole model was delivered (DOMAIN.md), so each record
gets a checklist of its steps, read from what the record already holds (no extra typing):

- **Network map drawn**: a map was saved with someone or something on it (the first
  such map's date).
- **Strengths recorded**: the profile holds strengths or what they can offer (no date kept).
- **Goals set together**: the record has a goal (no date kept).
- **Supported first visit**: a planned activity was tried with someone named to go along,
  or a contact says the worker went along (the earliest).
- **Review done**: a review contact, or outcome measures taken a second time (the earliest).
- **Moving on**: the record was closed (the day it closed).

A companion named for an activity not yet tried makes the first visit *planned*, not done.
`as_of` reads the record as it stood on a day (for a report over a period): dated steps after
it are not yet done; strengths and goals keep no date, so they count when present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from navigator.domain.people import ContactKind, PersonRecord


class Step(StrEnum):
    MAP = "map"
    STRENGTHS = "strengths"
    GOALS = "goals"
    FIRST_VISIT = "first_visit"
    REVIEW = "review"
    MOVING_ON = "moving_on"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Step.MAP: "Network map drawn",
    Step.STRENGTHS: "Strengths recorded",
    Step.GOALS: "Goals set together",
    Step.FIRST_VISIT: "Supported first visit",
    Step.REVIEW: "Review done",
    Step.MOVING_ON: "Moving on",
}


class StepState(StrEnum):
    DONE = "done"
    PLANNED = "planned"  # someone is named to go along, but they have not been yet
    NOT_YET = "not_yet"


@dataclass(frozen=True, slots=True)
class DeliveredStep:
    step: Step
    state: StepState
    on: dt.date | None = None  # when it was done, where the record keeps a date

    @property
    def done(self) -> bool:
        return self.state is StepState.DONE


@dataclass(frozen=True, slots=True)
class ModelDelivery:
    steps: tuple[DeliveredStep, ...]  # in Step's order

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.steps)

    def state(self, step: Step) -> DeliveredStep:
        return next(s for s in self.steps if s.step is step)


def model_delivery(record: PersonRecord, as_of: dt.date | None = None) -> ModelDelivery:
    """The checklist for `record`, as it stood at the end of `as_of` (None: as it is now)."""

    def by(day: dt.date | None) -> bool:
        return day is not None and (as_of is None or day <= as_of)

    def dated(step: Step, days: list[dt.date]) -> DeliveredStep:
        kept = [d for d in days if by(d)]
        if kept:
            return DeliveredStep(step, StepState.DONE, min(kept))
        return DeliveredStep(step, StepState.NOT_YET)

    def present(step: Step, there: bool) -> DeliveredStep:
        return DeliveredStep(step, StepState.DONE if there else StepState.NOT_YET)

    went_along = [c.on for c in record.contacts if c.kind is ContactKind.WENT_ALONG]
    accompanied = [p for p in record.plan if p.companion is not None]
    first_visit = dated(
        Step.FIRST_VISIT, went_along + [p.tried_on for p in accompanied if p.tried_on is not None]
    )
    if not first_visit.done and accompanied:
        first_visit = DeliveredStep(Step.FIRST_VISIT, StepState.PLANNED)
    measured = sorted(o.on for o in record.outcomes)
    reviews = [c.on for c in record.contacts if c.kind is ContactKind.REVIEW] + measured[1:2]
    profile = record.profile
    return ModelDelivery(
        (
            dated(Step.MAP, [s.on for s in record.network if s.members]),
            present(Step.STRENGTHS, bool(profile.strengths or profile.can_offer)),
            present(Step.GOALS, bool(record.goals)),
            first_visit,
            dated(Step.REVIEW, reviews),
            dated(Step.MOVING_ON, [record.closed_on] if record.closed_on else []),
        )
    )
