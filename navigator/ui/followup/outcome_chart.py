"""Outcome measures over time, drawn with QPainter: one row per measure, dates along the bottom.

The free-to-use measures of DOMAIN.md: the UCLA 3-item loneliness score (3 to 9), the ONS
direct question "How often do you feel lonely?", and the four ONS4 wellbeing questions (0 to
10, each reported on its own, never added up). Lower is better for loneliness and anxiety,
higher for the other three, so every row says which way is better in words and with an
arrow. Each row has its own scale, so no two lines cross or hide each other, and each dot
has its value written by it: the chart can be read across the desk without a key.

`summary_text()` says the same in sentences, for a screen reader, a tooltip or a case record.
The date axis, fonts and colours it shares with the network-size chart are in `chart_parts`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from navigator.domain.people import BELONGING_ANSWERS, ONS4_ITEMS, LonelyHowOften, OutcomeRecord
from navigator.ui.followup.chart_parts import (
    GRID,
    INK,
    MUTED,
    ChartWidget,
    base_pixels,
    chart_font,
    needs_years,
    paint_date_axis,
    paint_dot,
    spoken_date,
    x_positions,
)

GUIDE = QColor("#eef1f4")
LINE = QColor("#1f5f8b")
BETTER = QColor("#2f6b3b")
HALO = QColor(255, 255, 255, 225)  # behind a value, so a line never cuts through it

# ONS direct question, least lonely first, as positions on its row.
LONELY_SCALE = (
    LonelyHowOften.NEVER,
    LonelyHowOften.HARDLY_EVER,
    LonelyHowOften.OCCASIONALLY,
    LonelyHowOften.SOME_OF_THE_TIME,
    LonelyHowOften.OFTEN_ALWAYS,
)


@dataclass(frozen=True, slots=True)
class Measure:
    name: str  # in sentences: "UCLA loneliness score"
    title: str  # on the chart
    low: int
    high: int
    lower_is_better: bool
    better: str  # "lower is less lonely"
    value: Callable[[OutcomeRecord], int | None]
    words: Callable[[int], str] = str  # a value as it is said
    axis: Callable[[int], str] = str  # a value at the end of the row's scale


def _lonely_value(record: OutcomeRecord) -> int | None:
    return None if record.lonely is None else LONELY_SCALE.index(record.lonely) + 1


def _ons4(i: int) -> Callable[[OutcomeRecord], int | None]:
    return lambda record: record.ons4[i]


MEASURES = (
    Measure(
        "UCLA loneliness score",
        "Loneliness score (UCLA)",
        3,
        9,
        True,
        "3 to 9, lower is less lonely",
        lambda r: r.ucla_total,
    ),
    Measure(
        "How often they feel lonely",
        "How often lonely",
        1,
        5,
        True,
        "less often is better",
        _lonely_value,
        words=lambda v: LONELY_SCALE[v - 1].label,
        axis=lambda v: {1: "Never", 5: "Often"}.get(v, ""),
    ),
    *(
        Measure(
            label,
            label,
            0,
            10,
            label.startswith("Anxious"),
            "0 to 10, "
            + ("lower is better" if label.startswith("Anxious") else "higher is better"),
            _ons4(i),
        )
        for i, label in enumerate(ONS4_ITEMS)
    ),
    # Issue 16, item 6: the belonging question, 1 (not at all) to 4 (very much).
    Measure(
        "How much they feel they belong to their local community",
        "Belonging",
        1,
        4,
        False,
        "1 to 4, higher is better",
        lambda r: r.belonging,
        words=lambda v: BELONGING_ANSWERS[v],
        axis=lambda v: {1: "Not at all", 4: "Very much"}.get(v, ""),
    ),
)


# The outcomes chart -----------------------------------------------------------------------------

NO_OUTCOMES = "No outcome measures recorded yet. They appear here after the first is recorded."


def summary_lines(records: Sequence[OutcomeRecord]) -> list[str]:
    """Each measure's values in words, oldest first; measures never answered are left out."""
    records = sorted(records, key=lambda r: r.on)
    if not records:
        return [NO_OUTCOMES]
    years = needs_years([r.on for r in records])
    lines = []
    for measure in MEASURES:
        values = [(measure.value(r), r.on) for r in records]
        if all(v is None for v, _ in values):
            continue
        said = ", ".join(
            f"{'not answered' if v is None else measure.words(v).lower()} on "
            f"{spoken_date(on, years)}"
            for v, on in values
        )
        lines.append(f"{measure.name}: {said} ({measure.better}).")
    return lines or ["Outcome measures were recorded, but no questions were answered."]


