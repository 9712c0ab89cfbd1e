"""How long `navigator match --profiles` takes for a batch of profiles (issue 17's goal: 1,000
profiles against 10,000 activities in ≤ 10 s).

    python benchmarks/bench_cli_match.py                       # 1,000 profiles, 10,000 activities
    python benchmarks/bench_cli_match.py --profiles 200 --size 10000 --runs 5

The command is run as a whole process, as a user or a script would run it, on a directory
database made from `generate.py` and a JSON Lines file of bench_matching's varied profiles
(typos, synonyms, every kind of hard constraint, a fifth with no location). The figure is
the wall time from starting the process to its exit, start-up, reading the directory and
building the snapshot included; "per profile" divides what is left after a one-profile run
of the same command by the number of profiles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from navigator.formats.profile import profile_to_json
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

try:  # python -m benchmarks.bench_cli_match
    from benchmarks.bench_matching import NOW, profiles
    from benchmarks.generate import generate
except ModuleNotFoundError:  # python benchmarks/bench_cli_match.py
    from bench_matching import NOW, profiles  # type: ignore[no-redef]
    from generate import generate  # type: ignore[no-redef]


def timed(command: list[str]) -> tuple[float, float]:
    """One whole run of `command`: (wall seconds, peak resident MB of the child)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert child.stderr is not None
        raise SystemExit(f"{' '.join(command)} failed: {child.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "directory.db"
        database = open_database(f"sqlite:///{db}")
        try:
            DirectoryRepository(database).import_activities(generate(args.size))
        finally:
            database.close()
        lines = [json.dumps(profile_to_json(p)) for p in profiles(args.profiles)]
        batch, single = Path(scratch) / "profiles.jsonl", Path(scratch) / "one.jsonl"
        batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
        single.write_text(lines[0] + "\n", encoding="utf-8")

        def command(path: Path) -> list[str]:
            return [
                sys.executable,
                "-m",
                "navigator",
                "match",
                "--profiles",
                str(path),
                "--db",
                str(db),
                "--now",
                NOW.strftime("%Y-%m-%dT%H:%M"),
            ]

        timed(command(single))  # warm the disk cache and the bytecode
        batch_runs, single_runs = [], []
        for _ in range(args.runs):
            single_runs.append(timed(command(single)))
            batch_runs.append(timed(command(batch)))
    whole = statistics.median(w for w, _ in batch_runs)
    one = statistics.median(w for w, _ in single_runs)
    peak = max(m for _, m in batch_runs)
    per_profile_ms = (whole - one) / max(args.profiles - 1, 1) * 1000
    print(
        f"{args.profiles:,} profiles x {args.size:,} activities, {args.runs} runs: "
        f"whole command {whole:.2f} s median (min {min(w for w, _ in batch_runs):.2f}, "
        f"max {max(w for w, _ in batch_runs):.2f}), peak {peak:.0f} MB; "
        f"one profile {one:.2f} s; per profile {per_profile_ms:.1f} ms"
    )


if __name__ == "__main__":
    main()
