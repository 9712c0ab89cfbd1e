"""The bundled sample directory: varied enough for matching, and resources.db built from it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from navigator.domain.directory import Delivery, Frequency, Gender, Status
from navigator.domain.taxonomy import CATEGORY_IDS
from navigator.formats.native import read_directory_file
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.conftest import BUNDLED_DB, SAMPLE_DIRECTORY

SAMPLE = read_directory_file(SAMPLE_DIRECTORY)
ACTIVE = [a for a in SAMPLE if a.status is Status.ACTIVE]


def test_resources_db_holds_exactly_the_sample_directory(tmp_path) -> None:
    copy = tmp_path / "resources.db"  # opening may migrate; never touch the bundled file
    copy.write_bytes(BUNDLED_DB.read_bytes())
    stored = DirectoryRepository(open_database(f"sqlite:///{copy}")).all_activities()
    assert stored == sorted(SAMPLE, key=lambda a: a.id)


def test_it_is_marked_as_sample_data() -> None:
    import json

    note = json.loads(SAMPLE_DIRECTORY.read_text(encoding="utf-8"))["note"]
    assert note.startswith("SAMPLE DATA")


def test_at_least_150_active_activities_covering_every_category() -> None:
    assert len(ACTIVE) >= 150
    per_category = Counter(c for a in ACTIVE for c in a.categories)
    assert set(per_category) == set(CATEGORY_IDS)


def test_it_has_the_variety_matching_must_cope_with() -> None:
    def count(predicate) -> int:
        return sum(1 for a in ACTIVE if predicate(a))

    year_ago = dt.date(2025, 11, 1)
    assert count(lambda a: a.cost is not None and a.cost.per_session_gbp == 0) >= 20
    assert count(lambda a: a.cost is not None and (a.cost.per_session_gbp or 0) > 0) >= 20
    assert count(lambda a: a.cost is not None and a.cost.concessions) >= 3
    assert count(lambda a: a.cost is not None and a.cost.free_taster) >= 3
    assert count(lambda a: a.mental_health_specific) >= 10
    assert count(lambda a: not a.mental_health_specific) >= 100
    assert count(lambda a: a.peer_led) >= 5
    assert count(lambda a: a.gender is Gender.WOMEN) >= 2
    assert count(lambda a: a.gender is Gender.MEN) >= 2
    assert count(lambda a: a.age_min is not None or a.age_max is not None) >= 5
    for language in ("bn", "so", "tr"):
        assert count(lambda a, lang=language: lang in a.languages) >= 2
    assert count(lambda a: a.venue is not None and a.venue.step_free is None) >= 5
    assert count(lambda a: a.delivery is Delivery.ONLINE) >= 3
    assert count(lambda a: a.delivery is Delivery.PHONE) >= 3
    for frequency in Frequency:
        assert count(lambda a, f=frequency: any(s.frequency is f for s in a.sessions)) >= 3
    assert count(lambda a: a.last_verified is not None and a.last_verified < year_ago) >= 5
    statuses = Counter(a.status for a in SAMPLE)
    assert statuses[Status.PAUSED] >= 2 and statuses[Status.ARCHIVED] >= 2


def test_resources_db_is_at_the_newest_schema() -> None:
    """Rebuild it after adding a migration, so a first start never has to migrate."""
    import sqlite3

    from navigator.store.database import head_revision

    with sqlite3.connect(f"file:{BUNDLED_DB}?mode=ro", uri=True) as connection:
        (revision,) = connection.execute("select version_num from alembic_version").fetchone()
    connection.close()
    assert revision == head_revision()
