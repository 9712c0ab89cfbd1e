"""Plain text as a simple A4 PDF (the moving-on summary for a case record)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument


def write_text_pdf(text: str, path: Path, *, title: str = "Summary") -> None:
    """Write `text` (shown exactly as written, never as markup) to `path`, all or nothing."""
    document = QTextDocument()
    font = QFont()
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.setPlainText(text)
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        writer = QPdfWriter(temp_name)
        writer.setTitle(title)
        writer.setCreator("")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(20, 20, 20, 20),
                QPageLayout.Unit.Millimeter,
            )
        )
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
