"""Message boxes and file choosers behind one small seam, so tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget


class Dialogs:
    """The real, interactive dialogs. Tests pass an object with the same methods."""

    def open_path(self, parent: QWidget, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def open_folder(self, parent: QWidget, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def error(self, parent: QWidget, text: str) -> None:
        QMessageBox.warning(parent, "Navigator", text)

    def info(self, parent: QWidget, text: str) -> None:
        QMessageBox.information(parent, "Navigator", text)

    def confirm(self, parent: QWidget, text: str) -> bool:
        """A yes/no question; No is the default, so Enter never destroys anything."""
        answer = QMessageBox.question(
            parent,
            "Navigator",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose_item(self, parent: QWidget, title: str, label: str, items: list[str]) -> int | None:
        """The index of the item chosen from a list, or None when cancelled."""
        text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(text) if ok and text in items else None

    def choose_printer(self, parent: QWidget) -> QPrinter | None:
        """The system print dialog; None when the worker cancels."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print the handout")
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None
