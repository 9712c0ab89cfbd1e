"""`navigator people report` (issue 16, item 8): the CSV and the PDF from a real people store;
read back, neither holds a reference, and small counts say "fewer than 5"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from navigator.cli import main
from navigator.domain.people import Companion, OutcomeRecord, PlanStatus, StopReason
from navigator.domain.profile import Profile
from navigator.services.people import open_people_service

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
# Creating the app before the command does keeps it a QApplication for the widget tests that
# share this process (the command itself would make a QGuiApplication).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Seven people: all tried the choir, six go regularly, one stopped (fewer than 5)."""
    path = tmp_path / "people.db"
    people = open_people_service(str(path), worker="Sam Worker", clock=lambda: NOW)
    for n in range(7):
        reference = f"ZQ-SECRET-{n}"
        people.create_from_profile(Profile(), reference=reference, plan=[("choir", "Choir")])
        people.set_companion(reference, "choir", Companion("a volunteer"))
        people.set_plan_status(reference, "choir", PlanStatus.TRIED)
        if n == 6:
            people.set_plan_status(
                reference, "choir", PlanStatus.STOPPED, reason=StopReason.ANXIOUS
            )
        else:
            people.set_plan_status(reference, "choir", PlanStatus.GOING_REGULARLY)
        people.record_outcome(reference, OutcomeRecord(NOW.date(), (3, 3, 3), belonging=1))
    people.close()
    return path


def test_the_csv_and_the_pdf_name_nobody_and_hide_small_counts(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, table = tmp_path / "report.pdf", tmp_path / "report.csv"
    status = main(
        ["people", "report", "--from", "2026-01-01", "--to", "2026-12-31",
         "--pdf", str(pdf), "--csv", str(table), "--people-db", str(store)]
    )  # fmt: skip
    assert status == 0, capsys.readouterr().err
    assert "Wrote" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert ["People", "People supported in the period", "7"] in rows
    assert ["Stopped in the period, by reason", "Stopped: felt anxious", "fewer than 5"] in rows
    # pypdf gives the gaps between words as tabs and line ends: one space each, to compare.
    # NFKC: Qt sets "fi" as a ligature.
    words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(unicodedata.normalize("NFKC", words).split())
    assert "Service report" in text and "fewer than 5" in text
    assert "Supported first visit 7" in text
    for written in (text, table.read_text(encoding="utf-8")):
        assert "SECRET" not in written and "Sam Worker" not in written


def test_bad_input_is_one_line_and_writes_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "report.csv"
    backwards = ["people", "report", "--from", "2026-12-31", "--to", "2026-01-01"]
    assert main([*backwards, "--csv", str(table), "--people-db", str(store)]) == 1
    assert "before it starts" in capsys.readouterr().err and not table.exists()
    missing = tmp_path / "nowhere.db"
    assert (
        main([*backwards[:3], "2026-01-01", "--to", "2026-02-01", "--people-db", str(missing)]) == 1
    )
    assert "no people store" in capsys.readouterr().err and not missing.exists()
    with pytest.raises(SystemExit) as exited:
        main(["people", "report", "--from", "1 March", "--to", "2026-02-01"])
    assert exited.value.code == 2
    assert "is not a date" in capsys.readouterr().err
