"""Open Referral UK: ORUK 3.0 / HSDS 3.0 and ORUK 1.0 JSON feeds in, ORUK 3.0 JSON out.

Reading accepts a `/services` page (`contents`), an ORUK 1.0 page (`content`), a plain list
of services, or one `/services/{id}` record. Each service becomes one activity or one
rejection with its reason; details we cannot express (an odd schedule, a foreign postcode)
are left out and reported as cautions, never guessed silently. See docs/formats.md.

Writing produces a `/services` page whose `contents` are full service records. Fields with
no ORUK home travel as service `attributes` whose taxonomy term belongs to our own taxonomy
`NAMESPACE`, with the field in `term` as `key=value`; reading them back restores the
activity exactly, including its original id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Cost,
    Day,
    Delivery,
    Frequency,
    Gender,
    GroupSize,
    Session,
    Status,
    Venue,
    Welcome,
)
from navigator.domain.postcodes import normalise_postcode
from navigator.domain.taxonomy import CATEGORY_IDS, category_label
from navigator.formats.cleaning import (
    LANGUAGE_NAMES,
    FeedResult,
    clean_text,
    decode_text,
    language_code,
    plain_text,
    protect_text,
    step_free_from_text,
)
from navigator.formats.reading import MAX_FILE_BYTES, MAX_TEXT_CHARS, FormatError, Problem, quote
from navigator.formats.taxonomy_mapping import FALLBACK_CATEGORY, infer_categories, map_terms

ID_PREFIX = "oruk-"
NAMESPACE = "navigator-directory"
_UUID_NAMESPACE = uuid.UUID("5b0c2f57-8d0e-4a43-9b8e-3f1f4c1e6a27")
MAX_ID_CHARS = 200
_STATUS_IN = {"active": Status.ACTIVE, "temporarily closed": Status.PAUSED,
              "inactive": Status.ARCHIVED, "defunct": Status.ARCHIVED}
_STATUS_OUT = {Status.ACTIVE: "active", Status.PAUSED: "temporarily closed",
               Status.ARCHIVED: "inactive"}
_RRULE_DAYS = {"MO": Day.MON, "TU": Day.TUE, "WE": Day.WED, "TH": Day.THU, "FR": Day.FRI,
               "SA": Day.SAT, "SU": Day.SUN}
_DAY_CODES = {day: code for code, day in _RRULE_DAYS.items()}
_DAY_NAMES = {d.label.casefold(): d for d in Day} | {d.label[:3].casefold(): d for d in Day}
_TIME = re.compile(r"^\s*([01]?[0-9]|2[0-3])[:.]([0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?"
                   r"\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})?\s*$")
_WOMEN = re.compile(r"\b(women|woman|female|ladies)\b(?:[- ]only)?", re.IGNORECASE)
_MEN = re.compile(r"\b(men|man|male|gentlemen)\b(?:[- ]only)?", re.IGNORECASE)


class _Rejected(Exception):
    """A service that cannot become an activity; the message says why."""


# Reading --------------------------------------------------------------------------------------


def read_oruk_file(path: Path) -> FeedResult:
    return parse_feed(load_feed_json(Path(path)))


def load_feed_json(path: Path) -> Any:
    """JSON from a feed file: UTF-8 with or without a byte-order mark, else Windows-1252."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FormatError([Problem("", f"{path.name} is too large to be a feed")])
        raw = path.read_bytes()
    except OSError as error:
        raise FormatError([Problem("", f"cannot read {path}: {error.strerror}")]) from error
    return parse_feed_text(decode_text(raw, path.name), path.name)


def parse_feed_text(text: str, name: str = "input") -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise FormatError([Problem("", f"{name} is not valid JSON: {error.msg} at line "
                                       f"{error.lineno} column {error.colno}")]) from error
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", f"{name} is not valid JSON: {error}")]) from error


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_feed(data: Any) -> FeedResult:
    records, cautions = _records(data)
    return parse_records(records, cautions)


