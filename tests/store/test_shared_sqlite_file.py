"""Several computers on one SQLite directory file (a team's network drive): a short overlap
waits its turn; a long one is named for what it most likely is, a colleague's Navigator in
the middle of a save, and points the team to PostgreSQL (issue 14, item 7)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from navigator.domain.directory import Activity
from navigator.store.database import LOCK_TIMEOUT_MS, StoreError, open_database
from navigator.store.repository import DirectoryRepository

BUSY = (
    "directory.db is busy: another copy of Navigator — perhaps a colleague's — or another "
    "program is saving to it; try again in a moment (a team sharing a directory should keep it "
    "on a PostgreSQL server: see “A team sharing one directory” in Navigator's README)."
)

# A colleague's Navigator, in another process: it imports into the same file and stops in the
# middle (its progress callback waits for a line on stdin), holding the write transaction an
# import holds, until the test lets it go.
COLLEAGUE = textwrap.dedent(
    """
    import sys
    from navigator.domain.directory import Activity
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

    def halfway(done: int, total: int) -> None:
        print("writing", flush=True)
        sys.stdin.readline()

    repository = DirectoryRepository(open_database(sys.argv[1]))
    activities = [Activity(id=f"c{n}", name="Walk", categories=("walking",)) for n in range(50)]
    repository.import_activities(activities, progress=halfway)
    print("done", flush=True)
    """
)


def choir(name: str = "Choir") -> Activity:
    return Activity(id="a1", name=name, categories=("music",))


def test_a_directory_file_waits_as_long_as_a_server_would() -> None:
    """The driver's busy timeout is what a PostgreSQL lock wait is given, not 5 s."""
    database = open_database("sqlite://")
    with database.engine.connect() as connection:
        waits_ms = connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
    database.close()
    assert waits_ms == LOCK_TIMEOUT_MS


def test_a_save_during_a_colleagues_long_import_names_what_is_happening(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    url = f"sqlite:///{path}"
    mine = DirectoryRepository(open_database(f"{url}?timeout=0.2"))  # not 30 s, for the test
    mine.import_activities([choir()])
    colleague = subprocess.Popen(
        [sys.executable, "-c", COLLEAGUE, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert colleague.stdout is not None and colleague.stdin is not None
    try:
        assert colleague.stdout.readline() == "writing\n"  # its import holds the write lock
        with pytest.raises(StoreError) as caught:
            mine.save(choir("Edited"), 1)
        assert str(caught.value) == BUSY
        assert [a.name for a in mine.all_activities()] == ["Choir"]  # nothing half-saved
    finally:
        colleague.stdin.write("\n")
        colleague.stdin.flush()
        out, err = colleague.communicate(timeout=60)
    assert colleague.returncode == 0, err
    assert "done" in out
    # Once the colleague has finished, the same save goes through, and both changes are kept.
    assert mine.save(choir("Edited"), 1) == 2
    assert mine.count() == 51
    mine.database.close()


def test_the_people_store_is_not_called_a_shared_directory(tmp_path: Path) -> None:
    """people.db is one worker's own: a lock there is another window, never a colleague."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from navigator.store.database import describe_error

    locked = OperationalError("update", {}, sqlite3.OperationalError("database is locked"))
    url = f"sqlite:///{tmp_path / 'people.db'}"
    assert "colleague" not in str(describe_error(locked, url, shared=False))
    assert str(describe_error(locked, url, shared=False)) == (
        "people.db is in use by another program; close it and try again."
    )
