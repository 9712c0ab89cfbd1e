"""Directory → Feeds: the council feeds the directory follows (issue 15).

Lists each feed (name, address, last synced, whether it is due), adds one (address and an
optional name), removes one (after asking), and syncs the chosen feeds one after another.
A sync reads the feed and plans its changes on the database worker, with a progress bar and
Cancel; the worker reports progress through a plain counter the dialog polls (as the import
dialog does), so no widget is touched off the UI thread. Changes wait for the review
(`feed_review.FeedReviewDialog`); nothing applies until the prescriber accepts. A sync that
fails or is cancelled says why in one line and changes nothing. The period after which the
app offers to sync at start is set here too.

Over 400 lines because the list, adding, removing and syncing share one table, one queue of
syncs and one status line; the review is its own module (`feed_review.py`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navigator.services.feed_changes import ApplyReport
from navigator.services.feed_settings import (
    MAX_OFFER_DAYS,
    MIN_OFFER_DAYS,
    is_due,
    load_offer_days,
    save_offer_days,
)
from navigator.services.feed_subscriptions import FeedSubscription
from navigator.services.feed_updates import FeedUpdates
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.table_model import RowTableModel
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.feed_review import FeedReviewDialog, applied_words

if TYPE_CHECKING:  # httpx, under the sync, is imported at the first sync, not at start
    from navigator.services.feed_sync import SyncOutcome

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class FeedActions:
    """What the Feeds dialog and the start-up offer need, built by the composition root."""

    updates: FeedUpdates
    load_days: Callable[[], int] = load_offer_days
    save_days: Callable[[int], None] = save_offer_days
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FeedRow:
    feed: FeedSubscription
    due: bool


class FeedTableModel(RowTableModel[FeedRow]):
    NAME, ADDRESS, SYNCED, DUE = range(4)
    HEADERS = ("Name", "Address", "Last synced (UTC)", "Due")

    def cell(self, row: FeedRow, column: int, role: int) -> Any:
        feed = row.feed
        if role == ROW_ROLE:
            return row
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.NAME:
            return feed.name
        if column == self.ADDRESS:
            return feed.url
        if column == self.SYNCED:
            return f"{feed.last_synced:%d %b %Y %H:%M}" if feed.last_synced else "never"
        return "due" if row.due else ""


class FeedsDialog(QDialog):
    applied = Signal(object)  # ApplyReport, after a review's changes were applied

    def __init__(
        self,
        actions: FeedActions,
        db_runner: TaskRunner,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Council feeds")
        self.resize(900, 520)
        self._actions = actions
        self._db = db_runner
        self._dialogs = dialogs
        self._days = actions.load_days()
        self._queue: list[str] = []  # feeds still to sync in this run
        self._syncing: str | None = None
        self._cancel = threading.Event()
        self._done = [0, 0]  # requests made, requests in all (0: not known): set by the worker
        self._lines: list[str] = []  # what this run of syncs said, a line per feed
        self.review: FeedReviewDialog | None = None

        self.model = FeedTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Feeds")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FeedTableModel.ADDRESS, QHeaderView.ResizeMode.Stretch)
        for column in (FeedTableModel.NAME, FeedTableModel.SYNCED, FeedTableModel.DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.url = QLineEdit()
        self.url.setAccessibleName("Feed address")
        self.url.setPlaceholderText("https://… the council's Open Referral address")
        self.name = QLineEdit()
        self.name.setAccessibleName("Feed name (optional)")
        self.name.setPlaceholderText("from the address if left empty")
        self.add_button = QPushButton("&Add feed")
        self.sync_button = QPushButton("&Sync now")
        self.sync_button.setAccessibleName("Sync the chosen feeds now (all when none is chosen)")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setAccessibleName("Remove the chosen feed")
        self.days = QSpinBox()
        self.days.setRange(MIN_OFFER_DAYS, MAX_OFFER_DAYS)
        self.days.setSuffix(" days")
        self.days.setValue(self._days)
        self.days.setAccessibleName("Offer to sync at start after this many days")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Sync progress")
        self.progress.setFormat("%v of %m requests")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("&Cancel sync")
        self.cancel_button.setVisible(False)
        self.status = QLabel(
            "Sync now reads the chosen feeds (all of them when none is chosen); you see every "
            "change before it applies."
        )
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a server's words are not markup
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton("C&lose")
        self._poll = QTimer(self, interval=100)
        # Enter in the address or name adds the feed (returnPressed); no button is pressed
        # by Enter as well, so a feed is never added twice.
        for button in (
            self.add_button,
            self.sync_button,
            self.remove_button,
            self.cancel_button,
            self.close_button,
        ):
            button.setAutoDefault(False)

        add_row = QGridLayout()
        url_label = QLabel("Feed a&ddress:")
        url_label.setBuddy(self.url)
        name_label = QLabel("&Name (optional):")
        name_label.setBuddy(self.name)
        add_row.addWidget(url_label, 0, 0)
        add_row.addWidget(self.url, 0, 1)
        add_row.addWidget(name_label, 0, 2)
        add_row.addWidget(self.name, 0, 3)
        add_row.addWidget(self.add_button, 0, 4)
        add_row.setColumnStretch(1, 3)
        add_row.setColumnStretch(3, 1)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.sync_button)
        actions_row.addWidget(self.remove_button)
        actions_row.addStretch(1)
        days_label = QLabel("&Offer to sync at start when not synced for")
        days_label.setBuddy(self.days)
        actions_row.addWidget(days_label)
        actions_row.addWidget(self.days)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(actions_row)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self._connect_signals()
        self._set_busy(False)
        self.refresh()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.url.returnPressed.connect(self._on_add_button_clicked)
        self.name.returnPressed.connect(self._on_add_button_clicked)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.days.valueChanged.connect(self._on_days_value_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._poll.timeout.connect(self._on_poll_timeout)

    # The list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._db.run(self._actions.updates.list, self._on_feeds_listed, self._say_failure)

    def _on_feeds_listed(self, feeds: list[FeedSubscription]) -> None:
        chosen = set(self.chosen())
        now = self._actions.now()
        self.model.set_rows([FeedRow(f, is_due(f, self._days, now)) for f in feeds])
        self.table.sortByColumn(FeedTableModel.NAME, Qt.SortOrder.AscendingOrder)
        selection = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).feed.name in chosen or len(feeds) == 1:
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self._update_buttons()

    def chosen(self) -> list[str]:
        """The names of the feeds selected in the table, top to bottom."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(ROW_ROLE).feed.name for index in rows]

    def _to_sync(self) -> list[str]:
        """The chosen feeds, or every feed when none is chosen."""
        every = [
            self.proxy.index(r, 0).data(ROW_ROLE).feed.name for r in range(self.proxy.rowCount())
        ]
        return self.chosen() or every

    def _update_buttons(self) -> None:
        idle = self._syncing is None
        self.sync_button.setEnabled(idle and self.model.rowCount() > 0)
        self.remove_button.setEnabled(idle and len(self.chosen()) == 1)

    def _set_busy(self, busy: bool) -> None:
        for control in (self.add_button, self.url, self.name):
            control.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _say_failure(self, error: BaseException) -> None:
        self._say(str(error) or type(error).__name__)

    # Adding and removing ----------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        if self._syncing is not None:
            return
        url, name = self.url.text(), self.name.text().strip() or None
        updates = self._actions.updates
        self.add_button.setEnabled(False)

        def added(feed: FeedSubscription) -> None:
            self.add_button.setEnabled(True)
            self.url.clear()
            self.name.clear()
            self._say(f"Added the feed {feed.name}. Choose it and press Sync now to read it.")
            self.refresh()

        def refused(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            self._say_failure(error)

        self._db.run(lambda: updates.add(url, name), added, refused)

    def _on_remove_button_clicked(self) -> None:
        names = self.chosen()
        if len(names) != 1:
            return
        name = names[0]
        if not self._dialogs.confirm(
            self,
            f"Stop following the feed {name}? Its activities stay in the directory, "
            "and nothing is deleted.",
        ):
            return
        updates = self._actions.updates

        def removed(_: None) -> None:
            self._say(f"Removed the feed {name}; its activities stay in the directory.")
            self.refresh()

        self._db.run(lambda: updates.remove(name), removed, self._say_failure)

    def _on_days_value_changed(self, days: int) -> None:
        try:
            self._actions.save_days(days)
        except Exception as error:  # one line for the prescriber, never a traceback
            self._say(str(error))
            return
        self._days = days
        now = self._actions.now()
        self.model.set_rows([FeedRow(r.feed, is_due(r.feed, days, now)) for r in self.model.rows()])

    # Syncing ----------------------------------------------------------------------------------

    def sync(self, names: Sequence[str]) -> None:
        """Sync these feeds one after another, each reviewed before anything applies."""
        if self._syncing is not None or not names:
            return
        self._queue = list(names)
        self._lines = []
        self._cancel.clear()
        self._sync_next()

    def _on_sync_button_clicked(self) -> None:
        self.sync(self._to_sync())

    def _sync_next(self) -> None:
        if not self._queue or self._cancel.is_set():
            self._queue = []
            self._syncing = None
            self._poll.stop()
            self._set_busy(False)
            self.refresh()
            return
        name = self._syncing = self._queue.pop(0)
        self._done[:] = [0, 0]
        self.progress.setRange(0, 0)  # busy until the feed says how many pages it has
        self._set_busy(True)
        self._show(f"Syncing {name}…")
        self._poll.start()
        updates, cancel, done = self._actions.updates, self._cancel, self._done

        def progress(count: int, total: int | None) -> None:  # on the worker: no widgets
            done[:] = [count, total or 0]

        self._db.run(
            lambda: updates.review(name, progress=progress, cancel=cancel.is_set),
            self._on_feed_reviewed,
            self._on_sync_failed,
        )

    def _on_poll_timeout(self) -> None:
        count, total = self._done
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(count, total))

    def _on_cancel_button_clicked(self) -> None:
        self._cancel.set()
        self._queue = []
        self.cancel_button.setEnabled(False)
        self._show(f"Stopping {self._syncing}…")

    def _on_feed_reviewed(self, outcome: SyncOutcome) -> None:
        self._poll.stop()
        if self._cancel.is_set():  # stopped after the plan was made: nothing was applied
            self._finish_feed(f"{outcome.feed}: stopped; nothing was changed.")
            return
        if not outcome.pending:
            line = outcome.headline()
            if outcome.applied is not None:
                line += " The feed's values were noted; nothing to review."
            self._finish_feed(line)
            return
        updates = self._actions.updates
        self.review = FeedReviewDialog(
            outcome,
            lambda accepted, wins: updates.apply(outcome, accepted, wins),
            self._db,
            self,
        )
        self.review.applied.connect(self._on_review_applied)
        self.review.rejected.connect(
            lambda: self._finish_feed(f"{outcome.feed}: nothing was applied.")
        )
        self.review.open()

    def _on_review_applied(self, report: ApplyReport) -> None:
        self.applied.emit(report)
        self._finish_feed(f"{self._syncing}: {applied_words(report)}")

    def _on_sync_failed(self, error: BaseException) -> None:
        self._poll.stop()
        from navigator.services.feed_fetch import FetchCancelled

        reason = (str(error) or type(error).__name__).rstrip()
        if not isinstance(error, FetchCancelled):  # that one says so itself
            reason = reason.rstrip(".") + ". Nothing was changed."
        self._finish_feed(f"{self._syncing}: {reason}")

    def _finish_feed(self, line: str) -> None:
        self._lines.append(line)
        self._show()
        self._syncing = None
        self.cancel_button.setEnabled(True)
        self._sync_next()

    def _show(self, current: str | None = None) -> None:
        """The lines this run has said so far, and what is happening now."""
        lines = self._lines[-6:] + ([current] if current else [])
        self._say("\n".join(lines))

    def done(self, result: int) -> None:
        # Closing stops a sync that is under way; what it read is not applied.
        self._cancel.set()
        self._queue = []
        self._poll.stop()
        super().done(result)
