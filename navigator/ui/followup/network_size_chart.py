"""How many people, groups, places and activities were on the network map each time it was
drawn: a bar per dated snapshot, the number on top, drawn with QPainter.

A count of the map is a free outcome measure of its own (DOMAIN.md). Bars stand side by side
in date order, one per map, rather than spaced by time: the worker and the person compare
one map with the next. `summary_text()` gives the counts in words, kind by kind.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from navigator.domain.people import MemberKind, NetworkSnapshot
from navigator.ui.followup.chart_parts import (
    GRID,
    INK,
    MUTED,
    ChartWidget,
    chart_font,
    needs_years,
    paint_date_axis,
    spoken_date,
)

BAR_FILL = QColor("#a9c3da")
BAR_EDGE = QColor("#2f5f86")
NO_MAPS = "No network map saved yet. Each saved map adds a bar here."
KIND_WORDS = {
    MemberKind.PERSON: ("person", "people"),
    MemberKind.GROUP: ("group", "groups"),
    MemberKind.PLACE: ("place", "places"),
    MemberKind.ACTIVITY: ("activity", "activities"),
}


def size_summary(snapshots: Sequence[NetworkSnapshot]) -> str:
    """ "Network size (people, groups, places and activities on the map): 3 on 3 March
    (3 people), 8 on 1 September (4 people, 2 groups, 1 place, 1 activity)." """
    snapshots = sorted(snapshots, key=lambda s: s.on)
    if not snapshots:
        return NO_MAPS
    years = needs_years([s.on for s in snapshots])
    said = ", ".join(f"{s.size} on {spoken_date(s.on, years)}{_by_kind(s)}" for s in snapshots)
    return f"Network size (people, groups, places and activities on the map): {said}."


def _by_kind(snapshot: NetworkSnapshot) -> str:
    parts = []
    for kind, (one, many) in KIND_WORDS.items():
        n = snapshot.count(kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return f" ({', '.join(parts)})" if parts else ""


def nice_top(largest: int) -> int:
    """The top of the scale: at least 5, and a round number above the biggest map."""
    if largest <= 5:
        return 5
    step = 2 if largest <= 10 else 5 if largest <= 40 else 10
    return step * math.ceil(largest / step)


def paint_network_sizes(
    painter: QPainter, rect: QRectF, snapshots: Sequence[NetworkSnapshot], base: float
) -> None:
    """A bar per map, oldest first; `snapshots` (at least one) are in date order."""
    body, bold, small = chart_font(base), chart_font(base * 1.15, bold=True), chart_font(base * 0.9)
    line = QFontMetricsF(body).height()
    painter.setPen(MUTED)
    painter.setFont(small)
    caption = QRectF(rect.left() + 4, rect.top() + 2, rect.width() - 8, line * 1.3)
    painter.drawText(
        caption,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        "People, groups, places and activities on the map, each time it was saved",
    )
    plot = QRectF(rect.left() + base * 3, caption.bottom() + line * 1.6, rect.width() - base * 4, 0)
    plot.setBottom(rect.bottom() - line * 2 - 12)
    top = nice_top(max(s.size for s in snapshots))
    step = 1 if top <= 6 else 2 if top <= 12 else 5 if top <= 40 else 10

    def y_of(value: float) -> float:
        return plot.bottom() - plot.height() * value / top

    painter.setFont(small)
    for value in range(0, top + 1, step):
        y = y_of(value)
        painter.setPen(QPen(GRID, 1.0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(rect.left(), y - line / 2, base * 2.4, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(value),
        )
    slot = plot.width() / len(snapshots)
    width = min(base * 4, slot * 0.6)
    xs = [plot.left() + slot * (i + 0.5) for i in range(len(snapshots))]
    painter.setFont(bold)
    for x, snapshot in zip(xs, snapshots, strict=True):
        bar = QRectF(x - width / 2, y_of(snapshot.size), width, plot.bottom() - y_of(snapshot.size))
        painter.setPen(QPen(BAR_EDGE, 1.5))
        painter.setBrush(BAR_FILL)
        painter.drawRect(bar)
        painter.setPen(INK)
        painter.drawText(
            QRectF(x - slot / 2, bar.top() - line - 2, slot, line),
            Qt.AlignmentFlag.AlignCenter,
            str(snapshot.size),
        )
    paint_date_axis(painter, [s.on for s in snapshots], xs, plot.bottom() + 6, body)


class NetworkSizeChart(ChartWidget[NetworkSnapshot]):
    """Network size per saved map. `set_snapshots(snapshots)` (any order)."""

    no_data = NO_MAPS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Network size over time",
            minimum=QSize(300, 140),  # fits under the map on a laptop screen
            hint=QSize(480, 260),
            vertical=QSizePolicy.Policy.Preferred,
            parent=parent,
        )

    def set_snapshots(self, snapshots: Sequence[NetworkSnapshot]) -> None:
        self.set_shown(snapshots)

    def snapshots(self) -> tuple[NetworkSnapshot, ...]:
        return self.shown()

    def summary_lines(self) -> list[str]:
        return [size_summary(self.shown())]

    def paint(self, painter: QPainter, rect: QRectF, base: float) -> None:
        paint_network_sizes(painter, rect, self.shown(), base)
