"""The members of a network map as a list: each with its kind's shape, alias and details.

The model keeps the order members were added in; the editor sorts it inner circle first
through a proxy (`SORT_ROLE`). The list view is the keyboard's way into the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QListView

from navigator.domain.people import NetworkMember
from navigator.ui.followup.network_style import (
    CIRCLE_NAMES,
    FREQUENCY_LABELS,
    KIND_LABELS,
    RELATIONSHIP_LABELS,
    describe_member,
    paint_kind,
)

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


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
