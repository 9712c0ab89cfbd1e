"""The outcomes chart and the network-size chart: the words a screen reader hears, and
pictures drawn with no records, one, and many."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from navigator.domain.people import (
    LonelyHowOften,
    MemberKind,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
)
from navigator.ui.followup.chart_parts import ChartWidget, spaced, x_positions
from navigator.ui.followup.network_size_chart import NetworkSizeChart, nice_top
from navigator.ui.followup.outcome_chart import OutcomeChart, label_lanes
from navigator.ui.followup.relationships_chart import RelationshipsChart

L = LonelyHowOften
MARCH = OutcomeRecord(dt.date(2026, 3, 3), (3, 3, 2), L.OFTEN_ALWAYS, (3, 4, 3, 8))
APRIL = OutcomeRecord(dt.date(2026, 4, 14), (3, 2, 2), L.SOME_OF_THE_TIME, (4, 5, 5, 7))
JUNE = OutcomeRecord(dt.date(2026, 6, 2), (2, 2, 2), L.SOME_OF_THE_TIME, (5, 6, 5, 6))
SEPTEMBER = OutcomeRecord(dt.date(2026, 9, 1), (2, 1, 2), L.OCCASIONALLY, (6, 7, None, 4))
RECORDS = [MARCH, APRIL, JUNE, SEPTEMBER]


def monthly(n: int) -> list[OutcomeRecord]:
    start = dt.date(2025, 1, 6)
    return [
        OutcomeRecord(
            start + dt.timedelta(days=30 * i),
            (1 + i % 3, 2, 2),
            list(L)[i % 5],
            (i % 11, 5, 5, 10 - i % 11),
        )
        for i in range(n)
    ]


def picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def inked(image: QImage) -> int:
    white = QColor("white").rgb()
    return sum(
        image.pixel(x, y) != white
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


@pytest.fixture
def chart(qtbot: QtBot) -> OutcomeChart:
    widget = OutcomeChart()
    qtbot.addWidget(widget)
    widget.resize(800, 580)
    return widget


# The words ------------------------------------------------------------------------------------


def test_the_summary_says_each_measure_with_its_better_direction(chart: OutcomeChart) -> None:
    chart.set_outcomes([JUNE, MARCH])  # any order: the chart sorts by date
    assert chart.summary_text().splitlines() == [
        "UCLA loneliness score: 8 on 3 March, 6 on 2 June (3 to 9, lower is less lonely).",
        "How often they feel lonely: often or always on 3 March, some of the time on 2 June "
        "(less often is better).",
        "Life satisfaction: 3 on 3 March, 5 on 2 June (0 to 10, higher is better).",
        "Worthwhile: 4 on 3 March, 6 on 2 June (0 to 10, higher is better).",
        "Happy yesterday: 3 on 3 March, 5 on 2 June (0 to 10, higher is better).",
        "Anxious yesterday: 8 on 3 March, 6 on 2 June (0 to 10, lower is better).",
    ]
    assert chart.accessibleName() == "Outcome measures over time"
    assert chart.accessibleDescription() == chart.summary_text()
    assert chart.toolTip() == chart.summary_text()


def test_unanswered_questions_are_said_or_left_out(chart: OutcomeChart) -> None:
    partial = OutcomeRecord(dt.date(2026, 3, 3), (3, None, 2), None, (5, None, None, None))
    later = OutcomeRecord(dt.date(2026, 6, 2), (3, 3, 3), None, (None, None, None, None))
    chart.set_outcomes([partial, later])
    assert chart.summary_text().splitlines() == [
        "UCLA loneliness score: not answered on 3 March, 9 on 2 June "
        "(3 to 9, lower is less lonely).",
        "Life satisfaction: 5 on 3 March, not answered on 2 June (0 to 10, higher is better).",
    ]


def test_years_are_said_when_the_records_span_them(chart: OutcomeChart) -> None:
    winter = OutcomeRecord(dt.date(2025, 12, 1), (3, 3, 3))
    spring = OutcomeRecord(dt.date(2026, 3, 3), (2, 2, 2))
    chart.set_outcomes([winter, spring])
    assert chart.summary_text() == (
        "UCLA loneliness score: 9 on 1 December 2025, 6 on "
        "3 March 2026 (3 to 9, lower is less lonely)."
    )


def test_no_records_says_so(chart: OutcomeChart) -> None:
    assert chart.summary_text().startswith("No outcome measures recorded yet")
    assert chart.accessibleDescription() == chart.summary_text()


# The pictures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "records", [[], [MARCH], RECORDS, monthly(24)], ids=["none", "one", "four", "two years monthly"]
)
def test_the_outcome_chart_draws_any_number_of_records(
    qtbot: QtBot, chart: OutcomeChart, records: list[OutcomeRecord]
) -> None:
    chart.set_outcomes(records)
    chart.show()
    qtbot.waitExposed(chart)
    assert inked(picture(chart)) > 100
    for size in ((420, 380), (1400, 900)):  # small and large
        chart.resize(*size)
        assert inked(picture(chart)) > 100


def test_more_records_draw_more(qtbot: QtBot, chart: OutcomeChart) -> None:
    chart.show()
    qtbot.waitExposed(chart)
    empty = inked(picture(chart))
    chart.set_outcomes([MARCH])
    one = inked(picture(chart))
    chart.set_outcomes(RECORDS)
    four = inked(picture(chart))
    assert empty < one < four


def test_the_chart_renders_into_a_pdf_with_its_labels(tmp_path: Path, chart: OutcomeChart) -> None:
    chart.set_outcomes(RECORDS)
    writer = QPdfWriter(str(tmp_path / "outcomes.pdf"))
    painter = QPainter(writer)
    chart.render_to(painter, QRectF(0, 0, writer.width(), writer.height() / 2), base=40)
    painter.end()
    text = " ".join(PdfReader(tmp_path / "outcomes.pdf").pages[0].extract_text().split())
    for words in (
        "Loneliness score (UCLA)",
        "How often lonely",
        "Anxious yesterday",
        "lower is better",
        "higher is better",
        "better",
        "3 Mar",
        "1 Sep",
        "2026",
        "Often or always",
        "Occasionally",
    ):
        assert words in text


def test_labels_that_would_touch_are_left_out_but_never_the_latest() -> None:
    assert spaced([10, 20, 200], [50, 50, 50], 4) == [0, 2]
    assert spaced([100], [50], 4) == [0]
    assert label_lanes([10, 20, 30, 200], [40, 40, 40, 40], 4) == [None, 1, 0, 0]
    assert x_positions([dt.date(2026, 1, 1)], 0, 100) == [50]
    assert x_positions([dt.date(2026, 1, 1), dt.date(2026, 1, 3), dt.date(2026, 1, 2)], 0, 100) == [
        0,
        100,
        50,
    ]


# Network size ---------------------------------------------------------------------------------


def network(
    on: dt.date, people: int, groups: int = 0, places: int = 0, activities: int = 0
) -> NetworkSnapshot:
    counts = (
        (MemberKind.PERSON, people),
        (MemberKind.GROUP, groups),
        (MemberKind.PLACE, places),
        (MemberKind.ACTIVITY, activities),
    )
    return NetworkSnapshot(
        on, tuple(NetworkMember(f"{kind} {i}", kind) for kind, n in counts for i in range(n))
    )


GROWING = [
    network(dt.date(2026, 3, 3), 3),
    network(dt.date(2026, 6, 2), 3, 1, 1),
    network(dt.date(2026, 9, 1), 4, 2, 1, 1),
]


def test_the_network_size_summary_counts_each_kind(qtbot: QtBot) -> None:
    chart = NetworkSizeChart()
    qtbot.addWidget(chart)
    chart.set_snapshots(list(reversed(GROWING)))
    assert chart.summary_text() == (
        "Network size (people, groups, places and activities on the map): "
        "3 on 3 March (3 people), 5 on 2 June (3 people, 1 group, 1 place), "
        "8 on 1 September (4 people, 2 groups, 1 place, 1 activity)."
    )
    assert chart.accessibleName() == "Network size over time"
    assert chart.accessibleDescription() == chart.summary_text()


@pytest.mark.parametrize(
    "snapshots",
    [
        [],
        GROWING[:1],
        GROWING,
        [network(dt.date(2025, 1, 1) + dt.timedelta(days=14 * i), i % 30) for i in range(40)],
    ],
    ids=["none", "one", "three", "forty"],
)
def test_the_network_size_chart_draws_any_number_of_maps(
    qtbot: QtBot, snapshots: list[NetworkSnapshot]
) -> None:
    chart = NetworkSizeChart()
    qtbot.addWidget(chart)
    chart.resize(520, 280)
    chart.set_snapshots(snapshots)
    chart.show()
    qtbot.waitExposed(chart)
    assert inked(picture(chart)) > 100
    if not snapshots:
        assert chart.summary_text().startswith("No network map saved yet")


def test_the_scale_tops_out_at_a_round_number() -> None:
    assert [nice_top(n) for n in (0, 3, 5, 8, 9, 11, 23, 41)] == [5, 5, 5, 8, 10, 15, 25, 50]


# The shell all three charts share (chart_parts.ChartWidget) -----------------------------------


@pytest.mark.parametrize(
    ("make", "fill"),
    [
        (OutcomeChart, lambda chart: chart.set_outcomes(RECORDS)),
        (NetworkSizeChart, lambda chart: chart.set_snapshots(GROWING)),
        (RelationshipsChart, lambda chart: chart.set_snapshots(GROWING)),
    ],
    ids=["outcomes", "network size", "relationships"],
)
def test_each_chart_tells_a_screen_reader_what_it_shows_now(
    qtbot: QtBot, make: Callable[[], ChartWidget], fill: Callable[[ChartWidget], None]
) -> None:
    chart = make()
    qtbot.addWidget(chart)
    empty = chart.summary_text()
    assert empty == chart.no_data
    assert chart.accessibleDescription() == chart.toolTip() == empty
    fill(chart)
    assert chart.summary_text() != empty
    assert chart.accessibleDescription() == chart.toolTip() == chart.summary_text()
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
