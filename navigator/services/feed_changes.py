"""A feed's changes, planned for a prescriber to review and applied only once accepted
(issue 15, item 2).

`plan_changes` matches the records a sync fetched to the directory's entries from that feed
(by `source.feed` and the feed's own id) and says, for each: new; changed, field by field;
or, when the fetch saw the whole feed, left it. Each entry remembers what its feed last said
for every field (`feed_values` in the store; the fields are `navigator.services.feed_fields`),
so a field is compared three ways:

- the feed's new value differs from what it said last time: *the feed changed it*;
- the entry's value differs from what the feed said last time: *we changed it* (a
  prescriber's correction), kept unless the prescriber takes the feed's value instead;
- both: the change shows both, and keeps ours by default.

A field a prescriber settled in Review (confirming or correcting a guess) stays settled
(`keep_settled`). Nothing is written until `apply_changes`: every accepted change in one
transaction, checked against the version it was planned from, so a change someone else has
already applied is reported as such, never applied twice. An entry that left the feed is
paused with the reason "left the council feed" (a problem report the review queue lists),
never deleted. After an apply, the duplicate finder looks across every source for entries
like the ones just added or changed.

Over 400 lines because planning and applying share the three-way comparison and its
memory of the feed's values; fields and their words are apart (`feed_fields`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from navigator.domain.directory import Activity, Source, Status
from navigator.domain.reports import ProblemKind, ProblemReport
from navigator.formats.guessing import keep_settled
from navigator.formats.reading import printable
from navigator.services.duplicates import find_duplicates
from navigator.services.feed_digest import RAW
from navigator.services.feed_fields import (
    FIELD_BY_KEY,
    FIELDS,
    WHOLE,
    columns_of,
    decode,
    digest,
    encode,
    from_columns,
    remembered,
)
from navigator.store.feed_repository import FeedEntry, FeedRepository, FeedWrite, Outcome
from navigator.store.repository import DirectoryRepository, activity_to_columns

# The reason an entry that left its feed is paused, as its problem report's note.
LEFT_THE_FEED = "left the council feed"
# The remembered field that marks an entry as having left its feed (so it is listed once).
LEFT = "left"
# Longest a value is shown in a change ("old -> new"), in characters.
SHOWN_CHARS = 80
# Activity ids are at most this long (the store's column).
MAX_ID_CHARS = 200


class FeedChangeError(Exception):
    """A request about a plan that cannot be done; `str(error)` is one plain sentence."""


def _shown(text: str) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


# The plan -------------------------------------------------------------------------------------


class FieldChange(NamedTuple):
    """One field of a changed entry: what the feed said last time (`old`), what it says now
    (`new`), and our value when a prescriber changed it here since (`local`; else None)."""

    field: str
    old: str
    new: str
    local: str | None

    @property
    def label(self) -> str:
        return FIELD_BY_KEY[self.field].label


@dataclass(frozen=True, slots=True)
class _Planned:
    """What applying a change needs (not for showing)."""

    current: Activity | None  # the entry as planned from; None for a new one
    version: int | None
    incoming: Activity | None  # the feed's record, with settled fields kept
    values: Mapping[str, str]  # every field's feed value to remember
    forget: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One entry's change. `id` is the entry's id (what `accepted` names); `kind` is "new",
    "changed" or "left"."""

    id: str
    kind: str
    activity_name: str
    fields: tuple[FieldChange, ...] = ()
    joins_feed: bool = False  # an entry imported before from a file, now kept in step
    planned: _Planned | None = field(default=None, repr=False, compare=False)

    def describe(self) -> list[str]:
        """The change in plain lines: a heading, then one line per field."""
        name = _shown(self.activity_name)
        if self.kind == "new":
            return [f"New: {name}"]
        if self.kind == "left":
            return [f"Left the feed: {name} (will be paused, not deleted)"]
        lines = [f"Changed: {name}"]
        if self.joins_feed:
            lines.append("  now kept in step with the feed (it was imported from a file)")
        for change in self.fields:
            lines.append(f"  {change.label}: {_shown(change.old)} -> {_shown(change.new)}")
            if change.local is not None:
                lines.append(
                    f"    changed here too, to {_shown(change.local)}: ours is kept unless "
                    "you take the feed's"
                )
        return lines


