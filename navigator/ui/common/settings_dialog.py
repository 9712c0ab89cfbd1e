"""Connection settings: where the directory is, an SQLite file on this computer or a database
on the organisation's PostgreSQL server, with a "Test connection" button.

The password goes to the system keyring (`navigator.services.connection.save_settings`), never
to a file; the field stays empty when one is already kept there, and leaving it empty keeps
it. Testing runs on the database worker, so a server that does not answer never freezes the
window. The dialog is shown with `open()` and says `connection_saved(ConnectionSettings)`
when the person saves; the app then opens the directory there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navigator.services.connection import (
    ConnectionSettings,
    StoreError,
    has_kept_password,
    save_settings,
    try_connection,
)
from navigator.ui.common.dialogs import Dialogs
from navigator.ui.common.tasks import TaskRunner

FILE_FILTER = "Navigator directory (*.db);;All files (*)"


class ConnectionSettingsDialog(QDialog):
    connection_saved = Signal(object)  # the ConnectionSettings that were saved
    test_finished = Signal(str)  # what "Test connection" found, as shown

    def __init__(
        self,
        runner: TaskRunner,
        dialogs: Dialogs,
        current: ConnectionSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where the directory is")
        self._runner = runner
        self._dialogs = dialogs
        self._testing = 0  # the newest test; older answers are dropped
        current = current or ConnectionSettings()

        self.sqlite_choice = QRadioButton("A file on this computer")
        self.sqlite_choice.setAccessibleName("Use a directory file on this computer")
        self.server_choice = QRadioButton("A shared database server (PostgreSQL)")
        self.server_choice.setAccessibleName("Use a shared PostgreSQL database server")
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.sqlite_choice)
        self._kinds.addButton(self.server_choice)

        self.path = QLineEdit(current.path)
        self.path.setAccessibleName("Directory file")
        self.browse = QPushButton("&Choose…")
        self.browse.setAccessibleName("Choose the directory file")
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.file_box = QWidget()
        file_form = QFormLayout(self.file_box)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        file_form.addRow(file_label, file_row)

        self.host = QLineEdit(current.host)
        self.host.setAccessibleName("Server name or address")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port)
        self.port.setAccessibleName("Server port")
        self.database = QLineEdit(current.database)
        self.database.setAccessibleName("Database name")
        self.user = QLineEdit(current.user)
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.server_box = QWidget()
        server_form = QFormLayout(self.server_box)
        for label, widget in (
            ("&Server:", self.host),
            ("P&ort:", self.port),
            ("&Database:", self.database),
            ("&User:", self.user),
            ("&Password:", self.password),
        ):
            server_form.addRow(label, widget)

        self.test_button = QPushButton("&Test connection")
        self.test_button.setAccessibleName("Test connection")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Connection test result")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.sqlite_choice)
        layout.addWidget(self.file_box)
        layout.addWidget(self.server_choice)
        layout.addWidget(self.server_box)
        layout.addWidget(self.test_button)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        (self.server_choice if current.kind == "postgresql" else self.sqlite_choice).setChecked(
            True
        )
        self._connect_signals()
        self._on_kind_toggled()
        self._show_password_state()

    def _connect_signals(self) -> None:
        self.sqlite_choice.toggled.connect(self._on_kind_toggled)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        for field in (self.host, self.database, self.user):
            field.editingFinished.connect(self._show_password_state)

    def settings(self) -> ConnectionSettings:
        """What the form says now (not yet checked or saved)."""
        if self.sqlite_choice.isChecked():
            return ConnectionSettings(kind="sqlite", path=self.path.text().strip())
        return ConnectionSettings(
            kind="postgresql",
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def _typed_password(self) -> str | None:
        return self.password.text() or None  # empty: the keyring's, if it has one

    def _show_password_state(self) -> None:
        kept = self.server_choice.isChecked() and has_kept_password(self.settings())
        self.password.setPlaceholderText("Kept in this computer's keyring" if kept else "")

    def _on_kind_toggled(self) -> None:
        self.file_box.setEnabled(self.sqlite_choice.isChecked())
        self.server_box.setEnabled(self.server_choice.isChecked())
        self.status.clear()

    def _on_browse_clicked(self) -> None:
        chosen = self._dialogs.save_path(
            self, "Choose the directory file", self.path.text() or "directory.db", FILE_FILTER
        )
        if chosen is not None:
            self.path.setText(str(Path(chosen)))

    def _on_test_clicked(self) -> None:
        settings = self.settings()
        try:
            settings.url()  # incomplete settings are said at once, without the worker
        except StoreError as error:
            self._show_result(str(error))
            return
        password = self._typed_password()
        self._testing += 1
        testing = self._testing
        self.status.setText("Testing…")
        self.test_button.setEnabled(False)

        def done(text: str) -> None:
            if testing == self._testing:
                self.test_button.setEnabled(True)
                self._show_result(text)

        self._runner.run(
            lambda: try_connection(settings, password), done, lambda error: done(_sentence(error))
        )

    def _show_result(self, text: str) -> None:
        self.status.setText(text)
        self.test_finished.emit(text)

    def _on_save_clicked(self) -> None:
        settings = self.settings()
        try:
            save_settings(settings, self._typed_password())
        except StoreError as error:
            self._show_result(str(error))
            return
        self.connection_saved.emit(settings)
        self.accept()


def _sentence(error: BaseException) -> str:
    if isinstance(error, StoreError):
        return str(error)
    return f"The connection could not be tested ({type(error).__name__}: {error})."
