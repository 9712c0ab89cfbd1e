"""How long the matching snapshot takes to build, how much it holds, and how fast it reopens.

    python benchmarks/bench_snapshot.py                      # 10k and 100k
    python benchmarks/bench_snapshot.py --sizes 1000000 --builds 1
    python benchmarks/bench_snapshot.py --sizes 100000 --build-only   # for paired runs
    python benchmarks/bench_snapshot.py --sizes 1000000 --build-only --saved benchmarks/output
    python benchmarks/bench_snapshot.py --quick                       # 10k (run_all.py)

For each size: a generated directory (benchmarks/generate.py, seed 1); the snapshot built
`--builds` times (median; the app builds with the garbage collector as it is, and so does
this); what the snapshot holds apart from the activities (tracemalloc, in a separate build,
and the resident-memory growth it leaves); then, where the snapshot cache exists
(services/snapshot_cache.py), the time to save it, its size on disk, and the time to open it
again (reading and checking every file, memory-mapped), as the next start of the app does;
and the median ranking time of 100 varied profiles on the reopened snapshot. A size whose
generated directory would not fit in the memory available is skipped, with the reason.
`--build-only` builds once, prints the build's wall and CPU seconds (timed inside the process)
and stops: the whole process then is a build (for comparing two versions of the code as whole
processes; run it with the other version first on PYTHONPATH). `--saved FOLDER` keeps the
generated directory there as a pickle (made the first time, read after): generating a million
activities takes over a minute, reading them back a third of that.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import pickle
import platform
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_matching import NOW, profiles
from generate import generate

from navigator.collector import collector_paused
from navigator.domain.directory import Activity
from navigator.matching import DirectorySnapshot, rank

try:  # the cache is newer than the build: run against older code without it
    from navigator.services.snapshot_cache import CacheKey, SnapshotCache
except ImportError:  # pragma: no cover - older code
    SnapshotCache = None  # type: ignore[assignment,misc]
try:  # as the app builds a large directory's vocabulary: in a second process
    from navigator.services.vocabulary_process import VocabularyProcesses
except ImportError:  # pragma: no cover - older code
    VocabularyProcesses = None  # type: ignore[assignment,misc]

# Generated activities with their strings take about this much each (measured at 100k).
ACTIVITY_BYTES = 3_500


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _children_cpu() -> float:
    """CPU seconds of the second processes ended so far (a vocabulary's)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _peak_mb() -> float:
    """The peak resident memory of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _ChildrenPeak(threading.Thread):
    """The largest resident memory a second process reaches, read from /proc every 50 ms
    (its own peak figure also counts the moment it was a copy of this process, before it
    became a fresh interpreter)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            for child in multiprocessing.active_children():
                try:
                    with open(f"/proc/{child.pid}/status") as status:
                        for line in status:
                            if line.startswith("VmRSS:"):
                                self.mb = max(self.mb, int(line.split()[1]) / 1024)
                except OSError:
                    pass  # ended meanwhile, or no /proc

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.mb


def _available_mb() -> float:
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    return float("inf")


def _directory(size: int, saved: Path | None) -> list[Activity]:
    """The generated directory of `size`, kept as a pickle in `saved` when given.

    Frozen out of the collector's reach, as the app loads a directory (`freeze_loaded` in
    app.py and cli.py): else the collector's first pass after the build, when `build`
    switches it back on, walks every object of the directory (3.3 s at a million read back
    from the pickle) and is timed as the build's."""
    with collector_paused(freeze=True):  # millions of objects, no cycles
        if saved is None:
            return generate(size, seed=1)
        path = saved / f"directory-{size}-seed1.pickle"
        if path.exists():
            with path.open("rb") as file:
                activities: list[Activity] = pickle.load(file)
            return activities
        activities = generate(size, seed=1)
        saved.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            pickle.dump(activities, file, protocol=pickle.HIGHEST_PROTOCOL)
        return activities


def _build(activities: list[Activity], here: bool) -> DirectorySnapshot:
    """Built as the app builds it (a large directory's vocabulary in a second process), or
    with `here` all in this thread."""
    if here or VocabularyProcesses is None:
        return DirectorySnapshot.build(activities)
    return DirectorySnapshot.build(activities, VocabularyProcesses())


def bench(size: int, builds: int, queries: int, here: bool) -> dict[str, str]:
    activities = generate(size, seed=1)
    gc.collect()
    times = []
    for _ in range(builds):
        snapshot = None
        gc.collect()
        before = _resident_mb()
        started = time.perf_counter()
        snapshot = _build(activities, here)
        times.append(time.perf_counter() - started)
        gc.collect()
        grown = _resident_mb() - before
    row = {
        "activities": f"{size:,}",
        "terms": f"{len(snapshot.interests.terms):,}",
        "build s": f"{statistics.median(times):.2f}",
        "µs an activity": f"{statistics.median(times) / size * 1e6:.0f}",
        "resident growth MB": f"{grown:.0f}",
    }
    if size <= 200_000:  # tracemalloc slows the build several times over
        del snapshot
        gc.collect()
        tracemalloc.start()
        snapshot = DirectorySnapshot.build(activities)
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        row["bytes an activity"] = f"{held / size:,.0f}"
    if SnapshotCache is not None:
        with tempfile.TemporaryDirectory() as folder:
            cache = SnapshotCache(Path(folder))
            key = CacheKey("bench", 1)
            started = time.perf_counter()
            cache.save(key, activities, snapshot)
            row["save s"] = f"{time.perf_counter() - started:.2f}"
            on_disk = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
            row["cache MB"] = f"{on_disk / 2**20:.0f}"
            del snapshot
            gc.collect()
            opens = []
            for _ in range(3):
                started = time.perf_counter()
                reopened = cache.load(key, activities)
                opens.append(time.perf_counter() - started)
                assert reopened is not None
            row["open s"] = f"{statistics.median(opens):.2f}"
            people = profiles(queries)
            for person in people[:5]:
                rank(person, reopened, now=NOW)
            ranked = []
            for person in people:
                reopened.interests.vocabulary.forget()
                started = time.perf_counter()
                rank(person, reopened, now=NOW)
                ranked.append(time.perf_counter() - started)
            row["match median ms"] = f"{statistics.median(ranked) * 1000:.1f}"
            row["match p95 ms"] = f"{float(np.percentile(ranked, 95)) * 1000:.1f}"
            del reopened
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--quick", action="store_true", help="10k only (for run_all.py)")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="the vocabulary built in this process even for a large directory",
    )
    parser.add_argument(
        "--saved", type=Path, help="with --build-only: keep the generated directory here"
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.queries = [10_000], 50
    if args.build_only:
        for size in args.sizes:
            activities = _directory(size, args.saved)
            started, cpu = time.perf_counter(), time.process_time()
            children, watch = _children_cpu(), _ChildrenPeak()
            watch.start()
            _build(activities, args.in_process)
            child_mb = watch.stop()
            print(
                f"{size}: build {time.perf_counter() - started:.3f} s, "
                f"CPU {time.process_time() - cpu:.3f} s here and "
                f"{_children_cpu() - children:.3f} s in a second process, "
                f"peak {_peak_mb():,.0f} MB here and {child_mb:,.0f} MB there, "
                f"load average {os.getloadavg()[0]:.1f}"
            )
        return
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n"
    )
    rows = []
    for size in args.sizes:
        needed = size * ACTIVITY_BYTES * 2 / 2**20  # the activities, and room to build
        if needed > _available_mb():
            print(f"{size:,}: skipped, needs about {needed:,.0f} MB, {_available_mb():,.0f} free")
            continue
        builds = args.builds if size < 1_000_000 else 1
        rows.append(bench(size, builds, args.queries, args.in_process))
    if not rows:
        return
    headers = list(dict.fromkeys(h for row in rows for h in row))
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---:" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(row.get(h, "") for h in headers) + " |")


if __name__ == "__main__":
    main()
