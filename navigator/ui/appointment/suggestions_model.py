"""Qt models for the appointment: ranked suggestions (tickable for the shortlist), near misses,
and the shortlist itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal

from navigator.domain.directory import Activity, Delivery, Venue
from navigator.domain.matches import NearMiss, Suggestion
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import UNIT_PHRASES, format_km, money, short_moment
from navigator.services.match_result import Band, Distance, Price
from navigator.services.shortlist import Clash, shortlist_clashes
from navigator.ui.common.html_delegate import HTML_ROLE
from navigator.ui.common.table_model import ModelIndex, RowTableModel
from navigator.ui.directory.directory_model import ACTIVITY_ROLE, SORT_ROLE

# Dark amber: reads as "check this", not as an error, and keeps contrast on white.
CAUTION_COLOUR = "#8a4b00"
# Dark blue: where a suggestion stands in the person's plan (Match again); a fact, not a warning.
STANDING_COLOUR = "#1f4e79"
CONSTRAINT_LABELS = {
    "max_distance_km": "Distance",
    "delivery": "How it is run",
    "availability": "Times",
    "age": "Age",
    "gender": "Who it is for",
    "languages": "Language",
    "max_cost_gbp": "Cost",
    "setting": "Setting",
    "needs_step_free": "Step-free access",
}


def when_text(moment: dt.datetime | None) -> str:
    """ "Tue 25 Nov, 10:00"; the next date, which is what a person plans around."""
    if moment is None:
        return "No fixed times"
    return short_moment(moment)


def where_text(
    activity: Activity,
    distance: Distance | None,
    venue: Venue | None = None,
    *,
    short: bool = False,
) -> str:
    """Where it is, at `venue` (the place nearest the person, when it runs at several):
    "St Luke's Hall, 0.4 km, about 5 minutes' walk", "Town Hall, about 4.5 km away"; `short`
    for a compact card: "St Luke's Hall · 5 min walk", "Town Hall · 4.5 km away"."""
    if activity.delivery is Delivery.ONLINE:
        return "Online"
    if activity.delivery is Delivery.PHONE:
        return "By phone"
    venue = venue or activity.venue
    place = venue.name if venue and venue.name else ""
    if distance is None:
        return place or "Place not given"
    km = format_km(distance.km)
    if short:
        far = f"{distance.walk_minutes} min walk" if distance.band is Band.WALK else f"{km} away"
        return f"{place} · {far}" if place else far[0].upper() + far[1:]
    if distance.band is Band.WALK:
        far = f"{km}, about {distance.walk_minutes} minutes' walk"
    else:
        far = f"about {km} away"
    return f"{place}, {far}" if place else far[0].upper() + far[1:]


def price_text(price: Price) -> str:
    """The price as published, in a few words: "Free", "£2.50 a session", "Cost not known"."""
    if price.free:
        return "Free"
    if price.amount_gbp is None:
        return "Cost not known"
    if price.unit is None:
        return f"{money(price.amount_gbp)} (ask what it covers)"
    return f"{money(price.amount_gbp)} {UNIT_PHRASES[price.unit]}"


R = TypeVar("R", Suggestion, NearMiss)


class _TickableModel(RowTableModel[tuple[R, Activity]]):
    """Rows of (an engine's answer, its activity) whose `TICK` cell puts it on the shortlist:
    suggestions and near misses alike."""

    TICK = 0
    shortlist_toggled = Signal(str, bool)

    def __init__(
        self,
        activity_lookup: Callable[[str], Activity],
        is_shortlisted: Callable[[str], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = activity_lookup
        self._is_shortlisted = is_shortlisted

    def set_answers(self, answers: Sequence[R]) -> None:
        self.set_rows([(a, self._lookup(a.id)) for a in answers])

    def answer_at(self, row: int) -> R:
        return self.row_at(row)[0]

    def refresh_ticks(self) -> None:
        self.refresh_column(self.TICK)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.TICK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def tick_state(self, activity: Activity) -> Qt.CheckState:
        return (
            Qt.CheckState.Checked if self._is_shortlisted(activity.id) else Qt.CheckState.Unchecked
        )

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.TICK
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.shortlist_toggled.emit(self._rows[index.row()][1].id, checked)
        self.dataChanged.emit(index, index, [role])
        return True


class SuggestionsModel(_TickableModel[Suggestion]):
    TRY, ACTIVITY, WHY = range(3)
    HEADERS = ("Try", "Activity, and why it might suit", "Why it might suit")
    TICK = TRY

    def __init__(
        self,
        activity_lookup: Callable[[str], Activity],
        is_shortlisted: Callable[[str], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(activity_lookup, is_shortlisted, parent)
        self._distances: Mapping[str, Distance] = {}
        self._prices: Mapping[str, Price] = {}
        self._standings: Mapping[str, str] = {}
        self._compact = False

    def set_standings(self, standings: Mapping[str, str]) -> None:
        """Where activities stand in the person's plan, by id ("On their plan: going
        regularly"), shown at the top of their cards; empty to show none."""
        if standings != self._standings:
            self.beginResetModel()
            self._standings = dict(standings)
            self.endResetModel()

    def standing(self, activity_id: str) -> str | None:
        return self._standings.get(activity_id)

    def set_compact(self, on: bool) -> None:
        """Compact cards, for a screen short of room: the name at text size with the price
        beside it, when and where, then why; what kind of activity it is is left to Details."""
        if on != self._compact:
            self.beginResetModel()
            self._compact = on
            self.endResetModel()

    def set_suggestions(
        self,
        suggestions: Sequence[Suggestion],
        distances: Mapping[str, Distance],
        prices: Mapping[str, Price],
    ) -> None:
        """The ranked suggestions, with the distance and price of each, as the match
        outcome gives them."""
        self._distances, self._prices = distances, prices
        self.set_answers(suggestions)

    def suggestion_at(self, row: int) -> Suggestion:
        return self.answer_at(row)

    def cell(self, row: tuple[Suggestion, Activity], column: int, role: int) -> Any:
        suggestion, activity = row
        if role == ACTIVITY_ROLE:
            return activity
        if role == Qt.ItemDataRole.CheckStateRole and column == self.TRY:
            return self.tick_state(activity)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.TRY:
            return f"Add {activity.name} to the shortlist"
        if role == SORT_ROLE:
            return suggestion.rank
        if role == HTML_ROLE and column != self.TRY:
            return self._html(column, suggestion, activity)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(column, suggestion, activity)
        return None

    def _text(self, column: int, suggestion: Suggestion, activity: Activity) -> str:
        """Plain text: what screen readers and copying get."""
        match column:
            case self.ACTIVITY:  # the card on screen holds the reasons too, so says them
                return "\n".join(
                    [
                        *self._lines(suggestion, activity),
                        self._text(self.WHY, suggestion, activity),
                    ]
                )
            case self.WHY:
                standing = self._standings.get(activity.id)
                return "\n".join(
                    [
                        *([standing] if standing else []),
                        *suggestion.reasons,
                        *(f"Check: {c}" for c in suggestion.cautions),
                    ]
                )
        return ""

    def _html(self, column: int, suggestion: Suggestion, activity: Activity) -> str:
        match column:
            case self.ACTIVITY:
                # One card, so four suggestions fit a laptop screen: the name; what and cost;
                # when and where; then why it might suit across the full width.
                name, what, when, where, cost = self._lines(suggestion, activity)
                if self._compact:
                    return (
                        f"<div><b>{escape(name)}</b> · {escape(cost)}</div>"
                        f"<div>{escape(when)} · {escape(where)}</div>"
                        + self._html(self.WHY, suggestion, activity)
                    )
                return (
                    f'<div style="font-size:large"><b>{escape(name)}</b></div>'
                    f"<div>{escape(what)} · {escape(cost)}</div>"
                    f"<div>{escape(when)} · {escape(where)}</div>"
                    + self._html(self.WHY, suggestion, activity)
                )
            case self.WHY:
                # The reasons flow as one paragraph; what to check stays on its own lines.
                reasons = "&nbsp;&nbsp; ".join(f"✓&nbsp;{escape(r)}" for r in suggestion.reasons)
                cautions = "".join(
                    f'<div style="color:{CAUTION_COLOUR}">! {escape(c)}</div>'
                    for c in suggestion.cautions
                )
                standing = self._standings.get(activity.id)
                plan = (
                    f'<div style="color:{STANDING_COLOUR}"><b>{escape(standing)}</b></div>'
                    if standing
                    else ""
                )
                return f'{plan}<div style="margin-top:3px">{reasons}</div>{cautions}'
        return ""

    def _lines(self, suggestion: Suggestion, activity: Activity) -> list[str]:
        what = ", ".join(category_label(c) for c in activity.categories)
        price = self._prices.get(activity.id, Price.of(activity.cost))
        return [
            activity.name,
            what,
            f"Next: {when_text(suggestion.next_session)}",
            where_text(
                activity, self._distances.get(activity.id), suggestion.venue, short=self._compact
            ),
            price_text(price),
        ]


class NearMissModel(_TickableModel[NearMiss]):
    """Near misses, grouped by what to talk about (as the engine orders them). The name
    cell is tickable: a near miss can go on the shortlist like a suggestion."""

    NAME, WHICH, WHY = range(3)
    HEADERS = ("Activity", "Misses on", "How it misses")
    TICK = NAME

    def set_near_misses(self, near_misses: Sequence[NearMiss]) -> None:
        self.set_answers(near_misses)

    def near_miss_at(self, row: int) -> NearMiss:
        return self.answer_at(row)

    def cell(self, row: tuple[NearMiss, Activity], column: int, role: int) -> Any:
        miss, activity = row
        if role == ACTIVITY_ROLE:
            return activity
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAME:
            return self.tick_state(activity)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.NAME:
            return f"{miss.name}: tick to add to the shortlist"
        if role == SORT_ROLE:
            return self._rows.index(row)
        kind = ", ".join(CONSTRAINT_LABELS.get(f, f) for f in miss.failed)
        if column == self.WHICH and role == Qt.ItemDataRole.DisplayRole:
            # Grouped by what to talk about: the kind is written once, at the top of its run.
            position = self._rows.index(row)
            first = position == 0 or self._rows[position - 1][0].group != miss.group
            return kind if first else ""
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        match column:
            case self.NAME:
                return miss.name
            case self.WHY:
                return miss.detail
            case self.WHICH:
                return kind
        return None


class ShortlistModel(QAbstractListModel):
    """The activities the person wants to try, in the order they were ticked."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._activities: list[Activity] = []
        self._clashes: dict[str, tuple[Clash, ...]] = {}
        # Keep the clash flags in step with every change, before views hear of it.
        self.changed.connect(self._find_clashes)

    def _find_clashes(self) -> None:
        self._clashes = shortlist_clashes(self._activities)
        if self._activities:
            self.dataChanged.emit(self.index(0), self.index(len(self._activities) - 1))

    def clashes_of(self, activity_id: str) -> tuple[str, ...]:
        """ "Clashes with Choir, Tuesdays 10:00", for each shortlisted activity it clashes
        with."""
        return tuple(c.describe() for c in self._clashes.get(activity_id, ()))

    def activities(self) -> list[Activity]:
        return list(self._activities)

    def ids(self) -> list[str]:
        return [a.id for a in self._activities]

    def contains(self, activity_id: str) -> bool:
        return any(a.id == activity_id for a in self._activities)

    def add(self, activity: Activity) -> None:
        if self.contains(activity.id):
            return
        row = len(self._activities)
        self.beginInsertRows(QModelIndex(), row, row)
        self._activities.append(activity)
        self.endInsertRows()
        self.changed.emit()

    def refresh(self, latest: Callable[[str], Activity | None]) -> None:
        """Show each shortlisted activity as the directory now has it (after an edit or an
        import), so the handout never prints details that have since changed."""
        updated = [latest(a.id) or a for a in self._activities]
        if updated != self._activities:
            self.beginResetModel()
            self._activities = updated
            self.endResetModel()
            self.changed.emit()

    def remove(self, activity_id: str) -> None:
        for row, activity in enumerate(self._activities):
            if activity.id == activity_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._activities[row]
                self.endRemoveRows()
                self.changed.emit()
                return

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._activities)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._activities):
            return None
        activity = self._activities[index.row()]
        if role == ACTIVITY_ROLE:
            return activity
        flags = self.clashes_of(activity.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "\n".join([activity.name, *flags])
        if role == HTML_ROLE:
            lines = "".join(
                f'<div style="color:{CAUTION_COLOUR}">! {escape(flag)}</div>' for flag in flags
            )
            return f"{escape(activity.name)}{lines}"
        return None
