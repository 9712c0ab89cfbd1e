"""The service report (services/service_report.py) as an A4 PDF: a title, the period, one
table per section, and the notes on what is hidden and why. Laid out through QTextDocument
from escaped HTML (every word comes from the report's own labels, never typed text), and
written all or nothing like printing/text_pdf.py.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from navigator.domain.wording import day_month_year
from navigator.services.files import write_bytes_atomically
from navigator.services.service_report import ServiceReport

TITLE = "Service report"


def report_html(report: ServiceReport) -> str:
    """The report as the HTML QTextDocument lays out (a small, table-only subset)."""
    period = f"{day_month_year(report.start)} to {day_month_year(report.end)}"
    parts = [
        f"<h1>{TITLE}</h1>",
        f"<p>People supported from {html.escape(period)}. Counts only: no one is named.</p>",
    ]
    for section, lines in report.sections():
        parts.append(f"<h3>{html.escape(section)}</h3>")
        parts.append('<table width="100%" cellspacing="0" cellpadding="3" border="0">')
        for number, line in enumerate(lines):
            shade = ' bgcolor="#f1f4f7"' if number % 2 else ""
            parts.append(
                f"<tr{shade}><td>{html.escape(line.measure)}</td>"
                f'<td align="right" width="22%"><b>{html.escape(line.value)}</b></td></tr>'
            )
        parts.append("</table>")
    parts.append("<h3>Notes</h3><ul>")
    parts.extend(f"<li>{html.escape(note)}</li>" for note in report.notes)
    parts.append("</ul>")
    return "\n".join(parts)


def render_report_pdf(report: ServiceReport) -> bytes:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(10)
    document.setDefaultFont(font)
    document.setHtml(report_html(report))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(TITLE)
    writer.setCreator("")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # the PDF is complete once the writer is gone
    buffer.close()
    return bytes(data.data())


def write_report_pdf(report: ServiceReport, path: Path) -> None:
    """All or nothing: a failed write leaves any file already there as it was."""
    write_bytes_atomically(Path(path), render_report_pdf(report))
