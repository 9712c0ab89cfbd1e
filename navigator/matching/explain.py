"""Why an activity was suggested, what to check, and why a near miss just missed.

Everything here is read by the person over the worker's shoulder, so it is plain, kind and
about the activity ("Costs £3 a session", "Only for women"), never a verdict on the person.
"""

from __future__ import annotations

import datetime as dt

from navigator.domain.directory import Activity, Booking, Delivery, Gender, GroupSize, Venue
from navigator.domain.profile import Preference, Profile, Setting
from navigator.domain.taxonomy import category_label, goal_label
from navigator.domain.wording import (
    describe_ages,
    describe_learners,
    join_words,
    language_name,
    month_year,
    price,
)
from navigator.matching.geo import format_km, how_far
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


def where(distance_km: float, venue: Venue | None, activity: Activity) -> str:
    """ "About 12 minutes' walk"; when it runs in several places, which one is meant:
    "About 12 minutes' walk, at Elm Hall"."""
    far = how_far(distance_km)
    if venue is not None and venue.name and len(activity.venues) > 1:
        return f"{far}, at {venue.name}"
    return far


def interest_labels(i: int, match: InterestMatch, activity: Activity,
                    category_ids: tuple[str, ...]) -> list[str]:
    """How to name the interests activity `i` serves, best first.

    The words that matched (the person's own, or the directory's for a typo, or an everyday
    equivalent); only when no words matched, the label of the closest category.
    """
    served = sorted((-float(match.scores[j, i]), j) for j in range(len(match.interests))
                    if match.scores[j, i] >= SERVES)
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


def reasons(activity: Activity, i: int, profile: Profile, match: InterestMatch,
            category_ids: tuple[str, ...], distance_km: float | None,
            venue: Venue | None = None) -> tuple[str, ...]:
    """Why it suits this person, most personal first.

    A mental-health-specific activity always says so, for every setting, straight after the
    interest and goal lines, so the cap of MAX_REASONS never drops it. `distance_km` is to
    `venue`, the nearest of its places.
    """
    out: list[str] = []
    labels = interest_labels(i, match, activity, category_ids)
    if labels:
        plural = "s" if len(labels) > 1 else ""
        out.append(f"Matches your interest{plural} in {join_words(labels)}")
    goals = sorted(((goal_weight(g, activity), n, g) for n, g in
                    enumerate(dict.fromkeys(profile.goals))), key=lambda t: (-t[0], t[1]))
    out += [f"Good for: {_lower_first(goal_label(g))}" for w, _, g in goals[:MAX_GOAL_REASONS]
            if w >= GOAL_REASON]
    if activity.mental_health_specific:
        out.append(MENTAL_HEALTH_GROUP)
    if activity.with_child and profile.with_young_children:
        out.append(WITH_YOUR_CHILD)

    preferred, general = _preference_reasons(activity, profile)
    out += preferred
    cost = activity.cost
    published = price(cost)
    # The price as published, with its unit: a fact whether or not the person set a limit.
    if published is not None:
        out.append(published if published == "Free" else f"Costs {published}")
    if cost is not None and published != "Free":  # a taster or concessions, price or not
        if cost.free_taster:
            out.append("Free first session")
        if cost.concessions:
            out.append("Concessions available")
    if activity.delivery is Delivery.ONLINE:
        out.append("Online")
    elif activity.delivery is Delivery.PHONE:
        out.append("By phone")
    elif distance_km is not None:
        out.append(where(distance_km, venue, activity))
    learners = describe_learners(activity.for_learners_of)
    if learners:
        out.append(learners)
    shared = [c for c in activity.languages if c in profile.languages and c != "en"]
    if shared:
        out.append(f"In {join_words([language_name(c) for c in shared])}")
    if activity.gender is Gender.WOMEN:
        out.append("Women only")
    elif activity.gender is Gender.MEN:
        out.append("Men only")
    out += general
    return tuple(dict.fromkeys(out))[:MAX_REASONS]


