"""The network map drawn with Qt graphics: three circles round the person, one token per member.

GENIE and Connecting People draw the network on three concentric circles by importance:
circle 1 (closest) inside, circle 3 outside. A member keeps only its circle and an angle
(degrees, anticlockwise from "3 o'clock"); its distance from the centre is the middle of its
circle's band, so a token dragged anywhere inside a band lands on that band's middle line.
Members with no angle yet are placed in the widest free gap of their circle.

The scene draws and reports; it never changes members itself. A token dropped after a drag
emits `member_dropped(index, circle, angle)` and the editor decides what that means (so the
change goes on the undo stack). Kinds differ by shape as well as colour (Okabe-Ito hues,
which stay distinct for the common kinds of colour blindness), and a legend says which is
which, on screen and on paper.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from navigator.domain.people import (
    ContactFrequency,
    MemberKind,
    NetworkMember,
    Relationship,
    Support,
)

# Geometry, in scene units (the view scales the whole scene to fit).
YOU_RADIUS = 48.0
RING_RADII = (178.0, 303.0, 428.0)  # outer edge of circles 1, 2 and 3
TOKEN_SIZE = 40.0
LABEL_WIDTH = 136.0
LABEL_LINES = 2
LEGEND_TOP = RING_RADII[-1] + 28.0
LEGEND_HEIGHT = 34.0
MARGIN = 16.0
LABEL_PIXELS = 16
RING_NAME_PIXELS = 13  # the circles' names, at the top of each band

CIRCLE_NAMES = {1: "Closest", 2: "Close", 3: "Less close"}
CIRCLE_LABELS = {
    1: "Closest and most important",
    2: "Close and important",
    3: "Less close, still part of life",
}
KIND_LABELS = {
    MemberKind.PERSON: "Person",
    MemberKind.GROUP: "Group",
    MemberKind.PLACE: "Place",
    MemberKind.ACTIVITY: "Activity",
}
RELATIONSHIP_LABELS = {
    Relationship.FAMILY: "Family",
    Relationship.PARTNER: "Partner",
    Relationship.FRIEND: "Friend",
    Relationship.NEIGHBOUR: "Neighbour",
    Relationship.COLLEAGUE: "Colleague",
    Relationship.PROFESSIONAL: "A worker or professional",
    Relationship.MEMBER: "Through a group or place",
    Relationship.OTHER: "Other",
}
FREQUENCY_LABELS = {
    ContactFrequency.DAILY: "Every day",
    ContactFrequency.WEEKLY: "Every week",
    ContactFrequency.MONTHLY: "Every month",
    ContactFrequency.LESS_OFTEN: "Less often",
    ContactFrequency.RARELY: "Hardly ever",
}
SUPPORT_LABELS = {
    Support.EMOTIONAL: "Someone to talk to",
    Support.PRACTICAL: "Practical help",
    Support.COMPANY: "Company",
    Support.INFORMATION: "Information or advice",
}

PAPER = QColor("#ffffff")
INK = QColor("#1f2529")
MUTED = QColor("#56616b")
RING_EDGE = QColor("#98a4b0")
RING_FILLS = (QColor("#e3eaf2"), QColor("#edf1f6"), QColor("#f6f8fb"))
DROP_FILL = QColor("#fdf0c4")  # the circle a dragged token would land in
YOU_FILL = QColor("#4d5963")


@dataclass(frozen=True, slots=True)
class KindStyle:
    fill: QColor
    edge: QColor


# Okabe-Ito blue, orange, bluish green and reddish purple: pale fills with a darker edge.
KIND_STYLES = {
    MemberKind.PERSON: KindStyle(QColor("#cfe3f1"), QColor("#0a5f94")),
    MemberKind.GROUP: KindStyle(QColor("#fbe6bd"), QColor("#9a6400")),
    MemberKind.PLACE: KindStyle(QColor("#c9eadf"), QColor("#00735a")),
    MemberKind.ACTIVITY: KindStyle(QColor("#f4dcea"), QColor("#9c4a7c")),
}


def kind_path(kind: MemberKind, size: float) -> QPainterPath:
    """The kind's shape centred on (0, 0): circle, rounded square, house, diamond."""
    half = size / 2
    path = QPainterPath()
    if kind is MemberKind.PERSON:
        path.addEllipse(QPointF(0, 0), half, half)
    elif kind is MemberKind.GROUP:
        side = half * 0.88
        path.addRoundedRect(QRectF(-side, -side, 2 * side, 2 * side), 5, 5)
    elif kind is MemberKind.PLACE:
        w = half * 0.9
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(0, -half),
                    QPointF(w, -half * 0.15),
                    QPointF(w, half * 0.9),
                    QPointF(-w, half * 0.9),
                    QPointF(-w, -half * 0.15),
                ]
            )
        )
        path.closeSubpath()
    else:
        path.addPolygon(
            QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)])
        )
        path.closeSubpath()
    return path


