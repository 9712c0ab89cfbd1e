"""Directory facts in plain English, shared by the detail pane, explanations and handouts.

Written to be read by the person across the desk: short, everyday words, no jargon.

Over 400 lines because every fact's sentence is here, so the card, the detail pane and
the handout cannot word the same fact two ways.
"""

from __future__ import annotations

import datetime as dt

from navigator.domain.directory import (
    DAY_LABELS,
    Activity,
    Booking,
    Cost,
    CostUnit,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Status,
)
from navigator.domain.people import ActivityFlag, StopReason, Uptake

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
LANGUAGE_NAMES = {
    "am": "Amharic",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "cs": "Czech",
    "cy": "Welsh",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "gu": "Gujarati",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ku": "Kurdish",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ml": "Malayalam",
    "ne": "Nepali",
    "nl": "Dutch",
    "pa": "Punjabi",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "so": "Somali",
    "sq": "Albanian",
    "sw": "Swahili",
    "ta": "Tamil",
    "th": "Thai",
    "ti": "Tigrinya",
    "tl": "Tagalog",
    "tr": "Turkish",
    "tw": "Twi",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "yo": "Yoruba",
    "zh": "Chinese",
}

# Dates are written with these English names whatever the computer's locale: Qt sets the C
# library's locale from the desktop on Unix, which would change what strftime says.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def day_month_year(day: dt.date) -> str:
    """ "3 March 2026"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """ "3 Mar 2026", for tables."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def month_year(day: dt.date) -> str:
    """ "March 2025", for "Not checked since March 2025"."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def short_moment(moment: dt.datetime) -> str:
    """ "Tue 25 Nov, 10:00": the next session, as a person plans around it."""
    return (
        f"{DAY_ABBREVIATIONS[moment.weekday()]} {moment.day} "
        f"{MONTH_NAMES[moment.month - 1][:3]}, {clock(moment.time())}"
    )


def clock(t: dt.time) -> str:
    """24-hour "10:00", as UK timetables and the directory file write it."""
    return f"{t.hour:02d}:{t.minute:02d}"


def describe_session(session: Session) -> str:
    """ "Every Tuesday, 10:00 to 12:00", "Second Tuesday of the month, 18:00 to 20:00"."""
    day = session.day.label
    times = f"{clock(session.start)} to {clock(session.end)}"
    if session.frequency is Frequency.FORTNIGHTLY:
        return f"Every other {day}, {times}"
    if session.frequency is Frequency.MONTHLY:
        ordinal = ORDINALS.get(session.week_of_month or 1, "first")
        return f"{ordinal.capitalize()} {day} of the month, {times}"
    return f"Every {day}, {times}"


def money(amount: float) -> str:
    """ "£3", "£2.50", "50p"."""
    pence = round(amount * 100)
    if 0 < pence < 100:
        return f"{pence}p"
    return f"£{pence // 100}" if pence % 100 == 0 else f"£{pence / 100:.2f}"


# What a published price is for, after the amount: "£5 a year", "£40 for the course".
UNIT_PHRASES = {
    CostUnit.SESSION: "a session",
    CostUnit.HOUR: "an hour",
    CostUnit.WEEK: "a week",
    CostUnit.MONTH: "a month",
    CostUnit.TERM: "a term",
    CostUnit.YEAR: "a year",
    CostUnit.COURSE: "for the course",
    CostUnit.ONE_OFF: "paid once",
}


def price(cost: Cost | None) -> str | None:
    """The price as published, with its unit: "Free", "£2.50 a session", "£5 a year"; None
    when it is not known. Never a per-session figure worked out from another unit."""
    if cost is None:
        return None
    if cost.per_session_gbp == 0 or cost.amount_gbp == 0:
        return "Free"
    if cost.per_session_gbp is not None:
        return f"{money(cost.per_session_gbp)} a session"
    if cost.amount_gbp is None:
        return None
    if cost.unit is None:  # the native format refuses this; say what is known
        return f"{money(cost.amount_gbp)} (ask what it covers)"
    return f"{money(cost.amount_gbp)} {UNIT_PHRASES[cost.unit]}"


def is_priced(cost: Cost | None) -> bool:
    """A price is known and is not free."""
    return price(cost) not in (None, "Free")


def describe_cost(cost: Cost | None) -> str:
    """ "Free", "£2.50 a session", "£5 a year; cheaper for some people (concessions)"."""
    text = price(cost) or "Cost not known: ask when you get in touch"
    extras = []
    if cost is not None and is_priced(cost) and cost.concessions:
        extras.append("cheaper for some people (concessions)")
    if cost is not None and is_priced(cost) and cost.free_taster:
        extras.append("the first session is free")
    if extras:
        text += "; " + ", ".join(extras)
    if cost is not None and cost.notes:
        text += f". {cost.notes}"
    return text


def describe_booking(booking: Booking | None) -> str:
    return {
        Booking.DROP_IN: "Just turn up, no need to book",
        Booking.BOOK_AHEAD: "Book a place before you go",
        Booking.REFERRAL: "Needs a referral from a worker",
        None: "Ask how to join",
    }[booking]


def describe_delivery(delivery: Delivery) -> str:
    return {Delivery.IN_PERSON: "In person", Delivery.ONLINE: "Online", Delivery.PHONE: "By phone"}[
        delivery
    ]


def describe_group_size(size: GroupSize | None) -> str | None:
    return {
        GroupSize.ONE_TO_ONE: "One-to-one",
        GroupSize.SMALL: "Small group (up to about 8 people)",
        GroupSize.MEDIUM: "Medium-sized group",
        GroupSize.LARGE: "Large group",
        None: None,
    }[size]


def describe_ages(low: int | None, high: int | None) -> str | None:
    """ "ages 18 to 25", "ages 50 and over", "ages up to 30"; None with no limits."""
    if low is not None and high is not None:
        return f"ages {low} to {high}"
    if low is not None:
        return f"ages {low} and over"
    if high is not None:
        return f"ages up to {high}"
    return None


WITH_CHILD = "Young children with a parent or carer"


def describe_who(activity: Activity) -> str:
    """Who may go: gender and age limits, or "Everyone"; a with-child activity's ages are
    the child's ("Young children with a parent or carer, children aged 0 to 4")."""
    parts = []
    if activity.with_child:
        parts.append(WITH_CHILD)
    if activity.gender is Gender.WOMEN:
        parts.append("Women only")
    elif activity.gender is Gender.MEN:
        parts.append("Men only")
    ages = describe_ages(activity.age_min, activity.age_max)
    if ages:
        parts.append(f"children aged {ages.removeprefix('ages ')}" if activity.with_child else ages)
    if not parts:
        return "Everyone"
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def describe_learners(codes: tuple[str, ...]) -> str | None:
    """ "For people learning English": what a language class is for; None when it is not one."""
    if not codes:
        return None
    return f"For people learning {join_words([language_name(code) for code in codes])}"


