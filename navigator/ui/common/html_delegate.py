"""Paints a cell's rich text (the model's HTML_ROLE) so a row can have a bold name, muted
detail lines and coloured cautions, and sizes the row to fit its wrapped text."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

HTML_ROLE = Qt.ItemDataRole.UserRole + 10
PADDING = 6
# Laid-out documents kept, newest used last: a table's visible cells several times over.
KEPT_DOCUMENTS = 256


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Laying out a cell's HTML is most of the cost of measuring or painting it (about 1 ms
        # a card): a row is measured again whenever the view re-fits its rows, and painted
        # after it was measured, at the same width with the same text. What a document is
        # made from is its key, so a changed text, font or width is laid out afresh.
        self._documents: OrderedDict[tuple[str, str, float], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, html: str, width: float) -> QTextDocument:
        width = max(width, 50.0)
        key = (html, option.font.key(), width)
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(html)
        document.setTextWidth(width)
        self._documents[key] = document
        if len(self._documents) > KEPT_DOCUMENTS:
            self._documents.popitem(last=False)
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        html = index.data(HTML_ROLE)
        if html is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:  # background, selection and focus, without the plain text
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget
            )
        document = self._document(option, html, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        html = index.data(HTML_ROLE)
        if html is None:
            return super().sizeHint(option, index)
        self.initStyleOption(option, index)
        view = option.widget
        width = (
            float(view.columnWidth(index.column()))
            if hasattr(view, "columnWidth")
            else float(option.rect.width())
        )
        document = self._document(option, html, width)
        return QSize(int(document.idealWidth()), int(document.size().height()))
