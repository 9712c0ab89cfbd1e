"""The activity editor, driven as a prescriber would: add and change entries, see problems
next to the field, pause and archive, and two people saving the same activity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    Day,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Status,
    Venue,
    Welcome,
)
from navigator.services.geocoding import VenueLocator
from navigator.services.matching import MatchService
from navigator.services.saving import ActivitySaver
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository, VersionedActivity
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.directory.activity_editor import ActivityEditor
from tests.ui.conftest import ACTIVITIES
from tests.ui.fakes import FakeDialogs

TODAY = dt.date(2026, 11, 24)
CONFLICT = "This activity was changed by someone else since you opened it."
Editor = Callable[..., ActivityEditor]


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(ACTIVITIES)
    yield repository
    database.close()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def open_editor(
    qtbot: QtBot, repository: DirectoryRepository, dialogs: FakeDialogs
) -> Iterator[Editor]:
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)

    def make(activity_id: str | None = None) -> ActivityEditor:
        found = repository.get(activity_id) if activity_id else None
        editor = ActivityEditor(
            found.activity if found else None,
            found.version if found else None,
            saver=ActivitySaver(repository),
            db_runner=runner,
            dialogs=dialogs,  # type: ignore[arg-type]
            today=lambda: TODAY,
        )
        qtbot.addWidget(editor)
        editor.open()
        return editor

    yield make
    executor.shutdown(wait=True)


def save(qtbot: QtBot, editor: ActivityEditor) -> tuple[Activity, int]:
    with qtbot.waitSignal(editor.saved, timeout=5000) as blocker:
        editor.save_button.click()
    activity, version = blocker.args
    return activity, version


def tick(editor: ActivityEditor, category_id: str, on: bool = True) -> None:
    model = editor.form.categories.model()
    for row in range(model.rowCount()):
        item = model.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == category_id:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def choose(combo, value) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_a_new_activity_is_made_through_the_form(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    editor = open_editor()
    form = editor.form
    assert editor.windowTitle() == "New activity"
    qtbot.keyClicks(form.name, "Knit & Natter")
    tick(editor, "arts_crafts")
    qtbot.keyClicks(form.postcode, "n7 6pa")
    form.sessions.add_button.click()
    activity, version = save(qtbot, editor)
    assert (activity.id, version) == ("act-knit-natter-1", 1)
    stored = repository.get("act-knit-natter-1")
    assert stored is not None and stored.version == 1
    assert stored.activity == activity
    assert stored.activity.venue == Venue(postcode="N7 6PA")
    assert stored.activity.sessions == (Session(Day.MON, dt.time(10), dt.time(12)),)
    assert stored.activity.status is Status.ACTIVE
    assert not editor.isVisible()

    second = open_editor()  # the same name again gets the next number
    qtbot.keyClicks(second.form.name, "Knit & Natter")
    tick(second, "arts_crafts")
    assert save(qtbot, second)[0].id == "act-knit-natter-2"


def test_every_kind_of_field_is_saved(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    editor = open_editor("choir")
    form = editor.form
    assert form.id_box.text() == "choir" and form.id_box.isReadOnly()
    form.name.setText("Holloway Choir")
    form.organisation.setText("Holloway Arts")
    form.description.setPlainText("Sing together.")
    tick(editor, "music", on=False)
    tick(editor, "social_club")
    tick(editor, "performing_arts")
    form.keywords.setText("singing, choir , ")
    form.venue_name.setText("St Mark's")
    form.address.setText("1 Hall Road")
    form.postcode.setText("n7  9qj")
    form.lat.setText("51.548")
    form.lon.setText("-0.118")
    choose(form.step_free, False)
    form.transport.setText("Bus 29")
    sessions = form.sessions
    sessions.start.setTime(QTime(18, 0))
    sessions.add_button.click()
    choose(sessions.day, "tue")
    choose(sessions.frequency, "monthly")
    choose(sessions.week, 2)
    assert sessions.week.currentText() == "2nd Tuesday"
    assert not sessions.starts_on.isVisible()
    sessions.add_button.click()
    choose(sessions.frequency, "fortnightly")
    assert sessions.starts_on.isVisible() and not sessions.week.isVisible()
    sessions.starts_on.setDate(QDate(2026, 9, 1))
    choose(form.cost_kind, "amount")
    form.amount.setValue(3.5)
    form.free_taster.setChecked(True)
    form.cost_notes.setText("Tea included")
    choose(form.booking, "book_ahead")
    choose(form.group_size, "large")
    form.mental_health.setChecked(True)
    form.peer_led.setChecked(True)
    choose(form.gender, "women")
    form.age_min.setValue(18)
    form.age_max.setValue(65)
    form.languages.setText("English, Bengali")
    choose(form.bring_someone, True)
    choose(form.beginners, False)
    choose(form.meet_at_door, True)
    form.phone.setText("020 7946 0000")
    form.email.setText("choir@example.org")
    form.website.setText("https://choir.example.org")
    form.last_verified.setDate(QDate(2026, 10, 1))
    choose(form.status, "paused")

    activity, version = save(qtbot, editor)
    wednesday = Session(Day.WED, dt.time(18), dt.time(20))
    expected = Activity(
        id="choir",
        name="Holloway Choir",
        categories=("performing_arts", "social_club"),
        organisation="Holloway Arts",
        description="Sing together.",
        keywords=("singing", "choir"),
        venue=Venue("St Mark's", "1 Hall Road", "N7 9QJ", 51.548, -0.118, False, "Bus 29"),
        sessions=(
            wednesday,
            Session(Day.TUE, dt.time(18), dt.time(20), Frequency.MONTHLY, 2),
            Session(
                Day.TUE,
                dt.time(18),
                dt.time(20),
                Frequency.FORTNIGHTLY,
                starts_on=dt.date(2026, 9, 1),
            ),
        ),
        cost=Cost(3.5, concessions=True, free_taster=True, notes="Tea included"),
        mental_health_specific=True,
        peer_led=True,
        gender=Gender.WOMEN,
        age_min=18,
        age_max=65,
        languages=("en", "bn"),
        booking=Booking.BOOK_AHEAD,
        group_size=GroupSize.LARGE,
        welcome=Welcome(True, False, True),
        contact=Contact("020 7946 0000", "choir@example.org", "https://choir.example.org"),
        last_verified=dt.date(2026, 10, 1),
        status=Status.PAUSED,
    )
    assert activity == expected
    assert version == 2
    assert repository.get("choir") == VersionedActivity(expected, 2)


def test_an_online_activity_has_no_venue(qtbot: QtBot, open_editor: Editor) -> None:
    editor = open_editor("choir")
    choose(editor.form.delivery, "online")
    assert not editor.form.postcode.isEnabled() and not editor.form.step_free.isEnabled()
    activity, _version = save(qtbot, editor)
    assert activity.venue is None and activity.delivery.value == "online"


def test_an_untouched_activity_saves_unchanged(qtbot: QtBot, open_editor: Editor) -> None:
    for activity in ACTIVITIES:
        editor = open_editor(activity.id)
        assert not editor.has_unsaved_changes()
        assert editor.check().activity == activity


def test_problems_are_shown_next_to_their_fields(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    editor = open_editor("choir")
    form = editor.form
    form.postcode.end(False)
    qtbot.keyClicks(form.postcode, "X")  # "N7 6PAX": shown at once, the field was touched
    assert "is not a UK postcode" in form.note_text("venue.postcode")
    tick(editor, "music", on=False)
    form.sessions.end.setTime(QTime(18, 0))
    form.age_min.setValue(65)
    form.age_max.setValue(18)
    editor.save_button.click()
    assert form.note_text("venue.postcode") == (
        '"N7 6PAX" is not a UK postcode (for example N7 6PA).'
    )
    assert form.postcode.accessibleDescription() == form.note_text("venue.postcode")
    assert form.note_text("categories") == "Choose at least one category."
    assert form.note_text("age_max") == "The oldest age is below the youngest age."
    assert form.age_max.accessibleDescription() == "The oldest age is below the youngest age."
    assert "The end time must be after the start time." in form.sessions.note.text()
    assert form.sessions.end.accessibleDescription() == "The end time must be after the start time."
    assert editor.summary.text() == "4 problems to put right before saving (shown in red)."
    assert editor.focusWidget() is form.categories  # the first bad field
    assert editor.isVisible()
    assert repository.get("choir").version == 1  # type: ignore[union-attr]  # nothing saved

    tick(editor, "music")
    assert form.note_text("categories") == ""
    assert editor.summary.text() == "3 problems to put right before saving (shown in red)."


def test_pause_archive_and_restore(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    for status, version in (("paused", 2), ("archived", 3), ("active", 4)):
        editor = open_editor("choir")
        if status == "active":
            assert editor.banner.text() == (
                "This activity is archived, so it is never "
                "suggested. To restore it, set Status to Active "
                "and save."
            )
        choose(editor.form.status, status)
        activity, saved_version = save(qtbot, editor)
        assert (activity.status.value, saved_version) == (status, version)
    assert repository.count() == len(ACTIVITIES)  # nothing is ever deleted
    assert repository.get("choir").activity.status is Status.ACTIVE  # type: ignore[union-attr]


def test_mark_as_checked_today(qtbot: QtBot, open_editor: Editor) -> None:
    editor = open_editor("garden")
    assert editor.form.last_verified.text() == "Never checked"
    editor.form.checked_today.click()
    assert editor.form.last_verified.date().toPython() == TODAY
    assert editor.form.checked_age.text() == "Checked today"
    activity, _version = save(qtbot, editor)
    assert activity.last_verified == TODAY


def test_cancel_asks_before_losing_changes(
    qtbot: QtBot, open_editor: Editor, dialogs: FakeDialogs, repository: DirectoryRepository
) -> None:
    untouched = open_editor("choir")
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and dialogs.questions == []

    editor = open_editor("choir")
    editor.form.name.setText("Something else")
    editor.cancel_button.click()  # the fake answers No
    assert editor.isVisible()
    assert dialogs.questions == [
        "Close without saving? Your changes to this activity will be lost."
    ]
    dialogs.answers.append(True)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert repository.get("choir").version == 1  # type: ignore[union-attr]


def conflict(qtbot: QtBot, open_editor: Editor) -> tuple[ActivityEditor, ActivityEditor]:
    """Two prescribers open the choir; the first renames it and saves, the second changes
    the cost and saves: refused."""
    first, second = open_editor("choir"), open_editor("choir")
    first.form.name.setText("Holloway Choir")
    assert save(qtbot, first)[1] == 2
    choose(second.form.cost_kind, "free")
    second.save_button.click()
    qtbot.waitUntil(lambda: second.conflict_dialog is not None, timeout=5000)
    return first, second


def test_the_second_save_is_refused_and_both_versions_are_shown(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    _first, second = conflict(qtbot, open_editor)
    assert CONFLICT in second.banner.text()
    dialog = second.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert CONFLICT in dialog.message.text()
    rows = {row.path: row for row in dialog.rows}
    assert (rows["name"].theirs, rows["name"].mine) == (
        "Holloway Choir",
        "Holloway Community Choir",
    )
    assert (rows["cost.per_session_gbp"].theirs, rows["cost.per_session_gbp"].mine) == (
        "£2",
        "Free",
    )
    shown = {dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())}
    assert shown == {"Name", "Cost a session"}  # only what differs, highlighted
    assert dialog.proxy.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert repository.get("choir").activity.cost.per_session_gbp == 2  # type: ignore[union-attr]

    dialog.back_button.click()  # nothing is lost: the edit is still in the editor
    assert second.isVisible() and second.form.cost_kind.currentData() == "free"

    second.save_button.click()  # a second try meets the same refusal, and re-applies
    qtbot.waitUntil(lambda: second.conflict_dialog is not dialog, timeout=5000)
    assert second.conflict_dialog is not None
    with qtbot.waitSignal(second.saved, timeout=5000) as blocker:
        second.conflict_dialog.reapply_button.click()
    activity, version = blocker.args
    assert version == 3
    stored = repository.get("choir")
    assert stored is not None and stored.version == 3
    assert stored.activity.name == "Holloway Choir"  # theirs
    assert stored.activity.cost.per_session_gbp == 0  # type: ignore[union-attr]  # mine
    assert stored.activity == activity


def test_keeping_theirs_discards_mine(
    qtbot: QtBot, open_editor: Editor, repository: DirectoryRepository
) -> None:
    _first, second = conflict(qtbot, open_editor)
    assert second.conflict_dialog is not None
    second.conflict_dialog.keep_button.click()
    assert second.form.name.text() == "Holloway Choir"
    assert second.form.cost_kind.currentData() == "amount"
    assert second.version == 2 and not second.has_unsaved_changes()
    assert repository.get("choir").version == 2  # type: ignore[union-attr]


def focus_and_wait(qtbot: QtBot, editor: ActivityEditor, widget: QWidget) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_tab_reaches_every_control(qtbot: QtBot, open_editor: Editor) -> None:
    editor = open_editor("choir")
    form = editor.form
    choose(form.cost_kind, "amount")  # shows the amount box
    focus_and_wait(qtbot, editor, form.id_box)
    reached: list[QWidget] = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is None or (reached and widget is reached[0]):
            break
        if widget not in reached:
            reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    wanted = [
        w
        for w in [*form.focus_chain(), editor.save_button, editor.cancel_button]
        if w.isVisible() and w.isEnabled()
    ]
    assert [w for w in wanted if w not in reached] == []
    assert [w.accessibleName() for w in wanted if not w.accessibleName()] == []
    order = [w for w in reached if w in wanted]
    assert order == wanted  # in the order they are laid out


def test_mnemonics_are_unique_and_work(qtbot: QtBot, open_editor: Editor) -> None:
    editor = open_editor("choir")
    texts = [
        w.text()
        for w in editor.findChildren(QLabel) + editor.findChildren(QAbstractButton)
        if w.isVisible() and "&" in w.text().replace("&&", "")
    ]
    keys = [text[text.index("&") + 1].lower() for text in texts]
    assert len(keys) >= 20 and len(keys) == len(set(keys)), sorted(keys)
    focus_and_wait(qtbot, editor, editor.form.name)
    form = editor.form
    for key, widget in (
        (Qt.Key.Key_P, form.postcode),
        (Qt.Key.Key_C, form.categories),
        (Qt.Key.Key_Y, form.sessions.day),
        (Qt.Key.Key_U, form.status),
        (Qt.Key.Key_N, form.name),
    ):
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is widget, widget.accessibleName()
    qtbot.keyClick(form.name, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # a button
    qtbot.waitUntil(lambda: form.last_verified.date().toPython() == TODAY)


def test_keyboard_ticks_categories_and_edits_sessions(qtbot: QtBot, open_editor: Editor) -> None:
    editor = open_editor("choir")
    form = editor.form
    focus_and_wait(qtbot, editor, form.categories)
    form.categories.setCurrentIndex(form.categories.model().index(1, 0))  # Music, ticked
    qtbot.keyClick(form.categories, Qt.Key.Key_Space)
    assert form.data()["categories"] == []
    qtbot.keyClick(form.categories, Qt.Key.Key_Down)
    qtbot.keyClick(form.categories, Qt.Key.Key_Space)
    assert form.data()["categories"] == ["performing_arts"]

    sessions = form.sessions
    focus_and_wait(qtbot, editor, sessions.list)
    qtbot.keyClick(sessions.list, Qt.Key.Key_Insert)
    assert len(sessions.sessions()) == 2 and sessions.current_row() == 1
    focus_and_wait(qtbot, editor, sessions.list)
    qtbot.keyClick(sessions.list, Qt.Key.Key_Delete)
    assert len(sessions.sessions()) == 1


# The map position from the postcode ---------------------------------------------------------


class FakeGeocoder:
    """Answers from a dict; never touches the network."""

    def __init__(self, answers: dict[str, tuple[float, float]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def geocode(self, query: str, *_args: object, **_kwargs: object) -> object:
        self.asked.append(query)
        point = self.answers.get(query.split(",")[0])
        return None if point is None else SimpleNamespace(latitude=point[0], longitude=point[1])


@pytest.fixture
def open_locating_editor(
    qtbot: QtBot, repository: DirectoryRepository, dialogs: FakeDialogs
) -> Iterator[Callable[..., ActivityEditor]]:
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    matches = MatchService(repository)

    def make(
        activity_id: str | None = None, geocoder: FakeGeocoder | None = None
    ) -> ActivityEditor:
        found = repository.get(activity_id) if activity_id else None
        locator = VenueLocator(
            lambda: matches.snapshot().postcodes,
            cached=repository.cached_postcode,
            cache=repository.cache_postcode,
            geocoder=geocoder,
            geocoder_name="fake",
        )
        editor = ActivityEditor(
            found.activity if found else None,
            found.version if found else None,
            saver=ActivitySaver(repository),
            db_runner=runner,
            dialogs=dialogs,  # type: ignore[arg-type]
            today=lambda: TODAY,
            locator=locator,
        )
        qtbot.addWidget(editor)
        editor.open()
        return editor

    yield make
    executor.shutdown(wait=True)


def position_note(qtbot: QtBot, editor: ActivityEditor, text: str) -> None:
    qtbot.waitUntil(lambda: editor.form.position_note_text() == text, timeout=5000)


def test_leaving_a_typed_postcode_fills_an_approximate_position(
    qtbot: QtBot,
    open_locating_editor: Callable[..., ActivityEditor],
    repository: DirectoryRepository,
) -> None:
    editor = open_locating_editor()
    form = editor.form
    assert form.locate_button.isEnabled()
    qtbot.keyClicks(form.name, "Knit & Natter")
    tick(editor, "arts_crafts")
    focus_and_wait(qtbot, editor, form.postcode)
    qtbot.keyClicks(form.postcode, "n7 6zz")  # no venue there; the choir is in N7 6
    qtbot.keyClick(form.postcode, Qt.Key.Key_Tab)
    position_note(qtbot, editor, "Approximate: the middle of N7 6 (no exact match)")
    assert (form.lat.text(), form.lon.text()) == ("51.553", "-0.117")
    assert form.position_note.isVisible()
    assert editor.has_unsaved_changes()
    activity, _version = save(qtbot, editor)
    assert activity.venue == Venue(postcode="N7 6ZZ", lat=51.553, lon=-0.117)
    assert repository.cached_postcode("N7 6ZZ") is None  # an offline guess is not cached


def test_the_button_places_a_known_postcode_exactly(
    qtbot: QtBot, open_locating_editor: Callable[..., ActivityEditor]
) -> None:
    editor = open_locating_editor("choir")
    form = editor.form
    form.postcode.clear()
    qtbot.keyClicks(form.postcode, "N7 9QJ")  # the garden's postcode
    assert form.position_note_text() == ""
    form.locate_button.click()
    position_note(qtbot, editor, "Position from the postcode")
    assert (form.lat.text(), form.lon.text()) == ("51.548", "-0.118")
    # Typing over the position takes the note away: it no longer says where it came from.
    qtbot.keyClicks(form.lat, "1")
    assert form.position_note_text() == ""


def test_an_unplaceable_postcode_says_why_and_leaves_the_position_empty(
    qtbot: QtBot, open_locating_editor: Callable[..., ActivityEditor]
) -> None:
    editor = open_locating_editor()
    form = editor.form
    qtbot.keyClicks(form.postcode, "SW1A 1AA")
    form.locate_button.click()
    position_note(
        qtbot,
        editor,
        "SW1A 1AA could not be placed: no known venue nearby and no online lookup set up",
    )
    assert (form.lat.text(), form.lon.text()) == ("", "")
    assert form.locate_button.isEnabled()


def test_the_online_geocoder_places_a_new_postcode_and_its_answer_is_kept(
    qtbot: QtBot,
    open_locating_editor: Callable[..., ActivityEditor],
    repository: DirectoryRepository,
) -> None:
    geocoder = FakeGeocoder({"E1 6AN": (51.5202, -0.0751)})
    editor = open_locating_editor(geocoder=geocoder)
    form = editor.form
    focus_and_wait(qtbot, editor, form.postcode)
    qtbot.keyClicks(form.postcode, "e1 6an")
    qtbot.keyClick(form.postcode, Qt.Key.Key_Return)
    position_note(qtbot, editor, "Position from the postcode")
    assert (form.lat.text(), form.lon.text()) == ("51.5202", "-0.0751")
    assert geocoder.asked == ["E1 6AN, United Kingdom"]
    assert repository.cached_postcode("E1 6AN") == (51.5202, -0.0751)


def test_leaving_the_postcode_keeps_a_position_already_there(
    qtbot: QtBot, open_locating_editor: Callable[..., ActivityEditor]
) -> None:
    editor = open_locating_editor("choir")
    form = editor.form
    focus_and_wait(qtbot, editor, form.postcode)
    form.postcode.clear()
    qtbot.keyClicks(form.postcode, "N7 9QJ")
    with qtbot.waitSignal(form.postcode.editingFinished, timeout=1000):
        qtbot.keyClick(form.postcode, Qt.Key.Key_Tab)
    # A lookup shows itself the moment it starts (the button goes off, a note says it is
    # finding the place), so right after leaving the box is when to look: none started.
    assert form.locate_button.isEnabled()
    assert form.position_note_text() == ""
    assert (form.lat.text(), form.lon.text()) == ("51.553", "-0.117")


def test_without_a_locator_the_button_is_off_and_says_why(open_editor: Editor) -> None:
    editor = open_editor()
    button = editor.form.locate_button
    assert not button.isEnabled()
    assert "not available" in button.toolTip()
    choose(editor.form.delivery, "online")
    choose(editor.form.delivery, "in_person")
    assert not button.isEnabled()
