"""Reading and writing the directory: whole-directory loads, all-or-nothing imports, and saves
that refuse to overwrite someone else's newer change.

Over 400 lines because every query on the directory's tables lives here, next to the
row mapping it shares; splitting reads from writes would split that mapping in two.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Text, cast, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Source,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.reports import ProblemKind, ProblemReport
from navigator.store.database import Database, describe_error, rows_changed
from navigator.store.models import (
    ActivityRow,
    DirectoryState,
    GeocodeCache,
    NotDuplicates,
    ProblemReportRow,
)


class ConflictError(Exception):
    """The activity was changed by someone else since it was opened for editing."""

    def __init__(self, activity_id: str, expected: int, found: int | None) -> None:
        self.activity_id = activity_id
        self.expected = expected
        self.found = found
        super().__init__(
            "This activity was changed by someone else since you opened it."
            if found is not None
            else "This activity was removed since you opened it."
        )


class ImportCancelled(Exception):
    """The person stopped an import; nothing was written."""


# Rows written per statement during an import: progress is reported after each.
IMPORT_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    dry_run: bool = False

    def describe(self) -> str:
        verb = "Would add" if self.dry_run else "Added"
        return (
            f"{verb} {len(self.added)}, "
            f"{'would update' if self.dry_run else 'updated'} {len(self.updated)}, "
            f"skipped {len(self.unchanged)} unchanged."
        )


@dataclass(frozen=True, slots=True)
class VersionedActivity:
    activity: Activity
    version: int


# The columns a single-activity read uses (all but bookkeeping).
_COLUMNS = [c for c in ActivityRow.__table__.columns if c.name not in ("version", "updated_at")]
# A whole-directory load reads the four JSON list columns as one JSON text per row, so each
# row costs one json.loads rather than four (a third of the load time at 100,000 rows).
_LIST_COLUMNS = (
    "categories",
    "keywords",
    "languages",
    "sessions",
    "more_venues",
    "for_learners_of",
    "guessed",
)
SCALAR_COLUMNS = [c for c in _COLUMNS if c.name not in _LIST_COLUMNS]
_LISTS_AS_JSON = (
    "["
    + cast(ActivityRow.categories, Text)
    + ","
    + cast(ActivityRow.keywords, Text)
    + ","
    + cast(ActivityRow.languages, Text)
    + ","
    + cast(ActivityRow.sessions, Text)
    + ","
    + cast(ActivityRow.more_venues, Text)
    + ","
    + cast(ActivityRow.for_learners_of, Text)
    + ","
    + cast(ActivityRow.guessed, Text)
    + "]"
).label("lists")


class DirectoryRepository:
    """All database reading and writing of the directory goes through here."""

    def __init__(self, database: Database) -> None:
        self._db = database

    @property
    def database(self) -> Database:
        return self._db

    # Reading ------------------------------------------------------------------------------

    def all_activities(self) -> list[Activity]:
        """Every activity, whatever its status, ordered by id."""
        decoder = ActivityDecoder()
        query = select(*SCALAR_COLUMNS, _LISTS_AS_JSON).order_by(ActivityRow.id)
        try:
            with self._db.engine.connect() as connection:  # Core: no ORM bookkeeping per row
                rows = connection.execute(query).fetchall()
        except DBAPIError as error:
            raise describe_error(error, self._db.url) from error
        loads = json.loads
        # Building a million small objects would set off the cyclic garbage collector again
        # and again (a third of the load time at 100,000 rows); none of them form cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return [decoder.activity(row[:-1], *loads(row[-1])) for row in rows]
        finally:
            if collecting:
                gc.enable()

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

    def import_activities(
        self,
        activities: Sequence[Activity],
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        merge: Callable[[Activity, Activity], Activity] | None = None,
    ) -> ImportSummary:
        """Add new ids and update changed ones in one transaction: all or nothing.

        `progress(done, total)` is called as rows are written; when `cancelled()` turns true
        the import stops with ImportCancelled and the transaction is rolled back. `merge(
        stored, incoming)` gives what an existing entry becomes (by default, the incoming)."""
        added, updated, unchanged = [], [], []
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        now = _now()
        with self._session() as session, session.begin():
            if not dry_run:
                _lock_directory(session)
            existing = _rows_by_id(session, [a.id for a in activities])
            for activity in activities:
                old = existing.get(activity.id)
                if old is not None and merge is not None:
                    activity = merge(row_to_activity(old), activity)
                if old is None:
                    added.append(activity.id)
                    inserts.append(
                        {**activity_to_columns(activity), "version": 1, "updated_at": now}
                    )
                elif row_to_activity(old) != activity:
                    updated.append(activity.id)
                    updates.append(
                        {
                            **activity_to_columns(activity),
                            "version": old.version + 1,
                            "updated_at": now,
                        }
                    )
                else:
                    unchanged.append(activity.id)
            if not dry_run and (inserts or updates):
                total, done = len(inserts) + len(updates), 0
                # Executemany in chunks: bulk for speed (row-by-row ORM objects are far slower
                # at 100k), small enough to report progress and notice a cancel.
                # render_nulls: every row has the same columns, so each chunk is one batch
                # (else PostgreSQL gets a statement per row: 42 s rather than 11 for 100k).
                for statement, rows in (
                    (insert(ActivityRow).execution_options(render_nulls=True), inserts),
                    (update(ActivityRow), updates),
                ):
                    for start in range(0, len(rows), IMPORT_CHUNK):
                        if cancelled is not None and cancelled():
                            raise ImportCancelled
                        chunk = rows[start : start + IMPORT_CHUNK]
                        session.execute(statement, chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
                _bump_revision(session)
        return ImportSummary(tuple(added), tuple(updated), tuple(unchanged), dry_run)

    def save(self, activity: Activity, expected_version: int | None) -> int:
        """Save one activity; `expected_version` None means it is new. Returns the new version.

        Raises ConflictError when the stored version is not the one the editor started from,
        so a second person's save never silently overwrites the first.
        """
        now = _now()
        with self._session() as session, session.begin():
            _lock_directory(session)
            if expected_version is None:
                if session.get(ActivityRow, activity.id) is not None:
                    raise ConflictError(activity.id, 0, 1)
                session.add(ActivityRow(**activity_to_columns(activity), version=1, updated_at=now))
                new_version = 1
            else:
                changed = rows_changed(
                    session,
                    update(ActivityRow)
                    .where(ActivityRow.id == activity.id, ActivityRow.version == expected_version)
                    .values(
                        **activity_to_columns(activity),
                        version=expected_version + 1,
                        updated_at=now,
                    ),
                )
                if changed != 1:
                    found = session.scalar(
                        select(ActivityRow.version).where(ActivityRow.id == activity.id)
                    )
                    raise ConflictError(activity.id, expected_version, found)
                new_version = expected_version + 1
            _bump_revision(session)
        return new_version

    # Duplicates ---------------------------------------------------------------------------

    def merge_duplicates(
        self, kept: Activity, kept_version: int, other_id: str, other_version: int
    ) -> int:
        """Save the merged activity and archive the other, in one transaction; refused
        (ConflictError) if either changed since they were compared. Returns kept's version."""
        now = _now()
        with self._session() as session, session.begin():
            _lock_directory(session)  # so neither can change between the check and the write
            found = session.scalar(select(ActivityRow.version).where(ActivityRow.id == other_id))
            if found != other_version:
                raise ConflictError(other_id, other_version, found)
            saved = rows_changed(
                session,
                update(ActivityRow)
                .where(ActivityRow.id == kept.id, ActivityRow.version == kept_version)
                .values(**activity_to_columns(kept), version=kept_version + 1, updated_at=now),
            )
            if saved != 1:
                raise ConflictError(
                    kept.id,
                    kept_version,
                    session.scalar(select(ActivityRow.version).where(ActivityRow.id == kept.id)),
                )
            session.execute(
                update(ActivityRow)
                .where(ActivityRow.id == other_id)
                .values(status=Status.ARCHIVED.value, version=other_version + 1, updated_at=now)
            )
            _bump_revision(session)
        return kept_version + 1

    def not_duplicate_pairs(self) -> set[tuple[str, str]]:
        with self._session() as session:
            pairs = session.execute(select(NotDuplicates.id_a, NotDuplicates.id_b))
            return {(row.id_a, row.id_b) for row in pairs}

    def add_not_duplicates(self, id_a: str, id_b: str) -> None:
        first, second = sorted((id_a, id_b))
        with self._session() as session, session.begin():
            session.merge(NotDuplicates(id_a=first, id_b=second, decided_at=_now()))

    # Problem reports ----------------------------------------------------------------------

    def add_report(self, report: ProblemReport) -> None:
        with self._session() as session, session.begin():
            session.add(
                ProblemReportRow(
                    activity_id=report.activity_id,
                    kinds=[k.value for k in report.kinds],
                    note=report.note,
                    reported_on=report.reported_on or _now().date(),
                )
            )

    def open_reports(self) -> list[ProblemReport]:
        with self._session() as session:
            rows = session.execute(
                select(
                    ProblemReportRow.id,
                    ProblemReportRow.activity_id,
                    ProblemReportRow.kinds,
                    ProblemReportRow.note,
                    ProblemReportRow.reported_on,
                )
                .where(ProblemReportRow.resolved_on.is_(None))
                .order_by(ProblemReportRow.id)
            )
            return [
                ProblemReport(
                    r.activity_id,
                    tuple(ProblemKind(k) for k in r.kinds),
                    r.note,
                    r.reported_on,
                    r.id,
                )
                for r in rows
            ]

    def resolve_reports(self, activity_id: str, on: dt.date) -> None:
        with self._session() as session, session.begin():
            session.execute(
                update(ProblemReportRow)
                .where(
                    ProblemReportRow.activity_id == activity_id,
                    ProblemReportRow.resolved_on.is_(None),
                )
                .values(resolved_on=on)
            )

    # Geocoding cache ----------------------------------------------------------------------

    def cached_postcode(self, postcode: str) -> tuple[float, float] | None:
        with self._session() as session:
            row = session.get(GeocodeCache, postcode)
            return None if row is None else (row.lat, row.lon)

    def cache_postcode(self, postcode: str, lat: float, lon: float, source: str) -> None:
        with self._session() as session, session.begin():
            session.merge(
                GeocodeCache(postcode=postcode, lat=lat, lon=lon, source=source, fetched_at=_now())
            )

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


