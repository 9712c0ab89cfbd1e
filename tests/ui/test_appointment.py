"""An appointment, driven as a worker would drive it: fill the profile, watch the suggestions
update, shortlist, turn the screen round."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import CostUnit, Day
from navigator.domain.profile import PostcodeLocation, Profile, Setting, TimeWindow
from navigator.formats.profile import read_profile_file
from navigator.services.match_result import Band, MatchOutcome, Price
from navigator.services.matching import MatchService
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from navigator.ui.appointment.appointment_view import AppointmentView
from navigator.ui.appointment.suggestions_model import SuggestionsModel
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.main_window import MainWindow
from tests.conftest import BUNDLED_DB
from tests.ui.fakes import FakeDialogs

REQUIRED_NAMES = (
    "Postcode",
    "Interests",
    "Goals",
    "Free activities only",
    "Setting",
    "Maximum distance (km)",
    "Suggestions",
    "Near misses",
    "Shortlist",
    "Print handout",
    "Save handout as PDF",
)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: FakeDialogs) -> Iterator[MainWindow]:
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    main = build_main_window(str(db), dialogs=dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.appointment.snapshot is not None)
    yield main


def results(window: MainWindow) -> list:
    report = window.appointment.report
    assert report is not None
    return list(report.results)


def fill_gardening_profile(qtbot: QtBot, window: MainWindow) -> None:
    person = window.appointment.person
    qtbot.keyClicks(person.postcode, "n7 6pa")
    qtbot.waitUntil(lambda: person.postcode_note.text() == "Found N7 6PA.")
    qtbot.keyClicks(person.interests.line, "gardning")
    qtbot.keyClick(person.interests.line, Qt.Key.Key_Return)
    person.free_only.setChecked(True)
    person.setting.setCurrentIndex(person.setting.findData(Setting.AVOID_MENTAL_HEALTH))
    person.max_distance.setValue(3.0)


def test_suggestions_follow_the_profile_and_respect_every_barrier(
    qtbot: QtBot, window: MainWindow
) -> None:
    fill_gardening_profile(qtbot, window)
    snapshot = window.appointment.snapshot
    assert snapshot is not None

    def settled() -> bool:
        report = window.appointment.report
        return bool(
            report
            and report.results
            and "gardening" in " ".join(report.results[0].reasons).lower()
            and all(r.distance_km is None or r.distance_km <= 3 for r in report.results)
        )

    qtbot.waitUntil(settled, timeout=10_000)
    for suggestion in results(window):
        activity = snapshot.activity(suggestion.id)
        assert not activity.mental_health_specific
        assert activity.cost is not None and activity.cost.per_session_gbp == 0
    top_five = [snapshot.activity(r.id) for r in results(window)[:5]]
    assert all("nature_gardening" in a.categories for a in top_five[:3])
    model = window.appointment.suggestions_model
    assert model.rowCount() == len(results(window))
    assert "Matches your interest in gardening" in model.index(0, SuggestionsModel.WHY).data()
    assert window.appointment.near_miss_model.rowCount() > 0


def test_ticking_suggestions_builds_the_shortlist(qtbot: QtBot, window: MainWindow) -> None:
    fill_gardening_profile(qtbot, window)
    qtbot.waitUntil(lambda: window.appointment.suggestions_model.rowCount() >= 2, timeout=10_000)
    model = window.appointment.suggestions_model
    for row in (0, 1):
        assert model.setData(
            model.index(row, SuggestionsModel.TRY),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
    shortlist = window.appointment.shortlist_model
    assert shortlist.ids() == [model.suggestion_at(0).id, model.suggestion_at(1).id]
    assert (
        model.index(0, SuggestionsModel.TRY).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    model.setData(
        model.index(0, SuggestionsModel.TRY),
        Qt.CheckState.Unchecked,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert shortlist.ids() == [model.suggestion_at(1).id]


def test_interest_chips_by_enter_comma_and_backspace(qtbot: QtBot, window: MainWindow) -> None:
    chips = window.appointment.person.interests
    qtbot.keyClicks(chips.line, "choir, allotment,")
    assert chips.interests() == ("choir", "allotment")
    qtbot.keyClicks(chips.line, "5-a-side")
    qtbot.keyClick(chips.line, Qt.Key.Key_Return)
    assert chips.interests() == ("choir", "allotment", "5-a-side")
    qtbot.keyClick(chips.line, Qt.Key.Key_Backspace)
    assert chips.interests() == ("choir", "allotment")
    qtbot.keyClicks(chips.line, "Choir")
    qtbot.keyClick(chips.line, Qt.Key.Key_Return)
    assert chips.interests() == ("choir", "allotment")  # no duplicates, whatever the case


def test_an_unknown_postcode_is_said_plainly(qtbot: QtBot, window: MainWindow) -> None:
    person = window.appointment.person
    # Any GB postcode is placed from the bundled areas; Northern Ireland's are not in them.
    qtbot.keyClicks(person.postcode, "BT1 1AA")
    expected = (
        'Cannot place "BT1 1AA": Northern Ireland postcodes are not in Navigator\'s '
        "postcode data, no activity in the directory is near it, and no online postcode "
        "lookup is set up."
    )
    qtbot.waitUntil(lambda: person.postcode_note.text() == expected)
    person.postcode.clear()
    qtbot.keyClicks(person.postcode, "hello world")
    qtbot.waitUntil(lambda: "does not look like a UK postcode" in person.postcode_note.text())


def test_shared_screen_shows_only_suggestions_and_shortlist(
    qtbot: QtBot, window: MainWindow
) -> None:
    appointment = window.appointment
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.shared_screen
    assert not appointment.person_scroll.isVisible()
    assert not appointment.near_misses.isVisible()
    assert not window.tabs.tabBar().isVisible()
    assert appointment.suggestions.isVisible() and appointment.shortlist.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert not window.shared_screen
    assert appointment.person_scroll.isVisible()


def test_a_profile_saves_and_loads_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: FakeDialogs
) -> None:
    fill_gardening_profile(qtbot, window)
    person = window.appointment.person
    person.goals.model().item(0).setCheckState(Qt.CheckState.Checked)
    person.availability[next(iter(person.availability))].setChecked(True)
    dialogs.paths.append(tmp_path / "person.json")
    window.save_profile_action.trigger()
    saved = read_profile_file(tmp_path / "person.json")
    assert saved.interests == ("gardning",)
    assert saved.max_cost_gbp == 0 and saved.max_distance_km == 3.0
    assert saved.goals == ("meet_people",)
    assert saved.setting is Setting.AVOID_MENTAL_HEALTH
    assert saved.location == PostcodeLocation("N7 6PA")  # the postcode, not the point it found

    person.set_profile(read_profile_file(tmp_path / "person.json").__class__())
    assert person.profile().interests == ()
    dialogs.paths.append(tmp_path / "person.json")
    window.open_profile_action.trigger()
    reloaded = person.profile()
    assert reloaded.interests == saved.interests
    assert reloaded.goals == saved.goals
    assert reloaded.availability == saved.availability
    assert reloaded.setting == saved.setting
    assert person.postcode.text() == "N7 6PA"
    assert "Using the point" not in person.postcode_note.text()


def test_a_broken_profile_file_is_reported_and_changes_nothing(
    window: MainWindow, tmp_path: Path, dialogs: FakeDialogs
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "navigator-profile", "version": 1, "goals": ["friends"]}')
    window.appointment.person.interests.add("choir")
    assert not window.open_profile(bad)
    assert dialogs.messages == [
        'bad.json could not be opened: goals[0]: "friends" is not a '
        'goal id; did you mean "meet_people"?'
    ]
    assert window.appointment.person.profile().interests == ("choir",)


def test_required_accessible_names_exist(window: MainWindow) -> None:
    names = {w.accessibleName() for w in window.findChildren(QWidget)}
    for name in REQUIRED_NAMES:
        assert name in names, name


def test_a_whole_appointment_ends_with_a_discreet_handout(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: FakeDialogs
) -> None:
    from pypdf import PdfReader

    person = window.appointment.person
    person._reference.setText("AB-0042")
    fill_gardening_profile(qtbot, window)
    person.goals.model().item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(
        lambda: bool(
            window.appointment.report
            and window.appointment.report.results
            and window.appointment.report.results[0].distance_km
        ),
        timeout=10_000,
    )
    model = window.appointment.suggestions_model
    chosen = [model.suggestion_at(0), model.suggestion_at(1)]
    for row in (0, 1):
        model.setData(
            model.index(row, SuggestionsModel.TRY),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
    window.appointment.worker_name.setText("Sam Patel")
    assert window.appointment.pdf_button.isEnabled()
    dialogs.paths.append(tmp_path / "handout.pdf")
    qtbot.mouseClick(window.appointment.pdf_button, Qt.MouseButton.LeftButton)

    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "handout.pdf").pages)
    flat = " ".join(text.split())
    for suggestion in chosen:
        assert suggestion.name in flat
    assert "Sam Patel" in flat
    assert "Free" in flat
    for sensitive in (
        "AB-0042",
        "gardning",
        "mental health",
        "Mental health",
        "Navigator",
        "Avoid",
        "barrier",
        "diagnos",
    ):
        assert sensitive not in flat, sensitive
    assert "Saved the handout to handout.pdf" in window.appointment.status.text()


def test_the_chosen_sessions_go_into_a_calendar_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: FakeDialogs
) -> None:
    fill_gardening_profile(qtbot, window)
    qtbot.waitUntil(lambda: window.appointment.suggestions_model.rowCount() > 0, timeout=10_000)
    model = window.appointment.suggestions_model
    model.setData(
        model.index(0, SuggestionsModel.TRY), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    dialogs.paths.append(tmp_path / "sessions.ics")
    window.appointment.ics_button.click()
    ics = (tmp_path / "sessions.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "RRULE:FREQ=" in ics
    assert model.suggestion_at(0).name.split()[0] in ics


def test_the_shortlist_can_be_made_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    fill_gardening_profile(qtbot, window)
    model = window.appointment.suggestions_model
    qtbot.waitUntil(lambda: model.rowCount() >= 2, timeout=10_000)
    table = window.appointment.suggestions
    table.setFocus()
    table.setCurrentIndex(model.index(1, SuggestionsModel.ACTIVITY))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert window.appointment.shortlist_model.ids() == [model.suggestion_at(1).id]
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert window.appointment.shortlist_model.ids() == []


def test_the_appointment_models_obey_the_qt_model_rules(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    fill_gardening_profile(qtbot, window)
    qtbot.waitUntil(
        lambda: (
            window.appointment.suggestions_model.rowCount() > 0
            and window.appointment.near_miss_model.rowCount() > 0
        ),
        timeout=10_000,
    )
    qtmodeltester.check(window.appointment.suggestions_model)
    qtmodeltester.check(window.appointment.near_miss_model)
    qtmodeltester.check(window.appointment.shortlist_model)
    qtbot.waitUntil(lambda: window.review.model.rowCount() > 0)
    qtmodeltester.check(window.review.model)


def test_times_from_a_profile_file_are_kept_even_when_the_grid_cannot_show_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import json

    from navigator.domain.availability import PartOfDay
    from navigator.domain.directory import Day

    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(
            {
                "format": "navigator-profile",
                "version": 1,
                "availability": [
                    {"day": "tue", "from": "09:00", "to": "13:00"},
                    {"day": "thu", "from": "09:00", "to": "13:00"},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert window.open_profile(path)
    person = window.appointment.person
    assert [(w.day.value, str(w.start), str(w.end)) for w in person.profile().availability] == [
        ("tue", "09:00:00", "13:00:00"),
        ("thu", "09:00:00", "13:00:00"),
    ]
    assert "Tuesday 09:00 to 13:00" in person.times_note.text()
    person.availability[(Day.MON, PartOfDay.MORNING)].setChecked(True)
    assert [w.day.value for w in person.profile().availability] == ["mon"]
    assert person.times_note.text() == ""


def test_when_the_directory_cannot_be_reached_the_appointment_carries_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    from navigator.store.database import StoreError

    fill_gardening_profile(qtbot, window)
    qtbot.waitUntil(lambda: window.appointment.suggestions_model.rowCount() > 0, timeout=10_000)

    def unreachable() -> None:
        raise StoreError("The database server cannot be reached.")

    window._load_snapshot = unreachable  # the server drops
    window.reload_directory()
    qtbot.waitUntil(lambda: "could not be reached" in window.statusBar().currentMessage())
    assert "Working from the copy loaded earlier" in window.statusBar().currentMessage()
    person = window.appointment.person
    assert person.interests.interests() == ("gardning",)  # nothing typed is lost
    before = window.appointment.report
    person.interests.add("cooking")
    qtbot.waitUntil(lambda: window.appointment.report is not before, timeout=10_000)
    assert window.appointment.suggestions_model.rowCount() > 0  # still suggesting


def test_the_shortlist_shows_an_activity_as_the_directory_now_has_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    import dataclasses

    from navigator.matching import DirectorySnapshot

    fill_gardening_profile(qtbot, window)
    model = window.appointment.suggestions_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    model.setData(
        model.index(0, SuggestionsModel.TRY), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    chosen = window.appointment.shortlist_model.activities()[0]
    snapshot = window.appointment.snapshot
    assert snapshot is not None
    edited = [
        dataclasses.replace(a, name="Renamed since") if a.id == chosen.id else a
        for a in snapshot.activities
    ]
    window.appointment.set_snapshot(DirectorySnapshot.build(edited))
    assert window.appointment.shortlist_model.activities()[0].name == "Renamed since"


def test_every_goal_is_on_show_and_the_near_miss_columns_say_what_they_hold(
    qtbot: QtBot, window: MainWindow
) -> None:
    goals = window.appointment.person.goals
    last = goals.model().index(goals.model().rowCount() - 1, 0)
    assert goals.model().data(last) == "Build confidence"
    assert goals.viewport().rect().contains(goals.visualRect(last))  # not scrolled out of sight
    model = window.appointment.near_miss_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Activity", "Misses on", "How it misses"]


@pytest.mark.parametrize("point_size", [None, 14])
def test_the_profile_never_scrolls_sideways_on_a_laptop_screen(
    qtbot: QtBot, window: MainWindow, point_size: int | None
) -> None:
    if point_size is not None:  # a worker who set a large system font
        font = window.font()
        font.setPointSize(point_size)
        window.setFont(font)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    scroll, person = window.appointment.person_scroll, window.appointment.person
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    # Everything in the panel fits the width the scroll area gives it.
    qtbot.waitUntil(lambda: person.minimumSizeHint().width() <= scroll.viewport().width())


def test_a_parent_bringing_a_young_child_is_recorded_and_reloaded(window: MainWindow) -> None:
    person = window.appointment.person
    assert not person.profile().with_young_children
    person.with_child.setChecked(True)
    profile = person.profile()
    assert profile.with_young_children
    person.set_profile(Profile())
    assert not person.with_child.isChecked()
    person.set_profile(profile)
    assert person.with_child.isChecked()


def test_a_profile_saved_when_the_evening_ended_at_ten_opens_as_the_ticked_evening(
    window: MainWindow,
) -> None:
    person = window.appointment.person
    old = Profile(availability=(TimeWindow(Day.TUE, dt.time(17), dt.time(22)),))
    person.set_profile(old)
    assert person.times_note.text() == ""  # a ticked grid, not custom times from a file
    assert person.profile().availability[0].end == dt.time(23)


# Near misses, the relevance floor and clashes (issue 12) ---------------------------------------


def test_a_near_miss_opens_in_details_goes_on_the_shortlist_and_the_handout_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    from navigator.ui.appointment.suggestions_model import NearMissModel

    fill_gardening_profile(qtbot, window)
    appointment = window.appointment
    model = appointment.near_miss_model

    def with_fact() -> int | None:
        return next((r for r in range(model.rowCount()) if model.near_miss_at(r).fact), None)

    qtbot.waitUntil(lambda: with_fact() is not None, timeout=10_000)
    row = with_fact()
    assert row is not None
    miss = model.near_miss_at(row)
    # Clicking it shows everything about it in Details.
    appointment.near_misses.setCurrentIndex(model.index(row, NearMissModel.WHY))
    assert miss.name in appointment.details.toPlainText()
    # Ticking its name puts it on the shortlist, and the tick follows the shortlist.
    name = model.index(row, NearMissModel.NAME)
    assert model.flags(name) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(name, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert appointment.shortlist_model.ids() == [miss.id]
    assert model.data(name, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # The handout states the one thing that did not fit, plainly.
    block = next(b for b in appointment.handout().blocks if b.activity_id == miss.id)
    assert (block.rows[0].label, block.rows[0].lines) == ("Worth knowing", (miss.fact,))
    # Space on the near-miss table takes it off again, and the fact goes with it.
    appointment.near_misses.setFocus()
    qtbot.keyClick(appointment.near_misses, Qt.Key.Key_Space)
    assert appointment.shortlist_model.ids() == []
    appointment.shortlist_model.add(window.appointment._activity(miss.id))
    block = next(b for b in appointment.handout().blocks if b.activity_id == miss.id)
    assert all(r.label != "Worth knowing" for r in block.rows)  # added as a suggestion would be


def test_near_misses_are_shown_grouped_by_what_to_talk_about(
    qtbot: QtBot, window: MainWindow
) -> None:
    fill_gardening_profile(qtbot, window)
    model = window.appointment.near_miss_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    kinds = [
        model.index(r, model.WHICH).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(model.rowCount())
    ]
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert len(runs) == len(set(runs)) and model.rowCount() <= 10
    # On screen each kind is written once, at the top of its group.
    shown = [model.index(r, model.WHICH).data() for r in range(model.rowCount())]
    assert [k for k in shown if k] == runs


def test_the_count_says_how_many_fit_the_interests_and_also_nearby_opens_in_details(
    qtbot: QtBot, window: MainWindow
) -> None:
    fill_gardening_profile(qtbot, window)
    appointment = window.appointment
    qtbot.waitUntil(
        lambda: (
            "fit your interests" in appointment.status.text()
            or "fits your interests" in appointment.status.text()
        ),
        timeout=10_000,
    )
    report = appointment.report
    assert report is not None and report.unrelated > 0
    assert f"{report.unrelated} more are nearby but match none of them" in appointment.status.text()
    assert appointment.also_nearby.isVisible()
    first = report.also_nearby[0]
    assert first.name in appointment.also_nearby.text()
    appointment.also_nearby.linkActivated.emit(first.id)
    assert first.name in appointment.details.toPlainText()


def test_the_shortlist_flags_two_activities_at_the_same_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    from navigator.matching.schedule import clashes
    from navigator.ui.common.html_delegate import HTML_ROLE

    appointment = window.appointment
    snapshot = appointment.snapshot
    assert snapshot is not None
    timed = [a for a in snapshot.activities if a.sessions]
    pair = next((a, b) for i, a in enumerate(timed) for b in timed[i + 1 :] if clashes([a, b]))
    model = appointment.shortlist_model
    model.add(pair[0])
    assert "Clashes" not in model.index(0).data(HTML_ROLE)
    model.add(pair[1])
    flagged = model.index(1).data(HTML_ROLE)
    assert f"Clashes with {pair[0].name}" in flagged.replace("&#x27;", "'")
    assert "Clashes with" in model.index(0).data(Qt.ItemDataRole.DisplayRole)
    model.remove(pair[0].id)
    assert "Clashes" not in model.index(0).data(HTML_ROLE)


# One ranking per edit (issue 13) ---------------------------------------------------------------


class CountingMatcher:
    """The real match use case, counting the requests the view makes of it."""

    def __init__(self, service: MatchService) -> None:
        self._service = service
        self.profiles: list[Profile] = []  # appended on the worker; read once it is idle

    def match_profile(self, profile: Profile, **options: Any) -> MatchOutcome:
        self.profiles.append(profile)
        return self._service.match_profile(profile, **options)


@pytest.fixture
def counted(
    qtbot: QtBot, directory_db: str
) -> Iterator[tuple[AppointmentView, CountingMatcher, TaskRunner]]:
    database = open_database(f"sqlite:///{directory_db}")
    service = MatchService(DirectoryRepository(database), areas=PostcodeAreas.bundled())
    matcher = CountingMatcher(service)
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    view = AppointmentView(matcher, runner, lambda: dt.datetime(2026, 11, 24, 9, 0), FakeDialogs())
    qtbot.addWidget(view)
    view.show()
    view.set_snapshot(service.snapshot())
    yield view, matcher, runner
    view.stop()
    executor.shutdown(wait=True)
    database.close()


def settle(qtbot: QtBot, view: AppointmentView, runner: TaskRunner) -> None:
    """Wait until the edit's ranking is shown and nothing else is queued behind it: a marker
    sent through the same worker comes back only after everything sent before it."""
    qtbot.waitUntil(lambda: not view.ranking_pending, timeout=10_000)
    back: list[bool] = []
    runner.run(lambda: True, back.append, lambda error: back.append(False))
    qtbot.waitUntil(lambda: back == [True])
    assert not view.ranking_pending


def test_each_edit_ranks_exactly_once_after_the_debounce(
    qtbot: QtBot, counted: tuple[AppointmentView, CountingMatcher, TaskRunner]
) -> None:
    view, matcher, runner = counted
    person = view.person
    settle(qtbot, view, runner)
    assert len(matcher.profiles) == 1  # the directory arrived: one ranking

    # A postcode typed key by key: placed and ranked in one request, the note from it too.
    qtbot.keyClicks(person.postcode, "N7 6PA")
    settle(qtbot, view, runner)
    assert len(matcher.profiles) == 2
    assert person.postcode_note.text() == "Found N7 6PA."
    assert view.outcome is not None and view.outcome.place is not None
    assert matcher.profiles[-1].location == PostcodeLocation("N7 6PA")

    # A barrier ticked from the keyboard.
    person.step_free.setFocus()
    qtbot.keyClick(person.step_free, Qt.Key.Key_Space)
    settle(qtbot, view, runner)
    assert len(matcher.profiles) == 3 and matcher.profiles[-1].needs_step_free

    # An interest typed, then Enter: the letters alone change nothing.
    qtbot.keyClicks(person.interests.line, "singing")
    qtbot.keyClick(person.interests.line, Qt.Key.Key_Return)
    settle(qtbot, view, runner)
    assert len(matcher.profiles) == 4 and matcher.profiles[-1].interests == ("singing",)
    assert view.report is not None
    assert [s.id for s in view.report.results] == ["choir"]


def test_the_card_says_distance_and_price_from_the_outcome_not_from_sentences(
    qtbot: QtBot, counted: tuple[AppointmentView, CountingMatcher, TaskRunner]
) -> None:
    view, _matcher, runner = counted
    qtbot.keyClicks(view.person.postcode, "N7 6PA")
    settle(qtbot, view, runner)
    outcome = view.outcome
    assert outcome is not None
    # The person is at the choir's own postcode; the garden is 560 m away.
    garden = outcome.distances["garden"]
    assert (garden.metres, garden.band, garden.walk_minutes) == (560, Band.WALK, 10)
    assert outcome.prices["choir"] == Price(free=False, amount_gbp=2.0, unit=CostUnit.SESSION)
    assert outcome.prices["garden"] == Price(free=True, amount_gbp=None, unit=None)
    model = view.suggestions_model
    cards = {
        model.suggestion_at(r).id: model.index(r, SuggestionsModel.ACTIVITY).data()
        for r in range(model.rowCount())
    }
    assert "St Luke's Hall, 0 km, about 5 minutes' walk\n£2 a session" in cards["choir"]
    assert "Caledonian Garden, 0.6 km, about 10 minutes' walk\nFree" in cards["garden"]
    assert "By phone\nFree" in cards["phone"]


def test_the_cards_keep_their_width_whether_the_suggestions_fill_the_table_or_not(
    qtbot: QtBot, window: MainWindow
) -> None:
    # A scrollbar that came and went with the results would narrow the cards, and every
    # wrapped card would be measured again after each ranking that filled the table.
    view = window.appointment
    table = view.suggestions
    qtbot.waitUntil(lambda: view.report is not None and len(view.report.results) > 5)
    qtbot.waitUntil(lambda: not view.ranking_pending)
    card = SuggestionsModel.ACTIVITY
    # More cards than the table shows, once their rows are fitted.
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 0)
    full = table.columnWidth(card)

    qtbot.keyClicks(view.person.interests.line, "zqxjzqxj")
    qtbot.keyClick(view.person.interests.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.report is not None and not view.report.results)
    qtbot.waitUntil(lambda: not view.ranking_pending)
    assert table.verticalScrollBar().maximum() == 0
    assert table.columnWidth(card) == full
