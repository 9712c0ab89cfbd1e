"""The `navigator` command as FORMATS.md §5 describes it, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from navigator import __version__
from navigator.cli import main

GOOD = {
    "format": "navigator-directory",
    "version": 1,
    "activities": [
        {"id": "a1", "name": "Choir", "categories": ["music"]},
        {
            "id": "a2",
            "name": "Walk",
            "categories": ["walking"],
            "sessions": [{"day": "sat", "start": "10:00", "end": "11:00"}],
        },
    ],
}


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    """The real command in a child process: exit status, stdout, stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "navigator", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_version() -> None:
    assert run("--version")[1].strip() == f"navigator {__version__}"


def test_import_then_export_then_import_is_lossless(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    source = write(tmp_path / "in.json", GOOD)
    code, out, err = run("directory", "import", str(source), "--db", db)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2 activities: 0 placed on the map, 2 with nothing to place them; 1 with times, 0 with "
        "a known cost.",
        "Added 2, updated 0, skipped 0 unchanged.",
    ]
    code, out, _ = run("--db", db, "directory", "export", str(tmp_path / "out.json"))
    assert (code, out.strip()) == (0, f"Wrote 2 activities to {tmp_path / 'out.json'}.")
    exported = json.loads((tmp_path / "out.json").read_text())
    assert [a["id"] for a in exported["activities"]] == ["a1", "a2"]
    code, out, _ = run("directory", "import", str(tmp_path / "out.json"), "--db", db)
    assert out.splitlines()[-1] == "Added 0, updated 0, skipped 2 unchanged."


def empty_directory(tmp_path: Path) -> str:
    db = str(tmp_path / "d.db")
    assert (
        main(
            [
                "directory",
                "import",
                str(
                    write(
                        tmp_path / "none.json",
                        {"format": "navigator-directory", "version": 1, "activities": []},
                    )
                ),
                "--db",
                db,
            ]
        )
        == 0
    )
    return db


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    db = empty_directory(tmp_path)
    assert (
        main(
            ["directory", "import", str(write(tmp_path / "in.json", GOOD)), "--dry-run", "--db", db]
        )
        == 0
    )
    assert main(["directory", "export", str(tmp_path / "out.json"), "--db", db]) == 0
    assert json.loads((tmp_path / "out.json").read_text())["activities"] == []


def test_an_invalid_file_changes_nothing_and_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.db")
    assert main(["directory", "import", str(write(tmp_path / "in.json", GOOD)), "--db", db]) == 0
    changed = json.loads(json.dumps(GOOD))
    changed["activities"][0]["name"] = "Renamed choir"
    changed["activities"][1]["sessions"][0]["start"] = "25:00"
    capsys.readouterr()
    assert (
        main(["directory", "import", str(write(tmp_path / "bad.json", changed)), "--db", db]) == 1
    )
    err = capsys.readouterr().err
    assert err == 'navigator: activities[1].sessions[0].start: "25:00" is not a time HH:MM\n'
    main(["directory", "export", str(tmp_path / "out.json"), "--db", db])
    assert json.loads((tmp_path / "out.json").read_text())["activities"][0]["name"] == "Choir"


def test_a_dry_run_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["activities"][0]["categories"] = ["singing"]
    bad["activities"][1]["status"] = "gone"
    db = empty_directory(tmp_path)
    capsys.readouterr()
    code = main(
        ["directory", "import", str(write(tmp_path / "bad.json", bad)), "--dry-run", "--db", db]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out.splitlines() == [
        'activities[0].categories[0]: "singing" is not a category id; did you mean "music"?',
        'activities[1].status: "gone" is not a status (one of active, paused, archived)',
    ]
    assert captured.err.startswith("navigator: activities[0].categories[0]")
    assert "(and 1 more problem)" in captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "in.json is not valid JSON"),
        (b"\x89PNG\r\n\x1a\n", "in.json is not UTF-8 text"),
        (
            b'{"format": "navigator-profile", "version": 1}',
            'format: expected "navigator-directory", found "navigator-profile"',
        ),
    ],
)
def test_broken_files_get_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    (tmp_path / "in.json").write_bytes(content)
    assert (
        main(["directory", "import", str(tmp_path / "in.json"), "--db", str(tmp_path / "d.db")])
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["directory", "import", str(tmp_path / "nope.json"), "--db", str(tmp_path / "d.db")])
        == 1
    )
    assert "cannot read" in capsys.readouterr().err


def test_a_bad_database_is_one_line_with_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.db").write_text("hello")
    code, _, err = run(
        "directory", "export", str(tmp_path / "o.json"), "--db", str(tmp_path / "bad.db")
    )
    assert code == 1
    assert err == "navigator: bad.db is not a Navigator database (it is some other kind of file).\n"


