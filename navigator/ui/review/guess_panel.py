"""What Navigator guessed about one directory entry, each guess shown as a control to confirm
or correct in place.

The panel only shows and reads values; the review tab saves them (GuessReview.settle). Each
guessed field gets a control already set to the guess: the categories as a ticked list, the
yes/no and either/or fields as drop-down lists. A guess that needs the full editor (a place
on the map, ages) is shown as words. "Confirm" settles every guess with the values shown,
corrected or not; "Save corrections only" settles just the ones changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.directory import Activity, Cost, Gender
from navigator.domain.taxonomy import CATEGORIES
from navigator.domain.wording import describe_languages
from navigator.services.review import CORRECTABLE, Guess, cost_words, guesses_of

WARNING_STYLE = "color: #8a4b00; font-weight: bold;"


def choices_for(activity: Activity, field: str) -> list[tuple[Any, str]]:
    """The values a prescriber can choose for a guessed field, the guess among them."""
    if field == "gender":
        return [(Gender.ANY, "Anyone"), (Gender.WOMEN, "Women only"), (Gender.MEN, "Men only")]
    if field == "mental_health_specific":
        return [
            (True, "Yes: for people with mental health problems"),
            (False, "No: open to anyone"),
        ]
    if field == "with_child":
        return [(True, "Yes: for young children with a parent or carer"), (False, "No")]
    if field == "venue.step_free":
        return [
            (True, "Step-free"),
            (False, "Not step-free (there are steps)"),
            (None, "Not known"),
        ]
    if field == "for_learners_of":
        learners = activity.for_learners_of or ("en",)
        return [
            (learners, f"Yes: for people learning {describe_languages(learners)}"),
            ((), "No: not a language class"),
        ]
    if field == "cost":
        base = activity.cost or Cost()
        free = replace(base, per_session_gbp=0.0, amount_gbp=None, unit=None)
        unknown = replace(base, per_session_gbp=None, amount_gbp=None, unit=None)
        choices: list[tuple[Any, str]] = [(free, "Free"), (unknown, "Not known")]
        if cost_words(activity.cost) not in ("free", "cost not known"):
            choices.insert(0, (activity.cost, cost_words(activity.cost).capitalize()))
        return choices
    raise KeyError(field)


def guessed_value(activity: Activity, field: str) -> Any:
    """The value Navigator guessed, in the shape `choices_for` offers it."""
    if field == "venue.step_free":
        return activity.venue.step_free if activity.venue else None
    if field == "cost":
        return activity.cost
    return getattr(activity, field)


def same_value(field: str, a: Any, b: Any) -> bool:
    """Whether two values of a field say the same (no cost and a cost not known do)."""
    if field == "cost":
        return bool(cost_words(a) == cost_words(b))
    return bool(a == b)


class CategoryTicks(QListView):
    """Every category with a tick box, in two columns so all twenty are in sight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        for category in CATEGORIES:
            item = QStandardItem(category.label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(category.id, Qt.ItemDataRole.UserRole)
            self._model.appendRow(item)
        self.setModel(self._model)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit()
        self.setToolTip("Space ticks or unticks the highlighted category")
        # Only the ticks say what is chosen; a highlighted row would look chosen too.
        self.setSelectionMode(QListView.SelectionMode.NoSelection)
        self._order: list[str] = []

    def _fit(self) -> None:
        """Two columns of ten, sized for the font in use (it changes when put in a window
        with a larger font)."""
        cell = QSize(
            max(self.fontMetrics().horizontalAdvance(c.label) for c in CATEGORIES) + 36,
            self.sizeHintForRow(0) + 2,
        )
        self.setGridSize(cell)
        edge = 2 * self.frameWidth() + 6
        self.setFixedSize(2 * cell.width() + edge, 10 * cell.height() + edge)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    @property
    def changed(self) -> Any:
        return self._model.itemChanged

    def set_ticked(self, ids: tuple[str, ...]) -> None:
        self._order = list(ids)
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        first = next(
            (
                row
                for row in range(self._model.rowCount())
                if self._model.item(row).data(Qt.ItemDataRole.UserRole) in ids
            ),
            0,
        )
        self.setCurrentIndex(self._model.index(first, 0))

    def ticked(self) -> tuple[str, ...]:
        """The ticked ids: those first given, in their order, then new ones in list order."""
        ticked = [
            self._model.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self._model.rowCount())
            if self._model.item(row).checkState() == Qt.CheckState.Checked
        ]
        return tuple(
            [c for c in self._order if c in ticked] + [c for c in ticked if c not in self._order]
        )


