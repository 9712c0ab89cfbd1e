"""The network map editor: the drawing, a list of the same members, and a way back in time.

Everything the mouse does on the drawing can be done from the list with the keyboard:
Insert adds, F2 or Enter edits, Delete removes, Ctrl+Up and Ctrl+Down move a member to an
inner or outer circle, Ctrl+Left and Ctrl+Right move it round its circle, Ctrl+Z and
Ctrl+Shift+Z undo and redo. Every change is one command on a `QUndoStack`.

The editor never talks to the people store. It takes a `NetworkSnapshot` (`set_snapshot`)
and the dated snapshots to look back at (`set_history`), gives `snapshot(on)` and emits
`changed`, `save_requested(NetworkSnapshot)`, `print_requested` and `pdf_requested`; the
window wires those to `PeopleService` and to the dialog seam.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMarginsF,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPixmap,
    QResizeEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.identifiers import Finding, find_identifiers, find_name
from navigator.domain.people import (
    MAX_ALIAS_CHARS,
    ContactFrequency,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    Relationship,
    Support,
)
from navigator.domain.wording import day_month_year
from navigator.ui.followup.network_scene import (
    CIRCLE_LABELS,
    CIRCLE_NAMES,
    FREQUENCY_LABELS,
    KIND_LABELS,
    RELATIONSHIP_LABELS,
    SUPPORT_LABELS,
    NetworkScene,
    describe_member,
    layout_angles,
    paint_kind,
    paint_map_page,
)

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROTATE_STEP = 15.0  # degrees round the circle per Ctrl+Left / Ctrl+Right
PDF_RESOLUTION = 300
PDF_MARGINS_MM = QMarginsF(15, 15, 15, 15)

ModelIndex = QModelIndex | QPersistentModelIndex
TextChecker = Callable[[str], Sequence[Finding]]


def day(d: dt.date) -> str:
    """3 March 2026."""
    return day_month_year(d)


class NetworkMembersModel(QAbstractListModel):
    """The members in the order they were added; a proxy sorts them inner circle first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: tuple[NetworkMember, ...] = ()
        self._icons: dict[Any, QIcon] = {}

    def set_members(self, members: Sequence[NetworkMember]) -> None:
        members = tuple(members)
        if len(members) == len(self._members) and members:
            self._members = members
            self.dataChanged.emit(self.index(0), self.index(len(members) - 1))
        else:
            self.beginResetModel()
            self._members = members
            self.endResetModel()

    def members(self) -> tuple[NetworkMember, ...]:
        return self._members

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            details = [KIND_LABELS[member.kind], CIRCLE_NAMES[member.circle]]
            if member.relationship is not None:
                details.append(RELATIONSHIP_LABELS[member.relationship])
            if member.frequency is not None:
                details.append(FREQUENCY_LABELS[member.frequency].lower())
            return f"{member.alias}\n{' · '.join(details)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_member(member)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(member)
        if role == MEMBER_ROLE:
            return member
        if role == SORT_ROLE:
            return member.circle * 100_000 + index.row()
        return None

    def _icon(self, member: NetworkMember) -> QIcon:
        if member.kind not in self._icons:
            pixmap = QPixmap(24, 24)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_kind(painter, member.kind, QPointF(12, 12), 20)
            painter.end()
            self._icons[member.kind] = QIcon(pixmap)
        return self._icons[member.kind]


ALIAS_HINT = "Use a role or initials, e.g. “sister”, “A. from church”, “Parkside Allotment”."