def paint_outcomes(
    painter: QPainter, rect: QRectF, records: Sequence[OutcomeRecord], base: float
) -> None:
    """The whole chart in `rect`; `records` (at least one) are in date order and `base` is the
    body text size in pixels."""
    body, small, bold = chart_font(base), chart_font(base * 0.9), chart_font(base, bold=True)
    line = QFontMetricsF(body).height()
    stacked = titles_above(rect.width(), base)
    painter.setFont(small)
    painter.setPen(MUTED)
    header = QRectF(
        rect.left() + 4, rect.top() + 2, rect.width() - 8, _header_height(rect.width(), base)
    )
    painter.drawText(header, _WRAP | Qt.AlignmentFlag.AlignVCenter, _HEADER)
    tick_column = _tick_column(base)
    # Beside: a column of titles, then the scale's ends. Above (too narrow for that column):
    # each row's title on a line of its own across the chart, the scale's ends at the left.
    gutter = tick_column + base * 0.5 if stacked else _gutter(rect.width(), base)
    plot_left = rect.left() + gutter + base
    plot_right = rect.right() - base * 5.5
    dates = [r.on for r in records]
    pad = base * 2.5
    xs = x_positions(dates, plot_left + pad, plot_right - pad)
    axis_height = line * 2 + 10
    rows_top = header.bottom() + 6
    rows_bottom = rect.bottom() - axis_height
    row_height = (rows_bottom - rows_top) / len(MEASURES)
    title_height = line * 1.15 if stacked else 0.0

    painter.setPen(QPen(GUIDE, 1.0))  # one faint line down the chart for each day
    for x in xs:
        painter.drawLine(QPointF(x, rows_top + title_height), QPointF(x, rows_bottom))
    for number, measure in enumerate(MEASURES):
        top = rows_top + number * row_height
        painter.setPen(QPen(GRID, 1.0))
        if number:
            painter.drawLine(QPointF(rect.left() + 4, top), QPointF(rect.right() - 4, top))
        if stacked:
            _paint_title_line(
                painter,
                QRectF(rect.left() + 4, top + 3, rect.width() - 8, line),
                measure,
                bold,
                small,
            )
        else:
            _paint_title_beside(
                painter,
                QRectF(rect.left() + 4, top + 6, gutter - tick_column - 8, row_height - 8),
                measure,
                bold,
                small,
            )
        plot_top = top + title_height + line + 4  # a line above for the labels over dots
        plot_bottom = top + row_height - 8 - line * _BELOW  # and room for those under them
        plot = QRectF(plot_left, plot_top, plot_right - plot_left, plot_bottom - plot_top)
        _paint_row(
            painter,
            plot,
            measure,
            records,
            xs,
            small,
            body,
            QRectF(rect.left() + gutter - tick_column, plot.top(), tick_column, plot.height()),
            base,
        )
    paint_date_axis(painter, dates, xs, rows_bottom + 6, body)


def titles_above(width: float, base: float) -> bool:
    """Whether each row's title goes on a line above it: the chart is too narrow for a column
    of titles beside the rows (a laptop at a large font), which would cut them to a word."""
    return _gutter(width, base) - _tick_column(base) - 8 < base * 8


def _gutter(width: float, base: float) -> float:
    return min(max(width * 0.3, 150.0), base * 17)


def _tick_column(base: float) -> float:
    # Wide enough for the longest end-of-scale word ("Very much"), which otherwise lost its
    # first letter to the clip of its box.
    metrics = QFontMetricsF(chart_font(base * 0.9))
    widest = max(metrics.horizontalAdvance(m.axis(v)) for m in MEASURES for v in (m.low, m.high))
    return max(base * 4, widest)


