"""Feeds the directory is subscribed to, and what each feed last said about its activities.

`feeds` rows are the subscriptions (issue 15). `feed_values` rows remember, per activity and
field, the feed's last value as JSON text: a sync compares it with the feed's new value and
the activity's current one to tell "the feed changed it" from "a prescriber changed it here".

`apply` writes a reviewed set of changes in one transaction, queued behind any other writer
(the same directory lock as every save), and checks each change against the version it was
planned from: a change someone else has already applied is reported, never applied twice.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from navigator.domain.directory import Activity
from navigator.domain.reports import ProblemReport
from navigator.store.database import Database, describe_error, rows_changed
from navigator.store.models import (
    ActivityRow,
    FeedRow,
    FeedValueRow,
    ProblemReportRow,
)
from navigator.store.repository import (
    ACTIVITY_COLUMNS,
    SCALAR_COLUMNS,
    ActivityDecoder,
    activity_to_columns,
    bump_revision,
    lock_directory,
    utc_now,
)

_VALUES = cast(Table, FeedValueRow.__table__)
# Rows per executemany statement.
_WRITE_CHUNK = 1000
# The JSON list columns, in the order ActivityDecoder.activity takes them.
_LIST_COLUMNS = (
    "categories",
    "keywords",
    "languages",
    "sessions",
    "more_venues",
    "for_learners_of",
    "guessed",
)
# Ids per IN (...) list: under SQLite's limit on bound parameters.
_CHUNK = 500


class FeedExistsError(Exception):
    """A feed with this name or address is already subscribed."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what  # "name" or "url"


@dataclass(frozen=True, slots=True)
class FeedRecord:
    name: str
    url: str
    added: dt.datetime
    last_synced: dt.datetime | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """An activity as stored, its version, and what its feed last said field by field."""

    activity: Activity
    version: int
    values: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class FeedWrite:
    """One reviewed change to write.

    `expected_version` None: `activity` is new. Otherwise `activity` (when given) replaces
    the stored one, which must still be at `expected_version`; with no `activity` only the
    feed's values are remembered. `values` replace those fields' remembered values (`whole`:
    every remembered value, `values` being all the feed said), `forget` removes remembered
    fields, and `report` is added when the change is written."""

    activity_id: str
    expected_version: int | None
    activity: Activity | None
    values: Mapping[str, str]
    forget: tuple[str, ...] = ()
    report: ProblemReport | None = None
    whole: bool = False


class Outcome(enum.Enum):
    APPLIED = "applied"
    ALREADY_APPLIED = "already applied"  # someone else wrote the same change first
    MOVED_ON = "moved on"  # the entry changed otherwise since the plan was made


@dataclass(slots=True)
class _Batch:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    value_rows: list[dict[str, Any]] = field(default_factory=list)
    value_keys: list[dict[str, Any]] = field(default_factory=list)
    whole_ids: list[str] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)


