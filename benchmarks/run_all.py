"""Every benchmark in benchmarks/, at a small size, in one go, with one table at the end.

    .venv/bin/python benchmarks/run_all.py --quick        # about five minutes on 2 cores

Each benchmark runs as it is, in a child process, with the sizes below (`--quick`: small
ones; without it, the benchmarks' own defaults, which take far longer). The table gives, for
each, its wall time and the child's peak resident memory (`ru_maxrss` from `os.wait4`);
for bench_files.py, whose rows are stable, each row's median, max, peak and CPU time too.
The others' own figures follow the table as they printed them ("see output"): their
formats belong to their owners. Nothing is asserted; a benchmark that fails is shown as
failed, and the rest still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments with --quick, what the size is). Scripts that are missing are skipped.
QUICK: list[tuple[str, list[str], str]] = [
    ("bench_files.py", ["--quick"], "10,000 activities"),
    ("bench_import_oruk.py", ["--services", "2000", "--runs", "3"], "2,000 services"),
    ("bench_store.py", ["--sizes", "10000", "--repeat", "3"], "10,000 activities"),
    ("bench_matching.py", ["--sizes", "10000", "--queries", "50"], "10,000 activities"),
    ("bench_snapshot.py", ["--quick"], "quick"),
    ("bench_cli_match.py", ["--profiles", "1000", "--runs", "1"], "1,000 x 10,000"),
    ("bench_rematch.py", ["--people", "100", "--size", "10000", "--repeats", "3"], "100 x 10,000"),
    ("bench_appointment.py", ["--size", "10000", "--trials", "10"], "10,000 activities"),
    ("bench_directory_tab.py", ["--size", "10000", "--rounds", "1"], "10,000 activities"),
    ("bench_startup.py", ["--sizes", "10000", "--runs", "3"], "10,000 activities"),
    ("bench_feed_sync.py", ["--services", "2000"], "2,000 services"),
]


def run(script: str, args: list[str], timeout: float) -> tuple[int | None, str, float, float]:
    """Run one benchmark: (exit status, None on a timeout; its output; wall s; peak MB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(
            [sys.executable, str(HERE / script), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        # wait4, not wait: it gives this child's own peak resident memory (KB on Linux).
        _, status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    wall = time.perf_counter() - start
    killed = child.returncode < 0 and wall >= timeout
    return None if killed else child.returncode, output, wall, usage.ru_maxrss / 1024


def machine() -> str:
    """The machine, as docs/performance.md names it: CPU, memory, load, Python."""
    lines = [f"Python {platform.python_version()} on {platform.platform()}"]
    for command in (["lscpu"], ["free", "-m"]):
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError:
            continue
        wanted = ("Model name", "CPU(s):", "Thread(s)", "Mem:", "total")
        lines += [line for line in done.stdout.splitlines() if line.lstrip().startswith(wanted)]
    lines.append("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (about five minutes)")
    parser.add_argument("--timeout", type=float, default=150, help="seconds a benchmark may take")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    rows: list[list[str]] = []
    outputs: list[tuple[str, str]] = []
    began = time.perf_counter()
    for script, quick_args, size in QUICK:
        if not (HERE / script).exists():
            rows.append([script, "-", "-", "-", "-", "not there"])
            continue
        status, output, wall, peak = run(script, quick_args if args.quick else [], args.timeout)
        print(f"{script}: {wall:.0f} s", flush=True)
        outcome = "see output" if status == 0 else "timed out" if status is None else "failed"
        if script == "bench_files.py" and status == 0:
            for line in output.splitlines():
                cells = [c.strip() for c in line.split(" | ")]
                # name | size | median s | max s | median CPU s | peak MB
                if len(cells) == 6 and cells[0].startswith(("export", "import")):
                    name, rowsize, median, most, cpu, rowpeak = cells
                    rows.append(
                        [f"{name} (bench_files)", rowsize, median, most, rowpeak, f"CPU {cpu} s"]
                    )
            outcome = "rows above"
        rows.append(
            [
                script,
                size if args.quick else "defaults",
                "-",
                "-",
                f"{peak:.0f}",
                f"{outcome}; {wall:.1f} s in all",
            ]
        )
        outputs.append((script, output))
    head = ["name", "size", "median s", "max s", "peak MB", "figures"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print()
    for row in [head, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    print(f"\nall benchmarks: {time.perf_counter() - began:.0f} s")
    for script, output in outputs:
        tail = output.strip().splitlines()[-15:]
        print(f"\n## {script}\n" + "\n".join(tail))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