def test_the_wrong_format_says_which_one_to_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "directory",
                "import",
                str(write(tmp_path / "in.json", GOOD)),
                "--format",
                "oruk",
                "--db",
                str(tmp_path / "d.db"),
            ]
        )
        == 1
    )
    assert "import it with --format navigator" in capsys.readouterr().err


def test_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAVIGATOR_DB", str(tmp_path / "env.db"))
    assert main(["directory", "import", str(write(tmp_path / "in.json", GOOD))]) == 0
    assert (tmp_path / "env.db").exists()


def test_export_follows_the_file_name_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    from navigator.services.directory import export_format

    assert [export_format(Path(n)) for n in ("a.json", "a.oruk.json", "a.xlsx", "a.CSV")] == [
        "navigator",
        "oruk",
        "csv",
        "csv",
    ]
    db = str(tmp_path / "d.db")
    assert main(["directory", "import", str(write(tmp_path / "in.json", GOOD)), "--db", db]) == 0
    assert main(["directory", "export", str(tmp_path / "out.xlsx"), "--db", db]) == 0
    assert zipfile.is_zipfile(tmp_path / "out.xlsx")  # a real spreadsheet, not JSON
    capsys.readouterr()
    assert (
        main(["directory", "export", str(tmp_path / "x.xlsx"), "--format", "oruk", "--db", db]) == 1
    )
    assert "x.xlsx is a spreadsheet name; use --format csv" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_a_mistyped_database_is_named_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    assert main(["directory", "export", str(tmp_path / "o.json"), "--db", str(typo)]) == 1
    assert capsys.readouterr().err == f"navigator: There is no database at {typo}.\n"
    assert not typo.exists()
    # A dry run answers from an empty directory only where a real import could create one.
    nowhere = tmp_path / "no such folder" / "d.db"
    assert (
        main(
            [
                "directory",
                "import",
                str(write(tmp_path / "in.json", GOOD)),
                "--dry-run",
                "--db",
                str(nowhere),
            ]
        )
        == 1
    )
    assert capsys.readouterr().err == f"navigator: There is no database at {nowhere}.\n"


def test_a_dry_run_checks_a_file_before_the_first_import_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    source = write(tmp_path / "in.json", GOOD)
    assert main(["directory", "import", str(source), "--dry-run", "--db", str(new)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"There is no database at {new} yet; importing into a new one would do this:",
        "2 activities: 0 placed on the map, 2 with nothing to place them; 1 with times, 0 with "
        "a known cost.",
        "Would add 2, would update 0, skipped 0 unchanged.",
    ]
    assert list(tmp_path.iterdir()) == [source]  # no database, no backup
    # The real import then creates it, as before.
    assert main(["directory", "import", str(source), "--db", str(new)]) == 0
    assert new.exists()


def test_the_import_report_counts_what_matching_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A council-style file with postcodes only: placed by the bundled postcode areas.
    source = write(
        tmp_path / "feed.json",
        {
            "content": [
                {
                    "id": 1,
                    "name": "Riverside Bowls Club",
                    "locations": [{"name": "Riverside Green", "postal_code": "N7 6ZZ"}],
                    "regular_schedules": [
                        {"weekday": "Tuesday", "opens_at": "14:00", "closes_at": "16:00"}
                    ],
                },
                {
                    "id": 2,
                    "name": "Coffee Morning",
                    "locations": [{"name": "Hall", "postal_code": "E14 9XX"}],
                },
                {
                    "id": 3,
                    "name": "Knit Group",
                    "locations": [{"name": "Annexe", "postal_code": "not known"}],
                },
            ],
            "totalPages": 1,
            "number": 0,
            "last": True,
        },
    )
    assert (
        main(["directory", "import", str(source), "--dry-run", "--db", str(tmp_path / "d.db")]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(
        "3 activities: 2 placed on the map (2 only roughly, from the "
        "postcode), 1 with nothing to place them;"
    )
    assert out[2].startswith("Guessed by Navigator, to check in Review: categories (")
    assert out[2].endswith("map position (2).")
    assert out[3] == "In the file but not kept: postcode (1 record)."
    assert out[4] == "Would add 3, would update 0, skipped 0 unchanged."


@pytest.mark.parametrize("url", ["mysql://u@h/db", "oracle://u@h/db", "http://example.com/x"])
def test_databases_navigator_cannot_use_get_one_line(url: str, tmp_path: Path) -> None:
    code, _, err = run("directory", "export", str(tmp_path / "o.json"), "--db", url)
    assert code == 1
    assert err.startswith("navigator: Navigator works with SQLite files and PostgreSQL")
    assert err.count("\n") == 1
