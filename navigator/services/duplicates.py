"""Likely duplicates in the directory, and merging two entries field by field.

Pure: no Qt, no database. The Review tab runs `find_duplicates` on the computation worker
(through `navigator.services.duplicate_review`); merging a pair field by field is
`navigator.services.merging`.

How a pair is found. Comparing every activity with every other is 50 million name comparisons
at 10,000 activities, so pairs are only compared inside blocks, with rapidfuzz's `cdist`
doing the comparing in C:

- in-person activities with a position: a grid of cells `FAR_KM` wide; each activity is
  compared with those in its own and the eight surrounding cells (anything further away is
  never a duplicate, see below);
- in-person activities with a postcode but no position: others in the same postcode district;
- in-person activities with no place at all: every in-person activity;
- online and phone activities: each other.

Names must be alike (`NAME_FLOOR` on `name_similarity` of the tidied names) for a pair to be
considered at all; the score then weighs the name with the evidence for and against: the same
or a near venue, overlapping sessions, the same organisation or contact details, and against:
different days, a different organisation. Two in-person venues more than `FAR_KM` apart are
different activities, however alike the names ("Walk for Health" runs all over a city), and
so are names with different numbers in them ("Code Club 11-17" and "Code Club 18-25").

About 0.45 s for 10,000 activities from `benchmarks/generate.py` (12 import candidates:
0.1 s); 2 s if no venue has a position or postcode, when names alone must do.

(Over 400 lines, as one idea: the blocks and the score are tuned together, and the weights
below read best beside the comparisons that use them.)
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from navigator.domain.directory import Activity, Delivery, Session, Status
from navigator.domain.postcodes import normalise_postcode, postcode_district
from navigator.domain.wording import describe_delivery
from navigator.matching.geo import EARTH_RADIUS_KM, distance_km

# Names less alike than this (`name_similarity`, 0..100) are never duplicates.
NAME_FLOOR = 80.0
# One name wholly inside the other counts for this much of the same name.
CONTAINED = 0.9
# Pairs scoring below this are not shown.
MIN_SCORE = 0.6
# Venues this close (or with the same postcode) are the same venue.
SAME_VENUE_KM = 0.15
# In-person activities further apart than this are different activities.
FAR_KM = 1.0
# Blocks with more name comparisons than this are screened with token_sort_ratio alone
# (vectorised, many times faster), which misses names that only contain one another.
LARGE_BLOCK = 250_000
SCREEN_FLOOR = 70.0
# Rows per cdist call, so a large block never needs a huge score matrix at once.
CHUNK_CELLS = 2_000_000

# The score: the name's part plus evidence for and against, divided by the most it can be.
NAME_WEIGHT = 0.6  # for identical names; falls by NAME_SLOPE per point below 100%
NAME_SLOPE = 1.5
SAME_VENUE = 0.2
NEAR_VENUE = 0.05  # further than SAME_VENUE_KM but within FAR_KM
SAME_REMOTE = 0.1  # both online, or both by phone
OTHER_DISTRICT = -0.1  # postcodes in different districts, no positions to measure
OTHER_DELIVERY = -0.2  # one in person, the other online or by phone
OVERLAPPING = 0.15
SAME_DAY_OTHER_TIME = -0.1
OTHER_DAYS = -0.15
SAME_ORGANISATION = 0.1
OTHER_ORGANISATION = -0.1
SAME_CONTACT = 0.1
# Organisation and contact details go together (one charity, one phone number), so together
# they count for at most this much.
SAME_PEOPLE_CAP = 0.15
MAX_RAW = NAME_WEIGHT + SAME_VENUE + OVERLAPPING + SAME_PEOPLE_CAP


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two activities that look like one. `a` is the one to keep by default (shown on the
    left): an activity already in the directory rather than a new candidate, else the one
    checked more recently."""

    a: Activity
    b: Activity
    score: float  # 0..1
    reasons: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, str]:
        return (self.a.id, self.b.id)

    def involves(self, activity_id: str) -> bool:
        return activity_id in (self.a.id, self.b.id)


