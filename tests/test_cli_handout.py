"""`navigator handout` (FORMATS.md §5): the PDF it writes, the calendar, and its refusals."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from navigator.cli import main
from navigator.domain.directory import Status
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.conftest import BUNDLED_DB
from tests.services.test_handout import FORTNIGHTLY, MARKUP, MONTHLY, SENSITIVE, WEEKLY

# Creating the app before the command does keeps it a QApplication for the widget tests that
# share this process (the command itself would make a QGuiApplication).
pytestmark = pytest.mark.usefixtures("qapp")

PROFILE = {
    "format": "navigator-profile",
    "version": 1,
    "reference": "AB-0042",
    "location": {"lat": 51.5400, "lon": -0.1130},  # near Wharf Lane
    "interests": ["origami", "xylophone"],
    "max_cost_gbp": 0,
    "setting": "avoid_mental_health",
    "needs_step_free": True,
    "prefers": ["drop_in", "bring_someone"],
}
NOW = ["--now", "2026-11-24T09:00"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "directory.db"
    database = open_database(f"sqlite:///{path}")
    paused = dataclasses.replace(WEEKLY, id="paused", name="Paused Pottery", status=Status.PAUSED)
    DirectoryRepository(database).import_activities(
        [WEEKLY, FORTNIGHTLY, MONTHLY, MARKUP, SENSITIVE, paused]
    )
    database.close()
    return str(path)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_writes_the_handout(
    tmp_path: Path, db: str, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.pdf"
    code = main(
        [
            "handout",
            "--db",
            db,
            "--profile",
            str(profile),
            "--ids",
            "garden,print,harmonica",
            "--out",
            str(out),
            "--worker-name",
            "Sam Patel",
            "--worker-phone",
            "07700 900123",
            *NOW,
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out} (")
    text = pdf_text(out)
    for expected in [
        "Growing Together",
        "Printmaking Workshop",
        "Harmonica Club",
        "Tuesday 24 November, 10:00 to 12:00",
        "Saturday 5 December, 11:00 to 14:00",
        "Tuesday 8 December, 18:30 to 20:00",
        "Just turn up, no need to book",
        "Sam Patel",
        "About 5 minutes' walk",
    ]:
        assert expected in text, expected
    # Nothing from the profile but the distance: no reference, no barriers, no interests.
    for private in ("AB-0042", "step free", "avoid", "mental", "origami", "xylophone", "Navigator"):
        assert private not in text, private


def test_easy_read_and_the_default_file_name(
    tmp_path: Path, db: str, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "handout",
                "--db",
                db,
                "--profile",
                str(profile),
                "--ids",
                "garden",
                "--easy-read",
                *NOW,
            ]
        )
        == 0
    )
    text = pdf_text(tmp_path / "handout.pdf")
    assert "Just turn up. You do not need to book." in text
    assert "Every Tuesday, 10am to 12 noon" in text


def test_an_unknown_id_is_named_and_nothing_is_written(
    tmp_path: Path, db: str, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.pdf"
    code = main(
        [
            "handout",
            "--db",
            db,
            "--profile",
            str(profile),
            "--ids",
            "garden,nope",
            "--out",
            str(out),
            "--ics",
            str(tmp_path / "h.ics"),
        ]
    )
    assert code == 1
    assert capsys.readouterr().err == 'navigator: no activity with id "nope" in the directory\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.db", "profile.json"]


def test_an_activity_that_is_not_running_is_refused(
    tmp_path: Path, db: str, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.pdf"
    assert (
        main(
            ["handout", "--db", db, "--profile", str(profile), "--ids", "paused", "--out", str(out)]
        )
        == 1
    )
    assert "paused" in capsys.readouterr().err
    assert not out.exists()


def test_a_bad_profile_is_reported(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**PROFILE, "goals": ["friends"]}), encoding="utf-8")
    out = tmp_path / "handout.pdf"
    assert (
        main(["handout", "--db", db, "--profile", str(bad), "--ids", "garden", "--out", str(out)])
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("navigator: goals[0]") and err.count("\n") == 1
    assert not out.exists()


def test_an_unwritable_place_is_reported(
    tmp_path: Path, db: str, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "handout.pdf"
    assert (
        main(
            ["handout", "--db", db, "--profile", str(profile), "--ids", "garden", "--out", str(out)]
        )
        == 1
    )
    assert capsys.readouterr().err.startswith(f"navigator: cannot write {out}")


def test_ids_are_required(db: str, profile: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["handout", "--db", db, "--profile", str(profile), "--ids", " , "])
    assert exit_.value.code == 2


def test_the_calendar_file(
    tmp_path: Path, db: str, profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "sessions.ics"
    assert (
        main(
            [
                "handout",
                "--db",
                db,
                "--profile",
                str(profile),
                "--ids",
                "garden,harmonica",
                "--out",
                str(tmp_path / "h.pdf"),
                "--ics",
                str(ics),
                *NOW,
            ]
        )
        == 0
    )
    assert f"Wrote {ics} (2 events)." in capsys.readouterr().out
    text = ics.read_text(encoding="utf-8")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in text
    assert "RRULE:FREQ=MONTHLY;BYDAY=2TU" in text


def test_works_with_no_display(tmp_path: Path) -> None:
    """The real command in a child process with no display and no Qt platform chosen."""
    db = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, db)
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps({**PROFILE, "location": {"postcode": "N7 6PA"}}), encoding="utf-8"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "navigator",
            "handout",
            "--db",
            str(db),
            "--profile",
            str(profile),
            "--ids",
            "isl-001,isl-005,isl-009",
            "--out",
            str(tmp_path / "h.pdf"),
            *NOW,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    text = pdf_text(tmp_path / "h.pdf")
    assert "Growing Together" in text
    assert "Sunday 6 December" in text  # isl-009: the first Sunday of each month
