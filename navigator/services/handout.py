"""The handout the person takes home: what each chosen activity is, when, where, what it costs.

Written for the person, not the worker: large type, plain English, one block per activity.
It is discreet (DOMAIN.md): no diagnosis, no service or product branding, nothing from the
person's profile (no reference, no barriers) and no wording of ours about mental health. An
activity's own name and description are the organisers' words and are shown as they are.

`prepare_handout` is the use case the app and `navigator handout` share: the chosen activities,
the person's place (for "About 10 minutes' walk"), and the fact to state for a near miss chosen
anyway. `build_handout` makes a small document model; `handout_html` turns it into HTML for Qt's
rich-text subset, with every piece of text escaped so directory text is never markup.
`navigator.printing.handout_pdf` lays that HTML out on A4 pages for PDF and printing.

Who goes along the first time (issue 16) is the one thing from a follow-up record that may go
on the page, and only as the worker ticked it: `going_with_lines` makes "You're going with Sam
on Tuesday" from the plan's items whose companion is marked for the handout, with only the
alias the worker typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from navigator.domain.directory import (
    Activity,
    Booking,
    Delivery,
    Session,
    Status,
    Venue,
)
from navigator.domain.people import Companion, PlanItem
from navigator.domain.profile import LatLon
from navigator.domain.wording import (
    describe_cost,
    describe_cost_easy,
    describe_joining,
    describe_languages,
    describe_occurrence,
    describe_session,
    describe_session_easy,
    describe_step_free_for_person,
    describe_who,
    first_visit_notes,
    how_far,
    long_date,
)
from navigator.matching.geo import nearest_place
from navigator.matching.schedule import next_start

NEXT_DATES = 3
NOTE_LINES = 6
# Marks the notes table, whose lines the renderer may trim to fit the last page.
NOTES_ANCHOR = "notes"


@dataclass(frozen=True, slots=True)
class HandoutOptions:
    easy_read: bool = False
    worker_name: str | None = None
    worker_phone: str | None = None


@dataclass(frozen=True, slots=True)
class TypeSizes:
    """Point sizes. Body text is 13pt (RNIB's clear-print guidance: 12pt at least, 14pt
    better) and 16pt for easy read (large print starts at 16pt)."""

    body: int
    label: int
    heading: int
    title: int


STANDARD_TYPE = TypeSizes(body=13, label=13, heading=18, title=24)
EASY_READ_TYPE = TypeSizes(body=16, label=17, heading=22, title=26)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled part of an activity block: ("When", ["Every Tuesday, ...", ...])."""

    label: str
    lines: tuple[str, ...]
    # Lines shown smaller and set apart, such as "Next dates:".
    subheadings: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ActivityBlock:
    activity_id: str
    name: str
    organisation: str | None
    description: str
    rows: tuple[Row, ...]
    # When it meets, in a few words, for the easy-read list on the first page.
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Handout:
    title: str
    made_on: str
    intro: str
    blocks: tuple[ActivityBlock, ...]
    contact_heading: str | None
    contact_lines: tuple[str, ...]
    notes_heading: str
    note_lines: int
    summary_note: str
    easy_read: bool
    sizes: TypeSizes = field(default=STANDARD_TYPE)
    # Easy read gives each activity a page of its own, as easy-read documents do.
    block_per_page: bool = False


# The use case ---------------------------------------------------------------------------------


class HandoutError(ValueError):
    """An activity that cannot go on the handout, said in one sentence."""


def chosen_activities(ids: Sequence[str], find: Callable[[str], Activity | None]) -> list[Activity]:
    """The activities with `ids`, in that order; HandoutError names one that is not in the
    directory or not running."""
    activities = []
    for activity_id in ids:
        found = find(activity_id)
        if found is None:
            raise HandoutError(f'no activity with id "{activity_id}" in the directory')
        if found.status is not Status.ACTIVE:
            raise HandoutError(
                f'activity "{activity_id}" is {found.status.value}, '
                "not running: leave it off the handout"
            )
        activities.append(found)
    return activities