@dataclass(frozen=True, slots=True)
class ChangeSet:
    feed: str
    changes: tuple[Change, ...]
    unchanged: int = 0
    kept_local: int = 0  # fields changed here that the feed did not change: ours stay
    repeated: int = 0  # records whose feed id came again in the same fetch, left out
    complete: bool = True
    quiet: tuple[FeedWrite, ...] = field(default=(), repr=False)  # remembered values only
    # Of `unchanged`, records the feed served exactly as last time, so not read again (and
    # not in `kept_local`: their entries were not looked at).
    unread: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def summary(self) -> str:
        text = (
            f"{self.feed}: {self.count('new')} new, {self.count('changed')} changed, "
            f"{self.count('left')} left the feed, {self.unchanged} unchanged."
        )
        conflicts = sum(1 for c in self.changes for f in c.fields if f.local is not None)
        if self.kept_local:
            text += f" {_n(self.kept_local, 'local correction')} kept."
        if conflicts:
            text += (
                f" {_n(conflicts, 'field')} changed both here and in the feed: ours is kept "
                "unless you take the feed's."
            )
        if self.repeated:
            text += f" {_n(self.repeated, 'record')} repeated an id already seen, left out."
        if not self.complete:
            text += " Only part of the feed was read, so nothing is marked as left."
        return text


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def plan_changes(
    repository: DirectoryRepository | FeedRepository,
    feed: str,
    incoming: Sequence[Activity],
    *,
    complete: bool,
    unread: Collection[str] = (),
    stamps: Mapping[str, str] | None = None,
) -> ChangeSet:
    """What syncing `incoming` (the records fetched from `feed`) would change; writes
    nothing. `complete` False when the fetch did not see the whole feed: then no entry is
    said to have left it.

    `unread` are the keys (the feed's ids) of records the feed served exactly as when their
    entries last took them (`feed_digest`): they were not read, count as unchanged and are
    not looked at. `stamps` gives, by key, each incoming record's stamp, remembered with
    the change (or quietly) so the next sync may pass over it in turn."""
    store = _feed_store(repository)
    stamps = stamps or {}
    skipped = set(unread)
    records: dict[str, Activity] = {}
    repeated = 0
    for record in incoming:
        key = _key(record)
        if key in skipped:
            continue  # counted unchanged already (a caller passing it twice)
        if key in records:
            repeated += 1
        else:
            records[key] = record
    entries = store.entries(feed, also_ids=[r.id for r in records.values()], except_keys=skipped)
    ours: dict[str, FeedEntry] = {}
    others: dict[str, FeedEntry] = {}
    for stored in entries:
        source = stored.activity.source
        if source is not None and source.feed == feed:
            key = source.external_id or stored.activity.id
            if key not in skipped:  # a skipped entry may come in through `also_ids`
                ours[key] = stored
        else:
            others[stored.activity.id] = stored

    changes: list[Change] = []
    quiet: list[FeedWrite] = []
    unchanged, kept_local = len(skipped), 0
    new_records: list[tuple[str, Activity]] = []
    for key, record in records.items():
        stamped = replace(record, source=Source(feed, _external_id(record)))
        entry = ours.get(key)
        joins = False
        if entry is None:
            adopted = others.get(record.id)
            if adopted is not None and _imported_from_file(adopted.activity, record):
                entry, joins = adopted, True
        if entry is None:
            new_records.append((key, stamped))
            continue
        change, kept, write = _compare(entry, stamped, joins, stamps.get(key))
        kept_local += kept
        if change is not None:
            changes.append(change)
        else:
            unchanged += 1
            if write is not None:
                quiet.append(write)

    known = {e.activity.id for e in entries}
    changes.extend(_new_changes(store, feed, new_records, known, stamps))
    if complete:
        changes.extend(
            _left(entry)
            for key, entry in ours.items()
            if key not in records
            and entry.activity.status is not Status.ARCHIVED
            and LEFT not in entry.values
        )
    return ChangeSet(
        feed,
        tuple(changes),
        unchanged,
        kept_local,
        repeated,
        complete,
        tuple(quiet),
        len(skipped),
    )


def _feed_store(repository: DirectoryRepository | FeedRepository) -> FeedRepository:
    if isinstance(repository, FeedRepository):
        return repository
    return FeedRepository(repository.database)


def _external_id(record: Activity) -> str | None:
    return record.source.external_id if record.source is not None else None


def _key(record: Activity) -> str:
    """How a record is known within its feed: the feed's own id, else ours."""
    return _external_id(record) or record.id


def _imported_from_file(stored: Activity, record: Activity) -> bool:
    """The stored entry is this record imported from a saved copy of a feed before the
    subscription: the same id and feed id, and no feed named."""
    source = stored.source
    return (
        source is not None
        and source.feed is None
        and source.external_id is not None
        and source.external_id == _external_id(record)
    )


