"""Putting the directory back as it was in a backup (File menu): list the backups on the
database worker, let the person choose one and confirm, then restore it there.

The composition root says how to list and restore the backups (`StorageActions`); the main
window starts this and hears `restored` to reload the directory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from navigator.services.backups import Backup
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.settings_dialog import ConnectionSettingsDialog
from navigator.ui.common.tasks import TaskRunner


@dataclass(frozen=True)
class StorageActions:
    """What the File menu can do to the database itself."""

    settings_dialog: Callable[[QWidget], ConnectionSettingsDialog]
    # None when the directory is not an SQLite file (a server keeps its own backups).
    list_backups: Callable[[], list[Backup]] | None
    restore: Callable[[Backup], object]


class BackupRestorer(QObject):
    """`start()` asks which backup, and `restored(description)` once it is back."""

    restored = Signal(str)

    def __init__(
        self, storage: StorageActions, db_runner: TaskRunner, dialogs: Dialogs, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._storage = storage
        self._db_runner = db_runner
        self._dialogs = dialogs
        self._parent = parent

    def available(self) -> bool:
        return self._storage.list_backups is not None

    def start(self) -> None:
        list_backups = self._storage.list_backups
        if list_backups is None:
            return
        self._db_runner.run(list_backups, self._on_backups_listed, self._on_failed)

    def _on_backups_listed(self, backups: list[Backup]) -> None:
        parent = self._parent
        if not backups:
            self._dialogs.info(parent, "There are no backups of this directory yet.")
            return
        chosen = self._dialogs.choose_item(
            parent, "Restore from a backup", "Backup:", [b.describe() for b in backups]
        )
        if chosen is None or not self._dialogs.confirm(
            parent,
            f"Put the directory back as it was on {backups[chosen].describe()}? "
            "Changes since then are lost (the directory as it is now is kept as a "
            "backup too).",
        ):
            return
        backup = backups[chosen]
        self._db_runner.run(
            lambda: self._storage.restore(backup),
            lambda _: self.restored.emit(backup.describe()),
            self._on_failed,
        )

    def _on_failed(self, error: BaseException) -> None:
        self._dialogs.error(self._parent, str(error))
