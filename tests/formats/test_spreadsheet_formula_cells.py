"""Formula neutralising (issue 14, item 9): a cell a spreadsheet could run as a formula,
including full-width ＝ ＋ － ＠ and = after spaces, which used to pass, gets an apostrophe;
import takes exactly that apostrophe off again."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.formats.spreadsheet import neutralise, unneutralise

# What Excel, LibreOffice or Google Sheets may take as the start of a formula, written out
# here independently of the code: = + - @ after any whitespace (full-width and small forms
# too), or a tab or carriage return first.
STARTS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
RISKY = re.compile(r"[\t\r]|\s*[" + re.escape(STARTS) + "]")

cells = st.text(
    st.one_of(
        st.sampled_from([*STARTS, " ", "\t", "\r", "\n", "\u3000", "\xa0", "'"]),
        st.characters(),
    ),
    max_size=12,
)


@pytest.mark.parametrize(
    "text",
    ['＝HYPERLINK("http://x")', "＋44", "－5", "＠SUM(A1)", " =1+1", "\u3000=1", "\n=cmd"],
)
def test_the_forms_that_used_to_pass_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert unneutralise("'" + text) == text


@settings(max_examples=500, deadline=None)
@given(cells)
def test_no_cell_written_can_start_a_formula_and_reading_it_back_gives_the_text(
    text: str,
) -> None:
    cell = neutralise(text)
    assert not RISKY.match(cell), repr(cell)
    assert unneutralise(cell) == text
    if not RISKY.match(text) and not text.startswith("'"):
        assert cell == text  # ordinary text is left alone
