"""Privacy promises, checked on the files themselves: erase and purge leave no trace in the
store's bytes, an export holds one person only, and the directory never holds anyone."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from navigator.domain.people import (
    Contact,
    Goal,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PlanStatus,
    Referral,
    ReferralKind,
)
from navigator.domain.profile import Profile
from navigator.services.directory import DirectoryService
from navigator.services.people import PeopleService, UnknownPerson
from navigator.store.database import choose_directory_url, open_database
from navigator.store.people_database import choose_people_url
from navigator.store.repository import DirectoryRepository
from tests.conftest import SAMPLE_DIRECTORY
from tests.people.conftest import TODAY, Clock


def distinctive(tag: str) -> dict[str, str]:
    """Strings that appear nowhere else, one for each free-text field a person has."""
    return {
        "reference": f"Ref{tag}",
        "interest": f"basketweaving{tag}",
        "goal": f"Finish the {tag} quilt",
        "contact": f"phoned about {tag} bus pass",
        "alias": f"cousin {tag}",  # a role, as the map asks; "Cousin X" reads as a name
        "plan_note": f"liked the {tag} teacher",
        "activity_name": f"Allotment {tag}",
    }


def fill(service: PeopleService, s: dict[str, str]) -> None:
    profile = Profile(interests=(s["interest"],), goals=("meet_people",))
    service.create_from_profile(
        profile, reference=s["reference"], plan=[(f"id-{s['reference']}", s["activity_name"])]
    )
    ref = s["reference"]
    service.set_goals(ref, [Goal(s["goal"])])
    service.add_contact(ref, Contact(TODAY, note=s["contact"]))
    service.record_network(ref, NetworkSnapshot(TODAY, (NetworkMember(s["alias"], circle=1),)))
    service.set_plan_status(ref, f"id-{s['reference']}", PlanStatus.TRIED, note=s["plan_note"])
    service.record_outcome(ref, OutcomeRecord(TODAY, (3, 3, 3)))
    service.set_referral(ref, Referral(ReferralKind.REFERRED, TODAY))


def leftovers(path: Path, strings: dict[str, str]) -> list[str]:
    data = path.read_bytes()
    return [name for name, s in strings.items() if s.encode() in data]


def side_files(store: Path) -> list[str]:
    return [p.name for p in store.parent.iterdir() if p.name.startswith(store.name) and p != store]


def test_erasing_leaves_no_trace_in_the_file(service: PeopleService, store_path: Path) -> None:
    gone, kept = distinctive("Quokka"), distinctive("Wombat")
    fill(service, gone)
    fill(service, kept)
    assert leftovers(store_path, gone) == list(gone)  # the search does find them when there

    service.erase(gone["reference"])

    assert leftovers(store_path, gone) == []
    assert leftovers(store_path, kept) == list(kept)
    assert side_files(store_path) == []  # no journal or WAL holding old pages
    with pytest.raises(UnknownPerson):
        service.person(gone["reference"])
    assert service.person(kept["reference"]).goals == (Goal(kept["goal"]),)
    assert service.uptake_for(f"id-{gone['reference']}").planned == 0


def test_purging_erases_records_closed_longer_than_the_period(
    service: PeopleService, store_path: Path, clock: Clock
) -> None:
    old, recent, open_ = distinctive("Old"), distinctive("Recent"), distinctive("Open")
    for s in (old, recent, open_):
        fill(service, s)
    service.close_record(old["reference"], TODAY - dt.timedelta(days=400))
    service.close_record(recent["reference"], TODAY - dt.timedelta(days=365))

    assert [p.reference for p in service.purge_candidates(365)] == [old["reference"]]
    assert service.purge_closed(365) == 1

    assert leftovers(store_path, old) == []
    assert leftovers(store_path, recent) == list(recent)
    assert [p.reference for p in service.people(include_closed=True)] == [
        open_["reference"],
        recent["reference"],
    ]
    assert service.audit_log()[-1].detail == "purged: closed over 365 days"
    clock.advance(1)
    assert service.purge_closed(365) == 1  # a day later the other one has been closed too long
    assert service.purge_closed(365) == 0


def test_an_export_holds_one_person_and_nobody_else(service: PeopleService, tmp_path: Path) -> None:
    mine, theirs = distinctive("Heron"), distinctive("Otter")
    fill(service, mine)
    fill(service, theirs)
    path = tmp_path / "export.json"
    service.export_person(mine["reference"], path)

    assert leftovers(path, theirs) == []
    assert leftovers(path, mine) == list(mine)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("navigator-person", 1)
    assert data["profile"]["format"] == "navigator-profile"
    assert data["profile"]["reference"] == mine["reference"]
    assert data["referral"]["snomed_ct"] == "871731000000106"
    assert data["network"][0]["members"][0]["alias"] == mine["alias"]
    assert data["outcomes"][0]["ucla3"]["total"] == 9
    assert data["audit"][0]["action"] == "create"
    assert set(data) == {
        "format",
        "version",
        "exported_at",
        "reference",
        "opened_on",
        "review_due",
        "closed_on",
        "referral",
        "profile",
        "goals",
        "contacts",
        "network",
        "plan",
        "outcomes",
        "audit",
    }
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_directory_and_its_export_hold_nothing_of_a_person(
    tmp_path: Path, clock: Clock
) -> None:
    """Both stores in their default places, side by side in the user's data folder."""
    directory_url, people_url = choose_directory_url(None), choose_people_url()
    assert directory_url != people_url
    directory = DirectoryRepository(open_database(directory_url))
    directory.import_activities(DirectoryService(directory).read_file(SAMPLE_DIRECTORY)[:5])
    from navigator.services.people import open_people_service

    people = open_people_service(people_url, worker="Sam Worker", clock=clock)
    person = distinctive("Puffin")
    fill(people, person)
    export = tmp_path / "directory-export.json"
    DirectoryService(directory).export_file(export)

    directory_file = Path(directory_url.removeprefix("sqlite:///"))
    assert leftovers(directory_file, person) == []
    assert leftovers(export, person) == []
    people.close()