# Finding ---------------------------------------------------------------------------------------


def find_duplicates(
    activities: Iterable[Activity],
    *,
    candidates: Collection[str] | None = None,
    not_duplicates: Iterable[tuple[str, str]] = (),
    min_score: float = MIN_SCORE,
) -> list[DuplicatePair]:
    """Likely duplicates among the active and paused activities, most likely first.

    `candidates`: only pairs involving at least one of these ids (say, just imported).
    `not_duplicates`: id pairs someone has said are different activities, either way round.
    """
    entries = [_Entry(a) for a in activities if a.status is not Status.ARCHIVED]
    index = {e.activity.id: i for i, e in enumerate(entries)}
    wanted = None if candidates is None else {index[c] for c in candidates if c in index}
    if wanted is not None and not wanted:
        return []
    excluded = {frozenset(pair) for pair in not_duplicates}
    pairs: list[DuplicatePair] = []
    for (i, j), name_score in _similar_pairs(entries, wanted).items():
        first, second = entries[i], entries[j]
        if frozenset((first.activity.id, second.activity.id)) in excluded:
            continue
        scored = _score(first, second, name_score)
        if scored is None or scored[0] < min_score:
            continue
        a, b = _keep_order(first.activity, second.activity, candidates)
        pairs.append(DuplicatePair(a, b, scored[0], scored[1]))
    pairs.sort(key=lambda p: (-p.score, p.a.name.casefold(), p.a.id, p.b.id))
    return pairs


