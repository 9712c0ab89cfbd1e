"""The activity editor: add or change one directory entry, with every field of FORMATS.md §1.

Problems are shown next to their field as the person types (once they have touched it) and
all at once when Save is pressed; Save is refused while there are any, and the first bad
field gets the focus. Saving runs on the database worker. When someone else saved the same
activity first, the save is refused and the two versions are shown side by side
(`ConflictDialog`); the person's edits stay in the editor until they choose.

Nothing is deleted here: archiving is a status, and setting an archived activity back to
active restores it.

Given a `VenueLocator`, the editor fills the map position from the venue's postcode: when
"Find position from postcode" is pressed, or by itself when the person leaves a valid
postcode while the position is empty. The look-up runs on the database worker (it reads the
directory and the geocode cache, and may ask an online geocoder) and a note under the
position says how exact it is.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity, Status
from navigator.domain.postcodes import normalise_postcode
from navigator.services.editing import FormCheck, check_form, reapply
from navigator.services.geocoding import VenueLocation, VenueLocationError, VenueLocator
from navigator.services.saving import ActivitySaver, ConflictError, StoreError, VersionedActivity
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.activity_form import ActivityForm
from navigator.ui.directory.conflict_dialog import ConflictDialog

log = logging.getLogger(__name__)


class ActivityEditor(QDialog):
    """Open with `open()`; `saved(activity, version)` after a successful save."""

    saved = Signal(object, int)

    def __init__(
        self,
        activity: Activity | None,
        version: int | None,
        *,
        saver: ActivitySaver,
        db_runner: TaskRunner,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        locator: VenueLocator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._locator = locator
        self._locating: str | None = None  # the postcode being looked up
        self._auto_located: str | None = None  # the last postcode looked up on leaving it
        self._saver = saver
        self._db_runner = db_runner
        self._dialogs = dialogs
        self._today = today
        self._base = activity  # the version being edited, as last read or saved
        self._version = version
        self._tried_saving = False
        self._saving = False
        self.conflict_dialog: ConflictDialog | None = None

        self.setWindowTitle(f"Edit activity: {activity.name}" if activity else "New activity")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff0c2; color: #000; padding: 6px;")
        self.banner.hide()
        self.form = ActivityForm(today)
        self.form.set_locating_available(locator is not None)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName("Everything about the activity")
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setToolTip("Close without saving (Esc)")
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a text box never saves half a form
        self._build_layout()
        self._connect_signals()
        self.form.set_activity(activity)
        self._clean = self.form.data()
        if activity is not None and activity.status is not Status.ACTIVE:
            self._show_banner(
                f"This activity is {activity.status.value}, so it is never "
                "suggested. To restore it, set Status to Active and save."
            )
        self._fit_screen()

    def _fit_screen(self) -> None:
        """As big as the form likes, but never past the screen: on a 1366×768 laptop the
        Save button would otherwise sit under the taskbar."""
        wanted_w, wanted_h = 1360, 760
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            room = screen.availableGeometry()
            wanted_w = min(wanted_w, room.width() - 40)
            wanted_h = min(wanted_h, room.height() - 60)
        self.resize(
            max(wanted_w, self.minimumSizeHint().width()),
            max(wanted_h, self.minimumSizeHint().height()),
        )

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        chain = [*self.form.focus_chain(), self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_clicked)
        self.form.changed.connect(self._on_form_changed)
        self.form.locate_button.clicked.connect(self.find_position)
        self.form.postcode.editingFinished.connect(self._on_postcode_finished)

    # State --------------------------------------------------------------------------------

    @property
    def version(self) -> int | None:
        """The stored version the editor is working from (None for a new activity)."""
        return self._version

    def has_unsaved_changes(self) -> bool:
        return self.form.data() != self._clean

    def check(self) -> FormCheck:
        return check_form(self.form.data(), self._today())

    def reject(self) -> None:
        """Esc, Cancel or closing the window: ask before throwing edits away."""
        if self.has_unsaved_changes() and not self._dialogs.confirm(
            self, "Close without saving? Your changes to this activity will be lost."
        ):
            return
        super().reject()

    # The map position from the postcode ---------------------------------------------------

    def find_position(self) -> None:
        """Look the venue's postcode up and fill the map position with the answer."""
        if self._locator is None or self._locating is not None:
            return
        postcode = self.form.postcode.text().strip()
        if not postcode:
            self.form.show_position_note("Type the venue's postcode first.", "error")
            return
        self._locating = postcode
        self.form.locate_button.setEnabled(False)
        self.form.show_position_note(f"Finding where {postcode} is…")
        self._db_runner.run(
            partial(self._locator.locate, postcode), self._on_located, self._on_locate_failed
        )

    def _on_postcode_finished(self) -> None:
        # Leaving the postcode fills an empty position by itself; a typed one is kept.
        tidy = normalise_postcode(self.form.postcode.text())
        if (
            self._locator is not None
            and self.form.in_person()
            and self.form.position_is_empty()
            and tidy is not None
            and tidy != self._auto_located
        ):  # once per postcode, not on every Tab
            self._auto_located = tidy
            self.find_position()

    def _finish_locating(self) -> bool:
        """Done looking up; False when the postcode has changed meanwhile (the answer is
        for the old one and is dropped)."""
        asked, self._locating = self._locating, None
        self.form.set_locating_available(self._locator is not None)
        current = self.form.postcode.text().strip()
        if asked is None or (normalise_postcode(current) or current) != (
            normalise_postcode(asked) or asked
        ):
            self.form.show_position_note("")
            return False
        return True

    def _on_located(self, location: VenueLocation) -> None:
        if not self._finish_locating():
            return
        self.form.set_position(location.lat, location.lon)
        self.form.show_position_note(
            location.describe(), "approximate" if location.approximate else "info"
        )

    def _on_locate_failed(self, error: BaseException) -> None:
        if not self._finish_locating():
            return
        if isinstance(error, VenueLocationError):
            self.form.show_position_note(str(error), "error")
        else:
            log.error("finding a venue's position failed", exc_info=error)
            self.form.show_position_note(
                "The position could not be found because of a fault; type it in, or try again.",
                "error",
            )

    # Saving -------------------------------------------------------------------------------

    def _on_form_changed(self) -> None:
        check = self.check()
        self.form.show_notes(check.notes, everything=self._tried_saving)
        if self._tried_saving:
            self._summarise(check)

    def _summarise(self, check: FormCheck) -> None:
        count = len(check.problems)
        self.summary.setStyleSheet("color: #a40000" if count else "")
        self.summary.setText(
            f"{count} problem{'s' * (count != 1)} to put right before saving (shown in red)."
            if count
            else ""
        )

    def _on_save_clicked(self) -> None:
        if self._saving:
            return
        self._tried_saving = True
        check = self.check()
        self.form.show_notes(check.notes, everything=True)
        self._summarise(check)
        if not check.ok or check.activity is None:
            first = min(check.problems, key=lambda note: self.form.order_of(note.path))
            control = self.form.control_for(first.path)
            self.scroll_area.ensureWidgetVisible(control)
            control.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._start_saving(check.activity, self._version)

    def _start_saving(self, activity: Activity, expected_version: int | None) -> None:
        self._saving = True
        self.save_button.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText("Saving…")
        # A new activity (no base) gets its id from the saver, which retries a taken one.
        version = None if self._base is None else expected_version
        self._db_runner.run(
            partial(self._saver.save, activity, version),
            self._on_save_finished,
            self._on_save_failed,
        )

    def _on_save_finished(self, saved: VersionedActivity) -> None:
        activity, version = saved.activity, saved.version
        self._saving = False
        self.save_button.setEnabled(True)
        self._base, self._version = activity, version
        self.form.set_activity(activity)
        self._clean = self.form.data()
        self.summary.setText(f"Saved (version {version}).")
        self.saved.emit(activity, version)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.summary.setText("Not saved.")
        if isinstance(error, ConflictError) and error.found is not None and self._base:
            self._show_banner(f"{error} Your changes are still here; comparing the two versions…")
            activity_id = self._base.id
            self._db_runner.run(
                partial(self._saver.latest, activity_id),
                self._on_latest_loaded,
                self._on_save_failed,
            )
        elif isinstance(error, ConflictError | StoreError):
            self._show_banner(str(error))
            self._dialogs.error(self, f"{error} Your changes are still in the editor.")
        else:
            self._dialogs.error(
                self,
                "Navigator could not save this activity because of a "
                "fault; your changes are still in the editor.",
            )
            raise error

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # Someone else saved first -------------------------------------------------------------

    def _on_latest_loaded(self, latest: VersionedActivity | None) -> None:
        check = self.check()
        if latest is None or self._base is None:
            self._show_banner("This activity was removed since you opened it.")
            return
        if check.activity is None:  # edited into a bad state while the latest was loading
            self._on_save_clicked()
            return
        self._show_banner(
            "This activity was changed by someone else since you opened it. "
            "Your changes are still here and have not been saved."
        )
        dialog = ConflictDialog(self._base, latest, check.activity, self)
        dialog.keep_theirs_chosen.connect(partial(self._on_keep_theirs_chosen, latest))
        dialog.reapply_chosen.connect(partial(self._on_reapply_chosen, latest, check.activity))
        self.conflict_dialog = dialog
        dialog.open()

    def _on_keep_theirs_chosen(self, latest: VersionedActivity) -> None:
        self._base, self._version = latest.activity, latest.version
        self.form.set_activity(latest.activity)
        self._clean = self.form.data()
        self._show_banner(
            f"Showing their version (version {latest.version}); your changes were discarded."
        )
        self.summary.setText("")

    def _on_reapply_chosen(self, latest: VersionedActivity, mine: Activity) -> None:
        assert self._base is not None
        merged = reapply(self._base, mine, latest.activity)
        # The form now starts from their version and holds my changes on top, so a further
        # conflict compares against the right version.
        self._base, self._version = latest.activity, latest.version
        self.form.set_activity(latest.activity)
        self._clean = self.form.data()
        self.form.set_activity(merged)
        self._show_banner(f"Your changes were put on top of version {latest.version}; saving…")
        self._start_saving(merged, latest.version)
