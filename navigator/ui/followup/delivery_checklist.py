"""How fully the model was delivered for one person (issue 16, item 7): a checklist shown
beside their outcomes, each step ticked with its date where the record keeps one
(services/model_delivery.py reads the record). Also the belonging question's answer box,
which sits with the outcome questions in the same tab.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from navigator.domain.people import BELONGING_ANSWERS, BELONGING_QUESTION, PersonRecord
from navigator.services.model_delivery import ModelDelivery, StepState, model_delivery
from navigator.ui.followup.people_models import short_date
from navigator.ui.followup.record_fields import labelled_combo

DONE_COLOUR = "#2f6b3b"
PLANNED_COLOUR = "#8a4b00"
MARKS = {StepState.DONE: "\u2713", StepState.PLANNED: "\u25d4", StepState.NOT_YET: "\u25cb"}
STATE_WORDS = {StepState.DONE: "done", StepState.PLANNED: "planned", StepState.NOT_YET: "not yet"}


def checklist_lines(delivery: ModelDelivery) -> list[str]:
    """ "Network map drawn: done, 3 Mar 2026" ... in plain words, one a step."""
    lines = []
    for step in delivery.steps:
        when = f", {short_date(step.on)}" if step.on else ""
        lines.append(f"{step.step.label}: {STATE_WORDS[step.state]}{when}")
    return lines


class DeliveryChecklist(QLabel):
    """The steps of the model for the record shown: ✓ done (with the date), ◔ planned,
    ○ not yet; and how many of the six are done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("How fully the model was delivered")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a screen reader can reach it
        self.show_record(None)

    def show_record(self, record: PersonRecord | None) -> None:
        if record is None:
            self.setText("")
            self.setAccessibleDescription("")
            return
        delivery = model_delivery(record)
        cells = []
        for step in delivery.steps:
            colour = {StepState.DONE: DONE_COLOUR, StepState.PLANNED: PLANNED_COLOUR}.get(
                step.state, "#56616b"
            )
            when = short_date(step.on) if step.on else STATE_WORDS[step.state]
            cells.append(
                f'<td style="color:{colour}"><b>{MARKS[step.state]}</b></td>'
                f"<td>{html.escape(step.step.label)}</td>"
                f'<td style="color:#56616b; padding-right:12px">{html.escape(when)}</td>'
            )
        # Two columns of three, in the model's order down each: short enough to sit above
        # the outcome chart on a laptop screen.
        half = (len(cells) + 1) // 2
        rows = "".join(
            f"<tr>{cells[i]}{cells[i + half] if i + half < len(cells) else ''}</tr>"
            for i in range(half)
        )
        self.setText(
            f"<b>The model delivered: {delivery.done_count} of {len(delivery.steps)} steps</b>"
            f'<table cellspacing="0" cellpadding="2">{rows}</table>'
        )
        self.setAccessibleDescription("; ".join(checklist_lines(delivery)))


def belonging_combo() -> QComboBox:
    """The belonging question's answers, not answered first."""
    return labelled_combo(BELONGING_QUESTION, {None: "Not answered", **BELONGING_ANSWERS})
