"""tests/services/test_directory_import.py on PostgreSQL."""

from __future__ import annotations

import pytest

from navigator.services.directory import DirectoryService
from navigator.store.database import Database
from navigator.store.repository import DirectoryRepository
from tests.services import test_directory_import as on_sqlite
from tests.store.on_postgresql import ON_POSTGRESQL, borrowed_tests

pytestmark = ON_POSTGRESQL
globals().update(borrowed_tests(on_sqlite, "service", unless=()))


@pytest.fixture
def service(backend_database: Database) -> DirectoryService:
    return DirectoryService(DirectoryRepository(backend_database))
