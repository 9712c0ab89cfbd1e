"""Reading and writing the directory: whole-directory loads, all-or-nothing imports, and saves
that refuse to overwrite someone else's newer change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Status,
    Venue,
    Welcome,
)
from navigator.store.database import Database, describe_error
from navigator.store.models import ActivityRow, DirectoryState, GeocodeCache


class ConflictError(Exception):
    """The activity was changed by someone else since it was opened for editing."""

    def __init__(self, activity_id: str, expected: int, found: int | None) -> None:
        self.activity_id = activity_id
        self.expected = expected
        self.found = found
        super().__init__(
            "This activity was changed by someone else since you opened it."
            if found is not None else "This activity was removed since you opened it."
        )


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    dry_run: bool = False

    def describe(self) -> str:
        verb = "Would add" if self.dry_run else "Added"
        return (f"{verb} {len(self.added)}, "
                f"{'would update' if self.dry_run else 'updated'} {len(self.updated)}, "
                f"skipped {len(self.unchanged)} unchanged.")


@dataclass(frozen=True, slots=True)
class VersionedActivity:
    activity: Activity
    version: int


# The columns a whole-directory load reads, in the order `row_to_activity` expects.
_COLUMNS = [c for c in ActivityRow.__table__.columns if c.name not in ("version", "updated_at")]


class DirectoryRepository:
    """All database reading and writing of the directory goes through here."""

    def __init__(self, database: Database) -> None:
        self._db = database

    # Reading ------------------------------------------------------------------------------

    def all_activities(self) -> list[Activity]:
        """Every activity, whatever its status, ordered by id."""
        with self._session() as session:
            rows = session.execute(select(*_COLUMNS).order_by(ActivityRow.id))
            return [row_to_activity(row) for row in rows]

    def get(self, activity_id: str) -> VersionedActivity | None:
        with self._session() as session:
            row = session.execute(
                select(*_COLUMNS, ActivityRow.version).where(ActivityRow.id == activity_id)
            ).one_or_none()
        if row is None:
            return None
        return VersionedActivity(row_to_activity(row), row.version)

    def count(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(ActivityRow)) or 0

    def revision(self) -> int:
        """Rises with every change; compare it to know when to reload the directory."""
        with self._session() as session:
            query = select(DirectoryState.revision).where(DirectoryState.id == 1)
            return session.scalar(query) or 0

    # Writing ------------------------------------------------------------------------------

    def import_activities(self, activities: Sequence[Activity], *,
                          dry_run: bool = False) -> ImportSummary:
        """Add new ids and update changed ones in one transaction: all or nothing."""
        added, updated, unchanged = [], [], []
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        now = _now()
        with self._session() as session, session.begin():
            existing = _rows_by_id(session, [a.id for a in activities])
            for activity in activities:
                old = existing.get(activity.id)
                if old is None:
                    added.append(activity.id)
                    inserts.append({**activity_to_columns(activity), "version": 1,
                                    "updated_at": now})
                elif row_to_activity(old) != activity:
                    updated.append(activity.id)
                    updates.append({**activity_to_columns(activity),
                                    "version": old.version + 1, "updated_at": now})
                else:
                    unchanged.append(activity.id)
            if not dry_run and (inserts or updates):
                # Executemany in bulk: row-by-row ORM objects are far slower at 100k.
                if inserts:
                    session.execute(insert(ActivityRow), inserts)
                if updates:
                    session.execute(update(ActivityRow), updates)
                _bump_revision(session)
        return ImportSummary(tuple(added), tuple(updated), tuple(unchanged), dry_run)

    def save(self, activity: Activity, expected_version: int | None) -> int:
        """Save one activity; `expected_version` None means it is new. Returns the new version.

        Raises ConflictError when the stored version is not the one the editor started from,
        so a second person's save never silently overwrites the first.
        """
        now = _now()
        with self._session() as session, session.begin():
            if expected_version is None:
                if session.get(ActivityRow, activity.id) is not None:
                    raise ConflictError(activity.id, 0, 1)
                session.add(ActivityRow(**activity_to_columns(activity), version=1,
                                        updated_at=now))
                new_version = 1
            else:
                result = session.execute(
                    update(ActivityRow)
                    .where(ActivityRow.id == activity.id,
                           ActivityRow.version == expected_version)
                    .values(**activity_to_columns(activity), version=expected_version + 1,
                            updated_at=now)
                )
                if result.rowcount != 1:
                    found = session.scalar(
                        select(ActivityRow.version).where(ActivityRow.id == activity.id))
                    raise ConflictError(activity.id, expected_version, found)
                new_version = expected_version + 1
            _bump_revision(session)
        return new_version

    # Geocoding cache ----------------------------------------------------------------------

    def cached_postcode(self, postcode: str) -> tuple[float, float] | None:
        with self._session() as session:
            row = session.get(GeocodeCache, postcode)
            return None if row is None else (row.lat, row.lon)

    def cache_postcode(self, postcode: str, lat: float, lon: float, source: str) -> None:
        with self._session() as session, session.begin():
            session.merge(GeocodeCache(postcode=postcode, lat=lat, lon=lon, source=source,
                                       fetched_at=_now()))

    # ---------------------------------------------------------------------------------------

    def _session(self) -> OrmSession:
        return _TranslatingSession(self._db)



class _TranslatingSession(OrmSession):
    """A session whose driver errors the user can cause become StoreError sentences."""

    def __init__(self, database: Database) -> None:
        super().__init__(database.engine, expire_on_commit=False)
        self._url = database.url

    def __exit__(self, type_: Any, value: Any, traceback: Any) -> None:
        super().__exit__(type_, value, traceback)
        if isinstance(value, DBAPIError):
            raise describe_error(value, self._url) from value


def _rows_by_id(session: OrmSession, ids: list[str]) -> dict[str, Row[Any]]:
    rows: dict[str, Row[Any]] = {}
    # Chunks stay under SQLite's limit on bound parameters.
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in session.execute(select(*_COLUMNS, ActivityRow.version)
                                   .where(ActivityRow.id.in_(chunk))):
            rows[row.id] = row
    return rows


def _bump_revision(session: OrmSession) -> None:
    session.execute(update(DirectoryState).where(DirectoryState.id == 1)
                    .values(revision=DirectoryState.revision + 1))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Mapping between domain objects and columns ----------------------------------------------------


def activity_to_columns(a: Activity) -> dict[str, Any]:
    venue = a.venue or Venue()
    cost = a.cost or Cost()
    return {
        "id": a.id,
        "name": a.name,
        "organisation": a.organisation,
        "description": a.description,
        "categories": list(a.categories),
        "keywords": list(a.keywords),
        "delivery": a.delivery.value,
        "has_venue": a.venue is not None,
        "venue_name": venue.name,
        "venue_address": venue.address,
        "venue_postcode": venue.postcode,
        "venue_lat": venue.lat,
        "venue_lon": venue.lon,
        "venue_step_free": venue.step_free,
        "venue_transport_note": venue.transport_note,
        "sessions": [_session_to_columns(s) for s in a.sessions],
        "has_cost": a.cost is not None,
        "cost_per_session_gbp": cost.per_session_gbp,
        "cost_concessions": cost.concessions,
        "cost_free_taster": cost.free_taster,
        "cost_notes": cost.notes,
        "mental_health_specific": a.mental_health_specific,
        "peer_led": a.peer_led,
        "gender": a.gender.value,
        "age_min": a.age_min,
        "age_max": a.age_max,
        "languages": list(a.languages),
        "booking": None if a.booking is None else a.booking.value,
        "group_size": None if a.group_size is None else a.group_size.value,
        "welcome_bring_someone": a.welcome.bring_someone,
        "welcome_beginners": a.welcome.beginners,
        "welcome_meet_at_door": a.welcome.meet_at_door,
        "contact_phone": a.contact.phone,
        "contact_email": a.contact.email,
        "contact_website": a.contact.website,
        "last_verified": a.last_verified,
        "status": a.status.value,
    }


def _session_to_columns(s: Session) -> dict[str, Any]:
    return {
        "day": s.day.value,
        "start": s.start.strftime("%H:%M"),
        "end": s.end.strftime("%H:%M"),
        "frequency": s.frequency.value,
        "week_of_month": s.week_of_month,
        "starts_on": None if s.starts_on is None else s.starts_on.isoformat(),
    }


def _session_from_columns(d: dict[str, Any]) -> Session:
    return Session(
        day=Day(d["day"]),
        start=dt.time.fromisoformat(d["start"]),
        end=dt.time.fromisoformat(d["end"]),
        frequency=Frequency(d["frequency"]),
        week_of_month=d.get("week_of_month"),
        starts_on=None if d.get("starts_on") is None else dt.date.fromisoformat(d["starts_on"]),
    )


def row_to_activity(r: Any) -> Activity:
    return Activity(
        id=r.id,
        name=r.name,
        categories=tuple(r.categories),
        organisation=r.organisation,
        description=r.description,
        keywords=tuple(r.keywords),
        delivery=Delivery(r.delivery),
        venue=Venue(
            name=r.venue_name,
            address=r.venue_address,
            postcode=r.venue_postcode,
            lat=r.venue_lat,
            lon=r.venue_lon,
            step_free=r.venue_step_free,
            transport_note=r.venue_transport_note,
        ) if r.has_venue else None,
        sessions=tuple(_session_from_columns(s) for s in r.sessions),
        cost=Cost(
            per_session_gbp=r.cost_per_session_gbp,
            concessions=r.cost_concessions,
            free_taster=r.cost_free_taster,
            notes=r.cost_notes,
        ) if r.has_cost else None,
        mental_health_specific=r.mental_health_specific,
        peer_led=r.peer_led,
        gender=Gender(r.gender),
        age_min=r.age_min,
        age_max=r.age_max,
        languages=tuple(r.languages),
        booking=None if r.booking is None else Booking(r.booking),
        group_size=None if r.group_size is None else GroupSize(r.group_size),
        welcome=Welcome(r.welcome_bring_someone, r.welcome_beginners, r.welcome_meet_at_door),
        contact=Contact(r.contact_phone, r.contact_email, r.contact_website),
        last_verified=r.last_verified,
        status=Status(r.status),
    )
