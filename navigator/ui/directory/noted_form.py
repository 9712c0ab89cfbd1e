"""A form whose fields carry notes: labelled controls in titled sections, each with a line
under it for a problem (red) or a warning (amber) about that field.

Fields are known by the paths the native reader names problems with ("venue.postcode",
"age_max"), so a `FieldNote` from `navigator.services.editing` lands under its own control and
is set as that control's accessible description, which a screen reader says on focus.
Subclasses build their rows with `section()`, `named()` and `row()`, in Tab order.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navigator.services.editing import FieldNote, field_of

PROBLEM_COLOUR, WARNING_COLOUR = "#a40000", "#8a4b00"


class NotedForm(QWidget):
    """`changed` after every edit by the person (not while `filling()`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chain: list[QWidget] = []  # every control, in Tab order
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}  # path -> (control, its note)
        self._boxes: dict[str, QGroupBox] = {}
        self._touched: set[str] = set()
        self._filling = False

    # Building -----------------------------------------------------------------------------

    def section(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        self._boxes[title] = box
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def named(self, widget: Any, name: str) -> Any:
        """A control with its accessible name, added to the Tab order."""
        widget.setAccessibleName(name)
        self._chain.append(widget)
        return widget

    def combo(self, name: str, choices: dict[Any, str]) -> QComboBox:
        """A choice list; item data is the choice's `.value` (or the choice itself)."""
        combo = self.named(QComboBox(), name)
        # Long choices must not widen the whole column.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        for value, label in choices.items():
            combo.addItem(label, getattr(value, "value", value))
        return combo

    def row(
        self,
        form: QFormLayout,
        text: str,
        control: Any,
        content: QWidget | QLayout | None = None,
        paths: tuple[str, ...] | dict[str, QWidget] = (),
    ) -> Any:
        """A row labelled `text` (its mnemonic focuses `control`) showing `content`, or the
        control alone, with a note under it for the problems of `paths`; a row of several
        controls maps each path to its own control."""
        label = QLabel(text)
        label.setBuddy(control)
        note = QLabel()
        note.setWordWrap(True)
        note.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(content, QLayout):
            column.addLayout(content)
        else:
            column.addWidget(content or control)
        column.addWidget(note)
        form.addRow(label, holder)
        for path in paths:
            self._fields[path] = (paths[path] if isinstance(paths, dict) else control, note)
        return control

    def finish(self) -> None:
        """Call once every row is built: sets the Tab order and watches for edits."""
        for first, second in itertools.pairwise(self._chain):
            QWidget.setTabOrder(first, second)
        for path, (control, _note) in self._fields.items():
            for signal in change_signals(control):
                signal.connect(partial(self.touch, field_of(path)))

    def focus_chain(self) -> list[QWidget]:
        return list(self._chain)

    def box(self, title: str) -> QGroupBox:
        return self._boxes[title]

    # Edits and notes ----------------------------------------------------------------------

    def touch(self, field: str, *_args: object) -> None:
        """The person changed `field`: its notes show from now on."""
        if not self._filling:
            self._touched.add(field)
            self.changed.emit()

    def forget_touches(self) -> None:
        self._touched.clear()

    def shown_notes(self, notes: tuple[FieldNote, ...], everything: bool) -> list[FieldNote]:
        return [n for n in notes if everything or field_of(n.path) in self._touched]

    def show_notes(self, notes: tuple[FieldNote, ...], *, everything: bool = False) -> None:
        """Put each note under its field: all of them when `everything` (a save was tried),
        else only those of fields the person has changed."""
        by_note: dict[QLabel, list[FieldNote]] = {note: [] for _c, note in self._fields.values()}
        for item in self.shown_notes(notes, everything):
            if self.has_field(item.path):
                by_note[self._fields[self.key(item.path)][1]].append(item)
        for control, note in self._fields.values():
            items = by_note[note]
            problem = any(n.blocking for n in items)
            text = " ".join(n.message for n in items)
            note.setText(text)
            note.setVisible(bool(items))
            note.setStyleSheet(f"color: {PROBLEM_COLOUR if problem else WARNING_COLOUR}")
            control.setAccessibleDescription(text)

    def note_text(self, path: str) -> str:
        """What the note under a field says now ("" when it shows nothing)."""
        note = self._fields[self.key(path)][1]
        return "" if note.isHidden() else note.text()

    def has_field(self, path: str) -> bool:
        return field_of(path) in self._fields or path in self._fields

    def key(self, path: str) -> str:
        """The registered path a problem path belongs to ("keywords[2]" -> "keywords")."""
        field = field_of(path)
        return field if field in self._fields else path

    def control_for(self, path: str) -> QWidget:
        """The control to focus for a problem at `path`."""
        return self._fields[self.key(path)][0] if self.has_field(path) else self._chain[0]

    def order_of(self, path: str) -> int:
        """Where a problem's control comes in the Tab order, to find the first bad one."""
        control = self.control_for(path)
        return self._chain.index(control) if control in self._chain else len(self._chain)


def change_signals(control: QWidget) -> list[Any]:
    """The signals that mean the person changed a control."""
    if isinstance(control, QLineEdit):
        return [control.textEdited]
    if isinstance(control, QPlainTextEdit):
        return [control.textChanged]
    if isinstance(control, QComboBox):
        return [control.currentIndexChanged]
    if isinstance(control, QSpinBox | QDoubleSpinBox):
        return [control.valueChanged]
    if isinstance(control, QDateEdit):
        return [control.dateChanged]
    if isinstance(control, QAbstractButton):
        return [control.toggled]
    return []


def set_text(line: QLineEdit, text: str) -> None:
    """Fill a line edit showing the start of the text, not its end."""
    line.setText(text)
    line.setCursorPosition(0)


def choose(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def text_or_none(line: QLineEdit) -> str | None:
    return line.text().strip() or None


def number_or_text(line: QLineEdit) -> float | str | None:
    """A number, or the text as typed so the native reader names the problem."""
    text = line.text().strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def hbox(*widgets: QWidget, stretch: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row


def vbox(*widgets: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    return column
