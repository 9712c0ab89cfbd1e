"""A service report for managers and commissioners (issue 16, item 8): counts over a period,
never a person.

What it counts, for the records open at any time from `start` to `end` (the people
supported):

- **Activities**: people who had tried at least one activity by the end of the period, and of
  those, who kept going (went regularly); people who stopped something in the period, by
  the reason given (a person counts once per reason).
- **Outcomes**: from each person's first measures to their latest by the end of the period,
  for the UCLA loneliness score (3 to 9), each ONS4 question (0 to 10, never added up) and
  belonging (1 to 4): how many have both, how many moved the better way, stayed, or moved the
  worse way, and the average first, latest and change.
- **The model delivered** (services/model_delivery.py): people with each step done by the
  end of the period, and with all of them.

Privacy (DOMAIN.md; the report leaves the worker's hands): no reference, no free text, no
date that belongs to a person. A count from 1 to 4 is shown as "fewer than 5"; where counts
add up to another (tried + not tried = supported), a second cell is hidden too whenever one
alone would let a hidden count be worked out by subtraction (`suppress`). Averages are shown
only beside a count that is shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from navigator.domain.people import (
    ONS4_ITEMS,
    PersonRecord,
    PersonSummary,
    PlanStatus,
    StopReason,
)
from navigator.domain.wording import STOP_REASON_WORDS
from navigator.formats.spreadsheet import neutralise
from navigator.services.files import write_text_atomically
from navigator.services.model_delivery import Step, model_delivery

SMALLEST_SHOWN = 5  # counts from 1 to 4 are never published
FEWER_THAN_5 = "fewer than 5"
HIDDEN = "not shown"  # a second cell hidden so a small one cannot be worked out
NOTES = (
    'Counts from 1 to 4 are shown as "fewer than 5".',
    f'A count marked "{HIDDEN}" is hidden so that a small count cannot be worked out from '
    "the others by subtraction.",
    "Averages are shown only where the number of people they are taken over is shown.",
    "No references, names or notes about anyone are in this report.",
)


class RecordSource(Protocol):
    """Where the records come from: the people service (app and command line) or a test."""

    def people(self, *, include_closed: bool = False) -> list[PersonSummary]: ...

    def person(self, reference: str) -> PersonRecord: ...


@dataclass(frozen=True, slots=True)
class ReportLine:
    section: str
    measure: str
    value: str  # as published: a number, "fewer than 5", "not shown" or "" (a heading)


@dataclass(frozen=True, slots=True)
class ServiceReport:
    start: dt.date
    end: dt.date
    lines: tuple[ReportLine, ...]
    notes: tuple[str, ...] = NOTES

    def sections(self) -> list[tuple[str, list[ReportLine]]]:
        """The lines grouped by section, in order."""
        grouped: dict[str, list[ReportLine]] = {}
        for line in self.lines:
            grouped.setdefault(line.section, []).append(line)
        return list(grouped.items())


class ReportPeriodError(ValueError):
    """The period asked for makes no sense (one sentence for the user)."""


# Suppression ------------------------------------------------------------------------------

# A sum: the total cell's key, then the keys of the cells that add up to it.
Sum = tuple[str, tuple[str, ...]]


def suppress(counts: Mapping[str, int], sums: Sequence[Sum]) -> dict[str, str]:
    """Each count as published: the number, `FEWER_THAN_5` for 1 to 4, or `HIDDEN`.

    Every cell of 1 to 4 is hidden. Then, until nothing changes: a sum with exactly one hidden
    cell would give it away by subtraction, so its smallest shown part (else its total) is
    hidden as well. Hiding only grows, so this ends."""
    small = {key for key, n in counts.items() if 0 < n < SMALLEST_SHOWN}
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            cells = (total, *parts)
            if sum(1 for c in cells if c in hidden) != 1:
                continue
            shown = [p for p in parts if p not in hidden]
            # The smallest shown part gives least away; a zero only if nothing else is shown.
            shown.sort(key=lambda p: (counts[p] == 0, counts[p]))
            hidden.add(shown[0] if shown else total)
            changed = True
    return {
        key: FEWER_THAN_5 if key in small else HIDDEN if key in hidden else str(n)
        for key, n in counts.items()
    }


# Building the report ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Outcome:
    """A measure read from first to latest: which way is better and its range."""

    name: str
    value: Callable[[PersonRecord, int], int | None]  # the record's i-th outcome's answer
    higher_is_better: bool


def _ucla(record: PersonRecord, i: int) -> int | None:
    return record.outcomes[i].ucla_total


def _ons(item: int) -> Callable[[PersonRecord, int], int | None]:
    return lambda record, i: record.outcomes[i].ons4[item]


def _belonging(record: PersonRecord, i: int) -> int | None:
    return record.outcomes[i].belonging


OUTCOMES = (
    _Outcome("Loneliness score (UCLA, 3 to 9, lower is less lonely)", _ucla, False),
    *(
        _Outcome(
            f"{label} (ONS4, 0 to 10, {'lower' if label.startswith('Anxious') else 'higher'} "
            "is better)",
            _ons(i),
            not label.startswith("Anxious"),
        )
        for i, label in enumerate(ONS4_ITEMS)
    ),
    _Outcome("Belonging (1 to 4, higher is better)", _belonging, True),
)


class _Builder:
    """Counts and averages in the order they are published, and the sums between counts."""

    def __init__(self) -> None:
        # section, measure, the key of its count or mean, and a mean's value
        self.rows: list[tuple[str, str, str, float | None]] = []
        self.counts: dict[str, int] = {}
        self.sums: list[Sum] = []
        self.means: dict[str, str] = {}  # a mean's row key -> the count it depends on

    def count(self, section: str, measure: str, key: str, n: int) -> None:
        self.counts[key] = n
        self.rows.append((section, measure, key, None))

    def mean(self, section: str, measure: str, of: str, value: float | None) -> None:
        key = f"mean:{len(self.rows)}"
        self.means[key] = of
        self.rows.append((section, measure, key, value))

    def lines(self) -> tuple[ReportLine, ...]:
        published = suppress(self.counts, self.sums)
        lines = []
        for section, measure, key, value in self.rows:
            if key in self.means:
                of = self.means[key]
                text = (
                    f"{value:.1f}"
                    if value is not None and published[of] == str(self.counts[of])
                    else HIDDEN
                )
            else:
                text = published[key]
            lines.append(ReportLine(section, measure, text))
        return tuple(lines)


def build_report(records: Iterable[PersonRecord], start: dt.date, end: dt.date) -> ServiceReport:
    """The report for the records open at any time in `start`..`end` (both days included)."""
    if end < start:
        raise ReportPeriodError(
            f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."
        )
    people = [
        r for r in records if r.opened_on <= end and (r.closed_on is None or r.closed_on >= start)
    ]
    b = _Builder()
    supported = len(people)
    b.count("People", "People supported in the period", "supported", supported)

    section = "Activities"
    tried = [r for r in people if any(_by(p.tried_on, end) for p in r.plan)]
    kept = [r for r in tried if any(_by(p.regular_since, end) for p in r.plan)]
    b.count(section, "Had tried at least one activity", "tried", len(tried))
    b.count(section, "Had not tried one yet", "not_tried", supported - len(tried))
    b.count(section, "Of those who tried, kept going (went regularly)", "kept", len(kept))
    b.count(section, "Of those who tried, did not keep going", "not_kept", len(tried) - len(kept))
    b.sums += [("supported", ("tried", "not_tried")), ("tried", ("kept", "not_kept"))]
    for reason in StopReason:
        stopped = sum(
            1
            for r in people
            if any(
                p.status is PlanStatus.STOPPED
                and p.reason is reason
                and p.updated_on is not None
                and start <= p.updated_on <= end
                for p in r.plan
            )
        )
        b.count(
            "Stopped in the period, by reason",
            f"Stopped: {STOP_REASON_WORDS[reason]}",
            f"stop:{reason.value}",
            stopped,
        )

    for number, outcome in enumerate(OUTCOMES):
        _add_outcome(b, f"outcome{number}", outcome, people, end)

    section = "The model delivered (by the end of the period)"
    deliveries = [model_delivery(r, as_of=end) for r in people]
    for step in Step:
        done = sum(1 for d in deliveries if d.state(step).done)
        b.count(section, step.label, f"step:{step.value}", done)
        b.count(
            section, f"Not yet: {step.label.lower()}", f"step:{step.value}:not", supported - done
        )
        b.sums.append(("supported", (f"step:{step.value}", f"step:{step.value}:not")))
    complete = sum(1 for d in deliveries if d.complete)
    b.count(section, "Every step done", "complete", complete)
    b.count(section, "Some steps not yet done", "incomplete", supported - complete)
    b.sums.append(("supported", ("complete", "incomplete")))
    return ServiceReport(start, end, b.lines())


def _by(day: dt.date | None, end: dt.date) -> bool:
    return day is not None and day <= end


def _add_outcome(
    b: _Builder, key: str, outcome: _Outcome, people: Sequence[PersonRecord], end: dt.date
) -> None:
    """First and latest answers up to `end`, for the people who gave at least two."""
    pairs: list[tuple[int, int]] = []
    for record in people:
        answers = [
            answer
            for i, o in enumerate(record.outcomes)
            if o.on <= end and (answer := outcome.value(record, i)) is not None
        ]
        if len(answers) >= 2:  # outcomes are kept oldest first
            pairs.append((answers[0], answers[-1]))
    better = sum(
        1 for first, last in pairs if last != first and (last > first) == outcome.higher_is_better
    )
    same = sum(1 for first, last in pairs if last == first)
    section = f"Change from first to latest measures: {outcome.name}"
    n = len(pairs)
    b.count(section, "People measured at least twice", key, n)
    b.count(section, "Moved the better way", f"{key}:better", better)
    b.count(section, "No change", f"{key}:same", same)
    b.count(section, "Moved the worse way", f"{key}:worse", n - better - same)
    b.sums.append((key, (f"{key}:better", f"{key}:same", f"{key}:worse")))
    first = sum(f for f, _ in pairs) / n if n else None
    latest = sum(last for _, last in pairs) / n if n else None
    b.mean(section, "Average at first", key, first)
    b.mean(section, "Average at latest", key, latest)
    b.mean(
        section,
        "Average change",
        key,
        None if first is None or latest is None else latest - first,
    )


def report_from(source: RecordSource, start: dt.date, end: dt.date) -> ServiceReport:
    """The report over every record in the store, open or closed."""
    records = [source.person(s.reference) for s in source.people(include_closed=True)]
    return build_report(records, start, end)


# Writing it -------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
CSV_HEADER = ("section", "measure", "value")


def report_csv(report: ServiceReport) -> str:
    """section, measure, value; the period first. Numbers stay numbers; every other cell is
    neutralised so no spreadsheet runs it as a formula (formats/spreadsheet/columns.py)."""

    def cell(text: str) -> str:
        return text if _NUMBER.fullmatch(text) else neutralise(text)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerow(["Period", "From", report.start.isoformat()])
    writer.writerow(["Period", "To", report.end.isoformat()])
    for line in report.lines:
        writer.writerow([cell(line.section), cell(line.measure), cell(line.value)])
    for note in report.notes:
        writer.writerow(["Notes", cell(note), ""])
    return out.getvalue()


def write_report_csv(report: ServiceReport, path: Path) -> None:
    """All or nothing: a failed write leaves any file already there as it was."""
    write_text_atomically(Path(path), report_csv(report))
