"""Match a profile: the one use case behind the appointment's suggestions and `navigator
match`. Resolve the place, then rank; the answer (`MatchOutcome`) carries the report, where the
person was placed and how exactly, the counts, and structured distances and prices.

A person's postcode is placed offline whenever it can be, and is never stored or logged (see
`MatchService.resolve_postcode`); the last answer is remembered in memory only, so a worker
editing other fields does not look the same postcode up again.

The snapshot is rebuilt only when the directory's revision has moved on (an import, an edit,
another machine's change on a shared database), so a batch of profiles or a worker typing in
the appointment panel pays for loading the directory once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
import threading
from typing import Any, Literal, Protocol

from navigator.collector import collector_paused
from navigator.domain.directory import Activity
from navigator.domain.matches import MatchReport
from navigator.domain.postcodes import normalise_postcode, postcode_district, postcode_sector
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import DirectorySnapshot, rank
from navigator.matching.on_demand import ActivitiesOnDemand
from navigator.matching.vocabulary import BuiltHere, StartVocabulary
from navigator.services.match_result import (
    MatchOutcome,
    Place,
    PlaceProblem,
    Precision,
    ProblemKind,
    outcome_for,
)
from navigator.services.postcode_areas import PostcodeAreas
from navigator.services.snapshot_cache import CacheKey, SnapshotCache
from navigator.store.repository import DirectoryMoved, DirectoryRepository

# DirectorySnapshot and DirectoryMoved are re-exported: the UI names the directory it holds,
# and the failure of a ranking that read it as it changed, by this module's types rather than
# reaching into the engine and the store.
__all__ = [
    "DirectoryMoved",
    "DirectorySnapshot",
    "Geocoder",
    "MatchService",
    "ProfileLocationError",
    "ResolvedLocation",
]

log = logging.getLogger(__name__)


class ProfileLocationError(ValueError):
    """The profile's postcode could not be turned into a place."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # a sentence for the person panel
        super().__init__(f"location.postcode: {reason}")


class Geocoder(Protocol):
    """The part of a geopy geocoder we use; tests pass a fake with the same method."""

    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any: ...


@dataclasses.dataclass(frozen=True, slots=True)
class ResolvedLocation:
    point: LatLon
    how: str  # "postcode" (a directory venue), "geocoder", "sector" or "district"
    area: str | None = None  # what the point stands for: "N7 6PA", "N7 6" or "N7"


