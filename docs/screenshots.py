"""Render the README's screenshots offscreen from the bundled sample directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py

Writes PNGs to docs/images/. Works on a copy of resources.db, so the bundled file is unchanged.
The handout pictures are the PDF pages turned into PNGs by `pdftoppm` (poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
# A weekly, a monthly and a fortnightly activity from the sample directory, on a fixed day.
HANDOUT_IDS = ["isl-001", "isl-097", "isl-051"]
HANDOUT_NOW = dt.datetime(2026, 11, 24, 9, 0)


def settle(app: QApplication, condition, timeout_ms: int = 10_000) -> None:
    """Let queued work (loading, searching on workers) finish before grabbing."""
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    if not condition():
        sys.exit("timed out waiting for the window to settle")


def main() -> None:
    from navigator.app import build_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "directory.db"
        shutil.copyfile(ROOT / "resources.db", db)
        handouts(db, Path(scratch))
        window = build_main_window(str(db))
        window.resize(1400, 820)
        window.show()
        settle(app, lambda: window.model.rowCount() > 0)
        window.search_box.setText("gardning")
        settle(app, lambda: "match" in window.summary.text())
        window.table.selectRow(0)
        settle(app, lambda: "Where" in window.details.toPlainText())
        window.grab().save(str(OUT / "main-window.png"))
        window.close()
    print(f"wrote {OUT / 'main-window.png'}")


def handouts(db: Path, scratch: Path) -> None:
    """The first page of a handout, and an activity's page of the easy-read one."""
    from navigator.services.handout import HandoutOptions, build_handout
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository
    from navigator.ui.handout_render import write_pdf

    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is needed for the handout pictures: apt-get install poppler-utils")
    database = open_database(f"sqlite:///{db}")
    activities = []
    for activity_id in HANDOUT_IDS:
        found = DirectoryRepository(database).get(activity_id)
        assert found is not None, activity_id
        activities.append(found.activity)
    database.close()
    for name, easy_read, page in (("handout", False, 1), ("handout-easy-read", True, 2)):
        options = HandoutOptions(easy_read=easy_read, worker_name="Sam Patel",
                                 worker_phone="07700 900123")
        pdf = scratch / f"{name}.pdf"
        write_pdf(build_handout(activities, HANDOUT_NOW, options), pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(OUT / name)], check=True)
        print(f"wrote {OUT / (name + '.png')}")


if __name__ == "__main__":
    main()
