"""Shared set-up for the people store tests: a private store per test and a settable clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.services.people import PeopleService, open_people_service

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, days: int) -> None:
        self.now += dt.timedelta(days=days)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "people.db"


@pytest.fixture
def service(store_path: Path, clock: Clock) -> Iterator[PeopleService]:
    people = open_people_service(str(store_path), worker="Sam Worker", clock=clock)
    yield people
    people.close()
