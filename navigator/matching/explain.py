"""Why an activity was suggested, what to check, and why a near miss just missed.

Everything here is read by the person over the worker's shoulder, so it is plain, kind and
about the activity ("Costs £3 a session", "Only for women"), never a verdict on the person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from navigator.domain.directory import Activity, Booking, Delivery, Gender, GroupSize, Venue
from navigator.domain.evidence import evidence_note
from navigator.domain.mental_health import (
    SettingKind,
    mental_health_by_its_words,
    setting_kind,
)
from navigator.domain.profile import Preference, Profile, Setting
from navigator.domain.taxonomy import category_label, goal_label
from navigator.domain.wording import (
    beyond_limit,
    describe_ages,
    describe_learners,
    how_far,
    is_priced,
    join_words,
    language_name,
    month_year,
    price,
)
from navigator.matching.interests import InterestMatch
from navigator.matching.schedule import describe_sessions
from navigator.matching.scoring import GOAL_REASON, SERVES, goal_weight

MAX_REASONS = 8
MAX_GOAL_REASONS = 2
MAX_INTEREST_LABELS = 3
# The setting is always stated plainly (DOMAIN.md), whatever the person's own setting.
MENTAL_HEALTH_GROUP = "A group for people with mental health problems"
NOT_MENTAL_HEALTH_GROUP = "Open to everyone, not only people with mental health problems"
# Fields an importer guessed (Activity.guessed) are said to be guesses wherever they matter.
GUESSED_MENTAL_HEALTH = "Navigator guessed this is a mental-health group: check with them"
GUESSED_FREE = "Free, going by its description: check"
GUESSED_COST = "Cost going by its description: check"
WITH_YOUR_CHILD = "For you and your child"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def age_range(activity: Activity) -> str:
    """ "For ages 18 to 25"; for a with-child activity, whose ages are the child's,
    "For children aged 0 to 4 with a parent or carer"."""
    ages = describe_ages(activity.age_min, activity.age_max) or "all ages"
    if activity.with_child:
        return f"For children {ages.replace('ages', 'aged')} with a parent or carer"
    return f"For {ages}"


def guessed_mental_health(activity: Activity) -> bool:
    """Navigator, not a person, said this is a mental-health group."""
    return activity.mental_health_specific and "mental_health_specific" in activity.guessed


def where(
    distance_km: float, venue: Venue | None, activity: Activity, limit_km: float | None = None
) -> str:
    """ "About 12 minutes' walk"; when it runs in several places, which one is meant:
    "About 12 minutes' walk, at Elm Hall". Rounded never to read past the person's limit."""
    far = how_far(distance_km, limit_km)
    if venue is not None and venue.name and len(activity.venues) > 1:
        return f"{far}, at {venue.name}"
    return far


def interest_labels(
    i: int, match: InterestMatch, activity: Activity, category_ids: tuple[str, ...]
) -> list[str]:
    """How to name the interests activity `i` serves, best first.

    The words that matched (the person's own, or the directory's for a typo, or an everyday
    equivalent); only when no words matched, the label of the closest category.
    """
    served = sorted(
        (-float(match.scores[j, i]), j)
        for j in range(len(match.interests))
        if match.scores[j, i] >= SERVES
    )
    words: list[str] = []
    for _, j in served:
        if match.source[j, i] >= 0:
            label = match.source_labels[j][match.source[j, i]]
            if label.casefold() not in (w.casefold() for w in words):
                words.append(label)
    if words or not served:
        return words[:MAX_INTEREST_LABELS]
    j = served[0][1]
    columns = [category_ids.index(c) for c in activity.categories if c in category_ids]
    best = max(columns, key=lambda c: match.category_sims[j, c])
    return [_lower_first(category_label(category_ids[best]))]


