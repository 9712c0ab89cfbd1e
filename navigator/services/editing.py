"""Editing one directory entry, without Qt: check what a form holds, compare two versions
field by field, put one person's changes on top of another's, and make new stable ids.

A form is read into the native file's activity shape (FORMATS.md §1) and checked by the
native reader itself, so the editor and a file import can never disagree about what is valid.
The reader's messages are written for files ("age_max: 70 is below age_min 80"); here they
become sentences for the prescriber at the desk ("The oldest age is below the youngest.").

Over 400 lines because checking, comparing and merging read one field list; kept
together so a new field is added in one place.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Cost,
    Delivery,
    GroupSize,
    Status,
    Venue,
)
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import (
    LANGUAGE_NAMES,
    describe_booking,
    describe_delivery,
    describe_group_size,
    describe_languages,
    describe_session,
    describe_status,
    money,
)
from navigator.formats.native import activity_to_json, parse_activity
from navigator.formats.reading import Problem, Reader

# Every field of an activity a person can change, in the order the editor shows them, with
# the words the conflict view uses. Dotted paths are the reader's problem paths.
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("organisation", "Run by"),
    ("description", "Description"),
    ("categories", "Categories"),
    ("keywords", "Keywords"),
    ("delivery", "How it happens"),
    ("venue.name", "Venue"),
    ("venue.address", "Address"),
    ("venue.postcode", "Postcode"),
    ("venue.lat", "Latitude"),
    ("venue.lon", "Longitude"),
    ("venue.step_free", "Step-free access"),
    ("venue.transport_note", "Getting there"),
    ("sessions", "Sessions"),
    ("cost.per_session_gbp", "Cost a session"),
    ("cost.concessions", "Concessions"),
    ("cost.free_taster", "Free taster"),
    ("cost.notes", "Cost notes"),
    ("booking", "How to join"),
    ("group_size", "Group size"),
    ("mental_health_specific", "Mental-health specific"),
    ("peer_led", "Peer-led"),
    ("gender", "Who may attend"),
    ("age_min", "Youngest age"),
    ("age_max", "Oldest age"),
    ("languages", "Languages"),
    ("welcome.bring_someone", "Can bring someone"),
    ("welcome.beginners", "Beginners welcome"),
    ("welcome.meet_at_door", "Met at the door"),
    ("contact.phone", "Phone"),
    ("contact.email", "Email"),
    ("contact.website", "Website"),
    ("last_verified", "Last checked"),
    ("status", "Status"),
    # FORMATS.md §1a: kept through a merge like every other field.
    ("more_venues", "Other places"),
    ("cost.amount_gbp", "Price as published"),
    ("cost.unit", "Price per"),
    ("for_learners_of", "For learners of"),
    ("with_child", "With a young child"),
    ("guessed", "Guessed by Navigator"),
    ("source", "Came from"),
)
FIELD_LABELS = dict(FIELDS)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class FieldNote:
    """A message about one field. Problems (`blocking`) stop a save; warnings only advise."""

    path: str  # the reader's path, e.g. "sessions[0].end", "venue.postcode"
    message: str
    blocking: bool = True


@dataclass(frozen=True, slots=True)
class FormCheck:
    activity: Activity | None  # None while there are problems
    notes: tuple[FieldNote, ...]

    @property
    def problems(self) -> tuple[FieldNote, ...]:
        return tuple(n for n in self.notes if n.blocking)

    @property
    def ok(self) -> bool:
        return self.activity is not None and not self.problems


def check_form(data: Mapping[str, Any], today: dt.date) -> FormCheck:
    """Read a form (an activity in the native file's shape) with the native checks, plus the
    few an editor adds: a plausible email, no check date in the future, the week of a monthly
    session, and a warning when an in-person activity cannot be placed on a map."""
    problems: list[Problem] = []
    activity = parse_activity(Reader(data, "", problems))
    notes = [FieldNote(p.path, friendly(p)) for p in problems]
    email = (data.get("contact") or {}).get("email")
    if isinstance(email, str) and email.strip() and not _EMAIL.match(email.strip()):
        notes.append(FieldNote("contact.email", f'"{email}" does not look like an email address.'))
    verified = data.get("last_verified")
    if isinstance(verified, str) and verified > today.isoformat():
        notes.append(FieldNote("last_verified", "This date is in the future."))
    for index, session in enumerate(data.get("sessions") or []):
        if session.get("frequency") == "monthly" and session.get("week_of_month") is None:
            notes.append(
                FieldNote(
                    f"sessions[{index}].week_of_month", "Choose which week of the month it meets."
                )
            )
    venue = data.get("venue") or {}
    if (
        data.get("delivery", "in_person") == "in_person"
        and not venue.get("postcode")
        and venue.get("lat") is None
        and "venue.postcode" not in {n.path for n in notes}
    ):
        notes.append(
            FieldNote(
                "venue.postcode",
                "Without a postcode, this activity cannot be suggested by distance.",
                blocking=False,
            )
        )
    blocking = any(n.blocking for n in notes)
    return FormCheck(None if blocking else activity, tuple(notes))


# Where each guessable field lives in the native file's shape.
_GUESS_PATHS: dict[str, tuple[str, ...]] = {
    "categories": ("categories",),
    "gender": ("gender",),
    "mental_health_specific": ("mental_health_specific",),
    "cost": ("cost",),
    "venue.step_free": ("venue.step_free",),
    "venue.position": ("venue.lat", "venue.lon"),
    "for_learners_of": ("for_learners_of",),
    "with_child": ("with_child",),
    "age": ("age_min", "age_max"),
}


def carry_over(original: Activity | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """The editor's form with what it does not show kept from the activity it opened.

    The form has no place for more venues, learners of a language, "with a child" or the
    source, so saving must not drop them; a published price with its unit is kept while the
    per-session price is left as it was. A guessed field stays guessed unless the person
    changed it in the form (then it is theirs, not Navigator's).
    """
    out = dict(data)
    if original is None:
        return out
    before = activity_to_json(original)
    for key in ("more_venues", "for_learners_of", "with_child", "source"):
        if key in before:
            out[key] = before[key]
    cost, old_cost = out.get("cost"), before.get("cost")
    if (
        isinstance(cost, dict)
        and isinstance(old_cost, dict)
        and "unit" in old_cost
        and cost.get("per_session_gbp") == old_cost.get("per_session_gbp")
    ):
        out["cost"] = {**cost, "amount_gbp": old_cost["amount_gbp"], "unit": old_cost["unit"]}
    elif (
        cost is None
        and isinstance(old_cost, dict)
        and "unit" in old_cost
        and old_cost.get("per_session_gbp") is None
    ):
        out["cost"] = old_cost  # a price the form cannot show ("£5 a year") is not lost
    guessed = [
        field
        for field in original.guessed
        if all(_at(out, path) == _at(before, path) for path in _GUESS_PATHS.get(field, (field,)))
    ]
    if guessed:
        out["guessed"] = guessed
    return out


def _at(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def friendly(problem: Problem) -> str:
    """The reader's message about a form field, as a sentence for the person who typed it."""
    path, message = problem.path, problem.message
    field = _INDEX.sub("", path)
    if field == "name":
        return "Give the activity a name."
    if field == "categories" and ("required" in message or "at least one" in message):
        return "Choose at least one category."
    if field == "sessions.end" and "not after" in message:
        return "The end time must be after the start time."
    if field == "age_max" and "below" in message:
        return "The oldest age is below the youngest age."
    if field == "venue.postcode" and "not a UK postcode" in message:
        return f"{message[: message.index(' is not')]} is not a UK postcode (for example N7 6PA)."
    if field == "languages" and "two-letter" in message:
        word = message[: message.index(" is not")]
        return f'{word} is not a language Navigator knows: use a two-letter code such as "de".'
    if field == "languages":
        return "Name at least one language."
    if field in ("venue.lat", "venue.lon") and "together" in message:
        return "Give both latitude and longitude, or neither."
    text = message[0].upper() + message[1:] if message else message
    return text if text.endswith((".", "?")) else text + "."


def field_of(path: str) -> str:
    """The form field a problem path belongs to: "keywords[2]" -> "keywords",
    "sessions[1].end" -> "sessions"."""
    if path.startswith("sessions"):
        return "sessions"
    return _INDEX.sub("", path)


# Languages as a person types them --------------------------------------------------------------


def languages_to_text(codes: tuple[str, ...]) -> str:
    return ", ".join(LANGUAGE_NAMES.get(code, code) for code in codes)


def languages_from_text(text: str) -> list[str]:
    """ "English, Bengali" or "en, bn" -> ["en", "bn"]. Any other two-letter code is kept;
    a word Navigator does not know is passed on as typed, for the reader to name it."""
    by_name = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}
    out: list[str] = []
    for part in re.split(r",|;|\band\b", text):
        word = part.strip()
        folded = word.casefold()
        if not word:
            continue
        code = by_name.get(folded) or (folded if re.fullmatch(r"[a-z]{2}", folded) else word)
        if code not in out:
            out.append(code)
    return out


# New ids -----------------------------------------------------------------------------------------


def slugify(name: str, max_chars: int = 40) -> str:
    """ "Café & Chat (Tuesdays)" -> "cafe-chat-tuesdays"."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_chars:
        slug = slug[:max_chars].rsplit("-", 1)[0] if "-" in slug[:max_chars] else slug[:max_chars]
    return slug or "activity"


def new_activity_id(name: str, taken: Callable[[str], bool]) -> str:
    """A stable id for a new activity, `act-<slug>-<n>`, with the lowest n not yet taken."""
    slug = slugify(name)
    number = 1
    while taken(f"act-{slug}-{number}"):
        number += 1
    return f"act-{slug}-{number}"


# Comparing and merging versions -----------------------------------------------------------------


def flatten(activity: Activity) -> dict[str, Any]:
    """Path -> value (as the native file writes it) for every field in FIELDS."""
    filled = replace(activity, venue=activity.venue or Venue(), cost=activity.cost or Cost())
    data = activity_to_json(filled)
    flat = {}
    for path, _label in FIELDS:
        group, _, key = path.rpartition(".")
        flat[path] = (data[group] or {}).get(key) if group else data.get(path)
    return flat


def unflatten(flat: Mapping[str, Any], activity_id: str) -> dict[str, Any]:
    """The native activity shape from `flatten`'s paths; an empty venue or cost is null."""
    data: dict[str, Any] = {"id": activity_id}
    for path, value in flat.items():
        group, _, key = path.rpartition(".")
        if group:
            data.setdefault(group, {})[key] = value
        else:
            data[path] = value
    for group in ("venue", "cost"):
        if data[group] == _EMPTY[group]:
            data[group] = None
    return data


def changed_fields(before: Activity, after: Activity) -> list[str]:
    old, new = flatten(before), flatten(after)
    return [path for path, _label in FIELDS if old[path] != new[path]]


@dataclass(frozen=True, slots=True)
class FieldComparison:
    path: str
    label: str
    theirs: str
    mine: str
    they_changed: bool
    i_changed: bool
    reapplied: str  # what re-applying my changes on top of theirs would save

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


def compare(base: Activity, theirs: Activity, mine: Activity) -> list[FieldComparison]:
    """Every field of their saved version next to mine, saying who changed what since
    `base`, the version both started from."""
    b, t, m = flatten(base), flatten(theirs), flatten(mine)
    return [
        FieldComparison(
            path,
            label,
            describe_value(path, t[path]),
            describe_value(path, m[path]),
            t[path] != b[path],
            m[path] != b[path],
            describe_value(path, m[path] if m[path] != b[path] else t[path]),
        )
        for path, label in FIELDS
    ]


def reapply(base: Activity, mine: Activity, theirs: Activity) -> Activity:
    """Their version with every field I changed since `base` set to my value. Where we both
    changed a field, mine wins: I am looking at both and choosing to save again."""
    b, m = flatten(base), flatten(mine)
    merged = flatten(theirs)
    for path, _label in FIELDS:
        if m[path] != b[path]:
            merged[path] = m[path]
    problems: list[Problem] = []
    activity = parse_activity(Reader(unflatten(merged, theirs.id), "", problems))
    if activity is None:  # both versions were valid, so a merge of fields is too
        raise ValueError("; ".join(map(str, problems)))
    return activity


def describe_value(path: str, value: Any) -> str:
    """A flattened value in the words of the detail pane."""
    if path == "sessions":
        return "\n".join(describe_session(s) for s in _sessions(value)) or "No fixed times"
    if value is None or value == "" or value == []:
        return {
            "booking": describe_booking(None),
            "cost.per_session_gbp": "Not known",
            "venue.step_free": "Not known",
            "last_verified": "Never checked",
            "age_min": "No limit",
            "age_max": "No limit",
        }.get(path, "Not known" if path.startswith("welcome.") else "Not given")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    describe: dict[str, Callable[[Any], str]] = {
        "categories": lambda v: ", ".join(category_label(c) for c in v),
        "keywords": ", ".join,
        "languages": lambda v: describe_languages(tuple(v)),
        "delivery": lambda v: describe_delivery(_enum("delivery", v)),
        "booking": lambda v: describe_booking(_enum("booking", v)),
        "group_size": lambda v: describe_group_size(_enum("group_size", v)) or "",
        "status": lambda v: describe_status(_enum("status", v)),
        "gender": lambda v: {"any": "Anyone", "women": "Women only", "men": "Men only"}[v],
        "cost.per_session_gbp": lambda v: "Free" if v == 0 else money(v),
        "cost.amount_gbp": money,
        "cost.unit": lambda v: str(v).replace("_", "-"),
        "for_learners_of": lambda v: describe_languages(tuple(v)),
        "guessed": ", ".join,
        "more_venues": lambda v: "; ".join(
            next((p[k] for k in ("name", "address", "postcode") if p.get(k)), "A place") for p in v
        ),
        "source": lambda v: " ".join(
            part
            for part in (
                v.get("feed") or "A feed",
                f"(its id {v['external_id']})" if v.get("external_id") else "",
            )
            if part
        ),
    }
    return str(describe[path](value)) if path in describe else str(value)


def _enum(field: str, value: str) -> Any:
    return _ENUM_TYPES[field](value)


def _sessions(value: list[dict[str, Any]]) -> list[Any]:
    problems: list[Problem] = []
    probe = parse_activity(
        Reader({"id": "-", "name": "-", "categories": ["music"], "sessions": value}, "", problems)
    )
    return list(probe.sessions) if probe is not None else []


_ENUM_TYPES: dict[str, type] = {
    "delivery": Delivery,
    "booking": Booking,
    "group_size": GroupSize,
    "status": Status,
}
_EMPTY_FLAT = flatten(Activity(id="-", name="-", categories=("music",)))
_EMPTY = {
    group: {
        path.partition(".")[2]: value
        for path, value in _EMPTY_FLAT.items()
        if path.startswith(group + ".")
    }
    for group in ("venue", "cost")
}
