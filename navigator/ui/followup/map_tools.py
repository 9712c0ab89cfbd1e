"""The network map editor's tools: its actions (each with keys, a tooltip and a name for a
screen reader), their buttons, and the side panel that holds the list, the buttons, the
status and the keys hint. Kept apart from the editor so that it reads as what it does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Key = QKeySequence | str | QKeySequence.StandardKey | Qt.Key  # anything QKeySequence takes
KEYS_HINT = (
    "Keys: Insert adds · F2 edits · Delete removes · Ctrl+↑ / Ctrl+↓ move to an inner "
    "or outer circle · Ctrl+← / Ctrl+→ move round · Ctrl+Z undoes"
)


def make_action(
    owner: QWidget,
    text: str,
    name: str,
    keys: Sequence[Key],
    slot: Callable[[], object],
) -> QAction:
    """An action on `owner` whose keys work anywhere inside it; its tooltip shows the keys."""
    sequences = [QKeySequence(k) for k in keys]
    action = QAction(text, owner)
    action.setShortcuts(sequences)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in sequences)
    action.setToolTip(f"{name} ({shown})" if shown else name)
    action.setStatusTip(name)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setAccessibleName(action.statusTip())
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def side_panel(
    members_list: QListView,
    rows: Sequence[Sequence[QAction]],
    status: QLabel,
    keys_hint: QLabel,
) -> QScrollArea:
    """The list with its heading, a row of buttons per group of actions, the status and the
    keys hint. It scrolls on a short screen rather than push the window taller."""
    side = QWidget()
    side.setMinimumWidth(300)
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel("<b>On the map</b> (closest first)")
    heading.setBuddy(members_list)
    side_layout.addWidget(heading)
    side_layout.addWidget(members_list, 1)
    for row in rows:
        buttons = QHBoxLayout()
        for action in row:
            buttons.addWidget(tool_button(action))
        side_layout.addLayout(buttons)
    side_layout.addWidget(status)
    side_layout.addWidget(keys_hint)
    side_scroll = QScrollArea()
    side_scroll.setAccessibleName("Map members and tools")
    side_scroll.setWidget(side)
    side_scroll.setWidgetResizable(True)
    side_scroll.setFrameShape(QFrame.Shape.NoFrame)
    side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return side_scroll


def lay_out_editor(owner: QWidget, left: Sequence[QWidget], side: QWidget) -> None:
    """The drawing column (its last widget stretching) beside the side panel."""
    column = QWidget()
    column_layout = QVBoxLayout(column)
    column_layout.setContentsMargins(0, 0, 0, 0)
    for widget in left[:-1]:
        column_layout.addWidget(widget)
    column_layout.addWidget(left[-1], 1)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(column)
    splitter.addWidget(side)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
