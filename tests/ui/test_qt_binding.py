"""The Qt binding itself: PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None
on every Qt call that returns nothing, and the app aborts ("none_dealloc") once None's count
reaches zero. pyproject.toml excludes that release; this test fails if a leaking one is
installed again."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_qt_calls_returning_nothing_keep_references_to_none(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        widget.setEnabled(True)
    assert before - sys.getrefcount(None) < 100
