"""tests/services/test_matching_service.py on PostgreSQL."""

from __future__ import annotations

import pytest

from navigator.store.database import Database
from navigator.store.repository import DirectoryRepository
from tests.services import test_matching_service as on_sqlite
from tests.services.fakes import venue_activity
from tests.store.on_postgresql import ON_POSTGRESQL, borrowed_tests

pytestmark = ON_POSTGRESQL
globals().update(borrowed_tests(on_sqlite, "repository"))


@pytest.fixture
def repository(backend_database: Database) -> DirectoryRepository:
    repository = DirectoryRepository(backend_database)
    repository.import_activities(
        [  # as in the SQLite module's fixture
            venue_activity("a", "N7 6PA", 51.550, -0.110),
            venue_activity("b", "N7 6QX", 51.552, -0.114),
            venue_activity("c", "N7 9QJ", 51.560, -0.120),
        ]
    )
    return repository