class FeedRepository:
    """All reading and writing of feeds and feed values goes through here."""

    def __init__(self, database: Database) -> None:
        self._db = database

    @property
    def database(self) -> Database:
        return self._db

    # Subscriptions ------------------------------------------------------------------------

    def feeds(self) -> list[FeedRecord]:
        with self._session() as session:
            rows = session.scalars(select(FeedRow).order_by(FeedRow.name)).all()
            return [_record(row) for row in rows]

    def feed(self, name: str) -> FeedRecord | None:
        with self._session() as session:
            row = session.get(FeedRow, name)
            return None if row is None else _record(row)

    def add_feed(self, record: FeedRecord) -> None:
        """Raises FeedExistsError when the name or the address is taken (checked holding the
        directory lock, so two people adding the same feed at once cannot both succeed)."""
        with self._session() as session, session.begin():
            lock_directory(session)
            if session.get(FeedRow, record.name) is not None:
                raise FeedExistsError("name")
            if session.scalar(select(FeedRow.name).where(FeedRow.url == record.url)):
                raise FeedExistsError("url")
            session.add(
                FeedRow(
                    name=record.name,
                    url=record.url,
                    added=record.added,
                    last_synced=record.last_synced,
                    etag=record.etag,
                    last_modified=record.last_modified,
                )
            )

    def mark_synced(
        self, name: str, when: dt.datetime, etag: str | None, last_modified: str | None
    ) -> bool:
        """False when there is no such feed."""
        with self._session() as session, session.begin():
            changed = rows_changed(
                session,
                update(FeedRow)
                .where(FeedRow.name == name)
                .values(last_synced=when, etag=etag, last_modified=last_modified),
            )
        return changed == 1

    def remove_feed(self, name: str) -> bool:
        """Forget the subscription (its activities stay, as hand-kept entries would). False
        when there is no such feed."""
        with self._session() as session, session.begin():
            changed = rows_changed(session, delete(FeedRow).where(FeedRow.name == name))
        return changed == 1

    # Entries ------------------------------------------------------------------------------

    def entries(
        self, feed: str, also_ids: Iterable[str] = (), *, except_keys: Collection[str] = ()
    ) -> list[FeedEntry]:
        """The activities that came from `feed`, and those whose id is in `also_ids` (an
        incoming record may match an entry imported from a file before the subscription),
        each with its remembered feed values. `except_keys` leaves out entries of the feed
        known by one of those keys (the feed's id, else ours: see `feed_keys`), which a
        re-sync passes over unread."""
        wanted = list(dict.fromkeys(also_ids))
        rows: dict[str, Any] = {}
        query = select(*ACTIVITY_COLUMNS, ActivityRow.version)
        of_feed = select(ActivityRow.id).where(ActivityRow.source_feed == feed)
        with self._session() as session:
            if except_keys:
                # Only the rest of the feed's entries, read by id like `also_ids`.
                skip = frozenset(except_keys)
                keyed = select(ActivityRow.id, ActivityRow.source_external_id)
                rest = [
                    activity_id
                    for activity_id, external in session.execute(
                        keyed.where(ActivityRow.source_feed == feed)
                    )
                    if (external or activity_id) not in skip
                ]
                wanted = list(dict.fromkeys([*rest, *wanted]))
                values: dict[str, dict[str, str]] = {}
            else:
                for row in session.execute(query.where(ActivityRow.source_feed == feed)):
                    rows[row.id] = row
                values = _values_where(session, FeedValueRow.activity_id.in_(of_feed))
            for start in range(0, len(wanted), _CHUNK):
                chunk = [i for i in wanted[start : start + _CHUNK] if i not in rows]
                if chunk:
                    for row in session.execute(query.where(ActivityRow.id.in_(chunk))):
                        rows[row.id] = row
                    values |= _values_of(session, chunk)
        # One decoder for all: it shares the parts entries repeat (as whole loads do).
        decoder = ActivityDecoder()
        return [
            FeedEntry(
                decoder.activity(
                    tuple(getattr(row, c.name) for c in SCALAR_COLUMNS),
                    *(getattr(row, name) for name in _LIST_COLUMNS),
                ),
                row.version,
                values.get(activity_id, {}),
            )
            for activity_id, row in rows.items()
        ]

    def feed_keys(self, feed: str, field: str) -> dict[str, str]:
        """For each entry of `feed` that remembers `field`: its key (the feed's own id for
        it, else our id, as a sync matches records) -> the remembered value. One query, no
        activity read: a re-sync asks it for the stamps of the records it last read."""
        query = (
            select(ActivityRow.id, ActivityRow.source_external_id, FeedValueRow.value)
            .join(FeedValueRow, FeedValueRow.activity_id == ActivityRow.id)
            .where(ActivityRow.source_feed == feed, FeedValueRow.field == field)
        )
        with self._session() as session:
            return {
                external or activity_id: value
                for activity_id, external, value in session.execute(query)
            }

    def taken_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` an activity already has."""
        wanted, taken = list(dict.fromkeys(ids)), set[str]()
        with self._session() as session:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                taken.update(
                    session.scalars(select(ActivityRow.id).where(ActivityRow.id.in_(chunk)))
                )
        return taken

    def feed_values(self, activity_id: str) -> dict[str, str]:
        with self._session() as session:
            return _values_of(session, [activity_id]).get(activity_id, {})

    # Writing ------------------------------------------------------------------------------

    def apply(self, writes: Sequence[FeedWrite]) -> list[Outcome]:
        """Write every change in one transaction (all or nothing); the outcome of each, in
        order. A change whose entry is no longer at the planned version is not written: it
        is ALREADY_APPLIED when the entry already remembers exactly the values it would
        record (someone applied the same plan first), else MOVED_ON."""
        now = utc_now()
        outcomes: list[Outcome] = []
        with self._session() as session, session.begin():
            lock_directory(session)  # what is read below cannot change until commit
            versions = _versions_of(session, [w.activity_id for w in writes])
            batch = _Batch()
            for write in writes:
                found = versions.get(write.activity_id)
                if write.expected_version is None:
                    fits = found is None
                else:
                    fits = write.activity is None or found == write.expected_version
                if not fits:
                    outcomes.append(self._why_not(session, write))
                    continue
                outcomes.append(Outcome.APPLIED)
                self._add(batch, write, now, found)
            self._write(session, batch)
            if batch.inserts or batch.updates:
                bump_revision(session)
        return outcomes

    def _why_not(self, session: OrmSession, write: FeedWrite) -> Outcome:
        stored = _values_of(session, [write.activity_id]).get(write.activity_id, {})
        same = all(stored.get(name) == value for name, value in write.values.items())
        gone = not any(name in stored for name in write.forget)
        return Outcome.ALREADY_APPLIED if same and gone else Outcome.MOVED_ON

    @staticmethod
    def _add(batch: _Batch, write: FeedWrite, now: dt.datetime, found: int | None) -> None:
        if write.activity is not None:
            columns = activity_to_columns(write.activity)
            if write.expected_version is None:
                batch.inserts.append({**columns, "version": 1, "updated_at": now})
            else:
                version = (found or write.expected_version) + 1
                batch.updates.append({**columns, "version": version, "updated_at": now})
        if write.whole:
            batch.whole_ids.append(write.activity_id)
        else:
            for name in [*write.values, *write.forget]:
                batch.value_keys.append({"a": write.activity_id, "f": name})
        for name, value in write.values.items():
            batch.value_rows.append(
                {"activity_id": write.activity_id, "field": name, "value": value}
            )
        if write.report is not None:
            report = write.report
            batch.reports.append(
                {
                    "activity_id": report.activity_id,
                    "kinds": [k.value for k in report.kinds],
                    "note": report.note,
                    "reported_on": report.reported_on or now.date(),
                }
            )

    def _write(self, session: OrmSession, batch: _Batch) -> None:
        """Executemany in chunks: a first sync of 10,000 services is one statement per
        thousand rows, not one per row."""
        # Core, not ORM: the ORM has no bulk DELETE with parameters per row, and its bulk
        # INSERT costs more than the rows (22 remembered values per activity).
        forget = delete(_VALUES).where(
            _VALUES.c.activity_id == bindparam("a"), _VALUES.c.field == bindparam("f")
        )
        reports = insert(cast(Table, ProblemReportRow.__table__))
        for start in range(0, len(batch.whole_ids), _CHUNK):
            chunk = batch.whole_ids[start : start + _CHUNK]
            session.connection().execute(delete(_VALUES).where(_VALUES.c.activity_id.in_(chunk)))
        for start in range(0, len(batch.value_keys), _WRITE_CHUNK):
            session.connection().execute(forget, batch.value_keys[start : start + _WRITE_CHUNK])
        for start in range(0, len(batch.value_rows), _WRITE_CHUNK):
            rows = batch.value_rows[start : start + _WRITE_CHUNK]
            session.connection().execute(insert(_VALUES), rows)
        if batch.reports:
            session.connection().execute(reports, batch.reports)
        statements: list[tuple[Any, list[dict[str, Any]]]] = [
            (insert(ActivityRow).execution_options(render_nulls=True), batch.inserts),
            (update(ActivityRow), batch.updates),
        ]
        for statement, rows in statements:
            for start in range(0, len(rows), _WRITE_CHUNK):
                session.execute(statement, rows[start : start + _WRITE_CHUNK])

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


def _record(row: FeedRow) -> FeedRecord:
    return FeedRecord(row.name, row.url, row.added, row.last_synced, row.etag, row.last_modified)


def _values_of(session: OrmSession, ids: list[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        found |= _values_where(session, FeedValueRow.activity_id.in_(ids[start : start + _CHUNK]))
    return found


def _values_where(session: OrmSession, condition: Any) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    query = select(FeedValueRow.activity_id, FeedValueRow.field, FeedValueRow.value)
    for activity_id, name, value in session.execute(query.where(condition)):
        found.setdefault(activity_id, {})[name] = value
    return found


def _versions_of(session: OrmSession, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        query = select(ActivityRow.id, ActivityRow.version).where(ActivityRow.id.in_(chunk))
        found.update({activity_id: version for activity_id, version in session.execute(query)})
    return found