def prepare_handout(
    activities: Sequence[Activity],
    now: dt.datetime,
    options: HandoutOptions = HandoutOptions(),
    *,
    person_at: LatLon | None = None,
    worth_knowing: Mapping[str, str | None] | None = None,
    going_with: Mapping[str, str] | None = None,
) -> Handout:
    """The handout for the chosen `activities`. Only the person's place (`person_at`) is used,
    for how far each is and which of its places is meant; nothing else about the person goes
    on the page. `worth_knowing`: activity id -> the fact a near miss states (None: nothing).
    `going_with`: activity id -> "You're going with Sam on Tuesday" (`going_with_lines`)."""
    facts = {i: fact for i, fact in (worth_knowing or {}).items() if fact}
    return build_handout(
        activities,
        now,
        options,
        distances_km=distances_from(person_at, activities) if person_at else None,
        places=places_from(person_at, activities) if person_at else None,
        worth_knowing=facts,
        going_with=going_with,
    )


GOING_WITH = "Going with"
# "on" goes before a day the worker typed ("on Tuesday", "on tues"), not before "next week".
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def going_with_line(companion: Companion | None) -> str | None:
    """ "You're going with Sam on Tuesday", or None unless the worker ticked it for the
    handout. Only the alias and the day as the worker typed them."""
    if companion is None or not companion.on_handout:
        return None
    who = " ".join(companion.who.split())
    when = " ".join(companion.when.split())
    if when:
        first = when.split()[0].casefold().rstrip(".,")
        # "on Tuesday", "on 3 March"; but "next Tuesday", "this afternoon" read as they are.
        a_day = len(first) >= 3 and any(day.startswith(first) for day in _DAYS)
        when = f" on {when}" if a_day or first[:1].isdigit() else f" {when}"
    return f"You're going with {who}{when}"


def going_with_lines(plan: Iterable[PlanItem]) -> dict[str, str]:
    """Activity id -> the going-with line, for the plan's items ticked for the handout."""
    lines = ((p.activity_id, going_with_line(p.companion)) for p in plan)
    return {activity_id: line for activity_id, line in lines if line}


# Building the model ---------------------------------------------------------------------------


def build_handout(
    activities: Sequence[Activity],
    now: dt.datetime,
    options: HandoutOptions = HandoutOptions(),
    *,
    distances_km: Mapping[str, float] | None = None,
    places: Mapping[str, Venue] | None = None,
    worth_knowing: Mapping[str, str] | None = None,
    going_with: Mapping[str, str] | None = None,
) -> Handout:
    """The handout for `activities`, in the order given, with dates from `now` on.

    `distances_km` (activity id -> km from the person) adds "About 10 minutes' walk";
    `places` (activity id -> venue) names the place meant when one runs at several;
    `worth_knowing` (activity id -> a plain fact, `NearMiss.fact`) puts the one thing that
    did not fit, for a near miss the person chose anyway, first: "Costs £1 a session". The
    fact is about the activity, never the person's limits (DOMAIN.md: handouts are discreet).
    `going_with` (activity id -> "You're going with Sam on Tuesday") comes first of all."""
    easy = options.easy_read
    distances, chosen, facts = distances_km or {}, places or {}, worth_knowing or {}
    company = going_with or {}
    blocks = tuple(
        _block(
            a,
            now,
            easy,
            distances.get(a.id),
            chosen.get(a.id),
            facts.get(a.id),
            company.get(a.id),
        )
        for a in activities
    )
    made = long_date(now.date())
    if easy:
        intro = "Here are the things we talked about:"
        made_on = f"Made on {made}."
        summary_note = "There is a page about each one after this page."
    else:
        intro = "Here are the activities we talked about, with when and where they meet."
        made_on = f"Made on {made}"
        summary_note = ""
    contact_heading, contact_lines = _worker_contact(options)
    return Handout(
        title="Things you might like to try",
        made_on=made_on,
        intro=intro,
        blocks=blocks,
        contact_heading=contact_heading,
        contact_lines=contact_lines,
        notes_heading="My notes",
        note_lines=NOTE_LINES,
        summary_note=summary_note,
        easy_read=easy,
        sizes=EASY_READ_TYPE if easy else STANDARD_TYPE,
        block_per_page=easy,
    )


