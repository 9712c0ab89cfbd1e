"""The navigator-matches result: exactly FORMATS.md §3 as JSON, and readable as text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from navigator.domain.matches import MatchReport, NearMiss, Suggestion
from navigator.formats.matches import report_to_json, report_to_text

REPORT = MatchReport(
    reference="AB-0042",
    generated_at=dt.datetime(2026, 11, 24, 9, 0, 0, 123456),
    results=(
        Suggestion(
            rank=1,
            id="act-17",
            name="Growing Together",
            score=0.912345,
            distance_km=1.23456,
            next_session=dt.datetime(2026, 11, 25, 10, 0),
            reasons=("Matches your interest in gardening", "Free", "You can just turn up"),
            cautions=("Not checked since March 2025",),
        ),
        Suggestion(
            rank=2,
            id="act-3",
            name="Online Book Club",
            score=0.5,
            distance_km=None,
            next_session=None,
            reasons=("Online",),
            cautions=(),
        ),
    ),
    near_misses=(
        NearMiss("act-40", "Garden design course", ("max_cost_gbp",), "Costs £5 a session"),
    ),
    excluded=131,
)


def test_json_follows_the_published_format_exactly() -> None:
    assert report_to_json(REPORT) == {
        "format": "navigator-matches",
        "version": 1,
        "reference": "AB-0042",
        "generated_at": "2026-11-24T09:00:00",
        "results": [
            {
                "rank": 1,
                "id": "act-17",
                "name": "Growing Together",
                "score": 0.912,
                "distance_km": 1.23,
                "next_session": "2026-11-25T10:00",
                "reasons": ["Matches your interest in gardening", "Free", "You can just turn up"],
                "cautions": ["Not checked since March 2025"],
                "facts": [],
                "evidence": None,
            },
            {
                "rank": 2,
                "id": "act-3",
                "name": "Online Book Club",
                "score": 0.5,
                "distance_km": None,
                "next_session": None,
                "reasons": ["Online"],
                "cautions": [],
                "facts": [],
                "evidence": None,
            },
        ],
        "near_misses": [
            {
                "id": "act-40",
                "name": "Garden design course",
                "failed": ["max_cost_gbp"],
                "detail": "Costs £5 a session",
                "fit": 0.0,
                "fact": None,
            },
        ],
        "excluded": 131,
        # Added fields (facts, evidence, fit, fact, also_nearby, unrelated): FORMATS.md §3
        # allows additions; every published field keeps its name and meaning.
        "also_nearby": [],
        "unrelated": 0,
    }


def test_json_is_serialisable_and_keeps_non_ascii_text() -> None:
    text = json.dumps(report_to_json(REPORT), ensure_ascii=False)
    assert "£5" in text
    assert json.loads(text)["results"][0]["score"] == 0.912


def test_an_empty_report() -> None:
    empty = MatchReport(None, dt.datetime(2026, 1, 2, 3, 4, 5), (), (), 0)
    assert report_to_json(empty) == {
        "format": "navigator-matches",
        "version": 1,
        "reference": None,
        "generated_at": "2026-01-02T03:04:05",
        "results": [],
        "near_misses": [],
        "excluded": 0,
        "also_nearby": [],
        "unrelated": 0,
    }
    text = report_to_text(empty)
    assert "Nothing fits everything that was recorded." in text
    assert "0 activities left out" in text


def test_text_is_readable_in_a_terminal() -> None:
    text = report_to_text(REPORT)
    lines = text.splitlines()
    assert lines[0] == "Suggestions for AB-0042 (24 Nov 2026, 09:00)"
    assert "1. Growing Together  (fit 0.91)" in lines
    assert "   About 20 minutes' walk | next: Wed 25 Nov, 10:00 | id act-17" in lines
    assert "   + Matches your interest in gardening" in lines
    assert "   ! Not checked since March 2025" in lines
    assert "   id act-3" in lines
    assert "Near miss (one thing does not fit):" in lines
    assert lines[lines.index("Near miss (one thing does not fit):") + 1 :][:2] == [
        "  Cost:",
        "    - Garden design course: Costs £5 a session",
    ]
    assert lines[-1] == "131 activities left out because something recorded rules them out."
    assert all(len(line) <= 100 for line in lines)


def test_text_numbers_line_up_past_nine_results() -> None:
    many = MatchReport(
        None,
        dt.datetime(2026, 11, 24, 9, 0),
        tuple(
            Suggestion(i, f"a{i}", f"Activity {i}", 0.5, None, None, (), ()) for i in range(1, 12)
        ),
        (),
        1,
    )
    lines = report_to_text(many).splitlines()
    assert " 1. Activity 1  (fit 0.50)" in lines and "11. Activity 11  (fit 0.50)" in lines
    assert lines[-1] == "1 activity left out because something recorded rules them out."


def test_text_says_the_distance_once() -> None:
    near = Suggestion(
        rank=1,
        id="a",
        name="Near",
        score=0.9,
        distance_km=0.0,
        next_session=None,
        reasons=("Free", "About 5 minutes' walk"),
        cautions=(),
    )
    far = Suggestion(
        rank=2,
        id="b",
        name="Far",
        score=0.8,
        distance_km=2.6,
        next_session=None,
        reasons=("About 2.6 km away",),
        cautions=(),
    )
    text = report_to_text(MatchReport(None, dt.datetime(2026, 1, 2), (near, far), (), 1))
    assert "   About 5 minutes' walk | id a" in text.splitlines()
    assert "   2.6 km away | id b" in text.splitlines()
    assert text.count("minutes' walk") == 1 and text.count("2.6 km") == 1
    assert "0.0 km" not in text
    assert "1 activity left out" in text


def test_plurals_follow_the_count() -> None:
    two = REPORT.near_misses * 2
    text = report_to_text(MatchReport(None, dt.datetime(2026, 1, 2), (), two, 2))
    assert "Near misses (one thing does not fit):" in text.splitlines()
    assert "Near miss (one thing does not fit):" in report_to_text(REPORT).splitlines()


def test_text_groups_near_misses_and_lists_what_is_also_nearby() -> None:
    far = NearMiss(
        "act-41",
        "Allotment",
        ("max_distance_km",),
        "About 4.4 km away, 1.4 km further than the 3 km limit",
    )
    report = dataclasses.replace(
        REPORT,
        near_misses=(*REPORT.near_misses, far),
        also_nearby=(REPORT.results[1],),
        unrelated=7,
    )
    lines = report_to_text(report).splitlines()
    start = lines.index("Near misses (one thing does not fit):")
    assert lines[start + 1 : start + 5] == [
        "  Cost:",
        "    - Garden design course: Costs £5 a session",
        "  Distance:",
        "    - Allotment: About 4.4 km away, 1.4 km further than the 3 km limit",
    ]
    assert "Also nearby (7 in all), matching none of the interests:" in lines
    assert "  - Online Book Club  (id act-3)" in lines
    data = report_to_json(report)
    assert data["unrelated"] == 7 and data["also_nearby"][0]["id"] == "act-3"
