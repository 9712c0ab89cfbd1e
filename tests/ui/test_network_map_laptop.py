"""The network map tab on a worker's laptop (1280×720 logical pixels, the system font or a
14 pt one, or 1920×1080 at 150%): the side panel is never cut off at the right, and the map's
words (members' names, the circles' names, the legend) are as big on screen as the rest of
the interface however small the map is drawn."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGraphicsItem,
    QLabel,
    QListView,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from navigator.domain.people import MemberKind, NetworkMember, NetworkSnapshot
from navigator.ui.followup.network_map import NetworkMapEditor
from navigator.ui.followup.network_scene import NetworkScene
from navigator.ui.main_window import MainWindow
from tests.ui.windows import each_record_section, open_main_window

LAPTOP = (1280, 720)
M = NetworkMember
CROWD = tuple(  # long names, on every circle: the labels that were 5 pixels high
    M(name, kind, circle)
    for name, kind, circle in (
        ("sister", MemberKind.PERSON, 1),
        ("support worker", MemberKind.PERSON, 2),
        ("Parkside Allotment", MemberKind.ACTIVITY, 2),
        ("Holloway Community Choir", MemberKind.GROUP, 3),
        ("café on the corner", MemberKind.PLACE, 3),
    )
)


@pytest.fixture(params=[None, 14], ids=["system font", "14 pt font"])
def map_tab(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path
) -> Iterator[tuple[MainWindow, NetworkMapEditor]]:
    """The main window at laptop size, a record open on its Network map tab, a map drawn."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    if request.param is not None:
        font = app.font()
        font.setPointSize(request.param)
        app.setFont(font)
    window = open_main_window(qtbot, tmp_path, LAPTOP)
    for section in each_record_section(qtbot, window, "LP-7"):
        if section.replace("&", "") == "Network map":
            break
    editor = window.followup.detail.network_map
    assert editor.isVisible()
    editor.set_snapshot(NetworkSnapshot(dt.date(2026, 9, 1), CROWD))
    QApplication.processEvents()
    yield window, editor
    app.setFont(before)


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def controls(editor: NetworkMapEditor) -> list[QWidget]:
    kinds = (QAbstractButton, QComboBox, QListView, QLabel)
    found = [w for w in editor.findChildren(QWidget) if isinstance(w, kinds)]
    return [w for w in [*found, editor.view] if w.isVisibleTo(editor) and not w.isWindow()]


def test_every_control_of_the_map_tab_is_inside_the_window(
    map_tab: tuple[MainWindow, NetworkMapEditor],
) -> None:
    window, editor = map_tab
    area = QRect(0, 0, window.width(), window.height())
    panel = side_panel(editor).widget()

    def inside(widget: QWidget) -> bool:
        where = rect_in(widget, window)
        if panel.isAncestorOf(widget):  # scrolled to up and down, so only across
            return area.left() <= where.left() and where.right() <= area.right()
        return area.contains(where)

    outside = [
        f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()!r}"
        for w in controls(editor)
        if not inside(w)
    ]
    assert outside == []


def side_panel(editor: NetworkMapEditor) -> QScrollArea:
    return next(s for s in editor.findChildren(QScrollArea) if s.widget() is not None)


def test_nothing_in_the_side_panel_is_cut_off_at_the_right(
    map_tab: tuple[MainWindow, NetworkMapEditor],
) -> None:
    _window, editor = map_tab
    side = side_panel(editor)
    viewport = side.viewport()
    inside = side.widget()
    # The panel is given at least the width its contents need, so nothing is squeezed...
    assert inside.width() >= inside.minimumSizeHint().width()
    assert side.width() >= side.minimumSizeHint().width()
    # ...and every button, the list and the notes end before the viewport's right edge.
    parts = [w for w in controls(editor) if inside.isAncestorOf(w)]
    assert sum(isinstance(w, QAbstractButton) for w in parts) == 10  # one per action
    cut = [
        f"{type(w).__name__} {w.accessibleName()!r}: right edge {rect_in(w, viewport).right()}"
        for w in parts
        if rect_in(w, viewport).right() > viewport.rect().right() or rect_in(w, viewport).left() < 0
    ]
    assert cut == [], f"viewport right edge {viewport.rect().right()}"
    # A button's text is never elided or clipped: it has at least the width its text needs.
    for button in (w for w in parts if isinstance(w, QAbstractButton)):
        assert button.width() >= button.sizeHint().width(), button.text()


