"""The network map drawn with Qt graphics: three circles round the person, one token per member.

Where tokens go is worked out in `network_layout`; how they look in `network_style`. The
scene draws and reports; it never changes members itself. A token dropped after a drag
emits `member_dropped(index, circle, angle)` and the editor decides what that means (so the
change goes on the map's undo history). `MapView` shows the scene scaled to fit.

On screen the map shrinks to fit a laptop, but its words must not: the members (shape and
name), the circles' names, "You" and the legend are items that ignore the view's scale
(`ItemIgnoresTransformations`), drawn in the user interface's font at its own size and placed
at their anchor points on the map. On paper (`NetworkScene(on_paper=True)`, used by
`network_print`) everything is drawn in scene units and scales with the page as before.

Over 400 lines because the on-screen and on-paper drawing share every item class;
placement and looks are already apart (`network_layout`, `network_style`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QApplication,
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
    """A member: its kind's shape with the alias underneath on a pale halo. On screen it keeps
    its size in pixels whatever the view's scale (`fixed_size`); on paper it scales."""

    def __init__(
        self,
        index: int,
        member: NetworkMember,
        font: QFont,
        *,
        size: float = TOKEN_SIZE,
        fixed_size: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self._font = font
        self._size = size  # the shape's width, in pixels on screen or scene units on paper
        self._label_width = LABEL_WIDTH * QFontInfo(font).pixelSize() / LABEL_PIXELS
        self._metrics = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        self._bold_metrics = QFontMetricsF(bold)
        self._pressed_at: QPointF | None = None
        self.member = member
        self._lines: list[str] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, fixed_size)
        self.set_member(member)

    def set_member(self, member: NetworkMember) -> None:
        self.prepareGeometryChange()
        self.member = member
        self._lines = fit_label(member.alias, self._metrics, self._label_width, LABEL_LINES)
        self.setToolTip(describe_member(member))

    def set_size(self, size: float) -> None:
        self.prepareGeometryChange()
        self._size = size

    def set_movable(self, movable: bool) -> None:
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, movable)
        self.setCursor(
            QCursor(Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.ArrowCursor)
        )

    def _label_rect(self) -> QRectF:
        height = len(self._lines) * self._metrics.lineSpacing()
        width = max(self._bold_metrics.horizontalAdvance(line) for line in self._lines) + 10
        return QRectF(-width / 2, self._size / 2 + 3, width, height + 2)

    def label_rect(self) -> QRectF:
        """Where the name is written, in the token's own coordinates."""
        return self._label_rect()

    def boundingRect(self) -> QRectF:
        half = self._size / 2 + 6
        return QRectF(-half, -half, 2 * half, 2 * half).united(
            self._label_rect().adjusted(-2, -2, 2, 2)
        )

    def shape(self) -> QPainterPath:
        path = kind_path(self.member.kind, self._size + 6)
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
            painter.drawPath(kind_path(self.member.kind, self._size + 10))
        paint_kind(painter, self.member.kind, QPointF(0, 0), self._size)
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


class ScreenText(QGraphicsItem):
    """Words that keep the user interface's font size on screen whatever the map's scale:
    a circle's name hanging below its anchor, or "You" centred on the middle. Never on paper.
    """

    def __init__(
        self,
        text: str,
        font: QFont,
        *,
        ink: QColor,
        fill: QColor,
        centred: bool,
    ) -> None:
        super().__init__()
        self.text = text
        self._font, self._ink, self._fill = font, ink, fill
        metrics = QFontMetricsF(font)
        width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 2
        top = -height / 2 if centred else 4.0  # a circle's name sits just inside its edge
        self._radius = height / 2 if centred else 4.0  # "You" is a pill, a name a tag
        self._box = QRectF(-width / 2, top, width, height)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # drags go to the tokens
        self.setZValue(-1)  # under the tokens

    def text_rect(self) -> QRectF:
        """Where the words are written, in the item's own coordinates (pixels)."""
        return QRectF(self._box)

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        radius = self._radius
        painter.drawRoundedRect(self._box, radius, radius)
        painter.setFont(self._font)
        painter.setPen(self._ink)
        painter.drawText(self._box, Qt.AlignmentFlag.AlignCenter, self.text)


