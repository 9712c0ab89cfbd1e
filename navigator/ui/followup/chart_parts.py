"""What the outcome chart and the network-size chart share: fonts that follow the user's
text size, colours, and the date axis (dates spaced by time, labels that never touch)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from navigator.domain.wording import MONTH_NAMES, day_month_year

INK = QColor("#1f2529")
MUTED = QColor("#56616b")
GRID = QColor("#d9dfe5")
PAPER = QColor("#ffffff")


def chart_font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(8, round(pixels)))
    font.setBold(bold)
    return font


def base_pixels(widget: QWidget) -> float:
    """The widget's own text size in pixels, so the chart follows the user's font setting."""
    return max(12.0, float(QFontInfo(widget.font()).pixelSize()))


def spoken_date(d: dt.date, with_year: bool) -> str:
    return day_month_year(d) if with_year else f"{d.day} {MONTH_NAMES[d.month - 1]}"


def needs_years(dates: Sequence[dt.date]) -> bool:
    """Years are said only when the dates are not all in the same year."""
    return len({d.year for d in dates}) > 1


def x_positions(dates: Sequence[dt.date], left: float, right: float) -> list[float]:
    """Dates spaced in proportion to time; a single date sits in the middle."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    span = (last - first).days
    if span == 0:
        return [(left + right) / 2 for _ in dates]
    return [left + (right - left) * (d - first).days / span for d in dates]


def spaced(xs: Sequence[float], widths: Sequence[float], gap: float) -> list[int]:
    """Which labels (centred on xs) can be drawn without touching: always the last, then as
    many as fit from the first."""
    if not xs:
        return []
    last = len(xs) - 1
    kept: list[int] = []
    right_edge = -1e9
    for i, (x, width) in enumerate(zip(xs, widths, strict=True)):
        if i == last:
            break
        clear_of_last = x + width / 2 + gap <= xs[last] - widths[last] / 2
        if x - width / 2 >= right_edge + gap and clear_of_last:
            kept.append(i)
            right_edge = x + width / 2
    return [*kept, last]


def paint_date_axis(
    painter: QPainter, dates: Sequence[dt.date], xs: Sequence[float], top: float, font: QFont
) -> None:
    """Day and month under each x, with the year underneath the first and at each new year."""
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(INK)
    texts = [f"{d.day} {MONTH_NAMES[d.month - 1][:3]}" for d in dates]
    widths = [metrics.horizontalAdvance(t) + 4 for t in texts]
    shown_year: int | None = None
    for i in spaced(xs, widths, metrics.horizontalAdvance("  ")):
        box = QRectF(xs[i] - widths[i] / 2 - 20, top, widths[i] + 40, metrics.height())
        painter.setPen(INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, texts[i])
        if dates[i].year != shown_year:
            painter.setPen(MUTED)
            painter.drawText(
                box.translated(0, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(dates[i].year),
            )
            shown_year = dates[i].year


def paint_no_data(painter: QPainter, rect: QRectF, text: str, base: float) -> None:
    painter.setPen(MUTED)
    painter.setFont(chart_font(base * 1.1))
    painter.drawText(
        rect.adjusted(20, 20, -20, -20),
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        text,
    )


def paint_dot(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    painter.setPen(QPen(PAPER, radius * 0.45))
    painter.setBrush(colour)
    painter.drawEllipse(centre, radius, radius)
