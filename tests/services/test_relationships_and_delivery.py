"""Relationships from the network map over time, and how fully the model was delivered
(issue 16, items 6 and 7). Pure services: no Qt, no store."""

from __future__ import annotations

import datetime as dt

from navigator.domain.people import (
    Companion,
    Contact,
    ContactKind,
    Goal,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PlanItem,
    PlanStatus,
    Relationship,
    Support,
)
from navigator.domain.profile import Profile
from navigator.services.model_delivery import Step, StepState, model_delivery
from navigator.services.relationships import relationships_over_time

D1, D2, D3, D4 = (
    dt.date(2026, 3, 3),
    dt.date(2026, 4, 7),
    dt.date(2026, 6, 1),
    dt.date(2026, 9, 1),
)


def member(
    alias: str,
    circle: int,
    relationship: Relationship | None = None,
    *support: Support,
    kind: MemberKind = MemberKind.PERSON,
) -> NetworkMember:
    return NetworkMember(alias, kind, circle, relationship, None, tuple(support))


FIRST_MAP = NetworkSnapshot(
    D1,
    (
        member("care coordinator", 1, Relationship.PROFESSIONAL, Support.PRACTICAL),
        member("sister", 1, Relationship.FAMILY, Support.EMOTIONAL),
        member("GP", 2, Relationship.PROFESSIONAL, Support.INFORMATION),
    ),
)
LATER_MAP = NetworkSnapshot(
    D3,
    (
        *FIRST_MAP.members,
        member("A. from choir", 1, Relationship.FRIEND, Support.COMPANY, Support.EMOTIONAL),
        member("choir", 2, None, Support.COMPANY, kind=MemberKind.GROUP),
        member("neighbour", 3, Relationship.NEIGHBOUR, Support.PRACTICAL),
    ),
)


def test_each_map_gives_its_inner_circle_share_of_non_professionals_and_support() -> None:
    first, later = relationships_over_time([LATER_MAP, FIRST_MAP])  # any order in
    assert (first.on, later.on) == (D1, D3)
    assert (first.inner_circle, later.inner_circle) == (2, 3)
    # Ties are people: the choir group is not one. 1 of 3 people, then 3 of 5, not workers.
    assert (first.people, first.not_professional) == (3, 1)
    assert (later.people, later.not_professional) == (5, 3)
    assert later.share_not_professional == 0.6
    assert first.support_count(Support.COMPANY) == 0
    assert later.support_count(Support.COMPANY) == 2  # the friend and the group
    assert later.support_count(Support.EMOTIONAL) == 2
    assert [kind for kind, _ in later.support] == list(Support)


def test_a_map_with_no_people_has_no_share() -> None:
    [point] = relationships_over_time(
        [NetworkSnapshot(D1, (member("library", 2, kind=MemberKind.PLACE),))]
    )
    assert point.people == 0 and point.share_not_professional is None


def record(**fields: object) -> PersonRecord:
    return PersonRecord("MD-01", D1, **fields)  # type: ignore[arg-type]


def test_an_empty_record_has_nothing_delivered() -> None:
    delivery = model_delivery(record())
    assert [s.step for s in delivery.steps] == list(Step)
    assert delivery.done_count == 0 and not delivery.complete
    assert all(s.state is StepState.NOT_YET and s.on is None for s in delivery.steps)


def test_every_step_with_its_date_where_the_record_keeps_one() -> None:
    shed = PlanItem(
        "shed",
        "Men's shed",
        PlanStatus.TRIED,
        tried_on=D2,
        companion=Companion("sister", "Tuesday"),
    )
    full = record(
        profile=Profile(strengths=("carpentry",)),
        goals=(Goal("get out twice a week"),),
        network=(
            NetworkSnapshot(D1 - dt.timedelta(days=1)),
            FIRST_MAP,
        ),  # an empty map is not drawn
        plan=(shed,),
        contacts=(Contact(D3, ContactKind.REVIEW),),
        outcomes=(OutcomeRecord(D1), OutcomeRecord(D4)),
        closed_on=D4,
    )
    delivery = model_delivery(full)
    assert delivery.complete and delivery.done_count == 6
    dates = {s.step: s.on for s in delivery.steps}
    assert dates == {
        Step.MAP: D1,
        Step.STRENGTHS: None,
        Step.GOALS: None,
        Step.FIRST_VISIT: D2,
        Step.REVIEW: D3,  # the review contact comes before the second measures
        Step.MOVING_ON: D4,
    }
    # As it stood on D2: the review and moving on had not happened yet.
    earlier = model_delivery(full, as_of=D2)
    assert not earlier.state(Step.REVIEW).done and not earlier.state(Step.MOVING_ON).done
    assert earlier.state(Step.FIRST_VISIT).done and earlier.done_count == 4


def test_a_companion_named_but_not_yet_gone_is_planned() -> None:
    item = PlanItem("shed", "Men's shed", companion=Companion("a volunteer"))
    assert model_delivery(record(plan=(item,))).state(Step.FIRST_VISIT).state is StepState.PLANNED


def test_trying_alone_is_not_a_supported_visit_but_going_along_is() -> None:
    alone = PlanItem("shed", "Men's shed", PlanStatus.TRIED, tried_on=D2)
    assert not model_delivery(record(plan=(alone,))).state(Step.FIRST_VISIT).done
    went = record(plan=(alone,), contacts=(Contact(D3, ContactKind.WENT_ALONG),))
    assert model_delivery(went).state(Step.FIRST_VISIT).on == D3


def test_a_second_set_of_measures_counts_as_a_review() -> None:
    measured = record(outcomes=(OutcomeRecord(D1), OutcomeRecord(D3)))
    assert model_delivery(measured).state(Step.REVIEW).on == D3
    assert not model_delivery(record(outcomes=(OutcomeRecord(D1),))).state(Step.REVIEW).done


def test_what_they_can_offer_counts_as_strengths() -> None:
    offered = record(profile=Profile(can_offer=("fixing bikes",)))
    assert model_delivery(offered).state(Step.STRENGTHS).done
