"""Reading the native file: `read_directory_file` streams it, `parse_directory` checks
parsed JSON, `parse_activity` reads one activity; every problem is named by its place and
none of a bad file is returned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    CostUnit,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Source,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.postcodes import normalise_postcode
from navigator.domain.taxonomy import CATEGORY_IDS, category_hints
from navigator.formats.json_stream import JsonStream, open_regular_file
from navigator.formats.reading import (
    FormatError,
    Problem,
    Problems,
    Reader,
    kind_of,
    language_codes,
    many_records,
    quote,
    require_header,
)

FORMAT = "navigator-directory"
VERSION = 1
MAX_ID_CHARS = 200
CATEGORY_HINTS = category_hints()


def read_directory_file(path: Path) -> list[Activity]:
    """Read a native file as it streams: one activity at a time is parsed, checked and kept
    (json_stream), so a 100,000-activity file never sits in memory as JSON."""
    path = Path(path)
    with open_regular_file(path) as file, many_records():
        stream = JsonStream(file, path.name, noun="activities")
        problems = Problems()
        if stream.start() != "{":
            found = kind_of(stream.value())
            problems.append(Problem("", f"expected a JSON object ({FORMAT}), found {found}"))
            raise FormatError(problems)
        header: dict[str, Any] = {}
        collector = _Collector(problems)
        for key, value in stream.members(streamed=("activities",)):
            if isinstance(value, Iterator):  # the activities, streamed
                for item in value:
                    collector.add(item)
                value = []
            header[key] = value
        stream.finish()
    root = Reader(header, "", Problems())
    if not require_header(root, FORMAT, VERSION):
        raise FormatError(root.problems)  # not this kind of file: only that is said
    if not isinstance(header.get("activities"), list):
        root.fail("activities", "is required and must be a list")
        raise FormatError(root.problems)
    if header["activities"]:  # given whole (it was not the streamed list)
        for item in header["activities"]:
            collector.add(item)
    return collector.result()


def parse_directory(data: Any) -> list[Activity]:
    problems = Problems()  # capped: a file of a million bad items keeps the first thousand
    root = Reader.root(data, problems, FORMAT)
    if root is None or not require_header(root, FORMAT, VERSION):
        raise FormatError(problems)
    if not isinstance(root.data.get("activities"), list):
        root.fail("activities", "is required and must be a list")
        raise FormatError(problems)
    collector = _Collector(problems)
    for item in root.data["activities"]:
        collector.add(item)
    return collector.result()


class _Collector:
    """The activities of a file, added one by one: each is checked, ids must be unique, and
    once there is a problem only problems are kept (the file is all or nothing)."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.activities: list[Activity] = []
        self.seen: dict[str, str] = {}
        self.index = 0

    def add(self, item: Any) -> None:
        path = f"activities[{self.index}]"  # each path made only when read
        self.index += 1
        if not isinstance(item, dict):
            self.problems.append(Problem(path, f"expected an object, found {kind_of(item)}"))
            return
        reader = Reader(item, path, self.problems)
        activity = parse_activity(reader)
        activity_id = item.get("id")
        if isinstance(activity_id, str) and activity_id in self.seen:
            reader.fail(
                "id", f"{quote(activity_id)} is used twice (also at {self.seen[activity_id]})"
            )
            return
        if isinstance(activity_id, str):
            self.seen[activity_id] = path
        if activity is not None and not self.problems:  # after a problem only problems matter
            self.activities.append(activity)

    def result(self) -> list[Activity]:
        if self.problems:
            raise FormatError(self.problems)
        return self.activities


def parse_activity(r: Reader) -> Activity | None:
    """One activity, or None when it has problems (they are recorded in `r.problems`)."""
    before = len(r.problems)
    activity_id = r.text("id", required=True, max_chars=MAX_ID_CHARS)
    name = r.text("name", required=True, max_chars=500)
    categories = r.choices("categories", CATEGORY_IDS, noun="category id", hints=CATEGORY_HINTS)
    if r.data.get("categories") is None:
        r.fail("categories", "is required (at least one category id)")
    elif isinstance(r.data.get("categories"), list) and not r.data["categories"]:
        r.fail("categories", "must have at least one category id")
    age_min = r.integer("age_min", low=0, high=130)
    age_max = r.integer("age_max", low=0, high=130)
    if age_min is not None and age_max is not None and age_min > age_max:
        r.fail("age_max", f"{age_max} is below age_min {age_min}")
    activity = Activity(
        id=activity_id or "",
        name=name or "",
        categories=categories,
        organisation=r.text("organisation", max_chars=500),
        description=r.text("description", default="") or "",
        keywords=r.texts("keywords"),
        delivery=r.choice("delivery", Delivery, default=Delivery.IN_PERSON, noun="delivery mode")
        or Delivery.IN_PERSON,
        venue=_venue(r.child("venue")),
        sessions=tuple(s for s in map(_session, r.children("sessions")) if s is not None),
        cost=_cost(r.child("cost")),
        mental_health_specific=bool(r.flag("mental_health_specific", default=False)),
        peer_led=bool(r.flag("peer_led", default=False)),
        gender=r.choice("gender", Gender, default=Gender.ANY, noun="gender") or Gender.ANY,
        age_min=age_min,
        age_max=age_max,
        languages=language_codes(r, "languages"),
        booking=r.choice("booking", Booking, noun="booking option"),
        group_size=r.choice("group_size", GroupSize, noun="group size"),
        welcome=_welcome(r.child("welcome")),
        contact=_contact(r.child("contact")),
        last_verified=r.date("last_verified"),
        status=r.choice("status", Status, default=Status.ACTIVE, noun="status") or Status.ACTIVE,
        more_venues=tuple(v for v in map(_venue, r.children("more_venues")) if v is not None),
        for_learners_of=(
            language_codes(r, "for_learners_of") if r.data.get("for_learners_of") else ()
        ),
        with_child=bool(r.flag("with_child", default=False)),
        guessed=tuple(dict.fromkeys(r.texts("guessed"))),
        source=_source(r.child("source")),
    )
    return activity if len(r.problems) == before else None