def paint_kind(painter: QPainter, kind: MemberKind, centre: QPointF, size: float) -> None:
    style = KIND_STYLES[kind]
    painter.save()
    painter.translate(centre)
    painter.setPen(QPen(style.edge, max(1.5, size / 14)))
    painter.setBrush(style.fill)
    painter.drawPath(kind_path(kind, size))
    painter.restore()


def describe_member(member: NetworkMember) -> str:
    """One line for a tooltip, a list row or a screen reader."""
    parts = [KIND_LABELS[member.kind].lower(), CIRCLE_LABELS[member.circle].lower()]
    if member.relationship is not None:
        parts.append(RELATIONSHIP_LABELS[member.relationship].lower())
    if member.frequency is not None:
        parts.append("in touch " + FREQUENCY_LABELS[member.frequency].lower())
    if member.support:
        parts.append("gives " + " and ".join(SUPPORT_LABELS[s].lower() for s in member.support))
    return f"{member.alias}: " + ", ".join(parts)


# Layout (no Qt state) -------------------------------------------------------------------------


def band_middle(circle: int) -> float:
    inner = YOU_RADIUS if circle == 1 else RING_RADII[circle - 2]
    return (inner + RING_RADII[circle - 1]) / 2


def circle_at(distance: float) -> int:
    """Which circle a point this far from the centre is in (the centre counts as circle 1)."""
    for circle, outer in enumerate(RING_RADII, start=1):
        if distance < outer:
            return circle
    return 3


def position_of(circle: int, angle: float) -> QPointF:
    radius, radians = band_middle(circle), math.radians(angle)
    return QPointF(radius * math.cos(radians), -radius * math.sin(radians))


def angle_of(point: QPointF) -> float:
    return math.degrees(math.atan2(-point.y(), point.x())) % 360.0


def layout_angles(members: Sequence[NetworkMember]) -> list[float]:
    """Each member's angle: its own if it has one; else, on its circle, the angle where its
    token and label are furthest from everything already placed (other tokens on any
    circle, and the circles' names). Members without an angle are placed inner circle first,
    in order. Deterministic, so the same snapshot is always drawn the same way."""
    angles = [m.angle % 360.0 if m.angle is not None else 0.0 for m in members]
    placed = [_ring_name_box(circle) for circle in (1, 2, 3)]
    placed += [
        _footprint(m.alias, position_of(m.circle, a))
        for m, a in zip(members, angles, strict=True)
        if m.angle is not None
    ]
    waiting = sorted((m.circle, i) for i, m in enumerate(members) if m.angle is None)
    for circle, i in waiting:
        best_angle, best_clearance = 0.0, -math.inf
        for candidate in CANDIDATE_ANGLES:
            box = _footprint(members[i].alias, position_of(circle, candidate))
            clearance = min(_separation(box, other) for other in placed)
            if clearance > best_clearance + 1e-6:
                best_angle, best_clearance = candidate, clearance
        angles[i] = best_angle
        placed.append(_footprint(members[i].alias, position_of(circle, best_angle)))
    return angles


# Tried in this order, so ties go to the bottom of the map first (away from the names).
CANDIDATE_ANGLES = tuple(float((270 + step) % 360) for step in range(0, 360, 2))


@cache
def label_metrics() -> QFontMetricsF:
    return QFontMetricsF(scene_font(LABEL_PIXELS))


@cache
def _footprint_size(alias: str) -> tuple[float, float, float]:
    """How wide a token with this label is, and how far it reaches above and below."""
    metrics = label_metrics()
    lines = fit_label(alias, metrics, LABEL_WIDTH, LABEL_LINES)
    width = max(TOKEN_SIZE + 12, max(metrics.horizontalAdvance(line) for line in lines) + 14)
    return width, TOKEN_SIZE / 2 + 6, TOKEN_SIZE / 2 + 5 + len(lines) * metrics.lineSpacing()