def on_screen(item: QGraphicsItem, rect: QRectF, editor: NetworkMapEditor) -> QRectF:
    """`rect`, in the item's coordinates, where it is on the view's viewport (pixels)."""
    return item.deviceTransform(editor.view.viewportTransform()).mapRect(rect)


def test_the_maps_words_are_as_big_as_the_interfaces(
    map_tab: tuple[MainWindow, NetworkMapEditor],
) -> None:
    _window, editor = map_tab
    scene = editor.scene
    assert isinstance(scene, NetworkScene) and scene.legend is not None
    pixels = QFontInfo(QApplication.font()).pixelSize()
    scale = editor.view.transform().m11()
    assert scale < 0.6  # the map is drawn small here: the words must not shrink with it
    heights = {
        **{
            f"circle name {n.text!r}": on_screen(n, n.text_rect(), editor) for n in scene.ring_names
        },
        "You": on_screen(scene.you, scene.you.text_rect(), editor),
        **{
            f"legend entry {i}": on_screen(scene.legend, r, editor)
            for i, r in enumerate(scene.legend.text_rects())
        },
        **{f"name {t.member.alias!r}": on_screen(t, t.label_rect(), editor) for t in scene.tokens},
    }
    small = {name: r.height() for name, r in heights.items() if r.height() < pixels * 0.9}
    assert small == {}, f"font is {pixels} px"
    # The legend is drawn whole inside the drawing, below the circles.
    viewport = QRectF(editor.view.viewport().rect())
    legend = QRectF()
    for rect in scene.legend.text_rects():
        legend = legend.united(on_screen(scene.legend, rect, editor))
    assert viewport.contains(legend), (legend, viewport)
    outer_bottom = editor.view.mapFromScene(0, 428).y()
    assert legend.top() >= outer_bottom


def test_on_paper_the_words_scale_with_the_page() -> None:
    # The printed page keeps its proportions: nothing on a paper scene ignores the scale.
    scene = NetworkScene(on_paper=True)
    scene.set_members(CROWD)
    flag = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    assert scene.items() and not any(item.flags() & flag for item in scene.items())
    screen = NetworkScene()
    screen.set_members(CROWD)
    assert all(token.flags() & flag for token in screen.tokens)


SCALED = """
import datetime as dt, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea
app = QApplication([])
from navigator.domain.people import MemberKind, NetworkMember, NetworkSnapshot
from navigator.ui.followup.network_map import NetworkMapEditor
editor = NetworkMapEditor()
editor.set_snapshot(NetworkSnapshot(dt.date(2026, 9, 1), (
    NetworkMember("Holloway Community Choir", MemberKind.GROUP, 3),)))
editor.resize(840, 440)  # what the Network map tab gives it at 1280x720 logical pixels
editor.show()
app.processEvents()
side = next(s for s in editor.findChildren(QScrollArea) if s.widget() is not None)
right = side.viewport().rect().right()
cut = [b.text() for b in side.widget().findChildren(QAbstractButton)
       if QRect(b.mapTo(side.viewport(), b.rect().topLeft()), b.size()).right() > right
       or b.width() < b.sizeHint().width()]
print(editor.devicePixelRatio(), len(cut), *cut)
"""


def test_the_side_panel_fits_at_150_percent(tmp_path: Path) -> None:
    # 1920×1080 at 150% (as Windows scales it): run the editor scaled, in its own process.
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR="1.5",
        NAVIGATOR_DATA_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCALED],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ratio, cut, *names = done.stdout.split()
    assert float(ratio) == 1.5
    assert int(cut) == 0, names
