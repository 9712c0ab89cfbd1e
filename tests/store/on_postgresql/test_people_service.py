"""tests/people/test_people_service.py on PostgreSQL: the people store may live there too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from navigator.services.people import PeopleService, open_people_service
from tests.people import test_people_service as on_sqlite
from tests.people.conftest import NOW, Clock
from tests.store.on_postgresql import ON_POSTGRESQL, borrowed_tests

pytestmark = ON_POSTGRESQL
globals().update(borrowed_tests(on_sqlite, "service"))


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def service(backend_url: str, clock: Clock) -> Iterator[PeopleService]:
    people = open_people_service(backend_url, worker="Sam Worker", clock=clock)
    yield people
    people.close()
