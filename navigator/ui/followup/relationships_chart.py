"""Relationships over time (issue 16, item 6), drawn like the outcome chart: one row per
measure, each saved map a day along the bottom, every dot with its value written by it.

Rows: how many are on the closest circle; what share of the people on the map are not
professionals; and, for each kind of support (GENIE), how many ties give it. The numbers
come from services/relationships.py; `summary_text()` says them in sentences for a screen
reader or a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from navigator.domain.people import NetworkSnapshot, Support
from navigator.services.relationships import RelationshipPoint, relationships_over_time
from navigator.ui.followup.chart_parts import (
    GRID,
    INK,
    MUTED,
    ChartWidget,
    chart_font,
    needs_years,
    paint_date_axis,
    paint_dot,
    spoken_date,
    x_positions,
)
from navigator.ui.followup.network_size_chart import nice_top
from navigator.ui.followup.outcome_chart import label_lanes

LINE = QColor("#6a4c93")
HALO = QColor(255, 255, 255, 225)
NO_MAPS = "No network map saved yet. Each saved map adds a point to every row here."
SUPPORT_WORDS = {
    Support.EMOTIONAL: "Emotional support",
    Support.PRACTICAL: "Practical help",
    Support.COMPANY: "Company",
    Support.INFORMATION: "Information and advice",
}


@dataclass(frozen=True, slots=True)
class Row:
    title: str
    value: Callable[[RelationshipPoint], int | None]  # None: nothing to say for that map
    words: Callable[[int], str] = str
    percent: bool = False  # a 0-100 scale rather than a count


def _percent(point: RelationshipPoint) -> int | None:
    share = point.share_not_professional
    return None if share is None else round(share * 100)


def _support(kind: Support) -> Callable[[RelationshipPoint], int | None]:
    return lambda point: point.support_count(kind)


ROWS = (
    Row("On the closest circle", lambda p: p.inner_circle),
    Row("People who are not professionals", _percent, lambda v: f"{v}%", percent=True),
    *(Row(f"Giving {words.lower()}", _support(kind)) for kind, words in SUPPORT_WORDS.items()),
)


def relationships_summary(snapshots: Sequence[NetworkSnapshot]) -> list[str]:
    points = relationships_over_time(snapshots)
    if not points:
        return [NO_MAPS]
    years = needs_years([p.on for p in points])
    lines = []
    for row in ROWS:
        said = ", ".join(
            f"{'no people on the map' if (v := row.value(p)) is None else row.words(v)} on "
            f"{spoken_date(p.on, years)}"
            for p in points
        )
        lines.append(f"{row.title}: {said}.")
    return lines


def paint_relationships(
    painter: QPainter, rect: QRectF, snapshots: Sequence[NetworkSnapshot], base: float
) -> None:
    """A row per measure, a day per map; there is at least one snapshot."""
    points = relationships_over_time(snapshots)
    body, small, bold = chart_font(base), chart_font(base * 0.9), chart_font(base, bold=True)
    line = QFontMetricsF(body).height()
    gutter = min(max(rect.width() * 0.28, 140.0), base * 15)
    plot_left, plot_right = rect.left() + gutter + base * 3.5, rect.right() - base * 2.5
    dates = [p.on for p in points]
    xs = x_positions(dates, plot_left, plot_right)
    axis_height = line * 2 + 10
    rows_top, rows_bottom = rect.top() + 4, rect.bottom() - axis_height
    row_height = (rows_bottom - rows_top) / len(ROWS)
    counts_top = nice_top(
        max(
            (v for row in ROWS if not row.percent for p in points if (v := row.value(p))), default=0
        )
    )
    for number, row in enumerate(ROWS):
        top = rows_top + number * row_height
        painter.setPen(QPen(GRID, 1.0))
        if number:
            painter.drawLine(QPointF(rect.left() + 4, top), QPointF(rect.right() - 4, top))
        painter.setFont(bold)
        painter.setPen(INK)
        painter.drawText(
            QRectF(rect.left() + 4, top + 4, gutter - 8, row_height - 8),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            row.title,
        )
        plot = QRectF(plot_left, top + line * 0.9 + 4, plot_right - plot_left, 0)
        plot.setBottom(top + row_height - 6)
        high = 100 if row.percent else counts_top
        _paint_row(painter, plot, row, points, xs, high, small, body, base)
    paint_date_axis(painter, dates, xs, rows_bottom + 6, body)


def _paint_row(
    painter: QPainter,
    plot: QRectF,
    row: Row,
    points: Sequence[RelationshipPoint],
    xs: Sequence[float],
    high: int,
    small: QFont,
    body: QFont,
    base: float,
) -> None:
    def y_of(value: int) -> float:
        return plot.bottom() - plot.height() * value / high

    painter.setPen(QPen(GRID, 1.0))
    for value in (0, high):
        painter.drawLine(QPointF(plot.left(), y_of(value)), QPointF(plot.right(), y_of(value)))
    painter.setFont(small)
    painter.setPen(MUTED)
    scale = f"{high}%" if row.percent else str(high)
    painter.drawText(
        QRectF(plot.left() - base * 3.4, y_of(high) - base * 0.6, base * 3.2, base * 1.2),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        scale,
    )
    shown = [(x, v) for x, p in zip(xs, points, strict=True) if (v := row.value(p)) is not None]
    if len(shown) > 1:
        path = QPainterPath(QPointF(shown[0][0], y_of(shown[0][1])))
        for x, value in shown[1:]:
            path.lineTo(QPointF(x, y_of(value)))
        painter.setPen(QPen(LINE, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    for x, value in shown:
        paint_dot(painter, QPointF(x, y_of(value)), base * 0.4, LINE)
    painter.setFont(body)
    metrics = painter.fontMetrics()
    texts = [row.words(v) for _, v in shown]
    widths = [metrics.horizontalAdvance(t) + 6.0 for t in texts]
    lanes = label_lanes([x for x, _ in shown], widths, base * 0.5)
    for (x, value), text, width, lane in zip(shown, texts, widths, lanes, strict=True):
        if lane is None:
            continue
        y, offset, height = y_of(value), base * 0.5, float(metrics.height())
        # Above the dot, unless that would leave the row; then below it.
        top = (
            y - offset - height
            if lane == 0 and y - offset - height >= plot.top() - height * 0.6
            else y + offset
        )
        box = QRectF(x - width / 2, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HALO)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class RelationshipsChart(ChartWidget[NetworkSnapshot]):
    """The relationships in each saved map. `set_snapshots(snapshots)` (any order)."""

    no_data = NO_MAPS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Relationships over time",
            minimum=QSize(300, 120),  # a splitter pane under the map: it can fold away
            hint=QSize(640, 420),
            vertical=QSizePolicy.Policy.Expanding,
            parent=parent,
        )

    def set_snapshots(self, snapshots: Sequence[NetworkSnapshot]) -> None:
        self.set_shown(snapshots)

    def summary_lines(self) -> list[str]:
        return relationships_summary(self.shown())

    def paint(self, painter: QPainter, rect: QRectF, base: float) -> None:
        paint_relationships(painter, rect, self.shown(), base)
