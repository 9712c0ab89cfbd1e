"""Fixtures for the feed tests: a real HTTP server on 127.0.0.1 and a clock that records
waits instead of sleeping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests.feeds.feed_server import FeedServer, running_server


class FakeClock:
    """Waits are added up, never slept, so backoff costs the tests nothing."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.current = now or dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.current += dt.timedelta(seconds=seconds)

    def now(self) -> dt.datetime:
        return self.current

    @property
    def total(self) -> float:
        return sum(self.slept)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
