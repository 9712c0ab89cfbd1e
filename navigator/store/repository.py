"""Reading and writing the directory: whole-directory loads, all-or-nothing imports, and saves
that refuse to overwrite someone else's newer change.

Over 400 lines because every query on the directory's tables lives here, next to the
row mapping it shares; splitting reads from writes would split that mapping in two.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, Text, bindparam, cast, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from navigator.collector import collector_paused
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
from navigator.domain.json_shapes import session_to_json, venue_to_json
from navigator.domain.reports import ProblemKind, ProblemReport
from navigator.store.database import Database, StoreError, describe_error, rows_changed
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


class DirectoryMoved(StoreError):
    """The directory changed while part of it was being read at an earlier revision."""

    def __init__(self) -> None:
        super().__init__("The directory changed as it was being read; it is being read again.")


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


# The columns an activity is read from one at a time (all but bookkeeping): here and by a feed.
ACTIVITY_COLUMNS = [
    c for c in ActivityRow.__table__.columns if c.name not in ("version", "updated_at")
]
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
SCALAR_COLUMNS = [c for c in ACTIVITY_COLUMNS if c.name not in _LIST_COLUMNS]
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


# Rows fetched at a time when the whole directory is read (see all_activities).
_READ_PARTITION = 2000


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
        loads = json.loads
        # Building a million small objects would set off the cyclic garbage collector again
        # and again (a third of the load time at 100,000 rows); none of them form cycles.
        # The rows are fetched in partitions: one fetchall() built every row in C without
        # letting go of the GIL (120 to 220 ms at 100,000 rows in which the window, on
        # another thread, could not answer). They are all fetched before any is decoded, so
        # the read (and SQLite's shared lock, which makes a colleague's save wait) lasts
        # the fetch alone, not the seconds of decoding.
        with collector_paused():
            try:
                with self._db.engine.connect() as connection:  # Core: no ORM work per row
                    rows: list[Row[*tuple[Any, ...]]] = []
                    for part in connection.execute(query).partitions(_READ_PARTITION):
                        rows += part
            except DBAPIError as error:
                raise describe_error(error, self._db.url) from error
            return [decoder.activity(row[:-1], *loads(row[-1])) for row in rows]

    def activity_ids(self) -> list[str]:
        """Every activity's id, in the order `all_activities` gives them."""
        try:
            with self._db.engine.connect() as connection:
                return list(connection.scalars(select(ActivityRow.id).order_by(ActivityRow.id)))
        except DBAPIError as error:
            raise describe_error(error, self._db.url) from error

    def activities_at(self, ids: Sequence[str], revision: int) -> list[Activity]:
        """The activities with these ids, in this order, as they were at `revision`:
        DirectoryMoved when the directory has changed since (or one of them is gone).
        (The revision is read after the rows: unchanged, no change was made before them.)"""
        decoder = ActivityDecoder()
        query = select(*SCALAR_COLUMNS, _LISTS_AS_JSON)
        found: dict[str, Activity] = {}
        try:
            with self._db.engine.connect() as connection:
                # Chunks stay under SQLite's limit on bound parameters.
                for start in range(0, len(ids), 500):
                    chunk = list(ids[start : start + 500])
                    for row in connection.execute(query.where(ActivityRow.id.in_(chunk))):
                        activity = decoder.activity(row[:-1], *json.loads(row[-1]))
                        found[activity.id] = activity
                now = connection.scalar(
                    select(DirectoryState.revision).where(DirectoryState.id == 1)
                )
        except DBAPIError as error:
            raise describe_error(error, self._db.url) from error
        if (now or 0) != revision or len(found) != len(set(ids)):
            raise DirectoryMoved()
        return [found[i] for i in ids]

    def get(self, activity_id: str) -> VersionedActivity | None:
        with self._session() as session:
            row = session.execute(
                select(*ACTIVITY_COLUMNS, ActivityRow.version).where(ActivityRow.id == activity_id)
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
        inserts: list[Activity] = []
        updates: list[tuple[Activity, int]] = []  # with the stored version
        with self._session() as session, session.begin(), collector_paused():
            if not dry_run:
                lock_directory(session)
            existing = _rows_by_id(session, [a.id for a in activities])
            for activity in activities:
                old = existing.get(activity.id)
                if old is None:
                    added.append(activity.id)
                    inserts.append(activity)
                    continue
                stored = row_to_activity(old)
                if merge is not None:
                    activity = merge(stored, activity)
                if stored != activity:
                    updated.append(activity.id)
                    updates.append((activity, old.version))
                else:
                    unchanged.append(activity.id)
            if not dry_run and (inserts or updates):  # a dry run builds no rows
                _write_rows(session.connection(), inserts, updates, progress, cancelled)
                bump_revision(session)
        return ImportSummary(tuple(added), tuple(updated), tuple(unchanged), dry_run)

    def save(self, activity: Activity, expected_version: int | None) -> int:
        """Save one activity; `expected_version` None means it is new. Returns the new version.

        Raises ConflictError when the stored version is not the one the editor started from,
        so a second person's save never silently overwrites the first.
        """
        now = utc_now()
        with self._session() as session, session.begin():
            lock_directory(session)
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
            bump_revision(session)
        return new_version

    # Duplicates ---------------------------------------------------------------------------

    def merge_duplicates(
        self, kept: Activity, kept_version: int, other_id: str, other_version: int
    ) -> int:
        """Save the merged activity and archive the other, in one transaction; refused
        (ConflictError) if either changed since they were compared. Returns kept's version."""
        now = utc_now()
        with self._session() as session, session.begin():
            lock_directory(session)  # so neither can change between the check and the write
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
            bump_revision(session)
        return kept_version + 1

    def not_duplicate_pairs(self) -> set[tuple[str, str]]:
        with self._session() as session:
            pairs = session.execute(select(NotDuplicates.id_a, NotDuplicates.id_b))
            return {(row.id_a, row.id_b) for row in pairs}

    def add_not_duplicates(self, id_a: str, id_b: str) -> None:
        first, second = sorted((id_a, id_b))
        with self._session() as session, session.begin():
            session.merge(NotDuplicates(id_a=first, id_b=second, decided_at=utc_now()))

    # Problem reports ----------------------------------------------------------------------

    def add_report(self, report: ProblemReport) -> None:
        with self._session() as session, session.begin():
            session.add(
                ProblemReportRow(
                    activity_id=report.activity_id,
                    kinds=[k.value for k in report.kinds],
                    note=report.note,
                    reported_on=report.reported_on or utc_now().date(),
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
                GeocodeCache(
                    postcode=postcode, lat=lat, lon=lon, source=source, fetched_at=utc_now()
                )
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
            select(*ACTIVITY_COLUMNS, ActivityRow.version).where(ActivityRow.id.in_(chunk))
        ):
            rows[row.id] = row
    return rows


def _write_rows(
    connection: Connection,
    inserts: list[Activity],
    updates: list[tuple[Activity, int]],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    """Write an import's rows in chunks of IMPORT_CHUNK, inside the caller's transaction:
    small enough to report progress and notice a cancel between them.

    Each row is built as a tuple, once. On SQLite the rows go to the driver as they are
    (`exec_driver_sql`: an executemany with no per-row work in SQLAlchemy, which was most of
    the write at 100,000 rows), the JSON and date columns encoded here as SQLAlchemy's types
    would store them. On PostgreSQL they go through SQLAlchemy Core, whose types adapt them for
    psycopg; render_nulls keeps every row's columns the same, so each chunk is one batch
    (else PostgreSQL gets a statement per row: 42 s rather than 11 for 100k)."""
    total, done = len(inserts) + len(updates), 0
    now = utc_now()
    write_inserts: Callable[[list[Activity]], object]
    write_updates: Callable[[list[tuple[Activity, int]]], object]
    if connection.dialect.name == "sqlite":
        rows = _SqliteRows(connection, now)

        def write_inserts(chunk: list[Activity]) -> object:
            return connection.exec_driver_sql(_SQLITE_INSERT, rows.inserts(chunk))

        def write_updates(chunk: list[tuple[Activity, int]]) -> object:
            return connection.exec_driver_sql(_SQLITE_UPDATE, rows.updates(chunk))

    else:

        def write_inserts(chunk: list[Activity]) -> object:
            values = [{**activity_to_columns(a), "version": 1, "updated_at": now} for a in chunk]
            return connection.execute(_INSERT, values)

        def write_updates(chunk: list[tuple[Activity, int]]) -> object:
            values = [
                {**activity_to_columns(a), "old_id": a.id, "version": v + 1, "updated_at": now}
                for a, v in chunk
            ]
            return connection.execute(_UPDATE, values)

    steps: tuple[tuple[Callable[[Any], object], list[Any]], ...] = (
        (write_inserts, inserts),
        (write_updates, updates),
    )
    for write, items in steps:
        for start in range(0, len(items), IMPORT_CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled
            chunk = items[start : start + IMPORT_CHUNK]
            write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)


def lock_directory(session: OrmSession) -> None:
    """Queue behind any other writer before reading what to change: a no-op write of the
    state row takes SQLite's write lock and PostgreSQL's row lock until commit, so writers
    go one at a time, in the same order everywhere (no deadlocks), and what a writer read
    cannot change under it."""
    session.execute(
        update(DirectoryState)
        .where(DirectoryState.id == 1)
        .values(revision=DirectoryState.revision)
    )


def bump_revision(session: OrmSession) -> None:
    """A write to the directory's activities counts: snapshots and caches keyed by the
    revision know to read it again."""
    session.execute(
        update(DirectoryState)
        .where(DirectoryState.id == 1)
        .values(revision=DirectoryState.revision + 1)
    )


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Mapping between domain objects and columns ----------------------------------------------------


# The columns holding an activity's first venue and its cost (a feed's review compares each
# group as one field). VENUE_COLUMNS is spliced into _WRITE_NAMES, so its order is the order
# activity_values gives the venue's values (the round-trip tests fail if they part).
VENUE_COLUMNS = (
    "has_venue",
    "venue_name",
    "venue_address",
    "venue_postcode",
    "venue_lat",
    "venue_lon",
    "venue_step_free",
    "venue_transport_note",
)
COST_COLUMNS = (
    "has_cost",
    "cost_per_session_gbp",
    "cost_concessions",
    "cost_free_taster",
    "cost_notes",
    "cost_amount_gbp",
    "cost_unit",
)

# The columns an import or a save writes, in the order `activity_values` gives them.
_WRITE_NAMES = (
    "id",
    "name",
    "organisation",
    "description",
    "categories",
    "keywords",
    "delivery",
    *VENUE_COLUMNS,
    "sessions",
    "has_cost",
    "cost_per_session_gbp",
    "cost_concessions",
    "cost_free_taster",
    "cost_notes",
    "mental_health_specific",
    "peer_led",
    "gender",
    "age_min",
    "age_max",
    "languages",
    "booking",
    "group_size",
    "welcome_bring_someone",
    "welcome_beginners",
    "welcome_meet_at_door",
    "contact_phone",
    "contact_email",
    "contact_website",
    "last_verified",
    "status",
    "more_venues",
    "for_learners_of",
    "guessed",
    "cost_amount_gbp",
    "cost_unit",
    "with_child",
    "source_feed",
    "source_external_id",
)
_NO_VENUE = Venue()
_NO_COST = Cost()


def _same(value: Any) -> Any:
    return value


def _sessions(sessions: tuple[Session, ...]) -> list[dict[str, Any]]:
    return [session_to_json(s) for s in sessions]


def activity_values(
    a: Activity,
    lists: Callable[[Sequence[Any]], Any] = list,
    sessions: Callable[[tuple[Session, ...]], Any] = _sessions,
    date: Callable[[dt.date | None], Any] = _same,
) -> tuple[Any, ...]:
    """An activity's columns in `_WRITE_NAMES` order. `lists`, `sessions` and `date` turn the
    JSON and date columns into what the database is given (by default: as SQLAlchemy takes
    them; the SQLite bulk write encodes them itself)."""
    venue = a.venue or _NO_VENUE
    cost = a.cost or _NO_COST
    welcome, contact, source = a.welcome, a.contact, a.source
    return (
        a.id,
        a.name,
        a.organisation,
        a.description,
        lists(a.categories),
        lists(a.keywords),
        a.delivery.value,
        a.venue is not None,
        venue.name,
        venue.address,
        venue.postcode,
        venue.lat,
        venue.lon,
        venue.step_free,
        venue.transport_note,
        sessions(a.sessions),
        a.cost is not None,
        cost.per_session_gbp,
        cost.concessions,
        cost.free_taster,
        cost.notes,
        a.mental_health_specific,
        a.peer_led,
        a.gender.value,
        a.age_min,
        a.age_max,
        lists(a.languages),
        None if a.booking is None else a.booking.value,
        None if a.group_size is None else a.group_size.value,
        welcome.bring_someone,
        welcome.beginners,
        welcome.meet_at_door,
        contact.phone,
        contact.email,
        contact.website,
        date(a.last_verified),
        a.status.value,
        lists([venue_to_json(v) for v in a.more_venues]),
        lists(a.for_learners_of),
        lists(a.guessed),
        cost.amount_gbp,
        None if cost.unit is None else cost.unit.value,
        a.with_child,
        None if source is None else source.feed,
        None if source is None else source.external_id,
    )


def activity_to_columns(a: Activity) -> dict[str, Any]:
    """An activity's columns by name, as SQLAlchemy takes them (a save, a feed's compare)."""
    return dict(zip(_WRITE_NAMES, activity_values(a), strict=True))


_SQLITE_INSERT = (
    f"INSERT INTO activities ({', '.join(_WRITE_NAMES)}, version, updated_at) "
    f"VALUES ({', '.join('?' * (len(_WRITE_NAMES) + 2))})"
)
_SQLITE_UPDATE = (
    f"UPDATE activities SET {', '.join(f'{name} = ?' for name in _WRITE_NAMES)}, "
    "version = ?, updated_at = ? WHERE id = ?"
)


# SQLAlchemy Core statements for other databases; an update's SET takes each row's columns.
_TABLE = ActivityRow.__table__
_INSERT = insert(ActivityRow).execution_options(render_nulls=True)
_UPDATE = update(ActivityRow).where(ActivityRow.id == bindparam("old_id"))


# Different lists (a row's categories, languages, keywords) `_SqliteRows` keeps encoded.
_KEPT_LISTS = 20_000


class _SqliteRows:
    """Rows for the SQLite bulk write, as the driver takes them: JSON columns encoded with
    the encoder SQLAlchemy's JSON type uses (`json.dumps`' defaults), dates by SQLAlchemy's
    own SQLite date type, so what is stored is what a save would store. A directory's
    sessions repeat, so each distinct list of them is encoded once."""

    def __init__(self, connection: Connection, now: dt.datetime) -> None:
        dialect = connection.dialect
        date = _TABLE.c.last_verified.type.dialect_impl(dialect).bind_processor(dialect)
        stamp = _TABLE.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
        self._encode = json.JSONEncoder().encode
        self._date = date or _same
        self._now = now if stamp is None else stamp(now)
        self._sessions: dict[tuple[Session, ...], str] = {}
        self._lists: dict[tuple[Any, ...], str] = {}

    def _encoded_sessions(self, sessions: tuple[Session, ...]) -> str:
        found = self._sessions.get(sessions)
        if found is None:
            found = self._sessions[sessions] = self._encode(_sessions(sessions))
        return found

    def _list(self, values: Sequence[Any]) -> str:
        if not values:
            return "[]"  # most lists of a row are empty
        if type(values) is not tuple:  # more_venues: a list of dicts, encoded each time
            return self._encode(values)
        # Categories and languages repeat row after row: each different one encoded once.
        found = self._lists.get(values)
        if found is None:
            found = self._encode(values)
            if len(self._lists) < _KEPT_LISTS:
                self._lists[values] = found
        return found

    def _values(self, a: Activity) -> tuple[Any, ...]:
        return activity_values(a, self._list, self._encoded_sessions, self._date)

    def inserts(self, chunk: list[Activity]) -> list[tuple[Any, ...]]:
        now = self._now
        return [(*self._values(a), 1, now) for a in chunk]

    def updates(self, chunk: list[tuple[Activity, int]]) -> list[tuple[Any, ...]]:
        now = self._now
        return [(*self._values(a), version + 1, now, a.id) for a, version in chunk]


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