def _rows_by_id(session: OrmSession, ids: list[str]) -> dict[str, Row[*tuple[Any, ...]]]:
    rows: dict[str, Row[*tuple[Any, ...]]] = {}
    # Chunks stay under SQLite's limit on bound parameters.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(
            select(*_COLUMNS, ActivityRow.version).where(ActivityRow.id.in_(chunk))
        ):
            rows[row.id] = row
    return rows


def _lock_directory(session: OrmSession) -> None:
    """Queue behind any other writer before reading what to change: a no-op write of the
    state row takes SQLite's write lock and PostgreSQL's row lock until commit, so writers
    go one at a time, in the same order everywhere (no deadlocks), and what a writer read
    cannot change under it."""
    session.execute(
        update(DirectoryState)
        .where(DirectoryState.id == 1)
        .values(revision=DirectoryState.revision)
    )


def _bump_revision(session: OrmSession) -> None:
    session.execute(
        update(DirectoryState)
        .where(DirectoryState.id == 1)
        .values(revision=DirectoryState.revision + 1)
    )


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
        "more_venues": [_venue_to_columns(v) for v in a.more_venues],
        "for_learners_of": list(a.for_learners_of),
        "guessed": list(a.guessed),
        "cost_amount_gbp": cost.amount_gbp,
        "cost_unit": None if cost.unit is None else cost.unit.value,
        "with_child": a.with_child,
        "source_feed": None if a.source is None else a.source.feed,
        "source_external_id": None if a.source is None else a.source.external_id,
    }


