"""The person panel: what the worker records in an appointment, one control per profile field.

`profile()` reads the controls into a `Profile`; `set_profile()` fills them from one.
Every change emits `profile_changed`; the window debounces and re-ranks. The panel never
places the postcode itself: the match use case does, and the window shows what it found
(`show_place_note`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.availability import (
    PartOfDay,
    grid_from_windows,
    is_from_grid,
    windows_from_grid,
)
from navigator.domain.directory import Day
from navigator.domain.postcodes import normalise_postcode
from navigator.domain.profile import (
    LatLon,
    PersonGender,
    PostcodeLocation,
    Profile,
    Setting,
    TimeWindow,
)
from navigator.domain.taxonomy import GOALS
from navigator.domain.wording import clock, describe_languages, language_codes_from_text
from navigator.services.search import InterestSuggester
from navigator.ui.appointment.interest_chips import InterestChips
from navigator.ui.appointment.profile_sections import (
    DELIVERY_LABELS,
    GENDER_LABELS,
    PREFERENCE_LABELS,
    SETTING_LABELS,
    FoldingSection,
    Folds,
    limit_box,
)

NO_LIMIT = 0.0


class PersonPanel(QWidget):
    profile_changed = Signal()

    def __init__(self, suggester: InterestSuggester, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A point loaded from a profile file that gave one instead of a postcode.
        self._point: LatLon | None = None
        # Strengths and what they can offer (issue 16) are edited in the follow-up record;
        # a profile opened here keeps them, so matching uses them and a save keeps them.
        self._strengths: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._loading = False  # set_profile fills controls without a storm of changes
        # Times from a loaded profile that the week grid cannot show exactly (such as
        # 09:00-13:00): kept as they are until the worker ticks the grid.
        self._file_windows: tuple[TimeWindow, ...] | None = None
        self.times_note = QLabel("")
        self.times_note.setWordWrap(True)
        self._reference = QLineEdit()
        self._reference.setAccessibleName("Reference")
        self._reference.setPlaceholderText("Your own code for this person, never a name")
        self.postcode = QLineEdit()
        self.postcode.setAccessibleName("Postcode")
        self.postcode.setPlaceholderText("e.g. N7 6PA")
        self.postcode_note = QLabel("")
        self.postcode_note.setWordWrap(True)
        self.interests = InterestChips(suggester)
        self.goals = QListView()
        self.goals.setAccessibleName("Goals")
        self._goal_model = QStandardItemModel(self)
        for goal in GOALS:
            item = QStandardItem(goal.label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(goal.id, Qt.ItemDataRole.UserRole)
            self._goal_model.appendRow(item)
        self.goals.setModel(self._goal_model)
        # Every goal on show: a list that scrolls inside a panel that scrolls hides the last
        # ones ("Build confidence") from a worker who does not think to scroll it.
        self.goals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.goals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_goals()

        self.free_only = QCheckBox("Free activities &only")
        self.free_only.setAccessibleName("Free activities only")
        self.max_cost = limit_box("Maximum cost per session (£)", "No limit", 0, 50, "£")
        # Towards costs, agreed with the person: near misses on cost it covers say so.
        self.budget = limit_box("Budget agreed towards costs, per session (£)", "None", 0, 50, "£")
        self.setting = QComboBox()
        # Long choices are shown in full in the list; the closed box may shorten them.
        self.setting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.setting.setMinimumContentsLength(16)
        self.setting.setAccessibleName("Setting")
        for value, label in SETTING_LABELS.items():
            self.setting.addItem(label, value)
        self.max_distance = limit_box("Maximum distance (km)", "No limit", 0, 50, "", " km")
        self.delivery = {d: QCheckBox(label) for d, label in DELIVERY_LABELS.items()}
        for mode, box in self.delivery.items():
            box.setAccessibleName(f"Delivery: {DELIVERY_LABELS[mode]}")
            box.setChecked(True)
        self.availability = {(day, part): QCheckBox() for day in Day for part in PartOfDay}
        for (day, part), box in self.availability.items():
            box.setAccessibleName(f"Free on {day.label} {part.value}")
            box.setToolTip(f"{day.label} {part.value}")
        self.step_free = QCheckBox("Needs step-free access")
        self.step_free.setAccessibleName("Needs step-free access")
        # Stay-and-play and baby groups are for the child's age; a parent can go with them.
        self.with_child = QCheckBox("Would bring a young child")
        self.with_child.setAccessibleName("Would bring a young child")
        self.languages = QLineEdit()
        self.languages.setAccessibleName("Languages")
        self.languages.setPlaceholderText("English")
        self.age = QSpinBox()
        self.age.setAccessibleName("Age")
        self.age.setRange(0, 120)
        self.age.setSpecialValueText("Not given")
        self.gender = QComboBox()
        self.gender.setAccessibleName("Gender")
        for gender_value, label in GENDER_LABELS.items():
            self.gender.addItem(label, gender_value)
        self.prefers = {p: QCheckBox(label) for p, label in PREFERENCE_LABELS.items()}
        for box in self.prefers.values():
            box.setAccessibleName(f"Prefers: {box.text()}")

        self._build_layout()
        self._connect_signals()

    # Layout -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        about = QFormLayout()
        about.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        about.addRow(_buddy("Refere&nce:", self._reference), self._reference)
        about.addRow(_buddy("Post&code:", self.postcode), self.postcode)
        about.addRow("", self.postcode_note)
        about.addRow(_buddy("&Interests:", self.interests.line), self.interests)

        goals_part = QWidget()
        goals = QFormLayout(goals_part)
        goals.setContentsMargins(0, 0, 0, 0)
        goals.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        goals.addRow(_buddy("&Goals:", self.goals), self.goals)

        needs_part = QWidget()
        barriers = QFormLayout(needs_part)
        barriers.setContentsMargins(0, 0, 0, 0)
        barriers.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.free_only)
        cost_row.addWidget(QLabel("or at most"))
        cost_row.addWidget(self.max_cost)
        barriers.addRow("Cost:", cost_row)
        budget_label = QLabel("Budget:")  # short: a longer label widens every row's label
        budget_label.setBuddy(self.budget)
        budget_label.setToolTip("A budget you agreed with them towards costs, a session")
        barriers.addRow(budget_label, self.budget)
        barriers.addRow(_buddy("&Setting:", self.setting), self.setting)
        barriers.addRow(_buddy("Dis&tance:", self.max_distance), self.max_distance)
        delivery_row = QHBoxLayout()
        for box in self.delivery.values():
            delivery_row.addWidget(box)
        barriers.addRow("How:", delivery_row)
        barriers.addRow("", self.step_free)
        barriers.addRow(_buddy("&Languages:", self.languages), self.languages)
        who_row = QHBoxLayout()
        who_row.addWidget(self.age)
        who_row.addWidget(_buddy("Gender:", self.gender))  # read out with the box
        who_row.addWidget(self.gender, 1)
        barriers.addRow(_buddy("Ag&e:", self.age), who_row)
        barriers.addRow("", self.with_child)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        for column, day in enumerate(Day, start=1):
            grid.addWidget(QLabel(day.label[:3]), 0, column, Qt.AlignmentFlag.AlignHCenter)
        for row, part in enumerate(PartOfDay, start=1):
            grid.addWidget(QLabel(part.label), row, 0)
            for column, day in enumerate(Day, start=1):
                grid.addWidget(
                    self.availability[(day, part)], row, column, Qt.AlignmentFlag.AlignHCenter
                )
        times = QGroupBox("When they are free")
        times_layout = QVBoxLayout(times)
        any_time = QLabel("Leave empty for any time.")
        any_time.setWordWrap(True)
        times_layout.addWidget(any_time)
        times_layout.addLayout(grid)
        times_layout.addWidget(self.times_note)

        prefers = QGroupBox("Would help")
        prefers_layout = QGridLayout(prefers)  # one column: the panel stays narrow
        for position, box in enumerate(self.prefers.values()):
            prefers_layout.addWidget(box, position, 0)

        self.sections = [
            FoldingSection("Goals", goals_part),
            FoldingSection("Needs and limits", needs_part),
            FoldingSection("When they are free", times),
            FoldingSection("Would help", prefers),
        ]
        # Folded to a line each when the screen is short of room (`folds.set_foldable`).
        self.folds = Folds(self.sections, self.profile, self)
        self.profile_changed.connect(self.folds.summarise_if_folding)
        layout = QVBoxLayout(self)
        layout.addLayout(about)
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        changed = self._on_any_control_changed
        self._reference.textEdited.connect(changed)
        self.postcode.textEdited.connect(self._on_postcode_text_edited)
        self.interests.interests_changed.connect(changed)
        self._goal_model.itemChanged.connect(changed)
        self.free_only.toggled.connect(self._on_free_only_toggled)
        self.max_cost.valueChanged.connect(changed)
        self.budget.valueChanged.connect(changed)
        self.setting.currentIndexChanged.connect(changed)
        self.max_distance.valueChanged.connect(changed)
        for box in [
            *self.delivery.values(),
            *self.prefers.values(),
            self.step_free,
            self.with_child,
        ]:
            box.toggled.connect(changed)
        for box in self.availability.values():
            box.toggled.connect(self._on_availability_toggled)
        self.languages.editingFinished.connect(changed)
        self.age.valueChanged.connect(changed)
        self.gender.currentIndexChanged.connect(changed)

    def _on_any_control_changed(self, *_args: object) -> None:
        if not self._loading:
            self.profile_changed.emit()

    def _on_availability_toggled(self, *_args: object) -> None:
        if not self._loading and self._file_windows is not None:
            self._file_windows = None  # the worker is setting the times on the grid now
            self.times_note.clear()
        self._on_any_control_changed()

    def _on_free_only_toggled(self, checked: bool) -> None:
        self.max_cost.setEnabled(not checked)
        self._on_any_control_changed()

    def _on_postcode_text_edited(self, _text: str) -> None:
        self._point = None
        self.postcode_note.clear()  # until the next suggestions say where it is
        self._on_any_control_changed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_goals()

    def _fit_goals(self) -> None:
        rows = self._goal_model.rowCount()
        height = self.goals.sizeHintForRow(0) * rows if rows else 0
        frame = 2 * self.goals.frameWidth() + 2
        self.goals.setFixedHeight(height + frame)
        self.goals.setMinimumWidth(self.goals.sizeHintForColumn(0) + frame)

    # The profile --------------------------------------------------------------------------

    def show_place_note(self, note: str) -> None:
        """What the last suggestions made of the postcode: "Found N7 6PA.", or why not."""
        self.postcode_note.setText(note)

    def profile(self, *, for_file: bool = False) -> Profile:
        """The profile as entered: the postcode as typed (so a file reopens showing it), or
        a point from a profile file that gave one. `for_file` is kept for callers; a file
        and a match now get the same profile."""
        del for_file
        postcode = self.postcode.text().strip()
        location: LatLon | PostcodeLocation | None = (
            PostcodeLocation(postcode) if postcode else self._point
        )
        if self.free_only.isChecked():
            max_cost: float | None = 0.0
        else:
            max_cost = None if self.max_cost.value() == NO_LIMIT else self.max_cost.value()
        distance = self.max_distance.value()
        return Profile(
            reference=self._reference.text().strip() or None,
            location=location,
            max_distance_km=None if distance == NO_LIMIT else distance,
            delivery=tuple(d for d, box in self.delivery.items() if box.isChecked()),
            interests=self.interests.interests(),
            goals=tuple(
                self._goal_model.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self._goal_model.rowCount())
                if self._goal_model.item(row).checkState() == Qt.CheckState.Checked
            ),
            availability=self._file_windows
            if self._file_windows is not None
            else windows_from_grid(
                {cell for cell, box in self.availability.items() if box.isChecked()}
            ),
            age=self.age.value() or None,
            # Qt hands enum data back as plain strings: turn them back into enums.
            gender=None
            if self.gender.currentData() is None
            else PersonGender(self.gender.currentData()),
            languages=language_codes_from_text(self.languages.text()) or ("en",),
            max_cost_gbp=max_cost,
            agreed_budget_gbp=self.budget.value() or None,
            setting=Setting(self.setting.currentData()),
            needs_step_free=self.step_free.isChecked(),
            with_young_children=self.with_child.isChecked(),
            prefers=tuple(p for p, box in self.prefers.items() if box.isChecked()),
            strengths=self._strengths[0],
            can_offer=self._strengths[1],
        )

    def set_profile(self, profile: Profile) -> None:
        """Fill every control from a profile (a loaded file), emitting one change at the end."""
        self._loading = True
        try:
            self._reference.setText(profile.reference or "")
            self._strengths = (profile.strengths, profile.can_offer)
            if isinstance(profile.location, PostcodeLocation):
                self.postcode.setText(
                    normalise_postcode(profile.location.postcode) or profile.location.postcode
                )
                self._point = None
            elif isinstance(profile.location, LatLon):
                self.postcode.clear()
                self._point = profile.location
                self.postcode_note.setText(
                    f"Using the point {profile.location.lat:.4f}, {profile.location.lon:.4f} "
                    "from the profile file"
                )
            else:
                self.postcode.clear()
                self._point = None
            self.interests.set_interests(profile.interests)
            for row in range(self._goal_model.rowCount()):
                item = self._goal_model.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in profile.goals
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.free_only.setChecked(profile.max_cost_gbp == 0)
            self.max_cost.setValue(profile.max_cost_gbp or NO_LIMIT)
            self.budget.setValue(profile.agreed_budget_gbp or 0)
            self.setting.setCurrentIndex(self.setting.findData(profile.setting))
            self.max_distance.setValue(profile.max_distance_km or NO_LIMIT)
            for mode, box in self.delivery.items():
                box.setChecked(mode in profile.delivery)
            cells = grid_from_windows(profile.availability)
            for cell, box in self.availability.items():
                box.setChecked(cell in cells)
            # A ticked grid, also one saved when the evening ended at 22:00.
            exact = is_from_grid(profile.availability)
            self._file_windows = None if exact else profile.availability
            self.times_note.setText(
                ""
                if exact
                else (
                    "Free at these times (from the profile file; ticking the grid replaces "
                    "them): "
                    + "; ".join(
                        f"{w.day.label} {clock(w.start)} to {clock(w.end)}"
                        for w in profile.availability
                    )
                )
            )
            self.step_free.setChecked(profile.needs_step_free)
            self.with_child.setChecked(profile.with_young_children)
            self.languages.setText(describe_languages(profile.languages))
            self.age.setValue(profile.age or 0)
            self.gender.setCurrentIndex(self.gender.findData(profile.gender))
            for preference, box in self.prefers.items():
                box.setChecked(preference in profile.prefers)
        finally:
            self._loading = False
        self.profile_changed.emit()


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
