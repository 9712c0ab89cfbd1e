"""Issue 12: suggestions a worker can trust.

"Avoid mental-health groups" keeps its promise beyond the one flag; every reason is true of its
activity and fits something the person said (or eases a first visit); distances never read as
on the wrong side of a limit; online-only booking is a caution for someone without internet;
the evidence notes are short and honest.
"""

from __future__ import annotations

import dataclasses
import random
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Delivery,
    Gender,
    GroupSize,
    Status,
)
from navigator.domain.evidence import NOTES, evidence_note
from navigator.domain.matches import CONSTRAINT_FIELDS
from navigator.domain.mental_health import SettingKind, is_mental_health_setting, setting_kind
from navigator.domain.profile import Preference, Profile, Setting
from navigator.domain.taxonomy import goal_label
from navigator.domain.wording import beyond_limit, how_far, language_name, price
from navigator.formats.profile import parse_profile, profile_to_json
from navigator.matching import DirectorySnapshot, explain, rank
from navigator.matching.constraints import failures
from navigator.matching.scoring import GOAL_REASON, SERVES, goal_weight

from .factories import HOME, NOW, activity, ids, profile, result, run, venue
from .shown import shown, shown_for
from .strategies import directories, profiles, random_directory, random_profile

SETTING_ROW = CONSTRAINT_FIELDS.index("setting")

# The issue's three examples, written as a directory would hold them (invented entries).
MENS_CIRCLE = activity(
    "men",
    name="Men's Talking Circle",
    categories=("peer_support",),
    peer_led=True,
    keywords=("talking group",),
    description="Men meet to talk about whatever is on their mind: work, family, stress or loss.",
)
STRESS_COURSE = activity(
    "course",
    name="Managing Stress",
    categories=("learning", "wellbeing_support"),
    keywords=("stress", "low mood", "course"),
    description="Six sessions on practical ways to manage stress.",
)
CARERS_GROUP = activity(
    "carers",
    name="Carers Peer Group",
    categories=("peer_support",),
    peer_led=True,
    description="For people caring for someone with mental health problems, run by carers.",
)
CARERS_COFFEE = activity(
    "coffee",
    name="Carers' Coffee Morning",
    categories=("social_club", "peer_support"),
    peer_led=True,
    description="Unpaid carers meet for coffee and mutual support.",
)
CHOIR = activity(
    "choir",
    name="Choir for Wellbeing",
    categories=("music", "wellbeing_support"),
    description="Easy songs in a small daytime choir.",
)
GARDEN = activity("garden", name="Community Garden", categories=("nature_gardening",))
FLAGGED = activity(
    "flagged", name="Open Studio", categories=("arts_crafts",), mental_health_specific=True
)
GUESSED = activity(
    "guessed",
    name="Hearing Voices",
    categories=("peer_support",),
    mental_health_specific=True,
    guessed=("mental_health_specific",),
)
ALL = [MENS_CIRCLE, STRESS_COURSE, CARERS_GROUP, CARERS_COFFEE, CHOIR, GARDEN, FLAGGED, GUESSED]


# "Avoid mental-health groups" ----------------------------------------------------------------


def test_avoid_leaves_out_the_issues_three_examples_and_flagged_entries() -> None:
    report = run(ALL, profile(setting=Setting.AVOID_MENTAL_HEALTH))
    assert set(ids(report)) == {"coffee", "choir", "garden"}


def test_only_keeps_exactly_what_avoid_leaves_out() -> None:
    report = run(ALL, profile(setting=Setting.ONLY_MENTAL_HEALTH))
    assert set(ids(report)) == {"men", "course", "carers", "flagged", "guessed"}


def test_borderline_wellbeing_carries_a_caution_for_avoid_only() -> None:
    assert setting_kind(CHOIR) is SettingKind.BORDERLINE
    avoid = result(run(ALL, profile(setting=Setting.AVOID_MENTAL_HEALTH)), "choir")
    assert explain.BORDERLINE_SETTING in avoid.cautions
    assert explain.BORDERLINE_SETTING not in result(run(ALL), "choir").cautions
    assert (
        explain.BORDERLINE_SETTING
        not in result(run(ALL, profile(setting=Setting.AVOID_MENTAL_HEALTH)), "garden").cautions
    )


