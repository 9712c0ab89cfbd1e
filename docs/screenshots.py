"""Render the README's screenshots offscreen from the bundled sample directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py

Writes PNGs to docs/images/. Works on a copy of resources.db, so the bundled file is unchanged.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"


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


if __name__ == "__main__":
    main()
