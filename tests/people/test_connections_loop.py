"""The connections loop (issue 16): where suggestions stand in a person's plan, stopped ones
left out until their reason goes, alerts when a planned activity changes, and a new activity
finding the people it suits. Services only, no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Cost, CostUnit, Day, Session, Status, Venue
from navigator.domain.people import ActivityTerms, PlanItem, PlanStatus, StopReason
from navigator.domain.profile import LatLon, Profile
from navigator.services.matching import DirectorySnapshot, MatchService
from navigator.services.people import PeopleService, open_people_service
from navigator.services.plan_alerts import AlertKind, alert_counts, plan_alerts
from navigator.services.plan_context import PlanContext, match_in_plan, terms_of
from navigator.services.rematch import Rematch, changed_activities
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.people.conftest import NOW, TODAY, Clock

HERE = LatLon(51.55, -0.11)
MORNING = Session(Day.TUE, dt.time(10), dt.time(12))


def activity(activity_id: str, **changes: object) -> Activity:
    base = Activity(
        id=activity_id,
        name=f"Garden club {activity_id}",
        categories=("nature_gardening",),
        keywords=("gardening",),
        venue=Venue(name="Hall", postcode="N7 6PA", lat=51.551, lon=-0.111),
        sessions=(MORNING,),
        cost=Cost(per_session_gbp=3.0),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]  # test-only fields


class Directory:
    """The directory as the people service sees it: a settable lookup by id."""

    def __init__(self, *activities: Activity) -> None:
        self.activities = {a.id: a for a in activities}

    def put(self, a: Activity) -> None:
        self.activities[a.id] = a

    def terms(self, activity_id: str) -> ActivityTerms | None:
        found = self.activities.get(activity_id)
        return None if found is None else terms_of(found)


@pytest.fixture
def directory() -> Directory:
    return Directory(activity("a"), activity("b"))


@pytest.fixture
def matcher(tmp_path: Path) -> Iterator[MatchService]:
    """The match use case on an empty directory store: the tests pass their own snapshots."""
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    yield MatchService(DirectoryRepository(database))
    database.close()


@pytest.fixture
def people(tmp_path: Path, clock: Clock, directory: Directory) -> Iterator[PeopleService]:
    service = open_people_service(
        str(tmp_path / "people.db"), worker="Sam", clock=clock, activity_terms=directory.terms
    )
    yield service
    service.close()


def stopped(
    people: PeopleService, clock: Clock, reason: StopReason, reference: str = "AB-1"
) -> None:
    people.create_from_profile(
        Profile(location=HERE, interests=("gardening",)), reference=reference, plan=[("a", "A")]
    )
    people.set_plan_status(reference, "a", PlanStatus.TRIED)
    clock.advance(7)
    people.set_plan_status(reference, "a", PlanStatus.STOPPED, reason=reason)


def context(people: PeopleService, directory: Directory) -> PlanContext:
    record = people.person("AB-1")
    return PlanContext.of(record.reference, record.plan, directory.activities.get)


# Plan items keep the activity's terms ----------------------------------------------------------


def test_a_plan_item_keeps_the_price_and_times_it_was_planned_and_stopped_with(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    stopped(people, clock, StopReason.COST)
    item = people.person("AB-1").plan[0]
    assert item.terms == ActivityTerms(3.0, CostUnit.SESSION, ("tue 10:00-12:00",))


# Standing and leaving out ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (PlanStatus.AGREED, "On their plan: agreed to try"),
        (PlanStatus.GOING_REGULARLY, "On their plan: going regularly"),
    ],
)
def test_a_planned_activity_says_where_it_stands(
    people: PeopleService, directory: Directory, status: PlanStatus, text: str
) -> None:
    people.create_from_profile(Profile(), reference="AB-1", plan=[("a", "A")])
    people.set_plan_status("AB-1", "a", status)
    standing = context(people, directory).standing("a")
    assert standing is not None and standing.text == text and not standing.left_out


def test_stopped_because_not_welcome_is_left_out_whatever_changes(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    stopped(people, clock, StopReason.NOT_WELCOME)
    directory.put(activity("a", cost=Cost(per_session_gbp=0.0), sessions=()))
    standing = context(people, directory).standing("a")
    assert standing is not None
    assert standing.text == "Tried, stopped: did not feel welcome"
    assert standing.left_out


@pytest.mark.parametrize(
    ("cost", "back"),
    [
        (Cost(per_session_gbp=3.0), None),  # the same: still out
        (Cost(per_session_gbp=4.0), None),  # dearer: still out
        (Cost(amount_gbp=2.0, unit=CostUnit.MONTH), None),  # another kind of price: not told
        (Cost(per_session_gbp=2.0), "it costs less now"),
        (Cost(per_session_gbp=0.0), "it is free now"),
    ],
)
def test_stopped_for_cost_comes_back_only_when_it_is_cheaper_or_free(
    people: PeopleService, clock: Clock, directory: Directory, cost: Cost, back: str | None
) -> None:
    stopped(people, clock, StopReason.COST)
    directory.put(activity("a", cost=cost))
    standing = context(people, directory).standing("a")
    assert standing is not None
    assert standing.left_out is (back is None)
    assert standing.text == "Tried, stopped: the cost" + (f" ({back})" if back else "")


def test_stopped_for_the_time_comes_back_when_the_times_change(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    stopped(people, clock, StopReason.TIME)
    assert context(people, directory).left_out == {"a"}
    directory.put(activity("a", sessions=(Session(Day.TUE, dt.time(14), dt.time(16)),)))
    standing = context(people, directory).standing("a")
    assert standing is not None and not standing.left_out
    assert standing.text.endswith("(its times have changed)")


def test_stopped_because_closed_comes_back_once_checked_as_running_since(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    stopped(people, clock, StopReason.CLOSED)
    stopped_on = people.person("AB-1").plan[0].updated_on
    assert stopped_on is not None
    directory.put(activity("a", last_verified=stopped_on))  # checked that day: not after
    assert context(people, directory).left_out == {"a"}
    directory.put(activity("a", last_verified=stopped_on + dt.timedelta(days=1)))
    assert context(people, directory).left_out == set()


def test_an_item_stopped_before_terms_were_kept_stays_out() -> None:
    item = PlanItem("a", "A", PlanStatus.STOPPED, StopReason.COST, updated_on=TODAY)
    standing = PlanContext.of("AB-1", [item], {"a": activity("a", cost=None)}.get).standing("a")
    assert standing is not None and standing.left_out


def test_the_context_takes_left_out_activities_off_the_outcome(
    people: PeopleService, clock: Clock, directory: Directory, matcher: MatchService
) -> None:
    stopped(people, clock, StopReason.NOT_WELCOME)
    snapshot = DirectorySnapshot.build(list(directory.activities.values()))
    outcome = matcher.match_profile(
        Profile(location=HERE, interests=("gardening",)),
        now=NOW.replace(tzinfo=None),
        snapshot=snapshot,
    )
    assert {s.id for s in outcome.report.results} == {"a", "b"}
    shown = context(people, directory).apply(outcome)
    assert [(s.id, s.rank) for s in shown.report.results] == [("b", 1)]
    # Going regularly: shown with its standing, not left out.
    going = PlanItem("a", "A", PlanStatus.GOING_REGULARLY, updated_on=TODAY)
    assert PlanContext.of("AB-1", [going], directory.activities.get).apply(outcome) is outcome


# Alerts ----------------------------------------------------------------------------------------


def test_alerts_for_paused_archived_gone_and_moved_activities(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    directory.put(activity("c"))
    directory.put(activity("d"))
    people.create_from_profile(
        Profile(), reference="AB-1", plan=[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]
    )
    assert plan_alerts(people.person("AB-1").plan, directory.activities.get) == []
    directory.put(activity("a", status=Status.PAUSED))
    directory.put(activity("b", status=Status.ARCHIVED))
    del directory.activities["c"]
    directory.put(activity("d", sessions=(Session(Day.WED, dt.time(10), dt.time(12)),)))
    alerts = plan_alerts(people.person("AB-1").plan, directory.activities.get)
    assert [(a.activity_id, a.kind) for a in alerts] == [
        ("a", AlertKind.PAUSED),
        ("b", AlertKind.ARCHIVED),
        ("c", AlertKind.GONE),
        ("d", AlertKind.MOVED),
    ]
    assert alerts[3].text == "Times changed: now Wed 10:00-12:00 (was Tue 10:00-12:00)"
    assert alert_counts([people.person("AB-1")], directory.activities.get) == {"AB-1": 4}


def test_updating_the_plan_item_takes_the_new_times_and_the_alert_goes(
    people: PeopleService, directory: Directory
) -> None:
    people.create_from_profile(Profile(), reference="AB-1", plan=[("a", "A")])
    directory.put(activity("a", sessions=(Session(Day.WED, dt.time(10), dt.time(12)),)))
    assert len(plan_alerts(people.person("AB-1").plan, directory.activities.get)) == 1
    people.set_plan_status("AB-1", "a", PlanStatus.TRIED)
    assert plan_alerts(people.person("AB-1").plan, directory.activities.get) == []


def test_a_stopped_activity_raises_no_alert(
    people: PeopleService, clock: Clock, directory: Directory
) -> None:
    stopped(people, clock, StopReason.OTHER)
    directory.put(activity("a", status=Status.ARCHIVED))
    assert plan_alerts(people.person("AB-1").plan, directory.activities.get) == []


# A new activity finds people -------------------------------------------------------------------


def test_only_new_newly_active_or_matching_changes_count() -> None:
    a, b, c, d = activity("a"), activity("b"), activity("c", status=Status.PAUSED), activity("d")
    after = [
        dataclasses.replace(a, last_verified=TODAY),  # only re-checked: finds nobody
        dataclasses.replace(b, keywords=("allotment",)),  # matching reads this
        dataclasses.replace(c, status=Status.ACTIVE),  # back from a pause
        d,  # unchanged
        activity("e"),  # new
        activity("f", status=Status.PAUSED),  # new but not running
    ]
    assert [x.id for x in changed_activities([a, b, c, d], after)] == ["b", "c", "e"]


def test_a_new_activity_finds_the_open_records_it_suits(
    people: PeopleService, matcher: MatchService
) -> None:
    gardener = Profile(location=HERE, interests=("gardening",))
    people.create_from_profile(gardener, reference="AB-1")
    people.create_from_profile(gardener, reference="AB-2", plan=[("new", "New")])  # has it
    people.create_from_profile(gardener, reference="AB-3")
    people.close_record("AB-3")  # closed: not looked at
    people.create_from_profile(Profile(location=HERE, interests=("choir",)), reference="AB-4")
    people.create_from_profile(Profile(location=HERE), reference="AB-5")  # no interests
    far = dataclasses.replace(gardener, max_distance_km=1.0, location=LatLon(52.5, -1.9))
    people.create_from_profile(far, reference="AB-6")  # too far

    news = Rematch(matcher).run(
        people.open_records(), [activity("new")], now=NOW.replace(tzinfo=None)
    )
    assert [p.reference for p in news.people] == ["AB-1"]
    assert news.headline == "New for 1 person you support"
    (fit,) = news.people[0].fits
    assert fit.activity_id == "new"
    assert any("gardening" in reason for reason in fit.reasons)
    assert news.records == 5 and news.activities == 1


def test_nothing_new_says_so(matcher: MatchService) -> None:
    news = Rematch(matcher).run([], [], now=NOW.replace(tzinfo=None))
    assert news.people == () and news.headline == "Nothing new for the people you support"


def test_match_in_plan_places_the_outcome_only_while_the_reference_is_the_records(
    people: PeopleService, clock: Clock, directory: Directory, matcher: MatchService
) -> None:
    stopped(people, clock, StopReason.NOT_WELCOME)
    plan = people.person("AB-1").plan
    snapshot = DirectorySnapshot.build(list(directory.activities.values()))
    profile = Profile(location=HERE, interests=("gardening",), reference="AB-1")
    now = NOW.replace(tzinfo=None)
    outcome, context = match_in_plan(
        matcher, profile, now=now, top=10, snapshot=snapshot, plan=plan, reference="AB-1"
    )
    assert context is not None and [s.id for s in outcome.report.results] == ["b"]
    other = dataclasses.replace(profile, reference="ZZ-9")  # the worker moved on to someone else
    outcome, context = match_in_plan(
        matcher, other, now=now, top=10, snapshot=snapshot, plan=plan, reference="AB-1"
    )
    assert context is None and {s.id for s in outcome.report.results} == {"a", "b"}
