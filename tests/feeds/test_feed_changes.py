"""A feed's changes are planned for review and applied only once accepted (issue 15, item 2).

The records here are invented, in the shape the ORUK reader gives them (id "oruk:<feed id>",
`source.external_id` the feed's id). Every test runs on SQLite and on PostgreSQL (the
`backend_database` fixture): matching by feed and feed id; field by field, "the feed changed
it" told from "we changed it" and both shown when both did; settled guesses kept; entries
that left a complete fetch paused with the reason, never deleted; nothing written before an
apply, and an apply all or nothing; two prescribers applying one plan at once apply each
change once; the duplicate finder run across sources afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import func, select

from navigator.domain.directory import (
    Activity,
    Contact,
    Cost,
    CostUnit,
    Day,
    Gender,
    Session,
    Source,
    Status,
    Venue,
)
from navigator.services.feed_changes import (
    LEFT_THE_FEED,
    ChangeSet,
    FeedChangeError,
    FieldChange,
    apply_changes,
    plan_changes,
)
from navigator.services.feed_fields import FIELDS
from navigator.services.review import review_queue
from navigator.store import feed_repository
from navigator.store.database import Database, open_database
from navigator.store.feed_repository import FeedRepository
from navigator.store.models import FeedValueRow
from navigator.store.repository import DirectoryRepository, activity_to_columns
from tests.strategies import activities

FEED = "northmere"


def service(feed_id: str, name: str = "Riverside walk", **changes: Any) -> Activity:
    """A record as the ORUK reader gives it: our id from the feed's, no feed named yet."""
    return dataclasses.replace(
        Activity(
            id=f"oruk:{feed_id}",
            name=name,
            categories=("walking",),
            venue=Venue("Mill Lane hall", "4 Mill Lane", "N7 6PA", 51.5531, -0.1128),
            sessions=(Session(Day.TUE, dt.time(10), dt.time(11, 30)),),
            cost=Cost(per_session_gbp=0.0),
            contact=Contact(phone="01632 960001"),
            source=Source(None, feed_id),
        ),
        **changes,
    )


def synced(database: Database, records: list[Activity]) -> DirectoryRepository:
    """The directory after a first sync of `records`, every change accepted."""
    directory = DirectoryRepository(database)
    apply_changes(directory, plan_changes(directory, FEED, records, complete=True))
    return directory


def stored(directory: DirectoryRepository, activity_id: str) -> Activity:
    found = directory.get(activity_id)
    assert found is not None
    return found.activity


def version(directory: DirectoryRepository, activity_id: str) -> int:
    found = directory.get(activity_id)
    assert found is not None
    return found.version


def edit(directory: DirectoryRepository, activity_id: str, **changes: Any) -> None:
    """A prescriber's correction, saved as the editor saves it."""
    found = directory.get(activity_id)
    assert found is not None
    directory.save(dataclasses.replace(found.activity, **changes), found.version)


def kinds(plan: ChangeSet) -> dict[str, str]:
    return {c.id: c.kind for c in plan.changes}


# New, unchanged, nothing before an apply -----------------------------------------------------


def test_a_first_sync_plans_every_record_as_new_and_writes_nothing(
    backend_database: Database,
) -> None:
    directory = DirectoryRepository(backend_database)
    revision = directory.revision()

    plan = plan_changes(directory, FEED, [service("1"), service("2", "Chair yoga")], complete=True)

    assert kinds(plan) == {"oruk:1": "new", "oruk:2": "new"}
    assert [c.activity_name for c in plan.changes] == ["Riverside walk", "Chair yoga"]
    assert plan.summary() == f"{FEED}: 2 new, 0 changed, 0 left the feed, 0 unchanged."
    assert directory.count() == 0 and directory.revision() == revision


