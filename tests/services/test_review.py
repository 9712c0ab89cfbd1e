"""The review queue: follow-up reports first, then guesses about who may go, never checked,
other guesses, then the longest unchecked; and confirming or correcting Navigator's guesses."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Cost, CostUnit, Gender, Status, Venue
from navigator.domain.people import ActivityFlag, StopReason
from navigator.domain.reports import FOUND_AT_FOLLOW_UP, ProblemKind, ProblemReport
from navigator.services.review import GuessReview, review_queue
from navigator.store.database import open_database
from navigator.store.repository import ConflictError, DirectoryRepository, VersionedActivity

TODAY = dt.date(2026, 11, 24)


def activity(activity_id: str, checked: dt.date | None, status: Status = Status.ACTIVE) -> Activity:
    return Activity(
        id=activity_id,
        name=activity_id.title(),
        categories=("music",),
        last_verified=checked,
        status=status,
    )


def test_urgent_first_and_recent_entries_left_out() -> None:
    activities = [
        activity("fresh", dt.date(2026, 10, 1)),
        activity("stale", dt.date(2025, 3, 2)),
        activity("staler", dt.date(2024, 6, 1)),
        activity("never", None),
        activity("reported", dt.date(2026, 11, 1)),
        activity("gone", None, Status.ARCHIVED),
        activity("paused", dt.date(2026, 6, 1), Status.PAUSED),
    ]
    flags = [ActivityFlag("reported", StopReason.CLOSED, dt.date(2026, 11, 20))]
    queue = review_queue(activities, flags, TODAY)
    assert [item.activity.id for item in queue] == [
        "reported",
        "never",
        "staler",
        "stale",
        "paused",
    ]
    assert queue[0].reasons == ("Reported closed by a follow-up on 20 November 2026",)
    assert queue[3].reasons == ("Not checked since March 2025",)
    assert queue[4].reasons == ("Paused: has it started again?",)


def test_a_follow_up_flag_that_also_went_to_the_directory_is_listed_once() -> None:
    on = dt.date(2026, 11, 20)
    flags = [ActivityFlag("reported", StopReason.CLOSED, on)]
    reports = [ProblemReport("reported", (ProblemKind.CLOSED,), FOUND_AT_FOLLOW_UP, on)]
    queue = review_queue([activity("reported", TODAY)], flags, TODAY, reports=reports)
    assert queue[0].reasons == (
        "Reported by a worker on 20 November 2026: closed (found at a follow-up)",
    )
    # A flag from before follow-ups reported to the directory is still listed.
    older = [*flags, ActivityFlag("reported", StopReason.WRONG_TIME, dt.date(2026, 9, 1))]
    assert (
        len(review_queue([activity("reported", TODAY)], older, TODAY, reports=reports)[0].reasons)
        == 2
    )


def test_checking_an_entry_takes_it_off_the_queue() -> None:
    stale = activity("stale", dt.date(2025, 3, 2))
    assert review_queue([stale], [], TODAY)
    assert review_queue([dataclasses.replace(stale, last_verified=TODAY)], [], TODAY) == []


def test_worker_reports_come_first_and_the_period_can_be_chosen() -> None:
    from navigator.domain.reports import ProblemKind, ProblemReport

    activities = [
        activity("seven-months", dt.date(2026, 4, 20)),
        activity("reported", dt.date(2026, 11, 1)),
    ]
    report = ProblemReport(
        "reported",
        (ProblemKind.WRONG_TIME, ProblemKind.COST_CHANGED),
        "now on Fridays",
        dt.date(2026, 11, 23),
    )
    queue = review_queue(activities, [], TODAY, reports=[report])
    assert [item.activity.id for item in queue] == ["reported", "seven-months"]
    assert queue[0].reasons == (
        "Reported by a worker on 23 November 2026: wrong time and cost changed (now on Fridays)",
    )
    assert [i.activity.id for i in review_queue(activities, [], TODAY, stale_months=12)] == []


def test_entries_people_are_sent_to_most_come_first_among_equals() -> None:
    activities = [activity("quiet", dt.date(2024, 1, 1)), activity("busy", dt.date(2025, 1, 1))]
    plain = review_queue(activities, [], TODAY)
    assert [i.activity.id for i in plain] == ["quiet", "busy"]  # oldest first
    busy_first = review_queue(activities, [], TODAY, demand={"busy": 4, "quiet": 1})
    assert [i.activity.id for i in busy_first] == ["busy", "quiet"]


# Guessed by Navigator ---------------------------------------------------------------------------


def guessed(
    activity_id: str, *fields: str, checked: dt.date | None = TODAY, **values: object
) -> Activity:
    return dataclasses.replace(activity(activity_id, checked), guessed=fields, **values)


def test_guesses_are_a_reason_in_plain_words_with_their_values() -> None:
    entry = guessed(
        "walk",
        "categories",
        "gender",
        "mental_health_specific",
        "cost",
        "venue.step_free",
        categories=("walking", "sport_fitness"),
        gender=Gender.WOMEN,
        mental_health_specific=True,
        cost=Cost(per_session_gbp=0.0),
        venue=Venue(postcode="N7 6PA"),
    )
    [item] = review_queue([entry], [], TODAY)
    # Who may go first (a wrong guess there shuts people out), then the rest.
    assert item.reasons == (
        "Guessed by Navigator: women only, mental-health group, categories "
        "(Walking, Sport and fitness), free, step-free access not known",
    )
    assert [g.field for g in item.guesses] == [
        "gender",
        "mental_health_specific",
        "categories",
        "cost",
        "venue.step_free",
    ]


def test_a_guess_about_who_may_go_comes_before_other_guesses_but_after_reports() -> None:
    activities = [
        guessed("category-only", "categories"),
        guessed("women", "gender", gender=Gender.WOMEN),
        activity("never", None),
        activity("reported", TODAY),
        activity("stale", dt.date(2024, 1, 1)),
    ]
    flags = [ActivityFlag("reported", StopReason.CLOSED, TODAY)]
    queue = review_queue(activities, flags, TODAY)
    assert [i.activity.id for i in queue] == [
        "reported",
        "women",
        "never",
        "category-only",
        "stale",
    ]


def test_a_never_checked_entry_with_guesses_lists_both_reasons() -> None:
    [item] = review_queue(
        [guessed("esol", "for_learners_of", checked=None, for_learners_of=("en",))], [], TODAY
    )
    assert item.reasons == ("Guessed by Navigator: for people learning English", "Never checked")


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[DirectoryRepository]:
    database = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    yield DirectoryRepository(database)
    database.close()


def stored_entry(repository: DirectoryRepository, activity_id: str) -> Activity:
    found = repository.get(activity_id)
    assert found is not None
    return found.activity


def test_confirming_keeps_the_values_and_clears_the_guesses(
    repository: DirectoryRepository,
) -> None:
    entry = guessed("walk", "categories", "gender", categories=("walking",), gender=Gender.WOMEN)
    repository.import_activities([entry])
    decision = GuessReview(repository).settle(entry, entry.guessed)
    saved = stored_entry(repository, "walk")
    assert saved.guessed == ()
    assert (saved.categories, saved.gender) == (("walking",), Gender.WOMEN)
    assert decision.describe() == "Walk: confirmed categories and who may attend."
    assert review_queue([saved], [], TODAY) == []  # checked today and nothing guessed


def test_a_correction_is_saved_and_only_settled_fields_leave_guessed(
    repository: DirectoryRepository,
) -> None:
    entry = guessed(
        "cafe",
        "categories",
        "mental_health_specific",
        "cost",
        categories=("wellbeing_support",),
        mental_health_specific=True,
        cost=Cost(per_session_gbp=0.0),
    )
    repository.import_activities([entry])
    decision = GuessReview(repository).settle(
        entry,
        ["categories"],
        {"categories": ("social_club", "cooking_food"), "mental_health_specific": False},
    )
    saved = stored_entry(repository, "cafe")
    assert saved.categories == ("social_club", "cooking_food")
    assert saved.mental_health_specific is False
    assert saved.guessed == ("cost",)  # not settled: still a guess to look at
    assert decision.corrected == ("categories", "mental_health_specific")
    assert decision.describe() == ("Cafe: corrected categories and mental-health group.")


def test_someone_elses_save_in_between_is_a_conflict_and_nothing_is_overwritten(
    repository: DirectoryRepository,
) -> None:
    entry = guessed("walk", "gender", gender=Gender.WOMEN)
    repository.import_activities([entry])
    theirs = dataclasses.replace(entry, name="Walk and Talk")
    repository.save(theirs, 1)  # another prescriber saved it after this list was loaded
    with pytest.raises(ConflictError):
        GuessReview(repository).settle(entry, ["gender"], {"gender": Gender.ANY})
    assert stored_entry(repository, "walk") == theirs


def test_a_save_that_races_in_between_reading_and_writing_is_refused(
    repository: DirectoryRepository,
) -> None:
    entry = guessed("walk", "gender", gender=Gender.WOMEN)
    repository.import_activities([entry])

    class RacingStore:
        """Someone saves between the version check's read and the write."""

        def get(self, activity_id: str) -> VersionedActivity | None:
            found = repository.get(activity_id)
            repository.save(dataclasses.replace(entry, name="Theirs"), 1)
            return found

        def save(self, activity: Activity, expected_version: int | None) -> int:
            return repository.save(activity, expected_version)

    with pytest.raises(ConflictError):
        GuessReview(RacingStore()).settle(entry, ["gender"])
    assert stored_entry(repository, "walk").name == "Theirs"


