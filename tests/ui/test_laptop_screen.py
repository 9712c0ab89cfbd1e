"""Navigator on a worker's laptop: 1366×768 with a taskbar, or 1920×1080 at 150% scaling,
leaves about 1280×720 logical pixels; some workers also set a 14 pt system font.

Every tab (and every section of a follow-up record) must fit that: the window's minimum
size within it, and no control placed outside what the window shows.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from navigator.domain.people import LonelyHowOften, OutcomeRecord
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.windows import each_record_section, open_main_window, open_other_dialogs

LAPTOP = (1280, 720)


@pytest.fixture(params=[None, 14], ids=["system font", "14 pt font"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    if request.param is not None:
        font = app.font()
        font.setPointSize(request.param)
        app.setFont(font)
    yield open_main_window(qtbot, tmp_path, LAPTOP)
    app.setFont(before)


def outside(window: QWidget) -> list[str]:
    """Visible controls that reach past the window's edges (cut off, unreachable)."""
    area = QRect(0, 0, window.width(), window.height())
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow():
            continue
        if any(isinstance(p, QAbstractScrollArea) for p in _ancestors(widget, window)):
            continue  # inside a scroll area it is scrolled to, not cut off
        top_left = widget.mapTo(window, widget.rect().topLeft())
        if not area.contains(QRect(top_left, widget.size())):
            found.append(f"{type(widget).__name__} {widget.accessibleName()!r}")
    return found


def _ancestors(widget: QWidget, stop: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


def check_fits(qtbot: QtBot, window: MainWindow, where: str) -> None:
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], f"{where}: needs {hint}"
    assert outside(window) == [], where


def test_every_tab_fits_a_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        check_fits(qtbot, window, window.tabs.tabText(index))


def test_every_section_of_a_record_fits_a_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    for section in each_record_section(qtbot, window, "LP-1"):
        check_fits(qtbot, window, section)


def test_the_activity_editor_fits_a_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.edit_activity(None)
    qtbot.waitUntil(
        lambda: getattr(window, "editor", None) is not None and window.editor.isVisible()
    )
    editor = window.editor
    hint = editor.minimumSizeHint()
    assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], hint
    room = editor.screen().availableGeometry()
    assert editor.width() <= room.width() and editor.height() <= room.height()
    assert outside(editor) == []
    editor.reject()


def test_four_suggestions_are_on_show_on_a_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    # At a 14 pt font the layout is compact: the profile folds to a line a part, the cards
    # put the price by the name, and the near misses fold behind one button.
    wanted = 4
    person = window.appointment.person
    qtbot.keyClicks(person.postcode, "N7 6PA")
    person.interests.add("gardening")
    person.interests.add("singing")
    person.free_only.setChecked(True)
    table = window.appointment.suggestions
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() >= 5, timeout=10_000)
    qtbot.wait(200)  # row heights follow the wrapped text once widths settle
    QApplication.processEvents()

    def named_on_screen() -> int:  # a suggestion whose name line can be read
        return sum(
            1
            for row in range(model.rowCount())
            if table.visualRect(model.index(row, 1)).top() + 28 <= table.viewport().height()
        )

    qtbot.waitUntil(lambda: named_on_screen() >= wanted)


def test_the_other_dialogs_fit_a_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    for dialog in open_other_dialogs(qtbot, window):
        hint = dialog.minimumSizeHint()
        assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], dialog.windowTitle()
        assert outside(dialog) == [], dialog.windowTitle()


SCALED = """
import shutil, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from navigator.app import build_main_window
folder = Path(tempfile.mkdtemp())
shutil.copyfile(sys.argv[1], folder / "d.db")
window = build_main_window(str(folder / "d.db"), people_db=str(folder / "p.db"))
window.resize(1280, 720)
window.show()
app.processEvents()
sizes = []
for index in range(window.tabs.count()):
    window.tabs.setCurrentIndex(index)
    app.processEvents()
    hint = window.minimumSizeHint()
    sizes.append((hint.width(), hint.height()))
print(window.devicePixelRatio(), max(w for w, _ in sizes), max(h for _, h in sizes))
"""


def test_every_tab_fits_a_full_hd_screen_scaled_to_150_percent(tmp_path: Path) -> None:
    # 1920×1080 at 150% leaves 1280×720 logical pixels: run the app scaled, as Windows does.
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="1.5",
        NAVIGATOR_DATA_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCALED, str(BUNDLED_DB)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ratio, width, height = done.stdout.split()
    assert float(ratio) == 1.5
    assert int(width) <= LAPTOP[0] and int(height) <= LAPTOP[1]


