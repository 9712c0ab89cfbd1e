"""Opening databases: the right one is chosen, and every problem a user can cause is one
clear sentence that leaves the file as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from navigator.store import database
from navigator.store.database import (
    StoreError,
    backup_sqlite,
    choose_directory_url,
    head_revision,
    open_database,
)
from navigator.store.repository import DirectoryRepository


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_a_new_file_gets_the_newest_schema(tmp_path: Path) -> None:
    db = open_database(url(tmp_path / "new.db"))
    with sqlite3.connect(tmp_path / "new.db") as connection:
        (revision,) = connection.execute("select version_num from alembic_version").fetchone()
    assert revision == head_revision()
    assert DirectoryRepository(db).count() == 0


def test_by_default_the_user_gets_their_own_copy_of_the_bundled_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "resources.db"
    open_database(url(bundled)).close()
    before = bundled.read_bytes()
    monkeypatch.setattr(database, "BUNDLED_DIRECTORY", bundled)
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(tmp_path / "user"))
    chosen = choose_directory_url(None)
    assert chosen == url((tmp_path / "user" / "directory.db").resolve())
    DirectoryRepository(open_database(chosen)).import_activities([])
    assert bundled.read_bytes() == before


def test_db_argument_beats_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAVIGATOR_DB", str(tmp_path / "env.db"))
    assert choose_directory_url(None).endswith("env.db")
    assert choose_directory_url(str(tmp_path / "arg.db")).endswith("arg.db")
    assert choose_directory_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def assert_refused(path: Path, message: str) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_database(url(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list")
    assert_refused(path, "notes.db is not a Navigator database")


def test_a_damaged_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    open_database(url(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    path.write_bytes(bytes(data))
    assert_refused(path, "damaged.db is damaged or is not a Navigator database")


def test_another_programs_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table recipes (name text)")
    connection.close()
    assert_refused(path, "other.db is a database, but not a Navigator directory")


def test_a_database_from_a_newer_navigator_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("update alembic_version set version_num = '9999'")
    connection.close()
    assert_refused(path, "made by a newer version of Navigator")


def test_a_locked_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    open_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("update alembic_version set version_num = '0000'")  # needs migrating
    connection.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        with pytest.raises(StoreError, match=r"busy\.db is busy: another copy of Navigator"):
            open_database(f"{url(path)}?timeout=0.2")  # not the 30 s a real writer is given
    finally:
        holder.execute("rollback")
        holder.close()


def test_a_read_only_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "readonly.db"
    DirectoryRepository(open_database(url(path))).count()
    ro = open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    from navigator.domain.directory import Activity

    with pytest.raises(StoreError, match="read-only"):
        DirectoryRepository(ro).import_activities(
            [Activity(id="a", name="A", categories=("music",))]
        )


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_database(url(tmp_path / "no" / "such" / "dir.db"))


def test_backup_copies_a_live_database(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    repository = DirectoryRepository(open_database(url(path)))
    from navigator.domain.directory import Activity

    repository.import_activities([Activity(id="a", name="A", categories=("music",))])
    backup_sqlite(path, tmp_path / "copy.db")
    assert DirectoryRepository(open_database(url(tmp_path / "copy.db"))).count() == 1


def test_an_older_file_is_copied_before_it_is_migrated(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from navigator.domain.directory import Activity
    from navigator.store.database import _alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(url(path))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "insert into activities (id, name, description, categories, keywords, delivery, "
            "has_venue, sessions, has_cost, cost_concessions, cost_free_taster, cost_notes, "
            "mental_health_specific, peer_led, gender, languages, status, version, updated_at)"
            " values ('a', 'Choir', '', '[\"music\"]', '[]', 'in_person', 0, '[]', 0, 0, 0, "
            "'', 0, 0, 'any', '[\"en\"]', 'active', 1, '2026-01-01 00:00:00')"
        )
    engine.dispose()

    migrated = open_database(url(path))
    backup = tmp_path / f"old.before-{head_revision()}.db"
    assert backup.exists()
    with sqlite3.connect(backup) as connection:
        assert connection.execute("select version_num from alembic_version").fetchone() == ("0001",)
        assert connection.execute("select name from activities").fetchall() == [("Choir",)]
    connection.close()
    assert DirectoryRepository(migrated).all_activities() == [
        Activity(id="a", name="Choir", categories=("music",))
    ]


def test_a_new_file_is_not_copied(tmp_path: Path) -> None:
    open_database(url(tmp_path / "fresh.db")).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.db"]


def test_the_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from navigator.store.models import Base

    open_database(url(tmp_path / "d.db")).close()
    engine = create_engine(url(tmp_path / "d.db"))
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_peoples_postcodes_cached_by_earlier_versions_are_forgotten(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from navigator.store.database import _alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(url(path))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0005")
        for postcode, source in (("N7 6PA", "online postcode lookup"), ("N19 5RQ", "nominatim")):
            connection.exec_driver_sql(
                "insert into geocode_cache (postcode, lat, lon, source, fetched_at) values "
                f"('{postcode}', 51.5, -0.1, '{source}', '2026-01-01 00:00:00')"
            )
    engine.dispose()
    open_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        kept = connection.execute("select postcode, source from geocode_cache").fetchall()
    connection.close()
    assert kept == [("N19 5RQ", "nominatim")]  # a venue's answer stays; a person's is gone
