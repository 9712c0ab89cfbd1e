"""Import and export of a large directory in each file format: time and peak memory.

    .venv/bin/python benchmarks/bench_files.py                  # 100,000 activities
    .venv/bin/python benchmarks/bench_files.py --size 10000 --formats navigator csv
    .venv/bin/python benchmarks/bench_files.py --quick          # 10,000, each format once

A generated directory (`generate.py`) is stored once in an SQLite file. Then, for each format
(native JSON, Open Referral UK JSON, CSV, xlsx), `navigator directory export` writes it and
`navigator directory import` reads that file back into a new database, each in a child process
of its own, as a person runs them: the time is the command's own (start-up excluded), wall
and CPU; the peak is the child's resident high-water mark (`VmHWM`, start-up included: a bare
import process is about 70 MB). The goal (issue 17) is 10 s and 500 MB for each at 100,000.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

FORMATS = {
    "navigator": "directory.json",
    "oruk": "directory.oruk.json",
    "csv": "directory.csv",
    "xlsx": "directory.xlsx",  # the spreadsheet format, named .xlsx
}

# The child: run one navigator command, then print its time and its own peak memory.
CHILD = """
import contextlib, io, json, sys, time
from navigator.cli import main
out = io.StringIO()
start, cpu_start = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(out):
    status = main(sys.argv[1:])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
lines = open("/proc/self/status").read().splitlines()
peak = int(next(s for s in lines if s.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"status": status, "seconds": seconds, "cpu": cpu, "peak": peak}))
"""


def run_command(*args: str) -> dict[str, float]:
    """One `navigator` command in a child process: its time (s) and peak memory (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"navigator {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    # A refusal (status 1: a file over a limit) is a result too: the table says so.
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench(size: int, formats: list[str], runs: int) -> list[dict[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = folder / "source.db"
        database = open_database(f"sqlite:///{source}")
        DirectoryRepository(database).import_activities(generate(size))
        database.close()
        for fmt in formats:
            path = folder / FORMATS[fmt]
            exports = [
                run_command(
                    "directory", "export", str(path), "--format", _import(fmt), "--db", str(source)
                )
                for _ in range(runs)
            ]
            megabytes = path.stat().st_size / 1e6
            imports = []
            for run in range(runs):
                target = folder / f"{fmt}-{run}.db"
                imports.append(
                    run_command(
                        "directory",
                        "import",
                        str(path),
                        "--format",
                        _import(fmt),
                        "--db",
                        str(target),
                    )
                )
                target.unlink(missing_ok=True)
            for action, results in (("export", exports), ("import", imports)):
                rows.append(
                    {
                        "name": f"{action} {fmt}",
                        "size": f"{size:,} ({megabytes:.0f} MB)",
                        "median s": f"{statistics.median(r['seconds'] for r in results):.2f}"
                        + (" refused" if any(r["status"] for r in results) else ""),
                        "max s": f"{max(r['seconds'] for r in results):.2f}",
                        # On a shared machine the CPU time says more than the wall time.
                        "median cpu s": f"{statistics.median(r['cpu'] for r in results):.2f}",
                        "peak MB": f"{max(r['peak'] for r in results):.0f}",
                    }
                )
                print(" | ".join(rows[-1].values()), flush=True)
            path.unlink()
    return rows


def _import(fmt: str) -> str:
    """The --format a file of `fmt` is named by: a workbook is the spreadsheet format."""
    return "csv" if fmt in ("csv", "xlsx") else fmt


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS))
    parser.add_argument("--runs", type=int, default=1, help="each command this many times")
    parser.add_argument("--quick", action="store_true", help="10,000 activities, once each")
    args = parser.parse_args(argv)
    size = 10_000 if args.quick else args.size
    print("name | size | median s | max s | median cpu s | peak MB")
    start = time.perf_counter()
    bench(size, args.formats, 1 if args.quick else args.runs)
    print(f"(all took {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