def _venue_to_columns(v: Venue) -> dict[str, Any]:
    return {
        "name": v.name,
        "address": v.address,
        "postcode": v.postcode,
        "lat": v.lat,
        "lon": v.lon,
        "step_free": v.step_free,
        "transport_note": v.transport_note,
    }


def _venue_from_columns(d: dict[str, Any]) -> Venue:
    return Venue(
        d.get("name"),
        d.get("address"),
        d.get("postcode"),
        d.get("lat"),
        d.get("lon"),
        d.get("step_free"),
        d.get("transport_note"),
    )


def _session_to_columns(s: Session) -> dict[str, Any]:
    return {
        "day": s.day.value,
        "start": s.start.strftime("%H:%M"),
        "end": s.end.strftime("%H:%M"),
        "frequency": s.frequency.value,
        "week_of_month": s.week_of_month,
        "starts_on": None if s.starts_on is None else s.starts_on.isoformat(),
    }


_DELIVERY = {m.value: m for m in Delivery}
_GENDER = {m.value: m for m in Gender}
_BOOKING: dict[str | None, Booking | None] = {m.value: m for m in Booking} | {None: None}
_GROUP: dict[str | None, GroupSize | None] = {m.value: m for m in GroupSize} | {None: None}
_STATUS = {m.value: m for m in Status}
_UNIT: dict[str | None, CostUnit | None] = {m.value: m for m in CostUnit} | {None: None}
_DAY = {m.value: m for m in Day}
_FREQUENCY = {m.value: m for m in Frequency}


