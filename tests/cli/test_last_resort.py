"""The command's last resort (issue 14): a failure nobody foresaw, a bug or memory run out,
is still one line naming the file and what to do, status 1, never a traceback, and the
directory is as it was. The failures are made here by replacing one function deep inside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import navigator.store.repository as repository_module
from navigator.cli import main
from navigator.services.directory import DirectoryService
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository


def directory_file(path: Path, ids: list[str]) -> Path:
    activities = [{"id": i, "name": f"Choir {i}", "categories": ["music"]} for i in ids]
    path.write_text(
        json.dumps({"format": "navigator-directory", "version": 1, "activities": activities}),
        encoding="utf-8",
    )
    return path


def stored_names(db: Path) -> list[str]:
    database = open_database(f"sqlite:///{db}", create=False)
    try:
        return sorted(a.name for a in DirectoryRepository(database).all_activities())
    finally:
        database.close()


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in err[:-1]), repr(err)
    return err[:-1]


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    db = tmp_path / "d.db"
    assert (
        main(
            [
                "directory",
                "import",
                str(directory_file(tmp_path / "a.json", ["a1"])),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    return db


def test_a_bug_part_way_through_an_import_is_one_line_and_changes_nothing(
    directory: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # activity_values builds every row an import writes, on either backend.
    real = repository_module.activity_values
    calls: list[str] = []

    def fails_on_the_second_row(activity: Any, *args: Any) -> tuple[Any, ...]:
        calls.append(activity.id)
        if len(calls) == 2:
            raise ValueError("a bug\nwith a second line")
        return real(activity, *args)

    monkeypatch.setattr(repository_module, "activity_values", fails_on_the_second_row)
    source = directory_file(tmp_path / "more.json", ["b1", "b2", "b3"])
    capsys.readouterr()
    assert main(["directory", "import", str(source), "--db", str(directory)]) == 1
    out, err = capsys.readouterr()
    assert one_line(err) == (
        f"navigator: could not import {source}: unexpected error (ValueError); nothing was "
        "changed. Please report this with the file."
    )
    assert out == ""
    assert len(calls) == 2  # it failed part way through writing
    assert stored_names(directory) == ["Choir a1"]


def test_running_out_of_memory_is_one_line_too(
    directory: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def out_of_memory(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(DirectoryService, "parse_file", out_of_memory)
    source = directory_file(tmp_path / "big.json", ["c1"])
    capsys.readouterr()
    assert main(["directory", "import", str(source), "--db", str(directory)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"navigator: could not import {source}: there was not enough memory; nothing was "
        "changed. Close other programs and try again."
    )
    assert stored_names(directory) == ["Choir a1"]


def test_control_characters_in_the_file_name_are_escaped(
    directory: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def bug(*_args: object, **_kwargs: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(DirectoryService, "parse_file", bug)
    source = directory_file(tmp_path / "odd\x1b[2J\rname\u2028.json", ["d1"])
    capsys.readouterr()
    assert main(["directory", "import", str(source), "--db", str(directory)]) == 1
    line = one_line(capsys.readouterr().err)
    assert (
        f"could not import {tmp_path}/odd\\x1b[2J\\rname\\u2028.json: unexpected error (KeyError)"
        in line
    )


def test_an_export_and_a_match_name_their_file_and_ask_for_no_personal_details(
    directory: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def bug(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(DirectoryService, "export_file", bug)
    target = tmp_path / "out.json"
    assert main(["directory", "export", str(target), "--db", str(directory)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"navigator: could not export the directory to {target}: unexpected error "
        "(RuntimeError); nothing was changed. Please report this."
    )
    assert not target.exists()

    from navigator.services import matching

    monkeypatch.setattr(matching.MatchService, "match_profile", bug)
    profile = tmp_path / "person.json"
    profile.write_text(
        json.dumps({"format": "navigator-profile", "version": 1, "interests": ["music"]}),
        encoding="utf-8",
    )
    assert main(["match", "--profile", str(profile), "--db", str(directory)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"navigator: could not match the profile in {profile}: unexpected error "
        "(RuntimeError); nothing was changed. Please report this, without the person's details."
    )
