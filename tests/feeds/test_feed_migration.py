"""Migration 0007 (feeds and each field's last value from its feed) on SQLite and PostgreSQL:
an existing directory keeps every entry, gains the two empty tables, and can go back."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect

from navigator.domain.directory import Activity, Source
from navigator.services.feed_changes import apply_changes, plan_changes
from navigator.services.feed_subscriptions import FeedSubscriptions
from navigator.store.database import _alembic_config, make_engine, open_database
from navigator.store.repository import DirectoryRepository

BEFORE = "0006"


def _migrate_to(url: str, revision: str, *, down: bool = False) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = _alembic_config(connection)
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_directory_from_before_feeds_keeps_its_entries_and_gains_empty_tables(
    backend_url: str,
) -> None:
    _migrate_to(backend_url, BEFORE)
    assert not {"feeds", "feed_values"} & _tables(backend_url)
    old = Activity("oruk:7", "Chair yoga", ("exercise",), source=Source(None, "7"))
    database = open_database(backend_url)  # migrates to the newest schema, as the app does
    try:
        directory = DirectoryRepository(database)
        directory.import_activities([old])

        assert {"feeds", "feed_values"} <= _tables(backend_url)
        assert FeedSubscriptions(database).list() == []
        # The entry imported from a file before feeds existed joins the feed on a sync.
        plan = plan_changes(directory, "northmere", [old], complete=True)
        assert [(c.kind, c.joins_feed) for c in plan.changes] == [("changed", True)]
        apply_changes(directory, plan)
        assert directory.all_activities() == [
            Activity("oruk:7", "Chair yoga", ("exercise",), source=Source("northmere", "7"))
        ]
    finally:
        database.close()


def test_going_back_to_before_feeds_drops_only_the_feed_tables(backend_url: str) -> None:
    database = open_database(backend_url)
    try:
        FeedSubscriptions(database).add("https://northmere.example/services", name="northmere")
        DirectoryRepository(database).import_activities(
            [Activity("hand", "Allotment club", ("gardening",))]
        )
    finally:
        database.close()

    _migrate_to(backend_url, BEFORE, down=True)

    assert not {"feeds", "feed_values"} & _tables(backend_url)
    assert "activities" in _tables(backend_url)
    _migrate_to(backend_url, "head")
    database = open_database(backend_url)
    try:
        assert [a.id for a in DirectoryRepository(database).all_activities()] == ["hand"]
        assert FeedSubscriptions(database).list() == []
        added = FeedSubscriptions(database).add("https://northmere.example/services")
        assert added.added <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    finally:
        database.close()
