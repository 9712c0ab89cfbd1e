"""What the follow-up charts share: the widget shell (`ChartWidget`: the summary a screen
reader hears, painting on screen or into a PDF, the "nothing yet" message), fonts that follow
the user's text size, colours, and the date axis (dates spaced by time, labels that never
touch)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

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


class Dated(Protocol):
    @property
    def on(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)


class ChartWidget(QWidget, Generic[D]):
    """A chart of dated things (outcome records, network maps) with nothing to edit.

    `set_shown(things)` takes them in any order; `shown()` gives them oldest first. With none,
    the chart draws and says `no_data`. A subclass says the rest:

    - `summary_lines()`: the chart in sentences, for a screen reader, the tooltip and tests;
    - `paint(painter, rect, base)`: the chart (of at least one thing) in `rect` on white
      paper, `base` being the body text size in pixels; the painter is saved and restored
      around it.
    """

    no_data = ""
    _shown: tuple[D, ...] = ()

    def __init__(
        self,
        name: str,
        *,
        minimum: QSize,
        hint: QSize,
        vertical: QSizePolicy.Policy,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hint = hint
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a screen reader can reach it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
        self.setMinimumSize(minimum)
        self._describe()

    def set_shown(self, things: Sequence[D]) -> None:
        self._shown = tuple(sorted(things, key=lambda thing: thing.on))
        self._describe()
        self.update()

    def shown(self) -> tuple[D, ...]:
        return self._shown

    def summary_lines(self) -> list[str]:
        raise NotImplementedError

    def paint(self, painter: QPainter, rect: QRectF, base: float) -> None:
        raise NotImplementedError

    def summary_text(self) -> str:
        return "\n".join(self.summary_lines())

    def sizeHint(self) -> QSize:
        return self._hint

    def render_to(self, painter: QPainter, target: QRectF, base: float = 14.0) -> None:
        """Draw the chart into `target` (the screen, a PDF page, a printer, an image)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(target, PAPER)
        if self._shown:
            self.paint(painter, target, base)
        else:
            paint_no_data(painter, target, self.no_data, base)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.render_to(painter, QRectF(self.rect()), base_pixels(self))
        painter.end()

    def _describe(self) -> None:
        summary = self.summary_text()
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