def _compare(
    entry: FeedEntry, record: Activity, joins: bool, raw: str | None = None
) -> tuple[Change | None, int, FeedWrite | None]:
    """The change to an entry (None when there is nothing to show), how many local
    corrections are kept, and, when nothing shows, a write that only remembers the feed's
    values (None when they are remembered already). `raw` is the record's stamp."""
    current = entry.activity
    incoming = keep_settled(current, record)
    now, ours = columns_of(incoming), columns_of(current)
    whole = digest(now)
    if not joins and LEFT not in entry.values and entry.values.get(WHOLE) == whole:
        # The feed says just what it said last time: only our corrections can differ.
        kept = sum(any(now[c] != ours[c] for c in f.columns) for f in FIELDS)
        if raw is None or entry.values.get(RAW) == raw:
            return None, kept, None
        # Read into the same values (an entry stamped before, or none yet): the stamp alone.
        return None, kept, FeedWrite(current.id, entry.version, None, {RAW: raw})
    values: dict[str, str] = {WHOLE: whole}
    if raw is not None:
        values[RAW] = raw
    fields: list[FieldChange] = []
    kept = 0
    last_time: Activity | None = None
    for f in FIELDS:
        here = encode(ours, f)
        new = here if all(now[c] == ours[c] for c in f.columns) else encode(now, f)
        old = entry.values.get(f.key, here)  # nothing remembered: as if we changed nothing
        values[f.key] = new
        if new == old:
            kept += here != old
            continue
        if new == here:
            continue  # the feed now says what we had already corrected it to
        if last_time is None:
            last_time = decode(current, entry.values)
        fields.append(
            FieldChange(
                f.key,
                f.words(last_time),
                f.words(incoming),
                f.words(current) if here != old else None,
            )
        )
    forget = (LEFT,) if LEFT in entry.values else ()
    planned = _Planned(current, entry.version, incoming, values, forget)
    if fields or joins:
        change = Change(current.id, "changed", current.name, tuple(fields), joins, planned)
        return change, kept, None
    if values == {k: v for k, v in entry.values.items() if k != LEFT} and not forget:
        return None, kept, None
    return None, kept, FeedWrite(current.id, entry.version, None, values, forget, whole=True)


def _new_changes(
    store: FeedRepository,
    feed: str,
    records: list[tuple[str, Activity]],
    known: set[str],
    stamps: Mapping[str, str],
) -> list[Change]:
    """New entries, each with an id no other entry has (the record's own when free)."""
    taken = store.taken_ids([r.id for _, r in records]) | known
    wanted: list[tuple[str, Activity]] = []
    for key, record in records:
        activity_id = record.id
        if activity_id in taken:
            activity_id = _fallback_id(feed, key)
        wanted.append((activity_id, record))
        taken.add(activity_id)
    # A fallback may itself be in use (rare): number it until it is free.
    clash = store.taken_ids([i for i, r in wanted if i != r.id])
    changes = []
    for (key, _), (activity_id, record) in zip(records, wanted, strict=True):
        if activity_id != record.id and activity_id in clash:
            n = 2
            while f"{activity_id}-{n}" in taken or store.taken_ids([f"{activity_id}-{n}"]):
                n += 1
            activity_id = f"{activity_id}-{n}"
            taken.add(activity_id)
        activity = replace(record, id=activity_id)
        columns = columns_of(activity)
        values = remembered(columns)
        if key in stamps:
            values[RAW] = stamps[key]
        planned = _Planned(None, None, activity, values)
        changes.append(Change(activity_id, "new", activity.name, (), False, planned))
    return changes


def _fallback_id(feed: str, key: str) -> str:
    candidate = f"{feed}:{key}"
    if len(candidate) <= MAX_ID_CHARS - 8:  # room for a "-n" suffix
        return candidate
    return "feed:" + hashlib.sha256(candidate.encode()).hexdigest()[:32]


def _left(entry: FeedEntry) -> Change:
    current = entry.activity
    paused = replace(current, status=Status.PAUSED)
    status = FIELD_BY_KEY["status"]
    # The status remembered as paused: should the entry come back, the feed's "running" is
    # then a change the prescriber is offered. The digests no longer fit, so they go.
    values = {LEFT: "true", status.key: encode(columns_of(paused), status)}
    planned = _Planned(current, entry.version, None, values, (WHOLE, RAW))
    return Change(current.id, "left", current.name, (), False, planned)


# Applying -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplyReport:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    paused: tuple[str, ...] = ()  # left the feed
    already_applied: tuple[str, ...] = ()  # by someone else, first
    moved_on: tuple[str, ...] = ()  # changed here since the plan: sync again to see them
    not_accepted: int = 0
    kept_local: int = 0
    duplicates: int = 0  # likely duplicates, across every source, to review

    def describe(self) -> str:
        text = (
            f"Added {len(self.added)}, changed {len(self.changed)}, "
            f"paused {len(self.paused)} that left the feed."
        )
        if self.kept_local:
            text += f" {_n(self.kept_local, 'local correction')} kept."
        if self.already_applied:
            text += f" {len(self.already_applied)} already applied by someone else."
        if self.moved_on:
            text += (
                f" {_n(len(self.moved_on), 'entry', 'entries')} changed since the plan was "
                "made, so left as they were: sync again to see them."
            )
        if self.not_accepted:
            text += f" {self.not_accepted} not accepted: they will be offered again."
        if self.duplicates:
            text += f" {_n(self.duplicates, 'likely duplicate')} to review."
        return text