def _venue(r: Reader | None) -> Venue | None:
    if r is None:
        return None
    postcode = r.text("postcode", max_chars=20)
    if postcode is not None and postcode.strip():
        tidy = normalise_postcode(postcode)
        if tidy is None:
            r.fail("postcode", f"{quote(postcode)} is not a UK postcode")
        postcode = tidy
    lat = r.number("lat", low=-90, high=90)
    lon = r.number("lon", low=-180, high=180)
    if (lat is None) != (lon is None):
        r.fail("lat" if lat is None else "lon", "lat and lon must be given together")
    return Venue(
        name=r.text("name", max_chars=500),
        address=r.text("address", max_chars=1000),
        postcode=postcode or None,
        lat=lat,
        lon=lon,
        step_free=r.flag("step_free"),
        transport_note=r.text("transport_note"),
    )


def _session(r: Reader) -> Session | None:
    before = len(r.problems)
    day = r.choice("day", Day, noun="day")
    if r.data.get("day") is None:
        r.fail("day", "is required")
    start = r.time("start", required=True)
    end = r.time("end", required=True)
    if start is not None and end is not None and end <= start:
        r.fail("end", f"{quote(r.data['end'])} is not after the start {quote(r.data['start'])}")
    frequency = r.choice("frequency", Frequency, default=Frequency.WEEKLY, noun="frequency")
    week_of_month = r.integer("week_of_month", low=1, high=4, allowed=(-1,))
    if len(r.problems) != before or day is None or start is None or end is None:
        return None
    return Session(
        day=day,
        start=start,
        end=end,
        frequency=frequency or Frequency.WEEKLY,
        week_of_month=week_of_month,
        starts_on=r.date("starts_on"),
    )


def _cost(r: Reader | None) -> Cost | None:
    if r is None:
        return None
    per_session = r.number("per_session_gbp", low=0, high=100_000)
    amount = r.number("amount_gbp", low=0, high=100_000)
    unit = r.choice("unit", CostUnit, noun="cost unit")
    if amount is not None and unit is None and r.data.get("unit") is None:
        r.fail(
            "unit",
            "is required with amount_gbp (session, hour, week, month, term, year, "
            "course or one_off)",
        )
    if (
        per_session is not None
        and amount is not None
        and amount != 0
        and unit is not None
        and unit is not CostUnit.SESSION
    ):
        r.fail(
            "per_session_gbp",
            f"is set, but the price is {amount:g} a {unit}: a "
            "per-session price is given only for a session's price",
        )
    elif (
        per_session is not None
        and amount is not None
        and per_session != amount
        and (unit is CostUnit.SESSION or amount == 0)
    ):
        r.fail(
            "per_session_gbp",
            f"is {per_session:g}, but the price for a session is {amount:g}: they must agree",
        )
    elif per_session is None and amount == 0:
        per_session = 0.0  # free, whatever the unit: a per-session figure follows from it
    return Cost(
        per_session_gbp=per_session,
        concessions=bool(r.flag("concessions", default=False)),
        free_taster=bool(r.flag("free_taster", default=False)),
        notes=r.text("notes", default="") or "",
        amount_gbp=amount,
        unit=unit,
    )


def _source(r: Reader | None) -> Source | None:
    if r is None:
        return None
    source = Source(
        feed=r.text("feed", max_chars=200), external_id=r.text("external_id", max_chars=500)
    )
    return None if source == Source() else source


def _welcome(r: Reader | None) -> Welcome:
    if r is None:
        return Welcome()
    return Welcome(
        bring_someone=r.flag("bring_someone"),
        beginners=r.flag("beginners"),
        meet_at_door=r.flag("meet_at_door"),
    )


def _contact(r: Reader | None) -> Contact:
    if r is None:
        return Contact()
    return Contact(
        phone=r.text("phone", max_chars=100),
        email=r.text("email", max_chars=320),
        website=r.text("website", max_chars=2000),
    )
