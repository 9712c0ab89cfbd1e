"""The composition root of the desktop app: builds the store, workers and window, once."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtWidgets import QApplication, QMessageBox

from navigator.store.database import StoreError, choose_directory_url, open_database, sqlite_path
from navigator.store.repository import DirectoryRepository
from navigator.ui.main_window import MainWindow
from navigator.ui.tasks import TaskRunner


def build_main_window(db: str | None = None) -> MainWindow:
    """The ready main window on database `db` (a path or URL), without starting the event
    loop. Raises StoreError, with a sentence for the user, when the database cannot be used."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    url = choose_directory_url(db)
    database = open_database(url)
    repository = DirectoryRepository(database)
    # All database work goes through one worker; pure computation (search, ranking) another.
    db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-db")
    cpu_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator-cpu")

    def shut_down() -> None:
        db_executor.shutdown(wait=False, cancel_futures=True)
        cpu_executor.shutdown(wait=False, cancel_futures=True)

    path = sqlite_path(url)
    window = MainWindow(
        load_directory=repository.all_activities,
        db_runner=TaskRunner(db_executor),
        cpu_runner=TaskRunner(cpu_executor),
        database_label=str(path) if path else url.split("@")[-1],
        on_closed=shut_down,
    )
    return window


def main(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Navigator")
    try:
        window = build_main_window(db)
    except StoreError as error:
        QMessageBox.critical(None, "Navigator", str(error))
        return 1
    window.show()
    return app.exec()
