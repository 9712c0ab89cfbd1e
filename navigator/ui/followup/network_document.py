"""The network map being edited, and the undo history of its edits. No Qt.

Every change (add, edit, remove, move in or out, move round, drop after a drag) is one
`Edit`: the whole member list before and after, and who was selected before and after, so
undo and redo put the selection back too. The history behaves like Qt's QUndoStack: a new
edit after some undos drops the edits that were undone, and "saved" is a point in the
history (`mark_saved`), so undoing back to it makes the map unmodified again.

The document knows nothing of the screen. Whoever shows it `subscribe`s and is told, after
each change, who to select and whether it was an edit (an edit, undo or redo) or a fresh
`load`. Where members without an angle are drawn comes from the `layout` it is given, so
that an edit can pin every other member where it is drawn and nothing jumps about.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from navigator.domain.people import NetworkMember, NetworkSnapshot

Members = tuple[NetworkMember, ...]
Layout = Callable[[Sequence[NetworkMember]], Sequence[float]]


@dataclass(frozen=True, slots=True)
class Edit:
    """One step in the history: the members before and after, and who to select after each."""

    text: str  # what the Undo and Redo buttons would say, e.g. Move “Mum” in
    before: Members
    after: Members
    select_before: int | None
    select_after: int | None


@dataclass(frozen=True, slots=True)
class Change:
    """What a listener is told after the document changed."""

    select: int | None  # the member to select now, by position in `members`
    edited: bool  # an edit, undo or redo; False after a fresh `load`


def _own_angles(members: Sequence[NetworkMember]) -> list[float]:
    return [m.angle or 0.0 for m in members]


class NetworkDocument:
    """A person's network map being edited, with undo and redo."""

    def __init__(self, layout: Layout = _own_angles) -> None:
        self._layout = layout
        self._members: Members = ()
        self._edits: list[Edit] = []
        self._index = 0  # edits[:index] are done, the rest undone
        self._clean: int | None = 0  # the index at the last save; None when unreachable
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> None:
        self._listeners.append(listener)

    # The map ----------------------------------------------------------------------------------

    @property
    def members(self) -> Members:
        return self._members

    def snapshot(self, on: dt.date) -> NetworkSnapshot:
        return NetworkSnapshot(on, self._members)

    def load(self, members: Sequence[NetworkMember]) -> None:
        """Edit these members (usually the latest saved map): the history starts afresh."""
        self._edits, self._index, self._clean = [], 0, 0
        self._members = tuple(members)
        self._notify(Change(None, edited=False))

    def is_modified(self) -> bool:
        return self._index != self._clean

    def mark_saved(self) -> None:
        self._clean = self._index

    # Edits: each is about the selected member (selected again on undo), except `add` -------

    def add(self, member: NetworkMember, *, selected: int | None = None) -> None:
        """Add at the end; `selected` is who was selected before, selected again on undo."""
        before = self._pinned()
        self._push(f"Add “{member.alias}”", (*before, member), selected, len(before))

    def replace(self, index: int, member: NetworkMember) -> None:
        """The member at `index` changed in the dialog; on the same circle it keeps its place."""
        before = self._pinned()
        old = before[self._check(index)]
        if member.circle == old.circle:
            member = dataclasses.replace(member, angle=old.angle)
        self._push(f"Edit “{member.alias}”", _replaced(before, index, member), index, index)

    def remove(self, index: int) -> None:
        before = self._pinned()
        gone = before[self._check(index)]
        after = before[:index] + before[index + 1 :]
        select = min(index, len(after) - 1) if after else None
        self._push(f"Remove “{gone.alias}”", after, index, select)

    def move(self, index: int, step: int) -> bool:
        """Move `step` circles out (negative: in); False when it is already on the last one."""
        before = self._pinned()
        old = before[self._check(index)]
        circle = min(3, max(1, old.circle + step))
        if circle == old.circle:
            return False
        moved = dataclasses.replace(old, circle=circle, angle=None)
        where = "in" if step < 0 else "out"
        self._push(
            f"Move “{moved.alias}” {where}",
            _replaced(before, index, moved),
            index,
            index,
        )
        return True

    def rotate(self, index: int, degrees: float) -> None:
        """Move round its circle, anticlockwise for positive `degrees`."""
        before = self._pinned()
        old = before[self._check(index)]
        angle = ((old.angle or 0.0) + degrees) % 360.0
        moved = dataclasses.replace(old, angle=round(angle, 1))
        self._push(
            f"Move “{moved.alias}” round",
            _replaced(before, index, moved),
            index,
            index,
        )

    def drop(self, index: int, circle: int, angle: float) -> None:
        """Dragged on the drawing to this circle and angle."""
        before = self._pinned()
        moved = dataclasses.replace(before[self._check(index)], circle=circle, angle=angle)
        self._push(f"Move “{moved.alias}”", _replaced(before, index, moved), index, index)

    # History ----------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self._edits)

    @property
    def index(self) -> int:
        """How many edits are done (the rest have been undone)."""
        return self._index

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._edits)

    def undo_text(self) -> str:
        return self._edits[self._index - 1].text if self.can_undo() else ""

    def redo_text(self) -> str:
        return self._edits[self._index].text if self.can_redo() else ""

    def undo(self) -> None:
        if not self.can_undo():
            return
        self._index -= 1
        edit = self._edits[self._index]
        self._show(edit.before, edit.select_before)

    def redo(self) -> None:
        if not self.can_redo():
            return
        edit = self._edits[self._index]
        self._index += 1
        self._show(edit.after, edit.select_after)

    def set_index(self, index: int) -> None:
        """Undo or redo, one edit at a time, until `index` edits are done."""
        index = min(max(index, 0), len(self._edits))
        while self._index > index:
            self.undo()
        while self._index < index:
            self.redo()

    # Inside -----------------------------------------------------------------------------------

    def _pinned(self) -> Members:
        """The members with every angle pinned where it is drawn, so that one change never
        makes the others jump about."""
        return tuple(
            dataclasses.replace(m, angle=round(a, 1)) if m.angle is None else m
            for m, a in zip(self._members, self._layout(self._members), strict=True)
        )

    def _check(self, index: int) -> int:
        if not 0 <= index < len(self._members):
            raise IndexError(f"There is no member {index} on a map of {len(self._members)}.")
        return index

    def _push(
        self, text: str, after: Members, select_before: int | None, select: int | None
    ) -> None:
        # Undo goes back to the members exactly as they were (angles not pinned).
        edit = Edit(text, self._members, after, select_before, select)
        del self._edits[self._index :]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state was among the undone edits: gone for good
        self._edits.append(edit)
        self.redo()

    def _show(self, members: Members, select: int | None) -> None:
        self._members = members
        self._notify(Change(select, edited=True))

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)


def _replaced(members: Members, index: int, member: NetworkMember) -> Members:
    return (*members[:index], member, *members[index + 1 :])
