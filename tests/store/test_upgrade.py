"""Upgrading Navigator keeps the user's data: a directory and a people store written at the
oldest schema revisions the migrations know are opened by the app's own opening path (the
user's data folder, no arguments) and come out at the newest schema with every entry kept.

The files are written with plain SQL at the old revision, as an old release would have left
them; the models of this release describe only the newest schema.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import platformdirs
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

import navigator
from navigator.domain.profile import Profile
from navigator.formats.profile import profile_to_json
from navigator.services.backups import open_with_backup
from navigator.services.people import open_people_service
from navigator.store import database as directory_store
from navigator.store import people_database as people_store
from navigator.store.database import choose_directory_url, data_dir, head_revision
from navigator.store.people_database import people_head_revision
from navigator.store.people_models import VERSION_TABLE
from navigator.store.repository import DirectoryRepository


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's data folder with nothing else choosing a database."""
    for name in ("NAVIGATOR_DB", "NAVIGATOR_PEOPLE_DB"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(folder))
    return folder


def _oldest(script: ScriptDirectory) -> str:
    (base,) = [r.revision for r in script.walk_revisions() if r.down_revision is None]
    return base


def _write_old_directory(path: Path) -> str:
    """directory.db at the first directory revision, holding two activities."""
    config = directory_store._alembic_config(None)
    revision = _oldest(ScriptDirectory.from_config(config))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(directory_store._alembic_config(connection), revision)
        for id_, name, category in (
            ("old-1", "Riverside Choir", "music"),
            ("old-2", "Tuesday Allotment", "gardening"),
        ):
            connection.exec_driver_sql(
                "insert into activities (id, name, description, categories, keywords, "
                "delivery, has_venue, sessions, has_cost, cost_concessions, cost_free_taster, "
                "cost_notes, mental_health_specific, peer_led, gender, languages, status, "
                "version, updated_at) values (?, ?, '', ?, '[]', 'in_person', 0, '[]', 0, 0, "
                "0, '', 0, 0, 'any', '[\"en\"]', 'active', 1, '2026-01-01 00:00:00')",
                (id_, name, json.dumps([category])),
            )
    engine.dispose()
    return revision


def _write_old_people_store(path: Path) -> str:
    """people.db at the first people revision: one person with a goal, a contact and a
    planned activity."""
    migrations = people_store.PEOPLE_MIGRATIONS
    revision = _oldest(ScriptDirectory.from_config(people_store._alembic_config(None, migrations)))
    profile = json.dumps(profile_to_json(Profile(interests=("gardening",))))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(people_store._alembic_config(connection, migrations), revision)
        connection.exec_driver_sql(
            "insert into people (id, reference, record_key, profile, opened_on, updated_at) "
            "values (1, 'AB-0042', '0123456789abcdef0123456789abcdef', ?, '2026-02-03', "
            "'2026-02-03 10:00:00')",
            (profile,),
        )
        connection.exec_driver_sql(
            "insert into goals (person_id, position, text, timeframe, status) "
            "values (1, 0, 'Get out of the flat once a week', 'weeks', 'working_on')"
        )
        connection.exec_driver_sql(
            "insert into contacts (person_id, happened_on, kind, note) "
            "values (1, '2026-02-03', 'appointment', 'First appointment')"
        )
        connection.exec_driver_sql(
            "insert into plan_items (person_id, activity_id, activity_name, status, note) "
            "values (1, 'old-2', 'Tuesday Allotment', 'suggested', '')"
        )
    engine.dispose()
    return revision


def test_the_app_upgrades_an_old_directory_in_the_data_folder_keeping_every_entry(
    data_folder: Path,
) -> None:
    path = data_folder / "directory.db"
    old = _write_old_directory(path)
    assert old != head_revision(), "only one revision: nothing to upgrade from"

    # What build_main_window does with no --db: choose the user's copy, check, back up, open.
    url = choose_directory_url(None)
    assert url == f"sqlite:///{path.resolve()}"  # the user's own file, not the bundled one
    database = open_with_backup(url)
    try:
        names = sorted(a.name for a in DirectoryRepository(database).all_activities())
    finally:
        database.close()
    assert names == ["Riverside Choir", "Tuesday Allotment"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("select version_num from alembic_version").fetchone() == (
            head_revision(),
        )
    connection.close()
    # The file from before the upgrade is kept beside it, in case the new release is wrong.
    assert (data_folder / f"directory.before-{head_revision()}.db").exists()


def test_the_app_upgrades_an_old_people_store_keeping_every_record(data_folder: Path) -> None:
    path = data_folder / "people.db"
    old = _write_old_people_store(path)
    assert old != people_head_revision(), "only one revision: nothing to upgrade from"

    # What the Follow-up tab does with no people database named.
    service = open_people_service(None, worker="upgrade test")
    try:
        references = [summary.reference for summary in service.people()]
        record = service.person("AB-0042")
    finally:
        service.close()
    assert references == ["AB-0042"]
    assert record.profile.interests == ("gardening",)
    assert [goal.text for goal in record.goals] == ["Get out of the flat once a week"]
    assert [contact.note for contact in record.contacts] == ["First appointment"]
    assert [(item.activity_id, item.activity_name) for item in record.plan] == [
        ("old-2", "Tuesday Allotment")
    ]
    with sqlite3.connect(path) as connection:
        assert connection.execute(f"select version_num from {VERSION_TABLE}").fetchone() == (
            people_head_revision(),
        )
    connection.close()


def test_data_lives_where_platformdirs_says_not_beside_the_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An installer replaces the program's folder on upgrade: nothing of the user's may be there.
    monkeypatch.delenv("NAVIGATOR_DATA_DIR", raising=False)
    folder = data_dir()
    assert folder == platformdirs.user_data_path("Navigator", appauthor=False)
    program = Path(navigator.__file__).resolve().parents[1]
    assert not folder.resolve().is_relative_to(program)
