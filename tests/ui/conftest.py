"""A small directory database for window tests, built by the same code the app uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from navigator.domain.directory import (
    Activity,
    Booking,
    Cost,
    Day,
    Delivery,
    Session,
    Status,
    Venue,
)
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

ACTIVITIES = [
    Activity(
        id="choir",
        name="Holloway Community Choir",
        categories=("music",),
        keywords=("singing",),
        venue=Venue(
            name="St Luke's Hall", postcode="N7 6PA", lat=51.553, lon=-0.117, step_free=True
        ),
        sessions=(Session(Day.WED, dt.time(18, 30), dt.time(20)),),
        cost=Cost(per_session_gbp=2.0, concessions=True),
        booking=Booking.DROP_IN,
        last_verified=dt.date(2026, 9, 1),
    ),
    Activity(
        id="garden",
        name="Growing Together",
        categories=("nature_gardening",),
        keywords=("allotment",),
        venue=Venue(
            name="Caledonian Garden", postcode="N7 9QJ", lat=51.548, lon=-0.118, step_free=None
        ),
        cost=Cost(per_session_gbp=0.0),
    ),
    Activity(
        id="phone",
        name="Friendly Call",
        categories=("befriending",),
        delivery=Delivery.PHONE,
        cost=Cost(per_session_gbp=0.0),
    ),
    Activity(
        id="markup",
        name="<b>Bold</b> & <script>alert(1)</script>",
        categories=("social_club",),
        description="<img src=x onerror=alert(1)>",
    ),
    Activity(id="paused", name="Paused Pottery", categories=("arts_crafts",), status=Status.PAUSED),
]


@pytest.fixture
def directory_db(tmp_path: Path) -> str:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    DirectoryRepository(database).import_activities(ACTIVITIES)
    database.close()
    return str(path)