class MemberDialog(QDialog):
    """Add or change one member. Shown with `open()`; the result comes as `member_accepted`."""

    member_accepted = Signal(object)  # NetworkMember

    def __init__(
        self, member: NetworkMember | None, check_text: TextChecker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._check_text = check_text
        self.setWindowTitle(f"Change “{member.alias}”" if member else "Add to the map")
        self.alias = QLineEdit(member.alias if member else "")
        self.alias.setAccessibleName("Alias or role")
        self.alias.setPlaceholderText("sister, A. from church, the library…")
        self.alias.setMaxLength(MAX_ALIAS_CHARS)
        self.hint = QLabel(ALIAS_HINT + " Never a full name.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #56616b;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00;")
        self.warning.hide()
        self.kind = _combo(
            "Kind",
            [(label, kind) for kind, label in KIND_LABELS.items()],
            member.kind if member else MemberKind.PERSON,
        )
        self.circle = _combo(
            "Circle",
            [(f"{c}  {label}", c) for c, label in CIRCLE_LABELS.items()],
            member.circle if member else 2,
        )
        self.relationship = _combo(
            "Relationship",
            [("Not given", None)] + [(label, r) for r, label in RELATIONSHIP_LABELS.items()],
            member.relationship if member else None,
        )
        self.frequency = _combo(
            "How often in touch",
            [("Not given", None)] + [(label, f) for f, label in FREQUENCY_LABELS.items()],
            member.frequency if member else None,
        )
        self.support: dict[Support, QCheckBox] = {}
        support_row = QVBoxLayout()
        for kind, label in SUPPORT_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(f"Support: {label}")
            box.setChecked(bool(member and kind in member.support))
            self.support[kind] = box
            support_row.addWidget(box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add to the map" if member is None else "Save changes")
        ok.setAccessibleName(ok.text())
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")

        form = QFormLayout()
        form.addRow("&Alias or role:", self.alias)
        form.addRow("", self.hint)
        form.addRow("", self.warning)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Circle:", self.circle)
        form.addRow("&Relationship:", self.relationship)
        form.addRow("&How often in touch:", self.frequency)
        form.addRow("Kind of support:", support_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.alias.textChanged.connect(self._on_alias_text_changed)
        self.kind.currentIndexChanged.connect(self._on_alias_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_alias_text_changed()

    def member(self) -> NetworkMember:
        """The member as filled in; `ValueError` (one sentence) when it is not valid."""
        # Qt hands enum data back as plain strings: turn them into the enums again, or the
        # map cannot be saved and every token is drawn with the fallback shape.
        relationship, frequency = self.relationship.currentData(), self.frequency.currentData()
        return NetworkMember(
            alias=self.alias.text().strip(),
            kind=MemberKind(self.kind.currentData()),
            circle=int(self.circle.currentData()),
            relationship=None if relationship is None else Relationship(relationship),
            frequency=None if frequency is None else ContactFrequency(frequency),
            support=tuple(s for s, box in self.support.items() if box.isChecked()),
        )

    def accept(self) -> None:
        try:
            member = self.member()
        except ValueError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.member_accepted.emit(member)
        super().accept()

    def _on_alias_text_changed(self, *_args: object) -> None:
        text = self.alias.text()
        findings = list(self._check_text(text)) if text.strip() else []
        if self.kind.currentData() == MemberKind.PERSON:  # where a full name is likeliest
            findings += find_name(text)
        self.warning.setText(
            " ".join(f.message for f in findings)
            + " The map keeps roles and initials, never contact details."
        )
        self.warning.setVisible(bool(findings))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        self.error.hide()


def _combo(name: str, items: Sequence[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, next((i for i, (_, v) in enumerate(items) if v == current), 0)))
    return combo


class _ChangeMembers(QUndoCommand):
    """One edit: the whole member list before and after, and who to select after each."""

    def __init__(
        self,
        editor: NetworkMapEditor,
        text: str,
        before: tuple[NetworkMember, ...],
        after: tuple[NetworkMember, ...],
        select_before: int | None,
        select_after: int | None,
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._before, self._after = before, after
        self._select_before, self._select_after = select_before, select_after

    def redo(self) -> None:
        self._editor._apply(self._after, self._select_after)

    def undo(self) -> None:
        self._editor._apply(self._before, self._select_before)


class MembersListView(QListView):
    """The list of members. Ctrl+arrows belong to the editor (move in, out and round): when
    such a move is not possible the key must not fall through and move the list's cursor."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class MapView(QGraphicsView):
    """The drawing, always scaled to fit (no scroll bars to hunt for)."""

    def __init__(self, scene: NetworkScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(320, 260)  # fits a 720-pixel-high laptop screen at a large font
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        return QSize(620, 660)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class NetworkMapEditor(QWidget):
    """Draw and edit a person's network map; look back at earlier, dated maps (read-only)."""

    changed = Signal()  # the map being edited changed (an edit, an undo or a redo)
    save_requested = Signal(object)  # the map being edited, as a NetworkSnapshot dated today
    print_requested = Signal()  # the window asks for a printer and calls print_to()
    pdf_requested = Signal()  # the window asks for a file name and calls write_pdf()

    def __init__(
        self,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        check_text: TextChecker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._check_text: TextChecker = check_text or (
            lambda text: find_identifiers(text, today=self._today())
        )
        self._members: tuple[NetworkMember, ...] = ()
        self._history: tuple[NetworkSnapshot, ...] = ()
        self._viewing: NetworkSnapshot | None = None  # an earlier map, shown read-only
        self._syncing = False
        self.member_dialog: MemberDialog | None = None
        self.undo_stack = QUndoStack(self)

        self.scene = NetworkScene(self)
        self.view = MapView(self.scene)
        self.view.setAccessibleName("Network map drawing")
        self.view.viewport().setAccessibleName("Network map drawing")
        self.view.setAccessibleDescription(
            "Three circles around the person; drag a member to another circle. Every change "
            "can also be made from the list."
        )
        self.model = NetworkMembersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)
        self.proxy.sort(0)
        self.members_list = MembersListView()
        self.members_list.setAccessibleName("Who and what is on the map")
        self.members_list.setModel(self.proxy)
        self.members_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_list.setWordWrap(True)
        self.members_list.setIconSize(QSize(24, 24))
        self.members_list.setSpacing(2)
        self.history_box = QComboBox()
        self.history_box.setAccessibleName("Which map to show")
        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "background: #fdf0c4; color: #4a3b00; padding: 6px; border-radius: 4px;"
        )
        self.read_only_note.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.keys_hint = QLabel(
            "Keys: Insert adds · F2 edits · Delete removes · Ctrl+↑ / Ctrl+↓ move to an inner "
            "or outer circle · Ctrl+← / Ctrl+→ move round · Ctrl+Z undoes"
        )
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet("color: #56616b;")

        self.add_action = self._action(
            "&Add…",
            "Add someone or something to the map",
            [QKeySequence(Qt.Key.Key_Insert)],
            self.add_member,
        )
        self.edit_action = self._action(
            "&Edit…", "Edit the selected member", [QKeySequence(Qt.Key.Key_F2)], self.edit_member
        )
        self.remove_action = self._action(
            "&Remove",
            "Remove the selected member",
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.remove_member,
        )
        self.inwards_action = self._action(
            "Move &in",
            "Move to an inner circle (closer)",
            [QKeySequence("Ctrl+Up")],
            lambda: self.move_member(-1),
        )
        self.outwards_action = self._action(
            "Move &out",
            "Move to an outer circle (less close)",
            [QKeySequence("Ctrl+Down")],
            lambda: self.move_member(+1),
        )
        self.rotate_left_action = self._action(
            "Round to the left",
            "Move round the circle, anticlockwise",
            [QKeySequence("Ctrl+Left")],
            lambda: self.rotate_member(ROTATE_STEP),
        )
        self.rotate_right_action = self._action(
            "Round to the right",
            "Move round the circle, clockwise",
            [QKeySequence("Ctrl+Right")],
            lambda: self.rotate_member(-ROTATE_STEP),
        )
        self.undo_action = self._action(
            "&Undo",
            "Undo the last change",
            [QKeySequence(QKeySequence.StandardKey.Undo)],
            self.undo_stack.undo,
        )
        self.redo_action = self._action(
            "Re&do",
            "Redo the change just undone",
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            self.undo_stack.redo,
        )
        self.save_action = self._action(
            "&Save map",
            "Save this map, dated today",
            [QKeySequence(QKeySequence.StandardKey.Save)],
            self._on_save_action_triggered,
        )
        self.print_action = self._action(
            "&Print map…", "Print the map shown", [], self.print_requested.emit
        )
        self.pdf_action = self._action(
            "Save map as P&DF…", "Save the map shown as a PDF", [], self.pdf_requested.emit
        )
        self._build_layout()
        self._connect_signals()
        self._refresh_history_box()
        self._apply((), None)

    def _action(
        self, text: str, name: str, keys: list[QKeySequence], slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        action.setToolTip(f"{name} ({shown})" if shown else name)
        action.setStatusTip(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAccessibleName(action.statusTip())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    # Layout -----------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        show_label = QLabel("&Show the map from:")
        show_label.setBuddy(self.history_box)
        top.addWidget(show_label)
        top.addWidget(self.history_box, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.read_only_note)
        left_layout.addWidget(self.view, 1)

        side = QWidget()
        side.setMinimumWidth(300)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>On the map</b> (closest first)")
        heading.setBuddy(self.members_list)
        side_layout.addWidget(heading)
        side_layout.addWidget(self.members_list, 1)
        for row in (
            (self.add_action, self.edit_action, self.remove_action),
            (self.inwards_action, self.outwards_action),
            (self.undo_action, self.redo_action),
            (self.save_action,),
            (self.print_action, self.pdf_action),
        ):
            buttons = QHBoxLayout()
            for action in row:
                buttons.addWidget(self._button(action))
            side_layout.addLayout(buttons)
        side_layout.addWidget(self.status)
        side_layout.addWidget(self.keys_hint)

        # The buttons and hints scroll on a short screen rather than push the window taller.
        side_scroll = QScrollArea()
        side_scroll.setAccessibleName("Map members and tools")
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(side_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.scene.member_dropped.connect(self._on_scene_member_dropped)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.members_list.selectionModel().currentChanged.connect(
            self._on_members_list_current_changed
        )
        self.members_list.activated.connect(self._on_members_list_activated)
        self.history_box.currentIndexChanged.connect(self._on_history_box_current_index_changed)
        self.undo_stack.canUndoChanged.connect(self._update_actions)
        self.undo_stack.canRedoChanged.connect(self._update_actions)
        self.undo_stack.cleanChanged.connect(self._update_status)

    # The map being edited ---------------------------------------------------------------------

    def set_snapshot(self, snapshot: NetworkSnapshot) -> None:
        """Edit this map (usually a copy of the latest); the undo history starts afresh."""
        self.undo_stack.clear()
        self._show_current()
        self._apply(snapshot.members, None, notify=False)

    def snapshot(self, on: dt.date) -> NetworkSnapshot:
        """The map being edited (never an earlier one being looked at), dated `on`."""
        return NetworkSnapshot(on, self._members)

    def members(self) -> tuple[NetworkMember, ...]:
        return self._members

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    # Earlier maps -----------------------------------------------------------------------------

    def set_history(self, snapshots: Sequence[NetworkSnapshot]) -> None:
        """The saved, dated maps (oldest first) the worker and person can look back at."""
        self._history = tuple(sorted(snapshots, key=lambda s: s.on))
        self._refresh_history_box()

    def show_earlier(self, on: dt.date | None) -> None:
        """Show the saved map from that day, read-only; None goes back to the map being edited."""
        index = self.history_box.findData(on.isoformat() if on else "")
        self.history_box.setCurrentIndex(max(index, 0))

    @property
    def read_only(self) -> bool:
        return self._viewing is not None

    def _refresh_history_box(self) -> None:
        showing = self._viewing.on.isoformat() if self._viewing else ""
        self._syncing = True
        self.history_box.clear()
        self.history_box.addItem("Now: the map you are working on", "")
        for snapshot in reversed(self._history):
            self.history_box.addItem(
                f"{day(snapshot.on)}: {_count(snapshot.size)}", snapshot.on.isoformat()
            )
        self.history_box.setEnabled(bool(self._history))
        self._syncing = False
        self.history_box.setCurrentIndex(max(self.history_box.findData(showing), 0))
        if self.history_box.currentData() != showing:
            self._on_history_box_current_index_changed(self.history_box.currentIndex())

    def _on_history_box_current_index_changed(self, _index: int) -> None:
        if self._syncing:
            return
        key = self.history_box.currentData() or ""
        earlier = next((s for s in self._history if s.on.isoformat() == key), None)
        if earlier is None:
            self._show_current()
        else:
            self._viewing = earlier
            self.read_only_note.setText(
                f"This is the map from {day(earlier.on)}, to look back at: it cannot be changed "
                "here. Choose “Now” above to go back to the map you are working on."
            )
            self.read_only_note.show()
            self.scene.set_editable(False)
            self._show(earlier.members, None)
        self._update_actions()
        self._update_status()

    def _show_current(self) -> None:
        was_viewing = self._viewing is not None
        self._viewing = None
        self.read_only_note.hide()
        self.scene.set_editable(True)
        if self.history_box.currentIndex() != 0:
            self._syncing = True
            self.history_box.setCurrentIndex(0)
            self._syncing = False
        if was_viewing:
            self._show(self._members, None)

    # Editing ----------------------------------------------------------------------------------

    def current_index(self) -> int | None:
        """The selected member's position in `members()`, or None."""
        index = self.members_list.selectionModel().currentIndex()
        if not index.isValid() or not self.members_list.selectionModel().isSelected(index):
            return None
        return self.proxy.mapToSource(index).row()

    def select(self, index: int | None) -> None:
        """Select a member by its position in `members()` (in the list and on the drawing)."""
        selection = self.members_list.selectionModel()
        if index is None or not 0 <= index < self.model.rowCount():
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
        else:
            proxy_index = self.proxy.mapFromSource(self.model.index(index))
            selection.setCurrentIndex(proxy_index, selection.SelectionFlag.ClearAndSelect)
            self.members_list.scrollTo(proxy_index)
        self._sync_scene_selection()
        self._update_actions()

    def add_member(self) -> None:
        if self.read_only:
            return
        self._open_dialog(None)

    def edit_member(self) -> None:
        index = self.current_index()
        if self.read_only or index is None:
            return
        self._open_dialog(index)

    def remove_member(self) -> None:
        index = self.current_index()
        if self.read_only or index is None:
            return
        before = self._frozen()
        after = before[:index] + before[index + 1 :]
        select = min(index, len(after) - 1) if after else None
        self._push(f"Remove “{before[index].alias}”", after, select)

    def move_member(self, step: int) -> None:
        """Move the selected member `step` circles out (negative: in)."""
        index = self.current_index()
        if self.read_only or index is None:
            return
        before = self._frozen()
        circle = min(3, max(1, before[index].circle + step))
        if circle == before[index].circle:
            return
        moved = dataclasses.replace(before[index], circle=circle, angle=None)
        where = "in" if step < 0 else "out"
        self._push(f"Move “{moved.alias}” {where}", _replaced(before, index, moved), index)

    def rotate_member(self, degrees: float) -> None:
        index = self.current_index()
        if self.read_only or index is None:
            return
        before = self._frozen()
        angle = ((before[index].angle or 0.0) + degrees) % 360.0
        moved = dataclasses.replace(before[index], angle=round(angle, 1))
        self._push(f"Move “{moved.alias}” round", _replaced(before, index, moved), index)

    def _open_dialog(self, index: int | None) -> None:
        member = self._members[index] if index is not None else None
        dialog = MemberDialog(member, self._check_text, self)
        dialog.member_accepted.connect(
            lambda new: self._on_member_dialog_member_accepted(index, new)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.member_dialog = dialog
        dialog.open()

    def _on_member_dialog_member_accepted(self, index: int | None, member: NetworkMember) -> None:
        before = self._frozen()
        if index is None:
            self._push(f"Add “{member.alias}”", (*before, member), len(before))
            return
        old = before[index]
        if member.circle == old.circle:  # keep its place on the drawing
            member = dataclasses.replace(member, angle=old.angle)
        self._push(f"Edit “{member.alias}”", _replaced(before, index, member), index)

    def _on_scene_member_dropped(self, index: int, circle: int, angle: float) -> None:
        if self.read_only or not 0 <= index < len(self._members):
            return
        before = self._frozen()
        moved = dataclasses.replace(before[index], circle=circle, angle=angle)
        self._push(f"Move “{moved.alias}”", _replaced(before, index, moved), index)

    def _frozen(self) -> tuple[NetworkMember, ...]:
        """The members with every angle pinned where it is drawn, so that one change never
        makes the others jump about."""
        return tuple(
            dataclasses.replace(m, angle=round(a, 1)) if m.angle is None else m
            for m, a in zip(self._members, layout_angles(self._members), strict=True)
        )

    def _push(self, text: str, after: tuple[NetworkMember, ...], select: int | None) -> None:
        self.undo_stack.push(
            _ChangeMembers(self, text, self._members, after, self.current_index(), select)
        )

    def _apply(
        self, members: Sequence[NetworkMember], select: int | None, *, notify: bool = True
    ) -> None:
        """Called by the undo commands (and on loading): make these the members."""
        self._members = tuple(members)
        if self._viewing is None:
            self._show(self._members, select)
        self._update_status()
        if notify:
            self.changed.emit()

    def _show(self, members: Sequence[NetworkMember], select: int | None) -> None:
        self.model.set_members(members)
        self.scene.set_members(members)
        self.select(select)

    # Selection kept the same in the list and on the drawing -----------------------------------

    def _on_members_list_current_changed(
        self, _current: QModelIndex, _previous: QModelIndex
    ) -> None:
        self._sync_scene_selection()
        self._update_actions()

    def _sync_scene_selection(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self.scene.select_index(self.current_index())
        self._syncing = False

    def _on_scene_selection_changed(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        index = self.scene.selected_index()
        selection = self.members_list.selectionModel()
        if index is None:
            selection.clearSelection()
        else:
            selection.setCurrentIndex(
                self.proxy.mapFromSource(self.model.index(index)),
                selection.SelectionFlag.ClearAndSelect,
            )
        self._syncing = False
        self._update_actions()

    def _on_members_list_activated(self, _index: QModelIndex) -> None:
        self.edit_member()

    # State shown ------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        editable = not self.read_only
        selected = self.current_index() if editable else None
        circle = self._members[selected].circle if selected is not None else None
        self.add_action.setEnabled(editable)
        for action in (
            self.edit_action,
            self.remove_action,
            self.rotate_left_action,
            self.rotate_right_action,
        ):
            action.setEnabled(selected is not None)
        self.inwards_action.setEnabled(circle is not None and circle > 1)
        self.outwards_action.setEnabled(circle is not None and circle < 3)
        self.undo_action.setEnabled(editable and self.undo_stack.canUndo())
        self.redo_action.setEnabled(editable and self.undo_stack.canRedo())
        self.save_action.setEnabled(editable)

    def _update_status(self) -> None:
        if self._viewing is not None:
            text = f"{_count(self._viewing.size)} on {day(self._viewing.on)}."
        elif not self._members:
            text = (
                "Nobody on the map yet. Add the people, groups, places and activities in "
                "the person's life, closest first."
            )
        else:
            text = f"{_count(len(self._members))} on the map."
            if self.is_modified():
                text += " Not saved yet."
        self.status.setText(text)
        self._update_actions()

    def _on_save_action_triggered(self) -> None:
        self.save_requested.emit(self.snapshot(self._today()))

    # Paper and pictures -----------------------------------------------------------------------

    def shown_snapshot(self) -> NetworkSnapshot:
        """What is on screen: an earlier map being looked at, or the one being edited."""
        return self._viewing or self.snapshot(self._today())

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        """Draw the map shown (title, circles, legend, who is where) into `target`."""
        shown = self.shown_snapshot()
        when = f"As drawn on {day(shown.on)}" if self._viewing else f"{day(shown.on)}"
        paint_map_page(
            painter, target, shown.members, "Network map", f"{when} · {_count(shown.size)}"
        )

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        self.render_to(painter, QRectF(0, 0, page.width(), page.height()))
        painter.end()

    def write_pdf(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                PDF_MARGINS_MM,
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle("Network map")
        painter = QPainter(writer)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        self.render_to(painter, QRectF(0, 0, page.width(), page.height()))
        painter.end()

    def render_image(self, width: int = 1000) -> QImage:
        """The printed page as a picture, `width` pixels across (A4 proportions)."""
        image = QImage(width, round(width * 297 / 210), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        margin = width * 0.05
        self.render_to(
            painter, QRectF(margin, margin, width - 2 * margin, image.height() - 2 * margin)
        )
        painter.end()
        return image


def _replaced(
    members: tuple[NetworkMember, ...], index: int, member: NetworkMember
) -> tuple[NetworkMember, ...]:
    return (*members[:index], member, *members[index + 1 :])


def _count(n: int) -> str:
    return (
        "1 person, group, place or activity"
        if n == 1
        else f"{n} people, groups, places and activities"
    )