def next_starts(
    sessions: Iterable[Session], now: dt.datetime, count: int = NEXT_DATES
) -> list[tuple[dt.datetime, Session]]:
    """The next `count` starts of any of `sessions` at or after `now`, soonest first."""
    found: dict[dt.datetime, Session] = {}
    for session in sessions:
        after = now
        for _ in range(count):
            start = next_start(session, after)
            found.setdefault(start, session)
            after = start + dt.timedelta(minutes=1)
    return sorted(found.items(), key=lambda item: item[0])[:count]


def distances_from(point: LatLon, activities: Iterable[Activity]) -> dict[str, float]:
    """Great-circle km from `point` to the nearest place of each in-person activity that has
    a place with a position."""
    return {a.id: km for a, (_venue, km) in _nearest(point, activities)}


def places_from(point: LatLon, activities: Iterable[Activity]) -> dict[str, Venue]:
    """The place nearest `point` of each in-person activity (the main venue on a tie)."""
    return {a.id: venue for a, (venue, _km) in _nearest(point, activities)}


def _nearest(
    point: LatLon, activities: Iterable[Activity]
) -> list[tuple[Activity, tuple[Venue, float]]]:
    found = ((a, nearest_place(a, point.lat, point.lon)) for a in activities)
    return [(a, place) for a, place in found if place is not None]


WORTH_KNOWING = "Worth knowing"


def _block(
    activity: Activity,
    now: dt.datetime,
    easy: bool,
    km: float | None,
    place: Venue | None = None,
    worth_knowing: str | None = None,
    going_with: str | None = None,
) -> ActivityBlock:
    # Someone going along the first time: the most reassuring line, so it comes first.
    company = [Row(GOING_WITH, (going_with + ".",))] if going_with and going_with.strip() else []
    # A near miss chosen anyway: the one thing to bear in mind comes first, said plainly.
    known = (
        [Row(WORTH_KNOWING, (worth_knowing + ("." if easy else ""),))]
        if worth_knowing and worth_knowing.strip()
        else []
    )
    rows = [
        *company,
        *known,
        _when(activity, now, easy),
        _where(activity, easy, km, place),
        Row(
            "Cost",
            tuple(describe_cost_easy(activity.cost)) if easy else (describe_cost(activity.cost),),
        ),
        _how_to_join(activity, easy),
    ]
    who = describe_who(activity)
    if who != "Everyone":
        rows.append(Row("Who can go", (who + ("." if easy else ""),)))
    if tuple(activity.languages) != ("en",):
        languages = describe_languages(activity.languages)
        rows.append(Row("Language", (f"In {languages}." if easy else f"In {languages}",)))
    first = first_visit_notes(activity, easy_read=easy)
    if first:
        rows.append(Row("Your first time" if easy else "First time", tuple(first)))
    contact = _activity_contact(activity)
    if contact:
        rows.append(Row("Contact", contact))
    return ActivityBlock(
        activity_id=activity.id,
        name=activity.name,
        organisation=activity.organisation,
        description=activity.description.strip(),
        rows=tuple(rows),
        summary=_summary(activity, easy),
    )


def _summary(activity: Activity, easy: bool) -> str:
    describe = describe_session_easy if easy else describe_session
    patterns = list(dict.fromkeys(describe(s) for s in activity.sessions))
    if not patterns:
        return "No set times." if easy else "No set times"
    return "; ".join(patterns) + ("." if easy else "")


def _when(activity: Activity, now: dt.datetime, easy: bool) -> Row:
    if not activity.sessions:
        text = (
            "There are no set times. Contact them to arrange a time."
            if easy
            else "No set times: contact them to arrange a time"
        )
        return Row("When", (text,))
    describe = describe_session_easy if easy else describe_session
    patterns = list(dict.fromkeys(describe(s) for s in activity.sessions))
    dates = [
        describe_occurrence(start, session.end, this_year=now.year, easy_read=easy)
        for start, session in next_starts(activity.sessions, now)
    ]
    lines = (*patterns, "Next dates:", *dates)
    return Row("When", lines, subheadings=frozenset({len(patterns)}))


