"""Plain text as a simple A4 PDF (the moving-on summary for a case record)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from navigator.services.files import write_bytes_atomically


def render_text_pdf(text: str, *, title: str = "Summary") -> bytes:
    """`text` (shown exactly as written, never as markup) as the bytes of an A4 PDF."""
    document = QTextDocument()
    font = QFont()
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.setPlainText(text)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("")  # nothing on the file names the app (DOMAIN.md: discreet papers)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    buffer.close()
    return bytes(data.data())


def write_text_pdf(text: str, path: Path, *, title: str = "Summary") -> None:
    """Write `text` to `path` as a PDF, all or nothing: a failed write leaves any file
    already there as it was."""
    write_bytes_atomically(Path(path), render_text_pdf(text, title=title))