def test_a_setting_read_from_words_says_so_and_a_guess_says_so() -> None:
    only = run(ALL, profile(setting=Setting.ONLY_MENTAL_HEALTH))
    assert explain.BY_ITS_WORDS in result(only, "men").cautions
    assert explain.GUESSED_MENTAL_HEALTH in result(only, "guessed").cautions
    assert explain.BY_ITS_WORDS not in result(only, "flagged").cautions
    avoid = run(ALL, profile(setting=Setting.AVOID_MENTAL_HEALTH))
    details = {m.id: m.detail for m in avoid.near_misses}
    assert details["men"] == explain.MENTAL_HEALTH_SUBJECT
    assert details["flagged"] == explain.MENTAL_HEALTH_GROUP
    assert details["guessed"] == explain.GUESSED_MENTAL_HEALTH


def test_words_that_deny_counselling_do_not_make_a_borderline_entry() -> None:
    calls = activity(
        "calls",
        categories=("befriending",),
        description="A friendly weekly call. Not counselling, just good company.",
    )
    assert setting_kind(calls) is SettingKind.OPEN


# Generated directories whose words sometimes speak of mental health, in every position.
PHRASES = [
    "",
    "A friendly group.",
    "Talk about stress and low mood.",
    "Share ups and downs.",
    "For people with anxiety.",
    "Helps your physical or mental health.",
    "Coffee and mutual support.",
    "Not counselling, just company.",
]
KEYWORDS = ["talking group", "low mood", "wellbeing", "gardening", "support group", "anxiety"]


@st.composite
def worded_directories(draw: st.DrawFn) -> list[Activity]:
    plain = draw(directories(max_size=12))
    return [
        dataclasses.replace(
            a,
            description=draw(st.sampled_from(PHRASES)),
            keywords=tuple(draw(st.lists(st.sampled_from(KEYWORDS), max_size=2))),
            categories=tuple(
                dict.fromkeys(
                    a.categories
                    + tuple(
                        draw(
                            st.lists(
                                st.sampled_from(["peer_support", "wellbeing_support"]), max_size=1
                            )
                        )
                    )
                )
            ),
        )
        for a in plain
    ]


def mental_health_related(a: Activity) -> bool:
    """A plain reading of the rule: flagged; peer support about mental health or feelings;
    or labelled with a mental-health problem."""
    text = " ".join((a.name, a.description, *a.keywords)).casefold()
    text = text.replace("not counselling", "")
    feelings = re.search(
        r"\b(stress|low mood|ups and downs|anxiety|mental health|wellbeing"
        r"|talking group)\b",
        text,
    )
    labels = " ".join((a.name, *a.keywords)).casefold()
    return (
        a.mental_health_specific
        or ("peer_support" in a.categories and feelings is not None)
        or re.search(r"\b(low mood|anxiety|mental health)\b", labels) is not None
    )


@settings(max_examples=150, deadline=None)
@given(worded_directories(), profiles())
def test_avoid_never_suggests_a_mental_health_setting_and_only_is_its_mirror(
    directory: list[Activity], person: Profile
) -> None:
    snapshot = DirectorySnapshot.build(directory)
    active = snapshot.active
    avoid = dataclasses.replace(person, setting=Setting.AVOID_MENTAL_HEALTH)
    only = dataclasses.replace(person, setting=Setting.ONLY_MENTAL_HEALTH)
    for suggestion in rank(avoid, snapshot, now=NOW, top=None).results:
        activity_ = snapshot.activity(suggestion.id)
        assert not activity_.mental_health_specific
        assert not is_mental_health_setting(activity_)
        assert not mental_health_related(activity_), activity_
    left_out = failures(avoid, snapshot, None)[SETTING_ROW]
    kept = ~failures(only, snapshot, None)[SETTING_ROW]
    # A partition of the active directory: what avoid leaves out is exactly what only keeps.
    assert np.array_equal(left_out[active], kept[active])
    expected = np.array([mental_health_related(a) for a in directory], dtype=bool)
    assert np.array_equal(left_out[active], expected[active]) if len(directory) else True


# Every reason is true of its activity -------------------------------------------------------

FIRST_VISIT = {
    "You can bring someone with you",
    "Beginners welcome",
    "Someone meets newcomers at the door",
    "Free first session",
}
KM = re.compile(r"About ([\d.]+) km away")


