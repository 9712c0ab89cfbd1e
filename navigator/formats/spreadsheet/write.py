"""Writing the spreadsheet template: rows of cells, then CSV (streamed or whole) or an
.xlsx workbook."""

from __future__ import annotations

import csv
import io
from typing import IO, TextIO

from navigator.domain.directory import Activity, Venue
from navigator.formats.spreadsheet.columns import (
    COLUMNS,
    COLUMNS_AFTER,
    PLACE_FIELDS,
    SESSION_FIELDS,
    SESSION_GROUPS,
    Cell,
    header,
    join_list,
    neutralise,
)
from navigator.formats.spreadsheet.workbook import Sheet, write_workbook


def activities_to_rows(activities: list[Activity]) -> tuple[list[str], list[list[Cell]]]:
    groups = max([SESSION_GROUPS, *(len(a.sessions) for a in activities)])
    places = max([0, *(len(a.more_venues) for a in activities)])
    return header(groups, places), [_row(a, groups, places) for a in activities]


def _t(value: str | None) -> str | None:
    """A text cell: blank for None, never a formula."""
    return None if value is None else neutralise(value)


def _venue_cells(venue: Venue) -> list[Cell]:
    """The main venue's columns, or one "Place N" group: the same seven, in the same order."""
    return [
        _t(venue.name),
        _t(venue.address),
        venue.postcode,
        venue.lat,
        venue.lon,
        _yes_no(venue.step_free),
        _t(venue.transport_note),
    ]


def _row(a: Activity, groups: int, places: int) -> list[Cell]:
    cost, t = a.cost, _t
    cells: list[Cell] = [
        t(a.id),
        t(a.name),
        t(a.organisation),
        t(a.description),
        t(join_list(a.categories)),
        t(join_list(a.keywords)),
        a.delivery.value,
        *_venue_cells(a.venue or Venue()),
    ]
    for n in range(places):
        cells += _venue_cells(a.more_venues[n] if n < len(a.more_venues) else Venue())
    for n in range(groups):
        s = a.sessions[n] if n < len(a.sessions) else None
        cells += (
            [None] * 6
            if s is None
            else [
                s.day.value,
                f"{s.start:%H:%M}",
                f"{s.end:%H:%M}",
                s.frequency.value,
                s.week_of_month,
                None if s.starts_on is None else s.starts_on.isoformat(),
            ]
        )
    cells += [
        None
        if cost is None
        else ("unknown" if cost.per_session_gbp is None else cost.per_session_gbp),
        None if cost is None else cost.amount_gbp,
        None if cost is None or cost.unit is None else cost.unit.value,
        None if cost is None else _yes_no(cost.concessions),
        None if cost is None else _yes_no(cost.free_taster),
        None if cost is None else t(cost.notes),
        _yes_no(a.mental_health_specific),
        _yes_no(a.peer_led),
        a.gender.value,
        a.age_min,
        a.age_max,
        join_list(a.languages),
        a.booking and a.booking.value,
        a.group_size and a.group_size.value,
        _yes_no(a.welcome.bring_someone),
        _yes_no(a.welcome.beginners),
        _yes_no(a.welcome.meet_at_door),
        t(a.contact.phone),
        t(a.contact.email),
        t(a.contact.website),
        None if a.last_verified is None else a.last_verified.isoformat(),
        a.status.value,
        join_list(a.for_learners_of) or None,
        _yes_no(a.with_child),
        t(join_list(a.guessed)) or None,
        None if a.source is None else t(a.source.feed),
        None if a.source is None else t(a.source.external_id),
    ]
    return cells


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def activities_to_csv(activities: list[Activity]) -> str:
    """CSV text with a byte-order mark, so Excel opens it as UTF-8."""
    head, rows = activities_to_rows(activities)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(
        [["" if c is None else repr(c) if isinstance(c, float) else c for c in row] for row in rows]
    )
    return "\ufeff" + out.getvalue()


def write_csv(out: TextIO, activities: list[Activity]) -> int:
    """Write what `activities_to_csv` gives to `out` a row at a time. Returns the count."""
    groups = max([SESSION_GROUPS, *(len(a.sessions) for a in activities)])
    places = max([0, *(len(a.more_venues) for a in activities)])
    out.write("\ufeff")  # a byte-order mark, so Excel opens it as UTF-8
    writer = csv.writer(out)
    writer.writerow(header(groups, places))
    for activity in activities:
        writer.writerow(
            [
                "" if c is None else repr(c) if isinstance(c, float) else c
                for c in _row(activity, groups, places)
            ]
        )
    return len(activities)


def activities_to_xlsx(activities: list[Activity]) -> bytes:
    """The workbook `write_xlsx` writes, as bytes."""
    out = io.BytesIO()
    write_xlsx(out, activities)
    return out.getvalue()


def write_xlsx(out: IO[bytes], activities: list[Activity]) -> int:
    """Write the directory to `out` as an .xlsx workbook a row at a time: the "Activities"
    sheet, then "How to fill in" (each column and what to write in it). Returns the count."""
    groups = max([SESSION_GROUPS, *(len(a.sessions) for a in activities)])
    places = max([0, *(len(a.more_venues) for a in activities)])
    guide = [
        [name, help_text]
        for name, help_text in [
            *COLUMNS,
            *((f"Place N {f}", h) for f, h in PLACE_FIELDS),
            *((f"Session N {f}", h) for f, h in SESSION_FIELDS),
            *COLUMNS_AFTER,
        ]
    ]
    rows = (_row(a, groups, places) for a in activities)
    write_workbook(
        out,
        [
            Sheet("Activities", header(groups, places), rows, len(activities)),
            Sheet("How to fill in", ["Column", "What to write"], guide, len(guide)),
        ],
    )
    return len(activities)
