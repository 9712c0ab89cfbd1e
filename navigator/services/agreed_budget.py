"""A budget agreed with the person counts for near misses on cost (issue 16).

Community Navigator workers can agree a small budget towards costs (DOMAIN.md). The person's
own cost limit stays a hard rule: an activity over it is still not a suggestion. But a near
miss that fails only on cost, priced by the session, and within the limit plus the budget
agreed (`Profile.agreed_budget_gbp`, £ a session) says so, and comes first among the near
misses on cost: it is the one to talk about.
"""

from __future__ import annotations

import dataclasses

from navigator.domain.directory import CostUnit
from navigator.domain.matches import NearMiss
from navigator.domain.profile import Profile
from navigator.domain.wording import money
from navigator.services.match_result import MatchOutcome

__all__ = ["COST", "count_budget"]

COST = "max_cost_gbp"


def count_budget(outcome: MatchOutcome, profile: Profile) -> MatchOutcome:
    """The outcome with near misses on cost that the agreed budget covers marked and first
    among those on cost; unchanged without a budget or a cost limit."""
    budget, limit = profile.agreed_budget_gbp, profile.max_cost_gbp
    if not budget or limit is None:
        return outcome
    misses = list(outcome.report.near_misses)
    covered = {m.id for m in misses if _covered(outcome, m, limit + budget)}
    if not covered:
        return outcome
    note = f"within the {money(budget)} a session budget agreed with them"
    marked = [
        dataclasses.replace(m, detail=f"{m.detail}; {note}") if m.id in covered else m
        for m in misses
    ]
    # Within the run of cost near misses (the engine groups by what was missed), covered first.
    spots = [i for i, m in enumerate(marked) if m.group == COST]
    run = sorted((marked[i] for i in spots), key=lambda m: m.id not in covered)
    for i, miss in zip(spots, run, strict=True):
        marked[i] = miss
    report = dataclasses.replace(outcome.report, near_misses=tuple(marked))
    return dataclasses.replace(outcome, report=report)


def _covered(outcome: MatchOutcome, miss: NearMiss, within: float) -> bool:
    price = outcome.prices.get(miss.id)
    return (
        miss.failed == (COST,)
        and price is not None
        and price.unit is CostUnit.SESSION
        and price.amount_gbp is not None
        and price.amount_gbp <= within
    )