class GuessPanel(QGroupBox):
    confirm_requested = Signal()  # settle every guess with the values shown
    corrections_requested = Signal()  # settle only the guesses changed here
    values_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Guessed by Navigator", parent)
        self.setAccessibleName("Guessed by Navigator")
        self._activity: Activity | None = None
        self._busy = False
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        self._combos: dict[str, QComboBox] = {}
        self.categories: CategoryTicks | None = None
        self.intro = QLabel(
            "Navigator guessed these from the entry's own words. Correct any "
            "that are wrong, then confirm (Ctrl+Enter)."
        )
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.confirm_button = QPushButton("C&onfirm the guesses")
        self.confirm_button.setAccessibleName("Confirm the guesses")
        self.confirm_button.setToolTip(
            "Keep the values shown and mark them as checked (Ctrl+Enter); the next entry follows"
        )
        self.corrections_button = QPushButton("&Save corrections only")
        self.corrections_button.setAccessibleName("Save corrections only")
        self.corrections_button.setToolTip(
            "Save what you changed here; the other guesses stay to be checked"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(WARNING_STYLE)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.corrections_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.corrections_button.clicked.connect(self.corrections_requested)
        self.values_changed.connect(self._update_buttons)
        self.show_activity(None)

    @property
    def activity(self) -> Activity | None:
        """The entry as shown (as the list was loaded), or None when it has no guesses."""
        return self._activity

    def show_activity(self, activity: Activity | None) -> None:
        """Show the guesses of `activity` (hidden when it has none), every control set to
        the guess."""
        guesses = guesses_of(activity) if activity is not None else ()
        self._activity = activity if guesses else None
        while self.form.rowCount():
            self.form.removeRow(0)
        self._choices, self._combos, self.categories = {}, {}, None
        if activity is not None:  # (there are guesses only when there is an activity)
            for guess in guesses:
                self._add_row(activity, guess)
        self.message.hide()
        self.setVisible(bool(guesses))
        self._update_buttons()

    def _add_row(self, activity: Activity, guess: Guess) -> None:
        name = f"Guessed: {guess.label.lower()}"
        control: QWidget
        if guess.field == "categories":
            self.categories = CategoryTicks()
            self.categories.set_ticked(activity.categories)
            self.categories.changed.connect(lambda *_a: self.values_changed.emit())
            control = self.categories
        elif guess.field in CORRECTABLE:
            choices = choices_for(activity, guess.field)
            combo = QComboBox()
            combo.addItems([text for _value, text in choices])
            values = [value for value, _text in choices]
            guess_value = guessed_value(activity, guess.field)
            combo.setCurrentIndex(
                next(
                    i
                    for i, value in enumerate(values)
                    if same_value(guess.field, value, guess_value)
                )
            )
            combo.currentIndexChanged.connect(lambda *_a: self.values_changed.emit())
            self._choices[guess.field], self._combos[guess.field] = choices, combo
            control = combo
        else:
            control = QLabel(f"{guess.value[0].upper()}{guess.value[1:]} (change it with Edit…)")
            control.setWordWrap(True)
            control.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard
                | Qt.TextInteractionFlag.TextSelectableByMouse
            )
        control.setAccessibleName(name)
        label = QLabel(f"{guess.label}:")
        label.setBuddy(control)
        if control is self.categories:  # the wide list under its label, to fit large fonts
            self.form.addRow(label)
            self.form.addRow(control)
        else:
            self.form.addRow(label, control)

    def corrections(self) -> dict[str, Any]:
        """Field -> the value chosen, for each guess changed here."""
        activity = self._activity
        if activity is None:
            return {}
        changed: dict[str, Any] = {}
        if self.categories is not None and self.categories.ticked() != activity.categories:
            changed["categories"] = self.categories.ticked()
        for field, combo in self._combos.items():
            value = self._choices[field][combo.currentIndex()][0]
            if not same_value(field, value, guessed_value(activity, field)):
                changed[field] = value
        return changed

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """While a save is on its way, nothing here can be sent again."""
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._activity is not None and not self._busy
        self.confirm_button.setEnabled(ready)
        self.corrections_button.setEnabled(ready and bool(self.corrections()))
