""".ics text from hostile directory entries (issue 14, item 9): RFC 5545 §3.1 allows no
control character in a content line, and NUL, VT, FF, NEL and U+2028 used to pass through
raw. Whatever the text, every line written is a valid one and the words survive."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import Activity, Contact, Venue
from navigator.services.calendar_export import calendar_ics, escape_text
from tests.services.test_calendar_export import events, prop, unescape_text, unfold
from tests.services.test_handout import NOW, WEEKLY

# RFC 5545 §3.1: CONTROL = %x00-08 / %x0A-1F / %x7F. Also refused: the C1 controls (NEL among
# them) and Unicode's line and paragraph separators, which some readers break lines at.
FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# What a reader may take as the end of a line; the export writes each as an escaped newline.
BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
HOSTILE = '\x00\x01\x08\t\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029\r\n\\;,:"é€😀'

hostile_text = st.text(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.characters(),
        st.characters(categories=["Cs"]),  # lone surrogates
    ),
    max_size=120,
)


def expected_words(text: str) -> str:
    """What a calendar shows of `text`: line breaks as newlines, other controls gone, a lone
    surrogate as U+FFFD."""
    text = text.replace("\r\n", "\n")
    out = []
    for char in text:
        if char in BREAKS:
            out.append("\n")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("\N{REPLACEMENT CHARACTER}")
        elif not FORBIDDEN.match(char):
            out.append(char)
    return "".join(out)


def assert_valid_lines(ics: str) -> None:
    assert ics.endswith("\r\n")
    for line in ics.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line  # strict UTF-8: no lone surrogate
        assert not FORBIDDEN.search(line), repr(line)


@settings(max_examples=300, deadline=None)
@given(
    name=hostile_text.filter(lambda t: t.strip() != ""),
    organisation=hostile_text,
    description=hostile_text,
    venue=hostile_text,
    phone=hostile_text,
    website=hostile_text.map(lambda t: "https://example.org/" + t),
)
def test_every_line_is_valid_whatever_the_entry_holds(
    name: str, organisation: str, description: str, venue: str, phone: str, website: str
) -> None:
    activity: Activity = replace(
        WEEKLY,
        name=name,
        organisation=organisation,
        description=description,
        venue=Venue(name=venue, address=venue, postcode=venue),
        contact=Contact(phone=phone, website=website),
    )
    ics = calendar_ics([activity], NOW).text
    assert_valid_lines(ics)
    for logical in unfold(ics):
        assert re.match(r"[A-Z-]+[;:]", logical), logical  # a property name, never a fragment
    (event,) = events(ics)
    assert unescape_text(prop(event, "SUMMARY")) == expected_words(name)
    if "URL" in event:  # a URI value is passed on only when it is plainly one
        assert all("!" <= c <= "~" for c in prop(event, "URL"))


def test_each_control_character_the_issue_names_is_handled() -> None:
    assert escape_text("a\x00b") == "ab"
    assert escape_text("a\x0bb\x0cc\x85d\u2028e") == r"a\nb\nc\nd\ne"
    assert escape_text("tab\tkept") == "tab\tkept"  # HTAB is allowed in a value
    assert escape_text("bell\x07 and \x1b[31mcolour") == "bell and [31mcolour"
