"""Render the README's screenshots offscreen from the bundled sample directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py [OUT_DIR]

Writes PNGs to docs/images/ (or to OUT_DIR, to compare them with the committed ones and copy
over only those that changed on purpose). Works on a copy of resources.db, so the bundled file
is unchanged. The handout pictures are the PDF pages turned into PNGs by `pdftoppm`
(poppler-utils).
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

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
import followup_screenshots  # noqa: E402  (the network map and outcome charts)

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
    if not condition() and timeout_ms > 1000:
        sys.exit("timed out waiting for the window to settle")


def main() -> None:
    from navigator.app import build_main_window

    global OUT
    if len(sys.argv) > 1:
        OUT = followup_screenshots.OUT = Path(sys.argv[1])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "directory.db"
        shutil.copyfile(ROOT / "resources.db", db)
        handouts(db, Path(scratch))
        window = build_main_window(str(db))
        window.resize(1366, 728)  # a 1366×768 laptop screen less its taskbar
        window.show()
        settle(
            app,
            lambda: window.appointment.report is not None or window.directory.model.rowCount() > 0,
        )
        appointment_in_progress(app, window)
        window.tabs.setCurrentWidget(window.directory)
        browser = window.directory
        browser.search_box.setText("gardning")
        settle(app, lambda: "match" in browser.summary.text())
        browser.table.selectRow(0)
        settle(app, lambda: "Where" in browser.details.toPlainText())
        window.grab().save(str(OUT / "directory.png"))
        print(f"wrote {OUT / 'directory.png'}")
        review_queue(app, window)
        follow_up(app, window, Path(scratch))
        window.close()
    followup_screenshots.network_map(app)
    followup_screenshots.outcomes(app)
    followup_screenshots.model_delivery(app)


def review_queue(app: QApplication, window) -> None:
    """The Review tab: what needs checking, most urgent first."""
    window.tabs.setCurrentWidget(window.review_tabs)
    review = window.review
    settle(app, lambda: review.model.rowCount() > 0)
    review.table.selectRow(0)
    settle(app, lambda: False, 200)
    window.grab().save(str(OUT / "review.png"))
    print(f"wrote {OUT / 'review.png'}")


def follow_up(app: QApplication, window, scratch: Path) -> None:
    """The Follow-up tab with a made-up person's plan: one going regularly, one stopped."""
    from navigator.domain.people import PlanStatus, StopReason

    os.environ["NAVIGATOR_PEOPLE_DB"] = str(scratch / "people.db")
    followup = window.followup
    window.tabs.setCurrentWidget(followup)
    followup.worker_name.setText("Sam Patel")
    followup.sign_in.click()
    settle(app, lambda: followup.service is not None)
    followup.reference.setText("AB-0042")
    followup.new_record.click()
    settle(app, lambda: followup.record is not None and len(followup.record.plan) == 2)
    service, reference = followup.service, "AB-0042"
    first, second = (item.activity_id for item in followup.record.plan)
    service.set_plan_status(reference, first, PlanStatus.GOING_REGULARLY, note="goes with a friend")
    service.set_plan_status(reference, second, PlanStatus.STOPPED, reason=StopReason.TIME)
    followup.select(reference)
    settle(
        app,
        lambda: (
            followup.record is not None
            and followup.record.plan[0].status is PlanStatus.GOING_REGULARLY
        ),
    )
    settle(app, lambda: False, 200)
    window.grab().save(str(OUT / "follow-up.png"))
    print(f"wrote {OUT / 'follow-up.png'}")


def appointment_in_progress(app: QApplication, window) -> None:
    """A worker part-way through an appointment: a postcode, three interests in the
    person's own words (one misspelt), free only, no mental-health groups, two shortlisted."""
    from navigator.domain.availability import PartOfDay
    from navigator.domain.directory import Day
    from navigator.domain.profile import Setting
    from navigator.ui.appointment.suggestions_model import SuggestionsModel

    person = window.appointment.person
    person.postcode.setText("N7 6PA")
    person.postcode.textEdited.emit("N7 6PA")
    settle(app, lambda: person.postcode_note.text().startswith("Found"))
    for interest in ("gardning", "cooking", "choir"):
        person.interests.add(interest)
    person.free_only.setChecked(True)
    person.setting.setCurrentIndex(person.setting.findData(Setting.AVOID_MENTAL_HEALTH))
    person.max_distance.setValue(3)
    for day in (Day.TUE, Day.WED, Day.THU):
        for part in (PartOfDay.MORNING, PartOfDay.AFTERNOON):
            person.availability[(day, part)].setChecked(True)
    model = window.appointment.suggestions_model
    settle(
        app,
        lambda: (
            model.rowCount() > 2 and window.appointment.report.results[0].distance_km is not None
        ),
    )
    settle(app, lambda: False, 600)  # the last change's ranking, after its short pause
    for row in (0, 2):
        model.setData(
            model.index(row, SuggestionsModel.TRY),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
    window.appointment.suggestions.selectRow(0)
    window.appointment.worker_name.setText("Sam Patel")
    settle(app, lambda: False, 300)  # let row heights settle
    window.grab().save(str(OUT / "appointment.png"))
    print(f"wrote {OUT / 'appointment.png'}")


def handouts(db: Path, scratch: Path) -> None:
    """The first page of a handout, and an activity's page of the easy-read one."""
    from navigator.printing.handout_pdf import write_pdf
    from navigator.services.handout import HandoutOptions, build_handout
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

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
        options = HandoutOptions(
            easy_read=easy_read, worker_name="Sam Patel", worker_phone="07700 900123"
        )
        pdf = scratch / f"{name}.pdf"
        write_pdf(build_handout(activities, HANDOUT_NOW, options), pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "90",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(OUT / name),
            ],
            check=True,
        )
        print(f"wrote {OUT / (name + '.png')}")


if __name__ == "__main__":
    main()