def minimum_height(width: float, base: float) -> int:
    """The least height at which the sentence over the chart, each row's title and which
    way is better, the labels over and under the dots and a readable plot all fit, measured
    at `width` (the titles wrap in their column, or take a line above each row)."""
    body, small, bold = chart_font(base), chart_font(base * 0.9), chart_font(base, bold=True)
    line = QFontMetricsF(body).height()
    plotted = line + 4 + line * 1.2 + line * _BELOW + 8
    if titles_above(width, base):
        row = line * 1.15 + plotted
    else:
        room = _gutter(width, base) - _tick_column(base) - 8
        titles = max(
            _wrapped_height(bold, m.title, room) + _wrapped_height(small, _better_sentence(m), room)
            for m in MEASURES
        )
        row = max(plotted, titles + 9)
    return math.ceil(_header_height(width, base) + 8 + len(MEASURES) * row + line * 2 + 10)


def _header_height(width: float, base: float) -> float:
    """The sentence over the chart, wrapped to the chart's width."""
    small = chart_font(base * 0.9)
    return max(QFontMetricsF(small).height() * 1.3, _wrapped_height(small, _HEADER, width - 8))


def _wrapped_height(font: QFont, text: str, width: float) -> float:
    return (
        QFontMetricsF(font).boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), _WRAP, text).height()
    )


_WRAP = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
_HEADER = (
    "Each dot is a day the measures were taken; the green arrow on each row points the better way."
)
# Lines of room under a row's plot for the labels placed under its dots.
_BELOW = 0.9


def _paint_title_beside(
    painter: QPainter, box: QRectF, measure: Measure, bold: QFont, small: QFont
) -> None:
    """The title in bold, then which way is better, wrapped in the column left of the row."""
    painter.setFont(bold)
    painter.setPen(INK)
    painter.drawText(box, _WRAP, measure.title)
    used = painter.boundingRect(box, _WRAP, measure.title).height()
    painter.setFont(small)
    painter.setPen(MUTED)
    painter.drawText(box.adjusted(0, used + 1, 0, 0), _WRAP, _better_sentence(measure))


def _paint_title_line(
    painter: QPainter, box: QRectF, measure: Measure, bold: QFont, small: QFont
) -> None:
    """The title in bold and which way is better after it, on one line (cut short with an
    ellipsis only if even that line is too narrow; the chart's description has it all)."""
    middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    bold_metrics = QFontMetricsF(bold)
    title = bold_metrics.elidedText(measure.title, Qt.TextElideMode.ElideRight, box.width())
    painter.setFont(bold)
    painter.setPen(INK)
    painter.drawText(box, middle, title)
    used = bold_metrics.horizontalAdvance(title + "  ")
    rest = box.adjusted(used, 0, 0, 0)
    if rest.width() > 0:
        better = QFontMetricsF(small).elidedText(
            _better_sentence(measure), Qt.TextElideMode.ElideRight, rest.width()
        )
        painter.setFont(small)
        painter.setPen(MUTED)
        painter.drawText(rest, middle, better)


def _better_sentence(measure: Measure) -> str:
    return measure.better[0].upper() + measure.better[1:]