def normalise_name(text: str) -> str:
    """ "Knit & Natter!" -> "knit and natter": case, accents, punctuation and "&" tidied."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[&+]", " and ", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def _keep_order(
    x: Activity, y: Activity, candidates: Collection[str] | None
) -> tuple[Activity, Activity]:
    if candidates is not None and (x.id in candidates) != (y.id in candidates):
        return (y, x) if x.id in candidates else (x, y)
    checked_x, checked_y = x.last_verified or dt.date.min, y.last_verified or dt.date.min
    if checked_x != checked_y:
        return (x, y) if checked_x > checked_y else (y, x)
    return (x, y) if x.id <= y.id else (y, x)


class _Entry:
    """An activity with what the comparisons need worked out once."""

    __slots__ = (
        "activity",
        "district",
        "name",
        "numbers",
        "organisation",
        "phone",
        "position",
        "postcode",
        "remote",
        "website",
    )

    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        self.name = normalise_name(activity.name)
        self.numbers = frozenset(re.findall(r"\d+", self.name))
        self.organisation = normalise_name(activity.organisation or "")
        self.remote = activity.delivery is not Delivery.IN_PERSON
        venue = activity.venue
        self.position: tuple[float, float] | None = None
        if (
            not self.remote
            and venue is not None
            and venue.lat is not None
            and venue.lon is not None
        ):
            self.position = (venue.lat, venue.lon)
        raw_postcode = venue.postcode if venue is not None and not self.remote else None
        self.postcode = normalise_postcode(raw_postcode) if raw_postcode else None
        self.district = postcode_district(self.postcode) if self.postcode else None
        contact = activity.contact
        self.phone = re.sub(r"\D", "", contact.phone or "").removeprefix("44") or None
        if self.phone and not self.phone.startswith("0"):
            self.phone = "0" + self.phone
        self.website = _site(contact.website)


def _site(url: str | None) -> str | None:
    """ "https://www.Example.org/knit/" -> "example.org/knit"."""
    if not url:
        return None
    text = re.sub(r"^[a-z]+://", "", url.strip().casefold()).removeprefix("www.")
    return text.rstrip("/") or None


# Blocking -------------------------------------------------------------------------------------


def _similar_pairs(
    entries: Sequence[_Entry], wanted: set[int] | None
) -> dict[tuple[int, int], float]:
    """(i, j) with i < j -> name similarity, for every pair in a common block whose names
    reach NAME_FLOOR."""
    found: dict[tuple[int, int], float] = {}
    names = [e.name for e in entries]
    for rows, columns in _blocks(entries):
        if wanted is None:
            _compare(names, rows, columns, found)
        else:
            _compare(names, [r for r in rows if r in wanted], columns, found)
            _compare(
                names,
                [r for r in rows if r not in wanted],
                [c for c in columns if c in wanted],
                found,
            )
    return found


def _blocks(entries: Sequence[_Entry]) -> Iterable[tuple[list[int], list[int]]]:
    """(rows, columns): every row is compared with every column."""
    placed = [i for i, e in enumerate(entries) if e.position is not None]
    in_person = [i for i, e in enumerate(entries) if not e.remote]
    remote = [i for i, e in enumerate(entries) if e.remote]
    unplaced = [i for i in in_person if entries[i].position is None]
    yield from _grid_blocks(entries, placed)
    by_district: dict[str, list[int]] = defaultdict(list)
    for i in in_person:
        if (district := entries[i].district) is not None:
            by_district[district].append(i)
    for members in by_district.values():
        rows = [i for i in members if entries[i].position is None]
        if rows:
            yield rows, members
    nowhere = [i for i in unplaced if entries[i].district is None]
    if nowhere:
        yield nowhere, in_person
    if remote:
        yield remote, remote


def _grid_blocks(
    entries: Sequence[_Entry], placed: list[int]
) -> Iterable[tuple[list[int], list[int]]]:
    positions = [(i, p) for i in placed if (p := entries[i].position) is not None]
    if not positions:
        return
    # A cell is at least FAR_KM across everywhere in the data (a degree of longitude is
    # shortest nearest the pole), so a pair within FAR_KM is always in neighbouring cells.
    km_per_degree = math.radians(EARTH_RADIUS_KM)
    top = max(abs(lat) for _, (lat, _lon) in positions)
    lat_step = FAR_KM / km_per_degree
    lon_step = FAR_KM / (km_per_degree * max(math.cos(math.radians(min(top, 89.0))), 1e-6))
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (lat, lon) in positions:
        cells[(math.floor(lat / lat_step), math.floor(lon / lon_step))].append(i)
    for (y, x), rows in cells.items():
        columns = [
            j for dy in (-1, 0, 1) for dx in (-1, 0, 1) for j in cells.get((y + dy, x + dx), ())
        ]
        yield rows, columns


def _compare(
    names: Sequence[str], rows: list[int], columns: list[int], found: dict[tuple[int, int], float]
) -> None:
    if not rows or not columns:
        return
    column_names = [names[j] for j in columns]
    screened = len(rows) * len(columns) > LARGE_BLOCK
    # Threads only pay for themselves on big blocks; most grid cells hold a handful.
    workers = -1 if len(rows) * len(columns) > 10_000 else 1
    step = max(1, CHUNK_CELLS // len(columns))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        chunk_names = [names[i] for i in chunk]
        scores = process.cdist(
            chunk_names,
            column_names,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=SCREEN_FLOOR if screened else NAME_FLOOR,
            dtype=np.float32,
            workers=workers,
        )
        if not screened:
            contained = process.cdist(
                chunk_names,
                column_names,
                scorer=fuzz.token_set_ratio,
                score_cutoff=NAME_FLOOR / CONTAINED,
                dtype=np.float32,
                workers=workers,
            )
            np.maximum(scores, contained * CONTAINED, out=scores)
        for r, c in zip(*np.nonzero(scores), strict=True):
            i, j = chunk[r], columns[c]
            key = (i, j) if i < j else (j, i)
            if i == j or key in found:
                continue
            similarity = name_similarity(names[i], names[j]) if screened else float(scores[r, c])
            if similarity >= NAME_FLOOR:
                found[key] = similarity


def name_similarity(x: str, y: str) -> float:
    """0..100 for two tidied names: alike as a whole (typos, word order), or one inside the
    other ("knit and natter" in "knit and natter at st lukes"), which counts for less."""
    return max(fuzz.token_sort_ratio(x, y), fuzz.token_set_ratio(x, y) * CONTAINED)


# Scoring ---------------------------------------------------------------------------------------


def _score(x: _Entry, y: _Entry, name_score: float) -> tuple[float, tuple[str, ...]] | None:
    """(score, reasons), or None when the two cannot be one activity."""
    if x.numbers and y.numbers and x.numbers != y.numbers:
        return None  # "Code Club 11-17" and "Code Club 18-25", "Walk 1" and "Walk 2"
    venue = _venue_evidence(x, y)
    if venue is None:
        return None
    venue_points, venue_reason = venue
    same_name = x.name == y.name
    raw = NAME_WEIGHT - (100.0 - name_score) / 100.0 * NAME_SLOPE
    if same_name:
        reasons = ["Same name"]
    elif _contained(x.name, y.name):
        reasons = ["One name contains the other"]
    else:
        reasons = [f"Names nearly the same ({min(99, math.floor(name_score))}%)"]
    raw += venue_points
    if venue_reason:
        reasons.append(venue_reason)
    time_points, time_reason = _time_evidence(x.activity.sessions, y.activity.sessions)
    raw += time_points
    if time_reason:
        reasons.append(time_reason)
    people = 0.0
    if x.organisation and y.organisation:
        if (
            x.organisation == y.organisation
            or fuzz.token_sort_ratio(x.organisation, y.organisation) >= 90
        ):
            people += SAME_ORGANISATION
            reasons.append("Same organisation")
        else:
            people += OTHER_ORGANISATION
    shared = _shared_contact(x, y)
    if shared:
        people += SAME_CONTACT * len(shared)
        reasons.append(
            "Same "
            + (shared[0] if len(shared) == 1 else ", ".join(shared[:-1]) + " and " + shared[-1])
        )
    raw += min(people, SAME_PEOPLE_CAP)
    return round(min(1.0, max(0.0, raw / MAX_RAW)), 2), tuple(reasons)


def _contained(x: str, y: str) -> bool:
    words_x, words_y = set(x.split()), set(y.split())
    return words_x <= words_y or words_y <= words_x


def _venue_evidence(x: _Entry, y: _Entry) -> tuple[float, str | None] | None:
    if x.remote or y.remote:
        if x.activity.delivery is y.activity.delivery:
            return SAME_REMOTE, f"Both {describe_delivery(x.activity.delivery).lower()}"
        return OTHER_DELIVERY, None
    if x.position is not None and y.position is not None:
        km = distance_km(*x.position, *y.position)
        if km > FAR_KM:
            return None
        if x.postcode is not None and x.postcode == y.postcode:
            return SAME_VENUE, "Same postcode"
        if km <= SAME_VENUE_KM:
            metres = round(km * 1000, -1)
            return SAME_VENUE, (
                "Venues in the same place" if metres < 10 else f"Venues {metres:.0f} m apart"
            )
        return NEAR_VENUE, None
    if x.postcode is not None and y.postcode is not None:
        if x.postcode == y.postcode:
            return SAME_VENUE, "Same postcode"
        if x.district != y.district:
            return OTHER_DISTRICT, None
    return 0.0, None


def _time_evidence(xs: Sequence[Session], ys: Sequence[Session]) -> tuple[float, str | None]:
    if not xs or not ys:
        return 0.0, None
    if any(s.day is t.day and s.start < t.end and t.start < s.end for s in xs for t in ys):
        return OVERLAPPING, "Same day and overlapping times"
    if {s.day for s in xs} & {t.day for t in ys}:
        return SAME_DAY_OTHER_TIME, None
    return OTHER_DAYS, None


def _shared_contact(x: _Entry, y: _Entry) -> list[str]:
    """The contact details the two have in common: ["phone number", "website"]."""
    email_x = (x.activity.contact.email or "").strip().casefold()
    email_y = (y.activity.contact.email or "").strip().casefold()
    return [
        what
        for what, same in (
            ("phone number", x.phone is not None and x.phone == y.phone),
            ("email address", bool(email_x) and email_x == email_y),
            ("website", x.website is not None and x.website == y.website),
        )
        if same
    ]
