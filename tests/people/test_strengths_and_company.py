"""Strengths, who goes along, and stop reasons on the person's side (issue 16, items 2-3):
the domain, the people store (p0003) and the service. No Qt."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from navigator.domain.people import (
    A_VOLUNTEER,
    Companion,
    NetworkMember,
    NetworkSnapshot,
    PlanItem,
    PlanStatus,
    StopReason,
)
from navigator.domain.profile import Profile
from navigator.domain.wording import describe_uptake
from navigator.formats.profile import parse_profile, profile_to_json
from navigator.formats.reading import FormatError
from navigator.services.moving_on import moving_on_text
from navigator.services.people import IdentifierWarning, PeopleService, open_people_service
from navigator.services.plan_context import standing_of
from navigator.store.people_database import PEOPLE_MIGRATIONS, open_people_database
from tests.people.conftest import TODAY
from tests.people.test_connections_loop import activity

REF = "KW-7"
SHED = "act-shed"


@pytest.fixture
def planned(service: PeopleService) -> PeopleService:
    service.create_from_profile(Profile(interests=("football",)), reference=REF)
    service.add_to_plan(REF, SHED, "Tufnell Shed")
    service.record_network(
        REF, NetworkSnapshot(TODAY, (NetworkMember("Sam"), NetworkMember("cousin")))
    )
    return service


def audit_details(service: PeopleService) -> list[str]:
    return [e.detail for e in service.audit_log(REF)]


# Strengths ------------------------------------------------------------------------------------


def test_strengths_are_kept_in_the_profile_in_their_own_words(planned: PeopleService) -> None:
    planned.set_strengths(REF, ["carpentry ", " used to  play football", ""], ["fixing bikes"])
    profile = planned.person(REF).profile
    assert profile.strengths == ("carpentry", "used to play football")
    assert profile.can_offer == ("fixing bikes",)
    assert profile.interests == ("football",)  # the rest of the profile is untouched
    # The log says which part changed, never the words.
    assert audit_details(planned)[-1] == "strengths"
    assert not any("carpentry" in d for d in audit_details(planned))


def test_a_strength_that_looks_identifying_warns_and_saves_nothing(
    planned: PeopleService,
) -> None:
    with pytest.raises(IdentifierWarning) as warning:
        planned.set_strengths(REF, ["carpentry", "call me on 07700 900123"], [])
    assert "strength: call me on 07700 900123" in warning.value.findings[0].message
    assert planned.person(REF).profile.strengths == ()
    planned.set_strengths(REF, ["carpentry", "call me on 07700 900123"], [], confirmed=True)
    assert "saved after an identifier warning" in audit_details(planned)[-1]


def test_too_many_or_too_long_strengths_are_refused_whole(planned: PeopleService) -> None:
    with pytest.raises(ValueError, match="at most 100 characters"):
        planned.set_strengths(REF, ["x" * 101], [])
    with pytest.raises(ValueError, match="20 at most"):
        planned.set_strengths(REF, [f"skill {n}" for n in range(21)], [])
    assert planned.person(REF).profile.strengths == ()


def test_saving_the_profile_from_the_appointment_screens_strengths_too(
    planned: PeopleService,
) -> None:
    with pytest.raises(IdentifierWarning):
        planned.save_profile(REF, Profile(can_offer=("email me at kw@example.org",)))


def test_the_profile_file_keeps_strengths_and_names_a_bad_one() -> None:
    profile = Profile(strengths=("carpentry", "baking"), can_offer=("fixing bikes",))
    data = profile_to_json(profile)
    assert data["strengths"] == ["carpentry", "baking"]
    assert parse_profile(json.loads(json.dumps(data))) == profile
    # None given: the keys are left out, so older readers see the file they knew.
    assert "strengths" not in profile_to_json(Profile())
    with pytest.raises(FormatError, match=r"can_offer\[0\]"):
        parse_profile({"format": "navigator-profile", "version": 1, "can_offer": [3]})


# Who goes along -------------------------------------------------------------------------------


def test_a_companion_from_the_map_is_stored_and_survives_a_status_change(
    planned: PeopleService,
) -> None:
    planned.set_companion(REF, SHED, Companion("Sam", "Tuesday", on_handout=True))
    assert planned.person(REF).plan_item(SHED) == PlanItem(
        SHED,
        "Tufnell Shed",
        updated_on=TODAY,
        companion=Companion("Sam", "Tuesday", True),
    )
    planned.set_plan_status(REF, SHED, PlanStatus.TRIED)
    item = planned.person(REF).plan_item(SHED)
    assert item is not None and item.companion == Companion("Sam", "Tuesday", True)
    assert audit_details(planned)[-2] == "plan: going with"
    planned.set_companion(REF, SHED, None)
    assert planned.person(REF).plan_item(SHED).companion is None  # type: ignore[union-attr]


def test_a_full_name_as_who_goes_along_warns_but_a_volunteer_does_not(
    planned: PeopleService,
) -> None:
    with pytest.raises(IdentifierWarning):
        planned.set_companion(REF, SHED, Companion("Samuel Okonkwo-Hart", "Tuesday"))
    assert planned.person(REF).plan_item(SHED).companion is None  # type: ignore[union-attr]
    planned.set_companion(REF, SHED, Companion(A_VOLUNTEER, "next Tuesday"))
    assert planned.person(REF).plan_item(SHED).companion.is_volunteer  # type: ignore[union-attr]


def test_going_with_something_not_on_the_plan_is_refused(planned: PeopleService) -> None:
    with pytest.raises(LookupError, match="not on KW-7's plan"):
        planned.set_companion(REF, "act-other", Companion("Sam"))


def test_a_companion_needs_someone_and_short_words() -> None:
    with pytest.raises(ValueError, match="who is going along"):
        Companion("  ")
    with pytest.raises(ValueError, match="at most 40"):
        Companion("Sam", "x" * 41)


def test_p0003_upgrades_a_p0002_store_and_old_items_have_nobody_named(tmp_path: Path) -> None:
    """A store made before this revision: its plan items come through with no companion."""
    old = tmp_path / "migrations"
    shutil.copytree(PEOPLE_MIGRATIONS, old, ignore=shutil.ignore_patterns("__pycache__"))
    for later in old.glob("versions/p000[3-9]_*.py"):
        later.unlink()
    path = tmp_path / "people.db"
    open_people_database(f"sqlite:///{path}", migrations=old).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "insert into people (id, reference, record_key, profile, opened_on, updated_at) "
            "values (1, 'OLD-1', 'k1', '{\"format\": \"navigator-profile\", \"version\": 1}', "
            "'2026-05-01', '2026-05-01 10:00:00')"
        )
        db.execute(
            "insert into plan_items (person_id, activity_id, activity_name, status, note) "
            "values (1, 'act-1', 'Garden club', 'agreed', '')"
        )
    db.close()
    service = open_people_service(f"sqlite:///{path}", worker="Sam Worker")
    try:
        item = service.person("OLD-1").plan_item("act-1")
        assert item is not None and item.companion is None
        service.set_companion("OLD-1", "act-1", Companion("Sam", "Tuesday"))
        assert service.person("OLD-1").plan_item("act-1").companion == Companion(  # type: ignore[union-attr]
            "Sam", "Tuesday"
        )
    finally:
        service.close()


def test_the_person_export_includes_who_goes_along(planned: PeopleService, tmp_path: Path) -> None:
    planned.set_companion(REF, SHED, Companion("Sam", "Tuesday", on_handout=True))
    path = tmp_path / "kw.json"
    planned.export_person(REF, path)
    [item] = json.loads(path.read_text())["plan"]
    assert item["companion"] == {"who": "Sam", "when": "Tuesday", "on_handout": True}


# Stop reasons on the person's side ------------------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    [StopReason.ANXIOUS, StopReason.UNWELL, StopReason.NO_COMPANY, StopReason.FARE],
)
def test_a_persons_side_reason_raises_no_directory_flag_and_is_counted(
    planned: PeopleService, reason: StopReason
) -> None:
    assert reason.persons_side and not reason.flags_directory
    assert planned.set_plan_status(REF, SHED, PlanStatus.STOPPED, reason=reason) is None
    assert planned.flags_for_directory() == []
    uptake = planned.uptake_for(SHED)
    assert uptake.stopped == 1 and uptake.reasons == ((reason, 1),)
    words = {
        StopReason.ANXIOUS: "felt anxious",
        StopReason.UNWELL: "unwell",
        StopReason.NO_COMPANY: "nobody to go with",
        StopReason.FARE: "the fare",
    }[reason]
    assert words in describe_uptake(uptake)
    assert words in moving_on_text(planned.person(REF), today=TODAY, worker="Sam")


def test_the_old_reasons_keep_their_values() -> None:
    assert [r.value for r in StopReason][:7] == [
        "cost",
        "time",
        "wrong_time",
        "not_welcome",
        "too_far",
        "closed",
        "other",
    ]
    assert all(len(r.value) <= 12 for r in StopReason)  # the reason column's width


def test_nobody_to_go_with_no_longer_holds_once_someone_will_go() -> None:
    stopped = PlanItem(
        "act-1",
        "Garden club",
        PlanStatus.STOPPED,
        StopReason.NO_COMPANY,
        updated_on=TODAY,
    )
    still = standing_of(stopped, activity("act-1"))
    assert still.left_out and still.text == "Did not go: nobody to go with"
    going = dataclasses.replace(stopped, companion=Companion("Sam", "Tuesday"))
    back = standing_of(going, activity("act-1"))
    assert not back.left_out
    assert back.text == "Did not go: nobody to go with (Sam can go with them now)"


def test_felt_anxious_stays_out_whatever_changes_in_the_directory() -> None:
    stopped = PlanItem(
        "act-1", "Garden club", PlanStatus.STOPPED, StopReason.ANXIOUS, updated_on=TODAY
    )
    cheaper = activity("act-1", cost=None)
    assert standing_of(stopped, cheaper).left_out
