"""The parts of the person panel, and how each folds to one line when the screen is short of
room (a large system font on a laptop): the part being edited stays open, the rest say in a
few words what is set in them. With room to spare nothing folds and no fold control shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.availability import grid_from_windows, is_from_grid
from navigator.domain.directory import Delivery
from navigator.domain.profile import PersonGender, Preference, Profile, Setting
from navigator.domain.wording import describe_languages, format_limit_km, money

SETTING_LABELS = {
    Setting.NO_PREFERENCE: "No preference",
    Setting.AVOID_MENTAL_HEALTH: "Avoid mental-health groups",
    Setting.PREFER_MENTAL_HEALTH: "Prefer mental-health or peer-led groups",
    Setting.ONLY_MENTAL_HEALTH: "Only mental-health groups",
}
PREFERENCE_LABELS = {
    Preference.DROP_IN: "Can just turn up (drop-in)",
    Preference.SMALL_GROUP: "Small group or one-to-one",
    Preference.BRING_SOMEONE: "Can bring someone along",
    Preference.BEGINNERS: "Good for beginners",
    Preference.PEER_LED: "Run by people with lived experience",
    Preference.DAYTIME: "Daytime (finishes by 6 pm)",
}
DELIVERY_LABELS = {
    Delivery.IN_PERSON: "In person",
    Delivery.ONLINE: "Online",
    Delivery.PHONE: "By phone",
}
GENDER_LABELS = {
    None: "Not given",
    PersonGender.WOMAN: "Woman",
    PersonGender.MAN: "Man",
    PersonGender.OTHER: "Other / prefers not to say",
}


class FoldingSection(QWidget):
    """A titled part of the profile. When folding is on (`set_foldable`), a header button
    opens or folds it and a line beside it says what is set; when off, it is simply open."""

    opened = Signal()

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.body = body
        self.header = QToolButton()
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.RightArrow)
        self.header.setAccessibleName(title)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setIndent(self.header.iconSize().width() + 6)  # under the title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(body)
        self.header.toggled.connect(self._on_header_toggled)
        self.set_foldable(False)

    @property
    def is_open(self) -> bool:
        return not self.body.isHidden()

    def set_foldable(self, on: bool) -> None:
        """Folding on: the header shows and the section folds; off: it opens for good."""
        self.header.setVisible(on)
        self.summary.setVisible(on)
        self.set_open(not on)

    def set_open(self, on: bool) -> None:
        self.header.setChecked(on)
        self._on_header_toggled(on)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
        # Read out with the button, so a screen reader says what is set without opening it.
        self.header.setAccessibleDescription(text)

    def _on_header_toggled(self, on: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.summary.setVisible(not self.header.isHidden() and not on)
        if self.body.isHidden() == on:
            self.body.setVisible(on)
            if on:
                self.opened.emit()


class Folds(QObject):
    """The parts of the panel folding together: one open at a time (the one being edited),
    the rest each saying in a line what is set in it."""

    changed = Signal()  # a part opened or folded: the panel may need another width

    def __init__(
        self,
        sections: Sequence[FoldingSection],
        profile: Callable[[], Profile],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sections = list(sections)
        self._profile = profile
        for section in self._sections:
            section.opened.connect(lambda s=section: self._on_section_opened(s))
            section.header.toggled.connect(self._on_section_header_toggled)

    def set_foldable(self, on: bool) -> None:
        """Fold each part to its line (on), or show every part open (off)."""
        if on:
            self.summarise()
        for section in self._sections:
            section.set_foldable(on)
        self.changed.emit()

    def summarise_if_folding(self) -> None:
        """Keep the folded parts' lines true as the profile changes (a loaded profile, a
        tick elsewhere), not only when a part folds."""
        if any(not section.header.isHidden() for section in self._sections):
            self.summarise()

    def summarise(self) -> None:
        profile = self._profile()
        summaries = (goals_summary, needs_summary, times_summary, prefers_summary)
        for section, summary in zip(self._sections, summaries, strict=True):
            section.set_summary(summary(profile))

    def _on_section_opened(self, opened: FoldingSection) -> None:
        for section in self._sections:
            if section is not opened and not section.header.isHidden():
                section.set_open(False)
        self.changed.emit()

    def _on_section_header_toggled(self, on: bool) -> None:
        if not on:  # folded: say what is set in it now
            self.summarise()
            self.changed.emit()


# One line each: what is set in a folded part ----------------------------------------------------


def goals_summary(profile: Profile) -> str:
    count = len(profile.goals)
    return "None chosen" if count == 0 else f"{count} chosen"


def needs_summary(profile: Profile) -> str:
    parts = []
    if profile.max_cost_gbp == 0:
        parts.append("free only")
    elif profile.max_cost_gbp is not None:
        parts.append(f"up to {money(profile.max_cost_gbp)} a session")
    if profile.agreed_budget_gbp:
        parts.append(f"{money(profile.agreed_budget_gbp)} budget agreed")
    if profile.setting is not Setting.NO_PREFERENCE:
        parts.append(SETTING_LABELS[profile.setting].lower())
    if profile.max_distance_km is not None:
        parts.append(f"within {format_limit_km(profile.max_distance_km)}")
    if set(profile.delivery) != set(Delivery):
        parts.append(" or ".join(DELIVERY_LABELS[d].lower() for d in profile.delivery) or "no way")
    if profile.needs_step_free:
        parts.append("step-free")
    if tuple(profile.languages) != ("en",):
        parts.append(f"in {describe_languages(profile.languages)}")
    if profile.age is not None:
        parts.append(f"age {profile.age}")
    if profile.gender is not None:
        parts.append(GENDER_LABELS[profile.gender].lower())
    if profile.with_young_children:
        parts.append("with a young child")
    return "; ".join(parts).capitalize() if parts else "Nothing set"


def times_summary(profile: Profile) -> str:
    if not profile.availability:
        return "Any time"
    if not is_from_grid(profile.availability):
        return "Times from the profile file"
    count = len(grid_from_windows(profile.availability))
    return f"{count} time{'s' * (count != 1)} ticked"


def prefers_summary(profile: Profile) -> str:
    if not profile.prefers:
        return "Nothing chosen"
    return "; ".join(PREFERENCE_LABELS[p] for p in profile.prefers)


def limit_box(
    name: str, special: str, low: float, high: float, prefix: str, suffix: str = ""
) -> QDoubleSpinBox:
    """A spin box whose lowest value means "no limit" and says so."""
    box = QDoubleSpinBox()
    box.setAccessibleName(name)
    box.setRange(low, high)
    box.setDecimals(1 if suffix else 2)
    box.setSingleStep(0.5)
    box.setSpecialValueText(special)  # shown at the minimum, which means "no limit"
    box.setPrefix(prefix)
    box.setSuffix(suffix)
    return box
