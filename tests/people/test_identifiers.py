"""Spotting identifiers in free text: what is warned about, and what is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from navigator.domain.identifiers import (
    IdentifierKind,
    find_identifiers,
    is_nhs_number,
    nhs_check_digit,
)

TODAY = dt.date(2026, 6, 1)
NHS, PHONE, EMAIL = IdentifierKind.NHS_NUMBER, IdentifierKind.PHONE, IdentifierKind.EMAIL
POSTCODE, DOB = IdentifierKind.POSTCODE, IdentifierKind.DATE_OF_BIRTH


def found(text: str) -> list[tuple[IdentifierKind, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text, today=TODAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NHS no 943 476 5919 on file", [(NHS, "943 476 5919")]),
        ("9434765919", [(NHS, "9434765919")]),
        ("943-476-5919.", [(NHS, "943-476-5919")]),
        ("ring 020 7946 0000 or 07700 900123", [(PHONE, "020 7946 0000"), (PHONE, "07700 900123")]),
        ("+44 (0)20 7946 0000", [(PHONE, "+44 (0)20 7946 0000")]),
        ("mob +447700900123", [(PHONE, "+447700900123")]),
        ("(020) 7946 0000", [(PHONE, "(020) 7946 0000")]),
        ("0161-496-0000", [(PHONE, "0161-496-0000")]),
        ("email jo.b+x@example.co.uk.", [(EMAIL, "jo.b+x@example.co.uk")]),
        ("lives at N7 6PA", [(POSTCODE, "N7 6PA")]),
        ("near n76pa", [(POSTCODE, "n76pa")]),
        ("EC1V 4JL", [(POSTCODE, "EC1V 4JL")]),
        ("born 12/03/1985", [(DOB, "12/03/1985")]),
        ("dob 12.3.85", [(DOB, "12.3.85")]),
        ("12th March 1985", [(DOB, "12th March 1985")]),
        ("March 12, 1985", [(DOB, "March 12, 1985")]),
        ("1985-03-12", [(DOB, "1985-03-12")]),
    ],
)
def test_identifiers_are_found_with_their_place(
    text: str, expected: list[tuple[IdentifierKind, str]]
) -> None:
    assert found(text) == expected
    for finding in find_identifiers(text, today=TODAY):
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "943 476 5918",  # check digit wrong
        "Lives in N7, likes the N7 6 sector",  # districts and sectors are allowed
        "seen 3/4/26, next on 2026-07-01",  # recent dates are not birthdays
        "31/02/1980",  # not a date
        "meet at 2pm by bus 43 and room 12",
        "order 123456789012",  # too long for anything
        "goes to the allotment on Tuesdays",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert found(text) == []


def test_findings_have_a_plain_message() -> None:
    (finding,) = find_identifiers("call 07700 900123", today=TODAY)
    assert finding.message == '"07700 900123" looks like a phone number.'


def test_known_check_digits() -> None:
    assert nhs_check_digit("943476591") == 9
    assert nhs_check_digit("123456789") is None  # 11 - 210 % 11 is 10: never issued
    assert not is_nhs_number("1234567890")


# Properties ---------------------------------------------------------------------------------

digits9 = st.text("0123456789", min_size=9, max_size=9)
separators = st.sampled_from(["", " ", "-"])
# Surrounding words: no digits, so nothing can run on into the number.
words = st.text(st.sampled_from("abcdefgh XYZ.,;:!?'\""), max_size=20)


def formatted(number: str, sep: str) -> str:
    return sep.join([number[:3], number[3:6], number[6:]])


@settings(max_examples=300, deadline=None)
@given(digits9, separators, words, words)
def test_a_valid_nhs_number_is_always_found(first: str, sep: str, before: str, after: str) -> None:
    check = nhs_check_digit(first)
    assume(check is not None)
    number = formatted(first + str(check), sep)
    text = f"{before} {number} {after}"
    assert (NHS, number) in found(text)


@settings(max_examples=300, deadline=None)
@given(digits9, st.integers(0, 9), separators, words, words)
def test_a_bad_check_digit_is_never_an_nhs_number(
    first: str, last: int, sep: str, before: str, after: str
) -> None:
    assume(nhs_check_digit(first) != last)
    text = f"{before} {formatted(first + str(last), sep)} {after}"
    assert NHS not in [kind for kind, _ in found(text)]


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789 -", max_size=40))
def test_random_digits_are_an_nhs_number_only_with_a_valid_check_digit(text: str) -> None:
    for kind, match in found(text):
        if kind is NHS:
            assert is_nhs_number(match)


@settings(max_examples=200, deadline=None)
@given(st.text("0123456789", min_size=9, max_size=9), st.sampled_from(["", " "]), words)
def test_uk_mobile_numbers_are_found(rest: str, sep: str, before: str) -> None:
    number = f"07{rest[:3]}{sep}{rest[3:]}"
    assert (PHONE, number) in found(f"{before} {number}")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_screened_without_error_and_spans_are_exact(text: str) -> None:
    for finding in find_identifiers(text, today=TODAY):
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "reference", ["Jane Smith", "Mary-Ann O'Neill", "John P. Jones", "  Ali Khan "]
)
def test_a_reference_that_looks_like_a_name_is_found(reference: str) -> None:
    from navigator.domain.identifiers import IdentifierKind, find_name

    [finding] = find_name(reference)
    assert finding.kind is IdentifierKind.NAME
    assert finding.text == reference.strip()


@pytest.mark.parametrize("reference", ["AB-0042", "JS", "jane", "Client 7", "R2", "Jane"])
def test_codes_and_single_words_are_not_taken_for_names(reference: str) -> None:
    from navigator.domain.identifiers import find_name

    assert find_name(reference) == []