def reasons(
    activity: Activity,
    i: int,
    profile: Profile,
    match: InterestMatch,
    category_ids: tuple[str, ...],
    distance_km: float | None,
    venue: Venue | None = None,
    strengths: Sequence[str] = (),
) -> tuple[str, ...]:
    """Why it suits this person (shown with a tick), most personal first.

    Only what fits something the person said (an interest, a goal, a limit they set, a
    preference, their language, their setting, a child they would bring), or what makes a
    first visit easier whoever they are (just turn up, bring someone, beginners, met at the
    door, a free first session). Everything else true about it is in `facts`. `distance_km`
    is to `venue`, the nearest of its places. `strengths`: the reasons from the person's
    strengths (strengths.py), shown after their interests.
    """
    out: list[str] = []
    labels = interest_labels(i, match, activity, category_ids)
    if labels:
        plural = "s" if len(labels) > 1 else ""
        out.append(f"Matches your interest{plural} in {join_words(labels)}")
    out += strengths
    goals = sorted(
        ((goal_weight(g, activity), n, g) for n, g in enumerate(dict.fromkeys(profile.goals))),
        key=lambda t: (-t[0], t[1]),
    )
    out += [
        f"Good for: {_lower_first(goal_label(g))}"
        for w, _, g in goals[:MAX_GOAL_REASONS]
        if w >= GOAL_REASON
    ]
    setting = setting_line(activity)
    if setting is not None and _wants_mental_health(profile):
        out.append(setting)
    if activity.with_child and profile.with_young_children:
        out.append(WITH_YOUR_CHILD)
    out += [text for text, asked in _welcome(activity, profile) if asked]
    if profile.max_cost_gbp is not None:
        published = price(activity.cost)
        if published is not None:  # it passed the limit, so it is known and within it
            out.append(_cost_text(published))
    if activity.cost is not None and activity.cost.free_taster and price(activity.cost) != "Free":
        out.append(FREE_FIRST_SESSION)  # a first-visit support: trying it costs nothing
    if _chose_delivery(profile):
        out += _delivery(activity)
    if profile.max_distance_km is not None:
        out += _distance(activity, profile, distance_km, venue)
    out += _language_reasons(activity, profile)
    return tuple(dict.fromkeys(out))[:MAX_REASONS]


def facts(
    activity: Activity, profile: Profile, distance_km: float | None, venue: Venue | None = None
) -> tuple[str, ...]:
    """True things about the activity that fit nothing the person said: shown plainly,
    without a tick ("Costs £5.50 a session" when no cost limit was set). The setting is
    always stated, here when it is not a reason (DOMAIN.md: "stated plainly")."""
    out: list[str] = []
    setting = setting_line(activity)
    if setting is not None and not _wants_mental_health(profile):
        out.append(setting)
    cost = activity.cost
    published = price(cost)
    if published is not None and profile.max_cost_gbp is None:
        out.append(_cost_text(published))
    if cost is not None and cost.concessions and is_priced(cost):
        out.append("Concessions available")
    if not _chose_delivery(profile):
        out += _delivery(activity)
    if profile.max_distance_km is None:
        out += _distance(activity, profile, distance_km, venue)
    out += [text for text, asked in _welcome(activity, profile) if not asked]
    learners = describe_learners(activity.for_learners_of)
    if learners and not _teaches_a_new_language(activity, profile):
        out.append(learners)
    if activity.gender is Gender.WOMEN:
        out.append("Women only")
    elif activity.gender is Gender.MEN:
        out.append("Men only")
    return tuple(dict.fromkeys(out))


def evidence(activity: Activity) -> str | None:
    """What research says about this kind of activity, in one honest sentence, or None."""
    return evidence_note(activity)


FREE_FIRST_SESSION = "Free first session"
MENTAL_HEALTH_SUBJECT = "About mental health"


def setting_line(activity: Activity) -> str | None:
    """The setting, stated plainly, for mental-health settings (domain/mental_health.py)."""
    if activity.mental_health_specific:
        return MENTAL_HEALTH_GROUP
    if mental_health_by_its_words(activity):
        return MENTAL_HEALTH_SUBJECT
    return None


def _wants_mental_health(profile: Profile) -> bool:
    return profile.setting in (Setting.PREFER_MENTAL_HEALTH, Setting.ONLY_MENTAL_HEALTH)


def _chose_delivery(profile: Profile) -> bool:
    """The person narrowed how they take part (only in person, only by phone...)."""
    return set(profile.delivery) != set(Delivery)