def test_at_a_large_font_the_profile_folds_and_opens_the_part_being_edited(
    qtbot: QtBot, window: MainWindow
) -> None:
    appointment, person = window.appointment, window.appointment.person
    goals, needs, _times, _helps = person.sections
    if window.font().pointSize() < 14:  # room to spare: nothing folds, no fold buttons
        assert not appointment.compact
        assert all(s.is_open and not s.header.isVisible() for s in person.sections)
        return
    assert appointment.compact
    assert not any(s.is_open for s in person.sections)
    assert [s.summary.text() for s in person.sections] == [
        "None chosen",
        "Nothing set",
        "Any time",
        "Nothing chosen",
    ]
    # From the keyboard: Space on a part's button opens it, and another part folds it.
    needs.header.setFocus()
    qtbot.keyClick(needs.header, Qt.Key.Key_Space)
    assert needs.is_open and person.free_only.isVisible()
    person.free_only.setChecked(True)
    person.max_distance.setValue(3)
    goals.header.setFocus()
    qtbot.keyClick(goals.header, Qt.Key.Key_Space)
    assert goals.is_open and person.goals.isVisible() and not needs.is_open
    assert needs.summary.text() == "Free only; within 3 km"
    # The open part fits the panel without scrolling sideways.
    scroll = appointment.person_scroll
    qtbot.waitUntil(lambda: person.minimumSizeHint().width() <= scroll.viewport().width())
    # The near misses are one button away.
    assert not appointment.near_misses.isVisible()
    appointment.near_miss_toggle.click()
    assert appointment.near_misses.isVisible()


def test_a_folded_part_says_what_is_set_even_when_set_from_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    # A profile opened from a file, or a tick made before the parts folded, changes a folded
    # part without opening it: its line must still say what is set.
    person = window.appointment.person
    person.folds.set_foldable(True)  # as at 14 pt; at the system font too, for this test
    needs = person.sections[1]
    assert not needs.is_open
    person.free_only.setChecked(True)
    assert needs.summary.text() == "Free only"
    assert needs.header.accessibleDescription() == "Free only"


def test_many_interests_wrap_rather_than_widen_the_profile(
    qtbot: QtBot, window: MainWindow
) -> None:
    appointment, person = window.appointment, window.appointment.person
    before = person.minimumSizeHint().width()
    for interest in ["gardening", "singing", "photography", "board games", "walking groups"]:
        person.interests.add(interest)
    QApplication.processEvents()
    assert person.minimumSizeHint().width() <= before
    scroll = appointment.person_scroll
    assert person.width() <= scroll.viewport().width()


def test_a_record_shows_every_tab_and_whole_column_headings(
    qtbot: QtBot, window: MainWindow
) -> None:
    # At 14 pt the filters side by side made the list wide, so the record's last tab
    # ("History") hid behind scroll arrows while the list's headings were cut.
    for _ in each_record_section(qtbot, window, "AB-0042"):
        pass
    followup = window.followup
    bar = followup.detail.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    assert last.right() <= bar.width(), "the last tab is off the end of the tab bar"
    header = followup.people.horizontalHeader()
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column


def test_the_outcomes_section_is_never_squeezed(qtbot: QtBot, window: MainWindow) -> None:
    """With a year of answers recorded, the questions keep their height and the chart its
    least height (each side scrolls instead): squeezed, the questions ran into each other
    and the chart was an unreadable strip at a large font."""
    for section in each_record_section(qtbot, window, "LP-2"):
        if section == "&Outcomes":
            break
    followup = window.followup
    assert followup.service is not None
    for month in (3, 6, 9, 12):
        followup.service.record_outcome(
            "LP-2",
            OutcomeRecord(
                dt.date(2026, month, 1), (2, 2, 2), LonelyHowOften.OCCASIONALLY, (6, 7, 6, 4), 3
            ),
        )
    followup.select("LP-2")
    qtbot.waitUntil(lambda: followup.record is not None and len(followup.record.outcomes) == 4)
    detail = followup.detail
    controls = (*detail.ucla, detail.lonely, *detail.ons4, detail.belonging)
    chart = detail.outcome_chart

    def laid_out() -> bool:  # the layout settles over a few turns of the event loop
        return all(c.height() >= c.minimumSizeHint().height() for c in (*controls, chart))

    qtbot.waitUntil(laid_out, timeout=5000)
    assert chart.minimumSizeHint().height() > 300
