"""Choosing where the directory is: saved settings the app and the command use, a password
that only ever goes to the keyring, and the settings dialog with its "Test connection"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import keyring.backends.fail
import pytest
from pytestqt.qtbot import QtBot

from navigator.store.database import (
    KEYRING_SERVICE,
    ConnectionSettings,
    StoreError,
    choose_directory_url,
    data_dir,
    load_connection,
    save_connection,
    stored_password,
)
from navigator.ui.common.settings_dialog import ConnectionSettingsDialog
from navigator.ui.common.tasks import TaskRunner
from tests.conftest import MemoryKeyring
from tests.ui.fakes import FakeDialogs

SERVER = ConnectionSettings(
    kind="postgresql", host="db.borough.example", port=5433, database="navigator", user="prescriber"
)
SERVER_URL = "postgresql+psycopg://prescriber@db.borough.example:5433/navigator"


def test_a_saved_server_is_what_the_app_and_the_command_open(
    fake_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_connection(SERVER, "correct horse")
    assert load_connection() == SERVER
    assert choose_directory_url(None) == SERVER_URL
    assert stored_password(SERVER_URL) == "correct horse"
    assert fake_keyring.passwords == {
        (KEYRING_SERVICE, "prescriber@db.borough.example:5433/navigator"): "correct horse"
    }
    # --db and NAVIGATOR_DB still come first (FORMATS.md §5).
    monkeypatch.setenv("NAVIGATOR_DB", "/tmp/other.db")
    assert choose_directory_url(None) == "sqlite:////tmp/other.db"


def test_the_password_is_in_no_file() -> None:
    save_connection(SERVER, "correct horse")
    for path in data_dir().rglob("*"):
        if path.is_file():
            assert b"correct horse" not in path.read_bytes()
    assert "password" not in json.loads((data_dir() / "connection.json").read_text())


def test_an_empty_password_keeps_the_one_in_the_keyring() -> None:
    save_connection(SERVER, "first")
    save_connection(SERVER, None)
    assert stored_password(SERVER_URL) == "first"


def test_without_a_keyring_the_password_is_refused_not_written_elsewhere() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(StoreError, match="no password keyring Navigator can use"):
        save_connection(SERVER, "correct horse")
    assert load_connection() is None
    assert stored_password(SERVER_URL) is None


def test_a_saved_file_is_opened_too(tmp_path: Path) -> None:
    save_connection(ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db")))
    assert choose_directory_url(None) == f"sqlite:///{tmp_path / 'team.db'}"


def test_incomplete_or_unreadable_settings() -> None:
    with pytest.raises(StoreError, match="Fill in the server, the database and the user name"):
        save_connection(ConnectionSettings(kind="postgresql", host="", user="x"))
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "connection.json").write_text("{not json")
    assert load_connection() is None  # the default directory is used rather than none


# The dialog ------------------------------------------------------------------------------------


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    executor = ThreadPoolExecutor(max_workers=1)
    yield TaskRunner(executor)
    executor.shutdown(wait=True)


def test_test_connection_then_save_a_file(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    dialogs = FakeDialogs()
    dialogs.paths.append(tmp_path / "team.db")
    dialog = ConnectionSettingsDialog(runner, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.browse.click()
    assert dialog.path.text() == str(tmp_path / "team.db")
    with qtbot.waitSignal(dialog.test_finished) as tested:
        dialog.test_button.click()
    assert tested.args == ["There is no file team.db yet; Navigator will start an empty directory."]
    with qtbot.waitSignal(dialog.connection_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args == [ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db"))]
    assert load_connection() == saved.args[0]


def test_a_server_that_does_not_answer_is_said_plainly(
    qtbot: QtBot, runner: TaskRunner, fake_keyring: MemoryKeyring
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = ConnectionSettingsDialog(
        runner,
        FakeDialogs(),
        ConnectionSettings(  # type: ignore[arg-type]
            kind="postgresql", host="127.0.0.1", port=port, database="navigator", user="sam"
        ),
    )
    qtbot.addWidget(dialog)
    assert dialog.server_box.isEnabled() and not dialog.file_box.isEnabled()
    dialog.password.setText("typed")
    with qtbot.waitSignal(dialog.test_finished, timeout=15_000) as tested:
        dialog.test_button.click()
    assert tested.args[0].startswith(f"The database server at 127.0.0.1:{port} cannot be reached;")
    assert dialog.status.text() == tested.args[0]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert stored_password(f"postgresql+psycopg://sam@127.0.0.1:{port}/navigator") == "typed"
    assert fake_keyring.passwords  # and nowhere else (test_the_password_is_in_no_file)


def test_the_dialog_says_when_a_password_is_kept(qtbot: QtBot, runner: TaskRunner) -> None:
    save_connection(SERVER, "kept")
    dialog = ConnectionSettingsDialog(runner, FakeDialogs(), SERVER)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.password.text() == ""
    assert dialog.password.placeholderText() == "Kept in this computer's keyring"
    assert all(
        w.accessibleName()
        for w in (
            dialog.sqlite_choice,
            dialog.server_choice,
            dialog.path,
            dialog.browse,
            dialog.host,
            dialog.port,
            dialog.database,
            dialog.user,
            dialog.password,
            dialog.test_button,
        )
    )
