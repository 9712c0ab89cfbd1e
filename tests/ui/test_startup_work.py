"""Start-up at scale (issue 17): the Review tab's queue and the interests box's words are
worked out on a worker while the window goes on answering events, the newest request winning;
the follow-up section finds activities through the snapshot's own index; the loaded directory
is kept out of the garbage collector's passes."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, overload

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from navigator.app import build_main_window
from navigator.domain.directory import Activity
from navigator.domain.profile import Profile
from navigator.matching.on_demand import ActivitiesOnDemand
from navigator.services.match_result import MatchOutcome
from navigator.services.matching import DirectorySnapshot, MatchService
from navigator.store.database import StoreError, open_database
from navigator.store.repository import DirectoryMoved, DirectoryRepository
from navigator.ui.appointment.appointment_view import AppointmentView
from navigator.ui.common.tasks import TaskRunner
from navigator.ui.followup.followup_view import FollowUpView
from navigator.ui.review.review_model import ReviewModel
from navigator.ui.review.review_view import ReviewView
from tests.ui.fakes import FakeDialogs, HeldWorker

TODAY = dt.date(2026, 11, 24)


def never_checked(n: int, prefix: str) -> list[Activity]:
    return [Activity(id=f"{prefix}{i}", name=f"Group {i}", categories=("music",)) for i in range(n)]


@pytest.fixture
def held() -> Iterator[HeldWorker]:
    worker = HeldWorker()
    yield worker
    worker.close()


def review_view(qtbot: QtBot, cpu: HeldWorker) -> ReviewView:
    runner = TaskRunner(cpu.executor)
    view = ReviewView(
        lambda _id, _day: None,
        runner,  # saves: none in these tests
        lambda: TODAY,
        cpu_runner=runner,
    )
    runner.setParent(view)
    qtbot.addWidget(view)
    return view


def shown_ids(view: ReviewView) -> list[str]:
    return [view.model.item_at(row).activity.id for row in range(view.model.rowCount())]


def test_the_review_queue_arrives_from_the_worker_while_the_window_answers(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    view.set_directory(never_checked(3, "a"))
    # Nothing worked out on the UI thread: the list waits for the worker, and says so.
    assert view.model.rowCount() == 0
    assert view.summary.text() == "Working out what needs checking…"
    answered: list[bool] = []
    QTimer.singleShot(0, lambda: answered.append(True))
    qtbot.waitUntil(lambda: bool(answered))  # the event loop runs meanwhile
    assert view.model.rowCount() == 0
    with qtbot.waitSignal(view.queue_shown):
        held.release()
    assert shown_ids(view) == ["a0", "a1", "a2"]
    assert view.summary.text().startswith("3 entries need a look")


def test_the_newest_directory_wins_and_the_one_it_replaced_is_never_shown(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    shown: list[list[str]] = []
    view.queue_shown.connect(lambda: shown.append(shown_ids(view)))
    view.set_directory(never_checked(2, "old"))
    view.set_directory(never_checked(1, "new"))
    held.release()
    qtbot.waitUntil(lambda: bool(shown))
    held.drain()  # anything else queued has run by now...
    qtbot.wait(0)  # ...and anything it delivered has been handled
    assert shown == [["new0"]]


def test_every_row_is_the_same_height_without_measuring_its_text(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    long_name = "A group whose name goes on " * 12
    view.set_directory([*never_checked(2, "a"), Activity(id="long", name=long_name, categories=())])
    with qtbot.waitSignal(view.queue_shown):
        held.release()
    heights = row_heights(view)
    assert len(heights) == 1
    assert heights.pop() >= 2 * view.table.fontMetrics().lineSpacing()


def test_rows_are_one_line_high_when_every_name_and_reason_fits(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = review_view(qtbot, held)
    view.set_directory(never_checked(3, "a"))
    with qtbot.waitSignal(view.queue_shown):
        held.release()
    line = view.table.fontMetrics().lineSpacing()
    (height,) = row_heights(view)
    assert line <= height < 2 * line
    # A narrower reasons column no longer shows "Never checked" on one line: two lines.
    view.table.horizontalHeader().resizeSection(ReviewModel.WHY, 20)
    (height,) = row_heights(view)
    assert height >= 2 * line


def row_heights(view: ReviewView) -> set[int]:
    return {view.table.rowHeight(row) for row in range(view.model.rowCount())}


@pytest.fixture
def restore_gc() -> Iterator[None]:
    yield
    gc.unfreeze()  # give the test process its collector back whole


def tracked_ids() -> set[int]:
    """The objects the collector still walks (frozen ones are not among them)."""
    return {id(o) for o in gc.get_objects()}


@pytest.mark.usefixtures("restore_gc")
@pytest.mark.parametrize("freeze", [False, True])
def test_a_loaded_directory_is_kept_out_of_the_collectors_passes_when_asked(
    tmp_path: Path, freeze: bool
) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(never_checked(5, "a"))
    matches = MatchService(repository, snapshot_cache=None, freeze_loaded=freeze)
    activity = matches.snapshot().activities[0]
    assert gc.is_tracked(activity)
    assert (id(activity) in tracked_ids()) is not freeze
    assert gc.isenabled()  # switched back on after the load
    database.close()


@pytest.mark.usefixtures("restore_gc")
def test_the_app_freezes_the_directory_it_loads(qtbot: QtBot, directory_db: str) -> None:
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.appointment.snapshot is not None)
    snapshot = window.appointment.snapshot
    assert snapshot is not None
    assert id(snapshot.activities[0]) not in tracked_ids()


class Unranked:
    """A match use case that never ranks: these tests watch the interests box only."""

    def match_profile(self, profile: object, **options: object) -> MatchOutcome:
        raise RuntimeError("not ranked in this test")


def with_keyword(keyword: str) -> DirectorySnapshot:
    return DirectorySnapshot.build(
        [Activity(id=keyword, name="Group", categories=("music",), keywords=(keyword,))]
    )


def appointment_view(qtbot: QtBot, cpu: HeldWorker) -> AppointmentView:
    runner = TaskRunner(cpu.executor)
    view = AppointmentView(
        Unranked(), runner, lambda: dt.datetime(2026, 11, 24, 9, 0), FakeDialogs()
    )
    runner.setParent(view)
    qtbot.addWidget(view)
    return view


def offered(view: AppointmentView, typed: str) -> list[str]:
    """What the interests box offers once `typed` is in it."""
    interests = view.person.interests
    interests.line.setText(typed)
    interests.line.textEdited.emit(typed)
    return interests._completions.stringList()


def test_the_interests_words_of_a_new_directory_are_gathered_on_the_worker(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = appointment_view(qtbot, held)
    view.set_snapshot(with_keyword("quoddlegroup"))
    # The directory is taken at once (suggestions can rank) but its words are not gathered
    # on the UI thread: the box still offers what it did, and answers meanwhile.
    assert view.snapshot is not None
    assert offered(view, "quoddle") == []
    assert "music" in offered(view, "musi")  # the taxonomy's words, as before the load
    answered: list[bool] = []
    QTimer.singleShot(0, lambda: answered.append(True))
    qtbot.waitUntil(lambda: bool(answered))
    held.release()
    qtbot.waitUntil(lambda: offered(view, "quoddle") == ["quoddlegroup"])


def test_the_interests_words_come_from_the_newest_directory_only(
    qtbot: QtBot, held: HeldWorker
) -> None:
    view = appointment_view(qtbot, held)
    interests = view.person.interests
    given: list[object] = []
    set_suggester = interests.set_suggester

    def counted(suggester: Any) -> None:
        given.append(suggester)
        set_suggester(suggester)

    interests.set_suggester = counted  # type: ignore[method-assign]
    view.set_snapshot(with_keyword("quoddleold"))
    view.set_snapshot(with_keyword("quoddlenew"))
    held.release()
    qtbot.waitUntil(lambda: offered(view, "quoddle") == ["quoddlenew"])
    held.drain()
    qtbot.wait(0)
    assert offered(view, "quoddle") == ["quoddlenew"]
    # The older directory's words were never gathered or handed over, not merely overtaken.
    assert len(given) == 1


class Unwalkable(Sequence[Activity]):
    """A directory that fails the test if anything walks it."""

    def __init__(self, size: int) -> None:
        self._size = size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, i: int) -> Activity: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Activity]: ...
    def __getitem__(self, i: int | slice) -> Activity | Sequence[Activity]:
        raise AssertionError("the directory was walked on the UI thread")


def test_the_follow_up_section_finds_activities_through_the_index_it_is_given(
    qtbot: QtBot, held: HeldWorker
) -> None:
    runner = TaskRunner(held.executor)
    view = FollowUpView(
        lambda _worker: None,  # type: ignore[arg-type,return-value]  # never signed in here
        runner,
        FakeDialogs(),  # type: ignore[arg-type]
        Profile,
        lambda: [],
    )
    qtbot.addWidget(view)
    choir = Activity(id="choir", name="Choir", categories=("music",))
    view.set_directory(Unwalkable(100_000), {"choir": choir}.get)
    assert view._find("choir") is choir


@pytest.mark.usefixtures("restore_gc")
def test_the_window_hands_the_follow_up_section_the_snapshots_index(
    qtbot: QtBot, directory_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[tuple[Sequence[Activity], Callable[[str], Activity | None] | None]] = []
    monkeypatch.setattr(
        FollowUpView,
        "set_directory",
        lambda _view, activities, find=None: given.append((activities, find)),
    )
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(given))
    snapshot = window.appointment.snapshot
    assert snapshot is not None
    activities, find = given[0]
    assert activities is snapshot.activities
    assert find is not None
    assert find("choir") is snapshot.activity("choir")
    assert find("no such activity") is None


@pytest.mark.usefixtures("restore_gc")
def test_a_start_with_the_cache_suggests_before_the_directory_is_listed(
    qtbot: QtBot, directory_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.directory.model.rowCount() > 0)  # the cache now saved
    saved = first.appointment.snapshot
    assert saved is not None
    kept = saved.activities[0]  # on the next window's shortlist from the start
    first.close()

    # (view, whether the snapshot was complete): the first window's late steps may come too.
    given: list[tuple[object, bool]] = []
    set_snapshot = AppointmentView.set_snapshot

    def appointment_given(view: AppointmentView, snapshot: DirectorySnapshot) -> None:
        given.append((view, snapshot.complete))
        set_snapshot(view, snapshot)

    listed = FollowUpView.set_directory

    def followup_given(view: FollowUpView, activities: Any, find: Any = None) -> None:
        given.append((view, True))
        listed(view, activities, find)

    completions: list[DirectorySnapshot] = []
    complete = MatchService.complete

    def counted(service: MatchService, snapshot: DirectorySnapshot) -> DirectorySnapshot:
        completions.append(snapshot)
        return complete(service, snapshot)

    read_on: list[str] = []  # the thread each on-demand read ran on
    activities_at = DirectoryRepository.activities_at

    def read(repository: DirectoryRepository, ids: Any, revision: int) -> list[Activity]:
        read_on.append(threading.current_thread().name)
        return activities_at(repository, ids, revision)

    monkeypatch.setattr(AppointmentView, "set_snapshot", appointment_given)
    monkeypatch.setattr(FollowUpView, "set_directory", followup_given)
    monkeypatch.setattr(MatchService, "complete", counted)
    monkeypatch.setattr(DirectoryRepository, "activities_at", read)
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    # A shortlist already made (a profile opened with one, say): refreshed from the directory
    # only once it is read in full, never by reading the store on the UI thread.
    window.appointment.side.add(kept)
    window.show()
    window.reload_directory()  # a refresh while it is read: not read twice
    names = {window.appointment: "appointment", window.followup: "follow-up"}

    def seen() -> list[tuple[str, bool]]:
        return [(names[view], complete) for view, complete in given if view in names]

    qtbot.waitUntil(lambda: ("follow-up", True) in seen())
    # The appointment had it first, reading on demand; then again once it was complete
    # (for the interests box's words), before the sections that list every activity.
    assert seen()[:3] == [("appointment", False), ("appointment", True), ("follow-up", True)]
    snapshot = window.appointment.snapshot
    assert snapshot is not None and snapshot.complete and completions == [snapshot]
    qtbot.waitUntil(lambda: window.directory.model.rowCount() == len(snapshot))
    qtbot.waitUntil(lambda: not window.appointment.ranking_pending)
    assert window.appointment.suggestions_model.rowCount() > 0
    # The suggestions' activities were read by the ranking, on its worker: never the store
    # read on the UI thread.
    assert read_on and threading.main_thread().name not in read_on
    assert window.appointment.shortlist_model.activities()[0].id == kept.id


# The appointment on a directory read on demand ----------------------------------------------


def on_demand_copy(
    snapshot: DirectorySnapshot, read: Callable[[list[str]], list[Activity]]
) -> DirectorySnapshot:
    """`snapshot` as a start with the cache restores it: over the ids, each activity read
    by `read` the first time it is needed."""
    ids = [a.id for a in snapshot.activities]
    return DirectorySnapshot.restored(ActivitiesOnDemand(ids, read), snapshot.parts())


@pytest.fixture
def ranked(qtbot: QtBot, directory_db: str) -> Iterator[tuple[AppointmentView, MatchService]]:
    """An appointment showing suggestions ranked in the whole (built) directory."""
    database = open_database(f"sqlite:///{directory_db}")
    service = MatchService(DirectoryRepository(database))
    executor = ThreadPoolExecutor(max_workers=1)
    runner = TaskRunner(executor)
    view = AppointmentView(service, runner, lambda: dt.datetime(2026, 11, 24, 9, 0), FakeDialogs())
    qtbot.addWidget(view)
    view.set_snapshot(service.snapshot())
    qtbot.waitUntil(lambda: view.suggestions_model.rowCount() > 0 and not view.ranking_pending)
    yield view, service
    view.stop()
    executor.shutdown(wait=True)
    database.close()


def test_the_suggestions_on_screen_are_looked_up_where_they_were_ranked(
    qtbot: QtBot, ranked: tuple[AppointmentView, MatchService]
) -> None:
    view, service = ranked
    by_id = {a.id: a for a in service.snapshot().activities}
    on_ui_thread: list[bool] = []
    gate = threading.Event()

    def read(ids: list[str]) -> list[Activity]:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        gate.wait(10)  # the newer directory's ranking is still reading
        return [by_id[i] for i in ids]

    shown = view.suggestions_model.suggestion_at(0).id
    view.set_snapshot(on_demand_copy(service.snapshot(), read))
    # Ticking a suggestion still on screen, and opening an "also nearby" one, while the newer
    # directory is being read: both from the directory the suggestion came from.
    view._on_suggestions_toggle_requested(0)
    assert [a.id for a in view.shortlist_model.activities()] == [shown]
    assert view.outcome is not None
    nearby = [entry.id for entry in view.outcome.report.also_nearby]
    if nearby:
        view.also_nearby.linkActivated.emit(nearby[0])
    gate.set()
    qtbot.waitUntil(lambda: not view.ranking_pending)
    assert on_ui_thread and not any(on_ui_thread)  # the newer one read only on the worker


def test_a_ranking_that_finds_the_directory_changed_asks_for_it_again(
    qtbot: QtBot, ranked: tuple[AppointmentView, MatchService]
) -> None:
    view, service = ranked

    def moved(ids: list[str]) -> list[Activity]:
        raise DirectoryMoved()

    with qtbot.waitSignal(view.directory_moved, timeout=10_000):
        view.set_snapshot(on_demand_copy(service.snapshot(), moved))
    assert "changed" in view.status.text() and "could not" not in view.status.text()


def test_the_window_reads_the_directory_again_when_the_appointment_asks(
    qtbot: QtBot, directory_db: str
) -> None:
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.directory.model.rowCount() > 0)
    loads: list[bool] = []
    load = window._load_snapshot

    def counted() -> DirectorySnapshot:
        loads.append(True)
        return load()

    window._load_snapshot = counted
    window.appointment.directory_moved.emit()
    qtbot.waitUntil(lambda: loads == [True])


def test_a_lost_database_before_the_directory_is_read_in_full_is_said_as_it_is(
    qtbot: QtBot, directory_db: str
) -> None:
    window = build_main_window(directory_db, dialogs=FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.directory.model.rowCount() > 0)
    listed = window.appointment.snapshot
    assert listed is not None
    by_id = {a.id: a for a in listed.activities}
    restored = on_demand_copy(listed, lambda ids: [by_id[i] for i in ids])

    def unreachable(snapshot: DirectorySnapshot) -> DirectorySnapshot:
        raise StoreError("The database server cannot be reached.")

    window._load_snapshot = lambda: restored
    window._complete_snapshot = unreachable
    window.reload_directory()
    qtbot.waitUntil(lambda: "could not be reached" in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    # Not "working from the copy loaded earlier": activities not read yet cannot be shown.
    assert "loaded earlier" not in message and "Some suggestions cannot be shown" in message
