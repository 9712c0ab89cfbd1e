"""Alembic is imported only when a migration is due (issue 17, item 5): the usual start, on a
database already at the newest schema, reads the stored revision with one plain query and
compares it with the newest one in the migration files, read without Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from navigator.store.database import (
    MIGRATIONS,
    head_revision,
    newest_revision_on_disk,
    open_database,
)
from navigator.store.people_database import (
    PEOPLE_MIGRATIONS,
    open_people_database,
    people_head_revision,
)


def test_the_files_name_the_same_newest_revision_as_alembic() -> None:
    assert newest_revision_on_disk(MIGRATIONS) == head_revision()
    assert newest_revision_on_disk(PEOPLE_MIGRATIONS) == people_head_revision()


def test_a_folder_with_two_heads_is_left_to_alembic(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text('revision = "a"\ndown_revision = None\n')
    (versions / "b.py").write_text('revision = "b"\ndown_revision = "a"\n')
    assert newest_revision_on_disk(tmp_path) == "b"
    (versions / "c.py").write_text('revision: str = "c"\ndown_revision = "a"\n')
    assert newest_revision_on_disk(tmp_path) is None  # b and c both: not plain


def opens_without_alembic(code: str) -> bool:
    """Whether `code`, run in a fresh interpreter, finished without importing Alembic."""
    check = code + "\nimport sys\nprint('alembic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip().splitlines()[-1] == "False"


def test_an_up_to_date_directory_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'directory.db'}"
    open_database(url).close()  # created and migrated: Alembic needed here
    assert opens_without_alembic(
        f"from navigator.store.database import open_database\nopen_database({url!r}).close()"
    )


def test_an_up_to_date_people_store_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'people.db'}"
    open_people_database(url).close()
    assert opens_without_alembic(
        "from navigator.store.people_database import open_people_database\n"
        f"open_people_database({url!r}).close()"
    )


def test_a_new_database_still_gets_every_migration(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert not opens_without_alembic(
        f"from navigator.store.database import open_database\nopen_database({url!r}).close()"
    )
    database = open_database(url)
    with database.engine.connect() as connection:
        from navigator.store.database import stored_revision

        assert stored_revision(connection) == head_revision()
    database.close()
