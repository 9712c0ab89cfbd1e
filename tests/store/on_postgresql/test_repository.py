"""tests/store/test_repository.py on PostgreSQL."""

from __future__ import annotations

import pytest

from navigator.store.database import Database
from navigator.store.repository import DirectoryRepository
from tests.store import test_repository as on_sqlite
from tests.store.on_postgresql import ON_POSTGRESQL, borrowed_tests

pytestmark = ON_POSTGRESQL
# Its text may hold NUL, which PostgreSQL text cannot: tests/store/test_backends.py runs the
# round trip on both backends without NUL, and checks PostgreSQL refuses NUL plainly.
globals().update(
    borrowed_tests(on_sqlite, "repository", leave_out=("test_every_field_round_trips_exactly",))
)


@pytest.fixture
def repository(backend_database: Database) -> DirectoryRepository:
    return DirectoryRepository(backend_database)
