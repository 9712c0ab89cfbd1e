"""How long "a new activity finds people" takes (issue 16): re-matching the saved profiles of
open records against new activities, as the Follow-up tab does off the UI thread.

    python benchmarks/bench_rematch.py                      # 500 profiles, 10,000 activities
    python benchmarks/bench_rematch.py --people 500 --size 10000 --changed 100

Target: 500 profiles against a 10,000-activity directory in ≤ 10 s. The worst case is timed:
every one of the 10,000 is new (a first import of a council's feed), so the snapshot the
profiles are ranked on is the whole directory. Also timed: finding what changed between two
loads of the directory (`changed_activities`), a typical import of `--changed` new activities,
and reading the open records from a people store on disk (`PeopleService.open_records`),
which runs on the database worker before the ranking.

Profiles are bench_matching's varied ones, stored as the people store keeps them; a tenth
have no interests (they are skipped: nothing to match on).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import platform
import tempfile
import time
from pathlib import Path

from navigator.domain.people import PersonRecord
from navigator.services.matching import MatchService
from navigator.services.people import open_people_service
from navigator.services.rematch import Rematch, changed_activities
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

try:  # python -m benchmarks.bench_rematch
    from benchmarks.bench_matching import NOW, profiles
    from benchmarks.generate import generate
except ModuleNotFoundError:  # python benchmarks/bench_rematch.py
    from bench_matching import NOW, profiles  # type: ignore[no-redef]
    from generate import generate  # type: ignore[no-redef]


def records(count: int) -> list[PersonRecord]:
    opened = dt.date(2026, 9, 1)
    return [
        PersonRecord(f"BENCH-{i:03d}", opened, dataclasses.replace(p, reference=None))
        for i, p in enumerate(profiles(count))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    activities = generate(args.size, seed=1)
    people = records(args.people)
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'directory.db'}")
        rematch = Rematch(MatchService(DirectoryRepository(database)))

        # What changed: the same directory loaded again, with `changed` entries new.
        extra = generate(args.changed, seed=2)
        extra = [dataclasses.replace(a, id=f"new-{a.id}") for a in extra]
        started = time.perf_counter()
        fresh = changed_activities(activities, [*activities, *extra])
        diff_s = time.perf_counter() - started
        assert len(fresh) == len([a for a in extra if a.status.value == "active"])

        worst, typical = [], []
        for _ in range(args.repeats):
            started = time.perf_counter()
            news = rematch.run(people, changed_activities([], activities), now=NOW)
            worst.append(time.perf_counter() - started)
            started = time.perf_counter()
            some = rematch.run(people, fresh, now=NOW)
            typical.append(time.perf_counter() - started)

        # Reading the open records from a people store on disk.
        service = open_people_service(str(Path(folder) / "people.db"), worker="bench")
        for record in people:
            service.create_from_profile(record.profile, reference=record.reference)
        started = time.perf_counter()
        loaded = service.open_records()
        read_s = time.perf_counter() - started
        assert len(loaded) == len(people)
        service.close()
        database.close()

    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()}; {args.people} profiles, {args.size} activities")
    print(
        f"all {args.size} new (worst case): best {min(worst):.2f} s, "
        f"worst {max(worst):.2f} s over {args.repeats}; {len(news.people)} people found"
    )
    print(
        f"{len(fresh)} new (a typical import): best {min(typical):.3f} s, "
        f"worst {max(typical):.3f} s; {len(some.people)} people found"
    )
    print(f"finding what changed among {args.size + args.changed}: {diff_s * 1000:.0f} ms")
    print(f"reading {len(loaded)} open records from the people store: {read_s:.2f} s")


if __name__ == "__main__":
    main()
