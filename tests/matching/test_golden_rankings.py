"""Golden rankings: the engine's whole output for fixed directories and profiles is what it
was when tests/matching/golden/ was written (before the snapshot build was reworked for
national scale, issue 17). Any change to how the snapshot is built or stored must leave every
ranking, score, reason and near miss as it was.

If one of these fails after a deliberate change to the ranking itself, look at the diff,
say why the new answer is right, and only then rewrite the files with
`python -m tests.matching.golden_cases`.

CHANGED lists the reports issue 17 changed on purpose, each with why; their new output is in
golden/changed.json, and the test checks both that it is the new output and that it differs
from the golden file (kept as the code before wrote it), so the change stays visible until
it is accepted.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .golden_cases import CASES, GOLDEN_DIR, golden_path, outputs

# (case, profile reference) -> why its report changed.
CHANGED: dict[tuple[str, str], str] = {
    ("generated-6000-1a", "GOLD-000"): (
        "interest 'Ultoray' (a community centre's name, typed exactly) no longer matches "
        "'Ultorley Wander Workshop': proper nouns are looked up exactly (issue 17, item 1)"
    ),
    ("generated-6000-1a", "GOLD-029"): (
        "interest 'Lanmorul' no longer matches 'Lanmor Crisis Cafe Circle', nor the others "
        "named after another place whose name is spelt a little like it (issue 17, item 1)"
    ),
}
CHANGED_FILE = GOLDEN_DIR / "changed.json"


def _first_difference(expected: Any, actual: Any, where: str = "") -> str | None:
    """A path to the first place two JSON values differ, for a readable failure."""
    if type(expected) is not type(actual):
        return f"{where}: {expected!r} != {actual!r}"
    if isinstance(expected, dict):
        for k in sorted(set(expected) | set(actual)):
            if k not in expected or k not in actual:
                return f"{where}.{k}: only in one of them"
            found = _first_difference(expected[k], actual[k], f"{where}.{k}")
            if found:
                return found
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return f"{where}: {len(expected)} items != {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = _first_difference(e, a, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if expected == actual else f"{where}: {expected!r} != {actual!r}"


@pytest.mark.parametrize("name", list(CASES))
def test_rankings_match_the_golden_file(name: str) -> None:
    expected = json.loads(golden_path(name).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(outputs(name), ensure_ascii=False, sort_keys=True))
    changed = json.loads(CHANGED_FILE.read_text(encoding="utf-8"))
    assert len(expected) == len(actual)
    for before, now in zip(expected, actual, strict=True):
        where = f"{name} {before['reference']}"
        if (name, before["reference"]) in CHANGED:
            assert before != now, f"{where} is listed as changed but is as it was"
            assert _first_difference(changed[where], now, where) is None
        else:
            assert _first_difference(before, now, where) is None


def test_every_listed_change_has_its_new_output() -> None:
    changed = json.loads(CHANGED_FILE.read_text(encoding="utf-8"))
    assert set(changed) == {f"{name} {reference}" for name, reference in CHANGED}


def test_the_golden_files_exercise_the_engine() -> None:
    # A golden file of empty reports would hold for any engine: make sure these have
    # results, near misses, typo matches and description words in them.
    reports = [r for name in CASES for r in json.loads(golden_path(name).read_text("utf-8"))]
    assert sum(len(r["results"]) for r in reports) > 300
    assert sum(len(r["near_misses"]) for r in reports) > 150
    assert any("gardning" in r["interests"] and r["results"] for r in reports)
    assert sum(1 for r in reports if r["also_nearby"]) > 5
