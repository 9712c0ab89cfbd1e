"""The review tab for social prescribers: what needs checking, most urgent first.

"Mark as checked today" saves through the same version check as the editor, so it never
overwrites someone else's newer change; a refused save says so and the list reloads.

After an import, many entries hold guesses ("Guessed by Navigator"). The list can show those
alone; the panel beside it shows the chosen entry's guesses as controls. Ctrl+Enter confirms
them (with any corrections made there), saves through the same version check, and moves to the
next entry, so a prescriber can work down the list from the keyboard; Ctrl+Z undoes the last.

The queue is worked out on the computation worker, the newest request winning
(review_model.py); rows are all two lines high, so the table never measures its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity
from navigator.domain.people import ActivityFlag, Uptake
from navigator.domain.reports import ProblemReport
from navigator.services.review import (
    DEFAULT_STALE_MONTHS,
    GuessDecision,
    GuessReview,
)
from navigator.services.saving import ConflictError, VersionedActivity
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import LatestOnly, TaskRunner
from navigator.ui.directory.activity_details import ActivityDetails
from navigator.ui.directory.directory_model import ACTIVITY_ROLE
from navigator.ui.review.guess_panel import GuessPanel
from navigator.ui.review.review_model import (
    ROW_LINES,
    ReviewModel,
    ReviewQueue,
    build_queue,
)


class ReviewView(QWidget):
    edit_requested = Signal(str)  # activity id
    checked_today = Signal(str)  # an entry was marked as checked
    guesses_saved = Signal()  # guesses were confirmed, corrected or put back: reload
    queue_shown = Signal()  # a newly worked-out queue is in the table

    def __init__(
        self,
        mark_checked: Callable[[str, dt.date], object],
        db_runner: TaskRunner,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        *,
        cpu_runner: TaskRunner,
        guesses: GuessReview | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        """`db_runner` saves; `cpu_runner` works out the queue (pure computation)."""
        super().__init__(parent)
        self._mark_checked = mark_checked
        self._db = db_runner
        self._queue_requests = LatestOnly(cpu_runner)
        # Run once the next queue is shown: choosing an entry after a save, say.
        self._after_queue: Callable[[], object] | None = None
        self._today = today
        self._guesses = guesses
        self._dialogs = dialogs
        self._undo: list[GuessDecision] = []  # newest last
        self._saving = False  # a confirmation or undo is on its way to the database
        self._activities: list[Activity] = []
        self._flags: list[ActivityFlag] = []
        self._reports: list[ProblemReport] = []
        self._demand: dict[str, int] = {}
        self.stale_months = QSpinBox()
        self.stale_months.setAccessibleName("List entries not checked for more than")
        self.stale_months.setRange(1, 36)
        self.stale_months.setValue(DEFAULT_STALE_MONTHS)
        self.stale_months.setSuffix(" months")
        self.only_guessed = QCheckBox("Only entries &guessed by Navigator")
        self.only_guessed.setAccessibleName("Only entries guessed by Navigator")
        self.only_guessed.setToolTip("After an import: work through Navigator's guesses alone")
        self.model = ReviewModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Activities that need checking")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        # Every row the same height: resizing rows to their contents measured every row's
        # text on the UI thread (seconds at 100,000 activities). One line when every reason
        # fits the column, else ROW_LINES (see _fit_rows).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._why_texts: frozenset[str] | None = frozenset()
        self._longest_names: tuple[str, ...] = ()
        header = self.table.horizontalHeader()
        header.resizeSection(ReviewModel.NAME, 280)
        header.resizeSection(ReviewModel.WHY, 380)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._on_column_resized)
        self._fit_rows()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.checked_button = QPushButton("&Mark as checked today")
        self.checked_button.setAccessibleName("Mark as checked today")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the chosen activity")
        self.undo_button = QPushButton("Undo &last confirmation")
        self.undo_button.setAccessibleName("Undo the last confirmation")
        self.undo_button.setToolTip("Put back the guesses last confirmed or corrected (Ctrl+Z)")
        self.last_saved = QLabel()
        self.last_saved.setWordWrap(True)
        self.details = ActivityDetails()
        self.guess_panel = GuessPanel()
        period = QHBoxLayout()
        period.addWidget(QLabel("List entries not checked for more than"))
        period.addWidget(self.stale_months)
        period.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.checked_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(period)
        left.addWidget(self.only_guessed)  # a row of its own: the tab fits 1280 at large fonts
        left.addWidget(self.summary)
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        left.addWidget(self.last_saved)
        right = QVBoxLayout()
        right.addWidget(self.guess_panel)
        right.addWidget(self.details, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        # Anywhere in the tab: Ctrl+Enter confirms the chosen entry's guesses, Ctrl+Z undoes.
        self._shortcuts = [
            QShortcut(QKeySequence(key), self)
            for key in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Undo)
        ]
        for shortcut in self._shortcuts:
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._connect_signals()
        self.only_guessed.setVisible(guesses is not None)
        self.undo_button.setVisible(guesses is not None)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.checked_button.clicked.connect(self._on_checked_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.undo_button.clicked.connect(self.undo_last)
        self.stale_months.valueChanged.connect(self._refresh)
        self.only_guessed.toggled.connect(self._refresh)
        self.guess_panel.confirm_requested.connect(self.confirm_guesses)
        self.guess_panel.corrections_requested.connect(self._on_guess_panel_corrections_requested)
        confirm, confirm_keypad, undo = self._shortcuts
        confirm.activated.connect(self.confirm_guesses)
        confirm_keypad.activated.connect(self.confirm_guesses)
        undo.activated.connect(self.undo_last)

    def set_directory(self, activities: Sequence[Activity]) -> None:
        self._activities = list(activities)
        self._refresh()

    def set_flags(self, flags: Sequence[ActivityFlag]) -> None:
        self._flags = list(flags)
        self.details.set_flags({f.activity_id: [f] for f in flags})
        self._refresh()

    def set_uptake(self, uptake: Sequence[Uptake]) -> None:
        """Follow-ups per activity: busier entries come first; the details say how they went."""
        self._demand = {u.activity_id: u.planned for u in uptake}
        self.details.set_uptake(uptake)
        self._refresh()

    def set_reports(self, reports: Sequence[ProblemReport]) -> None:
        self._reports = list(reports)
        self._refresh()

    def _refresh(self, *_args: object, then: Callable[[], object] | None = None) -> None:
        """Work the queue out again on the computation worker; `then` runs once it is shown.
        A newer request supersedes this one (its `then` still runs, after the newer queue)."""
        if then is not None:
            self._after_queue = then
        work = partial(
            build_queue,
            self._activities,
            list(self._flags),
            self._today(),
            reports=list(self._reports),
            stale_months=self.stale_months.value(),
            demand=dict(self._demand),
            only_guessed=self.only_guessed.isChecked(),
        )
        if not self.model.rowCount():
            self.summary.setText("Working out what needs checking…")
        self._queue_requests.run(work, self._on_queue_built, self._on_queue_failed)

    def _on_queue_built(self, queue: ReviewQueue) -> None:
        current = self._current()
        self.model.set_queue(queue)
        self._why_texts, self._longest_names = queue.why_texts, queue.longest_names
        self._fit_rows()
        self.summary.setText(queue.summary)
        if current is not None:
            self._select(current.id)
        after, self._after_queue = self._after_queue, None
        if after is not None:
            after()
        self._update_buttons()
        self.queue_shown.emit()

    def _fit_rows(self) -> None:
        """Rows one line high when the queue's names and reasons fit their columns on one
        line (a worker then sees twice as many), else ROW_LINES. Only the distinct reasons
        and the longest names are measured, so a large queue costs no more than a small one."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()

        def fit(texts: Iterable[str], column: int) -> bool:
            room = header.sectionSize(column) - 12  # the cell's margins
            return all(metrics.horizontalAdvance(text) <= room for text in texts)

        reasons = self._why_texts
        fits = (
            reasons is not None
            and fit(reasons, ReviewModel.WHY)
            and fit(self._longest_names, ReviewModel.NAME)
        )
        lines = 1 if fits else ROW_LINES
        self.table.verticalHeader().setDefaultSectionSize(lines * metrics.lineSpacing() + 8)

    def _on_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (ReviewModel.NAME, ReviewModel.WHY):
            self._fit_rows()

    def _on_queue_failed(self, error: BaseException) -> None:
        self._after_queue = None
        self.summary.setText(f"The list could not be worked out: {error}")

    def _select(self, activity_id: str) -> bool:
        row = self.model.row_of(activity_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _current(self) -> Activity | None:
        index = self.table.currentIndex()
        return index.data(ACTIVITY_ROLE) if index.isValid() else None

    def _on_table_row_changed(self, *_args: object) -> None:
        current = self._current()
        self.details.show_activity(current)
        # A reload that brings the same entry back keeps any correction being made.
        if current is None or current != self.guess_panel.activity:
            self.guess_panel.show_activity(current if self._guesses is not None else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._current() is not None
        self.checked_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen)
        self.undo_button.setEnabled(bool(self._undo) and not self._saving)
        self.guess_panel.set_busy(self._saving)

    def _on_checked_button_clicked(self) -> None:
        activity = self._current()
        if activity is None:
            return
        today = self._today()
        self._db.run(
            lambda: self._mark_checked(activity.id, today),
            lambda _: self.checked_today.emit(activity.id),
            lambda error: self.summary.setText(f"Not saved: {error}"),
        )

    def _on_edit_button_clicked(self) -> None:
        activity = self._current()
        if activity is not None:
            self.edit_requested.emit(activity.id)

    # Guessed by Navigator ---------------------------------------------------------------------

    def confirm_guesses(self) -> None:
        """Confirm every guess of the chosen entry, with the corrections made in the panel,
        then move on to the next entry."""
        self._settle(confirm_all=True)

    def _on_guess_panel_corrections_requested(self) -> None:
        self._settle(confirm_all=False)

    def _settle(self, *, confirm_all: bool) -> None:
        seen, guesses = self.guess_panel.activity, self._guesses
        if seen is None or guesses is None or self._saving:
            return
        corrections = self.guess_panel.corrections()
        if not confirm_all and not corrections:
            return
        fields = seen.guessed if confirm_all else ()
        following = self._id_after(seen.id)
        self._set_saving(True)
        self._db.run(
            lambda: guesses.settle(seen, fields, corrections),
            lambda decision: self._on_settled(decision, following),
            lambda error: self._on_save_failed(seen, error, "Not saved"),
        )

    def _on_settled(self, decision: GuessDecision, following: str | None) -> None:
        self._set_saving(False)
        self._undo.append(decision)
        row = self.table.currentIndex().row()
        after = decision.after
        if after.guessed:  # corrections only: stay to look at the rest
            self._put_local(after, then=lambda: self._select(after.id))
        else:
            self._put_local(after, then=lambda: self._select_next(following, row))
        self.last_saved.setText(f"{decision.describe()} Ctrl+Z undoes it.")
        self.table.setFocus()
        self.guesses_saved.emit()

    def undo_last(self) -> None:
        """Put back the entry as it was before the last confirmation or correction."""
        if not self._undo or self._guesses is None or self._saving:
            return
        decision, guesses = self._undo.pop(), self._guesses
        self._set_saving(True)
        self._db.run(
            lambda: guesses.undo(decision),
            self._on_undone,
            lambda error: self._on_save_failed(decision.before, error, "Not undone"),
        )

    def _on_undone(self, restored: VersionedActivity) -> None:
        self._set_saving(False)
        self._put_local(restored.activity, then=lambda: self._select(restored.activity.id))
        self.last_saved.setText(f"Undone: {restored.activity.name} has its guesses back.")
        self.table.setFocus()
        self.guesses_saved.emit()

    def _on_save_failed(self, seen: Activity, error: BaseException, what: str) -> None:
        self._set_saving(False)
        if isinstance(error, ConflictError):
            text = (
                f"{what}: someone else changed “{seen.name}” since this list was loaded. "
                "Their version is shown now; check the guesses again."
            )
            guesses = self._guesses
            if guesses is not None:  # show their version, never overwrite it
                self._db.run(
                    lambda: guesses.latest(seen.id),
                    lambda found: self._on_latest_loaded(seen.id, found),
                    lambda _error: None,
                )  # the directory reload will show it
            self.guesses_saved.emit()
        else:
            text = f"{what}: {error}"
        self.guess_panel.show_message(text)
        self.last_saved.setText(text)
        if self._dialogs is not None:
            self._dialogs.error(self, text)

    def _on_latest_loaded(self, activity_id: str, found: VersionedActivity | None) -> None:
        if found is None:  # removed meanwhile
            self._activities = [a for a in self._activities if a.id != activity_id]
            self._refresh()
            return
        message = self.guess_panel.message.text()

        def keep_message() -> None:  # the panel now shows their version, with why
            if current_id(self._current()) == activity_id:
                self.guess_panel.show_message(message)

        self._put_local(found.activity, then=keep_message)

    def _put_local(self, activity: Activity, then: Callable[[], object] | None = None) -> None:
        """The saved version in the list, before the directory reloads."""
        self._activities = [activity if a.id == activity.id else a for a in self._activities]
        self._refresh(then=then)

    def _id_after(self, activity_id: str) -> str | None:
        row = self.model.row_of(activity_id)
        if row is None or row + 1 >= self.model.rowCount():
            return None
        return self.model.item_at(row + 1).activity.id

    def _select_next(self, following: str | None, row: int) -> None:
        if following is not None and self._select(following):
            return
        if self.model.rowCount():
            self.table.selectRow(max(0, min(row, self.model.rowCount() - 1)))

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self._update_buttons()


def current_id(activity: Activity | None) -> str | None:
    return activity.id if activity is not None else None
