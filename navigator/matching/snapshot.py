"""A directory frozen into numpy arrays, built once and reused for many queries.

Each field the engine filters or scores on becomes one array with an entry per activity (in
the order given), so a query is a handful of vectorised passes over the whole directory rather
than a Python loop. Unknowns are explicit: NaN for a missing number, -1 for a missing choice.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from navigator.collector import collector_paused
from navigator.domain.directory import (
    Activity,
    Booking,
    Day,
    Delivery,
    Gender,
    GroupSize,
    Status,
    Venue,
)
from navigator.domain.profile import LatLon
from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.matching.facts import TRI, codes, each, flags, mental_health_settings, numbers
from navigator.matching.geo import Points
from navigator.matching.interests import InterestIndex, known_words
from navigator.matching.on_demand import ActivitiesOnDemand, ids_of
from navigator.matching.postcodes import PostcodeIndex
from navigator.matching.vocabulary import (
    BuiltHere,
    StartVocabulary,
    Vocabulary,
    VocabularyBuild,
)

DELIVERY_CODES: tuple[Delivery, ...] = (Delivery.IN_PERSON, Delivery.ONLINE, Delivery.PHONE)
GENDER_CODES: tuple[Gender, ...] = (Gender.ANY, Gender.WOMEN, Gender.MEN)
BOOKING_CODES: tuple[Booking, ...] = (Booking.DROP_IN, Booking.BOOK_AHEAD, Booking.REFERRAL)
GROUP_CODES: tuple[GroupSize, ...] = (
    GroupSize.ONE_TO_ONE,
    GroupSize.SMALL,
    GroupSize.MEDIUM,
    GroupSize.LARGE,
)
IN_PERSON = 0
# "daytime": a session that ends by 18:00.
DAYTIME_END_MINUTES = 18 * 60

IntArray = npt.NDArray[np.int32]
CodeArray = npt.NDArray[np.int8]  # small codes; -1 = not known
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


_WEEKDAY: dict[Day, int] = {day: day.weekday for day in Day}
_DELIVERY = {d: i for i, d in enumerate(DELIVERY_CODES)}
_GENDER = {g: i for i, g in enumerate(GENDER_CODES)}
# Codes of choices that may be missing (None: -1).
_BOOKING: dict[Booking | None, int] = {None: -1, **{b: i for i, b in enumerate(BOOKING_CODES)}}
_GROUP: dict[GroupSize | None, int] = {None: -1, **{g: i for i, g in enumerate(GROUP_CODES)}}
_SAME = {-1: -1, 0: 0, 1: 1}  # codes worked out already
A = TypeVar("A", bound=npt.NDArray[Any])


def _frozen(array: A) -> A:
    array.setflags(write=False)
    return array


def _bools(values: Iterable[object], n: int) -> BoolArray:
    return _frozen(flags(values, n))


def _floats(values: Iterable[float]) -> FloatArray:
    return _frozen(np.fromiter(values, dtype=np.float64))


class DirectorySnapshot:
    """The activities and their arrays; `build` is the way to make one."""

    def __init__(self, activities: tuple[Activity, ...], vocabulary: VocabularyBuild) -> None:
        """Built from `activities`, with their `vocabulary` (on its way: see `build`)."""
        # A tuple when built; restored from a cache, possibly read on demand (`complete`).
        self.activities: Sequence[Activity] = activities
        acts = activities
        ids = list(each(acts, "id"))
        self._index: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
        if len(self._index) != len(ids):  # which one, the first seen again
            seen: set[str] = set()
            for activity_id in ids:
                if activity_id in seen:
                    raise ValueError(f"activity id {activity_id!r} appears twice in the directory")
                seen.add(activity_id)
        n = len(acts)

        # Every venue with a postcode and a point, the extra places included: more known
        # points for venues that only give a postcode, and for the person's postcode.
        # Only positions someone gave: one Navigator guessed from the postcode area is not
        # that postcode's point, and must not stand in for it (or move it) for others.
        points = [
            (v.postcode, LatLon(v.lat, v.lon))
            for a in acts
            if "venue.position" not in a.guessed
            for v in a.venues
            if v.postcode and v.lat is not None and v.lon is not None
        ]
        self.postcodes = PostcodeIndex(points)

        # Sessions, flattened: one row per session with the index of its activity.
        rows = [
            (i, _WEEKDAY[s.day], s.start.hour * 60 + s.start.minute, s.end.hour * 60 + s.end.minute)
            for i, a in enumerate(acts)
            for s in a.sessions
        ]
        # (Flattened for np.fromiter: numpy reading a list of tuples is twice as slow.)
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=4 * len(rows))
        table = flat.reshape(len(rows), 4)
        self.session_activity: IntArray = _frozen(table[:, 0].copy())
        self.session_day: CodeArray = _frozen(table[:, 1].astype(np.int8))
        self.session_start: npt.NDArray[np.int16] = _frozen(table[:, 2].astype(np.int16))
        self.session_end: npt.NDArray[np.int16] = _frozen(table[:, 3].astype(np.int16))
        del rows, flat, table

        # The per-activity facts, a column at a time (facts.py): booleans, codes (-1 not
        # known), ages with ±inf for no limit, the price a session (NaN not known).
        self.active = _bools(map(operator.is_, each(acts, "status"), repeat(Status.ACTIVE)), n)
        self.delivery = _frozen(codes(each(acts, "delivery"), _DELIVERY, n))
        positions = [self._position(a) for a in acts]
        self.lat = _floats(lat for lat, _ in positions)
        self.lon = _floats(lon for _, lon in positions)
        self._points = Points(self.lat, self.lon)
        self._flatten_more_venues()
        self.gender = _frozen(codes(each(acts, "gender"), _GENDER, n))
        self.age_min = _frozen(numbers(each(acts, "age_min"), -np.inf, n))
        self.age_max = _frozen(numbers(each(acts, "age_max"), np.inf, n))
        self.with_child = _bools(each(acts, "with_child"), n)
        costs = [a.cost for a in acts]
        self.cost = _frozen(
            numbers((None if c is None else c.per_session_gbp for c in costs), np.nan, n)
        )
        self.mental_health = _bools(each(acts, "mental_health_specific"), n)
        # What "avoid mental-health groups" leaves out and "only" keeps: the flag, or a
        # subject that is mental health (domain/mental_health.py), read once per build.
        self.mental_health_setting = _frozen(mental_health_settings(acts))
        self.peer_led = _bools(each(acts, "peer_led"), n)
        self.step_free = _frozen(
            codes((-1 if v is None else TRI[v.step_free] for v in each(acts, "venue")), _SAME, n)
        )
        self.booking = _frozen(codes(each(acts, "booking"), _BOOKING, n))
        self.group_size = _frozen(codes(each(acts, "group_size"), _GROUP, n))
        # The welcome's three answers read from a list of the welcomes: a pass over small
        # objects, not over every activity again for each answer.
        welcomes = list(each(acts, "welcome"))
        self.bring_someone = _frozen(codes(each(welcomes, "bring_someone"), TRI, n))
        self.beginners = _frozen(codes(each(welcomes, "beginners"), TRI, n))
        self.meet_at_door = _frozen(codes(each(welcomes, "meet_at_door"), TRI, n))
        del welcomes
        self.free_taster = _bools((c is not None and c.free_taster for c in costs), n)
        self.concessions = _bools((c is not None and c.concessions for c in costs), n)
        del costs
        self.verified: npt.NDArray[np.int64] = _frozen(
            np.fromiter(
                (-1 if d is None else d.toordinal() for d in each(acts, "last_verified")),
                dtype=np.int64,
                count=n,
            )
        )
        self.has_sessions: BoolArray = _frozen(np.bincount(self.session_activity, minlength=n) > 0)
        daytime = np.zeros(n, dtype=np.bool_)
        daytime[self.session_activity[self.session_end <= DAYTIME_END_MINUTES]] = True
        self.has_daytime: BoolArray = _frozen(daytime)

        # Facts that make a first visit easier, as far as the directory knows them: free or
        # cheaper, drop-in, beginners welcome, fixed times. The same for every query.
        affordable = (self.cost == 0) | self.free_taster | self.concessions
        drop_in = self.booking == BOOKING_CODES.index(Booking.DROP_IN)
        self.ease: FloatArray = _frozen(
            (affordable * 1.0 + drop_in + (self.beginners == 1) + self.has_sessions) / 4.0
        )

        # Languages: one membership column per code the directory uses.
        # (Each column's rows gathered in lists and set at once: setting one array element
        # at a time costs a Python call each.)
        languages = each(acts, "languages")
        speakers: dict[str, list[int]] = {}
        for i, spoken in enumerate(languages):
            for code in spoken:
                speakers.setdefault(code, []).append(i)
        self.languages: dict[str, BoolArray] = {}
        for code in sorted(speakers):
            column_values = np.zeros(n, dtype=np.bool_)
            column_values[speakers[code]] = True
            self.languages[code] = _frozen(column_values)
        # Classes that teach a language (ESOL) pass the language rule for everyone.
        self.for_learners = _bools(each(acts, "for_learners_of"), n)

        # Categories: the taxonomy's ids first, then any others an importer let through.
        # One list of every (category, activity) pair, as a flat index into the table.
        owners: list[int] = []
        named: list[str] = []
        for i, listed in enumerate(each(acts, "categories")):
            owners.extend(repeat(i, len(listed)))
            named.extend(listed)
        extra = sorted(set(named) - set(CATEGORY_IDS))
        self.category_ids: tuple[str, ...] = (*CATEGORY_IDS, *extra)
        column = {c: j for j, c in enumerate(self.category_ids)}
        categories = np.zeros((len(self.category_ids), n), dtype=np.bool_)
        columns = np.fromiter(map(column.__getitem__, named), dtype=np.int64, count=len(named))
        categories.reshape(-1)[columns * n + np.asarray(owners, dtype=np.int64)] = True
        del owners, named, columns
        self.categories: BoolArray = _frozen(categories)

        # Ties in score fall back to name, then id, so results never depend on input order:
        # sorted by id, then (a stable sort) by name, each a sort of plain strings.
        by_id = np.asarray(sorted(range(n), key=ids.__getitem__), dtype=np.int64)
        names = list(map(str.casefold, each(map(acts.__getitem__, by_id.tolist()), "name")))
        order = by_id[sorted(range(n), key=names.__getitem__)]
        del ids, names
        tiebreak = np.empty(n, dtype=np.int32)
        tiebreak[order] = np.arange(n, dtype=np.int32)
        self.tiebreak: IntArray = _frozen(tiebreak)

        self.interests = InterestIndex(vocabulary.result(), n, self.category_ids)

    @classmethod
    def build(
        cls, activities: Sequence[Activity], vocabularies: StartVocabulary = BuiltHere
    ) -> DirectorySnapshot:
        """The snapshot of `activities`. `vocabularies` starts the build of their vocabulary
        (the most work of a build) before the other columns, which are built meanwhile: in
        this thread afterwards by default, or elsewhere (services/vocabulary_process.py)."""
        with collector_paused():
            acts = tuple(activities)
            vocabulary = vocabularies(acts, known_words())
            try:
                return cls(acts, vocabulary)
            finally:
                vocabulary.cancel()  # nothing, once given; else the build is not wanted

    def parts(self) -> SnapshotParts:
        """Everything built, apart from the activities, as arrays and plain values: what a
        snapshot cache writes (services/snapshot_cache.py) and `restored` reads back."""
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, value in vars(self).items():
            if isinstance(value, np.ndarray):
                arrays[name] = value
            elif isinstance(value, Points):
                arrays.update({f"{name}.{k}": v for k, v in vars(value).items()})
        arrays.update({f"languages.{code}": column for code, column in self.languages.items()})
        vocabulary_arrays, texts = self.interests.vocabulary.parts()
        arrays.update({f"vocabulary.{k}": v for k, v in vocabulary_arrays.items()})
        plain = {
            "category_ids": list(self.category_ids),
            "languages": list(self.languages),
            "postcodes": self.postcodes.parts(),
        }
        return SnapshotParts(arrays, texts, plain)

    @classmethod
    def restored(cls, activities: Sequence[Activity], parts: SnapshotParts) -> DirectorySnapshot:
        """The snapshot of `activities` from the parts `parts` gave for the same activities,
        without building it again. The caller checks they are the same (the cache does).
        `activities` may be `ActivitiesOnDemand`: the snapshot ranks at once, reading only
        the activities it shows, and is `complete` once they are all filled in."""
        snapshot = cls.__new__(cls)
        on_demand = isinstance(activities, ActivitiesOnDemand)
        snapshot.activities = activities if on_demand else tuple(activities)
        ids = ids_of(snapshot.activities)
        snapshot._index = dict(zip(ids, range(len(ids)), strict=True))
        points: dict[str, dict[str, npt.NDArray[Any]]] = {}
        vocabulary: dict[str, npt.NDArray[Any]] = {}
        for name, array in parts.arrays.items():
            owner, _, field = name.partition(".")
            if owner == "vocabulary":
                vocabulary[field] = array
            elif owner == "languages":
                continue
            elif field:
                points.setdefault(owner, {})[field] = array
            else:
                setattr(snapshot, name, array)
        for name, fields in points.items():
            restored = Points.__new__(Points)
            vars(restored).update(fields)
            setattr(snapshot, name, restored)
        snapshot.languages = {
            code: parts.arrays[f"languages.{code}"] for code in parts.plain["languages"]
        }
        snapshot.category_ids = tuple(parts.plain["category_ids"])
        snapshot.postcodes = PostcodeIndex.restored(parts.plain["postcodes"])
        snapshot.interests = InterestIndex(
            Vocabulary.restored(vocabulary, parts.texts),
            len(snapshot.activities),
            snapshot.category_ids,
        )
        return snapshot

    def _position(self, a: Activity) -> tuple[float, float]:
        """The main venue's point (NaN when not in person or not known)."""
        if a.delivery is not Delivery.IN_PERSON or a.venue is None:
            return (np.nan, np.nan)
        return self._venue_point(a.venue)

    def _venue_point(self, venue: Venue) -> tuple[float, float]:
        """A venue's point; a venue with only a postcode borrows a known venue's point."""
        if venue.lat is not None and venue.lon is not None:
            return (venue.lat, venue.lon)
        point = self.postcodes.exact(venue.postcode) if venue.postcode else None
        return (np.nan, np.nan) if point is None else (point.lat, point.lon)

    def _flatten_more_venues(self) -> None:
        """The other places in-person activities run, as one flat table.

        One row per extra venue with a known point: the activity's index, the venue's slot in
        `Activity.venues` and its point. Rows are in activity order, so each activity's rows
        are one run and a query reduces them with `np.fmin.reduceat`, not a loop. (An activity
        with no main venue has all its places here, the first in slot 0.)
        """
        rows: list[tuple[int, int, float, float]] = []
        for i, a in enumerate(self.activities):
            if a.delivery is not Delivery.IN_PERSON or not a.more_venues:
                continue
            first = 1 if a.venue is not None else 0
            for slot, venue in enumerate(a.venues[first:], start=first):
                lat, lon = self._venue_point(venue)
                if not np.isnan(lat):
                    rows.append((i, slot, lat, lon))
        self.extra_activity: IntArray = _frozen(
            np.fromiter((r[0] for r in rows), dtype=np.int32, count=len(rows))
        )
        self.extra_slot: IntArray = _frozen(
            np.fromiter((r[1] for r in rows), dtype=np.int32, count=len(rows))
        )
        self._extra_points = Points(
            np.fromiter((r[2] for r in rows), dtype=np.float64),
            np.fromiter((r[3] for r in rows), dtype=np.float64),
        )
        # Where each activity's run starts, and whose run it is.
        starts = np.flatnonzero(np.diff(self.extra_activity, prepend=-1) != 0)
        self._run_starts = _frozen(starts)
        self._run_activity = _frozen(self.extra_activity[starts])
        self.placed: BoolArray = _frozen(
            ~np.isnan(self.lat) | np.isin(np.arange(len(self.activities)), self._run_activity)
        )

    @property
    def complete(self) -> bool:
        """Every activity is in memory (False while a restored snapshot reads them on
        demand: walking them all would read the whole store, a batch at a time)."""
        activities = self.activities
        return not isinstance(activities, ActivitiesOnDemand) or activities.filled

    def fill(self, activities: Sequence[Activity]) -> bool:
        """Every activity, read at the revision this snapshot was restored at: True once
        the snapshot holds them all (`complete`), False when they are not its activities."""
        if self.complete:
            return False
        assert isinstance(self.activities, ActivitiesOnDemand)
        return self.activities.fill(activities)

    def prefetch(self, positions: Iterable[int]) -> None:
        """About to use the activities at `positions`: read together those not in memory."""
        if isinstance(self.activities, ActivitiesOnDemand):
            self.activities.prefetch(positions)

    def __len__(self) -> int:
        return len(self.activities)

    def __contains__(self, activity_id: object) -> bool:
        return activity_id in self._index

    def activity(self, activity_id: str) -> Activity:
        """The activity with this id; KeyError when there is none."""
        return self.activities[self._index[activity_id]]

    def find(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None when there is none."""
        position = self._index.get(activity_id)
        return None if position is None else self.activities[position]

    def index_of(self, activity_id: str) -> int:
        return self._index[activity_id]

    def distances_km(self, point: LatLon) -> FloatArray:
        """Great-circle km from `point` to each in-person activity's nearest place (NaN: not
        in person, or no place with a known position)."""
        return self.nearest(point).km

    def nearest(self, point: LatLon) -> Nearest:
        """Distances from `point` to every activity's nearest place, and which place it is."""
        main = self._points.km_from(point.lat, point.lon)
        if len(self.extra_activity) == 0:
            return Nearest(self, main, main, main[:0])
        extra = self._extra_points.km_from(point.lat, point.lon)
        km = main.copy()
        runs = self._run_activity
        # fmin ignores NaN, so an activity whose main venue has no point takes its nearest
        # extra one.
        km[runs] = np.fmin(km[runs], np.fmin.reduceat(extra, self._run_starts))
        return Nearest(self, km, main, extra)

    def stale_before(self, now: dt.datetime) -> int:
        """The ordinal date before which an entry counts as not checked for over 12 months."""
        today = now.date()
        try:
            return today.replace(year=today.year - 1).toordinal()
        except ValueError:  # 29 February
            return today.replace(year=today.year - 1, day=28).toordinal()


