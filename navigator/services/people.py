"""Following people up: the use cases behind the people windows (issue 6).

Everything the UI does to a person's record goes through `PeopleService`. Two rules run
through it:

- Free text is screened for things that look like identifiers (NHS number, phone, email,
  full postcode, date of birth). A save whose text has any raises `IdentifierWarning`
  listing them and saves nothing; the UI shows the list and, if the worker says "save
  anyway", calls again with `confirmed=True`. `check_text` gives the same list while typing.
- Every change, export and erase is in the audit log with the worker's name and the time.
  The log names records by a random key, never the reference, and says which part changed,
  never what was typed, so it keeps nothing of an erased person (see `people_models`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path

from navigator.domain.identifiers import Finding, find_identifiers, find_name
from navigator.domain.people import (
    FIRST_REVIEW_AFTER,
    ActivityFlag,
    ActivityTerms,
    AuditAction,
    AuditEntry,
    Companion,
    Contact,
    Goal,
    MemberKind,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PersonSummary,
    PlanItem,
    PlanStatus,
    Referral,
    StopReason,
    Uptake,
    check_length,
    check_reference,
)
from navigator.domain.postcodes import normalise_postcode, postcode_sector
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.formats.person import person_to_json
from navigator.formats.profile import parse_profile, profile_to_json
from navigator.services.files import write_json_atomically
from navigator.services.moving_on import moving_on_text
from navigator.store.database import Database
from navigator.store.people_database import choose_people_url, open_people_database
from navigator.store.people_repository import (
    AuditNote,
    DuplicateReference,
    PeopleRepository,
    ProfileCodec,
    UnknownPerson,
)

__all__ = [
    "DuplicateReference",
    "FieldFinding",
    "IdentifierWarning",
    "PeopleService",
    "UnknownPerson",
    "open_people_service",
    "people_repository",
]

# A point is kept to 2 decimal places (about 1 km): enough to rank by distance, too coarse
# to point at a home. A full postcode is kept as its sector ("N7 6") for the same reason.
POINT_DECIMALS = 2


@dataclass(frozen=True, slots=True)
class FieldFinding:
    field: str  # where, in words: "goal 2", "note", "map: sister"
    finding: Finding

    @property
    def message(self) -> str:
        return f"{self.field}: {self.finding.message}"


class IdentifierWarning(Exception):
    """Text looks like it identifies someone; nothing was saved."""

    def __init__(self, findings: Sequence[FieldFinding]) -> None:
        self.findings = tuple(findings)
        kinds = sorted({f.finding.kind.label.split(" (")[0] for f in self.findings})
        super().__init__(
            f"This looks like it includes {' and '.join(kinds)}; people's records "
            "keep no names or contact details. Change it, or save it anyway."
        )


def people_repository(database: Database) -> PeopleRepository:
    return PeopleRepository(database, ProfileCodec(profile_to_json, parse_profile))


def open_people_service(
    url: str | None = None,
    *,
    worker: str,
    clock: Callable[[], dt.datetime] | None = None,
    activity_terms: TermsLookup | None = None,
) -> PeopleService:
    """Open (creating and migrating if need be) the people store and its service."""
    database = open_people_database(choose_people_url(url))
    return PeopleService(
        people_repository(database), worker, clock=clock, activity_terms=activity_terms
    )


# An activity's price and times in the directory now, by its id (None: not there). Plan items
# keep them so a later change can be told (services/plan_context.py). Directory facts only:
# the lookup reads the directory; nothing goes the other way.
TermsLookup = Callable[[str], ActivityTerms | None]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PeopleService:
    def __init__(
        self,
        repository: PeopleRepository,
        worker: str,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        activity_terms: TermsLookup | None = None,
    ) -> None:
        if not worker.strip() or len(worker) > 100:
            raise ValueError("Enter your name (up to 100 characters) so changes can be logged.")
        self._repository = repository
        self._worker = worker.strip()
        self._clock = clock or _utc_now  # an aware datetime
        self._activity_terms = activity_terms or (lambda _activity_id: None)

    def close(self) -> None:
        """Release the database (the service is not used after this)."""
        self._repository.close()

    def today(self) -> dt.date:
        return self._clock().astimezone().date()

    # Checking -----------------------------------------------------------------------------

    def check_text(self, text: str) -> list[Finding]:
        return find_identifiers(text, today=self.today())

    # Reading ------------------------------------------------------------------------------

    def person(self, reference: str) -> PersonRecord:
        record = self._repository.get(reference)
        if record is None:
            raise UnknownPerson(reference)
        return record

    def people(self, *, include_closed: bool = False) -> list[PersonSummary]:
        return self._repository.summaries(include_closed=include_closed)

    def open_records(self) -> list[PersonRecord]:
        """Every open record in full (profile and plan), for matching them again."""
        return [self.person(p.reference) for p in self.people()]

    def due_for_review(self, within_days: int = 0) -> list[PersonSummary]:
        """Open records whose review date is today or earlier (or within the coming days)."""
        return self._repository.due_for_review(self.today() + dt.timedelta(days=within_days))

    def uptake(self) -> list[Uptake]:
        return self._repository.uptake()

    def uptake_for(self, activity_id: str) -> Uptake:
        return next((u for u in self.uptake() if u.activity_id == activity_id), Uptake(activity_id))

    def flags_for_directory(self) -> list[ActivityFlag]:
        """Activities follow-ups found closed or at the wrong time, for the review queue."""
        return self._repository.open_flags()

    def audit_log(self, reference: str | None = None) -> list[AuditEntry]:
        return self._repository.audit_log(reference)

    # Creating and changing ----------------------------------------------------------------

    def create_from_profile(
        self,
        profile: Profile,
        *,
        reference: str | None = None,
        plan: Sequence[tuple[str, str]] = (),
        review_due: dt.date | None = None,
        confirmed: bool = False,
    ) -> PersonRecord:
        """A new record from an appointment's profile; `plan` is the (activity id, name)
        pairs the person agreed to try."""
        reference = (reference or profile.reference or "").strip()
        check_reference(reference)
        today = self.today()
        record = PersonRecord(
            reference=reference,
            opened_on=today,
            profile=minimal_profile(profile),
            plan=tuple(
                PlanItem(
                    a, name, PlanStatus.AGREED, updated_on=today, terms=self._activity_terms(a)
                )
                for a, name in dict(plan).items()
            ),
            review_due=today + FIRST_REVIEW_AFTER if review_due is None else review_due,
        )
        overridden = self._screen([("reference", reference), *_profile_texts(profile)], confirmed)
        self._repository.add(record, self._note(AuditAction.CREATE, "created", overridden))
        return self.person(reference)

    def save_profile(self, reference: str, profile: Profile, *, confirmed: bool = False) -> None:
        overridden = self._screen(_profile_texts(profile), confirmed)
        self._save_details(
            replace(self.person(reference), profile=minimal_profile(profile)), "profile", overridden
        )

    def set_strengths(
        self,
        reference: str,
        strengths: Sequence[str],
        can_offer: Sequence[str],
        *,
        confirmed: bool = False,
    ) -> None:
        """The person's strengths and what they can offer, in their own words (issue 16): kept
        in the record's profile, so Match again carries them and matching can use them."""
        tidy = _own_words(strengths, "A strength")
        offers = _own_words(can_offer, "What they can offer")
        texts = [(f"strength: {t}", t) for t in tidy] + [(f"can offer: {t}", t) for t in offers]
        overridden = self._screen(texts, confirmed)
        record = self.person(reference)
        profile = replace(record.profile, strengths=tidy, can_offer=offers)
        self._save_details(replace(record, profile=profile), "strengths", overridden)

    def set_companion(
        self,
        reference: str,
        activity_id: str,
        companion: Companion | None,
        *,
        confirmed: bool = False,
    ) -> None:
        """Who goes along the first time (None: nobody now). The alias is checked like one
        on the map: a full name or contact details warn before anything is saved."""
        item = self.person(reference).plan_item(activity_id)
        if item is None:
            raise LookupError(f"{activity_id!r} is not on {reference}'s plan.")
        texts = [] if companion is None else [("going with", companion.who)]
        if companion is not None and companion.when:
            texts.append(("when", companion.when))
        names = frozenset() if companion is None or companion.is_volunteer else {"going with"}
        overridden = self._screen(texts, confirmed, names=names)
        self._repository.put_plan_item(
            reference,
            replace(item, companion=companion),
            self._note(AuditAction.CHANGE, "plan: going with", overridden),
        )

    def set_review_due(self, reference: str, due: dt.date | None) -> None:
        self._save_details(replace(self.person(reference), review_due=due), "review date")

    def set_referral(self, reference: str, referral: Referral | None) -> None:
        self._save_details(replace(self.person(reference), referral=referral), "referral")

    def close_record(self, reference: str, on: dt.date | None = None) -> None:
        """Support has ended; the record is purged a set time after this date."""
        self._save_details(replace(self.person(reference), closed_on=on or self.today()), "closed")

    def reopen_record(self, reference: str) -> None:
        self._save_details(replace(self.person(reference), closed_on=None), "reopened")

    def add_contact(self, reference: str, contact: Contact, *, confirmed: bool = False) -> None:
        overridden = self._screen([("note", contact.note)], confirmed)
        self._repository.add_contact(
            reference, contact, self._note(AuditAction.CHANGE, "contact", overridden)
        )

    def set_goals(self, reference: str, goals: Sequence[Goal], *, confirmed: bool = False) -> None:
        """Replace the person's goals (in their own words) with these, in this order."""
        overridden = self._screen(
            [(f"goal {i}", g.text) for i, g in enumerate(goals, 1)], confirmed
        )
        self._repository.replace_goals(
            reference, goals, self._note(AuditAction.CHANGE, "goals", overridden)
        )

    def record_network(
        self, reference: str, snapshot: NetworkSnapshot, *, confirmed: bool = False
    ) -> None:
        """Save the map as drawn on its day (a second save the same day replaces it)."""
        # A person on the map is where a full name is the obvious thing to type.
        overridden = self._screen(
            [(f"map: {m.alias}", m.alias) for m in snapshot.members],
            confirmed,
            names={f"map: {m.alias}" for m in snapshot.members if m.kind is MemberKind.PERSON},
        )
        self._repository.put_snapshot(
            reference, snapshot, self._note(AuditAction.CHANGE, "network map", overridden)
        )

    def add_to_plan(
        self,
        reference: str,
        activity_id: str,
        activity_name: str,
        *,
        status: PlanStatus = PlanStatus.AGREED,
    ) -> PlanItem:
        """Put an activity on the plan; one already there is left as it is."""
        existing = self.person(reference).plan_item(activity_id)
        if existing is not None:
            return existing
        item = PlanItem(activity_id, activity_name).moved_to(
            status, self.today(), terms=self._activity_terms(activity_id)
        )
        self._repository.put_plan_item(reference, item, self._note(AuditAction.CHANGE, "plan"))
        return item

    def set_plan_status(
        self,
        reference: str,
        activity_id: str,
        status: PlanStatus,
        *,
        reason: StopReason | None = None,
        note: str | None = None,
        on: dt.date | None = None,
        confirmed: bool = False,
    ) -> ActivityFlag | None:
        """Move a plan item on. Stopping because the activity closed or its time was wrong
        raises a flag for the directory's review queue (returned), naming no one."""
        item = self.person(reference).plan_item(activity_id)
        if item is None:
            raise LookupError(f"{activity_id!r} is not on {reference}'s plan.")
        on = on or self.today()
        # The activity as it is now: what a stop reason is later compared with, and what an
        # alert about a moved time is measured from (a status change acknowledges it).
        terms = self._activity_terms(activity_id)
        changed = item.moved_to(status, on, reason=reason, note=note, terms=terms)
        overridden = self._screen([("plan note", changed.note)], confirmed)
        flag = (
            ActivityFlag(activity_id, reason, on)
            if reason is not None and reason.flags_directory
            else None
        )
        self._repository.put_plan_item(
            reference, changed, self._note(AuditAction.CHANGE, "plan", overridden), flag
        )
        return flag

    def record_outcome(self, reference: str, outcome: OutcomeRecord) -> None:
        """Scores taken on a day (a second record the same day replaces it)."""
        self._repository.put_outcome(
            reference, outcome, self._note(AuditAction.CHANGE, "outcome measures")
        )

    def resolve_flags(self, activity_id: str) -> int:
        """The directory entry was checked: its flags leave the review queue."""
        return self._repository.resolve_flags(activity_id, self.today())

    # Leaving the store --------------------------------------------------------------------

    def moving_on_summary(self, reference: str) -> str:
        text = moving_on_text(self.person(reference), today=self.today(), worker=self._worker)
        self._repository.log(reference, self._note(AuditAction.EXPORT, "moving-on summary"))
        return text

    def export_person(self, reference: str, path: Path) -> None:
        """Everything about one person as `navigator-person` v1 JSON (owner-only file)."""
        data = person_to_json(self.person(reference), self.audit_log(reference), self._clock())
        write_json_atomically(Path(path), data)  # mkstemp: the file is created 0600
        self._repository.log(reference, self._note(AuditAction.EXPORT, "JSON file"))

    def erase(self, reference: str) -> None:
        """Remove the person and everything about them; nothing is left in the file."""
        self._repository.erase([reference], self._note(AuditAction.ERASE, "erased"))

    def purge_candidates(self, closed_days: int) -> list[PersonSummary]:
        """Records closed more than `closed_days` days ago: what a purge would erase."""
        return self._repository.closed_on_or_before(self._purge_cutoff(closed_days))

    def purge_closed(self, closed_days: int) -> int:
        """Erase every record closed more than `closed_days` days ago; how many went."""
        references = [p.reference for p in self.purge_candidates(closed_days)]
        note = self._note(AuditAction.ERASE, f"purged: closed over {closed_days} days")
        return self._repository.erase(references, note) if references else 0

    # ---------------------------------------------------------------------------------------

    def _purge_cutoff(self, closed_days: int) -> dt.date:
        if closed_days < 0:
            raise ValueError("The purge period is a number of days, 0 or more.")
        return self.today() - dt.timedelta(days=closed_days + 1)

    def _save_details(self, record: PersonRecord, detail: str, overridden: bool = False) -> None:
        self._repository.save_details(record, self._note(AuditAction.CHANGE, detail, overridden))

    def _screen(
        self,
        texts: Sequence[tuple[str, str]],
        confirmed: bool,
        *,
        names: Set[str] = frozenset({"reference"}),
    ) -> bool:
        """Raise IdentifierWarning unless confirmed; True when the worker overrode one.
        The texts whose place is in `names` are also checked for looking like a name."""
        findings = [
            FieldFinding(where, f)
            for where, text in texts
            for f in [*self.check_text(text), *(find_name(text) if where in names else [])]
        ]
        if findings and not confirmed:
            raise IdentifierWarning(findings)
        return bool(findings)

    def _note(self, action: AuditAction, detail: str, overridden: bool = False) -> AuditNote:
        if overridden:  # that a warning was overridden is worth knowing; what it was is not
            detail += " (saved after an identifier warning)"
        at = self._clock().astimezone(dt.UTC).replace(tzinfo=None)
        return AuditNote(at, self._worker, action, detail)


