"""Interests typed in the person's own words, shown as removable chips.

Enter or a comma adds what was typed; Backspace in an empty box removes the last chip; each
chip is a button (Space or Enter removes it). Completion offers taxonomy words and forgives
typos.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.services.search import InterestSuggester
from navigator.ui.common.flow_layout import FlowLayout

MAX_INTEREST_CHARS = 60


class _InterestLine(QLineEdit):
    backspace_on_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            return
        super().keyPressEvent(event)


class InterestChips(QWidget):
    interests_changed = Signal()

    def __init__(self, suggester: InterestSuggester, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggester = suggester
        self._interests: list[str] = []
        self.line = _InterestLine()
        self.line.setAccessibleName("Interests")
        self.line.setPlaceholderText("Type an interest, then Enter (e.g. gardening, choir)")
        self.line.setMaxLength(MAX_INTEREST_CHARS)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        # The suggester already chose and ordered the words; show them all as they are.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(completer)
        # Chips wrap onto more lines rather than widen the profile panel.
        self._chips_row = FlowLayout()
        self._chips_row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addLayout(self._chips_row)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.returnPressed.connect(self._on_line_return_pressed)
        self.line.backspace_on_empty.connect(self._on_line_backspace_on_empty)

    def set_suggester(self, suggester: InterestSuggester) -> None:
        """Completion words change when the directory does (its keywords are offered)."""
        self._suggester = suggester

    def interests(self) -> tuple[str, ...]:
        return tuple(self._interests)

    def set_interests(self, interests: tuple[str, ...]) -> None:
        self._interests = []
        for interest in interests:
            self._append(interest)
        self._rebuild_chips()
        self.interests_changed.emit()

    def add(self, text: str) -> None:
        if self._append(text):
            self._rebuild_chips()
            self.interests_changed.emit()

    def remove(self, interest: str) -> None:
        if interest in self._interests:
            self._interests.remove(interest)
            self._rebuild_chips()
            self.interests_changed.emit()

    def _append(self, text: str) -> bool:
        interest = " ".join(text.split())[:MAX_INTEREST_CHARS]
        if not interest or interest.casefold() in (i.casefold() for i in self._interests):
            return False
        self._interests.append(interest)
        return True

    def _rebuild_chips(self) -> None:
        while self._chips_row.count() > 0:
            item = self._chips_row.takeAt(0)
            chip = item.widget() if item is not None else None
            if chip is not None:
                chip.deleteLater()
        for interest in self._interests:
            chip = QPushButton(f"{interest}  ✕")
            chip.setAccessibleName(f"Remove interest {interest}")
            chip.setToolTip(f"Remove “{interest}”")
            chip.setObjectName("interestChip")
            chip.clicked.connect(lambda _=False, i=interest: self.remove(i))
            self._chips_row.addWidget(chip)

    def _on_line_text_edited(self, text: str) -> None:
        if "," in text:
            *done, rest = text.split(",")
            for part in done:
                self.add(part)
            self.line.setText(rest.lstrip())
            return
        self._completions.setStringList(self._suggester.suggest(text))

    def _on_line_backspace_on_empty(self) -> None:
        if self._interests:
            self.remove(self._interests[-1])

    def _on_line_return_pressed(self) -> None:
        completer = self.line.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            popup.hide()
        self.add(self.line.text())
        self.line.clear()