def reason_is_true(
    text: str, a: Activity, p: Profile, served: list[str], distance_km: float | None
) -> bool:
    """Whether one reason is true of `a` and fits what `p` said (or eases a first visit)."""
    wants_mh = p.setting in (Setting.PREFER_MENTAL_HEALTH, Setting.ONLY_MENTAL_HEALTH)
    welcome = a.welcome
    cost = a.cost
    if text.startswith("Matches your interest"):
        return bool(p.interests) and bool(served)
    if text.startswith("Good for: "):
        return any(
            text == f"Good for: {goal_label(g)[0].lower()}{goal_label(g)[1:]}"
            and goal_weight(g, a) >= GOAL_REASON
            for g in p.goals
        )
    if text == "Free":
        return p.max_cost_gbp is not None and price(cost) == "Free"
    if text.startswith("Costs "):
        return p.max_cost_gbp is not None and text == f"Costs {price(cost)}"
    if text == "Free first session":
        return cost is not None and cost.free_taster and price(cost) != "Free"
    if text == "You can just turn up":
        return a.booking is Booking.DROP_IN and a.delivery is Delivery.IN_PERSON
    if text == "No need to book":
        return a.booking is Booking.DROP_IN and a.delivery is not Delivery.IN_PERSON
    if text == "You can bring someone with you":
        return welcome.bring_someone is True
    if text == "Beginners welcome":
        return welcome.beginners is True
    if text == "Someone meets newcomers at the door":
        return welcome.meet_at_door is True
    if text == "Run by people with lived experience":
        return a.peer_led and (Preference.PEER_LED in p.prefers or wants_mh)
    if text in ("Small group", "One-to-one"):
        size = GroupSize.SMALL if text == "Small group" else GroupSize.ONE_TO_ONE
        return a.group_size is size and Preference.SMALL_GROUP in p.prefers
    if text == "Daytime sessions":
        return Preference.DAYTIME in p.prefers and any(
            s.end.hour < 18 or (s.end.hour == 18 and s.end.minute == 0) for s in a.sessions
        )
    if text == explain.MENTAL_HEALTH_GROUP:
        return a.mental_health_specific and wants_mh
    if text == explain.MENTAL_HEALTH_SUBJECT:
        return not a.mental_health_specific and is_mental_health_setting(a) and wants_mh
    if text == explain.WITH_YOUR_CHILD:
        return a.with_child and p.with_young_children
    if text in ("Online", "By phone"):
        mode = Delivery.ONLINE if text == "Online" else Delivery.PHONE
        return a.delivery is mode and set(p.delivery) != set(Delivery)
    if text.startswith("For people learning "):
        return any(c not in p.languages for c in a.for_learners_of)
    if text.startswith("In "):
        shared = [c for c in a.languages if c != "en" and c in p.languages]
        return bool(shared) and all(language_name(c) in text for c in shared)
    if "walk" in text or " km away" in text:
        if p.max_distance_km is None or a.delivery is not Delivery.IN_PERSON:
            return False
        figure = KM.search(text)
        return figure is None or float(figure.group(1)) <= p.max_distance_km
    return False


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_every_reason_is_true_of_its_activity_and_fits_the_person(seed: int, size: int) -> None:
    rng = random.Random(seed)
    directory = random_directory(rng, size)
    snapshot = DirectorySnapshot.build(directory)
    for _ in range(3):
        person = random_profile(rng)
        match = snapshot.interests.match(person.interests, snapshot.categories)
        for s in rank(person, snapshot, now=NOW, top=None).results:
            i = snapshot.index_of(s.id)
            a = snapshot.activities[i]
            served = [w for j, w in enumerate(match.interests) if match.scores[j, i] >= SERVES]
            for text in s.reasons:
                assert reason_is_true(text, a, person, served, s.distance_km), (text, a, person)
            facts = shown_for(s, a, person).facts
            assert not set(facts) & set(s.reasons)
            for text in facts:
                if text == "Free":
                    assert price(a.cost) == "Free"
                elif text.startswith("Costs "):
                    assert text == f"Costs {price(a.cost)}" and person.max_cost_gbp is None
                elif text == "Women only":
                    assert a.gender is Gender.WOMEN
                elif text == "Concessions available":
                    assert a.cost is not None and a.cost.concessions


# Distances beside a limit --------------------------------------------------------------------


def test_a_distance_just_past_the_limit_never_reads_as_the_limit() -> None:
    # Issue 12: "About 3.00 km away, further than 3 km".
    assert beyond_limit(3.004, 3.0) == "Just over 3 km away"
    assert beyond_limit(3.04, 3.0) == "About 3.04 km away, further than 3 km"
    assert beyond_limit(3.5, 3.0) == "About 3.5 km away, further than 3 km"
    assert beyond_limit(12.4, 10.0) == "About 12 km away, further than 10 km"
    assert how_far(4.96, 4.96) == "About 4.96 km away"
    assert how_far(4.955, 4.96) == "About 4.96 km away"
    assert how_far(0.6) == "About 10 minutes' walk"


