"""Names a screen reader needs that Qt does not give by itself.

A spin box, date or time edit is focused through the line edit inside it, and a tab widget's
tabs through its tab bar; Qt leaves those inner widgets without a name, so a screen reader
announces an unnamed "edit" or "page tab list". `InnerNames`, installed once on the
application, gives each such inner widget its owner's name as it is first shown, including
widgets created later (a new session row in the editor).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QTabBar, QTabWidget


class InnerNames(QObject):
    """An application event filter: names inner editors and tab bars when they are polished."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            if isinstance(watched, QAbstractSpinBox):
                editor = watched.findChild(QLineEdit)
                if editor is not None and not editor.accessibleName():
                    editor.setAccessibleName(watched.accessibleName())
            elif isinstance(watched, QTabBar) and not watched.accessibleName():
                owner = watched.parentWidget()
                if isinstance(owner, QTabWidget) and owner.accessibleName():
                    watched.setAccessibleName(owner.accessibleName())
        return False


def install_inner_names(app: QApplication) -> None:
    """Once per application; a second call does nothing."""
    if app.findChild(InnerNames) is None:
        app.installEventFilter(InnerNames(app))
