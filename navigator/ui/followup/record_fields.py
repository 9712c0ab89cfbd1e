"""The small pieces a person's record is built from: tables, boxes and date fields with
names a screen reader says, the warning shown while typing text that looks identifying, and
an outcome in one line of words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QLabel, QLineEdit, QTableView

from navigator.domain.identifiers import find_identifiers
from navigator.domain.people import (
    BELONGING_ANSWERS,
    MAX_TEXT_CHARS,
    ONS4_ITEMS,
    ContactKind,
    OutcomeRecord,
)
from navigator.ui.followup.people_models import short_date

CONTACT_LABELS = {
    ContactKind.APPOINTMENT: "Appointment",
    ContactKind.PHONE: "Phone call",
    ContactKind.VIDEO: "Video call",
    ContactKind.WENT_ALONG: "Went along with them",
    ContactKind.REVIEW: "Review",
    ContactKind.OTHER: "Other",
}


def outcome_line(outcome: OutcomeRecord) -> str:
    parts = [short_date(outcome.on)]
    if outcome.ucla_total is not None:
        parts.append(f"UCLA loneliness {outcome.ucla_total} (3-9, lower is less lonely)")
    if outcome.lonely is not None:
        parts.append(f"feels lonely: {outcome.lonely.label.lower()}")
    scores = [
        f"{item.lower()} {score}"
        for item, score in zip(ONS4_ITEMS, outcome.ons4, strict=True)
        if score is not None
    ]
    if scores:
        parts.append(", ".join(scores))
    if outcome.belonging is not None:
        parts.append(f"belonging: {BELONGING_ANSWERS[outcome.belonging].lower()}")
    return "; ".join(parts)


def record_table(name: str, model: QAbstractItemModel) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table


def labelled_combo(name: str, labels: Mapping[Any, str]) -> QComboBox:
    """A combo box of `labels`' texts, each item's data its key (an enum member or None)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, label in labels.items():
        combo.addItem(label, value)
    return combo


def note_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(MAX_TEXT_CHARS)  # a line or two, never a case history
    return edit


def picked_date(edit: QDateEdit) -> dt.date:
    """The day shown in `edit` (QDate.toPython is typed as returning any object)."""
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def warning_label() -> QLabel:
    # No accessible name of its own: a screen reader then reads the warning's words.
    label = QLabel()
    label.setStyleSheet("color: #8a4b00")
    label.setWordWrap(True)
    return label


def warn_if_identifying(label: QLabel, text: str) -> None:
    """Say, while the worker types, when text looks like it identifies someone."""
    findings = find_identifiers(text, today=dt.date.today())
    label.setText(
        " ".join(f.message for f in findings)
        + (" Records keep no names or contact details." if findings else "")
    )
