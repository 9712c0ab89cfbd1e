"""Likely duplicates in the directory: a list of pairs, each compared side by side and merged
field by field into the left one, or set aside as "not duplicates".

Every action is a use case of `DuplicateReview` (navigator.services.duplicate_review): the
view never opens a database. Loading, merging and setting aside run on the database worker;
the search itself on the computation worker. A newer search, or another pair chosen, drops
the older one's work (`LatestOnly`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
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

from navigator.domain.directory import Status
from navigator.services.duplicate_review import (
    ConflictError,
    DuplicateReview,
    MergedPair,
    SearchInput,
    VersionedActivity,
)
from navigator.services.duplicates import DuplicatePair
from navigator.services.merging import Side, suggested_choices
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import LatestOnly, TaskRunner
from navigator.ui.review.duplicate_comparison import DuplicateComparison
from navigator.ui.review.duplicate_pairs_model import PAIR_ROLE, SORT_ROLE, DuplicatePairsModel

IdPair = tuple[str, str]


class DuplicatesView(QWidget):
    merged = Signal(str, str)  # kept id, archived id
    not_duplicates = Signal(str, str)  # the pair's ids, left first, once stored
    duplicates_found = Signal(int)  # how many likely pairs the latest search found

    def __init__(
        self,
        review: DuplicateReview,
        db_runner: TaskRunner,
        cpu_runner: TaskRunner,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._db = db_runner
        self._cpu = cpu_runner
        self._dialogs = dialogs
        # Said here, this session, whether or not the store has caught up yet.
        self._set_aside: set[IdPair] = set()
        self._searching = LatestOnly(db_runner)  # a newer search drops an older one
        self._reading_pair = LatestOnly(db_runner)  # so does another pair chosen
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
        self.find_button.setEnabled(False)
        self.summary.setText("Looking for likely duplicates…")
        self._searching.run(self._review.load, self._on_directory_loaded, self._on_search_failed)

    def _on_find_button_clicked(self) -> None:
        self.find_duplicates()

    def _on_directory_loaded(self, loaded: SearchInput) -> None:
        candidates, set_aside = self._candidates, frozenset(self._set_aside)
        self._searched = loaded.searched
        self._searching.then(
            lambda: DuplicateReview.find(loaded, candidates=candidates, set_aside=set_aside),
            self._on_search_finished,
            self._on_search_failed,
            runner=self._cpu,
        )

    def _on_search_finished(self, pairs: list[DuplicatePair]) -> None:
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
        self._reading_pair.discard()  # an answer about the pair chosen before is not wanted
        if pair is None:
            self._show_no_pair()
            return
        self.status.setText("")
        self.comparison.set_pair(pair.a, pair.b, suggested_choices(pair.a, pair.b))
        self._update_buttons()
        self._load_versions(pair)

    def _load_versions(
        self, pair: DuplicatePair, *, keep_choices: dict[str, Side] | None = None
    ) -> None:
        """Read both as stored now: the comparison shows them and the merge checks them."""
        review = self._review
        self._reading_pair.run(
            lambda: review.read_pair(pair),
            lambda found: self._on_versions_loaded(pair, *found, keep_choices=keep_choices),
            self._on_versions_failed,
        )

    def _on_versions_loaded(
        self,
        pair: DuplicatePair,
        a: VersionedActivity | None,
        b: VersionedActivity | None,
        *,
        keep_choices: dict[str, Side] | None,
    ) -> None:
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
        pair, kept, other = self._current  # the left one is kept, the right one archived
        choices = self.comparison.choices()
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
        review = self._review
        self._db.run(
            lambda: review.merge(kept, other, choices),
            self._on_merge_finished,
            lambda error: self._on_merge_failed(pair, choices, error),
        )

    def _on_merge_finished(self, merged: MergedPair) -> None:
        kept, archived = merged.kept.activity, merged.archived
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
        self, pair: DuplicatePair, choices: dict[str, Side], error: BaseException
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
        review = self._review
        self._db.run(
            lambda: review.set_aside(*pair.ids),
            lambda _: self.not_duplicates.emit(*pair.ids),
            lambda error: self._dialogs.error(
                self, f"Setting the pair aside could not be saved: {error}"
            ),
        )

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
