"""SQLAlchemy tables of the people store: a separate database from the directory.

Its own `DeclarativeBase` and metadata, so no directory table can ever be created in it and
none of these in the directory. There are no columns for names, dates of birth, NHS numbers,
addresses, phone numbers or emails; free text is short (checked in `navigator.domain.people`).

Everything about a person hangs off `people.id` with ON DELETE CASCADE, so erasing a person
is one delete. Two tables deliberately do not link to a person:
- `activity_flags`: what the directory review queue reads (activity, reason, date);
- `audit_log`: keyed by `people.record_key`, a random token, never the reference, so the
  log names no one once the person's row is gone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from navigator.store.models import NAMING

# Not Alembic's default "alembic_version": a directory database can never pass for a people
# store, nor the other way round.
VERSION_TABLE = "people_schema_version"
TEXT = 280  # domain.people.MAX_TEXT_CHARS; SQLite does not enforce lengths, the domain does


class PeopleBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _person_id() -> Mapped[int]:
    return mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)


class PersonRow(PeopleBase):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    record_key: Mapped[str] = mapped_column(String(32), unique=True)
    # The navigator-profile JSON without its reference (the reference lives in one place).
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    review_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    referral_kind: Mapped[str | None] = mapped_column(String(10))
    referral_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalRow(PeopleBase):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(TEXT))
    timeframe: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12))


class ContactRow(PeopleBase):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    happened_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(TEXT))


class NetworkSnapshotRow(PeopleBase):
    """One map on one day; members are a JSON list (a snapshot is read and written whole)."""

    __tablename__ = "network_snapshots"
    __table_args__ = (UniqueConstraint("person_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    taken_on: Mapped[dt.date] = mapped_column(Date)
    members: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class PlanItemRow(PeopleBase):
    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("person_id", "activity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    activity_id: Mapped[str] = mapped_column(String(200), index=True)
    activity_name: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(TEXT))
    updated_on: Mapped[dt.date | None] = mapped_column(Date)
    tried_on: Mapped[dt.date | None] = mapped_column(Date)
    regular_since: Mapped[dt.date | None] = mapped_column(Date)
    # The activity's price and times as the plan last saw them (p0002): directory facts only.
    terms: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Who goes along the first time (p0003): an alias the worker typed, a day, on the handout?
    companion: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class OutcomeRow(PeopleBase):
    __tablename__ = "outcomes"
    __table_args__ = (UniqueConstraint("person_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = _person_id()
    taken_on: Mapped[dt.date] = mapped_column(Date)
    ucla_companionship: Mapped[int | None] = mapped_column(Integer)
    ucla_left_out: Mapped[int | None] = mapped_column(Integer)
    ucla_isolated: Mapped[int | None] = mapped_column(Integer)
    lonely: Mapped[str | None] = mapped_column(String(20))
    ons_life_satisfaction: Mapped[int | None] = mapped_column(Integer)
    ons_worthwhile: Mapped[int | None] = mapped_column(Integer)
    ons_happy: Mapped[int | None] = mapped_column(Integer)
    ons_anxious: Mapped[int | None] = mapped_column(Integer)
    belonging: Mapped[int | None] = mapped_column(Integer)  # 1 to 4 (p0004)


class ActivityFlagRow(PeopleBase):
    """An activity a follow-up found closed or at the wrong time: no link to any person."""

    __tablename__ = "activity_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[str] = mapped_column(String(200), index=True)
    reason: Mapped[str] = mapped_column(String(12))
    flagged_on: Mapped[dt.date] = mapped_column(Date)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)


class AuditRow(PeopleBase):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    worker: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))
    record_key: Mapped[str] = mapped_column(String(32), index=True)
    # Fixed words chosen by the service ("goals", "plan"), never what was typed.
    detail: Mapped[str] = mapped_column(String(200))
