"""“Show the map from:”: a choice of the saved, dated network maps to look back at.

While an earlier map is chosen a note says it is only to look at; choosing “Now” goes back
to the map being edited. The editor hears each choice as `chosen(NetworkSnapshot | None)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from navigator.domain.people import NetworkSnapshot
from navigator.ui.followup.network_style import count_members, day

NOW = "Now: the map you are working on"


class EarlierMaps(QWidget):
    """The choice of map to show, and the note shown while it is an earlier one."""

    chosen = Signal(object)  # the earlier NetworkSnapshot chosen, or None for "Now"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history: tuple[NetworkSnapshot, ...] = ()
        self._viewing: NetworkSnapshot | None = None
        self._syncing = False  # the box is being filled or reset, not chosen from
        self.box = QComboBox()
        self.box.setAccessibleName("Which map to show")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background: #fdf0c4; color: #4a3b00; padding: 6px; border-radius: 4px;"
        )
        self.note.hide()
        top = QHBoxLayout()
        label = QLabel("&Show the map from:")
        label.setBuddy(self.box)
        top.addWidget(label)
        top.addWidget(self.box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        self.box.currentIndexChanged.connect(self._on_box_current_index_changed)
        self._refresh()

    @property
    def viewing(self) -> NetworkSnapshot | None:
        """The earlier map shown, or None while the map being edited is shown."""
        return self._viewing

    def set_history(self, snapshots: Sequence[NetworkSnapshot]) -> None:
        """The saved, dated maps to choose from; if the one shown is gone, back to "Now"."""
        self._history = tuple(sorted(snapshots, key=lambda s: s.on))
        self._refresh()

    def show_earlier(self, on: dt.date | None) -> None:
        """Choose the saved map from that day; None (or a day with no map) chooses "Now"."""
        index = self.box.findData(on.isoformat() if on else "")
        self.box.setCurrentIndex(max(index, 0))

    def back_to_now(self) -> None:
        """Show the map being edited again, without telling anyone (the caller is doing it)."""
        self._viewing = None
        self.note.hide()
        if self.box.currentIndex() != 0:
            self._syncing = True
            self.box.setCurrentIndex(0)
            self._syncing = False

    def _refresh(self) -> None:
        showing = self._viewing.on.isoformat() if self._viewing else ""
        self._syncing = True
        self.box.clear()
        self.box.addItem(NOW, "")
        for snapshot in reversed(self._history):
            self.box.addItem(
                f"{day(snapshot.on)}: {count_members(snapshot.size)}", snapshot.on.isoformat()
            )
        self.box.setEnabled(bool(self._history))
        self._syncing = False
        self.box.setCurrentIndex(max(self.box.findData(showing), 0))
        if self.box.currentData() != showing:
            self._on_box_current_index_changed(self.box.currentIndex())

    def _on_box_current_index_changed(self, _index: int) -> None:
        if self._syncing:
            return
        key = self.box.currentData() or ""
        earlier = next((s for s in self._history if s.on.isoformat() == key), None)
        self._viewing = earlier
        if earlier is None:
            self.note.hide()
        else:
            self.note.setText(
                f"This is the map from {day(earlier.on)}, to look back at: it cannot be changed "
                "here. Choose “Now” above to go back to the map you are working on."
            )
            self.note.show()
        self.chosen.emit(earlier)