@dataclass(frozen=True, slots=True)
class SnapshotParts:
    """A built snapshot apart from its activities (`DirectorySnapshot.parts`)."""

    arrays: dict[str, npt.NDArray[Any]]  # "name", "points.field" or "vocabulary.field"
    texts: dict[str, list[str]]  # the vocabulary's terms, spellings and words
    plain: dict[str, Any]  # category ids, language codes, postcode centres: JSON values


@dataclass(frozen=True, slots=True)
class Nearest:
    """Per activity, the km from one point to its nearest place with a known position."""

    snapshot: DirectorySnapshot
    km: FloatArray  # NaN: not in person, or no place with a known position
    main_km: FloatArray  # to the main venue only
    extra_km: FloatArray  # per row of the snapshot's flat table of extra venues

    def slot(self, i: int) -> int | None:
        """Which of activity `i`'s `venues` is nearest (the first of equals); None when no
        place has a known position. One activity at a time: for the few results shown."""
        s = self.snapshot
        best: tuple[float, int] | None = None
        if not np.isnan(self.main_km[i]):
            best = (float(self.main_km[i]), 0)
        if len(self.extra_km):
            lo, hi = np.searchsorted(s.extra_activity, [i, i + 1])
            for row in range(int(lo), int(hi)):
                candidate = (float(self.extra_km[row]), int(s.extra_slot[row]))
                if best is None or candidate < best:
                    best = candidate
        return None if best is None else best[1]

    def venue(self, i: int) -> Venue | None:
        """Activity `i`'s nearest place with a known position, or None."""
        slot = self.slot(i)
        return None if slot is None else self.snapshot.activities[i].venues[slot]
