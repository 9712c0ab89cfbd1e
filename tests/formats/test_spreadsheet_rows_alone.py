"""What the reader keeps for later rows never changes what a row reads as (issue 17): it
keeps what a group of cells (a session, a cost, categories, languages) read into, and a
sheet read with nothing kept must give the same activities, problems and cautions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.formats.spreadsheet import header, parse_rows
from navigator.formats.spreadsheet import row as row_module
from navigator.formats.spreadsheet.read import _CELL_TAG, _cell_tags

HEADER = header(more_places=1)

# Cells worth mixing: good, bad and odd values for the columns whose reading is kept, and
# text the reader must look at cell by cell (refused, escaped, neutralised).
_ODD = st.sampled_from(
    [
        "",
        " ",
        "mon",
        "Tuesday",
        "xyz",
        "10:00",
        "7pm",
        "25:00",
        "11:00",
        "9:00",
        "2026-01-05",
        "2026-13-01",
        "1",
        "-1",
        "last",
        "weekly",
        "monthly",
        "sometimes",
        "free",
        "£5",
        "unknown",
        "-3",
        "a week",
        "per term",
        "yes",
        "no",
        "maybe",
        "en; fr",
        "english",
        "xx",
        "mind_body",
        "arts; zzz",
        "walking",
        "gender",
        "'=1+1",
        "'",
        "a\x01b",
        "_x0001_",
        "a_x0041_b",
        "x" * 600,
    ]
)
_GROUPED = [
    i
    for i, name in enumerate(HEADER)
    if name.startswith(("Session", "Cost", "Price", "Concessions", "Free taster"))
    or name in ("Categories", "Languages", "For learners of", "Guessed by Navigator")
    or name.startswith(("Place 2", "Venue", "Postcode", "Latitude", "Longitude"))
]


@st.composite
def _row(draw: st.DrawFn, number: int) -> list[object]:
    cells: list[object] = [None] * len(HEADER)
    cells[HEADER.index("ID")] = f"id-{number}"
    cells[HEADER.index("Name")] = draw(st.sampled_from(["Walk", "Choir", "", "'=x"]))
    for index in _GROUPED:  # each cell of the kept groups: often blank, else from few values
        cells[index] = draw(
            st.none() | _ODD | st.integers(-2, 3) | st.just(dt.datetime(2026, 1, 5))
        )
    return cells


@settings(max_examples=200, deadline=None)
@given(st.data(), st.booleans())
def test_what_is_kept_for_later_rows_changes_nothing(data: st.DataObject, xlsx: bool) -> None:
    # Few different rows, repeated: later rows meet groups of cells read before.
    pool = [data.draw(_row(n)) for n in range(4)]
    picks = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=10))
    at = HEADER.index("ID")  # each row its own ID, so none is refused as a repeat
    rows = [
        [f"id-{n}" if i == at else c for i, c in enumerate(pool[p])] for n, p in enumerate(picks)
    ]
    if not xlsx:
        rows = [["" if c is None else str(c) for c in r] for r in rows]
    kept = parse_rows([HEADER, *rows], xlsx=xlsx)
    with mock.patch.object(row_module, "_MEMO_SIZE", 0):
        fresh = parse_rows([HEADER, *rows], xlsx=xlsx)
    assert kept == fresh
    # Read alone, each row reads the same too (its label aside).
    alone = [parse_rows([HEADER, r], xlsx=xlsx) for r in rows]

    def unnumbered(problems: tuple[Any, ...]) -> list[tuple[str, str]]:
        return [(re.sub(r"^row \d+", "row", p.path), p.message) for p in problems]

    assert kept.activities == tuple(a for r in alone for a in r.activities)
    assert unnumbered(kept.rejected) == [x for r in alone for x in unnumbered(r.rejected)]
    assert unnumbered(kept.cautions) == [x for r in alone for x in unnumbered(r.cautions)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"<c", b" ", b">", b"/", b"\t", b"\n", b"x", b"ol"])))
def test_cell_tags_are_counted_as_the_expression_counts_them(parts: list[bytes]) -> None:
    piece = b"".join(parts)
    assert _cell_tags(piece) == len(_CELL_TAG.findall(piece))
