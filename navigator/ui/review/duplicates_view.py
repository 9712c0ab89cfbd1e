"""Likely duplicates in the directory: a list of pairs, each compared side by side and merged
field by field, or set aside as "not duplicates".

Nothing here opens a database: the composition root passes in how to load the directory and
one activity (with its version), and how to merge a pair (save the kept one with the version
check, then archive the other, never delete it). Loading and merging run on the database
worker; the search itself on the computation worker.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity, Status
from navigator.services.duplicates import DuplicatePair, find_duplicates, merge, suggested_choices
from navigator.store.repository import ConflictError, VersionedActivity
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.review.duplicate_comparison import DuplicateComparison

ModelIndex = QModelIndex | QPersistentModelIndex
IdPair = tuple[str, str]

# Raw values for sorting (the score as a number, names without case).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The DuplicatePair behind a row.
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2


class DuplicatePairsModel(QAbstractTableModel):
    LEFT, RIGHT, ALIKE, WHY = range(4)
    HEADERS = ("Keep (left)", "Possible duplicate (right)", "Alike", "Why they look alike")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self.endResetModel()

    def pairs(self) -> list[DuplicatePair]:
        return list(self._pairs)

    def pair_at(self, row: int) -> DuplicatePair:
        return self._pairs[row]

    def remove_involving(self, activity_id: str) -> None:
        """Drop every pair with this activity in it (merged away, or gone)."""
        for row in reversed(range(len(self._pairs))):
            if self._pairs[row].involves(activity_id):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()

    def remove_pair(self, ids: IdPair) -> None:
        for row in reversed(range(len(self._pairs))):
            if set(self._pairs[row].ids) == set(ids):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()

    def replace_activity(self, activity: Activity) -> None:
        """After a merge the kept activity has new values; its other pairs show them."""
        for row, pair in enumerate(self._pairs):
            if pair.involves(activity.id):
                a, b = (activity, pair.b) if pair.a.id == activity.id else (pair.a, activity)
                self._pairs[row] = DuplicatePair(a, b, pair.score, pair.reasons)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.WHY))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pairs):
            return None
        pair = self._pairs[index.row()]
        column = index.column()
        if role == PAIR_ROLE:
            return pair
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(pair, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.LEFT, self.RIGHT):
                return _where(pair.a if column == self.LEFT else pair.b)
            return "\n".join(pair.reasons) if column == self.WHY else None
        if role == SORT_ROLE:
            return pair.score if column == self.ALIKE else _display(pair, column).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ALIKE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(pair: DuplicatePair, column: int) -> str:
    match column:
        case DuplicatePairsModel.LEFT:
            return pair.a.name
        case DuplicatePairsModel.RIGHT:
            return pair.b.name
        case DuplicatePairsModel.ALIKE:
            return f"{round(pair.score * 100)}%"
        case DuplicatePairsModel.WHY:
            return "; ".join(pair.reasons)
    return ""


def _where(activity: Activity) -> str:
    venue = activity.venue
    place = ", ".join(p for p in (venue.name, venue.postcode) if p) if venue else ""
    return "\n".join(p for p in (activity.name, activity.organisation, place) if p)


class DuplicatesView(QWidget):
    merged = Signal(str, str)  # kept id, archived id
    not_duplicates = Signal(str, str)  # the pair's ids, left first: for the lead to store
    duplicates_found = Signal(int)  # how many likely pairs the latest search found

    def __init__(
        self,
        load_activities: Callable[[], Sequence[Activity]],
        load_activity: Callable[[str], VersionedActivity | None],
        merge_pair: Callable[[Activity, int, str, int], object],
        db_runner: TaskRunner,
        cpu_runner: TaskRunner,
        dialogs: Dialogs,
        load_not_duplicates: Callable[[], Iterable[IdPair]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_activities = load_activities
        self._load_activity = load_activity
        self._merge_pair = merge_pair
        self._load_not_duplicates = load_not_duplicates
        self._db = db_runner
        self._cpu = cpu_runner
        self._dialogs = dialogs
        # Said here, this session, whether or not the store has caught up yet.
        self._set_aside: set[IdPair] = set()
        self._search_generation = 0
        self._pair_generation = 0
        self._candidates: frozenset[str] | None = None
        self._searched = 0  # activities looked at by the latest search
        # The pair being compared, as stored now (with versions), once loaded.
        self._current: tuple[DuplicatePair, VersionedActivity, VersionedActivity] | None = None
        self._merging = False

        self.summary = QLabel(
            "Not searched yet: press “Find duplicates again” to look for activities entered twice."
        )
        self.summary.setWordWrap(True)
        self.find_button = QPushButton("Find duplicates a&gain")
        self.find_button.setAccessibleName("Find duplicates again")

        self.model = DuplicatePairsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName("Likely duplicates")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DuplicatePairsModel.ALIKE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in (
            (DuplicatePairsModel.LEFT, 250),
            (DuplicatePairsModel.RIGHT, 250),
            (DuplicatePairsModel.ALIKE, 60),
        ):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.comparison = DuplicateComparison()
        self.merge_button = QPushButton("&Merge into the left one")
        self.merge_button.setAccessibleName("Merge into the left one")
        self.merge_button.setToolTip(
            "Save the left one with the values chosen above, and "
            "archive the right one (it is not deleted)"
        )
        self.not_duplicates_button = QPushButton("&Not duplicates")
        self.not_duplicates_button.setAccessibleName("Not duplicates")
        self.not_duplicates_button.setToolTip(
            "These are different activities: take the pair off the list and do not suggest it again"
        )
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self._build_layout()
        self._connect_signals()
        self._update_buttons()

    # Layout ---------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.find_button)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.comparison, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.not_duplicates_button)
        buttons.addWidget(self.merge_button)
        lower_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([180, 620])  # a few pairs in view; most room for the comparison
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.find_button, self.table)
        self.setTabOrder(self.table, self.comparison)

    def _connect_signals(self) -> None:
        self.find_button.clicked.connect(self._on_find_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.not_duplicates_button.clicked.connect(self._on_not_duplicates_button_clicked)

    # Finding --------------------------------------------------------------------------------

    def find_duplicates(self, candidates: Collection[str] | None = None) -> None:
        """Search the directory again; with `candidates` (say, the ids just imported), only
        for pairs involving them."""
        self._candidates = None if candidates is None else frozenset(candidates)
        self._search_generation += 1
        generation = self._search_generation
        self.find_button.setEnabled(False)
        self.summary.setText("Looking for likely duplicates…")
        load, load_set_aside = self._load_activities, self._load_not_duplicates

        def work() -> tuple[list[Activity], set[IdPair]]:
            stored = set(load_set_aside()) if load_set_aside is not None else set()
            return list(load()), stored

        self._db.run(
            work,
            lambda loaded: self._on_directory_loaded(generation, *loaded),
            self._on_search_failed,
        )

    def _on_find_button_clicked(self) -> None:
        self.find_duplicates()

    def _on_directory_loaded(
        self, generation: int, activities: list[Activity], stored: set[IdPair]
    ) -> None:
        if generation != self._search_generation:
            return
        candidates, set_aside = self._candidates, stored | self._set_aside
        self._searched = sum(1 for a in activities if a.status is not Status.ARCHIVED)
        self._cpu.run(
            lambda: find_duplicates(activities, candidates=candidates, not_duplicates=set_aside),
            lambda pairs: self._on_search_finished(generation, pairs),
            self._on_search_failed,
        )

    def _on_search_finished(self, generation: int, pairs: list[DuplicatePair]) -> None:
        if generation != self._search_generation:
            return
        self.find_button.setEnabled(True)
        self.model.set_pairs(pairs)
        self._update_summary()
        self.duplicates_found.emit(len(pairs))
        if pairs:
            self.table.selectRow(0)
        else:
            self._show_no_pair()

    def _on_search_failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.summary.setText(f"The search for duplicates failed: {error}")

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        pairs = "1 pair" if count == 1 else f"{count} pairs"
        if self._candidates is not None:
            new = len(self._candidates)
            what = "this new activity" if new == 1 else f"these {new} new activities"
            text = (
                f"{pairs} where {what} may be the same as one you already have."
                if count
                else f"None of {what} look like ones you already have."
            )
        elif count:
            text = (
                f"{pairs} among {self._searched} activities may be the same activity "
                "entered twice. Compare each pair below, then merge it or set it aside."
            )
        else:
            text = f"No likely duplicates among {self._searched} activities."
        self.summary.setText(text)

    # The selected pair ----------------------------------------------------------------------

    def selected_pair(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PAIR_ROLE) if rows else None

    def _on_table_selection_changed(self, *_args: Any) -> None:
        pair = self.selected_pair()
        self._current = None
        self._pair_generation += 1
        if pair is None:
            self._show_no_pair()
            return
        self.status.setText("")
        self.comparison.set_pair(pair.a, pair.b, suggested_choices(pair.a, pair.b))
        self._update_buttons()
        self._load_versions(pair)

    def _load_versions(
        self, pair: DuplicatePair, *, keep_choices: dict[str, Any] | None = None
    ) -> None:
        """Read both as stored now: the comparison shows them and the merge checks them."""
        generation = self._pair_generation
        load = self._load_activity
        self._db.run(
            lambda: (load(pair.a.id), load(pair.b.id)),
            lambda found: self._on_versions_loaded(
                generation, pair, *found, keep_choices=keep_choices
            ),
            self._on_versions_failed,
        )

    def _on_versions_loaded(
        self,
        generation: int,
        pair: DuplicatePair,
        a: VersionedActivity | None,
        b: VersionedActivity | None,
        *,
        keep_choices: dict[str, Any] | None,
    ) -> None:
        if generation != self._pair_generation:
            return
        gone = [
            old.name
            for now, old in ((a, pair.a), (b, pair.b))
            if now is None or now.activity.status is Status.ARCHIVED
        ]
        if gone or a is None or b is None:
            row = self._selected_row()
            self.model.remove_pair(pair.ids)
            self._update_summary()
            self._select_near(row)
            self.status.setText(
                f"“{gone[0]}” has been archived or removed since the search, "
                "so that pair is off the list."
            )
            return
        if (a.activity, b.activity) != (pair.a, pair.b) or keep_choices is not None:
            choices = suggested_choices(a.activity, b.activity) | {
                k: v
                for k, v in (keep_choices or {}).items()
                if getattr(a.activity, k) != getattr(b.activity, k)
            }
            self.comparison.set_pair(a.activity, b.activity, choices)
        self._current = (pair, a, b)
        self._update_buttons()

    def _on_versions_failed(self, error: BaseException) -> None:
        self.status.setText(f"This pair could not be read from the directory: {error}")

    def _show_no_pair(self) -> None:
        self._current = None
        if self.model.rowCount():
            self.comparison.show_message("Choose a pair above to compare them side by side.")
        else:
            self.comparison.show_message("Nothing to compare.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_pair = self.selected_pair() is not None
        self.merge_button.setEnabled(self._current is not None and not self._merging)
        self.not_duplicates_button.setEnabled(has_pair and not self._merging)

    # Merging and setting aside ---------------------------------------------------------------

    def _on_merge_button_clicked(self) -> None:
        if self._current is None or self._merging:
            return
        pair, kept, other = self._current
        choices = self.comparison.choices()
        merged = merge(kept.activity, other.activity, choices)
        if not self._dialogs.confirm(
            self,
            f"Merge “{other.activity.name}” into “{kept.activity.name}”?\n\n"
            f"“{kept.activity.name}” is saved with the values chosen on green. "
            f"“{other.activity.name}” is archived, not deleted: you can restore it "
            "from the directory.",
        ):
            return
        self._merging = True
        self._update_buttons()
        self.status.setText("Merging…")
        save = self._merge_pair
        kept_version, other_id, other_version = kept.version, other.activity.id, other.version
        self._db.run(
            lambda: save(merged, kept_version, other_id, other_version),
            lambda _result: self._on_merge_finished(merged, other.activity),
            lambda error: self._on_merge_failed(pair, choices, error),
        )

    def _on_merge_finished(self, kept: Activity, archived: Activity) -> None:
        self._merging = False
        row = self._selected_row()
        self.model.remove_involving(archived.id)
        self.model.replace_activity(kept)
        self._update_summary()
        self._select_near(row)
        self.status.setText(
            f"Merged into “{kept.name}”. “{archived.name}” is archived; restore "
            "it from the directory if this was a mistake."
        )
        self.merged.emit(kept.id, archived.id)

    def _on_merge_failed(
        self, pair: DuplicatePair, choices: dict[str, Any], error: BaseException
    ) -> None:
        self._merging = False
        if isinstance(error, ConflictError):
            self.status.setText("Nothing was merged: one of them changed since you opened it.")
            self._dialogs.error(
                self,
                "One of these activities was changed by someone else "
                "since you opened it, so nothing was merged. The "
                "comparison now shows the latest versions: check your "
                "choices and merge again.",
            )
            self._current = None
            self._pair_generation += 1
            self._load_versions(pair, keep_choices=choices)
        else:
            self.status.setText("Nothing was merged.")
            self._dialogs.error(self, f"The merge could not be saved: {error}")
        self._update_buttons()

    def _on_not_duplicates_button_clicked(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        row = self._selected_row()
        self._set_aside.add(pair.ids)
        self.model.remove_pair(pair.ids)
        self._update_summary()
        self._select_near(row)
        self.status.setText(
            f"Set aside: “{pair.a.name}” and “{pair.b.name}” are different activities."
        )
        self.not_duplicates.emit(*pair.ids)

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def _select_near(self, row: int) -> None:
        """After a pair leaves the list, the next one (or the new last one) is selected."""
        count = self.proxy.rowCount()
        if count:
            self.table.selectRow(min(row, count - 1))
            self.table.setFocus()
        else:
            self.table.clearSelection()
            self._show_no_pair()
