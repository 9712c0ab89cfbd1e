"""The network map on paper: a title, the map with its legend, and who is on each circle in
words. The same page goes to a printer, a PDF (written all or nothing) and a picture.

Sizes are in logical units scaled to the target's width, so a PNG, a PDF and a printer page
look the same whatever their resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from navigator.domain.people import NetworkMember, NetworkSnapshot
from navigator.services.files import write_bytes_atomically
from navigator.ui.followup.network_scene import NetworkScene
from navigator.ui.followup.network_style import (
    CIRCLE_LABELS,
    FREQUENCY_LABELS,
    INK,
    KIND_LABELS,
    MUTED,
    RELATIONSHIP_LABELS,
    SUPPORT_LABELS,
    count_members,
    day,
    scene_font,
)

PDF_RESOLUTION = 300
PDF_MARGINS_MM = QMarginsF(15, 15, 15, 15)
TITLE = "Network map"


def paint_snapshot(
    painter: QPainter, target: QRectF, snapshot: NetworkSnapshot, *, earlier: bool
) -> None:
    """The page for this map into `target`; `earlier` says it is a saved map looked back at."""
    when = f"As drawn on {day(snapshot.on)}" if earlier else day(snapshot.on)
    subtitle = f"{when} · {count_members(snapshot.size)}"
    paint_map_page(painter, target, snapshot.members, TITLE, subtitle)


def print_map(printer: QPrinter, snapshot: NetworkSnapshot, *, earlier: bool) -> None:
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    paint_snapshot(painter, QRectF(0, 0, page.width(), page.height()), snapshot, earlier=earlier)
    painter.end()


def map_pdf_bytes(snapshot: NetworkSnapshot, *, earlier: bool) -> bytes:
    """The page as an A4 PDF."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            PDF_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(TITLE)
    painter = QPainter(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    paint_snapshot(painter, QRectF(0, 0, page.width(), page.height()), snapshot, earlier=earlier)
    painter.end()  # the PDF is complete when the painter ends
    buffer.close()
    return bytes(data.data())


def write_map_pdf(path: Path, snapshot: NetworkSnapshot, *, earlier: bool) -> None:
    """Write the page to `path` as a PDF, all or nothing."""
    write_bytes_atomically(Path(path), map_pdf_bytes(snapshot, earlier=earlier))


def map_image(snapshot: NetworkSnapshot, *, earlier: bool, width: int = 1000) -> QImage:
    """The printed page as a picture, `width` pixels across (A4 proportions)."""
    image = QImage(width, round(width * 297 / 210), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    margin = width * 0.05
    target = QRectF(margin, margin, width - 2 * margin, image.height() - 2 * margin)
    paint_snapshot(painter, target, snapshot, earlier=earlier)
    painter.end()
    return image


PAGE_WIDTH = 800.0  # logical units across the page; everything below is drawn in these


def paint_map_page(
    painter: QPainter, target: QRectF, members: Sequence[NetworkMember], title: str, subtitle: str
) -> None:
    """A title, the map with its legend, and who is on each circle in words, in `target`."""
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

    scene = NetworkScene(on_paper=True)  # words scale with the page, unlike on screen
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