def _cost_text(published: str) -> str:
    return published if published == "Free" else f"Costs {published}"


def _delivery(activity: Activity) -> list[str]:
    return {Delivery.ONLINE: ["Online"], Delivery.PHONE: ["By phone"]}.get(activity.delivery, [])


def _distance(
    activity: Activity, profile: Profile, distance_km: float | None, venue: Venue | None
) -> list[str]:
    if activity.delivery is not Delivery.IN_PERSON or distance_km is None:
        return []
    return [where(distance_km, venue, activity, profile.max_distance_km)]


def _teaches_a_new_language(activity: Activity, profile: Profile) -> bool:
    """A language class for a language the person did not say they speak (ESOL for a Polish
    speaker): it fits what they said."""
    return any(code not in profile.languages for code in activity.for_learners_of)


def _language_reasons(activity: Activity, profile: Profile) -> list[str]:
    out = []
    learners = describe_learners(activity.for_learners_of)
    if learners and _teaches_a_new_language(activity, profile):
        out.append(learners)
    shared = [c for c in activity.languages if c in profile.languages and c != "en"]
    if shared:
        out.append(f"In {join_words([language_name(c) for c in shared])}")
    return out


def _welcome(activity: Activity, profile: Profile) -> list[tuple[str, bool]]:
    """Welcome and format facts, each with whether it is a reason: asked for in `prefers`
    (or peer-led, for someone who prefers mental-health settings), or a first-visit support
    (Husk 2020: uptake rises when getting to the first session is supported)."""
    wanted = set(profile.prefers)
    if _wants_mental_health(profile):
        wanted.add(Preference.PEER_LED)
    # (the preference it answers, its words, whether it is a first-visit support)
    facts: list[tuple[Preference | None, str, bool]] = []
    if activity.booking is Booking.DROP_IN:
        facts.append(
            (
                Preference.DROP_IN,
                "You can just turn up"
                if activity.delivery is Delivery.IN_PERSON
                else "No need to book",
                True,
            )
        )
    if activity.welcome.bring_someone:
        facts.append((Preference.BRING_SOMEONE, "You can bring someone with you", True))
    if activity.welcome.beginners:
        facts.append((Preference.BEGINNERS, "Beginners welcome", True))
    if activity.welcome.meet_at_door:
        facts.append((None, "Someone meets newcomers at the door", True))
    if activity.peer_led:
        facts.append((Preference.PEER_LED, "Run by people with lived experience", False))
    if activity.group_size is GroupSize.SMALL:
        facts.append((Preference.SMALL_GROUP, "Small group", False))
    elif activity.group_size is GroupSize.ONE_TO_ONE:
        facts.append((Preference.SMALL_GROUP, "One-to-one", False))
    if Preference.DAYTIME in profile.prefers and any(
        s.end <= DAYTIME_END for s in activity.sessions
    ):
        facts.append((Preference.DAYTIME, "Daytime sessions", False))
    # What the person asked for comes first, then first-visit supports, then the rest.
    asked = [(text, True) for pref, text, _ in facts if pref in wanted]
    supports = [(text, True) for pref, text, support in facts if support and pref not in wanted]
    rest = [(text, False) for pref, text, support in facts if not support and pref not in wanted]
    return asked + supports + rest


DAYTIME_END = dt.time(18, 0)
BORDERLINE_SETTING = "Partly about stress or wellbeing: check it suits you"
BY_ITS_WORDS = "A group about mental health, going by its description: check"
ONLINE_BOOKING_ONLY = "No phone number: booking is online or by email"
NEEDS_INTERNET = "Needs the internet to take part"
# Words that say joining happens online ("book online", "the link is emailed").
_BOOKS_ONLINE = re.compile(
    r"\b(?:book|register|sign up|apply|enrol)\w* (?:\w+ ){0,2}online\b"
    r"|\bonline (?:booking|form|registration)\b|\beventbrite\b|\blink is (?:e-?mailed|sent)\b"
)


