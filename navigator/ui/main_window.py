"""The main window: the appointment, follow-up, the directory and its review, in tabs.

It wires the sections to each other and to the menus; each view does its own work through
the services the composition root (navigator/app.py) hands it, and says what happened with
signals. Restoring a backup is `ui/directory/backup_restore.py`.

Over 400 lines because it is the one place the sections, menus and dialogs are wired to each
other; the work itself is each view's and dialog's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from navigator.domain.people import ActivityFlag, PersonRecord
from navigator.domain.reports import ProblemReport
from navigator.services.directory import DirectoryService, ImportReport
from navigator.services.feed_changes import ApplyReport
from navigator.services.file_names import safe_file_name
from navigator.services.importing import FileImport
from navigator.services.matching import DirectorySnapshot
from navigator.services.profile_files import ProfileFileError, open_profile_file, save_profile_file
from navigator.services.saving import VersionedActivity
from navigator.ui.appointment.appointment_view import AppointmentView
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.activity_editor import ActivityEditor
from navigator.ui.directory.backup_restore import BackupRestorer, StorageActions
from navigator.ui.directory.directory_browser import DirectoryBrowser
from navigator.ui.directory.feed_offer import FeedOfferBar
from navigator.ui.directory.feeds_dialog import FeedActions, FeedsDialog
from navigator.ui.directory.import_dialog import ImportDialog
from navigator.ui.directory.report_dialog import ReportProblemDialog
from navigator.ui.followup.followup_view import FollowUpView
from navigator.ui.review.duplicates_view import DuplicatesView
from navigator.ui.review.review_view import ReviewView

# How often to look for changes another person or machine made to the directory.
REFRESH_INTERVAL_MS = 30_000
PROFILE_FILTER = "Navigator profiles (*.json);;All files (*)"
# Builds the activity editor for an activity as read (None: a new one), parented to the window.
EditorOpener = Callable[[VersionedActivity | None, QWidget], ActivityEditor]
EXPORT_FILTER = (
    "Navigator directory (*.json);;Open Referral UK (*.oruk.json);;"
    "Spreadsheet (*.xlsx);;Spreadsheet (*.csv)"
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        appointment: AppointmentView,
        directory: DirectoryBrowser,
        followup: FollowUpView,
        review: ReviewView,
        duplicates: DuplicatesView,
        directory_service: DirectoryService,
        importer: FileImport,
        open_editor: EditorOpener,
        storage: StorageActions,
        load_snapshot: Callable[[], DirectorySnapshot],
        complete_snapshot: Callable[[DirectorySnapshot], DirectorySnapshot],
        db_runner: TaskRunner,
        dialogs: Dialogs,
        database_label: str,
        on_closed: Callable[[], None] = lambda: None,
        feeds: FeedActions | None = None,
    ) -> None:
        super().__init__()
        self.appointment = appointment
        self.directory = directory
        self.followup = followup
        self.review = review
        self.duplicates = duplicates
        self._directory_service = directory_service
        self._importer = importer
        self._open_editor = open_editor
        self._storage = storage
        self._restorer = BackupRestorer(storage, db_runner, dialogs, self)
        self._load_snapshot = load_snapshot
        self._complete_snapshot = complete_snapshot
        self._db_runner = db_runner
        self._dialogs = dialogs
        self._on_closed = on_closed
        self._feeds = feeds
        self._snapshot: DirectorySnapshot | None = None  # the appointment's
        self._listed: DirectorySnapshot | None = None  # the one the other sections list
        self._completing: DirectorySnapshot | None = None  # being read in full
        self._duplicates_searched = False
        self.shared_screen = False
        self.setWindowTitle("Navigator")
        self.resize(1440, 900)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections")
        self.tabs.addTab(appointment, "&Appointment")
        self.tabs.addTab(followup, "Follow-&up")
        self.tabs.addTab(directory, "&Directory")
        # Keeping the directory right: what needs checking, and what may be entered twice.
        self.review_tabs = QTabWidget()
        self.review_tabs.setAccessibleName("Review sections")
        self.review_tabs.addTab(review, "Needs &checking")
        self.review_tabs.addTab(duplicates, "&Possible duplicates")
        self.tabs.addTab(self.review_tabs, "&Review")
        self.setCentralWidget(self.tabs)
        self._database_label = database_label
        self.statusBar().showMessage(f"Directory: {database_label}")
        self.feed_offer = FeedOfferBar(self)  # shown at start when feeds are due a sync
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.feed_offer)
        self._build_menu()
        self._refresh_timer = QTimer(self, interval=REFRESH_INTERVAL_MS)
        self._connect_signals()
        self._refresh_timer.start()
        self.reload_directory()
        if feeds is not None:
            self.feed_offer.check(feeds, db_runner)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_profile_action = _action(self, "&Open profile…", QKeySequence.StandardKey.Open)
        self.save_profile_action = _action(self, "&Save profile as…", QKeySequence.StandardKey.Save)
        self.service_report_action = QAction("Ser&vice report…", self)  # as Follow-up's button
        self.reload_action = _action(self, "&Reload directory", QKeySequence.StandardKey.Refresh)
        self.settings_action = QAction("Database &connection…", self)
        self.restore_action = QAction("Restore the directory from a &backup…", self)
        self.restore_action.setEnabled(self._restorer.available())
        self.quit_action = _action(self, "&Quit", QKeySequence.StandardKey.Quit)
        for action in (
            self.open_profile_action,
            self.save_profile_action,
            self.service_report_action,
            None,
            self.reload_action,
            self.settings_action,
            self.restore_action,
            None,
            self.quit_action,
        ):
            file_menu.addAction(action) if action else file_menu.addSeparator()
        directory_menu = self.menuBar().addMenu("Director&y")
        self.import_action = QAction("&Import activities…", self)
        self.export_action = QAction("&Export the directory…", self)
        directory_menu.addAction(self.import_action)
        directory_menu.addAction(self.export_action)
        self.feeds_action = QAction("&Feeds…", self)
        self.feeds_action.setEnabled(self._feeds is not None)
        directory_menu.addAction(self.feeds_action)
        view_menu = self.menuBar().addMenu("Vie&w")
        self.shared_screen_action = _action(
            self, "S&hared screen (for turning the screen round)", QKeySequence("F8")
        )
        self.shared_screen_action.setCheckable(True)
        self.find_action = _action(self, "&Find in the directory", QKeySequence.StandardKey.Find)
        view_menu.addAction(self.shared_screen_action)
        view_menu.addAction(self.find_action)

    def _connect_signals(self) -> None:
        self.open_profile_action.triggered.connect(self._on_open_profile_action_triggered)
        self.save_profile_action.triggered.connect(self._on_save_profile_action_triggered)
        self.service_report_action.triggered.connect(self._on_service_report_action_triggered)
        self.reload_action.triggered.connect(self.reload_directory)
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        self.restore_action.triggered.connect(self._restorer.start)
        self._restorer.restored.connect(self._on_restorer_restored)
        self.quit_action.triggered.connect(self.close)
        self.shared_screen_action.toggled.connect(self.set_shared_screen)
        self.find_action.triggered.connect(self._on_find_action_triggered)
        self._refresh_timer.timeout.connect(self.reload_directory)
        self.appointment.directory_moved.connect(self.reload_directory)
        self.followup.flags_changed.connect(self.directory.set_flags)
        self.followup.flags_changed.connect(self.review.set_flags)
        self.followup.uptake_changed.connect(self.directory.set_uptake)
        self.followup.uptake_changed.connect(self.review.set_uptake)
        self.review.checked_today.connect(self._on_review_checked_today)
        self.review.guesses_saved.connect(self.reload_directory)
        self.directory.edit_requested.connect(self.edit_activity)
        self.directory.report_requested.connect(self._on_directory_report_requested)
        self.followup.flag_raised.connect(self._on_followup_flag_raised)
        self.followup.match_again_requested.connect(self._on_followup_match_again_requested)
        self.review.edit_requested.connect(self.edit_activity)
        self.review_tabs.currentChanged.connect(self._on_review_tabs_current_changed)
        self.duplicates.merged.connect(lambda _kept, _archived: self.reload_directory())
        self.duplicates.duplicates_found.connect(self._on_duplicates_found)
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.feeds_action.triggered.connect(lambda: self.open_feeds())
        self.feed_offer.sync_requested.connect(self.open_feeds)

    # The directory ----------------------------------------------------------------------------

    def reload_directory(self) -> None:
        """Fetch the directory snapshot on the database worker; views update only if it
        changed (the service rebuilds it only when the directory's revision moved on)."""
        self._db_runner.run(self._load_snapshot, self._on_snapshot_loaded, self._on_snapshot_failed)

    def _on_snapshot_loaded(self, snapshot: DirectorySnapshot) -> None:
        steps: list[Callable[[], object]] = []
        new = snapshot is not self._snapshot
        if new:
            self._snapshot = snapshot
            steps.append(lambda: self.appointment.set_snapshot(snapshot))
            self.statusBar().showMessage(
                f"Directory: {self._database_label} ({len(snapshot)} activities)"
            )
        if not snapshot.complete:
            # From the snapshot cache, its activities read as suggestions show them: the
            # appointment can suggest now, and the sections that list every activity wait
            # for the whole directory, read in the background (seconds at 100,000).
            if self._completing is not snapshot:
                self._completing = snapshot
                steps.append(lambda: self._complete(snapshot))
        elif snapshot is not self._listed:
            self._listed = snapshot
            # Each section takes the new directory in a turn of the event loop of its own,
            # the appointment first: in one turn they held the UI thread 0.3-0.4 s at 100,000.
            if not new:  # now complete: the appointment's interest words come from it
                steps.append(lambda: self.appointment.set_snapshot(snapshot))
            steps += [
                lambda: self.directory.set_activities(snapshot.activities),
                lambda: self.review.set_directory(snapshot.activities),
                # alerts (found through the snapshot's index); new activities find people
                lambda: self.followup.set_directory(snapshot.activities, snapshot.find),
                self._load_reports,
            ]
        self._hand_over(snapshot, steps)

    def _complete(self, snapshot: DirectorySnapshot) -> None:
        def failed(error: BaseException) -> None:
            self._completing = None  # the next reload tries again
            self._on_snapshot_failed(error)

        complete = self._complete_snapshot
        self._db_runner.run(lambda: complete(snapshot), self._on_snapshot_loaded, failed)

    def _hand_over(self, snapshot: DirectorySnapshot, steps: list[Callable[[], object]]) -> None:
        if snapshot is not self._snapshot or not steps:
            return  # a newer directory has taken over, or all have it
        steps[0]()
        QTimer.singleShot(0, self, lambda: self._hand_over(snapshot, steps[1:]))

    def _on_snapshot_failed(self, error: BaseException) -> None:
        # Keep working on the last snapshot: suggestions, handouts and browsing still work,
        # and nothing typed in the appointment is lost.
        self.directory.show_load_failure(str(error))
        held = self._snapshot
        if held is None:
            kept = ""
        elif held.complete:
            kept = (
                " Working from the copy loaded earlier; changes cannot be saved until it is back."
            )
        else:
            # Restored from the snapshot cache and not yet read in full: a suggestion whose
            # activity has not been read cannot be shown without the database.
            kept = " Some suggestions cannot be shown, nor changes saved, until it is back."
        self.statusBar().showMessage(f"The directory could not be reached: {error}{kept}")

    # Keeping the directory right -------------------------------------------------------------

    def _on_import_action_triggered(self) -> None:
        self.import_dialog = ImportDialog(self._importer, self._db_runner, self._dialogs, self)
        self.import_dialog.imported.connect(self._on_import_dialog_imported)
        self.import_dialog.open()

    def _on_import_dialog_imported(self, report: ImportReport) -> None:
        self.statusBar().showMessage(report.summary.describe(), 10_000)
        self.reload_directory()
        if report.added:  # "these new ones look like ones you already have"
            self.duplicates.find_duplicates(candidates=report.added)

    def open_feeds(self, names: list[str] | None = None) -> None:
        """The Feeds dialog; with `names`, syncing those feeds straight away."""
        if self._feeds is None:
            return
        self.feeds_dialog = FeedsDialog(self._feeds, self._db_runner, self._dialogs, self)
        self.feeds_dialog.applied.connect(self._on_feeds_dialog_applied)
        self.feeds_dialog.open()
        if names:
            self.feeds_dialog.sync(names)

    def _on_feeds_dialog_applied(self, report: ApplyReport) -> None:
        self.reload_directory()
        if report.duplicates:  # counted across every source: the tab shows how many
            self.duplicates.find_duplicates()

    def _on_review_tabs_current_changed(self, index: int) -> None:
        if self.review_tabs.widget(index) is self.duplicates and not self._duplicates_searched:
            self._duplicates_searched = True
            self.duplicates.find_duplicates()

    def _on_duplicates_found(self, count: int) -> None:
        self._duplicates_searched = True
        label = "&Possible duplicates" + (f" ({count})" if count else "")
        self.review_tabs.setTabText(self.review_tabs.indexOf(self.duplicates), label)

    def _on_export_action_triggered(self) -> None:
        path = self._dialogs.save_path(
            self, "Export the directory", "directory.json", EXPORT_FILTER
        )
        if path is None:
            return
        service, status = self._directory_service, self.statusBar()
        self._db_runner.run(
            lambda: service.export_file(path),
            lambda count: status.showMessage(f"Wrote {count} activities to {path.name}.", 10_000),
            lambda error: self._dialogs.error(
                self, f"The directory could not be exported: {error}"
            ),
        )

    def _load_reports(self) -> None:
        self._db_runner.run(
            self._directory_service.open_reports,
            self.review.set_reports,
            lambda error: self.statusBar().showMessage(str(error), 10_000),
        )

    def _on_directory_report_requested(self, activity_id: str) -> None:
        # The directory the Directory tab lists (in memory): never a store read here.
        listed = self._listed
        if listed is None or activity_id not in listed:
            return
        self.report_dialog = ReportProblemDialog(
            listed.activity(activity_id), dt.date.today(), self
        )
        self.report_dialog.reported.connect(self._on_report_dialog_reported)
        self.report_dialog.open()

    def _on_followup_match_again_requested(self, record: PersonRecord) -> None:
        """Match again from a record: its profile in the appointment, its plan beside it."""
        self.appointment.set_profile(record.profile, record.plan)
        self.tabs.setCurrentWidget(self.appointment)

    def _on_service_report_action_triggered(self) -> None:
        """File > Service report: the Follow-up tab's own button, so both take one path."""
        self.tabs.setCurrentWidget(self.followup)
        if self.followup.service is None:  # the report counts records: sign in first
            self.statusBar().showMessage("Sign in on the Follow-up tab first.", 10_000)
            return
        self.followup.service_report.click()

    def _on_followup_flag_raised(self, flag: ActivityFlag) -> None:
        self._send_report(lambda: self._directory_service.report_flag(flag))

    def _on_report_dialog_reported(self, report: ProblemReport) -> None:
        self._send_report(lambda: self._directory_service.report_problem(report))

    def _send_report(self, send: Callable[[], None]) -> None:
        def sent(_: None) -> None:
            self.statusBar().showMessage("Thank you: the report is in the Review tab.", 10_000)
            self._load_reports()

        self._db_runner.run(send, sent, lambda error: self._dialogs.error(self, str(error)))

    def edit_activity(self, activity_id: str | None) -> None:
        """Open the editor on an activity (None: a new one) as it is now in the database."""
        if activity_id is None:
            self._show_editor(None)
            return
        self._db_runner.run(
            lambda: self._directory_service.get(activity_id),
            self._show_editor,
            lambda error: self._dialogs.error(self, str(error)),
        )

    def _show_editor(self, found: VersionedActivity | None) -> None:
        self.editor = self._open_editor(found, self)
        self.editor.saved.connect(lambda _activity, _version: self.reload_directory())
        self.editor.open()

    def _on_review_checked_today(self, activity_id: str) -> None:
        """A checked entry leaves the queue, and so do follow-ups' reports about it."""
        self.followup.resolve_flags(activity_id)
        self.reload_directory()

    # Storage --------------------------------------------------------------------------------

    def _on_settings_action_triggered(self) -> None:
        self.settings_dialog = self._storage.settings_dialog(self)
        self.settings_dialog.connection_saved.connect(
            lambda _settings: self._dialogs.info(
                self, "Saved. Navigator will use this database the next time it starts."
            )
        )
        self.settings_dialog.open()

    def _on_restorer_restored(self, description: str) -> None:
        self.statusBar().showMessage(f"Restored the backup from {description}.", 10_000)
        self.reload_directory()

    # Profiles ---------------------------------------------------------------------------------

    def _on_open_profile_action_triggered(self) -> None:
        path = self._dialogs.open_path(self, "Open a profile", PROFILE_FILTER)
        if path is not None:
            self.open_profile(path)

    def open_profile(self, path: Path) -> bool:
        try:
            profile = open_profile_file(path)
        except ProfileFileError as error:
            self._dialogs.error(self, str(error))
            return False
        self.appointment.set_profile(profile)
        self.tabs.setCurrentWidget(self.appointment)
        return True

    def _on_save_profile_action_triggered(self) -> None:
        profile = self.appointment.profile()
        suggested = safe_file_name(profile.reference, ".json", fallback="profile")
        path = self._dialogs.save_path(self, "Save the profile", suggested, PROFILE_FILTER)
        if path is not None:
            self.save_profile(path)

    def save_profile(self, path: Path) -> bool:
        try:
            save_profile_file(path, self.appointment.profile(for_file=True))
        except ProfileFileError as error:
            self._dialogs.error(self, str(error))
            return False
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    # Shared screen ----------------------------------------------------------------------------

    def set_shared_screen(self, on: bool) -> None:
        """Show only this person's suggestions, shortlist and details: no profile, notes,
        other records or near misses, so the screen can be turned towards the person."""
        self.shared_screen = on
        if self.shared_screen_action.isChecked() != on:
            self.shared_screen_action.setChecked(on)
        self.tabs.setCurrentWidget(self.appointment)
        self.tabs.tabBar().setVisible(not on)
        self.appointment.set_shared_screen(on)
        self.find_action.setEnabled(not on)
        self.open_profile_action.setEnabled(not on)
        self.statusBar().setVisible(not on)

    def _on_find_action_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.directory)
        self.directory.focus_search()

    def unsaved_work(self) -> list[str]:
        """What closing now would throw away."""
        unsaved = []
        editor = getattr(self, "editor", None)
        if editor is not None and editor.isVisible() and editor.has_unsaved_changes():
            unsaved.append("the activity being edited")
        unsaved += self.followup.unsaved_work()
        unsaved += self.appointment.unsaved_work()
        return unsaved

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.unsaved_work()
        if unsaved and not self._dialogs.confirm(
            self,
            f"Not saved yet: {', '.join(unsaved)}. Close Navigator and lose "
            f"{'it' if len(unsaved) == 1 else 'them'}?",
        ):
            event.ignore()
            return
        self._refresh_timer.stop()
        self.appointment.stop()
        feeds_dialog = getattr(self, "feeds_dialog", None)
        if feeds_dialog is not None:
            feeds_dialog.reject()  # a sync under way stops rather than hold the close up
        self._on_closed()
        super().closeEvent(event)


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence.StandardKey | QKeySequence,
) -> QAction:
    action = QAction(text, window)
    action.setShortcut(shortcut)
    return action
