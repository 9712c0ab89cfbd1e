"""The fields of the activity editor, grouped into sections, one control per activity field.

`data()` reads the controls into the native file's activity shape (FORMATS.md §1) for
`navigator.services.editing.check_form`; `set_activity()` fills them. Problems and warnings
appear under their field (see `NotedForm`); a session's go to the session editor. The
controls themselves are built in `ActivityFormControls` (activity_form_controls.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QWidget,
)

from navigator.domain.directory import (
    Activity,
    Delivery,
)
from navigator.domain.json_shapes import session_to_json
from navigator.services.editing import (
    FieldNote,
    carry_over,
    field_of,
    languages_from_text,
    languages_to_text,
)
from navigator.ui.directory.activity_form_controls import (
    LOCATE_UNAVAILABLE,
    NEVER,
    NO_AGE,
    ActivityFormControls,
)
from navigator.ui.directory.noted_form import (
    PROBLEM_COLOUR,
    WARNING_COLOUR,
    choose,
    number_or_text,
    set_text,
    text_or_none,
)


class ActivityForm(ActivityFormControls):
    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._id: str | None = None
        self._original: Activity | None = None  # as opened: keeps what the form cannot show
        self._category_order: list[str] = []
        self._connect_signals()
        self.set_activity(None)

    def _connect_signals(self) -> None:
        self.amount.valueChanged.connect(lambda *_a: self.touch("cost.per_session_gbp"))
        self.sessions.changed.connect(lambda: self.touch("sessions"))
        self._category_model.itemChanged.connect(lambda *_a: self.touch("categories"))
        self.delivery.currentIndexChanged.connect(self._update_enabled)
        self.cost_kind.currentIndexChanged.connect(self._update_enabled)
        self.last_verified.dateChanged.connect(self._update_checked_age)
        self.checked_today.clicked.connect(self.mark_checked_today)
        # A position found for the old postcode, or typed over, no longer has that note.
        for line in (self.postcode, self.lat, self.lon):
            line.textEdited.connect(lambda *_a: self.show_position_note(""))

    # Reading and filling ------------------------------------------------------------------

    def set_activity(self, activity: Activity | None) -> None:
        a = activity or Activity(id="", name="", categories=())
        venue, cost = a.venue, a.cost
        price = None if cost is None else cost.per_session_gbp
        texts = {
            self.id_box: a.id,
            self.name: a.name,
            self.organisation: a.organisation,
            self.keywords: ", ".join(a.keywords),
            self.languages: languages_to_text(a.languages),
            self.phone: a.contact.phone,
            self.email: a.contact.email,
            self.website: a.contact.website,
            self.venue_name: venue and venue.name,
            self.address: venue and venue.address,
            self.postcode: venue and venue.postcode,
            self.lat: venue and venue.lat is not None and repr(venue.lat),
            self.lon: venue and venue.lon is not None and repr(venue.lon),
            self.transport: venue and venue.transport_note,
            self.cost_notes: cost and cost.notes,
        }
        choices = {
            self.delivery: a.delivery.value,
            self.step_free: venue and venue.step_free,
            self.cost_kind: "unknown" if price is None else "free" if price == 0 else "amount",
            self.booking: a.booking and a.booking.value,
            self.group_size: a.group_size and a.group_size.value,
            self.gender: a.gender.value,
            self.bring_someone: a.welcome.bring_someone,
            self.beginners: a.welcome.beginners,
            self.meet_at_door: a.welcome.meet_at_door,
            self.status: a.status.value,
        }
        self._filling = True
        try:
            self._id = activity.id if activity else None
            self._original = activity
            for line, text in texts.items():
                set_text(line, text or "")
            for combo, value in choices.items():
                choose(combo, value)
            self.description.setPlainText(a.description)
            self._category_order = list(a.categories)
            for row in range(self._category_model.rowCount()):
                item = self._category_model.item(row)
                ticked = item.data(Qt.ItemDataRole.UserRole) in a.categories
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.sessions.set_sessions(a.sessions)
            self.amount.setValue(price or 0)
            self.concessions.setChecked(bool(cost and cost.concessions))
            self.free_taster.setChecked(bool(cost and cost.free_taster))
            self.age_min.setValue(NO_AGE if a.age_min is None else a.age_min)
            self.age_max.setValue(NO_AGE if a.age_max is None else a.age_max)
            self.mental_health.setChecked(a.mental_health_specific)
            self.peer_led.setChecked(a.peer_led)
            day = a.last_verified
            self.last_verified.setDate(QDate(day.year, day.month, day.day) if day else NEVER)
        finally:
            self._filling = False
        self.forget_touches()
        self.show_position_note("")
        self._update_enabled()
        self._update_checked_age()
        self.show_notes(())

    def data(self) -> dict[str, Any]:
        """The form as an activity in the native file's shape, for `check_form`."""
        in_person = self.delivery.currentData() == Delivery.IN_PERSON.value
        venue = {
            "name": text_or_none(self.venue_name),
            "address": text_or_none(self.address),
            "postcode": text_or_none(self.postcode),
            "lat": number_or_text(self.lat),
            "lon": number_or_text(self.lon),
            "step_free": self.step_free.currentData(),
            "transport_note": text_or_none(self.transport),
        }
        kind = self.cost_kind.currentData()
        cost = {
            "per_session_gbp": {"free": 0, "amount": self.amount.value()}.get(kind),
            "concessions": self.concessions.isChecked(),
            "free_taster": self.free_taster.isChecked(),
            "notes": self.cost_notes.text().strip(),
        }
        cost_known = (
            kind != "unknown" or cost["concessions"] or cost["free_taster"] or cost["notes"]
        )
        day = self.last_verified.date()
        return carry_over(
            self._original,
            {
                "id": self._id or "act-new",
                "name": self.name.text().strip(),
                "organisation": text_or_none(self.organisation),
                "description": self.description.toPlainText().strip(),
                "categories": self._ticked_categories(),
                "keywords": [k.strip() for k in self.keywords.text().split(",") if k.strip()],
                "delivery": self.delivery.currentData(),
                "venue": venue
                if in_person and any(v is not None for v in venue.values())
                else None,
                "sessions": [session_to_json(s) for s in self.sessions.sessions()],
                "cost": cost if cost_known else None,
                "mental_health_specific": self.mental_health.isChecked(),
                "peer_led": self.peer_led.isChecked(),
                "gender": self.gender.currentData(),
                "age_min": None if self.age_min.value() == NO_AGE else self.age_min.value(),
                "age_max": None if self.age_max.value() == NO_AGE else self.age_max.value(),
                "languages": languages_from_text(self.languages.text()),
                "booking": self.booking.currentData(),
                "group_size": self.group_size.currentData(),
                "welcome": {
                    "bring_someone": self.bring_someone.currentData(),
                    "beginners": self.beginners.currentData(),
                    "meet_at_door": self.meet_at_door.currentData(),
                },
                "contact": {
                    "phone": text_or_none(self.phone),
                    "email": text_or_none(self.email),
                    "website": text_or_none(self.website),
                },
                "last_verified": None if day == NEVER else day.toPython().isoformat(),
                "status": self.status.currentData(),
            },
        )

    def _ticked_categories(self) -> list[str]:
        """Ticked ids, keeping the activity's own order and adding new ones after it."""
        ticked = [
            self._category_model.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self._category_model.rowCount())
            if self._category_model.item(row).checkState() == Qt.CheckState.Checked
        ]
        return [c for c in self._category_order if c in ticked] + [
            c for c in ticked if c not in self._category_order
        ]

    # Sessions' notes go to the session editor ---------------------------------------------

    def show_notes(self, notes: tuple[FieldNote, ...], *, everything: bool = False) -> None:
        super().show_notes(notes, everything=everything)
        sessions: dict[int, dict[str, str]] = {}
        for item in self.shown_notes(notes, everything):
            if item.path.startswith("sessions["):
                row, _, key = item.path[len("sessions[") :].partition("].")
                sessions.setdefault(int(row), {})[key or "end"] = item.message
        self.sessions.show_problems(sessions)

    def control_for(self, path: str) -> QWidget:
        """The control to focus for a problem; a session's row is chosen first."""
        if path.startswith("sessions["):
            row, _, key = path[len("sessions[") :].partition("].")
            return self.sessions.focus_problem(int(row), key)
        return super().control_for(path)

    def order_of(self, path: str) -> int:
        if path.startswith("sessions"):
            return self._chain.index(self.sessions.list)
        return super().order_of(path)

    # Slots --------------------------------------------------------------------------------

    def mark_checked_today(self) -> None:
        today = self._today()
        self.last_verified.setDate(QDate(today.year, today.month, today.day))

    # The map position from the postcode (the editor does the looking up) ---------------

    def set_locating_available(self, available: bool, why_not: str = LOCATE_UNAVAILABLE) -> None:
        """Offer the "Find position from postcode" button, or disable it saying why."""
        self._locate_unavailable = "" if available else why_not
        self.locate_button.setToolTip(
            "Fill the map position from the venue's postcode" if available else why_not
        )
        self._update_enabled()

    def in_person(self) -> bool:
        return self.delivery.currentData() == Delivery.IN_PERSON.value

    def position_is_empty(self) -> bool:
        return not (self.lat.text().strip() or self.lon.text().strip())

    def set_position(self, lat: float, lon: float) -> None:
        """Fill the map position as if the person had typed it (its notes show)."""
        set_text(self.lat, repr(lat))
        set_text(self.lon, repr(lon))
        self.touch(field_of("venue.lat"))

    def show_position_note(self, text: str, kind: str = "info") -> None:
        """A line under the map position: where it came from ("info"), that it is only
        roughly right ("approximate") or why it could not be found ("error")."""
        colour = {"approximate": WARNING_COLOUR, "error": PROBLEM_COLOUR}.get(kind)
        self.position_note.setStyleSheet(f"color: {colour}" if colour else "")
        self.position_note.setText(text)
        self.position_note.setVisible(bool(text))
        self.locate_button.setAccessibleDescription(text)

    def position_note_text(self) -> str:
        return "" if self.position_note.isHidden() else self.position_note.text()

    def _update_enabled(self, *_args: object) -> None:
        in_person = self.in_person()
        for control in self._venue_controls:
            control.setEnabled(in_person)
        self.locate_button.setEnabled(in_person and not self._locate_unavailable)
        kind = self.cost_kind.currentData()
        self.amount.setVisible(kind == "amount")
        self.per_session.setVisible(kind == "amount")
        self.concessions.setEnabled(kind != "free")
        self.free_taster.setEnabled(kind != "free")

    def _update_checked_age(self, *_args: object) -> None:
        day = self.last_verified.date()
        days = 0 if day == NEVER else (self._today() - day.toPython()).days
        self.checked_age.setText(
            ""
            if day == NEVER or days < 0
            else "Checked today"
            if days == 0
            else "Over a year ago: please check it"
            if days > 365
            else f"{days // 30} months ago"
            if days >= 60
            else f"{days} days ago"
        )