def parse_records(records: Iterable[tuple[str, Any]],
                  cautions: list[Problem] | None = None) -> FeedResult:
    """Service records, each named by where it was found, read one by one."""
    cautions = list(cautions or [])
    activities: list[Activity] = []
    rejected: list[Problem] = []
    seen: dict[str, str] = {}
    for path, item in records:
        label = _label(path, item)
        if not isinstance(item, dict):
            rejected.append(Problem(label, f"expected an object (a service), found "
                                           f"{_kind(item)}"))
            continue
        reader = ServiceReader(item)
        try:
            activity = reader.read()
        except _Rejected as why:
            rejected.append(Problem(label, str(why)))
            continue
        if activity.id in seen:
            rejected.append(Problem(label, f"id {quote(activity.id)} is used twice (also at "
                                           f"{seen[activity.id]})"))
            continue
        seen[activity.id] = path
        activities.append(activity)
        cautions.extend(Problem(label, note) for note in reader.cautions)
    return FeedResult(tuple(activities), tuple(rejected), tuple(cautions))


def _records(data: Any) -> tuple[list[tuple[str, Any]], list[Problem]]:
    shapes = ('expected a /services page (with "contents"), an ORUK 1.0 page (with "content"), '
              "a list of services or one service")
    if isinstance(data, list):
        return [(f"[{i}]", item) for i, item in enumerate(data)], []
    if not isinstance(data, dict):
        raise FormatError([Problem("", f"not an Open Referral file: {shapes}, found "
                                       f"{_kind(data)}")])
    if isinstance(data.get("resources"), list):
        raise FormatError([Problem("resources", "this is a data package descriptor "
                                                "(datapackage.json), not a feed; import its "
                                                "folder with --format hsds-csv")])
    if data.get("format") == "navigator-directory":
        raise FormatError([Problem("format", 'this is a "navigator-directory" file, not Open '
                                             "Referral; import it with --format navigator")])
    for key, total_key, pages_key in (("contents", "total_items", "total_pages"),
                                      ("content", "totalElements", "totalPages")):
        if key in data:
            items = data[key]
            if not isinstance(items, list):
                raise FormatError([Problem(key, f"expected a list of services, found "
                                                f"{_kind(items)}")])
            return [(f"{key}[{i}]", item) for i, item in enumerate(items)], \
                _paging(data.get(total_key), data.get(pages_key), len(items))
    if "id" in data or "name" in data:
        return [("service", data)], []
    raise FormatError([Problem("", f"not an Open Referral file: {shapes}")])


def _paging(total: Any, pages: Any, here: int) -> list[Problem]:
    if isinstance(pages, int) and pages > 1:
        of = f" ({total} services in all)" if isinstance(total, int) else ""
        services = f"{here} service{'s' * (here != 1)}"
        return [Problem("", f"this is one page of {pages}{of}; only the {services} on it "
                            "were read. Save every page to import the whole directory")]
    return []


def _label(path: str, item: Any) -> str:
    if isinstance(item, dict):
        name = item.get("name")
        name = plain_text(name[:500]).strip() if isinstance(name, str) else ""
        if name:
            return f"{path} ({quote(name)})"
        if isinstance(item.get("id"), str | int) and not isinstance(item.get("id"), bool):
            return f"{path} (id {quote(str(item['id']))})"
    return path


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


