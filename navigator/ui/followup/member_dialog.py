"""The dialog that adds a member to the network map or changes one.

It warns, as the alias is typed, when it looks like a full name or contact details: the map
keeps roles and initials only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.domain.identifiers import Finding, find_name
from navigator.domain.people import (
    MAX_ALIAS_CHARS,
    ContactFrequency,
    MemberKind,
    NetworkMember,
    Relationship,
    Support,
)
from navigator.ui.followup.network_style import (
    CIRCLE_LABELS,
    FREQUENCY_LABELS,
    KIND_LABELS,
    RELATIONSHIP_LABELS,
    SUPPORT_LABELS,
)

TextChecker = Callable[[str], Sequence[Finding]]

ALIAS_HINT = "Use a role or initials, e.g. “sister”, “A. from church”, “Parkside Allotment”."


class MemberDialog(QDialog):
    """Add or change one member. Shown with `open()`; the result comes as `member_accepted`."""

    member_accepted = Signal(object)  # NetworkMember

    def __init__(
        self, member: NetworkMember | None, check_text: TextChecker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._check_text = check_text
        self.setWindowTitle(f"Change “{member.alias}”" if member else "Add to the map")
        self.alias = QLineEdit(member.alias if member else "")
        self.alias.setAccessibleName("Alias or role")
        self.alias.setPlaceholderText("sister, A. from church, the library…")
        self.alias.setMaxLength(MAX_ALIAS_CHARS)
        self.hint = QLabel(ALIAS_HINT + " Never a full name.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #56616b;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00;")
        self.warning.hide()
        self.kind = _combo(
            "Kind",
            [(label, kind) for kind, label in KIND_LABELS.items()],
            member.kind if member else MemberKind.PERSON,
        )
        self.circle = _combo(
            "Circle",
            [(f"{c}  {label}", c) for c, label in CIRCLE_LABELS.items()],
            member.circle if member else 2,
        )
        self.relationship = _combo(
            "Relationship",
            [("Not given", None)] + [(label, r) for r, label in RELATIONSHIP_LABELS.items()],
            member.relationship if member else None,
        )
        self.frequency = _combo(
            "How often in touch",
            [("Not given", None)] + [(label, f) for f, label in FREQUENCY_LABELS.items()],
            member.frequency if member else None,
        )
        self.support: dict[Support, QCheckBox] = {}
        support_row = QVBoxLayout()
        for kind, label in SUPPORT_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(f"Support: {label}")
            box.setChecked(bool(member and kind in member.support))
            self.support[kind] = box
            support_row.addWidget(box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add to the map" if member is None else "Save changes")
        ok.setAccessibleName(ok.text())
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")

        form = QFormLayout()
        form.addRow("&Alias or role:", self.alias)
        form.addRow("", self.hint)
        form.addRow("", self.warning)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Circle:", self.circle)
        form.addRow("&Relationship:", self.relationship)
        form.addRow("&How often in touch:", self.frequency)
        form.addRow("Kind of support:", support_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.alias.textChanged.connect(self._on_alias_text_changed)
        self.kind.currentIndexChanged.connect(self._on_alias_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_alias_text_changed()

    def member(self) -> NetworkMember:
        """The member as filled in; `ValueError` (one sentence) when it is not valid."""
        # Qt hands enum data back as plain strings: turn them into the enums again, or the
        # map cannot be saved and every token is drawn with the fallback shape.
        relationship, frequency = self.relationship.currentData(), self.frequency.currentData()
        return NetworkMember(
            alias=self.alias.text().strip(),
            kind=MemberKind(self.kind.currentData()),
            circle=int(self.circle.currentData()),
            relationship=None if relationship is None else Relationship(relationship),
            frequency=None if frequency is None else ContactFrequency(frequency),
            support=tuple(s for s, box in self.support.items() if box.isChecked()),
        )

    def accept(self) -> None:
        try:
            member = self.member()
        except ValueError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.member_accepted.emit(member)
        super().accept()

    def _on_alias_text_changed(self, *_args: object) -> None:
        text = self.alias.text()
        findings = list(self._check_text(text)) if text.strip() else []
        if self.kind.currentData() == MemberKind.PERSON:  # where a full name is likeliest
            findings += find_name(text)
        self.warning.setText(
            " ".join(f.message for f in findings)
            + " The map keeps roles and initials, never contact details."
        )
        self.warning.setVisible(bool(findings))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        self.error.hide()


def _combo(name: str, items: Sequence[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, next((i for i, (_, v) in enumerate(items) if v == current), 0)))
    return combo
