"""Importing a directory file in the app: choose it, see what would change, then import with
a progress bar and a Cancel that leaves everything as it was.

Reading and the dry run run on the database worker; the worker reports progress through a
plain counter the dialog polls, so no widget is touched off the UI thread. After an import
the report (how many were placed on the map, what was guessed, what was not kept) stays in
the dialog until the prescriber closes it. A file that changed after it was checked is not
imported, nor is anything into a directory that changed after the check: the dialog checks
again and says so (see `navigator.services.importing`). A newer check supersedes an older
one (`LatestOnly`): another file or format chosen meanwhile decides.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.formats.reading import FormatError
from navigator.services.directory import ImportReport
from navigator.services.importing import (
    CheckedImport,
    DirectoryChangedError,
    FileChangedError,
    FileImport,
    ImportCancelled,
)
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import LatestOnly, TaskRunner

FORMATS = {
    "auto": "Work it out from the file",
    "navigator": "Navigator directory file (.json)",
    "oruk": "Open Referral UK feed (.json)",
    "hsds-csv": "HSDS CSV data package (a folder)",
    "csv": "Spreadsheet from the template (.csv or .xlsx)",
}
FILE_FILTER = (
    "Directory files (*.json *.csv *.xlsx);;JSON (*.json);;"
    "Spreadsheets (*.csv *.xlsx);;All files (*)"
)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportReport

    def __init__(
        self,
        importer: FileImport,
        db_runner: TaskRunner,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import activities")
        self.resize(720, 520)
        self._importer = importer
        self._db = db_runner
        self._checking = LatestOnly(db_runner)  # only the newest check's answer is used
        self._dialogs = dialogs
        self._path: Path | None = None
        self._checked: CheckedImport | None = None  # what Import acts on, exactly
        self._cancel = threading.Event()
        self._done = [0, 0]  # rows written, rows to write: set by the worker, read by a timer
        self._notice = ""  # said before the next check's answer (e.g. "the file changed")
        self._finished = False  # imported: only Close is left

        self.format = QComboBox()
        self.format.setAccessibleName("File format")
        for value, format_name in FORMATS.items():
            self.format.addItem(format_name, value)
        self.choose = QPushButton("&Choose file…")
        self.choose.setAccessibleName("Choose the file to import")
        self.file_label = QLabel("No file chosen.")
        self.file_label.setWordWrap(True)
        self.summary = QLabel(
            "Choose a file to see what it would change. Nothing is imported until you press Import."
        )
        self.summary.setWordWrap(True)
        # What a file says is shown as text: a name such as "<img src=...>" is not markup.
        for label in (self.file_label, self.summary):
            label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.setVisible(False)
        self.problems_heading = QLabel("Records left out, and things to check:")
        self.problems_heading.setVisible(False)
        self.problems_model = QStringListModel(self)
        self.problems = QListView()
        self.problems.setAccessibleName("Records left out, and things to check")
        self.problems.setModel(self.problems_model)
        self.problems.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._poll = QTimer(self, interval=100)

        form = QFormLayout()
        form.addRow("&Format:", self.format)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose)
        form.addRow("File:", file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.summary)
        layout.addWidget(self.report)
        layout.addSpacing(6)
        layout.addWidget(self.problems_heading)
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)  # takes the room only while there is no list
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.choose.clicked.connect(self._on_choose_clicked)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self._poll.timeout.connect(self._on_poll_timeout)

    # Choosing and checking --------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        if self.format.currentData() == "hsds-csv":
            path = self._dialogs.open_folder(self, "Choose the HSDS CSV folder")
        else:
            path = self._dialogs.open_path(self, "Choose a directory file", FILE_FILTER)
        if path is not None:
            self.check(path)

    def _on_format_changed(self, *_args: object) -> None:
        if self._path is not None:
            self.check(self._path)

    def check(self, path: Path) -> None:
        """Read the file and do a dry run: say what would change, write nothing."""
        self._path, self._checked = Path(path), None
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.summary.setText("Reading the file…")
        self._show_report(None)
        fmt, importer = self.format.currentData(), self._importer
        self._checking.run(
            lambda: importer.check(Path(path), fmt), self._on_checked, self._on_check_failed
        )

    def _on_checked(self, checked: CheckedImport) -> None:
        self._checked = checked
        report = checked.preview
        changes = len(report.added) + len(report.updated)
        text = (
            f"Would add {len(report.added)} and update {len(report.updated)} "
            f"activit{'ies' if len(report.updated) != 1 else 'y'}; "
            f"{len(report.unchanged)} already up to date."
        )
        if report.rejected:
            text += (
                f" {len(report.rejected)} record{'s' * (len(report.rejected) != 1)} "
                "cannot be imported (listed below)."
            )
        if not changes:
            text += " There is nothing new to import."
        self.summary.setText(self._take_notice() + text)
        self._show_report(report)
        self.import_button.setEnabled(changes > 0)
        self.import_button.setFocus()

    def _take_notice(self) -> str:
        notice, self._notice = self._notice, ""
        return f"{notice} " if notice else ""

    def _show_report(self, report: ImportReport | None) -> None:
        """The report's opening lines above the list of records left out and things to
        check; nothing while there is no report."""
        if report is None:
            self.report.clear()
            self.report.setVisible(False)
            self._show_problems([])
            return
        self.report.setText("\n".join(f"\N{BULLET}  {line}" for line in report.holds()))
        self.report.setVisible(True)
        self._show_problems(
            [f"Left out: {p}" for p in report.rejected] + [f"Check: {p}" for p in report.cautions]
        )

    def _show_problems(self, lines: list[str]) -> None:
        self.problems_model.setStringList(lines)
        self.problems_heading.setVisible(bool(lines))
        self.problems.setVisible(bool(lines))

    def _on_check_failed(self, error: BaseException) -> None:
        self._take_notice()
        if isinstance(error, FormatError):
            self.summary.setText(
                f"This file cannot be imported: {error.summary()}. Nothing was changed."
            )
            self._show_problems([str(p) for p in error.problems[:200]])
        else:
            self.summary.setText(f"This file cannot be imported: {error}")

    # Importing --------------------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        checked = self._checked
        if checked is None:
            return
        self._cancel.clear()
        self._done[:] = [0, 1]
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.format.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.summary.setText("Importing… Cancel leaves the directory as it was.")
        self._poll.start()

        def progress(done: int, total: int) -> None:
            self._done[:] = [done, total]

        importer = self._importer
        self._db.run(
            lambda: importer.run(checked, progress=progress, cancelled=self._cancel.is_set),
            self._on_imported,
            self._on_import_failed,
        )

    def _on_poll_timeout(self) -> None:
        done, total = self._done
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _on_imported(self, report: ImportReport) -> None:
        """Done: the report stays until the prescriber closes the dialog."""
        self._poll.stop()
        self.progress.setValue(self.progress.maximum())
        self.progress.setVisible(False)
        self._finished = True
        self.imported.emit(report)
        self.summary.setText(f"Imported. {report.summary.describe()}")
        self._show_report(report)
        self.import_button.setVisible(False)
        self.cancel_button.setText("Close")
        self.cancel_button.setAccessibleName("Close")
        self.cancel_button.setFocus()

    def _on_import_failed(self, error: BaseException) -> None:
        self._poll.stop()
        self.progress.setVisible(False)
        self.choose.setEnabled(True)
        self.format.setEnabled(True)
        if isinstance(error, FileChangedError | DirectoryChangedError) and self._path is not None:
            # What was checked is no longer what the import would do: check again rather
            # than import something the prescriber has not seen.
            changed = (
                "The file changed after it was checked, so nothing was imported."
                if isinstance(error, FileChangedError)
                else str(error)
            )
            self._notice = (
                f"{changed} It has been checked again: look over what it would do now, "
                "then press Import."
            )
            self.check(self._path)
        elif isinstance(error, ImportCancelled):
            self.summary.setText("The import was stopped. Nothing was changed.")
            self.import_button.setEnabled(True)
        else:
            self.summary.setText(f"The import failed and nothing was changed: {error}")

    def _on_cancel_clicked(self) -> None:
        if self._poll.isActive():  # an import is running: stop it, then stay to say so
            self._cancel.set()
        elif self._finished:
            self.accept()  # "Close" after an import
        else:
            self.reject()
