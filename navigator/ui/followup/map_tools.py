"""The network map editor's tools: its actions (each with keys, a tooltip and a name for a
screen reader), their buttons, and the side panel that holds the list, the buttons, the
status and the keys hint. Kept apart from the editor so that it reads as what it does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
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


class ButtonRow(QLayout):
    """Buttons left to right, wrapping onto more lines when the panel is narrow, each line
    shared out among its buttons (so a full line looks like an ordinary row of buttons).
    As narrow as its widest button: a long label never pushes the panel wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def minimumSize(self) -> QSize:
        size = QSize(0, 0)
        for item in self._items:
            size = size.expandedTo(item.sizeHint())  # a button is never squeezed below its text
        return size

    def sizeHint(self) -> QSize:
        width = sum(item.sizeHint().width() for item in self._items)
        width += self.spacing() * max(0, len(self._items) - 1)
        return QSize(width, self.minimumSize().height())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in (i for i in self._items if not i.isEmpty()):
            wanted = item.sizeHint().width()
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the buttons out in `rect` (when `place`); the height they take either way."""
        y = rect.y()
        for line in self._lines(rect.width()):
            height = max(item.sizeHint().height() for item in line)
            if place:
                gaps = self.spacing() * (len(line) - 1)
                natural = sum(item.sizeHint().width() for item in line)
                spare = max(0, rect.width() - gaps - natural) / len(line)
                x = float(rect.x())
                for item in line:
                    width = item.sizeHint().width() + spare
                    item.setGeometry(QRect(round(x), y, round(x + width) - round(x), height))
                    x += width + self.spacing()
            y += height + self.spacing()
        return max(0, y - rect.y() - self.spacing())


class SidePanel(QScrollArea):
    """Scrolls up and down on a short screen; never narrower than what it holds, so nothing in
    it is cut off at the right (a splitter beside it cannot squeeze it)."""

    def minimumSizeHint(self) -> QSize:
        inside = self.widget()
        width = inside.minimumSizeHint().width() if inside is not None else 0
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(width + bar + 2 * self.frameWidth(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        # Room for the list's names, and for each group of buttons on one line where it can.
        em = self.fontMetrics().horizontalAdvance("M")
        width = max(self.minimumSizeHint().width(), 22 * em)
        return QSize(width, super().sizeHint().height())


def side_panel(
    members_list: QListView,
    rows: Sequence[Sequence[QAction]],
    status: QLabel,
    keys_hint: QLabel,
) -> QScrollArea:
    """The list with its heading, a wrapping row of buttons per group of actions, the status
    and the keys hint. It scrolls on a short screen rather than push the window taller."""
    side = QWidget()
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel("<b>On the map</b> (closest first)")
    heading.setWordWrap(True)
    heading.setBuddy(members_list)
    side_layout.addWidget(heading)
    members_list.setMinimumWidth(1)  # names wrap; the list never sets the panel's width
    side_layout.addWidget(members_list, 1)
    for row in rows:
        buttons = ButtonRow()
        for action in row:
            buttons.addWidget(tool_button(action))
        side_layout.addLayout(buttons)
    for note in (status, keys_hint):
        note.setWordWrap(True)
        note.setMinimumWidth(1)  # a long sentence wraps instead of widening the panel
        side_layout.addWidget(note)
    return scrolling(side, "Map members and tools")


def scrolling(inside: QWidget, name: str) -> SidePanel:
    """`inside` in a SidePanel: scrolled up and down, never squeezed or cut off at the right."""
    panel = SidePanel()
    panel.setAccessibleName(name)
    panel.setWidget(inside)
    panel.setWidgetResizable(True)
    panel.setFrameShape(QFrame.Shape.NoFrame)
    panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return panel


def lay_out_editor(owner: QWidget, left: Sequence[QWidget], side: QWidget) -> None:
    """The drawing column (its last widget stretching) beside the side panel; the drawing
    takes whatever width the side panel does not need."""
    column = QWidget()
    column_layout = QVBoxLayout(column)
    column_layout.setContentsMargins(0, 0, 0, 0)
    for widget in left[:-1]:
        column_layout.addWidget(widget)
    column_layout.addWidget(left[-1], 1)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(column)
    splitter.addWidget(side)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 0)
    splitter.setChildrenCollapsible(False)
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
