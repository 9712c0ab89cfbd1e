"""'Test connection' as a use case: one sentence on what is there, or StoreError with the
reason; never a traceback, and nothing changed by testing."""

from __future__ import annotations

from pathlib import Path

import pytest

import navigator.services.connection as connection
from navigator.services.connection import (
    ConnectionSettings,
    StoreError,
    has_kept_password,
    save_settings,
    saved_connection,
    try_connection,
)
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.conftest import MemoryKeyring
from tests.ui.conftest import ACTIVITIES

SERVER = ConnectionSettings(
    kind="postgresql", host="db.borough.example", database="navigator", user="prescriber"
)


def test_a_file_not_there_yet_is_said_and_not_made(tmp_path: Path) -> None:
    settings = ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db"))
    assert try_connection(settings) == (
        "There is no file team.db yet; Navigator will start an empty directory."
    )
    assert not (tmp_path / "team.db").exists()


def test_a_directory_file_says_how_many_activities_it_holds(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'team.db'}")
    DirectoryRepository(database).import_activities(ACTIVITIES)
    database.close()
    settings = ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db"))
    assert try_connection(settings).endswith(
        f"a Navigator directory of {len(ACTIVITIES)} activities."
    )


def test_incomplete_settings_say_what_is_missing() -> None:
    with pytest.raises(StoreError, match="Fill in the server, the database and the user name"):
        try_connection(ConnectionSettings(kind="postgresql", host="db.example"))
    with pytest.raises(StoreError, match="Choose the directory file first"):
        try_connection(ConnectionSettings(kind="sqlite"))


def test_a_fault_while_testing_is_still_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(_url: str, _password: str | None = None) -> str:
        raise RuntimeError("driver fell over")

    monkeypatch.setattr(connection, "check_connection", broken)
    settings = ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db"))
    with pytest.raises(StoreError) as said:
        try_connection(settings)
    assert str(said.value) == (
        "The connection could not be tested (RuntimeError: driver fell over)."
    )


def test_a_kept_password_is_known_for_a_server_only(fake_keyring: MemoryKeyring) -> None:
    assert not has_kept_password(SERVER)
    save_settings(SERVER, "correct horse")
    assert has_kept_password(SERVER)
    assert saved_connection() == SERVER
    # A file has no password, and incomplete settings have none kept for them yet.
    assert not has_kept_password(ConnectionSettings(kind="sqlite", path="team.db"))
    assert not has_kept_password(ConnectionSettings(kind="postgresql"))


def test_a_file_is_saved_without_any_password(fake_keyring: MemoryKeyring, tmp_path: Path) -> None:
    settings = ConnectionSettings(kind="sqlite", path=str(tmp_path / "team.db"))
    save_settings(settings, "not for a file")
    assert saved_connection() == settings
    assert fake_keyring.passwords == {}
