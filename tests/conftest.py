"""Shared test set-up: no display, never the user's real data folder or keyring, and the
storage backends.

Tests that take `backend_url` (or `backend_database`) run once on SQLite and once on
PostgreSQL. The PostgreSQL cases need a server: NAVIGATOR_TEST_PG_URL names one whose user
may create databases (`.ci/run` starts a throwaway server and sets it); each test gets a new,
empty database, dropped afterwards. Without it they are skipped, saying so, and the SQLite
cases still run.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before Qt is imported by any test module, and before keyring looks for a backend (a
# child process started by a test inherits these too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring
import keyring.backend
import keyring.errors
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from navigator.store.database import Database, open_database

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_DIRECTORY = ROOT / "data" / "sample_directory.json"
BUNDLED_DB = ROOT / "resources.db"

PG_URL_VARIABLE = "NAVIGATOR_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")
NO_POSTGRESQL = (
    f"no PostgreSQL server for tests: set {PG_URL_VARIABLE} "
    "(bash .ci/run starts one when PostgreSQL is installed)"
)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own data folder and no inherited NAVIGATOR_DB."""
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(tmp_path_factory.mktemp("navigator-data")))
    monkeypatch.delenv("NAVIGATOR_DB", raising=False)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 0.1  # type: ignore[assignment]  # never chosen by keyring on its own

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def fake_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring; the user's own is never touched."""
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(previous)


# Storage backends ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_bare_gui_application() -> Iterator[None]:
    """A test that prints from the command line makes a QGuiApplication if none is running;
    the widget tests later in the same process then abort ("Cannot create a QWidget without
    QApplication"). Such a test must use the `qapp` fixture; this says which one did not."""
    yield
    qtgui = sys.modules.get("PySide6.QtGui")
    if qtgui is None:
        return  # a test without Qt
    from PySide6.QtWidgets import QApplication

    app = qtgui.QGuiApplication.instance()
    assert app is None or isinstance(app, QApplication), (
        "this test left a QGuiApplication running: add pytest.mark.usefixtures('qapp')"
    )


@pytest.fixture(scope="session")
def postgres_server() -> str | None:
    """The URL of the test server (any database on it), or None."""
    return os.environ.get(PG_URL_VARIABLE) or None


@pytest.fixture
def postgres_url(postgres_server: str | None) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test only."""
    if postgres_server is None:
        pytest.skip(NO_POSTGRESQL)
    name = f"navigator_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:  # FORCE: a connection a test left open
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def backend_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty directory database on each backend in turn: an SQLite file that does not
    exist yet, or a new PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'directory.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def backend_database(backend_url: str) -> Iterator[Database]:
    """The directory database on each backend, opened and migrated as the app does."""
    database = open_database(backend_url)
    try:
        yield database
    finally:
        database.close()


_BACKEND_OF: dict[str, str] = {}  # node id: the backend the test runs on


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.store.on_postgresql import BORROWED

    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        if backend is None and "postgres_url" in getattr(item, "fixturenames", ()):
            backend = "postgresql"
        module = getattr(item, "module", None)
        if (
            backend is None
            and module is not None
            and (module.__name__, getattr(item, "originalname", "")) in BORROWED
        ):
            backend = "sqlite"  # the SQLite run of a suite tests/store/on_postgresql repeats
        if backend is not None:
            _BACKEND_OF[item.nodeid] = str(backend)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How the storage tests went on each backend, so a run says plainly whether PostgreSQL
    was tested or skipped."""
    outcomes: dict[str, dict[str, set[str]]] = {name: {} for name in BACKENDS}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            backend = _BACKEND_OF.get(getattr(report, "nodeid", ""))
            if backend is not None:
                outcomes[backend].setdefault(outcome, set()).add(report.nodeid)
    if not any(outcomes.values()):
        return
    terminalreporter.section("storage backends")
    for name, seen in outcomes.items():
        passed, skipped = len(seen.get("passed", ())), len(seen.get("skipped", ()))
        failed = len(seen.get("failed", set()) | seen.get("error", set()))
        reason = f" ({NO_POSTGRESQL})" if name == "postgresql" and skipped and not passed else ""
        terminalreporter.write_line(
            f"tests on {name}: {passed} passed, {failed} failed, {skipped} skipped{reason}"
        )
