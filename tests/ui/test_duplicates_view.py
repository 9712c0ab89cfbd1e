"""The duplicates view, driven as a prescriber would: find the planted duplicate, choose which
values to keep, merge, and set a false alarm aside; against a real SQLite directory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from navigator.domain.directory import (
    Activity,
    Contact,
    Cost,
    Day,
    Session,
    Status,
    Venue,
)
from navigator.services.duplicate_review import DuplicateReview
from navigator.services.duplicates import DuplicatePair
from navigator.store.database import Database, open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.review.duplicates_view import DuplicatePairsModel, DuplicatesView
from tests.ui.fakes import FakeDialogs

HALL = Venue(
    name="Wharf Lane Community Garden",
    address="Wharf Lane",
    postcode="N1 0SD",
    lat=51.53787,
    lon=-0.11234,
)
TUESDAY = (Session(Day.TUE, dt.time(10), dt.time(13)),)

KEPT = Activity(
    id="isl-001",
    name="Growing Together",
    categories=("nature_gardening",),
    organisation="Greenway Growers",
    venue=HALL,
    sessions=TUESDAY,
    cost=Cost(per_session_gbp=0.0),
    contact=Contact(phone="020 7946 0656"),
    last_verified=dt.date(2026, 9, 4),
)
TYPO = dataclasses.replace(
    KEPT,
    id="imp-77",
    name="Growing Togther",
    contact=Contact(phone="07700 900461", email="grow@example.org"),
    cost=Cost(per_session_gbp=1.0),
    last_verified=dt.date(2025, 1, 10),
)
KNIT = Activity(
    id="knit-1", name="Knit & Natter", categories=("arts_crafts",), venue=HALL, sessions=TUESDAY
)
KNIT_AGAIN = dataclasses.replace(KNIT, id="knit-2", name="Knit and Natter")
OTHER = Activity(
    id="yoga",
    name="Chair Yoga",
    categories=("mind_body",),
    venue=HALL,
    sessions=TUESDAY,
    organisation="Greenway Growers",
)
FAR = dataclasses.replace(KEPT, id="far", venue=Venue(postcode="SW2 1JQ", lat=51.4613, lon=-0.1156))


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    DirectoryRepository(database).import_activities([KEPT, TYPO, OTHER, FAR])
    yield database
    database.close()


@pytest.fixture
def repository(database: Database) -> DirectoryRepository:
    return DirectoryRepository(database)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def view(
    qtbot: QtBot, repository: DirectoryRepository, dialogs: FakeDialogs
) -> Iterator[DuplicatesView]:
    db_executor, cpu_executor = ThreadPoolExecutor(1), ThreadPoolExecutor(1)
    widget = DuplicatesView(
        DuplicateReview(repository),
        db_runner=TaskRunner(db_executor),
        cpu_runner=TaskRunner(cpu_executor),
        dialogs=dialogs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    yield widget
    db_executor.shutdown(wait=True)
    cpu_executor.shutdown(wait=True)


def find(qtbot: QtBot, view: DuplicatesView, rows: int) -> None:
    with qtbot.waitSignal(view.duplicates_found, timeout=10_000):
        view.find_button.click()
    assert view.model.rowCount() == rows
    qtbot.waitUntil(view.merge_button.isEnabled)


def radio(view: DuplicatesView, name: str) -> QRadioButton:
    [button] = [b for b in view.findChildren(QRadioButton) if b.accessibleName() == name]
    return button


def test_the_planted_duplicate_is_found_and_shown_side_by_side(
    qtbot: QtBot, view: DuplicatesView
) -> None:
    find(qtbot, view, rows=1)
    pair = view.selected_pair()
    assert pair is not None and pair.ids == ("isl-001", "imp-77")
    model = view.model
    assert model.index(0, DuplicatePairsModel.LEFT).data() == "Growing Together"
    assert model.index(0, DuplicatePairsModel.RIGHT).data() == "Growing Togther"
    assert (
        model.index(0, DuplicatePairsModel.WHY)
        .data()
        .startswith("Names nearly the same (96%); Same postcode; Same day and overlapping times")
    )
    assert view.summary.text().startswith("1 pair among 4 activities")
    # Only the differing fields have a choice; the rest are listed once as the same.
    assert set(view.comparison.choices()) == {"name", "cost", "contact", "last_verified"}
    assert view.comparison.choices() == {
        "name": "a",
        "cost": "a",
        "contact": "a",
        "last_verified": "a",
    }
    assert (
        radio(view, "Keep the right phone, email and website").accessibleDescription()
        == "07700 900461\ngrow@example.org"
    )


def test_merging_saves_the_chosen_values_and_archives_the_other(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    find(qtbot, view, rows=1)
    before = repository.get("isl-001")
    assert before is not None
    qtbot.mouseClick(
        radio(view, "Keep the right phone, email and website"), Qt.MouseButton.LeftButton
    )
    radio(view, "Keep the right cost").click()
    assert view.comparison.choices()["contact"] == "b"

    dialogs.answers.append(True)
    with qtbot.waitSignal(view.merged, timeout=10_000) as merged:
        view.merge_button.click()
    assert merged.args == ["isl-001", "imp-77"]
    assert "Merge “Growing Togther” into “Growing Together”?" in dialogs.questions[0]

    kept = repository.get("isl-001")
    assert kept is not None and kept.version == before.version + 1
    assert kept.activity.name == "Growing Together"
    assert kept.activity.contact == Contact(phone="07700 900461", email="grow@example.org")
    assert kept.activity.cost == Cost(per_session_gbp=1.0)
    assert kept.activity.last_verified == dt.date(2026, 9, 4)
    archived = repository.get("imp-77")
    assert archived is not None and archived.activity.status is Status.ARCHIVED
    assert archived.activity.name == "Growing Togther"  # archived as it was, not deleted
    assert repository.count() == 4
    assert view.model.rowCount() == 0
    assert "“Growing Togther” is archived" in view.status.text()
    assert view.summary.text() == "No likely duplicates among 4 activities."


def test_the_left_one_is_kept_whichever_row_and_order_the_pair_is_in(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    """The side the comparison says is kept (the left) is the one saved, and the right one
    the one archived, for a pair chosen from a list sorted another way."""
    repository.import_activities([KNIT, KNIT_AGAIN])
    find(qtbot, view, rows=2)
    view.table.sortByColumn(DuplicatePairsModel.RIGHT, Qt.SortOrder.AscendingOrder)
    view.table.selectRow(1)  # "Knit and Natter" sorts after "Growing Togther"
    qtbot.waitUntil(view.merge_button.isEnabled)
    pair = view.selected_pair()
    assert pair is not None and pair.ids == ("knit-1", "knit-2")
    heading = view.comparison.widget().findChildren(QLabel)[0].text()
    assert heading.startswith("Left, kept: Knit & Natter\nknit-1")
    radio(view, "Keep the right name").click()

    dialogs.answers.append(True)
    with qtbot.waitSignal(view.merged, timeout=10_000) as merged:
        view.merge_button.click()
    assert merged.args == ["knit-1", "knit-2"]
    kept, archived = repository.get("knit-1"), repository.get("knit-2")
    assert kept is not None and archived is not None
    assert kept.version == 2 and kept.activity.status is Status.ACTIVE
    assert kept.activity.name == "Knit and Natter"  # the value chosen from the right
    assert archived.activity.status is Status.ARCHIVED
    assert archived.activity.name == "Knit and Natter"  # archived as it was
    # The other pair is untouched.
    assert repository.get("isl-001") is not None and repository.get("imp-77") is not None
    assert [view.model.pair_at(r).ids for r in range(view.model.rowCount())] == [
        ("isl-001", "imp-77")
    ]


def test_saying_no_to_the_question_merges_nothing(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    find(qtbot, view, rows=1)
    view.merge_button.click()  # FakeDialogs answers No
    assert dialogs.questions and view.model.rowCount() == 1
    stored = repository.get("imp-77")
    assert stored is not None and stored.activity.status is Status.ACTIVE


def test_not_duplicates_takes_the_pair_off_the_list_for_good(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository
) -> None:
    repository.import_activities([KNIT, KNIT_AGAIN])
    find(qtbot, view, rows=2)
    pair = view.selected_pair()
    assert pair is not None
    with qtbot.waitSignal(view.not_duplicates) as said:
        qtbot.mouseClick(view.not_duplicates_button, Qt.MouseButton.LeftButton)
    assert said.args == list(pair.ids)
    assert repository.not_duplicate_pairs() == {tuple(sorted(pair.ids))}
    assert view.model.rowCount() == 1
    remaining = view.selected_pair()
    assert remaining is not None and set(remaining.ids) != set(pair.ids)
    assert "different activities" in view.status.text()
    find(qtbot, view, rows=1)
    assert set(view.model.pair_at(0).ids) != set(pair.ids)


def test_stored_not_duplicates_are_left_out(
    qtbot: QtBot, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    executor = ThreadPoolExecutor(1)
    runner = TaskRunner(executor)
    repository.add_not_duplicates("imp-77", "isl-001")
    view = DuplicatesView(DuplicateReview(repository), runner, runner, dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.duplicates_found, timeout=10_000) as found:
        view.find_duplicates()
    assert found.args == [0]
    assert view.summary.text() == "No likely duplicates among 4 activities."
    assert view.comparison.widget().accessibleName() == "Comparison message"
    assert not view.merge_button.isEnabled() and not view.not_duplicates_button.isEnabled()
    executor.shutdown(wait=True)


def test_on_import_only_pairs_with_the_new_activities_are_shown(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository
) -> None:
    repository.import_activities([KNIT, KNIT_AGAIN])
    with qtbot.waitSignal(view.duplicates_found, timeout=10_000):
        view.find_duplicates(candidates={"knit-2"})
    assert [view.model.pair_at(r).ids for r in range(view.model.rowCount())] == [
        ("knit-1", "knit-2")
    ]
    assert view.summary.text() == (
        "1 pair where this new activity may be the same as one you already have."
    )


def test_a_change_by_someone_else_stops_the_merge_and_shows_the_latest(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository, dialogs: FakeDialogs
) -> None:
    find(qtbot, view, rows=1)
    radio(view, "Keep the right cost").click()
    stored = repository.get("imp-77")
    assert stored is not None
    repository.save(
        dataclasses.replace(stored.activity, description="Moved to Thursdays."), stored.version
    )
    kept_before = repository.get("isl-001")

    dialogs.answers.append(True)
    view.merge_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    assert "changed by someone else" in dialogs.messages[0]
    assert repository.get("isl-001") == kept_before  # nothing half-done
    # The comparison reloads with the newer version, keeping the choice already made.
    qtbot.waitUntil(lambda: "description" in view.comparison.choices())
    assert view.comparison.choices()["cost"] == "b"
    qtbot.waitUntil(view.merge_button.isEnabled)
    dialogs.answers.append(True)
    with qtbot.waitSignal(view.merged, timeout=10_000):
        view.merge_button.click()
    merged = repository.get("isl-001")
    assert merged is not None and merged.activity.cost == Cost(per_session_gbp=1.0)


def test_a_pair_archived_since_the_search_leaves_the_list(
    qtbot: QtBot, view: DuplicatesView, repository: DirectoryRepository
) -> None:
    find(qtbot, view, rows=1)
    stored = repository.get("imp-77")
    assert stored is not None
    repository.save(dataclasses.replace(stored.activity, status=Status.ARCHIVED), stored.version)
    view.table.clearSelection()
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.status.text() == (
        "“Growing Togther” has been archived or removed since the "
        "search, so that pair is off the list."
    )
    assert not view.merge_button.isEnabled()


def test_choices_work_from_the_keyboard(qtbot: QtBot, view: DuplicatesView) -> None:
    find(qtbot, view, rows=1)
    first = view.comparison.first_choice()
    assert first is not None and first.accessibleName() == "Keep the left name"
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert view.comparison.choices()["name"] == "b"
    assert radio(view, "Keep the right name").hasFocus()
    qtbot.keyClick(radio(view, "Keep the right name"), Qt.Key.Key_Left)
    assert view.comparison.choices()["name"] == "a"
    assert all(
        "&" in button.text()
        for button in (view.merge_button, view.not_duplicates_button, view.find_button)
    )  # an Alt+letter each


def test_every_control_has_an_accessible_name(qtbot: QtBot, view: DuplicatesView) -> None:
    find(qtbot, view, rows=1)
    controls = [
        w
        for w in view.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QAbstractItemView)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) > 8
    for control in controls:
        assert control.accessibleName(), control


def test_the_pairs_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DuplicatePairsModel()
    pairs = [
        DuplicatePair(KEPT, TYPO, 0.87, ("Same postcode",)),
        DuplicatePair(KNIT, KNIT_AGAIN, 0.92, ("Same name", "Same postcode")),
    ]
    model.set_pairs(pairs)
    qtmodeltester.check(model, force_py=True)
    model.remove_pair(("knit-2", "knit-1"))
    assert model.rowCount() == 1
    model.replace_activity(dataclasses.replace(KEPT, name="Growing Together (canal)"))
    assert model.index(0, DuplicatePairsModel.LEFT).data() == "Growing Together (canal)"
    assert model.index(0, DuplicatePairsModel.ALIKE).data() == "87%"
    model.remove_involving("imp-77")
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)
