"""The composition root of the desktop app: builds the store, services, workers and window."""

from __future__ import annotations

import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from navigator.matching import rank
from navigator.services.directory import DirectoryService
from navigator.services.matching import MatchService
from navigator.services.people import open_people_service
from navigator.store.database import StoreError, choose_directory_url, open_database, sqlite_path
from navigator.store.repository import DirectoryRepository, VersionedActivity
from navigator.ui.activity_editor import ActivityEditor
from navigator.ui.appointment_view import SHOWN_SUGGESTIONS, AppointmentView
from navigator.ui.dialogs import Dialogs
from navigator.ui.directory_browser import DirectoryBrowser
from navigator.ui.duplicates_view import DuplicatesView
from navigator.ui.followup_view import FollowUpView
from navigator.ui.main_window import MainWindow
from navigator.ui.review_view import ReviewView
from navigator.ui.tasks import TaskRunner


def build_main_window(db: str | None = None, *, dialogs: Dialogs | None = None,
                      people_db: str | None = None) -> MainWindow:
    """The ready main window on database `db` (a path or URL), without starting the event
    loop. Raises StoreError, with a sentence for the user, when the database cannot be used."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    url = choose_directory_url(db)
    database = open_database(url)
    repository = DirectoryRepository(database)
    matches = MatchService(repository)
    directory_service = DirectoryService(repository)
    # All database work goes through one worker; pure computation (search, ranking) another.
    db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-db")
    cpu_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-cpu")
    db_runner, cpu_runner = TaskRunner(db_executor), TaskRunner(cpu_executor)

    def shut_down() -> None:
        db_executor.shutdown(wait=False, cancel_futures=True)
        cpu_executor.shutdown(wait=False, cancel_futures=True)
        database.close()
        if followup.service is not None:
            followup.service.close()

    dialogs = dialogs or Dialogs()
    appointment = AppointmentView(
        ranker=lambda profile, snapshot, now: rank(profile, snapshot, now=now,
                                                   top=SHOWN_SUGGESTIONS),
        resolve_postcode=matches.resolve_postcode,
        db_runner=db_runner,
        cpu_runner=cpu_runner,
        clock=lambda: dt.datetime.now().replace(second=0, microsecond=0),
        dialogs=dialogs,
    )
    followup = FollowUpView(
        open_service=lambda worker: open_people_service(people_db, worker=worker),
        db_runner=db_runner,
        dialogs=dialogs,
        current_profile=appointment.person.profile,
        current_shortlist=lambda: [(a.id, a.name)
                                   for a in appointment.shortlist_model.activities()],
    )
    def open_editor(found: VersionedActivity | None, parent: QWidget) -> ActivityEditor:
        return ActivityEditor(found.activity if found else None, found.version if found else None,
                              save=repository.save, load_latest=repository.get,
                              db_runner=db_runner, dialogs=dialogs, today=dt.date.today,
                              parent=parent)

    path = sqlite_path(url)
    window = MainWindow(
        appointment=appointment,
        directory=DirectoryBrowser(cpu_runner),
        followup=followup,
        review=ReviewView(mark_checked=directory_service.mark_checked, db_runner=db_runner),
        duplicates=DuplicatesView(
            load_activities=repository.all_activities,
            load_activity=repository.get,
            merge_pair=repository.merge_duplicates,
            db_runner=db_runner,
            cpu_runner=cpu_runner,
            dialogs=dialogs,
            load_not_duplicates=repository.not_duplicate_pairs,
        ),
        directory_service=directory_service,
        open_editor=open_editor,
        load_snapshot=matches.snapshot,
        db_runner=db_runner,
        dialogs=dialogs,
        database_label=str(path) if path else url.split("@")[-1],
        on_closed=shut_down,
    )
    db_runner.setParent(window)
    cpu_runner.setParent(window)
    return window


def main(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Navigator")
    try:
        window = build_main_window(db)
    except StoreError as error:
        QMessageBox.critical(None, "Navigator", str(error))
        return 1
    window.show()
    return app.exec()
