"""The one handout renderer: a Handout laid out on pages, for a PDF file or a printer.

The GUI and the `navigator handout` command both come here, so what is printed in the
appointment and what the command writes are the same pages. The text comes from
`navigator.services.handout.handout_html` (already escaped); this module only lays it out:
A4 for PDFs, the printer's own paper for printing, and no activity block split across two
pages when it fits on one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from navigator.services.files import write_bytes_atomically
from navigator.services.handout import NOTES_ANCHOR, QUIET, Handout, handout_html

# Wide enough for a hole punch or a fridge magnet, and inside every printer's unprintable edge.
MARGINS_MM = QMarginsF(18, 16, 18, 16)
PDF_RESOLUTION = 300
# Fonts people read easily in print, in order of preference; the first one installed is used.
FONT_FAMILIES = ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans", "Noto Sans"]
# The notes keep at least this many ruled lines when they share a page with other things.
MIN_NOTE_LINES = 3


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one for rendering from the command line.

    Fonts and text layout need a QGuiApplication. On Linux with no display (a server, a
    terminal over ssh) the offscreen platform is used, so no window system is needed."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:  # a console-only QCoreApplication cannot lay out text
        raise RuntimeError("Printing needs a QGuiApplication; a QCoreApplication is running.")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])


def handout_document(handout: Handout) -> QTextDocument:
    """The handout as a QTextDocument (not yet paginated), e.g. for an on-screen preview."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(handout.sizes.body)
    # No "fi"/"ff" ligatures: text copied from the PDF (an email address, a website) must be
    # the letters that were typed, and screen readers read ligatures badly.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, handout.title)
    document.setHtml(handout_html(handout))
    return document


def render_pdf_bytes(handout: Handout) -> tuple[bytes, int]:
    """The handout as an A4 PDF: (the file's bytes, the number of pages)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    # Nothing on or in the file names the app or the service (DOMAIN.md: discreet handouts).
    writer.setTitle(handout.title)
    writer.setCreator("")
    pages = paint_handout(handout, writer)  # the PDF is complete when the painter ends
    buffer.close()
    return bytes(data.data()), pages


def write_pdf(handout: Handout, path: Path) -> int:
    """Write the handout to `path` as a PDF, all or nothing; returns the number of pages."""
    data, pages = render_pdf_bytes(handout)
    write_bytes_atomically(Path(path), data)
    return pages


def print_handout(handout: Handout, printer: QPrinter) -> int:
    """Print on `printer` (set up by the caller, e.g. from a QPrintDialog) on its own paper
    size and margins; returns the number of pages."""
    printer.setDocName(handout.title)
    printer.setCreator("")
    return paint_handout(handout, printer)


def paint_handout(handout: Handout, device: QPagedPaintDevice) -> int:
    """Lay the handout out on `device`'s pages and paint them; returns the number of pages."""
    document = handout_document(handout)
    layout = document.documentLayout()
    layout.setPaintDevice(device)
    page = device.pageLayout().paintRectPixels(device.logicalDpiX())
    page_size = QSizeF(page.width(), page.height())
    footer = _footer_font(handout, device)
    _reserve_footer(document, QFontMetricsF(footer, device).height() * 2)
    document.setPageSize(page_size)
    keep_blocks_together(document)
    count = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start drawing the handout")
    try:
        for number in range(count):
            if number:
                device.newPage()
            _paint_page(painter, layout, number, page_size)
            if count > 1:  # "Page 1 of 2", so loose pages can be put back in order
                _paint_footer(painter, footer, page_size, f"Page {number + 1} of {count}")
    finally:
        painter.end()
    return count


def keep_blocks_together(document: QTextDocument) -> None:
    """Start a block (an activity, the contact box: the top-level tables) on a new page when
    it would otherwise be split across two and fits on one page by itself; then give the
    notes the room left on their page (see `_fit_notes`).

    The first block stays under the title even when it must split: a page with nothing but
    the title on it would be worse. Blocks taller than a page split where they must."""
    usable = _usable_height(document)
    notes = None
    for index, frame in enumerate(document.rootFrame().childFrames()):
        if _is_notes(frame):
            notes = frame
        elif index and _splits(document, frame) and _height(document, frame) <= usable:
            _break_before(frame)
    if isinstance(notes, QTextTable):
        _fit_notes(document, notes)


def _fit_notes(document: QTextDocument, notes: QTextTable) -> None:
    """Fewer ruled lines rather than a page of their own, down to MIN_NOTE_LINES; below
    that, the notes go on the next page with all their lines."""
    full = notes.rows()
    while _splits(document, notes) and notes.rows() > MIN_NOTE_LINES + 1:
        notes.removeRows(notes.rows() - 1, 1)
    if _splits(document, notes):
        rule = notes.cellAt(notes.rows() - 1, 0).format()
        first_new = notes.rows()
        notes.appendRows(full - notes.rows())
        for row in range(first_new, notes.rows()):
            notes.cellAt(row, 0).setFormat(rule)
        _break_before(notes)


def _is_notes(frame: QTextFrame) -> bool:
    block = frame.firstCursorPosition().block()
    it = block.begin()
    while not it.atEnd():
        if NOTES_ANCHOR in it.fragment().charFormat().anchorNames():
            return True
        it += 1
    return False


def _splits(document: QTextDocument, frame: QTextFrame) -> bool:
    rect = document.documentLayout().frameBoundingRect(frame)
    page_height = document.pageSize().height()
    return int(rect.top() // page_height) != int((rect.bottom() - 1) // page_height)


def _height(document: QTextDocument, frame: QTextFrame) -> float:
    return document.documentLayout().frameBoundingRect(frame).height()


def _usable_height(document: QTextDocument) -> float:
    """The page height less the root frame's margins (set in 96-dpi pixels)."""
    fmt = document.rootFrame().frameFormat()
    scale = _dpi(document) / 96
    return document.pageSize().height() - (fmt.topMargin() + fmt.bottomMargin()) * scale


def _break_before(frame: QTextFrame) -> None:
    fmt = frame.frameFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    frame.setFrameFormat(fmt)


def _reserve_footer(document: QTextDocument, height_px: float) -> None:
    """Keep the text clear of the page number at the foot of each page. Frame margins are
    in 96-dpi pixels, which the layout scales to the device."""
    fmt = document.rootFrame().frameFormat()
    fmt.setBottomMargin(height_px * 96 / _dpi(document))
    document.rootFrame().setFrameFormat(fmt)


def _dpi(document: QTextDocument) -> float:
    device = document.documentLayout().paintDevice()
    return float(device.logicalDpiY()) if device is not None else 96.0


def _footer_font(handout: Handout, device: QPagedPaintDevice) -> QFont:
    font = QFont(FONT_FAMILIES, -1)
    font.setPointSizeF(handout.sizes.body * 0.85)
    return QFont(font, device)


def _paint_page(
    painter: QPainter, layout: QAbstractTextDocumentLayout, number: int, page: QSizeF
) -> None:
    painter.save()
    painter.translate(0, -number * page.height())
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, number * page.height(), page.width(), page.height())
    painter.setClipRect(context.clip)  # the layout draws whole blocks that overlap the clip
    layout.draw(painter, context)
    painter.restore()


def _paint_footer(painter: QPainter, font: QFont, page: QSizeF, text: str) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(QUIET))
    height = painter.fontMetrics().height()
    painter.drawText(
        QRectF(0, page.height() - height, page.width(), height),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
        text,
    )
    painter.restore()
