"""PostgreSQL failures that used to show Python's own text (issue 14, item 8): an address whose
port is not a number (a ValueError traceback), and a server that goes away in the middle of
an import (a stray "error ignored terminating <psycopg.Pipeline …>" line before the message).

The dropped-server test needs a server: the `postgres_url` fixture gives it a new database on
the one NAVIGATOR_TEST_PG_URL names (CI starts a throwaway one)."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from navigator.domain.directory import Activity
from navigator.store.database import (
    StoreError,
    choose_directory_url,
    open_database,
    to_url,
    without_password,
)
from navigator.store.repository import DirectoryRepository

BAD_PORT = "postgresql+psycopg://worker:s3cret-pw@db.example.org:54x2/navigator"


def test_a_port_that_is_not_a_number_is_named_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        to_url(BAD_PORT)
    message = str(caught.value)
    assert message == (
        "'postgresql+psycopg://worker:***@db.example.org:54x2/navigator' is not a database "
        "address Navigator understands: the port after the server's name must be a number."
    )
    assert "s3cret-pw" not in message


def test_the_same_address_from_the_environment_is_refused_the_same_way(tmp_path: Path) -> None:
    env = {"NAVIGATOR_DB": BAD_PORT, "NAVIGATOR_DATA_DIR": str(tmp_path)}
    with pytest.raises(StoreError, match="port after the server's name must be a number"):
        choose_directory_url(None, env)
    assert list(tmp_path.iterdir()) == []  # nothing made on the way


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("postgresql+psycopg://u:pw@h/db", "postgresql+psycopg://u:***@h/db"),
        ("postgresql+psycopg://u:p@ss:w@h:5432/db", "postgresql+psycopg://u:***@h:5432/db"),
        ("postgresql+psycopg://u@h:x/db", "postgresql+psycopg://u@h:x/db"),
        ("postgresql+psycopg://h/db", "postgresql+psycopg://h/db"),
        ("not an address", "not an address"),
    ],
)
def test_an_address_is_shown_without_its_password(address: str, shown: str) -> None:
    assert without_password(address) == shown


# A server that goes away mid-import ------------------------------------------------------------


@pytest.fixture
def admin(postgres_url: str) -> Iterator[Engine]:
    """A superuser connection to the test server, to cut another connection off."""
    engine = create_engine(
        os.environ["NAVIGATOR_TEST_PG_URL"], isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    yield engine
    engine.dispose()


def test_a_server_lost_mid_import_gives_one_sentence_and_no_stray_line(
    postgres_url: str, admin: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    database = open_database(postgres_url)
    repository = DirectoryRepository(database)
    name = make_url(postgres_url).database
    marker = f"import-{uuid.uuid4().hex[:8]}"
    cut: list[int] = []

    def cut_off_after_the_first_chunk(done: int, total: int) -> None:
        # The importing connection is ended by the server, as when it restarts or the
        # network drops: the next chunk's executemany meets a closed connection.
        if not cut:
            cut.append(done)
            with admin.connect() as connection:
                connection.execute(
                    text(
                        "select pg_terminate_backend(pid) from pg_stat_activity "
                        "where datname = :name and pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )

    activities = [
        Activity(id=f"{marker}-{n}", name="Choir", categories=("music",)) for n in range(3000)
    ]
    caplog.set_level(logging.WARNING)
    with pytest.raises(StoreError) as caught:
        repository.import_activities(activities, progress=cut_off_after_the_first_chunk)
    assert cut and cut[0] < len(activities)  # it really was cut off part way
    assert str(caught.value) == (
        f"The connection to the database server at {make_url(postgres_url).host}:"
        f"{make_url(postgres_url).port} was lost; check your network and try again."
    )
    # psycopg's second, ignored error is not printed (by logging's last resort) or logged.
    assert not [r for r in caplog.records if "error ignored terminating" in r.getMessage()]
    # All or nothing: after reconnecting, none of the import is there.
    assert repository.count() == 0
    database.close()