def books_online_only(activity: Activity) -> bool:
    """Joining needs the internet: it is not drop-in and there is no phone number to call,
    only a website or an email address (or its words say it is booked online)."""
    if activity.booking is Booking.DROP_IN or activity.contact.phone:
        return False
    contact = activity.contact
    said = bool(_BOOKS_ONLINE.search(activity.description.casefold()))
    return bool(contact.website or contact.email) or said


def cautions(
    activity: Activity, profile: Profile, stale_before: dt.date, position_known: bool
) -> tuple[str, ...]:
    """What the worker and the person should check before going."""
    out: list[str] = []
    if guessed_mental_health(activity):
        out.append(GUESSED_MENTAL_HEALTH)
    elif profile.setting is not Setting.NO_PREFERENCE and mental_health_by_its_words(activity):
        out.append(BY_ITS_WORDS)  # Navigator's reading of its words decided the setting
    if (
        profile.setting is Setting.AVOID_MENTAL_HEALTH
        and setting_kind(activity) is SettingKind.BORDERLINE
    ):
        out.append(BORDERLINE_SETTING)
    in_person = activity.delivery is Delivery.IN_PERSON
    if (
        profile.needs_step_free
        and in_person
        and (activity.venue is None or activity.venue.step_free is None)
    ):
        out.append("Step-free access not confirmed")
    if in_person and not position_known:
        out.append("Venue location not known")
    if activity.last_verified is None:
        out.append("Not known when this was last checked")
    elif activity.last_verified < stale_before:
        checked = activity.last_verified
        out.append(f"Not checked since {month_year(checked)}")
    if activity.booking is Booking.BOOK_AHEAD:
        out.append("Booking needed")
    elif activity.booking is Booking.REFERRAL:
        out.append("Needs a referral")
    if profile.without_internet:
        if activity.delivery is Delivery.ONLINE:
            out.append(NEEDS_INTERNET)
        elif books_online_only(activity):
            out.append(ONLINE_BOOKING_ONLY)
    if price(activity.cost) is None:
        out.append("Cost not known")
    elif "cost" in activity.guessed:
        out.append(GUESSED_FREE if price(activity.cost) == "Free" else GUESSED_COST)
    if not activity.sessions:
        out.append("No fixed times: contact them to arrange")
    if profile.age is None and (activity.age_min is not None or activity.age_max is not None):
        out.append(age_range(activity))
    return tuple(out)


def near_miss_detail(
    field: str, activity: Activity, profile: Profile, distance_km: float | None
) -> str:
    """The one thing that does not fit, said about the activity ("Costs £3 a session")."""
    if field == "max_cost_gbp":
        # The price as published ("Costs £5 a year"), never a per-session figure made up.
        cost = activity.cost
        published = price(cost)
        if cost is None or published is None:
            return "Cost not known"
        extras = [
            text
            for flag, text in (
                (cost.free_taster, "first session free"),
                (cost.concessions, "concessions available"),
            )
            if flag
        ]
        more = f" ({', '.join(extras)})" if extras else ""
        return f"Costs {published}{more}"
    if field == "availability":
        return f"{describe_sessions(activity.sessions)}, outside the times you gave"
    if field == "max_distance_km":
        if profile.location is None:
            return "No location given, so the distance cannot be checked"
        if distance_km is None:
            return "Venue location not known"
        # To the nearest of its places, rounded so it never reads as within the limit.
        return beyond_limit(distance_km, profile.max_distance_km or 0.0)
    if field == "gender":
        return "Only for women" if activity.gender is Gender.WOMEN else "Only for men"
    if field == "age":
        return age_range(activity)
    if field == "languages":
        return f"In {join_words([language_name(c) for c in activity.languages])}"
    if field == "needs_step_free":
        return "Step-free access: no"
    if field == "setting":
        if guessed_mental_health(activity):
            return GUESSED_MENTAL_HEALTH
        return setting_line(activity) or NOT_MENTAL_HEALTH_GROUP
    if field == "delivery":
        return {
            Delivery.ONLINE: "Online only",
            Delivery.PHONE: "By phone only",
            Delivery.IN_PERSON: "In person only",
        }[activity.delivery]
    raise ValueError(f"not a constraint field: {field}")
