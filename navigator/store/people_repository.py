"""Reading and writing the people store.

Every change writes its audit entry in the same transaction, so the log and the data never
disagree. Erasing deletes with `secure_delete` on and then VACUUMs, so nothing of the person
is left in the file's free pages either.

The store layer may not import `navigator.formats` (import-linter layers), so the profile's
JSON form is passed in as a codec by whoever builds the repository (the services do).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from navigator.domain.directory import CostUnit
from navigator.domain.people import (
    ActivityFlag,
    ActivityTerms,
    AuditAction,
    AuditEntry,
    Companion,
    Contact,
    ContactFrequency,
    ContactKind,
    Goal,
    GoalStatus,
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PersonSummary,
    PlanItem,
    PlanStatus,
    Referral,
    ReferralKind,
    Relationship,
    StopReason,
    Support,
    Timeframe,
    Uptake,
)
from navigator.domain.profile import Profile
from navigator.store.database import Database, describe_error, rows_changed
from navigator.store.people_models import (
    ActivityFlagRow,
    AuditRow,
    ContactRow,
    GoalRow,
    NetworkSnapshotRow,
    OutcomeRow,
    PersonRow,
    PlanItemRow,
)


class UnknownPerson(LookupError):
    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(f"There is no one with the reference {reference!r}.")


class DuplicateReference(ValueError):
    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(f"Someone already has the reference {reference!r}; choose another.")


@dataclass(frozen=True, slots=True)
class ProfileCodec:
    to_json: Callable[[Profile], dict[str, Any]]
    from_json: Callable[[dict[str, Any]], Profile]


@dataclass(frozen=True, slots=True)
class AuditNote:
    """What to log with a change: the record key is filled in by the repository."""

    at: dt.datetime  # UTC, naive in the database
    worker: str
    action: AuditAction
    detail: str


_SUMMARY = select(
    PersonRow.reference, PersonRow.opened_on, PersonRow.review_due, PersonRow.closed_on
)
_CHILDREN = (GoalRow, ContactRow, NetworkSnapshotRow, PlanItemRow, OutcomeRow)


class PeopleRepository:
    def __init__(self, database: Database, profiles: ProfileCodec) -> None:
        self._db = database
        self._profiles = profiles

    def close(self) -> None:
        self._db.close()

    # Reading ------------------------------------------------------------------------------

    def get(self, reference: str) -> PersonRecord | None:
        with self._session() as session:
            row = session.scalar(select(PersonRow).where(PersonRow.reference == reference))
            if row is None:
                return None
            return self._record(session, row)

    def summaries(self, *, include_closed: bool = True) -> list[PersonSummary]:
        query = _SUMMARY.order_by(PersonRow.reference)
        if not include_closed:
            query = query.where(PersonRow.closed_on.is_(None))
        return self._summaries(query)

    def due_for_review(self, on_or_before: dt.date) -> list[PersonSummary]:
        return self._summaries(
            _SUMMARY.where(
                PersonRow.closed_on.is_(None), PersonRow.review_due <= on_or_before
            ).order_by(PersonRow.review_due, PersonRow.reference)
        )

    def closed_on_or_before(self, day: dt.date) -> list[PersonSummary]:
        return self._summaries(
            _SUMMARY.where(PersonRow.closed_on <= day).order_by(
                PersonRow.closed_on, PersonRow.reference
            )
        )

    def uptake(self) -> list[Uptake]:
        """Counts per activity across everyone's plans: nothing that identifies anyone."""
        p = PlanItemRow
        counts = (
            select(
                p.activity_id,
                func.count(),
                func.sum(case((p.tried_on.is_not(None), 1), else_=0)),
                func.sum(case((p.regular_since.is_not(None), 1), else_=0)),
                func.sum(case((p.status == PlanStatus.GOING_REGULARLY.value, 1), else_=0)),
                func.sum(case((p.status == PlanStatus.STOPPED.value, 1), else_=0)),
            )
            .group_by(p.activity_id)
            .order_by(p.activity_id)
        )
        reasons = (
            select(p.activity_id, p.reason, func.count())
            .where(p.status == PlanStatus.STOPPED.value)
            .group_by(p.activity_id, p.reason)
            .order_by(p.activity_id, p.reason)
        )
        with self._session() as session:
            by_activity: dict[str, list[tuple[StopReason, int]]] = {}
            for activity_id, reason, n in session.execute(reasons):
                if reason is not None:  # a stopped item always has one (PlanItem checks)
                    by_activity.setdefault(activity_id, []).append((StopReason(reason), n))
            return [
                Uptake(a, planned, tried, kept, now, stopped, tuple(by_activity.get(a, ())))
                for a, planned, tried, kept, now, stopped in session.execute(counts)
            ]

    def open_flags(self) -> list[ActivityFlag]:
        query = (
            select(ActivityFlagRow)
            .where(ActivityFlagRow.resolved_on.is_(None))
            .order_by(ActivityFlagRow.flagged_on, ActivityFlagRow.id)
        )
        with self._session() as session:
            return [
                ActivityFlag(r.activity_id, StopReason(r.reason), r.flagged_on, r.id)
                for r in session.scalars(query)
            ]

    def audit_log(self, reference: str | None = None) -> list[AuditEntry]:
        """Oldest first; the reference is shown while the person's record still exists."""
        query = (
            select(AuditRow, PersonRow.reference)
            .outerjoin(PersonRow, PersonRow.record_key == AuditRow.record_key)
            .order_by(AuditRow.at, AuditRow.id)
        )
        if reference is not None:
            query = query.where(PersonRow.reference == reference)
        with self._session() as session:
            return [
                AuditEntry(a.at, a.worker, AuditAction(a.action), a.record_key, a.detail, ref)
                for a, ref in session.execute(query)
            ]

    # Writing ------------------------------------------------------------------------------

    def add(self, record: PersonRecord, note: AuditNote) -> None:
        with self._session() as session, session.begin():
            if (
                session.scalar(select(PersonRow.id).where(PersonRow.reference == record.reference))
                is not None
            ):
                raise DuplicateReference(record.reference)
            row = PersonRow(
                reference=record.reference,
                record_key=secrets.token_hex(16),
                opened_on=record.opened_on,
                updated_at=note.at,
                **self._details(record),
            )
            session.add(row)
            session.flush()
            session.add_all(
                GoalRow(person_id=row.id, **_goal(g, i)) for i, g in enumerate(record.goals)
            )
            session.add_all(ContactRow(person_id=row.id, **_contact(c)) for c in record.contacts)
            session.add_all(
                NetworkSnapshotRow(person_id=row.id, **_snapshot(s)) for s in record.network
            )
            session.add_all(PlanItemRow(person_id=row.id, **_plan(p)) for p in record.plan)
            session.add_all(OutcomeRow(person_id=row.id, **_outcome(o)) for o in record.outcomes)
            _log(session, row, note)

    def save_details(self, record: PersonRecord, note: AuditNote) -> None:
        """The profile, review date, referral and closed date of an existing record."""
        with self._session() as session, session.begin():
            row = _person(session, record.reference)
            for name, value in self._details(record).items():
                setattr(row, name, value)
            row.updated_at = note.at
            _log(session, row, note)

    def replace_goals(self, reference: str, goals: Sequence[Goal], note: AuditNote) -> None:
        with self._session() as session, session.begin():
            row = _person(session, reference)
            session.execute(delete(GoalRow).where(GoalRow.person_id == row.id))
            session.add_all(GoalRow(person_id=row.id, **_goal(g, i)) for i, g in enumerate(goals))
            _log(session, row, note)

    def add_contact(self, reference: str, contact: Contact, note: AuditNote) -> None:
        with self._session() as session, session.begin():
            row = _person(session, reference)
            session.add(ContactRow(person_id=row.id, **_contact(contact)))
            _log(session, row, note)

    def put_snapshot(self, reference: str, snapshot: NetworkSnapshot, note: AuditNote) -> None:
        """Add the map for its day, replacing one already saved that day."""
        with self._session() as session, session.begin():
            row = _person(session, reference)
            session.execute(
                delete(NetworkSnapshotRow).where(
                    NetworkSnapshotRow.person_id == row.id,
                    NetworkSnapshotRow.taken_on == snapshot.on,
                )
            )
            session.add(NetworkSnapshotRow(person_id=row.id, **_snapshot(snapshot)))
            _log(session, row, note)

    def put_plan_item(
        self, reference: str, item: PlanItem, note: AuditNote, flag: ActivityFlag | None = None
    ) -> None:
        """Add or replace the plan item for its activity, raising the directory flag with it."""
        with self._session() as session, session.begin():
            row = _person(session, reference)
            # Update in place so the item keeps its place in the plan's order.
            updated = rows_changed(
                session,
                update(PlanItemRow)
                .where(
                    PlanItemRow.person_id == row.id,
                    PlanItemRow.activity_id == item.activity_id,
                )
                .values(**_plan(item)),
            )
            if updated == 0:
                session.add(PlanItemRow(person_id=row.id, **_plan(item)))
            if flag is not None:
                session.add(
                    ActivityFlagRow(
                        activity_id=flag.activity_id,
                        reason=flag.reason.value,
                        flagged_on=flag.flagged_on,
                    )
                )
            _log(session, row, note)

    def put_outcome(self, reference: str, outcome: OutcomeRecord, note: AuditNote) -> None:
        with self._session() as session, session.begin():
            row = _person(session, reference)
            session.execute(
                delete(OutcomeRow).where(
                    OutcomeRow.person_id == row.id, OutcomeRow.taken_on == outcome.on
                )
            )
            session.add(OutcomeRow(person_id=row.id, **_outcome(outcome)))
            _log(session, row, note)

    def log(self, reference: str, note: AuditNote) -> None:
        """An audit entry on its own (an export changes nothing but is logged)."""
        with self._session() as session, session.begin():
            _log(session, _person(session, reference), note)

    def resolve_flags(self, activity_id: str, on: dt.date) -> int:
        with self._session() as session, session.begin():
            return rows_changed(
                session,
                update(ActivityFlagRow)
                .where(
                    ActivityFlagRow.activity_id == activity_id,
                    ActivityFlagRow.resolved_on.is_(None),
                )
                .values(resolved_on=on),
            )

    def erase(self, references: Sequence[str], note: AuditNote) -> int:
        """Delete these people and everything about them, then compact the file."""
        with self._session() as session, session.begin():
            rows = [_person(session, r) for r in references]
            for row in rows:
                for table in _CHILDREN:  # CASCADE would do it; this does not depend on a pragma
                    session.execute(delete(table).where(table.person_id == row.id))
                _log(session, row, note)
                session.delete(row)
        if rows:
            self._compact()
        return len(rows)

    # ---------------------------------------------------------------------------------------

    def _compact(self) -> None:
        """VACUUM rebuilds the file from live rows only: no old page survives anywhere in it."""
        if not self._db.is_sqlite:
            return
        try:
            with self._db.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")
        except DBAPIError as error:
            raise describe_error(error, self._db.url, shared=False) from error

    def _details(self, record: PersonRecord) -> dict[str, Any]:
        referral = record.referral
        return {
            # The reference is kept in one place only, so an erase has one thing to remove.
            "profile": self._profiles.to_json(replace(record.profile, reference=None)),
            "review_due": record.review_due,
            "closed_on": record.closed_on,
            "referral_kind": None if referral is None else referral.kind.value,
            "referral_on": None if referral is None else referral.on,
        }

    def _record(self, session: OrmSession, row: PersonRow) -> PersonRecord:
        def children(table: Any, *order: Any) -> Any:
            return session.scalars(select(table).where(table.person_id == row.id).order_by(*order))

        return PersonRecord(
            reference=row.reference,
            opened_on=row.opened_on,
            profile=replace(self._profiles.from_json(row.profile), reference=row.reference),
            goals=tuple(
                Goal(g.text, Timeframe(g.timeframe), GoalStatus(g.status))
                for g in children(GoalRow, GoalRow.position)
            ),
            contacts=tuple(
                Contact(c.happened_on, ContactKind(c.kind), c.note)
                for c in children(ContactRow, ContactRow.happened_on, ContactRow.id)
            ),
            network=tuple(
                NetworkSnapshot(s.taken_on, tuple(map(_member, s.members)))
                for s in children(NetworkSnapshotRow, NetworkSnapshotRow.taken_on)
            ),
            plan=tuple(
                PlanItem(
                    p.activity_id,
                    p.activity_name,
                    PlanStatus(p.status),
                    None if p.reason is None else StopReason(p.reason),
                    p.note,
                    p.updated_on,
                    p.tried_on,
                    p.regular_since,
                    _terms(p.terms),
                    _companion(p.companion),
                )
                for p in children(PlanItemRow, PlanItemRow.id)
            ),
            outcomes=tuple(
                OutcomeRecord(
                    o.taken_on,
                    (o.ucla_companionship, o.ucla_left_out, o.ucla_isolated),
                    None if o.lonely is None else LonelyHowOften(o.lonely),
                    (o.ons_life_satisfaction, o.ons_worthwhile, o.ons_happy, o.ons_anxious),
                    o.belonging,
                )
                for o in children(OutcomeRow, OutcomeRow.taken_on)
            ),
            review_due=row.review_due,
            closed_on=row.closed_on,
            referral=None
            if row.referral_kind is None or row.referral_on is None
            else Referral(ReferralKind(row.referral_kind), row.referral_on),
        )

    def _summaries(self, query: Any) -> list[PersonSummary]:
        with self._session() as session:
            return [PersonSummary(*row) for row in session.execute(query)]

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
            raise describe_error(value, self._url, shared=False) from value


