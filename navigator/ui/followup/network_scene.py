"""The network map drawn with Qt graphics: three circles round the person, one token per member.

Where tokens go is worked out in `network_layout`; how they look in `network_style`. The
scene draws and reports; it never changes members itself. A token dropped after a drag
emits `member_dropped(index, circle, angle)` and the editor decides what that means (so the
change goes on the map's undo history). `MapView` shows the scene scaled to fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QSizePolicy,
    QStyleOptionGraphicsItem,
    QWidget,
)

from navigator.domain.people import NetworkMember
from navigator.ui.followup.network_layout import (
    LABEL_LINES,
    LABEL_PIXELS,
    LABEL_WIDTH,
    LEGEND_HEIGHT,
    LEGEND_TOP,
    MARGIN,
    RING_NAME_PIXELS,
    RING_RADII,
    TOKEN_SIZE,
    YOU_RADIUS,
    angle_of,
    circle_at,
    fit_label,
    layout_angles,
    position_of,
    ring_name,
    ring_name_box,
)
from navigator.ui.followup.network_style import (
    DROP_FILL,
    INK,
    KIND_LABELS,
    MUTED,
    PAPER,
    RING_EDGE,
    RING_FILLS,
    YOU_FILL,
    describe_member,
    kind_path,
    paint_kind,
    scene_font,
)

# Items --------------------------------------------------------------------------------------


class MemberToken(QGraphicsItem):
    """A member: its kind's shape with the alias underneath on a pale halo."""

    def __init__(self, index: int, member: NetworkMember, font: QFont) -> None:
        super().__init__()
        self.index = index
        self._font = font
        self._metrics = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        self._bold_metrics = QFontMetricsF(bold)
        self._pressed_at: QPointF | None = None
        self.member = member
        self._lines: list[str] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.set_member(member)

    def set_member(self, member: NetworkMember) -> None:
        self.prepareGeometryChange()
        self.member = member
        self._lines = fit_label(member.alias, self._metrics, LABEL_WIDTH, LABEL_LINES)
        self.setToolTip(describe_member(member))

    def set_movable(self, movable: bool) -> None:
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, movable)
        self.setCursor(
            QCursor(Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.ArrowCursor)
        )

    def _label_rect(self) -> QRectF:
        height = len(self._lines) * self._metrics.lineSpacing()
        width = max(self._bold_metrics.horizontalAdvance(line) for line in self._lines) + 10
        return QRectF(-width / 2, TOKEN_SIZE / 2 + 3, width, height + 2)

    def boundingRect(self) -> QRectF:
        half = TOKEN_SIZE / 2 + 6
        return QRectF(-half, -half, 2 * half, 2 * half).united(
            self._label_rect().adjusted(-2, -2, 2, 2)
        )

    def shape(self) -> QPainterPath:
        path = kind_path(self.member.kind, TOKEN_SIZE + 6)
        path.addRect(self._label_rect())
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.isSelected() and getattr(self.scene(), "show_selection", True)
        if selected:
            painter.setPen(QPen(INK, 2.5, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(kind_path(self.member.kind, TOKEN_SIZE + 10))
        paint_kind(painter, self.member.kind, QPointF(0, 0), TOKEN_SIZE)
        label = self._label_rect()
        painter.setPen(QPen(INK if selected else RING_EDGE, 1.5 if selected else 0.8))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(label, 4, 4)
        font = QFont(self._font)
        font.setBold(selected)
        painter.setFont(font)
        painter.setPen(INK)
        y = label.top() + 1
        for line in self._lines:
            painter.drawText(
                QRectF(label.left(), y, label.width(), self._metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignCenter,
                line,
            )
            y += self._metrics.lineSpacing()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(
            value, QPointF
        ):
            distance = math.hypot(value.x(), value.y())
            limit = RING_RADII[-1] - TOKEN_SIZE / 2
            if distance > limit:  # stay on the map
                value = QPointF(value.x() * limit / distance, value.y() * limit / distance)
            scene = self.scene()
            if isinstance(scene, NetworkScene) and self._pressed_at is not None:
                scene.set_drop_hint(circle_at(math.hypot(value.x(), value.y())))
            return value
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._pressed_at = self.pos()
        if self.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable:
            self.setCursor(QCursor(Qt.CursorShape.ClosedHandCursor))
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed_at, self._pressed_at = self._pressed_at, None
        scene = self.scene()
        if not isinstance(scene, NetworkScene):
            return
        scene.set_drop_hint(None)
        if self.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable:
            self.setCursor(QCursor(Qt.CursorShape.OpenHandCursor))
            if pressed_at is not None and (self.pos() - pressed_at).manhattanLength() > 2:
                scene.token_dropped(self)


class NetworkScene(QGraphicsScene):
    """The circles, the person in the middle, the legend, and a token per member."""

    member_dropped = Signal(int, int, float)  # index, circle, angle in degrees

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_selection = True
        self._tokens: list[MemberToken] = []
        self._editable = True
        self._drop_hint: int | None = None
        self._label_font = scene_font(LABEL_PIXELS)
        outer = RING_RADII[-1] + MARGIN
        self.setSceneRect(
            QRectF(-outer, -outer, 2 * outer, outer + LEGEND_TOP + LEGEND_HEIGHT + MARGIN)
        )

    # Members ------------------------------------------------------------------------------

    @property
    def tokens(self) -> list[MemberToken]:
        return list(self._tokens)

    def set_members(self, members: Sequence[NetworkMember]) -> None:
        """Show these members, reusing tokens so a drag in progress is never deleted."""
        while len(self._tokens) > len(members):
            self.removeItem(self._tokens.pop())
        for index, member in enumerate(members):
            if index < len(self._tokens):
                self._tokens[index].set_member(member)
            else:
                token = MemberToken(index, member, self._label_font)
                token.set_movable(self._editable)
                self.addItem(token)
                self._tokens.append(token)
        for token, member, angle in zip(self._tokens, members, layout_angles(members), strict=True):
            token.setPos(position_of(member.circle, angle))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for token in self._tokens:
            token.set_movable(editable)

    def selected_index(self) -> int | None:
        return next((t.index for t in self._tokens if t.isSelected()), None)

    def select_index(self, index: int | None) -> None:
        for token in self._tokens:
            token.setSelected(token.index == index)
            token.setZValue(1 if token.index == index else 0)

    # Dragging -----------------------------------------------------------------------------

    def token_dropped(self, token: MemberToken) -> None:
        where = token.pos()
        circle = circle_at(math.hypot(where.x(), where.y()))
        angle = angle_of(where) if (where.x(), where.y()) != (0.0, 0.0) else 0.0
        token.setPos(position_of(circle, angle))  # onto the middle of its band
        self.member_dropped.emit(token.index, circle, round(angle, 1))

    def set_drop_hint(self, circle: int | None) -> None:
        if circle != self._drop_hint:
            self._drop_hint = circle
            self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)

    # Drawing ------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(QRectF(rect), PAPER)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for circle in (3, 2, 1):
            radius = RING_RADII[circle - 1]
            fill = DROP_FILL if circle == self._drop_hint else RING_FILLS[circle - 1]
            painter.setPen(QPen(RING_EDGE, 1.5))
            painter.setBrush(fill)
            painter.drawEllipse(QPointF(0, 0), radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(YOU_FILL)
        painter.drawEllipse(QPointF(0, 0), YOU_RADIUS, YOU_RADIUS)
        painter.setPen(PAPER)
        painter.setFont(scene_font(19, bold=True))
        painter.drawText(
            QRectF(-YOU_RADIUS, -YOU_RADIUS, 2 * YOU_RADIUS, 2 * YOU_RADIUS),
            Qt.AlignmentFlag.AlignCenter,
            "You",
        )
        self._draw_ring_labels(painter)
        self._draw_legend(painter)

    def _draw_ring_labels(self, painter: QPainter) -> None:
        painter.setFont(scene_font(RING_NAME_PIXELS, bold=True))
        for circle in (1, 2, 3):
            text = ring_name(circle)
            box = ring_name_box(circle)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(MUTED)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_legend(self, painter: QPainter) -> None:
        font = scene_font(14)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        swatch, gap, between = 20.0, 8.0, 30.0
        widths = [swatch + gap + metrics.horizontalAdvance(label) for label in KIND_LABELS.values()]
        x = -(sum(widths) + between * (len(widths) - 1)) / 2
        y = LEGEND_TOP + LEGEND_HEIGHT / 2
        for (kind, label), width in zip(KIND_LABELS.items(), widths, strict=True):
            paint_kind(painter, kind, QPointF(x + swatch / 2, y), swatch)
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + swatch + gap, y - metrics.height() / 2, width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x += width + between


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
