"""The chosen activities as an iCalendar file (RFC 5545) for the person's phone or computer.

One VEVENT per session, repeating with an RRULE: weekly, fortnightly (INTERVAL=2) or monthly
on the n-th or last weekday (BYDAY=2TU, BYDAY=-1FR). Times are Europe/London wall-clock
times with the zone's rules in a VTIMEZONE, so a 10:00 session stays at 10:00 across the
clock changes. Activities without fixed times have nothing to put in a calendar and are left
out. Standard library only: the format is small, and writing it takes less code than a
dependency would.

Like the handout, the file is discreet: no product or service name (PRODID is neutral),
nothing from the person's profile, no wording of ours about mental health.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from navigator.domain.directory import Activity, Delivery, Frequency, Session
from navigator.domain.wording import describe_booking, describe_cost
from navigator.matching.schedule import next_start
from navigator.services.files import write_text_atomically

TZID = "Europe/London"
PRODID = "-//Community activities//Calendar//EN"
CRLF = "\r\n"
# RFC 5545 §3.1: lines longer than 75 octets, not counting the line break, are folded.
MAX_LINE_OCTETS = 75
# Stable UIDs: the same activity and session give the same UID every time, so importing a
# newer file updates the events instead of adding copies.
UID_NAMESPACE = uuid.UUID("0f5c3d5e-8a59-4b5e-9a55-3d6f1f2a7c11")

# RFC 5545 §3.1 allows no control character in a value (CONTROL = %x00-08 / %x0A-1F / %x7F).
# Those some reader takes as the end of a line (VT, FF, the file/group/record separators, NEL
# and Unicode's line and paragraph separators) become an escaped line break, as a newline
# does; every other control character (C0, DEL, C1) is dropped; a lone surrogate, which is not
# a character and cannot be written as UTF-8, becomes U+FFFD.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

ICAL_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}

# Europe/London since 1996: BST from 01:00 GMT on the last Sunday in March to 01:00 GMT
# (02:00 BST) on the last Sunday in October. DTSTART here is local time before the change.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True, slots=True)
class CalendarExport:
    text: str
    events: int
    # Activities with no fixed times, which have no events in the file.
    left_out: tuple[str, ...]


def calendar_ics(activities: Sequence[Activity], now: dt.datetime) -> CalendarExport:
    """The iCalendar text for `activities`; each session repeats from its next start at or
    after `now` (naive Europe/London time, as elsewhere in Navigator)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *VTIMEZONE,
    ]
    stamp = _utc(now)
    events = 0
    left_out = []
    for activity in activities:
        if not activity.sessions:
            left_out.append(activity.id)
        for index, session in enumerate(activity.sessions):
            lines.extend(_event(activity, index, session, now, stamp))
            events += 1
    lines.append("END:VCALENDAR")
    text = "".join(fold(line) + CRLF for line in lines)
    return CalendarExport(text=text, events=events, left_out=tuple(left_out))


def write_calendar(path: Path, activities: Sequence[Activity], now: dt.datetime) -> CalendarExport:
    """Write the .ics file all or nothing (a temporary file, then one rename)."""
    export = calendar_ics(activities, now)
    write_text_atomically(Path(path), export.text)
    return export


def rrule(session: Session) -> str:
    """ "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "FREQ=MONTHLY;BYDAY=-1FR"."""
    day = ICAL_DAYS[session.day.value]
    if session.frequency is Frequency.FORTNIGHTLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if session.frequency is Frequency.MONTHLY:
        return f"FREQ=MONTHLY;BYDAY={session.week_of_month or 1}{day}"
    return f"FREQ=WEEKLY;BYDAY={day}"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped;
    no control characters (see _CONTROL)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _LINE_BREAK.sub(r"\\n", value)
    return _SURROGATE.sub("\N{REPLACEMENT CHARACTER}", _CONTROL.sub("", value))


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets of UTF-8, each continuation
    starting with a space, never inside a multi-byte character (RFC 5545 §3.1)."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _event(
    activity: Activity, index: int, session: Session, now: dt.datetime, stamp: str
) -> list[str]:
    start = next_start(session, now)
    end = dt.datetime.combine(start.date(), session.end)
    key = f"{activity.id}/{index}/{session.day.value}/{session.start}/{session.frequency.value}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uuid.uuid5(UID_NAMESPACE, key)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}",
        f"RRULE:{rrule(session)}",
        f"SUMMARY:{escape_text(activity.name)}",
    ]
    location = _location(activity)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"DESCRIPTION:{escape_text(_description(activity))}")
    website = (activity.contact.website or "").strip()
    if _is_web_address(website):
        lines.append(f"URL:{website}")
    lines.append("END:VEVENT")
    return lines


def _location(activity: Activity) -> str:
    if activity.delivery is Delivery.ONLINE:
        return "Online"
    if activity.delivery is Delivery.PHONE:
        return "By phone"
    venue = activity.venue
    if venue is None:
        return ""
    return ", ".join(
        part.strip()
        for part in (venue.name, venue.address, venue.postcode)
        if part and part.strip()
    )


def _description(activity: Activity) -> str:
    lines = []
    if activity.organisation:
        lines.append(f"Run by {activity.organisation}")
    if activity.description.strip():
        lines.append(activity.description.strip())
    lines.append(f"Cost: {describe_cost(activity.cost)}")
    lines.append(describe_booking(activity.booking))
    lines.extend(_contact_lines(activity))
    return "\n".join(lines)


def _contact_lines(activity: Activity) -> Iterable[str]:
    contact = activity.contact
    for label, value in (
        ("Phone", contact.phone),
        ("Email", contact.email),
        ("Website", contact.website),
    ):
        if value and value.strip():
            yield f"{label}: {value.strip()}"


def _is_web_address(text: str) -> bool:
    """URL is a URI value, not text: pass on only what is plainly one (RFC 3986 characters)."""
    return text.startswith(("https://", "http://")) and all(
        "!" <= c <= "~" and c not in '<>"{}|\\^`' for c in text
    )


def _utc(local: dt.datetime) -> str:
    """DTSTAMP: the moment the file was made, in UTC as RFC 5545 requires."""
    moment = local.replace(tzinfo=ZoneInfo(TZID)) if local.tzinfo is None else local
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
