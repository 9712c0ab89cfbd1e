"""Two activities side by side, field by field, with a choice of side for each difference.

Fields that differ come first, each with a pair of radio buttons (Tab moves between fields,
the arrow keys between left and right); the value that will be kept is shown on green, the
one that will be dropped on amber, so the merged result can be read straight down the page.
Fields that are the same follow, greyed, written once across both columns.

Directory text comes from outside, so every label is plain text, never markup.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.services.merging import FieldDifference, Side, field_by_field

KEPT_STYLE = "QFrame#cell { background: #e2f2dc; border: 1px solid #8fc185; border-radius: 4px; }"
DROPPED_STYLE = (
    "QFrame#cell { background: #fdf3dc; border: 1px solid #e5cf95; border-radius: 4px; }"
)
# Muted, but dark enough to read easily (about 7:1 on the usual window grey).
SAME_STYLE = "color: #4f4f4f;"


class _ValueLabel(QLabel):
    """A value beside its radio button; clicking the words chooses it too."""

    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self._button = button
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._button.setChecked(True)
        self._button.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()


class _Choice:
    """The two cells of one differing field and the radio buttons that choose between them."""

    def __init__(self, difference: FieldDifference, side: Side, parent: QWidget) -> None:
        self.difference = difference
        label = difference.label.lower()
        self.left = QRadioButton()
        self.left.setAccessibleName(f"Keep the left {label}")
        self.left.setAccessibleDescription(difference.a_text)
        self.right = QRadioButton()
        self.right.setAccessibleName(f"Keep the right {label}")
        self.right.setAccessibleDescription(difference.b_text)
        self.group = QButtonGroup(parent)
        self.group.addButton(self.left)
        self.group.addButton(self.right)
        self.left_cell = _cell(self.left, difference.a_text)
        self.right_cell = _cell(self.right, difference.b_text)
        (self.left if side == "a" else self.right).setChecked(True)
        self.group.buttonToggled.connect(self._on_group_button_toggled)
        self._on_group_button_toggled()

    def side(self) -> Side:
        return "a" if self.left.isChecked() else "b"

    def _on_group_button_toggled(self, *_args: object) -> None:
        left_kept = self.left.isChecked()
        self.left_cell.setStyleSheet(KEPT_STYLE if left_kept else DROPPED_STYLE)
        self.right_cell.setStyleSheet(DROPPED_STYLE if left_kept else KEPT_STYLE)


def _cell(button: QRadioButton, text: str) -> QFrame:
    cell = QFrame()
    cell.setObjectName("cell")
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(6, 4, 6, 4)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(_ValueLabel(text, button), 1)
    return cell


class DuplicateComparison(QScrollArea):
    """The side-by-side comparison of one pair; `choices()` says which side each field takes."""

    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Side-by-side comparison")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._choices: dict[str, _Choice] = {}
        self.show_message("Choose a pair above to compare them side by side.")

    def show_message(self, text: str) -> None:
        """No pair: a sentence in place of the comparison."""
        self._choices = {}
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName("Comparison message")
        self.setWidget(label)

    def set_pair(self, a: Activity, b: Activity, choices: dict[str, Side]) -> None:
        """Show `a` (kept, on the left) and `b`; `choices` are the starting sides."""
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(0, 150)
        rows = field_by_field(a, b)
        differing = [r for r in rows if r.differs]
        same = [r for r in rows if not r.differs]

        grid.addWidget(_heading(f"Left, kept: {a.name}\n{a.id}"), 0, 1)
        grid.addWidget(_heading(f"Right, archived after the merge: {b.name}\n{b.id}"), 0, 2)
        row = 1
        self._choices = {}
        if differing:
            fields = "1 field" if len(differing) == 1 else f"{len(differing)} fields"
            grid.addWidget(
                _section(
                    f"Different in {fields}: choose which to keep (the merged "
                    "entry gets the values on green)"
                ),
                row,
                0,
                1,
                3,
            )
            row += 1
        for difference in differing:
            choice = _Choice(difference, choices.get(difference.field, "a"), page)
            choice.group.buttonToggled.connect(self._on_choice_button_toggled)
            self._choices[difference.field] = choice
            grid.addWidget(
                _field_label(difference.label, bold=True), row, 0, Qt.AlignmentFlag.AlignTop
            )
            grid.addWidget(choice.left_cell, row, 1)
            grid.addWidget(choice.right_cell, row, 2)
            row += 1
        if same:
            grid.addWidget(_section(f"The same in both ({len(same)})"), row, 0, 1, 3)
            row += 1
        for field in same:
            grid.addWidget(_field_label(field.label, bold=False), row, 0, Qt.AlignmentFlag.AlignTop)
            value = QLabel(field.a_text)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setStyleSheet(SAME_STYLE)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(value, row, 1, 1, 2)
            row += 1
        grid.setRowStretch(row, 1)
        self.setWidget(page)
        # Tab walks the fields top to bottom, left choice before right.
        buttons = [b for c in self._choices.values() for b in (c.left, c.right)]
        for first, second in itertools.pairwise(buttons):
            QWidget.setTabOrder(first, second)

    def choices(self) -> dict[str, Side]:
        return {name: choice.side() for name, choice in self._choices.items()}

    def choose(self, field: str, side: Side) -> None:
        choice = self._choices[field]
        (choice.left if side == "a" else choice.right).setChecked(True)

    def first_choice(self) -> QRadioButton | None:
        """The first field's checked button, for keyboard focus."""
        for choice in self._choices.values():
            return choice.left if choice.side() == "a" else choice.right
        return None

    def _on_choice_button_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.choices_changed.emit()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _section(text: str) -> QLabel:
    label = _heading(text)
    label.setContentsMargins(0, 10, 0, 2)
    return label


def _field_label(text: str, *, bold: bool) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    else:
        label.setStyleSheet(SAME_STYLE)
    return label
