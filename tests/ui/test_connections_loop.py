"""The connections loop in the window (issue 16): Match again from a record opens its profile in
the Appointment tab with the plan's standing on the cards; a planned activity that changed
shows on the record and in the list; a new activity in the directory lists the people it may
suit in the Follow-up tab."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import Activity, Status
from navigator.domain.people import ActivityTerms, PlanStatus, StopReason
from navigator.domain.profile import LatLon, Profile
from navigator.services.people import open_people_service
from navigator.services.plan_context import terms_of
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.appointment.suggestions_model import SuggestionsModel
from navigator.ui.main_window import MainWindow
from tests.ui.conftest import ACTIVITIES
from tests.ui.fakes import FakeDialogs

BY_ID = {a.id: a for a in ACTIVITIES}
NEAR = LatLon(51.55, -0.117)


def terms(activity_id: str) -> ActivityTerms | None:
    found = BY_ID.get(activity_id)
    return None if found is None else terms_of(found)


@pytest.fixture
def people_db(tmp_path: Path) -> Path:
    """A people store with two records, made before the app opens (as on an earlier day)."""
    path = tmp_path / "people.db"
    people = open_people_service(str(path), worker="Sam", activity_terms=terms)
    profile = Profile(location=NEAR, interests=("singing", "gardening"))
    people.create_from_profile(
        profile, reference="AB-1", plan=[("garden", "Growing Together"), ("choir", "Choir")]
    )
    people.set_plan_status("AB-1", "garden", PlanStatus.GOING_REGULARLY)
    people.set_plan_status("AB-1", "choir", PlanStatus.TRIED)
    people.set_plan_status("AB-1", "choir", PlanStatus.STOPPED, reason=StopReason.NOT_WELCOME)
    people.create_from_profile(
        Profile(location=NEAR, interests=("pottery",)),
        reference="CD-2",
        plan=[("paused", "Paused Pottery")],
    )
    people.close()
    return path


@pytest.fixture
def window(qtbot: QtBot, directory_db: str, people_db: Path) -> Iterator[MainWindow]:
    main = build_main_window(
        directory_db,
        dialogs=FakeDialogs(),  # type: ignore[arg-type]
        people_db=str(people_db),
    )
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.appointment.snapshot is not None)
    yield main


def sign_in_and_open(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    followup = window.followup
    window.tabs.setCurrentWidget(followup)
    qtbot.keyClicks(followup.worker_name, "Sam Patel")
    qtbot.keyClick(followup.worker_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: followup.people_model.rowCount() == 2)
    followup.select(reference)
    qtbot.waitUntil(lambda: followup.record is not None and followup.record.reference == reference)


def test_match_again_opens_the_profile_with_the_plan_beside_each_suggestion(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_and_open(qtbot, window, "AB-1")
    # The keyboard way: Ctrl+M (every letter of its words has another use in the record).
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    appointment = window.appointment
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is appointment)  # an animated click
    assert appointment.profile().interests == ("singing", "gardening")
    qtbot.waitUntil(
        lambda: appointment.plan_context is not None and not appointment.ranking_pending
    )

    model = appointment.suggestions_model
    shown = [model.suggestion_at(r).id for r in range(model.rowCount())]
    assert "garden" in shown
    assert "choir" not in shown  # stopped: did not feel welcome, which a directory cannot undo
    row = shown.index("garden")
    card = model.index(row, SuggestionsModel.ACTIVITY).data()
    assert "On their plan: going regularly" in card
    assert appointment.status.text().startswith(
        "Matching again for AB-1: 1 activity they stopped is left out."
    )

    # Shared screen: why someone stopped is not shown to whoever is looking.
    window.set_shared_screen(True)
    assert "On their plan" not in model.index(row, SuggestionsModel.ACTIVITY).data()
    window.set_shared_screen(False)

    # Another reference typed: no longer this record's plan.
    appointment.set_profile(Profile(location=NEAR, interests=("singing",), reference="ZZ-9"))
    qtbot.waitUntil(lambda: appointment.plan_context is None and not appointment.ranking_pending)
    assert model.standing("garden") is None


def test_a_paused_planned_activity_shows_on_the_record_and_in_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_and_open(qtbot, window, "CD-2")
    detail, followup = window.followup.detail, window.followup
    qtbot.waitUntil(lambda: detail.plan_alerts.isVisible())
    assert "Paused Pottery" in detail.plan_alerts.text()
    assert "Paused in the directory" in detail.plan_alerts.text()
    assert detail.tabs.tabText(0) == "&Plan (1 alert)"
    row = next(
        r
        for r in range(followup.people_model.rowCount())
        if followup.people_model.row_at(r).reference == "CD-2"
    )
    qtbot.waitUntil(lambda: followup.people_model.index(row, 2).data() == "1")
    other = next(r for r in range(followup.people_model.rowCount()) if r != row)
    assert followup.people_model.index(other, 2).data() == ""


def test_a_new_activity_lists_the_people_it_may_suit(
    qtbot: QtBot, window: MainWindow, directory_db: str
) -> None:
    sign_in_and_open(qtbot, window, "AB-1")
    panel = window.followup.new_for_people
    assert not panel.isVisible()

    # Another prescriber adds a pottery class and un-pauses nothing else.
    pottery = dataclasses.replace(
        BY_ID["paused"], id="clay", name="Clay Together", status=Status.ACTIVE
    )
    singing = Activity(
        id="sing",
        name="Sing for Joy",
        categories=("music",),
        keywords=("singing",),
        venue=dataclasses.replace(BY_ID["choir"].venue),  # type: ignore[arg-type]
        last_verified=dt.date(2026, 11, 1),
    )
    database = open_database(f"sqlite:///{directory_db}")
    DirectoryRepository(database).import_activities([pottery, singing])
    database.close()
    window.reload_directory()

    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    assert panel.news is not None
    assert panel.news.headline == "New for 2 people you support"
    rows = [
        (panel.model.index(r, 0).data(), panel.model.index(r, 1).data())
        for r in range(panel.model.rowCount())
    ]
    assert rows == [("AB-1", "Sing for Joy"), ("CD-2", "Clay Together")]
    assert "singing" in panel.model.index(0, 2).data().casefold()

    # Opening a row shows that person's record.
    panel.table.activated.emit(panel.model.index(1, 0))
    qtbot.waitUntil(
        lambda: window.followup.record is not None and window.followup.record.reference == "CD-2"
    )


def test_a_budget_agreed_in_the_panel_marks_the_near_miss_it_covers(
    qtbot: QtBot, window: MainWindow
) -> None:
    appointment = window.appointment
    appointment.set_profile(Profile(location=NEAR, interests=("singing",), max_cost_gbp=0.0))
    qtbot.waitUntil(lambda: appointment.report is not None and not appointment.ranking_pending)
    (miss,) = [m for m in appointment.report.near_misses if m.id == "choir"]  # type: ignore[union-attr]
    assert "budget" not in miss.detail
    appointment.person.budget.setValue(2.0)
    assert appointment.profile().agreed_budget_gbp == 2.0
    qtbot.waitUntil(
        lambda: (
            not appointment.ranking_pending
            and appointment.near_miss_model.rowCount() > 0
            and "budget agreed" in appointment.near_miss_model.near_miss_at(0).detail
        )
    )
    assert appointment.near_miss_model.near_miss_at(0).id == "choir"
