"""One person's record in tabs: plan, goals, strengths, outcomes, contacts and moving on.

The widget shows a `PersonRecord` and turns the worker's edits into requests (signals); the
follow-up view saves them through the people service and shows the record again.

Over 400 lines on purpose: one widget for one record's eight tabs. They share the record
shown and one pending-change flow (the words a change carries are cleared only once it is
saved: `change_saved`, `change_not_saved`), and the follow-up view and the tests reach each
tab's fields by name. Split per tab, that flow would be spread over eight classes. The small
field helpers are in `record_fields`, the tables' models in `people_models`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.people import (
    A_VOLUNTEER,
    MAX_WHEN_CHARS,
    ONS4_ITEMS,
    UCLA_ANSWERS,
    UCLA_ITEMS,
    AuditEntry,
    Companion,
    Contact,
    ContactKind,
    Goal,
    GoalStatus,
    LonelyHowOften,
    MemberKind,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PlanStatus,
    Referral,
    ReferralKind,
    StopReason,
    Timeframe,
)
from navigator.domain.wording import clock
from navigator.services.plan_alerts import Alert
from navigator.ui.followup.delivery_checklist import DeliveryChecklist, belonging_combo
from navigator.ui.followup.map_tools import scrolling
from navigator.ui.followup.network_map import NetworkMapEditor
from navigator.ui.followup.network_size_chart import NetworkSizeChart
from navigator.ui.followup.outcome_chart import OutcomeChart
from navigator.ui.followup.people_models import (
    GOAL_STATUS_LABELS,
    PLAN_STATUS_LABELS,
    ROW_ROLE,
    STOP_REASON_LABELS,
    TIMEFRAME_LABELS,
    goals_model,
    plan_model,
    short_date,
)
from navigator.ui.followup.record_fields import (
    CONTACT_LABELS,
    date_edit,
    labelled_combo,
    note_edit,
    outcome_line,
    picked_date,
    qdate,
    record_table,
    warn_if_identifying,
    warning_label,
)
from navigator.ui.followup.relationships_chart import RelationshipsChart

# Dark amber, as the appointment's cautions: "check this", not an error.
ALERT_COLOUR = "#8a4b00"


class PersonDetail(QWidget):
    plan_status_requested = Signal(str, object, object, str)  # id, status, reason, note
    goals_requested = Signal(object)  # tuple[Goal, ...]
    outcome_requested = Signal(object)  # OutcomeRecord
    contact_requested = Signal(object)  # Contact
    review_date_requested = Signal(object)  # date | None
    referral_requested = Signal(object)  # Referral | None
    summary_requested = Signal()
    network_requested = Signal(object)  # NetworkSnapshot to save
    match_again_requested = Signal()  # open the record's profile in the Appointment tab
    strengths_requested = Signal(object, object)  # strengths, can offer: tuple[str, ...] each
    companion_requested = Signal(str, object)  # activity id, Companion | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PersonRecord | None = None
        # The box whose words a pending change carries: cleared only once it is saved.
        self._clear_when_saved: QLineEdit | None = None
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Record sections")
        self.tabs.addTab(self._plan_tab(), "&Plan")
        self.tabs.addTab(self._goals_tab(), "&Goals")
        self.tabs.addTab(self._strengths_tab(), "What they &bring")
        self.tabs.addTab(self._network_tab(), "Networ&k map")
        self.tabs.addTab(self._outcomes_tab(), "&Outcomes")
        self.tabs.addTab(self._contacts_tab(), "Con&tacts and review")
        self.tabs.addTab(self._summary_tab(), "&Moving on")
        self.history = QTextBrowser()
        self.history.setAccessibleName("Record of changes")
        self.tabs.addTab(self.history, "&History")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        # Issue 16: the record's profile back in the Appointment tab, its plan beside it.
        # Every letter of its words is taken in some section of the record: a shortcut instead.
        self.match_again = QPushButton("Match again (Ctrl+M)")
        self.match_again.setShortcut(QKeySequence("Ctrl+M"))
        self.match_again.setAccessibleName("Match again: open their profile in the appointment")
        self.match_again.setToolTip(
            "Open this person's profile in the Appointment tab: suggestions say where they "
            "stand in the plan, and what they stopped is left out"
        )
        self.match_again.clicked.connect(self.match_again_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.match_again)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.show_record(None)

    # Building the tabs ------------------------------------------------------------------------

    def _plan_tab(self) -> QWidget:
        self.plan_model = plan_model(self)
        # Planned activities paused, archived, gone or moved since (services/plan_alerts.py).
        self.plan_alerts = QLabel()
        self.plan_alerts.setAccessibleName("Plan alerts")
        self.plan_alerts.setWordWrap(True)
        self.plan_alerts.setTextFormat(Qt.TextFormat.RichText)
        self.plan_alerts.hide()
        self.plan_table = record_table("Plan", self.plan_model)
        self.plan_status = labelled_combo("Plan status", PLAN_STATUS_LABELS)
        self.stop_reason = labelled_combo("Why they stopped", STOP_REASON_LABELS)
        self.plan_note = note_edit("Plan note", "A short note (optional)")
        self.plan_warning = warning_label()
        self.update_plan = QPushButton("&Save the change")
        self.update_plan.setAccessibleName("Update plan item")
        # Two rows, so the tab fits a laptop screen at a large font.
        row = QGridLayout()
        row.addWidget(self.plan_status, 0, 0)
        row.addWidget(self.stop_reason, 0, 1)
        row.addWidget(self.plan_note, 1, 0)
        row.addWidget(self.update_plan, 1, 1)
        row.setColumnStretch(0, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.plan_alerts)
        layout.addWidget(self.plan_table)
        layout.addLayout(row)
        layout.addLayout(self._going_with_row())
        layout.addWidget(self.plan_warning)
        self.plan_status.currentIndexChanged.connect(self._on_plan_status_changed)
        self.plan_table.selectionModel().currentRowChanged.connect(self._on_plan_row_changed)
        self.update_plan.clicked.connect(self._on_update_plan_clicked)
        self.plan_note.textChanged.connect(
            lambda text: warn_if_identifying(self.plan_warning, text)
        )
        self._on_plan_status_changed()
        return tab

    def _going_with_row(self) -> QHBoxLayout:
        """Who goes along the first time (issue 16): someone on the map, by the alias given
        there, or a volunteer; when; and whether the handout says so."""
        self.going_with = QComboBox()
        # Its names arrive with each record: size to them, not to the first (empty) showing.
        self.going_with.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.going_with.setAccessibleName("Who goes along the first time")
        self.going_when = QLineEdit()
        self.going_when.setAccessibleName("When they go")
        self.going_when.setPlaceholderText("When, e.g. Tuesday")
        self.going_when.setMaxLength(MAX_WHEN_CHARS)
        self.going_on_handout = QCheckBox("&Let the handout say so")
        self.going_on_handout.setToolTip(
            "The handout says \u201cYou\u2019re going with \u2026\u201d, with only the alias shown"
        )
        self.save_going_with = QPushButton("Sa&ve who goes")
        self.save_going_with.setAccessibleName("Save who goes along")
        row = QHBoxLayout()
        row.addWidget(QLabel("Going with:"))
        row.addWidget(self.going_with)
        row.addWidget(self.going_when, 1)
        row.addWidget(self.going_on_handout)
        row.addWidget(self.save_going_with)
        self.save_going_with.clicked.connect(self._on_save_going_with_clicked)
        self.going_when.textChanged.connect(
            lambda text: warn_if_identifying(self.plan_warning, text)
        )
        return row

    def _strengths_tab(self) -> QWidget:
        """Strengths and assets in the person's own words (issue 16): what matching sees."""
        intro = QLabel(
            "In their own words, a word or two each, with commas between. Suggestions use "
            "them (\u201cUses your carpentry\u201d, \u201cA chance to give back\u201d) and "
            "Match again takes them to the appointment."
        )
        intro.setWordWrap(True)
        self.strengths_edit = note_edit(
            "Skills and what they love", "e.g. carpentry, baking, used to play football"
        )
        self.can_offer_edit = note_edit(
            "What they could offer others", "e.g. fixing bikes, a friendly ear, cooking"
        )
        self.save_strengths = QPushButton("&Save what they bring")
        self.strengths_warning = warning_label()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Skills, and what they love or used to:", self.strengths_edit)
        form.addRow("What they could offer others:", self.can_offer_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_strengths)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.strengths_warning)
        layout.addStretch(1)
        self.save_strengths.clicked.connect(self._on_save_strengths_clicked)
        for edit in (self.strengths_edit, self.can_offer_edit):
            edit.textChanged.connect(self._on_strengths_text_changed)
        return tab

    def _goals_tab(self) -> QWidget:
        self.goals_model = goals_model(self)
        self.goals_table = record_table("Goals in their own words", self.goals_model)
        self.goal_text = note_edit(
            "New goal",
            "A goal in their own words, e.g. \u201cget out of the flat twice a week\u201d",
        )
        self.goal_timeframe = labelled_combo("When by", TIMEFRAME_LABELS)
        self.goal_timeframe.setCurrentIndex(1)
        self.add_goal = QPushButton("Add goa&l")
        self.goal_status = labelled_combo("Goal status", GOAL_STATUS_LABELS)
        self.set_goal_status = QPushButton("&Set status")
        self.remove_goal = QPushButton("Remo&ve goal")
        self.goal_warning = warning_label()
        add_row = QHBoxLayout()
        add_row.addWidget(self.goal_text, 1)
        add_row.addWidget(self.goal_timeframe)
        add_row.addWidget(self.add_goal)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.goal_status)
        edit_row.addWidget(self.set_goal_status)
        edit_row.addStretch(1)
        edit_row.addWidget(self.remove_goal)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.goals_table)
        layout.addLayout(edit_row)
        layout.addLayout(add_row)
        layout.addWidget(self.goal_warning)
        self.add_goal.clicked.connect(self._on_add_goal_clicked)
        self.goal_text.returnPressed.connect(self._on_add_goal_clicked)
        self.set_goal_status.clicked.connect(self._on_set_goal_status_clicked)
        self.remove_goal.clicked.connect(self._on_remove_goal_clicked)
        self.goal_text.textChanged.connect(
            lambda text: warn_if_identifying(self.goal_warning, text)
        )
        return tab

    def _network_tab(self) -> QWidget:
        self.network_map = NetworkMapEditor()
        self.network_size = NetworkSizeChart()
        self.network_size.setMaximumHeight(180)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        # Issue 16: who the ties are, not only how many (closest circle, not professionals,
        # kinds of support): a second tab in the same pane, so the map keeps its height.
        self.relationships = RelationshipsChart()
        self.network_charts = QTabWidget()
        self.network_charts.setAccessibleName("The network over time")
        self.network_charts.addTab(self.network_size, "How many people, groups and places")
        self.network_charts.addTab(self.relationships, "Relationships")
        chart_layout.addWidget(self.network_charts)
        # On a short screen the map needs the height more than the chart does: a splitter
        # lets the worker give it all (the chart folds away), and the map starts with most.
        tab = QSplitter(Qt.Orientation.Vertical)
        tab.addWidget(self.network_map)
        tab.addWidget(chart)
        tab.setStretchFactor(0, 4)
        tab.setStretchFactor(1, 1)
        tab.setCollapsible(0, False)
        self.network_map.save_requested.connect(self.network_requested)
        return tab

    def _outcomes_tab(self) -> QWidget:
        self.outcome_date = date_edit("Date of the measures")
        self.ucla = [
            labelled_combo(f"UCLA: {item}", {None: "Not answered", **UCLA_ANSWERS})
            for item in UCLA_ITEMS
        ]
        self.lonely = labelled_combo(
            "How often do you feel lonely?",
            {None: "Not answered", **{v: v.label for v in LonelyHowOften}},
        )
        self.ons4 = []
        for item in ONS4_ITEMS:
            box = QSpinBox()
            box.setRange(-1, 10)
            box.setSpecialValueText("Not answered")
            box.setValue(-1)
            box.setAccessibleName(f"ONS4: {item} (0 to 10)")
            self.ons4.append(box)
        self.record_outcome = QPushButton("Record these an&swers")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Date:", self.outcome_date)
        for item, combo in zip(UCLA_ITEMS, self.ucla, strict=True):
            form.addRow(f"How often do you {item[0].lower() + item[1:]}?", combo)
        form.addRow("How often do you feel lonely?", self.lonely)
        for item, box in zip(ONS4_ITEMS, self.ons4, strict=True):
            form.addRow(f"{item} (0 to 10):", box)
        self.belonging = belonging_combo()
        belonging_question = QLabel(self.belonging.accessibleName())  # the question, in full
        belonging_question.setWordWrap(True)  # on two lines: the form stays laptop-wide
        form.addRow(belonging_question, self.belonging)
        form.addRow(self.record_outcome)
        self.outcomes_list = QLabel()
        self.outcomes_list.setWordWrap(True)
        answers = QWidget()
        left = QVBoxLayout(answers)
        left.addLayout(form)
        left.addWidget(self.outcomes_list)
        left.addStretch(1)
        self.outcome_chart = OutcomeChart()
        # Above the outcomes: how fully the model was delivered (issue 16, item 7).
        self.delivery = DeliveryChecklist()
        progress = QWidget()
        right = QVBoxLayout(progress)
        right.addWidget(self.delivery)
        right.addWidget(self.outcome_chart, 1)
        # Each side scrolls on a short screen or at a large font rather than squeeze the
        # questions into each other or the chart into an unreadable strip.
        tab = QWidget()
        self.outcomes_layout = QHBoxLayout(tab)
        self.outcomes_layout.setContentsMargins(0, 0, 0, 0)
        self.outcomes_layout.addWidget(scrolling(answers, "Outcome questions"))
        self.outcomes_layout.addWidget(scrolling(progress, "Progress over time"), 1)
        self.record_outcome.clicked.connect(self._on_record_outcome_clicked)
        return tab

    def _contacts_tab(self) -> QWidget:
        self.review_due = date_edit("Review due")
        self.set_review = QPushButton("Set re&view date")
        self.contact_date = date_edit("Contact date")
        self.contact_kind = labelled_combo("Kind of contact", CONTACT_LABELS)
        self.contact_note = note_edit("Contact note", "A short note (optional)")
        self.add_contact = QPushButton("Add &contact")
        self.contact_warning = warning_label()
        self.contacts_list = QLabel()
        self.contacts_list.setWordWrap(True)
        review_row = QHBoxLayout()
        review_row.addWidget(QLabel("Next review:"))
        review_row.addWidget(self.review_due)
        review_row.addWidget(self.set_review)
        review_row.addStretch(1)
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact_date)
        contact_row.addWidget(self.contact_kind)
        contact_row.addWidget(self.contact_note, 1)
        contact_row.addWidget(self.add_contact)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(review_row)
        layout.addLayout(contact_row)
        layout.addWidget(self.contact_warning)
        layout.addWidget(self.contacts_list)
        layout.addStretch(1)
        self.set_review.clicked.connect(
            lambda: self.review_date_requested.emit(picked_date(self.review_due))
        )
        self.add_contact.clicked.connect(self._on_add_contact_clicked)
        self.contact_note.textChanged.connect(
            lambda text: warn_if_identifying(self.contact_warning, text)
        )
        return tab

    def _summary_tab(self) -> QWidget:
        self.referral = labelled_combo(
            "Referral to social prescribing",
            {
                None: "No referral recorded",
                ReferralKind.REFERRED: "Referred",
                ReferralKind.DECLINED: "Declined",
            },
        )
        self.referral_date = date_edit("Referral date")
        self.set_referral = QPushButton("Save referra&l")
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Moving-on summary")
        self.make_summary = QPushButton("Write the &summary")
        self.save_summary_text = QPushButton("Save as text…")
        self.save_summary_pdf = QPushButton("Sa&ve as PDF…")
        row = QHBoxLayout()
        row.addWidget(self.referral)
        row.addWidget(self.referral_date)
        row.addWidget(self.set_referral)
        row.addStretch(1)
        row.addWidget(self.make_summary)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        saves = QHBoxLayout()
        saves.addStretch(1)
        saves.addWidget(self.save_summary_text)
        saves.addWidget(self.save_summary_pdf)
        layout.addLayout(saves)
        self.set_referral.clicked.connect(self._on_set_referral_clicked)
        self.make_summary.clicked.connect(self.summary_requested)
        return tab

    # Showing a record -------------------------------------------------------------------------

    def show_record(self, record: PersonRecord | None) -> None:
        same_person = (
            record is not None
            and self.record is not None
            and record.reference == self.record.reference
        )
        self.record = record
        self.setEnabled(record is not None)
        if record is None:
            self.heading.setText(
                "Choose someone in the list, or start a record from an appointment."
            )
            for model in (self.plan_model, self.goals_model):
                model.set_rows([])
            self.summary.clear()
            self.network_map.set_snapshot(NetworkSnapshot(dt.date.today()))
            self.network_map.set_history(())
            self.outcome_chart.set_outcomes(())
            self.network_size.set_snapshots(())
            self.relationships.set_snapshots(())
            self.delivery.show_record(None)
            return
        closed = f", closed {short_date(record.closed_on)}" if record.closed_on else ""
        self.heading.setText(
            f"<b>{html.escape(record.reference)}</b> (since {short_date(record.opened_on)}{closed})"
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        current = self.plan_table.currentIndex()
        chosen = current.data(ROW_ROLE).activity_id if same_person and current.isValid() else None
        self._fill_going_with(record)
        self.plan_model.set_rows(record.plan)
        self.goals_model.set_rows(record.goals)
        # The same plan item stays chosen after a save, its status and company shown again.
        ids = [p.activity_id for p in record.plan]
        if chosen in ids:
            self.plan_table.selectRow(ids.index(chosen))
        if not same_person:  # keep words typed but not saved when another part is saved
            self.strengths_edit.setText(", ".join(record.profile.strengths))
            self.can_offer_edit.setText(", ".join(record.profile.can_offer))
        for table in (self.plan_table, self.goals_table):  # headings and words in full
            table.resizeColumnsToContents()
        self.outcomes_list.setText(
            "\n".join(outcome_line(o) for o in record.outcomes) or "No measures recorded yet."
        )
        self.outcome_chart.set_outcomes(record.outcomes)
        self.network_size.set_snapshots(record.network)
        self.relationships.set_snapshots(record.network)
        self.delivery.show_record(record)
        self.network_map.set_history(record.network)
        # Keep unsaved work on the map when another part of the record is saved.
        if not (same_person and self.network_map.is_modified()):
            latest = record.network[-1] if record.network else NetworkSnapshot(dt.date.today())
            self.network_map.set_snapshot(latest)
        self.contacts_list.setText(
            "\n".join(
                f"{short_date(c.on)}: {CONTACT_LABELS[c.kind]}" + (f" ({c.note})" if c.note else "")
                for c in record.contacts
            )
            or "No contacts recorded yet."
        )
        if record.review_due:
            self.review_due.setDate(qdate(record.review_due))
        self.referral.setCurrentIndex(
            self.referral.findData(record.referral.kind if record.referral else None)
        )

    def show_alerts(self, alerts: Sequence[Alert]) -> None:
        """What has changed about planned activities since they were planned (none: hidden)."""
        self.plan_alerts.setVisible(bool(alerts))
        self.plan_alerts.setText(
            "".join(
                f'<div style="color:{ALERT_COLOUR}">! <b>{html.escape(a.activity_name)}</b>: '
                f"{html.escape(a.text)}</div>"
                for a in alerts
            )
        )
        self.tabs.setTabText(
            0, f"&Plan ({len(alerts)} alert{'s' * (len(alerts) != 1)})" if alerts else "&Plan"
        )

    def show_history(self, entries: Sequence[AuditEntry]) -> None:
        """Who created, changed, exported the record, and when (never what was typed)."""
        lines = [
            f"{short_date(e.at.date())} {clock(e.at.time())} UTC  {e.worker}: "
            f"{e.action.value} ({e.detail})"
            for e in entries
        ]
        self.history.setPlainText("\n".join(lines) or "Nothing recorded yet.")

    def show_summary(self, text: str) -> None:
        self.summary.setPlainText(text)

    # Requests ---------------------------------------------------------------------------------

    def _on_plan_status_changed(self, *_args: object) -> None:
        stopped = self.plan_status.currentData() == PlanStatus.STOPPED
        self.stop_reason.setEnabled(stopped)

    def _on_plan_row_changed(self, current: QModelIndex, _previous: object) -> None:
        item = current.data(ROW_ROLE) if current.isValid() else None
        if item is not None:
            self.plan_status.setCurrentIndex(self.plan_status.findData(item.status))
            if item.reason is not None:
                self.stop_reason.setCurrentIndex(self.stop_reason.findData(item.reason))
            self.plan_note.setText(item.note)
            self._show_going_with(item.companion)

    def _on_update_plan_clicked(self) -> None:
        current = self.plan_table.currentIndex()
        if not current.isValid():
            return
        item = current.data(ROW_ROLE)
        status = PlanStatus(self.plan_status.currentData())
        reason = (
            StopReason(self.stop_reason.currentData()) if status is PlanStatus.STOPPED else None
        )
        self.plan_status_requested.emit(
            item.activity_id, status, reason, self.plan_note.text().strip()
        )

    def _fill_going_with(self, record: PersonRecord) -> None:
        """The people on the latest map, by alias, and "a volunteer"; and anyone already
        named on the plan, so an earlier choice still shows."""
        aliases = [
            m.alias
            for m in (record.network[-1].members if record.network else ())
            if m.kind is MemberKind.PERSON
        ]
        aliases += [p.companion.who for p in record.plan if p.companion is not None]
        self.going_with.clear()
        self.going_with.addItem("Nobody named", None)
        self.going_with.addItem(A_VOLUNTEER, A_VOLUNTEER)
        for alias in dict.fromkeys(a for a in aliases if a.casefold() != A_VOLUNTEER):
            self.going_with.addItem(alias, alias)

    def _show_going_with(self, companion: Companion | None) -> None:
        index = 0 if companion is None else self.going_with.findData(companion.who)
        self.going_with.setCurrentIndex(max(index, 0))
        self.going_when.setText("" if companion is None else companion.when)
        self.going_on_handout.setChecked(companion is not None and companion.on_handout)

    def _on_save_going_with_clicked(self) -> None:
        current = self.plan_table.currentIndex()
        if not current.isValid():
            return
        who = self.going_with.currentData()
        companion = (
            None
            if who is None
            else Companion(who, self.going_when.text().strip(), self.going_on_handout.isChecked())
        )
        self.companion_requested.emit(current.data(ROW_ROLE).activity_id, companion)

    @staticmethod
    def _words(text: str) -> tuple[str, ...]:
        return tuple(" ".join(w.split()) for w in text.split(",") if w.strip())

    def _on_strengths_text_changed(self, *_args: object) -> None:
        warn_if_identifying(
            self.strengths_warning,
            f"{self.strengths_edit.text()}, {self.can_offer_edit.text()}",
        )

    def _on_save_strengths_clicked(self) -> None:
        if self.record is None:
            return
        self.strengths_requested.emit(
            self._words(self.strengths_edit.text()), self._words(self.can_offer_edit.text())
        )

    def _on_add_goal_clicked(self) -> None:
        text = self.goal_text.text().strip()
        if not text or self.record is None:
            return
        goal = Goal(text, Timeframe(self.goal_timeframe.currentData()))
        self._clear_when_saved = self.goal_text
        self.goals_requested.emit((*self.record.goals, goal))

    def _on_set_goal_status_clicked(self) -> None:
        row = self.goals_table.currentIndex().row()
        if self.record is None or row < 0:
            return
        goals = list(self.record.goals)
        old = goals[row]
        goals[row] = Goal(old.text, old.timeframe, GoalStatus(self.goal_status.currentData()))
        self.goals_requested.emit(tuple(goals))

    def _on_remove_goal_clicked(self) -> None:
        row = self.goals_table.currentIndex().row()
        if self.record is None or row < 0:
            return
        self.goals_requested.emit(tuple(g for i, g in enumerate(self.record.goals) if i != row))

    def _on_record_outcome_clicked(self) -> None:
        # Three UCLA answers and four ONS4 scores (OutcomeRecord's shape); -1 is "not answered".
        u1, u2, u3 = (combo.currentData() for combo in self.ucla)
        o1, o2, o3, o4 = (None if box.value() < 0 else box.value() for box in self.ons4)
        lonely = self.lonely.currentData()
        self.outcome_requested.emit(
            OutcomeRecord(
                picked_date(self.outcome_date),
                (u1, u2, u3),
                None if lonely is None else LonelyHowOften(lonely),
                (o1, o2, o3, o4),
                self.belonging.currentData(),
            )
        )

    def _on_add_contact_clicked(self) -> None:
        self._clear_when_saved = self.contact_note
        self.contact_requested.emit(
            Contact(
                picked_date(self.contact_date),
                ContactKind(self.contact_kind.currentData()),
                self.contact_note.text().strip(),
            )
        )

    def typed_not_added(self) -> list[str]:
        """Words typed into a box but not yet added to the record."""
        boxes = (
            (self.goal_text, "a new goal"),
            (self.contact_note, "a contact note"),
            (self.plan_note, "a plan note"),
        )
        typed = [what for box, what in boxes if box.text().strip()]
        if self.record is not None and (
            self._words(self.strengths_edit.text()) != self.record.profile.strengths
            or self._words(self.can_offer_edit.text()) != self.record.profile.can_offer
        ):
            typed.append("changed strengths")
        return typed

    def change_saved(self) -> None:
        """The change asked for was saved: the words typed for it can go."""
        if self._clear_when_saved is not None:
            self._clear_when_saved.clear()
        self._clear_when_saved = None

    def change_not_saved(self) -> None:
        """The worker said no, or the save failed: keep the words so they can be changed."""
        self._clear_when_saved = None

    def _on_set_referral_clicked(self) -> None:
        kind = self.referral.currentData()
        self.referral_requested.emit(
            None if kind is None else Referral(ReferralKind(kind), picked_date(self.referral_date))
        )