class ServiceReader:
    """One service record, read into an activity; `cautions` lists what was left out."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.d = data
        self.cautions: list[str] = []
        self.attrs = _our_attributes(data)
        self.ours = "id" in self.attrs

    # Text -------------------------------------------------------------------------------------

    def text(self, obj: dict[str, Any], key: str, *, limit: int = 1000,
             where: str = "", raw: bool = False) -> str | None:
        """Plain text of a field: our own export verbatim, outside feeds tidied. `raw` is
        for addresses (web, email), where "&" belongs to the address, not to HTML."""
        value = obj.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            if value is not None:
                self.cautions.append(f"{where}{key}: {_kind(value)} is not text; left out")
            return None
        if len(value) > limit * 20:
            raise _Rejected(f"{where}{key} is {len(value)} characters long; at most {limit} "
                            "are allowed")
        if not raw:
            value = clean_text(value) if self.ours else plain_text(value)
        if not self.ours:
            value = value.strip()
            if not value:
                return None
        if len(value) > limit:
            raise _Rejected(f"{where}{key} is {len(value)} characters long; at most {limit} "
                            "are allowed")
        return value

    def attr(self, key: str) -> str | None:
        values = self.attrs.get(key)
        return values[0] if values else None

    def choice(self, key: str, allowed: type[Any]) -> Any:
        value = self.attr(key)
        if value is None:
            return None
        try:
            return allowed(value)
        except ValueError:
            self.cautions.append(f"attribute {key}: {quote(value)} is not one we know; ignored")
            return None

    def flag(self, key: str) -> bool | None:
        value = self.attr(key)
        return None if value not in ("true", "false") else value == "true"

    # The record -------------------------------------------------------------------------------

    def read(self) -> Activity:
        d = self.d
        name = self.text(d, "name", limit=500)
        if name is None or not name.strip():
            raise _Rejected("no name")
        activity_id = self.attr("id") if self.ours else ID_PREFIX + self._source_id()
        if not activity_id or len(activity_id) > MAX_ID_CHARS:
            raise _Rejected(f"id {quote(activity_id)} is empty or longer than {MAX_ID_CHARS}")
        description = self.text(d, "description", limit=MAX_TEXT_CHARS) or ""
        categories, keywords = self._categories(name, description)
        age_min, age_max = self._ages()
        return Activity(
            id=activity_id,
            name=name,
            categories=categories,
            organisation=self._organisation(),
            description=description,
            keywords=keywords,
            delivery=self.choice("delivery", Delivery) or self._delivery(),
            venue=self._venue(),
            sessions=self._sessions(),
            cost=self._cost(),
            mental_health_specific=bool(self.flag("mental_health_specific")),
            peer_led=bool(self.flag("peer_led")),
            gender=self.choice("gender", Gender) or self._gender(),
            age_min=age_min,
            age_max=age_max,
            languages=self._languages(),
            booking=self.choice("booking", Booking) or self._booking(),
            group_size=self.choice("group_size", GroupSize),
            welcome=Welcome(self.flag("welcome.bring_someone"), self.flag("welcome.beginners"),
                            self.flag("welcome.meet_at_door")),
            contact=self._contact(),
            last_verified=self._date(d.get("assured_date"), "assured_date"),
            status=self._status(),
        )

    def _source_id(self) -> str:
        value = self.d.get("id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _Rejected("no id, so a later import could not update it" if value is None
                            else f"id {quote(value)} is not text or a whole number")
        text = str(value).strip()
        if not text:
            raise _Rejected("no id, so a later import could not update it")
        return text

    def _organisation(self) -> str | None:
        return self.text(_dict(self.d.get("organization")), "name", limit=500,
                         where="organization.")

    def _categories(self, name: str, description: str) -> tuple[tuple[str, ...],
                                                               tuple[str, ...]]:
        if self.ours and "category" in self.attrs:
            chosen = [c for c in self.attrs["category"] if c in CATEGORY_IDS]
            if chosen:
                return tuple(dict.fromkeys(chosen)), tuple(self.attrs.get("keyword", ()))
        categories, unmapped = map_terms(self._terms())
        keywords = list(self.attrs.get("keyword", ())) if self.ours else [
            *unmapped, *self._audiences()]
        if not categories:
            guessed = infer_categories(name, [description, *keywords])
            if guessed:
                self.cautions.append(f"no category in the feed; guessed "
                                     f"{', '.join(map(quote, guessed))} from its own words")
                categories = guessed
            else:
                self.cautions.append(f"no category in the feed or its words; filed under "
                                     f"{quote(FALLBACK_CATEGORY)} "
                                     f"({category_label(FALLBACK_CATEGORY)}) for now")
                categories = (FALLBACK_CATEGORY,)
        return categories, tuple(dict.fromkeys(k for k in keywords if k))

    def _terms(self) -> list[tuple[str, str]]:
        """(term, vocabulary) of every outside taxonomy term on the service."""
        found = []
        for attribute in _dicts(self.d.get("attributes")):
            term = _dict(attribute.get("taxonomy_term"))
            if term.get("taxonomy") != NAMESPACE:
                found.append((term, str(term.get("taxonomy") or term.get("term_uri") or "")))
        for link in _dicts(self.d.get("service_taxonomys")):  # ORUK 1.0
            term = _dict(link.get("taxonomy"))
            found.append((term, str(term.get("vocabulary") or "")))
        found.extend((t, str(t.get("taxonomy") or t.get("vocabulary") or ""))
                     for t in _dicts(self.d.get("taxonomy_terms")))
        out = []
        for term, vocabulary in found:
            label = self.text(term, "name", limit=500) or self.text(term, "term", limit=500)
            if label:
                out.append((label, vocabulary))
        return out

    def _audiences(self) -> list[str]:
        # Bristol's Open Place Directory extension: who the service is for.
        return [a for a in (self.text(item, "audienceType", limit=200)
                            for item in _dicts(self.d.get("pc_targetAudience"))) if a]

    def _delivery(self) -> Delivery:
        attending = str(self.d.get("attending_type") or "").casefold()  # ORUK 1.0
        if attending in ("online", "phone"):
            return Delivery(attending)
        kinds = {str(loc.get("location_type") or "physical") for loc in self._locations()}
        return Delivery.ONLINE if kinds == {"virtual"} else Delivery.IN_PERSON

    def _locations(self) -> list[dict[str, Any]]:
        links = _dicts(self.d.get("service_at_locations"))
        found = [_dict(link.get("location")) for link in links if link.get("location")]
        return [loc for loc in found + _dicts(self.d.get("locations")) if loc]

    def _venue(self) -> Venue | None:
        places = [loc for loc in self._locations()
                  if self.ours or loc.get("location_type") not in ("virtual", "postal")]
        if not places:
            return None
        if len(places) > 1:
            self.cautions.append(f"has {len(places)} places; only the first was kept")
        loc = places[0]
        where = "location."
        addresses = _dicts(loc.get("addresses")) or _dicts(loc.get("physical_addresses"))
        address = next((a for a in addresses if a.get("address_type") != "postal"),
                       addresses[0] if addresses else {})
        lat, lon = _number(loc.get("latitude")), _number(loc.get("longitude"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) \
                or (lat == 0 and lon == 0):
            if loc.get("latitude") is not None or loc.get("longitude") is not None:
                self.cautions.append(f"position {quote(loc.get('latitude'))}, "
                                     f"{quote(loc.get('longitude'))} is not a place on Earth; "
                                     "left out")
            lat = lon = None
        venue = Venue(
            name=self.text(loc, "name", limit=500, where=where),
            address=self._address(address),
            postcode=self._postcode(address),
            lat=lat,
            lon=lon,
            step_free=self._step_free(loc),
            transport_note=self.text(loc, "transportation", limit=MAX_TEXT_CHARS, where=where),
        )
        if not self.ours and venue in (Venue(), Venue(step_free=venue.step_free)):
            return None
        return venue

    def _address(self, address: dict[str, Any]) -> str | None:
        where = "address."
        if self.ours:
            if "none" in self.attrs and "venue.address" in self.attrs["none"]:
                return None
            first = self.text(address, "address_1", limit=1000, where=where)
            city = self.text(address, "city", limit=1000, where=where)
            return f"{first}, {city}" if first and city else first
        parts = [self.text(address, key, limit=1000, where=where)
                 for key in ("address_1", "address_2", "address_3", "city")]
        return ", ".join(dict.fromkeys(p for p in parts if p)) or None

    def _postcode(self, address: dict[str, Any]) -> str | None:
        raw = address.get("postal_code")
        if not isinstance(raw, str) or not raw.strip():
            return None
        tidy = normalise_postcode(raw[:40])
        if tidy is None:
            self.cautions.append(f"postcode {quote(raw)} is not a UK postcode; left out")
        return tidy

    def _step_free(self, loc: dict[str, Any]) -> bool | None:
        texts = []
        for item in _dicts(loc.get("accessibility")) + _dicts(
                loc.get("accessibility_for_disabilities")):
            for key in ("description", "details", "accessibility"):
                if isinstance(item.get(key), str):
                    texts.append(plain_text(item[key][:5000]))
        return step_free_from_text(texts)

    def _sessions(self) -> tuple[Session, ...]:
        schedules = [("schedules", s) for s in _dicts(self.d.get("schedules"))]
        if not self.ours:
            schedules += [("regular_schedules", s)
                          for s in _dicts(self.d.get("regular_schedules"))]
            for holder in _dicts(self.d.get("service_at_locations")) + self._locations():
                for key in ("schedules", "regular_schedules", "regular_schedule"):
                    schedules += [(key, s) for s in _dicts(holder.get(key))]
        sessions: list[Session] = []
        for i, (key, schedule) in enumerate(schedules):
            sessions.extend(self._schedule(schedule, f"{key}[{i}]"))
        return tuple(sessions) if self.ours else tuple(dict.fromkeys(sessions))

    def _schedule(self, s: dict[str, Any], where: str) -> list[Session]:
        sessions, problem = sessions_from_schedule(s, exact=self.ours)
        if problem:
            self.cautions.append(f"{where}: {problem}; this time was left out")
        return sessions

    def _cost(self) -> Cost | None:
        options = _dicts(self.d.get("cost_options"))
        concessions = bool(self.flag("cost.concessions"))
        free_taster = bool(self.flag("cost.free_taster"))
        if self.ours:
            if not options:
                return None
            first = options[0]
            notes = self.text(first, "amount_description", limit=MAX_TEXT_CHARS) or ""
            return Cost(_number(first.get("amount")), concessions, free_taster, notes)
        priced = [(amount, option) for option in options
                  if (amount := self._amount(option)) is not None]
        notes = "; ".join(n for n in (self._option_text(o) for o in options) if n)
        if not priced:
            fees = self.text(self.d, "fees", limit=MAX_TEXT_CHARS) or ""
            if re.fullmatch(r"(it'?s |this is )?(free|no charge|free of charge)\.?", fees,
                            re.IGNORECASE):
                return Cost(0.0, notes=fees)
            return None
        amounts = sorted({amount for amount, _ in priced})
        # The highest price is the one everyone can count on; lower ones are concessions.
        return Cost(amounts[-1], concessions=len(amounts) > 1, notes=notes[:MAX_TEXT_CHARS])

    def _amount(self, option: dict[str, Any]) -> float | None:
        amount = _number(option.get("amount"))
        if amount is not None and amount >= 0:
            return amount
        words = " ".join(str(option.get(k) or "") for k in ("option", "amount_description"))
        return 0.0 if re.search(r"\bfree\b", words, re.IGNORECASE) else None

    def _option_text(self, option: dict[str, Any]) -> str:
        parts = [self.text(option, k, limit=1000) for k in ("option", "amount_description")]
        amount = _number(option.get("amount"))
        label = " ".join(p for p in parts if p)
        return f"{label}: £{amount:.2f}" if amount is not None and label else label

    def _ages(self) -> tuple[int | None, int | None]:
        sources = [self.d, *_dicts(self.d.get("eligibilitys"))]
        low = next((v for s in sources if (v := self._age(s, "minimum_age")) is not None), None)
        high = next((v for s in sources if (v := self._age(s, "maximum_age")) is not None),
                    None)
        if low is not None and high is not None and low > high:
            self.cautions.append(f"minimum age {low} is above maximum age {high}; both left out")
            return None, None
        return low, high

    def _age(self, source: dict[str, Any], key: str) -> int | None:
        value = _number(source.get(key))
        if value is None or value == -1:  # -1 is how several feeds say "no limit"
            return None
        if not value.is_integer() or not 0 <= value <= 130:
            self.cautions.append(f"{key} {quote(source.get(key))} is not an age; left out")
            return None
        return int(value)

    def _gender(self) -> Gender:
        texts = [str(e.get("eligibility") or "") for e in _dicts(self.d.get("eligibilitys"))]
        texts.append(str(self.d.get("eligibility_description") or "")[:2000])
        joined = " ".join(texts)
        women, men = bool(_WOMEN.search(joined)), bool(_MEN.search(joined))
        if women != men and re.search(r"\bonly\b|^\s*(women|men|female|male)\s*$", joined,
                                      re.IGNORECASE):
            return Gender.WOMEN if women else Gender.MEN
        return Gender.ANY

    def _languages(self) -> tuple[str, ...]:
        codes: list[str] = []
        for item in _dicts(self.d.get("languages")):
            raw = next((item[k] for k in ("code", "language", "name")
                        if isinstance(item.get(k), str) and item[k].strip()), None)
            if raw is None:
                continue
            code = language_code(raw[:100])
            if code is None:
                self.cautions.append(f"language {quote(raw)} is not one we know; left out")
            else:
                codes.append(code)
        return tuple(dict.fromkeys(codes)) or ("en",)

    def _booking(self) -> Booking | None:
        access = str(self.d.get("attending_access") or "").casefold()  # ORUK 1.0
        return {"drop-in": Booking.DROP_IN, "referral": Booking.REFERRAL,
                "appointment": Booking.BOOK_AHEAD,
                "membership": Booking.BOOK_AHEAD}.get(access)

    def _contact(self) -> Contact:
        d = self.d
        org = _dict(d.get("organization"))
        contacts = _dicts(d.get("contacts"))
        if self.ours:
            phones = [p for c in contacts for p in _dicts(c.get("phones"))]
            phone = self.text(phones[0], "number", limit=100) if phones else None
            email = self.text(d, "email", limit=320, raw=True)
            website = self.text(d, "url", limit=2000, raw=True)
        else:
            holders = [d, *contacts, *self._locations(), *_dicts(d.get("service_at_locations"))]
            numbers = (self.text(p, "number", limit=100)
                       for h in holders for p in _dicts(h.get("phones")))
            phone = next((n.strip('"') for n in numbers if n and n.strip('"')), None)
            emails = (self.text(h, "email", limit=320, raw=True) for h in (d, org, *contacts))
            email = next((e for e in emails if e and "@" in e
                          and not e.casefold().endswith(".invalid")), None)
            sites = (self.text(h, k, limit=2000, raw=True) for h, k in
                     ((d, "url"), (org, "website"), (org, "url")))
            website = next((w for w in sites if w), None)
        return Contact(
            phone=self.attr("contact.phone") if "contact.phone" in self.attrs else phone,
            email=self.attr("contact.email") if "contact.email" in self.attrs else email,
            website=self.attr("contact.website") if "contact.website" in self.attrs
            else website,
        )

    def _date(self, value: Any, key: str) -> dt.date | None:
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            self.cautions.append(f"{key} {quote(value)} is not a date; left out")
            return None

    def _status(self) -> Status:
        raw = self.d.get("status")
        if raw is None:
            return Status.ACTIVE
        status = _STATUS_IN.get(str(raw).strip().casefold())
        if status is None:
            self.cautions.append(f"status {quote(raw)} is not an ORUK status; taken as active")
            return Status.ACTIVE
        return status


def _our_attributes(data: dict[str, Any]) -> dict[str, list[str]]:
    """Our own `key=value` attributes, in order; values are cleaned like any feed text."""
    found: dict[str, list[str]] = {}
    for attribute in _dicts(data.get("attributes")):
        term = _dict(attribute.get("taxonomy_term"))
        value = term.get("term")
        if term.get("taxonomy") == NAMESPACE and isinstance(value, str) and "=" in value:
            key, _, rest = clean_text(value).partition("=")
            if len(rest) <= MAX_TEXT_CHARS:  # longer is no value of ours: ignore it
                found.setdefault(key, []).append(rest)
    return found


# Writing --------------------------------------------------------------------------------------


def directory_to_oruk(activities: Iterable[Activity]) -> dict[str, Any]:
    """A `/services` page holding every activity as a full ORUK 3.0 service record."""
    contents = [activity_to_service(a) for a in activities]
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join(parts)))


def activity_to_service(a: Activity) -> dict[str, Any]:
    sid = _uuid("service", a.id)
    attributes: list[tuple[str, str, str]] = [("id", a.id, "Navigator id")]
    attributes += [("category", c, category_label(c)) for c in a.categories]
    attributes += [("keyword", k, k) for k in a.keywords]
    extras = {"delivery": a.delivery.value, "gender": a.gender.value,
              "booking": a.booking and a.booking.value,
              "group_size": a.group_size and a.group_size.value}
    flags = {"mental_health_specific": a.mental_health_specific or None,
             "peer_led": a.peer_led or None,
             "welcome.bring_someone": a.welcome.bring_someone,
             "welcome.beginners": a.welcome.beginners,
             "welcome.meet_at_door": a.welcome.meet_at_door,
             "cost.concessions": (a.cost and a.cost.concessions) or None,
             "cost.free_taster": (a.cost and a.cost.free_taster) or None}
    extras |= {k: None if v is None else str(v).lower() for k, v in flags.items()}
    service: dict[str, Any] = {"id": sid, "name": protect_text(a.name),
                               "description": protect_text(a.description),
                               "status": _STATUS_OUT[a.status]}
    if a.organisation is not None:
        oid = _uuid("organisation", a.organisation)
        service["organization_id"] = oid
        service["organization"] = {"id": oid, "name": protect_text(a.organisation),
                                   "description": ""}
    for key, value in (("email", a.contact.email), ("url", a.contact.website)):
        if value is not None and _fits_standard(key, value):
            service[key] = value
        elif value is not None:
            extras[f"contact.{'email' if key == 'email' else 'website'}"] = value
    if a.age_min is not None:
        service["minimum_age"] = a.age_min
    if a.age_max is not None:
        service["maximum_age"] = a.age_max
    if a.last_verified is not None:
        service["assured_date"] = a.last_verified.isoformat()
    if a.sessions:
        service["schedules"] = [session_to_schedule(s, _uuid("schedule", a.id, str(i)), sid)
                                for i, s in enumerate(a.sessions)]
    if a.venue is not None:
        service["service_at_locations"] = [_location(a, sid, attributes)]
    service["languages"] = [{"id": _uuid("language", a.id, code), "service_id": sid,
                             "code": code, "name": LANGUAGE_NAMES.get(code, code)}
                            for code in a.languages]
    if a.cost is not None:
        option: dict[str, Any] = {"id": _uuid("cost", a.id), "service_id": sid,
                                  "option": "Per session",
                                  "amount_description": protect_text(a.cost.notes)}
        if a.cost.per_session_gbp is not None:
            option["amount"] = a.cost.per_session_gbp
        service["cost_options"] = [option]
    if a.contact.phone is not None:
        service["contacts"] = [{"id": _uuid("contact", a.id), "service_id": sid,
                                "phones": [{"id": _uuid("phone", a.id),
                                            "number": protect_text(a.contact.phone)}]}]
    attributes += [(k, v, f"{k}: {v}") for k, v in extras.items() if v is not None]
    service["attributes"] = [_attribute(sid, i, *item) for i, item in enumerate(attributes)]
    return service


def _fits_standard(key: str, value: str) -> bool:
    """Whether an email or web address is well-formed enough for the ORUK field."""
    if key == "email":
        return re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", value) is not None
    return re.fullmatch(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", value) is not None


def _location(a: Activity, sid: str, attributes: list[tuple[str, str, str]]) -> dict[str, Any]:
    venue = a.venue or Venue()
    lid = _uuid("location", a.id)
    location: dict[str, Any] = {"id": lid, "location_type": "physical"}
    if venue.name is not None:
        location["name"] = protect_text(venue.name)
    if venue.lat is not None and venue.lon is not None:
        location["latitude"], location["longitude"] = venue.lat, venue.lon
    if venue.transport_note is not None:
        location["transportation"] = protect_text(venue.transport_note)
    if venue.address is not None or venue.postcode is not None:
        first, city = venue.address or "", ""
        head, sep, tail = first.rpartition(", ")
        if sep and head and tail:
            first, city = head, tail
        if venue.address is None:
            attributes.append(("none", "venue.address", "No address"))
        location["addresses"] = [{"id": _uuid("address", a.id), "location_id": lid,
                                  "address_1": protect_text(first), "city": protect_text(city),
                                  "state_province": "", "postal_code": venue.postcode or "",
                                  "country": "GB", "address_type": "physical"}]
    if venue.step_free is not None:
        location["accessibility"] = [{
            "id": _uuid("accessibility", a.id), "location_id": lid,
            "description": "Step-free access" if venue.step_free else "No step-free access"}]
    return {"id": _uuid("service_at_location", a.id), "service_id": sid, "location_id": lid,
            "location": location}


def _attribute(sid: str, index: int, key: str, value: str, label: str) -> dict[str, Any]:
    term = f"{key}={value}"
    term_id = _uuid("term", term)
    return {"id": _uuid("attribute", sid, str(index)), "link_id": sid,
            "taxonomy_term_id": term_id, "link_type": "navigator",
            "taxonomy_term": {"id": term_id, "name": protect_text(label),
                              "description": f"Navigator directory field {key}",
                              "taxonomy": NAMESPACE, "taxonomy_id": _uuid("taxonomy"),
                              "term": protect_text(term)}}


# Schedules (RFC 5545 RRULE fields) ------------------------------------------------------------


def sessions_from_schedule(s: dict[str, Any], *, exact: bool = False
                           ) -> tuple[list[Session], str | None]:
    """The sessions one ORUK schedule describes, or none and the reason why not.

    `exact` (our own export) keeps `dtstart` on every session; for outside feeds only a
    fortnightly rhythm needs an anchor date, taken from `dtstart` or `valid_from`.
    """
    start, end = _time(s.get("opens_at")), _time(s.get("closes_at"))
    if start is None or end is None:
        missing = "opens_at" if start is None else "closes_at"
        value = s.get(missing)
        return [], (f"no {missing}" if value in (None, "") else
                    f"{missing} {quote(value)} is not a time")
    if end <= start:
        return [], f"closes at {end:%H:%M}, not after it opens at {start:%H:%M}"
    freq = str(s.get("freq") or "").strip().upper()
    interval = _number(s.get("interval"))
    interval = 1 if interval is None else interval
    days, problem = _days(s, daily=freq == "DAILY")
    if problem:
        return [], problem
    if not freq:
        freq = "MONTHLY" if any(week is not None for week, _ in days) else "WEEKLY"
    if freq in ("WEEKLY", "DAILY") and interval in (1, 2):
        frequency = Frequency.WEEKLY if interval == 1 else Frequency.FORTNIGHTLY
        days = [(None, day) for _, day in days]
    elif freq == "MONTHLY" and interval == 1:
        frequency = Frequency.MONTHLY
        if any(week not in (None, 1, 2, 3, 4, -1) for week, _ in days):
            return [], f"byday {quote(s.get('byday'))} names a week we cannot show"
    else:
        return [], f"freq {quote(s.get('freq'))} with interval {interval:g} cannot be shown"
    anchor = _iso_date(s.get("dtstart"))
    if not exact and frequency is not Frequency.FORTNIGHTLY:
        anchor = None
    elif anchor is None and not exact:
        anchor = _iso_date(s.get("valid_from"))
    return [Session(day, start, end, frequency, week, anchor) for week, day in days], None


def _days(s: dict[str, Any], *, daily: bool) -> tuple[list[tuple[int | None, Day]], str | None]:
    byday = s.get("byday")
    if isinstance(byday, str) and byday.strip():
        days = []
        for token in byday.upper().replace(" ", "").split(","):
            match = re.fullmatch(r"([+-]?[0-9])?(MO|TU|WE|TH|FR|SA|SU)", token)
            if match is None:
                return [], f"byday {quote(byday)} is not a list of days such as MO,WE"
            week = int(match.group(1)) if match.group(1) else None
            days.append((week, _RRULE_DAYS[match.group(2)]))
        return days, None
    weekday = s.get("weekday")  # ORUK 1.0
    if isinstance(weekday, str) and weekday.strip().casefold() in _DAY_NAMES:
        return [(None, _DAY_NAMES[weekday.strip().casefold()])], None
    if daily:
        return [(None, day) for day in Day], None
    if s.get("bymonthday") not in (None, ""):
        return [], f"bymonthday {quote(s.get('bymonthday'))} (a date, not a weekday) " \
                   "cannot be shown"
    return [], "no day of the week"


def _time(value: Any) -> dt.time | None:
    match = _TIME.match(value) if isinstance(value, str) else None
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None


def _iso_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def session_to_schedule(s: Session, schedule_id: str, service_id: str) -> dict[str, Any]:
    code = _DAY_CODES[s.day]
    out: dict[str, Any] = {
        "id": schedule_id, "service_id": service_id,
        "freq": "MONTHLY" if s.frequency is Frequency.MONTHLY else "WEEKLY",
        "interval": 2 if s.frequency is Frequency.FORTNIGHTLY else 1,
        "byday": f"{s.week_of_month}{code}" if s.week_of_month is not None else code,
        "opens_at": f"{s.start:%H:%M}", "closes_at": f"{s.end:%H:%M}",
        "description": f"{_rhythm(s)}, {s.start:%H:%M} to {s.end:%H:%M}",
    }
    if s.starts_on is not None:
        out["dtstart"] = s.starts_on.isoformat()
    return out


def _rhythm(s: Session) -> str:
    if s.frequency is Frequency.FORTNIGHTLY:
        return f"Every other {s.day.label}"
    if s.frequency is Frequency.MONTHLY:
        names = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}
        if s.week_of_month in names:
            return f"{names[s.week_of_month]} {s.day.label} of the month"
        return f"One {s.day.label} a month"
    return f"Every {s.day.label}"
