"""Save dialogs suggest `{reference}.pdf`; a reference may hold `../` (issue 14, item 9). The
suggested name is always one plain file name in the folder the dialog opens on."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.services.file_names import MAX_STEM_BYTES, safe_file_name


@pytest.mark.parametrize(
    ("reference", "name"),
    [
        ("P-0042", "P-0042.pdf"),
        ("AB 12", "AB 12.pdf"),
        ("Zoë", "Zoë.pdf"),
        ("../../etc/passwd", "-..-etc-passwd.pdf"),
        ("..\\..\\Windows\\x", "-..-Windows-x.pdf"),
        ("..", "navigator.pdf"),
        ("../", "navigator.pdf"),
        (".hidden", "hidden.pdf"),
        ("a\x00b\nc\x1b", "abc.pdf"),
        ("x\u202efdp.exe", "xfdp.exe.pdf"),  # no right-to-left override to disguise it
        ("CON", "CON_.pdf"),
        ("com1", "com1_.pdf"),
        ("", "navigator.pdf"),
        (None, "navigator.pdf"),
        ('a:b*c?"d<e>f|g', "a-b-c--d-e-f-g.pdf"),
    ],
)
def test_a_reference_becomes_one_plain_file_name(reference: str | None, name: str) -> None:
    assert safe_file_name(reference, ".pdf") == name


def test_a_long_reference_is_cut_on_a_character_boundary() -> None:
    name = safe_file_name("é" * 500, ".pdf")
    assert name == "é" * (MAX_STEM_BYTES // 2) + ".pdf"


def test_the_fallback_is_used_when_nothing_is_left() -> None:
    assert safe_file_name("///", ".json", fallback="person") == "person.json"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*'./\\:*?"<>| \t\n\x00\u202e\u2028', "..", "CON", "LPT9"]),
            st.characters(),
            st.characters(categories=["Cs"]),
        ),
        max_size=200,
    ).map("".join)
)
def test_whatever_the_reference_the_name_stays_in_the_chosen_folder(reference: str) -> None:
    name = safe_file_name(reference, ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= 255
    stem = name.removesuffix(".pdf")
    for path in (PurePosixPath(name), PureWindowsPath(name)):
        assert path.name == name and len(path.parts) == 1  # no folder, no drive
    assert stem not in ("", ".", "..") and not stem.startswith(".")
    assert stem == stem.strip()
    assert not any(
        unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} or c in '<>:"/\\|?*' for c in stem
    )
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "LPT9", "COM1"}
