"""The network map document on its own, without a window: each edit is one step that undo
takes back and redo puts back, with the selection; saving marks a point in the history."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Sequence

import pytest

from navigator.domain.people import MemberKind, NetworkMember, NetworkSnapshot
from navigator.ui.followup.network_document import Change, NetworkDocument

M = NetworkMember
SISTER = M("sister", MemberKind.PERSON, 1)
CHOIR = M("choir", MemberKind.GROUP, 2, angle=90.0)
LIBRARY = M("the library", MemberKind.PLACE, 3)


def spread(members: Sequence[NetworkMember]) -> list[float]:
    """A stand-in for the drawing's layout: members without an angle 10 degrees apart."""
    return [m.angle if m.angle is not None else 10.0 * i for i, m in enumerate(members)]


@pytest.fixture
def document() -> NetworkDocument:
    doc = NetworkDocument(spread)
    doc.load((SISTER, CHOIR))
    return doc


def test_a_fresh_load_has_no_history_and_is_not_modified(document: NetworkDocument) -> None:
    assert document.members == (SISTER, CHOIR)
    assert (document.count, document.can_undo(), document.can_redo()) == (0, False, False)
    assert not document.is_modified()
    assert document.snapshot(dt.date(2026, 9, 1)) == NetworkSnapshot(
        dt.date(2026, 9, 1), (SISTER, CHOIR)
    )


def test_undo_and_redo_walk_each_edit_back_and_forth(document: NetworkDocument) -> None:
    document.add(LIBRARY)
    document.move(2, -1)  # the library in, from circle 3 to 2
    document.remove(0)
    after = document.members
    assert [m.alias for m in after] == ["choir", "the library"]
    assert after[1].circle == 2
    assert document.undo_text() == "Remove “sister”"

    document.undo()
    assert [m.alias for m in document.members] == ["sister", "choir", "the library"]
    assert document.redo_text() == "Remove “sister”"
    document.undo()
    assert document.members[2] == LIBRARY  # exactly as added: circle 3, no angle
    document.undo()
    assert document.members == (SISTER, CHOIR)
    assert not document.can_undo()

    document.set_index(3)  # redo all three
    assert document.members == after
    assert not document.can_redo()


def test_an_edit_pins_the_others_where_they_are_drawn(document: NetworkDocument) -> None:
    document.rotate(1, 15.0)
    sister, choir = document.members
    assert sister.angle == 0.0  # pinned where the layout drew it, so it will not jump
    assert choir.angle == 105.0
    document.undo()
    assert document.members == (SISTER, CHOIR)  # undo restores the unpinned angle too


def test_editing_on_the_same_circle_keeps_the_place_on_the_drawing(
    document: NetworkDocument,
) -> None:
    document.replace(1, M("Holloway Choir", MemberKind.GROUP, 2))
    assert document.members[1].alias == "Holloway Choir"
    assert document.members[1].angle == 90.0
    document.replace(1, M("Holloway Choir", MemberKind.GROUP, 3))
    assert document.members[1].angle is None  # a new circle: placed afresh


def test_a_move_past_the_last_circle_is_not_an_edit(document: NetworkDocument) -> None:
    assert document.move(0, -1) is False  # already on the closest circle
    assert document.count == 0 and not document.is_modified()


def test_listeners_hear_who_to_select_and_whether_it_was_an_edit(
    document: NetworkDocument,
) -> None:
    heard: list[Change] = []
    document.subscribe(heard.append)
    document.add(LIBRARY, selected=1)
    document.undo()
    document.redo()
    document.drop(2, 1, 45.0)
    document.load(())
    assert heard == [
        Change(select=2, edited=True),  # the new member
        Change(select=1, edited=True),  # back to who was selected before adding
        Change(select=2, edited=True),
        Change(select=2, edited=True),
        Change(select=None, edited=False),  # a fresh load is not an edit
    ]
    assert document.count == 0


def test_saved_is_a_point_in_the_history(document: NetworkDocument) -> None:
    document.add(LIBRARY)
    assert document.is_modified()
    document.mark_saved()
    assert not document.is_modified()
    document.undo()
    assert document.is_modified()  # before the save
    document.redo()
    assert not document.is_modified()  # back at the save
    document.undo()
    document.remove(0)  # a new edit drops the undone one, with the saved point on it
    document.undo()
    assert document.is_modified()  # the saved map can no longer be reached by undoing


def test_an_edit_to_a_member_not_there_changes_nothing(document: NetworkDocument) -> None:
    with pytest.raises(IndexError, match="no member 5"):
        document.remove(5)
    with pytest.raises(IndexError):
        document.drop(-1, 2, 0.0)
    assert document.members == (SISTER, CHOIR) and document.count == 0


def test_the_document_needs_no_qt() -> None:
    # A fresh interpreter, so Qt loaded by other tests does not count.
    code = (
        "import sys, navigator.ui.followup.network_document; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
