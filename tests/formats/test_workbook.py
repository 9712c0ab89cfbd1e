"""The .xlsx writer (formats/spreadsheet/workbook.py) at the level of its cells and its zip:
what Excel and openpyxl will open."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest

from navigator.formats.spreadsheet.workbook import Sheet, write_workbook


def workbook(rows: list[list[object]]) -> bytes:
    out = io.BytesIO()
    write_workbook(out, [Sheet("S", ["A", "B"], rows, len(rows))])  # type: ignore[arg-type]
    return out.getvalue()


def test_yes_and_no_cells_read_back_as_booleans() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook([[True, False]])), read_only=True)["S"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [(True, False)]


def test_a_row_longer_than_the_header_is_refused_not_cut_short() -> None:
    with pytest.raises(ValueError):
        workbook([["a", "b", "c"]])


def test_no_part_has_a_zip64_local_header() -> None:
    """Zip64 local headers (sizes 0xFFFFFFFF) are reported to make Excel refuse a workbook;
    a directory's parts are far below the 2 GiB that would need them."""
    data = workbook([["text", 1.5]] * 50)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            header = data[info.header_offset : info.header_offset + 30]
            compressed, size = struct.unpack("<II", header[18:26])
            assert (compressed, size) != (0xFFFFFFFF, 0xFFFFFFFF), info.filename
            assert size == info.file_size, info.filename
