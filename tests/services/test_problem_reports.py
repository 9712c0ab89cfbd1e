"""A follow-up that finds an entry closed or at the wrong time reaches the review queue as a
problem report, saying nothing about who found it; profile files open and save with one
sentence when they cannot."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.domain.people import ActivityFlag, StopReason
from navigator.domain.profile import Profile
from navigator.domain.reports import FOUND_AT_FOLLOW_UP, ProblemKind
from navigator.services.directory import DirectoryService
from navigator.services.profile_files import (
    ProfileFileError,
    open_profile_file,
    save_profile_file,
)
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.ui.conftest import ACTIVITIES

FOUND_ON = dt.date(2026, 11, 20)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[DirectoryService]:
    database = open_database(f"sqlite:///{tmp_path / 'directory.db'}")
    repository = DirectoryRepository(database)
    repository.import_activities(ACTIVITIES)
    yield DirectoryService(repository)
    database.close()


@pytest.mark.parametrize(
    ("reason", "kind"),
    [(StopReason.CLOSED, ProblemKind.CLOSED), (StopReason.WRONG_TIME, ProblemKind.WRONG_TIME)],
)
def test_a_follow_up_flag_becomes_an_anonymous_report(
    service: DirectoryService, reason: StopReason, kind: ProblemKind
) -> None:
    activity_id = ACTIVITIES[0].id
    service.report_flag(ActivityFlag(activity_id, reason, FOUND_ON))
    [report] = service.open_reports()
    assert (report.activity_id, report.kinds, report.note, report.reported_on) == (
        activity_id,
        (kind,),
        FOUND_AT_FOLLOW_UP,
        FOUND_ON,
    )


def test_a_profile_file_round_trips(tmp_path: Path) -> None:
    profile = dataclasses.replace(Profile(), reference="AB-12", interests=("gardening",), age=34)
    save_profile_file(tmp_path / "ab.json", profile)
    assert open_profile_file(tmp_path / "ab.json") == profile


def test_a_bad_profile_file_is_one_sentence_and_a_failed_save_changes_nothing(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileFileError, match=r"^bad\.json could not be opened: "):
        open_profile_file(bad)
    with pytest.raises(ProfileFileError, match=r"^The profile could not be saved: "):
        save_profile_file(tmp_path / "no such folder" / "ab.json", Profile())
    assert not (tmp_path / "no such folder").exists()
