"""Vignettes for strengths and what a person can offer (issue 16, item 2), on the sample
directory, in the style of test_vignettes.py. Invented people; the appointment is on Tuesday
24 November 2026 at 09:00.

A strength is a softer interest: it surfaces the activity that uses it, with a reason in the
person's own word, ranks below a full interest match, and never rules anything out.
"""

from __future__ import annotations

import pytest

from navigator.domain.matches import MatchReport, Suggestion
from navigator.domain.profile import PersonGender, Profile
from navigator.matching import DirectorySnapshot, rank
from tests.matching.sample import HOLLOWAY, NOW, ids, sample_snapshot

MENS_SHED = "isl-055"  # Tufnell Shed: woodwork, men only
SHED_REPAIRS = "isl-216"  # Men's Shed Repair Mornings: volunteering, repair, bikes, woodwork
BIKE_CLASS = "isl-034"  # Bike Maintenance and Confidence: a class, not volunteering
FIX_IT_CAFE = "isl-057"  # a volunteering role that has nothing to do with bikes
BAKING = "isl-112"


@pytest.fixture(scope="module")
def snapshot() -> DirectorySnapshot:
    return sample_snapshot()


def near_holloway(**kw: object) -> Profile:
    return Profile(location=HOLLOWAY, max_distance_km=5, **kw)  # type: ignore[arg-type]


def result(report: MatchReport, activity_id: str) -> Suggestion:
    return next(s for s in report.results if s.id == activity_id)


def test_dev_a_retired_joiner_who_likes_football_is_offered_the_shed_for_his_carpentry(
    snapshot: DirectorySnapshot,
) -> None:
    """Dev, 58, was a joiner for thirty years; he still talks about the football. His
    strength brings the men's shed into his list, after the football, saying why."""
    dev = near_holloway(
        interests=("football",), strengths=("carpentry",), gender=PersonGender.MAN, age=58
    )
    report = rank(dev, snapshot, now=NOW, top=10)
    shown = ids(report)
    assert MENS_SHED in shown
    assert "Uses your carpentry" in result(report, MENS_SHED).reasons
    # A softer interest: the football, his own interest, still comes first.
    first_football = next(s for s in report.results if "football" in s.name.lower())
    assert shown.index(first_football.id) < shown.index(MENS_SHED)
    # Without the strength the shed matches none of his interests: not a suggestion at all.
    without = near_holloway(interests=("football",), gender=PersonGender.MAN, age=58)
    assert MENS_SHED not in ids(rank(without, snapshot, now=NOW, top=10))


def test_a_strength_alone_puts_the_activity_that_uses_it_first(
    snapshot: DirectorySnapshot,
) -> None:
    """Rose used to bake for the whole street; she named no interests."""
    report = rank(near_holloway(strengths=("baking",)), snapshot, now=NOW, top=5)
    assert ids(report)[0] == BAKING
    assert result(report, BAKING).reasons[0] == "Uses your baking"


def test_a_typo_in_a_strength_is_forgiven_and_not_echoed(snapshot: DirectorySnapshot) -> None:
    report = rank(near_holloway(strengths=("bakeing",)), snapshot, now=NOW, top=5)
    assert ids(report)[0] == BAKING
    assert "Uses your baking" in result(report, BAKING).reasons


def test_what_he_can_offer_finds_a_volunteering_role_that_uses_it(
    snapshot: DirectorySnapshot,
) -> None:
    """Kwame mended bikes for the estate's children; he would like to be useful again."""
    kwame = near_holloway(can_offer=("fixing bikes",), gender=PersonGender.MAN)
    report = rank(kwame, snapshot, now=NOW, top=10)
    assert ids(report)[0] == SHED_REPAIRS
    assert "A chance to give back: fixing bikes" in result(report, SHED_REPAIRS).reasons
    # The bike class uses it too, but it is not a volunteering role: it says so differently.
    assert "Uses what you can offer: fixing bikes" in result(report, BIKE_CLASS).reasons
    # Any other volunteering role is a chance to give back, below the one that uses his skill.
    assert "A chance to give back" in result(report, FIX_IT_CAFE).reasons
    assert ids(report).index(SHED_REPAIRS) < ids(report).index(FIX_IT_CAFE)


def test_a_skill_does_not_claim_every_activity_in_its_category(
    snapshot: DirectorySnapshot,
) -> None:
    """ "woodwork" is an arts and crafts word; a knitting circle does not use it."""
    person = near_holloway(strengths=("woodwork",), gender=PersonGender.MAN)
    report = rank(person, snapshot, now=NOW, top=None)
    uses = {s.id for s in report.results if any(r.startswith("Uses your") for r in s.reasons)}
    assert uses and all(
        "woodwork" in snapshot.activity(i).keywords or "woodwork" in snapshot.activity(i).name
        for i in uses
    ), uses


def test_strengths_never_rule_anything_out(snapshot: DirectorySnapshot) -> None:
    """The same suggestions with and without strengths, only in another order."""
    plain = near_holloway(interests=("gardening", "walking"))
    strong = near_holloway(
        interests=("gardening", "walking"), strengths=("baking",), can_offer=("cooking",)
    )
    before = set(ids(rank(plain, snapshot, now=NOW, top=None)))
    after = set(ids(rank(strong, snapshot, now=NOW, top=None)))
    assert before <= after
    assert BAKING in after - before  # and they may add what uses them


def test_no_strengths_means_no_strength_reasons(snapshot: DirectorySnapshot) -> None:
    report = rank(near_holloway(interests=("cooking",)), snapshot, now=NOW, top=None)
    assert not any(
        r.startswith(("Uses your", "Uses what you", "A chance to give back"))
        for s in report.results
        for r in s.reasons
    )