def describe_languages(codes: tuple[str, ...]) -> str:
    return join_words([language_name(code) for code in codes])


def language_codes_from_text(text: str) -> tuple[str, ...]:
    """ "English, Bengali" or "en, bn" -> ("en", "bn"); words it does not know are left out."""
    by_name = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}
    codes: list[str] = []
    for part in text.replace(" and ", ",").replace(";", ",").split(","):
        word = part.strip().casefold()
        code = by_name.get(word) or (word if word in LANGUAGE_NAMES else None)
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


def describe_step_free(step_free: bool | None) -> str:
    return {
        True: "Step-free access",
        False: "Not step-free (there are steps)",
        None: "Step-free access not known",
    }[step_free]


def describe_status(status: Status) -> str:
    return {
        Status.ACTIVE: "Running",
        Status.PAUSED: "Paused for now",
        Status.ARCHIVED: "Archived (no longer running)",
    }[status]


# For the person's handout ------------------------------------------------------------------
# Addressed to the person ("you"). The easy-read variants use short sentences, one idea each,
# everyday words and "10am" times, as easy-read guidance (Mencap, NHS England) recommends.


def easy_clock(t: dt.time) -> str:
    """ "10am", "6:30pm", "12 noon": the 12-hour times easy-read documents use."""
    if t == dt.time(12, 0):
        return "12 noon"
    hour = t.hour % 12 or 12
    minutes = f":{t.minute:02d}" if t.minute else ""
    return f"{hour}{minutes}{'am' if t.hour < 12 else 'pm'}"


def describe_session_easy(session: Session) -> str:
    """ "Every Tuesday, 10am to 12 noon", "Once a month, on the last Friday, 6pm to 8pm"."""
    day = session.day.label
    times = f"{easy_clock(session.start)} to {easy_clock(session.end)}"
    if session.frequency is Frequency.FORTNIGHTLY:
        return f"Every 2 weeks, on a {day}, {times}"
    if session.frequency is Frequency.MONTHLY:
        ordinal = ORDINALS.get(session.week_of_month or 1, "first")
        return f"Once a month, on the {ordinal} {day}, {times}"
    return f"Every {day}, {times}"