class ActivityDecoder:
    """Builds Activity objects from rows, fast enough to load 100,000 in a few seconds.

    Immutable parts that repeat across a directory (sessions, category and language tuples,
    empty welcome and contact details) are shared rather than built again, and enum members
    are looked up in plain dicts: both matter at this scale.
    """

    def __init__(self) -> None:
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._sessions: dict[tuple[Any, ...], Session] = {}
        self._welcomes: dict[tuple[Any, ...], Welcome] = {}
        self._no_contact = Contact()

    def shared(self, values: list[str]) -> tuple[str, ...]:
        key = tuple(values)
        return self._tuples.setdefault(key, key)

    def session(self, d: dict[str, Any]) -> Session:
        key = (
            d["day"],
            d["start"],
            d["end"],
            d["frequency"],
            d.get("week_of_month"),
            d.get("starts_on"),
        )
        found = self._sessions.get(key)
        if found is None:
            found = self._sessions[key] = Session(
                day=_DAY[key[0]],
                start=dt.time.fromisoformat(key[1]),
                end=dt.time.fromisoformat(key[2]),
                frequency=_FREQUENCY[key[3]],
                week_of_month=key[4],
                starts_on=None if key[5] is None else dt.date.fromisoformat(key[5]),
            )
        return found

    def activity(
        self,
        values: tuple[Any, ...],
        categories: list[str],
        keywords: list[str],
        languages: list[str],
        sessions: list[dict[str, Any]],
        more_venues: list[dict[str, Any]] | None = None,
        for_learners_of: list[str] | None = None,
        guessed: list[str] | None = None,
    ) -> Activity:
        """`values` are the `SCALAR_COLUMNS` in order (unpacking beats named access)."""
        (
            id_,
            name,
            organisation,
            description,
            delivery,
            has_venue,
            venue_name,
            venue_address,
            venue_postcode,
            venue_lat,
            venue_lon,
            venue_step_free,
            venue_transport_note,
            has_cost,
            cost_per_session_gbp,
            cost_concessions,
            cost_free_taster,
            cost_notes,
            mental_health_specific,
            peer_led,
            gender,
            age_min,
            age_max,
            booking,
            group_size,
            bring_someone,
            beginners,
            meet_at_door,
            phone,
            email,
            website,
            last_verified,
            status,
            cost_amount_gbp,
            cost_unit,
            with_child,
            source_feed,
            source_external_id,
        ) = values
        welcome_key = (bring_someone, beginners, meet_at_door)
        welcome = self._welcomes.get(welcome_key)
        if welcome is None:
            welcome = self._welcomes[welcome_key] = Welcome(*welcome_key)
        contact = (
            self._no_contact
            if phone is None and email is None and website is None
            else Contact(phone, email, website)
        )
        return Activity(
            id=id_,
            name=name,
            categories=self.shared(categories),
            organisation=organisation,
            description=description,
            keywords=tuple(keywords),
            delivery=_DELIVERY[delivery],
            venue=Venue(
                venue_name,
                venue_address,
                venue_postcode,
                venue_lat,
                venue_lon,
                venue_step_free,
                venue_transport_note,
            )
            if has_venue
            else None,
            sessions=tuple(self.session(d) for d in sessions),
            cost=Cost(
                cost_per_session_gbp,
                cost_concessions,
                cost_free_taster,
                cost_notes,
                cost_amount_gbp,
                _UNIT[cost_unit],
            )
            if has_cost
            else None,
            mental_health_specific=mental_health_specific,
            peer_led=peer_led,
            gender=_GENDER[gender],
            age_min=age_min,
            age_max=age_max,
            languages=self.shared(languages),
            booking=_BOOKING[booking],
            group_size=_GROUP[group_size],
            welcome=welcome,
            contact=contact,
            last_verified=last_verified,
            status=_STATUS[status],
            more_venues=tuple(map(_venue_from_columns, more_venues)) if more_venues else (),
            for_learners_of=self.shared(for_learners_of) if for_learners_of else (),
            with_child=bool(with_child),
            guessed=self.shared(guessed) if guessed else (),
            source=None
            if source_feed is None and source_external_id is None
            else Source(source_feed, source_external_id),
        )


def row_to_activity(r: Any) -> Activity:
    values = tuple(getattr(r, column.name) for column in SCALAR_COLUMNS)
    return ActivityDecoder().activity(
        values,
        r.categories,
        r.keywords,
        r.languages,
        r.sessions,
        r.more_venues,
        r.for_learners_of,
        r.guessed,
    )
