"""The composition root of the desktop app: builds the store, services, workers and window."""

from __future__ import annotations

import datetime as dt
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from navigator.domain.people import ActivityTerms
from navigator.services.backups import Backup, list_backups, open_with_backup, restore
from navigator.services.connection import saved_connection
from navigator.services.directory import DirectoryService
from navigator.services.duplicate_review import DuplicateReview
from navigator.services.feed_updates import FeedUpdates
from navigator.services.geocoding import VenueLocator, make_geocoder
from navigator.services.importing import FileImport
from navigator.services.match_result import now_to_the_minute
from navigator.services.matching import MatchService
from navigator.services.people import open_people_service
from navigator.services.plan_context import terms_of
from navigator.services.postcode_areas import PostcodeAreas
from navigator.services.rematch import Rematch
from navigator.services.review import GuessReview
from navigator.services.saving import ActivitySaver
from navigator.services.vocabulary_process import VocabularyProcesses
from navigator.store.database import (
    DamagedDatabaseError,
    StoreError,
    choose_directory_url,
    sqlite_path,
)
from navigator.store.repository import DirectoryRepository, VersionedActivity
from navigator.ui.appointment.appointment_view import AppointmentView
from navigator.ui.common.accessibility import install_inner_names
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.settings_dialog import ConnectionSettingsDialog
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.activity_editor import ActivityEditor
from navigator.ui.directory.backup_restore import StorageActions
from navigator.ui.directory.directory_browser import DirectoryBrowser
from navigator.ui.directory.feeds_dialog import FeedActions
from navigator.ui.followup.followup_view import FollowUpView
from navigator.ui.main_window import MainWindow
from navigator.ui.review.duplicates_view import DuplicatesView
from navigator.ui.review.review_view import ReviewView

# How long a thread holding the GIL may keep it from another that asks (Python: 5 ms); see
# build_main_window.
UI_SWITCH_INTERVAL_S = 0.001