def _person(session: OrmSession, reference: str) -> PersonRow:
    row = session.scalar(select(PersonRow).where(PersonRow.reference == reference))
    if row is None:
        raise UnknownPerson(reference)
    return row


def _log(session: OrmSession, row: PersonRow, note: AuditNote) -> None:
    session.execute(
        insert(AuditRow).values(
            at=note.at,
            worker=note.worker,
            action=note.action.value,
            record_key=row.record_key,
            detail=note.detail,
        )
    )


# Mapping between domain objects and columns ----------------------------------------------------


def _goal(g: Goal, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "text": g.text,
        "timeframe": g.timeframe.value,
        "status": g.status.value,
    }


def _contact(c: Contact) -> dict[str, Any]:
    return {"happened_on": c.on, "kind": c.kind.value, "note": c.note}


def _snapshot(s: NetworkSnapshot) -> dict[str, Any]:
    return {"taken_on": s.on, "members": [_member_json(m) for m in s.members]}


def _plan(p: PlanItem) -> dict[str, Any]:
    return {
        "activity_id": p.activity_id,
        "activity_name": p.activity_name,
        "status": p.status.value,
        "reason": None if p.reason is None else p.reason.value,
        "note": p.note,
        "updated_on": p.updated_on,
        "tried_on": p.tried_on,
        "regular_since": p.regular_since,
        "terms": None
        if p.terms is None
        else {
            "amount_gbp": p.terms.amount_gbp,
            "unit": None if p.terms.unit is None else p.terms.unit.value,
            "sessions": list(p.terms.sessions),
        },
        "companion": None
        if p.companion is None
        else {
            "who": p.companion.who,
            "when": p.companion.when,
            "on_handout": p.companion.on_handout,
        },
    }