def test_undo_puts_the_guesses_back_unless_someone_saved_since(
    repository: DirectoryRepository,
) -> None:
    entry = guessed("walk", "gender", "categories", gender=Gender.WOMEN)
    repository.import_activities([entry])
    review = GuessReview(repository)
    decision = review.settle(entry, entry.guessed, {"gender": Gender.ANY})
    review.undo(decision)
    assert stored_entry(repository, "walk") == entry
    again = review.settle(entry, ["gender"])
    repository.save(dataclasses.replace(again.after, name="Theirs"), again.version)
    with pytest.raises(ConflictError):
        review.undo(again)
    assert stored_entry(repository, "walk").name == "Theirs"


@pytest.mark.parametrize(
    ("fields", "corrections", "message"),
    [
        (["categories"], {"categories": ()}, "Choose at least one category."),
        (
            ["categories"],
            {"categories": ("careers",)},
            "careers is not a category Navigator knows.",
        ),
        (["gender"], {"gender": "children"}, "Who may attend is anyone, women only or men only."),
        (["venue.position"], {"venue.position": None}, "Place on the map is changed in the editor"),
        (["age"], {}, "Walk: Ages was not guessed."),
        ([], {}, "Walk: there is no guess to confirm."),
    ],
)
def test_a_correction_that_cannot_be_right_says_why_and_saves_nothing(
    repository: DirectoryRepository, fields: list[str], corrections: dict[str, object], message: str
) -> None:
    entry = guessed("walk", "categories", "gender", "venue.position", gender=Gender.WOMEN)
    repository.import_activities([entry])
    with pytest.raises(ValueError, match=message):
        GuessReview(repository).settle(entry, fields, corrections)
    assert repository.get("walk") == VersionedActivity(entry, 1)


def test_each_guessed_field_is_said_in_plain_words() -> None:
    entry = guessed(
        "play",
        "with_child",
        "age",
        "venue.position",
        "for_learners_of",
        "cost",
        with_child=True,
        age_max=4,
        venue=Venue(postcode="N7 6PA", lat=51.5, lon=-0.1),
        cost=Cost(amount_gbp=5.0, unit=CostUnit.YEAR),
    )
    [item] = review_queue([entry], [], TODAY)
    assert item.reasons == (
        "Guessed by Navigator: ages up to 4, for a young child with a parent "
        "or carer, not a language class, £5 a year, place on the map near "
        "N7 6PA",
    )
    assert item.guesses[-1].value == "near N7 6PA"  # the panel names the field itself
    assert [g.label for g in item.guesses] == [
        "Ages",
        "With a young child",
        "Language class",
        "Cost",
        "Place on the map",
    ]
