"""Every storage failure a person can cause or meet is one sentence saying what to do, and
leaves the directory as it was: a server that cannot be reached, a wrong password, a full
disk, a read-only file or database, a locked directory, a schema from a newer Navigator.

(A newer schema on both backends: tests/store/test_backends.py; a damaged file:
test_corrupt_file.py.)"""

from __future__ import annotations

import socket
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from navigator.domain.directory import Activity
from navigator.store.database import (
    StoreError,
    check_connection,
    open_database,
    store_password,
)
from navigator.store.repository import DirectoryRepository


def one_sentence(error: BaseException) -> str:
    message = str(error)
    assert "\n" not in message and message.endswith(".") and ". " not in message[:-1], message
    return message


def choir(activity_id: str = "a1", name: str = "Choir") -> Activity:
    return Activity(
        id=activity_id, name=name, categories=("music",), description="Singing for everyone. " * 10
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# A server that cannot be reached ---------------------------------------------------------


def test_a_server_that_cannot_be_reached() -> None:
    url = f"postgresql+psycopg://worker@127.0.0.1:{free_port()}/navigator"  # nobody listens
    with pytest.raises(StoreError) as caught:
        open_database(url)
    assert one_sentence(caught.value) == (
        f"The database server at 127.0.0.1:{make_url(url).port} cannot be reached; check the "
        "address in Settings, that the server is running and your network."
    )
    with pytest.raises(StoreError, match="cannot be reached"):
        check_connection(url)


# PostgreSQL: password, missing database, read-only, locked ------------------------------------


@pytest.fixture
def password_role(postgres_url: str) -> Iterator[str]:
    """A role that must give a password over TCP (dropped with the test's database)."""
    role = f"navigator_pw_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"create role {role} login password 'right-password'"))
        connection.execute(
            text(f'grant all on database "{make_url(postgres_url).database}" to {role}')
        )
    yield make_url(postgres_url).set(username=role, password=None).render_as_string(False)
    with admin.connect() as connection:
        connection.execute(text(f"drop owned by {role}"))
        connection.execute(text(f"drop role {role}"))
    admin.dispose()


def test_a_wrong_password(password_role: str) -> None:
    url = password_role
    try:
        check_connection(url, password="not-the-password")
    except StoreError as error:
        user = make_url(url).username
        assert one_sentence(error) == (
            f"The database server refused the password for {user}; "
            "check the user name and password in Settings."
        )
    else:
        pytest.skip("this test server lets anyone in without a password (trust)")
    # The right one, from the keyring as the settings dialog keeps it, gets in.
    store_password(url, "right-password")
    assert "it is empty" in check_connection(url)


def test_a_database_that_is_not_there(postgres_url: str) -> None:
    url = make_url(postgres_url).set(database="no_such_directory").render_as_string(False)
    with pytest.raises(StoreError) as caught:
        open_database(url)
    assert one_sentence(caught.value).startswith(
        "There is no database called no_such_directory on "
    )


def test_a_read_only_server_database(postgres_url: str) -> None:
    repository = DirectoryRepository(open_database(postgres_url))
    repository.import_activities([choir()])
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(
                f'alter database "{make_url(postgres_url).database}" '
                "set default_transaction_read_only = on"
            )
        )
    admin.dispose()
    reader = DirectoryRepository(open_database(postgres_url))  # new connections: read-only
    with pytest.raises(StoreError) as caught:
        reader.save(choir(name="Edited"), 1)
    assert one_sentence(caught.value).endswith(
        " only allows reading, so changes cannot be saved; ask whoever runs the server for "
        "permission to change it."
    )
    assert reader.get("a1").activity.name == "Choir"  # type: ignore[union-attr]
    reader.database.close()
    repository.database.close()


def test_a_directory_locked_by_someone_elses_long_change(postgres_url: str) -> None:
    open_database(postgres_url).close()
    impatient = make_url(postgres_url).update_query_dict({"options": "-c lock_timeout=300"})
    repository = DirectoryRepository(open_database(impatient.render_as_string(False)))
    repository.import_activities([choir()])
    holder = create_engine(postgres_url).connect()
    holder.execute(text("select revision from directory_state for update"))  # a long import
    try:
        with pytest.raises(StoreError) as caught:
            repository.save(choir(name="Edited"), 1)
        assert one_sentence(caught.value) == (
            "The directory is busy with someone else's change; try again in a moment."
        )
    finally:
        holder.rollback()
        holder.close()
    assert repository.save(choir(name="Edited"), 1) == 2  # once it is free, it saves
    repository.database.close()


# SQLite: full disk, read-only file, locked file ----------------------------------------------


def test_a_full_disk_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    repository = DirectoryRepository(database)
    repository.import_activities([choir()])
    (pages,) = sqlite3.connect(path).execute("pragma page_count").fetchone()

    # The file may not grow past its size now: SQLite answers SQLITE_FULL, as on a full disk.
    @event.listens_for(database.engine, "connect")
    def _no_room(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"pragma max_page_count = {pages}")

    database.engine.dispose()
    with pytest.raises(StoreError) as caught:
        repository.import_activities([choir(f"new-{n}") for n in range(500)])
    assert one_sentence(caught.value) == (
        "The disk is full, so nothing was saved; free some space and try again."
    )
    assert [a.id for a in repository.all_activities()] == ["a1"]
    database.close()


def test_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    open_database(f"sqlite:///{path}").close()
    read_only = DirectoryRepository(open_database(f"sqlite:///file:{path}?mode=ro&uri=true"))
    with pytest.raises(StoreError) as caught:
        read_only.import_activities([choir()])
    assert one_sentence(caught.value) == (
        "directory.db is read-only, so changes cannot be saved; check the file's permissions "
        "or open a copy."
    )
    read_only.database.close()


def test_a_file_locked_by_another_program(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}?timeout=0.2")
    repository = DirectoryRepository(database)
    repository.import_activities([choir()])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        with pytest.raises(StoreError) as caught:
            repository.save(choir(name="Edited"), 1)
        assert one_sentence(caught.value) == (
            "directory.db is busy: another copy of Navigator — perhaps a colleague's — or "
            "another program is saving to it; try again in a moment (a team sharing a directory "
            "should keep it on a PostgreSQL server: see “A team sharing one directory” in "
            "Navigator's README)."
        )
    finally:
        holder.execute("rollback")
        holder.close()
    assert repository.save(choir(name="Edited"), 1) == 2
    database.close()


def test_a_writer_waits_its_turn_rather_than_failing(tmp_path: Path) -> None:
    """Two of Navigator's own writers: the second waits for the first (within the timeout)
    instead of failing or reading what the first is about to change."""
    path = tmp_path / "directory.db"
    first, second = (open_database(f"sqlite:///{path}") for _ in range(2))
    DirectoryRepository(first).import_activities([choir()])
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("begin immediate")  # a write in progress, as an import would hold
    released = threading.Timer(0.5, lambda: holder.execute("rollback"))
    released.start()
    assert DirectoryRepository(second).save(choir(name="Edited"), 1) == 2
    released.join()
    holder.close()
    for database in (first, second):
        database.close()


def test_messages_never_show_a_password() -> None:
    url = f"postgresql+psycopg://worker:s3cret-pw@127.0.0.1:{free_port()}/navigator"
    with pytest.raises(StoreError) as caught:
        open_database(url)
    assert "s3cret-pw" not in str(caught.value)