def _paint_row(
    painter: QPainter,
    plot: QRectF,
    measure: Measure,
    records: Sequence[OutcomeRecord],
    xs: Sequence[float],
    small: QFont,
    body: QFont,
    ticks: QRectF,
    base: float,
) -> None:
    def y_of(value: int) -> float:
        return plot.bottom() - plot.height() * (value - measure.low) / (measure.high - measure.low)

    painter.setFont(small)
    small_height = QFontMetricsF(small).height()
    for value in (measure.low, measure.high):
        y = y_of(value)
        painter.setPen(QPen(GRID, 1.0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(ticks.left(), y - small_height / 2, ticks.width() + base * 0.6, small_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            measure.axis(value),
        )
    _paint_better_arrow(painter, plot, measure, small, base)

    points = [
        (x, answer)
        for x, record in zip(xs, records, strict=True)
        if (answer := measure.value(record)) is not None
    ]
    if not points:
        painter.setPen(MUTED)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Not answered yet")
        return
    if len(points) > 1:
        path = QPainterPath(QPointF(points[0][0], y_of(points[0][1])))
        for x, value in points[1:]:
            path.lineTo(QPointF(x, y_of(value)))
        painter.setPen(QPen(LINE, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    for x, value in points:
        paint_dot(painter, QPointF(x, y_of(value)), base * 0.42, LINE)
    painter.setFont(body)
    metrics = QFontMetricsF(body)
    texts = [measure.words(value) for _, value in points]
    widths = [metrics.horizontalAdvance(t) + 6 for t in texts]
    below_limit = plot.bottom() + base * 0.7  # a label under a dot must stay in its row
    painter.setPen(INK)
    lanes = label_lanes([x for x, _ in points], widths, base * 0.5)
    for (x, value), text, width, lane in zip(points, texts, widths, lanes, strict=True):
        y = y_of(value)
        offset = base * 0.55
        above = QRectF(x - width / 2, y - offset - metrics.height(), width, metrics.height())
        below = QRectF(x - width / 2, y + offset, width, metrics.height())
        box = above if lane == 0 else below
        if lane is None or (lane == 1 and below.bottom() > below_limit + metrics.height()):
            continue
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HALO)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def label_lanes(xs: Sequence[float], widths: Sequence[float], gap: float) -> list[int | None]:
    """For labels centred on xs: 0 above the dot, 1 below it, None when neither has room.

    Placed newest first, so the latest value is always labelled."""
    lanes: list[int | None] = [None] * len(xs)
    left_edges = [float("inf"), float("inf")]  # the leftmost label so far in each lane
    for i in reversed(range(len(xs))):
        right = xs[i] + widths[i] / 2
        for lane in (0, 1):
            if right + gap <= left_edges[lane]:
                lanes[i] = lane
                left_edges[lane] = xs[i] - widths[i] / 2
                break
    return lanes


def _paint_better_arrow(
    painter: QPainter, plot: QRectF, measure: Measure, font: QFont, base: float
) -> None:
    """A short green arrow to the right of the row, pointing the better way, with the word."""
    x = plot.right() + base * 1.2
    top, bottom = plot.top() + 2, plot.bottom() - 2
    start, end = (top, bottom) if measure.lower_is_better else (bottom, top)
    painter.setPen(QPen(BETTER, 2.0))
    painter.drawLine(QPointF(x, start), QPointF(x, end))
    head = base * 0.45
    direction = 1 if end > start else -1
    arrow = QPainterPath(QPointF(x, end))
    arrow.lineTo(QPointF(x - head, end - direction * head * 1.3))
    arrow.lineTo(QPointF(x + head, end - direction * head * 1.3))
    arrow.closeSubpath()
    painter.setBrush(BETTER)
    painter.drawPath(arrow)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    painter.drawText(
        QRectF(
            x + base * 0.5, (top + bottom) / 2 - metrics.height() / 2, base * 4, metrics.height()
        ),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        "better",
    )


class OutcomeChart(ChartWidget[OutcomeRecord]):
    """The outcome measures over time. `set_outcomes(records)`; nothing to edit."""

    no_data = NO_OUTCOMES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Outcome measures over time",
            # Narrow enough to sit beside the questions on a laptop at a large font; the
            # least height follows the font and the width (minimumSizeHint).
            minimum=QSize(320, 0),
            hint=QSize(760, 560),
            vertical=QSizePolicy.Policy.Expanding,
            parent=parent,
        )
        self._titles_above = False

    def minimumSizeHint(self) -> QSize:
        return QSize(320, minimum_height(self.width(), base_pixels(self)))

    def sizeHint(self) -> QSize:
        # No taller than it must be: in a scrolling panel beside wrapped text, Qt sizes the
        # panel's contents by their preferred heights, and a taller wish scrolled the dates
        # off a laptop screen. It still grows into whatever room there is.
        return QSize(760, self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Narrower or wider past the point where the titles move, the least height changes.
        above = titles_above(self.width(), base_pixels(self))
        if above != self._titles_above:
            self._titles_above = above
            self.updateGeometry()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def set_outcomes(self, records: Sequence[OutcomeRecord]) -> None:
        self.set_shown(records)

    def outcomes(self) -> tuple[OutcomeRecord, ...]:
        return self.shown()

    def summary_lines(self) -> list[str]:
        return summary_lines(self.shown())

    def paint(self, painter: QPainter, rect: QRectF, base: float) -> None:
        paint_outcomes(painter, rect, self.shown(), base)
