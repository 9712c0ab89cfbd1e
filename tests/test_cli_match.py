"""`navigator match` as FORMATS.md §3 and §5 describe it: one profile or a JSON Lines batch,
JSON or text, precise messages for bad profiles, and the directory loaded once per batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.store.repository import DirectoryRepository
from tests.conftest import BUNDLED_DB

NOW = "2026-11-24T09:00"
PROFILE = {
    "format": "navigator-profile",
    "version": 1,
    "reference": "AB-0042",
    "location": {"postcode": "N7 6PA"},
    "max_distance_km": 3.0,
    "interests": ["gardning"],
    "max_cost_gbp": 0,
    "setting": "avoid_mental_health",
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    copy = tmp_path / "directory.db"
    shutil.copyfile(BUNDLED_DB, copy)
    return str(copy)


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_match(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["match", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_match_result_has_the_documented_shape(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "p.json", PROFILE)
    code, out, err = run_match(
        capsys, "--profile", str(profile), "--db", db, "--now", NOW, "--top", "5"
    )
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["format"], result["version"], result["reference"]) == (
        "navigator-matches",
        1,
        "AB-0042",
    )
    assert len(result["results"]) == 5
    assert [r["rank"] for r in result["results"]] == [1, 2, 3, 4, 5]
    first = result["results"][0]
    assert set(first) >= {
        "rank",
        "id",
        "name",
        "score",
        "distance_km",
        "next_session",
        "reasons",
        "cautions",
    }
    assert 0 <= first["score"] <= 1
    assert first["next_session"] >= NOW
    assert any("gardening" in reason for reason in first["reasons"])
    assert all(r["distance_km"] is None or r["distance_km"] <= 3 for r in result["results"])
    assert result["excluded"] > 0
    for miss in result["near_misses"]:
        assert len(miss["failed"]) == 1 and miss["detail"]


def test_text_output_reads_as_a_list(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "p.json", PROFILE)
    code, out, _ = run_match(
        capsys,
        "--profile",
        str(profile),
        "--db",
        db,
        "--now",
        NOW,
        "--format",
        "text",
        "--top",
        "3",
    )
    assert code == 0
    assert "\n1. " in out and "\n3. " in out and "\n4. " not in out
    assert "Matches your interest in gardening" in out


def test_a_batch_loads_the_directory_once_and_answers_line_by_line(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = []
    original = DirectoryRepository.all_activities

    def counted(self: DirectoryRepository) -> list:
        loads.append(1)
        return original(self)

    monkeypatch.setattr(DirectoryRepository, "all_activities", counted)
    lines = [
        dict(PROFILE, reference=f"P-{i}", interests=[word])
        for i, word in enumerate(["choir", "football", "cooking"])
    ]
    batch = tmp_path / "people.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    code, out, _ = run_match(capsys, "--profiles", str(batch), "--db", db, "--now", NOW)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["reference"] for r in results] == ["P-0", "P-1", "P-2"]
    assert len(loads) == 1


def test_a_bad_line_in_a_batch_is_named_and_nothing_is_printed(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "people.jsonl"
    batch.write_text(
        json.dumps(PROFILE) + "\n" + json.dumps(dict(PROFILE, age="old")) + "\n", encoding="utf-8"
    )
    code, out, err = run_match(capsys, "--profiles", str(batch), "--db", db)
    assert (code, out) == (1, "")
    assert err == 'navigator: people.jsonl line 2: age: "old" is not a whole number\n'


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"goals": ["meet_people", "friends"]},
            'goals[1]: "friends" is not a goal id; did you mean "meet_people"?',
        ),
        (
            {"format": "navigator-directory"},
            'format: expected "navigator-profile", found "navigator-directory"',
        ),
        # Northern Ireland is not in the bundled (GB) postcode data.
        ({"location": {"postcode": "BT1 1AA"}}, 'location.postcode: cannot place "BT1 1AA"'),
    ],
)
def test_bad_profiles_get_a_precise_one_line_message(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], change: dict, message: str
) -> None:
    profile = write(tmp_path / "p.json", {**PROFILE, **change})
    code, out, err = run_match(capsys, "--profile", str(profile), "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith(f"navigator: {message}")
    assert err.count("\n") == 1


def test_near_misses_and_also_nearby_in_the_json(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = write(tmp_path / "p.json", PROFILE)
    code, out, _ = run_match(capsys, "--profile", str(profile), "--db", db, "--now", NOW)
    assert code == 0
    result = json.loads(out)
    # The published near-miss fields, then the added ones: fit, and the handout's fact.
    misses = result["near_misses"]
    assert misses and len(misses) <= 10
    for miss in misses:
        assert {"id", "name", "failed", "detail", "fit", "fact"} <= set(miss)
        assert miss["fit"] >= 0.4  # a gardening interest: each fits it (the floor)
    # Grouped: each kind of miss together.
    kinds = [m["failed"][0] for m in misses]
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert len(runs) == len(set(runs))
    # The relevance floor: the rest that fit every need are counted, a few named.
    assert result["unrelated"] > 0 and 0 < len(result["also_nearby"]) <= 3
    assert not {r["id"] for r in result["results"]} & {r["id"] for r in result["also_nearby"]}
