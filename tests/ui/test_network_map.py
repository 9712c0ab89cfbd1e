"""The network map editor, driven by keyboard and by mouse: add, move in and out, drag to
another circle, remove, undo; earlier maps are only looked at; the printed page has the map
and the words."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from navigator.domain.identifiers import find_identifiers
from navigator.domain.people import (
    ContactFrequency,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    Relationship,
    Support,
)
from navigator.formats.person import _member as member_json
from navigator.ui.followup.member_dialog import MemberDialog
from navigator.ui.followup.network_layout import (
    RING_RADII,
    YOU_RADIUS,
    band_middle,
    circle_at,
    layout_angles,
)
from navigator.ui.followup.network_map import NetworkMapEditor
from navigator.ui.followup.network_members import NetworkMembersModel
from navigator.ui.followup.network_scene import MemberToken, NetworkScene
from navigator.ui.followup.network_style import kind_path

TODAY = dt.date(2026, 9, 1)
M = NetworkMember
MEMBERS = (
    M(
        "sister",
        MemberKind.PERSON,
        1,
        Relationship.FAMILY,
        ContactFrequency.DAILY,
        (Support.EMOTIONAL, Support.PRACTICAL),
    ),
    M("Mum", MemberKind.PERSON, 1, Relationship.FAMILY, ContactFrequency.WEEKLY),
    M("A. from church", MemberKind.PERSON, 2, Relationship.FRIEND, ContactFrequency.WEEKLY),
    M("Parkside Allotment", MemberKind.ACTIVITY, 2, frequency=ContactFrequency.WEEKLY),
    M("Holloway Community Choir", MemberKind.GROUP, 2, Relationship.MEMBER),
    M("the library", MemberKind.PLACE, 3, frequency=ContactFrequency.MONTHLY),
    M("neighbour at no. 4", MemberKind.PERSON, 3, Relationship.NEIGHBOUR),
    M("café on the corner", MemberKind.PLACE, 3, angle=200.0),
)
MARCH = NetworkSnapshot(dt.date(2026, 3, 3), MEMBERS[:3])
JUNE = NetworkSnapshot(dt.date(2026, 6, 2), MEMBERS[:5])


@pytest.fixture
def editor(qtbot: QtBot) -> NetworkMapEditor:
    widget = NetworkMapEditor(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def aliases(editor: NetworkMapEditor) -> list[str]:
    return [m.alias for m in editor.members()]


def member(editor: NetworkMapEditor, alias: str) -> NetworkMember:
    return next(m for m in editor.members() if m.alias == alias)


def unplaced(members: tuple[NetworkMember, ...]) -> tuple[NetworkMember, ...]:
    """The members without where they are drawn (edits pin every angle where it is drawn)."""
    return tuple(dataclasses.replace(m, angle=None) for m in members)


def list_rows(editor: NetworkMapEditor) -> list[str]:
    proxy = editor.proxy
    return [proxy.index(row, 0).data().split("\n")[0] for row in range(proxy.rowCount())]


def focus_list(qtbot: QtBot, editor: NetworkMapEditor) -> QListView:
    editor.activateWindow()
    editor.members_list.setFocus()
    qtbot.waitUntil(editor.members_list.hasFocus)
    return editor.members_list


def add_by_keyboard(
    qtbot: QtBot,
    editor: NetworkMapEditor,
    alias: str,
    *,
    kind_steps: int = 0,
    circle_steps: int = 0,
) -> None:
    """Insert opens the form; type, arrow through the combo boxes, Enter saves."""
    qtbot.keyClick(focus_list(qtbot, editor), Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: editor.member_dialog is not None and editor.member_dialog.isVisible())
    dialog = editor.member_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.alias)
    qtbot.keyClicks(dialog.alias, alias)
    qtbot.keyClick(dialog.alias, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.kind
    for _ in range(kind_steps):
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.circle
    key = Qt.Key.Key_Up if circle_steps < 0 else Qt.Key.Key_Down
    for _ in range(abs(circle_steps)):
        qtbot.keyClick(dialog.circle, key)
    qtbot.keyClick(dialog.circle, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


# Keyboard -------------------------------------------------------------------------------------


def test_a_map_is_built_moved_and_undone_with_the_keyboard_alone(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    add_by_keyboard(qtbot, editor, "sister", circle_steps=-1)  # circle 2 → 1
    add_by_keyboard(qtbot, editor, "Parkside Allotment", kind_steps=3)  # activity, circle 2
    assert unplaced(editor.members()) == (
        M("sister", MemberKind.PERSON, 1),
        M("Parkside Allotment", MemberKind.ACTIVITY, 2),
    )
    assert editor.current_index() == 1  # the one just added is selected

    listing = focus_list(qtbot, editor)
    qtbot.keyClick(listing, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "Parkside Allotment").circle == 1
    qtbot.keyClick(listing, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "Parkside Allotment").circle == 1  # already closest: no change
    for _ in range(3):
        qtbot.keyClick(listing, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "Parkside Allotment").circle == 3  # stops at the outer circle
    assert list_rows(editor) == ["sister", "Parkside Allotment"]  # closest first

    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert aliases(editor) == ["sister"]
    qtbot.keyClick(listing, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "Parkside Allotment").circle == 3  # back, where it was
    qtbot.keyClick(listing, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(listing, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "Parkside Allotment").circle == 1
    qtbot.keyClick(
        listing,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier,
    )
    assert member(editor, "Parkside Allotment").circle == 2
    editor.document.set_index(0)
    assert editor.members() == ()
    assert editor.document.count == 6  # add, add, in, out, out, remove


def test_members_added_through_the_form_save_with_their_kinds_and_shapes(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    # Qt returns combo-box data as plain strings; a map built through the form must still
    # save (the person file writes `kind.value`) and draw each kind with its own shape.
    add_by_keyboard(qtbot, editor, "Holloway Choir", kind_steps=1)  # a group
    add_by_keyboard(qtbot, editor, "the library", kind_steps=2)  # a place
    with qtbot.waitSignal(editor.save_requested) as saved:
        qtbot.keyClick(focus_list(qtbot, editor), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    snapshot = saved.args[0]
    assert [type(m.kind) for m in snapshot.members] == [MemberKind, MemberKind]
    assert [member_json(m)["kind"] for m in snapshot.members] == ["group", "place"]
    group, place = (kind_path(m.kind, 20).elementCount() for m in snapshot.members)
    diamond = kind_path(MemberKind.ACTIVITY, 20).elementCount()
    assert group != diamond and place != diamond


def test_edit_from_the_list_keeps_the_place_on_the_circle(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    editor.select(7)  # the café, at 200 degrees on circle 3
    qtbot.keyClick(focus_list(qtbot, editor), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: editor.member_dialog is not None and editor.member_dialog.isVisible())
    dialog = editor.member_dialog
    assert dialog is not None
    assert dialog.alias.text() == "café on the corner"
    dialog.support[Support.COMPANY].setChecked(True)
    dialog.frequency.setCurrentIndex(dialog.frequency.findText("Every week"))
    qtbot.keyClick(dialog.alias, Qt.Key.Key_Return)
    assert editor.members()[7] == M(
        "café on the corner",
        MemberKind.PLACE,
        3,
        None,
        ContactFrequency.WEEKLY,
        (Support.COMPANY,),
        200.0,
    )
    assert editor.is_modified()
    qtbot.keyClick(editor.members_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.members()[7] == MEMBERS[7]
    assert not editor.is_modified()


def test_ctrl_left_and_right_move_a_member_round_its_circle(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    editor.select(7)
    listing = focus_list(qtbot, editor)
    qtbot.keyClick(listing, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "café on the corner").angle == 215.0
    qtbot.keyClick(listing, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(listing, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert member(editor, "café on the corner").angle == 185.0
    assert member(editor, "café on the corner").circle == 3


def test_the_form_hints_at_roles_and_warns_about_contact_details(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, lambda text: find_identifiers(text, today=TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "sister" in dialog.hint.text() and "A. from church" in dialog.hint.text()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.alias, "Jo 07700 900123")
    assert dialog.warning.isVisible()
    assert "phone number" in dialog.warning.text()
    dialog.alias.clear()
    qtbot.keyClicks(dialog.alias, "brother")
    assert not dialog.warning.isVisible()
    assert dialog.alias.maxLength() == 60


def test_the_form_warns_when_a_person_is_given_a_full_name(qtbot: QtBot) -> None:
    dialog = MemberDialog(None, lambda text: find_identifiers(text, today=TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.alias, "Janet Okafor")
    assert dialog.warning.isVisible() and "a person's name" in dialog.warning.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(MemberKind.GROUP))
    assert not dialog.warning.isVisible()  # "Holloway Community Choir" is how groups are named
    dialog.kind.setCurrentIndex(dialog.kind.findData(MemberKind.PERSON))
    dialog.alias.setText("J. from the choir")
    assert not dialog.warning.isVisible()


# Mouse ----------------------------------------------------------------------------------------


def drag(editor: NetworkMapEditor, token: MemberToken, to: QPointF) -> None:
    """Press on the token, move in steps, release: real mouse events on the view."""
    view = editor.view
    viewport = view.viewport()
    start = view.mapFromScene(token.scenePos())
    end = view.mapFromScene(to)

    def send(kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind,
            QPointF(at),
            QPointF(viewport.mapToGlobal(at)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        at = start + (end - start) * step / 10
        send(QEvent.Type.MouseMove, at, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_dragging_a_token_to_another_circle_moves_the_member_there(
    editor: NetworkMapEditor,
) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    library = editor.scene.tokens[5]
    assert library.member.alias == "the library"
    inner = QPointF(0, -band_middle(1) - 20)  # towards the top of circle 1, off its middle
    drag(editor, library, inner)
    moved = member(editor, "the library")
    assert moved.circle == 1
    assert moved.angle == pytest.approx(90.0, abs=1.5)
    assert math.hypot(library.pos().x(), library.pos().y()) == pytest.approx(band_middle(1))
    assert editor.current_index() == 5  # the list follows the drawing
    assert editor.document.undo_text() == "Move “the library”"
    # The other members stayed where they were drawn.
    others = [m for m in editor.members() if m.alias != "the library"]
    assert all(m.angle is not None for m in others)

    editor.document.undo()
    assert member(editor, "the library").circle == 3


def test_dragging_within_a_circle_keeps_the_circle_and_the_map(editor: NetworkMapEditor) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    cafe = editor.scene.tokens[7]
    radius = band_middle(3) + 30  # near the outer edge, still inside circle 3
    drag(
        editor,
        cafe,
        QPointF(radius * math.cos(math.radians(300)), -radius * math.sin(math.radians(300))),
    )
    moved = member(editor, "café on the corner")
    assert moved.circle == 3
    assert moved.angle == pytest.approx(300.0, abs=1.5)


def test_a_token_cannot_be_dragged_off_the_map(editor: NetworkMapEditor) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    drag(editor, editor.scene.tokens[0], QPointF(RING_RADII[-1] * 3, 0))
    assert member(editor, "sister").circle == 3
    assert member(editor, "sister").angle == pytest.approx(0.0, abs=1.5)


def test_the_scene_reports_a_drop_by_circle_and_angle(qtbot: QtBot) -> None:
    scene = NetworkScene()
    scene.set_members(MEMBERS)
    token = scene.tokens[0]
    token.setPos(QPointF(0, band_middle(2) + 10))  # straight down, in circle 2
    with qtbot.waitSignal(scene.member_dropped) as dropped:
        scene.token_dropped(token)
    assert dropped.args == [0, 2, 270.0]
    assert circle_at(YOU_RADIUS / 2) == 1 and circle_at(RING_RADII[-1] + 50) == 3


# Snapshots ------------------------------------------------------------------------------------


def test_a_snapshot_goes_round_unchanged(editor: NetworkMapEditor) -> None:
    editor.set_snapshot(JUNE)
    assert editor.snapshot(JUNE.on) == JUNE
    assert not editor.is_modified()
    assert editor.document.count == 0
    assert list_rows(editor) == [
        "sister",
        "Mum",
        "A. from church",
        "Parkside Allotment",
        "Holloway Community Choir",
    ]


def test_saving_gives_todays_snapshot_and_marks_it_saved(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    editor.set_snapshot(JUNE)
    editor.select(0)
    with qtbot.waitSignal(editor.changed):
        editor.move_member(+1)
    assert "Not saved yet" in editor.status.text()
    with qtbot.waitSignal(editor.save_requested) as saved:
        qtbot.keyClick(editor.members_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    snapshot = saved.args[0]
    assert isinstance(snapshot, NetworkSnapshot)
    assert snapshot.on == TODAY and snapshot.size == 5
    assert snapshot.members[0].circle == 2
    editor.mark_saved()
    assert not editor.is_modified()
    assert "Not saved yet" not in editor.status.text()


def test_an_earlier_map_is_shown_but_cannot_be_changed(
    qtbot: QtBot, editor: NetworkMapEditor
) -> None:
    editor.set_history([JUNE, MARCH])
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    box = editor.history_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "Now: the map you are working on",
        "2 June 2026: 5 people, groups, places and activities",
        "3 March 2026: 3 people, groups, places and activities",
    ]
    box.setCurrentIndex(2)
    assert editor.read_only
    assert editor.read_only_note.isVisible() and "3 March 2026" in editor.read_only_note.text()
    assert list_rows(editor) == ["sister", "Mum", "A. from church"]
    assert [t.member.alias for t in editor.scene.tokens] == ["sister", "Mum", "A. from church"]
    assert not any(
        a.isEnabled()
        for a in (
            editor.add_action,
            editor.edit_action,
            editor.remove_action,
            editor.inwards_action,
            editor.outwards_action,
            editor.save_action,
        )
    )

    editor.select(0)
    listing = focus_list(qtbot, editor)
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    qtbot.keyClick(listing, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(listing, Qt.Key.Key_Insert)
    assert editor.member_dialog is None
    token = editor.scene.tokens[0]
    assert not token.flags() & token.GraphicsItemFlag.ItemIsMovable
    drag(editor, token, QPointF(0, band_middle(3)))
    assert editor.members() == MEMBERS  # the map being worked on is untouched
    assert editor.document.count == 0

    editor.show_earlier(None)
    assert not editor.read_only and not editor.read_only_note.isVisible()
    assert len(list_rows(editor)) == len(MEMBERS)
    assert editor.add_action.isEnabled()


# Paper and pictures ---------------------------------------------------------------------------


def inked(image: QImage) -> int:
    """How many sampled pixels are not white."""
    white = QColor("white").rgb()
    return sum(
        image.pixel(x, y) != white
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    )


def test_the_map_prints_to_a_pdf_with_its_words(tmp_path: Path, editor: NetworkMapEditor) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    editor.print_to(printer)
    editor.write_pdf(tmp_path / "saved.pdf")
    for name in ("printed.pdf", "saved.pdf"):
        reader = PdfReader(tmp_path / name)
        assert len(reader.pages) == 1
        text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
        assert "Network map" in text and "1 September 2026" in text
        for alias in ("sister", "Parkside Allotment", "neighbour at no. 4", "the library"):
            assert alias in text
        assert "Closest and most important: sister (person, family, in touch every day" in text
        for kind in ("Person", "Group", "Place", "Activity"):  # the legend
            assert kind in text


def test_an_earlier_map_prints_as_it_was(tmp_path: Path, editor: NetworkMapEditor) -> None:
    editor.set_history([MARCH])
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    editor.show_earlier(MARCH.on)
    editor.write_pdf(tmp_path / "march.pdf")
    text = " ".join(PdfReader(tmp_path / "march.pdf").pages[0].extract_text().split())
    assert "As drawn on 3 March 2026" in text
    assert "A. from church" in text and "library" not in text


def test_the_map_renders_to_a_picture(editor: NetworkMapEditor) -> None:
    blank = editor.render_image(400)
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    image = editor.render_image(400)
    assert image.width() == 400 and not image.isNull()
    assert inked(image) > inked(blank) > 500


def test_auto_placed_tokens_do_not_overlap() -> None:
    scene = NetworkScene()
    crowd = tuple(M(f"member {i}", list(MemberKind)[i % 4], 1 + i % 3) for i in range(15))
    scene.set_members(crowd)
    boxes = [t.sceneBoundingRect() for t in scene.tokens]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.adjusted(4, 4, -4, -4).intersects(other), (box, other)
    angles = layout_angles(crowd)
    assert layout_angles(crowd) == angles  # the same map is always drawn the same way


# Accessibility and the model ------------------------------------------------------------------


def inside_a_combo_box(widget: QWidget) -> bool:
    """A combo box's own pop-up list: Qt names it after the combo box."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_an_accessible_name(qtbot: QtBot, editor: NetworkMapEditor) -> None:
    editor.set_snapshot(NetworkSnapshot(TODAY, MEMBERS))
    interactive = (QAbstractButton, QComboBox, QLineEdit, QListView)
    controls = [
        w
        for w in editor.findChildren(QWidget)
        if isinstance(w, interactive) and not inside_a_combo_box(w)
    ]
    controls.append(editor.view)
    assert len(controls) > 10
    assert [w for w in controls if not w.accessibleName()] == []
    editor.add_member()
    dialog = editor.member_dialog
    assert dialog is not None
    dialog_controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, interactive) and not inside_a_combo_box(w)
    ]
    assert [w for w in dialog_controls if not w.accessibleName()] == []
    dialog.reject()


def test_the_members_model(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    model = NetworkMembersModel()
    model.set_members(MEMBERS)
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "sister: person, closest and most important, family, in touch every day, "
        "gives someone to talk to and practical help"
    )
    assert index.data().startswith("sister\nPerson · Closest · Family")
