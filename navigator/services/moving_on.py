"""The moving-on summary: plain text for the organisation's own case record.

Needs (what mattered to the person), support offered (the referral with its SNOMED CT code,
the activities and how each went, the network map over time) and outcomes (first and latest
scores). Notes are left out: the summary travels, and a note was written for the worker.
"""

from __future__ import annotations

import datetime as dt

from navigator.domain.directory import Delivery
from navigator.domain.people import (
    ONS4_ITEMS,
    ContactKind,
    GoalStatus,
    OutcomeRecord,
    PersonRecord,
    PlanItem,
    PlanStatus,
    ReferralKind,
    StopReason,
    Timeframe,
)
from navigator.domain.profile import Preference, Profile, Setting
from navigator.domain.taxonomy import goal_label
from navigator.domain.wording import LANGUAGE_NAMES, day_month_year, money

_TIMEFRAMES = {
    Timeframe.WEEKS: "in the next few weeks",
    Timeframe.MONTHS: "in the next few months",
    Timeframe.LONGER: "longer term",
}
_GOAL_STATUS = {
    GoalStatus.NOT_STARTED: "not started",
    GoalStatus.WORKING_ON: "working on it",
    GoalStatus.ACHIEVED: "achieved",
    GoalStatus.SET_ASIDE: "set aside",
}
_PLAN_STATUS = {
    PlanStatus.SUGGESTED: "suggested",
    PlanStatus.AGREED: "agreed to try",
    PlanStatus.TRIED: "tried it",
    PlanStatus.GOING_REGULARLY: "going regularly",
    PlanStatus.STOPPED: "stopped",
}
_REASONS = {
    StopReason.COST: "the cost",
    StopReason.TIME: "the time did not suit",
    StopReason.WRONG_TIME: "the listed time was wrong",
    StopReason.NOT_WELCOME: "did not feel welcome",
    StopReason.TOO_FAR: "too far",
    StopReason.CLOSED: "it had closed",
    StopReason.OTHER: "another reason",
    StopReason.ANXIOUS: "felt anxious",
    StopReason.UNWELL: "was unwell",
    StopReason.NO_COMPANY: "nobody to go with",
    StopReason.FARE: "the fare",
}
_PREFERS = {
    Preference.DROP_IN: "just turning up",
    Preference.SMALL_GROUP: "small groups",
    Preference.BRING_SOMEONE: "bringing someone along",
    Preference.BEGINNERS: "beginners welcome",
    Preference.PEER_LED: "peer-led",
    Preference.DAYTIME: "daytime",
}


def day(d: dt.date) -> str:
    """3 March 2026."""
    return day_month_year(d)


def moving_on_text(record: PersonRecord, *, today: dt.date, worker: str) -> str:
    end = record.closed_on or today
    contacts = len(record.contacts)
    lines = [
        f"Record summary for {record.reference}",
        f"Prepared on {day(today)} by {worker}. Support from {day(record.opened_on)} to "
        f"{day(end)}; {contacts} contact{'' if contacts == 1 else 's'}.",
        "",
        "What mattered to them",
        *_needs(record),
        "",
        "Support offered",
        *_support(record),
        "",
        "Outcomes",
        *_outcomes(record.outcomes),
    ]
    return "\n".join(lines) + "\n"


def _needs(record: PersonRecord) -> list[str]:
    out = [
        f'- In their own words: "{g.text}" ({_TIMEFRAMES[g.timeframe]}; {_GOAL_STATUS[g.status]})'
        for g in record.goals
    ]
    profile = record.profile
    if profile.goals:
        out.append("- Goals: " + "; ".join(goal_label(g) for g in profile.goals))
    if profile.interests:
        out.append("- Interests: " + ", ".join(profile.interests))
    barriers = _barriers(profile)
    if barriers:
        out.append("- What helps them take part: " + "; ".join(barriers))
    return out or ["- Nothing recorded."]


