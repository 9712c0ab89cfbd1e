"""The `navigator-profile` v1 file (FORMATS.md §2): what a worker recorded about a person.

`parse_profile` reads a JSON object into a `Profile` or raises `FormatError` naming every bad
place (`goals[1]: "friends" is not a goal id; did you mean "meet_people"?`). Unknown fields
are ignored. `profile_to_json` writes a profile so that reading it back gives an equal one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from navigator.domain.directory import Day, Delivery
from navigator.domain.postcodes import normalise_postcode, postcode_district, postcode_sector
from navigator.domain.profile import (
    ALL_DELIVERY,
    LatLon,
    Location,
    PersonGender,
    PostcodeLocation,
    Preference,
    Profile,
    Setting,
    TimeWindow,
)
from navigator.domain.taxonomy import GOAL_BY_ID, GOAL_IDS
from navigator.formats.reading import (
    FormatError,
    Problem,
    Reader,
    language_codes,
    load_json_file,
    quote,
    require_header,
)

FORMAT = "navigator-profile"
VERSION = 1
MAX_REFERENCE_CHARS = 100
MAX_INTEREST_CHARS = 200
MAX_INTERESTS = 100


def read_profile_file(path: Path) -> Profile:
    return parse_profile(load_json_file(path))


def parse_profile(data: Any) -> Profile:
    problems: list[Problem] = []
    root = Reader.root(data, problems, FORMAT)
    if root is None or not require_header(root, FORMAT, VERSION):
        raise FormatError(problems)
    r = root
    age = r.integer("age", low=0, high=130)
    delivery = r.enum_list("delivery", Delivery, noun="delivery mode", default=ALL_DELIVERY)
    if isinstance(r.data.get("delivery"), list) and not r.data["delivery"]:
        r.fail("delivery", "must name at least one of in_person, online, phone")
    profile = Profile(
        reference=r.text("reference", max_chars=MAX_REFERENCE_CHARS),
        location=_location(r),
        max_distance_km=r.number("max_distance_km", low=0, high=20_000),
        delivery=delivery,
        interests=_interests(r),
        goals=_goals(r),
        availability=tuple(w for w in map(_window, r.children("availability")) if w),
        age=age,
        gender=r.choice("gender", PersonGender, noun="gender (woman, man or other)"),
        languages=language_codes(r, "languages"),
        max_cost_gbp=r.number("max_cost_gbp", low=0, high=100_000),
        setting=r.choice("setting", Setting, default=Setting.NO_PREFERENCE, noun="setting")
        or Setting.NO_PREFERENCE,
        needs_step_free=bool(r.flag("needs_step_free", default=False)),
        prefers=tuple(dict.fromkeys(r.enum_list("prefers", Preference, noun="preference"))),
        with_young_children=bool(r.flag("with_young_children", default=False)),
        uses_internet=r.flag("uses_internet"),
        agreed_budget_gbp=r.number("agreed_budget_gbp", low=0, high=10_000),
        strengths=_interests(r, "strengths"),
        can_offer=_interests(r, "can_offer"),
    )
    if problems:
        raise FormatError(problems)
    return profile


def _location(r: Reader) -> Location | None:
    loc = r.child("location")
    if loc is None:
        return None
    if loc.has("lat") or loc.has("lon"):
        lat = loc.number("lat", low=-90, high=90)
        lon = loc.number("lon", low=-180, high=180)
        if not loc.has("lat") or not loc.has("lon"):
            loc.fail("lat" if not loc.has("lat") else "lon", "lat and lon must be given together")
            return None
        return None if lat is None or lon is None else LatLon(lat, lon)
    if loc.has("postcode"):
        text = loc.text("postcode", max_chars=20)
        if text is None:
            return None
        # A district ("N7") or sector ("N7 6") is enough and reveals less than a full postcode.
        tidy = normalise_postcode(text) or postcode_sector(text) or postcode_district(text)
        if tidy is None:
            loc.fail("postcode", f"{quote(text)} is not a UK postcode or postcode district")
            return None
        return PostcodeLocation(tidy)
    r.fail("location", 'needs "lat" and "lon", or a "postcode"')
    return None


def _interests(r: Reader, field: str = "interests") -> tuple[str, ...]:
    """A list of the person's own words: `interests`, `strengths` or `can_offer`."""
    out = []
    for path, item in r.items(field):
        if not isinstance(item, str):
            r.problems.append(Problem(path, f"{quote(item)} is not text"))
        elif len(item) > MAX_INTEREST_CHARS:
            r.problems.append(
                Problem(
                    path,
                    f"is {len(item)} characters long; at most {MAX_INTEREST_CHARS} are allowed",
                )
            )
        elif item.strip():  # a blank entry from a form is nothing, not an error
            out.append(" ".join(item.split()))
    if len(out) > MAX_INTERESTS:
        r.fail(field, f"has {len(out)} entries; at most {MAX_INTERESTS} are allowed")
    return tuple(dict.fromkeys(out))


