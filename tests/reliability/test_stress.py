"""Many readers and a few writers at once on one shared directory: 20 workers matching and 4
prescribers editing and importing, for a fixed number of operations, each with its own
connection pool as if on its own computer. On PostgreSQL when a test server is set, else on
an SQLite file; loopback only, bounded in operations and in time.

What must hold:
- no errors of any kind;
- no lost updates: every save names the version its editor opened, and a save from a version
  that has moved on is refused with the conflict dialog's sentence, never written; at the
  end each activity's version is exactly one more than the number of changes that were
  committed to it, and its content is that of the last one (checked against a ledger of
  every committed edit and import);
- every committed edit is in the next match: a prescriber's own next snapshot has it, and
  each worker's snapshot has every edit that was committed before it asked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Venue
from navigator.domain.profile import LatLon, Profile
from navigator.services.directory import DirectoryService, ParsedFile
from navigator.services.matching import MatchService
from navigator.store.database import open_database
from navigator.store.repository import ConflictError, DirectoryRepository

WORKERS, PRESCRIBERS = 20, 4
MATCHES_PER_WORKER = 25
OPERATIONS_PER_PRESCRIBER = 40  # every fifth an import, the rest edits
HOT, FEED, OTHERS = 6, 40, 300  # hot: edited only; feed: imported and edited
TIME_LIMIT_S = 120  # the whole run; it takes a fraction of this
NOW = dt.datetime(2026, 11, 24, 10, 0)
CONFLICT = "This activity was changed by someone else since you opened it."
CATEGORIES = ("music", "social_club", "arts_crafts", "nature_gardening", "befriending")
VERSION_IN_NAME = re.compile(r" v(\d+) ")


def place(n: int, **changes: object) -> Activity:
    return dataclasses.replace(
        Activity(
            id=f"other-{n:04}",
            name=f"Group {n}",
            categories=(CATEGORIES[n % len(CATEGORIES)],),
            venue=Venue(
                name="Hall",
                postcode="N7 6PA",
                lat=51.55 + (n % 17) / 1000,
                lon=-0.11 - (n % 13) / 1000,
            ),
        ),
        **changes,
    )


def hot(n: int, version: int = 1, by: str = "seed") -> Activity:
    return place(n, id=f"hot-{n}", name=f"Hot {n} v{version} by {by}")


def feed(n: int, source: str = "seed") -> Activity:
    return place(n, id=f"feed-{n:03}", name=f"Feed {n} from {source}")


@pytest.fixture
def shared_url(postgres_server: str | None, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """PostgreSQL when there is a test server (the team's case), else an SQLite file."""
    if postgres_server is not None:
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'shared.db'}"


