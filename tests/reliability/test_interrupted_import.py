"""An import killed mid-way (the laptop's battery dies, the process is killed) leaves the
directory exactly as it was, and it opens cleanly afterwards.

A child process imports a large directory file through DirectoryService, as `navigator
directory import` does, and says as each chunk of rows goes to the database. Half-way through
the writing it is killed with SIGKILL: no clean-up of any kind runs. On SQLite the file has by
then been partly overwritten (the import is larger than SQLite's page cache) and its rollback
journal is still there; on PostgreSQL the server is left with an open transaction from a
connection that vanished.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Venue
from navigator.formats.native import directory_to_json
from navigator.services.backups import list_backups
from navigator.store.database import check_sqlite_integrity, open_database, sqlite_path
from navigator.store.repository import IMPORT_CHUNK, DirectoryRepository

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[2]
BIG = 20_000  # rows: about 12 MB in SQLite, well past its 2 MB page cache
KILL_AFTER_CHUNKS = BIG // IMPORT_CHUNK // 2

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path

    from sqlalchemy import event

    from navigator.services.directory import DirectoryService
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

    database = open_database(sys.argv[1])
    chunks = 0

    @event.listens_for(database.engine, "after_cursor_execute")
    def _say_each_chunk(conn, cursor, statement, parameters, context, executemany):
        global chunks
        if statement.lstrip().upper().startswith("INSERT INTO ACTIVITIES"):
            chunks += 1
            print(f"chunk {chunks}", flush=True)

    DirectoryService(DirectoryRepository(database)).import_file(Path(sys.argv[2]))
    print("committed", flush=True)
""")


def big_directory(path: Path) -> Path:
    activities = [
        Activity(
            id=f"big-{n:05}",
            name=f"Group {n}",
            categories=("social_club",),
            description=f"Group {n} meets weekly for tea and a chat. " * 8,
            keywords=("tea", "chat", f"k{n % 97}"),
            venue=Venue(name="Hall", postcode="N7 6PA", lat=51.55, lon=-0.11),
        )
        for n in range(BIG)
    ]
    path.write_text(json.dumps(directory_to_json(activities)), encoding="utf-8")
    return path


def snapshot(url: str) -> tuple[list[Activity], int]:
    database = open_database(url)
    try:
        repository = DirectoryRepository(database)
        return repository.all_activities(), repository.revision()
    finally:
        database.close()


@pytest.mark.slow
def test_an_import_killed_half_way_changes_nothing(backend_url: str, tmp_path: Path) -> None:
    database = open_database(backend_url)
    DirectoryRepository(database).import_activities(
        [
            Activity(id="choir", name="Holloway Community Choir", categories=("music",)),
            Activity(id="big-00001", name="Already here", categories=("music",)),
        ]
    )
    database.close()
    before = snapshot(backend_url)
    path = sqlite_path(backend_url)
    file_before = path.read_bytes() if path is not None else b""
    feed = big_directory(tmp_path / "big.json")

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, backend_url, str(feed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    started = time.monotonic()
    heard: list[str] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            heard.append(line.strip())
            if line.strip() == f"chunk {KILL_AFTER_CHUNKS}":
                child.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() - started < 120, "the child took too long"
    finally:
        child.kill()
        _, errors = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, errors
    assert heard[-1] == f"chunk {KILL_AFTER_CHUNKS}" and "committed" not in heard

    if path is not None:
        # Killed mid-write: pages of the file were overwritten, the journal to undo them is
        # still there (hot), and a backup was taken before the import began.
        assert path.read_bytes() != file_before
        assert path.with_name(path.name + "-journal").exists()
        [backup] = list_backups(path)
        assert backup.reason == "import"
        check_sqlite_integrity(backup.path)

    assert snapshot(backend_url) == before  # SQLite rolls the journal back on the first read
    database = open_database(backend_url)  # and nothing the child held is still locked
    assert (
        DirectoryRepository(database).save(
            Activity(id="choir", name="Choir, after", categories=("music",)), 1
        )
        == 2
    )
    database.close()
    if path is not None:
        assert not path.with_name(path.name + "-journal").exists()
        check_sqlite_integrity(path)
        with sqlite3.connect(path) as connection:
            assert connection.execute("pragma integrity_check").fetchall() == [("ok",)]
        connection.close()
