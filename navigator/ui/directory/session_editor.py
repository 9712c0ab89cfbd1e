"""The sessions part of the activity editor: the regular times an activity meets.

A list of sessions in plain words ("Second Tuesday of the month, 18:00 to 20:00") with a small
form under it for the chosen one: day, start, end, how often, and for monthly sessions which
week ("2nd Tuesday"), for fortnightly ones the date the rhythm is counted from. Changes in the
form apply to the chosen session at once. Insert and Delete in the list add and remove.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Day, Frequency, Session
from navigator.domain.wording import describe_session

WEEK_LABELS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "Last"}
FREQUENCY_LABELS = {
    Frequency.WEEKLY: "Every week",
    Frequency.FORTNIGHTLY: "Every other week",
    Frequency.MONTHLY: "Once a month",
}
NO_DATE = QDate(2000, 1, 1)  # the minimum of a date box, shown as "Not set"
PROBLEM_COLOUR = QColor("#a40000")
Index = QModelIndex | QPersistentModelIndex


class SessionListModel(QAbstractListModel):
    """The sessions being edited; a row with a problem is shown in red with the reason."""

    SESSION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: list[Session] = []
        self._problems: dict[int, str] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        session = self._sessions[index.row()]
        problem = self._problems.get(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_session(session) + (" (needs attention)" if problem else "")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return problem
        if role == Qt.ItemDataRole.ForegroundRole and problem:
            return QBrush(PROBLEM_COLOUR)
        if role == self.SESSION_ROLE:
            return session
        return None

    def sessions(self) -> tuple[Session, ...]:
        return tuple(self._sessions)

    def set_sessions(self, sessions: tuple[Session, ...]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self._problems = {}
        self.endResetModel()

    def replace(self, row: int, session: Session) -> None:
        self._sessions[row] = session
        self.dataChanged.emit(self.index(row), self.index(row))

    def append(self, session: Session) -> int:
        row = len(self._sessions)
        self.beginInsertRows(QModelIndex(), row, row)
        self._sessions.append(session)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._sessions[row]
        self._problems = {(r - (r > row)): text for r, text in self._problems.items() if r != row}
        self.endRemoveRows()

    def set_problems(self, problems: dict[int, str]) -> None:
        self._problems = dict(problems)
        if self._sessions:
            self.dataChanged.emit(self.index(0), self.index(len(self._sessions) - 1))


class SessionEditor(QWidget):
    """`sessions()` and `set_sessions()`; `changed` after every edit by the user."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.model = SessionListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Sessions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setToolTip("Insert adds a session, Delete removes the chosen one")
        self.list.setMinimumHeight(60)
        self.list.setMaximumHeight(90)
        self.add_button = QPushButton("Add a session")
        self.add_button.setAccessibleName("Add a session")
        self.remove_button = QPushButton("Remove session")
        self.remove_button.setAccessibleName("Remove the chosen session")
        self.day = QComboBox()
        self.day.setAccessibleName("Session day")
        for day in Day:
            self.day.addItem(day.label, day.value)
        self.start = _time_box("Session start time")
        self.end = _time_box("Session end time")
        self.frequency = QComboBox()
        self.frequency.setAccessibleName("How often")
        for frequency, label in FREQUENCY_LABELS.items():
            self.frequency.addItem(label, frequency.value)
        self.week = QComboBox()
        self.week.setAccessibleName("Which week of the month")
        for week in WEEK_LABELS:
            self.week.addItem("", week)
        self.starts_on = QDateEdit()
        self.starts_on.setAccessibleName("Fortnightly sessions counted from")
        self.starts_on.setDisplayFormat("d MMM yyyy")
        self.starts_on.setCalendarPopup(True)
        self.starts_on.setMinimumDate(NO_DATE)
        self.starts_on.setSpecialValueText("Not set")
        self.starts_on.setToolTip(
            "A date the activity met, so the every-other-week rhythm is known"
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {PROBLEM_COLOUR.name()}")
        self.note.hide()
        self._labels: dict[str, QLabel] = {}
        self._problems: dict[int, dict[str, str]] = {}
        self._build_layout()
        self._connect_signals()
        self._on_selection_changed()

    # Layout -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, text, widget in (
            ("day", "Da&y:", self.day),
            ("start", "Sta&rts:", self.start),
            ("end", "&Ends:", self.end),
            ("frequency", "Fre&quency:", self.frequency),
            ("week", "Which &week:", self.week),
            ("starts_on", "Counted from:", self.starts_on),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.note)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        QShortcut(
            QKeySequence(Qt.Key.Key_Insert),
            self.list,
            self._on_add_clicked,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.list,
            self._on_remove_clicked,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.list.selectionModel().currentChanged.connect(self._on_selection_changed)
        for combo in (self.day, self.frequency, self.week):
            combo.currentIndexChanged.connect(self._on_form_edited)
        for box in (self.start, self.end):
            box.timeChanged.connect(self._on_form_edited)
        self.starts_on.dateChanged.connect(self._on_form_edited)

    def focus_chain(self) -> list[QWidget]:
        """The controls in Tab order."""
        return [
            self.list,
            self.add_button,
            self.remove_button,
            self.day,
            self.start,
            self.end,
            self.frequency,
            self.week,
            self.starts_on,
        ]

    # The sessions -------------------------------------------------------------------------

    def sessions(self) -> tuple[Session, ...]:
        return self.model.sessions()

    def set_sessions(self, sessions: tuple[Session, ...]) -> None:
        self.model.set_sessions(sessions)
        if sessions:
            self.list.setCurrentIndex(self.model.index(0))
        self._on_selection_changed()

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def show_problems(self, problems: dict[int, dict[str, str]]) -> None:
        """Per session row, field ("start", "end", "week_of_month") -> message."""
        self._problems = problems
        self.model.set_problems(
            {row: " ".join(fields.values()) for row, fields in problems.items()}
        )
        self._show_current_problems()

    def focus_problem(self, row: int, field: str) -> QWidget:
        """Choose the session with a problem; the control to focus for it."""
        self.select(row)
        return {
            "day": self.day,
            "start": self.start,
            "frequency": self.frequency,
            "week_of_month": self.week,
            "starts_on": self.starts_on,
        }.get(field, self.end)

    def _show_current_problems(self) -> None:
        row = self.current_row()
        fields = self._problems.get(row, {})
        lines = [f"This session: {text}" for text in fields.values()]
        others = [str(r + 1) for r in sorted(self._problems) if r != row]
        if others:
            lines.append(
                f"Session {', '.join(others)} also need{'s' * (len(others) == 1)} "
                "attention (shown in red)."
            )
        self.note.setText("\n".join(lines))
        self.note.setVisible(bool(lines))
        for key, widget in (("start", self.start), ("end", self.end), ("week_of_month", self.week)):
            widget.setAccessibleDescription(fields.get(key, ""))

    # Slots --------------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        row = self.current_row()
        template = (
            self.model.sessions()[row]
            if row >= 0
            else Session(Day.MON, dt.time(10, 0), dt.time(12, 0))
        )
        self.select(self.model.append(template))
        self.day.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _on_remove_clicked(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove(row)
        if self.model.rowCount():
            self.select(min(row, self.model.rowCount() - 1))
        self._on_selection_changed()
        self.changed.emit()

    def _on_selection_changed(self, *_args: object) -> None:
        row = self.current_row()
        has_session = row >= 0
        for widget in self.focus_chain()[2:]:
            widget.setEnabled(has_session)
        self._filling = True
        try:
            session = (
                self.model.sessions()[row]
                if has_session
                else Session(Day.MON, dt.time(10, 0), dt.time(12, 0))
            )
            self.day.setCurrentIndex(self.day.findData(session.day.value))
            self.start.setTime(QTime(session.start.hour, session.start.minute))
            self.end.setTime(QTime(session.end.hour, session.end.minute))
            self.frequency.setCurrentIndex(self.frequency.findData(session.frequency.value))
            # -1 (nothing chosen) for a monthly session that does not say which week yet.
            self.week.setCurrentIndex(
                self.week.findData(session.week_of_month or 1)
                if session.week_of_month or session.frequency is not Frequency.MONTHLY
                else -1
            )
            starts = session.starts_on
            self.starts_on.setDate(
                QDate(starts.year, starts.month, starts.day) if starts else NO_DATE
            )
        finally:
            self._filling = False
        self._update_visibility()
        self._show_current_problems()

    def _on_form_edited(self, *_args: object) -> None:
        self._update_visibility()
        row = self.current_row()
        if self._filling or row < 0:
            return
        frequency = Frequency(self.frequency.currentData())
        start, end, starts = self.start.time(), self.end.time(), self.starts_on.date()
        session = replace(
            self.model.sessions()[row],
            day=Day(self.day.currentData()),
            start=dt.time(start.hour(), start.minute()),
            end=dt.time(end.hour(), end.minute()),
            frequency=frequency,
            week_of_month=self.week.currentData() if frequency is Frequency.MONTHLY else None,
            starts_on=dt.date(starts.year(), starts.month(), starts.day())
            if frequency is Frequency.FORTNIGHTLY and starts != NO_DATE
            else None,
        )
        self.model.replace(row, session)
        self.changed.emit()

    def _update_visibility(self) -> None:
        """Which week for monthly sessions, the counted-from date for fortnightly ones; the
        week choices name the day ("2nd Tuesday")."""
        frequency = self.frequency.currentData()
        for key, widget, shown in (
            ("week", self.week, frequency == Frequency.MONTHLY.value),
            ("starts_on", self.starts_on, frequency == Frequency.FORTNIGHTLY.value),
        ):
            widget.setVisible(shown)
            self._labels[key].setVisible(shown)
        day = Day(self.day.currentData()).label
        for position, label in enumerate(WEEK_LABELS.values()):
            self.week.setItemText(position, f"{label} {day}")


def _time_box(name: str) -> QTimeEdit:
    box = QTimeEdit()
    box.setAccessibleName(name)
    box.setDisplayFormat("HH:mm")
    return box