def _where(activity: Activity, easy: bool, km: float | None, place: Venue | None = None) -> Row:
    if activity.delivery is Delivery.ONLINE:
        return Row(
            "Where",
            (
                "Online, from home. Contact them to get the link."
                if easy
                else "Online, from home: contact them for the link to join",
            ),
        )
    if activity.delivery is Delivery.PHONE:
        return Row("Where", ("On the phone, from home." if easy else "By phone, from home",))
    venue = place or activity.venue
    if venue is None:
        return Row(
            "Where",
            ("Ask them where it meets." if easy else "Place not given: ask them where it meets",),
        )
    lines = [venue.name] if venue.name else []
    address = ", ".join(
        part.strip() for part in (venue.address, venue.postcode) if part and part.strip()
    )
    if address:
        lines.append(address)
    if km is not None:
        lines.append(how_far(km) + ("." if easy else ""))
    if venue.transport_note:
        lines.append(f"Getting there: {venue.transport_note}")
    lines.append(describe_step_free_for_person(venue.step_free, easy_read=easy))
    return Row("Where", tuple(lines))


def _how_to_join(activity: Activity, easy: bool) -> Row:
    lines = [describe_joining(activity, easy_read=easy)]
    contact = activity.contact
    if activity.booking is Booking.BOOK_AHEAD and (contact.phone or contact.email):
        lines.append(
            "Phone or email them to book."
            if easy
            else "Phone or email them to book (details below)"
        )
    elif activity.booking is Booking.BOOK_AHEAD and contact.website:
        lines.append("Book on their website." if easy else "Book on their website")
    return Row("How to join", tuple(lines))


def _activity_contact(activity: Activity) -> tuple[str, ...]:
    contact = activity.contact
    return tuple(
        f"{label}: {value.strip()}"
        for label, value in (
            ("Phone", contact.phone),
            ("Email", contact.email),
            ("Website", contact.website),
        )
        if value and value.strip()
    )


def _worker_contact(options: HandoutOptions) -> tuple[str | None, tuple[str, ...]]:
    name = (options.worker_name or "").strip()
    phone = (options.worker_phone or "").strip()
    if not name and not phone:
        return None, ()
    heading = "Questions? Contact:" if options.easy_read else "If you have questions, contact:"
    lines = [name] if name else []
    if phone:
        lines.append(f"Phone: {phone}")
    return heading, tuple(lines)


# HTML for Qt's rich-text subset ----------------------------------------------------------------

INK = "#1a1a1a"
QUIET = "#4d4d4d"
RULE = "#8c8c8c"
CARD_EDGE = "#9a9a9a"


def _text(value: str) -> str:
    """Directory text as literal characters: escaped, with its own line breaks kept."""
    return "<br>".join(escape(line) for line in value.splitlines())


def handout_html(handout: Handout) -> str:
    """The handout as HTML. Every piece of text is escaped: nothing from the directory or the
    worker's typing is ever interpreted as markup.

    Standard: one boxed block per activity, flowing from page to page (the renderer keeps
    a block whole where it can). Easy read: a first page listing the activities with the
    worker's contact and space for notes, then each activity on a page of its own."""
    s = handout.sizes
    parts = [
        f'<html><body style="font-size: {s.body}pt; color: {INK};">',
        # <p> rather than <h1>/<h2>: Qt scales headings up on top of any size given.
        f'<p style="font-size: {s.title}pt; font-weight: bold; margin-top: 0px; '
        f'margin-bottom: 4px;">{escape(handout.title)}</p>',
        f'<p style="color: {QUIET}; margin-top: 0px; margin-bottom: 8px;">'
        f"{escape(handout.made_on)}</p>",
        f'<p style="margin-top: 0px; margin-bottom: 10px;">{escape(handout.intro)}</p>',
    ]
    if handout.block_per_page:
        parts.append(_summary_html(handout))
        parts.append(_worker_html(handout))
        parts.append(_notes_html(handout))
        parts.extend(_page_html(block, s) for block in handout.blocks)
    else:
        parts.extend(_card_html(block, s) for block in handout.blocks)
        parts.append(_worker_html(handout))
        parts.append(_notes_html(handout))
    parts.append("</body></html>")
    return "".join(parts)


