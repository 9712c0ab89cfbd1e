"""The people store on disk: its own file, private to its owner, migrated safely, and never
mixed up with the directory database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from navigator.store import people_database
from navigator.store.database import StoreError, choose_directory_url, data_dir, open_database
from navigator.store.people_database import (
    PEOPLE_MIGRATIONS,
    choose_people_url,
    open_people_database,
    people_head_revision,
)
from navigator.store.people_models import VERSION_TABLE

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask there is: 0600 must not depend on the user's umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# Where the store is -------------------------------------------------------------------------


def test_by_default_the_store_is_people_db_in_the_data_folder() -> None:
    chosen = choose_people_url()
    assert chosen == url((data_dir() / "people.db").resolve())
    assert chosen != choose_directory_url(None)


def test_argument_beats_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAVIGATOR_PEOPLE_DB", str(tmp_path / "env.db"))
    assert choose_people_url().endswith("env.db")
    assert choose_people_url(str(tmp_path / "arg.db")).endswith("arg.db")
    # The directory's variable never moves the people store.
    monkeypatch.setenv("NAVIGATOR_DB", str(tmp_path / "directory.db"))
    assert choose_people_url().endswith("env.db")


def test_a_new_store_gets_the_newest_schema_in_its_own_version_table(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        (revision,) = connection.execute(f"select version_num from {VERSION_TABLE}").fetchone()
        tables = {r[0] for r in connection.execute("select name from sqlite_master")}
    connection.close()
    assert revision == people_head_revision()
    assert "alembic_version" not in tables and "activities" not in tables


def test_the_directory_database_is_never_taken_for_the_people_store(tmp_path: Path) -> None:
    directory = tmp_path / "directory.db"
    open_database(url(directory)).close()
    before = directory.read_bytes(), mode(directory)
    with pytest.raises(
        StoreError,
        match=r"directory\.db is a database, but not a "
        "Navigator people store",
    ):
        open_people_database(url(directory))
    assert (directory.read_bytes(), mode(directory)) == before  # not even chmod-ed


def test_the_people_store_is_never_taken_for_a_directory(tmp_path: Path) -> None:
    people = tmp_path / "people.db"
    open_people_database(url(people)).close()
    with pytest.raises(StoreError, match="not a Navigator directory"):
        open_database(url(people))


# Private to its owner -----------------------------------------------------------------------


@posix_only
def test_a_new_store_is_owner_only_whatever_the_umask(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    assert mode(path) == 0o600


@posix_only
def test_an_existing_store_is_made_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    path.chmod(0o644)
    stray = path.with_name("people.db-journal")
    stray.write_bytes(b"")
    stray.chmod(0o644)
    open_people_database(url(path)).close()
    assert mode(path) == 0o600
    assert not stray.exists() or mode(stray) == 0o600


@posix_only
def test_the_journal_is_owner_only_and_gone_after_each_transaction(
    tmp_path: Path, open_umask: None
) -> None:
    path = tmp_path / "people.db"
    database = open_people_database(url(path))
    journal = path.with_name("people.db-journal")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        connection.rollback()
        transaction = connection.begin()
        connection.execute(
            text(
                "insert into activity_flags (activity_id, reason, flagged_on) "
                "values ('a', 'closed', '2026-01-01')"
            )
        )
        assert journal.exists()
        assert mode(journal) == 0o600
        transaction.commit()
    assert not journal.exists()
    assert not path.with_name("people.db-wal").exists()
    database.close()


# Migrations ---------------------------------------------------------------------------------

# A later revision, added to a copy of the real migrations for these tests.
NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "p9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    {body}


def downgrade() -> None:
    pass
"""


def later_migrations(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(PEOPLE_MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "p9999_test.py").write_text(
        NEXT_REVISION.format(head=people_head_revision(), body=body)
    )
    return folder


@posix_only
def test_the_file_is_copied_before_migrating_and_the_copy_removed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    copies: list[tuple[Path, int, bool]] = []
    real_backup = people_database.backup_sqlite

    def watching_backup(source: Path, target: Path) -> None:
        real_backup(source, target)
        with sqlite3.connect(target) as copy:
            tables = {r[0] for r in copy.execute("select name from sqlite_master")}
        copy.close()
        copies.append((target, mode(target), "people" in tables))

    monkeypatch.setattr(people_database, "backup_sqlite", watching_backup)
    folder = later_migrations(tmp_path, 'op.add_column("audit_log", sa.Column("x", sa.Integer))')
    open_people_database(url(path), migrations=folder).close()
    [(copy, copy_mode, complete)] = copies
    assert copy.name == "people.before-p9999.db"
    assert copy_mode == 0o600 and complete
    # It held people's records that a later erase could not reach, so it is gone.
    assert not copy.exists()


@posix_only
def test_a_failed_migration_keeps_the_private_copy_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    folder = later_migrations(
        tmp_path,
        "import sqlite3\n"
        '    raise sa.exc.OperationalError("ALTER", {}, '
        'sqlite3.OperationalError("database or disk is full"))',
    )
    with pytest.raises(StoreError) as caught:
        open_people_database(url(path), migrations=folder)
    message = str(caught.value)
    assert message.startswith("The disk is full")
    assert "people.before-p9999.db" in message and "\n" not in message
    copy = tmp_path / "people.before-p9999.db"
    assert copy.exists() and mode(copy) == 0o600


# One clear sentence for what a user can cause -----------------------------------------------


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    path.write_text("shopping list")
    with pytest.raises(StoreError, match=r"people\.db is not a Navigator people store"):
        open_people_database(url(path))
    assert path.read_text() == "shopping list"


def test_a_store_from_a_newer_navigator_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"update {VERSION_TABLE} set version_num = 'p9999'")
    connection.close()
    with pytest.raises(StoreError, match="made by a newer version of Navigator"):
        open_people_database(url(path))


def test_a_missing_folder_or_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_people_database(url(tmp_path / "no" / "people.db"))
    with pytest.raises(StoreError, match="There is no people store at"):
        open_people_database(url(tmp_path / "people.db"), create=False)


def test_the_schema_has_no_place_for_identifiers(tmp_path: Path) -> None:
    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("select name from sqlite_master where type = 'table'")
        ]
        columns = {
            f"{t}.{c[1]}" for t in tables for c in connection.execute(f"pragma table_info({t})")
        }
    connection.close()
    forbidden = ("birth", "dob", "nhs", "address", "phone", "email", "surname", "first_name")
    assert [c for c in columns if any(f in c for f in forbidden) or c.endswith(".name")] == []


def test_the_migrations_build_exactly_the_tables_of_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from navigator.store.people_models import PeopleBase

    database = open_people_database(url(tmp_path / "people.db"))
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, PeopleBase.metadata) == []
    database.close()


def test_a_read_only_store_says_so_when_saving(tmp_path: Path) -> None:
    from navigator.domain.profile import Profile
    from navigator.services.people import PeopleService, people_repository

    path = tmp_path / "people.db"
    open_people_database(url(path)).close()
    database = open_people_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    service = PeopleService(people_repository(database), "Sam Worker")
    with pytest.raises(StoreError, match="read-only, so changes cannot be saved"):
        service.create_from_profile(Profile(), reference="AB-1")
    database.close()
