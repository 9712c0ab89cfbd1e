"""How fast `rank` is: median and p95 latency per query, snapshot build time, peak memory.

    python benchmarks/bench_matching.py                  # 1k, 10k and 100k activities
    python benchmarks/bench_matching.py --sizes 10000 --queries 400

Each size gets a synthetic directory (benchmarks/generate.py, fixed seed), one snapshot, and
a fixed set of varied profiles (typos, synonyms, several interests, goals, every kind of hard
constraint, with and without a location) ranked in turn on one core. Memory is measured in a
separate pass with tracemalloc, which would otherwise slow the timings down.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import resource
import statistics
import time
import tracemalloc

import numpy as np

from navigator.domain.profile import Profile
from navigator.matching import DirectorySnapshot, rank

try:  # python -m benchmarks.bench_matching
    from benchmarks.generate import generate, generate_profiles
except ModuleNotFoundError:  # python benchmarks/bench_matching.py
    from generate import generate, generate_profiles  # type: ignore[no-redef]

NOW = dt.datetime(2026, 11, 24, 9, 0)


def profiles(count: int, seed: int = 7) -> list[Profile]:
    return generate_profiles(count, seed, reference="BENCH")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def bench(size: int, queries: int, top: int) -> dict[str, str]:
    activities = generate(size, seed=1)
    gc.collect()
    started = time.perf_counter()
    snapshot = DirectorySnapshot.build(activities)
    build = time.perf_counter() - started

    people = profiles(queries)
    for person in people[:5]:  # warm-up: imports, caches, numpy dispatch
        rank(person, snapshot, now=NOW, top=top)
    times = []  # cold: nothing remembered from earlier queries
    for person in people:
        snapshot.interests.vocabulary.forget()
        started = time.perf_counter()
        rank(person, snapshot, now=NOW, top=top)
        times.append(time.perf_counter() - started)
    warm = []  # the appointment case: the same person re-ranked after another field changed
    for person in people:
        started = time.perf_counter()
        rank(person, snapshot, now=NOW, top=top)
        warm.append(time.perf_counter() - started)

    # Memory: the snapshot's own footprint, then the extra a query allocates at its peak.
    del snapshot
    gc.collect()
    tracemalloc.start()
    snapshot = DirectorySnapshot.build(activities)
    snapshot_bytes, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for person in people[:20]:
        rank(person, snapshot, now=NOW, top=top)
    _, query_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return {
        "activities": f"{size:,}",
        "vocabulary": f"{len(snapshot.interests.terms):,}",
        "build s": f"{build:.2f}",
        "median ms": _ms(statistics.median(times)),
        "p95 ms": _ms(float(np.percentile(times, 95))),
        "max ms": _ms(max(times)),
        "warm median ms": _ms(statistics.median(warm)),
        "snapshot MB": f"{snapshot_bytes / 2**20:.0f}",
        "query peak MB": f"{max(0, query_peak - snapshot_bytes) / 2**20:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{platform.processor() or platform.platform()}; numpy {np.__version__}; "
        f"{args.queries} queries per size, top {args.top}\n"
    )
    rows = [bench(size, args.queries, args.top) for size in args.sizes]
    headers = list(rows[0])
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---:" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(row[h] for h in headers) + " |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of the whole run (incl. generated activities): {peak:.0f} MB")


if __name__ == "__main__":
    main()
