"""The directory store behaves the same on SQLite and PostgreSQL: the schema, exact round
trips, all-or-nothing imports, and saves from two computers that never overwrite each other.

Every test here runs on both backends (the `backend_url` fixture of tests/conftest.py); the
PostgreSQL cases are skipped, saying why, when no test server is set."""

from __future__ import annotations

import dataclasses
import enum
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from navigator.domain.directory import Activity, Contact, Cost, Session, Venue, Welcome
from navigator.services.matching import MatchService
from navigator.store.database import (
    Database,
    StoreError,
    check_connection,
    head_revision,
    open_database,
)
from navigator.store.repository import (
    ConflictError,
    DirectoryMoved,
    DirectoryRepository,
    ImportCancelled,
)
from tests.strategies import activities, directories


def activity(activity_id: str = "a1", **changes: Any) -> Activity:
    return dataclasses.replace(
        Activity(id=activity_id, name="Choir", categories=("music",)), **changes
    )


def without_nul(value: Any) -> Any:
    """The same value with every NUL character taken out of its text, however deep."""
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return type(value)(without_nul(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                f.name: without_nul(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.init
            },
        )
    return value


def test_the_migrations_give_the_tables_the_models_describe(backend_database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from navigator.store.models import Base

    with backend_database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar_one()
            == head_revision()
        )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(directories(max_size=6).map(without_nul))
def test_every_field_round_trips_exactly(
    backend_database: Database, activities: list[Activity]
) -> None:
    repository = DirectoryRepository(backend_database)
    repository.import_activities(activities)
    stored = {a.id: a for a in repository.all_activities()}
    for original in activities:
        assert stored[original.id] == original


def test_activities_read_on_demand_come_in_the_whole_reads_order(
    backend_database: Database,
) -> None:
    # A start with the snapshot cache reads the ids, then activities by them
    # (matching/on_demand.py): both in the order the whole read gives, whatever the
    # server's collation makes of case, accents and digits.
    ids = ["Zeta", "alpha", "Beta_2", "beta-1", "\u00e4-umlaut", "10", "9", "a b"]
    repository = DirectoryRepository(backend_database)
    repository.import_activities([activity(i, name=f"Group {i}") for i in ids])
    everything = repository.all_activities()
    assert repository.activity_ids() == [a.id for a in everything]
    revision = repository.revision()
    assert repository.activities_at([a.id for a in everything[::-1]], revision) == everything[::-1]
    repository.import_activities([activity("new")])
    with pytest.raises(DirectoryMoved):
        repository.activities_at([everything[0].id], revision)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(directories(max_size=5).filter(bool).map(without_nul), st.data())
def test_an_import_over_stored_entries_rewrites_every_field_exactly(
    backend_database: Database, first: list[Activity], data: st.DataObject
) -> None:
    # The update path of the bulk write: the same ids, every other field drawn afresh.
    repository = DirectoryRepository(backend_database)
    with backend_database.engine.begin() as connection:  # each example starts empty
        connection.execute(text("DELETE FROM activities"))
    repository.import_activities(first)
    others = data.draw(st.lists(activities(), min_size=len(first), max_size=len(first)))
    second = [
        without_nul(dataclasses.replace(b, id=a.id)) for a, b in zip(first, others, strict=True)
    ]
    summary = repository.import_activities(second)
    changed = {b.id for a, b in zip(first, second, strict=True) if a != b}
    assert set(summary.updated) == changed
    assert {a.id: a for a in repository.all_activities()} == {a.id: a for a in second}
    for a in second:
        assert repository.get(a.id).version == (2 if a.id in changed else 1)  # type: ignore[union-attr]


def test_a_row_an_import_writes_is_stored_as_a_save_stores_it(backend_database: Database) -> None:
    import datetime as dt

    from navigator.domain.directory import Day, Frequency

    full = activity(
        "full",
        keywords=("naïve café", 'say "hi"'),
        venue=Venue(name="Hall", postcode="N7 6PA", lat=51.55, lon=-0.11, step_free=True),
        more_venues=(Venue(name="Annexe", postcode="N7 6PB"),),
        sessions=(Session(Day.TUE, dt.time(18), dt.time(19, 30), Frequency.WEEKLY),),
        cost=Cost(per_session_gbp=2.5, concessions=True),
        last_verified=dt.date(2026, 3, 1),
        guessed=("venue",),
    )
    repository = DirectoryRepository(backend_database)
    repository.import_activities([full])
    repository.save(dataclasses.replace(full, id="saved"), None)
    columns = "name, keywords, sessions, more_venues, guessed, last_verified, venue_step_free"
    with backend_database.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT {columns} FROM activities ORDER BY id")).fetchall()
        stored_as = connection.execute(
            text("SELECT typeof(last_verified), typeof(updated_at) FROM activities")
            if backend_database.is_sqlite
            else text("SELECT 1, 1 FROM activities")
        ).fetchall()
    assert rows[0] == rows[1]  # the same values, read back through the same types
    assert stored_as[0] == stored_as[1]  # and stored as the same SQLite types


def test_json_lists_booleans_and_unknowns_come_back_as_they_went_in(
    backend_database: Database,
) -> None:
    import datetime as dt

    from navigator.domain.directory import Day, Frequency

    awkward = activity(
        "awkward",
        name='Quote " and \\ backslash, ] bracket',
        categories=("music", "arts_crafts"),
        keywords=('say "hi"', "naïve café", "日本語", "], [", "{}", ""),
        languages=("en", "cy"),
        venue=Venue(name="Hall", postcode="N7 6PA", lat=51.55, lon=-0.11, step_free=False),
        sessions=(
            Session(
                Day.MON,
                dt.time(9),
                dt.time(10, 30),
                Frequency.MONTHLY,
                week_of_month=-1,
                starts_on=dt.date(2026, 1, 5),
            ),
        ),
        cost=Cost(per_session_gbp=0.0, concessions=True, free_taster=False, notes=""),
        welcome=Welcome(bring_someone=True, beginners=None, meet_at_door=False),
        contact=Contact(phone="020 7946 0000"),
        last_verified=dt.date(2026, 2, 28),
    )
    unknowns = activity("unknowns", venue=Venue(), cost=Cost(), keywords=(), languages=())
    repository = DirectoryRepository(backend_database)
    repository.import_activities([awkward, unknowns])
    assert repository.all_activities() == [awkward, unknowns]
    assert repository.get("awkward").activity == awkward  # type: ignore[union-attr]


def test_nul_in_text_is_kept_by_sqlite_and_refused_plainly_by_postgresql(
    backend: str, backend_database: Database
) -> None:
    repository = DirectoryRepository(backend_database)
    with_nul = activity("nul", description="before\x00after")
    if backend == "sqlite":
        repository.import_activities([with_nul])
        assert repository.all_activities() == [with_nul]
        return
    with pytest.raises(StoreError, match="invisible NUL character") as caught:
        repository.import_activities([with_nul])
    assert "\n" not in str(caught.value)
    assert repository.count() == 0


def test_an_import_stopped_part_way_leaves_nothing_behind(backend_database: Database) -> None:
    repository = DirectoryRepository(backend_database)
    repository.import_activities([activity("keep", name="Before")])
    revision = repository.revision()
    batches = []
    many = [activity(f"new-{n:05}") for n in range(2500)] + [activity("keep", name="After")]
    with pytest.raises(ImportCancelled):
        repository.import_activities(
            many,
            progress=lambda done, _total: batches.append(done),
            cancelled=lambda: len(batches) >= 2,
        )
    assert batches == [1000, 2000]  # two chunks were written before the stop
    assert repository.all_activities() == [activity("keep", name="Before")]
    assert repository.revision() == revision


def test_another_computers_save_is_seen_and_a_stale_save_refused(backend_url: str) -> None:
    alice_db, bob_db = open_database(backend_url), open_database(backend_url)
    try:
        alice, bob = DirectoryRepository(alice_db), DirectoryRepository(bob_db)
        alice.import_activities([activity("a1")])
        bobs_matches = MatchService(bob)
        assert bobs_matches.snapshot().activities[0].name == "Choir"
        opened_by_bob = bob.get("a1")
        opened_by_alice = alice.get("a1")
        assert opened_by_bob is not None and opened_by_alice is not None
        alice.save(activity("a1", name="Alice's edit"), opened_by_alice.version)
        assert bobs_matches.snapshot().activities[0].name == "Alice's edit"
        with pytest.raises(ConflictError, match="changed by someone else since you opened it"):
            bob.save(activity("a1", name="Bob's edit"), opened_by_bob.version)
        assert alice.get("a1") == bob.get("a1")
        assert bob.get("a1").activity.name == "Alice's edit"  # type: ignore[union-attr]
    finally:
        alice_db.close()
        bob_db.close()


def test_of_several_saves_from_the_same_version_at_once_exactly_one_wins(backend_url: str) -> None:
    setup = open_database(backend_url)
    DirectoryRepository(setup).import_activities([activity("a1")])
    setup.close()
    editors = 6
    databases = [open_database(backend_url) for _ in range(editors)]
    start = threading.Barrier(editors)
    outcomes: dict[int, str] = {}

    def edit(n: int) -> None:
        repository = DirectoryRepository(databases[n])
        opened = repository.get("a1")
        assert opened is not None
        start.wait()
        try:
            repository.save(activity("a1", name=f"Edit {n}"), opened.version)
            outcomes[n] = "saved"
        except ConflictError as error:
            outcomes[n] = str(error)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        winners = [n for n, outcome in outcomes.items() if outcome == "saved"]
        assert len(outcomes) == editors and len(winners) == 1
        assert set(outcomes.values()) == {
            "saved",
            "This activity was changed by someone else since you opened it.",
        }
        stored = DirectoryRepository(databases[0]).get("a1")
        assert stored is not None
        assert (stored.activity.name, stored.version) == (f"Edit {winners[0]}", 2)
    finally:
        for database in databases:
            database.close()


def test_a_directory_from_a_newer_navigator_is_refused(backend_url: str) -> None:
    database = open_database(backend_url)
    with database.engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '9999'"))
    database.close()
    with pytest.raises(
        StoreError, match="made by a newer version of Navigator; update Navigator to open it"
    ) as caught:
        open_database(backend_url)
    assert "\n" not in str(caught.value)


def test_someone_elses_database_is_not_touched(backend_url: str) -> None:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(backend_url)
    with engine.begin() as connection:
        connection.execute(text("create table recipes (name text)"))
    with pytest.raises(StoreError, match="is a database, but not a Navigator directory"):
        open_database(backend_url)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["recipes"]
    engine.dispose()


def test_test_connection_says_what_is_there_and_changes_nothing(
    backend: str, backend_url: str
) -> None:
    first = check_connection(backend_url)
    if backend == "sqlite":
        assert (
            first == "There is no file directory.db yet; Navigator will start an empty directory."
        )
    else:
        assert first.endswith(": it is empty, and Navigator will set up the directory in it.")
    database = open_database(backend_url)
    DirectoryRepository(database).import_activities([activity("a1"), activity("a2")])
    database.close()
    assert check_connection(backend_url).endswith(": a Navigator directory of 2 activities.")
