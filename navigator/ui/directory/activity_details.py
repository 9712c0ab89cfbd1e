"""The detail pane: every fact about one activity, in plain language.

Directory text comes from outside (councils' feeds, other people's typing), so every piece is
escaped; nothing in it is ever interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from navigator.domain.directory import Activity, Delivery
from navigator.domain.people import ActivityFlag, Uptake
from navigator.domain.taxonomy import category_label
from navigator.domain.wording import (
    day_month_year,
    describe_booking,
    describe_cost,
    describe_delivery,
    describe_flag,
    describe_group_size,
    describe_languages,
    describe_session,
    describe_status,
    describe_step_free,
    describe_uptake,
    describe_who,
)


def activity_facts(activity: Activity) -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs: the content of the pane, as plain text."""
    facts: list[tuple[str, list[str]]] = [
        ("What", [", ".join(category_label(c) for c in activity.categories)]),
        (
            "When",
            [describe_session(s) for s in activity.sessions]
            or ["No fixed times: contact them to arrange"],
        ),
    ]
    if activity.delivery is Delivery.IN_PERSON:
        venue = activity.venue
        if venue is None:
            facts.append(("Where", ["Place not given"]))
        else:
            lines = [part for part in (venue.name, venue.address, venue.postcode) if part]
            if venue.transport_note:
                lines.append(f"Getting there: {venue.transport_note}")
            lines.append(describe_step_free(venue.step_free))
            facts.append(("Where", lines))
    else:
        facts.append(("Where", [describe_delivery(activity.delivery)]))
    facts.append(("Cost", [describe_cost(activity.cost)]))
    facts.append(("How to join", [describe_booking(activity.booking)]))
    facts.append(("Who can go", [describe_who(activity)]))
    facts.append(("Language", [describe_languages(activity.languages)]))
    group = describe_group_size(activity.group_size)
    if group:
        facts.append(("Group", [group]))
    welcome = []
    if activity.welcome.bring_someone:
        welcome.append("You can bring a friend or worker along")
    if activity.welcome.beginners:
        welcome.append("Beginners welcome, no experience needed")
    if activity.welcome.meet_at_door:
        welcome.append("Someone meets newcomers at the door")
    if welcome:
        facts.append(("First visit", welcome))
    setting = []
    if activity.mental_health_specific:
        setting.append("A group for people with mental health problems")
    if activity.peer_led:
        setting.append("Run by people with lived experience")
    if setting:
        facts.append(("Setting", setting))
    contact = [
        value
        for value in (activity.contact.phone, activity.contact.email, activity.contact.website)
        if value
    ]
    facts.append(("Contact", contact or ["No contact details given"]))
    if activity.keywords:
        facts.append(("Keywords", [", ".join(activity.keywords)]))
    verified = activity.last_verified
    checked = day_month_year(verified) if verified else "Never checked"
    facts.append(("Last checked", [checked]))
    facts.append(("Status", [describe_status(activity.status)]))
    return facts


def activity_html(activity: Activity) -> str:
    parts = [f"<h2>{escape(activity.name)}</h2>"]
    if activity.organisation:
        parts.append(f"<p><i>Run by {escape(activity.organisation)}</i></p>")
    if activity.description:
        parts.append(f"<p>{escape(activity.description)}</p>")
    parts.append('<table cellspacing="0" cellpadding="4">')
    for heading, lines in activity_facts(activity):
        body = "<br>".join(escape(line) for line in lines)
        parts.append(f'<tr><td valign="top"><b>{escape(heading)}</b></td><td>{body}</td></tr>')
    parts.append("</table>")
    return "".join(parts)


class ActivityDetails(QTextBrowser):
    """Read-only, selectable and reachable by keyboard (Tab), so a screen reader can read it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Activity details")
        self.setOpenLinks(False)
        self._flags: dict[str, list[str]] = {}
        self._uptake: dict[str, str] = {}
        self.show_activity(None)

    def set_uptake(self, uptake: Sequence[Uptake]) -> None:
        """How follow-ups went for each activity (counts only), shown to prescribers."""
        self._uptake = {u.activity_id: describe_uptake(u) for u in uptake if u.planned}

    def set_flags(self, flags: dict[str, list[ActivityFlag]]) -> None:
        self._flags = {key: [describe_flag(f) for f in value] for key, value in flags.items()}

    def show_activity(self, activity: Activity | None) -> None:
        if activity is None:
            self.setHtml("<p>Choose an activity in the list to see everything about it.</p>")
            return
        warnings = "".join(
            f'<p style="color:#8a4b00"><b>Check this entry:</b> {escape(text)}.</p>'
            for text in self._flags.get(activity.id, [])
        )
        uptake = self._uptake.get(activity.id)
        footer = f"<p><b>Follow-ups so far:</b> {escape(uptake)}.</p>" if uptake else ""
        self.setHtml(warnings + activity_html(activity) + footer)