def _heading_html(block: ActivityBlock, s: TypeSizes, *, new_page: bool = False) -> str:
    page_break = "page-break-before: always; " if new_page else ""
    parts = [
        f'<p style="{page_break}font-size: {s.heading}pt; font-weight: bold; '
        f'margin-top: 0px; margin-bottom: 2px;">{_text(block.name)}</p>'
    ]
    if block.organisation:
        parts.append(
            f'<p style="color: {QUIET}; margin-top: 0px; margin-bottom: 6px;">'
            f"Run by {_text(block.organisation)}</p>"
        )
    if block.description:
        parts.append(
            f'<p style="margin-top: 4px; margin-bottom: 10px;">{_text(block.description)}</p>'
        )
    return "".join(parts)


def _card_html(block: ActivityBlock, s: TypeSizes) -> str:
    """An activity in a box, labels in a narrow column on the left: compact for standard
    print. The box is a top-level table, which the renderer keeps on one page if it can."""
    cells = "".join(
        f'<tr><td width="22%" valign="top"><b>{escape(row.label)}</b></td>'
        f'<td valign="top">{_lines_html(row)}</td></tr>'
        for row in block.rows
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="14" border="1" '
        f'style="margin-top: 10px; margin-bottom: 10px; '
        f'border: 1px solid {CARD_EDGE}; border-collapse: collapse;"><tr><td>'
        f"{_heading_html(block, s)}"
        f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top: 6px;">'
        f"{cells}</table>"
        "</td></tr></table>"
    )


def _page_html(block: ActivityBlock, s: TypeSizes) -> str:
    """An activity on a page of its own, each label above its lines at full width: fewer
    broken lines in large type."""
    rows = "".join(
        f'<p style="margin-top: 14px; margin-bottom: 0px;">'
        f'<span style="font-size: {s.label}pt; font-weight: bold;">{escape(row.label)}</span>'
        f"<br>{_lines_html(row)}</p>"
        for row in block.rows
    )
    return _heading_html(block, s, new_page=True) + rows


def _summary_html(handout: Handout) -> str:
    """The easy-read first page: each activity's name and when it meets, in a list."""
    items = "".join(
        f'<p style="margin-top: 6px; margin-bottom: 0px; margin-left: 12px;">'
        f"<b>{_text(block.name)}</b><br>{escape(block.summary)}</p>"
        for block in handout.blocks
    )
    return (
        f"{items}<p style='margin-top: 10px; margin-bottom: 0px;'>"
        f"{escape(handout.summary_note)}</p>"
        if handout.summary_note
        else items
    )


def _lines_html(row: Row) -> str:
    lines = []
    for index, line in enumerate(row.lines):
        if index in row.subheadings:
            lines.append(f'<span style="color: {QUIET};">{escape(line)}</span>')
        else:
            lines.append(escape(line))
    return "<br>".join(lines)


def _worker_html(handout: Handout) -> str:
    if not handout.contact_heading:
        return ""
    lines = "<br>".join(f"<b>{escape(line)}</b>" for line in handout.contact_lines)
    return (
        '<table width="100%" cellspacing="0" cellpadding="12" border="1" '
        f'style="margin-top: 14px; border: 1px solid {CARD_EDGE}; '
        'border-collapse: collapse;">'
        f"<tr><td>{escape(handout.contact_heading)}<br>{lines}</td></tr></table>"
    )


def _notes_html(handout: Handout) -> str:
    rules = "".join(
        f'<tr><td style="border-bottom: 1px solid {RULE};">&nbsp;</td></tr>'
        for _ in range(handout.note_lines)
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="10" '
        'style="margin-top: 14px; border-collapse: collapse;">'
        f'<tr><td><a name="{NOTES_ANCHOR}">'
        f'<span style="font-size: {handout.sizes.label}pt; font-weight: bold;">'
        f"{escape(handout.notes_heading)}</span></a></td></tr>{rules}</table>"
    )