def long_date(day: dt.date, *, with_year: bool = True) -> str:
    """ "Tuesday 25 November 2026"."""
    text = f"{list(DAY_LABELS.values())[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def describe_occurrence(
    start: dt.datetime, end: dt.time, *, this_year: int, easy_read: bool = False
) -> str:
    """ "Tuesday 25 November, 10:00 to 12:00"; the year is added when it is not `this_year`."""
    day = long_date(start.date(), with_year=start.year != this_year)
    tell = easy_clock if easy_read else clock
    return f"{day}, {tell(start.time())} to {tell(end)}"


# Easy read: what a price is for, in everyday words.
EASY_UNIT_PHRASES = {
    CostUnit.SESSION: "each time",
    CostUnit.HOUR: "for each hour",
    CostUnit.WEEK: "a week",
    CostUnit.MONTH: "a month",
    CostUnit.TERM: "a term",
    CostUnit.YEAR: "for a whole year",
    CostUnit.COURSE: "for the whole course",
    CostUnit.ONE_OFF: "once",
}


def describe_cost_easy(cost: Cost | None) -> list[str]:
    """The cost in short sentences: ["£3 each time.", "Some people pay less. Ask them."]."""
    text = price(cost)
    if cost is None or text is None:
        return ["Ask them how much it costs."]
    if text == "Free":
        lines = ["It is free."]
    else:
        unit: CostUnit | None
        if cost.per_session_gbp is not None:
            amount, unit = cost.per_session_gbp, CostUnit.SESSION
        else:
            amount, unit = cost.amount_gbp or 0.0, cost.unit
        what = "" if unit is None else f" {EASY_UNIT_PHRASES[unit]}"
        lines = [f"It costs {money(amount)}{what}."]
        if unit is None:
            lines.append("Ask them what that pays for.")
        if cost.concessions:
            lines.append("Some people pay less. Ask them.")
        if cost.free_taster:
            lines.append("Your first time is free.")
    if cost.notes:
        lines.append(cost.notes)
    return lines


def describe_booking_easy(booking: Booking | None) -> str:
    return {
        Booking.DROP_IN: "Just turn up. You do not need to book.",
        Booking.BOOK_AHEAD: "You need to book a place first.",
        Booking.REFERRAL: "A worker needs to refer you. Ask your worker.",
        None: "Ask them how to join.",
    }[booking]


def describe_joining(activity: Activity, *, easy_read: bool = False) -> str:
    """How to join, as the person would do it: nobody "turns up" to a phone line."""
    if activity.booking is Booking.DROP_IN and activity.delivery is not Delivery.IN_PERSON:
        how = "phone" if activity.delivery is Delivery.PHONE else "join"
        return (
            f"Just {how}. You do not need to book." if easy_read else f"Just {how}, no need to book"
        )
    return (describe_booking_easy if easy_read else describe_booking)(activity.booking)


def describe_step_free_for_person(step_free: bool | None, *, easy_read: bool = False) -> str:
    if easy_read:
        return {
            True: "There are no steps to get in.",
            False: "There are steps to get in.",
            None: "Ask them about steps if you need to.",
        }[step_free]
    if step_free is None:
        return "Step-free access not known: ask them if you need it"
    return describe_step_free(step_free)


def first_visit_notes(activity: Activity, *, easy_read: bool = False) -> list[str]:
    """What to expect the first time: "Someone will meet you at the door", ..."""
    end = "." if easy_read else ""
    notes = []
    if activity.welcome.meet_at_door:
        notes.append(f"Someone will meet you at the door{end}")
    if activity.welcome.bring_someone:
        notes.append(f"You can bring someone with you{end}")
    if activity.welcome.beginners:
        notes.append("Beginners are welcome." if easy_read else "No experience needed")
    size = activity.group_size
    if easy_read and size is not None:
        notes.append(
            {
                GroupSize.ONE_TO_ONE: "It is just you and one other person.",
                GroupSize.SMALL: "It is a small group, up to about 8 people.",
                GroupSize.MEDIUM: "It is a medium-sized group.",
                GroupSize.LARGE: "It is a big group.",
            }[size]
        )
    elif size is not None:
        notes.append(describe_group_size(size) or "")
    return notes


FLAG_TEXTS = {
    StopReason.CLOSED: "Reported closed by a follow-up",
    StopReason.WRONG_TIME: "Reported at a different time by a follow-up",
}