@given(st.floats(0.05, 40.0), st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.75, 5.0, 10.0]))
def test_the_figure_is_always_on_the_right_side_of_the_limit(km: float, limit: float) -> None:
    if km > limit:
        text = beyond_limit(km, limit)
        figure = KM.search(text)
        assert (figure is None and text.startswith("Just over")) or (
            figure is not None and float(figure.group(1)) > limit
        )
    else:
        figure = KM.search(how_far(km, limit))
        assert figure is None or float(figure.group(1)) <= limit


# Online-only booking -------------------------------------------------------------------------

WEB_ONLY = activity(
    "web", booking=Booking.BOOK_AHEAD, contact=Contact(website="https://example.org/book")
)
PHONE_TOO = activity(
    "phone",
    booking=Booking.BOOK_AHEAD,
    contact=Contact(phone="020 7946 0000", website="https://example.org"),
)
TURN_UP = activity("turn-up", booking=Booking.DROP_IN, contact=Contact(email="hi@example.org"))


def test_online_only_booking_is_a_caution_for_someone_without_internet() -> None:
    no_internet = [
        profile(delivery=(Delivery.IN_PERSON, Delivery.PHONE)),
        profile(uses_internet=False),
    ]
    for person in no_internet:
        report = run([WEB_ONLY, PHONE_TOO, TURN_UP], person)
        assert explain.ONLINE_BOOKING_ONLY in result(report, "web").cautions
        assert explain.ONLINE_BOOKING_ONLY not in result(report, "phone").cautions
        assert explain.ONLINE_BOOKING_ONLY not in result(report, "turn-up").cautions
    for person in (profile(), profile(uses_internet=True, delivery=(Delivery.IN_PERSON,))):
        assert explain.ONLINE_BOOKING_ONLY not in result(run([WEB_ONLY], person), "web").cautions
    online = activity("zoom", delivery=Delivery.ONLINE, venue=None)
    assert (
        explain.NEEDS_INTERNET
        in result(run([online], profile(uses_internet=False)), "zoom").cautions
    )


def test_the_profile_file_carries_uses_internet_and_older_files_stay_valid() -> None:
    base = {"format": "navigator-profile", "version": 1}
    assert parse_profile(base).uses_internet is None
    said = parse_profile(base | {"uses_internet": False})
    assert said.uses_internet is False and said.without_internet
    assert parse_profile(profile_to_json(said)) == said
    assert "uses_internet" not in profile_to_json(parse_profile(base))


# Evidence notes ------------------------------------------------------------------------------

# Words that would overclaim: research never "proves" or "cures", and nothing is "guaranteed".
OVERCLAIMS = re.compile(r"\b(prove[sn]?|cures?|guarantee[sd]?|always|will make)\b", re.I)


def test_evidence_notes_are_short_plain_and_honest() -> None:
    for note in NOTES:
        assert len(note.text) <= 120 and not note.text.endswith(".")
        assert not OVERCLAIMS.search(note.text), note.text
        assert "mental" not in note.text.lower()  # handouts stay discreet
    volunteering = evidence_note(activity(categories=("volunteering",)))
    assert volunteering is not None and "little evidence" in volunteering


def test_each_kind_gets_its_note() -> None:
    kinds = {
        "gardening": activity(categories=("nature_gardening",)),
        "befriending": activity(categories=("befriending",)),
        "team_sport": activity(categories=("sport_fitness",), keywords=("5-a-side",)),
        "adult_learning": activity(categories=("learning",)),
        "peer_support": activity(categories=("peer_support",)),
        "volunteering": activity(categories=("volunteering",)),
        "employment": activity(categories=("employment",), keywords=("IPS",)),
    }
    by_kind = {note.kind: note.text for note in NOTES}
    for kind, act in kinds.items():
        assert evidence_note(act) == by_kind[kind], kind
    assert evidence_note(activity(categories=("sport_fitness",), keywords=("gym",))) is None
    assert evidence_note(activity(categories=("employment",))) is None
    assert evidence_note(activity(categories=("social_club",))) is None
    assert "circle of friends" in (shown([GARDEN], profile(), "garden").evidence or "")


def test_inactive_entries_are_not_counted_by_the_setting() -> None:
    paused = dataclasses.replace(MENS_CIRCLE, status=Status.PAUSED)
    report = run([paused, GARDEN], profile(setting=Setting.AVOID_MENTAL_HEALTH))
    assert ids(report) == ["garden"] and report.excluded == 0


def test_everything_here_also_holds_near_home() -> None:
    # A located person with a limit sees the distance as a reason, never past the limit.
    near = activity("near", venue=venue(51.5610, -0.1150))
    got = result(run([near], profile(location=HOME, max_distance_km=1.0)), "near").reasons
    assert "About 10 minutes' walk" in got
