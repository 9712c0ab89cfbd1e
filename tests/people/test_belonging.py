"""The belonging question on an outcome review (issue 16, item 6): the domain checks the
answer, the people store keeps it (p0004) and the person's export carries it. No Qt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from navigator.domain.people import BELONGING_ANSWERS, OutcomeRecord
from navigator.domain.profile import Profile
from navigator.services.people import PeopleService
from tests.people.conftest import TODAY

REF = "BL-01"


def test_an_answer_is_one_of_the_four() -> None:
    assert sorted(BELONGING_ANSWERS) == [1, 2, 3, 4]
    for wrong in (0, 5, -1):
        with pytest.raises(ValueError, match="Belonging"):
            OutcomeRecord(TODAY, belonging=wrong)


def test_the_store_keeps_the_answer_and_the_export_carries_it(
    service: PeopleService, store_path: Path, tmp_path: Path
) -> None:
    service.create_from_profile(Profile(), reference=REF)
    service.record_outcome(REF, OutcomeRecord(TODAY, (2, 2, 2), belonging=3))
    [outcome] = service.person(REF).outcomes
    assert outcome.belonging == 3
    with sqlite3.connect(store_path) as db:
        (version,) = db.execute("select version_num from people_schema_version").fetchone()
        (stored,) = db.execute("select belonging from outcomes").fetchone()
    db.close()
    assert version >= "p0004" and stored == 3
    path = tmp_path / "export.json"
    service.export_person(REF, path)
    [exported] = json.loads(path.read_text())["outcomes"]
    assert exported["belonging"] == 3


def test_a_review_without_the_question_keeps_none(service: PeopleService) -> None:
    service.create_from_profile(Profile(), reference=REF)
    service.record_outcome(REF, OutcomeRecord(TODAY, (2, 2, 2)))
    assert service.person(REF).outcomes[0].belonging is None
