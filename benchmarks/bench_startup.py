"""How long Navigator takes to start on a large directory, as a person starting it waits.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py --sizes 10000 100000

Each run starts a fresh interpreter that builds and shows the real main window on a directory
database (made once from `generate.py`, kept in benchmarks/output), and says when it reaches
each stage; the times are taken here, from just before the process is started:

- imported: `navigator.app` imported (Qt, SQLAlchemy, the app's modules);
- window shown: the database opened (checked, backed up, migrated if need be) and the main
  window on screen;
- directory table: the Directory tab's first rows on screen;
- suggestions ready: the directory loaded for matching (the appointment can rank).

Each run has a new empty data folder (NAVIGATOR_DATA_DIR), so the people store is created
afresh and the start-up backup of the directory is made as on any start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"
STAGES = ("imported", "window shown", "directory table", "suggestions ready")


def child(db: str) -> None:
    """The measured process: print each stage as it is reached."""
    from navigator.app import build_main_window

    print("imported", flush=True)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_main_window(db)
    window.show()
    app.processEvents()
    print("window shown", flush=True)

    def spin() -> None:
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()

    deadline = time.monotonic() + 300
    pending = {
        "directory table": lambda: window.directory.proxy.rowCount() > 0,
        "suggestions ready": lambda: window.appointment._snapshot is not None,
    }
    while pending and time.monotonic() < deadline:
        spin()
        for stage, reached in list(pending.items()):
            if reached():
                print(stage, flush=True)
                del pending[stage]
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


def run_once(db: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
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
        process.wait()
    return reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(f"{'activities':>10} | " + " | ".join(f"{s} s" for s in STAGES))
    for size in args.sizes:
        db = database(size)
        run_once(db)  # a warm-up: the file and Python's modules in the page cache
        runs = [run_once(db) for _ in range(args.runs)]
        cells = []
        for stage in STAGES:
            times = [r[stage] for r in runs if stage in r]
            cells.append(
                f"{statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f})"
                if len(times) == len(runs)
                else "not reached"
            )
        print(f"{size:>10,} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
