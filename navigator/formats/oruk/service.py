"""One ORUK service record read into an activity: `ServiceReader` puts together the parts
(places, times, money, who may come) and reads the rest (name, id, categories, contact,
status), then has `apply_guesses` guess what the feed did not state."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from navigator.domain.directory import (
    Activity,
    Booking,
    Contact,
    Delivery,
    Gender,
    GroupSize,
    Source,
    Status,
    Welcome,
)
from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.formats.guessing import apply_guesses
from navigator.formats.oruk.costs import MoneyReading
from navigator.formats.oruk.ours import read_our_service
from navigator.formats.oruk.places import PlacesReading
from navigator.formats.oruk.record import (
    ID_PREFIX,
    MAX_ID_CHARS,
    NAMESPACE,
    STATUS_IN,
    Rejected,
    dict_of,
    dicts_of,
)
from navigator.formats.oruk.times import TimesReading
from navigator.formats.oruk.who_may_come import WhoMayComeReading
from navigator.formats.reading import MAX_TEXT_CHARS, quote, text_fault
from navigator.formats.taxonomy_mapping import FALLBACK_CATEGORY, map_terms


class ServiceReader(PlacesReading, TimesReading, MoneyReading, WhoMayComeReading):
    """One service record, read into an activity.

    `cautions` say what was left out or guessed; `left_out` names the fields whose value
    could not be kept; `stated` names the FORMATS.md fields the feed itself gave, so
    `apply_guesses` guesses only the rest.
    """

    def read(self) -> Activity:
        if self.ours and (activity := read_our_service(self.d, self.attrs)) is not None:
            return activity  # our own record, read straight (`ours`)
        d = self.d
        name = self.text(d, "name", limit=500)
        if name is None or not name.strip():
            raise Rejected("no name")
        source_id = None if self.ours else self._source_id()
        activity_id = self.attr("id") if self.ours else ID_PREFIX + (source_id or "")
        if not activity_id or len(activity_id) > MAX_ID_CHARS:
            raise Rejected(f"id {quote(activity_id)} is empty or longer than {MAX_ID_CHARS}")
        description = self.text(d, "description", limit=MAX_TEXT_CHARS) or ""
        categories, keywords = self._categories()
        age_min, age_max = self._ages()
        venues = self._venues()
        if self.ours and "venue" in self.attrs.get("none", ()):
            venue, more_venues = None, tuple(venues)
        else:
            venue, more_venues = (venues[0] if venues else None), tuple(venues[1:])
        sessions = self._sessions()
        activity = Activity(
            id=activity_id,
            name=name,
            categories=categories,
            organisation=self._organisation(),
            description=description,
            keywords=keywords,
            delivery=self.choice("delivery", Delivery) or self._delivery(),
            venue=venue,
            sessions=sessions,
            cost=self._cost(),
            mental_health_specific=bool(self.flag("mental_health_specific")),
            peer_led=bool(self.flag("peer_led")),
            gender=self.choice("gender", Gender) or self._gender(),
            age_min=age_min,
            age_max=age_max,
            languages=self._languages(),
            booking=self.choice("booking", Booking) or self._booking(),
            group_size=self.choice("group_size", GroupSize),
            welcome=Welcome(
                self.flag("welcome.bring_someone"),
                self.flag("welcome.beginners"),
                self.flag("welcome.meet_at_door"),
            ),
            contact=self._contact(),
            last_verified=self._date(d.get("assured_date"), "assured_date"),
            status=self._status(),
            more_venues=more_venues,
            for_learners_of=tuple(self.attrs.get("for_learners_of", ())),
            with_child=bool(self.flag("with_child")),
            guessed=tuple(self.attrs.get("guessed", ())),
            source=self._source(source_id),
        )
        if self.ours:  # our own export states every field; nothing to guess
            return activity
        self._check_monthly_words(description, sessions)
        self._note_unkept()
        if any(v.step_free is not None for v in activity.venues):
            # Read from the feed's accessibility words, not a yes/no field: a guess to confirm.
            self.stated.add("venue.step_free")
            activity = replace(activity, guessed=(*activity.guessed, "venue.step_free"))
        if self.position_guessed:
            activity = replace(activity, guessed=(*activity.guessed, "venue.position"))
        activity, notes = apply_guesses(
            activity, stated=frozenset(self.stated), extra_texts=self._who_for()
        )
        self.cautions.extend(notes)
        return activity

    def _source_id(self) -> str:
        value = self.d.get("id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise Rejected(
                "no id, so a later import could not update it"
                if value is None
                else f"id {quote(value)} is not text or a whole number"
            )
        text = str(value).strip()
        if not text:
            raise Rejected("no id, so a later import could not update it")
        if (fault := text_fault(text)) is not None:  # an id is a key: never altered
            raise Rejected(f"id {fault}")
        return text

    def _source(self, source_id: str | None) -> Source | None:
        if not self.ours:
            return Source(feed=None, external_id=source_id)
        if "source.feed" not in self.attrs and "source.external_id" not in self.attrs:
            return None
        return Source(feed=self.attr("source.feed"), external_id=self.attr("source.external_id"))

    def _organisation(self) -> str | None:
        for key in ("organization", "organisation"):  # Outpost spells it the British way
            value = self.d.get(key)
            if isinstance(value, str) and not self.ours:
                value = {"name": value}
            found = self.text(dict_of(value), "name", limit=500, where=f"{key}.")
            if found is not None:
                return found
        return None

    def _categories(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self.ours and "category" in self.attrs:
            chosen = [c for c in self.attrs["category"] if c in CATEGORY_IDS]
            if chosen:
                return tuple(dict.fromkeys(chosen)), tuple(self.attrs.get("keyword", ()))
        categories, unmapped = map_terms(self._terms())
        if self.ours:
            keywords = list(self.attrs.get("keyword", ()))
        else:
            # Who a service suits, in the feed's own words, helps matching as keywords.
            keywords = [
                *unmapped,
                *self._audiences(),
                *self.names("suitabilities"),
                *self.names("send_needs"),
            ]
        if categories:
            self.stated.add("categories")
        else:
            categories = (FALLBACK_CATEGORY,)  # replaced by apply_guesses for outside feeds
        return categories, tuple(dict.fromkeys(k for k in keywords if k))

    def _terms(self) -> list[tuple[str, str]]:
        """(term, vocabulary) of every outside taxonomy term on the service."""
        found = []
        for attribute in dicts_of(self.d.get("attributes")):
            term = dict_of(attribute.get("taxonomy_term"))
            if term.get("taxonomy") != NAMESPACE:
                found.append((term, str(term.get("taxonomy") or term.get("term_uri") or "")))
        for link in dicts_of(self.d.get("service_taxonomys")):  # ORUK 1.0
            term = dict_of(link.get("taxonomy"))
            found.append((term, str(term.get("vocabulary") or "")))
        found.extend(
            (t, str(t.get("taxonomy") or t.get("vocabulary") or ""))
            for key in ("taxonomy_terms", "taxonomies")  # "taxonomies": Outpost
            for t in dicts_of(self.d.get(key))
        )
        out = []
        for term, vocabulary in found:
            label = self.text(term, "name", limit=500) or self.text(term, "term", limit=500)
            if label:
                out.append((label, vocabulary))
        return out

    def _audiences(self) -> list[str]:
        # Bristol's Open Place Directory extension: who the service is for.
        return [
            a
            for a in (
                self.text(item, "audienceType", limit=200)
                for item in dicts_of(self.d.get("pc_targetAudience"))
            )
            if a
        ]

    def _who_for(self) -> list[str]:
        """Words from the record that say who it is for, for guessing (never kept as text:
        the directory has no field for them)."""
        texts = [
            *self._eligibility_texts(),
            *self._audiences(),
            *self.names("suitabilities"),
            *self.names("send_needs"),
        ]
        return [t for t in texts if t]

    def _eligibility_texts(self) -> list[str]:
        if self._eligibility is None:
            self._eligibility = self._read_eligibility()
        return self._eligibility

    def _read_eligibility(self) -> list[str]:
        d = self.d
        texts = [
            self.text(e, "eligibility", limit=MAX_TEXT_CHARS)
            for e in dicts_of(d.get("eligibilitys")) + dicts_of(d.get("eligibility"))
        ]
        for key in ("eligibility_description", "eligibility"):
            if isinstance(d.get(key), str):
                texts.append(self.text(d, key, limit=MAX_TEXT_CHARS))
        return [t for t in texts if t]

    def _note_unkept(self) -> None:
        """Fields whose words the directory has no place for, counted for the report."""
        if self._eligibility_texts():
            self.left_out.add("eligibility")
        for key in (
            "service_areas",
            "holiday_schedules",
            "required_documents",
            "fundings",
            "funding",
        ):
            if dicts_of(self.d.get(key)):
                self.left_out.add(key)

    def _delivery(self) -> Delivery:
        attending = str(self.d.get("attending_type") or "").casefold()  # ORUK 1.0
        if attending in ("online", "phone"):
            return Delivery(attending)
        kinds = {str(loc.get("location_type") or "physical") for loc in self._locations()}
        return Delivery.ONLINE if kinds == {"virtual"} else Delivery.IN_PERSON

    def _contact(self) -> Contact:
        d = self.d
        org = dict_of(d.get("organization")) or dict_of(d.get("organisation"))
        contacts = dicts_of(d.get("contacts"))
        if self.ours:
            phones = [p for c in contacts for p in dicts_of(c.get("phones"))]
            phone = self.text(phones[0], "number", limit=100) if phones else None
            email = self.text(d, "email", limit=320, raw=True)
            website = self.text(d, "url", limit=2000, raw=True)
        else:
            holders = [d, *contacts, *self._locations(), *dicts_of(d.get("service_at_locations"))]
            numbers = [(p, "number") for h in holders for p in dicts_of(h.get("phones"))]
            numbers += [(c, "phone") for c in contacts]  # ORUK 1.0 / Outpost: a plain string
            found = (self.text(h, k, limit=100) for h, k in numbers)
            phone = next((n.strip('"') for n in found if n and n.strip('"')), None)
            emails = [
                e
                for e in (self.text(h, "email", limit=320, raw=True) for h in (d, org, *contacts))
                if e
            ]
            email = next(
                (e for e in emails if "@" in e and not e.casefold().endswith(".invalid")), None
            )
            if email is None and any(not e.casefold().endswith(".invalid") for e in emails):
                self.cautions.append(f"email {quote(emails[0])} is not an email address; left out")
                self.left_out.add("email")
            sites = (
                self.text(h, k, limit=2000, raw=True)
                for h, k in ((d, "url"), (org, "website"), (org, "url"))
            )
            website = next((w for w in sites if w), None)
        return Contact(
            phone=self.attr("contact.phone") if "contact.phone" in self.attrs else phone,
            email=self.attr("contact.email") if "contact.email" in self.attrs else email,
            website=self.attr("contact.website") if "contact.website" in self.attrs else website,
        )

    def _date(self, value: Any, key: str) -> dt.date | None:
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            self.cautions.append(f"{key} {quote(value)} is not a date; left out")
            self.left_out.add(key)
            return None

    def _status(self) -> Status:
        raw = self.d.get("status")
        if raw is None:
            return Status.ACTIVE
        status = STATUS_IN.get(str(raw).strip().casefold())
        if status is None:
            self.cautions.append(f"status {quote(raw)} is not an ORUK status; taken as active")
            return Status.ACTIVE
        return status