def describe_flag(flag: ActivityFlag) -> str:
    """ "Reported closed by a follow-up on 3 December 2026"."""
    what = FLAG_TEXTS.get(flag.reason, "Reported by a follow-up")
    return f"{what} on {day_month_year(flag.flagged_on)}"


STOP_REASON_WORDS = {
    StopReason.COST: "cost",
    StopReason.TIME: "the time",
    StopReason.WRONG_TIME: "wrong time",
    StopReason.NOT_WELCOME: "did not feel welcome",
    StopReason.TOO_FAR: "too far",
    StopReason.CLOSED: "closed",
    StopReason.OTHER: "other",
    StopReason.ANXIOUS: "felt anxious",
    StopReason.UNWELL: "unwell",
    StopReason.NO_COMPANY: "nobody to go with",
    StopReason.FARE: "the fare",
}


def describe_uptake(uptake: Uptake) -> str:
    """ "Planned for 5 people: 3 tried it, 2 kept going; 1 stopped (cost)". Counts only."""
    text = (
        f"Planned for {uptake.planned} {'person' if uptake.planned == 1 else 'people'}: "
        f"{uptake.tried} tried it, {uptake.kept_going} kept going"
    )
    if uptake.stopped:
        why = ", ".join(
            f"{STOP_REASON_WORDS[reason]} {count}" if count > 1 else STOP_REASON_WORDS[reason]
            for reason, count in uptake.reasons
        )
        text += f"; {uptake.stopped} stopped" + (f" ({why})" if why else "")
    return text


# How far it feels on foot ---------------------------------------------------------------------

WALKING_KMH = 4.8
# Streets are not straight lines: a common rule of thumb for urban detours.
DETOUR_FACTOR = 1.3
# Beyond this a walk is not what anyone would suggest; say the distance instead.
MAX_WALK_MINUTES = 30


def walking_minutes(km: float) -> int:
    """Door-to-door walking time, rounded to 5 minutes and never less than 5."""
    minutes = km * DETOUR_FACTOR / WALKING_KMH * 60.0
    return max(5, int(5 * round(minutes / 5)))


def format_km(km: float) -> str:
    """ "4.2 km", "12 km", "3 km": one decimal below 10 km, and no trailing ".0"."""
    return _km_text(_rounded_km(km))


def _rounded_km(km: float) -> float:
    return float(round(km)) if km >= 10 else round(km, 1)


def _km_text(km: float) -> str:
    return f"{f'{km:.2f}'.rstrip('0').rstrip('.')} km"


def format_limit_km(limit: float) -> str:
    """The person's own distance limit as they gave it: "3 km", "2.5 km", "0.75 km"."""
    return _km_text(round(limit, 2))


def km_beside_limit(km: float, limit: float | None) -> str | None:
    """The distance, rounded so it reads on the same side of `limit` as it really is.

    The one rounding rule for distances said next to a limit: as `format_km` (one decimal
    below 10 km, whole km above), unless that would read as at or over the limit for a place
    within it, or at or under the limit for a place beyond it; then to two decimals
    (3.04 km against 3 km); and when even that does not tell them apart (3.004 km), None:
    the caller says "just over" or "just under" instead of a figure.
    """
    if limit is None:
        return format_km(km)
    beyond = km > limit
    for shown in (_rounded_km(km), round(km, 2)):
        if (shown > limit) if beyond else (shown <= limit):
            return _km_text(shown)
    return None


def how_far(km: float, limit: float | None = None) -> str:
    """ "About 12 minutes' walk" when it is walkable, else "About 4.5 km away"; with the
    person's `limit`, the figure never reads as on the wrong side of it (`km_beside_limit`)."""
    minutes = walking_minutes(km)
    if minutes <= MAX_WALK_MINUTES and (limit is None or km <= limit):
        return f"About {minutes} minutes' walk"
    shown = km_beside_limit(km, limit)
    if shown is None:
        side = "over" if limit is not None and km > limit else "under"
        return f"Just {side} {format_limit_km(limit or 0.0)} away"
    return f"About {shown} away"


def beyond_limit(km: float, limit: float) -> str:
    """A near miss on distance: "About 3.5 km away, further than 3 km"; "Just over 3 km away"
    when the difference is too small to show."""
    shown = km_beside_limit(km, limit)
    if shown is None:
        return f"Just over {format_limit_km(limit)} away"
    return f"About {shown} away, further than {format_limit_km(limit)}"
