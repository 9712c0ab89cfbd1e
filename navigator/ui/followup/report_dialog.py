"""The service report's dialog (issue 16, item 8): choose the period, then save the report
as a PDF or a CSV. The follow-up view makes and writes it (services/service_report.py); this
only asks. Counts only, so nothing here names anyone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.ui.followup.record_fields import date_edit, picked_date, qdate

PDF, CSV = "pdf", "csv"


class ServiceReportDialog(QDialog):
    save_requested = Signal(object, object, str)  # start, end (dt.date), PDF or CSV

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Service report")
        intro = QLabel(
            "For managers and commissioners: people supported, what they tried and kept "
            "going to, why they stopped, change in loneliness, wellbeing and belonging, and "
            "the steps of the model delivered. Counts only: under 5 are hidden, and no "
            "reference or note is included."
        )
        intro.setWordWrap(True)
        self.start = date_edit("Report from")
        self.start.setDate(qdate(dt.date(today.year, 1, 1)))
        self.end = date_edit("Report to")
        self.end.setDate(qdate(today))
        form = QFormLayout()
        form.addRow("&From:", self.start)
        form.addRow("&To:", self.end)
        self.save_pdf = QPushButton("Save as &PDF…")
        self.save_csv = QPushButton("Save as &CSV…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # No default button: Enter in a date box must not save a file.
        for button in (self.save_pdf, self.save_csv):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.save_pdf.clicked.connect(lambda: self._ask(PDF))
        self.save_csv.clicked.connect(lambda: self._ask(CSV))

    def period(self) -> tuple[dt.date, dt.date]:
        return picked_date(self.start), picked_date(self.end)

    def _ask(self, kind: str) -> None:
        start, end = self.period()
        self.save_requested.emit(start, end, kind)
