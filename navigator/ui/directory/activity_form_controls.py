"""The controls of the activity editor, one per activity field, in titled sections laid out
in three columns (the Tab order follows them).

`ActivityFormControls` only builds them; `ActivityForm` (activity_form.py) fills them from an
activity, reads them back into the native file's shape, and keeps their notes and states.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import (
    Booking,
    Delivery,
    Gender,
    GroupSize,
    Status,
)
from navigator.domain.taxonomy import CATEGORIES
from navigator.ui.directory.noted_form import (
    NotedForm,
    hbox,
    vbox,
)
from navigator.ui.directory.session_editor import SessionEditor

NEVER = QDate(1900, 1, 1)  # the minimum of the date box, shown as "Never checked"
NO_AGE = -1
DELIVERY = {Delivery.IN_PERSON: "In person", Delivery.ONLINE: "Online", Delivery.PHONE: "By phone"}
GENDER = {Gender.ANY: "Anyone", Gender.WOMEN: "Women only", Gender.MEN: "Men only"}
BOOKING = {
    None: "Not known",
    Booking.DROP_IN: "Drop in, no need to book",
    Booking.BOOK_AHEAD: "Book ahead",
    Booking.REFERRAL: "Needs a referral",
}
GROUP = {
    None: "Not known",
    GroupSize.ONE_TO_ONE: "One-to-one",
    GroupSize.SMALL: "Small (up to about 8)",
    GroupSize.MEDIUM: "Medium",
    GroupSize.LARGE: "Large",
}
STATUS = {
    Status.ACTIVE: "Active: can be suggested",
    Status.PAUSED: "Paused: not suggested for now",
    Status.ARCHIVED: "Archived: no longer running, kept on record",
}
LOCATE_UNAVAILABLE = "Finding a position from the postcode is not available in this window"
TRI_STATE = {None: "Not known", True: "Yes", False: "No"}
COST_KINDS = {"free": "Free", "amount": "Costs money", "unknown": "Not known"}
# Sections in three columns, in the Tab order of their controls.
COLUMNS = (
    (("About the activity", "Contact"), 0),
    (("Where", "When"), 1),
    (("Cost and joining", "Who it is for", "First visit", "Checking and status"), 0),
)


class ActivityFormControls(NotedForm):
    """Every control of the form, named after its field, and the sections holding them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_about()
        self._build_where()
        self._build_joining()
        self._build_checking()
        layout = QHBoxLayout(self)
        for titles, stretch in COLUMNS:
            column = QVBoxLayout()
            for title in titles:
                column.addWidget(self.box(title))
            column.addStretch(1)
            layout.addLayout(column, stretch)
        self.finish()

    # Building -----------------------------------------------------------------------------

    def _line(
        self, form: QFormLayout, text: str, name: str, path: str, placeholder: str = ""
    ) -> QLineEdit:
        line = self.named(QLineEdit(), name)
        line.setPlaceholderText(placeholder)
        return self.row(form, text, line, paths=(path,))

    def _build_about(self) -> None:
        about = self.section("About the activity")
        self.id_box = self.named(QLineEdit(), "ID")
        self.id_box.setReadOnly(True)
        self.id_box.setPlaceholderText("Made from the name when you first save")
        self.row(about, "ID:", self.id_box)
        self.name = self._line(about, "&Name:", "Name", "name")
        self.organisation = self._line(
            about, "&Organisation:", "Organisation", "organisation", "Who runs it"
        )
        self.description = self.named(QPlainTextEdit(), "Description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.row(about, "&Description:", self.description, paths=("description",))
        self.categories = self.named(QListView(), "Categories")
        self._category_model = QStandardItemModel(self)
        for category in CATEGORIES:
            item = QStandardItem(category.label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(category.id, Qt.ItemDataRole.UserRole)
            self._category_model.appendRow(item)
        self.categories.setModel(self._category_model)
        # Two columns of ten, so every ticked category is in sight without scrolling.
        self.categories.setFlow(QListView.Flow.TopToBottom)
        self.categories.setWrapping(True)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cell = QSize(
            max(self.categories.fontMetrics().horizontalAdvance(c.label) for c in CATEGORIES) + 36,
            self.categories.sizeHintForRow(0) + 2,
        )
        self.categories.setGridSize(cell)
        edge = 2 * self.categories.frameWidth() + 6
        self.categories.setFixedSize(2 * cell.width() + edge, 10 * cell.height() + edge)
        self.categories.setToolTip("Space ticks or unticks the highlighted category")
        self.row(about, "&Categories:", self.categories, paths=("categories",))
        self.keywords = self._line(
            about,
            "&Keywords:",
            "Keywords",
            "keywords",
            "Extra words to match on, separated by commas",
        )
        contact = self.section("Contact")
        self.phone = self._line(contact, "Phone:", "Phone", "contact.phone")
        self.email = self._line(contact, "Email:", "Email", "contact.email")
        self.website = self._line(contact, "Website:", "Website", "contact.website")

    def _build_where(self) -> None:
        where = self.section("Where")
        self.delivery = self.row(
            where, "Deli&very:", self.combo("Delivery", DELIVERY), paths=("delivery",)
        )
        self.venue_name = self._line(where, "Venue na&me:", "Venue name", "venue.name")
        self.address = self._line(where, "Address:", "Address", "venue.address")
        self.postcode = self._line(where, "&Postcode:", "Postcode", "venue.postcode", "e.g. N7 6PA")
        self.lat = self.named(QLineEdit(), "Latitude")
        self.lon = self.named(QLineEdit(), "Longitude")
        self.locate_button = self.named(
            QPushButton("Find position from postcode"), "Find position from postcode"
        )
        self.locate_button.setAutoDefault(False)
        self.locate_button.setToolTip(LOCATE_UNAVAILABLE)
        self.position_note = QLabel()
        self.position_note.setWordWrap(True)
        self.position_note.hide()
        position = vbox()
        position.addLayout(hbox(QLabel("lat"), self.lat, QLabel("lon"), self.lon))
        position.addWidget(self.locate_button, 0, Qt.AlignmentFlag.AlignLeft)
        position.addWidget(self.position_note)
        self.row(
            where,
            "Map position:",
            self.lat,
            position,
            paths={"venue.lat": self.lat, "venue.lon": self.lon},
        )
        self.step_free = self.row(
            where,
            "Step-&free access:",
            self.combo("Step-free access", TRI_STATE),
            paths=("venue.step_free",),
        )
        self.transport = self._line(
            where,
            "Getting t&here:",
            "Getting there",
            "venue.transport_note",
            "Buses, stations, the way in",
        )
        self._venue_controls = [
            self.venue_name,
            self.address,
            self.postcode,
            self.lat,
            self.lon,
            self.step_free,
            self.transport,
        ]
        self._locate_unavailable = LOCATE_UNAVAILABLE  # why the button is off; "" when it works
        when = self.section("When")
        self.sessions = SessionEditor()
        self._chain.extend(self.sessions.focus_chain())
        self.row(when, "Sess&ions:", self.sessions.list, self.sessions)

    def _build_joining(self) -> None:
        joining = self.section("Cost and joining")
        self.cost_kind = self.combo("Cost", COST_KINDS)
        self.amount = self.named(QDoubleSpinBox(), "Cost per session in pounds")
        self.amount.setRange(0, 1000)
        self.amount.setPrefix("£")
        self.amount.setSingleStep(0.5)
        self.per_session = QLabel("a session")
        self.row(
            joining,
            "Cos&t:",
            self.cost_kind,
            hbox(self.cost_kind, self.amount, self.per_session, stretch=True),
            paths={"cost.per_session_gbp": self.cost_kind},
        )
        self.concessions = self.named(QCheckBox("Cheaper for some (concessions)"), "Concessions")
        self.free_taster = self.named(QCheckBox("First session free"), "Free taster")
        self.row(
            joining,
            "",
            self.concessions,
            vbox(self.concessions, self.free_taster),
            paths={"cost.concessions": self.concessions, "cost.free_taster": self.free_taster},
        )
        self.cost_notes = self._line(joining, "Cost notes:", "Cost notes", "cost.notes")
        self.booking = self.row(
            joining, "How to &join:", self.combo("How to join", BOOKING), paths=("booking",)
        )
        self.group_size = self.row(
            joining, "Group si&ze:", self.combo("Group size", GROUP), paths=("group_size",)
        )
        who = self.section("Who it is for")
        self.gender = self.row(
            who, "Who can &go:", self.combo("Who can go", GENDER), paths=("gender",)
        )
        self.age_min, self.age_max = self._age("Youngest age"), self._age("Oldest age")
        self.row(
            who,
            "Age &limits:",
            self.age_min,
            hbox(QLabel("from"), self.age_min, QLabel("to"), self.age_max, stretch=True),
            paths={"age_min": self.age_min, "age_max": self.age_max},
        )
        self.languages = self._line(
            who, "Languages:", "Languages", "languages", "e.g. English, Bengali"
        )
        self.mental_health = self.named(
            QCheckBox("Mental-health group or service"), "Mental-health specific"
        )
        self.mental_health.setToolTip(
            "Run for, or only open to, people with mental health "
            "problems, or held in a mental-health service"
        )
        self.peer_led = self.named(QCheckBox("Peer-led (lived experience)"), "Peer-led")
        self.peer_led.setToolTip("Run by people with lived experience")
        self.row(
            who,
            "Setting:",
            self.mental_health,
            vbox(self.mental_health, self.peer_led),
            paths={"mental_health_specific": self.mental_health, "peer_led": self.peer_led},
        )
        welcome = self.section("First visit")
        self.bring_someone = self.row(
            welcome,
            "Can &bring someone:",
            self.combo("Can bring someone along", TRI_STATE),
            paths=("welcome.bring_someone",),
        )
        self.beginners = self.row(
            welcome,
            "Beginners welcome:",
            self.combo("Beginners welcome", TRI_STATE),
            paths=("welcome.beginners",),
        )
        self.meet_at_door = self.row(
            welcome,
            "Met at the door:",
            self.combo("Someone meets newcomers at the door", TRI_STATE),
            paths=("welcome.meet_at_door",),
        )

    def _build_checking(self) -> None:
        checking = self.section("Checking and status")
        self.last_verified = self.named(QDateEdit(), "Last checked")
        self.last_verified.setDisplayFormat("d MMM yyyy")
        self.last_verified.setCalendarPopup(True)
        self.last_verified.setMinimumDate(NEVER)
        self.last_verified.setSpecialValueText("Never checked")
        self.checked_today = self.named(
            QPushButton("M&ark as checked today"), "Mark as checked today"
        )
        self.checked_today.setAutoDefault(False)
        self.checked_age = QLabel()
        checked = vbox()
        checked.addLayout(hbox(self.last_verified, self.checked_today, stretch=True))
        checked.addWidget(self.checked_age)
        self.row(checking, "Last checked:", self.last_verified, checked, paths=("last_verified",))
        self.status = self.row(
            checking, "Stat&us:", self.combo("Status", STATUS), paths=("status",)
        )
        hint = QLabel(
            "Only active activities are suggested. Nothing is deleted: set an "
            "archived activity back to active to restore it."
        )
        hint.setWordWrap(True)
        checking.addRow("", hint)

    def _age(self, name: str) -> QSpinBox:
        box = self.named(QSpinBox(), name)
        box.setRange(NO_AGE, 130)
        box.setSpecialValueText("No limit")
        return box
