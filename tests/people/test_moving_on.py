"""The moving-on summary: needs, support offered with the SNOMED CT code, outcomes; no notes."""

from __future__ import annotations

import datetime as dt

from navigator.domain.directory import Delivery
from navigator.domain.people import (
    Contact,
    ContactKind,
    Goal,
    GoalStatus,
    LonelyHowOften,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PlanStatus,
    Referral,
    ReferralKind,
    StopReason,
    Timeframe,
)
from navigator.domain.profile import Preference, Profile, Setting
from navigator.services.people import PeopleService
from tests.people.conftest import TODAY, Clock

LATER = TODAY + dt.timedelta(days=90)


def test_the_summary_covers_needs_support_and_outcomes(
    service: PeopleService, clock: Clock
) -> None:
    profile = Profile(
        reference="AB-0042",
        interests=("gardening",),
        goals=("meet_people",),
        max_cost_gbp=0,
        needs_step_free=True,
        delivery=(Delivery.IN_PERSON,),
        setting=Setting.AVOID_MENTAL_HEALTH,
        prefers=(Preference.DAYTIME,),
    )
    service.create_from_profile(
        profile, plan=[("a1", "Parkside Allotment"), ("a2", "Knit and Natter"), ("a3", "Choir")]
    )
    ref = "AB-0042"
    service.set_referral(ref, Referral(ReferralKind.REFERRED, TODAY))
    service.set_goals(
        ref, [Goal("Get out of the flat twice a week", Timeframe.WEEKS, GoalStatus.ACHIEVED)]
    )
    service.add_contact(ref, Contact(TODAY, ContactKind.APPOINTMENT, note="private note"))
    service.add_contact(ref, Contact(TODAY, ContactKind.WENT_ALONG))
    service.record_network(ref, NetworkSnapshot(TODAY, (NetworkMember("sister", circle=1),)))
    service.record_network(
        ref,
        NetworkSnapshot(
            LATER,
            (
                NetworkMember("sister", circle=1),
                NetworkMember("allotment group", circle=2),
                NetworkMember("A. from church", circle=3),
            ),
        ),
    )
    service.set_plan_status(ref, "a1", PlanStatus.GOING_REGULARLY, on=TODAY)
    service.set_plan_status(ref, "a2", PlanStatus.TRIED, on=TODAY)
    service.set_plan_status(ref, "a2", PlanStatus.STOPPED, reason=StopReason.CLOSED, on=LATER)
    service.set_plan_status(
        ref, "a3", PlanStatus.STOPPED, reason=StopReason.COST, on=LATER, note="another private note"
    )
    service.record_outcome(
        ref, OutcomeRecord(TODAY, (3, 3, 2), LonelyHowOften.OFTEN_ALWAYS, (2, 3, 4, 8))
    )
    service.record_outcome(
        ref, OutcomeRecord(LATER, (2, 1, 1), LonelyHowOften.OCCASIONALLY, (6, 6, 7, None))
    )
    clock.advance(91)

    text = service.moving_on_summary(ref)

    assert text.splitlines()[:2] == [
        "Record summary for AB-0042",
        "Prepared on 31 August 2026 by Sam Worker. Support from 1 June 2026 to 31 August "
        "2026; 2 contacts.",
    ]
    for line in [
        '- In their own words: "Get out of the flat twice a week" (in the next few weeks; '
        "achieved)",
        "- Interests: gardening",
        "- What helps them take part: free activities; step-free access; taking part in "
        "person; settings that are not only for mental health; daytime",
        "- Referral to social prescribing service (SNOMED CT 871731000000106), 1 June 2026.",
        "- Parkside Allotment: going regularly since 1 June 2026",
        "- Knit and Natter: stopped (it had closed), 30 August 2026",
        "- Choir: did not go (the cost), 30 August 2026",
        "- Went along with them to an activity once.",
        "- Network map (people, groups, places and activities): 1 on 1 June 2026, 3 on "
        "30 August 2026.",
        "- UCLA 3-item loneliness score (3 to 9, higher is lonelier): 8 on 1 June 2026, 4 on "
        "30 August 2026",
        '- "How often do you feel lonely?": Often or always on 1 June 2026, Occasionally on '
        "30 August 2026",
        "- ONS4 life satisfaction (0 to 10): 2 on 1 June 2026, 6 on 30 August 2026",
        "- ONS4 anxious yesterday (0 to 10): 8 on 1 June 2026, not answered on 30 August 2026",
    ]:
        assert line in text.splitlines(), line
    assert "Goals: Make friends" in text
    assert "private note" not in text  # notes were written for the worker, not the next service
    assert service.audit_log()[-1].detail == "moving-on summary"


def test_a_declined_referral_has_its_own_code_and_an_empty_record_says_so(
    service: PeopleService,
) -> None:
    service.create_from_profile(Profile(), reference="EF-1")
    service.set_referral("EF-1", Referral(ReferralKind.DECLINED, TODAY))
    text = service.moving_on_summary("EF-1")
    assert (
        "- Social prescribing declined (SNOMED CT 871711000000103), 1 June 2026."
        in text.splitlines()
    )
    assert "Outcomes\n- None recorded." in text
    assert "What mattered to them\n- Nothing recorded." in text
