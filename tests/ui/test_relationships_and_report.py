"""Issue 16, items 6-8 in the window: the relationships chart, belonging on the outcome form
and chart, the model checklist beside the outcomes, and the service report saved from the
Follow-up tab (CSV and PDF, read back: no reference in either)."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.people import (
    Companion,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PlanStatus,
    Relationship,
    Support,
)
from navigator.domain.profile import Profile
from navigator.services.people import open_people_service
from navigator.ui.followup.delivery_checklist import DeliveryChecklist
from navigator.ui.followup.outcome_chart import OutcomeChart
from navigator.ui.followup.person_detail import PersonDetail
from navigator.ui.followup.relationships_chart import RelationshipsChart
from navigator.ui.followup.report_dialog import ServiceReportDialog
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs
from tests.ui.windows import open_main_window

D1, D2 = dt.date(2026, 3, 3), dt.date(2026, 6, 1)
MAPS = (
    NetworkSnapshot(
        D1, (NetworkMember("support worker", MemberKind.PERSON, 1, Relationship.PROFESSIONAL),)
    ),
    NetworkSnapshot(
        D2,
        (
            NetworkMember("support worker", MemberKind.PERSON, 2, Relationship.PROFESSIONAL),
            NetworkMember("sister", MemberKind.PERSON, 1, Relationship.FAMILY, None,
                          (Support.EMOTIONAL,)),
            NetworkMember("A. from choir", MemberKind.PERSON, 1, Relationship.FRIEND, None,
                          (Support.COMPANY,)),
        ),
    ),
)  # fmt: skip


def painted(widget: RelationshipsChart | OutcomeChart) -> QImage:
    image = QImage(760, 520, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    widget.render_to(painter, QRectF(0, 0, 760, 520))
    painter.end()
    return image


def test_the_relationships_chart_says_and_draws_each_map(qtbot: QtBot) -> None:
    chart = RelationshipsChart()
    qtbot.addWidget(chart)
    chart.set_snapshots(MAPS)
    summary = chart.summary_text()
    assert "On the closest circle: 1 on 3 March, 2 on 1 June." in summary
    assert "People who are not professionals: 0% on 3 March, 67% on 1 June." in summary
    assert "Giving company: 0 on 3 March, 1 on 1 June." in summary
    image = painted(chart)  # something besides the white page was drawn
    assert len({image.pixel(x, y) for x in range(0, 760, 7) for y in range(0, 520, 7)}) > 3


def test_belonging_is_asked_recorded_and_charted(qtbot: QtBot) -> None:
    detail = PersonDetail()
    qtbot.addWidget(detail)
    detail.show_record(PersonRecord("UI-1", D1))
    detail.belonging.setCurrentIndex(detail.belonging.findData(3))
    with qtbot.waitSignal(detail.outcome_requested) as sent:
        detail.record_outcome.click()
    assert sent.args[0].belonging == 3
    chart = OutcomeChart()
    qtbot.addWidget(chart)
    chart.set_outcomes([OutcomeRecord(D1, belonging=1), OutcomeRecord(D2, belonging=3)])
    assert "not at all on 3 March, quite a lot on 1 June" in chart.summary_text()


def test_the_checklist_shows_each_step_and_its_date(qtbot: QtBot) -> None:
    checklist = DeliveryChecklist()
    qtbot.addWidget(checklist)
    record = PersonRecord("UI-2", D1, profile=Profile(strengths=("baking",)), network=MAPS)
    checklist.show_record(record)
    assert "2 of 6 steps" in checklist.text()
    described = checklist.accessibleDescription()
    assert "Network map drawn: done, 3 Mar 2026" in described
    assert "Strengths recorded: done" in described and "Moving on: not yet" in described


# The report from the Follow-up tab ---------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, FakeDialogs]]:
    people_db = tmp_path / "people.db"
    people = open_people_service(str(people_db), worker="Sam Worker")
    for n in range(6):
        reference = f"QX-SECRET-{n}"
        people.create_from_profile(Profile(), reference=reference, plan=[("choir", "Choir")])
        people.set_companion(reference, "choir", Companion("a volunteer"))
        people.set_plan_status(reference, "choir", PlanStatus.TRIED)
    people.close()
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    dialogs = FakeDialogs()
    main = build_main_window(str(db), dialogs=dialogs, people_db=str(people_db))  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    followup = main.followup
    main.tabs.setCurrentWidget(followup)
    qtbot.keyClicks(followup.worker_name, "Sam Worker")
    qtbot.keyClick(followup.worker_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: followup.service is not None)
    yield main, dialogs


def test_the_report_is_saved_as_csv_and_pdf_naming_nobody(
    qtbot: QtBot, window: tuple[MainWindow, FakeDialogs], tmp_path: Path
) -> None:
    main, dialogs = window
    main.followup.service_report.click()
    dialog = main.followup.findChild(ServiceReportDialog)
    assert dialog is not None and dialog.isVisible()
    table, pdf = tmp_path / "report.csv", tmp_path / "report.pdf"
    dialogs.paths += [table, pdf]
    dialog.save_csv.click()
    qtbot.waitUntil(table.exists)
    dialog.save_pdf.click()
    qtbot.waitUntil(lambda: "report.pdf" in main.followup.status.text())
    csv_text = table.read_text(encoding="utf-8")
    assert "People supported in the period,6" in csv_text
    words = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert "Supported first visit 6" in " ".join(words.split())
    for text in (csv_text, words):
        assert "SECRET" not in text and "Sam Worker" not in text


def test_a_period_ending_before_it_starts_is_refused_with_a_message(
    qtbot: QtBot, window: tuple[MainWindow, FakeDialogs], tmp_path: Path
) -> None:
    main, dialogs = window
    main.followup.service_report.click()
    dialog = main.followup.findChild(ServiceReportDialog)
    dialog.start.setDate(dialog.end.date().addDays(1))
    table = tmp_path / "report.csv"
    dialogs.paths.append(table)
    dialog.save_csv.click()
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    assert "before it starts" in dialogs.messages[-1] and not table.exists()


def test_the_file_menu_opens_the_report_as_the_button_does(
    window: tuple[MainWindow, FakeDialogs],
) -> None:
    main, _ = window
    main.tabs.setCurrentWidget(main.appointment)
    assert main.service_report_action in main.menuBar().actions()[0].menu().actions()
    main.service_report_action.trigger()
    assert main.tabs.currentWidget() is main.followup
    dialog = main.followup.findChild(ServiceReportDialog)
    assert dialog is not None and dialog.isVisible()


def test_the_menu_asks_for_a_sign_in_before_a_report(qtbot: QtBot, tmp_path: Path) -> None:
    main = open_main_window(qtbot, tmp_path, (1366, 728))  # signed out
    main.service_report_action.trigger()
    assert main.tabs.currentWidget() is main.followup
    assert main.followup.findChild(ServiceReportDialog) is None
    assert "Sign in" in main.statusBar().currentMessage()
