"""How long Navigator takes to start on a large directory, as a person starting it waits.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py --sizes 10000 100000

Each run starts a fresh interpreter that builds and shows the real main window on a directory
database (made once from `generate.py`, kept in benchmarks/output), and says when it reaches
each stage; the times are taken here, from just before the process is started:

- imported: `navigator.app` imported (Qt, SQLAlchemy, the app's modules);
- window shown: the database opened (checked, backed up, migrated if need be) and the main
  window on screen;
- directory table: the Directory tab's first rows on screen;
- suggestions ready: the directory loaded for matching (the appointment can rank);
- suggestions shown: the appointment's first suggestions worked out and in its table (with
  the empty profile a start shows: a ranking of the whole directory);
- longest block: the longest the UI thread went without a break (a 1 ms heartbeat timer's
  longest gap, in ms) from the window shown until 3 s after the last stage, so a review
  queue built late or the garbage collector's first full pass after the load counts too.

Each run has a new empty data folder (NAVIGATOR_DATA_DIR), so the people store is created
afresh and the start-up backup of the directory is made as on any start. The snapshot cache
(services/snapshot_cache.py) is copied into it from the warm-up run, as on any start after
the first; `--cold` leaves it out, as on the very first start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"
STAGES = ("imported", "window shown", "directory table", "suggestions ready", "suggestions shown")
SETTLE_S = 3.0  # after the last stage, for late work on the UI thread (and the collector)
CACHE_FOLDER = "snapshot-cache"  # services/snapshot_cache.py FOLDER


def child(db: str) -> None:
    """The measured process: print each stage as it is reached."""
    from navigator.app import build_main_window

    print("imported", flush=True)
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_main_window(db)
    window.show()
    app.processEvents()
    print("window shown", flush=True)

    # The heartbeat: the longest gap between ticks of a 1 ms timer on the UI thread.
    clock, heartbeat = QElapsedTimer(), QTimer(interval=1)
    longest = [0.0, 0.0]  # longest gap ms, last tick ns

    def tick() -> None:
        now = clock.nsecsElapsed()
        longest[0] = max(longest[0], (now - longest[1]) / 1e6)
        longest[1] = now

    heartbeat.timeout.connect(tick)
    clock.start()
    heartbeat.start()

    def spin() -> None:
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()

    deadline = time.monotonic() + 300
    pending = {
        "directory table": lambda: window.directory.proxy.rowCount() > 0,
        "suggestions ready": lambda: window.appointment._snapshot is not None,
        "suggestions shown": lambda: window.appointment.outcome is not None,
    }
    while pending and time.monotonic() < deadline:
        spin()
        for stage, reached in list(pending.items()):
            if reached():
                print(stage, flush=True)
                del pending[stage]
    settled = time.monotonic() + SETTLE_S
    while time.monotonic() < settled:
        spin()
    tick()
    print(f"longest block {longest[0]:.0f}", flush=True)
    window.close()


def database(size: int) -> Path:
    """A directory database of `size` generated activities, made once."""
    path = OUTPUT / f"startup-{size}.db"
    if path.exists():
        return path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import generate

    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

    OUTPUT.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    store = open_database(f"sqlite:///{partial}")
    DirectoryRepository(store).import_activities(generate(size))
    store.close()
    partial.rename(path)
    return path


def run_once(db: Path, cache: Path | None) -> dict[str, float]:
    """One start on `db`: seconds to each stage, and "longest block" in ms. `cache`: a folder
    for the snapshot cache, copied in before the start and kept from the first run."""
    with tempfile.TemporaryDirectory() as scratch:
        if cache is not None and cache.exists():
            shutil.copytree(cache, Path(scratch) / CACHE_FOLDER)
        env = dict(os.environ, NAVIGATOR_DATA_DIR=scratch, QT_QPA_PLATFORM="offscreen")
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        reached = {}
        for line in process.stdout:
            if line.strip() in STAGES:
                reached[line.strip()] = time.perf_counter() - start
            elif line.startswith("longest block "):
                reached["longest block"] = float(line.split()[-1])
        process.wait()
        made = Path(scratch) / CACHE_FOLDER
        if cache is not None and not cache.exists() and made.exists():
            shutil.copytree(made, cache)
    return reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cold", action="store_true", help="no snapshot cache: the first start on a directory"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    figures = [*(f"{s} s" for s in STAGES), "longest block ms"]
    print(f"snapshot cache: {'none' if args.cold else 'from the warm-up run'}")
    print(f"{'activities':>10} | " + " | ".join(figures))
    for size in args.sizes:
        db = database(size)
        with tempfile.TemporaryDirectory() as kept:
            cache = None if args.cold else Path(kept) / CACHE_FOLDER
            run_once(db, cache)  # a warm-up: the page cache, and the snapshot cache filled
            runs = [run_once(db, cache) for _ in range(args.runs)]
        cells = []
        for stage, figure in zip((*STAGES, "longest block"), figures, strict=True):
            values = [r[stage] for r in runs if stage in r]
            digits = 0 if figure.endswith("ms") else 2
            cells.append(
                f"{statistics.median(values):.{digits}f} "
                f"({min(values):.{digits}f}-{max(values):.{digits}f})"
                if len(values) == len(runs)
                else "not reached"
            )
        print(f"{size:>10,} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
