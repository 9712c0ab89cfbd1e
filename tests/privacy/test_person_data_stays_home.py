"""No person's data leaves the people store (issue 14): after every people-store operation the
services offer (and a new activity matched against open records, issue 16), with online
postcode lookup on and directory backups made, a marker typed into every free-text field of a
record, and the person's full postcode, are in no file outside the people store: not the
directory database, its backups, the log, or any export but the person's own. Searched for as
bytes in UTF-8 and UTF-16 (either byte order), in any letter case.

The people store itself is people.db and what SQLite and its migrations keep beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Day, Session
from navigator.domain.people import (
    ActivityTerms,
    Contact,
    ContactKind,
    Goal,
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PlanStatus,
    Referral,
    ReferralKind,
    StopReason,
)
from navigator.domain.profile import PostcodeLocation, Profile
from navigator.formats.native import directory_to_json
from navigator.services.backups import list_backups, open_with_backup, take_backup
from navigator.services.calendar_export import write_calendar
from navigator.services.directory import DirectoryService
from navigator.services.matching import MatchService
from navigator.services.people import open_people_service
from navigator.services.plan_context import terms_of
from navigator.services.postcode_areas import PostcodeAreas
from navigator.services.rematch import Rematch, changed_activities
from navigator.store.repository import DirectoryRepository
from tests.services.fakes import FakeGeocoder, venue_activity

MARKER = "Qzx7Wimbrel"  # in every free-text field: nowhere else could it come from
POSTCODE = "N7 6QZ"  # the person's; no venue has it (venues are N7 6PA and N7 6QX)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
AREAS = PostcodeAreas.from_centres([("N7", 51.553, -0.118, 900), ("N7 6", 51.5588, -0.1177, 143)])


def needles() -> list[bytes]:
    texts = {MARKER, POSTCODE, POSTCODE.replace(" ", "")}
    return [
        text.casefold().encode(encoding)
        for text in texts
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    ]


def found_in(path: Path) -> list[str]:
    """The needles in this file, matched without regard to letter case."""
    data = path.read_bytes().lower()  # ASCII letters only: the needles are ASCII
    return [needle.decode("latin-1") for needle in needles() if needle in data]


def is_people_store(path: Path) -> bool:
    # people.db, people.db-journal / -wal / -shm, and people.before-<rev>.db (a migration's copy)
    return path.name.startswith("people.")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Everything Navigator logs, at every level, into a file under the data folder."""
    path = tmp_path / "data" / "navigator.log"
    path.parent.mkdir(parents=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    navigator_log = logging.getLogger("navigator")
    level = navigator_log.level
    navigator_log.addHandler(handler)
    navigator_log.setLevel(logging.DEBUG)
    yield path
    navigator_log.removeHandler(handler)
    navigator_log.setLevel(level)
    handler.close()


def test_no_person_marker_leaves_the_people_store(
    tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, exports = tmp_path / "data", tmp_path / "exports"
    exports.mkdir()
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(data))  # the backups go under it too
    directory_db = data / "directory.db"
    people_db = data / "people.db"

    # The directory: opened as the app opens it (with a backup), then filled by an import.
    source = tmp_path / "feed.json"
    choir = Activity(
        id="c",
        name="Choir",
        categories=("music",),
        sessions=(Session(Day.TUE, dt.time(10), dt.time(11)),),
    )
    feed = [
        venue_activity("a", "N7 6PA", 51.550, -0.110),
        venue_activity("b", "N7 6QX", 51.552, -0.114),
        choir,
    ]
    source.write_text(json.dumps(directory_to_json(feed)), encoding="utf-8")
    directory_url = f"sqlite:///{directory_db}"
    open_with_backup(directory_url).close()
    database = open_with_backup(directory_url)
    repository = DirectoryRepository(database)
    DirectoryService(repository, areas=AREAS).import_file(source)

    # A person: matched with online postcode lookup on (the fake answers for their postcode).
    profile = Profile(
        reference=f"{MARKER}-ref",
        location=PostcodeLocation(POSTCODE),
        interests=("gardening", f"{MARKER} interest"),
    )
    geocoder = FakeGeocoder({POSTCODE: (51.5601, -0.1190)})
    matcher = MatchService(repository, geocoder, "online postcode lookup", areas=AREAS)
    outcome = matcher.match_profile(profile, now=NOW.replace(tzinfo=None), top=5)
    assert outcome.problem is None
    assert any(POSTCODE in asked for asked in geocoder.asked)  # the online lookup really ran

    # Every people-store operation, with the marker in every free-text field.
    # Plan items keep the activity's price and times, read from the directory (issue 16).
    def activity_terms(activity_id: str) -> ActivityTerms | None:
        snapshot = matcher.snapshot()
        return terms_of(snapshot.activity(activity_id)) if activity_id in snapshot else None

    people = open_people_service(
        str(people_db), worker="Sam Worker", clock=lambda: NOW, activity_terms=activity_terms
    )
    reference = profile.reference or ""
    people.create_from_profile(profile, plan=[("a", "Group a"), ("c", "Choir")], confirmed=True)
    people.save_profile(reference, profile, confirmed=True)
    people.set_review_due(reference, NOW.date() + dt.timedelta(days=14))
    people.set_referral(reference, Referral(ReferralKind.REFERRED, NOW.date()))
    people.add_contact(
        reference, Contact(NOW.date(), ContactKind.PHONE, f"{MARKER} contact note"), confirmed=True
    )
    people.set_goals(reference, [Goal(f"{MARKER} goal in their words")], confirmed=True)
    people.record_network(
        reference,
        NetworkSnapshot(
            NOW.date(),
            (
                NetworkMember(f"{MARKER} sister"),
                NetworkMember(f"{MARKER} group", MemberKind.GROUP, 2),
            ),
        ),
        confirmed=True,
    )
    people.add_to_plan(reference, "b", "Group b")
    people.set_plan_status(
        reference, "a", PlanStatus.TRIED, note=f"{MARKER} plan note", confirmed=True
    )
    # Stopping because the activity closed flags it for the directory's review: naming no one.
    people.set_plan_status(
        reference,
        "c",
        PlanStatus.STOPPED,
        reason=StopReason.CLOSED,
        note=f"{MARKER} stop note",
        confirmed=True,
    )
    assert [f.activity_id for f in people.flags_for_directory()] == ["c"]
    people.resolve_flags("c")
    people.record_outcome(
        reference,
        OutcomeRecord(NOW.date(), (2, 2, 1), LonelyHowOften.SOME_OF_THE_TIME, (5, 6, 7, 4)),
    )
    people.close_record(reference)
    people.reopen_record(reference)
    summary = people.moving_on_summary(reference)
    own_export = exports / "person.json"
    people.export_person(reference, own_export)
    assert MARKER.encode() in own_export.read_bytes()  # the person's own copy has it all
    assert MARKER in summary

    # The directory goes on being used: a backup, an export, a calendar file for the person.
    take_backup(directory_db, "appointment")
    DirectoryService(repository).export_file(exports / "directory.json")
    write_calendar(
        exports / "things-to-try.ics", repository.all_activities(), NOW.replace(tzinfo=None)
    )

    # A new activity finds people (issue 16): a gardening group imported, then the open
    # records' saved profiles matched against it, in memory, as the Follow-up tab does.
    before = repository.all_activities()
    garden = dataclasses.replace(
        venue_activity("g", "N7 6PA", 51.5505, -0.1105), categories=("nature_gardening",)
    )
    newer = tmp_path / "feed-2.json"
    newer.write_text(json.dumps(directory_to_json([*feed, garden])), encoding="utf-8")
    DirectoryService(repository, areas=AREAS).import_file(newer)
    news = Rematch(matcher).run(
        people.open_records(),
        changed_activities(before, repository.all_activities()),
        now=NOW.replace(tzinfo=None),
    )
    assert [(p.reference, [f.activity_id for f in p.fits]) for p in news.people] == [
        (reference, ["g"])
    ]

    people.erase(reference)
    people.close()
    database.close()

    # At the second open, and after the appointment (before the import the file had not
    # changed since the first, so that backup is the same one).
    backups = list_backups(directory_db)
    assert len(backups) == 2 and all(b.path.is_relative_to(data) for b in backups)
    assert log_file.exists()
    scanned = [
        path
        for path in tmp_path.rglob("*")
        if path.is_file()
        and not is_people_store(path)
        and path != own_export
        and path not in (source, newer)
    ]
    assert directory_db in scanned and log_file in scanned
    leaks = {
        str(path.relative_to(tmp_path)): found for path in scanned if (found := found_in(path))
    }
    assert leaks == {}
