"""Keeping the directory right in the app: import with a preview, progress and cancel;
export; the review queue of entries that need checking."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.formats.native import activity_to_json, read_directory_file
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository, VersionedActivity
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    copy = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, copy)
    return copy


@pytest.fixture
def window(qtbot: QtBot, db: Path, dialogs: FakeDialogs) -> Iterator[MainWindow]:
    main = build_main_window(str(db), dialogs=dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.directory.model.rowCount() > 0)
    yield main


def directory_file(path: Path, activities: list[dict]) -> Path:
    path.write_text(
        json.dumps({"format": "navigator-directory", "version": 1, "activities": activities}),
        encoding="utf-8",
    )
    return path


def stored(db: Path, activity_id: str) -> VersionedActivity | None:
    database = open_database(f"sqlite:///{db}")
    try:
        return DirectoryRepository(database).get(activity_id)
    finally:
        database.close()


def test_import_shows_what_would_change_then_imports(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, db: Path, tmp_path: Path
) -> None:
    before = window.directory.model.rowCount()
    source = directory_file(
        tmp_path / "new.json",
        [
            {"id": "new-1", "name": "Tuesday Table Tennis", "categories": ["sport_fitness"]},
            {"id": "new-2", "name": "Poetry Circle", "categories": ["writing_reading"]},
            {
                "id": "isl-001",
                "name": "Growing Together (renamed)",
                "categories": ["nature_gardening"],
            },
        ],
    )
    window.import_action.trigger()
    dialog = window.import_dialog
    dialogs.paths.append(source)
    dialog.choose.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert dialog.summary.text().startswith("Would add 2 and update 1 activity")
    assert stored(db, "new-1") is None  # the preview wrote nothing
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.directory.model.rowCount() == before + 2, timeout=10_000)
    assert stored(db, "isl-001").activity.name == "Growing Together (renamed)"


def test_a_broken_file_is_explained_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, db: Path, tmp_path: Path
) -> None:
    source = directory_file(
        tmp_path / "bad.json",
        [
            {
                "id": "x",
                "name": "Bad times",
                "categories": ["music"],
                "sessions": [{"day": "mon", "start": "25:00", "end": "26:00"}],
            }
        ],
    )
    window.import_action.trigger()
    dialog = window.import_dialog
    dialogs.paths.append(source)
    dialog.choose.click()
    qtbot.waitUntil(lambda: "cannot be imported" in dialog.summary.text())
    assert '"25:00" is not a time HH:MM' in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert stored(db, "x") is None


def test_cancelling_an_import_leaves_the_directory_as_it_was(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, db: Path, tmp_path: Path
) -> None:
    many = [
        {"id": f"bulk-{i}", "name": f"Group {i}", "categories": ["social_club"]}
        for i in range(2500)
    ]
    window.import_action.trigger()
    dialog = window.import_dialog
    dialogs.paths.append(directory_file(tmp_path / "many.json", many))
    dialog.choose.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    # Hold the database worker so the import waits in line while Cancel is pressed.
    release = threading.Event()
    window._db_runner.run(release.wait, lambda _: None, lambda _: None)
    dialog.import_button.click()
    dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: "Nothing was changed" in dialog.summary.text(), timeout=10_000)
    assert stored(db, "bulk-0") is None


def test_export_writes_the_format_the_name_asks_for(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    dialogs.paths.append(tmp_path / "out.json")
    window.export_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "out.json").exists())
    assert len(read_directory_file(tmp_path / "out.json")) == window.directory.model.rowCount()


def test_the_review_queue_lists_stale_entries_and_clears_them(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    review = window.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    count = review.model.rowCount()
    first = review.model.item_at(0)
    assert first.reasons and (
        "Never checked" in first.reasons
        or any(r.startswith("Not checked since") for r in first.reasons)
    )
    review.table.selectRow(0)
    review.checked_button.click()
    qtbot.waitUntil(lambda: review.model.rowCount() == count - 1, timeout=10_000)
    assert stored(db, first.activity.id).activity.last_verified == dt.date.today()


def test_an_import_that_repeats_an_entry_is_offered_for_merging(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, db: Path, tmp_path: Path
) -> None:
    original = stored(db, "isl-001")
    assert original is not None
    copy = json.loads(json.dumps(activity_to_json(original.activity)))
    copy.update(id="feed-1", name="Growing Togther")
    window.import_action.trigger()
    dialog = window.import_dialog
    dialogs.paths.append(directory_file(tmp_path / "feed.json", [copy]))
    dialog.choose.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    dialog.import_button.click()
    tabs = window.review_tabs
    qtbot.waitUntil(
        lambda: tabs.tabText(tabs.indexOf(window.duplicates)).endswith("(1)"), timeout=10_000
    )
    pair = window.duplicates.model.pairs()[0]
    assert set(pair.ids) == {"isl-001", "feed-1"}
    window.duplicates.table.selectRow(0)
    window.duplicates.not_duplicates_button.click()
    qtbot.waitUntil(lambda: stored_pairs(db) == {tuple(sorted(pair.ids))})


def stored_pairs(db: Path) -> set[tuple[str, str]]:
    database = open_database(f"sqlite:///{db}")
    try:
        return DirectoryRepository(database).not_duplicate_pairs()
    finally:
        database.close()


def test_the_editor_opens_from_the_directory_and_its_save_shows_there(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    browser = window.directory
    window.tabs.setCurrentWidget(browser)
    browser.search_box.setText("Growing Together")
    qtbot.waitUntil(lambda: browser.proxy.rowCount() >= 1)
    row = next(
        r
        for r in range(browser.proxy.rowCount())
        if browser.proxy.index(r, 0).data() == "Growing Together"
    )
    browser.table.selectRow(row)
    browser.edit_button.click()
    qtbot.waitUntil(
        lambda: getattr(window, "editor", None) is not None and window.editor.isVisible()
    )
    editor = window.editor
    assert editor.windowTitle()
    editor.form.name.setText("Growing Together Garden Club")
    editor.save_button.click()
    qtbot.waitUntil(
        lambda: (
            stored(db, "isl-001").activity.name  # type: ignore[union-attr]
            == "Growing Together Garden Club"
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(
        lambda: any(
            browser.model.activity_at(r).name == "Growing Together Garden Club"
            for r in range(browser.model.rowCount())
        ),
        timeout=10_000,
    )
    # The entry stays chosen and its details show what was saved, not what was there before.
    qtbot.waitUntil(lambda: "Growing Together Garden Club" in browser.details.toPlainText())
    assert browser.edit_button.isEnabled() and browser.report_button.isEnabled()


def test_edit_and_report_are_off_once_the_chosen_entry_is_gone(
    qtbot: QtBot, window: MainWindow
) -> None:
    browser = window.directory
    window.tabs.setCurrentWidget(browser)
    browser.table.selectRow(0)
    assert browser.edit_button.isEnabled()
    browser.set_activities([])  # e.g. a restore from a backup that does not have it
    assert not browser.edit_button.isEnabled() and not browser.report_button.isEnabled()
    assert browser.details.toPlainText().startswith("Choose an activity in the list")


def test_the_directory_can_be_put_back_from_a_backup(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, db: Path, tmp_path: Path
) -> None:
    window.import_action.trigger()
    dialog = window.import_dialog
    dialogs.paths.append(
        directory_file(
            tmp_path / "one.json",
            [{"id": "oops-1", "name": "Imported by mistake", "categories": ["music"]}],
        )
    )
    dialog.choose.click()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    dialog.import_button.click()
    qtbot.waitUntil(lambda: stored(db, "oops-1") is not None, timeout=10_000)

    dialogs.choices.append(0)  # the newest backup, from before the import
    dialogs.answers.append(True)
    window.restore_action.trigger()
    qtbot.waitUntil(
        lambda: "Restored the backup" in window.statusBar().currentMessage(), timeout=10_000
    )
    assert stored(db, "oops-1") is None
    qtbot.waitUntil(
        lambda: all(
            window.directory.model.activity_at(r).id != "oops-1"
            for r in range(window.directory.model.rowCount())
        )
    )


def test_a_worker_reports_a_problem_and_the_review_queue_shows_it_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    from navigator.domain.reports import ProblemKind

    browser = window.directory
    browser.table.selectRow(0)
    chosen = browser.model.activity_at(browser.proxy.mapToSource(browser.proxy.index(0, 0)).row())
    browser.report_button.click()
    dialog = window.report_dialog
    dialog.kinds[ProblemKind.WRONG_TIME].setChecked(True)
    dialog.note.setText("call 07700 900123")
    dialog.buttons.accepted.emit()
    assert "looks like a phone number" in dialog.message.text()
    assert dialog.isVisible()  # nothing sent while the note names a person
    dialog.note.setText("now meets on Fridays")
    dialog.buttons.accepted.emit()
    review = window.review
    qtbot.waitUntil(
        lambda: review.model.rowCount() > 0 and review.model.item_at(0).activity.id == chosen.id,
        timeout=10_000,
    )
    assert review.model.item_at(0).reasons[0].endswith("wrong time (now meets on Fridays)")
    review.table.selectRow(0)
    review.checked_button.click()
    qtbot.waitUntil(
        lambda: all(
            review.model.item_at(r).activity.id != chosen.id for r in range(review.model.rowCount())
        ),
        timeout=10_000,
    )
