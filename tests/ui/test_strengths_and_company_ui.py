"""Strengths and who goes along, in the window (issue 16, items 2-3): the record's Strengths
tab saves them to the profile and Match again carries them to the appointment; a plan item
names someone from the map to go along, the plan table says so, and the handout made after
Match again says "You're going with Sam on Tuesday" only when ticked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.people import (
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    StopReason,
)
from navigator.domain.profile import LatLon, Profile
from navigator.services.handout import GOING_WITH
from navigator.services.people import open_people_service
from navigator.ui.followup.people_models import STOP_REASON_LABELS
from navigator.ui.main_window import MainWindow
from tests.ui.conftest import ACTIVITIES
from tests.ui.fakes import FakeDialogs

NEAR = LatLon(51.55, -0.117)
BY_ID = {a.id: a for a in ACTIVITIES}


@pytest.fixture
def people_db(tmp_path: Path) -> Path:
    path = tmp_path / "people.db"
    people = open_people_service(str(path), worker="Sam")
    people.create_from_profile(
        Profile(location=NEAR, interests=("gardening",)),
        reference="EF-3",
        plan=[("garden", "Growing Together")],
    )
    people.record_network(
        "EF-3",
        NetworkSnapshot(
            dt.date(2026, 5, 1),
            (
                NetworkMember("Sam", relationship=None),
                NetworkMember("cousin"),
                NetworkMember("Parkside Allotment", MemberKind.PLACE),
            ),
        ),
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
    followup = main.followup
    main.tabs.setCurrentWidget(followup)
    qtbot.keyClicks(followup.worker_name, "Sam Patel")
    qtbot.keyClick(followup.worker_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: followup.people_model.rowCount() == 1)
    followup.select("EF-3")
    qtbot.waitUntil(lambda: followup.record is not None)
    yield main


def test_strengths_are_saved_on_the_record_and_carried_to_the_appointment(
    qtbot: QtBot, window: MainWindow
) -> None:
    followup, detail = window.followup, window.followup.detail
    detail.tabs.setCurrentIndex(2)
    assert detail.tabs.tabText(2) == "What they &bring"
    qtbot.keyClicks(detail.strengths_edit, "carpentry,  baking")
    qtbot.keyClicks(detail.can_offer_edit, "fixing bikes")
    assert detail.typed_not_added() == ["changed strengths"]
    detail.save_strengths.click()
    qtbot.waitUntil(lambda: followup.record is not None and followup.record.profile.strengths != ())
    assert followup.record is not None
    assert followup.record.profile.strengths == ("carpentry", "baking")
    assert followup.record.profile.can_offer == ("fixing bikes",)
    assert detail.typed_not_added() == []

    detail.match_again.click()
    appointment = window.appointment
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is appointment)
    profile = appointment.profile()
    assert profile.strengths == ("carpentry", "baking")
    assert profile.can_offer == ("fixing bikes",)


def test_a_strength_with_a_phone_number_warns_while_typing(
    qtbot: QtBot, window: MainWindow
) -> None:
    detail = window.followup.detail
    qtbot.keyClicks(detail.can_offer_edit, "ring 07700 900123")
    assert "phone" in detail.strengths_warning.text().lower()


def test_who_goes_along_is_chosen_from_the_map_and_reaches_the_handout(
    qtbot: QtBot, window: MainWindow
) -> None:
    followup, detail = window.followup, window.followup.detail
    choices = [detail.going_with.itemText(i) for i in range(detail.going_with.count())]
    # People on the map by alias, and a volunteer; a place is no one to go with.
    assert choices == ["Nobody named", "a volunteer", "Sam", "cousin"]
    detail.plan_table.selectRow(0)
    detail.going_with.setCurrentIndex(detail.going_with.findData("Sam"))
    qtbot.keyClicks(detail.going_when, "Tuesday")
    detail.going_on_handout.setChecked(True)
    detail.save_going_with.click()

    def companion() -> object:
        item = followup.record.plan_item("garden") if followup.record else None
        return None if item is None else item.companion

    qtbot.waitUntil(lambda: companion() is not None)
    text = detail.plan_model.index(0, 4).data()
    assert text == "Sam, Tuesday (on the handout)"
    assert detail.going_with.currentText() == "Sam"  # still shown after the save

    detail.match_again.click()
    appointment = window.appointment
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is appointment)
    appointment.side.add(BY_ID["garden"])
    handout = appointment.side.handout()
    [block] = handout.blocks
    assert block.rows[0].label == GOING_WITH
    assert block.rows[0].lines == ("You're going with Sam on Tuesday.",)


def test_the_persons_own_stop_reasons_are_offered(window: MainWindow) -> None:
    combo = window.followup.detail.stop_reason
    offered = {combo.itemData(i) for i in range(combo.count())}
    for reason in (
        StopReason.ANXIOUS,
        StopReason.UNWELL,
        StopReason.NO_COMPANY,
        StopReason.FARE,
    ):
        assert reason in offered, STOP_REASON_LABELS[reason]


def test_who_goes_along_shows_each_name_whole(window: MainWindow) -> None:
    # The names arrive with the record, after the box was first shown: it was left too
    # narrow for "Nobody named" on a 1366-wide screen.
    box = window.followup.detail.going_with
    widest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.width() > widest