def _preference_reasons(activity: Activity, profile: Profile) -> tuple[list[str], list[str]]:
    """Welcome and format facts: those the person asked for first, the rest after."""
    facts: list[tuple[Preference | None, str]] = []
    if activity.booking is Booking.DROP_IN:
        facts.append((Preference.DROP_IN, "You can just turn up"))
    if activity.welcome.bring_someone:
        facts.append((Preference.BRING_SOMEONE, "You can bring someone with you"))
    if activity.welcome.beginners:
        facts.append((Preference.BEGINNERS, "Beginners welcome"))
    if activity.welcome.meet_at_door:
        facts.append((None, "Someone meets newcomers at the door"))
    if activity.peer_led:
        facts.append((Preference.PEER_LED, "Run by people with lived experience"))
    if activity.group_size is GroupSize.SMALL:
        facts.append((Preference.SMALL_GROUP, "Small group"))
    elif activity.group_size is GroupSize.ONE_TO_ONE:
        facts.append((Preference.SMALL_GROUP, "One-to-one"))
    if Preference.DAYTIME in profile.prefers and any(
            s.end <= dt.time(18, 0) for s in activity.sessions):
        facts.append((Preference.DAYTIME, "Daytime sessions"))
    wanted = set(profile.prefers)
    if profile.setting is Setting.PREFER_MENTAL_HEALTH:
        wanted.add(Preference.PEER_LED)
    preferred = [text for pref, text in facts if pref in wanted]
    general = [text for pref, text in facts if pref not in wanted]
    return preferred, general


def cautions(activity: Activity, profile: Profile, stale_before: dt.date,
             position_known: bool) -> tuple[str, ...]:
    """What the worker and the person should check before going."""
    out: list[str] = []
    if guessed_mental_health(activity):
        out.append(GUESSED_MENTAL_HEALTH)
    in_person = activity.delivery is Delivery.IN_PERSON
    if profile.needs_step_free and in_person and (
            activity.venue is None or activity.venue.step_free is None):
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
    if price(activity.cost) is None:
        out.append("Cost not known")
    elif "cost" in activity.guessed:
        out.append(GUESSED_FREE if price(activity.cost) == "Free" else GUESSED_COST)
    if not activity.sessions:
        out.append("No fixed times: contact them to arrange")
    if profile.age is None and (activity.age_min is not None or activity.age_max is not None):
        out.append(age_range(activity))
    return tuple(out)


def near_miss_detail(field: str, activity: Activity, profile: Profile,
                     distance_km: float | None) -> str:
    """The one thing that does not fit, said about the activity ("Costs £3 a session")."""
    if field == "max_cost_gbp":
        # The price as published ("Costs £5 a year"), never a per-session figure made up.
        cost = activity.cost
        published = price(cost)
        if cost is None or published is None:
            return "Cost not known"
        extras = [text for flag, text in ((cost.free_taster, "first session free"),
                                          (cost.concessions, "concessions available")) if flag]
        more = f" ({', '.join(extras)})" if extras else ""
        return f"Costs {published}{more}"
    if field == "availability":
        return f"{describe_sessions(activity.sessions)}, outside the times you gave"
    if field == "max_distance_km":
        if profile.location is None:
            return "No location given, so the distance cannot be checked"
        if distance_km is None:
            return "Venue location not known"
        limit = f"{profile.max_distance_km:g} km"  # to the nearest of its places
        away = format_km(distance_km)
        if away == limit:  # 3.04 km is "3 km", which would read as no reason at all
            away = f"{distance_km:.2f} km"
        return f"About {away} away, further than {limit}"
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
        return (MENTAL_HEALTH_GROUP if activity.mental_health_specific
                else NOT_MENTAL_HEALTH_GROUP)
    if field == "delivery":
        return {Delivery.ONLINE: "Online only", Delivery.PHONE: "By phone only",
                Delivery.IN_PERSON: "In person only"}[activity.delivery]
    raise ValueError(f"not a constraint field: {field}")
