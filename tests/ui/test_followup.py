"""Following someone up, end to end in the window: a record from an appointment, the plan,
a closed activity flagged for the directory, outcomes, privacy warnings, export and erase."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.people import (
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    PlanStatus,
    StopReason,
)
from navigator.domain.profile import Profile
from navigator.services.people import open_people_service
from navigator.ui.appointment.suggestions_model import SuggestionsModel
from navigator.ui.directory.directory_model import ACTIVITY_ROLE
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def people_db(tmp_path: Path) -> Path:
    return tmp_path / "people.db"


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, dialogs: FakeDialogs, people_db: Path
) -> Iterator[MainWindow]:
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    main = build_main_window(
        str(db),
        dialogs=dialogs,  # type: ignore[arg-type]
        people_db=str(people_db),
    )
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.appointment.snapshot is not None)
    yield main


def sign_in(qtbot: QtBot, window: MainWindow) -> None:
    followup = window.followup
    window.tabs.setCurrentWidget(followup)
    qtbot.keyClicks(followup.worker_name, "Sam Patel")
    qtbot.keyClick(followup.worker_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: followup.service is not None)


def shortlist_two(qtbot: QtBot, window: MainWindow) -> list[str]:
    person = window.appointment.person
    qtbot.keyClicks(person.postcode, "N7 6PA")
    person.interests.add("gardening")
    person.free_only.setChecked(True)
    model = window.appointment.suggestions_model
    qtbot.waitUntil(
        lambda: (
            model.rowCount() >= 2
            and window.appointment.report is not None
            and window.appointment.report.results[0].distance_km is not None
        ),
        timeout=10_000,
    )
    for row in (0, 1):
        model.setData(
            model.index(row, SuggestionsModel.TRY),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
    return window.appointment.shortlist_model.ids()


def start_record(qtbot: QtBot, window: MainWindow, reference: str = "AB-0042") -> None:
    followup = window.followup
    followup.reference.setText(reference)
    followup.new_record.click()
    qtbot.waitUntil(lambda: followup.record is not None and followup.record.reference == reference)


def test_the_follow_up_cycle(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, people_db: Path, tmp_path: Path
) -> None:
    chosen = shortlist_two(qtbot, window)
    sign_in(qtbot, window)
    start_record(qtbot, window)
    followup, detail = window.followup, window.followup.detail
    assert [p.activity_id for p in followup.record.plan] == chosen  # type: ignore[union-attr]
    assert detail.plan_model.rowCount() == 2

    # They tried the first one, then stopped because it closed.
    detail.plan_table.selectRow(0)
    detail.plan_status.setCurrentIndex(detail.plan_status.findData(PlanStatus.TRIED))
    detail.update_plan.click()
    qtbot.waitUntil(
        lambda: followup.record is not None and followup.record.plan[0].status is PlanStatus.TRIED
    )
    detail.plan_table.selectRow(0)
    detail.plan_status.setCurrentIndex(detail.plan_status.findData(PlanStatus.STOPPED))
    detail.stop_reason.setCurrentIndex(detail.stop_reason.findData(StopReason.CLOSED))
    detail.update_plan.click()
    qtbot.waitUntil(
        lambda: followup.record is not None and followup.record.plan[0].status is PlanStatus.STOPPED
    )
    assert followup.record.plan[0].reason is StopReason.CLOSED

    # The directory now asks for that entry to be checked, naming no one.
    browser = window.directory
    row = next(
        r for r in range(browser.model.rowCount()) if browser.model.activity_at(r).id == chosen[0]
    )
    qtbot.waitUntil(
        lambda: (
            "reported closed by a follow-up"
            in browser.model.index(row, browser.model.STATUS).data()
        )
    )
    assert "AB-0042" not in browser.model.index(row, browser.model.STATUS).data()
    browser.table.selectRow(
        next(
            r
            for r in range(browser.proxy.rowCount())
            if browser.proxy.index(r, 0).data(ACTIVITY_ROLE).id == chosen[0]
        )
    )
    assert (
        "Follow-ups so far: Planned for 1 person: 1 tried it, 0 kept going; 1 stopped "
        "(closed)" in browser.details.toPlainText()
    )

    # Their network map: a sister close in, a group and a place further out.
    members = (
        NetworkMember("sister", MemberKind.PERSON, 1),
        NetworkMember("Growing Together", MemberKind.ACTIVITY, 2),
        NetworkMember("the library", MemberKind.PLACE, 3),
    )
    detail.network_map.set_snapshot(NetworkSnapshot(dt.date(2026, 11, 1), members))
    detail.network_map.save_action.trigger()
    qtbot.waitUntil(lambda: followup.record is not None and len(followup.record.network) == 1)
    assert followup.record.network[0].size == 3
    assert "3" in detail.network_size.summary_text()

    # The prescriber's review queue (in the directory, not the people store) hears of it.
    review = window.review
    qtbot.waitUntil(
        lambda: any(
            review.model.item_at(r).activity.id == chosen[0]
            and "closed (found at a follow-up)" in " ".join(review.model.item_at(r).reasons)
            for r in range(review.model.rowCount())
        ),
        timeout=10_000,
    )

    # Outcomes at the start and at a review.
    for day, answers in ((dt.date(2026, 9, 1), (3, 3, 2)), (dt.date(2026, 11, 1), (2, 1, 2))):
        detail.outcome_date.setDate(day)
        for combo, answer in zip(detail.ucla, answers, strict=True):
            combo.setCurrentIndex(combo.findData(answer))
        detail.lonely.setCurrentIndex(detail.lonely.findData(LonelyHowOften.SOME_OF_THE_TIME))
        detail.ons4[0].setValue(6)
        detail.record_outcome.click()
        qtbot.waitUntil(
            lambda d=day: (
                followup.record is not None and any(o.on == d for o in followup.record.outcomes)
            )
        )
    assert [o.ucla_total for o in followup.record.outcomes] == [8, 5]
    assert "UCLA loneliness 5" in detail.outcomes_list.text()
    chart = detail.outcome_chart.summary_text()
    assert "8 on 1 September" in chart and "5 on 1 November" in chart

    # The moving-on summary, as text and as PDF.
    detail.make_summary.click()
    qtbot.waitUntil(lambda: "AB-0042" in detail.summary.toPlainText())
    dialogs.paths.append(tmp_path / "summary.pdf")
    detail.save_summary_pdf.click()
    from pypdf import PdfReader

    pdf_text = " ".join(PdfReader(tmp_path / "summary.pdf").pages[0].extract_text().split())
    assert "AB-0042" in pdf_text

    # The record of changes names the worker and the parts changed, never the words.
    history = detail.history.toPlainText()
    assert "Sam Patel: create" in history and "outcome measures" in history
    assert "gardening" not in history

    # Export, then erase completely.
    dialogs.paths.append(tmp_path / "AB-0042.json")
    followup.export.click()
    qtbot.waitUntil(lambda: (tmp_path / "AB-0042.json").exists())
    exported = json.loads((tmp_path / "AB-0042.json").read_text())
    assert exported["format"] == "navigator-person"
    dialogs.answers.append(True)
    followup.erase.click()
    qtbot.waitUntil(lambda: followup.people_model.rowCount() == 0)
    data = people_db.read_bytes()
    for trace in (b"AB-0042", b"sister", b"the library"):
        assert trace not in data


def test_identifying_text_is_saved_only_when_the_worker_says_so(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    sign_in(qtbot, window)
    start_record(qtbot, window, "CD-7")
    detail, followup = window.followup.detail, window.followup
    qtbot.keyClicks(detail.goal_text, "ring me on 07700 900123")
    assert "looks like a phone number" in detail.goal_warning.text()
    dialogs.answers.append(False)
    detail.add_goal.click()
    qtbot.waitUntil(lambda: len(dialogs.questions) == 1)
    # Saying no keeps the words, so the worker can change them rather than type them again.
    assert detail.goal_text.text() == "ring me on 07700 900123"
    # Saves run one at a time, in order, on the one database worker, and each shows the
    # record again: once a later save (a contact, which adds rather than replaces) shows,
    # a goal saved despite the "no" would show with it.
    detail.contact_note.setText("met at the café")
    detail.add_contact.click()
    qtbot.waitUntil(lambda: followup.record is not None and len(followup.record.contacts) == 1)
    assert followup.record.goals == ()
    detail.goal_text.clear()
    qtbot.keyClicks(detail.goal_text, "go to the allotment twice a week")
    assert detail.goal_warning.text() == ""
    detail.add_goal.click()
    qtbot.waitUntil(lambda: followup.record is not None and len(followup.record.goals) == 1)
    assert followup.record.goals[0].text == "go to the allotment twice a week"
    assert len(dialogs.questions) == 1  # the plain goal was saved without asking
    assert detail.goal_text.text() == ""  # saved: the box is ready for the next goal


def test_a_contact_note_is_kept_when_the_worker_says_no_to_the_warning(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    sign_in(qtbot, window)
    start_record(qtbot, window, "CD-8")
    detail, followup = window.followup.detail, window.followup
    qtbot.keyClicks(detail.contact_note, "met at 12 Station Road, N7 6PA")
    dialogs.answers.append(False)
    detail.add_contact.click()
    qtbot.waitUntil(lambda: len(dialogs.questions) == 1)
    assert detail.contact_note.text() == "met at 12 Station Road, N7 6PA"
    detail.contact_note.setText("met at the café")
    detail.add_contact.click()
    qtbot.waitUntil(lambda: followup.record is not None and len(followup.record.contacts) > 0)
    # Saves run one at a time, in order, on the one database worker, and contacts are added,
    # not replaced: a refused note saved by mistake would show here ahead of this one.
    assert [contact.note for contact in followup.record.contacts] == ["met at the café"]
    assert len(dialogs.questions) == 1
    assert detail.contact_note.text() == ""


def test_old_closed_records_are_offered_for_erasing_at_the_start(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs, people_db: Path
) -> None:
    service = open_people_service(str(people_db), worker="Setup")
    service.create_from_profile(Profile(), reference="OLD-1")
    service.close_record("OLD-1", on=dt.date(2020, 1, 1))
    service.create_from_profile(Profile(), reference="OPEN-1")
    service.close()
    dialogs.answers.append(True)
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: bool(dialogs.questions))
    assert dialogs.questions[0] == (
        "1 record was closed more than 365 days ago. Erase it completely now?"
    )
    qtbot.waitUntil(lambda: "Erased 1 closed record." in window.followup.status.text())
    assert b"OLD-1" not in people_db.read_bytes()
    assert [p.reference for p in window.followup.people_model.rows()] == ["OPEN-1"]


def test_nothing_opens_without_the_workers_name(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    window.followup.sign_in.click()
    assert window.followup.service is None
    assert dialogs.messages == ["Enter your name first: changes to records are logged with it."]


def test_an_unsaved_network_map_is_not_lost_by_closing(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    sign_in(qtbot, window)
    start_record(qtbot, window, "EF-9")
    network_map = window.followup.detail.network_map
    network_map.set_snapshot(
        NetworkSnapshot(dt.date(2026, 11, 1), (NetworkMember("neighbour", MemberKind.PERSON, 2),))
    )
    network_map.select(0)
    network_map.move_member(1)  # out to the third circle, not yet saved
    assert network_map.is_modified()
    dialogs.answers.append(False)
    assert not window.close()
    assert "network map" in dialogs.questions[-1]
    dialogs.answers.append(True)
    assert window.close()


def test_a_new_record_takes_the_appointments_reference_and_a_first_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.appointment.person._reference, "EF-12")
    sign_in(qtbot, window)
    followup = window.followup
    assert "EF-12 (from the appointment)" in followup.reference.placeholderText()
    assert followup.reference.text() == ""
    followup.new_record.click()  # nothing typed here: the appointment's reference is used
    qtbot.waitUntil(lambda: followup.record is not None)
    assert followup.record is not None and followup.record.reference == "EF-12"
    assert followup.record.review_due == dt.date.today() + dt.timedelta(weeks=4)


def test_words_typed_but_not_added_are_not_lost_by_closing(
    qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs
) -> None:
    sign_in(qtbot, window)
    start_record(qtbot, window, "EF-10")
    qtbot.keyClicks(window.followup.detail.contact_note, "went with her sister")
    qtbot.keyClicks(window.appointment.person.interests.line, "pottery")
    dialogs.answers.append(False)
    assert not window.close()
    assert dialogs.questions[-1] == (
        "Not saved yet: a contact note, an interest typed but "
        "not added. Close Navigator and lose them?"
    )
    assert window.followup.detail.contact_note.text() == "went with her sister"
    window.followup.detail.contact_note.clear()
    window.appointment.person.interests.line.clear()
    assert window.close()  # nothing left to lose: no question
    assert len(dialogs.questions) == 1
