"""Working through Navigator's guesses in the Review tab from the keyboard: confirm with
Ctrl+Enter and the next entry follows; correct in place; Ctrl+Z undoes; someone else's newer
save is shown, never overwritten."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QListView, QWidget
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import Activity, Cost, Gender, Venue
from navigator.services.directory import DirectoryService
from navigator.services.review import GuessReview
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.main_window import MainWindow
from navigator.ui.review.review_view import ReviewView
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs

TODAY = dt.date(2026, 11, 24)
ENTRIES = [
    # Checked today, so guesses are their only reason to be listed; who-may-go comes first.
    Activity(
        id="walk",
        name="Ladies Walking Group",
        categories=("walking",),
        gender=Gender.WOMEN,
        guessed=("gender", "categories"),
        last_verified=TODAY,
        venue=Venue(postcode="N7 6PA", lat=51.553, lon=-0.117),
    ),
    Activity(
        id="voices",
        name="Hearing Voices Group",
        categories=("peer_support",),
        mental_health_specific=True,
        guessed=("mental_health_specific",),
        last_verified=TODAY,
    ),
    Activity(
        id="bowls",
        name="Bowls Club",
        categories=("sport_fitness",),
        cost=Cost(per_session_gbp=0.0),
        guessed=("categories", "cost", "venue.step_free"),
        venue=Venue(postcode="N7 9QJ", step_free=True),
        last_verified=TODAY,
    ),
    Activity(
        id="stale", name="Old Choir", categories=("music",), last_verified=dt.date(2024, 1, 1)
    ),
]


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(ENTRIES)
    yield repository
    database.close()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def view(
    qtbot: QtBot, repository: DirectoryRepository, dialogs: FakeDialogs
) -> Iterator[ReviewView]:
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    review = ReviewView(
        DirectoryService(repository).mark_checked,
        runner,
        lambda: TODAY,
        cpu_runner=runner,
        guesses=GuessReview(repository),
        dialogs=dialogs,
    )  # type: ignore[arg-type]
    runner.setParent(review)
    qtbot.addWidget(review)
    review.resize(1366, 700)
    review.show()
    review.activateWindow()
    qtbot.waitActive(review)
    with qtbot.waitSignal(review.queue_shown):  # worked out on the worker
        review.set_directory(repository.all_activities())
    yield review
    executor.shutdown(wait=True)


def ids(view: ReviewView) -> list[str]:
    return [view.model.item_at(row).activity.id for row in range(view.model.rowCount())]


def chosen_id(view: ReviewView) -> str | None:
    index = view.table.currentIndex()
    return view.model.item_at(index.row()).activity.id if index.isValid() else None


def stored(repository: DirectoryRepository, activity_id: str) -> Activity:
    found = repository.get(activity_id)
    assert found is not None
    return found.activity


def choose_first_row(qtbot: QtBot, view: ReviewView) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    assert chosen_id(view) == ids(view)[0]


def choose(view: ReviewView, activity_id: str) -> None:
    view.table.setFocus()
    view.table.selectRow(ids(view).index(activity_id))


def test_guesses_are_listed_by_how_much_they_matter(qtbot: QtBot, view: ReviewView) -> None:
    # Guesses about who may go (then by name), other guesses, then the stale entry.
    assert ids(view) == ["voices", "walk", "bowls", "stale"]
    assert view.model.item_at(1).reasons == (
        "Guessed by Navigator: women only, categories (Walking)",
    )
    assert "3 with guesses by Navigator to confirm" in view.summary.text()
    with qtbot.waitSignal(view.queue_shown):
        view.only_guessed.setChecked(True)
    assert ids(view) == ["voices", "walk", "bowls"]
    assert view.summary.text().startswith("3 entries with guesses by Navigator to confirm")


def test_ctrl_enter_confirms_the_guesses_and_the_next_entry_follows(
    qtbot: QtBot, view: ReviewView, repository: DirectoryRepository
) -> None:
    view.only_guessed.setChecked(True)
    choose_first_row(qtbot, view)
    assert view.guess_panel.isVisible()
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: chosen_id(view) == "walk")
    assert stored(repository, "voices").guessed == ()
    assert stored(repository, "voices").mental_health_specific is True  # kept as guessed
    assert ids(view) == ["walk", "bowls"]  # nothing left to confirm on it
    assert view.table.hasFocus()  # keep going from the keyboard
    # The next one, the same way.
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: chosen_id(view) == "bowls")
    saved = stored(repository, "walk")
    assert saved.guessed == ()
    assert (saved.gender, saved.categories) == (Gender.WOMEN, ("walking",))


def test_ctrl_z_puts_the_last_confirmed_guesses_back(
    qtbot: QtBot, view: ReviewView, repository: DirectoryRepository
) -> None:
    view.only_guessed.setChecked(True)
    choose_first_row(qtbot, view)
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(repository, "voices").guessed == ())
    qtbot.waitUntil(lambda: view.undo_button.isEnabled())
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(repository, "voices").guessed == ("mental_health_specific",))
    qtbot.waitUntil(lambda: chosen_id(view) == "voices")  # back on it, to look again
    assert "voices" in ids(view)
    assert not view.undo_button.isEnabled()


def test_a_guess_is_corrected_in_place_and_the_rest_stay_guessed(
    qtbot: QtBot, view: ReviewView, repository: DirectoryRepository
) -> None:
    choose(view, "walk")
    combo = control(view, "Guessed: who may attend", QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # "Anyone": not women only after all
    assert combo.currentText() == "Anyone"
    assert view.guess_panel.corrections_button.isEnabled()
    view.guess_panel.corrections_button.click()
    qtbot.waitUntil(
        lambda: (
            "Guessed by Navigator: categories (Walking)"
            in view.model.item_at(ids(view).index("walk")).reasons
        )
    )
    assert stored(repository, "walk").guessed == ("categories",)
    assert stored(repository, "walk").gender is Gender.ANY
    assert chosen_id(view) == "walk"  # categories are still to confirm


def test_categories_are_ticked_in_place_and_confirmed_with_the_rest(
    qtbot: QtBot, view: ReviewView, repository: DirectoryRepository
) -> None:
    choose(view, "bowls")
    ticks = control(view, "Guessed: categories", QListView)
    ticks.setFocus()
    social = ticks.model().match(
        ticks.model().index(0, 0), Qt.ItemDataRole.UserRole, "social_club"
    )[0]
    ticks.setCurrentIndex(social)
    qtbot.keyClick(ticks, Qt.Key.Key_Space)
    assert view.guess_panel.corrections() == {"categories": ("sport_fitness", "social_club")}
    qtbot.keyClick(ticks, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(repository, "bowls").guessed == ())
    saved = stored(repository, "bowls")
    assert saved.categories == ("sport_fitness", "social_club")
    assert (saved.cost, saved.venue.step_free if saved.venue else None) == (
        Cost(per_session_gbp=0.0),
        True,
    )  # the untouched guesses, confirmed as they were


def test_someone_elses_newer_save_is_shown_and_not_overwritten(
    qtbot: QtBot, view: ReviewView, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    theirs = dataclasses.replace(ENTRIES[0], name="Women's Walking Group")
    repository.save(theirs, 1)  # another prescriber, after this list was loaded
    choose(view, "walk")
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    assert "someone else changed “Ladies Walking Group”" in dialogs.messages[0]
    assert stored(repository, "walk") == theirs  # guesses and all
    qtbot.waitUntil(lambda: view.guess_panel.activity == theirs)  # their version, to check
    assert chosen_id(view) == "walk"  # not moved on
    assert view.guess_panel.message.text() == dialogs.messages[0]


def test_every_control_has_a_name_and_the_guess_labels_lead_to_them(
    qtbot: QtBot, view: ReviewView
) -> None:
    choose(view, "bowls")

    def interactive() -> list[QWidget]:
        return [
            w
            for w in view.findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QComboBox, QListView))
            and w.isVisibleTo(view)
            and w.parent() is not view.table
        ]

    # Controls put in a shown layout appear once the event loop has run.
    qtbot.waitUntil(lambda: len(interactive()) >= 9)
    controls = interactive()
    assert [w for w in controls if not w.accessibleName()] == []
    names = {w.accessibleName() for w in controls}
    assert {
        "Guessed: categories",
        "Guessed: cost",
        "Guessed: step-free access",
        "Confirm the guesses",
        "Save corrections only",
        "Undo the last confirmation",
        "Only entries guessed by Navigator",
    } <= names
    buddies = {
        label.buddy().accessibleName()
        for label in view.guess_panel.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies == {"Guessed: categories", "Guessed: cost", "Guessed: step-free access"}


def control(view: ReviewView, name: str, kind: type[QWidget]) -> QWidget:
    found = [w for w in view.guess_panel.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_in_the_window_a_confirmation_reaches_the_rest_of_the_app(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    database = open_database(f"sqlite:///{db}")
    DirectoryRepository(database).import_activities([ENTRIES[1]])
    database.close()
    window: MainWindow = build_main_window(
        str(db),
        dialogs=FakeDialogs(),  # type: ignore[arg-type]
        people_db=str(tmp_path / "people.db"),
    )
    qtbot.addWidget(window)
    window.show()
    review = window.review
    window.tabs.setCurrentWidget(window.review_tabs)
    qtbot.waitUntil(lambda: "voices" in ids(review))
    review.only_guessed.setChecked(True)
    review.table.selectRow(ids(review).index("voices"))
    review.confirm_guesses()

    def directory_entry() -> Activity:
        model = window.directory.model
        return next(a for a in model.rows() if a.id == "voices")

    qtbot.waitUntil(lambda: directory_entry().guessed == (), timeout=10_000)
    assert "voices" not in ids(review)
