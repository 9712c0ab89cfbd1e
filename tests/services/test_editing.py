"""Editing without Qt: form checks in plain words, field-by-field comparison, merging one
person's changes onto another's, and new ids that never clash."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from navigator.domain.directory import (
    Activity,
    Cost,
    CostUnit,
    Day,
    Frequency,
    Session,
    Source,
    Venue,
)
from navigator.formats.native import activity_to_json, read_directory_file
from navigator.services.editing import (
    FIELDS,
    carry_over,
    changed_fields,
    check_form,
    compare,
    describe_value,
    field_of,
    flatten,
    languages_from_text,
    languages_to_text,
    new_activity_id,
    reapply,
    slugify,
)
from tests.conftest import SAMPLE_DIRECTORY

TODAY = dt.date(2026, 11, 24)
BASE = Activity(
    id="choir",
    name="Holloway Community Choir",
    categories=("music",),
    venue=Venue(name="St Luke's Hall", postcode="N7 6PA", lat=51.553, lon=-0.117),
    sessions=(Session(Day.WED, dt.time(18, 30), dt.time(20)),),
    cost=Cost(per_session_gbp=2.0, concessions=True),
)


def form(**changes: Any) -> dict[str, Any]:
    data = activity_to_json(BASE)
    for path, value in changes.items():
        group, _, key = path.partition("__")
        if key:
            data[group][key] = value
        else:
            data[path] = value
    return data


@pytest.fixture(scope="module")
def sample() -> list[Activity]:
    return read_directory_file(SAMPLE_DIRECTORY)


def messages(data: dict[str, Any]) -> dict[str, str]:
    return {n.path: n.message for n in check_form(data, TODAY).notes}


def test_a_clean_form_reads_back_as_the_same_activity(sample: list[Activity]) -> None:
    for activity in sample:
        check = check_form(activity_to_json(activity), TODAY)
        assert check.problems == ()
        assert check.activity == activity


def test_problems_are_named_in_plain_words_at_their_field() -> None:
    data = form(categories=[], age_min=65, age_max=18, venue__postcode="N7 6PX1")
    data["sessions"][0]["end"] = "18:00"
    found = messages(data)
    assert found == {
        "categories": "Choose at least one category.",
        "age_max": "The oldest age is below the youngest age.",
        "venue.postcode": '"N7 6PX1" is not a UK postcode (for example N7 6PA).',
        "sessions[0].end": "The end time must be after the start time.",
    }
    assert check_form(data, TODAY).activity is None


def test_editor_checks_beyond_the_file_format() -> None:
    data = form(name="  ", last_verified="2027-01-01", languages=["English", "Klingon"])
    data["contact"] = {"email": "choir at example.org"}
    data["sessions"][0]["frequency"] = "monthly"
    found = messages(data)
    assert found["name"] == "Give the activity a name."
    assert found["last_verified"] == "This date is in the future."
    assert found["contact.email"] == '"choir at example.org" does not look like an email address.'
    assert found["sessions[0].week_of_month"] == "Choose which week of the month it meets."
    assert "is not a language Navigator knows" in found["languages[1]"]


def test_an_in_person_activity_without_a_place_is_a_warning_not_a_problem() -> None:
    check = check_form(form(venue=None), TODAY)
    assert check.ok and check.activity is not None
    [note] = check.notes
    assert note.path == "venue.postcode" and not note.blocking
    assert check_form(form(venue=None, delivery="online"), TODAY).notes == ()


def test_problem_paths_map_to_form_fields() -> None:
    assert field_of("keywords[2]") == "keywords"
    assert field_of("sessions[1].end") == "sessions"
    assert field_of("venue.postcode") == "venue.postcode"


def test_languages_typed_as_names_or_codes() -> None:
    assert languages_from_text("English and Bengali, qq; Klingon") == ["en", "bn", "qq", "Klingon"]
    assert languages_from_text("en, EN") == ["en"]
    assert languages_to_text(("en", "so", "qq")) == "English, Somali, qq"


def test_new_ids_are_readable_and_never_clash() -> None:
    assert slugify("Café & Chat (Tuesdays)") == "cafe-chat-tuesdays"
    assert slugify("!!!") == "activity"
    assert len(slugify("word " * 30)) <= 40
    taken = {"act-walk-1", "act-walk-2"}
    assert new_activity_id("Walk", taken.__contains__) == "act-walk-3"
    assert new_activity_id("Swim", taken.__contains__) == "act-swim-1"


def test_flattening_covers_every_field_and_round_trips(sample: list[Activity]) -> None:
    assert set(flatten(BASE)) == {path for path, _label in FIELDS}
    for activity in sample:
        assert reapply(activity, activity, activity) == activity


def test_changed_fields_names_each_change() -> None:
    after = replace(BASE, name="Choir", cost=replace(BASE.cost, concessions=False))
    assert changed_fields(BASE, after) == ["name", "cost.concessions"]
    assert changed_fields(BASE, replace(BASE, cost=None)) == [
        "cost.per_session_gbp",
        "cost.concessions",
    ]


def test_reapply_keeps_their_changes_and_adds_mine() -> None:
    theirs = replace(BASE, name="Holloway Choir", age_min=18)
    mine = replace(BASE, cost=Cost(per_session_gbp=3.0), age_min=16)
    merged = reapply(BASE, mine, theirs)
    assert merged.name == "Holloway Choir"  # theirs
    assert merged.cost == Cost(per_session_gbp=3.0)  # mine
    assert merged.age_min == 16  # both changed it: mine wins, I chose to save again
    assert merged.venue == BASE.venue and merged.sessions == BASE.sessions


def test_compare_says_who_changed_what() -> None:
    theirs = replace(BASE, name="Holloway Choir")
    mine = replace(
        BASE,
        sessions=(Session(Day.TUE, dt.time(10), dt.time(12), Frequency.MONTHLY, week_of_month=2),),
    )
    rows = {row.path: row for row in compare(BASE, theirs, mine)}
    assert [p for p, row in rows.items() if row.differs] == ["name", "sessions"]
    name, sessions = rows["name"], rows["sessions"]
    assert (name.theirs, name.mine, name.they_changed, name.i_changed) == (
        "Holloway Choir",
        "Holloway Community Choir",
        True,
        False,
    )
    assert name.reapplied == "Holloway Choir"
    assert sessions.mine == "Second Tuesday of the month, 10:00 to 12:00"
    assert sessions.reapplied == sessions.mine and sessions.i_changed


def test_values_are_described_as_the_detail_pane_would() -> None:
    assert describe_value("cost.per_session_gbp", 0) == "Free"
    assert describe_value("cost.per_session_gbp", 2.5) == "£2.50"
    assert describe_value("categories", ["music", "walking"]) == "Music, Walking"
    assert describe_value("venue.step_free", None) == "Not known"
    assert describe_value("age_max", None) == "No limit"
    assert describe_value("booking", "drop_in") == "Just turn up, no need to book"
    assert describe_value("peer_led", True) == "Yes"
    assert describe_value("sessions", []) == "No fixed times"


# What the editor's form cannot show survives a save -------------------------------------------

FED = replace(
    BASE,
    more_venues=(Venue(name="Annexe", postcode="N19 5RQ", lat=51.565, lon=-0.134),),
    for_learners_of=("en",),
    with_child=True,
    source=Source("Islington feed", "svc-9"),
    cost=Cost(None, notes="membership", amount_gbp=5.0, unit=CostUnit.YEAR),
    guessed=("categories", "gender", "cost"),
)


def form_of(activity: Activity, **changes: Any) -> dict[str, Any]:
    """The form as the editor builds it: only the fields it shows."""
    data = {
        k: v
        for k, v in activity_to_json(activity).items()
        if k not in ("more_venues", "for_learners_of", "with_child", "source", "guessed")
    }
    data["cost"] = None  # the form has no way to show "£5 a year"
    return data | changes


def test_a_save_from_the_editor_keeps_the_fields_it_cannot_show() -> None:
    saved = check_form(carry_over(FED, form_of(FED)), TODAY).activity
    assert saved is not None
    assert saved.more_venues == FED.more_venues and saved.source == FED.source
    assert saved.for_learners_of == ("en",) and saved.with_child
    assert saved.cost == FED.cost  # the yearly price, not a made-up per-session one
    assert saved.guessed == ("categories", "gender", "cost")


def test_a_guess_the_prescriber_changed_in_the_editor_is_no_longer_a_guess() -> None:
    saved = check_form(
        carry_over(FED, form_of(FED, gender="women", categories=["music", "social_club"])), TODAY
    ).activity
    assert saved is not None and saved.guessed == ("cost",)


def test_a_new_activity_has_nothing_to_carry_over() -> None:
    assert carry_over(None, form()) == form()
