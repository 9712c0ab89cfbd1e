"""Reasons and cautions read as plain, kind English about the activity, never the person."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from navigator.domain.directory import (
    Booking,
    Cost,
    Day,
    Delivery,
    Gender,
    GroupSize,
    Welcome,
)
from navigator.domain.profile import PersonGender, Preference, Setting, TimeWindow
from navigator.domain.wording import money
from navigator.matching.explain import MENTAL_HEALTH_GROUP, MENTAL_HEALTH_SUBJECT

from .factories import HOME, activity, profile, run, session, venue
from .shown import shown


def reasons(**kw: object) -> tuple[str, ...]:
    person = kw.pop("person", profile())
    return run([activity("x", **kw)], person).results[0].reasons  # type: ignore[arg-type]


def facts(**kw: object) -> tuple[str, ...]:
    person = kw.pop("person", profile())
    return shown([activity("x", **kw)], person, "x").facts  # type: ignore[arg-type]


def cautions(**kw: object) -> tuple[str, ...]:
    person = kw.pop("person", profile())
    return run([activity("x", **kw)], person).results[0].cautions  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("gbp", "text"),
    [(2, "£2"), (2.5, "£2.50"), (0.5, "50p"), (12.0, "£12"), (0.05, "5p"), (1.999, "£2")],
)
def test_money(gbp: float, text: str) -> None:
    assert money(gbp) == text


def test_costs_are_facts_without_a_limit_and_reasons_within_one() -> None:
    # Issue 12: "✓ Costs £5.50" when the person set no limit is not a reason.
    assert "Costs £5.50 a session" in facts(cost=Cost(5.5))
    assert not any("£" in r or r == "Free" for r in reasons(cost=Cost(5.5)))
    assert "Free" in facts(cost=Cost(0))
    assert "Free" in reasons(cost=Cost(0), person=profile(max_cost_gbp=0))
    assert "Costs £2 a session" in reasons(cost=Cost(2), person=profile(max_cost_gbp=3))
    got = reasons(cost=Cost(2.5, concessions=True, free_taster=True))
    assert "Free first session" in got  # a first-visit support, for everyone
    assert "Concessions available" in facts(cost=Cost(2.5, concessions=True))
    assert "Cost not known" in cautions(cost=None)
    assert "Cost not known" in cautions(cost=Cost(None, free_taster=True))
    assert "Free first session" in reasons(cost=Cost(None, free_taster=True))


def test_where_it_is_is_a_reason_only_within_a_limit() -> None:
    near = venue(51.5610, -0.1150)
    assert "About 10 minutes' walk" in facts(venue=near, person=profile(location=HOME))
    assert "About 10 minutes' walk" in reasons(
        venue=near, person=profile(location=HOME, max_distance_km=2)
    )
    far = facts(venue=venue(51.5965, -0.1150), person=profile(location=HOME))
    assert "About 4.5 km away" in far
    assert "Online" in facts(delivery=Delivery.ONLINE, venue=None)
    assert "By phone" in reasons(
        delivery=Delivery.PHONE, venue=None, person=profile(delivery=(Delivery.PHONE,))
    )


def test_first_visit_supports_are_reasons_and_the_rest_are_facts() -> None:
    kw = dict(
        booking=Booking.DROP_IN,
        peer_led=True,
        group_size=GroupSize.SMALL,
        welcome=Welcome(bring_someone=True, beginners=True, meet_at_door=True),
    )
    assert {
        "You can just turn up",
        "You can bring someone with you",
        "Beginners welcome",
        "Someone meets newcomers at the door",
    } <= set(reasons(**kw))
    assert {"Run by people with lived experience", "Small group"} <= set(facts(**kw))
    assert not {"Run by people with lived experience", "Small group"} & set(reasons(**kw))
    asked = profile(prefers=(Preference.PEER_LED, Preference.SMALL_GROUP))
    assert {"Run by people with lived experience", "Small group"} <= set(
        reasons(person=asked, **kw)
    )
    assert "One-to-one" in facts(group_size=GroupSize.ONE_TO_ONE)
    # Nobody turns up to a phone line.
    assert "No need to book" in reasons(
        booking=Booking.DROP_IN, delivery=Delivery.PHONE, venue=None
    )


def test_what_the_person_asked_for_comes_before_general_facts() -> None:
    got = reasons(
        booking=Booking.DROP_IN,
        welcome=Welcome(bring_someone=True),
        person=profile(prefers=(Preference.BRING_SOMEONE,)),
    )
    assert got.index("You can bring someone with you") < got.index("You can just turn up")


def test_daytime_reason_only_when_asked_for() -> None:
    daytime = profile(prefers=(Preference.DAYTIME,))
    assert "Daytime sessions" in reasons(person=daytime)
    assert "Daytime sessions" not in reasons()


def test_goal_reasons_use_the_goal_label() -> None:
    got = reasons(categories=("social_club",), person=profile(goals=("meet_people", "learn")))
    assert "Good for: make friends and meet new people" in got
    assert not any("learn" in r.lower() for r in got)


def test_language_and_gender_facts() -> None:
    person = profile(languages=("bn",), gender=PersonGender.WOMAN)
    assert "In Bengali" in reasons(languages=("bn", "en"), gender=Gender.WOMEN, person=person)
    assert "Women only" in facts(languages=("bn", "en"), gender=Gender.WOMEN, person=person)
    assert not any(r.startswith("In ") for r in reasons())
    esol = dict(languages=("en",), for_learners_of=("en",))
    assert "For people learning English" in reasons(person=profile(languages=("pl",)), **esol)
    assert "For people learning English" in facts(**esol)


@pytest.mark.parametrize("setting", [Setting.PREFER_MENTAL_HEALTH, Setting.ONLY_MENTAL_HEALTH])
def test_the_setting_is_a_reason_for_someone_who_wants_it(setting: Setting) -> None:
    # Many other reasons (interest, goals, welcome facts, cost, distance) must not push the
    # mental-health line past the cap.
    got = reasons(
        mental_health_specific=True,
        categories=("sport_fitness",),
        peer_led=True,
        booking=Booking.DROP_IN,
        group_size=GroupSize.SMALL,
        cost=Cost(0),
        welcome=Welcome(bring_someone=True, beginners=True, meet_at_door=True),
        person=profile(
            setting=setting,
            interests=("football",),
            max_cost_gbp=0,
            goals=("get_active", "peer_connection"),
            prefers=(Preference.DROP_IN, Preference.BEGINNERS),
        ),
    )
    assert got.count(MENTAL_HEALTH_GROUP) == 1
    assert not any("mental" in r.lower() for r in got if r != MENTAL_HEALTH_GROUP)
    assert MENTAL_HEALTH_GROUP not in reasons()


def test_the_setting_is_stated_plainly_as_a_fact_otherwise() -> None:
    assert MENTAL_HEALTH_GROUP in facts(mental_health_specific=True)
    assert MENTAL_HEALTH_GROUP not in reasons(mental_health_specific=True)
    assert MENTAL_HEALTH_SUBJECT in facts(
        categories=("peer_support",), peer_led=True, description="Talk about stress and low mood."
    )


def test_cautions() -> None:
    assert "Booking needed" in cautions(booking=Booking.BOOK_AHEAD)
    assert "Needs a referral" in cautions(booking=Booking.REFERRAL)
    assert "No fixed times: contact them to arrange" in cautions(sessions=())
    assert "Not checked since March 2025" in cautions(last_verified=dt.date(2025, 3, 2))
    assert "Not known when this was last checked" in cautions(last_verified=None)
    assert "Venue location not known" in cautions(
        venue=venue(None, None), person=profile(location=HOME)
    )
    assert "For ages 50 and over" in cautions(age_min=50)
    assert "For ages 50 and over" not in cautions(age_min=50, person=profile(age=60))
    assert cautions() == ()


# Words that would read as a judgement on the person rather than a fact about the activity.
VERDICTS = re.compile(
    r"\b(you are|you're|not suitable|eligible|ineligible|unsuitable|"
    r"too old|too young|can't|cannot attend|rejected|denied|fail)",
    re.I,
)


def test_nothing_reads_as_a_decision_about_the_person() -> None:
    acts = [
        activity("old", age_min=50, booking=Booking.REFERRAL, last_verified=None, sessions=()),
        activity("women", gender=Gender.WOMEN),
        activity("cost", cost=Cost(5, concessions=True)),
        activity("unknown-cost", cost=None),
        activity("mh", mental_health_specific=True),
        activity("bn", languages=("bn",)),
        activity("far", venue=venue(51.70, -0.1)),
        activity("steps", venue=venue(step_free=False)),
        activity("web", delivery=Delivery.ONLINE, venue=None),
        activity("evening", sessions=(session("tue", "19:00", "21:00"),)),
        activity("fine", booking=Booking.BOOK_AHEAD, welcome=Welcome(True, True, True)),
    ]
    person = profile(
        location=HOME,
        max_distance_km=2,
        age=30,
        gender=PersonGender.MAN,
        max_cost_gbp=0,
        setting=Setting.AVOID_MENTAL_HEALTH,
        needs_step_free=True,
        delivery=(Delivery.IN_PERSON,),
        availability=(TimeWindow(Day.TUE, dt.time(9), dt.time(17)),),
    )
    assert len(run(acts, person).near_misses) == 10
    for report in (run(acts, person), run(acts)):
        texts = [t for s in report.results for t in (*s.reasons, *s.cautions)]
        texts += [m.detail for m in report.near_misses]
        assert texts
        for text in texts:
            assert not VERDICTS.search(text), text
            assert text[0].isupper() and not text.endswith(".")
