"""The moving-on summary as a PDF: the text exactly as written, and written all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from navigator.printing.text_pdf import write_text_pdf

SUMMARY = "Moving on: <b>R. from Ward 4</b>\nGoes to the Tuesday walk & the choir."


def test_the_pdf_shows_the_text_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "summary.pdf"
    write_text_pdf(SUMMARY, path, title="Moving on")
    reader = PdfReader(path)
    words = " ".join(reader.pages[0].extract_text().split())
    assert "<b>R. from Ward 4</b>" in words  # markup-looking text is shown, not obeyed
    assert "the Tuesday walk & the choir" in words
    assert reader.metadata is not None and reader.metadata.title == "Moving on"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary file left


def test_a_failed_write_leaves_the_file_already_there_untouched(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "summary.pdf"
    path.write_bytes(b"the summary saved last week")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    # The atomic writer flushes to the disk before swapping the file in; fail there.
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_text_pdf(SUMMARY, path)
    assert path.read_bytes() == b"the summary saved last week"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no half-written file