class Legend(QGraphicsItem):
    """Which shape is which kind, in a row hanging below its anchor (the bottom of the outer
    circle on screen), at the user interface's font size whatever the map's scale."""

    GAP = 8.0  # pixels between the outer circle and the legend

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._font = font
        metrics = QFontMetricsF(font)
        self._line = metrics.height()
        self._swatch = max(14.0, round(self._line * 0.9))
        self._widths = [
            self._swatch + 6 + metrics.horizontalAdvance(label) for label in KIND_LABELS.values()
        ]
        self._between = metrics.horizontalAdvance("MM")
        width = sum(self._widths) + self._between * (len(self._widths) - 1)
        self._box = QRectF(-width / 2, self.GAP, width, max(self._line, self._swatch) + 4)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-1)

    def height(self) -> float:
        """Pixels the legend takes below its anchor, the gap included."""
        return self._box.bottom()

    def text_rects(self) -> list[QRectF]:
        """Where each kind's name is written, in the item's own coordinates (pixels)."""
        rects, x = [], self._box.left()
        for width in self._widths:
            text_left = x + self._swatch + 6
            rects.append(
                QRectF(text_left, self._box.top() + 2, width - self._swatch - 6, self._line)
            )
            x += width + self._between
        return rects

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        for (kind, label), text in zip(KIND_LABELS.items(), self.text_rects(), strict=True):
            centre = QPointF(text.left() - 6 - self._swatch / 2, text.center().y())
            paint_kind(painter, kind, centre, self._swatch)
            painter.setPen(INK)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(text, align, label)


def ui_font() -> QFont:
    """The user interface's font (a 14 pt system font makes the map's words 14 pt too)."""
    return QApplication.font()


class NetworkScene(QGraphicsScene):
    """The circles, the person in the middle, the legend, and a token per member.

    On screen (the default) the words and tokens keep the interface font's size whatever the
    view's scale; `on_paper` draws everything in scene units, to be scaled onto a page."""

    member_dropped = Signal(int, int, float)  # index, circle, angle in degrees

    def __init__(self, parent: QWidget | None = None, *, on_paper: bool = False) -> None:
        super().__init__(parent)
        self.on_paper = on_paper
        self.show_selection = True
        self._tokens: list[MemberToken] = []
        self._editable = True
        self._drop_hint: int | None = None
        outer = RING_RADII[-1] + MARGIN
        self.ring_names: list[ScreenText] = []
        self.legend: Legend | None = None
        if on_paper:
            self._label_font = scene_font(LABEL_PIXELS)
            self._token_size = TOKEN_SIZE
            self.setSceneRect(
                QRectF(-outer, -outer, 2 * outer, outer + LEGEND_TOP + LEGEND_HEIGHT + MARGIN)
            )
            return
        self._label_font = ui_font()
        self._font_pixels = float(QFontInfo(self._label_font).pixelSize())
        self._token_size = self._font_pixels * 2.4  # the shape above a name; see follow_scale
        bold = QFont(self._label_font)
        bold.setBold(True)
        for circle in (1, 2, 3):
            name = ScreenText(
                ring_name(circle), bold, ink=MUTED, fill=QColor(255, 255, 255, 200), centred=False
            )
            name.setPos(0, -RING_RADII[circle - 1])
            self.addItem(name)
            self.ring_names.append(name)
        self.you = ScreenText("You", bold, ink=PAPER, fill=YOU_FILL, centred=True)
        self.addItem(self.you)
        self.legend = Legend(self._label_font)
        self.legend.setPos(0, RING_RADII[-1])
        self.addItem(self.legend)
        self.setSceneRect(QRectF(-outer, -outer, 2 * outer, 2 * outer))

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
                token = MemberToken(
                    index,
                    member,
                    self._label_font,
                    size=self._token_size,
                    fixed_size=not self.on_paper,
                )
                token.set_movable(self._editable)
                self.addItem(token)
                self._tokens.append(token)
        for token, member, angle in zip(self._tokens, members, layout_angles(members), strict=True):
            token.setPos(position_of(member.circle, angle))

    def follow_scale(self, scale: float) -> None:
        """On screen, the view's scale changed: the shapes shrink with the map (down to about
        the size of the words, so a crowded small map stays legible) while the names keep
        the interface's font size."""
        if self.on_paper:
            return
        size = min(max(TOKEN_SIZE * scale, self._font_pixels * 1.1), self._font_pixels * 2.4)
        if abs(size - self._token_size) < 0.5:
            return
        self._token_size = size
        for token in self._tokens:
            token.set_size(size)

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
        if not self.on_paper:
            return  # on screen the words are items of their own, at the interface's size
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

    PADDING = 6  # pixels round the outer circle

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() is QEvent.Type.FontChange:
            self.fit()

    def fit(self) -> None:
        """Scale the circles to the room there is, leaving the legend's height (in pixels,
        since it keeps its size) below them."""
        scene = self.scene()
        if not isinstance(scene, NetworkScene) or scene.on_paper:
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            return
        legend = scene.legend.height() if scene.legend is not None else 0.0
        radius = RING_RADII[-1] + 2  # the outer circle and its pen
        room = self.viewport().size()
        scale = min(
            (room.width() - 2 * self.PADDING) / (2 * radius),
            (room.height() - 2 * self.PADDING - legend) / (2 * radius),
        )
        scale = max(scale, 0.05)  # a view squeezed to nothing still has a transform
        self.setSceneRect(QRectF(-radius, -radius, 2 * radius, 2 * radius + legend / scale))
        self.setTransform(QTransform.fromScale(scale, scale))
        scene.follow_scale(scale)
