"""The appointment: the person panel, live suggestions, near misses and the shortlist.

Ranking follows the worker's typing: changes are debounced, the profile is ranked on the
computation worker against the directory snapshot, and only the newest request's result is
shown. Postcodes are resolved on the database worker (they may use the cache or a geocoder).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity, Status
from navigator.domain.matches import MatchReport
from navigator.domain.postcodes import normalise_postcode, postcode_district
from navigator.domain.profile import LatLon, PostcodeLocation, Profile
from navigator.matching import DirectorySnapshot
from navigator.printing.handout_pdf import print_handout, write_pdf
from navigator.services.calendar_export import write_calendar
from navigator.services.handout import (
    Handout,
    HandoutOptions,
    build_handout,
    distances_from,
    places_from,
)
from navigator.services.matching import ProfileLocationError, ResolvedLocation
from navigator.services.search import InterestSuggester
from navigator.ui.appointment.person_panel import PersonPanel
from navigator.ui.appointment.suggestions_model import (
    NearMissModel,
    ShortlistModel,
    SuggestionsModel,
)
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.html_delegate import HtmlDelegate
from navigator.ui.common.tasks import LatestOnly, TaskRunner
from navigator.ui.directory.activity_details import ActivityDetails
from navigator.ui.directory.directory_model import ACTIVITY_ROLE

# Quick enough to feel live, slow enough not to rank on every single keystroke.
RANK_DELAY_MS = 25
SHOWN_SUGGESTIONS = 25

Ranker = Callable[[Profile, DirectorySnapshot, dt.datetime], MatchReport]
PostcodeResolver = Callable[[str, DirectorySnapshot], ResolvedLocation]

PRECISION_NOTES = {
    "postcode": "Found {postcode}.",
    "sector": "Using the middle of {sector} (near {postcode}).",
    "district": "Using the middle of {district}: distances are rough.",
    "geocoder": "Found {postcode}.",
}


class AppointmentView(QWidget):
    ranking_finished = Signal()

    def __init__(
        self,
        ranker: Ranker,
        resolve_postcode: PostcodeResolver,
        db_runner: TaskRunner,
        cpu_runner: TaskRunner,
        clock: Callable[[], dt.datetime],
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dialogs = dialogs
        self._ranker = ranker
        self._resolve_postcode = resolve_postcode
        self._db_runner = db_runner
        self._rankings = LatestOnly(cpu_runner)
        self._postcodes = LatestOnly(db_runner)
        self._clock = clock
        self._snapshot: DirectorySnapshot | None = None
        self._active_count = 0
        self.report: MatchReport | None = None
        self.shared_screen = False

        self._suggester = InterestSuggester()
        self.person = PersonPanel(self._suggester)
        self.shortlist_model = ShortlistModel(self)
        self.suggestions_model = SuggestionsModel(
            self._activity, self.shortlist_model.contains, self
        )
        self.near_miss_model = NearMissModel(self._activity, self.shortlist_model.contains, self)
        # Near misses ticked onto the shortlist: activity id -> the fact the handout states
        # ("Costs £1 a session"), or None when it should say nothing (a setting).
        self._near_miss_facts: dict[str, str | None] = {}

        self.suggestions = _table("Suggestions", self.suggestions_model, _SuggestionsTable())
        self.suggestions.setFont(_larger(self.font(), 1.15))
        self.suggestions.setItemDelegate(HtmlDelegate(self.suggestions))
        header = self.suggestions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SuggestionsModel.TRY, 40)
        header.setStretchLastSection(True)
        # The activity's card shows the reasons across its full width (they wrap far less
        # than in a column of their own); the model keeps them apart for other uses.
        self.suggestions.setColumnHidden(SuggestionsModel.WHY, True)
        # Left-aligned, a header too long for its column loses its end, not both ends.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(self._on_suggestions_header_section_resized)
        self.near_misses = _table("Near misses", self.near_miss_model, _SuggestionsTable())
        self.also_nearby = QLabel()
        self.also_nearby.setAccessibleName("Also nearby")
        self.also_nearby.setWordWrap(True)
        self.also_nearby.setTextFormat(Qt.TextFormat.RichText)
        self.also_nearby.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.also_nearby.hide()
        self.near_misses.horizontalHeader().setStretchLastSection(True)
        self.near_misses.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.near_misses.horizontalHeader().resizeSection(NearMissModel.NAME, 240)
        self.near_misses.horizontalHeader().resizeSection(NearMissModel.WHICH, 100)
        self.shortlist = QListView()
        self.shortlist.setAccessibleName("Shortlist")
        self.shortlist.setModel(self.shortlist_model)
        self.shortlist.setFont(_larger(self.font(), 1.15))
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
        self.status = QLabel("Fill in what matters to the person; suggestions appear here.")
        self.status.setAccessibleName("Suggestions summary")
        self.status.setWordWrap(True)

        self._debounce = QTimer(self, singleShot=True, interval=RANK_DELAY_MS)
        # Row heights follow column widths, which settle only after layout (a scroll bar
        # appearing narrows the last column): resize once the event loop is idle.
        self._row_heights = QTimer(self, singleShot=True, interval=0)
        self._row_heights.timeout.connect(self.suggestions.resizeRowsToContents)
        self._build_layout()
        self._connect_signals()

    # Layout -----------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.person_scroll = QScrollArea()
        self.person_scroll.setAccessibleName("What matters to the person")
        self.person_scroll.setWidget(self.person)
        self.person_scroll.setWidgetResizable(True)
        # The profile scrolls down, never sideways: it is as wide as its widest row needs.
        self.person_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_person_scroll()

        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(_heading("Suggestions", self.suggestions))
        results_layout.addWidget(self.status)
        results_layout.addWidget(self.suggestions, 6)
        results_layout.addWidget(self.also_nearby)
        self._near_misses_heading = _heading(
            "Near misses: would suit but for one thing (tick to shortlist)", self.near_misses
        )
        results_layout.addWidget(self._near_misses_heading)
        results_layout.addWidget(self.near_misses, 1)

        self.side = QWidget()
        side_layout = QVBoxLayout(self.side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(_heading("Shortlist: what they would like to try", self.shortlist))
        side_layout.addWidget(self.shortlist, 1)
        side_layout.addWidget(self.remove_button)
        handout = QFormLayout()
        handout.addRow(self.worker_name)
        handout.addRow(self.worker_phone)
        handout.addRow(self.easy_read)
        # One under another: side by side they made the panel too wide for a laptop.
        handout.addRow(self.print_button)
        handout.addRow(self.pdf_button)
        handout.addRow(self.ics_button)
        side_layout.addLayout(handout)
        side_layout.addWidget(_heading("Details", self.details))
        side_layout.addWidget(self.details, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.person_scroll)
        splitter.addWidget(results)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.person.profile_changed.connect(self._on_person_profile_changed)
        self.person.postcode_changed.connect(self._on_person_postcode_changed)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self.suggestions_model.shortlist_toggled.connect(self._on_suggestions_shortlist_toggled)
        self.suggestions.toggle_requested.connect(self._on_suggestions_toggle_requested)
        self.near_miss_model.shortlist_toggled.connect(self._on_near_miss_shortlist_toggled)
        self.near_misses.toggle_requested.connect(self._on_near_misses_toggle_requested)
        self.near_misses.selectionModel().currentRowChanged.connect(
            self._on_near_misses_current_row_changed
        )
        self.also_nearby.linkActivated.connect(self._on_also_nearby_link_activated)
        self.shortlist_model.changed.connect(self._on_shortlist_model_changed)
        self.suggestions.selectionModel().currentRowChanged.connect(
            self._on_suggestions_current_row_changed
        )
        self.shortlist.selectionModel().currentRowChanged.connect(
            self._on_shortlist_current_row_changed
        )
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.ics_button.clicked.connect(self._on_ics_button_clicked)
        self._on_shortlist_model_changed()

    # The directory ----------------------------------------------------------------------------

    def set_snapshot(self, snapshot: DirectorySnapshot) -> None:
        self._snapshot = snapshot
        self._active_count = sum(a.status is Status.ACTIVE for a in snapshot.activities)
        self.shortlist_model.refresh(
            lambda activity_id: snapshot.activity(activity_id) if activity_id in snapshot else None
        )
        self._suggester = InterestSuggester(snapshot.activities)
        self.person.interests.set_suggester(self._suggester)
        postcode = self.person.postcode.text()
        if postcode.strip():
            self._on_person_postcode_changed(postcode)
        self._schedule_ranking()

    def _activity(self, activity_id: str) -> Activity:
        assert self._snapshot is not None
        return self._snapshot.activity(activity_id)

    # Ranking ----------------------------------------------------------------------------------

    def _on_person_profile_changed(self) -> None:
        self._schedule_ranking()

    def _schedule_ranking(self) -> None:
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        self.rank_now()

    def rank_now(self) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        profile = self.person.profile()
        if isinstance(profile.location, PostcodeLocation):
            # Not resolved (yet): rank without a place; the postcode note says why.
            profile = dataclasses.replace(profile, location=None)
        now = self._clock()
        self._rankings.run(
            lambda: self._ranker(profile, snapshot, now),
            self._on_ranking_done,
            self._on_ranking_failed,
        )

    def _on_ranking_done(self, report: MatchReport) -> None:
        self.report = report
        self.suggestions_model.set_suggestions(report.results[:SHOWN_SUGGESTIONS])
        self._row_heights.start()
        self.near_miss_model.set_near_misses(report.near_misses)
        self._show_also_nearby(report)
        self._update_status()
        self.ranking_finished.emit()

    def _update_status(self) -> None:
        report = self.report
        if report is None:
            return
        fitting = self._active_count - report.excluded - report.unrelated
        if report.unrelated:
            # The relevance floor: say how many fit the interests and how many only the rest.
            where = "nearby" if isinstance(self.person.profile().location, LatLon) else "available"
            text = (
                f"{fitting} fit{'s' if fitting == 1 else ''} your interests; "
                f"{report.unrelated} more {'is' if report.unrelated == 1 else 'are'} "
                f"{where} but match{'es' if report.unrelated == 1 else ''} none of them."
            )
            if report.results:
                text += f" The best {len(report.results)} are shown, best first."
        elif not report.results:
            text = "Nothing fits everything entered."
        else:
            text = (
                f"{fitting} activit{'ies' if fitting != 1 else 'y'} fit; "
                f"the best {len(report.results)} are shown, best first."
            )
        if not report.results and not self.shared_screen:
            text += " Look at the near misses below, or relax a need."
        elif report.near_misses and not self.shared_screen:
            text += f" {len(report.near_misses)} more miss on just one thing (near misses, below)."
        self.status.setText(text)

    def _show_also_nearby(self, report: MatchReport) -> None:
        """A short line of what fits every need but none of the interests: links that open
        in Details, so it is seen without passing for a match."""
        if not report.also_nearby:
            self.also_nearby.hide()
            return
        links = ", ".join(
            f'<a href="{escape(s.id)}">{escape(s.name)}</a>' for s in report.also_nearby
        )
        located = isinstance(self.person.profile().location, LatLon)
        heading = "Also nearby" if located else "Also available"
        self.also_nearby.setText(f"<b>{heading}</b> (match none of the interests): {links}")
        self.also_nearby.show()

    def _on_also_nearby_link_activated(self, activity_id: str) -> None:
        if self._snapshot is not None and activity_id in self._snapshot:
            self.details.show_activity(self._snapshot.activity(activity_id))

    def _on_ranking_failed(self, error: BaseException) -> None:
        self.status.setText(f"Suggestions could not be worked out: {error}")

    def _fit_person_scroll(self) -> None:
        bar = self.person_scroll.verticalScrollBar().sizeHint().width()
        frame = 2 * self.person_scroll.frameWidth()
        self.person_scroll.setMinimumWidth(self.person.minimumSizeHint().width() + bar + frame)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # After the panel's own widgets have taken the new font and re-measured.
            QTimer.singleShot(0, self, self._fit_person_scroll)  # dropped if self is gone

    def _on_suggestions_header_section_resized(self, *_args: object) -> None:
        self._row_heights.start()  # wrapped text needs new heights once widths settle

    # Postcodes --------------------------------------------------------------------------------

    def _on_person_postcode_changed(self, text: str) -> None:
        snapshot = self._snapshot
        postcode = text.strip()
        if not postcode or snapshot is None:
            return
        if normalise_postcode(postcode) is None and postcode_district(postcode) is None:
            if len(postcode.replace(" ", "")) >= 5:
                self.person.set_resolved_point(None, "That does not look like a UK postcode.")
            return
        self._postcodes.run(
            lambda: self._resolve_postcode(postcode, snapshot),
            lambda found: self._on_postcode_resolved(postcode, found),
            lambda error: self._on_postcode_failed(postcode, error),
        )

    def _on_postcode_resolved(self, postcode: str, found: ResolvedLocation) -> None:
        if self.person.postcode.text().strip() != postcode:
            return  # the field has changed since this lookup began: its answer is stale
        tidy = normalise_postcode(postcode) or postcode.upper()
        note = PRECISION_NOTES[found.how].format(
            postcode=tidy,
            sector=tidy[:-2] if normalise_postcode(postcode) else tidy,
            district=postcode_district(postcode) or tidy,
        )
        self.person.set_resolved_point(LatLon(found.point.lat, found.point.lon), note)

    def _on_postcode_failed(self, postcode: str, error: BaseException) -> None:
        if self.person.postcode.text().strip() != postcode:
            return
        message = error.reason if isinstance(error, ProfileLocationError) else str(error)
        self.person.set_resolved_point(None, message[:1].upper() + message[1:] + ".")

    def stop(self) -> None:
        """The window is closing: no more ranking or resizing."""
        self._debounce.stop()
        self._row_heights.stop()

    # Shared screen ----------------------------------------------------------------------------

    def set_shared_screen(self, on: bool) -> None:
        self.shared_screen = on
        for widget in (self.person_scroll, self.near_misses, self._near_misses_heading):
            widget.setVisible(not on)
        self._update_status()

    # Shortlist and details --------------------------------------------------------------------

    def _on_suggestions_shortlist_toggled(self, activity_id: str, checked: bool) -> None:
        if checked:
            self.shortlist_model.add(self._activity(activity_id))
        else:
            self.shortlist_model.remove(activity_id)

    def _on_suggestions_toggle_requested(self, row: int) -> None:
        activity_id = self.suggestions_model.suggestion_at(row).id
        if self.shortlist_model.contains(activity_id):
            self.shortlist_model.remove(activity_id)
        else:
            self.shortlist_model.add(self._activity(activity_id))

    def _on_near_miss_shortlist_toggled(self, activity_id: str, checked: bool) -> None:
        if checked:
            self._shortlist_near_miss(activity_id)
        else:
            self.shortlist_model.remove(activity_id)

    def _on_near_misses_toggle_requested(self, row: int) -> None:
        activity_id = self.near_miss_model.near_miss_at(row).id
        if self.shortlist_model.contains(activity_id):
            self.shortlist_model.remove(activity_id)
        else:
            self._shortlist_near_miss(activity_id)

    def _shortlist_near_miss(self, activity_id: str) -> None:
        """Put a near miss on the shortlist, keeping the fact its handout states."""
        misses = self.report.near_misses if self.report is not None else ()
        miss = next((m for m in misses if m.id == activity_id), None)
        if not self.shortlist_model.contains(activity_id):
            self._near_miss_facts[activity_id] = miss.fact if miss is not None else None
        self.shortlist_model.add(self._activity(activity_id))

    def _on_shortlist_model_changed(self) -> None:
        self.suggestions_model.refresh_ticks()
        self.near_miss_model.refresh_ticks()
        kept = set(self.shortlist_model.ids())
        self._near_miss_facts = {i: f for i, f in self._near_miss_facts.items() if i in kept}
        chosen = self.shortlist_model.rowCount() > 0
        for button in (self.remove_button, self.print_button, self.pdf_button, self.ics_button):
            button.setEnabled(chosen)

    def _on_remove_button_clicked(self) -> None:
        current = self.shortlist.currentIndex()
        row = current.row() if current.isValid() else self.shortlist_model.rowCount() - 1
        if row >= 0:
            self.shortlist_model.remove(self.shortlist_model.ids()[row])

    # The handout ------------------------------------------------------------------------------

    def handout(self) -> Handout:
        """The handout for the shortlist, as the person will see it."""
        activities = self.shortlist_model.activities()
        profile = self.person.profile()
        point = profile.location if isinstance(profile.location, LatLon) else None
        options = HandoutOptions(
            easy_read=self.easy_read.isChecked(),
            worker_name=self.worker_name.text().strip() or None,
            worker_phone=self.worker_phone.text().strip() or None,
        )
        distances = distances_from(point, activities) if point else None
        places = places_from(point, activities) if point else None
        facts = {i: fact for i, fact in self._near_miss_facts.items() if fact}
        return build_handout(
            activities,
            self._clock(),
            options,
            distances_km=distances,
            places=places,
            worth_knowing=facts,
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
        self.status.setText(f"Saved the handout to {path.name} ({pages} page{'s' * (pages != 1)}).")
        return True

    def _on_ics_button_clicked(self) -> None:
        path = self._dialogs.save_path(
            self, "Save to a calendar", "things-to-try.ics", "Calendar files (*.ics)"
        )
        if path is None:
            return
        try:
            export = write_calendar(path, self.shortlist_model.activities(), self._clock())
        except OSError as error:
            self._dialogs.error(self, f"The calendar could not be saved: {error.strerror}")
            return
        text = f"Saved {export.events} session{'s' * (export.events != 1)} to {path.name}."
        if export.left_out:
            text += " Activities with no fixed times are not in it."
        self.status.setText(text)

    def _on_suggestions_current_row_changed(self, current: QModelIndex, _: object) -> None:
        self.details.show_activity(current.data(ACTIVITY_ROLE) if current.isValid() else None)

    def _on_shortlist_current_row_changed(self, current: QModelIndex, _: object) -> None:
        self.details.show_activity(current.data(ACTIVITY_ROLE) if current.isValid() else None)

    def _on_near_misses_current_row_changed(self, current: QModelIndex, _: object) -> None:
        self.details.show_activity(current.data(ACTIVITY_ROLE) if current.isValid() else None)


class _SuggestionsTable(QTableView):
    """Space ticks or unticks the current suggestion (or near miss), whichever cell has the
    focus, so the shortlist can be made from the keyboard."""

    toggle_requested = Signal(int)  # row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.toggle_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


def _table(
    name: str, model: SuggestionsModel | NearMissModel, table: QTableView | None = None
) -> QTableView:
    table = table or QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
    return table


def _heading(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setBuddy(buddy)
    label.setWordWrap(True)
    return label


def _larger(font: QFont, factor: float) -> QFont:
    """A font scaled from the system's, so it still follows the user's text-size setting."""
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    return bigger