def minimal_profile(profile: Profile) -> Profile:
    """The profile as the people store keeps it: location coarsened, no reference copy."""
    location = profile.location
    if isinstance(location, PostcodeLocation) and normalise_postcode(location.postcode):
        location = PostcodeLocation(postcode_sector(location.postcode) or location.postcode)
    elif isinstance(location, LatLon):
        location = LatLon(round(location.lat, POINT_DECIMALS), round(location.lon, POINT_DECIMALS))
    return replace(profile, location=location)


def _profile_texts(profile: Profile) -> list[tuple[str, str]]:
    return [
        *((f"interest: {i}", i) for i in profile.interests),
        *((f"strength: {t}", t) for t in profile.strengths),
        *((f"can offer: {t}", t) for t in profile.can_offer),
    ]


MAX_STRENGTHS = 20
MAX_STRENGTH_CHARS = 100  # "fixing bikes", "used to sing in a band": a few words each


def _own_words(words: Sequence[str], what: str) -> tuple[str, ...]:
    """Words as typed, spaces tidied, blanks and repeats dropped; ValueError when too many
    or too long (nothing is saved)."""
    tidy = tuple(dict.fromkeys(" ".join(w.split()) for w in words if w.strip()))
    for text in tidy:
        check_length(what, text, MAX_STRENGTH_CHARS)
    if len(tidy) > MAX_STRENGTHS:
        raise ValueError(f"Keep it to {MAX_STRENGTHS} at most; this list has {len(tidy)}.")
    return tidy