class MatchService:
    def __init__(
        self,
        repository: DirectoryRepository,
        geocoder: Geocoder | None = None,
        geocoder_name: str = "geocoder",
        *,
        areas: PostcodeAreas | None = None,
        snapshot_cache: SnapshotCache | Literal["data folder"] | None = "data folder",
        freeze_loaded: bool = False,
        on_demand: bool = False,
        vocabularies: StartVocabulary = BuiltHere,
    ) -> None:
        """`areas`: the postcode sector and district centres (the composition root passes
        `PostcodeAreas.bundled()`); None places postcodes from the directory alone.
        `geocoder_name` is kept for callers; people's answers are never cached under it.
        `snapshot_cache`: where built snapshots are kept between starts (snapshot_cache.py);
        by default the user's data folder, None for none. `freeze_loaded`: move each
        directory loaded out of the garbage collector's reach (see `_read_activities`); a
        process-wide setting, so the composition root decides it. `on_demand`: a snapshot
        found in the cache is given before its activities are read (see `complete`), as the
        window wants; a command ranking many profiles wants them all read at once."""
        self._repository = repository
        self._geocoder = geocoder
        self._geocoder_name = geocoder_name
        self._areas = areas if areas is not None else PostcodeAreas.none()
        self._cache = (
            SnapshotCache.in_data_folder() if snapshot_cache == "data folder" else snapshot_cache
        )
        self._freeze_loaded = freeze_loaded
        self._on_demand = on_demand
        self._vocabularies = vocabularies
        self._snapshot: DirectorySnapshot | None = None
        self._revision: int | None = None
        # The GUI ranks on a worker thread while the UI may ask for a refresh.
        self._lock = threading.Lock()
        # The last postcode placed, for the snapshot it was placed in: (postcode, snapshot,
        # answer). In memory only; replaced by the next postcode.
        self._last_place: tuple[str, DirectorySnapshot, Place | PlaceProblem] | None = None

    def snapshot(self) -> DirectorySnapshot:
        """The current directory, reloaded only when it has changed since last time."""
        with self._lock:
            revision = self._repository.revision()
            if self._snapshot is None or revision != self._revision:
                self._snapshot = self._load_snapshot(revision)
                self._revision = revision
            return self._snapshot

    def complete(self, snapshot: DirectorySnapshot) -> DirectorySnapshot:
        """`snapshot` with every activity in memory; when the directory has changed since
        it was read, the directory as it now is instead (complete, or on demand again when
        the cache holds the new one). Slow at a large directory: for a worker thread."""
        if snapshot.complete:
            return snapshot
        before = self._repository.revision()
        activities = self._read_activities()
        after = self._repository.revision()
        with self._lock:
            current = self._revision
            if before != after or (current is not None and after < current):
                pass  # read while it changed, or older than the one held: read again
            elif after == current and snapshot is self._snapshot and snapshot.fill(activities):
                return snapshot
            elif after == current and self._snapshot is not None and self._snapshot.complete:
                return self._snapshot  # already read in full by another caller
            else:
                # Read at one revision, the newest: used rather than read again.
                self._snapshot = self._load_snapshot(after, activities)
                self._revision = after
                return self._snapshot
        return self.snapshot()

    def _load_snapshot(
        self, revision: int, activities: list[Activity] | None = None
    ) -> DirectorySnapshot:
        """The directory at `revision`: from the snapshot cache when it holds exactly this,
        else built (and saved for next time, unless the directory changed meanwhile).
        `activities`: every activity, read at `revision`, when the caller has them."""
        cache = self._cache
        key = None if cache is None else CacheKey.of(self._repository.database.url, revision)
        if activities is None and self._on_demand and cache is not None and key is not None:
            cached = self._cached_on_demand(cache, key, revision)
            if cached is not None:
                return cached
        if activities is None:
            activities = self._read_activities()
        if cache is not None and key is not None:
            cached = cache.load(key, activities)
            if cached is not None:
                return cached
        snapshot = DirectorySnapshot.build(activities, self._vocabularies)
        # Saved only if nothing changed while it was read: else it is not that revision's.
        if cache is not None and key is not None and self._repository.revision() == revision:
            cache.save(key, activities, snapshot)
        if self._freeze_loaded:
            gc.freeze()  # the snapshot's own objects too (see _read_activities)
        return snapshot

    def _cached_on_demand(
        self, cache: SnapshotCache, key: CacheKey, revision: int
    ) -> DirectorySnapshot | None:
        """The cached snapshot at `revision` over the activities' ids alone, each activity
        read from the store when a ranking first shows it; None when the cache has none (or
        the directory moved on while the ids were read)."""
        if not cache.may_hold(key):
            return None
        ids = self._repository.activity_ids()
        if self._repository.revision() != revision:
            return None
        repository = self._repository
        activities = ActivitiesOnDemand(
            ids, lambda wanted: repository.activities_at(wanted, revision)
        )
        return cache.load(key, activities)

    def _read_activities(self) -> list[Activity]:
        """Every activity, from the store. With `freeze_loaded`, they are moved out of the
        cyclic garbage collector's reach before it is switched back on: its first full pass
        after a load otherwise walks every object of the directory (about a million at
        100,000 activities: 0.5 to 0.6 s holding the GIL, freezing the window whichever
        thread it lands on), and the young-generation passes before it walk them too. They
        form no cycles, so they are still freed normally (by reference counting) when a
        newer directory replaces them; `gc.freeze` only stops them being traversed."""
        if not self._freeze_loaded:
            return self._repository.all_activities()
        with collector_paused(freeze=True):
            return self._repository.all_activities()

    def match_profile(
        self,
        profile: Profile,
        *,
        now: dt.datetime,
        top: int | None = 10,
        snapshot: DirectorySnapshot | None = None,
    ) -> MatchOutcome:
        """Place the person, then rank `snapshot` (the current directory when None) for them,
        keeping the best `top`. A postcode that cannot be placed is not an error here: the
        profile is ranked without a place and `outcome.problem` says why."""
        snapshot = snapshot if snapshot is not None else self.snapshot()
        place, problem = self.locate(profile, snapshot)
        ranked = dataclasses.replace(profile, location=place.point if place else None)
        report = rank(ranked, snapshot, now=now, top=top)
        running = int(snapshot.active.sum())
        return outcome_for(report, snapshot.activity, place=place, problem=problem, running=running)

    def match(self, profile: Profile, *, now: dt.datetime, top: int | None = 10) -> MatchReport:
        """The report alone; a postcode that cannot be placed raises ProfileLocationError."""
        outcome = self.match_profile(profile, now=now, top=top)
        if outcome.problem is not None:
            raise ProfileLocationError(outcome.problem.reason)
        return outcome.report

    def locate(
        self, profile: Profile, snapshot: DirectorySnapshot | None = None
    ) -> tuple[Place | None, PlaceProblem | None]:
        """Where the profile puts the person: a place, or why its postcode cannot be placed,
        or neither when it gives no location."""
        if isinstance(profile.location, LatLon):
            return Place(profile.location, Precision.POINT), None
        if not isinstance(profile.location, PostcodeLocation):
            return None, None
        found = self._place(profile.location.postcode, snapshot or self.snapshot())
        return (found, None) if isinstance(found, Place) else (None, found)

    def _place(self, postcode: str, snapshot: DirectorySnapshot) -> Place | PlaceProblem:
        typed = postcode.strip()
        last = self._last_place
        if last is not None and last[0] == typed and last[1] is snapshot:
            return last[2]
        try:
            found = self.resolve_postcode(typed, snapshot)
        except ProfileLocationError as error:
            kind = (
                ProblemKind.NOT_A_POSTCODE
                if normalise_postcode(typed) is None and postcode_district(typed) is None
                else ProblemKind.CANNOT_PLACE
            )
            answer: Place | PlaceProblem = PlaceProblem(kind, typed, error.reason)
        else:
            tidy = normalise_postcode(typed) or typed.upper()
            answer = Place(found.point, Precision(found.how), tidy, found.area or tidy)
        self._last_place = (typed, snapshot, answer)
        return answer

    def resolve_postcode(
        self, postcode: str, snapshot: DirectorySnapshot | None = None
    ) -> ResolvedLocation:
        """Where a person is, from their postcode (or its sector or district), best first:

        1. a directory venue with exactly that postcode;
        2. an earlier online answer for a venue with that postcode, else the online
           geocoder when one is set up (its answer is NOT cached: see below);
        3. the centre of the sector ("N7 6"), then of the district ("N7"), from the bundled
           Code-Point Open areas, or from the directory's own venues where those lack it.

        The person's postcode is never written anywhere: not to the geocode cache (which
        holds venues' postcodes only), not to the log."""
        tidy = normalise_postcode(postcode)
        district = postcode_district(postcode)
        if tidy is None and district is None:
            raise ProfileLocationError(f'"{postcode}" is not a UK postcode')
        snapshot = snapshot or self.snapshot()
        if tidy is not None:
            exact = snapshot.postcodes.exact(tidy)
            if exact is not None:
                return ResolvedLocation(exact, "postcode", tidy)
            cached = self._repository.cached_postcode(tidy)  # read only
            if cached is not None:
                return ResolvedLocation(LatLon(*cached), "geocoder", tidy)
            if self._geocoder is not None:
                point = self._ask_geocoder(tidy)
                if point is not None:
                    return ResolvedLocation(point, "geocoder", tidy)
        sector, whole = self._areas.centres_for(postcode)
        if sector is not None:
            return ResolvedLocation(sector.point, "sector", sector.area)
        # The directory's own venues, only where the bundled areas have nothing: Northern
        # Ireland, or a sector newer than the data.
        local = snapshot.postcodes.resolve(tidy or postcode)
        if local is not None and local.precision == "sector":
            return ResolvedLocation(local.point, "sector", postcode_sector(tidy or postcode))
        if whole is not None:
            return ResolvedLocation(whole.point, "district", whole.area)
        if local is not None:
            return ResolvedLocation(
                local.point, local.precision, postcode_district(tidy or postcode)
            )
        why = (
            "Northern Ireland postcodes are not in Navigator's postcode data"
            if (district or "").startswith("BT")
            else "it is not in Navigator's postcode data"
        )
        lookup = (
            "the online postcode lookup did not find it"
            if self._geocoder is not None
            else "no online postcode lookup is set up"
        )
        raise ProfileLocationError(
            f'cannot place "{postcode}": {why}, no activity in the '
            f"directory is near it, and {lookup}"
        )

    def _ask_geocoder(self, postcode: str) -> LatLon | None:
        """The online answer for a person's postcode, kept nowhere: a failure is swallowed
        without logging, since the message could carry the postcode."""
        assert self._geocoder is not None
        try:
            place = self._geocoder.geocode(f"{postcode}, United Kingdom", timeout=5)
        except Exception:
            return None
        if place is None:
            return None
        return LatLon(float(place.latitude), float(place.longitude))
