"""The service report (issue 16, item 8): what it counts, that no published count is 1 to 4
and none can be worked out by subtraction, and that no reference or free text reaches the
CSV. No Qt (the PDF is tested in tests/ui/test_report_pdf.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.people import (
    Companion,
    Contact,
    ContactKind,
    Goal,
    NetworkMember,
    NetworkSnapshot,
    OutcomeRecord,
    PersonRecord,
    PlanItem,
    PlanStatus,
    StopReason,
)
from navigator.services.service_report import (
    FEWER_THAN_5,
    HIDDEN,
    ReportPeriodError,
    build_report,
    report_csv,
    suppress,
    write_report_csv,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def values(report: object) -> dict[tuple[str, str], str]:
    return {(line.section, line.measure): line.value for line in report.lines}  # type: ignore[attr-defined]


def person(
    number: int,
    *,
    tried: bool,
    regular: bool,
    stop: StopReason | None = None,
    ucla: tuple[int, int] | None = None,
    opened: dt.date = START,
) -> PersonRecord:
    status = (
        PlanStatus.STOPPED
        if stop
        else PlanStatus.GOING_REGULARLY
        if regular
        else PlanStatus.TRIED
        if tried
        else PlanStatus.AGREED
    )
    item = PlanItem(
        "choir",
        "Choir",
        status,
        stop,
        "",
        dt.date(2026, 5, 1),
        dt.date(2026, 3, 1) if tried or regular else None,
        dt.date(2026, 4, 1) if regular else None,
    )
    outcomes = ()
    if ucla:
        outcomes = (
            OutcomeRecord(dt.date(2026, 2, 1), (ucla[0], ucla[0], ucla[0])),
            OutcomeRecord(dt.date(2026, 8, 1), (ucla[1], ucla[1], ucla[1])),
        )
    return PersonRecord(f"SECRET-{number:03}", opened, plan=(item,), outcomes=outcomes)


def test_what_it_counts() -> None:
    records = (
        [person(i, tried=True, regular=True, ucla=(3, 1)) for i in range(6)]
        + [
            person(10 + i, tried=True, regular=False, stop=StopReason.COST, ucla=(2, 2))
            for i in range(5)
        ]
        + [person(20 + i, tried=False, regular=False) for i in range(7)]
        + [person(99, tried=True, regular=True, opened=dt.date(2027, 2, 1))]  # after the period
    )
    shown = values(build_report(records, START, END))
    assert shown["People", "People supported in the period"] == "18"
    assert shown["Activities", "Had tried at least one activity"] == "11"
    assert shown["Activities", "Had not tried one yet"] == "7"
    assert shown["Activities", "Of those who tried, kept going (went regularly)"] == "6"
    assert shown["Activities", "Of those who tried, did not keep going"] == "5"
    assert shown["Stopped in the period, by reason", "Stopped: cost"] == "5"
    assert shown["Stopped in the period, by reason", "Stopped: did not feel welcome"] == "0"
    loneliness = (
        "Change from first to latest measures: "
        "Loneliness score (UCLA, 3 to 9, lower is less lonely)"
    )
    assert shown[loneliness, "People measured at least twice"] == "11"
    assert shown[loneliness, "Moved the better way"] == "6"  # 9 -> 3
    assert shown[loneliness, "No change"] == "5"
    assert shown[loneliness, "Moved the worse way"] == "0"
    assert shown[loneliness, "Average at first"] == f"{(6 * 9 + 5 * 6) / 11:.1f}"
    assert shown[loneliness, "Average change"] == f"{(6 * -6) / 11:.1f}"


def test_small_counts_are_hidden_and_so_is_the_cell_that_would_give_them_away() -> None:
    # 3 of 12 tried: "tried" is fewer than 5, so "not tried" (9) must go too, else 12 - 9 = 3.
    records = [person(i, tried=i < 3, regular=False) for i in range(12)]
    shown = values(build_report(records, START, END))
    assert shown["People", "People supported in the period"] == "12"
    assert shown["Activities", "Had tried at least one activity"] == FEWER_THAN_5
    assert shown["Activities", "Had not tried one yet"] == HIDDEN


def test_averages_over_fewer_than_5_people_are_not_shown() -> None:
    records = [person(i, tried=False, regular=False, ucla=(3, 2)) for i in range(3)]
    lines = build_report(records, START, END).lines
    averages = [line.value for line in lines if line.measure.startswith("Average")]
    assert averages and set(averages) == {HIDDEN}


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ReportPeriodError, match="ends"):
        build_report([], END, START)


# Properties -----------------------------------------------------------------------------

SUMS_SHAPES = st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=4), min_size=1, max_size=4)


@given(SUMS_SHAPES, st.data())
def test_suppression_never_publishes_1_to_4_nor_a_sum_with_one_hidden_cell(
    groups: list[list[int]], data: st.DataObject
) -> None:
    # Sums that share cells, as the report's do: each group's total may be a part of another.
    counts: dict[str, int] = {}
    sums = []
    for g, parts in enumerate(groups):
        keys = tuple(f"g{g}p{i}" for i in range(len(parts)))
        counts.update(zip(keys, parts, strict=True))
        total = f"g{g}"
        counts[total] = sum(parts)
        sums.append((total, keys))
        if g and data.draw(st.booleans()):  # nest: this total is also a part of the first sum
            sums[0] = (sums[0][0], (*sums[0][1], total))
            counts[sums[0][0]] = sum(counts[k] for k in sums[0][1])
    published = suppress(counts, sums)
    for key, text in published.items():
        if text not in (FEWER_THAN_5, HIDDEN):
            assert not 1 <= int(text) <= 4
            assert int(text) == counts[key]
        if text == FEWER_THAN_5:
            assert 1 <= counts[key] <= 4
    for total, parts in sums:
        hidden = sum(1 for k in (total, *parts) if published[k] in (FEWER_THAN_5, HIDDEN))
        assert hidden != 1


DAYS = st.dates(dt.date(2025, 6, 1), dt.date(2027, 6, 1))
REFERENCES = st.from_regex(r"REF-[A-Z]{3}-[0-9]{4}", fullmatch=True)


@st.composite
def records(draw: st.DrawFn) -> PersonRecord:
    opened = draw(DAYS)
    items = []
    for n in range(draw(st.integers(0, 3))):
        status = draw(st.sampled_from(PlanStatus))
        reason = draw(st.sampled_from(StopReason)) if status is PlanStatus.STOPPED else None
        tried = draw(st.none() | DAYS)
        items.append(
            PlanItem(
                f"a{n}",
                f"Activity {n}",
                status,
                reason,
                "a note naming NOTE-SECRET",
                draw(st.none() | DAYS),
                tried,
                draw(st.none() | DAYS) if tried else None,
                companion=draw(st.none() | st.just(Companion("sister"))),
            )
        )
    answer = st.none() | st.integers(1, 3)
    outcomes = sorted(
        {
            day: OutcomeRecord(
                day,
                (draw(answer), draw(answer), draw(answer)),
                ons4=(draw(st.none() | st.integers(0, 10)), None, None, draw(st.integers(0, 10))),
                belonging=draw(st.none() | st.integers(1, 4)),
            )
            for day in draw(st.lists(DAYS, max_size=3))
        }.values(),
        key=lambda o: o.on,
    )
    return PersonRecord(
        draw(REFERENCES),
        opened,
        goals=(Goal("GOAL-SECRET words"),) if draw(st.booleans()) else (),
        contacts=tuple(
            Contact(d, draw(st.sampled_from(ContactKind)), "CONTACT-SECRET")
            for d in draw(st.lists(DAYS, max_size=2))
        ),
        network=tuple(
            NetworkSnapshot(d, (NetworkMember("ALIAS-SECRET"),))
            for d in draw(st.lists(DAYS, max_size=1))
        ),
        plan=tuple(items),
        outcomes=tuple(outcomes),
        closed_on=draw(st.none() | DAYS.filter(lambda d: d >= opened)),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(records(), max_size=30), DAYS, st.integers(0, 400))
def test_no_published_count_is_1_to_4_and_no_reference_or_text_is_written(
    people: list[PersonRecord], start: dt.date, length: int
) -> None:
    report = build_report(people, start, start + dt.timedelta(days=length))
    for line in report.lines:
        if line.value not in (FEWER_THAN_5, HIDDEN) and "." not in line.value:
            assert not 1 <= int(line.value) <= 4, line
    text = report_csv(report)
    for record in people:
        assert record.reference not in text
    assert "SECRET" not in text


def test_the_csv_has_the_period_and_every_line_and_is_written_whole(tmp_path: Path) -> None:
    report = build_report([person(i, tried=True, regular=True) for i in range(6)], START, END)
    path = tmp_path / "report.csv"
    write_report_csv(report, path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["section", "measure", "value"]
    assert rows[1] == ["Period", "From", "2026-01-01"] and rows[2] == ["Period", "To", "2026-12-31"]
    assert ["People", "People supported in the period", "6"] in rows
    # A negative average stays a number; text that starts like a formula would be neutralised.
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
