"""How long the directory store takes to import and to load a large directory.

    .venv/bin/python benchmarks/bench_store.py                # 10k and 100k activities
    .venv/bin/python benchmarks/bench_store.py --sizes 100000 --repeat 5

Prints, per size: the import time (one all-or-nothing transaction), the median load time
of every activity from SQLite (`DirectoryRepository.all_activities`, what the app does at
start and whenever the directory changes), and the snapshot build time for matching.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from navigator.matching import DirectorySnapshot
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository


def bench(size: int, repeat: int) -> dict[str, str]:
    activities = generate(size)
    with tempfile.TemporaryDirectory() as scratch:
        database = open_database(f"sqlite:///{Path(scratch) / 'directory.db'}")
        repository = DirectoryRepository(database)
        start = time.perf_counter()
        repository.import_activities(activities)
        imported = time.perf_counter() - start
        loads, builds = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            loaded = repository.all_activities()
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            DirectorySnapshot.build(loaded)
            builds.append(time.perf_counter() - start)
        assert len(loaded) == size
        database.close()
    return {
        "activities": f"{size:,}",
        "import s": f"{imported:.2f}",
        "load s (median)": f"{statistics.median(loads):.2f}",
        "load s (max)": f"{max(loads):.2f}",
        "snapshot build s (median)": f"{statistics.median(builds):.2f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = [bench(size, args.repeat) for size in args.sizes]
    print(" | ".join(rows[0]))
    for row in rows:
        print(" | ".join(row.values()))


if __name__ == "__main__":
    main()
