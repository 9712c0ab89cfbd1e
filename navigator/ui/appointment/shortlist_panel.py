"""The appointment's right-hand side: the shortlist, the handout (print, PDF, calendar) and the
details of whichever activity was last chosen.

The handout itself is assembled by the `prepare_handout` use case; this panel only gathers
what it needs (the shortlist, the worker's name, the person's place) and says what was saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.profile import LatLon
from navigator.printing.handout_pdf import print_handout, write_pdf
from navigator.services.calendar_export import write_calendar
from navigator.services.handout import Handout, HandoutOptions, prepare_handout
from navigator.ui.appointment.suggestions_model import ShortlistModel
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.html_delegate import HtmlDelegate
from navigator.ui.directory.activity_details import ActivityDetails
from navigator.ui.directory.directory_model import ACTIVITY_ROLE


class ShortlistPanel(QWidget):
    # A sentence for the suggestions summary: "Saved the handout to handout.pdf (1 page)."
    saved = Signal(str)

    def __init__(
        self,
        clock: Callable[[], dt.datetime],
        person_at: Callable[[], LatLon | None],
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        """`person_at`: where the last suggestions placed the person (None: not placed)."""
        super().__init__(parent)
        self._clock = clock
        self._person_at = person_at
        self._dialogs = dialogs
        # Near misses ticked onto the shortlist: activity id -> the fact the handout states
        # ("Costs £1 a session"), or None when it should say nothing (a setting).
        self._near_miss_facts: dict[str, str | None] = {}
        # Activity id -> "You're going with Sam on Tuesday": from the record's plan (Match
        # again), only for the items the worker ticked for the handout (issue 16).
        self.going_with: dict[str, str] = {}

        self.model = ShortlistModel(self)
        self.shortlist = QListView()
        self.shortlist.setAccessibleName("Shortlist")
        self.shortlist.setModel(self.model)
        self.shortlist.setFont(larger(self.font(), 1.15))
        # A clash is flagged under the name, in the caution colour.
        self.shortlist.setItemDelegate(HtmlDelegate(self.shortlist))
        self.shortlist.setWordWrap(True)
        self.details = ActivityDetails()
        self.worker_name = QLineEdit()
        self.worker_name.setAccessibleName("Your name for the handout")
        self.worker_name.setPlaceholderText("Your name (optional)")
        self.worker_phone = QLineEdit()
        self.worker_phone.setAccessibleName("Your phone number for the handout")
        self.worker_phone.setPlaceholderText("Your work number (optional)")
        self.easy_read = QCheckBox("Easy read: &bigger type")
        self.easy_read.setAccessibleName("Easy read handout")
        self.remove_button = QPushButton("Re&move from shortlist")
        self.remove_button.setAccessibleName("Remove from shortlist")
        self.print_button = QPushButton("&Print handout…")
        self.print_button.setAccessibleName("Print handout")
        self.pdf_button = QPushButton("Save &handout as PDF…")
        self.pdf_button.setAccessibleName("Save handout as PDF")
        self.ics_button = QPushButton("Sa&ve to calendar (.ics)…")
        self.ics_button.setAccessibleName("Save sessions to a calendar file")
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Shortlist: what they would like to try", self.shortlist))
        layout.addWidget(self.shortlist, 1)
        layout.addWidget(self.remove_button)
        handout = QFormLayout()
        handout.addRow(self.worker_name)
        handout.addRow(self.worker_phone)
        handout.addRow(self.easy_read)
        # One under another: side by side they made the panel too wide for a laptop.
        handout.addRow(self.print_button)
        handout.addRow(self.pdf_button)
        handout.addRow(self.ics_button)
        layout.addLayout(handout)
        layout.addWidget(heading("Details", self.details))
        layout.addWidget(self.details, 2)

    def _connect_signals(self) -> None:
        self.model.changed.connect(self._on_model_changed)
        self.shortlist.selectionModel().currentRowChanged.connect(
            self._on_shortlist_current_row_changed
        )
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.ics_button.clicked.connect(self._on_ics_button_clicked)
        self._on_model_changed()

    # The shortlist ----------------------------------------------------------------------------

    def toggle(self, activity: Activity, *, near_miss_fact: str | None = None) -> None:
        """Take `activity` off the shortlist if it is on it, else put it on."""
        if self.model.contains(activity.id):
            self.model.remove(activity.id)
        else:
            self.add(activity, near_miss_fact=near_miss_fact)

    def add(self, activity: Activity, *, near_miss_fact: str | None = None) -> None:
        """Put `activity` on the shortlist; a near miss keeps the fact its handout states."""
        if not self.model.contains(activity.id) and near_miss_fact is not None:
            self._near_miss_facts[activity.id] = near_miss_fact
        self.model.add(activity)

    def _on_model_changed(self) -> None:
        kept = set(self.model.ids())
        self._near_miss_facts = {i: f for i, f in self._near_miss_facts.items() if i in kept}
        chosen = self.model.rowCount() > 0
        for button in (self.remove_button, self.print_button, self.pdf_button, self.ics_button):
            button.setEnabled(chosen)

    def _on_remove_button_clicked(self) -> None:
        current = self.shortlist.currentIndex()
        row = current.row() if current.isValid() else self.model.rowCount() - 1
        if row >= 0:
            self.model.remove(self.model.ids()[row])

    def _on_shortlist_current_row_changed(self, current: QModelIndex, _: object) -> None:
        self.details.show_activity(current.data(ACTIVITY_ROLE) if current.isValid() else None)

    # The handout ------------------------------------------------------------------------------

    def handout(self) -> Handout:
        """The handout for the shortlist, as the person will see it."""
        options = HandoutOptions(
            easy_read=self.easy_read.isChecked(),
            worker_name=self.worker_name.text().strip() or None,
            worker_phone=self.worker_phone.text().strip() or None,
        )
        return prepare_handout(
            self.model.activities(),
            self._clock(),
            options,
            person_at=self._person_at(),
            worth_knowing=self._near_miss_facts,
            going_with=self.going_with,
        )

    def _on_print_button_clicked(self) -> None:
        printer = self._dialogs.choose_printer(self)
        if printer is not None:
            print_handout(self.handout(), printer)

    def _on_pdf_button_clicked(self) -> None:
        path = self._dialogs.save_path(
            self, "Save the handout", "things-to-try.pdf", "PDF files (*.pdf)"
        )
        if path is not None:
            self.save_handout_pdf(path)

    def save_handout_pdf(self, path: Path) -> bool:
        try:
            pages = write_pdf(self.handout(), path)
        except OSError as error:
            self._dialogs.error(self, f"The handout could not be saved: {error.strerror or error}")
            return False
        self.saved.emit(f"Saved the handout to {path.name} ({pages} page{'s' * (pages != 1)}).")
        return True

    def _on_ics_button_clicked(self) -> None:
        path = self._dialogs.save_path(
            self, "Save to a calendar", "things-to-try.ics", "Calendar files (*.ics)"
        )
        if path is None:
            return
        try:
            export = write_calendar(path, self.model.activities(), self._clock())
        except OSError as error:
            self._dialogs.error(self, f"The calendar could not be saved: {error.strerror}")
            return
        text = f"Saved {export.events} session{'s' * (export.events != 1)} to {path.name}."
        if export.left_out:
            text += " Activities with no fixed times are not in it."
        self.saved.emit(text)


def heading(text: str, buddy: QWidget) -> QLabel:
    """A bold heading whose Alt+letter (if any) goes to `buddy`."""
    label = QLabel(f"<b>{text}</b>")
    label.setBuddy(buddy)
    label.setWordWrap(True)
    return label


def larger(font: QFont, factor: float) -> QFont:
    """A font scaled from the system's, so it still follows the user's text-size setting."""
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    return bigger
