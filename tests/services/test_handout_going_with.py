"""The handout's "You're going with Sam on Tuesday" (issue 16, item 3): said only when the
worker ticked it, with only the alias and the day the worker typed, and escaped like all text.
"""

from __future__ import annotations

import pytest

from navigator.domain.people import A_VOLUNTEER, Companion, PlanItem
from navigator.services.handout import (
    GOING_WITH,
    build_handout,
    going_with_line,
    going_with_lines,
    handout_html,
    prepare_handout,
)
from tests.services.test_handout import FORTNIGHTLY, NOW, WEEKLY, html_text, row


@pytest.mark.parametrize(
    ("companion", "line"),
    [
        (Companion("Sam", "Tuesday", True), "You're going with Sam on Tuesday"),
        (Companion("Sam", "tues 10am", True), "You're going with Sam on tues 10am"),
        (Companion("sister", "3 March", True), "You're going with sister on 3 March"),
        (Companion("Sam", "next Tuesday", True), "You're going with Sam next Tuesday"),
        (Companion(A_VOLUNTEER, "Friday", True), "You're going with a volunteer on Friday"),
        (Companion("  Sam  ", "", True), "You're going with Sam"),
    ],
)
def test_the_line_reads_naturally(companion: Companion, line: str) -> None:
    assert going_with_line(companion) == line


def test_nothing_is_said_unless_the_worker_ticked_it() -> None:
    assert going_with_line(Companion("Sam", "Tuesday", on_handout=False)) is None
    assert going_with_line(None) is None
    plan = [
        PlanItem("garden", "Growing Together", companion=Companion("Sam", "Tuesday", True)),
        PlanItem("print", "Printmaking", companion=Companion("cousin", "Saturday", False)),
        PlanItem("other", "Other"),
    ]
    assert going_with_lines(plan) == {"garden": "You're going with Sam on Tuesday"}


def test_the_line_comes_first_in_its_own_block_only() -> None:
    lines = {"garden": "You're going with Sam on Tuesday"}
    handout = prepare_handout([WEEKLY, FORTNIGHTLY], NOW, going_with=lines)
    garden = next(b for b in handout.blocks if b.activity_id == "garden")
    assert garden.rows[0].label == GOING_WITH
    assert row(handout, "garden", GOING_WITH) == ("You're going with Sam on Tuesday.",)
    printing = next(b for b in handout.blocks if b.activity_id == "print")
    assert all(r.label != GOING_WITH for r in printing.rows)
    assert "You're going with Sam on Tuesday." in html_text(handout_html(handout))


def test_an_alias_is_text_never_markup() -> None:
    line = going_with_line(Companion("<b>Sam</b> & Jo", "Tuesday", True))
    assert line is not None
    html = handout_html(build_handout([WEEKLY], NOW, going_with={"garden": line}))
    assert "<b>Sam</b>" not in html
    assert "You're going with <b>Sam</b> & Jo on Tuesday." in html_text(html)
