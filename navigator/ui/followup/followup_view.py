"""The follow-up tab: people's records over weeks and months, private by design.

Nothing opens until the worker gives their name (every change is logged with it). Every
people-store call runs on the database worker. A save whose text looks like it identifies
someone asks the worker first, and is only made if they say so.

Over 400 lines on purpose: this is the tab's one controller. It holds the signed-in people
service and the record shown, and every change takes one path (`_save`: on the database
worker, asking first when the text looks identifying, then showing the record again).
Splitting the handlers from that path would pass the service and the record between classes.
What is shown is in `person_detail`, the lists' models in `people_models`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.people import (
    ActivityFlag,
    AuditEntry,
    PersonRecord,
    PersonSummary,
    Uptake,
)
from navigator.domain.profile import Profile
from navigator.printing.report_pdf import write_report_pdf
from navigator.printing.text_pdf import write_text_pdf
from navigator.services.file_names import safe_file_name
from navigator.services.files import write_text_atomically
from navigator.services.match_result import now_to_the_minute
from navigator.services.people import IdentifierWarning, PeopleService
from navigator.services.plan_alerts import alert_counts, plan_alerts
from navigator.services.rematch import Rematch, changed_activities
from navigator.services.service_report import ServiceReport, report_from, write_report_csv
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.followup.new_for_people import NewForPeoplePanel
from navigator.ui.followup.people_models import ROW_ROLE, people_list_model, short_date
from navigator.ui.followup.person_detail import PersonDetail
from navigator.ui.followup.report_dialog import PDF, ServiceReportDialog

T = TypeVar("T")
DEFAULT_PURGE_DAYS = 365
ALERTS_COLUMN = 2  # in the people list (people_models.people_list_model)


class FollowUpView(QWidget):
    flags_changed = Signal(object)  # list[ActivityFlag]: for the directory's review
    uptake_changed = Signal(object)  # list[Uptake]: counts per activity, for prescribers
    flag_raised = Signal(object)  # ActivityFlag: an entry a follow-up found wrong
    match_again_requested = Signal(object)  # PersonRecord: its profile, in the appointment

    def __init__(
        self,
        open_service: Callable[[str], PeopleService],
        db_runner: TaskRunner,
        dialogs: Dialogs,
        current_profile: Callable[[], Profile],
        current_shortlist: Callable[[], Sequence[tuple[str, str]]],
        purge_days: int = DEFAULT_PURGE_DAYS,
        parent: QWidget | None = None,
        *,
        rematch: Rematch | None = None,
        cpu_runner: TaskRunner | None = None,
        clock: Callable[[], dt.datetime] = now_to_the_minute,
    ) -> None:
        """`rematch` on `cpu_runner`: match open records against what is new in the
        directory (none: not done); `clock`: now, for the next sessions it finds."""
        super().__init__(parent)
        self._open_service = open_service
        self._db = db_runner
        self._dialogs = dialogs
        self._current_profile = current_profile
        self._current_shortlist = current_shortlist
        self.service: PeopleService | None = None
        self.record: PersonRecord | None = None
        self._wanted: str | None = None  # the reference to show after the list reloads
        self._rematch, self._cpu, self._clock = rematch, cpu_runner, clock
        # The directory as last loaded, by id (alerts), and as open records were last matched
        # against (what is new since): the first load, until the worker has signed in.
        self._find: Callable[[str], Activity | None] = _nowhere
        self._latest: Sequence[Activity] | None = None
        self._matched_against: Sequence[Activity] | None = None
        self._alert_counts: dict[str, int] = {}
        self.new_for_people = NewForPeoplePanel()

        self.worker_name = QLineEdit()
        self.worker_name.setAccessibleName("Your name, for the record of changes")
        self.worker_name.setMaxLength(100)
        self.sign_in = QPushButton("&Open people's records")
        self.purge_days = QSpinBox()
        self.purge_days.setAccessibleName("Erase closed records after this many days")
        self.purge_days.setRange(30, 3650)
        self.purge_days.setValue(purge_days)
        self.purge_days.setSuffix(" days")

        self.people_model = people_list_model(self, lambda r: self._alert_counts.get(r, 0))
        self.people = QTableView()
        self.people.setAccessibleName("People")
        self.people.setModel(self.people_model)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.verticalHeader().setVisible(False)
        header = self.people.horizontalHeader()
        header.setStretchLastSection(True)
        # Reference and review date as wide as their words (at a 14 pt font too), never cut.
        for column in range(self.people_model.columnCount() - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setTabKeyNavigation(False)
        self.show_closed = QCheckBox("Show closed records")
        self.due_only = QCheckBox("Du&e for review only")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Reference for a new record")
        self.reference.setPlaceholderText("Your own code, never a name (e.g. AB-0042)")
        self.reference.setMaxLength(40)
        self.new_record = QPushButton("&New record from this appointment")
        self.add_shortlist = QPushButton("Add the shortl&ist to their plan")
        # Closing, reopening and erasing are rare and weighty: no Alt+letter to hit by mistake.
        self.close_record = QPushButton("Close record")
        self.export = QPushButton("E&xport their data…")
        self.erase = QPushButton("Erase completely…")
        # Counts over everyone, for managers (issue 16, item 8): not about the record shown.
        self.service_report = QPushButton("Service report…")
        self.service_report.setAccessibleName("Service report: counts for managers, PDF or CSV")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.detail = PersonDetail()

        self._build_layout()
        self._connect_signals()
        self._update_buttons()

    def _build_layout(self) -> None:
        sign_in_page = QWidget()
        sign_in = QVBoxLayout(sign_in_page)
        intro = QLabel(
            "<h3>People's records</h3><p>Records are kept on this computer only, under a "
            "reference you choose (never a name), and every change is logged with your "
            "name.</p>"
        )
        intro.setWordWrap(True)
        sign_in.addWidget(intro)
        row = QHBoxLayout()
        name_label = QLabel("Your &name:")
        name_label.setBuddy(self.worker_name)
        row.addWidget(name_label)
        row.addWidget(self.worker_name, 1)
        row.addWidget(self.sign_in)
        sign_in.addLayout(row)
        purge = QHBoxLayout()
        purge.addWidget(QLabel("Erase closed records after:"))
        purge.addWidget(self.purge_days)
        purge.addStretch(1)
        sign_in.addLayout(purge)
        sign_in.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # One above the other: side by side they made the list wider than its columns need.
        left_layout.addWidget(self.due_only)
        left_layout.addWidget(self.show_closed)
        left_layout.addWidget(self.people, 1)
        left_layout.addWidget(self.reference)
        for button in (
            self.new_record,
            self.add_shortlist,
            self.close_record,
            self.export,
            self.erase,
            self.service_report,
        ):
            left_layout.addWidget(button)
        left_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.pages = QStackedWidget()
        self.pages.addWidget(sign_in_page)
        signed_in = QWidget()
        signed_in_layout = QVBoxLayout(signed_in)
        signed_in_layout.setContentsMargins(0, 0, 0, 0)
        signed_in_layout.addWidget(self.new_for_people)
        signed_in_layout.addWidget(splitter, 1)
        self.pages.addWidget(signed_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _connect_signals(self) -> None:
        self.sign_in.clicked.connect(self._on_sign_in_clicked)
        self.service_report.clicked.connect(self._on_service_report_clicked)
        self.worker_name.returnPressed.connect(self._on_sign_in_clicked)
        self.show_closed.toggled.connect(self.refresh)
        self.due_only.toggled.connect(self.refresh)
        self.people.selectionModel().currentRowChanged.connect(self._on_people_row_changed)
        self.new_record.clicked.connect(self._on_new_record_clicked)
        self.add_shortlist.clicked.connect(self._on_add_shortlist_clicked)
        self.close_record.clicked.connect(self._on_close_record_clicked)
        self.export.clicked.connect(self._on_export_clicked)
        self.erase.clicked.connect(self._on_erase_clicked)
        d = self.detail
        d.plan_status_requested.connect(self._on_detail_plan_status_requested)
        d.goals_requested.connect(
            lambda goals: self._change(lambda s, ref, ok: s.set_goals(ref, goals, confirmed=ok))
        )
        d.outcome_requested.connect(
            lambda outcome: self._change(lambda s, ref, _ok: s.record_outcome(ref, outcome))
        )
        d.contact_requested.connect(
            lambda contact: self._change(
                lambda s, ref, ok: s.add_contact(ref, contact, confirmed=ok)
            )
        )
        d.review_date_requested.connect(
            lambda due: self._change(lambda s, ref, _ok: s.set_review_due(ref, due))
        )
        d.referral_requested.connect(
            lambda referral: self._change(lambda s, ref, _ok: s.set_referral(ref, referral))
        )
        d.strengths_requested.connect(
            lambda strengths, offers: self._change(
                lambda s, ref, ok: s.set_strengths(ref, strengths, offers, confirmed=ok)
            )
        )
        d.companion_requested.connect(
            lambda activity_id, companion: self._change(
                lambda s, ref, ok: s.set_companion(ref, activity_id, companion, confirmed=ok)
            )
        )
        d.summary_requested.connect(self._on_detail_summary_requested)
        d.network_requested.connect(self._on_detail_network_requested)
        d.match_again_requested.connect(self._on_detail_match_again_requested)
        self.new_for_people.person_chosen.connect(self._on_new_for_people_person_chosen)
        d.save_summary_text.clicked.connect(self._on_save_summary_text_clicked)
        d.save_summary_pdf.clicked.connect(self._on_save_summary_pdf_clicked)
        d.network_map.print_requested.connect(self._on_network_map_print_requested)
        d.network_map.pdf_requested.connect(self._on_network_map_pdf_requested)

    # Signing in -------------------------------------------------------------------------------

    def _on_sign_in_clicked(self) -> None:
        name = self.worker_name.text().strip()
        if not name:
            self._dialogs.error(
                self, "Enter your name first: changes to records are logged with it."
            )
            return
        self.sign_in.setEnabled(False)  # one people store, however often it is pressed

        def failed(error: BaseException) -> None:
            self.sign_in.setEnabled(True)
            self._dialogs.error(self, str(error))

        self._db.run(lambda: self._open_service(name), self._on_service_opened, failed)

    def _on_service_opened(self, service: PeopleService) -> None:
        self.service = service
        self.pages.setCurrentIndex(1)
        days = self.purge_days.value()
        self._run(lambda: service.purge_candidates(days), self._on_purge_candidates)
        self.refresh()
        self._match_new_activities()

    def _on_purge_candidates(self, candidates: list[PersonSummary]) -> None:
        if not candidates or self.service is None:
            return
        days, count = self.purge_days.value(), len(candidates)
        question = (
            f"{count} record{'s were' if count != 1 else ' was'} closed more than "
            f"{days} days ago. Erase {'them' if count != 1 else 'it'} completely now?"
        )
        if self._dialogs.confirm(self, question):
            service = self.service
            self._run(
                lambda: service.purge_closed(days),
                lambda n: self._after_change(f"Erased {n} closed record{'s' * (n != 1)}.", None),
            )

    def showEvent(self, event: QShowEvent) -> None:
        # Offer the appointment's reference for a new record; the worker may type another.
        super().showEvent(event)
        self._fit_people_list()
        reference = self._current_profile().reference
        self.reference.setPlaceholderText(
            f"{reference} (from the appointment), or your own code"
            if reference
            else "Your own code, never a name (e.g. AB-0042)"
        )

    # For the window ---------------------------------------------------------------------------

    def unsaved_work(self) -> list[str]:
        """What closing now would throw away: an unsaved network map, words typed but not
        added to the open record."""
        unsaved = []
        if self.detail.network_map.is_modified():
            unsaved.append("the network map")
        if self.record is not None:
            unsaved += self.detail.typed_not_added()
        return unsaved

    def resolve_flags(self, activity_id: str) -> None:
        """Follow-ups' reports about `activity_id` are dealt with (it was checked today)."""
        service = self.service
        if service is not None:
            self._run(lambda: service.resolve_flags(activity_id), self.refresh)

    # The list ---------------------------------------------------------------------------------

    def _fit_people_list(self) -> None:
        """The list as wide as its columns' headings and words need, at whatever font: no
        sideways scroll (again once rows arrive: an alert count or a date can be wider)."""
        header = self.people.horizontalHeader()
        widths = [
            max(header.sectionSizeHint(c), self.people.sizeHintForColumn(c))
            for c in range(header.count())
        ]
        # The stretched last column never gets narrower than the header's default size.
        widths[-1] = max(widths[-1], header.defaultSectionSize())
        self.people.setMinimumWidth(sum(widths) + 2 * self.people.frameWidth())

    def refresh(self, *_args: object) -> None:
        service = self.service
        if service is None:
            return
        closed, due = self.show_closed.isChecked(), self.due_only.isChecked()
        self._run(
            lambda: (
                service.due_for_review() if due else service.people(include_closed=closed),
                service.flags_for_directory(),
                service.uptake(),
            ),
            self._on_people_loaded,
        )
        self._count_alerts()

    def _on_people_loaded(
        self, loaded: tuple[list[PersonSummary], list[ActivityFlag], list[Uptake]]
    ) -> None:
        people, flags, uptake = loaded
        wanted = self._wanted
        self.people_model.set_rows(people)
        self._fit_people_list()
        self.flags_changed.emit(flags)
        self.uptake_changed.emit(uptake)
        for row, person in enumerate(people):
            if person.reference == wanted:
                self.people.selectRow(row)
                self.select(person.reference)
                break
        else:
            self._show(None)

    def _on_people_row_changed(self, current: QModelIndex, _previous: object) -> None:
        if not current.isValid():
            return
        reference = current.data(ROW_ROLE).reference
        if (
            self.record is not None
            and reference != self.record.reference
            and self.detail.network_map.is_modified()
            and not self._dialogs.confirm(
                self,
                f"The network map for {self.record.reference} is not saved. Show "
                f"{reference} and lose the changes?",
            )
        ):
            return  # stay with the map being drawn (the list shows the new row until reload)
        self.select(reference)

    def select(self, reference: str) -> None:
        self._wanted = reference
        service = self.service
        if service is not None:
            self._run(
                lambda: (service.person(reference), service.audit_log(reference)),
                self._on_person_loaded,
            )

    def _on_person_loaded(self, loaded: tuple[PersonRecord, list[AuditEntry]]) -> None:
        record, history = loaded
        self._show(record)
        self.detail.show_history(history)

    def _show(self, record: PersonRecord | None) -> None:
        self.record = record
        self.detail.show_record(record)
        self.detail.show_alerts(plan_alerts(record.plan, self._find) if record else [])
        if record is None:
            self.detail.show_history([])
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.record is not None
        for button in (self.add_shortlist, self.close_record, self.export, self.erase):
            button.setEnabled(chosen)
        closed = bool(self.record and self.record.closed_on)
        self.close_record.setText("Reopen record" if closed else "Close record")

    # Actions ----------------------------------------------------------------------------------

    def _on_new_record_clicked(self) -> None:
        # The appointment's own reference, unless the worker typed another here.
        reference = self.reference.text().strip() or (self._current_profile().reference or "")
        if not reference:
            self._dialogs.error(self, "Give the record a reference of your own (never a name).")
            return
        profile, plan = self._current_profile(), list(self._current_shortlist())

        def started(record: PersonRecord) -> None:
            self.reference.clear()
            self._after_change(f"Started a record for {reference}.", record.reference)

        self._save(
            lambda s, ok: s.create_from_profile(
                profile, reference=reference, plan=plan, confirmed=ok
            ),
            started,
        )

    def _on_add_shortlist_clicked(self) -> None:
        shortlist = list(self._current_shortlist())
        if not shortlist:
            self._dialogs.info(self, "Tick activities in the appointment's suggestions first.")
            return

        def add_all(s: PeopleService, ref: str, _ok: bool) -> None:
            for activity_id, name in shortlist:
                s.add_to_plan(ref, activity_id, name)

        self._change(add_all)

    def _on_close_record_clicked(self) -> None:
        if self.record is None:
            return
        if self.record.closed_on:
            self._change(lambda s, ref, _ok: s.reopen_record(ref))
        else:
            self._change(lambda s, ref, _ok: s.close_record(ref))

    def _on_export_clicked(self) -> None:
        if self.record is None or self.service is None:
            return
        reference, service = self.record.reference, self.service
        path = self._dialogs.save_path(
            self,
            "Export this person's data",
            safe_file_name(reference, ".json", fallback="person"),
            "JSON files (*.json)",
        )
        if path is not None:
            self._run(
                lambda: service.export_person(reference, Path(path)),
                lambda _: self.status.setText(f"Exported {reference} to {path.name}."),
            )

    def _on_erase_clicked(self) -> None:
        if self.record is None or self.service is None:
            return
        reference, service = self.record.reference, self.service
        if not self._dialogs.confirm(
            self,
            f"Erase everything about {reference}? This cannot "
            "be undone. Export it first if they asked for a "
            "copy.",
        ):
            return
        self._run(
            lambda: service.erase(reference),
            lambda _: self._after_change(f"Erased {reference}.", None),
        )

    def _on_detail_plan_status_requested(
        self, activity_id: str, status: Any, reason: Any, note: str
    ) -> None:
        def update(s: PeopleService, ref: str, ok: bool) -> ActivityFlag | None:
            return s.set_plan_status(
                ref, activity_id, status, reason=reason, note=note, confirmed=ok
            )

        self._change(update)

    def _on_detail_network_requested(self, snapshot: Any) -> None:
        def saved(_: object) -> None:
            self.detail.network_map.mark_saved()
            self._after_change(
                f"Saved the network map for {short_date(snapshot.on)}.",
                self.record.reference if self.record else None,
            )

        if self.record is not None:
            reference = self.record.reference
            self._save(lambda s, ok: s.record_network(reference, snapshot, confirmed=ok), saved)

    def _on_network_map_print_requested(self) -> None:
        printer = self._dialogs.choose_printer(self)
        if printer is not None:
            self.detail.network_map.print_to(printer)

    def _on_network_map_pdf_requested(self) -> None:
        path = self._dialogs.save_path(
            self, "Save the network map", "network-map.pdf", "PDF files (*.pdf)"
        )
        if path is not None:
            try:
                self.detail.network_map.write_pdf(path)
            except OSError as error:
                self._dialogs.error(self, f"The map could not be saved: {error.strerror}")

    def _on_save_summary_text_clicked(self) -> None:
        text = self.detail.summary.toPlainText()
        if not text or self.record is None:
            return
        path = self._dialogs.save_path(
            self,
            "Save the summary",
            safe_file_name(self.record.reference, ".txt", fallback="summary"),
            "Text files (*.txt)",
        )
        if path is not None:
            try:
                write_text_atomically(path, text + "\n")
            except OSError as error:
                self._dialogs.error(self, f"The summary could not be saved: {error.strerror}")
                return
            self.status.setText(f"Saved the summary to {path.name}.")

    def _on_save_summary_pdf_clicked(self) -> None:
        text = self.detail.summary.toPlainText()
        if not text or self.record is None:
            return
        path = self._dialogs.save_path(
            self,
            "Save the summary as PDF",
            safe_file_name(self.record.reference, ".pdf", fallback="summary"),
            "PDF files (*.pdf)",
        )
        if path is not None:
            try:
                write_text_pdf(text, path)
            except OSError as error:
                self._dialogs.error(self, f"The summary could not be saved: {error.strerror}")
                return
            self.status.setText(f"Saved the summary to {path.name}.")

    def _on_service_report_clicked(self) -> None:
        dialog = ServiceReportDialog(self._clock().date(), self)
        dialog.save_requested.connect(self._on_report_save_requested)
        dialog.open()

    def _on_report_save_requested(self, start: dt.date, end: dt.date, kind: str) -> None:
        if self.service is None:
            return
        suffix, filters = (".pdf", "PDF files (*.pdf)") if kind == PDF else (".csv", "CSV (*.csv)")
        path = self._dialogs.save_path(
            self, "Save the service report", f"service-report-{start}-to-{end}{suffix}", filters
        )
        if path is None:
            return

        def write(report: ServiceReport) -> None:
            try:
                (write_report_pdf if kind == PDF else write_report_csv)(report, path)
            except OSError as error:
                self._dialogs.error(self, f"The report could not be saved: {error.strerror}")
                return
            self.status.setText(f"Saved the service report to {path.name}.")

        service = self.service  # a period that ends before it starts: the error is shown
        self._run(lambda: report_from(service, start, end), write)

    def _on_detail_summary_requested(self) -> None:
        if self.record is None or self.service is None:
            return
        reference, service = self.record.reference, self.service
        self._run(lambda: service.moving_on_summary(reference), self.detail.show_summary)

    # Running service calls --------------------------------------------------------------------

    def _change(self, change: Callable[[PeopleService, str, bool], object]) -> None:
        """Apply a change to the selected record, then show it again."""
        if self.record is None:
            return
        reference = self.record.reference

        def changed(result: object) -> None:
            self.detail.change_saved()
            if isinstance(result, ActivityFlag):
                self.flag_raised.emit(result)
            self._after_change(None, reference)

        self._save(lambda s, ok: change(s, reference, ok), changed, self.detail.change_not_saved)

    def _save(
        self,
        work: Callable[[PeopleService, bool], T],
        then: Callable[[T], object],
        not_saved: Callable[[], object] = lambda: None,
    ) -> None:
        """Run a save; if its text looks identifying, ask, and save only if told to.
        `not_saved` runs when it was not saved (the worker said no, or it failed)."""
        service = self.service
        if service is None:
            return

        def not_saved_because(error: BaseException) -> None:
            not_saved()
            self._dialogs.error(self, str(error))

        def failed(error: BaseException) -> None:
            if isinstance(error, IdentifierWarning):
                details = "\n".join(f.message for f in error.findings)
                if self._dialogs.confirm(self, f"{error}\n\n{details}"):
                    self._db.run(lambda: work(service, True), then, not_saved_because)
                    return
                not_saved()
            else:
                not_saved_because(error)

        self._db.run(lambda: work(service, False), then, failed)

    # The directory: alerts and what is new (issue 16) -----------------------------------------

    def set_directory(
        self,
        activities: Sequence[Activity],
        find: Callable[[str], Activity | None] | None = None,
    ) -> None:
        """The directory as now loaded (at the start, and after every change): the record's
        alerts are measured against it, and once signed in, open records are matched against
        what is new since they were last matched. `find`: an activity of it by id (None: not
        there), when the caller has them indexed already; otherwise they are indexed here."""
        # The directory snapshot's own index, when given: making another one here held the UI
        # thread about 55 ms at 100,000 activities.
        self._find = find if find is not None else {a.id: a for a in activities}.get
        self._latest = activities
        if self._matched_against is None:
            self._matched_against = activities  # the first load: nothing is new yet
        if self.record is not None:
            self.detail.show_alerts(plan_alerts(self.record.plan, self._find))
        self._count_alerts()
        self._match_new_activities()

    def _count_alerts(self) -> None:
        service, find = self.service, self._find
        if service is None or not self._latest:
            return
        self._run(lambda: alert_counts(service.open_records(), find), self._on_alerts_counted)

    def _on_alerts_counted(self, counts: dict[str, int]) -> None:
        self._alert_counts = counts
        self.people_model.refresh_column(ALERTS_COLUMN)
        self._fit_people_list()

    def _match_new_activities(self) -> None:
        """Open records (read on the database worker) against the new and changed activities
        (ranked on the computation worker); the answer goes to the New-for panel."""
        service, rematch, cpu = self.service, self._rematch, self._cpu
        before, after = self._matched_against, self._latest
        if service is None or rematch is None or cpu is None or before is None or after is None:
            return
        if after is before:
            return
        self._matched_against = after
        now = self._clock()

        def rank(records: list[PersonRecord]) -> None:
            cpu.run(
                lambda: rematch.run(records, changed_activities(before, after), now=now),
                self.new_for_people.show_news,
                lambda error: self.status.setText(f"New activities were not matched: {error}"),
            )

        self._run(service.open_records, rank)

    def _on_new_for_people_person_chosen(self, reference: str) -> None:
        self.show_closed.setChecked(False)
        self.due_only.setChecked(False)
        self._wanted = reference
        self.refresh()

    def _on_detail_match_again_requested(self) -> None:
        if self.record is not None:
            self.match_again_requested.emit(self.record)

    def _run(self, work: Callable[[], T], then: Callable[[T], object]) -> None:
        self._db.run(work, then, lambda error: self._dialogs.error(self, str(error)))

    def _after_change(self, message: str | None, reference: str | None) -> None:
        if message:
            self.status.setText(message)
        self._wanted = reference
        self.refresh()


def _nowhere(_activity_id: str) -> Activity | None:
    """Before the directory has loaded, no activity is found."""
    return None
