"""The start-up offer to sync council feeds not synced for a while (issue 15, item 4).

A bar at the top of the main window, never a modal question and never a background sync:
"2 council feeds not synced for 14 days or more: … [Sync now] [Not now]". *Sync now* asks
the window to open the Feeds dialog on those feeds; *Not now* hides the bar until the next
start, when it asks again (nothing is remembered about the refusal).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QWidget

from navigator.services.feed_subscriptions import FeedSubscription
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.feeds_dialog import FeedActions

MAX_NAMES_SHOWN = 3


class FeedOfferBar(QToolBar):
    sync_requested = Signal(list)  # the names of the feeds to sync
    checked = Signal(int)  # how many feeds are due, once looked for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Council feeds to sync", parent)
        self.setObjectName("feed_offer")
        self.setMovable(False)
        self.setFloatable(False)
        self.setAccessibleName("Council feeds to sync")
        self._names: list[str] = []
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        # No Alt letters: the bar shows over every tab, whose own letters it must not take.
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setAccessibleName("Sync the council feeds now")
        self.later_button = QPushButton("Not now")
        self.later_button.setAccessibleName("Not now: ask again next time")
        self.addWidget(self.message)
        self.addWidget(self.sync_button)
        self.addWidget(self.later_button)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.later_button.clicked.connect(self.hide)
        self.hide()

    def check(self, actions: FeedActions, db_runner: TaskRunner) -> None:
        """Look for feeds due (on the database worker) and offer them if there are any. A
        failure to look is not worth a message at start: the Feeds dialog will say it."""
        updates, load_days = actions.updates, actions.load_days

        def due() -> tuple[int, list[FeedSubscription]]:
            days = load_days()
            return days, updates.due(days)

        db_runner.run(due, lambda found: self.offer(*found), lambda _error: None)

    def offer(self, days: int, feeds: list[FeedSubscription]) -> None:
        self._names = [feed.name for feed in feeds]
        if not feeds:
            self.hide()
            self.checked.emit(0)
            return
        shown = ", ".join(self._names[:MAX_NAMES_SHOWN])
        if len(self._names) > MAX_NAMES_SHOWN:
            shown += f" and {len(self._names) - MAX_NAMES_SHOWN} more"
        count = len(feeds)
        what = "1 council feed" if count == 1 else f"{count} council feeds"
        self.message.setText(
            f"{what} not synced for {days} days or more ({shown}). Sync now? "
            "You will see every change before it applies. "
        )
        self.show()
        self.checked.emit(len(feeds))

    def names(self) -> list[str]:
        return list(self._names)

    def _on_sync_button_clicked(self) -> None:
        self.hide()
        self.sync_requested.emit(list(self._names))
