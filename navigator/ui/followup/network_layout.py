"""Where each member goes on the network map: geometry and placement, no Qt state.

GENIE and Connecting People draw the network on three concentric circles by importance:
circle 1 (closest) inside, circle 3 outside. A member keeps only its circle and an angle
(degrees, anticlockwise from "3 o'clock"); its distance from the centre is the middle of its
circle's band, so a token dragged anywhere inside a band lands on that band's middle line.
Members with no angle yet are placed in the widest free gap of their circle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from navigator.domain.people import NetworkMember
from navigator.ui.followup.network_style import CIRCLE_NAMES, scene_font

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
    placed = [ring_name_box(circle) for circle in (1, 2, 3)]
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
def ring_name_box(circle: int) -> QRectF:
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
