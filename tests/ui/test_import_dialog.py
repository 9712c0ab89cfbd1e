"""The import dialog shows the report a prescriber acts on, keeps it after the import until
they close it, and imports exactly what was checked: never a file, nor into a directory, that
changed after the check."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from navigator.services.directory import DirectoryService
from navigator.services.importing import FileImport
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.import_dialog import ImportDialog
from tests.ui.fakes import FakeDialogs

AREAS = PostcodeAreas.from_centres([("N7", 51.553, -0.118, 900), ("N7 6", 51.5588, -0.1177, 143)])


@pytest.fixture
def service(tmp_path: Path) -> Iterator[DirectoryService]:
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    yield DirectoryService(DirectoryRepository(database), areas=AREAS)
    database.close()


@pytest.fixture
def dialog(qtbot: QtBot, service: DirectoryService) -> Iterator[ImportDialog]:
    executor = ThreadPoolExecutor(max_workers=1)
    dialogs = FakeDialogs()
    dialog = ImportDialog(FileImport(service), TaskRunner(executor), dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    yield dialog
    executor.shutdown(wait=True)


def feed(path: Path, names: list[str]) -> Path:
    """A council-style feed: the first service has only a postcode, the rest no place."""
    services: list[dict[str, object]] = [
        {"id": n, "name": name} for n, name in enumerate(names, start=1)
    ]
    services[0]["locations"] = [
        {"name": "Riverside Green", "postal_code": "N7 6ZZ"},
        {"name": "Annexe", "postal_code": "somewhere"},
    ]
    path.write_text(
        json.dumps({"content": services, "totalPages": 1, "number": 0, "last": True}),
        encoding="utf-8",
    )
    return path


def report_lines(dialog: ImportDialog) -> list[str]:
    return [line.removeprefix("\N{BULLET}  ") for line in dialog.report.text().splitlines()]


def check(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    dialog.check(path)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)


def test_the_check_shows_what_the_file_holds(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    check(qtbot, dialog, feed(tmp_path / "feed.json", ["Bowls Club", "Coffee Morning"]))
    assert dialog.summary.text().startswith("Would add 2 and update 0 activities")
    report = report_lines(dialog)
    assert report[0] == (
        "2 activities: 1 placed on the map (1 only roughly, from the "
        "postcode), 1 with nothing to place them; 0 with times, 0 with a "
        "known cost."
    )
    assert report[1].startswith("Guessed by Navigator, to check in Review: ")
    assert "map position (1)" in report[1]
    assert report[2] == "In the file but not kept: postcode (1 record)."
    assert dialog.report.isVisibleTo(dialog)
    assert dialog.problems_model.stringList()[0] == (
        'Check: content[0] ("Bowls Club"): postcode "somewhere" is not a UK postcode; left out'
    )
    assert dialog.problems.isVisibleTo(dialog) and dialog.problems_heading.isVisibleTo(dialog)


def test_after_the_import_the_report_stays_until_closed(
    qtbot: QtBot, dialog: ImportDialog, service: DirectoryService, tmp_path: Path
) -> None:
    check(qtbot, dialog, feed(tmp_path / "feed.json", ["Bowls Club", "Coffee Morning"]))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.import_button.click()
    assert [a.name for a in service.activities()] == ["Bowls Club", "Coffee Morning"]
    assert imported.args is not None and imported.args[0].tally.placed == 1
    # Still open, saying what happened, with only a way to close it.
    assert dialog.isVisible()
    assert dialog.summary.text() == "Imported. Added 2, updated 0, skipped 0 unchanged."
    assert report_lines(dialog)[0].startswith("2 activities: 1 placed on the map")
    assert not dialog.import_button.isVisibleTo(dialog)
    assert dialog.cancel_button.text() == "Close"
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert dialog.result() == ImportDialog.DialogCode.Accepted


def test_a_file_changed_since_its_check_is_checked_again_not_imported(
    qtbot: QtBot, dialog: ImportDialog, service: DirectoryService, tmp_path: Path
) -> None:
    path = feed(tmp_path / "feed.json", ["Bowls Club"])
    check(qtbot, dialog, path)
    feed(path, ["Bowls Club", "Tennis Club", "Zumba"])
    stat = path.stat()  # a new modification time even on a coarse-clocked file system
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "checked again" in dialog.summary.text(), timeout=10_000)
    assert service.activities() == []  # nothing from either version was imported
    assert dialog.summary.text().startswith(
        "The file changed after it was checked, so nothing was imported."
    )
    assert "Would add 3" in dialog.summary.text()  # the new check: the file as it is now
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert len(service.activities()) == 3


def test_a_directory_changed_since_the_check_is_checked_again_not_imported(
    qtbot: QtBot, dialog: ImportDialog, service: DirectoryService, tmp_path: Path
) -> None:
    path = feed(tmp_path / "feed.json", ["Bowls Club", "Tennis Club"])
    check(qtbot, dialog, path)
    assert dialog.summary.text().startswith("Would add 2 and update 0")
    # Someone else imports one of them while the preview is being read.
    other = feed(tmp_path / "other.json", ["Bowls Club"])
    service.import_file(other)
    before = service.activities()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "checked again" in dialog.summary.text(), timeout=10_000)
    assert service.activities() == before  # nothing imported on the strength of the old check
    assert dialog.summary.text().startswith(
        "The directory changed after the file was checked (someone saved, merged or imported "
        "meanwhile), so nothing was imported."
    )
    assert "Would add 1 and update 0" in dialog.summary.text()  # against the directory now
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.import_button.click()
    assert imported.args is not None and imported.args[0].summary.describe() == (
        "Added 1, updated 0, skipped 1 unchanged."
    )


def test_a_newer_check_decides_what_import_does(
    qtbot: QtBot, dialog: ImportDialog, service: DirectoryService, tmp_path: Path
) -> None:
    first = feed(tmp_path / "first.json", ["Bowls Club"])
    second = feed(tmp_path / "second.json", ["Tennis Club", "Zumba"])
    dialog.check(first)
    dialog.check(second)  # chosen before the first check answered
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    assert dialog.summary.text().startswith("Would add 2 and update 0")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert sorted(a.name for a in service.activities()) == ["Tennis Club", "Zumba"]


def test_the_report_renders_readably(qtbot: QtBot, dialog: ImportDialog, tmp_path: Path) -> None:
    """Rendered offscreen for a person to look at (/tmp/import_report.png when kept)."""
    names = [
        "Riverside Bowls Club",
        "Coffee Morning",
        "Dementia Cafe",
        "Tennis Club",
        "Stay and Play",
        "Men in Sheds",
    ]
    check(qtbot, dialog, feed(tmp_path / "feed.json", names))
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    image = dialog.grab()
    assert image.width() >= 600 and image.height() >= 400
    target = os.environ.get("NAVIGATOR_SCREENSHOT_DIR")
    if target:
        image.save(str(Path(target) / "import_report.png"))
    # The report wraps inside the dialog instead of widening it past a small laptop screen.
    assert dialog.width() <= 1366 and dialog.report.width() <= dialog.width()
