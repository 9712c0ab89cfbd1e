"""Render the activity editor and the conflict view offscreen, for the docs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/editor_screenshots.py

Writes docs/images/editor.png (the sample directory's "Growing Together", isl-001, with one
problem showing) and docs/images/conflict.png (two people saved the same activity). Works on
a copy of resources.db, so the bundled file is unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"
TODAY = dt.date(2026, 11, 24)
ACTIVITY_ID = "isl-001"


class _Answers:
    """Answers the editor's questions, so nothing waits for a click offscreen."""

    def confirm(self, _parent: object, _text: str) -> bool:
        return True

    def error(self, _parent: object, text: str) -> None:
        print(text)


def settle(condition, timeout_ms: int = 10_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    if not condition():
        sys.exit("timed out waiting for the editor")


def main(out: Path = OUT) -> None:
    from navigator.services.saving import ActivitySaver
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository
    from navigator.ui.common.tasks import TaskRunner
    from navigator.ui.directory.activity_editor import ActivityEditor

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "directory.db"
        shutil.copyfile(ROOT / "resources.db", db)
        database = open_database(f"sqlite:///{db}")
        repository = DirectoryRepository(database)

        def editor() -> ActivityEditor:
            found = repository.get(ACTIVITY_ID)
            assert found is not None
            return ActivityEditor(
                found.activity,
                found.version,
                saver=ActivitySaver(repository),
                db_runner=runner,
                dialogs=_Answers(),
                today=lambda: TODAY,
            )

        first = editor()
        first.show()
        first.form.postcode.setText("N1 OSD")  # a letter O typed for a zero
        first.form.postcode.textEdited.emit("N1 OSD")
        app.processEvents()
        first.grab().save(str(out / "editor.png"))
        print(f"wrote {out / 'editor.png'}")
        first.close()

        # Two prescribers open the same entry; one changes the time, the other the cost.
        mine, theirs = editor(), editor()
        current = repository.get(ACTIVITY_ID)
        assert current is not None
        session = replace(current.activity.sessions[0], start=dt.time(10, 30))
        repository.save(replace(current.activity, sessions=(session,)), current.version)
        mine.show()
        mine.form.cost_kind.setCurrentIndex(mine.form.cost_kind.findData("amount"))
        mine.form.amount.setValue(2.5)
        mine.form.booking.setCurrentIndex(mine.form.booking.findData("book_ahead"))
        mine.save_button.click()
        settle(lambda: mine.conflict_dialog is not None)
        dialog = mine.conflict_dialog
        assert dialog is not None
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(out / "conflict.png"))
        print(f"wrote {out / 'conflict.png'}")
        dialog.reject()
        mine.close()
        theirs.close()
        database.close()
    executor.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