def _barriers(p: Profile) -> list[str]:
    out = []
    if p.max_cost_gbp is not None:
        out.append(
            "free activities" if p.max_cost_gbp == 0 else f"up to {money(p.max_cost_gbp)} a session"
        )
    if p.max_distance_km is not None:
        out.append(f"within {p.max_distance_km:g} km")
    if p.needs_step_free:
        out.append("step-free access")
    if set(p.delivery) != set(Delivery):
        out.append("taking part " + " or ".join(d.value.replace("_", " ") for d in p.delivery))
    if p.setting is Setting.AVOID_MENTAL_HEALTH:
        out.append("settings that are not only for mental health")
    elif p.setting in (Setting.PREFER_MENTAL_HEALTH, Setting.ONLY_MENTAL_HEALTH):
        out.append("settings for people with lived experience of mental health problems")
    if tuple(p.languages) != ("en",):
        out.append("in " + " or ".join(LANGUAGE_NAMES.get(c, c) for c in p.languages))
    out.extend(_PREFERS[pref] for pref in p.prefers)
    return out


def _support(record: PersonRecord) -> list[str]:
    out = []
    if record.referral is not None:
        what = (
            "Referral to social prescribing service"
            if record.referral.kind is ReferralKind.REFERRED
            else "Social prescribing declined"
        )
        out.append(
            f"- {what} (SNOMED CT {record.referral.kind.snomed_ct}), {day(record.referral.on)}."
        )
    out.extend(f"- {_plan_line(item)}" for item in record.plan)
    went_along = sum(1 for c in record.contacts if c.kind is ContactKind.WENT_ALONG)
    if went_along:
        out.append(f"- Went along with them to an activity {_times(went_along)}.")
    if record.network:
        first, last = record.network[0], record.network[-1]
        sizes = f"{first.size} on {day(first.on)}"
        if last is not first:
            sizes += f", {last.size} on {day(last.on)}"
        out.append(f"- Network map (people, groups, places and activities): {sizes}.")
    return out or ["- Nothing recorded."]


def _plan_line(item: PlanItem) -> str:
    status = _PLAN_STATUS[item.status]
    if item.status is PlanStatus.GOING_REGULARLY and item.regular_since:
        status += f" since {day(item.regular_since)}"
    elif item.status is PlanStatus.STOPPED:
        went = "stopped" if item.tried_on else "did not go"
        status = went + (f" ({_REASONS[item.reason]})" if item.reason else "")
        if item.updated_on:
            status += f", {day(item.updated_on)}"
    return f"{item.activity_name}: {status}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _outcomes(outcomes: tuple[OutcomeRecord, ...]) -> list[str]:
    if not outcomes:
        return ["- None recorded."]
    first, last = outcomes[0], outcomes[-1]
    pair = last is not first

    def change(a: object, b: object) -> str:
        if not pair:
            return f"{a} on {day(first.on)}"
        return f"{a} on {day(first.on)}, {b} on {day(last.on)}"

    out = []
    if first.ucla_total is not None or last.ucla_total is not None:
        out.append(
            "- UCLA 3-item loneliness score (3 to 9, higher is lonelier): "
            + change(_or_dash(first.ucla_total), _or_dash(last.ucla_total))
        )
    if first.lonely or last.lonely:
        out.append(
            '- "How often do you feel lonely?": '
            + change(
                first.lonely.label if first.lonely else "not answered",
                last.lonely.label if last.lonely else "not answered",
            )
        )
    for i, label in enumerate(ONS4_ITEMS):
        if first.ons4[i] is not None or last.ons4[i] is not None:
            out.append(
                f"- ONS4 {label.lower()} (0 to 10): "
                + change(_or_dash(first.ons4[i]), _or_dash(last.ons4[i]))
            )
    return out or ["- None recorded."]


def _or_dash(value: int | None) -> str:
    return "not answered" if value is None else str(value)