def _companion(d: dict[str, Any] | None) -> Companion | None:
    if d is None:
        return None
    return Companion(d["who"], d.get("when", ""), bool(d.get("on_handout", False)))


def _terms(d: dict[str, Any] | None) -> ActivityTerms | None:
    if d is None:
        return None
    unit = d.get("unit")
    return ActivityTerms(
        d.get("amount_gbp"), None if unit is None else CostUnit(unit), tuple(d.get("sessions", ()))
    )


def _outcome(o: OutcomeRecord) -> dict[str, Any]:
    return {
        "taken_on": o.on,
        "ucla_companionship": o.ucla[0],
        "ucla_left_out": o.ucla[1],
        "ucla_isolated": o.ucla[2],
        "lonely": None if o.lonely is None else o.lonely.value,
        "ons_life_satisfaction": o.ons4[0],
        "ons_worthwhile": o.ons4[1],
        "ons_happy": o.ons4[2],
        "ons_anxious": o.ons4[3],
        "belonging": o.belonging,
    }


# The stored form of a map member: the columns of a snapshot's JSON list. Kept apart from the
# export format (navigator.formats.person) so either can change without the other.
def _member_json(m: NetworkMember) -> dict[str, Any]:
    return {
        "alias": m.alias,
        "kind": m.kind.value,
        "circle": m.circle,
        "relationship": None if m.relationship is None else m.relationship.value,
        "frequency": None if m.frequency is None else m.frequency.value,
        "support": [s.value for s in m.support],
        "angle": m.angle,
    }


def _member(d: dict[str, Any]) -> NetworkMember:
    return NetworkMember(
        d["alias"],
        MemberKind(d["kind"]),
        d["circle"],
        None if d.get("relationship") is None else Relationship(d["relationship"]),
        None if d.get("frequency") is None else ContactFrequency(d["frequency"]),
        tuple(Support(s) for s in d.get("support", ())),
        d.get("angle"),
    )
