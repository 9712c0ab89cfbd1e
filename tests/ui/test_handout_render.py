"""The handout rendered to PDF and read back: the words on the page, the type size, the pages.

No print dialog is ever shown: printing is tested through a QPrinter writing a PDF file.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from navigator.domain.directory import Contact
from navigator.printing.handout_pdf import (
    ensure_gui_application,
    handout_document,
    print_handout,
    render_pdf_bytes,
    write_pdf,
)
from navigator.services.handout import HandoutOptions, build_handout
from tests.services.test_handout import (
    FORTNIGHTLY,
    MARKUP,
    MARKUP_TEXTS,
    MONTHLY,
    NOW,
    ONLINE,
    SENSITIVE,
    WEEKLY,
)

pytestmark = pytest.mark.usefixtures("qapp")
OPTIONS = HandoutOptions(worker_name="Sam Patel", worker_phone="07700 900123")


def page_texts(path: Path) -> list[str]:
    """Each page's text, with runs of white space made single spaces."""
    reader = PdfReader(path)
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in reader.pages
    ]


def font_sizes(document: QTextDocument) -> Iterator[float]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text().strip():
                yield fragment.charFormat().font().pointSizeF()
            it += 1
        block = block.next()


def test_the_pdf_says_what_the_person_needs(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    pages = write_pdf(build_handout([WEEKLY, FORTNIGHTLY, MONTHLY], NOW, OPTIONS), path)
    texts = page_texts(path)
    assert len(texts) == pages
    text = " ".join(texts)
    for expected in [
        "Things you might like to try",
        "Made on Tuesday 24 November 2026",
        "Growing Together",
        "Printmaking Workshop",
        "Harmonica Club",
        "Greenway Growers",
        "Every Tuesday, 10:00 to 12:00",
        "Tuesday 24 November, 10:00 to 12:00",
        "Tuesday 1 December, 10:00 to 12:00",
        "Tuesday 8 December, 10:00 to 12:00",
        "Every other Saturday, 11:00 to 14:00",
        "Saturday 5 December, 11:00 to 14:00",
        "Saturday 19 December, 11:00 to 14:00",
        "Saturday 2 January 2027, 11:00 to 14:00",
        "Second Tuesday of the month, 18:30 to 20:00",
        "Tuesday 8 December, 18:30 to 20:00",
        "Tuesday 12 January 2027, 18:30 to 20:00",
        "Tuesday 9 February 2027, 18:30 to 20:00",
        "Free",
        "£8 a session; cheaper for some people (concessions), the first session is free",
        "£2.50 a session",
        "Just turn up, no need to book",
        "Book a place before you go",
        "Someone will meet you at the door",
        "You can bring someone with you",
        "Wharf Lane, London, N1 0SD",
        "Phone: 020 7946 0656",
        "If you have questions, contact:",
        "Sam Patel",
        "Phone: 07700 900123",
    ]:
        assert expected in text, expected
    # pypdf reads the kerned pair "My" as two runs: "M y notes".
    assert re.search(r"M ?y notes", text)


def test_online_activities_say_so(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    write_pdf(build_handout([ONLINE], NOW), path)
    text = page_texts(path)[0]
    assert "Online, from home: contact them for the link to join" in text


def test_directory_text_appears_literally_never_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    write_pdf(build_handout([MARKUP], NOW), path)
    text = page_texts(path)[0]
    for literal in MARKUP_TEXTS:
        assert literal in text, literal
    # Had the markup been interpreted, "Bold" would stand without its tags and the
    # document would hold an image.
    document = handout_document(build_handout([MARKUP], NOW))
    assert "<b>Bold</b>" in document.toPlainText()
    assert "<img" not in document.toHtml().replace("&lt;img", "")


@pytest.mark.parametrize("easy_read", [False, True])
def test_nothing_sensitive_is_on_the_page_or_in_the_file(
    tmp_path: Path, easy_read: bool, qapp: QGuiApplication
) -> None:
    path = tmp_path / "handout.pdf"
    name = qapp.applicationName()
    qapp.setApplicationName("Navigator")  # as the desktop app names itself
    try:
        write_pdf(
            build_handout(
                [SENSITIVE, WEEKLY], NOW, dataclasses.replace(OPTIONS, easy_read=easy_read)
            ),
            path,
        )
    finally:
        qapp.setApplicationName(name)
    text = " ".join(page_texts(path)).lower()
    assert "tuesday walk" in text
    for word in ("mental", "lived experience", "peer", "navigator", "diagnos"):
        assert word not in text, word
    metadata = PdfReader(path).metadata or {}
    assert "navigator" not in " ".join(str(v) for v in metadata.values()).lower()
    assert b"Navigator" not in path.read_bytes()


def test_easy_read_type_is_larger(tmp_path: Path) -> None:
    standard = handout_document(build_handout([WEEKLY, MONTHLY], NOW, OPTIONS))
    easy = handout_document(
        build_handout([WEEKLY, MONTHLY], NOW, dataclasses.replace(OPTIONS, easy_read=True))
    )
    assert min(font_sizes(standard)) >= 13
    assert min(font_sizes(easy)) >= 16
    assert max(font_sizes(easy)) > max(font_sizes(standard))
    _, standard_pages = render_pdf_bytes(build_handout([WEEKLY, MONTHLY], NOW, OPTIONS))
    _, easy_pages = render_pdf_bytes(
        build_handout([WEEKLY, MONTHLY], NOW, dataclasses.replace(OPTIONS, easy_read=True))
    )
    assert easy_pages > standard_pages


def test_easy_read_gives_each_activity_a_page(tmp_path: Path) -> None:
    path = tmp_path / "easy.pdf"
    write_pdf(
        build_handout(
            [WEEKLY, FORTNIGHTLY, MONTHLY], NOW, dataclasses.replace(OPTIONS, easy_read=True)
        ),
        path,
    )
    texts = page_texts(path)
    assert "Here are the things we talked about" in texts[0]
    assert "Questions? Contact: Sam Patel" in texts[0]
    for page, name in zip(
        texts[1:], ["Growing Together", "Printmaking Workshop", "Harmonica Club"], strict=True
    ):
        assert page.startswith(name)
    assert "Every Tuesday, 10am to 12 noon" in texts[1]
    assert "Just turn up. You do not need to book." in texts[1]


def test_a_block_is_not_split_across_pages(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    # Each block's last row is its contact row; give each a phone number of its own.
    chosen = [
        dataclasses.replace(
            activity,
            id=f"a{n}",
            name=f"{activity.name} {n}",
            contact=Contact(phone=f"020 7946 010{n}"),
        )
        for n, activity in enumerate([WEEKLY, FORTNIGHTLY, MONTHLY, WEEKLY, FORTNIGHTLY])
    ]
    write_pdf(build_handout(chosen, NOW, OPTIONS), path)
    texts = page_texts(path)
    assert len(texts) > 2
    for activity in chosen:
        first = [i for i, t in enumerate(texts) if activity.name in t]
        last = [i for i, t in enumerate(texts) if activity.contact.phone in t]
        assert first == last and len(first) == 1, activity.name
    assert texts[0].endswith(f"Page 1 of {len(texts)}")


def test_a_short_handout_fits_on_one_page_with_fewer_note_lines(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    assert write_pdf(build_handout([WEEKLY], NOW, OPTIONS), path) == 1
    assert "Page 1" not in page_texts(path)[0]  # no page numbers on a single page


def test_the_pdf_is_a4(tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    write_pdf(build_handout([WEEKLY], NOW), path)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_writing_is_all_or_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_pdf(build_handout([WEEKLY], NOW), tmp_path / "missing" / "handout.pdf")
    path = tmp_path / "handout.pdf"
    path.write_bytes(b"old")
    write_pdf(build_handout([WEEKLY], NOW), path)
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_printing_goes_through_the_same_renderer(tmp_path: Path) -> None:
    path = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    pages = print_handout(build_handout([WEEKLY, MONTHLY], NOW, OPTIONS), printer)
    texts = page_texts(path)
    assert len(texts) == pages
    assert "Tuesday 24 November, 10:00 to 12:00" in " ".join(texts)


def test_ensure_gui_application_reuses_the_running_one(qapp: QGuiApplication) -> None:
    assert ensure_gui_application() is qapp
