"""'Report a problem' with a directory entry: what is wrong, in a few ticks and a short note.

The note is about the activity; it is checked for anything that identifies a person.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.identifiers import find_identifiers
from navigator.domain.reports import MAX_NOTE_CHARS, ProblemKind, ProblemReport


class ReportProblemDialog(QDialog):
    reported = Signal(object)  # ProblemReport

    def __init__(self, activity: Activity, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report a problem")
        self._activity = activity
        self._today = today
        self.kinds = {kind: QCheckBox(kind.label.capitalize()) for kind in ProblemKind}
        for kind, box in self.kinds.items():
            box.setAccessibleName(f"Problem: {kind.label}")
        self.note = QLineEdit()
        self.note.setAccessibleName("What is wrong, briefly")
        self.note.setPlaceholderText("e.g. now meets on Fridays (no names, please)")
        self.note.setMaxLength(MAX_NOTE_CHARS)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Send &report")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"What is wrong with <b>{escape(activity.name)}</b>?"))
        for box in self.kinds.values():
            layout.addWidget(box)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._on_note_changed)

    def _on_note_changed(self, text: str) -> None:
        findings = find_identifiers(text, today=self._today)
        self.message.setText(
            " ".join(f.message for f in findings)
            + (" Reports are about the activity, not people." if findings else "")
        )

    def _on_accepted(self) -> None:
        kinds = tuple(kind for kind, box in self.kinds.items() if box.isChecked())
        if not kinds:
            self.message.setText("Tick at least one thing that is wrong.")
            return
        if find_identifiers(self.note.text(), today=self._today):
            return  # the message already says why; the worker changes the note
        self.reported.emit(
            ProblemReport(self._activity.id, kinds, self.note.text().strip(), self._today)
        )
        self.accept()
