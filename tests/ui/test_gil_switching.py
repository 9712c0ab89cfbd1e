"""The UI thread gets the GIL back quickly while a worker runs Python (issue 17): every call
from Qt into a Python model, delegate or slot needs it, and at Python's default switch
interval (5 ms) a table's reset or repaint waited for it tens of times over at a start."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from navigator.app import UI_SWITCH_INTERVAL_S, build_main_window
from tests.ui.fakes import FakeDialogs


@pytest.fixture
def python_defaults() -> Iterator[None]:
    """The test process's switch interval and collector as they were, afterwards."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's own
    yield
    sys.setswitchinterval(interval)
    gc.unfreeze()  # the app freezes the directory it loads


@pytest.mark.usefixtures("python_defaults")
def test_the_app_lets_the_ui_thread_have_the_gil_back_within_a_millisecond(
    qtbot: QtBot, directory_db: str
) -> None:
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.appointment.snapshot is not None)  # its load has finished
    assert sys.getswitchinterval() == pytest.approx(UI_SWITCH_INTERVAL_S)
    assert UI_SWITCH_INTERVAL_S <= 0.001
