"""The follow-up use cases: records from appointments, warnings before saving, the plan and
its directory flags, outcomes, reviews, uptake counts and the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from navigator.domain.identifiers import IdentifierKind
from navigator.domain.people import (
    AuditAction,
    Contact,
    ContactFrequency,
    ContactKind,
    Goal,
    GoalStatus,
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PlanStatus,
    Relationship,
    StopReason,
    Support,
    Timeframe,
)
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.services.people import (
    DuplicateReference,
    IdentifierWarning,
    PeopleService,
    UnknownPerson,
)
from tests.people.conftest import NOW, TODAY, Clock

PROFILE = Profile(
    reference="AB-0042",
    location=PostcodeLocation("N7 6PA"),
    interests=("gardening", "cooking"),
    goals=("meet_people",),
    max_cost_gbp=0,
)
PLAN = [("act-allotment", "Parkside Allotment"), ("act-choir", "Holloway Community Choir")]


def create(service: PeopleService, reference: str = "AB-0042") -> None:
    service.create_from_profile(PROFILE, reference=reference, plan=PLAN)


# Creating from an appointment ---------------------------------------------------------------


def test_a_record_is_created_from_an_appointment_profile(service: PeopleService) -> None:
    record = service.create_from_profile(PROFILE, plan=PLAN)
    assert record.reference == "AB-0042"
    assert record.opened_on == TODAY
    assert record.profile.interests == ("gardening", "cooking")
    assert [(p.activity_id, p.status) for p in record.plan] == [
        ("act-allotment", PlanStatus.AGREED),
        ("act-choir", PlanStatus.AGREED),
    ]
    assert [s.reference for s in service.people()] == ["AB-0042"]


def test_the_stored_location_is_coarse(service: PeopleService) -> None:
    record = service.create_from_profile(PROFILE)
    assert record.profile.location == PostcodeLocation("N7 6")  # the sector, not the address
    point = dataclasses.replace(PROFILE, location=LatLon(51.556123, -0.115987))
    assert service.create_from_profile(point, reference="CD-1").profile.location == LatLon(
        51.56, -0.12
    )


def test_a_reference_is_required_and_unique(service: PeopleService) -> None:
    with pytest.raises(ValueError, match="needs a reference"):
        service.create_from_profile(Profile())
    create(service)
    with pytest.raises(DuplicateReference, match="already has the reference 'AB-0042'"):
        create(service)
    with pytest.raises(UnknownPerson, match="no one with the reference 'XY-1'"):
        service.person("XY-1")


def test_free_text_is_kept_short(service: PeopleService) -> None:
    with pytest.raises(ValueError, match="at most 280 characters; this one has 281"):
        Goal("x" * 281)
    with pytest.raises(ValueError, match="An alias can be at most 60"):
        NetworkMember("y" * 61)
    with pytest.raises(ValueError, match="A reference can be at most 40"):
        service.create_from_profile(PROFILE, reference="r" * 41)


# Warnings before saving ---------------------------------------------------------------------


def test_identifiers_are_warned_about_and_nothing_is_saved_until_confirmed(
    service: PeopleService,
) -> None:
    create(service)
    goals = [Goal("Walk to the shops"), Goal("Text my nurse on 07700 900123")]
    assert [f.kind for f in service.check_text(goals[1].text)] == [IdentifierKind.PHONE]
    with pytest.raises(IdentifierWarning) as caught:
        service.set_goals("AB-0042", goals)
    assert [f.message for f in caught.value.findings] == [
        'goal 2: "07700 900123" looks like a phone number.'
    ]
    assert "phone number" in str(caught.value)
    assert service.person("AB-0042").goals == ()
    assert [e.detail for e in service.audit_log()] == ["created"]

    service.set_goals("AB-0042", goals, confirmed=True)
    assert service.person("AB-0042").goals == tuple(goals)
    assert service.audit_log()[-1].detail == "goals (saved after an identifier warning)"


@pytest.mark.parametrize(
    "save",
    [
        lambda s: s.add_contact("AB-0042", Contact(TODAY, note="email jo@example.com")),
        lambda s: s.record_network(
            "AB-0042", NetworkSnapshot(TODAY, (NetworkMember("943 476 5919"),))
        ),
        lambda s: s.set_plan_status("AB-0042", "act-choir", PlanStatus.TRIED, note="lives N7 6PA"),
        lambda s: s.save_profile("AB-0042", Profile(interests=("born 12/03/1985",))),
    ],
)
def test_every_free_text_field_is_screened(service: PeopleService, save: object) -> None:
    create(service)
    before = service.person("AB-0042")
    with pytest.raises(IdentifierWarning):
        save(service)  # type: ignore[operator]
    assert service.person("AB-0042") == before


def test_a_new_record_with_identifiers_in_its_interests_is_warned_about(
    service: PeopleService,
) -> None:
    profile = dataclasses.replace(PROFILE, interests=("ring 020 7946 0000",))
    with pytest.raises(IdentifierWarning):
        service.create_from_profile(profile)
    assert service.people() == []
    service.create_from_profile(profile, confirmed=True)
    assert service.audit_log()[0].detail == "created (saved after an identifier warning)"


# Contacts, goals, the network map ------------------------------------------------------------


def test_contacts_goals_and_network_snapshots_are_kept_in_order(service: PeopleService) -> None:
    create(service)
    service.add_contact("AB-0042", Contact(TODAY, ContactKind.APPOINTMENT))
    service.add_contact("AB-0042", Contact(TODAY - dt.timedelta(days=7), ContactKind.PHONE))
    goals = [
        Goal("Get out twice a week", Timeframe.WEEKS, GoalStatus.WORKING_ON),
        Goal("Join a choir", Timeframe.LONGER),
    ]
    service.set_goals("AB-0042", goals)
    sister = NetworkMember(
        "sister",
        MemberKind.PERSON,
        1,
        Relationship.FAMILY,
        ContactFrequency.WEEKLY,
        (Support.EMOTIONAL, Support.PRACTICAL),
        90.0,
    )
    later = TODAY + dt.timedelta(days=60)
    service.record_network(
        "AB-0042",
        NetworkSnapshot(
            later, (sister, NetworkMember("Parkside Allotment", MemberKind.ACTIVITY, 2))
        ),
    )
    service.record_network("AB-0042", NetworkSnapshot(TODAY, (NetworkMember("dog walker"),)))
    # A second save the same day replaces that day's map.
    service.record_network("AB-0042", NetworkSnapshot(TODAY, (sister,)))

    record = service.person("AB-0042")
    assert [c.kind for c in record.contacts] == [ContactKind.PHONE, ContactKind.APPOINTMENT]
    assert record.goals == tuple(goals)
    assert [(s.on, s.size) for s in record.network] == [(TODAY, 1), (later, 2)]
    assert record.network[0].members == (sister,)
    assert record.network[1].count(MemberKind.ACTIVITY, MemberKind.GROUP) == 1


def test_a_circle_outside_one_to_three_is_refused() -> None:
    with pytest.raises(ValueError, match="1 \\(closest\\), 2 or 3, not 4"):
        NetworkMember("friend", circle=4)


# The plan and the directory flags -----------------------------------------------------------


def test_plan_status_changes_keep_the_dates_uptake_needs(
    service: PeopleService, clock: Clock
) -> None:
    create(service)
    service.set_plan_status("AB-0042", "act-allotment", PlanStatus.TRIED)
    clock.advance(14)
    service.set_plan_status("AB-0042", "act-allotment", PlanStatus.GOING_REGULARLY)
    clock.advance(30)
    assert (
        service.set_plan_status(
            "AB-0042", "act-allotment", PlanStatus.STOPPED, reason=StopReason.COST, note="bus fare"
        )
        is None
    )
    item = service.person("AB-0042").plan_item("act-allotment")
    assert item is not None
    assert (item.status, item.reason, item.note) == (
        PlanStatus.STOPPED,
        StopReason.COST,
        "bus fare",
    )
    assert item.tried_on == TODAY
    assert item.regular_since == TODAY + dt.timedelta(days=14)
    assert item.updated_on == TODAY + dt.timedelta(days=44)


def test_stopping_needs_a_reason_and_only_stopping_has_one(service: PeopleService) -> None:
    create(service)
    with pytest.raises(ValueError, match="Say why they stopped"):
        service.set_plan_status("AB-0042", "act-choir", PlanStatus.STOPPED)
    with pytest.raises(ValueError, match="only recorded when someone stops"):
        service.set_plan_status("AB-0042", "act-choir", PlanStatus.TRIED, reason=StopReason.COST)
    with pytest.raises(LookupError, match="not on AB-0042's plan"):
        service.set_plan_status("AB-0042", "act-unknown", PlanStatus.TRIED)


@pytest.mark.parametrize("reason", [StopReason.CLOSED, StopReason.WRONG_TIME])
def test_closed_or_wrong_time_flags_the_activity_for_the_directory(
    service: PeopleService, reason: StopReason
) -> None:
    create(service)
    service.set_plan_status("AB-0042", "act-choir", PlanStatus.TRIED)
    flag = service.set_plan_status("AB-0042", "act-choir", PlanStatus.STOPPED, reason=reason)
    assert flag is not None and (flag.activity_id, flag.reason) == ("act-choir", reason)
    [queued] = service.flags_for_directory()
    assert (queued.activity_id, queued.reason, queued.flagged_on) == ("act-choir", reason, TODAY)
    # The flag names no one: its fields are the activity, the reason, the date and its id.
    assert [f.name for f in dataclasses.fields(queued)] == [
        "activity_id",
        "reason",
        "flagged_on",
        "id",
    ]
    assert service.resolve_flags("act-choir") == 1
    assert service.flags_for_directory() == []


@pytest.mark.parametrize(
    "reason",
    [
        StopReason.TIME,
        StopReason.COST,
        StopReason.NOT_WELCOME,
        StopReason.TOO_FAR,
        StopReason.OTHER,
    ],
)
def test_other_reasons_are_about_the_person_not_the_directory(
    service: PeopleService, reason: StopReason
) -> None:
    create(service)
    service.set_plan_status("AB-0042", "act-choir", PlanStatus.STOPPED, reason=reason)
    assert service.flags_for_directory() == []


def test_the_flags_table_has_no_link_to_a_person(service: PeopleService, store_path: Path) -> None:
    with sqlite3.connect(store_path) as connection:
        columns = [r[1] for r in connection.execute("pragma table_info(activity_flags)")]
        links = connection.execute("pragma foreign_key_list(activity_flags)").fetchall()
    connection.close()
    assert columns == ["id", "activity_id", "reason", "flagged_on", "resolved_on"]
    assert links == []


def test_uptake_counts_people_who_tried_and_kept_going(service: PeopleService) -> None:
    for ref in ("P-1", "P-2", "P-3", "P-4"):
        create(service, ref)
    service.set_plan_status("P-1", "act-allotment", PlanStatus.GOING_REGULARLY)
    service.set_plan_status("P-2", "act-allotment", PlanStatus.TRIED)
    service.set_plan_status(
        "P-2", "act-allotment", PlanStatus.STOPPED, reason=StopReason.NOT_WELCOME
    )
    service.set_plan_status("P-3", "act-allotment", PlanStatus.GOING_REGULARLY)
    service.set_plan_status("P-3", "act-allotment", PlanStatus.STOPPED, reason=StopReason.CLOSED)
    service.set_plan_status("P-4", "act-allotment", PlanStatus.STOPPED, reason=StopReason.TOO_FAR)
    service.add_to_plan("P-4", "act-cafe", "Recovery Cafe")

    allotment = service.uptake_for("act-allotment")
    assert (
        allotment.planned,
        allotment.tried,
        allotment.kept_going,
        allotment.going_now,
        allotment.stopped,
    ) == (4, 3, 2, 1, 3)
    assert dict(allotment.reasons) == {
        StopReason.CLOSED: 1,
        StopReason.NOT_WELCOME: 1,
        StopReason.TOO_FAR: 1,
    }
    choir = service.uptake_for("act-choir")
    assert (choir.planned, choir.tried, choir.kept_going) == (4, 0, 0)
    assert service.uptake_for("act-never-planned").planned == 0
    assert [u.activity_id for u in service.uptake()] == ["act-allotment", "act-cafe", "act-choir"]


def test_going_back_to_agreed_corrects_the_uptake(service: PeopleService) -> None:
    create(service)
    service.set_plan_status("AB-0042", "act-choir", PlanStatus.GOING_REGULARLY)
    service.set_plan_status("AB-0042", "act-choir", PlanStatus.AGREED)  # a slip of the mouse
    assert service.uptake_for("act-choir").tried == 0


def test_adding_an_activity_already_on_the_plan_changes_nothing(service: PeopleService) -> None:
    create(service)
    service.set_plan_status("AB-0042", "act-choir", PlanStatus.TRIED)
    item = service.add_to_plan("AB-0042", "act-choir", "Choir")
    assert item.status is PlanStatus.TRIED


# Outcomes and reviews -----------------------------------------------------------------------


def test_outcomes_are_recorded_over_time(service: PeopleService) -> None:
    create(service)
    start = OutcomeRecord(TODAY, (3, 3, 2), LonelyHowOften.OFTEN_ALWAYS, (2, 3, 4, 8))
    review = OutcomeRecord(
        TODAY + dt.timedelta(days=90), (2, 1, None), LonelyHowOften.OCCASIONALLY, (6, 6, 7, None)
    )
    service.record_outcome("AB-0042", review)
    service.record_outcome("AB-0042", start)
    record = service.person("AB-0042")
    assert record.outcomes == (start, review)
    assert [o.ucla_total for o in record.outcomes] == [8, None]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ucla": (0, 1, 2)}, "a UCLA answer is 1, 2 or 3, not 0"),
        ({"ons4": (11, 0, 0, 0)}, "an ONS4 answer is a whole number 0 to 10, not 11"),
    ],
)
def test_impossible_scores_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OutcomeRecord(TODAY, **kwargs)  # type: ignore[arg-type]


def test_due_for_review_lists_open_records_by_date(service: PeopleService) -> None:
    for ref, due in [("A", -3), ("B", 0), ("C", 5), ("D", -10), ("E", None)]:
        create(service, ref)
        if due is not None:
            service.set_review_due(ref, TODAY + dt.timedelta(days=due))
    service.close_record("D")
    assert [p.reference for p in service.due_for_review()] == ["A", "B"]
    assert [p.reference for p in service.due_for_review(within_days=7)] == ["A", "B", "C"]
    service.reopen_record("D")
    assert [p.reference for p in service.due_for_review()] == ["D", "A", "B"]


# The audit log ------------------------------------------------------------------------------


def test_the_audit_log_says_who_did_what_and_when(
    service: PeopleService, clock: Clock, tmp_path: Path
) -> None:
    create(service)
    clock.advance(1)
    service.set_review_due("AB-0042", TODAY + dt.timedelta(days=30))
    service.export_person("AB-0042", tmp_path / "ab.json")
    service.erase("AB-0042")
    log = service.audit_log()
    assert [(e.action, e.detail) for e in log] == [
        (AuditAction.CREATE, "created"),
        (AuditAction.CHANGE, "review date"),
        (AuditAction.EXPORT, "JSON file"),
        (AuditAction.ERASE, "erased"),
    ]
    assert {e.worker for e in log} == {"Sam Worker"}
    assert log[0].at == NOW.replace(tzinfo=None)
    assert log[1].at == (NOW + dt.timedelta(days=1)).replace(tzinfo=None)
    # Once erased, the log cannot say who it was about: one random key, no reference.
    assert {e.reference for e in log} == {None}
    assert len({e.record_key for e in log}) == 1


def test_the_audit_log_names_the_record_while_it_exists(service: PeopleService) -> None:
    create(service, "P-1")
    create(service, "P-2")
    assert [e.reference for e in service.audit_log("P-2")] == ["P-2"]


def test_a_worker_name_is_needed(service: PeopleService) -> None:
    with pytest.raises(ValueError, match="Enter your name"):
        PeopleService(service._repository, "  ")


def test_the_plan_keeps_its_order_when_an_item_changes(service: PeopleService) -> None:
    service.create_from_profile(
        Profile(),
        reference="EF-1",
        plan=[
            ("act-b", "Second in the alphabet, first on the plan"),
            ("act-a", "First in the alphabet"),
        ],
    )
    service.set_plan_status("EF-1", "act-b", PlanStatus.TRIED)
    assert [p.activity_id for p in service.person("EF-1").plan] == ["act-b", "act-a"]


def test_a_full_name_for_a_person_on_the_map_asks_first(service: PeopleService) -> None:
    service.create_from_profile(Profile(), reference="MAP-1")
    named = NetworkSnapshot(
        dt.date(2026, 9, 1),
        (
            NetworkMember("Janet Okafor", MemberKind.PERSON, 1),
            NetworkMember("Holloway Community Choir", MemberKind.GROUP, 2),
        ),
    )
    with pytest.raises(IdentifierWarning) as warned:
        service.record_network("MAP-1", named)
    assert [f.field for f in warned.value.findings] == ["map: Janet Okafor"]
    service.record_network("MAP-1", named, confirmed=True)  # the worker's call
    assert service.person("MAP-1").network[-1].members[0].alias == "Janet Okafor"