def _footprint(alias: str, centre: QPointF) -> QRectF:
    """The space a token and its label take, centred on `centre`."""
    width, above, below = _footprint_size(alias)
    return QRectF(centre.x() - width / 2, centre.y() - above, width, above + below)


@cache
def _ring_name_box(circle: int) -> QRectF:
    metrics = QFontMetricsF(scene_font(RING_NAME_PIXELS, bold=True))
    width = metrics.horizontalAdvance(ring_name(circle)) + 12
    return QRectF(-width / 2, -RING_RADII[circle - 1] + 8, width, metrics.height() + 2)


def ring_name(circle: int) -> str:
    return f"{circle}  {CIRCLE_NAMES[circle]}"


def _separation(a: QRectF, b: QRectF) -> float:
    """The gap between two boxes; negative (how far in) when they overlap."""
    dx = max(b.left() - a.right(), a.left() - b.right())
    dy = max(b.top() - a.bottom(), a.top() - b.bottom())
    if dx < 0 and dy < 0:
        return max(dx, dy)
    return math.hypot(max(dx, 0.0), max(dy, 0.0))


def fit_label(text: str, metrics: QFontMetricsF, width: float, lines: int) -> list[str]:
    """Word-wrapped lines of `text`, at most `lines`, the last elided if it does not fit."""
    words, out, current = text.split(), [], ""
    for position, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if not current or metrics.horizontalAdvance(trial) <= width:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[position:])
            break
    out.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out]


def scene_font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(pixels))
    font.setBold(bold)
    return font


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
            box = _ring_name_box(circle)
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


# On paper ------------------------------------------------------------------------------------

PAGE_WIDTH = 800.0  # logical units across the page; everything below is drawn in these


def paint_map_page(
    painter: QPainter, target: QRectF, members: Sequence[NetworkMember], title: str, subtitle: str
) -> None:
    """A title, the map with its legend, and who is on each circle in words, in `target`.

    Sizes are in logical units scaled to the target's width, so a PNG, a PDF and a printer
    page look the same whatever their resolution."""
    scale = target.width() / PAGE_WIDTH
    height = target.height() / scale
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(INK)
    painter.setFont(scene_font(26, bold=True))
    painter.drawText(QRectF(0, 0, PAGE_WIDTH, 36), Qt.AlignmentFlag.AlignLeft, title)
    painter.setPen(MUTED)
    painter.setFont(scene_font(15))
    painter.drawText(QRectF(0, 38, PAGE_WIDTH, 22), Qt.AlignmentFlag.AlignLeft, subtitle)

    scene = NetworkScene()
    scene.show_selection = False
    scene.set_members(members)
    source = scene.sceneRect()
    map_height = min(source.height() * PAGE_WIDTH / source.width(), height * 0.66)
    map_width = source.width() * map_height / source.height()
    scene.render(painter, QRectF((PAGE_WIDTH - map_width) / 2, 70, map_width, map_height), source)
    y = 70 + map_height + 18
    painter.setPen(INK)
    painter.setFont(scene_font(17, bold=True))
    painter.drawText(
        QRectF(0, y, PAGE_WIDTH, 26), Qt.AlignmentFlag.AlignLeft, "Who and what is on each circle"
    )
    y += 30
    body = scene_font(14)
    painter.setFont(body)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    for circle in (1, 2, 3):
        on_circle = [m for m in members if m.circle == circle]
        words = "; ".join(_page_entry(m) for m in on_circle) or "nobody yet"
        text = f"{circle}  {CIRCLE_LABELS[circle]}: {words}."
        box = painter.boundingRect(QRectF(0, y, PAGE_WIDTH, height - y), flags, text)
        painter.drawText(QRectF(0, y, PAGE_WIDTH, height - y), flags, text)
        y += box.height() + 8
    painter.restore()


def _page_entry(member: NetworkMember) -> str:
    details = [KIND_LABELS[member.kind].lower()]
    if member.relationship is not None:
        details.append(RELATIONSHIP_LABELS[member.relationship].lower())
    if member.frequency is not None:
        details.append("in touch " + FREQUENCY_LABELS[member.frequency].lower())
    if member.support:
        details.append(", ".join(SUPPORT_LABELS[s].lower() for s in member.support))
    return f"{member.alias} ({', '.join(details)})"
