"""Finding text that looks like a personal identifier, to warn a worker before it is saved.

The people store is pseudonymous (DOMAIN.md, "Privacy rules"): no NHS numbers, phone
numbers, email addresses, addresses or dates of birth. Workers type notes quickly, so free
text is screened and the worker is asked to confirm. This is a warning, never a filter:
it errs towards warning, and nothing here changes or refuses the text.

Pure functions only: no I/O, no clock (the caller passes today's date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from navigator.domain.postcodes import normalise_postcode


class IdentifierKind(StrEnum):
    NHS_NUMBER = "nhs_number"
    PHONE = "phone"
    EMAIL = "email"
    POSTCODE = "postcode"
    DATE_OF_BIRTH = "date_of_birth"
    NAME = "name"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    IdentifierKind.NHS_NUMBER: "an NHS number",
    IdentifierKind.PHONE: "a phone number",
    IdentifierKind.EMAIL: "an email address",
    IdentifierKind.POSTCODE: "a full postcode (a postcode district such as N7 is enough)",
    IdentifierKind.DATE_OF_BIRTH: "a date of birth",
    IdentifierKind.NAME: "a person's name (use a code of your own, such as AB-0042)",
}

# Two or more capitalised words and nothing else ("Jane Smith", "Mary-Ann O'Neill"): how a
# name looks. Checked only where a name would be the obvious thing to type, the reference
# (notes name activities, such as "Growing Together", too often to check them this way).
_NAME_LIKE = re.compile(
    r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
    r"(?:\s+[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*\.?)+"
)


def find_name(reference: str) -> list[Finding]:
    """The reference itself when it looks like a person's name."""
    text = reference.strip()
    if not _NAME_LIKE.fullmatch(text):
        return []
    start = reference.index(text)
    return [Finding(IdentifierKind.NAME, start, start + len(text), text)]


@dataclass(frozen=True, slots=True)
class Finding:
    """A stretch of text, `text[start:end]`, that looks like `kind`."""

    kind: IdentifierKind
    start: int
    end: int
    text: str

    @property
    def message(self) -> str:
        return f'"{self.text}" looks like {self.kind.label}.'


def find_identifiers(text: str, *, today: dt.date) -> list[Finding]:
    """Every stretch of `text` that looks like a personal identifier, in reading order."""
    findings = [
        *_nhs_numbers(text),
        *_phones(text),
        *_emails(text),
        *_postcodes(text),
        *_birth_dates(text, today),
    ]
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind.value))


# NHS numbers --------------------------------------------------------------------------------

# Ten digits, written together or as 3-3-4 with spaces or hyphens; not part of a longer number.
_NHS = re.compile(r"(?<!\d)(\d{3})([ \-]?)(\d{3})\2(\d{4})(?!\d)")


def nhs_check_digit(first_nine: str) -> int | None:
    """The Modulus 11 check digit for nine digits, or None when no check digit is possible."""
    total = sum(int(d) * weight for d, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_nhs_number(digits: str) -> bool:
    digits = re.sub(r"[ \-]", "", digits)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def _nhs_numbers(text: str) -> list[Finding]:
    return [
        Finding(IdentifierKind.NHS_NUMBER, m.start(), m.end(), m.group())
        for m in _NHS.finditer(text)
        if is_nhs_number(m.group(1) + m.group(3) + m.group(4))
    ]


# Phone numbers ------------------------------------------------------------------------------

# Between digits: one space, hyphen or dot, or a closing bracket (after "(020").
_SEP = r"(?:[ \-.]|\)[ ]?)?"
# A UK number is a trunk 0 then 9 or 10 digits (the first not 0), or +44 / 0044 instead of
# the 0, with an optional "(0)". Counting digits in the pattern itself (rather than matching
# loosely and checking afterwards) keeps two numbers in one note from running together.
_PHONE = re.compile(
    rf"(?<![\w+(])"
    rf"(?:(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?|\(?0)"
    rf"[1-9](?:{_SEP}\d){{8,9}}"
    rf"(?!\d)"
)


def _phones(text: str) -> list[Finding]:
    return [
        Finding(IdentifierKind.PHONE, m.start(), m.end(), m.group()) for m in _PHONE.finditer(text)
    ]


# Email addresses ----------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+%-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def _emails(text: str) -> list[Finding]:
    return [
        Finding(IdentifierKind.EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
    ]


# Postcodes ----------------------------------------------------------------------------------

# Full postcodes only, in any case and with or without the space: a district ("N7") or a
# sector ("N7 6") is allowed in the people store and is not flagged.
_POSTCODE = re.compile(r"\b[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}\b")


def _postcodes(text: str) -> list[Finding]:
    return [
        Finding(IdentifierKind.POSTCODE, m.start(), m.end(), m.group())
        for m in _POSTCODE.finditer(text)
        if normalise_postcode(m.group()) is not None
    ]


# Dates of birth -----------------------------------------------------------------------------

# A full date (day, month and year) whose year makes it a plausible birthday: at least
# MIN_AGE and at most MAX_AGE years ago. Recent dates ("seen 3/4/26") are not flagged.
MIN_AGE, MAX_AGE = 10, 120

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4}|\d{2})"
_DATES = [
    # 12/03/1985, 12-3-85, 12.03.1985 (UK order: day first)
    re.compile(rf"(?<![\d/.\-])(?P<d>[0-3]?\d)([/.\-])(?P<m>[01]?\d)\2{_YEAR}(?!\d)(?![/.\-]\d)"),
    # 1985-03-12 (ISO)
    re.compile(r"(?<![\d\-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d\-])"),
    # 12 March 1985, 12th Mar. 1985
    re.compile(rf"(?i)\b{_DAY} (?:of )?(?P<mn>{_MONTH})\.?,? {_YEAR}\b"),
    # March 12, 1985; Mar 12th 1985
    re.compile(rf"(?i)\b(?P<mn>{_MONTH})\.? {_DAY},? {_YEAR}\b"),
]


def _full_year(year: str, today: dt.date) -> int:
    """A two-digit year is read as the latest year not after this one ("85" -> 1985)."""
    if len(year) == 4:
        return int(year)
    candidate = today.year - today.year % 100 + int(year)
    return candidate if candidate <= today.year else candidate - 100


def _birth_dates(text: str, today: dt.date) -> list[Finding]:
    found: dict[tuple[int, int], Finding] = {}
    for pattern in _DATES:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = _MONTHS[parts["mn"].lower()] if parts.get("mn") else int(parts["m"])
            try:
                date = dt.date(_full_year(parts["y"], today), month, int(parts["d"]))
            except ValueError:  # 31/02, month 13: not a date at all
                continue
            if today.year - MAX_AGE <= date.year <= today.year - MIN_AGE:
                found[m.span()] = Finding(
                    IdentifierKind.DATE_OF_BIRTH, m.start(), m.end(), m.group()
                )
    return list(found.values())
