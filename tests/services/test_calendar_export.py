"""The .ics export, read back with a small RFC 5545 parser written for these tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from navigator.domain.directory import Activity, Day, Session
from navigator.services.calendar_export import (
    calendar_ics,
    escape_text,
    fold,
    write_calendar,
)
from tests.services.test_handout import (
    FORTNIGHTLY,
    MARKUP,
    MONTHLY,
    NOW,
    ONLINE,
    PHONE,
    SENSITIVE,
    WEEKLY,
)

Component = dict[str, object]


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert "\n" not in line and "\r" not in line
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse(text: str) -> Component:
    """Components as dicts: properties map name -> list of (params, value); children under
    "_children" as (name, component) pairs."""
    root: Component = {"_children": []}
    stack = [root]
    for line in unfold(text):
        name_params, value = line.split(":", 1)
        name, *params = name_params.split(";")
        if name == "BEGIN":
            child: Component = {"_children": []}
            stack[-1]["_children"].append((value, child))  # type: ignore[attr-defined]
            stack.append(child)
        elif name == "END":
            stack.pop()
        else:
            stack[-1].setdefault(name, []).append(  # type: ignore[attr-defined]
                (dict(p.split("=", 1) for p in params), value)
            )
    assert len(stack) == 1
    return root


def events(text: str) -> list[Component]:
    ((name, calendar),) = parse(text)["_children"]  # type: ignore[misc]
    assert name == "VCALENDAR"
    return [c for n, c in calendar["_children"] if n == "VEVENT"]


def prop(component: Component, name: str) -> str:
    ((_, value),) = component[name]  # type: ignore[misc]
    return value


def test_the_calendar_has_the_required_properties_and_a_london_time_zone() -> None:
    text = calendar_ics([WEEKLY], NOW).text
    ((_, calendar),) = parse(text)["_children"]  # type: ignore[misc]
    assert prop(calendar, "VERSION") == "2.0"
    assert prop(calendar, "PRODID")
    zones = [c for n, c in calendar["_children"] if n == "VTIMEZONE"]
    assert [prop(z, "TZID") for z in zones] == ["Europe/London"]
    rules = {n: prop(c, "RRULE") for n, c in zones[0]["_children"]}
    assert rules == {
        "DAYLIGHT": "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "STANDARD": "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    }


@pytest.mark.parametrize(
    ("activity", "rrule", "start", "end"),
    [
        (WEEKLY, "FREQ=WEEKLY;BYDAY=TU", "20261124T100000", "20261124T120000"),
        (FORTNIGHTLY, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "20261205T110000", "20261205T140000"),
        (MONTHLY, "FREQ=MONTHLY;BYDAY=2TU", "20261208T183000", "20261208T200000"),
        (ONLINE, "FREQ=MONTHLY;BYDAY=-1FR", "20261127T190000", "20261127T200000"),
    ],
)
def test_each_session_repeats_from_its_next_start(
    activity: Activity, rrule: str, start: str, end: str
) -> None:
    (event,) = events(calendar_ics([activity], NOW).text)
    assert prop(event, "RRULE") == rrule
    assert event["DTSTART"] == [({"TZID": "Europe/London"}, start)]
    assert event["DTEND"] == [({"TZID": "Europe/London"}, end)]
    assert unescape_text(prop(event, "SUMMARY")) == activity.name


def test_every_session_is_an_event_and_activities_without_times_are_left_out() -> None:
    twice = replace(
        WEEKLY,
        id="twice",
        sessions=(
            Session(Day.MON, dt.time(10), dt.time(11)),
            Session(Day.THU, dt.time(14), dt.time(15)),
        ),
    )
    export = calendar_ics([twice, PHONE, FORTNIGHTLY], NOW)
    found = events(export.text)
    assert export.events == len(found) == 3
    assert export.left_out == ("calls",)
    assert [prop(e, "RRULE") for e in found] == [
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
    ]
    assert len({prop(e, "UID") for e in found}) == 3


def test_uids_are_stable_so_importing_again_updates_the_events() -> None:
    first = [prop(e, "UID") for e in events(calendar_ics([WEEKLY], NOW).text)]
    later = [prop(e, "UID") for e in events(calendar_ics([WEEKLY], NOW.replace(day=30)).text)]
    assert first == later


def test_dtstamp_is_utc() -> None:
    (winter,) = events(calendar_ics([WEEKLY], NOW).text)
    (summer,) = events(calendar_ics([WEEKLY], dt.datetime(2026, 7, 1, 9, 0)).text)
    assert prop(winter, "DTSTAMP") == "20261124T090000Z"
    assert prop(summer, "DTSTAMP") == "20260701T080000Z"  # 09:00 BST


def test_location_description_and_url() -> None:
    (event,) = events(calendar_ics([WEEKLY], NOW).text)
    assert unescape_text(prop(event, "LOCATION")) == "Wharf Lane Garden, Wharf Lane, London, N1 0SD"
    description = unescape_text(prop(event, "DESCRIPTION")).split("\n")
    assert description == [
        "Run by Greenway Growers",
        "A relaxed gardening morning. Gloves and tea provided.",
        "Cost: Free",
        "Just turn up, no need to book",
        "Phone: 020 7946 0656",
        "Email: info@greenway.example.org",
        "Website: https://greenway.example.org",
    ]
    assert prop(event, "URL") == "https://greenway.example.org"
    (online,) = events(calendar_ics([ONLINE], NOW).text)
    assert prop(online, "LOCATION") == "Online"


def test_text_is_escaped() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    markup = replace(MARKUP, sessions=WEEKLY.sessions)
    (event,) = events(calendar_ics([markup], NOW).text)
    assert unescape_text(prop(event, "SUMMARY")) == MARKUP.name
    assert unescape_text(prop(event, "DESCRIPTION")).split("\n")[1:3] == [
        "<img src=x onerror=alert(1)> Tea &amp; cake",
        'Second line "quoted"',
    ]
    assert "URL" not in event  # "<2>" in it: not a URI to pass on


def test_long_lines_are_folded_at_75_octets_without_splitting_characters() -> None:
    name = "Café crème and conversation " * 4 + "🌱🌱🌱🌱🌱🌱🌱🌱"
    text = calendar_ics([replace(WEEKLY, name=name)], NOW).text
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    (event,) = events(text)
    assert unescape_text(prop(event, "SUMMARY")) == name
    assert any(line.startswith(" ") for line in text.split("\r\n"))


def test_fold_counts_octets_and_leaves_short_lines_alone() -> None:
    assert fold("SUMMARY:short") == "SUMMARY:short"
    exact = "X" * 75
    assert fold(exact) == exact
    folded = fold("é" * 80)  # 160 octets
    pieces = folded.split("\r\n")
    assert [len(p.encode()) for p in pieces] == [74, 75, 13]
    assert "".join(p.removeprefix(" ") for p in pieces) == "é" * 80


def test_nothing_sensitive_is_added() -> None:
    text = calendar_ics([SENSITIVE, WEEKLY], NOW).text.lower()
    for word in ("mental", "lived experience", "peer", "navigator"):
        assert word not in text


def test_write_calendar_writes_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "sessions.ics"
    export = write_calendar(path, [WEEKLY, MONTHLY], NOW)
    data = path.read_bytes()
    assert data.decode("utf-8") == export.text
    assert data.count(b"\r\n") == data.count(b"\n")
    assert [p.name for p in tmp_path.iterdir()] == ["sessions.ics"]