def apply_changes(
    repository: DirectoryRepository | FeedRepository,
    plan: ChangeSet,
    accepted: Collection[str] | None = None,
    *,
    feed_wins: Collection[tuple[str, str]] = (),
) -> ApplyReport:
    """Write the accepted changes (`accepted`: change ids; None: every change) in one
    transaction: all or nothing. `feed_wins` names (change id, field) pairs changed both
    here and in the feed where the prescriber takes the feed's value; elsewhere ours stays.
    An id or field the plan does not hold is refused before anything is written."""
    store = _feed_store(repository)
    by_id = {c.id: c for c in plan.changes}
    chosen = list(by_id) if accepted is None else list(dict.fromkeys(accepted))
    unknown = [i for i in chosen if i not in by_id]
    if unknown:
        raise FeedChangeError(
            f"This plan has no change {printable(unknown[0])!r}"
            + (f" (nor {len(unknown) - 1} more)" if len(unknown) > 1 else "")
            + ": nothing was applied."
        )
    wins: dict[str, set[str]] = {}
    for change_id, key in feed_wins:
        change = by_id.get(change_id)
        if change is None or not any(f.field == key and f.local is not None for f in change.fields):
            raise FeedChangeError(
                f"{printable(change_id)!r} has no field {printable(key)!r} changed both here "
                "and in the feed: nothing was applied."
            )
        wins.setdefault(change_id, set()).add(key)
        if change_id not in chosen:
            chosen.append(change_id)  # taking the feed's value accepts its change

    writes = list(plan.quiet)
    kept = plan.kept_local
    for change_id in chosen:
        change = by_id[change_id]
        write, kept_here = _write_for(change, wins.get(change_id, set()))
        writes.append(write)
        kept += kept_here
    outcomes = store.apply(writes)[len(plan.quiet) :]

    done: dict[str, list[str]] = {"new": [], "changed": [], "left": []}
    already, moved = [], []
    for change_id, outcome in zip(chosen, outcomes, strict=True):
        if outcome is Outcome.APPLIED:
            done[by_id[change_id].kind].append(change_id)
        elif outcome is Outcome.ALREADY_APPLIED:
            already.append(change_id)
        else:
            moved.append(change_id)
    duplicates = _likely_duplicates(store, done["new"] + done["changed"])
    return ApplyReport(
        tuple(done["new"]),
        tuple(done["changed"]),
        tuple(done["left"]),
        tuple(already),
        tuple(moved),
        len(by_id) - len(chosen),
        kept,
        duplicates,
    )


def _write_for(change: Change, feed_wins: set[str]) -> tuple[FeedWrite, int]:
    """The store write a change makes, and how many of its fields keep our value."""
    planned = change.planned
    assert planned is not None, "a change is made by plan_changes"
    if change.kind == "new":
        return FeedWrite(change.id, None, planned.incoming, planned.values, whole=True), 0
    current = planned.current
    assert current is not None and planned.version is not None
    if change.kind == "left":
        report = ProblemReport(current.id, (ProblemKind.CLOSED,), LEFT_THE_FEED)
        paused = replace(current, status=Status.PAUSED)
        write = FeedWrite(
            current.id, planned.version, paused, planned.values, planned.forget, report
        )
        return write, 0
    incoming = planned.incoming
    assert incoming is not None
    taken = [
        FIELD_BY_KEY[f.field] for f in change.fields if f.local is None or f.field in feed_wins
    ]
    kept = len(change.fields) - len(taken)
    columns = activity_to_columns(current)
    theirs = activity_to_columns(incoming)
    guessed = list(current.guessed)
    for f in taken:
        columns.update({c: theirs[c] for c in f.columns})
        guessed = [g for g in guessed if g not in f.guesses]
        guessed += [g for g in incoming.guessed if g in f.guesses and g not in guessed]
    columns["guessed"] = guessed
    columns["source_feed"] = theirs["source_feed"]
    columns["source_external_id"] = theirs["source_external_id"]
    updated = from_columns(columns)
    activity = None if updated == current else updated
    write = FeedWrite(
        current.id, planned.version, activity, planned.values, planned.forget, whole=True
    )
    return write, kept


def _likely_duplicates(store: FeedRepository, ids: list[str]) -> int:
    """How many likely duplicate pairs involve the entries just added or changed, looking
    across every source (other feeds, hand-kept entries)."""
    if not ids:
        return 0
    directory = DirectoryRepository(store.database)
    pairs = find_duplicates(
        directory.all_activities(),
        candidates=set(ids),
        not_duplicates=directory.not_duplicate_pairs(),
    )
    return len(pairs)
