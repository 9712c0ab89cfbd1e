"""The Review tab's table: the queue of entries that need checking, and how it is worked out.

`build_queue` runs on the computation worker (at 100,000 activities the queue holds about
half of them and takes a second or more to work out); `ReviewModel` shows its rows.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from navigator.domain.directory import Activity
from navigator.domain.people import ActivityFlag
from navigator.domain.reports import ProblemReport
from navigator.domain.wording import short_date
from navigator.services.review import REPORTED, ReviewItem, review_queue
from navigator.ui.common.table_model import RowTableModel
from navigator.ui.directory.directory_model import ACTIVITY_ROLE

# Lines of text a row shows when some reason does not fit on one; longer reasons are cut
# short, whole in the tooltip.
ROW_LINES = 2
# More distinct reasons than this and rows are ROW_LINES high without measuring each.
MAX_TEXTS_MEASURED = 500
# The names measured: the longest by characters (measuring every name of a large queue would
# hold the UI thread; a name wider than these but shorter is cut short, whole in the tooltip).
LONGEST_NAMES_MEASURED = 20


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """What the table shows, worked out off the UI thread."""

    items: list[ReviewItem]
    rows_by_id: dict[str, int]  # activity id -> row
    summary: str  # the line above the table
    # What the view measures to see whether rows one line high show every row whole: the
    # distinct "why" texts (a few dozen: most are "Not checked since <month>"), None when
    # there are more than MAX_TEXTS_MEASURED; and the longest names, by characters.
    why_texts: frozenset[str] | None
    longest_names: tuple[str, ...]


def build_queue(
    activities: Sequence[Activity],
    flags: Sequence[ActivityFlag],
    today: dt.date,
    *,
    reports: Sequence[ProblemReport],
    stale_months: int,
    demand: dict[str, int],
    only_guessed: bool,
) -> ReviewQueue:
    """The queue as the table shows it. Runs on a worker: touches no widget."""
    items = review_queue(
        activities, flags, today, reports=reports, stale_months=stale_months, demand=demand
    )
    guessed = sum(1 for item in items if item.guesses)
    if only_guessed:
        items = [item for item in items if item.guesses]
    # Worked out here, not on the UI thread: at 100,000 activities each is tens of ms.
    rows_by_id = {item.activity.id: row for row, item in enumerate(items)}
    texts = {why_text(item) for item in items}
    return ReviewQueue(
        items,
        rows_by_id,
        summary(items, guessed, only_guessed),
        frozenset(texts) if len(texts) <= MAX_TEXTS_MEASURED else None,
        tuple(heapq.nlargest(LONGEST_NAMES_MEASURED, (i.activity.name for i in items), key=len)),
    )


def why_text(item: ReviewItem) -> str:
    return "; ".join(item.reasons)


class ReviewModel(RowTableModel[ReviewItem]):
    NAME, WHY, CHECKED = range(3)
    HEADERS = ("Activity", "Why it needs a look", "Last checked")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows_by_id: dict[str, int] = {}

    def set_queue(self, queue: ReviewQueue) -> None:
        self.set_rows(queue.items)
        # Finding an entry's row is a look-up, not a walk over tens of thousands of rows.
        self._rows_by_id = queue.rows_by_id

    def item_at(self, row: int) -> ReviewItem:
        return self.row_at(row)

    def row_of(self, activity_id: str) -> int | None:
        return self._rows_by_id.get(activity_id)

    def cell(self, item: ReviewItem, column: int, role: int) -> Any:
        if role == ACTIVITY_ROLE:
            return item.activity
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        checked = item.activity.last_verified
        return (
            item.activity.name,
            why_text(item),
            short_date(checked) if checked else "Never",
        )[column]


def summary(items: Sequence[ReviewItem], guessed: int, only_guessed: bool) -> str:
    if only_guessed:
        return (
            "No guesses by Navigator to confirm."
            if not items
            else f"{len(items)} entr{'ies' if len(items) != 1 else 'y'} with guesses by "
            "Navigator to confirm, those deciding who may go first."
        )
    if not items:
        return "Nothing needs checking."
    flagged = sum(1 for item in items if item.urgency == REPORTED)
    text = (
        f"{len(items)} entr{'ies need' if len(items) != 1 else 'y needs'} a look, most urgent first"
    )
    if flagged:
        text += f"; {flagged} reported by workers or follow-ups"
    if guessed:
        text += f"; {guessed} with guesses by Navigator to confirm"
    return text + "."