# The words of each goal's id and label, to suggest an id for "friends" or "money".
_FILLER = {
    "and",
    "the",
    "with",
    "get",
    "have",
    "some",
    "who",
    "been",
    "through",
    "things",
    "out",
    "of",
    "to",
    "more",
    "new",
    "feel",
    "part",
    "make",
    "similar",
    "someone",
}
_GOAL_WORDS = {
    goal_id: {
        w
        for w in f"{goal_id} {GOAL_BY_ID[goal_id].label}".lower()
        .replace("_", " ")
        .replace(",", " ")
        .replace("-", " ")
        .split()
        if len(w) > 2 and w not in _FILLER
    }
    for goal_id in GOAL_IDS
}


def _goal_hint(value: str) -> str:
    """A did-you-mean for a goal: a misspelt id first, then a word from a goal's label."""
    close = process.extractOne(value, GOAL_IDS, scorer=fuzz.ratio, score_cutoff=75)
    if close is not None:
        return f'; did you mean "{close[0]}"?'
    words = value.lower().replace("_", " ").split()
    scored = sorted(
        (
            (max((fuzz.ratio(w, g) for w in words for g in goal_words), default=0), goal_id)
            for goal_id, goal_words in _GOAL_WORDS.items()
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= 80 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return f'; did you mean "{scored[0][1]}"?'
    return f" (one of {', '.join(GOAL_IDS)})"


def _goals(r: Reader) -> tuple[str, ...]:
    out = []
    for path, item in r.items("goals"):
        if isinstance(item, str) and item in GOAL_BY_ID:
            out.append(item)
        elif isinstance(item, str):
            r.problems.append(Problem(path, f"{quote(item)} is not a goal id{_goal_hint(item)}"))
        else:
            r.problems.append(Problem(path, f"{quote(item)} is not a goal id"))
    return tuple(dict.fromkeys(out))


def _window(r: Reader) -> TimeWindow | None:
    before = len(r.problems)
    day = r.choice("day", Day, noun="day")
    if r.data.get("day") is None:
        r.fail("day", "is required")
    start = r.time("from", required=True)
    end = r.time("to", required=True)
    if start is not None and end is not None and end <= start:
        r.fail("to", f"{quote(r.data['to'])} is not after {quote(r.data['from'])}")
    if len(r.problems) != before or day is None or start is None or end is None:
        return None
    return TimeWindow(day, start, end)


# Writing ------------------------------------------------------------------------------------


def profile_to_json(p: Profile) -> dict[str, Any]:
    location: dict[str, Any] | None
    if isinstance(p.location, LatLon):
        location = {"lat": p.location.lat, "lon": p.location.lon}
    elif isinstance(p.location, PostcodeLocation):
        location = {"postcode": p.location.postcode}
    else:
        location = None
    return (
        {
            "format": FORMAT,
            "version": VERSION,
            "reference": p.reference,
            "location": location,
            "max_distance_km": p.max_distance_km,
            "delivery": [d.value for d in p.delivery],
            "interests": list(p.interests),
            "goals": list(p.goals),
            "availability": [
                {"day": w.day.value, "from": f"{w.start:%H:%M}", "to": f"{w.end:%H:%M}"}
                for w in p.availability
            ],
            "age": p.age,
            "gender": None if p.gender is None else p.gender.value,
            "languages": list(p.languages),
            "max_cost_gbp": p.max_cost_gbp,
            "setting": p.setting.value,
            "needs_step_free": p.needs_step_free,
            "prefers": [pref.value for pref in p.prefers],
        }
        | ({"with_young_children": True} if p.with_young_children else {})
        | ({} if p.uses_internet is None else {"uses_internet": p.uses_internet})
        | ({} if p.agreed_budget_gbp is None else {"agreed_budget_gbp": p.agreed_budget_gbp})
        | ({"strengths": list(p.strengths)} if p.strengths else {})
        | ({"can_offer": list(p.can_offer)} if p.can_offer else {})
    )