def test_applying_adds_the_entries_with_their_feed_and_a_sync_again_finds_nothing(
    backend_database: Database,
) -> None:
    directory = DirectoryRepository(backend_database)
    plan = plan_changes(directory, FEED, [service("1"), service("2", "Chair yoga")], complete=True)

    report = apply_changes(directory, plan)

    assert report.added == ("oruk:1", "oruk:2") and report.changed == report.paused == ()
    assert report.describe().startswith("Added 2, changed 0, paused 0 that left the feed.")
    assert stored(directory, "oruk:1") == service("1", source=Source(FEED, "1"))
    again = plan_changes(directory, FEED, [service("1"), service("2", "Chair yoga")], complete=True)
    assert again.changes == () and again.unchanged == 2


def test_an_entry_kept_by_hand_with_the_same_id_is_not_taken_over(
    backend_database: Database,
) -> None:
    directory = DirectoryRepository(backend_database)
    by_hand = Activity("oruk:1", "Knit and natter", ("arts_crafts",))
    directory.import_activities([by_hand])

    plan = plan_changes(directory, FEED, [service("1")], complete=True)
    apply_changes(directory, plan)

    assert kinds(plan) == {f"{FEED}:1": "new"}
    assert stored(directory, "oruk:1") == by_hand
    assert stored(directory, f"{FEED}:1").source == Source(FEED, "1")
    # Matched by feed and feed id from then on, whatever its id.
    assert plan_changes(directory, FEED, [service("1")], complete=True).changes == ()


def test_an_entry_imported_from_a_saved_copy_of_the_feed_joins_it(
    backend_database: Database,
) -> None:
    directory = DirectoryRepository(backend_database)
    directory.import_activities([service("1")])  # `directory import` of a saved file

    plan = plan_changes(directory, FEED, [service("1", "Riverside walk (Tuesdays)")], complete=True)

    [change] = plan.changes
    assert (change.kind, change.joins_feed) == ("changed", True)
    assert change.fields == (
        FieldChange("name", "Riverside walk", "Riverside walk (Tuesdays)", None),
    )
    apply_changes(directory, plan)
    assert stored(directory, "oruk:1").source == Source(FEED, "1")
    assert stored(directory, "oruk:1").name == "Riverside walk (Tuesdays)"


def test_a_record_repeated_in_one_fetch_is_counted_once(backend_database: Database) -> None:
    directory = DirectoryRepository(backend_database)
    plan = plan_changes(directory, FEED, [service("1"), service("1", "Again")], complete=True)
    assert kinds(plan) == {"oruk:1": "new"} and plan.changes[0].activity_name == "Riverside walk"
    assert "1 record repeated an id already seen, left out." in plan.summary()


# Changed: the feed, us, or both --------------------------------------------------------------