class Ledger:
    """What the threads did, appended under a lock as it happened."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.saves: dict[str, list[tuple[int, str]]] = defaultdict(list)  # id: (version, name)
        self.imported: dict[str, list[str]] = defaultdict(list)  # id: names it was given
        self.hot_versions: dict[str, int] = {}  # the newest committed version of each hot id
        self.conflicts = 0
        self.imports = 0
        self.matches = 0
        self.errors: list[str] = []
        self.invisible: list[str] = []

    def saved(self, activity: Activity, version: int) -> None:
        with self.lock:
            self.saves[activity.id].append((version, activity.name))
            if activity.id.startswith("hot-"):
                self.hot_versions[activity.id] = max(version, self.hot_versions.get(activity.id, 0))

    def committed_hot(self) -> dict[str, int]:
        with self.lock:
            return dict(self.hot_versions)


def run_guarded(
    ledger: Ledger, who: str, deadline: float, body: Callable[[Callable[[], bool]], None]
) -> None:
    def in_time() -> bool:
        return time.monotonic() < deadline

    try:
        body(in_time)
    except Exception as error:  # every failure is reported, none hidden in a thread
        with ledger.lock:
            ledger.errors.append(f"{who}: {type(error).__name__}: {error}")


@pytest.mark.stress
def test_twenty_workers_and_four_prescribers_at_once(shared_url: str) -> None:
    seed = open_database(shared_url)
    DirectoryRepository(seed).import_activities(
        [hot(n) for n in range(HOT)]
        + [feed(n) for n in range(FEED)]
        + [place(n) for n in range(OTHERS)]
    )
    seed.close()
    ledger = Ledger()
    deadline = time.monotonic() + TIME_LIMIT_S
    databases = []

    def worker(n: int) -> Callable[[Callable[[], bool]], None]:
        def body(in_time: Callable[[], bool]) -> None:
            database = open_database(shared_url)
            databases.append(database)
            service = MatchService(DirectoryRepository(database))
            rng = random.Random(n)
            for _ in range(MATCHES_PER_WORKER):
                if not in_time():
                    raise TimeoutError("out of time")
                committed = ledger.committed_hot()  # every edit committed before we ask
                snapshot = service.snapshot()
                for activity_id, version in committed.items():
                    seen = VERSION_IN_NAME.search(snapshot.activity(activity_id).name + " ")
                    if seen is None or int(seen[1]) < version:
                        with ledger.lock:
                            ledger.invisible.append(f"worker {n}: {activity_id} v{version}")
                profile = Profile(
                    location=LatLon(51.555, -0.115),
                    max_distance_km=5,
                    interests=(rng.choice(CATEGORIES),),
                )
                report = service.match(profile, now=NOW, top=10)
                assert len(report.results) == 10
                with ledger.lock:
                    ledger.matches += 1

        return body

    def prescriber(p: int) -> Callable[[Callable[[], bool]], None]:
        def body(in_time: Callable[[], bool]) -> None:
            database = open_database(shared_url)
            databases.append(database)
            repository = DirectoryRepository(database)
            directory = DirectoryService(repository)
            own_matches = MatchService(repository)
            rng = random.Random(100 + p)
            for op in range(OPERATIONS_PER_PRESCRIBER):
                if not in_time():
                    raise TimeoutError("out of time")
                if op % 5 == 4:  # an import: a new version of the feed, and some new entries
                    name = f"P{p} import {op}"
                    chosen = sorted(rng.sample(range(FEED), 15))
                    parsed = ParsedFile(
                        tuple([feed(n, name) for n in chosen] + [place(1000 * (p + 1) + op)])
                    )
                    names = {a.id: a.name for a in parsed.activities}
                    report = directory.import_parsed(parsed)
                    with ledger.lock:
                        ledger.imports += 1
                        for activity_id in report.updated:
                            ledger.imported[activity_id].append(names[activity_id])
                    continue
                target = (
                    f"hot-{rng.randrange(HOT)}"
                    if rng.random() < 0.7
                    else f"feed-{rng.randrange(FEED):03}"
                )
                opened = repository.get(target)
                assert opened is not None
                own_matches.snapshot()  # what this prescriber's matches showed before saving
                time.sleep(rng.uniform(0, 0.04))  # typing: others may save meanwhile
                new_version = opened.version + 1
                if target.startswith("hot-"):
                    edited = dataclasses.replace(
                        opened.activity, name=f"Hot {target[4:]} v{new_version} by P{p}"
                    )
                else:
                    edited = dataclasses.replace(
                        opened.activity, name=f"{opened.activity.name} + P{p} edit"
                    )
                try:
                    saved = repository.save(edited, opened.version)
                except ConflictError as error:
                    assert str(error) == CONFLICT
                    with ledger.lock:
                        ledger.conflicts += 1
                    continue
                assert saved == new_version
                ledger.saved(edited, saved)
                # The very next match has the edit (or a later one to the same entry).
                now_there = own_matches.snapshot().activity(target)
                latest = repository.get(target)
                assert latest is not None
                if now_there != edited and latest.version == saved:
                    with ledger.lock:
                        ledger.invisible.append(f"P{p}: {target} v{saved}")

        return body

    threads = [
        threading.Thread(
            target=run_guarded,
            name=f"worker-{n}",
            args=(ledger, f"worker {n}", deadline, worker(n)),
        )
        for n in range(WORKERS)
    ]
    threads += [
        threading.Thread(
            target=run_guarded,
            name=f"prescriber-{p}",
            args=(ledger, f"prescriber {p}", deadline, prescriber(p)),
        )
        for p in range(PRESCRIBERS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + 5))
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "threads still running"
    for database in databases:
        database.close()

    # No errors, and every committed edit was seen by the next match.
    assert ledger.errors == []
    assert ledger.invisible == []
    assert ledger.matches == WORKERS * MATCHES_PER_WORKER

    # No lost updates: the final directory is exactly what the ledger of commits says.
    final_db = open_database(shared_url)
    repository = DirectoryRepository(final_db)
    stored = {a.id: a for a in repository.all_activities()}
    versions = {
        activity_id: repository.get(activity_id).version  # type: ignore[union-attr]
        for activity_id in list(stored)
        if not activity_id.startswith("other-")
    }
    revision = repository.revision()
    final_db.close()
    saves = sum(len(v) for v in ledger.saves.values())
    for activity_id, version in versions.items():
        committed = ledger.saves.get(activity_id, [])
        assert len({v for v, _ in committed}) == len(committed), f"{activity_id}: a version twice"
        assert version == 1 + len(committed) + len(ledger.imported.get(activity_id, [])), (
            f"{activity_id}: a change was lost or double-counted"
        )
        last = [name for v, name in committed if v == version]
        if last:
            assert stored[activity_id].name == last[0]
        elif committed or activity_id in ledger.imported:
            assert stored[activity_id].name in ledger.imported[activity_id], activity_id
    imports_that_changed = ledger.imports  # each adds a new entry, so each changes something
    assert revision == 1 + saves + imports_that_changed
    assert (
        ledger.conflicts > 0
        and saves > 0
        and ledger.imports == PRESCRIBERS * (OPERATIONS_PER_PRESCRIBER // 5)
    )
    backend = "PostgreSQL" if shared_url.startswith("postgresql") else "SQLite"
    operations = ledger.matches + saves + ledger.conflicts + ledger.imports
    print(
        f"\nstress on {backend}: {operations} operations ({ledger.matches} matches, "
        f"{saves} saves, {ledger.conflicts} conflicting saves refused, {ledger.imports} "
        f"imports), errors: {len(ledger.errors)}, edits not seen: {len(ledger.invisible)}, "
        f"{elapsed:.1f} s; final versions {dict(Counter(versions.values()))}"
    )