def build_main_window(
    db: str | None = None, *, dialogs: Dialogs | None = None, people_db: str | None = None
) -> MainWindow:
    """The ready main window on database `db` (a path or URL), without starting the event
    loop. Raises StoreError, with a sentence for the user, when the database cannot be used."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_inner_names(app)  # names a screen reader needs on spin boxes and tab bars
    # While a worker runs Python, each time the UI thread needs the GIL (every call from Qt
    # into a Python model, delegate or slot) it waits up to the switch interval; at the
    # default 5 ms a table's reset or repaint waits tens of times over (blocks of 60-250 ms
    # at a start). Process-wide, so set here, in the GUI's composition root only.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    url = choose_directory_url(db)
    database = open_with_backup(url)  # an SQLite file is checked and backed up first
    repository = DirectoryRepository(database)
    # One geocoder (None unless set up) serves people's and venues' postcodes, so its rate
    # limit covers both.
    geocoder = make_geocoder()
    areas = PostcodeAreas.bundled()  # GB postcode sector and district centres, read on first use
    # freeze_loaded: the loaded directory is kept out of the garbage collector's passes,
    # which would otherwise freeze the window for half a second at 100,000 activities.
    # on_demand: with the snapshot cached, suggestions come before the directory is read
    # (the window has the rest read in the background: MainWindow._on_snapshot_loaded).
    # vocabularies: a large directory's built in a second process, which also leaves this
    # one's GIL to the window.
    matches = MatchService(
        repository,
        geocoder,
        "online postcode lookup",
        areas=areas,
        freeze_loaded=True,
        on_demand=True,
        vocabularies=VocabularyProcesses(),
    )
    directory_service = DirectoryService(repository, areas=areas)
    # All database work goes through one worker; pure computation (search, ranking) another.
    db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-db")
    cpu_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-cpu")
    db_runner, cpu_runner = TaskRunner(db_executor), TaskRunner(cpu_executor)
    # The computation worker's thread started now, while nothing else runs: starting a
    # thread waits until it runs, and its first task otherwise comes in the directory's
    # hand-over, when the loading thread holds the GIL (tens of ms of a blocked window).
    cpu_executor.submit(lambda: None)
    # The directory starts loading now, while the window is built (seconds at 100,000
    # activities); the window's own first load finds it ready. Its failure is the window's
    # to report, from that load.
    db_runner.run(matches.snapshot, lambda _snapshot: None, lambda _error: None)

    def shut_down() -> None:
        # Searches and rankings may be dropped; saves already queued on the database worker
        # finish first, and the stores close on that worker after them.
        cpu_executor.shutdown(wait=False, cancel_futures=True)

        def close_stores() -> None:
            database.close()
            if followup.service is not None:
                followup.service.close()

        db_executor.submit(close_stores)
        db_executor.shutdown(wait=True)

    dialogs = dialogs or Dialogs()
    # Matching (placing a postcode, then ranking) runs on the computation worker: placing
    # reads at most one row of the geocode cache, on its own short session.
    appointment = AppointmentView(
        matcher=matches, runner=cpu_runner, clock=now_to_the_minute, dialogs=dialogs
    )

    def activity_terms(activity_id: str) -> ActivityTerms | None:
        # A plan item keeps the activity's price and times as now (services/plan_context.py).
        snapshot = matches.snapshot()
        return terms_of(snapshot.activity(activity_id)) if activity_id in snapshot else None

    followup = FollowUpView(
        open_service=lambda worker: open_people_service(
            people_db, worker=worker, activity_terms=activity_terms
        ),
        db_runner=db_runner,
        dialogs=dialogs,
        current_profile=appointment.person.profile,
        current_shortlist=lambda: [
            (a.id, a.name) for a in appointment.shortlist_model.activities()
        ],
        # A new activity finds people: open records matched on the computation worker.
        rematch=Rematch(matches),
        cpu_runner=cpu_runner,
    )
    # Venue postcodes: the directory's own venues and the cache first; online only when
    # NAVIGATOR_GEOCODER is set (see navigator.services.geocoding).
    locator = VenueLocator(
        lambda: matches.snapshot().postcodes,
        cached=repository.cached_postcode,
        cache=repository.cache_postcode,
        geocoder=geocoder,
        areas=areas,
    )

    saver = ActivitySaver(repository)

    def open_editor(found: VersionedActivity | None, parent: QWidget) -> ActivityEditor:
        return ActivityEditor(
            found.activity if found else None,
            found.version if found else None,
            saver=saver,
            db_runner=db_runner,
            dialogs=dialogs,
            today=dt.date.today,
            locator=locator,
            parent=parent,
        )

    path = sqlite_path(url)

    def restore_backup(backup: Backup) -> None:
        database.close()  # no connection may hold the file while it is replaced
        restore(backup, path)

    storage = StorageActions(
        settings_dialog=lambda parent: ConnectionSettingsDialog(
            db_runner, dialogs, saved_connection(), parent
        ),
        list_backups=(lambda: list_backups(path)) if path is not None else None,
        restore=restore_backup,
    )
    window = MainWindow(
        appointment=appointment,
        directory=DirectoryBrowser(cpu_runner),
        followup=followup,
        review=ReviewView(
            mark_checked=directory_service.mark_checked,
            db_runner=db_runner,
            cpu_runner=cpu_runner,
            guesses=GuessReview(repository),
            dialogs=dialogs,
        ),
        duplicates=DuplicatesView(
            DuplicateReview(repository),
            db_runner=db_runner,
            cpu_runner=cpu_runner,
            dialogs=dialogs,
        ),
        directory_service=directory_service,
        importer=FileImport(directory_service),
        open_editor=open_editor,
        storage=storage,
        load_snapshot=matches.snapshot,
        complete_snapshot=matches.complete,
        db_runner=db_runner,
        dialogs=dialogs,
        database_label=str(path) if path else url.split("@")[-1],
        on_closed=shut_down,
        # Council feeds: synced on the database worker, politely (FetchSettings' defaults).
        feeds=FeedActions(FeedUpdates(database)),
    )
    db_runner.setParent(window)
    cpu_runner.setParent(window)
    return window


def main(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Navigator")
    try:
        window = build_main_window(db)
    except DamagedDatabaseError as error:
        if not (error.latest_backup and error.path and _ask_to_restore(str(error))):
            QMessageBox.critical(None, "Navigator", str(error))
            return 1
        try:
            restore(error.latest_backup, error.path)
            window = build_main_window(db)
        except StoreError as again:
            QMessageBox.critical(None, "Navigator", str(again))
            return 1
    except StoreError as error:
        QMessageBox.critical(None, "Navigator", str(error))
        return 1
    window.show()
    if os.environ.get(SMOKE_TEST_VARIABLE):
        _close_once_loaded(app, window)
    return app.exec()


# Set by .ci/package to check a packaged build: the window opens, the directory loads, the
# people store opens (signing in on Follow-up; both run their migrations), a line says what
# was seen, and the app exits 0 (1 if that did not happen within the limit).
SMOKE_TEST_VARIABLE = "NAVIGATOR_SMOKE_TEST"
SMOKE_TEST_LIMIT_S = 120


def _close_once_loaded(app: QCoreApplication, window: MainWindow) -> None:
    waited = QTimer(window, interval=100)
    deadline = dt.datetime.now() + dt.timedelta(seconds=SMOKE_TEST_LIMIT_S)
    followup = window.followup

    def finish(status: int, message: str) -> None:
        print(f"smoke test: {message}", flush=True)
        waited.stop()
        window.close()
        app.exit(status)

    def check() -> None:
        count = window.directory.model.rowCount()
        if count > 0 and followup.service is None and followup.sign_in.isEnabled():
            followup.worker_name.setText("Smoke test")
            followup.sign_in.click()
        elif window.isVisible() and count > 0 and followup.service is not None:
            tabs = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
            finish(
                0,
                f"window {window.windowTitle()!r} shown, {count} activities loaded, people "
                f"store open, tabs: {', '.join(tabs)}",
            )
        elif dt.datetime.now() > deadline:
            finish(1, f"the directory and people store were not open after {SMOKE_TEST_LIMIT_S} s")

    waited.timeout.connect(check)
    waited.start()


def _ask_to_restore(message: str) -> bool:
    answer = QMessageBox.question(
        None,
        "Navigator",
        f"{message}\n\nRestore it now?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