def test_a_field_the_feed_changed_is_shown_old_to_new_and_applied(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    moved = service("1", sessions=(Session(Day.THU, dt.time(14), dt.time(15)),))

    plan = plan_changes(directory, FEED, [moved, service("2", "Chair yoga")], complete=True)

    [change] = plan.changes
    assert (change.id, change.kind, change.activity_name) == ("oruk:1", "changed", "Riverside walk")
    assert change.fields == (
        FieldChange(
            "sessions", "Every Tuesday, 10:00 to 11:30", "Every Thursday, 14:00 to 15:00", None
        ),
    )
    assert change.describe() == [
        "Changed: Riverside walk",
        "  Times: Every Tuesday, 10:00 to 11:30 -> Every Thursday, 14:00 to 15:00",
    ]
    assert plan.unchanged == 1
    report = apply_changes(directory, plan)
    assert report.changed == ("oruk:1",)
    assert stored(directory, "oruk:1").sessions == moved.sessions


def test_a_local_correction_the_feed_did_not_touch_is_kept_and_not_offered(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1")])
    edit(directory, "oruk:1", contact=Contact(phone="01632 960999"))  # we rang them

    plan = plan_changes(directory, FEED, [service("1")], complete=True)
    report = apply_changes(directory, plan)

    assert plan.changes == () and plan.kept_local == 1
    assert "1 local correction kept." in plan.summary()
    assert report.kept_local == 1
    assert stored(directory, "oruk:1").contact.phone == "01632 960999"


def test_a_field_changed_both_here_and_in_the_feed_shows_both_and_keeps_ours(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1")])
    edit(directory, "oruk:1", cost=Cost(per_session_gbp=2.0))  # what the leader told us
    feed_says = service("1", cost=Cost(amount_gbp=30.0, unit=CostUnit.TERM), name="River walk")

    plan = plan_changes(directory, FEED, [feed_says], complete=True)

    [change] = plan.changes
    assert change.fields == (
        FieldChange("name", "Riverside walk", "River walk", None),
        FieldChange("cost", "Free", "£30 a term", "£2 a session"),
    )
    assert change.describe()[-1].startswith("    changed here too, to £2 a session: ours is kept")
    assert "1 field changed both here and in the feed" in plan.summary()
    report = apply_changes(directory, plan)
    now = stored(directory, "oruk:1")
    assert (now.name, now.cost) == ("River walk", Cost(per_session_gbp=2.0))
    assert report.kept_local == 1
    # The feed's value is remembered: the same feed again offers nothing more.
    again = plan_changes(directory, FEED, [feed_says], complete=True)
    assert again.changes == () and again.kept_local == 1


def test_a_prescriber_may_take_the_feeds_value_over_ours(backend_database: Database) -> None:
    directory = synced(backend_database, [service("1")])
    edit(directory, "oruk:1", cost=Cost(per_session_gbp=2.0))
    plan = plan_changes(
        directory, FEED, [service("1", cost=Cost(per_session_gbp=3.0))], complete=True
    )

    report = apply_changes(directory, plan, accepted=[], feed_wins=[("oruk:1", "cost")])

    assert report.changed == ("oruk:1",) and report.kept_local == 0
    assert stored(directory, "oruk:1").cost == Cost(per_session_gbp=3.0)


def test_the_feed_coming_round_to_our_correction_is_not_a_change(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1")])
    edit(directory, "oruk:1", name="Riverside walk and talk")

    plan = plan_changes(directory, FEED, [service("1", "Riverside walk and talk")], complete=True)
    apply_changes(directory, plan)

    assert plan.changes == () and plan.kept_local == 0
    # Remembered now: a later change in the feed is the feed's, shown as such.
    later = plan_changes(directory, FEED, [service("1", "Walk and talk")], complete=True)
    assert later.changes[0].fields == (
        FieldChange("name", "Riverside walk and talk", "Walk and talk", None),
    )


def test_a_guess_settled_in_review_stays_settled(backend_database: Database) -> None:
    guessed = service("1", gender=Gender.WOMEN, guessed=("gender",))
    directory = synced(backend_database, [guessed])
    edit(directory, "oruk:1", gender=Gender.ANY, guessed=())  # Review: "anyone may go"

    plan = plan_changes(directory, FEED, [guessed], complete=True)
    apply_changes(directory, plan)

    assert plan.changes == ()
    assert (stored(directory, "oruk:1").gender, stored(directory, "oruk:1").guessed) == (
        Gender.ANY,
        (),
    )


def test_a_value_the_feed_now_states_replaces_a_guess(backend_database: Database) -> None:
    directory = synced(backend_database, [service("1", gender=Gender.WOMEN, guessed=("gender",))])

    plan = plan_changes(directory, FEED, [service("1", gender=Gender.MEN)], complete=True)
    apply_changes(directory, plan)

    assert plan.changes[0].fields == (FieldChange("gender", "women only", "men only", None),)
    assert (stored(directory, "oruk:1").gender, stored(directory, "oruk:1").guessed) == (
        Gender.MEN,
        (),
    )


# Left the feed -------------------------------------------------------------------------------


def test_an_entry_missing_from_a_complete_fetch_is_paused_with_the_reason_never_deleted(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])

    plan = plan_changes(directory, FEED, [service("1")], complete=True)

    assert kinds(plan) == {"oruk:2": "left"}
    assert plan.changes[0].describe() == ["Left the feed: Chair yoga (will be paused, not deleted)"]
    assert stored(directory, "oruk:2").status is Status.ACTIVE  # not before it is accepted
    report = apply_changes(directory, plan)
    assert report.paused == ("oruk:2",)
    assert stored(directory, "oruk:2") == dataclasses.replace(
        service("2", "Chair yoga", source=Source(FEED, "2")), status=Status.PAUSED
    )
    [reason] = directory.open_reports()
    assert (reason.activity_id, reason.note) == ("oruk:2", LEFT_THE_FEED)
    # The review queue lists it, most urgent first, saying why.
    queue = review_queue(directory.all_activities(), [], dt.date(2026, 12, 4), reports=[reason])
    assert queue[0].activity.id == "oruk:2"
    assert any(LEFT_THE_FEED in text for text in queue[0].reasons)
    # Listed once: the next sync does not offer it again.
    assert plan_changes(directory, FEED, [service("1")], complete=True).changes == ()


def test_a_partial_fetch_marks_nothing_as_left(backend_database: Database) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    plan = plan_changes(directory, FEED, [service("1")], complete=False)
    assert plan.changes == ()
    assert "Only part of the feed was read, so nothing is marked as left." in plan.summary()


def test_an_entry_that_comes_back_is_offered_to_run_again(backend_database: Database) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    apply_changes(directory, plan_changes(directory, FEED, [service("1")], complete=True))

    back = plan_changes(directory, FEED, [service("1"), service("2", "Chair yoga")], complete=True)

    [change] = back.changes
    assert (change.id, change.fields) == (
        "oruk:2",
        (FieldChange("status", "Paused for now", "Running", None),),
    )
    apply_changes(directory, back)
    assert stored(directory, "oruk:2").status is Status.ACTIVE
    # Gone again later: it is offered as having left again.
    assert kinds(plan_changes(directory, FEED, [service("1")], complete=True)) == {"oruk:2": "left"}


def test_entries_of_other_feeds_and_kept_by_hand_never_leave(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1")])
    directory.import_activities(
        [
            Activity("hand", "Allotment club", ("gardening",)),
            Activity("s:9", "Tai chi", ("exercise",), source=Source("southby", "9")),
        ]
    )
    assert plan_changes(directory, FEED, [], complete=True).changes[0].id == "oruk:1"
    assert len(plan_changes(directory, FEED, [], complete=True).changes) == 1


# Accepting -----------------------------------------------------------------------------------


def test_only_the_accepted_changes_apply_and_the_rest_are_offered_again(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    records = [service("1", "Riverside stroll"), service("3", "Choir")]
    plan = plan_changes(directory, FEED, records, complete=True)
    assert kinds(plan) == {"oruk:1": "changed", "oruk:3": "new", "oruk:2": "left"}

    report = apply_changes(directory, plan, accepted=["oruk:3"])

    assert (report.added, report.changed, report.paused, report.not_accepted) == (
        ("oruk:3",),
        (),
        (),
        2,
    )
    assert stored(directory, "oruk:1").name == "Riverside walk"
    assert stored(directory, "oruk:2").status is Status.ACTIVE
    assert kinds(plan_changes(directory, FEED, records, complete=True)) == {
        "oruk:1": "changed",
        "oruk:2": "left",
    }


@pytest.mark.parametrize(
    ("accepted", "feed_wins", "says"),
    [
        (["oruk:9"], [], "This plan has no change 'oruk:9': nothing was applied."),
        (["oruk:1", "x", "y"], [], "no change 'x' (nor 1 more)"),
        ([], [("oruk:1", "cost")], "'oruk:1' has no field 'cost' changed both here and in"),
    ],
)
def test_a_change_the_plan_does_not_hold_is_refused_and_nothing_applies(
    backend_database: Database,
    accepted: list[str],
    feed_wins: list[tuple[str, str]],
    says: str,
) -> None:
    directory = synced(backend_database, [service("1")])
    plan = plan_changes(directory, FEED, [service("1", "Riverside stroll")], complete=True)
    revision = directory.revision()

    with pytest.raises(FeedChangeError) as raised:
        apply_changes(directory, plan, accepted, feed_wins=feed_wins)

    assert says in str(raised.value)
    assert stored(directory, "oruk:1").name == "Riverside walk"
    assert directory.revision() == revision


def test_a_failure_part_way_through_an_apply_changes_nothing(
    backend_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    records = [service("1", "Riverside stroll"), service("3", "Choir")]
    plan = plan_changes(directory, FEED, records, complete=True)
    feeds = FeedRepository(backend_database)
    before = (directory.all_activities(), directory.revision(), _all_values(backend_database))

    def fail(_session: object) -> None:  # after every row is written, before the commit
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(feed_repository, "bump_revision", fail)
    with pytest.raises(RuntimeError):
        apply_changes(feeds, plan)

    assert (directory.all_activities(), directory.revision(), _all_values(backend_database)) == (
        before
    )
    assert directory.open_reports() == []
    monkeypatch.undo()
    report = apply_changes(feeds, plan)  # the same plan applies whole afterwards
    assert (report.added, report.changed, report.paused) == (("oruk:3",), ("oruk:1",), ("oruk:2",))


def _all_values(database: Database) -> list[tuple[str, str, str]]:
    with database.engine.connect() as connection:
        rows = connection.execute(
            select(FeedValueRow.activity_id, FeedValueRow.field, FeedValueRow.value).order_by(
                FeedValueRow.activity_id, FeedValueRow.field
            )
        )
        return [(a, f, v) for a, f, v in rows]


# Two prescribers -----------------------------------------------------------------------------


def test_a_change_already_applied_by_someone_else_is_reported_not_repeated(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1"), service("2", "Chair yoga")])
    records = [service("1", "Riverside stroll"), service("3", "Choir")]
    mine = plan_changes(directory, FEED, records, complete=True)
    theirs = plan_changes(directory, FEED, records, complete=True)

    apply_changes(directory, theirs)
    report = apply_changes(directory, mine)

    assert report.added == report.changed == report.paused == ()
    assert sorted(report.already_applied) == ["oruk:1", "oruk:2", "oruk:3"]
    assert "3 already applied by someone else." in report.describe()
    assert version(directory, "oruk:1") == 2
    assert len(directory.open_reports()) == 1


def test_a_change_to_an_entry_edited_since_the_plan_leaves_the_edit_alone(
    backend_database: Database,
) -> None:
    directory = synced(backend_database, [service("1")])
    plan = plan_changes(directory, FEED, [service("1", "Riverside stroll")], complete=True)
    edit(directory, "oruk:1", description="Meet by the lock gates.")

    report = apply_changes(directory, plan)

    assert report.moved_on == ("oruk:1",) and report.changed == ()
    assert "1 entry changed since the plan was made" in report.describe()
    now = stored(directory, "oruk:1")
    assert (now.name, now.description) == ("Riverside walk", "Meet by the lock gates.")
    [change] = plan_changes(
        directory, FEED, [service("1", "Riverside stroll")], complete=True
    ).changes
    assert change.fields == (FieldChange("name", "Riverside walk", "Riverside stroll", None),)


def test_two_prescribers_applying_one_plan_at_once_apply_each_change_once(
    backend_url: str,
) -> None:
    first, second = open_database(backend_url), open_database(backend_url)
    try:
        synced(first, [service(str(n), f"Group {n}") for n in range(1, 21)])
        records = [service(str(n), f"Group {n} (renamed)") for n in range(1, 16)]
        records += [service(str(n), f"New group {n}") for n in range(21, 31)]
        plans = [
            plan_changes(DirectoryRepository(db), FEED, records, complete=True)
            for db in (first, second)
        ]
        start = threading.Barrier(2)
        reports: list[Any] = [None, None]
        failures: list[BaseException] = []

        def run(i: int, database: Database) -> None:
            try:
                start.wait()
                reports[i] = apply_changes(DirectoryRepository(database), plans[i])
            except BaseException as error:  # reported by the assert below
                failures.append(error)

        threads = [
            threading.Thread(target=run, args=(i, db)) for i, db in enumerate((first, second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert failures == []
        applied = [r.added + r.changed + r.paused for r in reports]
        assert sorted(applied[0] + applied[1]) == sorted(c.id for c in plans[0].changes)
        assert sorted(reports[0].already_applied + reports[1].already_applied) == sorted(
            c.id for c in plans[0].changes
        )
        directory = DirectoryRepository(first)
        assert directory.count() == 30
        assert {version(directory, f"oruk:{n}") for n in range(1, 21)} == {2}
        assert len(directory.open_reports()) == 5  # one reason per entry that left
    finally:
        first.close()
        second.close()


# Across sources ------------------------------------------------------------------------------


def test_after_an_apply_likely_duplicates_across_sources_are_counted(
    backend_database: Database,
) -> None:
    directory = DirectoryRepository(backend_database)
    hall = Venue("Mill Lane hall", "4 Mill Lane", "N7 6PA", 51.5531, -0.1128)
    directory.import_activities(
        [
            Activity(
                "hand-1",
                "Riverside Walk",
                ("walking",),
                venue=hall,
                sessions=(Session(Day.TUE, dt.time(10), dt.time(11, 30)),),
            ),
            Activity("hand-2", "Pottery", ("arts_crafts",), venue=hall),
        ]
    )

    report = apply_changes(
        directory,
        plan_changes(directory, FEED, [service("1"), service("2", "Choir")], complete=True),
    )

    assert report.duplicates == 1
    assert report.describe().endswith("1 likely duplicate to review.")


def test_a_sync_of_many_records_plans_and_applies_in_bulk(backend_database: Database) -> None:
    """A first sync and a re-sync of 600 records (more than one chunk of ids) each see every
    record, and the store holds one remembered value per field."""
    directory = DirectoryRepository(backend_database)
    records = [service(str(n), f"Group {n}") for n in range(600)]
    first = plan_changes(directory, FEED, records, complete=True)
    apply_changes(directory, first)
    again = plan_changes(directory, FEED, records, complete=True)

    assert first.count("new") == 600 and again.changes == () and again.unchanged == 600
    with backend_database.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(FeedValueRow)).scalar()
    assert count == 600 * (len(FIELDS) + 1)  # and the whole record's digest


# Any two versions of a record ----------------------------------------------------------------

_EXAMPLES = iter(range(1_000_000))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(activities(activity_id="x"), activities(activity_id="x"))
def test_any_change_the_feed_makes_is_shown_field_by_field_and_applied_exactly(
    tmp_path: Path, before: Activity, after: Activity
) -> None:
    """With no local corrections: the fields listed are exactly those that differ, each shown
    as the feed's old and new words; applying gives the feed's record; a sync again finds
    nothing. (SQLite: generated text may hold NUL, which PostgreSQL refuses.)"""
    n = next(_EXAMPLES)  # one database for every example: a feed and an id of its own each
    feed, feed_id = f"feed{n}", f"r{n}"
    before, after = (
        dataclasses.replace(a, id=f"oruk:{feed_id}", source=Source(None, feed_id), guessed=())
        for a in (before, after)
    )
    database = open_database(f"sqlite:///{tmp_path / 'property.db'}")
    try:
        directory = DirectoryRepository(database)
        apply_changes(directory, plan_changes(directory, feed, [before], complete=True))
        before = stored(directory, f"oruk:{feed_id}")  # as the store gives it back

        plan = plan_changes(directory, feed, [after], complete=True)

        expected = [
            f
            for f in FIELDS
            if any(
                activity_to_columns(before)[c] != activity_to_columns(after)[c] for c in f.columns
            )
        ]
        changes = [c for c in plan.changes if c.kind == "changed"]
        if not expected:
            assert changes == [] and plan.unchanged == 1
        else:
            [change] = changes
            assert change.fields == tuple(
                FieldChange(f.key, f.words(before), f.words(after), None) for f in expected
            )
        apply_changes(directory, plan)
        assert stored(directory, f"oruk:{feed_id}") == dataclasses.replace(
            after, source=Source(feed, feed_id)
        )
        again = plan_changes(directory, feed, [after], complete=True)
        assert again.changes == () and again.kept_local == 0
    finally:
        database.close()
