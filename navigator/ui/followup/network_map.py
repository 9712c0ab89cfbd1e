"""The network map editor: the drawing, a list of the same members, and a way back in time.

Everything the mouse does on the drawing can be done from the list with the keyboard:
Insert adds, F2 or Enter edits, Delete removes, Ctrl+Up and Ctrl+Down move a member to an
inner or outer circle, Ctrl+Left and Ctrl+Right move it round its circle, Ctrl+Z and
Ctrl+Shift+Z undo and redo.

The map and its undo history are a `NetworkDocument` (no Qt); this widget shows it and turns
keys, buttons, drags and the dialog into its edits. The drawing is `network_scene`, the list
`network_members`, the dialog `member_dialog`, and the page on paper `network_print`.

The editor never talks to the people store. It takes a `NetworkSnapshot` (`set_snapshot`)
and the dated snapshots to look back at (`set_history`), gives `snapshot(on)` and emits
`changed`, `save_requested(NetworkSnapshot)`, `print_requested` and `pdf_requested`; the
window wires those to `PeopleService` and to the dialog seam.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRectF, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QWidget,
)

from navigator.domain.identifiers import find_identifiers
from navigator.domain.people import NetworkMember, NetworkSnapshot
from navigator.ui.followup.earlier_maps import EarlierMaps
from navigator.ui.followup.map_tools import KEYS_HINT, Key, lay_out_editor, make_action, side_panel
from navigator.ui.followup.member_dialog import MemberDialog, TextChecker
from navigator.ui.followup.network_document import Change, NetworkDocument
from navigator.ui.followup.network_layout import layout_angles
from navigator.ui.followup.network_members import (
    SORT_ROLE,
    MembersListView,
    NetworkMembersModel,
)
from navigator.ui.followup.network_print import map_image, paint_snapshot, print_map, write_map_pdf
from navigator.ui.followup.network_scene import MapView, NetworkScene
from navigator.ui.followup.network_style import count_members, day

Delete, Save, Undo = (
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Save,
    QKeySequence.StandardKey.Undo,
)
ROTATE_STEP = 15.0  # degrees round the circle per Ctrl+Left / Ctrl+Right


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
        self.document = NetworkDocument(layout_angles)
        self._syncing = False
        self.member_dialog: MemberDialog | None = None

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
        # Rows re-wrap when the panel's width changes (else a row keeps an old height, cut off).
        self.members_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.members_list.setIconSize(QSize(24, 24))
        self.members_list.setSpacing(2)
        self.earlier = EarlierMaps()  # the saved maps to look back at, read-only
        self.history_box, self.read_only_note = self.earlier.box, self.earlier.note
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.keys_hint = QLabel(KEYS_HINT)
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet("color: #56616b;")

        def act(text: str, name: str, keys: list[Key], slot: Callable[[], object]) -> QAction:
            return make_action(self, text, name, keys, slot)

        add, edit = "Add someone or something to the map", "Edit the selected member"
        self.add_action = act("&Add…", add, [Qt.Key.Key_Insert], self.add_member)
        self.edit_action = act("&Edit…", edit, [Qt.Key.Key_F2], self.edit_member)
        self.remove_action = act(
            "&Remove", "Remove the selected member", [Delete], self.remove_member
        )
        self.inwards_action = act(
            "Move &in",
            "Move to an inner circle (closer)",
            ["Ctrl+Up"],
            lambda: self.move_member(-1),
        )
        self.outwards_action = act(
            "Move &out",
            "Move to an outer circle (less close)",
            ["Ctrl+Down"],
            lambda: self.move_member(+1),
        )
        self.rotate_left_action = act(
            "Round to the left",
            "Move round the circle, anticlockwise",
            ["Ctrl+Left"],
            lambda: self.rotate_member(ROTATE_STEP),
        )
        self.rotate_right_action = act(
            "Round to the right",
            "Move round the circle, clockwise",
            ["Ctrl+Right"],
            lambda: self.rotate_member(-ROTATE_STEP),
        )
        self.undo_action = act("&Undo", "Undo the last change", [Undo], self.document.undo)
        self.redo_action = act(
            "Re&do", "Redo the change just undone", ["Ctrl+Shift+Z", "Ctrl+Y"], self.document.redo
        )
        self.save_action = act(
            "&Save map", "Save this map, dated today", [Save], self._on_save_action_triggered
        )
        self.print_action = act("&Print map…", "Print the map shown", [], self.print_requested.emit)
        self.pdf_action = act(
            "Save map as P&DF…", "Save the map shown as a PDF", [], self.pdf_requested.emit
        )
        rows = (
            (self.add_action, self.edit_action, self.remove_action),
            (self.inwards_action, self.outwards_action),
            (self.undo_action, self.redo_action),
            (self.save_action,),
            (self.print_action, self.pdf_action),
        )
        side = side_panel(self.members_list, rows, self.status, self.keys_hint)
        lay_out_editor(self, [self.earlier, self.view], side)
        self._connect_signals()
        self.document.load(())

    def _connect_signals(self) -> None:
        self.scene.member_dropped.connect(self._on_scene_member_dropped)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.members_list.selectionModel().currentChanged.connect(
            self._on_members_list_current_changed
        )
        self.members_list.activated.connect(self._on_members_list_activated)
        self.earlier.chosen.connect(self._on_earlier_chosen)
        self.document.subscribe(self._on_document_changed)

    # The map being edited ---------------------------------------------------------------------

    def set_snapshot(self, snapshot: NetworkSnapshot) -> None:
        """Edit this map (usually a copy of the latest); the undo history starts afresh."""
        self.earlier.back_to_now()
        self.scene.set_editable(True)
        self.document.load(snapshot.members)

    def snapshot(self, on: dt.date) -> NetworkSnapshot:
        """The map being edited (never an earlier one being looked at), dated `on`."""
        return self.document.snapshot(on)

    def members(self) -> tuple[NetworkMember, ...]:
        return self.document.members

    def is_modified(self) -> bool:
        return self.document.is_modified()

    def mark_saved(self) -> None:
        self.document.mark_saved()
        self._update_status()

    def _on_document_changed(self, change: Change) -> None:
        """An edit, undo, redo or load: show it (unless an earlier map is being looked at)."""
        if not self.read_only:
            self._show(self.document.members, change.select)
        self._update_status()
        if change.edited:
            self.changed.emit()

    # Earlier maps -----------------------------------------------------------------------------

    def set_history(self, snapshots: Sequence[NetworkSnapshot]) -> None:
        """The saved, dated maps (oldest first) the worker and person can look back at."""
        self.earlier.set_history(snapshots)

    def show_earlier(self, on: dt.date | None) -> None:
        """Show the saved map from that day, read-only; None goes back to the map being edited."""
        self.earlier.show_earlier(on)

    @property
    def read_only(self) -> bool:
        return self.earlier.viewing is not None

    def _on_earlier_chosen(self, earlier: NetworkSnapshot | None) -> None:
        self.scene.set_editable(earlier is None)
        self._show(self.document.members if earlier is None else earlier.members, None)
        self._update_actions()
        self._update_status()

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
        self.document.remove(index)

    def move_member(self, step: int) -> None:
        """Move the selected member `step` circles out (negative: in)."""
        index = self.current_index()
        if self.read_only or index is None:
            return
        self.document.move(index, step)

    def rotate_member(self, degrees: float) -> None:
        index = self.current_index()
        if self.read_only or index is None:
            return
        self.document.rotate(index, degrees)

    def _open_dialog(self, index: int | None) -> None:
        member = self.document.members[index] if index is not None else None
        dialog = MemberDialog(member, self._check_text, self)
        dialog.member_accepted.connect(
            lambda new: self._on_member_dialog_member_accepted(index, new)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.member_dialog = dialog
        dialog.open()

    def _on_member_dialog_member_accepted(self, index: int | None, member: NetworkMember) -> None:
        if index is None:
            self.document.add(member, selected=self.current_index())
        else:
            self.document.replace(index, member)

    def _on_scene_member_dropped(self, index: int, circle: int, angle: float) -> None:
        if self.read_only or not 0 <= index < len(self.document.members):
            return
        self.document.drop(index, circle, angle)

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
        circle = self.document.members[selected].circle if selected is not None else None
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
        self.undo_action.setEnabled(editable and self.document.can_undo())
        self.redo_action.setEnabled(editable and self.document.can_redo())
        self.save_action.setEnabled(editable)

    def _update_status(self) -> None:
        if (viewing := self.earlier.viewing) is not None:
            text = f"{count_members(viewing.size)} on {day(viewing.on)}."
        elif not self.document.members:
            text = (
                "Nobody on the map yet. Add the people, groups, places and activities in "
                "the person's life, closest first."
            )
        else:
            text = f"{count_members(len(self.document.members))} on the map."
            if self.is_modified():
                text += " Not saved yet."
        self.status.setText(text)
        self._update_actions()

    def _on_save_action_triggered(self) -> None:
        self.save_requested.emit(self.snapshot(self._today()))

    # Paper and pictures -----------------------------------------------------------------------

    def shown_snapshot(self) -> NetworkSnapshot:
        """What is on screen: an earlier map being looked at, or the one being edited."""
        return self.earlier.viewing or self.snapshot(self._today())

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        """Draw the map shown (title, circles, legend, who is where) into `target`."""
        paint_snapshot(painter, target, self.shown_snapshot(), earlier=self.read_only)

    def print_to(self, printer: QPrinter) -> None:
        print_map(printer, self.shown_snapshot(), earlier=self.read_only)

    def write_pdf(self, path: Path) -> None:
        """The map shown as an A4 PDF at `path`, all or nothing."""
        write_map_pdf(path, self.shown_snapshot(), earlier=self.read_only)

    def render_image(self, width: int = 1000) -> QImage:
        """The printed page as a picture, `width` pixels across (A4 proportions)."""
        return map_image(self.shown_snapshot(), earlier=self.read_only, width=width)
