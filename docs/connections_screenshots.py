"""Render the connections-loop screenshots offscreen (issue 16) from the sample directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/connections_screenshots.py [OUT_DIR]

Writes, to docs/images/ (or OUT_DIR, to compare before replacing):
- connections.png: the Follow-up tab after two activities were added to the directory, with
  "New for 2 people you support" above a record whose plan has two alerts (one activity
  paused, one moved to another day);
- match-again.png: the Appointment tab after Match again on that record: a stopped activity
  that has since become cheaper comes back saying so, one going regularly says that, and one
  they stopped because they did not feel welcome is left out.

Works on copies of resources.db and a new people store in a temporary folder. The people and
the two new activities are made up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def settle(app: QApplication, condition: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    if not condition() and timeout_ms > 1000:
        sys.exit("timed out waiting for the window to settle")


def make_people(path: Path, directory: Path) -> None:
    """Three made-up people; AB-0042's plan was made when two activities were otherwise."""
    from navigator.domain.directory import Cost, Day, Session
    from navigator.domain.people import ActivityTerms, PlanStatus, StopReason
    from navigator.domain.profile import PostcodeLocation, Profile
    from navigator.services.people import open_people_service
    from navigator.services.plan_context import terms_of
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

    database = open_database(f"sqlite:///{directory}")
    now = {a.id: a for a in DirectoryRepository(database).all_activities()}
    database.close()
    then = {
        # The choir cost £5 a session when they stopped for the cost; it is £3 now.
        "isl-061": dataclasses.replace(now["isl-061"], cost=Cost(per_session_gbp=5.0)),
        # Cook and Eat Together was on Mondays when planned; it is on Thursdays now.
        "isl-110": dataclasses.replace(
            now["isl-110"], sessions=(Session(Day.MON, dt.time(11), dt.time(13)),)
        ),
    }

    def terms(activity_id: str) -> ActivityTerms | None:
        found = then.get(activity_id) or now.get(activity_id)
        return terms_of(found) if found else None

    people = open_people_service(str(path), worker="Sam Patel", activity_terms=terms)
    n7 = PostcodeLocation("N7 6PA")
    people.create_from_profile(
        Profile(location=n7, max_distance_km=3.0, interests=("gardening", "singing", "cooking")),
        reference="AB-0042",
        plan=[
            ("isl-068", "Brecknock Gospel Choir"),
            ("isl-061", "Cally Voices Community Choir"),
            ("isl-065", "Singing for Wellbeing"),
            ("isl-013", "Rooftop Growing Club"),
            ("isl-110", "Cook and Eat Together"),
        ],
    )
    people.set_plan_status("AB-0042", "isl-068", PlanStatus.GOING_REGULARLY)
    for activity_id, reason in (("isl-061", StopReason.COST), ("isl-065", StopReason.NOT_WELCOME)):
        people.set_plan_status("AB-0042", activity_id, PlanStatus.TRIED)
        people.set_plan_status("AB-0042", activity_id, PlanStatus.STOPPED, reason=reason)
    people.create_from_profile(
        Profile(location=n7, max_distance_km=5.0, interests=("choir", "baking")),
        reference="CD-0107",
    )
    people.create_from_profile(
        Profile(location=n7, max_distance_km=2.0, interests=("knitting",)), reference="EF-0211"
    )
    people.close()


def add_two_activities(directory: Path) -> None:
    """A prescriber adds two activities (made up), as an import or an edit would."""
    from navigator.domain.directory import Activity, Booking, Cost, Day, Session, Venue
    from navigator.store.database import open_database
    from navigator.store.repository import DirectoryRepository

    hall = Venue(name="Tufnell Park Hall", postcode="N7 6PA", lat=51.5545, lon=-0.1185)
    new = [
        Activity(
            id="new-001",
            name="Tufnell Park Community Choir",
            categories=("music",),
            keywords=("singing", "choir"),
            venue=hall,
            sessions=(Session(Day.WED, dt.time(14), dt.time(15, 30)),),
            cost=Cost(per_session_gbp=0.0),
            booking=Booking.DROP_IN,
            last_verified=dt.date(2026, 12, 1),
        ),
        Activity(
            id="new-002",
            name="Seed Library Potting Afternoons",
            categories=("nature_gardening",),
            keywords=("gardening", "seeds"),
            venue=hall,
            sessions=(Session(Day.FRI, dt.time(13), dt.time(15)),),
            cost=Cost(per_session_gbp=0.0),
            last_verified=dt.date(2026, 12, 1),
        ),
    ]
    database = open_database(f"sqlite:///{directory}")
    DirectoryRepository(database).import_activities(new)
    database.close()


def main() -> None:
    from navigator.app import build_main_window

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        db, people_db = Path(scratch) / "directory.db", Path(scratch) / "people.db"
        shutil.copyfile(ROOT / "resources.db", db)
        make_people(people_db, db)
        window = build_main_window(str(db), people_db=str(people_db))
        window.resize(1366, 728)  # a 1366×768 laptop screen less its taskbar
        window.show()
        settle(app, lambda: window.appointment.snapshot is not None)

        followup = window.followup
        window.tabs.setCurrentWidget(followup)
        followup.worker_name.setText("Sam Patel")
        followup.sign_in.click()
        settle(app, lambda: followup.people_model.rowCount() == 3)
        add_two_activities(db)
        window.reload_directory()
        settle(app, followup.new_for_people.isVisible)
        followup.select("AB-0042")
        settle(app, lambda: followup.detail.plan_alerts.isVisible())
        settle(app, lambda: followup.people_model.index(0, 2).data() == "2")
        settle(app, lambda: False, 300)
        window.grab().save(str(out / "connections.png"))
        print(f"wrote {out / 'connections.png'}")

        followup.detail.match_again.click()
        appointment = window.appointment
        settle(
            app,
            lambda: appointment.plan_context is not None and not appointment.ranking_pending,
        )
        settle(app, lambda: False, 300)
        window.grab().save(str(out / "match-again.png"))
        print(f"wrote {out / 'match-again.png'}")
        window.close()


if __name__ == "__main__":
    main()
