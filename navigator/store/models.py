"""SQLAlchemy tables of the directory database.

One row per activity. Venue, cost, welcome and contact are embedded as prefixed columns
(each activity has at most one of each, and `has_venue`/`has_cost` keep "no venue" apart from
"a venue with nothing filled in"). Lists (categories, keywords, languages, sessions) are JSON
columns: the engine always loads the whole directory, and one row per activity is what makes
loading 100,000 activities fast; nothing queries inside those lists in SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ActivityRow(Base):
    __tablename__ = "activities"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list[str]] = mapped_column(JSON)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    delivery: Mapped[str] = mapped_column(String(20))

    has_venue: Mapped[bool] = mapped_column(default=False)
    venue_name: Mapped[str | None] = mapped_column(String(500))
    venue_address: Mapped[str | None] = mapped_column(String(1000))
    venue_postcode: Mapped[str | None] = mapped_column(String(10), index=True)
    venue_lat: Mapped[float | None] = mapped_column(Float)
    venue_lon: Mapped[float | None] = mapped_column(Float)
    venue_step_free: Mapped[bool | None]
    venue_transport_note: Mapped[str | None] = mapped_column(Text)

    sessions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    has_cost: Mapped[bool] = mapped_column(default=False)
    cost_per_session_gbp: Mapped[float | None] = mapped_column(Float)
    cost_concessions: Mapped[bool] = mapped_column(default=False)
    cost_free_taster: Mapped[bool] = mapped_column(default=False)
    cost_notes: Mapped[str] = mapped_column(Text, default="")

    mental_health_specific: Mapped[bool] = mapped_column(default=False)
    peer_led: Mapped[bool] = mapped_column(default=False)
    gender: Mapped[str] = mapped_column(String(10), default="any")
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    languages: Mapped[list[str]] = mapped_column(JSON)
    booking: Mapped[str | None] = mapped_column(String(20))
    group_size: Mapped[str | None] = mapped_column(String(20))

    welcome_bring_someone: Mapped[bool | None]
    welcome_beginners: Mapped[bool | None]
    welcome_meet_at_door: Mapped[bool | None]

    contact_phone: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_website: Mapped[str | None] = mapped_column(String(2000))

    last_verified: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)

    # FORMATS.md §1a (migration 0005). Lists are JSON like the others; the rest are scalars.
    more_venues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    for_learners_of: Mapped[list[str]] = mapped_column(JSON, default=list)
    guessed: Mapped[list[str]] = mapped_column(JSON, default=list)
    cost_amount_gbp: Mapped[float | None] = mapped_column(Float)
    cost_unit: Mapped[str | None] = mapped_column(String(20))
    with_child: Mapped[bool] = mapped_column(default=False)
    source_feed: Mapped[str | None] = mapped_column(String(200))
    source_external_id: Mapped[str | None] = mapped_column(String(500))

    # Optimistic locking: a save names the version it started from and is refused if the
    # row has moved on since (two prescribers editing the same entry).
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DirectoryState(Base):
    """A single row whose `revision` rises with every change to the directory.

    Readers (the match snapshot, another machine on a shared database) compare it with the
    revision they loaded to know when to reload.
    """

    __tablename__ = "directory_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class GeocodeCache(Base):
    """Postcodes an online geocoder has resolved, so each is asked for at most once."""

    __tablename__ = "geocode_cache"

    postcode: Mapped[str] = mapped_column(String(10), primary_key=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(100))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime)


class NotDuplicates(Base):
    """Pairs of activities a prescriber said are different, so they are not offered again.

    The pair is stored in sorted order (`id_a` < `id_b`) so each pair has one row.
    """

    __tablename__ = "not_duplicates"

    id_a: Mapped[str] = mapped_column(String(200), primary_key=True)
    id_b: Mapped[str] = mapped_column(String(200), primary_key=True)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ProblemReportRow(Base):
    """'Report a problem' from a worker about an entry; open until the entry is checked."""

    __tablename__ = "problem_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[str] = mapped_column(String(200), index=True)
    kinds: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[dt.date] = mapped_column(Date)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)


class FeedRow(Base):
    """A council feed the directory is subscribed to (issue 15), and how its last sync went.

    `etag` and `last_modified` are the server's validators from the last fetch, sent back so
    an unchanged feed can answer "not modified"."""

    __tablename__ = "feeds"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    added: Mapped[dt.datetime] = mapped_column(DateTime)
    last_synced: Mapped[dt.datetime | None] = mapped_column(DateTime)
    etag: Mapped[str | None] = mapped_column(String(1000))
    last_modified: Mapped[str | None] = mapped_column(String(100))


class FeedValueRow(Base):
    """What a feed last said for one field of one activity, as JSON text.

    A sync compares the feed's new value and the activity's current value with this one, so
    it can tell "the feed changed it" from "a prescriber changed it here" (and show both)."""

    __tablename__ = "feed_values"

    activity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    field: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
